"""The ``local`` engine: shards on a crash-tolerant process pool, the pipeline loaded once per worker.

Complete shards are skipped in the parent (no worker is started for a finished run). A shard
whose worker dies is retried in a fresh worker; one that fails every attempt is reported as
``failed`` and the run goes on; the next run redoes it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from ..annotate import Annotator
from ..config import Settings
from .shards import ShardReport, ShardSpec, failed_report, is_complete, process_shard
from .workers import TaskFailed, WorkerPool


def _init(settings: Settings) -> Annotator:
    return Annotator(settings.with_(workers=1))


def _handle(annotator: Annotator, job: tuple[ShardSpec, str]) -> ShardReport:
    spec, out_dir = job
    return process_shard(spec, out_dir, annotator=annotator)


def shard_timeout(job: tuple[ShardSpec, str]) -> float:
    spec = job[0]
    size = spec.end - spec.start if spec.kind == "jsonl" else 2_000_000
    return 600.0 + size / 500.0


def run_local(
    specs: Sequence[ShardSpec],
    out_dir: str | Path,
    *,
    settings: Settings,
    workers: int = 1,
    max_attempts: int = 3,
) -> Iterator[ShardReport]:
    """Process the shards not yet complete; one report per shard, in shard order."""
    out = Path(out_dir)
    todo = []
    for spec in specs:
        if is_complete(out, spec):
            yield ShardReport(spec.shard_id, "skipped")
        else:
            todo.append(spec)
    if not todo:
        return
    pool = WorkerPool(
        workers=min(workers, len(todo)),
        init=_init,
        init_args=(settings,),
        handler=_handle,
        max_attempts=max_attempts,
        timeout=shard_timeout,
    )
    for spec, result in pool.imap((spec, (spec, str(out))) for spec in todo):
        yield failed_report(spec, result.reason) if isinstance(result, TaskFailed) else result
