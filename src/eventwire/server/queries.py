"""The queries behind the API and pages. Values are always bound parameters (``?``).

Only identifiers chosen from fixed allow-lists (period units, sort keys) are formatted
into SQL text; every value a user sends travels as a bound parameter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb

# The date an event is placed at: its own date when known, else the publication date.
EVENT_DATE = "coalesce(e.date, e.pub_date)"
PERIODS = {"day": "day", "week": "week", "month": "month", "year": "year"}

EVENT_LIST_COLUMNS = """
    e.event_id, e.doc_id, e.sentence_index, e.cameo, e.cameo_root, e.plover, e.quad_class,
    e.goldstein, CAST(coalesce(e.date, e.pub_date) AS VARCHAR) AS date, e.date_precision,
    CAST(e.pub_date AS VARCHAR) AS pub_date, e.doc_source,
    e.source_text, e.source_code, e.source_country, e.target_text, e.target_code,
    e.target_country, e.trigger_text, e.trigger_start, e.trigger_end,
    e.evidence, e.evidence_start, e.evidence_end, e.loc_name, e.loc_country, e.loc_lat, e.loc_lon,
    e.confidence, e.negated, e.cluster_id
"""


def rows(
    cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
) -> list[dict[str, Any]]:
    """Rows as dicts; cached per snapshot when the cursor offers a cache (results never change)."""

    def compute() -> list[dict[str, Any]]:
        rel = cur.execute(sql, params or [])
        names = [d[0] for d in rel.description or []]
        return [dict(zip(names, _plain(r), strict=True)) for r in rel.fetchall()]

    cached = getattr(cur, "cached", None)
    if cached is None:
        return compute()
    found: list[dict[str, Any]] = cached((sql, *(params or [])), compute)
    return [dict(r) for r in found]  # callers may modify their copy


def _plain(row: tuple[Any, ...]) -> list[Any]:
    out = []
    for v in row:
        if isinstance(v, dt.date | dt.datetime):
            v = v.isoformat()
        out.append(v)
    return out


MAX_FILLED_PERIODS = 5000


def _next_period(day: dt.date, by: str) -> dt.date:
    if by == "day":
        return day + dt.timedelta(days=1)
    if by == "week":
        return day + dt.timedelta(days=7)
    if by == "month":
        return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return dt.date(day.year + 1, 1, 1)


def fill_periods(series: list[dict[str, Any]], *, by: str) -> list[dict[str, Any]]:
    """The series with empty periods added between the first and the last (for charts)."""
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


def one(
    cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
) -> dict[str, Any] | None:
    found = rows(cur, sql, params)
    return found[0] if found else None


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    """Filters on events; every field is optional and ANDed."""

    actor: str | None = None  # code prefix, either side ("RUS" matches "RUSGOV")
    source: str | None = None  # code prefix of the source
    target: str | None = None  # code prefix of the target
    dyad: tuple[str, str] | None = None  # (a, b): a acts on b
    directed: bool = True  # with dyad: False also matches b acting on a
    cameo_root: str | None = None
    cameo: str | None = None
    plover: str | None = None
    quad_class: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    place: str | None = None  # place name or country code
    q: str | None = None  # text in the evidence sentence
    doc_id: str | None = None
    cluster_id: str | None = None
    include_negated: bool = False

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            clauses.append(sql)
            params.extend(values)

        if self.actor:
            add(
                "(starts_with(e.source_code, ?) OR starts_with(e.target_code, ?))",
                self.actor,
                self.actor,
            )
        if self.source:
            add("starts_with(e.source_code, ?)", self.source)
        if self.target:
            add("starts_with(e.target_code, ?)", self.target)
        if self.dyad:
            a, b = self.dyad
            if self.directed:
                add("(starts_with(e.source_code, ?) AND starts_with(e.target_code, ?))", a, b)
            else:
                add(
                    "((starts_with(e.source_code, ?) AND starts_with(e.target_code, ?)) OR "
                    "(starts_with(e.source_code, ?) AND starts_with(e.target_code, ?)))",
                    a,
                    b,
                    b,
                    a,
                )
        for column, value in (
            ("cameo_root", self.cameo_root),
            ("cameo", self.cameo),
            ("plover", self.plover),
            ("quad_class", self.quad_class),
            ("doc_id", self.doc_id),
            ("cluster_id", self.cluster_id),
        ):
            if value is not None and value != "":
                add(f"e.{column} = ?", value)
        if self.start:
            add(f"{EVENT_DATE} >= ?", self.start)
        if self.end:
            add(f"{EVENT_DATE} <= ?", self.end)
        if self.place:
            add(
                "(lower(e.loc_name) = lower(?) OR e.loc_country = upper(?) "
                "OR lower(e.loc_text) = lower(?))",
                self.place,
                self.place,
                self.place,
            )
        if self.q:
            add("strpos(lower(e.evidence), lower(?)) > 0", self.q)
        if not self.include_negated:
            clauses.append("NOT coalesce(e.negated, false)")
        return (" AND ".join(clauses) or "true"), params


# -- overview ------------------------------------------------------------------------------
def summary(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    out = one(
        cur,
        """
        SELECT (SELECT count(*) FROM documents) AS documents,
               (SELECT count(*) FROM events) AS events,
               (SELECT count(*) FROM events WHERE cluster_id IS NOT NULL
                   AND NOT coalesce(negated, false)) AS clustered_events,
               (SELECT count(DISTINCT cluster_id) FROM events) AS clusters,
               (SELECT count(*) FROM quotes) AS quotes,
               (SELECT count(*) FROM rejects) AS rejects,
               (SELECT count(DISTINCT source) FROM documents) AS sources,
               (SELECT CAST(min(date) AS VARCHAR) FROM documents) AS first_date,
               (SELECT CAST(max(date) AS VARCHAR) FROM documents) AS last_date
    """,
    )
    return out or {}


def quad_series(
    cur: duckdb.DuckDBPyConnection, *, by: str, flt: EventFilter
) -> list[dict[str, Any]]:
    unit = PERIODS[by]
    where, params = flt.where()
    return rows(
        cur,
        f"""
        SELECT CAST(CAST(date_trunc('{unit}', {EVENT_DATE}) AS DATE) AS VARCHAR) AS period,
               count(*) FILTER (WHERE e.quad_class = 1) AS q1,
               count(*) FILTER (WHERE e.quad_class = 2) AS q2,
               count(*) FILTER (WHERE e.quad_class = 3) AS q3,
               count(*) FILTER (WHERE e.quad_class = 4) AS q4,
               count(*) AS events
        FROM events e WHERE {where} AND {EVENT_DATE} IS NOT NULL
        GROUP BY period ORDER BY period
    """,
        params,
    )


# -- dyads and actors ------------------------------------------------------------------------
def _level_expr(role: str, level: str) -> str:
    if level == "country":
        return f"coalesce(e.{role}_country, left(e.{role}_code, 3))"
    return f"e.{role}_code"


def top_dyads(
    cur: duckdb.DuckDBPyConnection, *, flt: EventFilter, level: str, limit: int
) -> list[dict[str, Any]]:
    s, t = _level_expr("source", level), _level_expr("target", level)
    where, params = flt.where()
    return rows(
        cur,
        f"""
        SELECT {s} AS source, {t} AS target, count(*) AS events,
               round(avg(e.goldstein), 3) AS goldstein,
               count(*) FILTER (WHERE e.quad_class <= 2) AS cooperation,
               count(*) FILTER (WHERE e.quad_class >= 3) AS conflict
        FROM events e WHERE {where} AND {s} IS NOT NULL AND {t} IS NOT NULL
        GROUP BY ALL ORDER BY events DESC, source, target LIMIT ?
    """,
        [*params, limit],
    )


def top_actors(
    cur: duckdb.DuckDBPyConnection, *, flt: EventFilter, level: str, limit: int
) -> list[dict[str, Any]]:
    s, t = _level_expr("source", level), _level_expr("target", level)
    where, params = flt.where()
    return rows(
        cur,
        f"""
        WITH m AS (
            SELECT {s} AS actor, e.goldstein FROM events e WHERE {where}
            UNION ALL
            SELECT {t} AS actor, e.goldstein FROM events e WHERE {where}
        )
        SELECT actor, count(*) AS events, round(avg(goldstein), 3) AS goldstein
        FROM m WHERE actor IS NOT NULL GROUP BY actor ORDER BY events DESC, actor LIMIT ?
    """,
        [*params, *params, limit],
    )


def dyad_series(
    cur: duckdb.DuckDBPyConnection, *, a: str, b: str, by: str, directed: bool, flt: EventFilter
) -> list[dict[str, Any]]:
    """Per period: counts by quad class, mean Goldstein, cooperation-conflict index."""
    unit = PERIODS[by]
    sub = EventFilter(
        dyad=(a, b),
        directed=directed,
        start=flt.start,
        end=flt.end,
        include_negated=flt.include_negated,
    )
    where, params = sub.where()
    return rows(
        cur,
        f"""
        SELECT CAST(CAST(date_trunc('{unit}', {EVENT_DATE}) AS DATE) AS VARCHAR) AS period,
               CAST(min({EVENT_DATE}) AS VARCHAR) AS first_date,
               CAST(max({EVENT_DATE}) AS VARCHAR) AS last_date,
               count(*) AS events,
               count(*) FILTER (WHERE e.quad_class = 1) AS q1,
               count(*) FILTER (WHERE e.quad_class = 2) AS q2,
               count(*) FILTER (WHERE e.quad_class = 3) AS q3,
               count(*) FILTER (WHERE e.quad_class = 4) AS q4,
               round(avg(e.goldstein), 3) AS goldstein,
               round((count(*) FILTER (WHERE e.quad_class <= 2)
                      - count(*) FILTER (WHERE e.quad_class >= 3)) / count(*), 3) AS coop_conflict
        FROM events e WHERE {where} AND {EVENT_DATE} IS NOT NULL
        GROUP BY period ORDER BY period
    """,
        params,
    )


def network(
    cur: duckdb.DuckDBPyConnection, *, flt: EventFilter, level: str, limit: int
) -> dict[str, Any]:
    edges = top_dyads(cur, flt=flt, level=level, limit=limit)
    weight: dict[str, int] = {}
    for edge in edges:
        for key in (edge["source"], edge["target"]):
            weight[key] = weight.get(key, 0) + edge["events"]
    nodes = [
        {"id": k, "events": v} for k, v in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return {"nodes": nodes, "edges": edges}


def actor_lookup(cur: duckdb.DuckDBPyConnection, *, q: str, limit: int) -> list[dict[str, Any]]:
    """Actor codes whose code, name or mention text contains ``q``, most mentioned first."""
    return rows(
        cur,
        """
        SELECT actor_code AS code, any_value(actor_country) AS country,
               any_value(actor_sector) AS sector, mode(actor_name) AS name,
               mode(actor_text) AS text, count(*) AS mentions
        FROM actors
        WHERE actor_code IS NOT NULL AND (
              starts_with(upper(actor_code), upper(?))
              OR strpos(lower(coalesce(actor_name, '')), lower(?)) > 0
              OR strpos(lower(coalesce(actor_text, '')), lower(?)) > 0)
        GROUP BY actor_code ORDER BY mentions DESC, code LIMIT ?
    """,
        [q, q, q, limit],
    )


# -- events, clusters ------------------------------------------------------------------------
def list_events(
    cur: duckdb.DuckDBPyConnection, *, flt: EventFilter, limit: int, offset: int
) -> dict[str, Any]:
    where, params = flt.where()
    total = rows(cur, f"SELECT count(*) AS n FROM events e WHERE {where}", params)[0]["n"]
    items = rows(
        cur,
        f"""
        SELECT {EVENT_LIST_COLUMNS}, d.title AS doc_title
        FROM events e LEFT JOIN documents d USING (doc_id)
        WHERE {where}
        ORDER BY {EVENT_DATE} NULLS LAST, e.doc_id, e.idx LIMIT ? OFFSET ?
    """,
        [*params, limit, offset],
    )
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def get_event(cur: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    event = one(
        cur,
        """
        SELECT e.* EXCLUDE (date, pub_date), CAST(e.date AS VARCHAR) AS date,
               CAST(e.pub_date AS VARCHAR) AS pub_date, d.title AS doc_title, d.source AS doc_agency
        FROM events e LEFT JOIN documents d USING (doc_id)
        WHERE e.event_id = ? ORDER BY e.doc_id, e.idx LIMIT 1
    """,
        [event_id],
    )
    return event


def list_clusters(
    cur: duckdb.DuckDBPyConnection, *, flt: EventFilter, limit: int, offset: int
) -> dict[str, Any]:
    where, params = flt.where()
    ids = f"SELECT DISTINCT e.cluster_id FROM events e WHERE {where} AND e.cluster_id IS NOT NULL"
    total = rows(cur, f"SELECT count(*) AS n FROM ({ids})", params)[0]["n"]
    items = rows(
        cur,
        f"""
        SELECT c.* EXCLUDE (event_date, event_date_last, first_seen, last_seen),
               CAST(c.event_date AS VARCHAR) AS event_date,
               CAST(c.event_date_last AS VARCHAR) AS event_date_last,
               CAST(c.first_seen AS VARCHAR) AS first_seen,
               CAST(c.last_seen AS VARCHAR) AS last_seen
        FROM event_clusters c WHERE c.cluster_id IN ({ids})
        ORDER BY c.num_mentions DESC, c.event_date NULLS LAST, c.cluster_id LIMIT ? OFFSET ?
    """,
        [*params, limit, offset],
    )
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def get_cluster(
    cur: duckdb.DuckDBPyConnection, cluster_id: str, *, limit: int
) -> dict[str, Any] | None:
    found = list_clusters(
        cur, flt=EventFilter(cluster_id=cluster_id, include_negated=True), limit=1, offset=0
    )
    if not found["items"]:
        return None
    cluster = found["items"][0]
    cluster["mentions"] = list_events(
        cur, flt=EventFilter(cluster_id=cluster_id, include_negated=True), limit=limit, offset=0
    )["items"]
    return cluster


# -- documents, quotes, places ----------------------------------------------------------------
def list_documents(
    cur: duckdb.DuckDBPyConnection,
    *,
    q: str | None,
    source: str | None,
    start: dt.date | None,
    end: dt.date | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    clauses: list[str] = ["true"]
    params: list[Any] = []
    if q:
        clauses.append(
            "(strpos(lower(d.title), lower(?)) > 0 OR strpos(lower(d.text), lower(?)) > 0)"
        )
        params += [q, q]
    if source:
        clauses.append("d.source = ?")
        params.append(source)
    if start:
        clauses.append("d.date >= ?")
        params.append(start)
    if end:
        clauses.append("d.date <= ?")
        params.append(end)
    where = " AND ".join(clauses)
    total = rows(cur, f"SELECT count(*) AS n FROM documents d WHERE {where}", params)[0]["n"]
    items = rows(
        cur,
        f"""
        SELECT d.doc_id, CAST(d.date AS VARCHAR) AS date, d.source, d.dateline, d.title, d.url,
               d.n_chars, (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS events
        FROM documents d WHERE {where}
        ORDER BY d.date NULLS LAST, d.doc_id LIMIT ? OFFSET ?
    """,
        [*params, limit, offset],
    )
    return {"total": total, "limit": limit, "offset": offset, "items": items}


PER_DOC_TABLES = ("entities", "times", "places", "quotes", "actors")


def get_document(cur: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    doc = one(
        cur,
        """
        SELECT doc_id, hash, CAST(date AS VARCHAR) AS date, source, dateline, title, url, origin,
               body_start, n_chars, text
        FROM documents WHERE doc_id = ?
    """,
        [doc_id],
    )
    if doc is None:
        return None
    for table in PER_DOC_TABLES:  # fixed table names, never user input
        doc[table] = rows(
            cur, f"SELECT * EXCLUDE (doc_id) FROM {table} WHERE doc_id = ? ORDER BY idx", [doc_id]
        )
    doc["events"] = rows(
        cur,
        """
        SELECT e.* EXCLUDE (doc_id, date, pub_date, extra), CAST(e.date AS VARCHAR) AS date
        FROM events e WHERE e.doc_id = ? ORDER BY e.idx
    """,
        [doc_id],
    )
    return doc


def list_quotes(
    cur: duckdb.DuckDBPyConnection, *, speaker: str | None, q: str | None, limit: int, offset: int
) -> dict[str, Any]:
    clauses: list[str] = ["true"]
    params: list[Any] = []
    if speaker:
        clauses.append(
            "(starts_with(qt.speaker_code, upper(?)) OR "
            "strpos(lower(coalesce(qt.speaker_text, '')), lower(?)) > 0 OR "
            "strpos(lower(coalesce(qt.speaker_name, '')), lower(?)) > 0)"
        )
        params += [speaker, speaker, speaker]
    if q:
        clauses.append("strpos(lower(qt.content_text), lower(?)) > 0")
        params.append(q)
    where = " AND ".join(clauses)
    total = rows(cur, f"SELECT count(*) AS n FROM quotes qt WHERE {where}", params)[0]["n"]
    items = rows(
        cur,
        f"""
        SELECT qt.doc_id, qt.idx, qt.speaker_text, qt.speaker_code, qt.speaker_name,
               qt.cue_text, qt.content_text, qt.content_start, qt.content_end, qt.direct,
               CAST(d.date AS VARCHAR) AS date, d.title AS doc_title
        FROM quotes qt LEFT JOIN documents d USING (doc_id) WHERE {where}
        ORDER BY d.date NULLS LAST, qt.doc_id, qt.idx LIMIT ? OFFSET ?
    """,
        [*params, limit, offset],
    )
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def event_places(
    cur: duckdb.DuckDBPyConnection, *, flt: EventFilter, limit: int
) -> list[dict[str, Any]]:
    """Event locations with coordinates, one row per place, with volume and mean Goldstein."""
    where, params = flt.where()
    return rows(
        cur,
        f"""
        SELECT e.loc_name AS name, e.loc_country AS country,
               round(e.loc_lat, 4) AS lat, round(e.loc_lon, 4) AS lon,
               count(*) AS events, round(avg(e.goldstein), 3) AS goldstein,
               count(*) FILTER (WHERE e.quad_class >= 3) AS conflict
        FROM events e
        WHERE {where} AND e.loc_lat IS NOT NULL AND e.loc_lon IS NOT NULL
        GROUP BY ALL ORDER BY events DESC, name LIMIT ?
    """,
        [*params, limit],
    )
