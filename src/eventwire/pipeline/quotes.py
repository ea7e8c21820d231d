"""spaCy component ``eventwire_quotes``: attaches quote records (``doc._.ew_quotes``) to the Doc.

Runs after the actors component and passes its mentions (``doc._.ew_actors``) to the extractor,
so that speakers resolve to actors.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extract.quotes import CueLexicon, extract_quotes, load_cue_lexicon
from .base import ExtractorComponent


class QuotesComponent(ExtractorComponent):
    def load_knowledge(self) -> CueLexicon:
        return load_cue_lexicon()

    def run(self, doc: Doc) -> None:
        doc._.ew_quotes = extract_quotes(doc, self.knowledge, actors=doc._.ew_actors or ())


@Language.factory("eventwire_quotes", default_config={})
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent(name)
