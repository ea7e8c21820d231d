"""``eventwire bench``: articles/s and words/s of parse, annotate and ingest, and their ratios."""

from __future__ import annotations

from pathlib import Path

import click

from ..bench import PHASES, BenchReport, run_bench
from ..errors import EventwireError
from .common import fail, settings_from, setup_logging
from .main import FullHelpGroup

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def format_report(report: BenchReport) -> list[str]:
    lines = [
        f"corpus: {report.corpus}: {report.docs} documents, {report.words:,} words; "
        f"workers: {report.workers}; rounds: {report.rounds}",
        f"pipeline: {' '.join(report.pipeline)}",
        f"{'phase':<12}{'articles/s':>11}{'words/s':>10}{'seconds':>9}{'load s':>8}{'CPU s':>8}  peak RSS",
    ]
    for p in report.phases.values():
        rss = " ".join(f"{r:.0f} MB" for r in p.rss_mb) or "-"
        lines.append(
            f"{p.name:<12}{p.docs_per_s:>11.2f}{p.words_per_s:>10,.0f}{p.seconds:>9.1f}"
            f"{p.load_seconds:>8.1f}{p.cpu_seconds:>8.1f}  {rss}{'  (' + p.note + ')' if p.note else ''}"
        )
    for phase, why in report.skipped.items():
        lines.append(f"{phase:<12}skipped: {why}")
    local, ray = report.phases.get("run:local"), report.phases.get("run:ray")
    if local and ray and local.docs_per_s:
        lines.append(f"run ray/local {ray.docs_per_s / local.docs_per_s:.2f}")
    per_cpu = [
        f"{phase}/parse {r:.2f}"
        for phase in ("annotate", "ingest")
        if (r := report.ratio(phase, cpu=True)) is not None
    ]
    if per_cpu:
        lines.append("per CPU second (robust on a busy machine): " + " ".join(per_cpu))
    ratios = [
        f"{phase}/parse {r:.2f}"
        for phase in ("annotate", "ingest")
        if (r := report.ratio(phase)) is not None
    ]
    lines.append(" ".join(ratios) if ratios else "no ratios (parse phase missing)")
    return lines


class BenchGroup(FullHelpGroup):
    """``eventwire bench [CORPUS]...`` runs ``bench pipeline``; ``bench store`` the store bench."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["pipeline", *args]
        return super().parse_args(ctx, args)


@click.group(cls=BenchGroup)
def bench() -> None:
    """Throughput of annotate and ingest (`bench pipeline`, the default) or query times of the
    store (`bench store`)."""


@bench.command("pipeline")
@click.argument("corpus", nargs=-1)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes for every phase.",
)
@click.option(
    "--limit", type=click.IntRange(1), default=None, help="Use only the first K documents."
)
@click.option(
    "--phases",
    default=",".join(PHASES),
    show_default=True,
    help="Comma-separated phases to run (parse is the reference for the ratios).",
)
@click.option(
    "--engines", default="", help="Also time `eventwire run` on these engines, e.g. local,ray."
)
@click.option(
    "--shard-size",
    type=click.IntRange(1),
    default=50,
    show_default=True,
    help="Documents per shard for --engines.",
)
@click.option(
    "--rounds",
    type=click.IntRange(1, 100),
    default=None,
    help="Rounds the phases take turns in (default: up to 20, at least 50 documents per worker).",
)
@click.option(
    "--separate-processes",
    is_flag=True,
    help="Run parse and annotate in workers of their own (default: they share each worker, "
    "so that the ratio does not compare two processes' speeds).",
)
@click.option("--model", default=None, help="spaCy pipeline package to load.")
@click.option(
    "--batch-size", type=click.IntRange(1, 10_000), default=None, help="Documents per spaCy batch."
)
def pipeline(
    corpus: tuple[str, ...],
    workers: int,
    limit: int | None,
    phases: str,
    engines: str,
    shard_size: int,
    rounds: int | None,
    separate_processes: bool,
    model: str | None,
    batch_size: int | None,
) -> None:
    """Throughput of annotate and ingest beside the bare spaCy parse.

    The bare parse (spaCy alone, no eventwire) is the ceiling: eventwire cannot be faster than
    the parse it runs on, so the ratios say how much eventwire adds. CORPUS: files or directories (default: the bundled examples/). The last line reads
    `annotate/parse R ingest/parse R` for scripts. The real benchmark is a newswire JSONL
    of a few thousand articles; use --limit while iterating.
    """
    setup_logging(quiet=True)
    settings = settings_from(model, 1, batch_size, None)
    paths = list(corpus) or [str(EXAMPLES)]
    wanted = [p for p in phases.split(",") if p]
    unknown = set(wanted) - set(PHASES)
    if unknown:
        raise click.UsageError(
            f"unknown phase(s): {', '.join(sorted(unknown))}; known: {', '.join(PHASES)}"
        )
    try:
        report = run_bench(
            paths,
            settings=settings,
            workers=workers,
            limit=limit,
            phases=wanted,
            engines=[e for e in engines.split(",") if e],
            shard_size=shard_size,
            rounds=rounds,
            separate_processes=separate_processes,
        )
    except EventwireError as exc:
        fail(str(exc))
        return
    if not report.docs:
        fail(f"no readable documents in {' '.join(paths)}")
    for line in format_report(report):
        click.echo(line)


@bench.command("store")
@click.option(
    "--events",
    type=click.IntRange(1),
    default=1_000_000,
    show_default=True,
    help="Events to generate.",
)
@click.option(
    "--runs", type=click.IntRange(1, 1000), default=10, show_default=True, help="Runs per query."
)
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the synthetic store.")
@click.option(
    "--keep",
    type=click.Path(dir_okay=False),
    default=None,
    help="Generate the store into this new file and keep it (default: a temporary file).",
)
@click.option("--memory-limit", default="6GB", show_default=True, help="DuckDB memory_limit.")
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    default=None,
    help="DuckDB threads (default: all cores).",
)
@click.option(
    "--only", default="", help="Comma-separated query name prefixes to time (default: all)."
)
@click.option("--no-ingest", is_flag=True, help="Skip the ingest-rate measurement.")
@click.option(
    "--ingest-corpus",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Also time the whole ingest: annotate this corpus's first articles once, then write "
    "them into an empty store and into this one (the whole-ingest rate ratio).",
)
@click.option(
    "--ingest-articles",
    type=click.IntRange(1),
    default=1000,
    show_default=True,
    help="Articles of --ingest-corpus.",
)
def store_bench(
    events: int,
    runs: int,
    seed: int,
    keep: str | None,
    memory_limit: str,
    threads: int | None,
    only: str,
    no_ingest: bool,
    ingest_corpus: str | None,
    ingest_articles: int,
) -> None:
    """Query times of the store at EVENTS events: a synthetic store, every dashboard/API/CLI query.

    Prints per query p50, p95, max (ms) and rows, the ingest rate into this store over the rate
    into an empty one (with --ingest-corpus, of the whole ingest of real articles too), and
    last `store-bench events N p95_ms X max_ms Y` for scripts.
    """
    from ..store.bench_queries import format_store_report, run_store_bench

    setup_logging(quiet=True)
    try:
        report = run_store_bench(
            events,
            db=keep,
            runs=runs,
            seed=seed,
            memory_limit=memory_limit,
            threads=threads,
            only=[o for o in only.split(",") if o] or None,
            ingest=not no_ingest,
            ingest_corpus=ingest_corpus,
            ingest_articles=ingest_articles,
        )
    except EventwireError as exc:
        fail(str(exc))
        return
    for line in format_store_report(report):
        click.echo(line)
