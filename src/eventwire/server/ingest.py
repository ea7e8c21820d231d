"""Ingest started through the server (``POST /api/ingest``, token required).

The ingest runs in one background thread of the server process and writes to the store
file with its own read-write connection; requests keep being served from the last snapshot
(see :mod:`eventwire.server.db`) and see the new documents once the ingest has committed and
the next snapshot is taken. Only one ingest runs at a time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import HTTPException

logger = logging.getLogger(__name__)

Runner = Callable[[list[str], Path], dict[str, Any]]


def default_runner(
    paths: list[str], db_path: Path, open_lock: threading.Lock | None = None
) -> dict[str, Any]:
    """Ingest with the library function (imported late: it loads the pipeline).

    The store is opened for writing while ``open_lock`` (the snapshot refresh lock) is held,
    so that opening never races a snapshot copy in this process.
    """
    import contextlib
    import dataclasses

    from ..ingest import ingest
    from ..store import Store

    with open_lock or contextlib.nullcontext():
        store = Store.connect(db_path)
    try:
        report = ingest(paths, store)
    finally:
        store.close()
    out = (
        dataclasses.asdict(report) if dataclasses.is_dataclass(report) else {"result": str(report)}
    )
    out["docs_per_second"] = round(getattr(report, "docs_per_second", 0.0), 2)
    return out


class IngestJobs:
    def __init__(
        self,
        db_path: Path,
        *,
        runner: Runner | None = None,
        on_done: Callable[[], object] | None = None,
        open_lock: threading.Lock | None = None,
    ) -> None:
        self.db_path = db_path
        self.runner: Runner = runner or (lambda paths, db: default_runner(paths, db, open_lock))
        self.on_done = on_done
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._state: dict[str, Any] = {"state": "idle"}

    def status(self) -> dict[str, Any]:
        with self._lock:
            return dict(self._state)

    def start(self, paths: list[str]) -> dict[str, Any]:
        missing = [p for p in paths if not Path(p).exists()]
        if missing:
            raise HTTPException(400, f"no such file or directory: {missing[0]}")
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                raise HTTPException(409, "an ingest is already running")
            self._state = {"state": "running", "paths": list(paths), "started_at": time.time()}
            self._thread = threading.Thread(
                target=self._run, args=(list(paths),), daemon=True, name="eventwire-ingest"
            )
            self._thread.start()
            return dict(self._state)

    def _run(self, paths: list[str]) -> None:
        try:
            result = self.runner(paths, self.db_path)
            state: dict[str, Any] = {"state": "done", "result": result}
        except Exception as exc:  # reported through GET /api/ingest, never raised into a request
            logger.exception("ingest through the server failed")
            state = {"state": "failed", "error": str(exc)}
        if self.on_done is not None:
            try:
                self.on_done()
            except Exception:
                logger.exception("snapshot refresh after ingest failed")
        with self._lock:
            self._state = {**self._state, **state, "finished_at": time.time()}

    def join(self, timeout: float | None = None) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
