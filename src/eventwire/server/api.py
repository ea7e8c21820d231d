"""The JSON API (``/api/...``): read-only endpoints over the store snapshot, plus token-guarded writes."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from typing import IO, Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from ..errors import StoreError
from ..export import export, renderers
from ..store import browse, queries, sql
from ..store.filters import EventFilter
from .results import call, fill_periods, jsonable, records
from .security import require_token

router = APIRouter(prefix="/api")

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000
Code = Annotated[str | None, Query(max_length=64, pattern=r"^[A-Za-z0-9_]*$")]
Text = Annotated[str | None, Query(max_length=200)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Period = Annotated[str, Query(pattern="^(day|week|month|year)$")]
Level = Annotated[str, Query(pattern="^(country|code)$")]
DateParam = Annotated[dt.date | None, Query()]
Id = Annotated[str, PathParam(min_length=1, max_length=128)]


def event_filter(
    actor: Code = None,
    source: Code = None,
    target: Code = None,
    dyad: Annotated[
        str | None,
        Query(
            max_length=130,
            pattern=r"^[A-Za-z0-9_]+,[A-Za-z0-9_]+$",
            description="Two actor code prefixes, 'A,B': A acts on B.",
        ),
    ] = None,
    directed: bool = True,
    cameo_root: Annotated[str | None, Query(pattern=r"^[0-9]{2}$")] = None,
    cameo: Annotated[str | None, Query(pattern=r"^[0-9]{2,4}$")] = None,
    plover: Annotated[str | None, Query(max_length=40, pattern=r"^[A-Za-z_]*$")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    start: DateParam = None,
    end: DateParam = None,
    year: Annotated[int | None, Query(ge=1, le=9999)] = None,
    place: Text = None,
    q: Text = None,
    doc_id: Annotated[str | None, Query(max_length=128)] = None,
    min_confidence: Annotated[
        str | None,  # a number from 0 to 1; empty (a blank form field) is no filter
        Query(
            pattern=r"^(0(\.[0-9]{1,6})?|1(\.0{1,6})?|\.[0-9]{1,6})?$",
            description="Only events whose confidence is at least this (0 to 1).",
        ),
    ] = None,
    include_negated: bool = False,
) -> EventFilter:
    pair = (dyad.split(",", 1)[0], dyad.split(",", 1)[1]) if dyad else None
    return EventFilter(
        actor=actor,
        source=source,
        target=target,
        dyad=pair,
        directed=directed,
        cameo_root=cameo_root,
        cameo=cameo,
        plover=plover,
        quad_class=quad_class,
        start=start,
        end=end,
        year=year,
        place=place,
        q=q,
        doc_id=doc_id,
        min_confidence=float(min_confidence) if min_confidence else None,
        include_negated=include_negated,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]


def _cursor(request: Request):  # noqa: ANN202 - a context manager from the snapshot store
    return request.app.state.store.cursor()


@router.get("/health", summary="Liveness and snapshot generation")
def health(request: Request) -> dict[str, Any]:
    return {"ok": True, "snapshot": request.app.state.store.info}


@router.get("/summary", summary="Corpus size and date range; events and mentions")
def summary(request: Request) -> dict[str, Any]:
    """Events are reported events (clusters), mentions non-negated event rows (as everywhere)."""
    with _cursor(request) as cur:
        found: dict[str, Any] = call(cur, queries.summary)
    return found


@router.get("/series/quad", summary="Events per period by quad class")
def quad_series(
    request: Request, flt: Filter, by: Period = "month", fill: bool = False
) -> list[dict[str, Any]]:
    """With ``fill=true`` the periods without events are included (zero counts)."""
    with _cursor(request) as cur:
        series = records(cur, queries.series, flt, by=by)
    return fill_periods(series, by=by) if fill else series


@router.get("/events", summary="Event mentions (one row per mention), filtered and paged")
def events(request: Request, flt: Filter, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    with _cursor(request) as cur:
        page: dict[str, Any] = call(cur, browse.list_events, flt, limit=limit, offset=offset)
    return page


@router.get("/events/top", summary="Most reported events (the same as `eventwire top --by events`)")
def events_top(request: Request, flt: Filter, limit: Limit = 20) -> list[dict[str, Any]]:
    with _cursor(request) as cur:
        return records(cur, queries.top_events, flt, limit=limit)


@router.get("/events/{event_id}", summary="One event mention with its evidence")
def event(request: Request, event_id: Id) -> dict[str, Any]:
    with _cursor(request) as cur:
        found = call(cur, browse.get_event, event_id)
    if found is None:
        raise HTTPException(404, "no such event")
    return found


@router.get(
    "/clusters", summary="Event clusters (reports of the same event merged), filtered and paged"
)
def clusters(
    request: Request, flt: Filter, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    with _cursor(request) as cur:
        page: dict[str, Any] = call(cur, browse.list_clusters, flt, limit=limit, offset=offset)
    return page


@router.get("/clusters/{cluster_id}", summary="One event cluster with its mentions")
def cluster(request: Request, cluster_id: Id, limit: Limit = 100) -> dict[str, Any]:
    with _cursor(request) as cur:
        found = call(cur, browse.get_cluster, cluster_id, limit=limit)
    if found is None:
        raise HTTPException(404, "no such cluster")
    return found


@router.get("/dyads/top", summary="Dyads in most events (the same as `eventwire top --by dyads`)")
def dyads_top(
    request: Request, flt: Filter, level: Level = "country", limit: Limit = 20
) -> list[dict[str, Any]]:
    with _cursor(request) as cur:
        return records(cur, queries.top_dyads, flt, level=level, limit=limit)


@router.get(
    "/actors/top", summary="Actors in most events (the same as `eventwire top --by actors`)"
)
def actors_top(
    request: Request, flt: Filter, level: Level = "country", limit: Limit = 20
) -> list[dict[str, Any]]:
    with _cursor(request) as cur:
        return records(cur, queries.top_actors, flt, level=level, limit=limit)


@router.get(
    "/dyad", summary="Dyad time series: quad counts, mean Goldstein, cooperation-conflict index"
)
def dyad(
    request: Request,
    a: Annotated[str, Query(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_]+$")],
    b: Annotated[str, Query(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_]+$")],
    by: Period = "month",
    directed: bool = False,
    start: DateParam = None,
    end: DateParam = None,
    year: Annotated[int | None, Query(ge=1, le=9999)] = None,
) -> dict[str, Any]:
    """The same series as `eventwire dyad A B`."""
    flt = EventFilter(start=start, end=end, year=year)
    with _cursor(request) as cur:
        series = records(cur, queries.dyad_series, a, b, by=by, directed=directed, flt=flt)
    return {"a": a, "b": b, "by": by, "directed": directed, "series": series}


@router.get("/network", summary="Actor network: nodes and edges with volume and tone")
def network(
    request: Request,
    flt: Filter,
    level: Level = "country",
    limit: Limit = 100,
    min_events: Annotated[int, Query(ge=1)] = 1,
) -> dict[str, Any]:
    """The same graph as `eventwire network` (which writes it as GraphML)."""
    with _cursor(request) as cur:
        graph: dict[str, Any] = call(
            cur, queries.network, flt, level=level, limit=limit, min_events=min_events
        )
    return graph


@router.get("/places", summary="Event locations with coordinates")
def places(request: Request, flt: Filter, limit: Limit = 500) -> list[dict[str, Any]]:
    with _cursor(request) as cur:
        return records(cur, queries.event_places, flt, limit=limit)


@router.get("/actors", summary="Actor lookup by code, name or mention text")
def actors(
    request: Request, q: Annotated[str, Query(max_length=100)] = "", limit: Limit = 20
) -> list[dict[str, Any]]:
    with _cursor(request) as cur:
        return records(cur, queries.actor_lookup, q, limit=limit)


@router.get("/documents", summary="Documents, searched and paged")
def documents(
    request: Request,
    q: Text = None,
    source: Text = None,
    start: DateParam = None,
    end: DateParam = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    with _cursor(request) as cur:
        page: dict[str, Any] = call(
            cur,
            browse.list_documents,
            q=q,
            source=source,
            start=start,
            end=end,
            limit=limit,
            offset=offset,
        )
    return page


@router.get("/documents/{doc_id}", summary="One document with its full annotations")
def document(request: Request, doc_id: Id) -> dict[str, Any]:
    with _cursor(request) as cur:
        found = call(cur, browse.get_document, doc_id)
    if found is None:
        raise HTTPException(404, "no such document")
    return found


@router.get("/quotes", summary="Quotes, by speaker (code prefix, name or text) and content")
def quotes(
    request: Request, speaker: Text = None, q: Text = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    with _cursor(request) as cur:
        page: dict[str, Any] = call(
            cur, browse.list_quotes, speaker=speaker, q=q, limit=limit, offset=offset
        )
    return page


class SQLQuery(BaseModel):
    sql: str = Field(max_length=10_000, description="One SELECT statement.")
    limit: int = Field(default=1000, ge=1, le=5000)


@router.post(
    "/query", summary="Read-only SQL: one SELECT on the store snapshot, rows and time bounded"
)
def query(request: Request, body: Annotated[SQLQuery, Body()]) -> dict[str, Any]:
    """The same guard as `eventwire query`."""
    with _cursor(request) as cur:
        try:
            result = sql.run_select(
                cur, body.sql, limit=body.limit, timeout_s=request.app.state.query_timeout_s
            )
        except StoreError as exc:
            raise HTTPException(400, str(exc)) from exc
    return {
        "columns": result.columns,
        "rows": jsonable(result.rows),
        "truncated": result.truncated,
    }


SPOOL_BYTES = 8 * 1024 * 1024  # exports larger than this are spooled to a temporary file


def _chunks(buf: IO[str]) -> Iterator[str]:
    try:
        while data := buf.read(64 * 1024):
            yield data
    finally:
        buf.close()


@router.get(
    "/export/{fmt}",
    summary="The store in one export format, as `eventwire export --format FMT` writes it",
    response_class=StreamingResponse,
)
def export_format(
    request: Request,
    fmt: Annotated[str, PathParam(max_length=40, pattern=r"^[a-z0-9.-]+$")],
    header: bool = False,
) -> StreamingResponse:
    """Any registered format that writes one stream (folder formats such as parquet: CLI only),
    with the format's content type; ``X-Eventwire-Records`` gives the number of records."""
    spec = renderers().get(fmt)
    if spec is None or spec.directory:
        raise HTTPException(404, "no such export format (folder formats: eventwire export -o DIR)")
    # closed by _chunks once streamed, or here when the export fails
    buf = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+", encoding="utf-8")  # noqa: SIM115
    try:
        with _cursor(request) as cur:
            n = export(cur, fmt, buf, header=header)  # type: ignore[arg-type]
    except BaseException:
        buf.close()
        raise
    buf.seek(0)
    headers = {
        "Content-Disposition": f'attachment; filename="eventwire-{fmt}{spec.extension}"',
        "X-Eventwire-Records": str(n),
    }
    return StreamingResponse(_chunks(buf), media_type=spec.content_type, headers=headers)


class IngestRequest(BaseModel):
    paths: list[str] = Field(min_length=1, max_length=100)


@router.post(
    "/ingest",
    summary="Start an ingest into the store (needs the server token)",
    status_code=202,
    dependencies=[Depends(require_token)],
)
def ingest(request: Request, body: IngestRequest) -> dict[str, Any]:
    return request.app.state.ingest.start(body.paths)


@router.get("/ingest", summary="State of the last ingest started through the server")
def ingest_status(request: Request) -> dict[str, Any]:
    return request.app.state.ingest.status()
