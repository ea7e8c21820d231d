"""The store on an in-memory DuckDB: schema, batches, idempotency, rejects, migrations."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from store_fixtures import make_annotation

from eventwire.annotate import DocumentFailure
from eventwire.errors import Errors, InputError, StoreError
from eventwire.records import Document
from eventwire.store import SCHEMA_VERSION, Store
from eventwire.store.rows import parse_date


@pytest.fixture
def store():
    with Store.connect(":memory:") as s:
        yield s


def corpus():
    return [
        make_annotation("Moscow and Beijing met on Friday.", events=[("RUSGOV", "CHNGOV", "04")]),
        make_annotation(
            "Moscow signed a deal with Beijing.",
            events=[("RUSGOV", "CHNGOV", "05"), ("CHNGOV", "RUSGOV", "05")],
        ),
        make_annotation("Nothing happened in Moscow.", date="2018-06-09"),
    ]


def test_fresh_store_has_version_and_tables(store):
    assert store.version() == SCHEMA_VERSION
    counts = store.counts()
    assert set(counts) >= {
        "documents",
        "events",
        "quotes",
        "times",
        "places",
        "rejects",
        "event_clusters",
        "actor_observations",
        "entities",
        "actors",
    }
    assert all(v == 0 for v in counts.values())


def test_batch_rows_land_in_every_table(store):
    stats = store.write_batch(corpus())
    assert (stats.documents, stats.events, stats.skipped) == (3, 3, 0)
    c = store.counts()
    assert c["documents"] == 3 and c["events"] == 3 and c["quotes"] == 3 and c["times"] == 3
    assert c["places"] == 3 and c["entities"] == 3 and c["actor_observations"] == 3
    # actors: 3 entity actors + 3 sources + 3 targets + 3 speakers
    assert c["actors"] == 12
    row = store.con.execute(
        "SELECT cameo, cameo_root, quad_class, date, typeof(cameo) FROM events "
        "ORDER BY cameo LIMIT 1"
    ).fetchone()
    assert row == ("040", "04", 1, dt.date(2018, 6, 8), "VARCHAR")
    aliases = store.con.execute("SELECT aliases FROM entities LIMIT 1").fetchone()
    assert aliases == (["Moskva"],)


def test_rerun_adds_nothing(store):
    store.write_batch(corpus())
    before = store.counts()
    stats = store.write_batch(corpus())
    assert stats.documents == 0 and stats.skipped == 3
    assert store.counts() == before


def test_duplicate_inside_one_batch_is_stored_once(store):
    a = corpus()[0]
    stats = store.write_batch([a, a])
    assert stats.documents == 1 and stats.skipped == 1


def test_rejects_are_recorded_once(store):
    bad = InputError("bad.txt", Errors.E003)
    doc = Document(doc_id="d1", text="x", origin="x.txt")
    fail = DocumentFailure(doc, "events: ValueError: boom")
    stats = store.write_batch([bad, fail, corpus()[0]])
    assert stats.rejects == 2 and stats.documents == 1
    store.write_batch([bad, fail])
    rows = store.con.execute("SELECT origin, code, reason FROM rejects ORDER BY origin").fetchall()
    assert rows == [
        ("bad.txt", "E003", "[E003] empty document (no text after reading)"),
        ("x.txt", None, "events: ValueError: boom"),
    ]


def test_failed_batch_rolls_back(store, monkeypatch):
    def boom(tables):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_insert", boom)
    with pytest.raises(RuntimeError):
        store.write_batch(corpus())
    monkeypatch.undo()
    assert store.counts()["documents"] == 0
    store.write_batch(corpus())
    assert store.counts()["documents"] == 3


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "x.duckdb"
    Store.connect(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version (version) VALUES (?)", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(StoreError) as err:
        Store.connect(path)
    assert err.value.code is Errors.E302


# the event_clusters view of schema version 1: ties between mentions broken by scan order
V1_CLUSTERS = """CREATE OR REPLACE VIEW event_clusters AS
SELECT cluster_id, arg_min(event_id, coalesce(date, pub_date)) AS first_event_id
FROM events WHERE cluster_id IS NOT NULL GROUP BY cluster_id"""


def test_version_1_store_is_migrated_when_opened_for_writing(tmp_path):
    path = tmp_path / "v1.duckdb"
    with Store.connect(path) as s:
        s.write_batch(
            [
                make_annotation("Moscow and Beijing met.", events=[("RUSGOV", "CHNGOV", "04")]),
                make_annotation("Moscow and Beijing talked.", events=[("RUSGOV", "CHNGOV", "04")]),
            ]
        )
    con = duckdb.connect(str(path))
    con.execute("DELETE FROM schema_version")
    con.execute("INSERT INTO schema_version (version) VALUES (1)")
    con.execute("DROP TABLE event_clusters")  # a table since schema 4
    con.execute("DROP TABLE cluster_days")  # since schema 5
    con.execute("DROP TABLE actor_ranks")  # since schema 7
    con.execute("DROP TABLE mixed_mentions")  # since schema 8
    con.execute(V1_CLUSTERS)
    con.close()
    with pytest.raises(StoreError) as err:  # reading needs the migration first
        Store.connect(path, read_only=True)
    assert err.value.code is Errors.E301 and "migration" in str(err.value)
    with Store.connect(path) as s:
        assert s.version() == SCHEMA_VERSION == 9
        assert s.con.execute("SELECT count(*) FROM cluster_days").fetchone() == (1,)
        assert s.con.execute("SELECT count(join_key) FROM cluster_days").fetchone() == (1,)
        # RUS and CHN on either side at three levels; one event each
        assert s.con.execute("SELECT count(*), sum(ev) FROM actor_ranks").fetchone() == (6, 6)
        # both mentions have the same dates: the first by document id, then position
        first, n = s.con.execute(
            "SELECT first_event_id, num_mentions FROM event_clusters"
        ).fetchone()
        want = s.con.execute("SELECT event_id FROM events ORDER BY doc_id, idx LIMIT 1").fetchone()
    assert (first, n) == (want[0], 2)


def test_read_only_missing_file_is_a_store_error(tmp_path):
    with pytest.raises(StoreError):
        Store.connect(tmp_path / "none.duckdb", read_only=True)


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2018-06-08", dt.date(2018, 6, 8)),
        ("2018-06", dt.date(2018, 6, 1)),
        ("2018", dt.date(2018, 1, 1)),
        ("2018-SU", dt.date(2018, 6, 1)),
        ("2018-W02", dt.date(2018, 1, 8)),
        ("PRESENT_REF", None),
        (None, None),
        ("2018-13", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_schema_doc_lists_every_column():
    from pathlib import Path

    from eventwire.store.schema import TABLES

    doc = (Path(__file__).resolve().parents[2] / "docs" / "schema.md").read_text(encoding="utf-8")
    missing = [f"{t}.{c}" for t, cols in TABLES.items() for c, _ in cols if f"`{c}`" not in doc]
    assert not [t for t in TABLES if f"### `{t}`" not in doc]
    assert missing == []


def test_parquet_shards_load_like_direct_ingest(tmp_path):
    import pyarrow.parquet as pq

    from eventwire.ingest import ingest_parquet
    from eventwire.store.rows import BatchRows

    anns = corpus()
    for shard, part in (("a", anns[:2]), ("b", anns[2:]), ("c", anns[:1])):
        rows = BatchRows()
        for ann in part:
            rows.add_annotation(ann, cluster_ids={}, now=None)
        for name, table in rows.arrow_tables(rows.tables).items():
            (tmp_path / name).mkdir(exist_ok=True)
            pq.write_table(table, tmp_path / name / f"part-{shard}.parquet")
        if shard != "c":  # shard c has no marker: unfinished, left out
            (tmp_path / "_done").mkdir(exist_ok=True)
            (tmp_path / "_done" / f"{shard}.json").write_text("{}")
    with Store.connect() as direct, Store.connect() as loaded:
        direct.write_batch(anns)
        report = ingest_parquet(tmp_path, loaded)
        assert report.documents == 3 and report.batches == 2
        assert loaded.counts() == direct.counts()
        q = "SELECT event_id, cluster_id FROM events ORDER BY event_id"
        assert loaded.con.execute(q).fetchall() == direct.con.execute(q).fetchall()
        assert ingest_parquet(tmp_path, loaded).documents == 0
        assert loaded.con.execute(
            "SELECT count(*) FROM documents WHERE ingested_at IS NULL"
        ).fetchone() == (0,)
