"""spaCy component ``eventwire_events``: attaches events records to the Doc."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .base import ExtractorComponent


class EventsComponent(ExtractorComponent):
    def run(self, doc: Doc) -> None:
        doc._.ew_events = []


@Language.factory("eventwire_events", default_config={})
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent(name)
