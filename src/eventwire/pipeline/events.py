"""spaCy component ``eventwire_events``: codes events and attaches them to the Doc.

The coder (``extract.events``) gives each event the document date with precision
``"publication"`` and no location; ``date_events`` and ``locate_events`` then date and
place each event from its own words.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extract.events import CoderKnowledge, extract_events, load_coder_knowledge
from ..extract.events.dates import date_events
from ..extract.events.places import locate_events
from .base import ExtractorComponent


class EventsComponent(ExtractorComponent):
    def load_knowledge(self) -> CoderKnowledge:
        return load_coder_knowledge()

    def run(self, doc: Doc) -> None:
        events = extract_events(doc, self.knowledge)
        events = date_events(doc, events)
        doc._.ew_events = locate_events(doc, events)


@Language.factory("eventwire_events", default_config={})
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent(name)
