"""Text search through a word index of our own: evidence (schema 5), documents and quotes (6).

DuckDB's ``fts`` extension is not in the wheel and ``INSTALL fts`` needs the network, so the
store keeps a plain inverted index: ``text_vocab`` (each distinct word of the lowered texts,
split on spaces, with an id) and one postings table per searched text (:data:`SOURCES`): one
row per word and row of the searched table (the word's id, the row's ``rowid``, the day the
listing sorts by and, for events, whether it is negated):

- ``text_postings``: the evidence sentences of ``events`` (day: the event date);
- ``doc_postings``: the title and text of ``documents`` (day: the publication date);
- ``quote_postings``: the content of ``quotes`` (day: the publication date of its document).

Every write adds the rows it appended once they are committed (:func:`index_new_rows`; a
write that stops before leaves them to the next one, and searches scan until then);
``eventwire recluster`` leaves the texts unchanged. Rows of these tables are never deleted or
moved, so the committed rows are rowids 0 .. count - 1 and ``text_index_state`` keeps, per
table, the first rowid not read yet.

A search keeps the meaning of its filter (a case-insensitive substring of the text): a query
without spaces is inside a text exactly when it is inside one of its space-separated words, so
the matching rows are the postings of the words that contain it (found in the small
vocabulary), counted without reading the table; the page reads only the rows up to its last
day. Queries with spaces, or with other filters, scan the table as before; so does every
search while an archive is attached (:mod:`eventwire.store.archive`: the index covers the live
rows only; the evidence search then fails with E307, the document and quote searches scan).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import duckdb

from .filters import EventFilter


@dataclass(frozen=True, slots=True)
class Source:
    """One searched text: its table, postings table, column of ``text_index_state``, and the
    SQL of its rows with ``? <= rowid < ?`` as ``r, day, neg, text``."""

    table: str
    postings: str
    state: str
    rows: str


SOURCES = {
    "events": Source(
        "events",
        "text_postings",
        "next_rowid",
        "SELECT e.rowid AS r, coalesce(e.date, e.pub_date) AS day, "
        "coalesce(e.negated, false) AS neg, e.evidence AS text FROM events e "
        "WHERE e.rowid >= ? AND e.rowid < ?",
    ),
    "documents": Source(
        "documents",
        "doc_postings",
        "next_doc",
        # the title and the text joined by a space: the words of either
        "SELECT d.rowid AS r, d.date AS day, false AS neg, "
        "coalesce(d.title, '') || ' ' || coalesce(d.text, '') AS text "
        "FROM documents d WHERE d.rowid >= ? AND d.rowid < ?",
    ),
    "quotes": Source(
        "quotes",
        "quote_postings",
        "next_quote",
        "SELECT qt.rowid AS r, d.date AS day, false AS neg, qt.content_text AS text "
        "FROM quotes qt LEFT JOIN documents d USING (doc_id) "
        "WHERE qt.rowid >= ? AND qt.rowid < ?",
    ),
}
_TOKENS = """
CREATE OR REPLACE TEMP TABLE _ew_tokens AS
SELECT r, day, neg, unnest(list_distinct(string_split(lower(text), ' '))) AS token
FROM ({rows})
"""
_NEW_WORDS = """
INSERT INTO text_vocab
SELECT token, CAST((SELECT coalesce(max(id), 0) FROM text_vocab)
                   + row_number() OVER (ORDER BY token) AS INTEGER) AS id
FROM (SELECT DISTINCT token FROM _ew_tokens WHERE token <> '') w
WHERE NOT EXISTS (SELECT 1 FROM text_vocab v WHERE v.token = w.token)
"""
# sorted by word: a search reads the row groups of its words only
_NEW_POSTINGS = """
INSERT INTO {postings}
SELECT v.id, t.r, t.day{neg} FROM _ew_tokens t JOIN text_vocab v USING (token)
ORDER BY v.id, t.r
"""


# rows split into words at a time: the words and the sort of their postings stay in memory (each
# chunk's postings are sorted by word, as every write's are: a search reads a few blocks per chunk)
CHUNK = 1_000_000


def indexed_upto(con: duckdb.DuckDBPyConnection, source: str = "events") -> int:
    """The first rowid of ``source``'s table the index has not read yet."""
    col = SOURCES[source].state
    rows = con.execute(f"SELECT coalesce(max({col}), 0) FROM text_index_state").fetchall()
    return int(rows[0][0]) if rows else 0


def is_current(con: duckdb.DuckDBPyConnection, source: str = "events") -> bool:
    """Whether every committed row of ``source``'s table is in the index."""
    table = SOURCES[source].table
    rows = con.execute(
        f"SELECT count(*) FROM {table} WHERE rowid >= ?", [indexed_upto(con, source)]
    )
    return not rows.fetchall()[0][0]


def index_new_rows(con: duckdb.DuckDBPyConnection) -> None:
    """Adds the words of the committed rows the index has not read, in a transaction of its
    own: rowids are final only once the rows are committed (inside the inserting transaction
    DuckDB numbers them apart). Each text is split into words once (a temporary table that
    gives both the new vocabulary and the postings)."""
    con.execute("BEGIN TRANSACTION")
    try:
        state: dict[str, int] = {}
        for name, src in SOURCES.items():
            since = indexed_upto(con, name)
            rows = con.execute(f"SELECT count(*) FROM {src.table}").fetchall()
            state[src.state] = max(int(rows[0][0]), since)
            neg = ", t.neg" if name == "events" else ""
            for first in range(since, int(rows[0][0]), CHUNK):
                con.execute(_TOKENS.format(rows=src.rows), [first, first + CHUNK])
                con.execute(_NEW_WORDS)
                con.execute(_NEW_POSTINGS.format(postings=src.postings, neg=neg))
                con.execute("DROP TABLE _ew_tokens")
        con.execute("DELETE FROM text_index_state")
        cols = ", ".join(state)
        con.execute(
            f"INSERT INTO text_index_state ({cols}) VALUES ({', '.join('?' * len(state))})",
            list(state.values()),
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Indexes every committed row again (a transaction of its own)."""
    postings = [s.postings for s in SOURCES.values()]
    for table in (*postings, "text_vocab", "text_index_state"):
        con.execute(f"DELETE FROM {table}")
    index_new_rows(con)


def archive_attached(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether an archive is attached (:mod:`eventwire.store.archive` makes
    ``text_index_state`` a view that refuses to be read): the index covers the live rows only."""
    rows = con.execute(
        "SELECT count(*) FROM duckdb_views() WHERE view_name = 'text_index_state'"
    ).fetchall()
    return bool(rows[0][0])


def _word(con: duckdb.DuckDBPyConnection, q: str) -> str:
    row = con.execute("SELECT lower(?)", [q]).fetchall()
    return str(row[0][0]) if row else ""


def _hits(
    con: duckdb.DuckDBPyConnection,
    source: str,
    word: str,
    *,
    limit: int,
    offset: int,
    negated: bool = True,
) -> tuple[int, list[int]]:
    """The number of rows of ``source`` whose text contains ``word`` (no space) and the rowids
    of those up to the day of the last row of the page (the page is among them).

    A row has each of its words once, so the postings of one word need no DISTINCT; a row with
    several of the words that contain ``word`` is counted once without deduplicating every
    posting: the words' postings are counted apart, and the rows of the other words that are not
    among the most frequent word's are added. The page's last day is found among each word's
    first rows by day (the k-th row of the union is among them), and only the rows up to that
    day are deduplicated."""
    postings = SOURCES[source].postings
    words = con.execute("SELECT list(id) FROM text_vocab WHERE strpos(token, ?) > 0", [word])
    ids = words.fetchall()[0][0] or []
    neg = "" if negated else " AND NOT neg"
    of_ids = f"FROM {postings} WHERE id IN (SELECT unnest(?)){neg}"
    k = max(offset + limit - 1, 0)  # the page's last row, from 0
    per_word = con.execute(
        f"SELECT id, count(*) AS n, min_by({{'r': r, 'day': day}}, "
        f"coalesce(day, DATE 'infinity'), ?) {of_ids} GROUP BY id ORDER BY n DESC, id",
        [k + 1, ids],
    ).fetchall()
    if not per_word:
        return 0, []
    total = int(per_word[0][1])
    if len(per_word) > 1:  # the other words' rows that the most frequent word's lack
        row = con.execute(
            f"""
            WITH o AS (SELECT DISTINCT r {of_ids})
            SELECT (SELECT count(*) FROM o) - (SELECT count(*) FROM o JOIN (
                SELECT r FROM {postings} WHERE id = ?{neg}) b USING (r))
            """,
            [[i for i, _, _ in per_word[1:]], per_word[0][0]],
        ).fetchall()
        total += int(row[0][0])
    first = {x["r"]: x["day"] for _, _, rows in per_word for x in rows}
    days = sorted(first.values(), key=lambda d: (d is None, d))
    last = days[k] if k < len(days) else None
    if last is None:  # the page reaches the undated rows, or the last row: every row
        found = con.execute(f"SELECT list(DISTINCT r) {of_ids}", [ids]).fetchall()
    else:
        found = con.execute(
            f"SELECT list(DISTINCT r) {of_ids} AND day <= ?", [ids, last]
        ).fetchall()
    return total, list(found[0][0] or [])


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
    word = _word(con, flt.q)
    if not word or " " in word:
        return None
    return _hits(con, "events", word, limit=limit, offset=offset, negated=flt.include_negated)


def search_text(
    con: duckdb.DuckDBPyConnection, source: str, q: str, *, limit: int, offset: int
) -> tuple[int, list[int]] | None:
    """For :func:`eventwire.store.browse.list_documents` (``source`` ``documents``: title or
    text) and :func:`~eventwire.store.browse.list_quotes` (``quotes``: content) searching ``q``
    and nothing else: the number of matching rows and the rowids of those up to the day of the
    page's last row (the page is among them); None when the index cannot answer."""
    word = _word(con, q)
    if not word or " " in word or archive_attached(con):
        return None
    try:
        current = is_current(con, source)
    except (duckdb.CatalogException, duckdb.BinderException):  # before schema 6, read only
        return None
    return _hits(con, source, word, limit=limit, offset=offset) if current else None
