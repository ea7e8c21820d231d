"""Swapped (PETRARCH-format) dictionaries for the unit tests: an annotator that reads the given
dictionary texts (VERBS, ACTORS, AGENTS ...) from a folder of its own, and the events it codes as
(source, target, code) triples."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from eventwire.annotate import Annotator
from eventwire.config import Settings
from eventwire.records import Event

Triple = tuple[str, str | None, str]


def swapped_annotator(tmp_path_factory: pytest.TempPathFactory, **texts: str) -> Annotator:
    """An annotator whose dictionaries are the given texts, each written to <name>.txt and passed
    as the setting of that name (``verbs=VERBS, actors=ACTORS``); the others stay ours."""
    folder = tmp_path_factory.mktemp("dicts")
    paths = {}
    for name, text in texts.items():
        path = folder / f"{name}.txt"
        path.write_text(text)
        paths[name] = str(path)
    return Annotator(Settings().with_(**paths))


def swapped_fixture(**texts: str) -> Any:
    """A module-scoped fixture named ``swapped``: the annotator of these dictionary texts, built
    once for the module (``swapped = swapped_fixture(verbs=VERBS, actors=ACTORS)``)."""

    @pytest.fixture(scope="module")
    def swapped(tmp_path_factory: pytest.TempPathFactory) -> Annotator:
        return swapped_annotator(tmp_path_factory, **texts)

    return swapped


def triples(events: Iterable[Event]) -> set[Triple]:
    """The (source, target, code) of each event; no target is None."""
    return {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events}


def triples_in(annotator: Annotator, text: str, *, date: str) -> set[Triple]:
    """The triples the annotator codes in one text of that date."""
    return triples(annotator.annotate_text(text, date=date).events)


def dyads_in(annotator: Annotator, text: str, *, date: str) -> list[tuple[str, str | None]]:
    """The (source, target) of each event the annotator codes in the text, in order; no target
    is None."""
    events = annotator.annotate_text(text, date=date).events
    return [(e.source.code, e.target.code if e.target else None) for e in events]
