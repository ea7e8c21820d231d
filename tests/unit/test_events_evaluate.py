"""Event evaluation: gold file kinds, scores at three levels, rater merging, the CLI command."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from eventwire.errors import EventwireError
from eventwire.evaluate.events import PRF, evaluate_events, read_gold
from eventwire.records import Actor


def _write(tmp_path, rows, name="gold.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_prf():
    s = PRF()
    s.add({1, 2, 3}, {2, 3, 4})
    assert (s.tp, s.fp, s.fn) == (2, 1, 1)
    assert s.precision == pytest.approx(2 / 3) and s.recall == pytest.approx(2 / 3)
    assert PRF().f1 == 0.0


def test_read_gold_kinds(tmp_path):
    kind, rows = read_gold(_write(tmp_path, [{"_meta": {}}, {"text": "a", "pentaclass": 3}]))
    assert kind == "pentaclass" and rows == [{"text": "a", "pentaclass": 3}]
    rounds = [
        {
            "id": "r1",
            "text": "T",
            "annotations": {
                "1": {"actions": [{"cameo_root": "18"}, {"cameo_root": "1"}]},
                "2": {"actions": [{"cameo_root": "19"}]},
            },
        },
        {"id": "r2", "text": "T", "annotations": {"3": {"actions": []}}},
    ]
    kind, rows = read_gold(_write(tmp_path, rounds, "r.jsonl"))
    assert kind == "rounds" and len(rows) == 1
    assert rows[0]["first"] == ["18", "19"] and rows[0]["roots"] == {"18", "01", "19"}
    with pytest.raises(EventwireError, match="E401"):
        read_gold(_write(tmp_path, [{"text": "x"}], "bad.jsonl"))
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"text": "x", "events": []}\nnot json\n', encoding="utf-8")
    with pytest.raises(EventwireError, match="line 2"):
        read_gold(bad)


def _event(src, tgt, cameo, negated=False):
    def actor(code):
        return Actor(code, 0, 1, code, code[:3], code[3:] or None, code)

    return SimpleNamespace(
        source=actor(src), target=actor(tgt) if tgt else None, cameo=cameo, negated=negated
    )


class FakeAnnotator:
    def __init__(self, outputs):
        self.outputs = outputs

    def annotate_text(self, text, *, date=None, doc_id=None):
        return SimpleNamespace(events=self.outputs[text])


def test_three_levels_and_errors_by_root():
    rows = [
        {"id": 1, "text": "a", "events": [{"source": "RUSGOV", "target": "CHN", "cameo": "042"}]},
        {"id": 2, "text": "b", "events": [{"source": "USA", "target": "RUS", "cameo": "163"}]},
    ]
    fake = FakeAnnotator(
        {
            "a": [_event("RUSGOV", "CHNGOV", "042")],  # country dyad right, exact actor code wrong
            "b": [_event("USA", "RUS", "111"), _event("USA", "RUS", "163", negated=True)],
        }
    )
    out = evaluate_events(rows, fake)
    levels = out["levels"]
    assert (levels["quad_class"]["tp"], levels["quad_class"]["fp"], levels["quad_class"]["fn"]) == (
        1,
        1,
        1,
    )
    assert (levels["dyad_root"]["tp"], levels["dyad_root"]["fp"], levels["dyad_root"]["fn"]) == (
        1,
        1,
        1,
    )
    assert (levels["exact"]["tp"], levels["exact"]["fp"], levels["exact"]["fn"]) == (0, 2, 2)
    assert out["errors_by_root"] == {
        "11": {"missed": 0, "spurious": 1},
        "16": {"missed": 1, "spurious": 0},
    }


def test_cli_is_registered():
    from eventwire.cli.main import cli

    result = CliRunner().invoke(cli, ["eval", "events", "--help"])
    assert result.exit_code == 0 and "confusion" in result.output


@pytest.mark.model
def test_cli_pentaclass_run(tmp_path):
    from eventwire.cli.main import cli

    path = _write(
        tmp_path,
        [
            {"text": "Gunmen killed a village chief in southern Afghanistan.", "pentaclass": 4},
            {"text": "Norway and Sweden signed a trade agreement.", "pentaclass": 1},
            {"text": "Shares rose on Monday.", "pentaclass": 0},
        ],
    )
    result = CliRunner().invoke(cli, ["eval", "events", str(path), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["kind"] == "pentaclass" and figures["sentences"] == 3
    assert figures["accuracy"] == 1.0
