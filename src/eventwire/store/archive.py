"""A Parquet archive of the store, and reading it alongside the live store.

``eventwire export --format parquet -o DIR`` writes the archive (:func:`write_archive`):

- ``events/year=YYYY/month=M/data_0.parquet`` and ``cluster_days/year=.../month=.../``:
  the tables that grow with the dates, partitioned (Hive style) by the year and month of the
  event date (an event mention's own date, else its story's date); undated rows have their
  own partition, ``year=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__``
  (read back as NULL);
- ``<table>.parquet`` for every other table of the store (documents, event_clusters, quotes,
  entities, actors, actor_observations, times, places, rejects);
- ``manifest.json``: the archive format, the store's schema version, each table with its
  row count and path.

The archive is written into a hidden folder beside ``DIR`` and renamed into place when
complete: a reader never sees half an archive, and an older archive at ``DIR`` is replaced
only once the new one is whole.

:func:`attach` lets the query layer read an archive with a live store: on an open connection
it creates a TEMP view per archived table, named as the table, that is the live table's rows
UNION ALL the archive's (``read_parquet(..., hive_partitioning=true)``). Every query of
:mod:`~eventwire.store.queries` and :mod:`~eventwire.store.browse` and every export then
reads the union, including the pre-aggregates: ``event_clusters`` and ``cluster_days`` hold
one cluster's rows in the archive or in the live store, never in both (checked when
attaching: an archive and a store that share a document or a reported event are refused,
E307), so their union is the derived table of the union. What cannot see the archive:

- the evidence word index (``text_vocab``/``text_postings``, keyed by the rowids of the live
  ``events``): a search of the event list by its evidence text and nothing else (the one
  query that reads the index) fails with E307; the same search with any other filter (a
  date, an actor) scans the union;
- writes: the views cannot be written to (ingest and recluster open the store without an
  archive).

TEMP views belong to the connection that made them: attach on the connection that queries
(a cursor of it does not see them). The server, which hands a cursor to each request, opens
its snapshot with :func:`connect_snapshot` instead: the same views, made in an in-memory
database that attaches the snapshot read-only, so that every cursor sees them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from ..errors import Errors, StoreError
from .filters import EventFilter
from .schema import SCHEMA_VERSION

FORMAT = "eventwire-archive"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
NULL_PART = "__HIVE_DEFAULT_PARTITION__"  # DuckDB's name of the partition of NULL keys
# the tables partitioned by the year and month of this date expression
PARTITIONED = {"events": "coalesce(date, pub_date)", "cluster_days": "date"}
# every other table, one file each
WHOLE = (
    "event_clusters",
    "documents",
    "entities",
    "actors",
    "actor_observations",
    "quotes",
    "times",
    "places",
    "rejects",
)
TABLES = (*PARTITIONED, *WHOLE)
TEXT_INDEX = "text_index_state"  # read first by every search through the word index
# the archived tables are the same since this schema (6 added only the word index of documents
# and quotes, which is not archived): an archive written at any of these versions is read
SAME_TABLES_SINCE = 5


@dataclass(frozen=True, slots=True)
class Manifest:
    """What ``manifest.json`` says: the store's schema version and rows per table."""

    schema_version: int
    rows: dict[str, int]
    created_at: str

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "schema_version": self.schema_version,
            "created_at": self.created_at,
            "tables": {
                name: {
                    "rows": n,
                    "path": f"{name}/**/*.parquet" if name in PARTITIONED else f"{name}.parquet",
                    "partitioned_by": ["year", "month"] if name in PARTITIONED else [],
                }
                for name, n in self.rows.items()
            },
        }


def _lit(path: Path | str) -> str:
    """``path`` as a SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


def source_sql(directory: Path, table: str) -> str:
    """The SQL reading ``table`` from the archive at ``directory`` (without partition keys)."""
    if table in PARTITIONED:
        files = _lit(directory / table / "**" / "*.parquet")
        return f"SELECT * EXCLUDE (year, month) FROM read_parquet({files}, hive_partitioning=true)"
    return f"SELECT * FROM read_parquet({_lit(directory / f'{table}.parquet')})"


# -- writing ---------------------------------------------------------------------------------
def _selections(flt: EventFilter) -> tuple[dict[str, str], list[Any]]:
    """The SELECT of each table (``?`` parameters in table order): the events matching ``flt``
    (negated ones included) and the rows of their clusters; other tables whole."""
    where, params = dataclasses.replace(flt, include_negated=True).where()
    clusters = f"cluster_id IN (SELECT e.cluster_id FROM events e WHERE {where})"
    if flt == EventFilter():
        return {t: f"SELECT * FROM {t}" for t in TABLES}, []
    sql = {t: f"SELECT * FROM {t}" for t in TABLES}
    sql["events"] = f"SELECT e.* FROM events e WHERE {where}"
    sql["cluster_days"] = f"SELECT * FROM cluster_days WHERE {clusters}"
    sql["event_clusters"] = f"SELECT * FROM event_clusters WHERE {clusters}"
    return sql, list(params)


def _partition_keys(date: str) -> str:
    return f"year({date}) AS year, month({date}) AS month"


def _write_table(
    con: duckdb.DuckDBPyConnection, out: Path, table: str, select: str, params: list[Any]
) -> int:
    if table in PARTITIONED:
        keyed = f"SELECT t.*, {_partition_keys(PARTITIONED[table])} FROM ({select}) t"
        target = out / table
        options = "FORMAT parquet, PARTITION_BY (year, month)"
    else:
        keyed, target, options = select, out / f"{table}.parquet", "FORMAT parquet"
    row = con.execute(f"COPY ({keyed}) TO {_lit(target)} ({options})", params).fetchone()
    return int(row[0]) if row else 0


def write_archive(
    con: duckdb.DuckDBPyConnection,
    out_dir: str | Path,
    flt: EventFilter | None = None,
    *,
    now: dt.datetime | None = None,
) -> Manifest:
    """Writes the archive of the store on ``con`` to ``out_dir`` (see the module), the events
    matching ``flt`` and their clusters (every table whole without a filter), atomically. An
    existing ``out_dir`` is replaced when it is an archive or empty; E307 otherwise."""
    out = Path(out_dir)
    if out.exists() and (
        not out.is_dir() or (any(out.iterdir()) and not (out / MANIFEST).is_file())
    ):
        raise StoreError(Errors.E307, path=str(out), reason="exists and is not an archive")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        selects, params = _selections(flt or EventFilter())
        rows: dict[str, int] = {}
        for table in TABLES:
            used = params if "?" in selects[table] else []
            rows[table] = _write_table(con, tmp, table, selects[table], used)
            if table in PARTITIONED and rows[table] == 0:  # no rows, no partition: one empty
                empty = tmp / table / f"year={NULL_PART}" / f"month={NULL_PART}"  # file, to read
                empty.mkdir(parents=True)
                target = _lit(empty / "data_0.parquet")
                con.execute(f"COPY (SELECT * FROM {table} LIMIT 0) TO {target} (FORMAT parquet)")
        stamp = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
        manifest = Manifest(SCHEMA_VERSION, rows, stamp)
        (tmp / MANIFEST).write_text(json.dumps(manifest.to_json(), indent=2) + "\n")
        _swap_in(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


def _swap_in(tmp: Path, out: Path) -> None:
    """Renames the complete archive ``tmp`` to ``out``, the old one (if any) set aside first
    and removed after."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.{os.getpid()}.old")
        os.replace(out, old)
    try:
        os.replace(tmp, out)
    except BaseException:
        if old is not None:
            os.replace(old, out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# -- reading ---------------------------------------------------------------------------------
def read_manifest(directory: str | Path) -> Manifest:
    """The archive's manifest; E307 when it is missing, unreadable or of another schema."""
    path = Path(directory) / MANIFEST
    try:
        data = json.loads(path.read_text())
        tables = data["tables"]
        manifest = Manifest(
            int(data["schema_version"]),
            {str(k): int(v["rows"]) for k, v in tables.items()},
            str(data.get("created_at", "")),
        )
        fmt = data.get("format")
    except FileNotFoundError as exc:
        raise StoreError(
            Errors.E307, path=str(directory), reason="no manifest.json (not an archive)"
        ) from exc
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StoreError(Errors.E307, path=str(directory), reason=f"bad manifest: {exc}") from exc
    if fmt != FORMAT or set(manifest.rows) != set(TABLES):
        raise StoreError(Errors.E307, path=str(directory), reason="not an eventwire archive")
    if not SAME_TABLES_SINCE <= manifest.schema_version <= SCHEMA_VERSION:
        raise StoreError(
            Errors.E307,
            path=str(directory),
            reason=f"written at store schema {manifest.schema_version}, this eventwire reads "
            f"{SCHEMA_VERSION}: export it again from a store at schema {SCHEMA_VERSION}",
        )
    return manifest


def attach(con: duckdb.DuckDBPyConnection, directory: str | Path) -> Manifest:
    """Makes every query on ``con`` read the archive at ``directory`` with the live store:
    each archived table becomes a TEMP view of its live rows UNION ALL the archive's (see the
    module for what does not). E307 when the archive is not one, or shares documents or
    reported events with the live store."""
    row = con.execute("SELECT current_database()").fetchone()
    return _create_views(con, Path(directory).resolve(), str(row[0] if row else "memory"), "TEMP")


def connect_snapshot(
    path: str | os.PathLike[str], directory: str | os.PathLike[str], *, config: dict[str, Any]
) -> duckdb.DuckDBPyConnection:
    """A connection whose every cursor reads the store file ``path`` (read-only) with the
    archive at ``directory``: an in-memory database of views over them (views of every live
    table, the archived ones united with the archive's rows, as :func:`attach` makes). Then
    ``config`` is set (the server's: no file access but the archive's folder, settings
    locked)."""
    root = Path(directory).resolve()
    con = duckdb.connect(":memory:")
    try:
        try:
            con.execute(f"ATTACH {_lit(Path(path))} AS live (READ_ONLY)")
        except duckdb.Error as exc:
            raise StoreError(Errors.E301, path=str(path), reason=str(exc).splitlines()[0]) from exc
        _create_views(con, root, "live", "")
        archived = {*TABLES, TEXT_INDEX}
        for (table,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'live'"
        ).fetchall():
            if table not in archived:
                con.execute(f'CREATE VIEW "{table}" AS SELECT * FROM live.main."{table}"')
        con.execute("SET allowed_directories = ?", [[f"{root}{os.sep}"]])
        for name, value in sorted(config.items(), key=lambda kv: kv[0] == "lock_configuration"):
            con.execute(f"SET {name} = ?", [value])
    except BaseException:
        con.close()
        raise
    return con


def _create_views(con: duckdb.DuckDBPyConnection, root: Path, live: str, kind: str) -> Manifest:
    manifest = read_manifest(root)
    db = '"' + live.replace('"', '""') + '"'
    _check_disjoint(con, db, root)
    try:
        for table in TABLES:
            con.execute(
                f"CREATE OR REPLACE {kind} VIEW {table} AS "
                f"SELECT * FROM {db}.main.{table} UNION ALL BY NAME {source_sql(root, table)}"
            )
        refusal = Errors.E307.fmt(
            path=str(root),
            reason="the evidence word index covers the live store only: search the evidence "
            "with another filter too (a date, an actor)",
        )
        con.execute(
            f"CREATE OR REPLACE {kind} VIEW {TEXT_INDEX} AS "
            f"SELECT CAST(error({_lit(refusal)}) AS BIGINT) AS next_rowid"
        )
    except duckdb.Error as exc:
        detach(con)
        raise StoreError(Errors.E307, path=str(root), reason=str(exc).splitlines()[0]) from exc
    return manifest


def _check_disjoint(con: duckdb.DuckDBPyConnection, db: str, root: Path) -> None:
    try:
        row = con.execute(
            f"""
            SELECT (SELECT count(*) FROM {db}.main.documents
                    WHERE doc_id IN (SELECT doc_id FROM ({source_sql(root, "documents")}))),
                   (SELECT count(*) FROM {db}.main.event_clusters
                    WHERE cluster_id IN (SELECT cluster_id FROM ({source_sql(root, "event_clusters")})))
            """
        ).fetchone()
    except duckdb.Error as exc:
        raise StoreError(Errors.E307, path=str(root), reason=str(exc).splitlines()[0]) from exc
    docs, clusters = row or (0, 0)
    if docs or clusters:
        raise StoreError(
            Errors.E307,
            path=str(root),
            reason=f"shares {docs} documents and {clusters} reported events with the store: "
            "an archive must hold other documents than the live store (counts would be doubled)",
        )


def detach(con: duckdb.DuckDBPyConnection) -> None:
    """Drops the views of :func:`attach`: ``con`` reads the live store alone again."""
    for table in (*TABLES, TEXT_INDEX):
        with contextlib.suppress(duckdb.Error):
            con.execute(f"DROP VIEW IF EXISTS temp.main.{table}")
