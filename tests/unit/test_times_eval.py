"""``eventwire eval times``: scoring on a tiny hand-written gold file."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventwire.errors import EventwireError
from eventwire.evaluate.times import evaluate, load_gold

TEXT = "Talks ended on Friday. A deal is due next month, after two years of work."


def _write(tmp_path, rows, docs=None):
    gold = tmp_path / "timex.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    docs = docs or [{"doc_id": "d1", "corpus": "test", "dct": "2018-06-08", "text": TEXT}]
    (tmp_path / "timex_docs.jsonl").write_text(
        "".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8"
    )
    return gold


def _row(text, value, type_="DATE", **kw):
    start = TEXT.index(text)
    return {
        "doc_id": "d1",
        "text": text,
        "type": type_,
        "value": value,
        "start": start,
        "end": start + len(text),
        "in_text": True,
        **kw,
    }


def test_scores(tmp_path):
    rows = [
        _row("Friday", "2018-06-08"),  # right
        _row("next month", "2018-08"),  # found, wrong value
        _row("two years of work", "P2Y", "DURATION"),  # overlapping span, right value
        {
            "doc_id": "d1",
            "text": "",
            "type": "DATE",
            "value": "2018-06-08",
            "start": 0,
            "end": 0,
            "in_text": False,
        },  # not in the text: left out
    ]
    report = evaluate(load_gold(_write(tmp_path, rows)))
    t = report.total
    assert (t.gold, t.predicted, t.relaxed, t.strict, t.value) == (3, 3, 3, 2, 2)
    assert report.wrong_values[("next month", "2018-08", "2018-07")] == 1
    assert report.as_dict()["total"]["value"]["f1"] == pytest.approx(2 / 3, abs=1e-4)


def test_unannotated_tail_is_not_scored(tmp_path):
    docs = [{"doc_id": "d1", "dct": "2018-06-08", "text": TEXT, "full_annotation_end": 22}]
    report = evaluate(load_gold(_write(tmp_path, [_row("Friday", "2018-06-08")], docs)))
    assert (report.total.predicted, report.total.value) == (1, 1)


def test_unknown_doc_id_is_a_gold_error(tmp_path):
    rows = [{**_row("Friday", "2018-06-08"), "doc_id": "nope"}]
    with pytest.raises(EventwireError, match="E401"):
        load_gold(_write(tmp_path, rows))


def test_cli(tmp_path):
    from eventwire.cli.main import cli

    gold = _write(tmp_path, [_row("Friday", "2018-06-08")])
    result = CliRunner().invoke(cli, ["eval", "times", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    total = json.loads(result.output)["total"]
    assert (total["gold"], total["predicted"], total["value"]["r"]) == (1, 3, 1.0)
