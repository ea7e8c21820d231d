"""``eventwire audit`` (evaluate/audit.py): sheets from hand-made events, merge and summary, no model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventwire.cli.main import cli
from eventwire.errors import EventwireError
from eventwire.evaluate import audit
from eventwire.records import Actor, Annotation, Document, Event, Span

TEXT = "Ruritania's foreign minister visited Freedonia on Monday. Rebels shelled the capital."


def _event(source: str, target: str | None, cameo: str, trigger: tuple[int, int]) -> Event:
    start, end = trigger
    return Event(
        event_id=f"e{start}",
        doc_id="doc1",
        sentence_index=0,
        source=Actor("Ruritania's foreign minister", 0, 28, source),
        target=Actor("Freedonia", 37, 46, target) if target else None,
        cameo=cameo,
        cameo_root=cameo[:2],
        plover="",
        quad_class=1,
        goldstein=1.9,
        trigger=Span(TEXT[start:end], start, end),
        evidence=TEXT[:57],
        evidence_start=0,
        evidence_end=57,
    )


def _annotation(origin: str = "corpora/newswire.jsonl:3") -> Annotation:
    doc = Document(doc_id="doc1", text=TEXT, origin=origin)
    events = [
        _event("RURGOV", "FRD", "042", (29, 36)),
        _event("FRDREB", None, "190", (65, 72)),
        _event("RURGOV", "FRD", "042", (29, 36)),  # the same event twice: one row
    ]
    return Annotation(document=doc, events=events)


def _sheet(tmp_path: Path, **verdicts: Any) -> Path:
    rows = list(
        audit.sheet_rows([_annotation()], commit="abc1234", cameo_names={"042": "Make a visit"})
    )
    for row in rows:
        row.update(verdicts)
    path = tmp_path / "sheet.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_sheet_rows_carry_the_key_and_what_a_judge_reads():
    rows = list(
        audit.sheet_rows([_annotation()], commit="abc1234", cameo_names={"042": "Make a visit"})
    )
    assert len(rows) == 2
    first = rows[0]
    assert (first["corpus"], first["file"], first["coder_commit"]) == ("newswire", None, "abc1234")
    assert first["evidence"] == TEXT[:57] and first["trigger"] == "visited"
    assert first["cameo_name"] == "Make a visit" and first["source_ok"] is None
    labelled = {audit.event_key(first)}
    again = list(audit.sheet_rows([_annotation()], labelled=labelled, commit="x", cameo_names={}))
    assert [r["cameo"] for r in again] == ["190"]


def test_text_files_keep_their_folder_and_name():
    assert audit.corpus_of(Document("d", "t", origin="samples/wikinews/a.txt")) == (
        "wikinews",
        "a.txt",
    )


def test_merge_keeps_no_text_and_computes_right(tmp_path):
    sheet = _sheet(
        tmp_path,
        source_ok=True,
        target_ok=True,
        root_ok=True,
        code_ok=False,
        note="ok",
        judge="ann",
    )
    labels = tmp_path / "labels.jsonl"
    result = audit.merge(sheet, labels)
    assert (result.added, result.already, result.unjudged) == (2, 0, 0)
    rows = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines()]
    assert all(list(r) == list(audit.LABEL_FIELDS) for r in rows)
    assert all(r["right"] is True for r in rows)
    raw = labels.read_text(encoding="utf-8")
    assert "visited" not in raw and "Ruritania's" not in raw and "Freedonia" not in raw
    assert audit.merge(sheet, labels).already == 2  # merging again adds nothing


def test_merge_refuses_rows_without_verdicts(tmp_path):
    labels = tmp_path / "labels.jsonl"
    with pytest.raises(EventwireError, match=r"\[E401\].*not judged"):
        audit.merge(_sheet(tmp_path), labels)
    assert not labels.exists()
    assert audit.merge(_sheet(tmp_path), labels, skip_unjudged=True).unjudged == 2
    with pytest.raises(EventwireError, match="no verdict in target_ok"):
        audit.merge(_sheet(tmp_path, source_ok=True, judge="ann"), labels)


@pytest.mark.parametrize(
    "verdicts,message",
    [
        (dict(source_ok=True, target_ok=True, root_ok=False, code_ok=True), "code_ok is true"),
        (dict(source_ok=True, target_ok=False, root_ok=True, code_ok=True, right=True), "'right'"),
        (dict(source_ok=True, target_ok=True, root_ok=True, code_ok="yes"), "no verdict"),
        (
            dict(source_ok=1, target_ok=True, root_ok=True, code_ok=True),
            "no verdict in source_ok",
        ),
    ],
)
def test_merge_refuses_inconsistent_verdicts(tmp_path, verdicts, message):
    with pytest.raises(EventwireError, match=message):
        audit.merge(_sheet(tmp_path, judge="ann", **verdicts), tmp_path / "labels.jsonl")


def test_merge_refuses_a_note_that_quotes_the_sentence_and_a_missing_judge(tmp_path):
    ok = dict(source_ok=True, target_ok=True, root_ok=True, code_ok=True)
    quoting = _sheet(tmp_path, note="foreign minister visited Freedonia on Monday", judge="a", **ok)
    with pytest.raises(EventwireError, match="quotes the sentence"):
        audit.merge(quoting, tmp_path / "labels.jsonl")
    with pytest.raises(EventwireError, match="no judge"):
        audit.merge(_sheet(tmp_path, **ok), tmp_path / "labels.jsonl")
    assert audit.merge(_sheet(tmp_path, **ok), tmp_path / "labels.jsonl", judge="bo").added == 2


def _label(corpus: str, doc_id: str, cameo: str, right: bool, start: int) -> dict[str, Any]:
    return {
        "corpus": corpus,
        "doc_id": doc_id,
        "file": None,
        "trigger_start": start,
        "trigger_end": start + 3,
        "evidence_start": 0,
        "evidence_end": 9,
        "source": "USA",
        "target": None,
        "cameo": cameo,
        "source_ok": True,
        "target_ok": True,
        "root_ok": right,
        "code_ok": right,
        "right": right,
        "note": "",
        "judge": "ann",
        "coder_commit": "abc",
    }


def test_summary_counts_and_shares():
    labels = [
        _label("a", "d1", "042", True, 0),
        _label("a", "d1", "010", False, 5),
        _label("b", "d2", "043", True, 0),
        _label("b", "d3", "190", False, 0),
    ]
    rows = {(r[0], r[1]): r for r in audit.summarise(labels, heldout={"d3"})}
    assert rows[("all", "")][2:5] == (4, 2, 0.5)
    assert rows[("corpus", "a")][2:5] == (2, 1, 0.5)
    assert rows[("root", "04")][2:5] == (2, 2, 1.0)
    assert rows[("root", "19")][2:5] == (1, 0, 0.0)
    assert rows[("split", "heldout")][2:4] == (1, 0)
    assert rows[("split", "train")][2:4] == (3, 2)
    assert rows[("all", "")][5:] == (1.0, 1.0, 0.5, 0.5)


def test_summary_and_merge_commands(tmp_path):
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps(_label("a", "d1", "042", True, 0)) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["audit", "summary", "--labels", str(labels), "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == "all,,1,1,1,1,1,1,1"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    for args in (["summary", "--labels", str(bad)], ["merge", str(bad), "--labels", str(labels)]):
        result = CliRunner().invoke(cli, ["audit", *args])
        assert result.exit_code == 1
        assert "[E401]" in result.output and "line 1" in result.output
        assert "Traceback" not in result.output
    missing = CliRunner().invoke(cli, ["audit", "summary", "--labels", str(tmp_path / "no.jsonl")])
    assert missing.exit_code == 1 and "no such file" in missing.output


def test_heldout_split_is_fixed_and_readable(tmp_path):
    path = tmp_path / "heldout.txt"
    path.write_text("# comment\nwikinews\tabc\ndef\n", encoding="utf-8")
    assert audit.load_heldout(path) == {"abc", "def"}
    assert audit.heldout_rank("AFP_ENG_19970401.0006") == audit.heldout_rank(
        "AFP_ENG_19970401.0006"
    )
    assert 0 <= audit.heldout_rank("x") < 100


def test_shipped_labels_follow_the_format():
    root = Path(__file__).resolve().parents[2] / "labels"
    labels = audit.load_labels(root / "events_judged.jsonl", missing_ok=False)
    heldout = audit.load_heldout(root / "confidence_heldout.txt")
    assert labels and heldout
    for row in labels:
        assert list(row) == list(audit.LABEL_FIELDS)
        assert row["right"] == (row["source_ok"] and row["target_ok"] and row["root_ok"])
        assert row["root_ok"] or not row["code_ok"]
    keys = [audit.event_key(r) for r in labels]
    assert len(keys) == len(set(keys))
    # the split is the documented rule
    assert all(audit.heldout_rank(doc_id) < 25 for doc_id in heldout)


def _judged(label: dict[str, Any], **verdicts: bool) -> dict[str, Any]:
    row = {**label, **verdicts}
    row["right"] = row["source_ok"] and row["target_ok"] and row["root_ok"]
    return row


def test_agreement_counts_kappa_over_the_events_both_judged():
    first = [_label("a", "d1", "042", True, t) for t in (0, 5, 9)] + [
        _label("a", "d1", "190", False, 20)
    ]
    second = [
        first[0],  # same verdicts
        _judged(first[1], source_ok=False),  # disagrees on the source, so on right
        _judged(first[3], root_ok=True, source_ok=True, target_ok=True, code_ok=True),
        _label("a", "d9", "042", True, 0),  # not judged by the first
    ]
    rows, unmatched = audit.agreement(first, second)
    by = {r[0]: r for r in rows}
    assert unmatched == 1
    assert by["target_ok"][1:] == (3, 1.0, 1.0, 3, 3, 3)
    # right: first (T, T, F), second (T, F, T): observed 1/3, chance 2/3*2/3 + 1/3*1/3 = 5/9
    assert by["right"][1:3] == (3, 0.333)
    assert by["right"][3] == round((1 / 3 - 5 / 9) / (1 - 5 / 9), 3)
    assert by["right"][4:] == (2, 2, 1)
    with pytest.raises(ValueError):
        audit.agreement(first, [_label("a", "d9", "042", True, 0)])


def test_agreement_command(tmp_path):
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(json.dumps(_label("a", "d1", "042", True, 0)) + "\n", encoding="utf-8")
    second.write_text(json.dumps(_label("a", "d2", "042", True, 0)) + "\n", encoding="utf-8")
    args = ["audit", "agreement", "--labels", str(first), "--second", str(second)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1 and "no event is judged in both" in result.output
    assert "Traceback" not in result.output
    second.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli, [*args, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "right,1,1,1,1,1,1"


def test_shipped_second_judge_labels_match_first_judge_events():
    root = Path(__file__).resolve().parents[2] / "labels"
    first = audit.load_labels(root / "events_judged.jsonl", missing_ok=False)
    second = audit.load_labels(root / "second_judge.jsonl", missing_ok=False)
    heldout = audit.load_heldout(root / "confidence_heldout.txt")
    assert not {r["doc_id"] for r in second} & heldout  # training documents only
    rows, unmatched = audit.agreement(first, second)
    assert unmatched == 0 and rows[0][1] == len(second) >= 200
