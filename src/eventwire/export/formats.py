"""PLOVER/POLECAT JSON, ICEWS's 20 columns, flat CSV/JSONL and month-partitioned Parquet."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from typing import Any

import duckdb

from .. import __version__
from ..store.filters import EventFilter
from .codes import SECTOR_LABELS, cameo_names, country_name

ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
)

# flat event-mention columns for csv / jsonl (the events table minus JSON extras)
FLAT_SQL = """
SELECT e.* EXCLUDE (extra), d.title AS doc_title, d.url AS doc_url
FROM events e JOIN documents d USING (doc_id)
WHERE {where}
ORDER BY e.pub_date NULLS LAST, e.doc_id, e.idx
"""
EVERY_ROW = EventFilter(include_negated=True)


def flat_query(flt: EventFilter = EVERY_ROW) -> tuple[str, list[Any]]:
    """The flat rows matching ``flt``; negated rows stay in (with their flag) whatever ``flt``."""
    where, params = dataclasses.replace(flt, include_negated=True).where()
    return FLAT_SQL.format(where=where), params


def _rows(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
) -> Iterator[dict[str, Any]]:
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description or ()]
    while chunk := cur.fetchmany(2048):
        for r in chunk:
            yield dict(zip(cols, r, strict=True))


def flat_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    sql, params = flat_query()
    cur = con.execute(f"SELECT * FROM ({sql}) LIMIT 0", params)
    return [d[0] for d in cur.description or ()]


def flat_rows(
    con: duckdb.DuckDBPyConnection, flt: EventFilter = EVERY_ROW
) -> Iterator[dict[str, Any]]:
    return _rows(con, *flat_query(flt))


def _plover_actor(r: dict[str, Any], role: str) -> list[dict[str, Any]]:
    if not r.get(f"{role}_code"):
        return []
    return [
        {
            "actorText": r[f"{role}_text"],
            "code": r[f"{role}_code"],
            "country": r[f"{role}_country"],
            "sector": r[f"{role}_sector"],
            "name": r[f"{role}_name"],
            "start": r[f"{role}_start"],
            "end": r[f"{role}_end"],
        }
    ]


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def plover_record(r: dict[str, Any]) -> dict[str, Any]:
    """A PLOVER/POLECAT-style event record plus eventwire's provenance."""
    location = None
    if r.get("loc_name") or r.get("loc_country"):
        location = {
            "name": r["loc_name"],
            "start_char": r["loc_start"],
            "end_char": r["loc_end"],
            "geonameid": r["loc_geonameid"],
            "lat": r["loc_lat"],
            "lon": r["loc_lon"],
            "country_code3": r["loc_country"],
            "feature_class": r["loc_feature"],
        }
    return {
        "id": r["event_id"],
        "date": _iso(r["date"]),
        "event_type": r["plover"],
        "event_mode": "",
        "event_text": r["evidence"],
        "pub_date": _iso(r["pub_date"]),
        "source": _plover_actor(r, "source"),
        "target": _plover_actor(r, "target"),
        "quad_code": r["quad_class"],
        "intensity": r["goldstein"],
        "cameo": r["cameo"],
        "event_type_confidence": {r["plover"]: r["confidence"]},
        "event_location": location,
        "date_resolved": {
            "resolved_date": _iso(r["date"]),
            "granularity": r["date_precision"],
            "value": r["date_value"],
        },
        "publication": r["doc_source"],
        "language": "en",
        "coder": "eventwire",
        "version": __version__,
        "provenance": {
            "doc_id": r["doc_id"],
            "sentence_index": r["sentence_index"],
            "evidence": {
                "text": r["evidence"],
                "start": r["evidence_start"],
                "end": r["evidence_end"],
            },
            "trigger": {
                "text": r["trigger_text"],
                "start": r["trigger_start"],
                "end": r["trigger_end"],
            },
            "confidence": r["confidence"],
            "negated": r["negated"],
            "cluster_id": r["cluster_id"],
            "event_date": _iso(r["date"]),
            "date_precision": r["date_precision"],
            "publication_date": _iso(r["pub_date"]),
        },
    }


def plover_records(
    con: duckdb.DuckDBPyConnection, flt: EventFilter = EVERY_ROW
) -> Iterator[dict[str, Any]]:
    """One record per mention that PLOVER codes: events without one of its 16 categories
    (CAMEO 01 and 02: plain statements and appeals) are left out of this format."""
    for r in flat_rows(con, flt):
        if r["plover"]:
            yield plover_record(r)


def _sectors(sector: str | None) -> str:
    return SECTOR_LABELS.get(sector or "", sector or "")


def icews_rows(con: duckdb.DuckDBPyConnection, flt: EventFilter = EVERY_ROW) -> Iterator[list[Any]]:
    """ICEWS's 20 columns, one row per event mention (story = document, sentence 1-based).
    An uncoded actor (``---``) keeps its name, with no sector or country."""
    names = cameo_names()
    for r in flat_rows(con, flt):
        if r["negated"]:
            continue
        feature = r["loc_feature"] or ""
        yield [
            int(r["event_id"][:15], 16),
            _iso(r["date"]),
            r["source_name"] or r["source_text"],
            _sectors(r["source_sector"]),
            country_name(r["source_country"]),
            names.get(r["cameo"] or "", r["plover"] or ""),
            r["cameo"],
            r["goldstein"],
            r["target_name"] or r["target_text"],
            _sectors(r["target_sector"]),
            country_name(r["target_country"]),
            r["doc_id"],
            (r["sentence_index"] or 0) + 1,
            r["doc_source"],
            r["loc_name"] if feature == "city" else None,
            None,
            r["loc_name"] if feature in ("region", "state", "province") else None,
            country_name(r["loc_country"]) or None,
            r["loc_lat"],
            r["loc_lon"],
        ]


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)
