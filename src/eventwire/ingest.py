"""Ingest a corpus into the store: read, annotate in batches, commit each batch.

Resumable by construction: a document's row in ``documents`` is written in the same
transaction as all its other rows, and documents whose content hash is already stored are
skipped before annotation. Killing the process at any moment (even ``kill -9``) loses at
most the batch in flight; the next run redoes exactly that batch, and the final rows equal
those of an uninterrupted run. Event clusters are assigned in document order, so they do
not depend on where a run was interrupted either.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from .annotate import DocumentFailure, Result
from .config import Settings
from .engine.pool import annotate_parallel
from .engine.workers import WorkerPool
from .errors import InputError
from .io import ReadResult, read_paths
from .records import Annotation, Document
from .store import BatchStats, Store

log = logging.getLogger(__name__)


class ProgressLike(Protocol):
    def update(self, *, docs: int = 0, events: int = 0, errors: int = 0) -> None: ...


@dataclass(slots=True)
class IngestReport:
    documents: int = 0  # newly stored
    skipped: int = 0  # already stored (same content hash)
    events: int = 0
    rejects: int = 0  # newly recorded rejects
    errors: int = 0  # inputs that failed in this run (recorded or already recorded)
    batches: int = 0
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0


def _fresh(
    inputs: Iterable[ReadResult],
    known: set[str],
    report: IngestReport,
    progress: ProgressLike | None,
) -> Iterator[ReadResult]:
    """Inputs minus documents already stored (or seen earlier in this run)."""
    for item in inputs:
        if isinstance(item, Document):
            h = item.hash
            if h in known:
                report.skipped += 1
                if progress:
                    progress.update(docs=1)
                continue
            known.add(h)
        yield item


def _batches(results: Iterable[Result], size: int) -> Iterator[list[Result]]:
    batch: list[Result] = []
    for r in results:
        batch.append(r)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_results(
    store: Store,
    results: Iterable[Result],
    *,
    batch_size: int,
    report: IngestReport,
    progress: ProgressLike | None = None,
) -> None:
    """Commits annotation results batch by batch (one transaction each)."""
    for batch in _batches(results, batch_size):
        stats: BatchStats = store.write_batch(batch)
        report.batches += 1
        report.documents += stats.documents
        report.skipped += stats.skipped
        report.events += stats.events
        report.rejects += stats.rejects
        failed = sum(1 for r in batch if isinstance(r, InputError | DocumentFailure))
        report.errors += failed
        for r in batch:
            if isinstance(r, InputError | DocumentFailure):
                log.warning("%s", r)
        if progress:
            progress.update(
                docs=len(batch) - failed,
                errors=failed,
                events=sum(len(r.events) for r in batch if isinstance(r, Annotation)),
            )


def ingest(
    paths: Iterable[str | Path],
    db: Store | str | Path,
    settings: Settings | None = None,
    progress: ProgressLike | None = None,
    *,
    doc_date: str | None = None,
    commit_every: int | None = None,
    pool: WorkerPool | None = None,
    min_confidence: float | None = None,
) -> IngestReport:
    """Reads ``paths``, annotates new documents and stores them; returns what was done.

    ``db`` is an open :class:`Store` or a path (opened and closed here). ``commit_every``
    documents per transaction (default: the settings' batch size). ``pool``: started annotation
    workers (:func:`eventwire.engine.pool.annotation_pool`) to reuse across calls.
    ``min_confidence``: store only the events whose confidence reaches it.
    """
    settings = settings or Settings()
    store = db if isinstance(db, Store) else Store.connect(db)
    report = IngestReport()
    started = time.monotonic()
    try:
        known = store.stored_hashes()
        inputs = _fresh(
            read_paths(list(paths), date=doc_date, max_chars=settings.max_doc_chars),
            known,
            report,
            progress,
        )
        results = annotate_parallel(inputs, settings, pool=pool)
        if min_confidence is not None:
            results = (_confident(r, min_confidence) for r in results)
        write_results(
            store,
            results,
            batch_size=commit_every or settings.batch_size,
            report=report,
            progress=progress,
        )
        report.counts = store.counts()
    finally:
        report.seconds = time.monotonic() - started
        if not isinstance(db, Store):
            store.close()
    return report


def _confident(result: Result, min_confidence: float) -> Result:
    """An annotation without its events below ``min_confidence`` (other results as they are)."""
    if not isinstance(result, Annotation):
        return result
    kept = [e for e in result.events if e.confidence >= min_confidence]
    return dataclasses.replace(result, events=kept)


def count_inputs(paths: Iterable[str | Path], *, max_chars: int) -> int | None:
    """How many inputs ``paths`` hold (for the ETA), or None for stdin."""
    paths = list(paths)
    if any(str(p) == "-" for p in paths):
        return None
    return sum(1 for _ in read_paths(paths, max_chars=max_chars))


def parquet_shards(directory: str | Path) -> list[tuple[str, dict[str, Path]]]:
    """Shards under ``directory`` as ``(shard_id, {table: file})``, sorted by shard id.

    Layout written by ``eventwire run``: ``DIR/<table>/part-<shard_id>.parquet`` and a marker
    ``DIR/_done/<shard_id>.json`` written last; shards without a marker are unfinished and left
    out. Without any ``_done`` folder, every ``part-*.parquet`` is taken.
    """
    from .store.schema import TABLES

    root = Path(directory)
    done_dir = root / "_done"
    done = {p.stem for p in done_dir.glob("*.json")} if done_dir.is_dir() else None
    shards: dict[str, dict[str, Path]] = {}
    for name in TABLES:
        for f in sorted((root / name).glob("part-*.parquet")):
            shard_id = f.stem[len("part-") :]
            if done is None or shard_id in done:
                shards.setdefault(shard_id, {})[name] = f
    return sorted(shards.items())


def ingest_parquet(
    directory: str | Path, db: Store | str | Path, progress: ProgressLike | None = None
) -> IngestReport:
    """Loads engine shard output (Parquet with the store's columns), one transaction per shard."""
    import pyarrow.parquet as pq

    store = db if isinstance(db, Store) else Store.connect(db)
    report = IngestReport()
    started = time.monotonic()
    try:
        for _shard_id, files in parquet_shards(directory):
            stats = store.write_tables({name: pq.read_table(path) for name, path in files.items()})
            report.batches += 1
            report.documents += stats.documents
            report.skipped += stats.skipped
            report.events += stats.events
            report.rejects += stats.rejects
            if progress:
                progress.update(
                    docs=stats.documents + stats.skipped, events=stats.events, errors=stats.rejects
                )
        report.counts = store.counts()
    finally:
        report.seconds = time.monotonic() - started
        if not isinstance(db, Store):
            store.close()
    return report
