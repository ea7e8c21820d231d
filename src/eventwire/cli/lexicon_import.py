"""``eventwire lexicon import``: convert PETRARCH-2 dictionaries into the package's data files."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import EventwireError


@click.command(name="import")
@click.option(
    "--from",
    "src_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder with the PETRARCH-2 dictionaries (CAMEO.2.0.txt, Phoenix.discards.txt, LICENSE...).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write verbs.json, discards.json... (default: the package's data/dictionaries).",
)
@click.option(
    "--legacy/--no-legacy",
    default=True,
    show_default=True,
    help="Also add what CAMEO.verbpatterns.150430.txt has and CAMEO.2.0 lacks (where it maps cleanly).",
)
def import_command(src_dir: Path, out_dir: Path | None, legacy: bool) -> None:
    """Convert PETRARCH dictionaries (verbs, discards; actors when available) into JSON data files.

    The output is deterministic: running it again on the same files gives identical bytes.
    """
    from ..knowledge.files import data_path
    from ..knowledge.petrarch_convert import import_dictionaries

    target = out_dir if out_dir is not None else data_path("dictionaries")
    try:
        report = import_dictionaries(src_dir, target, legacy=legacy)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    for path in report.written:
        click.echo(path)
    counts = ", ".join(f"{k} {v:,}" for k, v in sorted(report.counts.items()))
    click.echo(f"converted: {counts}", err=True)
