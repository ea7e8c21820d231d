"""spaCy component ``eventwire_places``: attaches resolved toponyms (``list[Place]``) to the Doc."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..extract.places import extract_places
from ..knowledge.gazetteer import load_gazetteer
from .base import ExtractorComponent


class PlacesComponent(ExtractorComponent):
    def load_knowledge(self) -> Any:
        return load_gazetteer()  # cached per process: workers pay the ~2 s once

    def run(self, doc: Doc) -> None:
        doc._.ew_places = extract_places(doc, gazetteer=self.knowledge)


@Language.factory("eventwire_places", default_config={})
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent(name)
