"""``run``: plan shards from input globs and process them on the chosen engine."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings
from ..errors import Errors
from .shards import ShardReport, plan_shards
from .workers import EngineError

ENGINES = ("local", "ray")


@dataclass(slots=True)
class RunSummary:
    shards: int = 0
    done: int = 0
    skipped: int = 0
    failed: int = 0
    documents: int = 0
    rejects: int = 0
    events: int = 0
    failures: list[ShardReport] = field(default_factory=list)

    def add(self, report: ShardReport) -> None:
        self.shards += 1
        setattr(self, report.status, getattr(self, report.status) + 1)
        self.documents += report.documents
        self.rejects += report.rejects
        self.events += report.events
        if report.status == "failed":
            self.failures.append(report)


def run_shards(
    patterns: Sequence[str],
    out_dir: str | Path,
    *,
    engine: str = "local",
    settings: Settings | None = None,
    workers: int = 1,
    address: str | None = None,
    docs_per_shard: int = 100,
    on_report: Callable[[ShardReport], None] | None = None,
) -> RunSummary:
    """Annotate every input shard into ``out_dir`` (Parquet per table); complete shards are skipped."""
    settings = settings or Settings()
    if engine not in ENGINES:
        raise EngineError(
            Errors.E501, engine=engine, reason=f"unknown engine; choose {' or '.join(ENGINES)}"
        )
    specs = plan_shards(patterns, docs_per_shard=docs_per_shard)
    if not specs:
        raise EngineError(
            Errors.E501, engine=engine, reason=f"no input files match {' '.join(patterns)}"
        )
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    reports: Iterable[ShardReport]
    if engine == "ray":
        from .ray_engine import run_ray

        reports = run_ray(specs, out_dir, settings=settings, workers=workers, address=address)
    else:
        from .local import run_local

        reports = run_local(specs, out_dir, settings=settings, workers=workers)
    summary = RunSummary()
    for report in reports:
        summary.add(report)
        if on_report:
            on_report(report)
    return summary
