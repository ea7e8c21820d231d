"""``eventwire run``: annotate input shards into partitioned Parquet on a local pool or Ray."""

from __future__ import annotations

import click

from ..engine.runner import ENGINES, run_shards
from ..engine.shards import ShardReport
from ..errors import EventwireError
from .common import fail, settings_from, setup_logging
from .progress import Progress


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Output directory: <table>/part-<shard>.parquet plus _done/ markers.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="local: a process pool on this machine; ray: Ray Data (pip install 'eventwire[ray]').",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 4096),
    default=1,
    show_default=True,
    help="Worker processes (local) or Ray actors (ray).",
)
@click.option(
    "--address",
    default=None,
    help="Ray cluster to join: ray://HOST:10001 or auto (default: RAY_ADDRESS, else a private local Ray).",
)
@click.option(
    "--shard-size",
    type=click.IntRange(1),
    default=100,
    show_default=True,
    help="Documents per shard (the unit of work and of retry).",
)
@click.option("--model", default=None, help="spaCy pipeline package to load.")
@click.option(
    "--max-doc-chars", type=click.IntRange(1), default=None, help="Reject longer documents."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
def run(
    inputs: tuple[str, ...],
    out_dir: str,
    engine: str,
    workers: int,
    address: str | None,
    shard_size: int,
    model: str | None,
    max_doc_chars: int | None,
    quiet: bool,
) -> None:
    """Annotate INPUTS (files, directories or globs: JSONL, Parquet, text, HTML) into Parquet shards.

    Shards already complete in OUT_DIR are skipped, so re-running after a crash finishes the job.
    Load the result with `eventwire ingest --from-parquet OUT_DIR` or query it with DuckDB.
    """
    setup_logging(quiet)
    settings = settings_from(model, 1, None, max_doc_chars)
    progress = Progress(quiet=quiet, label="shards")

    def on_report(report: ShardReport) -> None:
        progress.update(docs=1, events=report.events, errors=int(report.status == "failed"))
        if report.status == "failed":
            click.echo(
                f"eventwire: error: shard {report.shard_id} failed: {report.reason}", err=True
            )

    try:
        summary = run_shards(
            inputs,
            out_dir,
            engine=engine,
            settings=settings,
            workers=workers,
            address=address,
            docs_per_shard=shard_size,
            on_report=on_report,
        )
    except EventwireError as exc:
        fail(str(exc))
        return
    finally:
        progress.close()
    click.echo(
        f"{summary.shards} shards ({summary.done} done, {summary.skipped} skipped, "
        f"{summary.failed} failed): {summary.documents} documents, {summary.events} events, "
        f"{summary.rejects} rejected inputs -> {out_dir}"
    )
    if summary.failed:
        raise SystemExit(1)
