"""Keeping the tables derived from ``events`` up to date at each write: ``event_clusters``,
``cluster_days``, ``actor_ranks`` and ``mixed_mentions`` (:mod:`eventwire.store.schema`).

A batch touches two kinds of clusters: new ones, all of whose mentions are rows it appended,
and stored ones that some of its mentions joined (:meth:`Store._cluster_states` found them).
Each derived row is a function of its cluster's mentions, so the rows of the touched clusters
are deleted and made again from those mentions, read once into a temp table of the columns
they need (:data:`~eventwire.store.schema.MEMBER_COLUMNS`).

Every read here is bounded by the batch, not by the store, so that a write into a store of
10 million mentions costs about what it costs into an empty one: the appended rows are read by
rowid (DuckDB appends after every stored row), the stored clusters' rows through the indexes
on ``cluster_id`` with the ids as a list of bound values, :func:`in_list` (DuckDB scans the
whole table for a join with a list of more than 50 values, and for a filter the index cannot
answer alone: other conditions are applied after the lookup).
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Iterator, Sequence

import duckdb

from . import aggregates, schema

# the rows a lookup through an index may read before DuckDB scans the table instead (its
# index_scan_max_count, default 2,048, or 0.1 % of the rows): the clusters of a batch's join keys
# in a store of 10 M mentions are more than that, and read by the index still cheaper than a scan
INDEX_SCAN_ROWS = 20_000


@contextlib.contextmanager
def index_scans(con: duckdb.DuckDBPyConnection, rows: int) -> Iterator[None]:
    """Inside this block a lookup through an index reads up to ``rows`` rows before DuckDB
    falls back to a scan (the setting is the database's: restored after)."""
    found = con.execute("SELECT current_setting('index_scan_max_count')").fetchall()
    before = int(found[0][0]) if found else 2048
    if before >= rows:
        yield
        return
    con.execute(f"SET index_scan_max_count = {int(rows)}")
    try:
        yield
    finally:
        con.execute(f"SET index_scan_max_count = {before}")


def in_list(n: int) -> str:
    """``(?, ?, ...)`` of ``n`` parameters, ``(NULL)`` for none (SQL has no empty list)."""
    return "(" + ", ".join("?" * n) + ")" if n else "(NULL)"


def next_rowid(con: duckdb.DuckDBPyConnection) -> int:
    """The rowid the next row appended to ``events`` gets at least."""
    rows = con.execute("SELECT max(rowid) FROM events").fetchall()  # all: none left open
    return int(rows[0][0]) + 1 if rows and rows[0][0] is not None else 0


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Every derived row from ``events`` (in the caller's transaction)."""
    con.execute("DELETE FROM event_clusters")
    con.execute("INSERT INTO event_clusters BY NAME " + schema.CLUSTER_ROWS.format(where="true"))
    con.execute("DELETE FROM cluster_days")
    con.execute(
        "INSERT INTO cluster_days BY NAME "
        + schema.CLUSTER_DAYS_ROWS.format(where="true")
        + " ORDER BY date, cluster_id"
    )
    aggregates.rebuild_actor_ranks(con)
    aggregates.rebuild_mixed_mentions(con)


def refresh(
    con: duckdb.DuckDBPyConnection,
    cluster_ids: Sequence[str],
    *,
    stored: Collection[str],
    appended_from: int,
) -> None:
    """Makes again the derived rows of ``cluster_ids``, the clusters of the rows appended
    from rowid ``appended_from`` on, of which ``stored`` (a superset will do) had rows before
    (in the caller's transaction)."""
    ids = set(cluster_ids)
    if not ids:
        return
    old = sorted(ids & set(stored))
    _copy_members(con, old, appended_from)
    try:
        con.execute(f"DELETE FROM event_clusters WHERE cluster_id IN {in_list(len(old))}", old)
        con.execute(
            "INSERT INTO event_clusters BY NAME "
            + schema.cluster_rows("_ew_members").format(where="true")
        )
        # the replaced cluster_days rows and their replacement are kept for actor_ranks (the
        # old ones deleted by rowid)
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _ew_cd_old AS SELECT rowid AS _ew_rowid, * "
            f"FROM cluster_days WHERE cluster_id IN {in_list(len(old))}",
            old,
        )
        con.execute("DELETE FROM cluster_days WHERE rowid IN (SELECT _ew_rowid FROM _ew_cd_old)")
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _ew_cd_new AS "
            + schema.cluster_days_rows("_ew_members").format(where="true")
        )
        con.execute("INSERT INTO cluster_days BY NAME SELECT * FROM _ew_cd_new")
        con.execute(f"DELETE FROM mixed_mentions WHERE cluster_id IN {in_list(len(old))}", old)
        con.execute(
            "INSERT INTO mixed_mentions BY NAME "
            + schema.mixed_mention_rows("_ew_members", "_ew_cd_new")
        )
    finally:
        con.execute("DROP TABLE IF EXISTS _ew_members")
    aggregates.update_actor_ranks(con, "_ew_cd_old", "_ew_cd_new")


def _copy_members(con: duckdb.DuckDBPyConnection, old: list[str], appended_from: int) -> None:
    """``_ew_members``: the appended rows of the new clusters, and every row of the clusters
    ``old`` (by the index: ``cluster_id`` alone in the condition, or DuckDB scans)."""
    cols = ", ".join(schema.MEMBER_COLUMNS)
    listed = in_list(len(old))
    other = f" AND cluster_id NOT IN {listed}" if old else ""  # NOT IN (NULL) keeps no row
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _ew_members AS
        SELECT {cols} FROM events WHERE rowid >= ? AND cluster_id IS NOT NULL{other}
        UNION ALL
        SELECT {cols} FROM events WHERE cluster_id IN {listed}""",
        [appended_from, *old, *old],
    )
