"""Building the actor knowledge base: our files (:mod:`.actors_kb`) plus the converted
dictionaries (:mod:`.actors_dict`), compiled once per process.

It sits above both modules so that neither imports the other back.
"""

from __future__ import annotations

import gc
import logging
from functools import lru_cache

from .actors_dict import add_dictionaries
from .actors_kb import (
    ActorKB,
    _add_learned,
    _load_agents,
    _load_countries,
    _load_igos,
    _load_language_lists,
    _load_people,
    _load_regions,
    load_learned_table,
)

log = logging.getLogger(__name__)


def build_kb(
    *,
    learned: str | None = None,
    actors: str | None = None,
    agents: str | None = None,
    dictionaries: bool = True,
) -> ActorKB:
    """The actor knowledge base.

    Default: our files under ``data/actors/`` (they win where a form overlaps) plus the converted
    dictionaries under ``data/dictionaries/`` (Phoenix actors and agents, Wikidata heads).
    With ``actors`` and/or ``agents`` (PETRARCH text files or converted JSON): those dictionaries
    only (the packaged Phoenix file stands in for the one not given), as PETRARCH would use them.
    ``dictionaries=False``: our files only (what ``lexicon check`` validates).
    """
    enabled = gc.isenabled()
    gc.disable()  # ~100k long-lived objects: collections while building would only slow it down
    try:
        return _build(learned, actors, agents, dictionaries)
    finally:
        if enabled:
            gc.enable()


def _build(
    learned: str | None, actors: str | None, agents: str | None, dictionaries: bool
) -> ActorKB:
    kb = ActorKB()
    if actors or agents:
        kb.swapped = True
        _load_language_lists(kb)
        add_dictionaries(kb, actors=actors, agents=agents, heads=None)
    else:
        _load_countries(kb)
        _load_regions(kb)
        _load_igos(kb)
        _load_agents(kb)
        _load_people(kb)
        kb.stats["ours"] = sum(len(v) for v in kb.forms.values())
        if dictionaries:
            add_dictionaries(kb)
    if learned:
        _add_learned(kb, load_learned_table(learned))
    log.debug("actor KB: %d forms, %d people", len(kb.forms), len(kb.people))
    return kb


@lru_cache(maxsize=8)  # compiled once per process (per learned table and dictionary set)
def cached_kb(
    learned: str | None = None, actors: str | None = None, agents: str | None = None
) -> ActorKB:
    return build_kb(learned=learned, actors=actors, agents=agents)
