"""The bench report's format (the last line is read by scripts) and `run` usage errors."""

from __future__ import annotations

from click.testing import CliRunner

from eventwire.bench import BenchReport, PhaseResult
from eventwire.cli.bench import format_report
from eventwire.cli.main import cli


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
