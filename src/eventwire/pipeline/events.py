"""spaCy component ``eventwire_events``: codes events and attaches them to the Doc.

The coder (``extract.events``) gives each event the document date with precision
``"publication"`` and no location; ``date_events`` and ``locate_events`` then date and
place each event from its own words, and ``score_events`` sets ``confidence`` to the
calibrated probability that the event is right (``data/models/confidence.json``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ..extract.events import CoderKnowledge, extract_events, load_coder_knowledge
from ..extract.events.confidence import ConfidenceModel, load_confidence_model, score_events
from ..extract.events.dates import date_events
from ..extract.events.places import locate_events
from .base import ExtractorComponent


@dataclass(frozen=True, slots=True)
class EventsKnowledge:
    coder: CoderKnowledge
    confidence: ConfidenceModel


class EventsComponent(ExtractorComponent):
    def __init__(self, name: str, *, verbs: str | None = None, discards: str | None = None) -> None:
        super().__init__(name)
        self.verbs = verbs
        self.discards = discards

    def load_knowledge(self) -> EventsKnowledge:
        return EventsKnowledge(
            load_coder_knowledge(self.verbs, self.discards), load_confidence_model()
        )

    def run(self, doc: Doc) -> None:
        places = doc._.ew_places or []
        knowledge: EventsKnowledge = self.knowledge
        events = extract_events(
            doc,
            knowledge.coder,
            actors=doc._.ew_actors or [],
            places=places,
            roles=doc._.ew_roles or [],
        )
        events = date_events(doc, events, times=doc._.ew_times or [])
        events = locate_events(doc, events, places=places)
        doc._.ew_events = score_events(doc, events, knowledge.confidence, places=places)


@Language.factory("eventwire_events", default_config={"verbs": None, "discards": None})
def make_events(
    nlp: Language, name: str, verbs: str | None, discards: str | None
) -> EventsComponent:
    """``verbs``/``discards``: PETRARCH-format dictionary files replacing the shipped ones."""
    return EventsComponent(name, verbs=verbs, discards=discards)
