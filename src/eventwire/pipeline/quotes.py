"""spaCy component ``eventwire_quotes``: attaches quotes records to the Doc."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .base import ExtractorComponent


class QuotesComponent(ExtractorComponent):
    def run(self, doc: Doc) -> None:
        doc._.ew_quotes = []


@Language.factory("eventwire_quotes", default_config={})
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent(name)
