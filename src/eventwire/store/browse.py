"""Records and pages of records from the store: event mentions, clusters, documents, quotes.

The listing side of the query layer (counts are in :mod:`eventwire.store.queries`), used by the
API, the dashboard and the library. Pages are :class:`Page`; single records are dicts with the
stored values (dates as ``datetime.date``), or None when absent.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb

from . import aggregates, textindex
from .filters import EVENT_DATE, EventFilter
from .queries import NO_FILTER, as_dicts, counted_page_of_clusters, fetch, page_of_clusters

EVENT_COLUMNS = f"""
    e.event_id, e.doc_id, e.sentence_index, e.cameo, e.cameo_root, e.plover, e.quad_class,
    e.goldstein, {EVENT_DATE} AS date, e.date_precision, e.pub_date, e.doc_source,
    e.source_text, e.source_code, e.source_country, e.target_text, e.target_code,
    e.target_country, e.trigger_text, e.trigger_start, e.trigger_end,
    e.evidence, e.evidence_start, e.evidence_end, e.loc_name, e.loc_country, e.loc_lat, e.loc_lon,
    e.confidence, e.negated, e.cluster_id
"""
QUOTE_COLUMNS = """
    qt.doc_id, qt.idx, qt.speaker_text, qt.speaker_code, qt.speaker_name, qt.speaker_actor_text,
    qt.speaker_actor_code, qt.speaker_actor_name, qt.cue_text, qt.content_text, qt.content_start,
    qt.content_end, qt.direct
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
    where, params = flt.where()
    days = None
    if found is None and flt != NO_FILTER and not textindex.archive_attached(con):
        days = aggregates.mention_days(con, flt)  # None: a filter cluster_days does not serve
    if found is not None:  # the rows up to the page's last day, from the word index
        total, rowids = found
        where, params, skipped = "e.rowid IN (SELECT unnest(?))", [rowids], 0
    elif days is not None:  # counted per day from cluster_days: the page reads its days only
        total = sum(n for _, n in days)
        return _page_of_days(con, flt, days, total, limit, offset)
    elif flt != NO_FILTER and aggregates.enabled() and not textindex.archive_attached(con):
        # one scan of the matching rows gives the count and the page's rows (not two scans)
        total, rowids, _ = _scan_once(
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
        row = con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()
        total = int(row[0]) if row else 0
        days = _all_days(con) if flt == NO_FILTER and aggregates.enabled() else None
        if days is not None and sum(n for _, n in days) == total:  # every mention is counted
            return _page_of_days(con, flt, days, total, limit, offset)
        skipped = 0
    rows = f"SELECT {EVENT_COLUMNS}, e.idx AS _idx FROM events e WHERE {where}"
    order = f"{EVENT_DATE} NULLS LAST, e.doc_id, e.idx"
    return Page(
        total, limit, offset, _page_items(con, rows, order, params, limit, offset - skipped)
    )


# a page whose days span more than this reads the rows of its clusters (when they are few)
SPAN_DAYS = 31
PAGE_CLUSTERS = 48  # at most this many clusters are read by id (DuckDB's index on cluster_id)


def _page_of_days(
    con: duckdb.DuckDBPyConnection,
    flt: EventFilter,
    days: list[tuple[dt.date | None, int]],
    total: int,
    limit: int,
    offset: int,
) -> Page:
    """The page of the mentions matching ``flt``, whose number per day (undated last) is
    ``days``: only the rows of the page's days are read, or, when those days span more than
    :data:`SPAN_DAYS` (a rare filter), the rows of the page's few clusters."""
    where, params = flt.where()
    start, end, skipped = _page_days(days, offset, limit)
    if offset >= total:
        return Page(total, limit, offset, [])
    wide = end is None or start is None or (end - start).days > SPAN_DAYS
    rowids = _page_cluster_rows(con, flt, start, end) if wide and flt != NO_FILTER else None
    if rowids is not None:
        where, params = f"e.rowid IN (SELECT unnest(?)) AND {where}", [rowids, *params]
    elif end is not None:  # a dated page: its days, by date or by publication date
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


def _page_cluster_rows(
    con: duckdb.DuckDBPyConnection, flt: EventFilter, start: dt.date | None, end: dt.date | None
) -> list[int] | None:
    """The rowids of every mention of the clusters with a mention matching ``flt`` between the
    days ``start`` (None: undated) and ``end`` (None: to the last, undated included); None when
    they are more than :data:`PAGE_CLUSTERS` clusters."""
    if start is None:
        cond, cond_params = f"{EVENT_DATE} IS NULL", []
    elif end is None:
        cond, cond_params = f"({EVENT_DATE} >= ? OR {EVENT_DATE} IS NULL)", [start]
    else:  # the filter's own dates narrowed to the page's: cluster_days' blocks of those days
        lo, hi = aggregates.date_bounds(flt)
        flt = dataclasses.replace(
            flt, start=max(start, lo) if lo else start, end=min(end, hi) if hi else end
        )
        cond, cond_params = "true", []
    rows_sql, params = aggregates.cluster_rows(
        con,
        flt,
        unit="day",
        keys=f"date_trunc('day', {EVENT_DATE}) AS period",
        cond=cond,
        cond_params=cond_params,
    )
    ids = con.execute(
        f"SELECT DISTINCT cluster_id FROM ({rows_sql}) LIMIT ?", [*params, PAGE_CLUSTERS + 1]
    ).fetchall()
    if len(ids) > PAGE_CLUSTERS:
        return None
    found = con.execute(
        "SELECT rowid FROM events WHERE cluster_id IN (SELECT unnest(?::VARCHAR[]))",
        [[i for (i,) in ids]],
    ).fetchall()
    return [r for (r,) in found]


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
    # the page is cut from events alone, then its documents are read (50 rows, not a join)
    items = as_dicts(
        fetch(con, f"{rows} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset])
    )
    docs = [i["doc_id"] for i in items]
    titles = doc_values(con, docs, [i["pub_date"] for i in items], "d.title")
    for item in items:
        del item["_idx"]
        item["doc_title"] = titles.get(item["doc_id"], (None,))[0]
    return items


def doc_values(
    con: duckdb.DuckDBPyConnection, ids: list[Any], days: list[Any], columns: str
) -> dict[Any, tuple[Any, ...]]:
    """``columns`` (of ``documents d``) of each stored document of ``ids``, published on one of
    ``days`` (or not): first among the documents between the first and the last of ``days`` (a
    scan of their blocks, not of every document: documents are stored about in publication
    order), then the rest by id."""
    ids = sorted({d for d in ids if d is not None})
    dated = [day for day in days if day is not None]
    out: dict[Any, tuple[Any, ...]] = {}
    if not ids:
        return out
    sql = f"SELECT d.doc_id, {columns} FROM documents d WHERE d.doc_id IN (SELECT unnest(?))"
    if dated:
        found = con.execute(f"{sql} AND d.date BETWEEN ? AND ?", [ids, min(dated), max(dated)])
        out.update((r[0], r[1:]) for r in found.fetchall())
    missing = [d for d in ids if d not in out]
    if missing:  # an undated document, or a publication date that differs
        out.update((r[0], r[1:]) for r in con.execute(sql, [missing]).fetchall())
    return out


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


def _all_days(con: duckdb.DuckDBPyConnection) -> list[tuple[dt.date | None, int]]:
    """Every counted mention per day (undated last), from ``cluster_days``."""
    return con.execute(
        "SELECT date, CAST(sum(n_day) AS BIGINT) FROM cluster_days GROUP BY date "
        "ORDER BY date NULLS LAST"
    ).fetchall()


def _page_days(
    days: list[tuple[dt.date | None, int]], offset: int, limit: int
) -> tuple[dt.date | None, dt.date | None, int]:
    """From the listed mentions per day (undated last): the day the page starts on (None:
    undated), the day it ends on (None: undated, or past the last) and the number of mentions
    before the start."""
    start, end, skipped, before = None, None, 0, 0
    found_start = False
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
    order = "num_mentions DESC, event_date NULLS LAST, cluster_id"
    if flt == NO_FILTER:  # every cluster has a mention that is not negated: no pass to count
        ids_sql = "SELECT cluster_id, num_articles, num_mentions, event_date FROM event_clusters"
        row = con.execute("SELECT count(*) FROM event_clusters").fetchone()
        total = int(row[0]) if row else 0
        rows = page_of_clusters(
            con, ids_sql, [], cols="c.*", order=order, limit=limit, offset=offset
        )
    else:  # the filter's clusters found once, for the count and the page
        ids_sql, params = aggregates.cluster_ids(con, flt)
        total, rows = counted_page_of_clusters(
            con, ids_sql, params, cols="c.*", order=order, limit=limit, offset=offset
        )
    return Page(total, limit, offset, as_dicts(rows))


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
        total, ids, _ = _scan_once(
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
) -> tuple[int, list[Any], list[Any]]:
    """The number of rows of ``keys_sql`` (a key ``k`` and the columns ``o1``, ... ``order``
    sorts by), the keys of the page and their ``o1``, from one scan (a text search reads the
    text once, not twice)."""
    row = con.execute(
        f"""
        WITH m AS MATERIALIZED ({keys_sql}),
        p AS (SELECT k, o1 FROM m ORDER BY {order} LIMIT ? OFFSET ?)
        SELECT (SELECT count(*) FROM m), (SELECT list(k) FROM p), (SELECT list(o1) FROM p)
        """,
        [*params, limit, offset],
    ).fetchall()
    return int(row[0][0]), list(row[0][1] or []), list(row[0][2] or [])


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
        total, keys, days = _scan_once(
            con,
            f"SELECT {key} AS k, d.date AS o1, qt.doc_id AS o2, qt.idx AS o3 "
            f"FROM quotes qt LEFT JOIN documents d USING (doc_id) WHERE {where}",
            params,
            order="o1 NULLS LAST, o2, o3",
            limit=limit,
            offset=offset,
        )
        if by_rowid:  # the page's quotes by rowid, their documents among those of their days
            return Page(total, limit, offset, _quotes_by_rowid(con, keys, days))
        else:
            docs = sorted({k.rsplit("/", 1)[0] for k in keys})
            where = "list_contains(?, qt.doc_id) AND list_contains(?, qt.doc_id || '/' || qt.idx)"
            params = [docs, keys]
    page = _page(
        con,
        None if total is not None else f"SELECT count(*) FROM quotes qt WHERE {where}",
        f"""
        SELECT {QUOTE_COLUMNS}, d.date, d.title AS doc_title
        FROM quotes qt LEFT JOIN documents d USING (doc_id) WHERE {where}
        ORDER BY d.date NULLS LAST, qt.doc_id, qt.idx LIMIT ? OFFSET ?
        """,
        params,
        limit,
        offset if total is None or found is not None else 0,
    )
    return page if total is None else Page(total, limit, offset, page.items)


def _quotes_by_rowid(
    con: duckdb.DuckDBPyConnection, rowids: list[int], days: list[Any]
) -> list[dict[str, Any]]:
    """The quotes of ``rowids`` (published on ``days``) with their document's date and title,
    by date, document and position."""
    items = as_dicts(
        fetch(
            con,
            f"SELECT {QUOTE_COLUMNS} FROM quotes qt WHERE qt.rowid IN (SELECT unnest(?))",
            [rowids],
        )
    )
    docs = doc_values(con, [i["doc_id"] for i in items], days, "d.date, d.title")
    for item in items:
        item["date"], item["doc_title"] = docs.get(item["doc_id"], (None, None))
    return sorted(
        items, key=lambda i: (i["date"] is None, i["date"] or dt.date.min, i["doc_id"], i["idx"])
    )
