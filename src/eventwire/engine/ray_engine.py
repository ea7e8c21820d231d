"""The ``ray`` engine: the same shard function on Ray Data, for clusters (``pip install eventwire[ray]``).

Each shard is one row of a Ray dataset; ``map_batches`` with a stateful class runs it, so
every Ray worker loads the spaCy pipeline once in ``__init__`` (the pipeline is never put
in the object store). The shard function writes partitioned Parquet itself, atomically and
idempotently, so a task that Ray retries after a worker dies overwrites its own files:
nothing is lost or duplicated. Actors are restarted and their tasks retried without limit;
a shard that raises is reported as failed and redone by the next run.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..annotate import Annotator
from ..config import Settings
from ..errors import Errors
from .shards import ShardReport, ShardSpec, failed_report, is_complete, process_shard
from .workers import EngineError

log = logging.getLogger(__name__)

REPORT_FIELDS = ("shard_id", "status", "documents", "rejects", "events", "seconds", "reason")


class ShardActor:
    """A Ray Data stateful UDF: loads the pipeline once, then processes one shard per row."""

    def __init__(self, settings: Settings, out_dir: str) -> None:
        self.annotator = Annotator(settings.with_(workers=1))
        self.out_dir = out_dir

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {name: [] for name in REPORT_FIELDS}
        for text in batch["spec"]:
            spec = ShardSpec.from_json(str(text))
            try:
                report = process_shard(spec, self.out_dir, annotator=self.annotator)
            except Exception as exc:  # reported per shard; the next run retries it
                report = failed_report(spec, f"{type(exc).__name__}: {exc}")
            for name in REPORT_FIELDS:
                out[name].append(getattr(report, name))
        return out


def _init_ray(address: str | None, workers: int) -> tuple[bool, str | None]:
    """Start (or join) Ray: (whether this call started it, the private temp dir to remove)."""
    try:
        import ray
    except ImportError as exc:
        raise EngineError(
            Errors.E501, engine="ray", reason="Ray is not installed: pip install 'eventwire[ray]'"
        ) from exc
    if ray.is_initialized():
        return False, None
    opts: dict[str, Any] = {
        "include_dashboard": False,
        "log_to_driver": False,
        "logging_level": logging.WARNING,
        "configure_logging": False,
    }
    address = address or os.environ.get("RAY_ADDRESS")
    if address:
        ray.init(address=address, **opts)
        return True, None
    # a private local cluster, its files under a fresh temporary directory (short: socket paths)
    temp = tempfile.mkdtemp(prefix="ewray-")
    ray.init(num_cpus=workers, object_store_memory=200 * 1024 * 1024, _temp_dir=temp, **opts)
    return True, temp


def run_ray(
    specs: Sequence[ShardSpec],
    out_dir: str | Path,
    *,
    settings: Settings,
    workers: int = 1,
    address: str | None = None,
) -> list[ShardReport]:
    """Process the shards not yet complete on Ray; one report per shard, in shard order."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    todo = [s for s in specs if not is_complete(out, s)]
    reports = {s.shard_id: ShardReport(s.shard_id, "skipped") for s in specs if s not in todo}
    if todo:
        started, temp = _init_ray(address, workers)
        try:
            reports.update(_run(todo, str(out.resolve()), settings=settings, workers=workers))
        finally:
            if started:
                import ray

                ray.shutdown()
            if temp:
                shutil.rmtree(temp, ignore_errors=True)
    return [reports.get(s.shard_id) or failed_report(s, "no result from Ray") for s in specs]


def _run(
    todo: list[ShardSpec], out_dir: str, *, settings: Settings, workers: int
) -> dict[str, ShardReport]:
    import ray

    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    ds = ray.data.from_items([{"spec": s.to_json()} for s in todo], override_num_blocks=len(todo))
    results = ds.map_batches(
        ShardActor,
        fn_constructor_kwargs={"settings": settings, "out_dir": out_dir},
        batch_size=1,
        compute=ray.data.ActorPoolStrategy(size=max(1, min(workers, len(todo)))),
        num_cpus=1,
        max_restarts=-1,
        max_task_retries=-1,
    ).take_all()
    reports: dict[str, ShardReport] = {}
    for row in results:
        values = {name: row[name] for name in REPORT_FIELDS}
        reports[str(values["shard_id"])] = ShardReport(**values)
    return reports
