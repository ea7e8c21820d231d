"""`eventwire run`: the Ray engine (local mode, no TTY) gives exactly the local engine's rows,
even when one of its workers is SIGKILLed half-way through writing a shard."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventwire.cli.main import cli
from eventwire.config import Settings
from eventwire.engine.runner import run_shards
from eventwire.engine.shards import FAULT_ENV
from eventwire.store.schema import TABLES

pytestmark = pytest.mark.model

TEXTS = [
    "The president of France met the Chinese foreign minister in Paris on Tuesday.",
    "Police arrested twelve protesters in Nairobi on Friday, officials said.",
    "Germany pledged 50 million euros in aid to Ukraine, the ministry said on Monday.",
    '"We will not accept these demands," the Iranian foreign minister told reporters.',
    "Russian troops shelled a village near Kharkiv overnight, the Ukrainian army said.",
    "Japan and South Korea agreed to resume security talks next month in Tokyo.",
    "The United Nations condemned the attack on a convoy in northern Mali.",
    "Brazil's president criticised the central bank on Wednesday.",
    "Rebels seized two towns in eastern Congo last week, a spokesman said.",
    "India accused Pakistan of violating the ceasefire in Kashmir.",
]


def _corpus(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(TEXTS):
            fh.write(
                json.dumps({"id": f"t{i}", "date": f"2021-03-0{1 + i % 9}", "text": text}) + "\n"
            )
        fh.write("{broken\n")
    return path


def _rows(out: Path, table: str) -> list[str]:
    rows = pq.read_table(out / table).to_pylist()
    return sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)


@pytest.fixture(scope="module")
def local_out(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("engines")
    corpus = _corpus(base / "corpus.jsonl")
    out = base / "local"
    summary = run_shards(
        [str(corpus)], out, engine="local", settings=Settings(), workers=2, docs_per_shard=3
    )
    assert (summary.shards, summary.failed) == (4, 0)
    assert summary.documents + summary.rejects == len(TEXTS) + 1 and summary.rejects >= 1
    return corpus, out


def test_local_rerun_skips_complete_shards(local_out):
    corpus, out = local_out
    result = CliRunner().invoke(
        cli, ["run", str(corpus), "-o", str(out), "--shard-size", "3", "-q"]
    )
    assert result.exit_code == 0, result.output
    assert "4 skipped" in result.output


# Ray 2.60 warns about its own deprecated settings when it copies its DataContext; `-W error` would
# turn Ray's internal bookkeeping into a failure of ours.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_ray_matches_local_even_after_a_worker_kill(local_out, tmp_path, monkeypatch):
    pytest.importorskip("ray")
    corpus, out_local = local_out
    marker = tmp_path / "killed"
    monkeypatch.setenv(FAULT_ENV, str(marker))  # the first shard run SIGKILLs its Ray worker
    out_ray = tmp_path / "ray"
    summary = run_shards(
        [str(corpus)], out_ray, engine="ray", settings=Settings(), workers=2, docs_per_shard=3
    )
    assert marker.exists(), "the fault was not injected"
    assert (summary.shards, summary.done, summary.failed) == (4, 4, 0)
    for table in TABLES:
        assert _rows(out_ray, table) == _rows(out_local, table), table
    assert len(_rows(out_ray, "documents")) + len(_rows(out_ray, "rejects")) == len(TEXTS) + 1
    events = pq.read_table(out_ray / "events").column("event_id").to_pylist()
    assert len(events) == len(set(events))
