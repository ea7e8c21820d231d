"""``eventwire bench``: throughput of eventwire beside the physical limit, the bare spaCy parse.

Three phases run on the same documents in worker processes (one process tree, one run):
(a) ``parse``: bare ``nlp.pipe`` with only the base components the run uses; (b) ``annotate``:
eventwire's full annotate; (c) ``ingest``: :func:`eventwire.ingest.ingest` into a fresh DuckDB.
Parse and annotate share their workers (one pipeline per process; the parse turns our
components off): two processes doing the same parse ran up to 13 % apart on the development
VM, so the ratio of two processes measured the processes as much as eventwire
(``separate_processes`` restores one set of workers per phase). Every process loads its
pipeline (and ingest opens its store) before any clock starts. The corpus is then cut into
rounds and the phases take turns round by round, so that a busy spell on the machine slows all
three alike rather than whichever phase it hits.
Ingest with ``workers > 1`` starts its pool of annotating workers before the clock too and
writes from its own process, as ``eventwire ingest`` does. Optionally the ``run`` engines are timed too.
"""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing as mp
import resource
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .annotate import Annotator, parse_text
from .config import Settings
from .errors import Errors
from .io import read_paths
from .pipeline.load import load_pipeline
from .pipeline.registry import extractors
from .records import Document

log = logging.getLogger(__name__)

PHASES = ("parse", "annotate", "ingest")


@dataclass(slots=True)
class PhaseResult:
    name: str
    docs: int
    words: int
    seconds: float
    rss_mb: list[float] = field(default_factory=list)  # peak RSS of each worker
    cpu_seconds: float = 0.0  # CPU time of the phase's processes while timed (load excluded)
    load_seconds: float = 0.0
    note: str = ""

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds > 0 else 0.0

    @property
    def docs_per_cpu_s(self) -> float:
        return self.docs / self.cpu_seconds if self.cpu_seconds > 0 else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else 0.0


@dataclass(slots=True)
class BenchReport:
    corpus: str
    docs: int
    words: int
    workers: int
    pipeline: list[str]
    phases: dict[str, PhaseResult] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    rounds: int = 1

    def ratio(self, phase: str, *, cpu: bool = False) -> float | None:
        """Throughput of ``phase`` over the parse's (per CPU second with ``cpu``)."""
        base, other = self.phases.get("parse"), self.phases.get(phase)
        if not base or not other:
            return None
        if cpu:
            if not (base.docs_per_cpu_s and other.docs_per_cpu_s):
                return None  # CPU time not measurable for this phase
            return other.docs_per_cpu_s / base.docs_per_cpu_s
        return other.docs_per_s / base.docs_per_s if base.docs_per_s else None


def load_corpus(paths: Sequence[str], *, limit: int | None, max_chars: int) -> list[Document]:
    docs: list[Document] = []
    for item in read_paths(paths, max_chars=max_chars):
        if isinstance(item, Document):
            docs.append(item)
            if limit and len(docs) >= limit:
                break
    return docs


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024.0  # Linux reports KiB


WARM_UP = (
    "The foreign minister of Norway met Kenyan officials in Nairobi on Monday. "
    '"We will talk again next week," she said.'
)


def _warm(annotator: Annotator) -> None:
    """Load the extractors' knowledge (lazy, once per process) before the clock starts.

    The large GeoNames gazetteer loads only on the first name the small one lacks, which the
    warm-up text may not contain; it is a one-off start-up cost, so load it here too.
    """
    from .knowledge.gazetteer_large import load_large_gazetteer

    annotator.annotate_text(WARM_UP, date="2020-01-06")
    load_large_gazetteer()


Round = int  # index of a round: each phase processes its share of that round's documents


Shared = dict[str, Any]  # what the phases of one worker process share (its Annotator)


def _prepare_parse(
    settings: Settings, rounds: list[list[Document]], _: dict[str, Any], shared: Shared
) -> Callable[[Round], int]:
    annotator = shared.get("annotator")  # annotate's pipeline, when it shares the process
    nlp = annotator.nlp if annotator is not None else load_pipeline(settings)
    factories = {spec.factory for spec in extractors().values()}
    ours = [name for name in nlp.pipe_names if name in factories]
    with nlp.select_pipes(disable=ours):
        nlp(WARM_UP)

    def run(r: Round) -> int:
        with nlp.select_pipes(disable=ours):
            texts = (parse_text(d) for d in rounds[r])
            return sum(1 for _ in nlp.pipe(texts, batch_size=settings.batch_size))

    return run


def _prepare_annotate(
    settings: Settings, rounds: list[list[Document]], _: dict[str, Any], shared: Shared
) -> Callable[[Round], int]:
    annotator = shared["annotator"] = Annotator(settings)
    _warm(annotator)

    def run(r: Round) -> int:
        return sum(1 for _ in annotator.annotate_documents(rounds[r]))

    return run


def _prepare_ingest(
    settings: Settings, _: list[list[Document]], paths: dict[str, Any], shared: Shared
) -> Callable[[Round], int]:
    """One store, opened (schema created) before the clock, and with ``workers > 1`` one pool
    of annotating workers, started and loaded before the clock; each round ingests its file."""
    import pyarrow  # noqa: F401  # imported by the first write: a start-up cost, like the model

    from .engine.pool import annotation_pool
    from .ingest import ingest
    from .store import Store

    pool = None
    if settings.workers > 1:
        pool = annotation_pool(settings).start()
        pool.wait_ready()
    else:
        _warm(Annotator(settings))  # the in-process pipeline ingest uses
    store = Store.connect(paths["db"])

    def run(r: Round) -> int:
        report = ingest([paths["rounds"][r]], store, settings, pool=pool)
        return report.documents + report.errors

    def close() -> None:
        store.close()
        if pool is not None:
            pool.close()

    run.close = close  # type: ignore[attr-defined]
    return run


PREPARE: dict[
    str,
    Callable[[Settings, list[list[Document]], dict[str, Any], Shared], Callable[[Round], int]],
] = {
    "parse": _prepare_parse,
    "annotate": _prepare_annotate,
    "ingest": _prepare_ingest,
}


def _phase_worker(
    conn: Any,
    phases: tuple[str, ...],
    settings: Settings,
    rounds: list[list[Document]],
    paths: dict[str, Any],
) -> None:
    """Prepare ``phases`` (annotate before parse, which reuses its pipeline), then run the
    (phase, round) turns the parent asks for, one at a time, timing each."""
    try:
        runs: dict[str, Callable[[Round], int]] = {}
        loads: dict[str, float] = {}
        shared: Shared = {}
        for phase in sorted(phases, key=PHASES.index, reverse=True):  # ingest, annotate, parse
            started = time.perf_counter()
            runs[phase] = PREPARE[phase](settings, rounds, paths, shared)
            loads[phase] = time.perf_counter() - started
        conn.send(("ready", loads))
        while (turn := conn.recv()) is not None:
            phase, r = turn
            started, cpu = time.perf_counter(), _cpu_seconds()
            done = runs[phase](r)
            conn.send(("done", (done, time.perf_counter() - started, _cpu_seconds() - cpu)))
        started = time.perf_counter()
        for run in runs.values():
            getattr(run, "close", lambda: None)()
        conn.send(("closed", (_peak_rss_mb(), time.perf_counter() - started)))
    except (EOFError, BrokenPipeError):
        return  # the parent stopped the run (another phase failed): nothing to report
    except Exception as exc:  # reported to the parent as the phase's failure
        with contextlib.suppress(OSError):
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


@dataclass(slots=True)
class _Workers:
    """The worker processes of one or more phases (parse and annotate share theirs)."""

    phases: tuple[str, ...]
    procs: list[Any]
    conns: list[Any]
    loads: dict[str, float] = field(default_factory=dict)
    rss: list[float] = field(default_factory=list)
    close: float = 0.0

    def wait_ready(self) -> None:
        got = [_expect(c, "ready", "/".join(self.phases)) for c in self.conns]
        self.loads = {p: max(g[p] for g in got) for p in self.phases}

    def finish(self) -> None:
        for c in self.conns:
            c.send(None)
        closed = [_expect(c, "closed", "/".join(self.phases)) for c in self.conns]
        self.rss = [c[0] for c in closed]
        self.close = max(c[1] for c in closed)


@dataclass(slots=True)
class _Phase:
    """A phase, the workers it runs in and what they measured."""

    name: str
    workers: _Workers
    docs: int = 0
    seconds: float = 0.0
    cpu: float = 0.0

    def run_round(self, r: Round) -> None:
        started = time.perf_counter()
        for c in self.workers.conns:
            c.send((self.name, r))
        outs = [_expect(c, "done", self.name) for c in self.workers.conns]
        self.seconds += time.perf_counter() - started
        self.docs += sum(o[0] for o in outs)
        self.cpu += sum(o[2] for o in outs)


def split_rounds(docs: list[Document], rounds: int) -> list[list[Document]]:
    """``rounds`` consecutive, nearly equal slices of ``docs`` (none empty)."""
    rounds = max(1, min(rounds, len(docs)))
    size, extra = divmod(len(docs), rounds)
    out, start = [], 0
    for i in range(rounds):
        end = start + size + (i < extra)
        out.append(docs[start:end])
        start = end
    return out


def phase_groups(phases: Sequence[str], *, separate: bool = False) -> list[tuple[str, ...]]:
    """The phases that share worker processes: parse and annotate together unless ``separate``
    (the ratio then compares two processes' speeds too); ingest always alone."""
    if separate or not {"parse", "annotate"} <= set(phases):
        return [(p,) for p in phases]
    groups: list[tuple[str, ...]] = []
    for p in phases:
        if p == "parse" or p == "annotate":
            if ("parse", "annotate") not in groups:
                groups.append(("parse", "annotate"))
        else:
            groups.append((p,))
    return groups


def _start_workers(
    phases: tuple[str, ...],
    chunks: list[list[Document]],
    *,
    settings: Settings,
    workers: int,
    paths: dict[str, Any],
) -> _Workers:
    """``workers`` processes for parse/annotate (each a share of every round); one for ingest."""
    ctx = mp.get_context("spawn")
    if phases == ("ingest",):  # one process; with workers > 1 it runs its own pool
        shares: list[list[list[Document]]] = [[]]
        job_settings = settings.with_(workers=workers)
    else:
        shares = [[chunk[i::workers] for chunk in chunks] for i in range(workers)]
        job_settings = settings.with_(workers=1)
    procs, conns = [], []
    for share in shares:
        parent, child = ctx.Pipe()
        proc = ctx.Process(  # type: ignore[attr-defined]
            target=_phase_worker, args=(child, phases, job_settings, share, paths), daemon=False
        )
        proc.start()
        procs.append(proc)
        conns.append(parent)
    return _Workers(phases, procs, conns)


def run_phases(
    phases: Sequence[str],
    docs: list[Document],
    *,
    settings: Settings,
    workers: int,
    paths: dict[str, Any],
    rounds: int,
    separate_processes: bool = False,
) -> dict[str, PhaseResult]:
    """The phases interleaved round by round, so that a busy spell on the machine slows all of
    them alike; the order within a round rotates."""
    chunks = split_rounds(docs, rounds)
    started: list[_Workers] = []
    try:
        for group in phase_groups(phases, separate=separate_processes):
            started.append(
                _start_workers(group, chunks, settings=settings, workers=workers, paths=paths)
            )
        for w in started:
            w.wait_ready()
        by_name = {name: _Phase(name, w) for w in started for name in w.phases}
        running = [by_name[p] for p in phases]
        for r in range(len(chunks)):
            turn = running[r % len(running) :] + running[: r % len(running)]
            for p in turn:
                p.run_round(r)
        for w in started:
            w.finish()
    finally:
        for w in started:
            for c in w.conns:
                c.close()  # a worker still waiting for a round gets EOF and exits
            for proc in w.procs:
                proc.join(30)
                if proc.is_alive():
                    proc.kill()
    words = sum(len(d.text.split()) for d in docs)
    return {p.name: _result(p, words, workers) for p in running}


def _result(p: _Phase, words: int, workers: int) -> PhaseResult:
    pooled = p.name == "ingest" and workers > 1
    note = ""
    if p.name == "ingest":
        note = f"store opened before the clock; closing it took {p.workers.close:.1f} s"
        if pooled:
            note += f"; peak RSS of the writing process, beside its {workers} pool workers"
    elif len(p.workers.phases) > 1:
        note = "parse and annotate in the same worker processes"
    return PhaseResult(
        p.name,
        p.docs,
        words,
        p.seconds,
        p.workers.rss,
        # the pool's workers are still alive when measured: outside this tree's accounting
        cpu_seconds=0.0 if pooled else p.cpu,
        load_seconds=p.workers.loads.get(p.name, 0.0),
        note=note,
    )


def _expect(conn: Any, kind: str, phase: str) -> Any:
    from .engine.workers import EngineError

    try:
        got, body = conn.recv()
    except EOFError as exc:
        raise EngineError(Errors.E501, engine="bench", reason=f"{phase} worker died") from exc
    if got != kind:
        raise EngineError(Errors.E501, engine="bench", reason=f"{phase}: {body}")
    return body


def time_engines(
    corpus_file: str,
    engines: Sequence[str],
    *,
    settings: Settings,
    workers: int,
    docs: int,
    words: int,
    shard_size: int,
) -> dict[str, PhaseResult]:
    """``eventwire run`` on each engine into a fresh directory; end-to-end wall time."""
    from .engine.runner import run_shards

    out: dict[str, PhaseResult] = {}
    for engine in engines:
        with tempfile.TemporaryDirectory(prefix=f"ewbench-{engine}-") as tmp:
            started = time.perf_counter()
            run_shards(
                [corpus_file],
                tmp,
                engine=engine,
                settings=settings,
                workers=workers,
                docs_per_shard=shard_size,
            )
            out[engine] = PhaseResult(
                f"run:{engine}",
                docs,
                words,
                time.perf_counter() - started,
                note="end to end, worker start-up included",
            )
    return out


MIN_ROUND_DOCS = 50  # per worker: smaller rounds measure spaCy's batching, not its throughput
MAX_ROUNDS = 20  # many short turns even out other jobs' bursts across the phases


def default_rounds(docs: int, workers: int) -> int:
    """As many rounds (up to MAX_ROUNDS) as leave MIN_ROUND_DOCS per worker in each."""
    return max(1, min(MAX_ROUNDS, docs // (MIN_ROUND_DOCS * workers)))


def write_corpus(docs: Sequence[Document], path: Path) -> str:
    """``docs`` as JSONL (id, date, text) at ``path``; returns the path as a string."""
    with path.open("w", encoding="utf-8") as fh:
        for d in docs:
            row = {"id": d.doc_id, "date": d.date, "text": d.text}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return str(path)


def run_bench(
    paths: Sequence[str],
    *,
    settings: Settings | None = None,
    workers: int = 1,
    limit: int | None = None,
    phases: Sequence[str] = PHASES,
    engines: Sequence[str] = (),
    shard_size: int = 50,
    rounds: int | None = None,
    separate_processes: bool = False,
) -> BenchReport:
    settings = settings or Settings()
    docs = load_corpus(paths, limit=limit, max_chars=settings.max_doc_chars)
    nlp = load_pipeline(settings)
    report = BenchReport(
        ", ".join(map(str, paths)),
        len(docs),
        sum(len(d.text.split()) for d in docs),
        workers,
        [n for n in nlp.pipe_names],
    )
    if not docs:
        return report
    rounds = rounds or default_rounds(len(docs), workers)
    with tempfile.TemporaryDirectory(prefix="ewbench-") as tmp:
        corpus = write_corpus(docs, Path(tmp) / "corpus.jsonl")
        chunks = split_rounds(docs, rounds)
        paths_map: dict[str, Any] = {
            "corpus": corpus,
            "db": str(Path(tmp) / "bench.duckdb"),
            "rounds": [
                write_corpus(c, Path(tmp) / f"round{i}.jsonl") for i, c in enumerate(chunks)
            ],
        }
        report.rounds = len(chunks)
        report.phases.update(
            run_phases(
                phases,
                docs,
                settings=settings,
                workers=workers,
                paths=paths_map,
                rounds=rounds,
                separate_processes=separate_processes,
            )
        )
        for name, result in time_engines(
            corpus,
            engines,
            settings=settings,
            workers=workers,
            docs=len(docs),
            words=report.words,
            shard_size=shard_size,
        ).items():
            report.phases[name] = result
    return report
