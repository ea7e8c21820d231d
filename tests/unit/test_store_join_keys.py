"""Ingest finds the stored clusters a mention may join by ``cluster_days.join_key`` (schema 9):
every cluster within a mention's reach is among those it looks up, the lookup goes through the
index, and a schema-8 store gets the keys. The cluster ids themselves are compared with one
batch, the view and a recluster in ``test_clusters_table.py`` and ``test_aggregates.py``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pytest
from test_aggregates import assert_table_is_rebuilt

from eventwire.clusters import WINDOW_DAYS
from eventwire.store import db, maintain, schema
from eventwire.store.bench_queries import _batch_tables
from eventwire.store.bench_store import generate
from eventwire.store.db import Store

WINDOWS = sorted(set(WINDOW_DAYS.values()))
KEY = ("RUS", "GOV", "CHN", "", "04")
ANCHORS = [
    dt.date(1859, 3, 4),
    dt.date(1970, 1, 1),
    dt.date(2019, 12, 31),
    dt.date(2020, 1, 1),
    dt.date(2024, 2, 29),
    dt.date(2024, 12, 30),
]


def _stored_keys(rows: list[tuple[dt.date, int]]) -> list[str]:
    """The ``join_key`` the migration gives clusters of :data:`KEY` with these anchors and
    windows (the expression of ``cluster_days_rows``)."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE cluster_days (cluster_id VARCHAR, date DATE, source_country VARCHAR, "
        "source_code VARCHAR, source_sector VARCHAR, target_country VARCHAR, "
        "target_code VARCHAR, target_sector VARCHAR, cameo_root VARCHAR, n_all BIGINT, "
        "anchor DATE, win INTEGER, i INTEGER)"
    )
    con.executemany(
        "INSERT INTO cluster_days VALUES ('c' || ?, ?, 'RUS', 'RUSGOV', 'GOV', 'CHN', 'CHN', "
        "NULL, '04', 1, ?, ?, ?)",
        [(i, a, a, w, i) for i, (a, w) in enumerate(rows)],
    )
    for sql in schema.CLUSTER_DAYS_JOIN_KEY:  # the migration's SQL: the same as cluster_days'
        con.execute(sql)
    return [r[0] for r in con.execute("SELECT join_key FROM cluster_days ORDER BY i").fetchall()]


def test_every_cluster_in_reach_is_looked_up() -> None:
    """A mention dated d with a window of w days reaches a cluster whose anchor is within
    max(w, its window) days (clusters.ClusterState.distance): its join key is among the
    mention's lookups, whatever the dates (before 1970, bucket edges, leap days)."""
    clusters = [(a, win) for a in ANCHORS for win in WINDOWS]
    stored = dict(zip(clusters, _stored_keys(clusters), strict=True))
    checked = 0
    for (anchor, win), key in stored.items():
        for delta in range(-400, 401, 3):
            day = anchor + dt.timedelta(days=delta)
            for w in WINDOWS:
                if abs(delta) <= max(win, w):
                    assert key in set(schema.join_keys(KEY, day, w)), (anchor, win, day, w)
                    checked += 1
    assert checked > 5000


def test_a_mention_looks_up_few_buckets() -> None:
    """A mention dated to the day looks up a few buckets, one dated to the year a few dozen."""
    day = dt.date(2024, 6, 1)
    assert len(set(schema.join_keys(KEY, day, 1))) <= 6
    assert len(set(schema.join_keys(KEY, day, 366))) <= 40


def test_the_lookup_goes_through_the_index() -> None:
    with Store.connect() as store:
        generate(store.con, 3000, seed=4)
        keys = store.con.execute(
            "SELECT join_key FROM cluster_days WHERE join_key IS NOT NULL LIMIT 400"
        ).fetchall()
        with maintain.index_scans(store.con, maintain.INDEX_SCAN_ROWS):
            plan = store.con.execute(
                "EXPLAIN ANALYZE " + db._DATED_CANDIDATES, [[k[0] for k in keys]]
            ).fetchall()
        assert "Index Scan" in plan[0][1]
        setting = "SELECT current_setting('index_scan_max_count')"
        assert store.con.execute(setting).fetchall()[0][0] == 2048  # restored


def test_schema_8_store_gets_the_join_keys(tmp_path: Any) -> None:
    path = tmp_path / "v8.duckdb"
    with Store.connect(path) as store:
        generate(store.con, 2000, seed=9)
        store.write_tables(_batch_tables(30, seed=9, prefix="m-", start="2018-06-09"))
        want = store.con.execute("SELECT * FROM cluster_days ORDER BY ALL").fetchall()
    con = duckdb.connect(str(path))
    con.execute("DROP INDEX cluster_days_join")
    con.execute("DROP INDEX cluster_days_cluster")  # DuckDB drops no column of an indexed table
    con.execute("ALTER TABLE cluster_days DROP COLUMN join_key")
    con.execute(schema.WRITE_INDEXES[1])
    con.execute("DELETE FROM schema_version")
    con.execute("INSERT INTO schema_version (version) VALUES (8)")
    con.close()
    with Store.connect(path) as store:
        assert store.version() == schema.SCHEMA_VERSION
        assert store.con.execute("SELECT * FROM cluster_days ORDER BY ALL").fetchall() == want
        indexes = store.con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()
        assert ("cluster_days_join",) in indexes
        store.write_tables(_batch_tables(30, seed=10, prefix="n-", start="2018-06-20"))
        assert_table_is_rebuilt(store)


@pytest.mark.parametrize("window", WINDOWS)
def test_join_keys_hold_the_key(window: int) -> None:
    for key in schema.join_keys(KEY, dt.date(2020, 5, 17), window):
        assert key.split("\x1f")[:5] == list(KEY)
