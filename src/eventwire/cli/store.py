"""Store commands: ``ingest``, ``export``, ``dyad``, ``top``, ``network``, ``query``."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

import click

from .. import analysis
from ..errors import EventwireError
from ..export import export as export_store
from ..export import renderers
from ..store import Store, queries, sql
from ..store.filters import LEVELS, PERIODS, EventFilter
from .common import fail, pipeline_options, settings_from, setup_logging
from .dictionary_options import dictionary_options, with_dictionaries
from .output import open_output, output_options, write_rows
from .progress import Progress

DEFAULT_DB = "eventwire.duckdb"


def db_option(fn: Any) -> Any:
    return click.option(
        "--db",
        "db",
        default=lambda: os.environ.get("EVENTWIRE_DB", DEFAULT_DB),
        show_default=f"{DEFAULT_DB}, or EVENTWIRE_DB",
        help="DuckDB database file.",
    )(fn)


def level_option(fn: Any) -> Any:
    return click.option(
        "--level",
        type=click.Choice(LEVELS),
        default="country",
        show_default=True,
        help="Actors as countries (codes of actors without one) or as full actor codes.",
    )(fn)


def _open(db: str, *, read_only: bool) -> Store:
    try:
        return Store.connect(db, read_only=read_only)
    except EventwireError as exc:
        fail(str(exc))
        raise  # unreachable: fail exits


def _run(fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except EventwireError as exc:
        fail(str(exc))


@click.command()
@click.argument("paths", nargs=-1)
@db_option
@click.option(
    "--from-parquet",
    "from_parquet",
    type=click.Path(file_okay=False, exists=True),
    default=None,
    help="Load the Parquet shards written by `eventwire run` from this folder instead of annotating.",
)
@pipeline_options
@dictionary_options
def ingest(
    paths: tuple[str, ...],
    db: str,
    from_parquet: str | None,
    model: str | None,
    workers: int,
    batch_size: int | None,
    doc_date: str | None,
    max_doc_chars: int | None,
    quiet: bool,
    dictionaries: dict[str, str | None],
) -> None:
    """Annotate documents and store them in DuckDB, one transaction per batch.

    Documents already stored (same text) are skipped, so re-running adds nothing and a killed
    run resumes where it stopped. Failed inputs go to the `rejects` table.
    """

    from ..ingest import count_inputs, ingest_parquet  # loads spaCy: only here
    from ..ingest import ingest as ingest_paths

    setup_logging(quiet)
    if not paths and not from_parquet:
        raise click.UsageError("give PATHS to read, or --from-parquet DIR")
    settings = with_dictionaries(
        settings_from(model, workers, batch_size, max_doc_chars), dictionaries
    )
    store = _open(db, read_only=False)
    try:
        if from_parquet:
            progress = Progress(quiet=quiet)
            report = _run(lambda: ingest_parquet(from_parquet, store, progress))
        else:
            total = None if quiet else count_inputs(paths, max_chars=settings.max_doc_chars)
            progress = Progress(total=total, quiet=quiet)
            report = _run(lambda: ingest_paths(paths, store, settings, progress, doc_date=doc_date))
        progress.close()
        totals = None if quiet else queries.summary(store.con)
    finally:
        store.close()
    if totals is not None:
        click.echo(
            f"eventwire: stored {report.documents} new documents ({report.events} event rows); "
            f"skipped {report.skipped} already stored; {report.errors} failed inputs "
            f"({report.rejects} new rejects) in {report.seconds:.1f}s -> {db}, which holds "
            f"{totals['events']} reported events from {totals['mentions']} mentions",
            err=True,
        )
    if report.errors:
        raise SystemExit(1)


def _format_help() -> str:
    lines = [f"{name}: {spec.help}." for name, spec in renderers().items()]
    return "Export format. " + " ".join(lines)


@click.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(renderers())),
    default="gdelt",
    show_default=True,
    help=_format_help(),
)
@click.option(
    "-o",
    "--output",
    default="-",
    help="Output file (a folder for folder formats such as parquet); - for stdout.",
)
@click.option(
    "--header", is_flag=True, help="Add a header row to GDELT files (GDELT's own have none)."
)
def export(db: str, fmt: str, output: str, header: bool) -> None:
    """Export the store in one of the registered formats (see --format)."""
    spec = renderers()[fmt]
    with _open(db, read_only=True) as store:
        if spec.directory:
            if output == "-":
                raise click.UsageError(f"--format {fmt} writes a folder: give -o FOLDER")
            _run(lambda: export_store(store.con, fmt, out_dir=output))
            return
        out = open_output(output)
        try:
            _run(lambda: export_store(store.con, fmt, out, header=header))
        finally:
            if output != "-":
                out.close()


@click.command()
@click.argument("actor1")
@click.argument("actor2")
@db_option
@click.option("--by", type=click.Choice(PERIODS), default="month", show_default=True)
@click.option("--directed", is_flag=True, help="Only ACTOR1 -> ACTOR2 (default: both directions).")
@click.option("--year", type=int, default=None, help="Only this year.")
@click.option(
    "--plot",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also draw the series to this PNG.",
)
@output_options(("table", "csv", "json", "jsonl"))
def dyad(
    actor1: str,
    actor2: str,
    db: str,
    by: str,
    directed: bool,
    year: int | None,
    plot: str | None,
    fmt: str,
    output: str,
) -> None:
    """Time series of events between two actors (country like RUS, or code prefix like RUSGOV).

    Per period: events (reported events), mentions, events per quad class, mean (per event) and
    mention-weighted Goldstein, and the cooperation-conflict index normalised by all events of
    the period. The same numbers as GET /api/dyad.
    """
    started = time.perf_counter()
    flt = EventFilter(year=year)
    with _open(db, read_only=True) as store:
        rows = _run(
            lambda: queries.dyad_series(
                store.con, actor1.upper(), actor2.upper(), by=by, directed=directed, flt=flt
            )
        )
    write_rows(rows[0], rows[1], fmt, open_output(output))
    if plot:
        arrow = "->" if directed else "<->"
        analysis.plot_dyad(rows, plot, title=f"{actor1.upper()} {arrow} {actor2.upper()} by {by}")
    if os.environ.get("EVENTWIRE_TIMING"):
        click.echo(f"eventwire: dyad in {time.perf_counter() - started:.3f}s", err=True)


@click.command()
@db_option
@click.option(
    "--by", type=click.Choice(["dyads", "actors", "events"]), default="dyads", show_default=True
)
@click.option("--year", type=int, default=None, help="Only this year.")
@level_option
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
@output_options(("table", "csv", "json", "jsonl"))
def top(db: str, by: str, year: int | None, level: str, limit: int, fmt: str, output: str) -> None:
    """The dyads or actors in most events, or the most reported events.

    Events are reported events (clusters of mentions); the same numbers as GET /api/dyads/top
    and /api/actors/top.
    """
    flt = EventFilter(year=year)
    with _open(db, read_only=True) as store:
        cols, rows = _run(lambda: queries.top(store.con, flt, by=by, level=level, limit=limit))
    write_rows(cols, rows, fmt, open_output(output))


@click.command()
@db_option
@click.option("--year", type=int, default=None, help="Only this year.")
@click.option("--min-events", type=click.IntRange(1), default=1, show_default=True)
@level_option
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), required=True, help="GraphML file to write."
)
def network(db: str, year: int | None, min_events: int, level: str, output: str) -> None:
    """Write the actor network (nodes: actors, edges: events with Goldstein) as GraphML."""
    flt = EventFilter(year=year)
    with _open(db, read_only=True) as store:
        graph = _run(lambda: queries.network(store.con, flt, level=level, min_events=min_events))
    analysis.write_graphml(graph, output)
    click.echo(
        f"eventwire: {len(graph['nodes'])} actors, {len(graph['edges'])} edges -> {output}",
        err=True,
    )


@click.command()
@click.argument("statement", metavar="SQL")
@db_option
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many rows.")
@output_options(("table", "csv", "json", "jsonl"))
def query(statement: str, db: str, limit: int | None, fmt: str, output: str) -> None:
    """Run one read-only SQL SELECT on the store (no writes, no file access)."""
    if not os.path.exists(db):
        fail(f"database {db}: no such database (run eventwire ingest first)")
    try:
        con = sql.guarded_connection(db)
        try:
            result = sql.run_select(con, statement, limit=limit)
        finally:
            con.close()
    except EventwireError as exc:
        fail(str(exc))
        return
    write_rows(result.columns, result.rows, fmt, open_output(output))
