"""Ingest end to end with the real pipeline: idempotent re-run, and a real kill -9 half-way."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from eventwire.store import TABLES

pytestmark = [pytest.mark.model, pytest.mark.slow]  # three real ingest runs: ~25-35 s

EVENTWIRE = [str(Path(sys.executable).parent / "eventwire")]
TABLE_NAMES = [*TABLES, "event_clusters"]
COUNTRIES = ["Russia", "China", "France", "Japan", "Brazil", "Kenya", "India", "Germany"]


def write_corpus(path: Path, n: int = 24) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            a, b = COUNTRIES[i % len(COUNTRIES)], COUNTRIES[(i * 3 + 1) % len(COUNTRIES)]
            text = (
                f"{a} and {b} held talks in the capital on Tuesday, officials said. "
                f"The foreign minister of {a} said the meeting number {i} was useful."
            )
            fh.write(
                json.dumps({"id": f"doc{i:03d}", "date": f"2018-06-{1 + i % 28:02d}", "text": text})
                + "\n"
            )
        fh.write("this line is not JSON\n")


def content(db: Path) -> list[tuple]:
    """What must be identical: every document, event mention and its cluster."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT d.hash, e.event_id, e.cluster_id, e.cameo FROM documents d LEFT JOIN events e USING (doc_id) "
            "ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()


def counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLE_NAMES}
    finally:
        con.close()


def ingest_cmd(corpus: Path, db: Path) -> list[str]:
    return [*EVENTWIRE, "ingest", str(corpus), "--db", str(db), "--batch-size", "2", "--quiet"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    write_corpus(path)
    return path


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("ref") / "ref.duckdb"
    started = time.monotonic()
    res = subprocess.run(ingest_cmd(corpus, db), capture_output=True, text=True, timeout=120)
    elapsed = time.monotonic() - started
    assert res.returncode == 1, res.stderr  # the bad JSON line is a reject: exit status 1
    return db, counts(db), elapsed


def test_uninterrupted_run_stores_everything(reference):
    _, c, _ = reference
    # every input is either stored or rejected with its reason (the bad JSON line at least)
    assert c["rejects"] >= 1 and c["documents"] + c["rejects"] == 25
    assert c["documents"] >= 1


def test_rerun_adds_nothing(reference, corpus):
    db, before, _ = reference
    res = subprocess.run(ingest_cmd(corpus, db), capture_output=True, text=True, timeout=120)
    assert res.returncode == 1
    assert counts(db) == before


def test_kill_9_then_rerun_equals_uninterrupted(reference, corpus, tmp_path):
    _, expected, elapsed = reference
    db = tmp_path / "killed.duckdb"
    for fraction in (0.7, 0.5, 0.35):
        if db.exists():
            db.unlink()
        proc = subprocess.Popen(
            ingest_cmd(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(elapsed * fraction)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            break
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    assert db.exists()
    partial = counts(db)
    assert partial["documents"] <= expected["documents"]
    res = subprocess.run(ingest_cmd(corpus, db), capture_output=True, text=True, timeout=120)
    assert res.returncode == 1, res.stderr
    assert counts(db) == expected
    assert content(db) == content(reference[0])
    con = duckdb.connect(str(db), read_only=True)
    dup = con.execute("SELECT count(*) - count(DISTINCT hash) FROM documents").fetchone()[0]
    con.close()
    assert dup == 0
