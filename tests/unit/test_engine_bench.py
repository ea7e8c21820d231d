"""The bench report's format (the last line is read by scripts) and `run` usage errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventwire.bench import (
    BenchReport,
    PhaseResult,
    default_rounds,
    phase_groups,
    run_bench,
    split_rounds,
)
from eventwire.cli.bench import format_report
from eventwire.cli.main import cli
from eventwire.records import Document


def _report() -> BenchReport:
    report = BenchReport("c.jsonl", 100, 25_000, 1, ["tok2vec", "parser"])
    report.phases["parse"] = PhaseResult("parse", 100, 25_000, 20.0, [300.0], cpu_seconds=19.0)
    report.phases["annotate"] = PhaseResult(
        "annotate", 100, 25_000, 22.0, [350.0], cpu_seconds=21.0
    )
    report.phases["ingest"] = PhaseResult("ingest", 100, 25_000, 25.0, [400.0], cpu_seconds=24.0)
    return report


def test_last_line_holds_the_ratios():
    lines = format_report(_report())
    assert lines[-1] == "annotate/parse 0.91 ingest/parse 0.80"
    assert any(line.startswith("parse") and "5.00" in line and "300 MB" in line for line in lines)


def test_engine_ratio_printed_when_both_engines_ran():
    report = _report()
    report.phases["run:local"] = PhaseResult("run:local", 100, 25_000, 30.0)
    report.phases["run:ray"] = PhaseResult("run:ray", 100, 25_000, 33.0)
    assert "run ray/local 0.91" in format_report(report)


def test_skipped_phase_is_named():
    report = _report()
    del report.phases["ingest"]
    report.skipped["ingest"] = "eventwire.ingest is not available"
    lines = format_report(report)
    assert any("skipped" in line for line in lines)
    assert lines[-1] == "annotate/parse 0.91"


def test_run_without_matching_inputs_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(
        cli, ["run", str(tmp_path / "nothing*.jsonl"), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    assert "E501" in result.output and "no input files match" in result.output


def test_rounds_cover_every_document_once_in_order():
    docs = [Document(text=f"doc {i}", doc_id=str(i)) for i in range(11)]
    rounds = split_rounds(docs, 3)
    assert [len(r) for r in rounds] == [4, 4, 3]
    assert [d.doc_id for r in rounds for d in r] == [str(i) for i in range(11)]
    assert len(split_rounds(docs[:2], 5)) == 2  # never an empty round


@pytest.mark.parametrize(
    ("docs", "workers", "rounds"), [(10, 1, 1), (400, 1, 8), (400, 2, 4), (5000, 1, 20)]
)
def test_default_rounds_keep_enough_documents_per_worker(docs, workers, rounds):
    assert default_rounds(docs, workers) == rounds


@pytest.mark.parametrize(
    ("phases", "separate", "groups"),
    [
        (("parse", "annotate", "ingest"), False, [("parse", "annotate"), ("ingest",)]),
        (("annotate", "parse"), False, [("parse", "annotate")]),
        (("parse", "annotate", "ingest"), True, [("parse",), ("annotate",), ("ingest",)]),
        (("parse", "ingest"), False, [("parse",), ("ingest",)]),
        (("annotate",), False, [("annotate",)]),
    ],
)
def test_parse_and_annotate_share_workers_unless_separate(phases, separate, groups):
    assert phase_groups(phases, separate=separate) == groups


@pytest.mark.model
def test_bench_runs_every_phase_in_rounds_on_the_same_documents(tmp_path):
    corpus = tmp_path / "c.jsonl"
    lines = [
        {
            "id": f"d{i}",
            "date": "2020-03-0" + str(i + 1),
            "text": f"Kenya's president visited Uganda on Monday. Talk {i}.",
        }
        for i in range(4)
    ]
    corpus.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    report = run_bench([str(corpus)], workers=1, rounds=2)
    assert report.rounds == 2
    assert {name: p.docs for name, p in report.phases.items()} == {
        "parse": 4,
        "annotate": 4,
        "ingest": 4,
    }
    assert all(p.seconds > 0 and p.rss_mb for p in report.phases.values())
    assert all(p.cpu_seconds > 0 for p in report.phases.values())
    # parse and annotate ran in one worker: one process, one peak RSS
    assert report.phases["parse"].rss_mb == report.phases["annotate"].rss_mb
    assert "same worker" in report.phases["annotate"].note
    assert format_report(report)[-1].startswith("annotate/parse ")


@pytest.mark.model
def test_bench_can_keep_parse_and_annotate_apart(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        json.dumps({"id": "d", "date": "2020-03-01", "text": "Kenya's president visited Uganda."})
        + "\n",
        encoding="utf-8",
    )
    report = run_bench(
        [str(corpus)], workers=1, rounds=1, phases=("parse", "annotate"), separate_processes=True
    )
    assert {name: p.docs for name, p in report.phases.items()} == {"parse": 1, "annotate": 1}
    assert not report.phases["annotate"].note
