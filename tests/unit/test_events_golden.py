"""Golden sentences (tests/golden/events.yaml, written by us): main CAMEO root and country dyads."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from eventwire.evaluate.events import main_code
from eventwire.extract.events import load_coder_knowledge
from eventwire.extract.events.lexicon import load_lexicon

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "events.yaml"
CASES = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))["cases"]


def test_golden_file_is_broad():
    roots = {c["root"] for c in CASES}
    assert {f"{n:02d}" for n in range(1, 21)} <= roots
    assert len(CASES) >= 300
    assert sum(c["root"] == "none" for c in CASES) >= 20  # negatives
    assert len({c["text"] for c in CASES}) == len(CASES)


@pytest.fixture(scope="module")
def golden_docs(annotator):
    from eventwire.annotate import make_doc
    from eventwire.records import Document

    nlp = annotator.nlp
    docs = [
        make_doc(nlp, Document(doc_id=f"g{i}", text=c["text"], date="2018-06-08"))
        for i, c in enumerate(CASES)
    ]
    return {c["text"]: doc for c, doc in zip(CASES, nlp.pipe(docs, batch_size=64), strict=True)}


def _param(case: dict):
    """A case; one known to fail (``xfail``) must fail: a case that passes makes the run fail."""
    marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
    return pytest.param(case, id=case["text"][:48], marks=marks)


def _country(actor) -> str:
    return actor.country or actor.code[:3]


@pytest.mark.model
@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_golden_sentence(case, golden_docs):
    doc = golden_docs[case["text"]]
    code = main_code(doc, load_coder_knowledge())
    assert (code[:2] if code else "none") == case["root"], code
    found = {
        (_country(e.source), _country(e.target) if e.target else None, e.cameo_root)
        for e in doc._.ew_events
        if not e.negated
    }
    assert not {tuple(t) for t in case.get("absent", ())} & found, found  # with or without events
    assert set(case.get("sources", ())) <= {source for source, _, _ in found}, found
    codes = {
        (e.source.code, e.target.code if e.target else None, e.cameo_root)
        for e in doc._.ew_events
        if not e.negated
    }
    assert {tuple(t) for t in case.get("codes", ())} <= codes, codes  # full actor codes
    if "events" in case:
        expected = {tuple(t) for t in case["events"]}
        assert expected <= found, found
        if not expected:
            assert found == set()


@pytest.mark.model
def test_every_lexicon_example_yields_its_code(nlp):
    from eventwire.extract.events import sentence_candidates

    knowledge = load_coder_knowledge()
    entries = load_lexicon().entries
    missing = []
    for entry, doc in zip(entries, nlp.pipe([e.example for e in entries]), strict=True):
        codes = {c.code for s in doc.sents for c in sentence_candidates(s, knowledge)}
        if entry.code not in codes:
            missing.append((entry.key, entry.example, sorted(codes)))
    assert missing == []
