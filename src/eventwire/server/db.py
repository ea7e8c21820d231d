"""The server's view of the store: a private, consistent snapshot, refreshed when the store changes.

DuckDB lets one process hold a database file for writing, and while it does no other
process can open the file at all, not even read-only. The server therefore never reads
the store file directly while serving. It copies the store into a private snapshot file
while holding a short read-only lock (a writer cannot be active then, so the copy is a
committed state: never a half-written batch), and serves every request from a read-only
connection to that snapshot. Every ``refresh_s`` seconds a request checks whether the store
file changed (size, mtime, WAL); if so it tries to take a new snapshot. When the store is
locked by a writer (``eventwire ingest`` running) the attempt fails quietly and the last
good snapshot keeps being served; the next check after the writer finishes picks up the new
data. The store file is locked by the server only for the duration of one copy.

All connections are opened with ``enable_external_access=false`` and
``lock_configuration=true``: SQL run through the server cannot read or write files,
attach databases or change settings. With a Parquet archive (``eventwire serve --archive``)
the snapshot is read through views that add the archive's rows
(:func:`eventwire.store.archive.connect_snapshot`), and the archive's folder is the one place
files may be read from.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from ..errors import Errors, StoreError
from ..store import archive as parquet_archive
from ..store import sql

logger = logging.getLogger(__name__)

LOCKED_CONFIG = {
    **sql.LOCKED_CONFIG,
    # one thread per query: requests run in parallel threads already, and DuckDB's own worker
    # threads only add scheduling latency for the small queries the dashboard makes
    "threads": 1,
}
CACHE_ENTRIES = 2048


def _signature(path: Path) -> tuple[int, int, int, int]:
    """(size, mtime) of the database file and of its WAL: changes whenever a commit lands."""
    st = path.stat()
    wal = Path(str(path) + ".wal")
    try:
        wst = wal.stat()
        w = (wst.st_size, wst.st_mtime_ns)
    except FileNotFoundError:
        w = (0, 0)
    return (st.st_size, st.st_mtime_ns, *w)


@dataclass
class Snapshot:
    """One consistent copy of the store, with the connection that serves it."""

    path: Path
    con: duckdb.DuckDBPyConnection
    signature: tuple[int, int, int, int]
    taken_at: float
    generation: int
    users: int = 0
    retired: bool = False
    cache: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    cache_lock: threading.Lock = field(default_factory=threading.Lock)


class ReadCursor:
    """A cursor on one snapshot plus that snapshot's result cache (the snapshot never changes)."""

    def __init__(self, cur: duckdb.DuckDBPyConnection, snap: Snapshot) -> None:
        self._cur = cur
        self._snap = snap

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cur, name)

    def cached(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        snap = self._snap
        with snap.cache_lock:
            if key in snap.cache:
                return snap.cache[key]
        value = compute()
        with snap.cache_lock:
            if len(snap.cache) >= CACHE_ENTRIES:
                snap.cache.clear()
            snap.cache[key] = value
        return value


class SnapshotStore:
    """Hands out read-only cursors on the latest good snapshot of a DuckDB store."""

    def __init__(
        self,
        db_path: str | os.PathLike[str],
        *,
        refresh_s: float = 2.0,
        archive: str | os.PathLike[str] | None = None,
    ) -> None:
        self.db_path = Path(db_path)
        self.archive = archive  # a Parquet archive read with every snapshot
        if not self.db_path.is_file():
            raise StoreError(Errors.E301, path=str(self.db_path), reason="no such database file")
        self.refresh_s = refresh_s
        self._dir = Path(tempfile.mkdtemp(prefix="eventwire-serve-"))
        self._lock = threading.Lock()  # one refresh at a time
        self._users_lock = threading.Lock()  # guards _current and Snapshot.users
        self._current: Snapshot | None = None
        self._last_check = 0.0
        self._generation = 0
        self.refresh(force=True)

    # -- snapshots -------------------------------------------------------------------------
    def _copy(self) -> tuple[Path, tuple[int, int, int, int]] | None:
        """Copy the store while holding its read lock; None when a writer holds it."""
        try:
            src = duckdb.connect(str(self.db_path), read_only=True)
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            logger.info("store %s busy (%s); serving the last snapshot", self.db_path, exc)
            return None
        try:
            sig = _signature(self.db_path)
            self._generation += 1
            dest = self._dir / f"snapshot-{self._generation}.duckdb"
            shutil.copyfile(self.db_path, dest)
            wal = Path(str(self.db_path) + ".wal")
            if wal.is_file():
                shutil.copyfile(wal, Path(str(dest) + ".wal"))
        finally:
            src.close()
        # Our private copy: replay any WAL into it once, so that read-only opens are clean.
        duckdb.connect(str(dest)).close()
        return dest, sig

    def refresh(self, *, force: bool = False) -> bool:
        """Take a new snapshot if the store changed; True when one was taken."""
        if not self._lock.acquire(blocking=force):
            return False
        try:
            self._last_check = time.monotonic()
            try:
                sig = _signature(self.db_path)
            except FileNotFoundError:
                logger.warning("store %s disappeared; serving the last snapshot", self.db_path)
                return False
            if self._current is not None and sig == self._current.signature:
                return False
            copied = self._copy()
            if copied is None:
                if self._current is None:
                    raise StoreError(
                        Errors.E301,
                        path=str(self.db_path),
                        reason="locked by a writer and no earlier snapshot exists",
                    )
                return False
            dest, sig = copied
            if self.archive is None:
                con = duckdb.connect(str(dest), read_only=True, config=dict(LOCKED_CONFIG))
            else:
                con = parquet_archive.connect_snapshot(
                    dest, self.archive, config=dict(LOCKED_CONFIG)
                )
            new = Snapshot(dest, con, sig, time.time(), self._generation)
            with self._users_lock:
                old, self._current = self._current, new
                if old is not None:
                    old.retired = True
                    if old.users == 0:
                        self._close(old)
            return True
        finally:
            self._lock.release()

    @staticmethod
    def _close(old: Snapshot) -> None:
        # Called when no cursor uses the snapshot any more (closing it closes its cursors).
        with contextlib.suppress(Exception):
            old.con.close()
        for p in (old.path, Path(str(old.path) + ".wal")):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()

    def maybe_refresh(self) -> None:
        if time.monotonic() - self._last_check >= self.refresh_s:
            try:
                self.refresh()
            except Exception:  # never fail a request because a refresh failed
                logger.exception("snapshot refresh failed; serving the last snapshot")

    # -- access ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only cursor on the current snapshot, closed afterwards."""
        self.maybe_refresh()
        with self._users_lock:
            snap = self._current
            if snap is None:
                raise StoreError(Errors.E301, path=str(self.db_path), reason="server closed")
            snap.users += 1
        try:
            cur = snap.con.cursor()
            try:
                yield ReadCursor(cur, snap)  # type: ignore[misc]
            finally:
                cur.close()
        finally:
            with self._users_lock:
                snap.users -= 1
                if snap.retired and snap.users == 0:
                    self._close(snap)

    @property
    def refresh_lock(self) -> threading.Lock:
        """Held while a snapshot is taken; hold it to open the store for writing in-process."""
        return self._lock

    @property
    def info(self) -> dict[str, object]:
        snap = self._current
        return {
            "generation": snap.generation if snap else 0,
            "taken_at": snap.taken_at if snap else None,
        }

    def close(self) -> None:
        with self._lock, self._users_lock:
            if self._current is not None:
                self._close(self._current)
                self._current = None
        shutil.rmtree(self._dir, ignore_errors=True)
