"""The :class:`Store`: a DuckDB database (file or ``":memory:"``) holding annotated documents.

Writes go through :meth:`Store.write_batch`: one transaction per batch, rows bulk-inserted
from Arrow tables, documents already stored (same content hash) skipped. A batch is all or
nothing, so killing the process at any moment loses at most the batch in flight, and the
next run redoes it. DuckDB lets one process hold the file for writing; open with
``read_only=True`` to share it with other readers while nobody writes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..annotate import DocumentFailure
from ..clusters import MAX_WINDOW, ClusterIndex, ClusterState, Mention, cluster_key, window_days
from ..errors import Errors, InputError, StoreError
from ..records import Annotation
from . import schema
from .rows import BatchRows, parse_date

log = logging.getLogger(__name__)

Failure = InputError | DocumentFailure


@dataclass(slots=True)
class BatchStats:
    documents: int = 0
    skipped: int = 0
    events: int = 0
    rejects: int = 0

    def __iadd__(self, other: BatchStats) -> BatchStats:
        self.documents += other.documents
        self.skipped += other.skipped
        self.events += other.events
        self.rejects += other.rejects
        return self


class Store:
    """A connection to the store plus the operations on it (``with Store.connect(path) as s:``)."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, *, path: str = ":memory:", read_only: bool = False
    ) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only

    @classmethod
    def connect(cls, path: str | Path = ":memory:", *, read_only: bool = False) -> Store:
        path = str(path)
        if read_only and path != ":memory:" and not Path(path).exists():
            raise StoreError(
                Errors.E301, path=path, reason="no such database (run eventwire ingest first)"
            )
        try:
            con = duckdb.connect(path, read_only=read_only and path != ":memory:")
        except duckdb.Error as exc:
            raise StoreError(Errors.E301, path=path, reason=str(exc).splitlines()[0]) from exc
        store = cls(con, path=path, read_only=read_only)
        store.migrate()
        return store

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -----------------------------------------------------------------------------

    def version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()
        if not exists or not exists[0]:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def migrate(self) -> None:
        """Creates a fresh database at the current version, or applies pending migrations."""
        found = self.version()
        if found > schema.SCHEMA_VERSION:
            raise StoreError(Errors.E302, found=found, supported=schema.SCHEMA_VERSION)
        if found == schema.SCHEMA_VERSION:
            return
        if self.read_only and self.path != ":memory:":
            raise StoreError(
                Errors.E301,
                path=self.path,
                reason=f"schema version {found} needs a migration; "
                "open it for writing once (eventwire ingest)",
            )
        if found == 0:
            steps: list[tuple[int, Sequence[str]]] = [
                (schema.SCHEMA_VERSION, schema.create_statements())
            ]
        else:
            steps = [(v, schema.MIGRATIONS[v]) for v in range(found + 1, schema.SCHEMA_VERSION + 1)]
        with self.transaction():
            self.con.execute(schema.VERSION_TABLE)
            for version, statements in steps:
                for sql in statements:
                    self.con.execute(sql)
                self.con.execute("INSERT INTO schema_version (version) VALUES (?)", [version])

    # -- writing ----------------------------------------------------------------------------

    def transaction(self) -> _Transaction:
        return _Transaction(self.con)

    def stored_hashes(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT hash FROM documents").fetchall()}

    def _insert(self, tables: dict[str, pa.Table]) -> None:
        for name, table in tables.items():
            view = f"_ew_batch_{name}"
            self.con.register(view, table)
            try:
                self.con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM {view}")
            finally:
                self.con.unregister(view)

    def write_batch(
        self, results: Iterable[Annotation | Failure], *, now: dt.datetime | None = None
    ) -> BatchStats:
        """Stores one batch in one transaction; documents already stored are skipped."""
        now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
        results = list(results)
        stats = BatchStats()
        with self.transaction():
            fresh = self._fresh_annotations(results, stats)
            rows = BatchRows()
            cluster_ids = self._assign_clusters(fresh)
            for ann in fresh:
                rows.add_annotation(ann, cluster_ids=cluster_ids, now=now)
                stats.documents += 1
                stats.events += len(ann.events)
            stats.rejects = self._add_rejects(
                rows, [r for r in results if not isinstance(r, Annotation)], now
            )
            names = [*schema.DATA_TABLES, "rejects", "documents"]
            self._insert(rows.arrow_tables(names))
        return stats

    def _fresh_annotations(
        self, results: list[Annotation | Failure], stats: BatchStats
    ) -> list[Annotation]:
        anns = [r for r in results if isinstance(r, Annotation)]
        if not anns:
            return []
        hashes = pa.table(
            {"hash": [a.document.hash for a in anns], "doc_id": [a.document.doc_id for a in anns]}
        )
        self.con.register("_ew_hashes", hashes)
        try:
            known = self.con.execute(
                "SELECT h.hash, h.doc_id FROM _ew_hashes h JOIN documents d ON d.hash = h.hash OR d.doc_id = h.doc_id"
            ).fetchall()
        finally:
            self.con.unregister("_ew_hashes")
        seen_hash = {h for h, _ in known}
        seen_id = {d for _, d in known}
        fresh: list[Annotation] = []
        for ann in anns:
            doc = ann.document
            if doc.hash in seen_hash or doc.doc_id in seen_id:
                if doc.hash not in seen_hash:
                    log.warning(
                        "%s: doc_id %s already stores a different text; skipped",
                        doc.origin,
                        doc.doc_id,
                    )
                stats.skipped += 1
                continue
            seen_hash.add(doc.hash)
            seen_id.add(doc.doc_id)
            fresh.append(ann)
        return fresh

    def _add_rejects(self, rows: BatchRows, failures: list[Any], now: dt.datetime) -> int:
        known = (
            {tuple(r) for r in self.con.execute("SELECT origin, reason FROM rejects").fetchall()}
            if failures
            else set()
        )
        added = 0
        for f in failures:
            if isinstance(f, DocumentFailure):
                origin, reason, code = f.document.origin or f.document.doc_id, f.reason, None
                doc_id, hash_ = f.document.doc_id, f.document.hash
            else:
                origin, reason, code, doc_id, hash_ = (
                    f.source,
                    f.code.fmt(**f.params),
                    f.code.name,
                    None,
                    None,
                )
            if (origin, reason) in known:
                continue
            known.add((origin, reason))
            rows.add_reject(
                origin=origin, reason=reason, code=code, doc_id=doc_id, hash_=hash_, now=now
            )
            added += 1
        return added

    def _assign_clusters(self, anns: list[Annotation]) -> dict[str, str | None]:
        mentions: list[Mention] = []
        for ann in anns:
            pub = parse_date(ann.document.date)
            for ev in ann.events:
                s, t, loc = ev.source, ev.target, ev.location
                key = cluster_key(
                    source=(s.code, s.country, s.sector),
                    target=(t.code, t.country, t.sector) if t else (None, None, None),
                    cameo_root=ev.cameo_root,
                )
                mentions.append(
                    Mention(
                        event_id=ev.event_id,
                        key=key,
                        date=parse_date(ev.date) or pub,
                        precision=ev.date_precision,
                        country=loc.country if loc else None,
                        lat=loc.lat if loc else None,
                        lon=loc.lon if loc else None,
                        negated=ev.negated,
                    )
                )
        if not mentions:
            return {}
        index = ClusterIndex(self._cluster_states(mentions))
        return index.assign_all(mentions)

    def _cluster_states(self, mentions: list[Mention]) -> list[ClusterState]:
        """The stored clusters the batch's mentions could join, rebuilt from their members."""
        dates = [m.date for m in mentions if m.date is not None]
        lo = (min(dates) - dt.timedelta(days=MAX_WINDOW)) if dates else dt.date(1, 1, 1)
        hi = (max(dates) + dt.timedelta(days=MAX_WINDOW)) if dates else dt.date(9999, 12, 31)
        keys = pa.table(
            {
                f"k{i}": list(col)
                for i, col in enumerate(zip(*{m.key for m in mentions}, strict=True))
            }
        )
        self.con.register("_ew_keys", keys)
        try:
            rows = self.con.execute(_CLUSTER_STATE_SQL, [lo, hi]).fetchall()
        finally:
            self.con.unregister("_ew_keys")
        states: dict[str, ClusterState] = {}
        for cid, k0, k1, k2, k3, k4, date, precision, country, lat, lon in rows:
            st = states.get(cid)
            if st is None:
                st = states[cid] = ClusterState(
                    cid, (k0, k1, k2, k3, k4), date, window_days(precision)
                )
            st.absorb(
                Mention(
                    event_id="",
                    key=st.key,
                    date=date,
                    precision=precision,
                    country=country,
                    lat=lat,
                    lon=lon,
                )
            )
        return list(states.values())

    def counts(self) -> dict[str, int]:
        out = {}
        for name in schema.TABLES:
            row = self.con.execute(f"SELECT count(*) FROM {name}").fetchone()
            out[name] = int(row[0]) if row else 0
        row = self.con.execute("SELECT count(*) FROM event_clusters").fetchone()
        out["event_clusters"] = int(row[0]) if row else 0
        return out


_EV_KEY = (
    "coalesce(e.source_country, e.source_code, '')",
    "coalesce(e.source_sector, '')",
    "coalesce(e.target_country, e.target_code, '')",
    "coalesce(e.target_sector, '')",
    "coalesce(e.cameo_root, '')",
)
_CLUSTER_STATE_SQL = f"""
WITH cand AS (
    SELECT DISTINCT e.cluster_id FROM events e
    JOIN _ew_keys k ON {_EV_KEY[0]} = k.k0 AND {_EV_KEY[1]} = k.k1 AND {_EV_KEY[2]} = k.k2
        AND {_EV_KEY[3]} = k.k3 AND {_EV_KEY[4]} = k.k4
    WHERE e.cluster_id IS NOT NULL AND (e.date IS NULL OR e.date BETWEEN ? AND ?)
)
SELECT e.cluster_id, {", ".join(_EV_KEY)}, e.date, e.date_precision, e.loc_country, e.loc_lat, e.loc_lon
FROM events e WHERE e.cluster_id IN (SELECT cluster_id FROM cand)
ORDER BY e.cluster_id
"""


class _Transaction:
    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def __enter__(self) -> None:
        self.con.execute("BEGIN TRANSACTION")

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.con.execute("COMMIT")
        else:
            self.con.execute("ROLLBACK")
