"""``eventwire audit``: judge emitted events by hand (sheet, merge, summary); docs/labelling.md."""

from __future__ import annotations

import json
from typing import Any

import click

from ..errors import EventwireError, InputError
from ..evaluate import audit as lib
from ..records import Annotation, Document
from .common import fail, pipeline_options, settings_from, setup_logging
from .main import FullHelpGroup
from .output import open_output, output_options, write_rows
from .progress import Progress


def labels_file(help_text: str, *, name: str = "--labels", dest: str = "labels_path") -> Any:
    """A required option naming a labels file (JSON Lines)."""
    return click.option(name, dest, required=True, type=click.Path(dir_okay=False), help=help_text)


@click.group(name="audit", cls=FullHelpGroup)
def audit_group() -> None:
    """Judge emitted events by hand: write a sheet, merge the verdicts, summarise the labels,
    compare two judges.

    How to judge an event right or wrong (source, target, CAMEO code): docs/labelling.md.
    """


@audit_group.command(name="sheet")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Sheet to write (JSON Lines, one row per event to judge).",
)
@click.option(
    "--sample", type=click.IntRange(1), default=None, help="Judge only N whole documents."
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the document sample.")
@click.option(
    "--labels",
    "labels_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Labels file: events already judged there are left out of the sheet.",
)
@click.option("--include-negated", is_flag=True, help="Also list events marked negated.")
@pipeline_options
def sheet(
    paths: tuple[str, ...],
    out_path: str,
    sample: int | None,
    seed: int,
    labels_path: str | None,
    include_negated: bool,
    model: str | None,
    workers: int,
    batch_size: int | None,
    doc_date: str | None,
    max_doc_chars: int | None,
    quiet: bool,
) -> None:
    """Annotate PATHS and write one row per emitted event not yet labelled, to be judged."""
    from ..engine.pool import annotate_parallel
    from ..io import read_paths
    from ..taxonomy import load_taxonomy

    setup_logging(quiet)
    settings = settings_from(model, workers, batch_size, max_doc_chars)
    try:
        labelled = {lib.event_key(r) for r in lib.load_labels(labels_path)} if labels_path else None
        docs: list[Document] = []
        for item in read_paths(paths, date=doc_date, max_chars=settings.max_doc_chars):
            if isinstance(item, InputError):
                click.echo(f"eventwire: error: {item}", err=True)
            else:
                docs.append(item)
        chosen = lib.sample_documents(docs, sample, seed)
        progress = Progress(quiet=quiet)
        annotations: list[Annotation] = []
        for result in annotate_parallel(chosen, settings):
            if isinstance(result, Annotation):
                annotations.append(result)
                progress.update(docs=1, events=len(result.events))
            else:
                click.echo(f"eventwire: error: {result}", err=True)
                progress.update(errors=1)
        progress.close()
        names = {code: c.name for code, c in load_taxonomy().codes.items()}
        rows = lib.sheet_rows(
            annotations,
            labelled=labelled,
            commit=lib.coder_commit(),
            cameo_names=names,
            include_negated=include_negated,
        )
        out = open_output(out_path)
        n = 0
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
        out.flush()
    except EventwireError as exc:
        fail(str(exc))
    if not quiet:
        click.echo(f"{n} events to judge from {len(chosen)} documents", err=True)


@audit_group.command(name="merge")
@click.argument("sheet_path", metavar="SHEET", type=click.Path(dir_okay=False))
@labels_file("Labels file to append to (created if missing).")
@click.option("--judge", default=None, help="Judge's name for rows that do not give one.")
@click.option(
    "--skip-unjudged", is_flag=True, help="Leave rows without verdicts instead of refusing."
)
def merge(sheet_path: str, labels_path: str, judge: str | None, skip_unjudged: bool) -> None:
    """Append the judged rows of SHEET to the labels: keys and verdicts only, no text."""
    try:
        result = lib.merge(sheet_path, labels_path, judge=judge, skip_unjudged=skip_unjudged)
    except EventwireError as exc:
        fail(str(exc))
    click.echo(
        f"{result.added} labels added, {result.already} already labelled, "
        f"{result.unjudged} rows not judged",
        err=True,
    )


@audit_group.command(name="summary")
@labels_file("Labels file (JSON Lines).")
@click.option(
    "--heldout",
    "heldout_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Held-out split file (document ids): adds counts by split.",
)
@output_options()
def summary(labels_path: str, heldout_path: str | None, fmt: str, output: str) -> None:
    """Counts and share right of the labels: overall, by corpus and by CAMEO root."""
    try:
        labels: list[dict[str, Any]] = lib.load_labels(labels_path, missing_ok=False)
        heldout = lib.load_heldout(heldout_path) if heldout_path else None
    except EventwireError as exc:
        fail(str(exc))
    if not labels:
        fail(f"{labels_path}: no labels yet")
    out = open_output(output)
    write_rows(lib.SUMMARY_COLUMNS, lib.summarise(labels, heldout=heldout), fmt, out)
    out.flush()


@audit_group.command(name="agreement")
@labels_file("The first judge's labels (JSON Lines).")
@labels_file(
    "A second judge's labels of some of the same events (made blind, with audit merge).",
    name="--second",
    dest="second_path",
)
@output_options()
def agreement(labels_path: str, second_path: str, fmt: str, output: str) -> None:
    """Agreement and Cohen's kappa of two judges, per verdict, on the events both judged."""
    try:
        first = lib.load_labels(labels_path, missing_ok=False)
        second = lib.load_labels(second_path, missing_ok=False)
        rows, unmatched = lib.agreement(first, second)
    except EventwireError as exc:
        fail(str(exc))
    except ValueError as exc:
        fail(f"{second_path}: {exc}")
    if unmatched:
        click.echo(f"{unmatched} events of {second_path} are not in {labels_path}", err=True)
    out = open_output(output)
    write_rows(lib.AGREEMENT_COLUMNS, rows, fmt, out)
    out.flush()
