"""spaCy component ``eventwire_times``: attaches times records to the Doc."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .base import ExtractorComponent


class TimesComponent(ExtractorComponent):
    def run(self, doc: Doc) -> None:
        doc._.ew_times = []


@Language.factory("eventwire_times", default_config={})
def make_times(nlp: Language, name: str) -> TimesComponent:
    return TimesComponent(name)
