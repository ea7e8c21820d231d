"""``eventwire eval clusters --db STORE``: figures of the event-merging rule on an ingested store."""

from __future__ import annotations

import json

import click

from ..clusters import measure
from ..errors import EventwireError
from ..store import Store
from .common import fail
from .store import db_option


@click.command(name="clusters")
@db_option
@click.option(
    "--threshold",
    type=click.FloatRange(0.05, 1.0),
    default=0.5,
    show_default=True,
    help="Word-4-gram Jaccard above which two articles count as copies of one story.",
)
def clusters(db: str, threshold: float) -> None:
    """Event clusters: sizes, and how often near-duplicate articles' events were merged."""
    try:
        with Store.connect(db, read_only=True) as store:
            figures = measure(store.con, threshold=threshold)
    except EventwireError as exc:
        fail(str(exc))
        return
    click.echo(json.dumps(figures, indent=2, default=str))
