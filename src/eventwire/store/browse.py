"""Records and pages of records from the store: event mentions, clusters, documents, quotes.

The listing side of the query layer (counts are in :mod:`eventwire.store.queries`), used by the
API, the dashboard and the library. Pages are :class:`Page`; single records are dicts with the
stored values (dates as ``datetime.date``), or None when absent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb

from . import aggregates, textindex
from .filters import EVENT_DATE, EventFilter
from .queries import NO_FILTER, as_dicts, fetch, page_of_clusters

EVENT_COLUMNS = f"""
    e.event_id, e.doc_id, e.sentence_index, e.cameo, e.cameo_root, e.plover, e.quad_class,
    e.goldstein, {EVENT_DATE} AS date, e.date_precision, e.pub_date, e.doc_source,
    e.source_text, e.source_code, e.source_country, e.target_text, e.target_code,
    e.target_country, e.trigger_text, e.trigger_start, e.trigger_end,
    e.evidence, e.evidence_start, e.evidence_end, e.loc_name, e.loc_country, e.loc_lat, e.loc_lon,
    e.confidence, e.negated, e.cluster_id
"""
PER_DOC_TABLES = ("entities", "times", "places", "quotes", "actors")


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a listing: ``total`` matching records, ``items`` from ``offset``."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


def _page(
    con: duckdb.DuckDBPyConnection,
    count_sql: str | None,
    sql: str,
    params: list[Any],
    limit: int,
    offset: int,
) -> Page:
    """The page of ``sql`` and the count of ``count_sql`` (None: not counted, 0)."""
    row = con.execute(count_sql, params).fetchone() if count_sql else None
    items = as_dicts(fetch(con, sql, [*params, limit, offset]))
    return Page(int(row[0]) if row else 0, limit, offset, items)


def list_events(
    con: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int = 50, offset: int = 0
) -> Page:
    """Event mentions (one row per mention) matching ``flt``, by date, document, position."""
    found = textindex.search(con, flt, limit=limit, offset=offset) if aggregates.enabled() else None
    params: list[Any]
    if found is not None:  # the rows up to the page's last day, from the word index
        total, rowids = found
        where, params, skipped = "e.rowid IN (SELECT unnest(?))", [rowids], 0
    elif flt != NO_FILTER and aggregates.enabled() and not textindex.archive_attached(con):
        # one scan of the matching rows gives the count and the page's rows (not two scans)
        where, params = flt.where()
        total, rowids = _scan_once(
            con,
            f"SELECT e.rowid AS k, {EVENT_DATE} AS o1, e.doc_id AS o2, e.idx AS o3 "
            f"FROM events e WHERE {where}",
            params,
            order="o1 NULLS LAST, o2, o3",
            limit=limit,
            offset=offset,
        )
        where, params, skipped = "e.rowid IN (SELECT unnest(?))", [rowids], offset
    else:
        where, params = flt.where()
        row = con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()
        total = int(row[0]) if row else 0
        start, end, skipped = _page_days(con, flt, total, offset, limit)
        if end is not None:  # a dated page: its days, by date or by publication date
            return _dated_page(con, where, params, start, end, total, limit, offset, skipped)
        if start is not None:
            where += f" AND ({EVENT_DATE} >= ? OR {EVENT_DATE} IS NULL)"
            params = [*params, start]
        elif skipped:
            where += f" AND {EVENT_DATE} IS NULL"
    rows = f"SELECT {EVENT_COLUMNS}, e.idx AS _idx FROM events e WHERE {where}"
    order = f"{EVENT_DATE} NULLS LAST, e.doc_id, e.idx"
    return Page(
        total, limit, offset, _page_items(con, rows, order, params, limit, offset - skipped)
    )


def _page_items(
    con: duckdb.DuckDBPyConnection,
    rows: str,
    order: str,
    params: list[Any],
    limit: int,
    offset: int,
) -> list[dict[str, Any]]:
    """The page of ``rows`` (event columns and ``_idx``) sorted by ``order``, with the titles
    of their documents."""
    return as_dicts(
        fetch(
            con,
            # the page is cut from events alone, then joined to its documents (50 rows, not all)
            f"""
            WITH page AS ({rows} ORDER BY {order} LIMIT ? OFFSET ?)
            SELECT p.* EXCLUDE (_idx), d.title AS doc_title
            FROM page p LEFT JOIN documents d USING (doc_id)
            ORDER BY p.date NULLS LAST, p.doc_id, p._idx
            """,
            [*params, limit, offset],
        )
    )


def _dated_page(
    con: duckdb.DuckDBPyConnection,
    where: str,
    params: list[Any],
    start: dt.date | None,
    end: dt.date,
    total: int,
    limit: int,
    offset: int,
    skipped: int,
) -> Page:
    """A page between the days ``start`` (None: the first) and ``end``: the rows dated in that
    range and the undated ones published in it, two conditions on plain columns (the blocks of
    other days are skipped) instead of one on ``coalesce(date, pub_date)``."""
    lo = [] if start is None else [start]
    since = "" if start is None else " AND {col} >= ?"
    branches = [
        f"SELECT {EVENT_COLUMNS}, e.idx AS _idx FROM events e WHERE {where} AND {cond}"
        + since.format(col=col)
        + f" AND {col} <= ?"
        for col, cond in (("e.date", "e.date IS NOT NULL"), ("e.pub_date", "e.date IS NULL"))
    ]
    rows = f"SELECT * FROM ({' UNION ALL '.join(branches)}) e"
    both = [*params, *lo, end, *params, *lo, end]
    items = _page_items(con, rows, "e.date, e.doc_id, e._idx", both, limit, offset - skipped)
    return Page(total, limit, offset, items)


SKIP_FROM = 1000  # a deep page of every mention starts at its day (from cluster_days)


def _page_days(
    con: duckdb.DuckDBPyConnection, flt: EventFilter, total: int, offset: int, limit: int
) -> tuple[dt.date | None, dt.date | None, int]:
    """For a page of every mention: the day a deep page starts on (None: from the first, or
    undated), the day the page ends on (None: undated, or unknown) and the number of mentions
    before the start, from the mentions per day of ``cluster_days`` when they are all of them
    (every listed mention is in a cluster); else (None, None, 0)."""
    if flt != NO_FILTER or not aggregates.enabled():
        return None, None, 0
    days = con.execute(
        "SELECT date, CAST(sum(n_day) AS BIGINT) FROM cluster_days GROUP BY date "
        "ORDER BY date NULLS LAST"
    ).fetchall()
    if sum(n for _, n in days) != total:
        return None, None, 0
    start, end, skipped, before = None, None, 0, 0
    found_start = offset < SKIP_FROM  # a shallow page needs no start
    for day, n in days:
        if not found_start and before + n > offset:  # the page's first row is on this day
            start, skipped, found_start = day, before, True
        if before + n >= offset + limit:  # and its last row
            end = day
            break
        before += n
    return start, end, skipped


def get_event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    found = as_dicts(
        fetch(
            con,
            """
            SELECT e.*, d.title AS doc_title, d.source AS doc_agency
            FROM events e LEFT JOIN documents d USING (doc_id)
            WHERE e.event_id = ? ORDER BY e.doc_id, e.idx LIMIT 1
            """,
            [event_id],
        )
    )
    return found[0] if found else None


def list_clusters(
    con: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int = 50, offset: int = 0
) -> Page:
    """Reported events (clusters) with at least one mention matching ``flt``, most mentioned first."""
    if flt == NO_FILTER:  # every cluster has a mention that is not negated
        ids_sql = "SELECT cluster_id, num_articles, num_mentions, event_date FROM event_clusters"
        params: list[Any] = []
    else:
        ids_sql, params = aggregates.cluster_ids(con, flt)
    row = con.execute(f"SELECT count(*) FROM ({ids_sql})", params).fetchone()
    cols, rows = page_of_clusters(
        con,
        ids_sql,
        params,
        cols="c.*",
        order="num_mentions DESC, event_date NULLS LAST, cluster_id",
        limit=limit,
        offset=offset,
    )
    return Page(int(row[0]) if row else 0, limit, offset, as_dicts((cols, rows)))


def get_cluster(
    con: duckdb.DuckDBPyConnection, cluster_id: str, *, limit: int = 100
) -> dict[str, Any] | None:
    """One reported event with (up to ``limit`` of) its mentions."""
    found = as_dicts(fetch(con, "SELECT * FROM event_clusters WHERE cluster_id = ?", [cluster_id]))
    if not found:
        return None
    flt = EventFilter(cluster_id=cluster_id, include_negated=True)
    return {**found[0], "mentions": list_events(con, flt, limit=limit).items}


def list_documents(
    con: duckdb.DuckDBPyConnection,
    *,
    q: str | None = None,
    source: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Documents by publication date; ``q`` searches title and text. Each with its ``mentions``
    (non-negated event rows) and ``events`` (reported events it contributes to)."""
    clauses: list[str] = ["true"]
    params: list[Any] = []
    if q:
        clauses.append(
            "(strpos(lower(d.title), lower(?)) > 0 OR strpos(lower(d.text), lower(?)) > 0)"
        )
        params += [q, q]
    for sql, value in (("d.source = ?", source), ("d.date >= ?", start), ("d.date <= ?", end)):
        if value:
            clauses.append(sql)
            params.append(value)
    where = " AND ".join(clauses)
    total = None
    found = (
        textindex.search_text(con, "documents", q, limit=limit, offset=offset)
        if q and not (source or start or end) and aggregates.enabled()
        else None
    )
    if found is not None:  # the documents up to the page's last day, from the word index
        total, rowids = found
        where, params = "d.rowid IN (SELECT unnest(?))", [rowids]
    elif q:  # one scan of the text: the matching keys are kept, counted and cut
        total, ids = _scan_once(
            con,
            f"SELECT d.doc_id AS k, d.date AS o1, d.doc_id AS o2 FROM documents d WHERE {where}",
            params,
            order="o1 NULLS LAST, o2",
            limit=limit,
            offset=offset,
        )
        where, params = "list_contains(?, d.doc_id)", [ids]
    page = _page(
        con,
        None if total is not None else f"SELECT count(*) FROM documents d WHERE {where}",
        # the page of documents first, then the counts of its events (not of every document)
        f"""
        WITH page AS (
            SELECT d.doc_id, d.date, d.source, d.dateline, d.title, d.url, d.n_chars
            FROM documents d WHERE {where}
            ORDER BY d.date NULLS LAST, d.doc_id LIMIT ? OFFSET ?
        ), n AS (
            SELECT e.doc_id, count(DISTINCT e.cluster_id) AS events, count(e.cluster_id) AS mentions
            FROM events e WHERE e.doc_id IN (SELECT doc_id FROM page) GROUP BY e.doc_id
        )
        SELECT p.*, coalesce(n.events, 0) AS events, coalesce(n.mentions, 0) AS mentions
        FROM page p LEFT JOIN n USING (doc_id) ORDER BY p.date NULLS LAST, p.doc_id
        """,
        params,
        limit,
        offset if total is None or found is not None else 0,
    )
    if total is None:
        return page
    return Page(total, limit, offset, page.items)


def _scan_once(
    con: duckdb.DuckDBPyConnection,
    keys_sql: str,
    params: list[Any],
    *,
    order: str,
    limit: int,
    offset: int,
) -> tuple[int, list[Any]]:
    """The number of rows of ``keys_sql`` (a key ``k`` and the columns ``order`` sorts by) and
    the keys of the page, from one scan (a text search reads the text once, not twice)."""
    row = con.execute(
        f"""
        WITH m AS MATERIALIZED ({keys_sql}),
        p AS (SELECT k FROM m ORDER BY {order} LIMIT ? OFFSET ?)
        SELECT (SELECT count(*) FROM m), (SELECT list(k) FROM p)
        """,
        [*params, limit, offset],
    ).fetchall()
    return int(row[0][0]), list(row[0][1] or [])


def get_document(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    """A document with every stored annotation (flat rows per table, in emitted order)."""
    found = as_dicts(
        fetch(
            con,
            "SELECT doc_id, hash, date, source, dateline, title, url, origin, body_start, n_chars, "
            "text FROM documents WHERE doc_id = ?",
            [doc_id],
        )
    )
    if not found:
        return None
    doc = found[0]
    for table in PER_DOC_TABLES:  # fixed table names, never user input
        doc[table] = as_dicts(
            fetch(
                con,
                f"SELECT * EXCLUDE (doc_id) FROM {table} WHERE doc_id = ? ORDER BY idx",
                [doc_id],
            )
        )
    doc["events"] = as_dicts(
        fetch(
            con,
            "SELECT e.* EXCLUDE (doc_id, pub_date, extra) FROM events e WHERE e.doc_id = ? "
            "ORDER BY e.idx",
            [doc_id],
        )
    )
    return doc


def list_quotes(
    con: duckdb.DuckDBPyConnection,
    *,
    speaker: str | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Quotes whose speaker's code starts with, or name or mention text contains, ``speaker``,
    and whose content contains ``q``."""
    clauses: list[str] = ["true"]
    params: list[Any] = []
    if speaker:
        clauses.append(
            "(starts_with(qt.speaker_code, upper(?)) OR qt.speaker_country = upper(?) OR "
            "strpos(lower(coalesce(qt.speaker_text, '')), lower(?)) > 0 OR "
            "strpos(lower(coalesce(qt.speaker_name, '')), lower(?)) > 0 OR "
            "starts_with(qt.speaker_actor_code, upper(?)) OR "
            "strpos(lower(coalesce(qt.speaker_actor_name, qt.speaker_actor_text, '')), lower(?)) > 0)"
        )
        params += [speaker] * 6
    if q:
        clauses.append("strpos(lower(qt.content_text), lower(?)) > 0")
        params.append(q)
    where = " AND ".join(clauses)
    total = None
    found = (
        textindex.search_text(con, "quotes", q, limit=limit, offset=offset)
        if q and not speaker and aggregates.enabled()
        else None
    )
    if found is not None:  # the quotes up to the page's last day, from the word index
        total, rowids = found
        where, params = "qt.rowid IN (SELECT unnest(?))", [rowids]
    elif q or speaker:  # one scan of the texts: the matching keys are kept, counted and cut
        by_rowid = not textindex.archive_attached(con)  # an archive's rows have no rowid
        key = "qt.rowid" if by_rowid else "qt.doc_id || '/' || qt.idx"
        total, keys = _scan_once(
            con,
            f"SELECT {key} AS k, d.date AS o1, qt.doc_id AS o2, qt.idx AS o3 "
            f"FROM quotes qt LEFT JOIN documents d USING (doc_id) WHERE {where}",
            params,
            order="o1 NULLS LAST, o2, o3",
            limit=limit,
            offset=offset,
        )
        if by_rowid:
            where, params = "qt.rowid IN (SELECT unnest(?))", [keys]
        else:
            docs = sorted({k.rsplit("/", 1)[0] for k in keys})
            where = "list_contains(?, qt.doc_id) AND list_contains(?, qt.doc_id || '/' || qt.idx)"
            params = [docs, keys]
    page = _page(
        con,
        None if total is not None else f"SELECT count(*) FROM quotes qt WHERE {where}",
        f"""
        SELECT qt.doc_id, qt.idx, qt.speaker_text, qt.speaker_code, qt.speaker_name,
               qt.speaker_actor_text, qt.speaker_actor_code, qt.speaker_actor_name, qt.cue_text, qt.content_text, qt.content_start, qt.content_end, qt.direct,
               d.date, d.title AS doc_title
        FROM quotes qt LEFT JOIN documents d USING (doc_id) WHERE {where}
        ORDER BY d.date NULLS LAST, qt.doc_id, qt.idx LIMIT ? OFFSET ?
        """,
        params,
        limit,
        offset if total is None or found is not None else 0,
    )
    return page if total is None else Page(total, limit, offset, page.items)
