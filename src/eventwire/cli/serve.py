"""``eventwire serve``: the dashboard and JSON API over a store."""

from __future__ import annotations

import os

import click

from ..errors import EventwireError
from .common import archive_option, db_option, fail

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@click.command()
@db_option
@archive_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind (loopback by default; anything else exposes the server).",
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to bind."
)
@click.option(
    "--token",
    default=None,
    envvar="EVENTWIRE_TOKEN",
    show_envvar=True,
    help="Enables the write endpoints (ingest) for clients that send this token.",
)
@click.option(
    "--refresh",
    default=2.0,
    show_default=True,
    type=click.FloatRange(0.1, 3600),
    help="Seconds between checks for new data in the store.",
)
def serve(
    db: str, archive: str | None, host: str, port: int, token: str | None, refresh: float
) -> None:
    """Serve the dashboard and JSON API over the store.

    The API reference is at /api-docs, its spec at /openapi.json.

    The server reads a private snapshot of the store, so `eventwire ingest` can keep writing
    to the store meanwhile; new data appears once a batch is committed and the writer is done.
    """
    import uvicorn

    from ..server import create_app

    if not os.path.isfile(db):
        fail(f"no store at {db}: run `eventwire ingest PATHS --db {db}` (or `make demo`) first")
    try:
        app = create_app(
            db,
            token=token,
            refresh_s=refresh,
            archive=archive,
            allowed_hosts=None
            if host not in LOOPBACK
            else ("127.0.0.1", "localhost", "::1", "[::1]"),
        )
    except EventwireError as exc:
        fail(str(exc))
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"eventwire: serving {db} at http://{shown}:{port}/ (API reference at /api-docs); Ctrl-C stops",
        err=True,
    )
    if host not in LOOPBACK:
        click.echo(
            "eventwire: warning: bound to a non-loopback address; anyone who can reach it can read the store",
            err=True,
        )
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
