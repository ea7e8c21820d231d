"""``eventwire demo``: ingest the bundled examples and print a summary read back from the store."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from ..errors import EventwireError
from ..store import Store, queries
from .common import fail, settings_from, setup_logging
from .output import format_table
from .progress import Progress
from .store import db_option

QUADS = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def print_summary(store: Store, *, examples: int = 5) -> None:
    s = queries.summary(store.con)
    click.echo(
        f"documents: {s['documents']} ({s['date_from']} to {s['date_to']}), rejected inputs: {s['rejects']}"
    )
    click.echo(f"events: {s['events']} reported events from {s['mentions']} mentions")
    for q, name in QUADS.items():
        counts = s["by_quad_class"].get(q, {"events": 0, "mentions": 0})
        click.echo(
            f"  {q} {name:<21} {counts['events']:>5} events  {counts['mentions']:>5} mentions"
        )
    cols, rows = queries.top_dyads(store.con, limit=8, directed=False)
    click.echo("\ntop dyads:")
    click.echo(format_table(cols, rows) if rows else "  (no dyadic events yet)\n", nl=False)
    cols, rows = queries.top_events(store.con, limit=examples)
    click.echo("\nsome events with their evidence:")
    if not rows:
        click.echo("  (no events yet)")
    for r in rows:
        rec = dict(zip(cols, r, strict=True))
        click.echo(
            f"  {rec['event_date']}  {rec['source_code']} -> {rec['target_code'] or '-'}  "
            f"CAMEO {rec['cameo']} ({rec['plover']}), {rec['num_articles']} article(s)"
        )
        click.echo(f'      "{(rec["best_evidence"] or "").strip()[:160]}"')


@click.command()
@click.argument("path", default="examples", type=click.Path(exists=False))
@db_option
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
def demo(path: str, db: str, quiet: bool) -> None:
    """Ingest the bundled example articles (PATH, default ./examples) and summarise the store."""
    from ..ingest import ingest as ingest_paths  # loads spaCy: only here

    setup_logging(True)
    if not Path(path).exists():
        fail(f"{path}: no such folder (run the demo from the repository root)")
    settings = settings_from(None, 1, None, None)
    try:
        with Store.connect(db) as store:
            progress = Progress(quiet=quiet)
            report = ingest_paths([path], store, settings, progress)
            progress.close()
            click.echo(
                f"ingested {path}: {report.documents} new, {report.skipped} already stored, "
                f"{report.errors} failed -> {db}\n"
            )
            print_summary(store)
    except EventwireError as exc:
        fail(str(exc))
    exe = _command_name()
    click.echo(f"\nOpen the dashboard: {exe} serve --db {db}   then http://127.0.0.1:8000")
    click.echo(
        f"Try: {exe} dyad RUS UKR --db {db} --by year   |   {exe} export --format gdelt --db {db}"
    )


def _command_name() -> str:
    """``eventwire`` when it is on PATH, else the path it was run by (``.venv/bin/eventwire``)."""
    if shutil.which("eventwire"):
        return "eventwire"
    argv0 = Path(sys.argv[0])
    if argv0.name == "eventwire":
        try:
            return str(argv0.resolve().relative_to(Path.cwd()))
        except ValueError:
            return str(argv0)
    return "eventwire"
