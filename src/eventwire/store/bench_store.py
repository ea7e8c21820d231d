"""A synthetic store of N events that looks like real output, built in DuckDB SQL.

Used by ``eventwire bench store`` (:mod:`eventwire.store.bench_queries` times the queries on
it). Everything is generated set-at-a-time by SQL from a few small tables built from the
package's own data (no word lists here):

- **actors**: every country of ``data/export/countries.tsv`` alone and with each CAMEO sector
  of :data:`eventwire.export.codes.SECTOR_LABELS`, plus ``IGO`` codes; sources and targets
  are drawn log-uniformly over their ranks (a Zipf-like long tail: a few actors and dyads
  carry most events); 15% of events have no target;
- **CAMEO codes** from ``data/taxonomy/cameo.yaml`` (Zipf over the codebook order, so
  statements and consultations dominate as in real data), with their quad class, Goldstein
  score and PLOVER category;
- **clusters** of 1-30 mentions (``floor(u ** -0.7)``: mean about 3, most of size 1); about
  1 % of them *mixed* (:data:`MIXED_OF_MULTI` of those of 2+ mentions), as real output has:
  every other mention of the cluster gives the source another name (a person coded as the
  same actor), another code of the same country and sector (``RUSGOVELI``), or no place (a
  place where the others have none), keeping the cluster's key (actors at country and sector
  level, CAMEO root), so ``cluster_days.uniform`` is false for them as ingest computes it;
- **dates** over :data:`YEARS` years, 30% of clusters in one of :data:`BURSTS` bursts of a
  few days; mention dates by precision (day 60%, publication 25%, month 10%, none 5%);
- **documents** of about 3 mentions each, made of mentions published on the same day (and
  stored in publication order, as a news feed is ingested: events, documents and places in
  document order), with a
  source (Zipf over 200 agencies), a title and a text (its evidence sentences); 3% of
  mentions are negated (no cluster);
- **evidence** sentences: the actors' names around one of :data:`PHRASES` sequences of 8-17
  words drawn Zipf from a vocabulary made of the CAMEO code names and the country names;
- **places** (one per document with a located event) and **quotes** (one per five events),
  **actors** (one actor mention per event).

Randomness is a hash of the row number and a salt (and the seed), so a store is the same for
the same N and seed whatever the number of threads.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass

import duckdb

from . import aggregates, textindex
from .schema import (
    CLUSTER_DAYS_ROWS,
    CLUSTER_ROWS,
    INDEXES,
    JOIN_INDEX,
    WRITE_INDEXES,
    actor_rank_rows,
)

log = logging.getLogger(__name__)

YEARS = 6
BURSTS = 40
SOURCES = 200
PHRASES = 1 << 16
# share of the clusters of 2+ mentions (about 37 % of all) made mixed: about 1 % of all clusters,
# as real output has (0.9 % after ingesting 600 newswire articles)
MIXED_OF_MULTI = 0.027
START = "2019-01-01"
_WORD = re.compile(r"[a-z]{3,}")


@dataclass(frozen=True, slots=True)
class GeneratedStore:
    events: int
    clusters: int
    documents: int
    quotes: int
    places: int
    actors: int
    seconds: float


def _actor_rows() -> list[tuple[str, str | None, str | None, str]]:
    from ..export.codes import SECTOR_LABELS, countries

    sectors = [s for s in SECTOR_LABELS if s != "IGO"]
    rows: list[tuple[str, str | None, str | None, str]] = []
    for iso3, (_, name) in sorted(countries().items()):
        rows.append((iso3, iso3, None, name))
        rows += [(iso3 + s, iso3, s, f"{name}: {SECTOR_LABELS[s]}") for s in sectors]
    return rows


def _cameo_rows() -> list[tuple[str, str, str | None, int, float, str]]:
    from ..taxonomy import load_taxonomy

    codes = load_taxonomy().codes
    return [
        (c.code, c.root, c.plover, c.quad_class, c.goldstein, c.name)
        for c in sorted(codes.values(), key=lambda c: c.code)
        if len(c.code) >= 3
    ]


def _vocabulary() -> list[str]:
    from ..export.codes import countries

    texts = [r[5] for r in _cameo_rows()] + [name for _, name in countries().values()]
    counts: dict[str, int] = {}
    for text in texts:
        for word in _WORD.findall(text.lower()):
            counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))


def _small_tables(con: duckdb.DuckDBPyConnection) -> None:
    import pyarrow as pa

    actors = _actor_rows()
    # a fixed, hash-shuffled rank: which actors are frequent does not follow the alphabet
    con.register(
        "_bs_actor_in",
        pa.table(
            {
                "code": [a[0] for a in actors],
                "country": [a[1] for a in actors],
                "sector": [a[2] for a in actors],
                "name": [a[3] for a in actors],
            }
        ),
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _bs_actor AS SELECT row_number() OVER (ORDER BY "
        "CASE WHEN sector IS NULL THEN 0 WHEN sector IN ('GOV', 'MIL') THEN 1 ELSE 2 END, "
        "hash(code, 'rank'), code) - 1 AS k, * FROM _bs_actor_in"
    )
    cameo = _cameo_rows()
    con.register(
        "_bs_cameo_in",
        pa.table(
            {
                "cameo": [c[0] for c in cameo],
                "root": [c[1] for c in cameo],
                "plover": [c[2] for c in cameo],
                "quad": pa.array([c[3] for c in cameo], pa.int8()),
                "goldstein": [c[4] for c in cameo],
            }
        ),
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _bs_cameo AS "
        "SELECT row_number() OVER (ORDER BY cameo) - 1 AS k, * FROM _bs_cameo_in"
    )
    con.register("_bs_vocab_in", pa.table({"word": _vocabulary()}))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _bs_vocab AS SELECT list(word) AS v FROM _bs_vocab_in"
    )
    for view in ("_bs_actor_in", "_bs_cameo_in", "_bs_vocab_in"):
        con.unregister(view)


def _macros(con: duckdb.DuckDBPyConnection, seed: int) -> None:
    # u(x, salt): a uniform number in [0, 1) from the row number x; zipf(n, u): a rank in [0, n)
    con.execute(
        f"CREATE OR REPLACE TEMP MACRO u(x, salt) AS "
        f"(hash(x, salt, {int(seed)}) % 1000000007)::DOUBLE / 1000000007"
    )
    con.execute(
        "CREATE OR REPLACE TEMP MACRO zipf(n, p) AS least(n - 1, CAST(floor(pow(n, p)) AS BIGINT) - 1)"
    )


# evidence sentences: PHRASES distinct word sequences (8-17 words, Zipf over the vocabulary)
_PHRASES_SQL = """
CREATE OR REPLACE TEMP TABLE _bs_phrases AS
SELECT range AS k, array_to_string(list_transform(range(8 + range % 10),
           lambda w: v.v[zipf(len(v.v), u(range * 32 + w, 27)) + 1]), ' ') AS text
FROM range({phrases}), _bs_vocab v
"""

_CLUSTERS_SQL = """
CREATE OR REPLACE TEMP TABLE _bs_clusters AS
WITH s AS (
    SELECT c, CASE WHEN raw <= 30 THEN CAST(raw AS INTEGER) ELSE 1 + CAST(floor(u(c, 12) * 30) AS INTEGER) END AS size
    FROM (SELECT range AS c, floor(pow(greatest(u(range, 1), 1e-9), -0.7)) AS raw FROM range($n_clusters))
)
SELECT c, size, CAST(sum(size) OVER (ORDER BY c) - size AS BIGINT) AS first_row,
       zipf($n_actors, u(c, 2)) AS src_k,
       CASE WHEN u(c, 3) < 0.15 THEN NULL ELSE zipf($n_actors, u(c, 4)) END AS tgt_k,
       zipf($n_cameo, u(c, 5)) AS cameo_k,
       DATE '{start}' + CAST(CASE WHEN u(c, 6) < 0.3
            THEN floor(u(CAST(floor(u(c, 7) * {bursts}) AS BIGINT), 8) * $span) + floor(u(c, 9) * 4)
            ELSE floor(u(c, 10) * $span) END AS INTEGER) AS cdate,
       u(c, 11) < 0.6 AS located,
       CASE WHEN size >= 2 AND u(c, 13) < {mixed} THEN 1 + CAST(floor(u(c, 14) * 3) AS INTEGER)
            ELSE 0 END AS mixed
FROM s
"""

# mentions in the order of the events table (document, position), with their publication day
# (the document's first day) and position: the wide events rows are then made in that order,
# without a sort
_MENTIONS_SQL = """
CREATE OR REPLACE TEMP TABLE _bs_mentions AS
WITH m AS (
    SELECT c.*, c.first_row + r.m AS i, r.m AS m
    FROM _bs_clusters c, LATERAL (SELECT unnest(range(c.size)) AS m) r
    WHERE c.first_row + r.m < $n
), d AS (
    SELECT *, cdate + CAST(floor(u(i, 20) * 2) AS INTEGER) AS day FROM m
), o AS (
    SELECT *, (row_number() OVER (ORDER BY day, hash(i, 'doc')) - 1) // 3 AS doc_no FROM d
)
SELECT *, min(day) OVER (PARTITION BY doc_no) AS pub,
       row_number() OVER (PARTITION BY doc_no ORDER BY i) - 1 AS pos
FROM o ORDER BY doc_no, pos
"""
# the small tables as lists, indexed by their key (k + 1): lookups that keep the rows' order
_LOOKUPS_SQL = """
CREATE OR REPLACE TEMP TABLE _bs_lookup AS
SELECT (SELECT list(struct_pack(code, country, sector, name) ORDER BY k) FROM _bs_actor) AS actors,
       (SELECT list(struct_pack(cameo, root, plover, quad, goldstein) ORDER BY k) FROM _bs_cameo)
           AS cameos,
       (SELECT list(text ORDER BY k) FROM _bs_phrases) AS phrases,
       (SELECT v FROM _bs_vocab) AS v
"""

_EVENTS_SQL = """
INSERT INTO events BY NAME
WITH x AS (
    SELECT m.*, u(m.i, 21) AS pu, u(m.i, 22) < 0.03 AS neg, l.actors[m.src_k + 1] AS s,
           l.actors[m.tgt_k + 1] AS t, l.cameos[m.cameo_k + 1] AS k,
           CASE WHEN m.m % 2 = 1 THEN m.mixed ELSE 0 END AS vary,
           m.located <> (m.m % 2 = 1 AND m.mixed = 2) AS loc,
           l.phrases[CAST(hash(m.i, 'phrase', $seed) % {phrases} AS BIGINT) + 1] AS ph, l.v AS v
    FROM _bs_mentions m, _bs_lookup l
)
SELECT printf('e%015x', hash(x.i, 'event', $seed)) AS event_id,
       printf('doc%09d', x.doc_no) AS doc_id,
       CAST(x.pos AS INTEGER) AS idx, CAST(x.pos AS INTEGER) AS sentence_index,
       s.name AS source_text, 0 AS source_start, length(s.name) AS source_end,
       s.code || CASE WHEN x.vary = 3 AND s.country IS NOT NULL THEN 'ELI' ELSE '' END
           AS source_code,
       s.country AS source_country, s.sector AS source_sector,
       CASE WHEN x.vary = 1 THEN printf('Official %d', x.c % 997) ELSE s.name END AS source_name,
       t.name AS target_text, 0 AS target_start, length(t.name) AS target_end,
       t.code AS target_code, t.country AS target_country, t.sector AS target_sector,
       t.name AS target_name,
       k.cameo, k.root AS cameo_root, k.plover, k.quad AS quad_class, k.goldstein,
       CASE WHEN x.pu < 0.05 THEN NULL ELSE x.cdate END AS date,
       CASE WHEN x.pu < 0.05 THEN NULL WHEN x.pu < 0.15 THEN strftime(x.cdate, '%Y-%m')
            ELSE strftime(x.cdate, '%Y-%m-%d') END AS date_value,
       CASE WHEN x.pu < 0.05 THEN NULL WHEN x.pu < 0.15 THEN 'month'
            WHEN x.pu < 0.40 THEN 'publication' ELSE 'day' END AS date_precision,
       x.pub AS pub_date, printf('source-%03d', zipf({sources}, u(x.doc_no, 23))) AS doc_source,
       CASE WHEN x.loc THEN coalesce(t.name, s.name) END AS loc_text,
       CASE WHEN x.loc THEN coalesce(t.country, s.country) END AS loc_country,
       CASE WHEN x.loc THEN coalesce(t.name, s.name) END AS loc_name,
       CASE WHEN x.loc THEN round(u(hash(coalesce(t.country, s.country)), 24) * 120 - 50, 4) END AS loc_lat,
       CASE WHEN x.loc THEN round(u(hash(coalesce(t.country, s.country)), 25) * 340 - 170, 4) END AS loc_lon,
       CASE WHEN x.loc THEN 'country' END AS loc_feature,
       v[zipf(len(v), u(x.i, 26)) + 1] AS trigger_text,
       s.name || ' ' || ph || coalesce(' ' || t.name, '') AS evidence,
       0 AS evidence_start, 0 AS evidence_end,
       round(0.3 + 0.7 * u(x.i, 28), 3) AS confidence, x.neg AS negated,
       CASE WHEN x.neg THEN NULL ELSE printf('c%015x', hash(x.c, 'cluster', $seed)) END AS cluster_id
FROM x
"""

_DOCUMENTS_SQL = """
INSERT INTO documents BY NAME
SELECT doc_id, md5(doc_id) AS hash, min(pub_date) AS date, any_value(doc_source) AS source,
       NULL AS dateline, array_to_string(list_slice(string_split(min(evidence), ' '), 1, 8), ' ')
           AS title,
       'https://example.org/' || doc_id AS url, '-' AS origin, 0 AS body_start,
       CAST(sum(length(evidence) + 1) AS INTEGER) AS n_chars,
       string_agg(evidence, ' ' ORDER BY idx) AS text, TIMESTAMP '2026-01-01' AS ingested_at
FROM events GROUP BY doc_id ORDER BY doc_id
"""

_PLACES_SQL = """
INSERT INTO places BY NAME
SELECT doc_id, 0 AS idx, min(loc_text) AS text, 0 AS start, 0 AS "end", min(loc_name) AS name,
       min(loc_country) AS country, min(loc_lat) AS lat, min(loc_lon) AS lon,
       'country' AS feature, NULL AS geonameid
FROM events WHERE loc_name IS NOT NULL GROUP BY doc_id ORDER BY doc_id
"""

_QUOTES_SQL = """
INSERT INTO quotes BY NAME
SELECT doc_id, idx, source_text AS speaker_text, 0 AS speaker_start, 0 AS speaker_end,
       source_code AS speaker_code, source_country AS speaker_country,
       source_sector AS speaker_sector, source_name AS speaker_name,
       'said' AS cue_text, 0 AS cue_start, 4 AS cue_end,
       evidence AS content_text, 0 AS content_start, length(evidence) AS content_end,
       hash(event_id, 'direct') % 2 = 0 AS direct,
       source_text AS speaker_actor_text, source_code AS speaker_actor_code,
       source_country AS speaker_actor_country, source_sector AS speaker_actor_sector,
       source_name AS speaker_actor_name
FROM events WHERE hash(event_id, 'quote') % 5 = 0
"""

_ACTORS_SQL = """
INSERT INTO actors BY NAME
SELECT doc_id, idx, CASE WHEN target_code IS NOT NULL AND idx % 2 = 1 THEN 'target'
                         ELSE 'source' END AS role,
       CASE WHEN target_code IS NOT NULL AND idx % 2 = 1 THEN target_text ELSE source_text END
           AS actor_text,
       0 AS actor_start, 0 AS actor_end,
       CASE WHEN target_code IS NOT NULL AND idx % 2 = 1 THEN target_code ELSE source_code END
           AS actor_code,
       CASE WHEN target_code IS NOT NULL AND idx % 2 = 1 THEN target_country ELSE source_country END
           AS actor_country,
       CASE WHEN target_code IS NOT NULL AND idx % 2 = 1 THEN target_sector ELSE source_sector END
           AS actor_sector,
       CASE WHEN target_code IS NOT NULL AND idx % 2 = 1 THEN target_name ELSE source_name END
           AS actor_name
FROM events
"""


_CLUSTERS_TABLE_SQL = "INSERT INTO event_clusters BY NAME " + CLUSTER_ROWS.format(where="true")
_CLUSTER_DAYS_SQL = (
    "INSERT INTO cluster_days BY NAME "
    + CLUSTER_DAYS_ROWS.format(where="true")
    + " ORDER BY date, cluster_id"
)
_ACTOR_RANKS_SQL = "INSERT INTO actor_ranks " + actor_rank_rows("cluster_days")


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def generate(
    con: duckdb.DuckDBPyConnection,
    n_events: int,
    *,
    seed: int = 1,
    start: str = START,
    days: int = YEARS * 365,
) -> GeneratedStore:
    """Fills an empty store (``con`` at the current schema) with ``n_events`` events dated over
    ``days`` days from ``start``."""
    t0 = time.perf_counter()
    _macros(con, seed)
    _small_tables(con)
    n_actors, n_cameo = _count(con, "_bs_actor"), _count(con, "_bs_cameo")
    span = days
    params = {
        "n": n_events,
        "n_clusters": n_events // 2 + 10,  # mean cluster size is about 3: enough clusters
        "n_actors": n_actors,
        "n_cameo": n_cameo,
        "span": span,
        "seed": seed,
    }
    fmt = {
        "start": start,
        "bursts": BURSTS,
        "sources": SOURCES,
        "phrases": PHRASES,
        "mixed": MIXED_OF_MULTI,
    }

    def run(sql: str, *names: str) -> None:
        t = time.perf_counter()
        con.execute(sql.format(**fmt), {k: params[k] for k in names})
        log.info(
            "generate: %s %.1f s",
            sql.split()[4 if sql.lstrip().startswith("CREATE") else 2],
            time.perf_counter() - t,
        )

    run(_PHRASES_SQL)
    run(_CLUSTERS_SQL, "n_clusters", "n_actors", "n_cameo", "span")
    run(_MENTIONS_SQL, "n")
    run(_LOOKUPS_SQL)
    # an index built over the rows is much faster than one grown row by row: dropped for the
    # bulk inserts, made again after them
    for sql in (*INDEXES, *WRITE_INDEXES, *JOIN_INDEX):
        words = sql.split()
        con.execute(f"DROP INDEX IF EXISTS {words[words.index('EXISTS') + 1]}")
    con.execute("BEGIN TRANSACTION")
    run(_EVENTS_SQL, "seed")
    con.execute("DROP TABLE _bs_mentions")
    con.execute("DROP TABLE _bs_clusters")
    con.execute("DROP TABLE _bs_lookup")
    for sql in (
        _DOCUMENTS_SQL,
        _PLACES_SQL,
        _QUOTES_SQL,
        _ACTORS_SQL,
        _CLUSTERS_TABLE_SQL,
        _CLUSTER_DAYS_SQL,
        _ACTOR_RANKS_SQL,
    ):
        run(sql)
    aggregates.rebuild_mixed_mentions(con)
    t = time.perf_counter()
    for sql in (*INDEXES, *WRITE_INDEXES, *JOIN_INDEX):
        con.execute(sql)
    log.info("generate: indexes %.1f s", time.perf_counter() - t)
    con.execute("COMMIT")
    t = time.perf_counter()
    textindex.rebuild(con)
    log.info("generate: text index %.1f s", time.perf_counter() - t)
    clusters = con.execute("SELECT count(DISTINCT cluster_id) FROM events").fetchone()
    return GeneratedStore(
        events=_count(con, "events"),
        clusters=int(clusters[0]) if clusters else 0,
        documents=_count(con, "documents"),
        quotes=_count(con, "quotes"),
        places=_count(con, "places"),
        actors=_count(con, "actors"),
        seconds=time.perf_counter() - t0,
    )
