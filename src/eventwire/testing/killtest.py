"""The random-kill test: SIGKILL ``eventwire ingest`` at random points, re-run, compare rows.

An uninterrupted ingest of a generated corpus gives the reference rows. A second database
is ingested by processes killed with SIGKILL after random delays (spread over the duration
of the reference run, so kills land in start-up, annotation and commits alike); after each
kill the database must open and hold no fewer documents than before. A final run without
kill must then leave exactly the reference rows in every table (timestamps aside).
Used by ``tests/reliability/test_kill_ingest.py`` and ``scripts/kill_test.py``.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ..store.schema import TABLES

VOLATILE = {"ingested_at", "rejected_at"}  # wall-clock columns, excluded from the comparison
CLI = ("-c", "from eventwire.cli.main import main; main()")
PLACES = ("Paris", "Nairobi", "Kyiv", "Tokyo", "Lima", "Cairo", "Oslo", "Hanoi", "Accra", "Quito")
ACTORS = (
    "The French president",
    "Police",
    "Rebels",
    "The foreign minister of Japan",
    "Protesters",
    "The Kenyan government",
    "Officials",
    "The army",
    "Egypt",
    "Norway",
)
VERBS = ("met", "criticised", "attacked", "praised", "arrested", "visited", "thanked", "accused")


@dataclass(slots=True)
class KillReport:
    documents: int
    kills: int
    # seconds after start (>= 0) or, negated, seconds after the run's first commit
    killed_at: list[float] = field(default_factory=list)
    counts_after_kill: list[int] = field(default_factory=list)
    reference_seconds: float = 0.0
    startup_seconds: float = 0.0  # an ingest of nothing: imports, pipeline load, store open
    total_seconds: float = 0.0
    mismatches: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.mismatches


def write_corpus(path: Path, n: int, *, seed: int = 0) -> Path:
    """``n`` tiny distinct news-like documents as JSONL, one bad line among them."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            if i == n // 2:
                fh.write("{this line is not JSON\n")
                continue
            text = (
                f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(ACTORS).lower()} in "
                f"{rng.choice(PLACES)} on Monday, report {i} said."
            )
            fh.write(
                json.dumps(
                    {"id": f"k{i:04d}", "date": f"2021-0{1 + i % 9}-1{i % 10}", "text": text}
                )
                + "\n"
            )
    return path


def _command(corpus: Path, db: Path, batch_size: int) -> list[str]:
    return [
        sys.executable,
        *CLI,
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "-q",
        "--batch-size",
        str(batch_size),
    ]


def table_rows(db: Path) -> dict[str, list[str]]:
    """Every row of every table as sorted JSON strings, wall-clock columns left out."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out: dict[str, list[str]] = {}
        for name, cols in TABLES.items():
            keep = [c for c, _ in cols if c not in VOLATILE]
            select = ", ".join(f'"{c}"' for c in keep)
            rows = con.execute(f"SELECT {select} FROM {name}").fetchall()
            out[name] = sorted(json.dumps(list(r), default=str) for r in rows)
        return out
    finally:
        con.close()


def _documents(db: Path) -> int:
    if not db.exists():
        return 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT count(*) FROM documents").fetchone()
        return int(row[0]) if row else 0
    except duckdb.CatalogException:
        return 0  # killed while the first run created the schema: nothing was stored yet
    finally:
        con.close()


def _stamp(db: Path) -> tuple[int, int] | None:
    """The write-ahead log's (mtime, size): a commit appends to it (opening may checkpoint it away)."""
    wal = db.with_name(db.name + ".wal")
    try:
        st = wal.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size) if st.st_size > 0 else None


def _kill_once(
    cmd: Sequence[str],
    env: dict[str, str],
    db: Path,
    *,
    delay: float,
    after_commit: bool,
    limit: float = 300.0,
) -> int:
    """Start an ingest, SIGKILL it ``delay`` s after start (or after its first commit); count documents."""
    before = _stamp(db)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if after_commit:
            deadline = time.monotonic() + limit
            while (
                proc.poll() is None and _stamp(db) in (None, before) and time.monotonic() < deadline
            ):
                time.sleep(0.02)
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    return _documents(db)


def _run(cmd: Sequence[str], env: dict[str, str], timeout: float) -> None:
    subprocess.run(
        cmd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )


def run_kill_test(
    workdir: str | Path,
    *,
    documents: int = 500,
    kills: int = 20,
    seed: int = 0,
    batch_size: int = 10,
    env: dict[str, str] | None = None,
    timeout: float = 600.0,
) -> KillReport:
    """Run the whole test in ``workdir``; :attr:`KillReport.ok` says whether the rows matched."""
    root = Path(workdir)
    root.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **(env or {})}
    corpus = write_corpus(root / "corpus.jsonl", documents, seed=seed)
    ref_db, db = root / "reference.duckdb", root / "killed.duckdb"
    report = KillReport(documents, kills)
    began = time.monotonic()
    one = write_corpus(root / "one.jsonl", 1, seed=seed + 1)  # start-up up to a first commit
    _run(_command(one, root / "startup.duckdb", batch_size), env, timeout)
    report.startup_seconds = round(time.monotonic() - began, 2)
    began = time.monotonic()
    _run(_command(corpus, ref_db, batch_size), env, timeout)
    report.reference_seconds = round(time.monotonic() - began, 2)
    rng = random.Random(seed)
    previous = 0
    per_batch = max(
        0.2, (report.reference_seconds - report.startup_seconds) * batch_size / documents
    )
    for n in range(kills):
        # one kill in four at a random moment of start-up (before any commit of that run); the
        # others at a random moment within the next batch or two after the run's first commit
        early = n % 4 == 0
        delay = (
            rng.uniform(0.2, report.startup_seconds) if early else rng.uniform(0.0, 1.5 * per_batch)
        )
        report.killed_at.append(round(delay, 2) if early else round(-delay, 2))
        count = _kill_once(
            _command(corpus, db, batch_size), env, db, delay=delay, after_commit=not early
        )
        report.counts_after_kill.append(count)
        if count < previous:
            report.mismatches.append(f"documents went from {previous} down to {count} after a kill")
        previous = count
    _run(_command(corpus, db, batch_size), env, timeout)
    expected, got = table_rows(ref_db), table_rows(db)
    for name in TABLES:
        if expected[name] != got[name]:
            report.mismatches.append(
                f"{name}: {len(got[name])} rows, expected {len(expected[name])}"
            )
    if not expected["documents"]:
        report.mismatches.append("the reference run stored no documents")
    report.total_seconds = round(time.monotonic() - began, 2)
    return report
