"""``event_clusters`` is a table kept up to date at every write (schema 4): its rows are
exactly what the view of schema 3 computes from the mentions, whatever the batches."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_fixtures import KYIV, MOSCOW, make_annotation

from eventwire.cli.main import cli
from eventwire.records import Annotation
from eventwire.store.bench_queries import _batch_tables
from eventwire.store.db import Store
from eventwire.store.schema import CLUSTER_ROWS

VIEW = CLUSTER_ROWS.format(where="true") + " ORDER BY cluster_id"
TABLE = "SELECT * FROM event_clusters ORDER BY cluster_id"


def corpus(n: int = 60, seed: int = 7) -> list[Annotation]:
    """Articles over a few days with repeated dyads, roots, places and negations: many merges."""
    rng = random.Random(seed)
    actors = ["RUSGOV", "CHNGOV", "USAGOV", "UKRMIL"]
    out = []
    for i in range(n):
        events = []
        for _ in range(rng.randint(0, 3)):
            src, tgt = rng.sample(actors, 2)
            spec = {
                "date": f"2018-06-{rng.randint(8, 12):02d}",
                "precision": rng.choice(["day", "publication", "month"]),
                "location": rng.choice([MOSCOW, KYIV, None]),
                "negated": rng.random() < 0.1,
                "text": rng.choice(["Talks were held in Moscow.", "Troops fired on the town."]),
            }
            events.append(
                (src, rng.choice([tgt, None]), rng.choice(["04", "05", "11", "19"]), spec)
            )
        out.append(
            make_annotation(
                f"Article {i}.",
                date=f"2018-06-{8 + i % 5:02d}",
                source=rng.choice(["AP", "AFP", "XIN"]),
                events=events,
            )
        )
    return out


def same_as_view(store: Store) -> list[tuple[object, ...]]:
    table = store.con.execute(TABLE).fetchall()
    assert table == store.con.execute(VIEW).fetchall()
    return table


@pytest.mark.parametrize("sizes", [[60], [1] * 60, [7, 13, 1, 39]])
def test_table_equals_the_view_whatever_the_batches(sizes: list[int]) -> None:
    anns = corpus()
    with Store.connect() as store:
        start = 0
        for size in sizes:
            store.write_batch(anns[start : start + size])
            start += size
        rows = same_as_view(store)
        ids = store.con.execute("SELECT count(DISTINCT cluster_id) FROM events").fetchone()
    assert len(rows) == (ids[0] if ids else -1) and any(r[19] > 1 for r in rows)  # merges


def test_cluster_ids_do_not_depend_on_batches() -> None:
    anns = corpus()
    q = "SELECT event_id, cluster_id FROM events ORDER BY event_id"
    with Store.connect() as one, Store.connect() as many:
        one.write_batch(anns)
        for a in anns:
            many.write_batch([a])
        assert one.con.execute(q).fetchall() == many.con.execute(q).fetchall()
        assert same_as_view(one) == same_as_view(many)


def test_rerun_and_empty_batches_keep_the_table() -> None:
    anns = corpus(20)
    with Store.connect() as store:
        store.write_batch(anns)
        before = same_as_view(store)
        store.write_batch(anns)  # all skipped
        store.write_batch([make_annotation("Nothing happened.", events=[])])
        assert same_as_view(store) == before


def test_write_tables_keeps_the_table() -> None:
    with Store.connect() as store:
        store.write_batch(corpus(30))
        store.write_tables(_batch_tables(200, seed=11, prefix="x-"))
        rows = same_as_view(store)
    assert len(rows) > 100


def test_recluster_rebuilds_the_table() -> None:
    with Store.connect() as store:
        store.write_batch(corpus())
        n = store.recluster()
        assert len(same_as_view(store)) == n
        store.con.execute("DELETE FROM event_clusters")  # a broken table is rebuilt
        store.refresh_clusters(None)
        assert len(same_as_view(store)) == n


def test_the_table_is_written_in_the_batch_transaction(monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.connect() as store:
        store.write_batch(corpus(10))
        before = same_as_view(store)

        def fail(ids: object, **kw: object) -> None:
            raise RuntimeError("disk full")

        monkeypatch.setattr(store, "refresh_clusters", fail)
        with pytest.raises(RuntimeError):
            store.write_batch(corpus(5, seed=9))
        monkeypatch.undo()
        assert same_as_view(store) == before  # the batch's events were rolled back too


def test_cli_recluster(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    with Store.connect(db) as store:
        store.write_batch(corpus(20))
        store.con.execute("DELETE FROM event_clusters")
    result = CliRunner().invoke(cli, ["recluster", "--db", db])
    assert result.exit_code == 0, result.output
    with Store.connect(db) as store:
        n = len(same_as_view(store))
    assert n > 0 and f"{n} reported events" in result.output


def test_examples_corpus_table_equals_the_view(annotator) -> None:  # noqa: ANN001 - conftest
    from eventwire.io import read_paths

    examples = Path(__file__).resolve().parents[2] / "examples"
    results = list(annotator.annotate(read_paths([str(examples)])))
    q = "SELECT event_id, cluster_id FROM events ORDER BY event_id"
    with Store.connect() as batched, Store.connect() as whole:
        for i in range(0, len(results), 4):
            batched.write_batch(results[i : i + 4])
        whole.write_batch(results)
        assert batched.con.execute(q).fetchall() == whole.con.execute(q).fetchall()
        rows = same_as_view(batched)
        assert rows == same_as_view(whole) and len(rows) > 20
        batched.recluster()
        same_as_view(batched)
