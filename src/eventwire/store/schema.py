"""The store's schema, in one place: tables, columns, types, version and migrations.

Every table is described once here as ``(column, DuckDB type)`` pairs; the ``CREATE TABLE``
statements and the Arrow schemas used for bulk inserts are both derived from it, so they
cannot drift. Offsets (``*_start``/``*_end``) are Python character offsets into
``documents.text``. Bump :data:`SCHEMA_VERSION` and append to :data:`MIGRATIONS` for any
change; a database newer than this code is refused (E302).

Conventions:
- ``doc_id`` joins every per-document table to ``documents``; ``(doc_id, idx)`` orders records
  inside one document as the annotator emitted them.
- Dates are ``DATE``; the precision of an event date is in ``date_precision``.
- Actor columns are flattened: ``<role>_text/_start/_end/_code/_country/_sector/_name``.
- ``events.cluster_id`` joins ``event_clusters`` (one row per reported event, aggregating its
  mentions); negated events have no cluster. Since schema 4 ``event_clusters`` is a table
  kept up to date at every write (the rows of the clusters a batch touches are recomputed with
  :data:`CLUSTER_ROWS`), no longer a view recomputed by every query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from ..clusters import DEFAULT_WINDOW, MAX_WINDOW, WINDOW_DAYS
from .filters import COUNTED, actor_expr

if TYPE_CHECKING:  # pyarrow is imported only when writing (read-only commands start faster)
    import pyarrow as pa


SCHEMA_VERSION = 9

ACTOR_COLS = ("text", "start", "end", "code", "country", "sector", "name")
ACTOR_TYPES = ("VARCHAR", "INTEGER", "INTEGER", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR")


def _actor(prefix: str) -> list[tuple[str, str]]:
    return [(f"{prefix}_{c}", t) for c, t in zip(ACTOR_COLS, ACTOR_TYPES, strict=True)]


TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("doc_id", "VARCHAR"),
        ("hash", "VARCHAR"),  # sha256 of text: the idempotency key
        ("date", "DATE"),  # publication date
        ("source", "VARCHAR"),  # agency / publisher
        ("dateline", "VARCHAR"),
        ("title", "VARCHAR"),
        ("url", "VARCHAR"),
        ("origin", "VARCHAR"),  # path, path:line or "-"
        ("body_start", "INTEGER"),
        ("n_chars", "INTEGER"),
        ("text", "VARCHAR"),
        ("ingested_at", "TIMESTAMP"),
    ],
    "entities": [
        ("doc_id", "VARCHAR"),
        ("idx", "INTEGER"),
        ("text", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("label", "VARCHAR"),
        ("actor_code", "VARCHAR"),
        ("actor_country", "VARCHAR"),
        ("actor_sector", "VARCHAR"),
        ("actor_name", "VARCHAR"),
        ("aliases", "VARCHAR[]"),
    ],
    # one row per actor mention (entities resolved to an actor, event sources/targets, speakers)
    "actors": [
        ("doc_id", "VARCHAR"),
        ("idx", "INTEGER"),
        ("role", "VARCHAR"),  # entity | source | target | speaker
        *_actor("actor"),
    ],
    # actor resolutions composed by the pipeline (name + role), the material to learn new actors
    "actor_observations": [
        ("doc_id", "VARCHAR"),
        ("idx", "INTEGER"),
        ("text", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("name", "VARCHAR"),
        ("role", "VARCHAR"),
        ("code", "VARCHAR"),
        ("country", "VARCHAR"),
        ("sector", "VARCHAR"),
        ("date", "DATE"),
        ("payload", "JSON"),  # the whole observation as emitted
    ],
    "events": [
        ("event_id", "VARCHAR"),
        ("doc_id", "VARCHAR"),
        ("idx", "INTEGER"),
        ("sentence_index", "INTEGER"),
        *_actor("source"),
        *_actor("target"),
        ("cameo", "VARCHAR"),  # "042": always a string
        ("cameo_root", "VARCHAR"),  # "04"
        ("plover", "VARCHAR"),
        ("quad_class", "TINYINT"),  # 1-4 as GDELT
        ("goldstein", "DOUBLE"),
        ("date", "DATE"),  # the date of the event itself
        ("date_value", "VARCHAR"),  # the date as emitted ("2018-06", "2018-06-08")
        ("date_precision", "VARCHAR"),
        ("pub_date", "DATE"),  # the document's publication date (denormalised)
        ("doc_source", "VARCHAR"),  # the document's agency (denormalised)
        ("loc_text", "VARCHAR"),
        ("loc_start", "INTEGER"),
        ("loc_end", "INTEGER"),
        ("loc_name", "VARCHAR"),
        ("loc_country", "VARCHAR"),
        ("loc_lat", "DOUBLE"),
        ("loc_lon", "DOUBLE"),
        ("loc_feature", "VARCHAR"),
        ("loc_geonameid", "BIGINT"),
        ("trigger_text", "VARCHAR"),
        ("trigger_start", "INTEGER"),
        ("trigger_end", "INTEGER"),
        ("evidence", "VARCHAR"),
        ("evidence_start", "INTEGER"),
        ("evidence_end", "INTEGER"),
        ("confidence", "DOUBLE"),
        ("negated", "BOOLEAN"),
        ("extra", "JSON"),
        ("cluster_id", "VARCHAR"),  # NULL for negated events
    ],
    "quotes": [
        ("doc_id", "VARCHAR"),
        ("idx", "INTEGER"),
        *_actor("speaker"),
        ("cue_text", "VARCHAR"),
        ("cue_start", "INTEGER"),
        ("cue_end", "INTEGER"),
        ("content_text", "VARCHAR"),
        ("content_start", "INTEGER"),
        ("content_end", "INTEGER"),
        ("direct", "BOOLEAN"),
        *_actor("speaker_actor"),  # who the local speaker mention resolves to (schema 3)
    ],
    "times": [
        ("doc_id", "VARCHAR"),
        ("idx", "INTEGER"),
        ("text", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("type", "VARCHAR"),
        ("value", "VARCHAR"),
    ],
    "places": [
        ("doc_id", "VARCHAR"),
        ("idx", "INTEGER"),
        ("text", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("name", "VARCHAR"),
        ("country", "VARCHAR"),
        ("lat", "DOUBLE"),
        ("lon", "DOUBLE"),
        ("feature", "VARCHAR"),
        ("geonameid", "BIGINT"),
    ],
    # inputs that could not be read or annotated; (origin, reason) is unique
    "rejects": [
        ("origin", "VARCHAR"),
        ("doc_id", "VARCHAR"),
        ("hash", "VARCHAR"),
        ("code", "VARCHAR"),  # E0xx code when known
        ("reason", "VARCHAR"),
        ("rejected_at", "TIMESTAMP"),
    ],
}

# Tables written by ingest, in insert order (documents last: its row marks a document as done).
DATA_TABLES = ("entities", "actors", "actor_observations", "events", "quotes", "times", "places")

INDEXES = (
    "CREATE UNIQUE INDEX IF NOT EXISTS documents_hash ON documents(hash)",
    "CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id)",
    "CREATE INDEX IF NOT EXISTS events_cluster ON events(cluster_id)",
)

# One row per reported event: the mentions merged by eventwire.clusters. Every aggregate is
# deterministic: ties are broken by an explicit order (DuckDB's arg_min/mode/any_value pick any
# of the tied rows otherwise, and a different one from run to run on large, parallel scans).
# The representative ("first") mention is the earliest by event date, publication date, document
# and position; the best evidence the most confident, then the earliest in its document.
FIRST = "(e.date_sort, e.pub_date, e.doc_id, e.idx)"
BEST = "(-coalesce(e.confidence, 0), e.idx, e.pub_date, e.doc_id)"
CLUSTER_COLUMNS = f"""
    e.cluster_id,
    arg_min(e.event_id, {FIRST}) AS first_event_id,
    arg_min(e.event_id, {BEST}) AS best_event_id,
    arg_min(e.evidence, {BEST}) AS best_evidence,
    arg_min(e.source_country, {FIRST}) AS source_country,
    arg_min(e.source_sector, {FIRST}) AS source_sector,
    arg_min(e.target_country, {FIRST}) AS target_country,
    arg_min(e.target_sector, {FIRST}) AS target_sector,
    mode(e.source_code ORDER BY e.source_code) AS source_code,
    mode(e.target_code ORDER BY e.target_code) AS target_code,
    arg_min(e.cameo_root, {FIRST}) AS cameo_root,
    mode(e.cameo ORDER BY e.cameo) AS cameo,
    mode(e.plover ORDER BY e.plover) AS plover,
    min(e.quad_class) AS quad_class,
    avg(e.goldstein) AS goldstein,
    min(e.date) AS event_date,
    max(e.date) AS event_date_last,
    min(e.pub_date) AS first_seen,
    max(e.pub_date) AS last_seen,
    count(*) AS num_mentions,
    count(DISTINCT coalesce(e.doc_source, e.doc_id)) AS num_sources,
    count(DISTINCT e.doc_id) AS num_articles,
    arg_min(e.loc_name, {FIRST}) AS loc_name,
    arg_min(e.loc_country, {FIRST}) AS loc_country,
    avg(e.loc_lat) AS loc_lat,
    avg(e.loc_lon) AS loc_lon,
    max(e.confidence) AS confidence
"""
EVENT_CLUSTERS_VIEW = f"""
CREATE OR REPLACE VIEW event_clusters AS
SELECT
{CLUSTER_COLUMNS}
FROM (SELECT *, coalesce(date, pub_date) AS date_sort FROM events) e
WHERE e.cluster_id IS NOT NULL
GROUP BY e.cluster_id
"""


def cluster_rows(source: str) -> str:
    """The rows of event_clusters for the rows of ``source`` (events, or a copy of its
    MEMBER_COLUMNS) matching ``{where}`` (a placeholder left in: ``true`` for every cluster)."""
    return f"""
SELECT
{CLUSTER_COLUMNS}
FROM (SELECT *, coalesce(date, pub_date) AS date_sort FROM {source} WHERE {{where}}) e
WHERE e.cluster_id IS NOT NULL
GROUP BY e.cluster_id
"""


CLUSTER_ROWS = cluster_rows("events")
# schema 4: the table that replaces the view (same columns, same values)
EVENT_CLUSTERS_TABLE = (
    "DROP VIEW IF EXISTS event_clusters",
    "CREATE TABLE event_clusters AS " + CLUSTER_ROWS.format(where="true"),
    "CREATE INDEX IF NOT EXISTS event_clusters_id ON event_clusters(cluster_id)",
)

# The pre-aggregate behind the counts at scale (schema 5): one row per (reported event, day of
# its counted mentions), maintained with event_clusters (the rows of the clusters a batch
# touches are recomputed). ``uniform``: every counted mention of the cluster has the same
# CLUSTER_DIMS (then the row carries them); the queries read the other clusters from
# ``events``. Per day: ``n_day`` mentions, ``gs_day``/``gn_day`` the sum and count of their
# Goldstein scores; ``anchor`` and ``win`` the cluster's anchor date and window (as
# clusters.ClusterState keeps them); per unit (week, month, year, all): the same sums over the cluster's
# mentions in that period and ``d1_<unit>`` their last day, on the period's first row only
# (NULL on the others), so that a scan of these rows counts each cluster once per period.
CLUSTER_DIMS = (
    "source_code", "source_country", "source_sector", "source_name",
    "target_code", "target_country", "target_sector", "target_name",
    "cameo_root", "quad_class", "loc_name", "loc_country", "loc_text", "loc_lat", "loc_lon",
)  # fmt: skip
CLUSTER_UNITS = ("week", "month", "year", "all")


def _unit_columns(unit: str) -> str:
    w = f"w_{unit}"
    first = f"row_number() OVER ({w} ORDER BY d.day NULLS LAST) = 1"
    return _SEP.join(
        f"CASE WHEN {first} THEN {cast}{agg} OVER {w}{end} END AS {name}_{unit}"
        for agg, name, cast, end in (
            ("sum(d.n)", "n", "CAST(", " AS BIGINT)"),
            ("sum(d.gs)", "gs", "", ""),
            ("sum(d.gn)", "gn", "CAST(", " AS BIGINT)"),
            ("max(d.day)", "d1", "", ""),
        )
    )


def _window(unit: str) -> str:
    part = "d.cluster_id" if unit == "all" else f"d.cluster_id, date_trunc('{unit}', d.day)"
    return f"w_{unit} AS (PARTITION BY {part})"


# the actor at sector level (filters.actor_expr), kept per cluster: a string built per row otherwise
SECTOR_ACTORS = {
    f"{role}_sector_actor": actor_expr(role, "sector") for role in ("source", "target")
}
_DIMS = ", ".join(
    [*(f"e.{c}" for c in CLUSTER_DIMS), *(f"{x} AS {c}" for c, x in SECTOR_ACTORS.items())]
)
# clusters.window_days in SQL: a cluster's date window and anchor (the earliest date of its most
# precisely dated members) are kept per cluster, for ingest to find the clusters a mention may
# join (Store._cluster_states)
_WINDOW = (
    "CASE coalesce(date_precision, '') "
    + " ".join(f"WHEN '{p}' THEN {d}" for p, d in sorted(WINDOW_DAYS.items()))
    + f" ELSE {DEFAULT_WINDOW} END"
)
_SEP = ",\n    "
_UNIT_COLUMNS = _SEP.join(_unit_columns(u) for u in CLUSTER_UNITS)

# schema 9: ``join_key``, on a dated cluster's first row, is where ingest looks the cluster up
# when a mention may join it (Store._cluster_states, through an index: not a scan of every
# cluster). It is the cluster's key (clusters.cluster_key: the actors at country and sector
# level and the CAMEO root) with the bucket of its anchor date for its window's class: a class
# (W, B) holds the clusters whose window is at most W days, bucketed by B days since 0001-01-01.
# A mention dated d with a window of w days can join a cluster of that class only if its anchor
# is within max(W, w) days of d (clusters.ClusterState.distance), so it looks up the buckets
# (d - R) // B to (d + R) // B, R = max(W, w) (:func:`join_keys`); the window is checked after.
JOIN_CLASSES = ((7, 32), (92, 184), (MAX_WINDOW, 732))
_JOIN_SEP = "\x1f"
JOIN_KEY_COLUMNS = (
    "coalesce({t}source_country, {t}source_code, '')",
    "coalesce({t}source_sector, '')",
    "coalesce({t}target_country, {t}target_code, '')",
    "coalesce({t}target_sector, '')",
    "coalesce({t}cameo_root, '')",
)


def _join_key_sql(t: str, anchor: str, win: str) -> str:
    """The ``join_key`` of a cluster whose key columns are ``{t}source_country`` ... and
    whose anchor and window are ``anchor`` and ``win``."""
    days = f"date_diff('day', DATE '0001-01-01', {anchor})"
    *first, (_, last) = JOIN_CLASSES
    cases = " ".join(
        f"WHEN {win} <= {w} THEN '{i}:' || ({days} // {b})" for i, (w, b) in enumerate(first)
    )
    bucket = f"CASE {cases} ELSE '{len(first)}:' || ({days} // {last}) END"
    key = ", ".join(c.format(t=t) for c in JOIN_KEY_COLUMNS)
    return f"concat_ws(chr({ord(_JOIN_SEP)}), {key}, {bucket})"


def join_keys(key: tuple[str, ...], day: dt.date, window: int) -> Iterator[str]:
    """The ``join_key`` values of the clusters a mention of ``key`` dated ``day`` with a window
    of ``window`` days may join (with others: the anchors are checked after)."""
    d = day.toordinal() - 1  # days since 0001-01-01
    for i, (w, b) in enumerate(JOIN_CLASSES):
        reach = max(w, window)
        for bucket in range((d - reach) // b, (d + reach) // b + 1):
            yield _JOIN_SEP.join((*key, f"{i}:{bucket}"))


def cluster_days_rows(source: str) -> str:
    """The rows of cluster_days for the rows of ``source`` (events, or a copy of its
    MIXED_COLUMNS) matching ``{where}`` (a placeholder left in, as in CLUSTER_ROWS)."""
    return f"""
WITH m AS (
    SELECT e.cluster_id, coalesce(e.date, e.pub_date) AS day, e.date AS own_date, e.doc_id,
           e.goldstein, e.date_precision, {_DIMS}
    FROM {source} e
    WHERE ({{where}}) AND e.cluster_id IS NOT NULL AND NOT coalesce(e.negated, false)
), k AS (
    SELECT cluster_id, count(DISTINCT row({", ".join(CLUSTER_DIMS)})) = 1 AS uniform,
           {", ".join(f"min({c}) AS {c}" for c in (*CLUSTER_DIMS, *SECTOR_ACTORS))},
           count(DISTINCT doc_id) AS num_articles, count(*) AS num_mentions,
           min(own_date) AS event_date,
           min(struct_pack(w := {_WINDOW}, d := own_date)) FILTER (own_date IS NOT NULL) AS aw
    FROM m GROUP BY cluster_id
), d AS (
    SELECT cluster_id, day, count(*) AS n, sum(goldstein) AS gs, count(goldstein) AS gn
    FROM m GROUP BY cluster_id, day
)
SELECT d.cluster_id, d.day AS date, k.uniform,
    {", ".join(f"k.{c}" for c in (*CLUSTER_DIMS, *SECTOR_ACTORS))},
    k.num_articles, k.num_mentions, k.event_date, k.aw.d AS anchor, k.aw.w AS win,
    d.n AS n_day, d.gs AS gs_day, d.gn AS gn_day,
    {_UNIT_COLUMNS},
    CASE WHEN row_number() OVER (w_all ORDER BY d.day NULLS LAST) = 1 AND k.aw.d IS NOT NULL
         THEN {_join_key_sql("k.", "k.aw.d", "k.aw.w")} END AS join_key
FROM d JOIN k USING (cluster_id)
WINDOW {", ".join(_window(u) for u in CLUSTER_UNITS)}
"""


CLUSTER_DAYS_ROWS = cluster_days_rows("events")
CLUSTER_DAYS_TABLE = (
    "CREATE TABLE IF NOT EXISTS cluster_days AS "
    + CLUSTER_DAYS_ROWS.format(where="true")
    + " ORDER BY date, cluster_id",
)
# schema 8: the counted mentions of the clusters that are not uniform (``cluster_days.uniform``
# false: about 1 % of real clusters), with the columns of events that the counts over them read
# (aggregates.cluster_rows, the actor rankings), so that the counts group these rows instead of
# scanning events for them. Kept with cluster_days: the rows of the clusters a batch touches are
# replaced (Store.refresh_clusters); rebuilt with it.
MIXED_COLUMNS = (
    "cluster_id", "doc_id", "date", "pub_date", "date_precision", "goldstein", "negated",
    *CLUSTER_DIMS,
)  # fmt: skip


def mixed_mention_rows(source: str, days: str) -> str:
    """The rows of ``mixed_mentions`` among the counted rows of ``source`` (events, or a copy
    of its MIXED_COLUMNS) whose cluster is not uniform in ``days`` (rows of cluster_days)."""
    return f"""
SELECT {", ".join(f"e.{c}" for c in MIXED_COLUMNS)} FROM {source} e
WHERE {COUNTED} AND e.cluster_id IN (SELECT cluster_id FROM {days} WHERE NOT uniform)"""


MIXED_MENTIONS_TABLE = (
    "CREATE TABLE IF NOT EXISTS mixed_mentions AS "
    + mixed_mention_rows("events", "cluster_days")
    + " ORDER BY cluster_id",
)
# the columns of events that the rows of event_clusters, cluster_days and mixed_mentions read:
# a write copies its clusters' mentions once (store.maintain)
MEMBER_COLUMNS = tuple(
    dict.fromkeys(
        (
            "event_id", "idx", "evidence", "confidence", "doc_source", "cameo", "plover",
            *MIXED_COLUMNS,
        )
    )
)  # fmt: skip
# schema 8: a write reads the stored rows of what it touches through these, not by a scan
WRITE_INDEXES = (
    "CREATE INDEX IF NOT EXISTS documents_doc ON documents(doc_id)",
    "CREATE INDEX IF NOT EXISTS cluster_days_cluster ON cluster_days(cluster_id)",
)
# schema 9: ingest finds the clusters a mention may join through this (Store._cluster_states)
JOIN_INDEX = ("CREATE INDEX IF NOT EXISTS cluster_days_join ON cluster_days(join_key)",)
# the migration: cluster_days copied with the keys (an UPDATE leaves DuckDB unable to index the
# table in the same transaction), its indexes made again
CLUSTER_DAYS_JOIN_KEY = (
    "CREATE OR REPLACE TABLE _ew_cluster_days AS SELECT COLUMNS(lambda c: c <> 'join_key'), "
    "CASE WHEN n_all IS NOT NULL AND anchor IS NOT NULL "
    f"THEN {_join_key_sql('', 'anchor', 'win')} END AS join_key "
    "FROM cluster_days ORDER BY date, cluster_id",
    "DROP TABLE cluster_days",
    "ALTER TABLE _ew_cluster_days RENAME TO cluster_days",
    *(sql for sql in WRITE_INDEXES if " ON cluster_days(" in sql),
    *JOIN_INDEX,
)
# schema 7: the actor rankings' pre-aggregate (queries.top_actors with no filter but a CAMEO root
# or quad class): per level, side, actor, name, root and quad class, the uniform clusters of
# cluster_days counted as top_actors counts them (``ev`` clusters, ``m`` mentions, ``m_self`` the
# mentions of clusters whose two sides are that actor, ``gs``/``gc`` the sum and count of the
# clusters' mean Goldstein scores); side 1 (target) leaves out the clusters whose source is the
# same actor. A sum over the clusters: kept up to date at ingest by adding the rows a batch makes
# in cluster_days and subtracting those it replaces (aggregates.update_actor_ranks).
ACTOR_RANK_LEVELS = ("country", "actor", "sector")
ACTOR_RANK_KEYS = ("level", "side", "actor", "name", "cameo_root", "quad_class")


def _actor_rank_side_rows(level: str, source: str) -> str:
    s, t = (
        f"e.{role}_sector_actor" if level == "sector" else actor_expr(role, level)
        for role in ("source", "target")
    )
    return f"""
    SELECT '{level}' AS level, e.cameo_root, e.quad_class, e.n_all AS n,
           CASE WHEN e.gn_all > 0 THEN e.gs_all / e.gn_all END AS g, {s} AS sa, {t} AS ta,
           CASE WHEN e.source_code = {s} THEN e.source_name END AS name_s,
           CASE WHEN e.target_code = {t} THEN e.target_name END AS name_t
    FROM {source} e WHERE e.uniform AND e.n_all IS NOT NULL"""


def actor_rank_rows(source: str) -> str:
    """The rows of ``actor_ranks`` for the ``cluster_days`` rows of ``source`` (a table)."""
    x = " UNION ALL ".join(_actor_rank_side_rows(lv, source) for lv in ACTOR_RANK_LEVELS)
    return f"""
WITH x AS ({x})
SELECT level, CAST(0 AS TINYINT) AS side, sa AS actor,
       coalesce(name_s, CASE WHEN sa = ta THEN name_t END) AS name, cameo_root, quad_class,
       CAST(count(*) AS BIGINT) AS ev, CAST(sum(n) AS BIGINT) AS m,
       CAST(sum(n) FILTER (sa = ta) AS BIGINT) AS m_self, sum(g) AS gs,
       CAST(count(g) AS BIGINT) AS gc
FROM x WHERE sa IS NOT NULL GROUP BY ALL
UNION ALL
SELECT level, CAST(1 AS TINYINT), ta, name_t, cameo_root, quad_class, CAST(count(*) AS BIGINT),
       CAST(sum(n) AS BIGINT), CAST(NULL AS BIGINT), sum(g), CAST(count(g) AS BIGINT)
FROM x WHERE ta IS NOT NULL AND sa IS DISTINCT FROM ta GROUP BY ALL"""


ACTOR_RANKS_TABLE = (
    "CREATE TABLE IF NOT EXISTS actor_ranks AS " + actor_rank_rows("cluster_days"),
)
# the word index of the evidence sentences (store.textindex; filled by the store when created)
TEXT_INDEX_TABLES = (
    "CREATE TABLE IF NOT EXISTS text_vocab (token VARCHAR, id INTEGER)",
    "CREATE TABLE IF NOT EXISTS text_postings (id INTEGER, r BIGINT, day DATE, neg BOOLEAN)",
    "CREATE TABLE IF NOT EXISTS text_index_state (next_rowid BIGINT)",
)
# schema 6: the same index of the documents' title and text and of the quotes' content (the
# publication date of the document as the day); text_index_state keeps where each one is
DOC_INDEX_TABLES = (
    "CREATE TABLE IF NOT EXISTS doc_postings (id INTEGER, r BIGINT, day DATE)",
    "CREATE TABLE IF NOT EXISTS quote_postings (id INTEGER, r BIGINT, day DATE)",
    "ALTER TABLE text_index_state ADD COLUMN IF NOT EXISTS next_doc BIGINT",
    "ALTER TABLE text_index_state ADD COLUMN IF NOT EXISTS next_quote BIGINT",
)


def create_table_sql(name: str) -> str:
    cols = ",\n    ".join(f'"{c}" {t}' for c, t in TABLES[name])
    return f"CREATE TABLE IF NOT EXISTS {name} (\n    {cols}\n)"


def _arrow_type(duck: str) -> pa.DataType:
    import pyarrow as pa

    if duck.endswith("[]"):
        return pa.list_(_arrow_type(duck[:-2]))
    return {
        "VARCHAR": pa.string(),
        "JSON": pa.string(),
        "INTEGER": pa.int32(),
        "BIGINT": pa.int64(),
        "TINYINT": pa.int8(),
        "DOUBLE": pa.float64(),
        "BOOLEAN": pa.bool_(),
        "DATE": pa.date32(),
        "TIMESTAMP": pa.timestamp("us"),
    }[duck]


@cache
def arrow_schema(name: str) -> pa.Schema:
    """The Arrow schema of a table: batches are built with it and inserted in one statement."""
    import pyarrow as pa

    return pa.schema([(c, _arrow_type(t)) for c, t in TABLES[name]])


def columns(name: str) -> tuple[str, ...]:
    return tuple(c for c, _ in TABLES[name])


def create_statements() -> list[str]:
    """Statements that create a fresh database at :data:`SCHEMA_VERSION`."""
    return [
        *(create_table_sql(name) for name in TABLES),
        *INDEXES,
        *EVENT_CLUSTERS_TABLE,
        *CLUSTER_DAYS_TABLE,
        *ACTOR_RANKS_TABLE,
        *MIXED_MENTIONS_TABLE,
        *WRITE_INDEXES,
        *JOIN_INDEX,
        *TEXT_INDEX_TABLES,
        *DOC_INDEX_TABLES,
    ]


# version -> statements that bring an existing database from version-1 to version (ALTER TABLE,
# CREATE OR REPLACE VIEW ...). Append only; a fresh database is created at the latest version by
# create_statements() and never replays them.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    2: (EVENT_CLUSTERS_VIEW,),  # event_clusters: ties broken deterministically
    3: tuple(  # quotes.speaker_actor_*: the resolved speaker beside the local mention
        f'ALTER TABLE quotes ADD COLUMN IF NOT EXISTS "{column}" {duck}'
        for column, duck in _actor("speaker_actor")
    ),
    4: EVENT_CLUSTERS_TABLE,  # event_clusters: a table maintained at ingest instead of a view
    # cluster_days: the pre-aggregate of the counts (store.aggregates); the evidence word index
    5: (*CLUSTER_DAYS_TABLE, *TEXT_INDEX_TABLES),
    6: DOC_INDEX_TABLES,  # the word index of documents and quotes (store.textindex)
    7: ACTOR_RANKS_TABLE,  # actor_ranks: the pre-aggregate of the actor rankings
    # mixed_mentions: the mentions of the clusters that are not uniform; indexes for writes
    8: (*MIXED_MENTIONS_TABLE, *WRITE_INDEXES),
    9: CLUSTER_DAYS_JOIN_KEY,  # cluster_days.join_key: ingest looks the clusters up by key
}

VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER NOT NULL,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)
"""
