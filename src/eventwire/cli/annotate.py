"""``eventwire annotate`` and ``eventwire code``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import click

from ..annotate import DocumentFailure, Result
from ..engine.pool import annotate_parallel
from ..errors import EventwireError, InputError
from ..io import read_paths
from ..records import Annotation, Event
from ..store.filters import EventFilter
from .common import fail, pipeline_options, settings_from, setup_logging
from .dictionary_options import dictionary_options, with_dictionaries
from .filters import code_of, event_matches, filter_options, keep_confident, min_confidence_option
from .output import describe_codes, open_output, write_rows
from .progress import Progress


def run_annotation(
    paths: tuple[str, ...],
    *,
    model: str | None,
    workers: int,
    batch_size: int | None,
    doc_date: str | None,
    max_doc_chars: int | None,
    quiet: bool,
    dictionaries: Mapping[str, str | None] | None = None,
) -> Iterator[Result]:
    """Annotations for every input, with errors reported on stderr as they come."""
    setup_logging(quiet)
    settings = with_dictionaries(
        settings_from(model, workers, batch_size, max_doc_chars), dictionaries
    )
    progress = Progress(quiet=quiet)
    inputs = read_paths(paths, date=doc_date, max_chars=settings.max_doc_chars)
    try:
        for result in annotate_parallel(inputs, settings):
            if isinstance(result, InputError | DocumentFailure):
                click.echo(f"eventwire: error: {result}", err=True)
                progress.update(errors=1)
            else:
                progress.update(docs=1, events=len(result.events))
            yield result
    except EventwireError as exc:
        fail(str(exc))
    finally:
        progress.close()


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json", "pretty"]),
    default="jsonl",
    show_default=True,
    help="One JSON object per line, a JSON array, or indented JSON.",
)
@click.option(
    "-o",
    "--output",
    default="-",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write to this file instead of standard output.",
)
@min_confidence_option
@pipeline_options
@dictionary_options
def annotate(
    paths: tuple[str, ...], fmt: str, output: str, min_confidence: float | None, **opts: Any
) -> None:
    """Annotate documents: entities, actors, events, quotes, times and places as JSON.

    PATHS are files (wire text, .txt, .jsonl, .html), directories, or - for stdin.
    """
    failed = False
    out = open_output(output)
    items: list[dict[str, Any]] = []
    for result in run_annotation(paths, **opts):
        if not isinstance(result, Annotation):
            failed = True
            continue
        if min_confidence is not None:
            result = dataclasses.replace(
                result, events=keep_confident(result.events, min_confidence)
            )
        obj = result.to_dict()
        if fmt == "json":
            items.append(obj)
        else:
            out.write(
                json.dumps(obj, ensure_ascii=False, indent=2 if fmt == "pretty" else None) + "\n"
            )
    if fmt == "json":
        out.write(json.dumps(items, ensure_ascii=False) + "\n")
    out.flush()
    if failed:
        raise SystemExit(1)


EVENT_COLUMNS = (
    "doc_id",
    "event_id",
    "date",
    "date_precision",
    "source",
    "target",
    "cameo",
    "cameo_root",
    "plover",
    "quad_class",
    "goldstein",
    "trigger",
    "location",
    "negated",
    "confidence",
    "evidence",
)


def event_row(event: Event) -> tuple[Any, ...]:
    return (
        event.doc_id,
        event.event_id,
        event.date,
        event.date_precision,
        event.source.code,
        event.target.code if event.target else None,
        event.cameo,
        event.cameo_root,
        event.plover,
        event.quad_class,
        event.goldstein,
        event.trigger.text,
        event.location.name if event.location else None,
        event.negated,
        round(event.confidence, 3),
        event.evidence,
    )


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "table", "json"]),
    default="table",
    show_default=True,
    help="Output format: one row per event.",
)
@click.option(
    "-o",
    "--output",
    default="-",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write to this file instead of standard output.",
)
@click.option("--include-negated", is_flag=True, help="Also print negated events (marked).")
@filter_options()
@pipeline_options
@dictionary_options
def code(
    paths: tuple[str, ...],
    fmt: str,
    output: str,
    include_negated: bool,
    since: dt.date | None,
    until: dt.date | None,
    actor: str | None,
    dyad: tuple[str, str] | None,
    min_confidence: float | None,
    **opts: Any,
) -> None:
    """Code documents into events: one row per event (who, whom, CAMEO, PLOVER, evidence).

    The table names each CAMEO code and quad class; how to read every column (Goldstein,
    date precision, confidence, the uncoded actor ---): docs/reading-output.md.
    """
    flt = EventFilter(
        start=since,
        end=until,
        actor=code_of(actor) if actor else None,
        dyad=(code_of(dyad[0]), code_of(dyad[1])) if dyad else None,
        directed=False,
        min_confidence=min_confidence,
    )
    failed = done = False
    rows: list[tuple[Any, ...]] = []
    for result in run_annotation(paths, **opts):
        if not isinstance(result, Annotation):
            failed = True
            continue
        done = True
        rows += [
            event_row(e)
            for e in result.events
            if (include_negated or not e.negated) and event_matches(e, result.document.date, flt)
        ]
    if done:  # every input failed: the errors are on stderr, no empty table on stdout
        cols: Sequence[str] = EVENT_COLUMNS
        if fmt == "table":
            cols, rows = describe_codes(cols, rows)
        write_rows(cols, rows, fmt, open_output(output))
    if failed:
        raise SystemExit(1)
