"""The counts read from the ``cluster_days`` pre-aggregate instead of every mention.

Every count of :mod:`eventwire.store.queries` first groups the matching mentions by reported
event (and period): one row per (group key, cluster) with the cluster's mentions ``n``, lowest
quad class ``q``, mean Goldstein score ``g`` and first and last day ``d0``/``d1``, which the
query then aggregates. At 10 million mentions that grouping by cluster is most of the cost.
:func:`cluster_rows` gives the same rows from ``cluster_days`` (schema 5: one row per cluster
and day, with the sums of each period on the period's first row), without grouping, when

- the filter only reads what ``cluster_days`` holds (:func:`servable`: actors, dyads, CAMEO root,
  quad class, place, cluster, dates); other filters (text, document, CAMEO code, PLOVER, day
  precision) read ``events`` as before, and
- the cluster is *uniform*: all its counted mentions have the same actors, root, quad class and
  place, so the filter keeps all of a cluster's mentions in a period or none, and every group key
  (actor at any level, dyad, place) has one value per cluster. The rows of the other clusters
  (rare: mentions of one cluster coded with different actor codes or places) are grouped from
  their mentions and added (:func:`has_mixed`): from ``mixed_mentions`` (schema 8), a copy of
  those mentions' columns kept with ``cluster_days``, not from a scan of ``events``.

A date filter that cuts a period reads the days inside it and groups them by cluster (a few
days of rows); whole periods are read from their first rows. ``tests/unit/test_aggregates.py``
checks that every count equals the direct query's on synthetic and hand-built stores, after
incremental writes and after a recluster. :func:`direct_queries` turns the pre-aggregate off
(for such comparisons).

``actor_ranks`` (schema 7) sums the uniform clusters of ``cluster_days`` once more, per level,
side, actor, name, CAMEO root and quad class: an actor ranking with no filter, or one on the
root or quad class only (:func:`ranks_serve`), groups its few thousand rows instead of millions
of cluster rows. It is kept with ``cluster_days`` (:func:`update_actor_ranks`: the rows of the
keys a batch touches are summed again with the batch's difference) and rebuilt with it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

import duckdb

from .filters import COUNTED, EVENT_DATE, NOT_NEGATED, EventFilter, actor_expr
from .schema import (
    ACTOR_RANK_KEYS,
    CLUSTER_DIMS,
    SECTOR_ACTORS,
    actor_rank_rows,
    mixed_mention_rows,
)

_DIRECT: ContextVar[bool] = ContextVar("eventwire_direct_queries", default=False)
# EventFilter fields cluster_days can answer (with their empty values)
_DIM_FIELDS: dict[str, Any] = {
    "actor": None,
    "source": None,
    "target": None,
    "dyad": None,
    "directed": True,
    "cameo_root": None,
    "quad_class": None,
    "place": None,
    "cluster_id": None,
    "include_negated": False,
}
_DATE_FIELDS: dict[str, Any] = {"start": None, "end": None, "year": None}
UNITS = ("day", "week", "month", "year")
# the mixed clusters' mentions from events: with an archive attached (mixed_mentions holds the
# live store's only)
_MIXED_FROM_EVENTS = (
    "(SELECT * FROM events e WHERE e.cluster_id IN "
    "(SELECT cluster_id FROM cluster_days WHERE NOT uniform))"
)
# the columns of a row of cluster_rows beyond its keys
MEASURES = "q, g, n, d0, d1"


@contextlib.contextmanager
def direct_queries() -> Iterator[None]:
    """Inside this block every count reads ``events`` directly (no pre-aggregate)."""
    token = _DIRECT.set(True)
    try:
        yield
    finally:
        _DIRECT.reset(token)


def servable(flt: EventFilter) -> bool:
    """Whether ``cluster_days`` holds every column ``flt`` reads (any field not listed above,
    including fields added later, sends the query to ``events``)."""
    empty = dataclasses.replace(flt, **_DIM_FIELDS, **_DATE_FIELDS)
    return empty == EventFilter()


def enabled() -> bool:
    """False inside :func:`direct_queries`."""
    return not _DIRECT.get()


def use_aggregates(flt: EventFilter) -> bool:
    return enabled() and servable(flt)


def has_mixed(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether some cluster's mentions differ in actors, root, quad class or place."""
    row = con.execute(
        "SELECT count(*) FROM (SELECT 1 FROM cluster_days WHERE NOT uniform LIMIT 1)"
    ).fetchone()
    return bool(row and row[0])


def mixed_source(con: duckdb.DuckDBPyConnection) -> str:
    """What to read as ``events e`` for the mentions of the clusters that are not uniform:
    ``mixed_mentions`` (schema 8: their columns the counts read), or with an archive attached
    (a view of ``cluster_days``; the archive holds no ``mixed_mentions``) a scan of ``events``."""
    return _MIXED_FROM_EVENTS if _archive_views(con) else "mixed_mentions"


def _archive_views(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether ``cluster_days`` is a view (an archive attached, :mod:`.archive`)."""
    row = con.execute(
        "SELECT count(*) FROM duckdb_views() WHERE view_name = 'cluster_days'"
    ).fetchone()
    return bool(row and row[0])


def date_bounds(flt: EventFilter) -> tuple[dt.date | None, dt.date | None]:
    """The filter's dates as one inclusive range (``year`` and ``start``/``end`` together)."""
    lo, hi = flt.start, flt.end
    if flt.year:
        y0, y1 = dt.date(flt.year, 1, 1), dt.date(flt.year, 12, 31)
        lo = max(lo, y0) if lo else y0
        hi = min(hi, y1) if hi else y1
    return lo, hi


def period_start(day: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return day.replace(month=1, day=1)
    return day


def _next_start(day: dt.date, unit: str) -> dt.date:
    """The first day of the period after the one ``day`` is in."""
    start = period_start(day, unit)
    if unit == "week":
        return start + dt.timedelta(days=7)
    if unit == "month":
        return dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    if unit == "year":
        return dt.date(start.year + 1, 1, 1)
    return start + dt.timedelta(days=1)


_KEPT = ", ".join((*CLUSTER_DIMS, *SECTOR_ACTORS))


def _kept_columns(sql: str) -> str:
    """``sql`` (over ``events e``) reading the actors at sector level from their columns."""
    for role in ("source", "target"):
        sql = sql.replace(actor_expr(role, "sector"), f"e.{role}_sector_actor")
    return sql


def _first_rows(unit: str, cond: str) -> str:
    """Each cluster's period of ``unit`` as one row, for the rows meeting ``cond``."""
    if unit == "day":
        n, gs, gn, d1 = "n_day", "gs_day", "gn_day", "date"
    else:
        n, gs, gn, d1 = (f"{m}_{unit}" for m in ("n", "gs", "gn", "d1"))
    return f"""
        SELECT cluster_id, {_KEPT}, num_articles, num_mentions, event_date,
               date, {n} AS n, CASE WHEN {gn} > 0 THEN {gs} / {gn} END AS g, date AS d0, {d1} AS d1
        FROM cluster_days WHERE uniform AND {n} IS NOT NULL AND {cond}"""


def _cut_rows(unit: str, cond: str) -> str:
    """The days meeting ``cond`` grouped by cluster and period of ``unit`` (all: by cluster)."""
    period = "NULL" if unit == "all" else f"date_trunc('{unit}', date)"
    return f"""
        SELECT cluster_id, {", ".join(f"min({c}) AS {c}" for c in _KEPT.split(", "))},
               min(num_articles) AS num_articles, min(num_mentions) AS num_mentions,
               min(event_date) AS event_date, min(date) AS date,
               CAST(sum(n_day) AS BIGINT) AS n,
               CASE WHEN sum(gn_day) > 0 THEN sum(gs_day) / sum(gn_day) END AS g,
               min(date) AS d0, max(date) AS d1
        FROM cluster_days WHERE uniform AND {cond} GROUP BY cluster_id, {period}"""


def _facts(flt: EventFilter, unit: str) -> tuple[str, list[Any]]:
    """One row per uniform cluster and period of ``unit`` (``all``: per cluster) over the
    filter's dates, with the columns of ``events`` the filters read."""
    lo, hi = date_bounds(flt)
    if lo is None and hi is None:
        parts: list[tuple[str, list[Any]]] = [(_first_rows(unit, "true"), [])]
    elif lo is not None and hi is not None and lo > hi:
        parts = [(_first_rows(unit, "false"), [])]
    elif unit == "all":
        single = next(
            (
                u
                for u in ("year", "month", "week", "day")
                if lo is not None and hi is not None
                and period_start(lo, u) == lo and _next_start(lo, u) == hi + dt.timedelta(days=1)
            ),
            None,
        )  # fmt: skip
        if single:
            parts = [(_first_rows(single, "date BETWEEN ? AND ?"), [lo, hi])]
        else:
            parts = [(_cut_rows("all", _date_cond(lo, hi)), _date_params(lo, hi))]
    else:
        parts = _period_parts(unit, lo, hi)
    sql = " UNION ALL ".join(p for p, _ in parts)
    params = [v for _, vs in parts for v in vs]
    # pub_date and negated: the filters' SQL reads them (the event date is the row's day)
    return f"SELECT *, CAST(NULL AS DATE) AS pub_date, false AS negated FROM ({sql})", params


def _date_cond(lo: dt.date | None, hi: dt.date | None) -> str:
    return (
        " AND ".join(c for c, v in (("date >= ?", lo), ("date <= ?", hi)) if v is not None)
        or "date IS NOT NULL"
    )


def _date_params(lo: dt.date | None, hi: dt.date | None) -> list[Any]:
    return [v for v in (lo, hi) if v is not None]


def _period_parts(unit: str, lo: dt.date | None, hi: dt.date | None) -> list[tuple[str, list[Any]]]:
    """Whole periods inside [lo, hi] from their first rows, the cut ones at either end from
    their days."""
    full_lo = (
        None if lo is None else (lo if period_start(lo, unit) == lo else _next_start(lo, unit))
    )
    end = None if hi is None else hi + dt.timedelta(days=1)  # exclusive
    full_hi = None if end is None else period_start(end, unit)  # exclusive
    if full_lo is not None and full_hi is not None and full_lo >= full_hi:
        return [(_cut_rows(unit, _date_cond(lo, hi)), _date_params(lo, hi))]
    whole = (
        " AND ".join(c for c, v in (("date >= ?", full_lo), ("date < ?", full_hi)) if v is not None)
        or "date IS NOT NULL"
    )
    parts = [(_first_rows(unit, whole), _date_params(full_lo, full_hi))]
    if lo is not None and full_lo is not None and lo < full_lo:
        parts.append((_cut_rows(unit, "date >= ? AND date < ?"), [lo, full_lo]))
    if end is not None and full_hi is not None and full_hi < end:
        parts.append((_cut_rows(unit, "date >= ? AND date < ?"), [full_hi, end]))
    return parts


def cluster_rows(
    con: duckdb.DuckDBPyConnection,
    flt: EventFilter,
    *,
    unit: str = "all",
    keys: str = "",
    cond: str = "true",
    cond_params: list[Any] | None = None,
    with_mixed: bool = True,
) -> tuple[str, list[Any]]:
    """SQL (and parameters) of one row per (``keys``, cluster) over the mentions matching
    ``flt`` and ``cond``: the ``keys`` columns, ``cluster_id``, ``q``, ``g``, ``n``, ``d0``,
    ``d1``. ``keys`` and ``cond`` are expressions over ``events e``; with a ``unit`` of
    :data:`UNITS` the keys include the period ``date_trunc(unit, <event date>)``. Without
    ``with_mixed`` the rows of the clusters that are not uniform are left to the caller."""
    cp = list(cond_params or [])
    key_sql = f"{keys}, " if keys else ""
    where, params = flt.where()
    direct = f"""
        SELECT {key_sql}e.cluster_id, min(e.quad_class) AS q, avg(e.goldstein) AS g,
               count(*) AS n, min({EVENT_DATE}) AS d0, max({EVENT_DATE}) AS d1
        FROM {{source}} e WHERE {where} AND {COUNTED} AND {cond} GROUP BY ALL"""
    if not use_aggregates(flt):
        return direct.format(source="events"), [*params, *cp]
    dims, dim_params = dataclasses.replace(flt, **_DATE_FIELDS).where()
    facts, fact_params = _facts(flt, unit)
    fast = _kept_columns(f"""
        SELECT {key_sql}e.cluster_id, e.quad_class AS q, e.g, e.n, e.d0, e.d1
        FROM ({facts}) e WHERE {dims} AND {cond}""")
    sql, out = fast, [*fact_params, *dim_params, *cp]
    if with_mixed and has_mixed(con):
        sql += " UNION ALL " + direct.format(source=mixed_source(con))
        out += [*params, *cp]
    return sql, out


def cluster_ids(con: duckdb.DuckDBPyConnection, flt: EventFilter) -> tuple[str, list[Any]]:
    """SQL of the clusters with a mention matching ``flt``, with the ordering columns of
    ``event_clusters``: ``cluster_id, num_articles, num_mentions, event_date``."""
    where, params = flt.where()
    direct = f"""
        SELECT c.cluster_id, c.num_articles, c.num_mentions, c.event_date FROM event_clusters c
        WHERE c.cluster_id IN (SELECT e.cluster_id FROM {{source}} e WHERE {where} AND {COUNTED})"""
    if not use_aggregates(flt):
        return direct.format(source="events"), params
    dims, dim_params = dataclasses.replace(flt, **_DATE_FIELDS).where()
    facts, fact_params = _facts(flt, "all")
    sql = f"""
        SELECT e.cluster_id, e.num_articles, e.num_mentions, e.event_date
        FROM ({facts}) e WHERE {dims}"""
    out = [*fact_params, *dim_params]
    if has_mixed(con):
        # the ordering columns of the clusters that are not uniform from their own mentions
        # (the values event_clusters and cluster_days hold): a join with either would scan it
        mixed = mixed_source(con)
        sql += f"""
        UNION ALL
        SELECT e.cluster_id, count(DISTINCT e.doc_id), count(*), min(e.date) FROM {mixed} e
        WHERE {COUNTED} AND e.cluster_id IN (
            SELECT e.cluster_id FROM {mixed} e WHERE {where} AND {COUNTED})
        GROUP BY e.cluster_id"""
        out += params
    return sql, out


def period_totals(unit: str) -> str:
    """SQL of the number of reported events per period of ``unit`` between the periods of
    ``c`` (a CTE of the calling query) and of the undated ones: ``period, total``."""
    n = "n_day" if unit == "day" else f"n_{unit}"
    return f"""
        SELECT date_trunc('{unit}', date) AS period, count(*) AS total FROM cluster_days
        WHERE {n} IS NOT NULL AND (date IS NULL OR (
              date >= (SELECT min(period) FROM c)
              AND date < (SELECT max(period) FROM c) + INTERVAL 1 {unit}))
        GROUP BY 1"""


def mention_days(
    con: duckdb.DuckDBPyConnection, flt: EventFilter
) -> list[tuple[dt.date | None, int]] | None:
    """The mentions matching ``flt`` per day of their event date (undated last, as None), from
    :func:`cluster_rows`; None when ``cluster_days`` cannot tell: a filter it does not serve,
    negated mentions asked for, or mentions that are in no cluster (it counts clustered mentions
    only)."""
    if not use_aggregates(flt) or flt.include_negated:
        return None
    row = con.execute(
        "SELECT (SELECT sum(n_day) FROM cluster_days), "
        f"(SELECT count(*) FROM events e WHERE {NOT_NEGATED})"
    ).fetchone()
    if not row or int(row[0] or 0) != int(row[1]):
        return None
    rows_sql, params = cluster_rows(
        con, flt, unit="day", keys=f"date_trunc('day', {EVENT_DATE}) AS period"
    )
    return con.execute(
        f"SELECT CAST(period AS DATE), CAST(sum(n) AS BIGINT) FROM ({rows_sql}) "
        "GROUP BY 1 ORDER BY 1 NULLS LAST",
        params,
    ).fetchall()


# EventFilter fields actor_ranks can answer (with their empty values)
_RANK_FIELDS: dict[str, Any] = {"cameo_root": None, "quad_class": None}
_RANK_KEYS = ", ".join(ACTOR_RANK_KEYS)
_SAME_KEY = " AND ".join(f"a.{k} IS NOT DISTINCT FROM d.{k}" for k in ACTOR_RANK_KEYS)


def ranks_serve(con: duckdb.DuckDBPyConnection, flt: EventFilter) -> bool:
    """Whether ``actor_ranks`` answers an actor ranking with ``flt``: the pre-aggregates are on,
    ``flt`` sets nothing but a CAMEO root or quad class, and no archive is attached (its views
    of ``cluster_days`` hold clusters that ``actor_ranks`` does not)."""
    if not enabled() or dataclasses.replace(flt, **_RANK_FIELDS) != EventFilter():
        return False
    return not _archive_views(con)


def rebuild_actor_ranks(con: duckdb.DuckDBPyConnection) -> None:
    """Every row of ``actor_ranks`` from ``cluster_days`` (in the caller's transaction)."""
    con.execute("DELETE FROM actor_ranks")
    con.execute("INSERT INTO actor_ranks " + actor_rank_rows("cluster_days"))


def rebuild_mixed_mentions(con: duckdb.DuckDBPyConnection) -> None:
    """Every row of ``mixed_mentions`` from ``events`` and ``cluster_days`` (in the caller's
    transaction)."""
    con.execute("DELETE FROM mixed_mentions")
    con.execute(
        "INSERT INTO mixed_mentions BY NAME "
        + mixed_mention_rows("events", "cluster_days")
        + " ORDER BY cluster_id"
    )


def update_actor_ranks(con: duckdb.DuckDBPyConnection, old: str, new: str) -> None:
    """Brings ``actor_ranks`` from the ``cluster_days`` rows of the table ``old`` (replaced) to
    those of ``new`` (their replacement): the difference per key, added to the key's row (a key
    left with no cluster is removed); drops both tables. Counts are exact; the Goldstein sums
    may differ from a rebuild's in the last bits."""
    try:
        con.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE _ew_ar_delta AS
            SELECT {_RANK_KEYS}, sum(s * ev) AS ev, sum(s * m) AS m, sum(s * m_self) AS m_self,
                   sum(s * gs) AS gs, sum(s * gc) AS gc
            FROM (SELECT *, -1 AS s FROM ({actor_rank_rows(old)})
                  UNION ALL SELECT *, 1 AS s FROM ({actor_rank_rows(new)}))
            GROUP BY ALL
            HAVING sum(s * ev) <> 0 OR sum(s * m) <> 0 OR sum(s * m_self) <> 0
                OR sum(s * gc) <> 0 OR sum(s * gs) <> 0"""
        )
        # the keys' rows, read once (then deleted by rowid, not by a second scan)
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _ew_ar_hit AS SELECT a.rowid AS _ew_rowid, a.* "
            f"FROM actor_ranks a SEMI JOIN _ew_ar_delta d ON {_SAME_KEY}"
        )
        con.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE _ew_ar_merged AS
            SELECT {_RANK_KEYS}, CAST(sum(ev) AS BIGINT) AS ev, CAST(sum(m) AS BIGINT) AS m,
                   CAST(sum(m_self) AS BIGINT) AS m_self,
                   CASE WHEN sum(gc) > 0 THEN sum(gs) END AS gs, CAST(sum(gc) AS BIGINT) AS gc
            FROM (SELECT * EXCLUDE (_ew_rowid) FROM _ew_ar_hit
                  UNION ALL SELECT * FROM _ew_ar_delta)
            GROUP BY ALL HAVING sum(ev) > 0"""
        )
        con.execute("DELETE FROM actor_ranks WHERE rowid IN (SELECT _ew_rowid FROM _ew_ar_hit)")
        con.execute(
            f"INSERT INTO actor_ranks SELECT {_RANK_KEYS}, ev, m, m_self, gs, gc FROM _ew_ar_merged"
        )
    finally:
        for table in (old, new, "_ew_ar_delta", "_ew_ar_hit", "_ew_ar_merged"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
