"""Evidence search through a word index of our own (schema 5).

DuckDB's ``fts`` extension is not in the wheel and ``INSTALL fts`` needs the network, so the
store keeps a plain inverted index: ``text_vocab`` (each distinct word of the lowered evidence
sentences, split on spaces, with an id) and ``text_postings`` (one row per word and event row:
the word's id, the row's ``rowid`` in ``events``, its event date and whether it is negated).
Every write adds the rows it appended once they are committed (:func:`index_new_rows`; a
write that stops before leaves them to the next one, and searches scan until then);
``eventwire recluster`` leaves evidence unchanged.

The search keeps the meaning of ``EventFilter.q`` (a case-insensitive substring of the
evidence): a query without spaces is inside a sentence exactly when it is inside one of its
space-separated words, so the matching rows are the postings of the words that contain it
(found in the small vocabulary), counted without reading ``events``; the page reads only the
rows up to its last day. Queries with spaces, or with other filters, scan ``events`` as before.
"""

from __future__ import annotations

import dataclasses

import duckdb

from .filters import EventFilter

_TOKENS = """
    SELECT e.rowid AS r, coalesce(e.date, e.pub_date) AS day, coalesce(e.negated, false) AS neg,
           unnest(list_distinct(string_split(lower(e.evidence), ' '))) AS token
    FROM events e WHERE e.rowid >= ?"""
_NEW_WORDS = f"""
INSERT INTO text_vocab
SELECT token, CAST((SELECT coalesce(max(id), 0) FROM text_vocab)
                   + row_number() OVER (ORDER BY token) AS INTEGER) AS id
FROM (SELECT DISTINCT token FROM ({_TOKENS}) WHERE token <> '') w
WHERE NOT EXISTS (SELECT 1 FROM text_vocab v WHERE v.token = w.token)
"""
_NEW_POSTINGS = f"""
INSERT INTO text_postings
SELECT v.id, t.r, t.day, t.neg FROM ({_TOKENS}) t JOIN text_vocab v USING (token)
ORDER BY v.id, t.r
"""


def indexed_upto(con: duckdb.DuckDBPyConnection) -> int:
    """The first ``events`` rowid the index has not read yet."""
    rows = con.execute("SELECT coalesce(max(next_rowid), 0) FROM text_index_state").fetchall()
    return int(rows[0][0]) if rows else 0


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether every committed row of ``events`` is in the index."""
    rows = con.execute("SELECT count(*) FROM events WHERE rowid >= ?", [indexed_upto(con)])
    return not rows.fetchall()[0][0]


def index_new_rows(con: duckdb.DuckDBPyConnection) -> None:
    """Adds the words of the committed ``events`` rows the index has not read, in a transaction
    of its own: rowids are final only once the rows are committed (inside the inserting
    transaction DuckDB numbers them apart). Rows are never deleted, so the committed rows are
    rowids 0 .. count - 1."""
    con.execute("BEGIN TRANSACTION")
    try:
        since = indexed_upto(con)
        rows = con.execute("SELECT count(*) FROM events").fetchall()
        if rows[0][0] > since:
            con.execute(_NEW_WORDS, [since])
            con.execute(_NEW_POSTINGS, [since])
            con.execute("DELETE FROM text_index_state")
            con.execute("INSERT INTO text_index_state VALUES (?)", [rows[0][0]])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Indexes every committed row again (a transaction of its own)."""
    for table in ("text_postings", "text_vocab", "text_index_state"):
        con.execute(f"DELETE FROM {table}")
    index_new_rows(con)


def search(
    con: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int, offset: int
) -> tuple[int, list[int]] | None:
    """For :func:`eventwire.store.browse.list_events` with a filter on the evidence text alone:
    the number of matching rows and the ``events`` rowids of those up to the last day of the page
    (the page is among them); None when the index cannot answer."""
    if not flt.q or dataclasses.replace(flt, q=None, include_negated=False) != EventFilter():
        return None
    if not is_current(con):  # rows written by a run that stopped before indexing them
        return None
    row = con.execute("SELECT lower(?)", [flt.q]).fetchall()
    word = str(row[0][0]) if row else ""
    if not word or " " in word:
        return None
    words = con.execute("SELECT list(id) FROM text_vocab WHERE strpos(token, ?) > 0", [word])
    ids = words.fetchall()[0][0] or []
    neg = "" if flt.include_negated else " AND NOT neg"
    # a row has each of its words once: the postings of one word need no DISTINCT
    hits = f"SELECT {'' if len(ids) == 1 else 'DISTINCT '}r, day FROM text_postings"
    found = con.execute(
        f"""
        WITH h AS MATERIALIZED ({hits} WHERE id IN (SELECT unnest(?)){neg}),
        b AS (SELECT day FROM h ORDER BY day NULLS LAST LIMIT 1 OFFSET ?)
        SELECT (SELECT count(*) FROM h),
               (SELECT list(r) FROM h WHERE (SELECT day FROM b) IS NULL OR day <= (SELECT day FROM b))
        """,
        [ids, max(offset + limit - 1, 0)],
    ).fetchall()
    return int(found[0][0]), list(found[0][1] or [])
