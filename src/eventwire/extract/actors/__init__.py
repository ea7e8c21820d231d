"""Actors: every actor mention in a parsed Doc, with a CAMEO code valid on the story date.

``resolve`` runs the resolution (dictionary matches, ``compose``, ``coref``, ``alias``);
``types`` holds what they share; ``check`` validates the knowledge files (``lexicon check``).
See docs/actors.md.
"""

from .resolve import (
    Resolution,
    actor_at,
    actors_at,
    entities,
    load_actor_kb,
    resolve_actors,
    resolve_document,
    resolve_with_learned,
)
from .types import ActorMention, Context, Piece, make_actor, with_actor

__all__ = [
    "ActorMention",
    "Context",
    "Piece",
    "Resolution",
    "actor_at",
    "actors_at",
    "entities",
    "load_actor_kb",
    "make_actor",
    "resolve_actors",
    "resolve_document",
    "resolve_with_learned",
    "with_actor",
]
