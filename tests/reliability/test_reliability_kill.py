"""Acceptance: 20 random SIGKILLs during an ingest of 500 documents end with exactly the rows of an
uninterrupted run. Slow (98 s on the shared 2-core machine when quiet, 3.5 min under load): ``slow``."""

from __future__ import annotations

import pytest

from eventwire.testing.killtest import run_kill_test

pytestmark = [pytest.mark.model]


@pytest.mark.slow
def test_twenty_random_kills_lose_and_duplicate_nothing(tmp_path):
    report = run_kill_test(tmp_path, documents=500, kills=20, seed=11)
    assert report.ok, report.mismatches
    assert len(report.killed_at) == 20
    # the kills were spread: some left a partly filled store behind, none lost committed rows
    assert any(0 < c < 499 for c in report.counts_after_kill), report.counts_after_kill


def test_a_store_killed_before_its_schema_holds_no_documents(tmp_path):
    import duckdb

    from eventwire.testing.killtest import _documents

    db = tmp_path / "empty.duckdb"
    duckdb.connect(str(db)).close()  # the file exists, its tables do not yet
    assert _documents(db) == 0
    assert _documents(tmp_path / "absent.duckdb") == 0
