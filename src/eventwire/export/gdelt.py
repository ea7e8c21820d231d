"""GDELT 2.0 exports: the 61-column Event table, the 16-column Mentions table, GKG Quotations.

One GDELT event row per event cluster (a reported event, however many mentions), one
mentions row per stored event mention. Files are tab-separated, headerless by default (as
GDELT publishes them), UTF-8; codes stay strings ("042"); geo country codes are FIPS 10-4.
``GLOBALEVENTID`` is the cluster id read as a 60-bit integer (stable across runs).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

import duckdb

from ..store.filters import COUNTED, UNCODED, EventFilter
from .codes import FEATURE_GEO_TYPE, fips, split_actor_code

NO_FILTER = EventFilter()

_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR),
    *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO),
    *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED",
    "SOURCEURL",
)
# GDELT codebook types (INTEGER / FLOAT / STRING) of each column, for typed loading.
INT_COLUMNS = frozenset(
    {
        "GLOBALEVENTID",
        "SQLDATE",
        "MonthYear",
        "Year",
        "IsRootEvent",
        "QuadClass",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "Actor1Geo_Type",
        "Actor2Geo_Type",
        "ActionGeo_Type",
        "DATEADDED",
    }
)
FLOAT_COLUMNS = frozenset(
    {
        "FractionDate",
        "GoldsteinScale",
        "AvgTone",
        "Actor1Geo_Lat",
        "Actor1Geo_Long",
        "Actor2Geo_Lat",
        "Actor2Geo_Long",
        "ActionGeo_Lat",
        "ActionGeo_Long",
    }
)

MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
)
GKG_QUOTATION_COLUMNS: tuple[str, ...] = (
    "GKGRECORDID",
    "V2.1DATE",
    "V2DOCUMENTIDENTIFIER",
    "V2.1QUOTATIONS",
)


def global_event_id(cluster_id: str) -> int:
    return int(cluster_id[:15], 16)


def _stamp(day: dt.date | None) -> str:
    return day.strftime("%Y%m%d000000") if day else ""


def _num(value: Any, digits: int = 4) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return (
            f"{value:.{digits}f}".rstrip("0").rstrip(".")
            if value != int(value)
            else str(int(value))
        )
    return str(value)


def _actor_cells(
    code: str | None, name: str | None, text: str | None, country: str | None
) -> list[str]:
    if not code:
        return [""] * len(_ACTOR)
    display = (name or text or "").upper()
    if code == UNCODED:  # a named actor no dictionary codes: its name, no codes
        return ["", display, *[""] * (len(_ACTOR) - 2)]
    parts = split_actor_code(code, country)
    return [
        code,
        display,
        parts["country"] or (country or ""),
        parts["group"],
        parts["ethnic"],
        parts["rel1"],
        parts["rel2"],
        parts["type1"],
        parts["type2"],
        parts["type3"],
    ]


def _geo_cells(
    name: str | None,
    country: str | None,
    lat: float | None,
    lon: float | None,
    feature: str | None,
    geonameid: int | None,
) -> list[str]:
    if not name and not country:
        return ["0", "", "", "", "", "", "", ""]
    code = fips(country)
    kind = FEATURE_GEO_TYPE.get(feature or "", 4 if lat is not None else 1)
    return [
        str(kind),
        name or "",
        code,
        code if kind == 1 else "",
        "",
        _num(lat),
        _num(lon),
        "" if geonameid is None else str(geonameid),
    ]


_EVENTS_SQL = """
SELECT c.cluster_id, c.event_date, c.cameo, c.cameo_root, c.quad_class, c.goldstein, c.num_mentions,
       c.num_sources, c.num_articles, c.first_seen,
       b.source_code, b.source_name, b.source_text, b.source_country,
       b.target_code, b.target_name, b.target_text, b.target_country, b.sentence_index,
       b.loc_name, b.loc_country, b.loc_lat, b.loc_lon, b.loc_feature, b.loc_geonameid,
       d.url, d.doc_id, d.source
FROM event_clusters c
JOIN (SELECT * FROM events QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY doc_id, idx) = 1) b
  ON b.event_id = c.first_event_id
JOIN documents d ON d.doc_id = b.doc_id
WHERE c.cluster_id IN (SELECT e.cluster_id FROM events e WHERE {where} AND {counted})
ORDER BY c.first_seen NULLS LAST, c.cluster_id
"""


def event_rows(con: duckdb.DuckDBPyConnection, flt: EventFilter = NO_FILTER) -> Iterator[list[str]]:
    """GDELT 2.0 Event rows (61 strings each), one per event cluster with a mention matching
    ``flt``. An undated event has empty date columns."""
    where, params = flt.where()
    cur = con.execute(_EVENTS_SQL.format(where=where, counted=COUNTED), params)
    while chunk := cur.fetchmany(2048):
        for r in chunk:
            yield _event_row(r)


def _event_row(r: Sequence[Any]) -> list[str]:
    (
        cid,
        day,
        cameo,
        root,
        quad,
        gold,
        n_m,
        n_s,
        n_a,
        first_seen,
        s_code,
        s_name,
        s_text,
        s_cty,
        t_code,
        t_name,
        t_text,
        t_cty,
        sent,
        l_name,
        l_cty,
        lat,
        lon,
        feature,
        gid,
        url,
        doc_id,
        source,
    ) = r
    day = day or first_seen
    row = [
        str(global_event_id(cid)),
        day.strftime("%Y%m%d") if day else "",
        day.strftime("%Y%m") if day else "",
        str(day.year) if day else "",
        f"{day.year + (day.month * 30 + day.day) / 365:.4f}" if day else "",
    ]
    row += _actor_cells(s_code, s_name, s_text, s_cty)
    row += _actor_cells(t_code, t_name, t_text, t_cty)
    row += [
        "1" if (sent or 0) < 3 else "0",
        cameo or "",
        (cameo or "")[:3],
        root or "",
        _num(quad),
        _num(gold, 1),
        str(n_m),
        str(n_s),
        str(n_a),
        "",
    ]
    row += ["0", "", "", "", "", "", "", ""] * 2
    row += _geo_cells(l_name, l_cty, lat, lon, feature, gid)
    row += [_stamp(first_seen), url or f"{source or 'eventwire'}:{doc_id}"]
    return row


_MENTIONS_SQL = """
SELECT e.cluster_id, c.first_seen, e.pub_date, d.url, e.doc_source, e.doc_id, e.sentence_index,
       e.source_start, e.target_start, e.trigger_start, e.confidence, d.n_chars
FROM events e JOIN event_clusters c USING (cluster_id) JOIN documents d ON d.doc_id = e.doc_id
WHERE {where}
ORDER BY c.first_seen NULLS LAST, e.cluster_id, e.pub_date, e.doc_id, e.idx
"""


def mention_rows(
    con: duckdb.DuckDBPyConnection, flt: EventFilter = NO_FILTER
) -> Iterator[list[str]]:
    """GDELT 2.0 Mentions rows (16 strings each), one per clustered event mention matching ``flt``."""
    where, params = flt.where()
    cur = con.execute(_MENTIONS_SQL.format(where=where), params)
    while chunk := cur.fetchmany(2048):
        for cid, first, pub, url, source, doc_id, sent, a1, a2, act, conf, n in chunk:
            yield [
                str(global_event_id(cid)),
                _stamp(first),
                _stamp(pub),
                "1" if url else "2",
                source or "",
                url or doc_id,
                str((sent or 0) + 1),
                _num(a1 if a1 is not None else -1),
                _num(a2 if a2 is not None else -1),
                _num(act),
                "1",
                str(round((conf or 0) * 100)),
                str(n),
                "",
                "",
                "",
            ]


def format_quotations(quotes: Sequence[tuple[int, int, str | None, str]]) -> str:
    """GKG V2.1QUOTATIONS: ``offset|length|verb|quote`` joined by ``#``; ``|``, ``#`` and runs of
    whitespace (line breaks, tabs) inside the verb or the quote become one space."""

    def clean(s: str | None) -> str:
        return " ".join((s or "").replace("|", " ").replace("#", " ").split())

    return "#".join(
        f"{start}|{length}|{clean(verb)}|{clean(text)}" for start, length, verb, text in quotes
    )


def _gkg_quotations(rows: list[tuple[Any, ...]]) -> str:
    """The field for one document's direct quotes (rows: start, end, text, cue, ...)."""
    return format_quotations(
        [(start, end - start, cue, text) for start, end, text, cue, *_ in rows]
    )


def gkg_quotation_rows(con: duckdb.DuckDBPyConnection) -> Iterator[list[str]]:
    """One row per document with direct quotes: record id, date, identifier, V2.1QUOTATIONS."""
    cur = con.execute(
        "SELECT q.doc_id, d.date, d.url, q.content_start, q.content_end, q.content_text, q.cue_text, "
        "q.cue_start, q.cue_end, q.direct FROM quotes q JOIN documents d USING (doc_id) WHERE q.direct "
        "ORDER BY d.date NULLS LAST, q.doc_id, q.idx"
    )
    n = 0
    current: tuple[Any, ...] | None = None
    rows: list[tuple[Any, ...]] = []
    while True:
        chunk = cur.fetchmany(4096)
        for r in [*chunk, *([None] if not chunk else [])]:
            if r is not None and current is not None and r[0] == current[0]:
                rows.append(r[3:])
                continue
            if current is not None:
                n += 1
                stamp = _stamp(current[1])
                yield [
                    f"{stamp or '00000000000000'}-{n}",
                    stamp,
                    current[2] or current[0],
                    _gkg_quotations(rows),
                ]
            if r is not None:
                current, rows = r, [r[3:]]
        if not chunk:
            return
