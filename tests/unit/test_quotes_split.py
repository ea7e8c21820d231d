"""The never-read split of the PolNeAR dev file: how it was drawn, what it selects, and that
errors are never kept for held-out documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.evaluate import quotes as evaluation


def test_split_file_is_the_documented_draw(shared_dir: Path) -> None:
    path = shared_dir / "dev" / "quotes_polnear_dev.jsonl"
    if not path.exists():
        pytest.skip("PolNeAR dev file absent")
    ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    listed = [
        line
        for line in evaluation.HELDOUT_FILE.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert listed == evaluation.draw_heldout(ids)
    assert len(listed) == len(ids) // 2


@pytest.mark.parametrize(
    ("ids", "want"),
    [
        (["a/x_1", "a/x_2", "a/y_1", "a/y_2"], 2),  # half of each publisher
        (["a/x_1", "a/x_2", "a/x_3"], 1),  # an odd count rounds down
        (["a/x_1"], 0),  # a single document is never held out
        ([], 0),
    ],
)
def test_draw_takes_half_of_each_publisher(ids: list[str], want: int) -> None:
    drawn = evaluation.draw_heldout(ids)
    assert len(drawn) == want
    assert drawn == [i for i in ids if i in drawn]  # in file order
    assert evaluation.draw_heldout(ids) == drawn  # deterministic


def _doc(doc_id: str) -> evaluation.GoldDoc:
    gold = evaluation.GoldAttribution(((0, 10),), ((20, 23),), True)
    return evaluation.GoldDoc(doc_id, "x" * 30, (gold,))


@pytest.mark.parametrize(
    ("split", "want"), [("heldout", ["h"]), ("dev", ["d", "e"]), ("all", ["d", "h", "e"])]
)
def test_split_documents(split: str, want: list[str]) -> None:
    docs = [_doc("d"), _doc("h"), _doc("e")]
    chosen = evaluation.split_documents(docs, split, frozenset({"h"}))
    assert [g.doc_id for g in chosen] == want


def test_errors_never_kept_for_heldout_documents() -> None:
    import spacy

    nlp = spacy.blank("en")
    docs = [_doc("dev-doc"), _doc("held-doc")]
    scores = evaluation.evaluate(
        docs, nlp, systems={"none": lambda doc: []}, heldout=frozenset({"held-doc"})
    )["none"]
    assert scores.direct.gold == 2 and scores.direct.found == 0
    assert [e["id"] for e in scores.errors] == ["dev-doc"]
    assert scores.errors[0]["error"] == "missed"
