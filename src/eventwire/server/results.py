"""The server's side of the query layer: library results as JSON values, cached per snapshot.

The API and the pages call the same functions as the CLI (:mod:`eventwire.store.queries`,
:mod:`eventwire.store.browse`, :mod:`eventwire.store.sql`); this module only turns their results
into JSON-ready values (dates as ISO strings) and caches them per snapshot, which never changes.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Callable
from typing import Any

import duckdb

from ..store.browse import Page
from ..store.queries import Rows, as_dicts

MAX_FILLED_PERIODS = 5000


def jsonable(value: Any) -> Any:
    """``value`` with dates, decimals, bytes, tuples and pages made JSON values (recursively)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID | dt.timedelta):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, Page):
        return {
            "total": value.total,
            "limit": value.limit,
            "offset": value.offset,
            "items": jsonable(value.items),
        }
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return str(value)


def _cached(cur: duckdb.DuckDBPyConnection, fn: Callable[..., Any], args: Any, kwargs: Any) -> Any:
    cached = getattr(cur, "cached", None)
    if cached is None:
        return fn(cur, *args, **kwargs)
    key = (fn.__module__, fn.__qualname__, args, tuple(sorted(kwargs.items())))
    return cached(key, lambda: fn(cur, *args, **kwargs))


def call(cur: duckdb.DuckDBPyConnection, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(cur, *args, **kwargs)`` as JSON values, a fresh copy for each caller; the library's
    result is cached per snapshot when the cursor has a cache."""
    return jsonable(_cached(cur, fn, args, kwargs))


def records(
    cur: duckdb.DuckDBPyConnection, fn: Callable[..., Rows], *args: Any, **kwargs: Any
) -> list[dict[str, Any]]:
    """A :data:`Rows` result of ``fn`` as a list of JSON-ready dicts."""
    found: list[dict[str, Any]] = jsonable(as_dicts(_cached(cur, fn, args, kwargs)))
    return found


def _next_period(day: dt.date, by: str) -> dt.date:
    if by == "day":
        return day + dt.timedelta(days=1)
    if by == "week":
        return day + dt.timedelta(days=7)
    if by == "month":
        return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return dt.date(day.year + 1, 1, 1)


def fill_periods(series: list[dict[str, Any]], *, by: str) -> list[dict[str, Any]]:
    """The series with empty periods added between the first and the last (for charts).
    Undated events (the row whose period is null) have no place on a time axis: left out."""
    series = [row for row in series if row["period"] is not None]
    if not series:
        return []
    have = {row["period"]: row for row in series}
    zero = {k: (0 if isinstance(v, int) else None) for k, v in series[0].items()}
    out: list[dict[str, Any]] = []
    day = dt.date.fromisoformat(series[0]["period"])
    last = dt.date.fromisoformat(series[-1]["period"])
    while day <= last and len(out) < MAX_FILLED_PERIODS:
        key = day.isoformat()
        out.append(have.get(key) or {**zero, "period": key})
        day = _next_period(day, by)
    return out
