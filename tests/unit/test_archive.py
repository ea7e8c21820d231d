"""The Parquet archive (:mod:`eventwire.store.archive`): ``export --format parquet`` writes it
partitioned with a manifest, atomically; a store with the archive attached gives the numbers
of the store it came from, and a live store plus an archive the numbers of their union."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner
from test_aggregates import normal, query_calls

from eventwire.cli.main import cli
from eventwire.errors import StoreError
from eventwire.export import export
from eventwire.store import SCHEMA_VERSION, aggregates, archive, browse, queries
from eventwire.store.bench_queries import sample_params
from eventwire.store.bench_store import generate
from eventwire.store.db import Store
from eventwire.store.filters import EventFilter

# the id columns made distinct by a prefix, for a second store to share nothing with the first
ID_COLUMNS = ("doc_id", "hash", "event_id", "cluster_id", "first_event_id", "best_event_id")


def copy_into(src: duckdb.DuckDBPyConnection, dst: duckdb.DuckDBPyConnection, prefix: str) -> None:
    """Every archived table of ``src`` appended to ``dst``, its ids prefixed."""
    for table in archive.TABLES:
        cols = [r[0] for r in src.execute(f"DESCRIBE {table}").fetchall()]
        renamed = [f"'{prefix}' || {c} AS {c}" for c in cols if c in ID_COLUMNS]
        replace = f" REPLACE ({', '.join(renamed)})" if renamed and prefix else ""
        rows = src.sql(f"SELECT *{replace} FROM {table}").to_arrow_table()
        dst.register("_rows", rows)
        dst.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows")
        dst.unregister("_rows")
    aggregates.rebuild_actor_ranks(dst)  # derived from cluster_days, not archived
    aggregates.rebuild_mixed_mentions(dst)


@pytest.fixture(scope="module")
def first() -> Iterator[Store]:
    with Store.connect() as store:
        generate(store.con, 2500, seed=11)
        yield store


@pytest.fixture(scope="module")
def second() -> Iterator[Store]:
    """Another synthetic store whose documents and events are all other ones."""
    with Store.connect() as made, Store.connect() as store:
        generate(made.con, 2000, seed=12, start="2021-06-01", days=700)
        copy_into(made.con, store.con, "b")
        yield store


@pytest.fixture(scope="module")
def union(first: Store, second: Store) -> Iterator[Store]:
    with Store.connect() as store:
        copy_into(first.con, store.con, "")
        copy_into(second.con, store.con, "")
        yield store


@pytest.fixture(scope="module")
def archived(second: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("archives") / "second"
    export(second.con, "parquet", out_dir=out)
    return out


def calls(con: duckdb.DuckDBPyConnection) -> Iterator[tuple[str, Any]]:
    """The counts of the CLI, API and dashboard (few filters) and the listings."""
    yield from query_calls(con, few=True)
    p = sample_params(con)
    a, b = p.dyads[0]
    yield "summary", queries.summary
    yield "undated", queries.undated
    for by in ("day", "month", "year"):
        yield f"dyad {by}", lambda c, by=by: queries.dyad_series(c, a, b, by=by)
    for flt in (EventFilter(), EventFilter(actor=a), EventFilter(q="the", year=p.dates[0].year)):
        yield f"events {flt}", lambda c, f=flt: browse.list_events(c, f, limit=30, offset=3)
    yield "documents", lambda c: browse.list_documents(c, limit=20, offset=7)
    yield "quotes", lambda c: browse.list_quotes(c, q="a", limit=20)
    yield "documents q", lambda c: browse.list_documents(c, q="the", limit=20, offset=3)
    yield "actors lookup", lambda c: queries.actor_lookup(c, a[:2], limit=50)


def assert_same(expected: duckdb.DuckDBPyConnection, got: duckdb.DuckDBPyConnection) -> None:
    for name, call in calls(expected):
        assert normal(call(got)) == normal(call(expected)), name


def test_layout_and_manifest(second: Store, archived: Path) -> None:
    manifest = json.loads((archived / archive.MANIFEST).read_text())
    assert manifest["format"] == archive.FORMAT and manifest["schema_version"] == SCHEMA_VERSION
    for table, info in manifest["tables"].items():
        row = second.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        assert row and info["rows"] == row[0], table
    months = {p.relative_to(archived).as_posix() for p in archived.glob("events/*/*")}
    assert {"events/year=2021/month=6", "events/year=2022/month=12"} <= months
    assert all(len(list((archived / m).iterdir())) == 1 for m in months)
    assert (archived / "cluster_days").is_dir() and (archived / "documents.parquet").is_file()
    assert not [p for p in archived.parent.iterdir() if p.name.startswith(".")]  # no temp left


def test_undated_events_have_their_own_partition(tmp_path: Path) -> None:
    with Store.connect() as store:
        generate(store.con, 200, seed=2)
        store.con.execute("UPDATE events SET date = NULL, pub_date = NULL WHERE idx = 0")
        manifest = archive.write_archive(store.con, tmp_path / "a")
        undated = tmp_path / "a" / "events" / "year=__HIVE_DEFAULT_PARTITION__"
        assert undated.is_dir() and manifest.rows["events"] == 200
        with Store.connect() as fresh:
            archive.attach(fresh.con, tmp_path / "a")
            assert queries.undated(fresh.con) == queries.undated(store.con)


def test_archive_of_an_empty_store(tmp_path: Path) -> None:
    with Store.connect() as empty, Store.connect() as fresh:
        archive.write_archive(empty.con, tmp_path / "a")
        archive.attach(fresh.con, tmp_path / "a")
        assert queries.summary(fresh.con) == queries.summary(empty.con)


def test_export_again_replaces_and_refuses_other_folders(first: Store, tmp_path: Path) -> None:
    out = tmp_path / "a"
    export(first.con, "parquet", out_dir=out)
    (out / "stale.parquet").write_text("x")
    assert export(first.con, "parquet", out_dir=out) == len(archive.TABLES)
    assert not (out / "stale.parquet").exists()
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="E307.*not an archive"):
        export(first.con, "parquet", out_dir=other)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "other"]


def test_empty_store_with_the_archive_gives_the_same_numbers(second: Store, archived: Path) -> None:
    with Store.connect() as fresh:
        archive.attach(fresh.con, archived)
        assert_same(second.con, fresh.con)
        cluster = second.con.execute("SELECT min(cluster_id) FROM event_clusters").fetchone()
        doc = second.con.execute("SELECT min(doc_id) FROM documents").fetchone()
        assert cluster and doc
        assert normal(browse.get_cluster(fresh.con, cluster[0])) == normal(
            browse.get_cluster(second.con, cluster[0])
        )
        assert browse.get_document(fresh.con, doc[0]) == browse.get_document(second.con, doc[0])


def test_live_store_and_archive_count_as_their_union(
    first: Store, union: Store, archived: Path, tmp_path: Path
) -> None:
    with Store.connect(tmp_path / "live.duckdb") as live:
        copy_into(first.con, live.con, "")
        archive.attach(live.con, archived)
        assert_same(union.con, live.con)
        archive.detach(live.con)
        assert queries.summary(live.con) == queries.summary(first.con)


def test_word_search_alone_is_refused(first: Store, archived: Path, tmp_path: Path) -> None:
    with Store.connect(tmp_path / "live.duckdb") as live:
        copy_into(first.con, live.con, "")
        archive.attach(live.con, archived)
        with pytest.raises(duckdb.Error, match="E307.*word index"):
            browse.list_events(live.con, EventFilter(q="the"))
        year = EventFilter(q="the", year=2022)  # with another filter: a scan of the union
        assert browse.list_events(live.con, year).total > 0


def test_archive_sharing_documents_is_refused(second: Store, archived: Path) -> None:
    with pytest.raises(StoreError, match=r"E307.*shares \d+ documents"):
        archive.attach(second.con, archived)


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (lambda m: m.update(schema_version=4), "schema 4"),
        (lambda m: m.update(format="x"), "not an eventwire archive"),
        (lambda m: m.pop("tables"), "bad manifest"),
    ],
)
def test_bad_manifests_are_refused(archived: Path, tmp_path: Path, edit: Any, reason: str) -> None:
    data = json.loads((archived / archive.MANIFEST).read_text())
    edit(data)
    (tmp_path / archive.MANIFEST).write_text(json.dumps(data))
    with Store.connect() as fresh, pytest.raises(StoreError, match=f"E307.*{reason}"):
        archive.attach(fresh.con, tmp_path)
    with Store.connect() as fresh, pytest.raises(StoreError, match="E307.*no manifest"):
        archive.attach(fresh.con, tmp_path / "nowhere")


def test_cli_reads_the_archive(first: Store, union: Store, archived: Path, tmp_path: Path) -> None:
    db = tmp_path / "live.duckdb"
    with Store.connect(db) as live:
        copy_into(first.con, live.con, "")
    runner = CliRunner()
    args = ["top", "--by", "actors", "--format", "csv", "--db", str(db)]
    got = runner.invoke(cli, [*args, "--archive", str(archived)])
    assert got.exit_code == 0, got.output
    cols, rows = queries.top_actors(union.con, limit=20)
    lines = got.output.splitlines()
    assert lines[0].split(",") == cols and len(lines) == len(rows) + 1
    assert [line.split(",")[0] for line in lines[1:]] == [r[0] for r in rows]
    refused = runner.invoke(cli, [*args, "--archive", str(tmp_path)])
    assert refused.exit_code == 1 and "E307" in refused.output


def test_server_reads_the_archive(
    first: Store, union: Store, archived: Path, tmp_path: Path
) -> None:
    pytest.importorskip("fastapi")
    with warnings.catch_warnings():  # starlette warns that it prefers httpx2 over httpx
        warnings.filterwarnings("ignore", message=".*httpx2.*")
        from fastapi.testclient import TestClient

    from eventwire.server import create_app

    db = tmp_path / "live.duckdb"
    with Store.connect(db) as live:
        copy_into(first.con, live.con, "")
    with TestClient(create_app(db, archive=archived)) as api:
        got = api.get("/api/summary").json()
        expected = json.loads(json.dumps(queries.summary(union.con), default=str))
        assert got == expected
        top = api.get("/api/dyads/top", params={"limit": 10}).json()
        cols, rows = queries.top_dyads(union.con, limit=10)
        assert [(d["actor1"], d["actor2"], d["events"]) for d in top] == [r[:3] for r in rows]
        refused = api.post("/api/query", json={"sql": "SELECT * FROM read_text('/etc/hostname')"})
        assert refused.status_code == 400
    with pytest.raises(StoreError, match="E307"):
        create_app(db, archive=tmp_path)


def test_sql_query_reads_the_archive(
    first: Store, union: Store, archived: Path, tmp_path: Path
) -> None:
    db = tmp_path / "live.duckdb"
    with Store.connect(db) as live:
        copy_into(first.con, live.con, "")
    runner = CliRunner()
    sql = "SELECT count(*) AS n, count(DISTINCT cluster_id) AS c FROM events"
    got = runner.invoke(
        cli, ["query", sql, "--db", str(db), "--archive", str(archived), "--format", "csv"]
    )
    assert got.exit_code == 0, got.output
    row = union.con.execute(sql).fetchone()
    assert row and got.output.splitlines()[1] == f"{row[0]},{row[1]}"
    outside = runner.invoke(
        cli,
        [
            "query",
            "SELECT * FROM read_text('/etc/hostname')",
            "--db",
            str(db),
            "--archive",
            str(archived),
        ],
    )
    assert outside.exit_code == 1 and "E303" in outside.output
