"""spaCy component ``eventwire_actors``: resolves actor mentions and entities."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extract.actors import ActorKB, entities, load_actor_kb, resolve_actors
from .base import ExtractorComponent


class ActorsComponent(ExtractorComponent):
    def load_knowledge(self) -> ActorKB:
        return load_actor_kb()

    def run(self, doc: Doc) -> None:
        mentions = resolve_actors(doc, self.knowledge, doc._.ew_date)
        doc._.ew_actors = mentions
        doc._.ew_entities = entities(doc, mentions)


@Language.factory("eventwire_actors", default_config={})
def make_actors(nlp: Language, name: str) -> ActorsComponent:
    return ActorsComponent(name)
