"""Server-rendered pages (Jinja2); charts are drawn by small vendored scripts in ``static/``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates

from ..export import renderers
from ..store import browse, queries
from ..store.filters import EventFilter
from .api import Filter, Level, Offset, Period
from .geo import land_cells
from .highlight import segments
from .results import call, fill_periods, records

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
CodeParam = Annotated[str, Query(max_length=64, pattern=r"^[A-Za-z0-9_]*$")]
TEMPLATES.env.globals["quad_names"] = QUAD_NAMES
NO_FILTER = EventFilter()
SOURCES_SQL = (
    "SELECT source, count(*) AS documents FROM documents "
    "GROUP BY source ORDER BY documents DESC, source LIMIT 10"
)
Id = Annotated[str, PathParam(min_length=1, max_length=128)]


def render(request: Request, name: str, **context: Any) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, name, context)


def _cursor(request: Request):  # noqa: ANN202
    return request.app.state.store.cursor()


@router.get("/")
def overview(request: Request) -> HTMLResponse:
    with _cursor(request) as cur:
        summary = call(cur, queries.summary)
        dyads = records(cur, queries.top_dyads, NO_FILTER, level="country", limit=15)
        actors = records(cur, queries.top_actors, NO_FILTER, level="country", limit=15)
        sources = records(cur, queries.fetch, SOURCES_SQL)
    return render(
        request,
        "overview.html",
        page="overview",
        summary=summary,
        dyads=dyads,
        actors=actors,
        sources=sources,
        exports=[spec for spec in renderers().values() if not spec.directory],
    )


@router.get("/dyad")
def dyad(
    request: Request,
    a: CodeParam = "",
    b: CodeParam = "",
    by: Period = "month",
    directed: bool = False,
) -> HTMLResponse:
    series: list[dict[str, Any]] = []
    events: dict[str, Any] = {"total": 0, "items": []}
    with _cursor(request) as cur:
        actors = records(cur, queries.top_actors, NO_FILTER, level="country", limit=200)
        if a and b:
            series = records(cur, queries.dyad_series, a, b, by=by, directed=directed)
            flt = EventFilter(dyad=(a, b), directed=directed)
            events = call(cur, browse.list_events, flt, limit=100, offset=0)
    return render(
        request,
        "dyad.html",
        page="dyad",
        a=a,
        b=b,
        by=by,
        directed=directed,
        series=series,
        chart=fill_periods(series, by=by),
        events=events,
        actors=actors,
    )


@router.get("/network")
def network(request: Request, flt: Filter, level: Level = "country") -> HTMLResponse:
    with _cursor(request) as cur:
        graph = call(cur, queries.network, flt, level=level, limit=60)
    return render(
        request,
        "network.html",
        page="network",
        graph=graph,
        level=level,
        start=flt.start or "",
        end=flt.end or "",
    )


@router.get("/api-docs")
def api_docs(request: Request) -> HTMLResponse:
    """The API reference, rendered from the app's own OpenAPI spec (no CDN)."""
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p["name"],
                    "where": p["in"],
                    "required": p.get("required", False),
                    "schema": _type_of(p.get("schema", {})),
                }
                for p in op.get("parameters", [])
            ]
            ops.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "params": params,
                    "body": "requestBody" in op,
                }
            )
    return render(request, "api.html", page="api", ops=ops, version=spec["info"]["version"])


def _type_of(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type_of(s) for s in schema["anyOf"] if s.get("type") != "null")
    out = schema.get("format") or schema.get("type") or ""
    for key in ("pattern", "minimum", "maximum", "maxLength"):
        if key in schema:
            out += f" {key}={schema[key]}"
    if "default" in schema:
        out += f" (default {schema['default']})"
    return out


@router.get("/land.json", response_class=JSONResponse)
def land() -> JSONResponse:
    """Map background: 1-degree cells with a city (see geo.py); static, so cached by the browser."""
    return JSONResponse(land_cells(), headers={"Cache-Control": "public, max-age=86400"})


@router.get("/map")
def map_page(request: Request, flt: Filter) -> HTMLResponse:
    with _cursor(request) as cur:
        places = records(cur, queries.event_places, flt, limit=500)
    return render(
        request, "map.html", page="map", places=places, start=flt.start or "", end=flt.end or ""
    )


@router.get("/search")
def search(request: Request, flt: Filter, offset: Offset = 0) -> HTMLResponse:
    limit = 50
    with _cursor(request) as cur:
        events = call(cur, browse.list_events, flt, limit=limit, offset=offset)
        docs = (
            call(cur, browse.list_documents, q=flt.q, start=flt.start, end=flt.end, limit=20)
            if flt.q
            else None
        )
    params = {k: v for k, v in request.query_params.items() if k != "offset" and v}
    return render(
        request,
        "search.html",
        page="search",
        events=events,
        docs=docs,
        flt=flt,
        params=params,
        limit=limit,
        offset=offset,
    )


@router.get("/quotes")
def quotes(
    request: Request,
    speaker: Annotated[str, Query(max_length=200)] = "",
    q: Annotated[str, Query(max_length=200)] = "",
    offset: Offset = 0,
) -> HTMLResponse:
    with _cursor(request) as cur:
        found = call(
            cur, browse.list_quotes, speaker=speaker or None, q=q or None, limit=50, offset=offset
        )
    return render(request, "quotes.html", page="quotes", quotes=found, speaker=speaker, q=q)


@router.get("/events/{event_id}")
def event(request: Request, event_id: Id) -> HTMLResponse:
    with _cursor(request) as cur:
        found = call(cur, browse.get_event, event_id)
        if found is None:
            raise HTTPException(404, "no such event")
        mentions = (
            call(cur, browse.list_events, EventFilter(cluster_id=found["cluster_id"]), limit=50)[
                "items"
            ]
            if found.get("cluster_id")
            else []
        )
    ev = found
    s, e = ev["evidence_start"] or 0, ev["evidence_end"] or 0
    ts, te = (ev["trigger_start"] or 0) - s, (ev["trigger_end"] or 0) - s
    evidence = ev["evidence"] or ""
    parts = (
        (evidence[:ts], evidence[ts:te], evidence[te:])
        if 0 <= ts <= te <= len(evidence) and e > s
        else (evidence, "", "")
    )
    return render(request, "event.html", page="search", ev=ev, parts=parts, mentions=mentions)


@router.get("/documents/{doc_id}")
def document(request: Request, doc_id: Id) -> HTMLResponse:
    with _cursor(request) as cur:
        doc = call(cur, browse.get_document, doc_id)
    if doc is None:
        raise HTTPException(404, "no such document")
    return render(request, "article.html", page="search", doc=doc, segments=segments(doc))
