"""``eventwire bench store``: the time of every query the dashboard, the API and the CLI issue.

:func:`run_store_bench` builds a synthetic store (:mod:`eventwire.store.bench_store`), then
runs each case of :data:`CASES` ``runs`` times with parameters drawn from the store itself
(actors, dyads, places, documents, clusters and words sampled from its rows, so frequent
actors are asked for more often, as users do) and reports p50, p95 and max per query. It then
times appending synthetic articles through :meth:`Store.write_tables` into an empty store and
into the big one (the store's own rate ratio), and optionally the whole ingest of real articles
(:mod:`eventwire.store.bench_ingest`).
"""

from __future__ import annotations

import datetime as dt
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from ..config import Settings
from . import browse, queries
from .bench_ingest import CorpusIngestTiming, annotate_corpus, time_corpus_ingest
from .bench_store import START, GeneratedStore, generate
from .db import Store
from .filters import EventFilter

Case = Callable[[duckdb.DuckDBPyConnection, "Params"], int]


@dataclass(frozen=True, slots=True)
class QueryTiming:
    name: str
    runs: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    rows: int  # median rows returned


@dataclass(frozen=True, slots=True)
class IngestTiming:
    articles: int  # per batch
    empty_s: float  # median seconds per batch into an empty store
    full_s: float  # median seconds per batch into the generated store

    @property
    def ratio(self) -> float:
        """Rate into the full store over the rate into the empty one (1.0: no slow-down)."""
        return self.empty_s / self.full_s if self.full_s > 0 else 0.0


@dataclass(frozen=True, slots=True)
class StoreBenchReport:
    generated: GeneratedStore
    timings: list[QueryTiming]
    peak_rss_mb: float
    db_mb: float  # size of the database file (0 in memory)
    ingest: IngestTiming | None = None
    notes: list[str] = field(default_factory=list)
    corpus_ingest: CorpusIngestTiming | None = None

    @property
    def p95_ms(self) -> float:
        return max((t.p95_ms for t in self.timings), default=0.0)

    @property
    def max_ms(self) -> float:
        return max((t.max_ms for t in self.timings), default=0.0)


@dataclass(slots=True)
class Params:
    """Values drawn from the store for the queries' parameters."""

    rng: random.Random
    actors: list[str]
    dyads: list[tuple[str, str]]
    roots: list[str]
    places: list[str]
    doc_ids: list[str]
    cluster_ids: list[str]
    event_ids: list[str]
    dates: list[dt.date]
    words: list[str]
    speakers: list[str]

    def pick(self, values: list[Any]) -> Any:
        return self.rng.choice(values)

    def filter(self) -> EventFilter:
        """One of the filters a user sets in the dashboard, or none."""
        kind = self.rng.choice(("none", "actor", "year", "range", "root", "quad"))
        if kind == "actor":
            return EventFilter(actor=self.pick(self.actors))
        if kind == "year":
            return EventFilter(year=self.pick(self.dates).year)
        if kind == "range":
            start = self.pick(self.dates)
            return EventFilter(start=start, end=start + dt.timedelta(days=90))
        if kind == "root":
            return EventFilter(cameo_root=self.pick(self.roots))
        if kind == "quad":
            return EventFilter(quad_class=self.rng.randint(1, 4))
        return EventFilter()


def sample_params(con: duckdb.DuckDBPyConnection, *, seed: int = 1, size: int = 300) -> Params:
    rows = con.execute(
        "SELECT source_country, target_country, cameo_root, loc_name, doc_id, cluster_id, "
        "event_id, coalesce(date, pub_date), evidence "
        f"FROM (SELECT * FROM events USING SAMPLE {int(size)} ROWS (reservoir, {int(seed)})) "
        "WHERE cluster_id IS NOT NULL ORDER BY event_id"
    ).fetchall()
    speakers = [
        r[0]
        for r in con.execute(
            "SELECT speaker_code FROM (SELECT * FROM quotes USING SAMPLE 50 ROWS (reservoir, 1)) "
            "WHERE speaker_code IS NOT NULL ORDER BY 1"
        ).fetchall()
    ]

    def col(i: int) -> list[Any]:
        return [r[i] for r in rows if r[i] is not None]

    words = sorted({w for r in rows for w in (r[8] or "").split() if w.islower() and len(w) > 4})
    return Params(
        rng=random.Random(seed),
        actors=col(0),
        dyads=[(r[0], r[1]) for r in rows if r[0] and r[1] and r[0] != r[1]],
        roots=col(2),
        places=col(3),
        doc_ids=col(4),
        cluster_ids=col(5),
        event_ids=col(6),
        dates=col(7),
        words=words or ["agree"],
        speakers=speakers or ["USA"],
    )


def _n(result: Any) -> int:
    if isinstance(result, browse.Page):
        return len(result.items)
    if isinstance(result, tuple):
        return len(result[1])
    if isinstance(result, dict):
        return len(result.get("edges", result))
    return 0 if result is None else 1


def _dyad_series(by: str) -> Case:
    def case(con: duckdb.DuckDBPyConnection, p: Params) -> int:
        a, b = p.pick(p.dyads)
        return _n(queries.dyad_series(con, a, b, by=by, directed=p.rng.random() < 0.5))

    return case


def _events_with(kind: str) -> Case:
    def flt(p: Params) -> EventFilter:
        a, b = p.pick(p.dyads)
        day = p.pick(p.dates)
        return {
            "none": EventFilter(),
            "page": EventFilter(),
            "actor": EventFilter(actor=p.pick(p.actors)),
            "source": EventFilter(source=p.pick(p.actors)),
            "target": EventFilter(target=a),
            "dyad": EventFilter(dyad=(a, b), directed=False),
            "root": EventFilter(cameo_root=p.pick(p.roots)),
            "quad": EventFilter(quad_class=p.rng.randint(1, 4)),
            "dates": EventFilter(start=day, end=day + dt.timedelta(days=7)),
            "year": EventFilter(year=day.year),
            "place": EventFilter(place=p.pick(p.places)),
            "doc": EventFilter(doc_id=p.pick(p.doc_ids)),
            "cluster": EventFilter(cluster_id=p.pick(p.cluster_ids)),
            "evidence": EventFilter(q=p.pick(p.words)),
            "actor+year": EventFilter(actor=p.pick(p.actors), year=day.year),
        }[kind]

    def case(con: duckdb.DuckDBPyConnection, p: Params) -> int:
        offset = p.rng.randint(1, 200) * 50 if kind == "page" else 0
        return _n(browse.list_events(con, flt(p), limit=50, offset=offset))

    return case


LEVELS = ("country", "sector", "actor")
CASES: dict[str, Case] = {
    "summary": lambda con, p: _n(queries.summary(con)),
    "undated": lambda con, p: _n(queries.undated(con)),
    "quad_series": lambda con, p: _n(
        queries.series(con, p.filter(), by=p.pick(["month", "month", "week", "year"]))
    ),
    **{f"dyad_series:{by}": _dyad_series(by) for by in ("day", "week", "month", "year")},
    "top_dyads": lambda con, p: _n(
        queries.top_dyads(con, p.filter(), level=p.pick(list(LEVELS)), limit=20)
    ),
    "top_actors": lambda con, p: _n(
        queries.top_actors(con, p.filter(), level=p.pick(list(LEVELS)), limit=20)
    ),
    "top_events": lambda con, p: _n(queries.top_events(con, p.filter(), limit=20)),
    "network": lambda con, p: _n(
        queries.network(con, p.filter(), level="country", min_events=p.pick([1, 5]), limit=200)
    ),
    "map": lambda con, p: _n(queries.event_places(con, p.filter(), limit=500)),
    **{
        f"events:{k}": _events_with(k)
        for k in (
            "none",
            "page",
            "actor",
            "source",
            "target",
            "dyad",
            "root",
            "quad",
            "dates",
            "year",
            "place",
            "doc",
            "cluster",
            "evidence",
            "actor+year",
        )
    },
    "event": lambda con, p: _n(browse.get_event(con, p.pick(p.event_ids))),
    "clusters": lambda con, p: _n(browse.list_clusters(con, p.filter(), limit=50)),
    "cluster": lambda con, p: _n(browse.get_cluster(con, p.pick(p.cluster_ids))),
    "documents": lambda con, p: _n(browse.list_documents(con, limit=50)),
    "documents:q": lambda con, p: _n(browse.list_documents(con, q=p.pick(p.words), limit=50)),
    "document": lambda con, p: _n(browse.get_document(con, p.pick(p.doc_ids))),
    "quotes:speaker": lambda con, p: _n(browse.list_quotes(con, speaker=p.pick(p.speakers))),
    "quotes:q": lambda con, p: _n(browse.list_quotes(con, q=p.pick(p.words))),
    "actor_lookup": lambda con, p: _n(
        queries.actor_lookup(con, p.pick(p.speakers)[: p.rng.randint(2, 4)])
    ),
}


def time_queries(
    con: duckdb.DuckDBPyConnection,
    *,
    runs: int = 10,
    seed: int = 1,
    only: list[str] | None = None,
) -> list[QueryTiming]:
    """Each case ``runs`` times (after one warm-up run), cases interleaved round by round."""
    params = sample_params(con, seed=seed)
    names = [n for n in CASES if not only or any(n.startswith(o) for o in only)]
    times: dict[str, list[float]] = {n: [] for n in names}
    rows: dict[str, list[int]] = {n: [] for n in names}
    for n in names:  # warm-up: first touch of every column
        CASES[n](con, params)
    for _ in range(runs):
        for n in names:
            t0 = time.perf_counter()
            rows[n].append(CASES[n](con, params))
            times[n].append((time.perf_counter() - t0) * 1000)
    return [
        QueryTiming(
            name=n,
            runs=runs,
            p50_ms=statistics.median(times[n]),
            p95_ms=_quantile(times[n], 0.95),
            max_ms=max(times[n]),
            rows=int(statistics.median(rows[n])),
        )
        for n in names
    ]


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    pos = q * (len(ordered) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def _batch_tables(
    n_articles: int, seed: int, prefix: str, *, start: str = START, days: int = 3
) -> dict[str, Any]:
    """``n_articles`` new documents' rows, shaped like the store's tables (no clusters), dated
    over ``days`` days from ``start`` (a feed appends the latest news)."""
    with Store.connect(":memory:") as tmp:
        generate(tmp.con, n_articles * 3, seed=seed, start=start, days=days)
        tables: dict[str, Any] = {}
        for name in ("documents", "events", "places", "quotes", "actors"):
            rename = f"'{prefix}' || doc_id AS doc_id"
            extra = {
                "documents": f", md5('{prefix}' || hash) AS hash",
                "events": f", '{prefix}' || event_id AS event_id, NULL AS cluster_id",
            }.get(name, "")
            tables[name] = (
                tmp.con.cursor()
                .sql(f"SELECT * REPLACE ({rename}{extra}) FROM {name}")
                .to_arrow_table()
            )
    return tables


def time_ingest(
    store: Store, *, articles: int = 1000, batches: int = 3, seed: int = 1
) -> IngestTiming:
    """Median seconds to append a batch of ``articles`` synthetic articles, into an empty store
    and into ``store`` (whose new rows stay)."""
    empty: list[float] = []
    full: list[float] = []
    row = store.con.execute("SELECT max(date) FROM documents").fetchone()
    last = row[0] if row and row[0] else dt.date.fromisoformat(START)
    for b in range(batches):
        day = (last - dt.timedelta(days=2) + dt.timedelta(days=b)).isoformat()
        tables = _batch_tables(articles, seed + 100 + b, f"new{b}-", start=day)
        with Store.connect(":memory:") as fresh:
            t0 = time.perf_counter()
            fresh.write_tables(tables)
            empty.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        store.write_tables(tables)
        full.append(time.perf_counter() - t0)
    return IngestTiming(articles, statistics.median(empty), statistics.median(full))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_store_bench(
    events: int,
    *,
    db: str | None = None,
    runs: int = 10,
    seed: int = 1,
    memory_limit: str = "6GB",
    threads: int | None = None,
    only: list[str] | None = None,
    ingest: bool = True,
    ingest_corpus: str | None = None,
    ingest_articles: int = 1000,
    batch_size: int | None = None,
) -> StoreBenchReport:
    """Generates a store of ``events`` events (in ``db``, else a temporary file), times every
    query, then the ingest rate; the database is removed afterwards unless ``db`` was given.
    With ``ingest_corpus``, its first ``ingest_articles`` documents are annotated first (before
    the store takes its memory) and their annotations written last, ``batch_size`` a batch, into
    an empty store and into this one (``batch_size``: the settings' batch size, as ingest commits):
    the whole ingest's rate ratio (:mod:`eventwire.store.bench_ingest`)."""
    annotated = annotate_corpus(ingest_corpus, limit=ingest_articles) if ingest_corpus else None
    corpus_timing = None
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmpdir:
        path = db or str(Path(tmpdir) / "bench.duckdb")
        with Store.connect(path) as store:
            store.con.execute(f"SET memory_limit = '{memory_limit}'")
            if threads:
                store.con.execute(f"SET threads = {int(threads)}")
            generated = generate(store.con, events, seed=seed)
            store.con.execute("CHECKPOINT")
            size = Path(path).stat().st_size / 2**20 if Path(path).exists() else 0.0
            timings = time_queries(store.con, runs=runs, seed=seed, only=only)
            ingest_timing = time_ingest(store, seed=seed) if ingest else None
            if annotated:
                corpus_timing = time_corpus_ingest(
                    store,
                    annotated[0],
                    annotated[1],
                    empty_path=Path(tmpdir) / "empty.duckdb",
                    batch_size=batch_size or Settings().batch_size,
                )
        return StoreBenchReport(
            generated=generated,
            timings=timings,
            peak_rss_mb=peak_rss_mb(),
            db_mb=size,
            ingest=ingest_timing,
            corpus_ingest=corpus_timing,
        )


def format_store_report(report: StoreBenchReport) -> list[str]:
    g = report.generated
    lines = [
        f"store: {g.events:,} events, {g.clusters:,} clusters, {g.documents:,} documents, "
        f"{g.quotes:,} quotes, {g.places:,} places, {g.actors:,} actor mentions; "
        f"generated in {g.seconds:.1f} s; {report.db_mb:,.0f} MB on disk",
        f"{'query':<22}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'rows':>7}",
    ]
    lines += [
        f"{t.name:<22}{t.p50_ms:>9.1f}{t.p95_ms:>9.1f}{t.max_ms:>9.1f}{t.rows:>7}"
        for t in report.timings
    ]
    if report.ingest:
        i = report.ingest
        lines.append(
            f"ingest {i.articles} articles: empty store {i.empty_s:.2f} s, this store "
            f"{i.full_s:.2f} s, rate ratio {i.ratio:.2f}"
        )
    if report.corpus_ingest:
        c = report.corpus_ingest
        lines.append(
            f"ingest {c.articles} corpus articles ({c.batch_size} a batch, dated {c.years:+d} "
            f"years): annotate {c.annotate_s:.1f} s; store write: empty store {c.empty_s:.2f} s, "
            f"this store {c.full_s:.2f} s, store-only ratio {c.store_ratio:.2f}; "
            f"whole-ingest rate ratio {c.ratio:.3f}"
        )
        lines.append(
            f"ingest batches (first / median / max s): empty store {c.spread(c.empty_batches)}, "
            f"this store {c.spread(c.full_batches)}"
        )
    lines.append(f"peak RSS {report.peak_rss_mb:,.0f} MB")
    lines.append(
        f"store-bench events {g.events} p95_ms {report.p95_ms:.0f} max_ms {report.max_ms:.0f}"
    )
    return lines


__all__ = [
    "CASES",
    "CorpusIngestTiming",
    "IngestTiming",
    "QueryTiming",
    "StoreBenchReport",
    "format_store_report",
    "run_store_bench",
    "time_ingest",
    "time_queries",
]
