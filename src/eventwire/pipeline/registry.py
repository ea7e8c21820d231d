"""The extractor registry: one :class:`ExtractorSpec` per extractor, and the run order they imply.

A spec says everything the rest of eventwire needs to know about an extractor: its name, the
spaCy factory that runs it (and the module whose import registers that factory), which
extractors it runs after, the record type it emits, the ``Doc`` attribute holding its records,
the base spaCy components it needs, the dictionary settings its component takes, how its rows
reach the store and the functions that check its knowledge files. Pipeline loading
(:mod:`.load`), settings validation (:mod:`eventwire.config`), ``eventwire lexicon check``,
annotation assembly and the store all read the specs; the run order is a topological sort of
``after``.

The five built-in extractors are registered below. Adding one is one folder plus one spec::

    register_extractor(ExtractorSpec(
        name="wordcount", factory="eventwire_wordcount", module="mypkg.component",
        record=WordCount, doc_attr="ew_wordcount", after=("actors",),
        store=StoreTable(name="wordcounts", columns=(("word", "VARCHAR"), ("n", "INTEGER")),
                         row=lambda r: {"word": r.word, "n": r.n}),
    ))

An installed package may also offer specs under the entry point group ``eventwire.extractors``.
See docs/extending.md. This module is light on purpose (no spaCy, no extractor code): settings
validation imports it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError, Errors
from ..plugins import load_entry_points
from ..records import Entity, Event, Place, Quote, TimeExpression

ENTRY_POINT_GROUP = "eventwire.extractors"

PARSE = frozenset({"tok2vec", "tagger", "attribute_ruler", "parser", "ner"})
PARSE_LEMMA = PARSE | {"lemmatizer"}


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreTable:
    """How the records of a new kind reach the store: one table, one row per record.

    The store adds ``doc_id VARCHAR`` and ``idx INTEGER`` (the record's position in its document)
    before ``columns`` and creates the table the first time it receives rows.
    """

    name: str
    columns: tuple[tuple[str, str], ...]  # (column, DuckDB type)
    row: Callable[[Any], dict[str, Any]]  # record -> {column: value}


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractorSpec:
    """One extractor, as the pipeline, the annotator, the store and ``lexicon check`` see it."""

    name: str
    factory: str  # spaCy factory name
    module: str | None  # module whose import registers the factory (None: already registered)
    record: type  # the record type it emits
    doc_attr: str  # the Doc extension holding its records (list of ``record``)
    after: tuple[str, ...] = ()  # extractors whose results it takes (they run first when selected)
    base_needs: frozenset[str] = PARSE  # base spaCy components it needs; the others are disabled
    dictionaries: tuple[str, ...] = ()  # dictionary settings its component config takes
    # built-in kinds: the Annotation field they fill and the store tables store/rows.py writes;
    # a new kind leaves ``field`` None (its records go to ``Annotation.records[name]``) and
    # gives ``store`` (or nothing: then its records are annotated but not stored)
    field: str | None = None
    tables: tuple[str, ...] = ()
    store: StoreTable | None = None
    checks: tuple[str, ...] = ()  # "module:function" returning a list of problems (lexicon check)


_REGISTRY: dict[str, ExtractorSpec] = {}
_plugins_loaded = False


def register_extractor(spec: ExtractorSpec, *, replace: bool = False) -> ExtractorSpec:
    """Adds an extractor; a taken name is refused unless ``replace``; ``after`` must be known."""
    if spec.name in _REGISTRY and not replace:
        raise ConfigError(
            Errors.E202, name="extractor", value=spec.name, reason="already registered"
        )
    known = set(_REGISTRY) | {spec.name}
    missing = [a for a in spec.after if a not in known]
    if missing:
        raise ConfigError(
            Errors.E202,
            name=f"extractor {spec.name} after",
            value=missing,
            reason=f"unknown extractor; known: {', '.join(sorted(known))}",
        )
    previous = _REGISTRY.get(spec.name)
    _REGISTRY[spec.name] = spec
    try:
        run_order()
    except ConfigError:
        if previous is None:
            del _REGISTRY[spec.name]
        else:
            _REGISTRY[spec.name] = previous
        raise
    return spec


def unregister_extractor(name: str) -> None:
    """Removes an extractor (tests, plugins replacing a built-in); unknown names are ignored."""
    _REGISTRY.pop(name, None)


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    load_entry_points(ENTRY_POINT_GROUP, ExtractorSpec, register_extractor)


def extractors() -> dict[str, ExtractorSpec]:
    """Every registered extractor by name, in registration order (built-ins first)."""
    _load_plugins()
    return dict(_REGISTRY)


def get_extractor(name: str) -> ExtractorSpec:
    found = extractors().get(name)
    if found is None:
        raise ConfigError(
            Errors.E202,
            name="extractors",
            value=name,
            reason=f"unknown extractor; known: {', '.join(extractors())}",
        )
    return found


def run_order(names: Iterable[str] | None = None) -> tuple[str, ...]:
    """The selected extractors (all when None) in an order where each runs after its ``after``.

    A stable topological sort: among extractors free to run, registration order decides. An
    ``after`` naming an unselected extractor only orders, it does not add it.
    """
    specs = dict(_REGISTRY)
    chosen = list(specs) if names is None else [n for n in specs if n in set(names)]
    unknown = sorted(set(names or ()) - set(specs))
    if unknown:
        raise ConfigError(
            Errors.E202,
            name="extractors",
            value=unknown,
            reason=f"known: {', '.join(specs)}",
        )
    done: list[str] = []
    pending = list(chosen)
    while pending:
        ready = [n for n in pending if all(a in done or a not in chosen for a in specs[n].after)]
        if not ready:
            raise ConfigError(
                Errors.E202, name="extractors", value=pending, reason="their 'after' form a cycle"
            )
        done.append(ready[0])
        pending.remove(ready[0])
    return tuple(done)


def load_check(ref: str) -> Callable[[], list[str]]:
    """The checker a ``"module:function"`` reference names."""
    module, _, func = ref.partition(":")
    fn: Callable[[], list[str]] = getattr(importlib.import_module(module), func)
    return fn


def check_refs() -> list[tuple[str, str]]:
    """``(extractor, "module:function")`` for every knowledge check, in run order."""
    specs = extractors()
    return [(name, ref) for name in run_order() for ref in specs[name].checks]


BUILTINS = (
    ExtractorSpec(
        name="actors",
        factory="eventwire_actors",
        module="eventwire.pipeline.actors",
        record=Entity,
        doc_attr="ew_entities",
        dictionaries=("actors", "agents"),
        field="entities",
        tables=("entities", "actors", "actor_observations"),
        checks=("eventwire.extract.actors.check:check_knowledge",),
    ),
    ExtractorSpec(
        name="times",
        factory="eventwire_times",
        module="eventwire.pipeline.times",
        record=TimeExpression,
        doc_attr="ew_times",
        base_needs=PARSE_LEMMA,
        field="times",
        tables=("times",),
        checks=("eventwire.extract.times:check_knowledge",),
    ),
    ExtractorSpec(
        name="places",
        factory="eventwire_places",
        module="eventwire.pipeline.places",
        record=Place,
        doc_attr="ew_places",
        base_needs=PARSE,  # the parse: demonyms as places
        field="places",
        tables=("places",),
        checks=("eventwire.extract.places:check_knowledge",),
    ),
    ExtractorSpec(
        name="events",
        factory="eventwire_events",
        module="eventwire.pipeline.events",
        record=Event,
        doc_attr="ew_events",
        after=("actors", "times", "places"),
        base_needs=PARSE_LEMMA,
        dictionaries=("verbs", "discards"),
        field="events",
        tables=("events", "actors"),
        checks=(
            "eventwire.taxonomy:check_knowledge",
            "eventwire.pipeline.checks:check_event_lexicon",
            "eventwire.knowledge.verbdict:check_knowledge",
        ),
    ),
    ExtractorSpec(
        name="quotes",
        factory="eventwire_quotes",
        module="eventwire.pipeline.quotes",
        record=Quote,
        doc_attr="ew_quotes",
        after=("actors",),
        base_needs=PARSE_LEMMA,
        field="quotes",
        tables=("quotes", "actors"),
    ),
)
BUILTIN_NAMES = tuple(spec.name for spec in BUILTINS)

for _spec in BUILTINS:
    register_extractor(_spec)
