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


def _attribution(text: str, content: str, direct: bool, cue: int | None) -> evaluation.Attribution:
    from eventwire.records import Quote, Span

    start = text.index(content)
    quote = Quote(Span(content, start, start + len(content)), direct)
    return evaluation.Attribution(quote, None, cue)


@pytest.mark.parametrize(
    ("text", "records", "kinds"),
    [
        # a quote in double marks is direct; in '' (one publisher's convention) it is indirect,
        # as the gold's definition has it (direct: the content holds a double quote mark)
        ("He said “we won.”", [("we won.", True, 1)], [True]),
        ("He said ''we won.''", [("we won.", True, 1)], [False]),
        ("He said ‘we won.’", [("we won.", True, 1)], [False]),
        # a clause is direct when it holds a double-marked quote, whichever cue that quote has
        (
            "She says she likes what he calls “a deal” a lot.",
            [("she likes what he calls “a deal” a lot", False, 1), ("a deal", True, 5)],
            [True, True],
        ),
        ("She says she likes it a lot.", [("she likes it a lot", False, 1)], [False]),
    ],
)
def test_predicted_kind_follows_the_gold_definition(
    text: str, records: list[tuple[str, bool, int | None]], kinds: list[bool]
) -> None:
    found = [_attribution(text, c, d, cue) for c, d, cue in records]
    assert [p.direct for p in evaluation.group_attributions(found, text)] == kinds
