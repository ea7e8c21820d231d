"""Options that select events (``--since/--until/--actor/--dyad/--min-confidence``) and the ISO
date type.

One place for the filters ``export``, ``top`` and ``code`` share; they build the store's one
:class:`~eventwire.store.filters.EventFilter`. Actor arguments are codes or names, resolved by
:func:`eventwire.store.actors.resolve_actor` (names through the actor knowledge).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import click
import duckdb

from ..errors import EventwireError
from ..records import Actor, Event
from ..store.actors import CODE, resolve_actor
from ..store.filters import UNCODED, EventFilter
from ..store.rows import parse_date
from .common import fail


class IsoDate(click.ParamType):
    """A calendar date written YYYY-MM-DD: a usage error otherwise, before anything loads."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, dt.date):
            return value
        try:
            if len(str(value)) != 10:
                raise ValueError(value)
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date: expected YYYY-MM-DD", param, ctx)


DATE = IsoDate()


MIN_CONFIDENCE_HELP = (
    "Only events whose confidence (the calibrated probability that the event is right) is at "
    "least this; the measured precision and recall of each threshold, and the suggested "
    "default: docs/evaluation/confidence.md."
)


def min_confidence_option(fn: Any) -> Any:
    """``--min-confidence P``: keep events with ``confidence >= P``."""
    return click.option(
        "--min-confidence",
        type=click.FloatRange(0.0, 1.0),
        default=None,
        metavar="P",
        help=MIN_CONFIDENCE_HELP,
    )(fn)


def keep_confident(events: Sequence[Event], min_confidence: float | None) -> list[Event]:
    """The events whose confidence reaches ``min_confidence`` (all when None)."""
    if min_confidence is None:
        return list(events)
    return [e for e in events if e.confidence >= min_confidence]


def filter_options(*, actors: bool = True) -> Callable[[Any], Any]:
    """``--since``, ``--until``, ``--min-confidence`` and (with ``actors``) ``--actor``,
    ``--dyad``."""

    def decorator(fn: Any) -> Any:
        options: list[Callable[[Any], Any]] = [
            click.option(
                "--since", type=DATE, default=None, help="Only events on or after this date."
            ),
            click.option(
                "--until", type=DATE, default=None, help="Only events on or before this date."
            ),
        ]
        if actors:
            options += [
                click.option(
                    "--actor",
                    default=None,
                    metavar="ACTOR",
                    help="Only events with this actor on either side: a code (RUS, RUSGOV: "
                    "country or code prefix) or a name (Russia).",
                ),
                click.option(
                    "--dyad",
                    nargs=2,
                    default=None,
                    metavar="A B",
                    help="Only events between A and B, either direction (codes or names).",
                ),
            ]
        options.append(min_confidence_option)
        for option in reversed(options):
            fn = option(fn)
        return fn

    return decorator


def name_lookup(name: str) -> Sequence[dict[str, Any]]:
    """What the actor knowledge makes of ``name`` (as ``eventwire actors lookup``)."""
    from .actors_lookup import explain  # loads the actor knowledge: only for names

    return explain(name)


def resolve(con: duckdb.DuckDBPyConnection, text: str) -> str:
    """An actor argument as a code; a clean error (exit 1) when nothing matches."""
    try:
        return resolve_actor(con, text, name_lookup)
    except EventwireError as exc:
        fail(str(exc))
        raise  # unreachable: fail exits


def event_filter(
    con: duckdb.DuckDBPyConnection,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    actor: str | None = None,
    dyad: tuple[str, str] | None = None,
    min_confidence: float | None = None,
    **fields: Any,
) -> EventFilter:
    """The EventFilter the options ask for (``fields``: other EventFilter fields)."""
    if since and until and since > until:
        raise click.UsageError(f"--since {since} is after --until {until}")
    return EventFilter(
        start=since,
        end=until,
        actor=resolve(con, actor) if actor else None,
        dyad=(resolve(con, dyad[0]), resolve(con, dyad[1])) if dyad else None,
        directed=False,
        min_confidence=min_confidence,
        **fields,
    )


def code_of(text: str) -> str:
    """An actor argument without a store: a code as given, else what the knowledge names."""
    if CODE.match(text.strip().upper()):
        return text.strip().upper()
    for found in name_lookup(text):
        if found.get("code") and found["code"] != UNCODED:
            return str(found["code"])
    raise click.BadParameter(f"{text!r}: no such actor code or name", param_hint="--actor")


def _actor_is(actor: Actor | None, code: str) -> bool:
    return actor is not None and (actor.country == code or actor.code.startswith(code))


def event_matches(event: Event, doc_date: str | None, flt: EventFilter) -> bool:
    """Whether one coded event passes ``flt``'s dates, actors and confidence (``eventwire
    code``; the store applies the same rules in SQL)."""
    if flt.min_confidence is not None and event.confidence < flt.min_confidence:
        return False
    day = parse_date(event.date or doc_date)
    if (flt.start or flt.end) and day is None:
        return False
    if flt.start and day is not None and day < flt.start:
        return False
    if flt.end and day is not None and day > flt.end:
        return False
    if flt.actor and not (_actor_is(event.source, flt.actor) or _actor_is(event.target, flt.actor)):
        return False
    if flt.dyad:
        a, b = flt.dyad
        ab = _actor_is(event.source, a) and _actor_is(event.target, b)
        ba = _actor_is(event.source, b) and _actor_is(event.target, a)
        return ab or ba
    return True
