"""Counts over the store: summary, period series, dyad series, top dyads/actors/events, network.

The one query layer behind ``eventwire top|dyad|network``, the JSON API, the dashboard and the
demo: every count here follows the definitions in :mod:`eventwire.store.filters` (events are
reported events, i.e. clusters; mentions are non-negated rows). Every function takes a DuckDB
connection, binds its parameters and returns ``(columns, rows)`` (:data:`Rows`), or a dict.
Browsing single records and pages of them is in :mod:`eventwire.store.browse`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

import duckdb

from . import aggregates
from .filters import (
    COUNTED,
    EVENT_DATE,
    LEVELS,
    PERIODS,
    EventFilter,
    actor_expr,
    check_choice,
)

Rows = tuple[list[str], list[tuple[Any, ...]]]
NO_FILTER = EventFilter()
QUAD_COLUMNS = ("q1_verbal_coop", "q2_material_coop", "q3_verbal_conflict", "q4_material_conflict")


def fetch(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> Rows:
    cur = con.execute(sql, list(params))
    cols = [d[0] for d in cur.description or ()]
    return cols, cur.fetchall()


def as_dicts(rows: Rows) -> list[dict[str, Any]]:
    cols, data = rows
    return [dict(zip(cols, r, strict=True)) for r in data]


def _limit(limit: int | None) -> tuple[str, list[Any]]:
    return (" LIMIT ?", [limit]) if limit is not None else ("", [])


# -- overview ------------------------------------------------------------------------------
def summary(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Corpus size and publication date range; events and mentions, in all and per quad class."""
    row = con.execute(
        f"""
        SELECT (SELECT count(*) FROM documents), (SELECT min(date) FROM documents),
               (SELECT max(date) FROM documents), (SELECT count(DISTINCT source) FROM documents),
               (SELECT count(*) FROM event_clusters),
               (SELECT count(*) FROM events e WHERE {COUNTED}),
               (SELECT count(*) FROM events e WHERE coalesce(e.negated, false)),
               (SELECT count(*) FROM quotes), (SELECT count(*) FROM rejects)
        """
    ).fetchone() or (0, None, None, 0, 0, 0, 0, 0, 0)
    quads = con.execute(
        "SELECT quad_class, count(*), sum(num_mentions) FROM event_clusters "
        "WHERE quad_class IS NOT NULL GROUP BY 1 ORDER BY 1"
    ).fetchall()
    keys = ("documents", "date_from", "date_to", "sources", "events", "mentions", "negated")
    out: dict[str, Any] = dict(zip(keys, row[:7], strict=True))
    out["by_quad_class"] = {int(q): {"events": n, "mentions": int(m)} for q, n, m in quads}
    out["quotes"], out["rejects"] = row[7], row[8]
    return out


def undated(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Documents without a publication date, and reported events without any date."""
    row = con.execute(
        f"""
        SELECT (SELECT count(*) FROM documents WHERE date IS NULL),
               (SELECT count(DISTINCT e.cluster_id) FROM events e
                WHERE {COUNTED} AND {EVENT_DATE} IS NULL)
        """
    ).fetchone() or (0, 0)
    return {"documents": int(row[0]), "events": int(row[1])}


# -- series --------------------------------------------------------------------------------
def series(
    con: duckdb.DuckDBPyConnection, flt: EventFilter = NO_FILTER, *, by: str = "month"
) -> Rows:
    """Per period (of the event date) with a matching event: ``first_date``/``last_date`` of its
    matching mentions, ``events``, ``mentions``, events per quad class (an event's quad class is
    the lowest of its mentions'), ``goldstein_mean`` (per event) and ``goldstein_weighted`` (per
    mention), ``period_total`` (every event of the period, whatever the filter) and
    ``coop_conflict`` = (Q1 + Q2 - Q3 - Q4) / ``period_total``. Undated events come last, in one
    row whose ``period`` is NULL."""
    unit = check_choice("by", by, PERIODS)
    c_sql, params = aggregates.cluster_rows(
        con, flt, unit=unit, keys=f"date_trunc('{unit}', {EVENT_DATE}) AS period"
    )
    if flt == NO_FILTER and aggregates.enabled():  # every event of a period: its count
        tot, join, total = "SELECT 1", "", "count(*)"
    else:
        tot = aggregates.period_totals(unit) if aggregates.enabled() else _period_totals(unit)
        join = "JOIN tot ON c.period IS NOT DISTINCT FROM tot.period"
        total = "any_value(tot.total)"
    sql = f"""
    WITH c AS ({c_sql}), tot AS ({tot})
    SELECT CAST(c.period AS DATE) AS period, min(c.d0) AS first_date, max(c.d1) AS last_date,
           count(*) AS events, CAST(sum(c.n) AS BIGINT) AS mentions,
           count(*) FILTER (q = 1) AS {QUAD_COLUMNS[0]}, count(*) FILTER (q = 2) AS {QUAD_COLUMNS[1]},
           count(*) FILTER (q = 3) AS {QUAD_COLUMNS[2]}, count(*) FILTER (q = 4) AS {QUAD_COLUMNS[3]},
           round(avg(c.g), 3) AS goldstein_mean,
           round(sum(c.g * c.n) / sum(c.n), 3) AS goldstein_weighted,
           {total} AS period_total,
           round((count(*) FILTER (q <= 2) - count(*) FILTER (q >= 3)) / {total}, 4)
               AS coop_conflict
    FROM c {join}
    GROUP BY c.period ORDER BY c.period NULLS LAST
    """
    return fetch(con, sql, params)


def _period_totals(unit: str) -> str:
    """Every reported event per period between the periods of ``c``, from ``events``."""
    return f"""
        SELECT date_trunc('{unit}', {EVENT_DATE}) AS period, count(DISTINCT e.cluster_id) AS total
        FROM events e
        WHERE {COUNTED} AND ({EVENT_DATE} IS NULL OR (
              {EVENT_DATE} >= (SELECT min(period) FROM c)
              AND {EVENT_DATE} < (SELECT max(period) FROM c) + INTERVAL 1 {unit}))
        GROUP BY 1"""


def period_label(period: dt.date | None, by: str) -> str:
    """How a period reads: ``2019`` (year), ``2019-03`` (month), ``2019-W10`` (week), a day's
    date, or ``undated``."""
    if period is None:
        return "undated"
    unit = check_choice("by", by, PERIODS)
    if unit == "year":
        return f"{period.year}"
    if unit == "month":
        return f"{period.year}-{period.month:02d}"
    if unit == "week":
        year, week, _ = period.isocalendar()
        return f"{year}-W{week:02d}"
    return period.isoformat()


def period_end(period: dt.date, by: str) -> dt.date:
    """The first day after ``period`` (periods start on the date ``series`` gives)."""
    unit = check_choice("by", by, PERIODS)
    if unit == "day":
        return period + dt.timedelta(days=1)
    if unit == "week":
        return period + dt.timedelta(days=7)
    if unit == "month":
        return dt.date(period.year + period.month // 12, period.month % 12 + 1, 1)
    return dt.date(period.year + 1, 1, 1)


def dyad_series(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    *,
    by: str = "month",
    directed: bool = False,
    flt: EventFilter = NO_FILTER,
) -> Rows:
    """:func:`series` of the events between actors ``a`` and ``b`` (``a`` on ``b`` if directed)."""
    return series(con, dataclasses.replace(flt, dyad=(a, b), directed=directed), by=by)


# -- dyads, actors, events -------------------------------------------------------------------
def top_dyads(
    con: duckdb.DuckDBPyConnection,
    flt: EventFilter = NO_FILTER,
    *,
    level: str = "country",
    directed: bool = True,
    limit: int | None = 20,
    min_events: int = 1,
    self_loops: bool = False,
) -> Rows:
    """Dyads by number of events: ``actor1, actor2, events, mentions, goldstein_mean`` (per
    event), ``cooperation`` and ``conflict`` (events in quad classes 1-2 and 3-4). Undirected
    dyads put the smaller code first. An actor acting on itself at ``level`` (domestic events
    at country level) is left out unless ``self_loops``; the uncoded actor is always left out."""
    s, t = actor_expr("source", level), actor_expr("target", level)
    x, y = (s, t) if directed else (f"least({s}, {t})", f"greatest({s}, {t})")
    c_sql, params = aggregates.cluster_rows(
        con,
        flt,
        keys=f"{x} AS actor1, {y} AS actor2",
        cond=f"{s} IS NOT NULL AND {t} IS NOT NULL AND ({s} <> {t} OR ?)",
        cond_params=[self_loops],
    )
    lim, lim_params = _limit(limit)
    sql = f"""
    WITH c AS ({c_sql})
    SELECT actor1, actor2, count(*) AS events, CAST(sum(n) AS BIGINT) AS mentions,
           round(avg(g), 3) AS goldstein_mean,
           count(*) FILTER (q <= 2) AS cooperation, count(*) FILTER (q >= 3) AS conflict
    FROM c GROUP BY actor1, actor2 HAVING count(*) >= ?
    ORDER BY events DESC, mentions DESC, actor1, actor2{lim}
    """
    return fetch(con, sql, [*params, min_events, *lim_params])


def top_actors(
    con: duckdb.DuckDBPyConnection,
    flt: EventFilter = NO_FILTER,
    *,
    level: str = "country",
    limit: int | None = 20,
) -> Rows:
    """Actors by number of events they take part in: ``actor, name`` (the most frequent name
    given for exactly that code), ``events, mentions, as_source, as_target`` (mentions in each
    role) and ``goldstein_mean`` (per event)."""
    if aggregates.use_aggregates(flt):
        return _top_actors_from_clusters(con, flt, level=level, limit=limit)
    where, params = flt.where()
    # a mention counts once for an actor on both of its sides ((doc_id, idx) is unique): its
    # target row is then marked `dup` (the former count(DISTINCT (doc_id, idx)), much cheaper)
    sides = _actor_sides(where, level)
    lim, lim_params = _limit(limit)
    # names (a mode per actor and cluster, the costly part) only for the actors of the page
    sql = f"""
    WITH m AS NOT MATERIALIZED ({sides}),
    c AS (
        SELECT actor, cluster_id, avg(goldstein) AS g, count(*) FILTER (NOT dup) AS n,
               count(*) FILTER (role = 'source') AS ns, count(*) FILTER (role = 'target') AS nt
        FROM m WHERE actor IS NOT NULL GROUP BY actor, cluster_id
    ), {_ACTOR_RANKS.format(lim=lim)}, cn AS (
        SELECT actor, cluster_id, mode(name ORDER BY name) AS name FROM m
        WHERE actor IN (SELECT actor FROM r) GROUP BY actor, cluster_id
    ), {_ACTOR_PAGE}
    """
    return fetch(con, sql, [*params, *params, *lim_params])


_ACTOR_RANKS = """r AS (
        SELECT actor, count(*) AS events, CAST(sum(n) AS BIGINT) AS mentions,
               CAST(sum(ns) AS BIGINT) AS as_source, CAST(sum(nt) AS BIGINT) AS as_target,
               round(avg(g), 3) AS goldstein_mean
        FROM c GROUP BY actor ORDER BY events DESC, mentions DESC, actor{lim}
    )"""
_ACTOR_PAGE = """n AS (SELECT actor, mode(name ORDER BY name) AS name FROM cn GROUP BY actor)
    SELECT r.actor, n.name, r.events, r.mentions, r.as_source, r.as_target, r.goldstein_mean
    FROM r LEFT JOIN n USING (actor) ORDER BY r.events DESC, r.mentions DESC, r.actor"""


def _actor_sides(where: str, level: str, *, source: str = "events") -> str:
    """Each counted mention of ``source`` matching ``where`` once per side: ``actor, name,
    role, dup, cluster_id, goldstein`` (``dup``: the target side of a mention whose two sides
    are the same actor)."""
    s_actor, t_actor = actor_expr("source", level), actor_expr("target", level)
    return " UNION ALL ".join(
        f"""SELECT {actor_expr(role, level)} AS actor,
                   CASE WHEN e.{role}_code = {actor_expr(role, level)} THEN e.{role}_name END AS name,
                   '{role}' AS role, {dup} AS dup, e.cluster_id, e.goldstein
            FROM {source} e WHERE {where} AND {COUNTED}"""
        for role, dup in (
            ("source", "false"),
            ("target", f"coalesce({s_actor} = {t_actor}, false)"),
        )
    )


def _top_actors_from_clusters(
    con: duckdb.DuckDBPyConnection, flt: EventFilter, *, level: str, limit: int | None
) -> Rows:
    """:func:`top_actors` from :func:`aggregates.cluster_rows`: a uniform cluster is one row
    with both actors, summed per side (the Goldstein mean as a sum and count over events); the
    mixed ones are grouped from ``events``. The name of an actor is the one most often given
    over its clusters (ties: the first in order). At country and actor level each side is
    grouped by actor and name at once (the actor expression and the filter are computed once
    per side, not again for the names); at sector level (a kept column, cheap to read) without
    a filter on actors or places, by actor, and the names of the page's actors read apart.
    With no filter but a CAMEO root or quad class, the sides' groups are summed from
    ``actor_ranks`` (:func:`aggregates.ranks_serve`), a few thousand rows per level."""
    mixed, mixed_sides, mixed_names, mixed_params = "", "", "", list[Any]()
    if aggregates.has_mixed(con):
        where, mixed_params = flt.where()
        mixed = f"""
    mc AS (
        SELECT actor, cluster_id, avg(goldstein) AS g, count(*) FILTER (NOT dup) AS n,
               count(*) FILTER (role = 'source') AS ns, count(*) FILTER (role = 'target') AS nt,
               mode(name ORDER BY name) AS name
        FROM ({_actor_sides(where, level, source=aggregates.mixed_source(con))})
        WHERE actor IS NOT NULL GROUP BY actor, cluster_id
    ),"""
        mixed_params = [*mixed_params, *mixed_params]
        mixed_sides = """
        UNION ALL SELECT actor, count(*), sum(n), sum(ns), sum(nt), sum(g), count(g) FROM mc
        GROUP BY actor"""
        mixed_names = """
        UNION ALL SELECT actor, name, count(*) FROM mc
        WHERE name IS NOT NULL AND actor IN (SELECT actor FROM r) GROUP BY actor, name"""
    names = """
        SELECT actor, name, CASE WHEN side = 0 THEN ev ELSE ev_o END AS c FROM g
        WHERE name IS NOT NULL AND actor IN (SELECT actor FROM r)"""
    if aggregates.ranks_serve(con, flt):
        groups, params = _actor_rank_groups(flt, level)
    else:
        groups, params, sector_names = _actor_cluster_groups(con, flt, level)
        names = sector_names or names
    lim, lim_params = _limit(limit)
    sql = f"""
    WITH {mixed}{groups}, sides AS (
        SELECT actor, ev, m, m AS ns, coalesce(m_self, 0) AS nt, gs, gc FROM g WHERE side = 0
        UNION ALL
        SELECT actor, ev_o, m_o, 0, m_o, gs_o, gc_o FROM g WHERE side = 1{mixed_sides}
    ), r AS (
        SELECT actor, CAST(sum(ev) AS BIGINT) AS events, CAST(sum(m) AS BIGINT) AS mentions,
               CAST(sum(ns) AS BIGINT) AS as_source, CAST(sum(nt) AS BIGINT) AS as_target,
               round(sum(gs) / sum(gc), 3) AS goldstein_mean
        FROM sides GROUP BY actor ORDER BY events DESC, mentions DESC, actor{lim}
    ), cn AS ({names}{mixed_names}
    ), n AS (
        SELECT actor, first(name ORDER BY c DESC, name) AS name
        FROM (SELECT actor, name, sum(c) AS c FROM cn GROUP BY actor, name) GROUP BY actor
    )
    SELECT r.actor, n.name, r.events, r.mentions, r.as_source, r.as_target, r.goldstein_mean
    FROM r LEFT JOIN n USING (actor) ORDER BY r.events DESC, r.mentions DESC, r.actor
    """
    return fetch(con, sql, [*mixed_params, *params, *lim_params])


def _actor_rank_groups(flt: EventFilter, level: str) -> tuple[str, list[Any]]:
    """The CTE ``g`` of :func:`_top_actors_from_clusters` (each side by actor and name) from
    ``actor_ranks``, summed over the roots and quad classes ``flt`` keeps."""
    rank_level = "actor" if check_choice("level", level, LEVELS) == "code" else level
    conds = [("cameo_root = ?", flt.cameo_root), ("quad_class = ?", flt.quad_class)]
    cond = "".join(f" AND {c}" for c, v in conds if v is not None)
    sql = f"""
    g AS (
        SELECT side, actor, name,
               sum(ev) FILTER (side = 0) AS ev, sum(m) FILTER (side = 0) AS m,
               sum(m_self) AS m_self, sum(gs) FILTER (side = 0) AS gs,
               sum(gc) FILTER (side = 0) AS gc, sum(ev) FILTER (side = 1) AS ev_o,
               sum(m) FILTER (side = 1) AS m_o, sum(gs) FILTER (side = 1) AS gs_o,
               sum(gc) FILTER (side = 1) AS gc_o
        FROM actor_ranks WHERE level = ?{cond} GROUP BY side, actor, name
    )"""
    return sql, [rank_level, *(v for _, v in conds if v is not None)]


def _actor_cluster_groups(
    con: duckdb.DuckDBPyConnection, flt: EventFilter, level: str
) -> tuple[str, list[Any], str]:
    """The CTEs ``x`` (the uniform cluster rows) and ``g`` of :func:`_top_actors_from_clusters`,
    their parameters, and at sector level without a filter on actors or places the SQL of the
    page's names (else empty)."""
    s, t = actor_expr("source", level), actor_expr("target", level)
    name_s = f"CASE WHEN e.source_code = {s} THEN e.source_name END"
    name_t = f"CASE WHEN e.target_code = {t} THEN e.target_name END"
    rows_sql, params = aggregates.cluster_rows(
        con,
        flt,
        keys=f"{s} AS sa, {t} AS ta, {name_s} AS name_s, {name_t} AS name_t",
        with_mixed=False,
    )
    other = "sa IS DISTINCT FROM ta"  # a target side that is not also the source
    text_filter = flt.actor or flt.source or flt.target or flt.dyad or flt.place
    names = ""
    if level == "sector" and not text_filter:  # by actor; the page's names from x (cheap reads)
        ns, nt = "NULL", "NULL"
        names = f"""
        SELECT sa AS actor, nm_s AS name, 1 AS c FROM x
        WHERE nm_s IS NOT NULL AND sa IN (SELECT actor FROM r)
        UNION ALL
        SELECT ta, name_t, 1 FROM x
        WHERE name_t IS NOT NULL AND ta IN (SELECT actor FROM r) AND {other}"""
    else:  # sides by actor and name: the names are counted in the same pass
        ns, nt = "nm_s", "name_t"
    sql = f"""x AS NOT MATERIALIZED (
        SELECT *, coalesce(name_s, CASE WHEN sa = ta THEN name_t END) AS nm_s FROM ({rows_sql})
    ),
    g AS MATERIALIZED (  -- each side grouped by actor (and name): a few thousand rows
        SELECT 0 AS side, sa AS actor, {ns} AS name, count(*) AS ev, sum(n) AS m,
               sum(n) FILTER (sa = ta) AS m_self, sum(g) AS gs, count(g) AS gc,
               NULL AS ev_o, NULL AS m_o, NULL AS gs_o, NULL AS gc_o
        FROM x WHERE sa IS NOT NULL GROUP BY ALL
        UNION ALL
        SELECT 1, ta, {nt}, NULL, NULL, NULL, NULL, NULL, count(*), sum(n), sum(g), count(g)
        FROM x WHERE ta IS NOT NULL AND {other} GROUP BY ALL
    )"""
    return sql, params, names


def top_events(
    con: duckdb.DuckDBPyConnection, flt: EventFilter = NO_FILTER, *, limit: int | None = 20
) -> Rows:
    """The most reported events (clusters with a matching mention) with their best evidence."""
    cols = (
        "c.cluster_id, c.event_date, c.source_code, c.target_code, c.cameo, c.plover, "
        "c.quad_class, c.num_mentions, c.num_sources, c.num_articles, c.best_evidence"
    )
    order = "num_articles DESC, num_mentions DESC, event_date, cluster_id"
    if flt == NO_FILTER:  # every cluster has a counted mention
        ids_sql = "SELECT cluster_id, num_articles, num_mentions, event_date FROM event_clusters"
        params: list[Any] = []
    else:
        ids_sql, params = aggregates.cluster_ids(con, flt)
    return page_of_clusters(con, ids_sql, params, cols=cols, order=order, limit=limit, offset=0)


def page_of_clusters(
    con: duckdb.DuckDBPyConnection,
    ids_sql: str,
    params: list[Any],
    *,
    cols: str,
    order: str,
    limit: int | None,
    offset: int,
) -> Rows:
    """The ``event_clusters`` rows (``cols`` of ``c``) of the clusters of ``ids_sql`` (with
    the columns ``order`` reads), sorted by ``order``, ``limit`` of them from ``offset``. The
    page's ids are found first (the first key of ``order`` bounds the sort) and their rows
    read by key, not by a join with every cluster."""
    first = order.split()[0]
    lim, lim_params = _limit(limit)
    bound = (
        f"WHERE {first} >= coalesce((SELECT {first} FROM i ORDER BY {first} DESC "
        "LIMIT 1 OFFSET ?), -1)"
        if limit is not None and order.split()[1] == "DESC"
        else "WHERE true"
    )
    bound_params = [offset + limit - 1] if limit is not None and "OFFSET ?" in bound else []
    ids = [
        r[0]
        for r in con.execute(
            f"WITH i AS NOT MATERIALIZED ({ids_sql}) SELECT cluster_id FROM i {bound} "
            f"ORDER BY {order}{lim} OFFSET ?",
            [*params, *bound_params, *lim_params, offset],
        ).fetchall()
    ]
    return _clusters_by_id(con, ids, cols=cols, order=order)


def counted_page_of_clusters(
    con: duckdb.DuckDBPyConnection,
    ids_sql: str,
    params: list[Any],
    *,
    cols: str,
    order: str,
    limit: int,
    offset: int,
) -> tuple[int, Rows]:
    """The number of clusters of ``ids_sql`` and their page as :func:`page_of_clusters` gives
    it, ``ids_sql`` evaluated once (its rows kept: the count and the page each read them)."""
    row = con.execute(
        f"""
        WITH i AS MATERIALIZED ({ids_sql}),
             p AS (SELECT cluster_id FROM i ORDER BY {order} LIMIT ? OFFSET ?)
        SELECT (SELECT count(*) FROM i), (SELECT list(cluster_id) FROM p)""",
        [*params, limit, offset],
    ).fetchone()
    total, ids = (int(row[0]), list(row[1] or [])) if row else (0, [])
    return total, _clusters_by_id(con, ids, cols=cols, order=order)


def _clusters_by_id(
    con: duckdb.DuckDBPyConnection, ids: list[str], *, cols: str, order: str
) -> Rows:
    """The ``event_clusters`` rows (``cols`` of ``c``) of ``ids``, sorted by ``order``."""
    sql = (
        f"SELECT {cols} FROM event_clusters c WHERE list_contains(?, c.cluster_id) "
        f"ORDER BY {', '.join('c.' + k for k in order.split(', '))}"
    )
    return fetch(con, sql, [ids])


TOPS = ("dyads", "actors", "events")


def top(
    con: duckdb.DuckDBPyConnection,
    flt: EventFilter = NO_FILTER,
    *,
    by: str,
    level: str = "country",
    limit: int = 20,
) -> Rows:
    """:func:`top_dyads`, :func:`top_actors` or :func:`top_events` (``by``)."""
    by = check_choice("by", by, TOPS)
    if by == "dyads":
        return top_dyads(con, flt, level=level, limit=limit)
    if by == "actors":
        return top_actors(con, flt, level=level, limit=limit)
    return top_events(con, flt, limit=limit)


def network(
    con: duckdb.DuckDBPyConnection,
    flt: EventFilter = NO_FILTER,
    *,
    level: str = "country",
    min_events: int = 1,
    limit: int | None = None,
    self_loops: bool = False,
) -> dict[str, Any]:
    """The directed top dyads as a graph: ``edges`` (``source, target`` and the counts of
    :func:`top_dyads`) and ``nodes`` (``id``, ``label`` (:func:`actor_labels`), ``events`` =
    events on its edges), busiest first. ``self_loops`` keeps an actor acting on itself
    (domestic events at country level) as a loop edge."""
    cols, rows = top_dyads(
        con, flt, level=level, limit=limit, min_events=min_events, self_loops=self_loops
    )
    names = ["source", "target", *cols[2:]]
    edges = [dict(zip(names, r, strict=True)) for r in rows]
    weight: dict[str, int] = {}
    for edge in edges:
        for end in {edge["source"], edge["target"]}:
            weight[end] = weight.get(end, 0) + int(edge["events"])
    labels = actor_labels(con, list(weight), level=level)
    nodes = [
        {"id": k, "label": labels.get(k, k), "events": v}
        for k, v in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return {"nodes": nodes, "edges": edges}


def actor_labels(
    con: duckdb.DuckDBPyConnection, ids: Sequence[str], *, level: str = "country"
) -> dict[str, str]:
    """A readable name for each actor id of :func:`top_dyads` at ``level``: a country's English
    name ("United States"), a country and sector ("United States: Government"), else the name
    most often given for exactly that code in the events (then its most frequent text)."""
    from ..export.codes import SECTOR_LABELS, countries  # lazy: export imports the store

    known = countries()
    out: dict[str, str] = {}
    for code in ids:
        if level in ("country", "sector") and code[:3] in known:
            rest = code[3:]
            if not rest:
                out[code] = known[code][1]
            elif level == "sector" and rest in SECTOR_LABELS:
                out[code] = f"{known[code[:3]][1]}: {SECTOR_LABELS[rest]}"
    rest_ids = [c for c in ids if c not in out]
    if rest_ids:
        sides = " UNION ALL ".join(
            f"SELECT {r}_code AS code, {r}_name AS name, {r}_text AS text FROM events"
            for r in ("source", "target")
        )
        found = con.execute(
            f"SELECT code, mode(name ORDER BY name), mode(text ORDER BY text) FROM ({sides}) "
            "WHERE list_contains(?, code) GROUP BY code",
            [rest_ids],
        ).fetchall()
        out.update({code: name or text or code for code, name, text in found})
    return out


def event_places(
    con: duckdb.DuckDBPyConnection, flt: EventFilter = NO_FILTER, *, limit: int | None = 500
) -> Rows:
    """Event locations with coordinates: per place ``events``, ``mentions``, ``goldstein_mean``
    (per event) and ``conflict`` (events in quad classes 3-4)."""
    c_sql, params = aggregates.cluster_rows(
        con,
        flt,
        keys="e.loc_name AS name, e.loc_country AS country, round(e.loc_lat, 4) AS lat, "
        "round(e.loc_lon, 4) AS lon",
        cond="e.loc_lat IS NOT NULL AND e.loc_lon IS NOT NULL",
    )
    lim, lim_params = _limit(limit)
    sql = f"""
    WITH c AS ({c_sql})
    SELECT name, country, lat, lon, count(*) AS events, CAST(sum(n) AS BIGINT) AS mentions,
           round(avg(g), 3) AS goldstein_mean, count(*) FILTER (q >= 3) AS conflict
    FROM c GROUP BY name, country, lat, lon ORDER BY events DESC, mentions DESC, name{lim}
    """
    return fetch(con, sql, [*params, *lim_params])


def actor_lookup(con: duckdb.DuckDBPyConnection, q: str, *, limit: int = 20) -> Rows:
    """Actor codes whose code starts with ``q`` or whose name or mention text contains it,
    most mentioned first (over every actor mention: entities, event roles, speakers)."""
    sql = """
    SELECT actor_code AS code, any_value(actor_country) AS country,
           any_value(actor_sector) AS sector, mode(actor_name) AS name,
           mode(actor_text) AS text, count(*) AS mentions
    FROM actors
    WHERE actor_code IS NOT NULL AND (
          starts_with(upper(actor_code), upper(?))
          OR strpos(lower(coalesce(actor_name, '')), lower(?)) > 0
          OR strpos(lower(coalesce(actor_text, '')), lower(?)) > 0)
    GROUP BY actor_code ORDER BY mentions DESC, code LIMIT ?
    """
    return fetch(con, sql, [q, q, q, limit])
