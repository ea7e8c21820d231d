"""--verbs, --actors, --agents, --discards: PETRARCH-format dictionaries (or their converted .json)
replacing the package's own knowledge, shared by ``annotate``, ``code``, ``ingest`` and
``eval events``. The decorated command receives them as one ``dictionaries`` mapping."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

import click

from ..config import DICTIONARIES, Settings
from ..errors import EventwireError

HELP = {
    "verbs": "Verb patterns (PETRARCH verb dictionary, or its converted .json) instead of ours.",
    "actors": "Actor dictionary (PETRARCH format, or its converted .json) instead of ours.",
    "agents": "Agent dictionary (PETRARCH format, or its converted .json) instead of ours.",
    "discards": "Discard phrases (PETRARCH format, or its converted .json) instead of ours.",
}


def dictionary_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Add the four options; the command gets ``dictionaries={"verbs": path | None, ...}``."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        dictionaries = {name: kwargs.pop(name) for name in DICTIONARIES}
        return fn(*args, dictionaries=dictionaries, **kwargs)

    command: Callable[..., Any] = wrapper
    for name in reversed(DICTIONARIES):
        command = click.option(
            f"--{name}",
            name,
            default=None,
            type=click.Path(exists=True, dir_okay=False),
            help=HELP[name],
        )(command)
    return command


def with_dictionaries(
    settings: Settings, dictionaries: Mapping[str, str | None] | None
) -> Settings:
    """``settings`` with the dictionary paths that are given (a usage error when one is bad)."""
    try:
        return settings.with_(**dict(dictionaries or {}))
    except EventwireError as exc:
        raise click.UsageError(str(exc)) from exc
