"""The synthetic store of ``eventwire bench store`` and its query timings (small N, in memory)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_fixtures import make_annotation

from eventwire.cli.main import cli
from eventwire.store import bench_ingest
from eventwire.store.bench_queries import (
    CASES,
    IngestTiming,
    StoreBenchReport,
    format_store_report,
    time_queries,
)
from eventwire.store.bench_store import generate
from eventwire.store.db import Store

N = 20_000


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    with Store.connect(":memory:") as s:
        s.generated = generate(s.con, N, seed=3)  # type: ignore[attr-defined]
        yield s


def one(store: Store, sql: str) -> object:
    row = store.con.execute(sql).fetchone()
    assert row is not None
    return row[0]


def test_sizes_in_proportion(store: Store) -> None:
    g = store.generated  # type: ignore[attr-defined]
    assert g.events == N == one(store, "SELECT count(*) FROM events")
    assert 0.30 < g.documents / N < 0.36  # about 3 mentions a document
    assert 0.15 < g.quotes / N < 0.25
    assert 0.3 < g.clusters / N < 0.6  # mean cluster size 2-3


def test_clusters_of_1_to_30_mentions_long_tailed(store: Store) -> None:
    lo, hi, singles = store.con.execute(
        "SELECT min(num_mentions), max(num_mentions), avg((num_mentions = 1)::INT) "
        "FROM event_clusters"
    ).fetchone() or (0, 0, 0)
    assert lo == 1 and 20 <= hi <= 30 and singles > 0.5


def test_actors_long_tailed_over_cameo_codes(store: Store) -> None:
    top_share = one(
        store,
        "SELECT max(n) / sum(n) FROM (SELECT count(*) AS n FROM events GROUP BY source_code)",
    )
    distinct = one(store, "SELECT count(DISTINCT source_code) FROM events")
    assert 0.02 < float(top_share) < 0.5 and int(distinct) > 200  # type: ignore[arg-type]
    bad = one(
        store, "SELECT count(*) FROM events WHERE NOT regexp_full_match(source_code, '[A-Z]{3,9}')"
    )
    assert bad == 0


def test_about_one_percent_of_clusters_mixed_within_their_key(store: Store) -> None:
    """Mixed clusters as real output has them: mentions that differ in the source's name or
    code or in the place, never in the clustering key (actors at country and sector level,
    CAMEO root: what ingest's candidate search reads from ``cluster_days``)."""
    share = one(store, "SELECT avg((NOT uniform)::INT) FROM cluster_days WHERE n_all IS NOT NULL")
    assert 0.006 < float(share) < 0.014  # type: ignore[arg-type]
    differ = store.con.execute(
        "SELECT count(DISTINCT source_name) > 1, count(DISTINCT source_code) > 1, "
        "count(DISTINCT loc_name) > 0 AND count(*) FILTER (loc_name IS NULL) > 0, "
        "count(DISTINCT (source_country, source_sector, target_country, target_sector, "
        "target_code, cameo_root, quad_class)) FROM mixed_mentions GROUP BY cluster_id"
    ).fetchall()
    assert {r[3] for r in differ} == {1}  # the key is the cluster's
    assert all(any(r[i] for r in differ) for i in range(3))  # each way of differing
    assert one(store, "SELECT count(DISTINCT cluster_id) FROM mixed_mentions") == one(
        store, "SELECT count(DISTINCT cluster_id) FROM cluster_days WHERE NOT uniform"
    )


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT count(*) FROM events WHERE negated AND cluster_id IS NOT NULL", 0),
        (
            "SELECT count(*) FROM events e LEFT JOIN documents d USING (doc_id) WHERE d.doc_id IS NULL",
            0,
        ),
        ("SELECT count(*) FROM events WHERE quad_class NOT BETWEEN 1 AND 4", 0),
        ("SELECT count(*) FROM events WHERE cameo_root <> cameo[1:2]", 0),
        ("SELECT count(DISTINCT cameo_root) > 15 FROM events", True),
        ("SELECT count(*) > 0 FROM events WHERE date IS NULL", True),
        ("SELECT count(*) > 0 FROM events WHERE negated", True),
    ],
)
def test_store_is_consistent(store: Store, sql: str, expected: object) -> None:
    assert one(store, sql) == expected


def test_same_seed_same_store() -> None:
    sums = []
    for _ in range(2):
        with Store.connect(":memory:") as s:
            generate(s.con, 3000, seed=5)
            sums.append(
                one(s, "SELECT sum(hash(event_id, cluster_id, doc_id, evidence)) FROM events")
            )
    assert sums[0] == sums[1]


def test_every_query_runs_and_returns_rows(store: Store) -> None:
    timings = time_queries(store.con, runs=2)
    assert [t.name for t in timings] == list(CASES)
    empty = [t.name for t in timings if t.rows == 0 and t.name != "undated"]
    assert not empty
    assert all(0 < t.p50_ms <= t.p95_ms <= t.max_ms for t in timings)


def test_report_ends_with_the_summary_line(store: Store) -> None:
    timings = time_queries(store.con, runs=1, only=["summary", "events:doc"])
    report = StoreBenchReport(
        store.generated,  # type: ignore[attr-defined]
        timings,
        peak_rss_mb=100.0,
        db_mb=0.0,
        ingest=IngestTiming(1000, 0.1, 0.2),
    )
    lines = format_store_report(report)
    assert "rate ratio 0.50" in lines[-3]
    worst = max(t.max_ms for t in timings)
    assert lines[-1] == f"store-bench events {N} p95_ms {report.p95_ms:.0f} max_ms {worst:.0f}"


def test_cli_bench_store_small() -> None:
    result = CliRunner().invoke(
        cli,
        [
            "bench",
            "store",
            "--events",
            "3000",
            "--runs",
            "1",
            "--only",
            "summary,top_dyads",
            "--no-ingest",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("store-bench events 3000 p95_ms ")


def test_cli_bench_without_subcommand_is_the_pipeline_bench() -> None:
    result = CliRunner().invoke(cli, ["bench", "pipeline", "--help"])
    assert result.exit_code == 0 and "bare spaCy parse" in result.output
    result = CliRunner().invoke(cli, ["bench", "--phases", "nope"])
    assert result.exit_code != 0 and "unknown phase" in result.output


@pytest.mark.parametrize(
    ("value", "years", "expected"),
    [
        ("2005-03-01", 18, "2023-03-01"),
        ("2004-02-29", 17, "2021-02-28"),  # no 29 February that year
        ("2004-02-29", 16, "2020-02-29"),
        ("1997-W14", 24, "2021-W14"),
        ("2006-SU", 1, "2007-SU"),
        ("2006", -1, "2005"),
        (None, 5, None),
        ("PRESENT_REF", 5, "PRESENT_REF"),
    ],
)
def test_corpus_dates_move_by_whole_years(value: str | None, years: int, expected: str) -> None:
    assert bench_ingest._shift(value, years) == expected


def test_whole_ingest_of_annotations_into_both_stores(store: Store, tmp_path: Path) -> None:
    """Hand-built annotations (no model) dated into the store's last year, written 2 a batch
    into an empty store and into the synthetic one; the whole-ingest ratio from the times."""
    anns = [
        make_annotation(
            f"Moscow and Beijing met {i}.",
            date=f"2005-0{1 + i % 3}-1{i}",
            events=[("RUSGOV", "CHNGOV", "04", {"date": f"2005-01-0{1 + i}", "precision": "day"})],
        )
        for i in range(5)
    ]
    last = store.con.execute("SELECT max(date) FROM documents").fetchall()[0][0]
    assert bench_ingest.years_to_end(anns, last) in (last.year - 2005, last.year - 2006)
    before = one(store, "SELECT count(*) FROM documents")
    timing = bench_ingest.time_corpus_ingest(
        store, anns, 10.0, empty_path=tmp_path / "empty.duckdb", batch_size=2
    )
    assert one(store, "SELECT count(*) FROM documents") == before + 5
    assert timing.articles == 5 and timing.batch_size == 2
    shifted = one(store, "SELECT max(pub_date) FROM events WHERE source_text = 'Moscow'")
    assert shifted <= last  # type: ignore[operator]
    with Store.connect(tmp_path / "empty.duckdb", read_only=True) as empty:
        assert one(empty, "SELECT count(*) FROM documents") == 5
    assert timing.ratio == pytest.approx((10.0 + timing.empty_s) / (10.0 + timing.full_s))
    lines = format_store_report(
        StoreBenchReport(store.generated, [], 1.0, 0.0, corpus_ingest=timing)  # type: ignore[attr-defined]
    )
    assert lines[-4].startswith("ingest 5 corpus articles (2 a batch, dated +")
    assert "ratio" in lines[-4] and lines[-3].startswith("ingest batches (first / median / max")
    assert len(timing.empty_batches) == len(timing.full_batches) == 3
    assert timing.full_s == pytest.approx(sum(timing.full_batches))
