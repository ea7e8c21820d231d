"""``eventwire actors`` (learn, lookup) and ``eventwire lexicon`` (check): the knowledge files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import EventwireError
from .common import ISO_DATE
from .lexicon_import import import_command
from .main import FullHelpGroup


@click.group(name="actors", cls=FullHelpGroup)
def actors_group() -> None:
    """Actor knowledge: look names up, learn new actors from coded text."""


@actors_group.command(name="lookup")
@click.argument("name")
@click.option(
    "--date",
    "date",
    type=ISO_DATE,
    default=None,
    help="Story date YYYY-MM-DD (roles valid on that day).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def lookup(name: str, date: str | None, as_json: bool) -> None:
    """Show what NAME resolves to on --date, and why."""
    from ..io.readers import parse_date
    from .actors_lookup import explain

    try:
        day = parse_date(date, source="--date") if date else None
        results = explain(name, date=day)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
        return
    if not results:
        click.echo(f"{name}: no actor (not in the knowledge base and no country cue)")
        sys.exit(1)
    for r in results:
        click.echo(
            f"{r['text']}: {r['code'] or '-'}  country={r['country'] or '-'} "
            f"sector={r['sector'] or '-'} name={r['name'] or '-'} [{r['kind']}]"
        )
        click.echo(f"  why: {r['why']}")


@actors_group.command(name="learn")
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False),
    default=None,
    help="DuckDB database file (the store) with an actor_observations table, used if it exists.",
)
@click.option(
    "--from",
    "source",
    type=click.Path(dir_okay=False, allow_dash=True),
    default=None,
    help="JSONL of annotate output or of learned rows ('-' for stdin).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the reviewable table here (.yaml or .csv); default: YAML on stdout.",
)
def learn(db: str | None, source: str | None, output: str | None) -> None:
    """Consolidate composed resolutions into a reviewable table of learned actors.

    Review the table (status: new / conflict / known; set accepted or rejected), then use it
    in later runs with EVENTWIRE_LEARNED_ACTORS=PATH.
    """
    import yaml

    from ..extract.actors import load_actor_kb
    from ..learned import consolidate, observations_from_db, observations_from_jsonl, write_table

    try:
        if db and Path(db).is_file():
            rows = observations_from_db(db)
        elif source:
            if source == "-":
                rows = list(observations_from_jsonl(sys.stdin, source=source))
            else:
                with Path(source).open(encoding="utf-8") as fh:
                    rows = list(observations_from_jsonl(fh, source=source))
        else:
            raise click.UsageError("give --db PATH (an existing store) or --from JSONL")
        table = consolidate(rows, known=[p.name for p in load_actor_kb().people.values()])
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    if output:
        write_table(table, output)
        click.echo(f"{len(table)} actors from {len(rows)} observations -> {output}", err=True)
    else:
        click.echo(
            yaml.safe_dump({"actors": table}, allow_unicode=True, sort_keys=False, width=120)
        )


@click.group(name="lexicon", cls=FullHelpGroup)
def lexicon_group() -> None:
    """Knowledge files: validate schemas, roles and aliases."""


lexicon_group.add_command(import_command)


@lexicon_group.command(name="check")
def check() -> None:
    """Validate all knowledge files (actors, taxonomy, places, times); exit 1 on any problem."""
    from ..pipeline.registry import check_refs, load_check

    problems: list[str] = []
    checked: list[str] = []
    for extractor, ref in check_refs():  # each extractor spec's knowledge checks
        if extractor not in checked:
            checked.append(extractor)
        try:
            problems.extend(load_check(ref)())
        except EventwireError as exc:
            problems.append(f"{ref}: {exc}")
    for p in problems:
        click.echo(p)
    click.echo(f"checked: {', '.join(checked)}; {len(problems)} problem(s)", err=True)
    if problems:
        sys.exit(1)
