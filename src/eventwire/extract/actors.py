"""Actor resolution (minimal country/demonym/capital resolver behind the stable interface).

Interface used by the other extractors:
- ``resolve_actors(doc, kb, date) -> list[ActorMention]``: every actor mention, token offsets;
- ``actor_at(doc, token_index) -> ActorMention | None``: the mention covering a token;
- ``actors_at(doc, token_index) -> list[ActorMention]``: all of them (plural references have several);
- ``entities(doc, mentions) -> list[Entity]``: NER entities with their actor and aliases.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from ..knowledge import load_yaml, require
from ..records import Actor, Entity


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int  # first token index
    end: int  # token index after the last
    actor: Actor
    label: str = "ACTOR"
    aliases: tuple[str, ...] = ()
    kind: str = "name"  # name | composed | metonym | coref | pronoun | plural


@dataclass(frozen=True, slots=True)
class ActorKB:
    forms: dict[str, tuple[str, str, str | None]]  # lower form -> (iso3, canonical name, sector)
    max_words: int


def load_actor_kb() -> ActorKB:
    data: Any = load_yaml("actors/countries.yaml")
    forms: dict[str, tuple[str, str, str | None]] = {}
    for entry in data["countries"]:
        require(entry, {"iso3": str, "name": str, "names": list}, where="actors/countries.yaml")
        for form in entry.get("names", []) + entry.get("adjectives", []):
            forms[form.lower()] = (entry["iso3"], entry["name"], None)
        for form in entry.get("capitals", []):
            forms[form.lower()] = (entry["iso3"], entry["name"], "GOV")
    return ActorKB(forms=forms, max_words=max(len(f.split()) for f in forms))


def resolve_actors(doc: Doc, kb: ActorKB, date: str | None = None) -> list[ActorMention]:
    """Longest match of known country forms over the tokens."""
    mentions: list[ActorMention] = []
    i = 0
    n = len(doc)
    while i < n:
        found = None
        for size in range(min(kb.max_words, n - i), 0, -1):
            span = doc[i : i + size]
            key = span.text.lower()
            if key in kb.forms:
                found = (span, kb.forms[key])
                break
        if found is None:
            i += 1
            continue
        span, (iso3, name, sector) = found
        code = iso3 + (sector or "")
        actor = Actor(span.text, span.start_char, span.end_char, code, iso3, sector, name)
        mentions.append(ActorMention(span.start, span.end, actor, kind="metonym" if sector else "name"))
        i = span.end
    return mentions


def actors_at(doc: Doc, token_index: int) -> list[ActorMention]:
    """All mentions covering a token (a plural reference such as "the two countries" has several)."""
    return [m for m in doc._.ew_actors or () if m.start <= token_index < m.end]


def actor_at(doc: Doc, token_index: int) -> ActorMention | None:
    found = actors_at(doc, token_index)
    return found[0] if found else None


def entities(doc: Doc, mentions: list[ActorMention]) -> list[Entity]:
    by_span = {(m.start, m.end): m for m in mentions}
    out: list[Entity] = []
    for ent in doc.ents:
        mention = by_span.get((ent.start, ent.end))
        if mention is None:
            mention = next((m for m in mentions if ent.start <= m.start and m.end <= ent.end), None)
        out.append(Entity(ent.text, ent.start_char, ent.end_char, ent.label_,
                          mention.actor if mention else None, mention.aliases if mention else ()))
    return out
