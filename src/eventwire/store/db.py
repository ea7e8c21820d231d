"""The :class:`Store`: a DuckDB database (file or ``":memory:"``) holding annotated documents.

Writes go through :meth:`Store.write_batch`: one transaction per batch, rows bulk-inserted
from Arrow tables, documents already stored (same content hash) skipped. A batch is all or
nothing, so killing the process at any moment loses at most the batch in flight, and the
next run redoes it. DuckDB lets one process hold the file for writing; open with
``read_only=True`` to share it with other readers while nobody writes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from ..clusters import (
    ClusterIndex,
    ClusterState,
    Mention,
    cluster_key,
    evidence_words,
    window_days,
)
from ..errors import Errors, InputError, StoreError
from ..records import Annotation
from . import maintain, schema, textindex
from .extractor_tables import extractor_tables
from .rows import BatchRows, parse_date

log = logging.getLogger(__name__)

# pyarrow and annotate (which loads spaCy) are imported only when writing: read-only users start fast
if TYPE_CHECKING:
    import pyarrow as pa

    from ..annotate import DocumentFailure

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
        try:
            store.migrate()
        except BaseException:
            con.close()  # a refused store must not keep the file open
            raise
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
        if found and found < 5:  # the word index of the stored texts (schemas 5 and 6)
            textindex.rebuild(self.con)
        elif found == 5:  # the index of the documents and quotes (schema 6)
            textindex.index_new_rows(self.con)

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
            cluster_ids, stored = self._assign_clusters(fresh)
            appended_from = maintain.next_rowid(self.con)
            for ann in fresh:
                rows.add_annotation(ann, cluster_ids=cluster_ids, now=now)
                stats.documents += 1
                stats.events += len(ann.events)
            stats.rejects = self._add_rejects(
                rows, [r for r in results if not isinstance(r, Annotation)], now
            )
            names = [*schema.DATA_TABLES, "rejects", "documents"]
            self._insert(rows.arrow_tables(names))
            self._insert(extractor_tables(self.con, fresh))  # registered extractors' own tables
            self.refresh_clusters(
                [c for c in cluster_ids.values() if c is not None],
                stored=stored,
                appended_from=appended_from,
            )
        textindex.index_new_rows(self.con)
        return stats

    def _fresh_annotations(
        self, results: list[Annotation | Failure], stats: BatchStats
    ) -> list[Annotation]:
        anns = [r for r in results if isinstance(r, Annotation)]
        if not anns:
            return []
        seen_hash, seen_id = self._stored_documents(
            [a.document.hash for a in anns], [a.document.doc_id for a in anns]
        )
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

    def _stored_documents(self, hashes: list[str], doc_ids: list[str]) -> tuple[set[str], set[str]]:
        """The ``hashes`` and the ``doc_ids`` already stored (each through its index)."""
        found = []
        for column, values in (("hash", sorted(set(hashes))), ("doc_id", sorted(set(doc_ids)))):
            found.append(
                {
                    r[0]
                    for r in self.con.execute(
                        f"SELECT {column} FROM documents "
                        f"WHERE {column} IN {maintain.in_list(len(values))}",
                        values,
                    ).fetchall()
                }
            )
        return found[0], found[1]

    def _add_rejects(self, rows: BatchRows, failures: list[Any], now: dt.datetime) -> int:
        known = (
            {tuple(r) for r in self.con.execute("SELECT origin, reason FROM rejects").fetchall()}
            if failures
            else set()
        )
        added = 0
        for f in failures:
            if not isinstance(f, InputError):  # annotate.DocumentFailure
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

    def _assign_clusters(self, anns: list[Annotation]) -> tuple[dict[str, str | None], set[str]]:
        """Each event's cluster, and the stored clusters some of them may join."""
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
                        words=evidence_words(ev.evidence),
                    )
                )
        return self._assign(mentions)

    def _assign(self, mentions: list[Mention]) -> tuple[dict[str, str | None], set[str]]:
        if not mentions:
            return {}, set()
        states = self._cluster_states(mentions)
        mapping = ClusterIndex(states).assign_all(mentions)
        return mapping, {st.cluster_id for st in states}

    def _cluster_states(self, mentions: list[Mention]) -> list[ClusterState]:
        """The stored clusters the batch's mentions could join, rebuilt from their members.

        A stored cluster can be joined only if some mention of the batch is compatible with its
        stored state (the first to join must be): same key and, by date, within the window of its
        anchor (``cluster_days.anchor``/``win``, kept as :class:`ClusterState` computes them; the
        dated ones found by key and anchor bucket, :meth:`_dated_candidates`), or both undated.
        Those clusters' members are read by id; the Python rule decides."""
        import pyarrow as pa

        ids = self._dated_candidates(mentions)
        if any(m.date is None for m in mentions):
            keys = [m.key for m in mentions]
            batch = pa.table(
                {
                    **{f"k{i}": [k[i] for k in keys] for i in range(5)},
                    "date": pa.array([m.date for m in mentions], pa.date32()),
                }
            )
            self.con.register("_ew_keys", batch)
            try:
                ids.update(r[0] for r in self.con.execute(_UNDATED_CANDIDATES).fetchall())
            finally:
                self.con.unregister("_ew_keys")
        if not ids:
            return []
        listed = maintain.in_list(len(ids))  # by the index on cluster_id: not a scan
        rows = self.con.execute(_CLUSTER_STATE_SQL.format(ids=listed), sorted(ids)).fetchall()
        states: dict[str, ClusterState] = {}
        for cid, k0, k1, k2, k3, k4, date, precision, country, lat, lon, evidence in rows:
            st = states.get(cid)
            if st is None:
                st = states[cid] = ClusterState(cid, (k0, k1, k2, k3, k4))
            st.absorb(
                Mention(
                    event_id="",
                    key=st.key,
                    date=date,
                    precision=precision,
                    country=country,
                    lat=lat,
                    lon=lon,
                    words=evidence_words(evidence),
                )
            )
        return list(states.values())

    def _dated_candidates(self, mentions: list[Mention]) -> set[str]:
        """The stored clusters that some dated mention is within the window of: looked up by
        ``cluster_days.join_key`` (schema 9: through its index, whatever the store's size),
        their anchors and windows checked here."""
        reach: dict[tuple[str, ...], list[tuple[dt.date, int]]] = {}
        lookups: set[str] = set()
        for m in mentions:
            if m.date is not None:
                w = window_days(m.precision)
                reach.setdefault(m.key, []).append((m.date, w))
                lookups.update(schema.join_keys(m.key, m.date, w))
        if not lookups:
            return set()
        with maintain.index_scans(self.con, maintain.INDEX_SCAN_ROWS):
            rows = self.con.execute(_DATED_CANDIDATES, [sorted(lookups)]).fetchall()
        return {
            cid
            for cid, *key, anchor, win in rows
            if any(abs((d - anchor).days) <= max(win, w) for d, w in reach.get(tuple(key), ()))
        }

    def write_tables(
        self, tables: dict[str, pa.Table], *, now: dt.datetime | None = None
    ) -> BatchStats:
        """Stores rows already shaped like the store's tables (e.g. engine shard Parquet files) in one
        transaction: documents already stored are skipped with all their rows, events get clusters."""
        import pyarrow as pa

        now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
        stats = BatchStats()
        docs = tables.get("documents")
        names = [n for n in tables if n in schema.TABLES]
        with self.transaction():
            for name in names:
                self.con.register(f"_ew_in_{name}", tables[name])
            try:
                fresh = self._fresh_from_table(docs, stats) if docs is not None else []
                self.con.register(
                    "_ew_fresh", pa.table({"doc_id": fresh, "ord": list(range(len(fresh)))})
                )
                mapping, stored = self._clusters_from_table() if "events" in tables else ({}, set())
                appended_from = maintain.next_rowid(self.con)
                self.con.register(
                    "_ew_map",
                    pa.table(
                        {"event_id": list(mapping), "cid": list(mapping.values())},
                        schema=pa.schema([("event_id", pa.string()), ("cid", pa.string())]),
                    ),
                )
                for name in [n for n in (*schema.DATA_TABLES, "documents") if n in tables]:
                    self.con.execute(_TABLE_INSERT[name], [now] if name == "documents" else [])
                if "events" in tables:
                    stats.events = len(mapping)
                    self.refresh_clusters(
                        [c for c in mapping.values() if c is not None],
                        stored=stored,
                        appended_from=appended_from,
                    )
                if "rejects" in tables:
                    before = self.con.execute("SELECT count(*) FROM rejects").fetchone()
                    self.con.execute(_REJECTS_INSERT, [now])
                    after = self.con.execute("SELECT count(*) FROM rejects").fetchone()
                    stats.rejects = (after[0] if after else 0) - (before[0] if before else 0)
            finally:
                for view in ("_ew_fresh", "_ew_map", *(f"_ew_in_{n}" for n in names)):
                    with contextlib.suppress(duckdb.Error):
                        self.con.unregister(view)
        textindex.index_new_rows(self.con)
        stats.documents = len(fresh)
        return stats

    def _fresh_from_table(self, docs: pa.Table, stats: BatchStats) -> list[str]:
        doc_ids = [str(d) for d in docs.column("doc_id").to_pylist()]
        hashes = [str(h) for h in docs.column("hash").to_pylist()]
        known_hash, known_id = self._stored_documents(hashes, doc_ids)
        fresh: list[str] = []
        seen: set[str] = set()
        for doc_id, h in zip(doc_ids, hashes, strict=True):
            if h in known_hash or doc_id in known_id or h in seen or doc_id in seen:
                stats.skipped += 1
                continue
            seen.update((h, doc_id))
            fresh.append(doc_id)
        return fresh

    def _clusters_from_table(self) -> tuple[dict[str, str | None], set[str]]:
        rows = self.con.execute(
            f"SELECT e.event_id, {_MENTION_SQL} FROM _ew_in_events e "
            "JOIN _ew_fresh f USING (doc_id) ORDER BY f.ord, e.idx"
        ).fetchall()
        return self._assign([_mention(r[0], r[1:]) for r in rows])

    def recluster(self) -> int:
        """Re-assigns every cluster from scratch, in publication order (after a rule change).

        Ids then depend on publication order rather than ingest order; returns the cluster count.
        """
        import pyarrow as pa

        rows = self.con.execute(
            f"SELECT e.doc_id, e.idx, e.event_id, {_MENTION_SQL} FROM events e "
            "ORDER BY e.pub_date NULLS LAST, e.doc_id, e.idx"
        ).fetchall()
        index = ClusterIndex()
        doc_ids, idxs, cids = [], [], []
        for r in rows:
            doc_ids.append(r[0])
            idxs.append(r[1])
            cids.append(index.assign(_mention(r[2], r[3:])))
        table = pa.table(
            {
                "doc_id": pa.array(doc_ids, pa.string()),
                "idx": pa.array(idxs, pa.int32()),
                "cid": pa.array(cids, pa.string()),
            }
        )
        with self.transaction():
            self.con.register("_ew_recluster", table)
            try:
                self.con.execute(
                    "UPDATE events SET cluster_id = r.cid FROM _ew_recluster r "
                    "WHERE events.doc_id = r.doc_id AND events.idx = r.idx"
                )
            finally:
                with contextlib.suppress(duckdb.Error):
                    self.con.unregister("_ew_recluster")
            self.refresh_clusters(None)
        return len({c for c in cids if c is not None})

    def refresh_clusters(
        self,
        cluster_ids: Sequence[str] | None,
        *,
        stored: Collection[str] = (),
        appended_from: int = 0,
    ) -> None:
        """Recomputes the ``event_clusters``, ``cluster_days``, ``actor_ranks`` and
        ``mixed_mentions`` rows of ``cluster_ids`` from their mentions, inside the caller's
        transaction: every row with None; else ``cluster_ids`` are the clusters of the rows
        appended from rowid ``appended_from`` on, of which ``stored`` had rows before
        (:func:`maintain.refresh`). Rows of ``event_clusters`` are the view's of schema 3."""
        if cluster_ids is None:
            maintain.rebuild(self.con)
        else:
            maintain.refresh(self.con, cluster_ids, stored=stored, appended_from=appended_from)

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
_EV_KEY_SQL = ", ".join(_EV_KEY)
# the columns _mention reads, in its order
_MENTION_SQL = (
    f"{_EV_KEY_SQL}, e.date, e.date_precision, e.loc_country, e.loc_lat, e.loc_lon, "
    "e.negated, e.evidence"
)


def _mention(event_id: str, cols: Sequence[Any]) -> Mention:
    """A clustering Mention from the ``_MENTION_SQL`` columns of an event row."""
    *key, date, precision, country, lat, lon, negated, evidence = cols
    return Mention(
        event_id=event_id,
        key=tuple(key),
        date=date,
        precision=precision,
        country=country,
        lat=lat,
        lon=lon,
        negated=bool(negated),
        words=evidence_words(evidence),
    )


# the key of a cluster from its cluster_days row (every member has the same key: the min of
# each column is the value the key reads)
_CD_KEY = " AND ".join(
    f"{c.format(t='c.')} = k.k{i}" for i, c in enumerate(schema.JOIN_KEY_COLUMNS)
)
# the dated clusters of the batch's join keys (schema.join_keys), with their key, anchor, window
_DATED_CANDIDATES = f"""
SELECT cluster_id, {", ".join(c.format(t="") for c in schema.JOIN_KEY_COLUMNS)}, anchor, win
FROM cluster_days WHERE list_contains(?, join_key)
"""
_UNDATED_CANDIDATES = f"""
SELECT DISTINCT c.cluster_id FROM cluster_days c JOIN _ew_keys k ON {_CD_KEY}
WHERE c.n_all IS NOT NULL AND c.anchor IS NULL AND k.date IS NULL
"""
_CLUSTER_STATE_SQL = f"""
SELECT e.cluster_id, {_EV_KEY_SQL}, e.date, e.date_precision, e.loc_country, e.loc_lat, e.loc_lon,
       e.evidence
FROM events e WHERE e.cluster_id IN {{ids}}
ORDER BY e.cluster_id
"""


_TABLE_INSERT = {
    name: f"INSERT INTO {name} BY NAME SELECT t.* FROM _ew_in_{name} t JOIN _ew_fresh f USING (doc_id)"
    for name in schema.DATA_TABLES
}
_TABLE_INSERT["events"] = (
    "INSERT INTO events BY NAME SELECT t.* REPLACE (m.cid AS cluster_id) FROM _ew_in_events t "
    "JOIN _ew_fresh f USING (doc_id) LEFT JOIN _ew_map m USING (event_id)"
)
_TABLE_INSERT["documents"] = (
    "INSERT INTO documents BY NAME SELECT t.* REPLACE (coalesce(t.ingested_at, ?) AS ingested_at) "
    "FROM _ew_in_documents t JOIN _ew_fresh f USING (doc_id)"
)
_REJECTS_INSERT = (
    "INSERT INTO rejects BY NAME SELECT DISTINCT ON (t.origin, t.reason) t.* "
    "REPLACE (coalesce(t.rejected_at, ?) AS rejected_at) FROM _ew_in_rejects t "
    "WHERE NOT EXISTS (SELECT 1 FROM rejects r WHERE r.origin = t.origin AND r.reason = t.reason)"
)


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
