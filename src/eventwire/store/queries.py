"""Read queries over the store, shared by analysis, the CLI and the web server.

Every function takes a DuckDB connection, binds its parameters (never pastes values into
SQL) and returns ``(columns, rows)``, or a dict for one document. Actor arguments match
either an actor's country (``RUS``) or its full code (``RUSGOV``). Negated events are left
out of counts. ``events`` rows are mentions; "events" in series and tops are clusters
(reported events), "mentions" are rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

Rows = tuple[list[str], list[tuple[Any, ...]]]
PERIODS = ("day", "week", "month", "year")


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> Rows:
    cur = con.execute(sql, list(params))
    cols = [d[0] for d in cur.description or ()]
    return cols, cur.fetchall()


def _actor_pred(role: str) -> str:
    return f"(e.{role}_country = ? OR e.{role}_code = ?)"


def dyad_predicate(a: str, b: str, *, directed: bool) -> tuple[str, list[str]]:
    fwd = f"({_actor_pred('source')} AND {_actor_pred('target')})"
    if directed:
        return fwd, [a, a, b, b]
    back = f"({_actor_pred('source')} AND {_actor_pred('target')})"
    return f"({fwd} OR {back})", [a, a, b, b, b, b, a, a]


def dyad_series(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    *,
    by: str = "month",
    directed: bool = False,
    year: int | None = None,
) -> Rows:
    """Per period: events (clusters) and mentions, counts per quad class, mean and mention-weighted
    Goldstein, and ``coop_conflict`` = (Q1 + Q2 - Q3 - Q4) / all events of the period (every dyad)."""
    if by not in PERIODS:
        raise ValueError(f"by must be one of {PERIODS}")
    pred, dyad_params = dyad_predicate(a, b, directed=directed)
    params: list[Any] = list(dyad_params)
    year_pred = " AND year(e.date) = ?" if year else ""
    if year:
        params.append(year)
    sql = f"""
    WITH m AS (
        SELECT date_trunc('{by}', e.date) AS period, e.cluster_id, e.quad_class, e.goldstein
        FROM events e WHERE NOT e.negated AND e.cluster_id IS NOT NULL AND e.date IS NOT NULL
          AND {pred}{year_pred}
    ), c AS (
        SELECT period, cluster_id, min(quad_class) AS q, avg(goldstein) AS g, count(*) AS n
        FROM m GROUP BY period, cluster_id
    ), tot AS (
        SELECT date_trunc('{by}', e.date) AS period, count(DISTINCT e.cluster_id) AS total
        FROM events e
        WHERE NOT e.negated AND e.cluster_id IS NOT NULL
          AND e.date BETWEEN (SELECT min(period) FROM c) AND (SELECT max(period) FROM c) + INTERVAL 1 {by}
        GROUP BY 1
    )
    SELECT CAST(c.period AS DATE) AS period, count(*) AS events, sum(c.n) AS mentions,
           count(*) FILTER (q = 1) AS q1_verbal_coop, count(*) FILTER (q = 2) AS q2_material_coop,
           count(*) FILTER (q = 3) AS q3_verbal_conflict, count(*) FILTER (q = 4) AS q4_material_conflict,
           round(avg(c.g), 3) AS goldstein_mean, round(sum(c.g * c.n) / sum(c.n), 3) AS goldstein_weighted,
           any_value(tot.total) AS period_total,
           round((count(*) FILTER (q <= 2) - count(*) FILTER (q >= 3)) / any_value(tot.total), 4) AS coop_conflict
    FROM c JOIN tot USING (period)
    GROUP BY c.period ORDER BY c.period
    """
    return _fetch(con, sql, params)


def _year(year: int | None, col: str = "e.date") -> tuple[str, list[Any]]:
    return (f" AND year({col}) = ?", [year]) if year else ("", [])


def top_dyads(
    con: duckdb.DuckDBPyConnection,
    *,
    year: int | None = None,
    limit: int = 20,
    directed: bool = True,
) -> Rows:
    yp, params = _year(year)
    a = "coalesce(e.source_country, e.source_code)"
    b = "coalesce(e.target_country, e.target_code)"
    x, y = (a, b) if directed else (f"least({a}, {b})", f"greatest({a}, {b})")
    sql = f"""
    SELECT {x} AS actor1, {y} AS actor2,
           count(DISTINCT e.cluster_id) AS events, count(*) AS mentions,
           round(avg(e.goldstein), 3) AS goldstein_mean,
           count(DISTINCT e.cluster_id) FILTER (e.quad_class <= 2) AS cooperation,
           count(DISTINCT e.cluster_id) FILTER (e.quad_class >= 3) AS conflict
    FROM events e
    WHERE NOT e.negated AND e.target_code IS NOT NULL AND {a} <> {b}{yp}
    GROUP BY 1, 2 ORDER BY events DESC, mentions DESC, actor1, actor2 LIMIT ?
    """
    return _fetch(con, sql, [*params, limit])


def top_actors(con: duckdb.DuckDBPyConnection, *, year: int | None = None, limit: int = 20) -> Rows:
    yp, params = _year(year)
    sql = f"""
    WITH a AS (
        SELECT e.source_code AS code, e.source_name AS name, e.cluster_id, 'source' AS role FROM events e
        WHERE NOT e.negated{yp}
        UNION ALL
        SELECT e.target_code, e.target_name, e.cluster_id, 'target' FROM events e
        WHERE NOT e.negated AND e.target_code IS NOT NULL{yp}
    )
    SELECT code, mode(name) AS name, count(DISTINCT cluster_id) AS events, count(*) AS mentions,
           count(*) FILTER (role = 'source') AS as_source, count(*) FILTER (role = 'target') AS as_target
    FROM a GROUP BY code ORDER BY events DESC, mentions DESC, code LIMIT ?
    """
    return _fetch(con, sql, [*params, *params, limit])


def top_events(con: duckdb.DuckDBPyConnection, *, year: int | None = None, limit: int = 20) -> Rows:
    """The most reported events (clusters) with their best evidence."""
    yp, params = _year(year, "c.event_date")
    sql = f"""
    SELECT c.cluster_id, c.event_date, c.source_code, c.target_code, c.cameo, c.plover, c.quad_class,
           c.num_mentions, c.num_sources, c.num_articles, c.best_evidence
    FROM event_clusters c WHERE TRUE{yp}
    ORDER BY c.num_articles DESC, c.num_mentions DESC, c.event_date, c.cluster_id LIMIT ?
    """
    return _fetch(con, sql, [*params, limit])


def events(
    con: duckdb.DuckDBPyConnection,
    *,
    actor: str | None = None,
    dyad: tuple[str, str] | None = None,
    cameo_root: str | None = None,
    plover: str | None = None,
    quad_class: int | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    place: str | None = None,
    text: str | None = None,
    cluster_id: str | None = None,
    include_negated: bool = False,
    limit: int = 100,
    offset: int = 0,
) -> Rows:
    """Event mentions matching every given filter, newest first, paged."""
    where: list[str] = ["TRUE"]
    params: list[Any] = []
    if actor:
        where.append(f"({_actor_pred('source')} OR {_actor_pred('target')})")
        params += [actor] * 4
    if dyad:
        pred, p = dyad_predicate(*dyad, directed=False)
        where.append(pred)
        params += p
    for col, value in (
        ("cameo_root", cameo_root),
        ("plover", plover),
        ("quad_class", quad_class),
        ("cluster_id", cluster_id),
    ):
        if value is not None:
            where.append(f"e.{col} = ?")
            params.append(value)
    if date_from:
        where.append("e.date >= CAST(? AS DATE)")
        params.append(date_from)
    if date_to:
        where.append("e.date <= CAST(? AS DATE)")
        params.append(date_to)
    if place:
        where.append("(e.loc_name ILIKE ? OR e.loc_country = ?)")
        params += [f"%{place}%", place]
    if text:
        where.append("e.evidence ILIKE ?")
        params.append(f"%{text}%")
    if not include_negated:
        where.append("NOT e.negated")
    sql = f"""
    SELECT e.event_id, e.doc_id, e.date, e.date_precision, e.source_code, e.target_code, e.cameo, e.plover,
           e.quad_class, e.goldstein, e.trigger_text, e.loc_name, e.confidence, e.cluster_id, e.evidence
    FROM events e WHERE {" AND ".join(where)}
    ORDER BY e.date DESC NULLS LAST, e.doc_id, e.idx LIMIT ? OFFSET ?
    """
    return _fetch(con, sql, [*params, limit, offset])


def quotes_by_speaker(
    con: duckdb.DuckDBPyConnection, speaker: str, *, limit: int = 100, offset: int = 0
) -> Rows:
    """Quotes whose speaker's code, country, name or text matches ``speaker``."""
    sql = """
    SELECT q.doc_id, d.date, q.speaker_text, q.speaker_code, q.cue_text, q.direct, q.content_text,
           q.content_start, q.content_end
    FROM quotes q JOIN documents d USING (doc_id)
    WHERE q.speaker_code = ? OR q.speaker_country = ? OR q.speaker_name ILIKE ? OR q.speaker_text ILIKE ?
    ORDER BY d.date DESC NULLS LAST, q.doc_id, q.idx LIMIT ? OFFSET ?
    """
    return _fetch(con, sql, [speaker, speaker, f"%{speaker}%", f"%{speaker}%", limit, offset])


def _records(con: duckdb.DuckDBPyConnection, table: str, doc_id: str) -> list[dict[str, Any]]:
    cols, rows = _fetch(con, f"SELECT * FROM {table} WHERE doc_id = ? ORDER BY idx", [doc_id])
    return [dict(zip(cols, r, strict=True)) for r in rows]


def document(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    """A document with every stored annotation (flat rows per table), or None."""
    cols, rows = _fetch(con, "SELECT * FROM documents WHERE doc_id = ?", [doc_id])
    if not rows:
        return None
    out = dict(zip(cols, rows[0], strict=True))
    for table in ("entities", "events", "quotes", "times", "places", "actor_observations"):
        out[table] = _records(con, table, doc_id)
    return out


def summary(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Corpus size and date range, events by quad class."""
    row = con.execute("SELECT count(*), min(date), max(date) FROM documents").fetchone() or (
        0,
        None,
        None,
    )
    ev = con.execute(
        "SELECT count(*), count(DISTINCT cluster_id) FROM events WHERE NOT negated"
    ).fetchone()
    quads = con.execute(
        "SELECT quad_class, count(DISTINCT cluster_id), count(*) FROM events WHERE NOT negated "
        "GROUP BY 1 ORDER BY 1"
    ).fetchall()
    rejects = con.execute("SELECT count(*) FROM rejects").fetchone()
    return {
        "documents": row[0],
        "date_from": row[1],
        "date_to": row[2],
        "mentions": ev[0] if ev else 0,
        "events": ev[1] if ev else 0,
        "by_quad_class": {
            int(q): {"events": n, "mentions": m} for q, n, m in quads if q is not None
        },
        "rejects": rejects[0] if rejects else 0,
    }
