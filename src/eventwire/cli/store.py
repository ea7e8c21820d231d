"""Store commands: ``ingest``, ``export``, ``dyad``, ``top``, ``network``, ``query``."""

from __future__ import annotations

import datetime as dt
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
from ..store.archive import attach as attach_archive
from ..store.archive import connect_snapshot
from ..store.filters import LEVELS, PERIODS, EventFilter
from .common import (
    DEFAULT_DB,
    archive_option,
    db_option,
    fail,
    pipeline_options,
    settings_from,
    setup_logging,
)
from .dictionary_options import dictionary_options, with_dictionaries
from .filters import event_filter, filter_options, min_confidence_option, resolve
from .output import describe_codes, open_output, output_options, write_rows
from .progress import Progress

__all__ = ["DEFAULT_DB", "db_option"]  # db_option is imported from here by other commands
CLI_LEVELS = LEVELS  # country, actor, sector; code is the older name of actor
READING = "How to read the columns: docs/reading-output.md."


def level_option(fn: Any) -> Any:
    return click.option(
        "--level",
        type=click.Choice(CLI_LEVELS),
        default="country",
        show_default=True,
        help="Actors as countries (actors without one by their code), as full actor codes "
        "(USAGOVFRM; 'code' is the same), or as country and sector (USAGOV). The uncoded "
        "actor --- is left out.",
    )(fn)


def _open(db: str, *, read_only: bool, archive: str | None = None) -> Store:
    """The store (with the Parquet ``archive`` attached: read-only commands)."""
    try:
        store = Store.connect(db, read_only=read_only)
    except EventwireError as exc:
        fail(str(exc))
        raise  # unreachable: fail exits
    if archive:
        try:
            attach_archive(store.con, archive)
        except EventwireError as exc:
            store.close()
            fail(str(exc))
    return store


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
@min_confidence_option
@pipeline_options
@dictionary_options
def ingest(
    paths: tuple[str, ...],
    db: str,
    from_parquet: str | None,
    min_confidence: float | None,
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
    if from_parquet and min_confidence is not None:
        raise click.UsageError("--min-confidence applies when annotating PATHS, not --from-parquet")
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
            report = _run(
                lambda: ingest_paths(
                    paths,
                    store,
                    settings,
                    progress,
                    doc_date=doc_date,
                    min_confidence=min_confidence,
                )
            )
        progress.close()
        totals = None if quiet else queries.summary(store.con)
        undated = queries.undated(store.con)
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
    if undated["documents"]:
        click.echo(
            f"eventwire: warning: {undated['documents']} stored documents have no date (plain "
            f"text without --date?); {undated['events']} events have no date at all: they are "
            "counted everywhere, as 'undated' in `dyad` and with empty dates in exports",
            err=True,
        )
    if report.errors:
        raise SystemExit(1)


def _format_help() -> str:
    lines = [f"{name}: {spec.help}." for name, spec in renderers().items()]
    return "Export format. " + " ".join(lines)


@click.command()
@db_option
@archive_option
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
@filter_options()
@click.option(
    "--day-precise",
    is_flag=True,
    help="Only events dated to the day (their own day or the story's date): GDELT's SQLDATE "
    "has no precision, so 'since 2011' would read as 2011-01-01.",
)
def export(
    db: str,
    archive: str | None,
    fmt: str,
    output: str,
    header: bool,
    since: dt.date | None,
    until: dt.date | None,
    actor: str | None,
    dyad: tuple[str, str] | None,
    min_confidence: float | None,
    day_precise: bool,
) -> None:
    """Export the store in one of the registered formats (see --format).

    The filters select events (mentions for per-mention formats; a reported event when any of
    its mentions matches). A coarse date (a month, a year) is written as its first day; csv,
    jsonl and plover carry date_precision, GDELT cannot: see docs/reading-output.md.
    """
    spec = renderers()[fmt]
    filtered = bool(since or until or actor or dyad or day_precise or min_confidence is not None)
    if filtered and fmt == "gkg-quotations":
        raise click.UsageError(
            "--format gkg-quotations holds quotes: the event filters do not apply"
        )
    if spec.directory and output == "-":
        raise click.UsageError(f"--format {fmt} writes a folder: give -o FOLDER")
    with _open(db, read_only=True, archive=archive) as store:
        flt = event_filter(
            store.con,
            since=since,
            until=until,
            actor=actor,
            dyad=dyad,
            min_confidence=min_confidence,
            day_precise=day_precise,
        )
        if spec.directory:
            _run(lambda: export_store(store.con, fmt, out_dir=output, events=flt))
            return
        out = open_output(output)
        try:
            _run(lambda: export_store(store.con, fmt, out, header=header, events=flt))
        finally:
            if output != "-":
                out.close()


@click.command()
@click.argument("actor1")
@click.argument("actor2")
@db_option
@archive_option
@click.option(
    "--by", type=click.Choice(PERIODS), default="month", show_default=True, help="Period length."
)
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
    archive: str | None,
    by: str,
    directed: bool,
    year: int | None,
    plot: str | None,
    fmt: str,
    output: str,
) -> None:
    """Events between two actors per period: codes (RUS, RUSGOV) or names (Russia).

    Per period: events (reported events), mentions, events per quad class, mean (per event) and
    mention-weighted Goldstein, and the cooperation-conflict index normalised by all events of
    the period; undated events last, as 'undated'. The same numbers as GET /api/dyad. An actor
    is a code (country like RUS, or code prefix like RUSGOV) or a name the actor knowledge
    knows ("United States"); an unknown one is an error that names close matches.
    """
    started = time.perf_counter()
    flt = EventFilter(year=year)
    with _open(db, read_only=True, archive=archive) as store:
        a, b = resolve(store.con, actor1), resolve(store.con, actor2)
        cols, rows = _run(
            lambda: queries.dyad_series(store.con, a, b, by=by, directed=directed, flt=flt)
        )
    # the table reads periods as 2019, 2019-03, 2019-W10, undated; machine formats keep the
    # period's first day (null when undated), as the API does
    shown = [(queries.period_label(r[0], by), *r[1:]) for r in rows] if fmt == "table" else rows
    if not rows:
        click.echo(f"eventwire: no events between {a} and {b}", err=True)
    write_rows(cols, shown, fmt, open_output(output))
    if plot:
        arrow = "->" if directed else "<->"
        drawn = analysis.plot_dyad((cols, rows), plot, title=f"{a} {arrow} {b} by {by}", by=by)
        note = f"; {drawn.undated_events} undated events not drawn" if drawn.undated_events else ""
        click.echo(f"eventwire: plot of {len(drawn.periods)} periods -> {plot}{note}", err=True)
    if os.environ.get("EVENTWIRE_TIMING"):
        click.echo(f"eventwire: dyad in {time.perf_counter() - started:.3f}s", err=True)


@click.command()
@db_option
@archive_option
@click.option(
    "--by",
    type=click.Choice(["dyads", "actors", "events"]),
    default="dyads",
    show_default=True,
    help="Rank dyads, actors, or reported events.",
)
@click.option("--year", type=int, default=None, help="Only this year.")
@filter_options()
@level_option
@click.option(
    "--limit",
    type=click.IntRange(1, 10_000),
    default=20,
    show_default=True,
    help="At most this many rows.",
)
@output_options(("table", "csv", "json", "jsonl"))
def top(
    db: str,
    archive: str | None,
    by: str,
    year: int | None,
    since: dt.date | None,
    until: dt.date | None,
    actor: str | None,
    dyad: tuple[str, str] | None,
    min_confidence: float | None,
    level: str,
    limit: int,
    fmt: str,
    output: str,
) -> None:
    """The dyads or actors in most events, or the most reported events.

    Events are reported events (clusters of mentions); the same numbers as GET /api/dyads/top
    and /api/actors/top. The uncoded actor --- (named, but in no dictionary) is ranked nowhere.
    """
    with _open(db, read_only=True, archive=archive) as store:
        flt = event_filter(
            store.con,
            since=since,
            until=until,
            actor=actor,
            dyad=dyad,
            min_confidence=min_confidence,
            year=year,
        )
        cols, rows = _run(lambda: queries.top(store.con, flt, by=by, level=level, limit=limit))
    if fmt == "table":
        cols, rows = describe_codes(cols, rows)
    write_rows(cols, rows, fmt, open_output(output))


@click.command()
@db_option
@archive_option
@click.option("--year", type=int, default=None, help="Only this year.")
@click.option(
    "--min-events",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Only edges with at least this many events.",
)
@level_option
@click.option(
    "--domestic",
    is_flag=True,
    help="Keep actors acting on themselves at --level (USAELI -> USAGOV is USA -> USA at "
    "country level) as loop edges.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), required=True, help="GraphML file to write."
)
def network(
    db: str,
    archive: str | None,
    year: int | None,
    min_events: int,
    level: str,
    domestic: bool,
    output: str,
) -> None:
    """Write the actor network (nodes: named actors, edges: events) as GraphML."""
    flt = EventFilter(year=year)
    with _open(db, read_only=True, archive=archive) as store:
        graph = _run(
            lambda: queries.network(
                store.con, flt, level=level, min_events=min_events, self_loops=domestic
            )
        )
    analysis.write_graphml(graph, output)
    click.echo(
        f"eventwire: {len(graph['nodes'])} actors, {len(graph['edges'])} edges -> {output}",
        err=True,
    )


@click.command()
@click.argument("statement", metavar="SQL")
@db_option
@archive_option
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many rows.")
@output_options(("table", "csv", "json", "jsonl"))
def query(
    statement: str, db: str, archive: str | None, limit: int | None, fmt: str, output: str
) -> None:
    """Run one read-only SQL SELECT on the store (no writes, no file access but the archive's)."""
    if not os.path.exists(db):
        fail(f"database {db}: no such database (run eventwire ingest first)")
    try:
        con = (
            sql.guarded_connection(db)
            if archive is None
            else connect_snapshot(db, archive, config=sql.LOCKED_CONFIG)
        )
        try:
            result = sql.run_select(con, statement, limit=limit)
        finally:
            con.close()
    except EventwireError as exc:
        fail(str(exc))
        return
    write_rows(result.columns, result.rows, fmt, open_output(output))


@click.command()
@db_option
def recluster(db: str) -> None:
    """Re-assign every event to its cluster from scratch and rebuild `event_clusters`.

    Run it after a change of the merge rule (eventwire.clusters). Mentions are taken in
    publication order, so cluster ids then follow publication order rather than ingest order.
    """
    store = _open(db, read_only=False)
    try:
        n = _run(store.recluster)
    finally:
        store.close()
    click.echo(f"eventwire: {n} reported events in {db}", err=True)
