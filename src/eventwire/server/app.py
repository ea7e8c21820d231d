"""The FastAPI application: JSON API under ``/api``, pages at ``/``, vendored assets at ``/static``."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__
from ..errors import Errors, StoreError
from . import api, pages
from .db import SnapshotStore
from .geo import land_cells
from .ingest import IngestJobs, Runner

logger = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
BAD_REQUEST = frozenset({Errors.E303, Errors.E304})
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]", "testserver")
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


class BlankQueryParams:
    """A blank query parameter is no filter: a form's "any" select or empty box sends
    ``quad_class=`` or ``start=``, which the typed parameters would refuse with a 422."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if v.strip()]
            if len(kept) != len(pairs):
                scope = {**scope, "query_string": urlencode(kept).encode("latin-1")}
        await self.app(scope, receive, send)


def create_app(
    db_path: str | os.PathLike[str],
    *,
    token: str | None = None,
    allowed_hosts: tuple[str, ...] | None = LOOPBACK_HOSTS,
    refresh_s: float = 2.0,
    query_timeout_s: float = 5.0,
    ingest_runner: Runner | None = None,
    archive: str | os.PathLike[str] | None = None,
) -> FastAPI:
    """The dashboard and API over the store at ``db_path`` (and the Parquet ``archive``: see
    :func:`eventwire.store.archive.connect_snapshot`).

    ``token`` (or env ``EVENTWIRE_TOKEN``) enables the write endpoints; without it they answer 403.
    ``allowed_hosts`` guards against DNS rebinding (None accepts any Host header).
    """
    store = SnapshotStore(db_path, refresh_s=refresh_s, archive=archive)
    token = token or os.environ.get("EVENTWIRE_TOKEN") or None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # the map's land background takes a few seconds to build: start it now, off the loop
        threading.Thread(target=land_cells, daemon=True, name="eventwire-land").start()
        yield
        store.close()

    app = FastAPI(
        title="eventwire",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,  # FastAPI's Swagger UI loads from a CDN: /api-docs is ours, offline
        redoc_url=None,
        description="Political event data from news text: events, dyads, actors, "
        "documents with their annotations, quotes. Read-only unless a token is set.",
    )
    app.state.store = store
    app.state.token = token
    app.state.query_timeout_s = query_timeout_s
    app.state.ingest = IngestJobs(
        Path(db_path),
        runner=ingest_runner,
        on_done=lambda: store.refresh(force=True),
        open_lock=store.refresh_lock,
    )
    app.add_middleware(BlankQueryParams)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # noqa: ANN001, ANN202
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        if exc.code in BAD_REQUEST:  # the request's fault, not the store's
            return JSONResponse({"detail": str(exc)}, status_code=400)
        logger.warning("store error on %s: %s", request.url.path, exc)
        return JSONResponse(
            {"detail": "the store is not available right now; retry shortly"},
            status_code=503,
            headers={"Retry-After": "2"},
        )

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(STATIC), packages=None), name="static")
    return app
