"""``eventwire bench``: throughput of eventwire beside the physical limit, the bare spaCy parse.

Three phases run on the same documents, each in fresh worker processes (one process tree,
one run): (a) ``parse``: bare ``nlp.pipe`` with only the base components the run uses;
(b) ``annotate``: eventwire's full annotate; (c) ``ingest``: :func:`eventwire.ingest.ingest`
into a fresh DuckDB. For (a) and (b) each worker loads the pipeline first and the clock
starts when every worker is ready; (c) is timed end to end by the ingest call (its worker
start-up is included when ``workers > 1``). Optionally the ``run`` engines are timed too.
"""

from __future__ import annotations

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
from .pipeline.load import COMPONENTS, load_pipeline
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


def _prepare_parse(
    settings: Settings, docs: list[Document], _: dict[str, str]
) -> Callable[[], int]:
    nlp = load_pipeline(settings)
    ours = [name for name in nlp.pipe_names if name in COMPONENTS.values()]
    with nlp.select_pipes(disable=ours):
        nlp(WARM_UP)

    def run() -> int:
        with nlp.select_pipes(disable=ours):
            return sum(
                1 for _ in nlp.pipe((parse_text(d) for d in docs), batch_size=settings.batch_size)
            )

    return run


def _prepare_annotate(
    settings: Settings, docs: list[Document], _: dict[str, str]
) -> Callable[[], int]:
    annotator = Annotator(settings)
    _warm(annotator)

    def run() -> int:
        return sum(1 for _ in annotator.annotate_documents(docs))

    return run


def _prepare_ingest(
    settings: Settings, docs: list[Document], paths: dict[str, str]
) -> Callable[[], int]:
    from .ingest import ingest

    _warm(Annotator(settings.with_(workers=1)))  # the in-process pipeline used when workers == 1

    def run() -> int:
        report = ingest([paths["corpus"]], paths["db"], settings)
        return report.documents + report.errors

    return run


PREPARE: dict[str, Callable[[Settings, list[Document], dict[str, str]], Callable[[], int]]] = {
    "parse": _prepare_parse,
    "annotate": _prepare_annotate,
    "ingest": _prepare_ingest,
}


def _phase_worker(
    conn: Any, phase: str, settings: Settings, docs: list[Document], paths: dict[str, str]
) -> None:
    try:
        started = time.perf_counter()
        run = PREPARE[phase](settings, docs, paths)
        conn.send(("ready", time.perf_counter() - started))
        conn.recv()
        started, cpu = time.perf_counter(), _cpu_seconds()
        done = run()
        elapsed, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
        conn.send(("done", (done, elapsed, _peak_rss_mb(), cpu)))
    except Exception as exc:  # reported to the parent as the phase's failure
        conn.send(("error", f"{type(exc).__name__}: {exc}"))


def run_phase(
    phase: str, docs: list[Document], *, settings: Settings, workers: int, paths: dict[str, str]
) -> PhaseResult:
    """One phase in fresh processes: ``workers`` slices for parse/annotate, one ingest call."""
    ctx = mp.get_context("spawn")
    if phase == "ingest":
        slices, job_settings = [docs], settings.with_(workers=workers)
    else:
        slices, job_settings = [docs[i::workers] for i in range(workers)], settings.with_(workers=1)
    procs, conns = [], []
    for part in slices:
        parent, child = ctx.Pipe()
        proc = ctx.Process(  # type: ignore[attr-defined]
            target=_phase_worker, args=(child, phase, job_settings, part, paths), daemon=False
        )
        proc.start()
        procs.append(proc)
        conns.append(parent)
    try:
        loads = [_expect(c, "ready", phase) for c in conns]
        started = time.perf_counter()
        for c in conns:
            c.send("go")
        outs = [_expect(c, "done", phase) for c in conns]
        wall = time.perf_counter() - started
    finally:
        for proc in procs:
            proc.join(30)
            if proc.is_alive():
                proc.kill()
    words = sum(len(d.text.split()) for d in docs)
    seconds = max(o[1] for o in outs) if phase == "ingest" else wall
    return PhaseResult(
        phase,
        sum(o[0] for o in outs),
        words,
        seconds,
        [o[2] for o in outs],
        # ingest's own pool workers are spawned children, outside this tree's accounting
        cpu_seconds=0.0 if phase == "ingest" and workers > 1 else sum(o[3] for o in outs),
        load_seconds=max(loads),
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


def run_bench(
    paths: Sequence[str],
    *,
    settings: Settings | None = None,
    workers: int = 1,
    limit: int | None = None,
    phases: Sequence[str] = PHASES,
    engines: Sequence[str] = (),
    shard_size: int = 50,
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
    with tempfile.TemporaryDirectory(prefix="ewbench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(
                    json.dumps({"id": d.doc_id, "date": d.date, "text": d.text}, ensure_ascii=False)
                    + "\n"
                )
        paths_map = {"corpus": str(corpus), "db": str(Path(tmp) / "bench.duckdb")}
        for phase in phases:
            if phase == "ingest" and not _has_ingest():
                report.skipped[phase] = "eventwire.ingest is not available"
                continue
            report.phases[phase] = run_phase(
                phase, docs, settings=settings, workers=workers, paths=paths_map
            )
        for name, result in time_engines(
            str(corpus),
            engines,
            settings=settings,
            workers=workers,
            docs=len(docs),
            words=report.words,
            shard_size=shard_size,
        ).items():
            report.phases[name] = result
    return report


def _has_ingest() -> bool:
    try:
        from .ingest import ingest  # noqa: F401
    except ImportError:
        return False
    return True
