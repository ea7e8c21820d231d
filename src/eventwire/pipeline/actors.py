"""spaCy component ``eventwire_actors``: resolves actor mentions, entities and learnable compositions.

Sets ``doc._.ew_actors`` (list of ActorMention), ``doc._.ew_entities`` (list of Entity),
``doc._.ew_learned`` (dicts for resolutions composed from a full name plus a role) and
``doc._.ew_roles`` (roles no actor anchors, for the events coder only).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extract.actors import entities, load_actor_kb, resolve_document
from ..knowledge.actors_kb import ActorKB
from .base import ExtractorComponent


class ActorsComponent(ExtractorComponent):
    def __init__(
        self,
        name: str,
        *,
        learned_actors: str | None = None,
        actors: str | None = None,
        agents: str | None = None,
    ) -> None:
        super().__init__(name)
        self.learned_actors = learned_actors
        self.actors = actors  # PETRARCH actor dictionary replacing the packaged knowledge
        self.agents = agents  # PETRARCH agent dictionary replacing the packaged agents

    def load_knowledge(self) -> ActorKB:
        return load_actor_kb(learned=self.learned_actors, actors=self.actors, agents=self.agents)

    def run(self, doc: Doc) -> None:
        ents = doc.ents  # spaCy rebuilds doc.ents on every access: read it once
        found = resolve_document(doc, self.knowledge, doc._.ew_date, ents=ents)
        doc._.ew_actors = found.mentions
        doc._.ew_roles = found.roles
        doc._.ew_entities = entities(doc, found.mentions, ents=ents, kb=self.knowledge)
        doc._.ew_learned = found.learned


@Language.factory(
    "eventwire_actors", default_config={"learned_actors": None, "actors": None, "agents": None}
)
def make_actors(
    nlp: Language,
    name: str,
    learned_actors: str | None,
    actors: str | None,
    agents: str | None,
) -> ActorsComponent:
    return ActorsComponent(name, learned_actors=learned_actors, actors=actors, agents=agents)
