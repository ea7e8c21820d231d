"""spaCy component ``eventwire_places``: attaches places records to the Doc."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .base import ExtractorComponent


class PlacesComponent(ExtractorComponent):
    def run(self, doc: Doc) -> None:
        doc._.ew_places = []


@Language.factory("eventwire_places", default_config={})
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent(name)
