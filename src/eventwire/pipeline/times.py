"""spaCy component ``eventwire_times``: time expressions (TimeML values) on ``doc._.ew_times``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extract.times import Vocabulary, extract_times, load_vocabulary
from .base import ExtractorComponent


class TimesComponent(ExtractorComponent):
    def load_knowledge(self) -> Vocabulary:
        return load_vocabulary()

    def run(self, doc: Doc) -> None:
        _ = self.knowledge  # loaded (and validated) once, before the first document
        doc._.ew_times = extract_times(doc)


@Language.factory("eventwire_times", default_config={})
def make_times(nlp: Language, name: str) -> TimesComponent:
    return TimesComponent(name)
