"""The CAMEO taxonomy: structure, quad and pentaclass rules, Goldstein and PLOVER against the references."""

from __future__ import annotations

import json

import pytest

from eventwire.errors import KnowledgeError
from eventwire.taxonomy import (
    check_knowledge,
    check_taxonomy,
    load_taxonomy,
    pentaclass_of,
    quad_class_of,
)


def test_every_root_and_parent_present():
    tax = load_taxonomy()
    assert tax.roots() == [f"{n:02d}" for n in range(1, 21)]
    assert check_taxonomy(tax) == []
    assert len(tax.codes) > 300


@pytest.mark.parametrize(
    ("root", "quad", "penta"),
    [
        ("01", 1, 0),
        ("02", 1, 0),
        ("03", 1, 1),
        ("05", 1, 1),
        ("06", 2, 2),
        ("08", 2, 2),
        ("09", 2, 3),
        ("10", 3, 3),
        ("13", 3, 3),
        ("14", 3, 4),
        ("15", 4, 4),
        ("16", 4, 3),
        ("17", 4, 4),
        ("20", 4, 4),
    ],
)
def test_quad_and_pentaclass(root, quad, penta):
    assert quad_class_of(root) == quad
    assert pentaclass_of(root) == penta
    assert load_taxonomy().get(root).quad_class == quad


def test_codes_carry_name_goldstein_plover():
    tax = load_taxonomy()
    visit = tax.get("042")
    assert (visit.root, visit.plover, visit.goldstein) == ("04", "CONSULT", 1.9)
    assert tax.get("163").goldstein == -8.0  # GDELT's table (Phoenix's differs on this code)
    assert tax.get("0874").plover == "RETREAT"
    assert tax.get("010").plover is None  # PLOVER has no category for plain statements


def test_unknown_code_raises():
    with pytest.raises(KnowledgeError, match="E102"):
        load_taxonomy().get("999")


def test_knowledge_check_is_clean():
    assert check_knowledge() == []


def _reference(shared_dir):
    path = shared_dir / "reference" / "cameo_event_codes.jsonl"
    if not path.is_file():
        pytest.skip("reference CAMEO table absent")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_goldstein_equals_gdelt_for_every_code(shared_dir):
    tax = load_taxonomy()
    checked = 0
    for ref in _reference(shared_dir):
        if ref["goldstein_gdelt"] is None:
            continue
        assert ref["code"] in tax, ref["code"]
        assert tax.get(ref["code"]).goldstein == pytest.approx(ref["goldstein_gdelt"]), ref["code"]
        checked += 1
    assert checked > 300


def test_the_seven_disputed_codes_follow_gdelt(shared_dir):
    tax = load_taxonomy()
    disputed = [
        r
        for r in _reference(shared_dir)
        if r["goldstein_gdelt"] is not None
        and r["goldstein_phoenix"] is not None
        and r["goldstein_gdelt"] != r["goldstein_phoenix"]
    ]
    assert disputed, "the reference should show the two tables disagreeing"
    for ref in disputed:
        assert tax.get(ref["code"]).goldstein == ref["goldstein_gdelt"]
        assert tax.get(ref["code"]).goldstein != ref["goldstein_phoenix"]


def test_quad_class_and_plover_match_reference(shared_dir):
    tax = load_taxonomy()
    for ref in _reference(shared_dir):
        if ref["code"] not in tax:
            continue
        assert tax.get(ref["code"]).quad_class == ref["quad_class"], ref["code"]
        assert pentaclass_of(ref["root"]) == ref["phoenix_pentaclass"], ref["code"]
        if ref["plover"]:
            assert tax.get(ref["code"]).plover == ref["plover"], ref["code"]


def test_plover_categories_match_reference(shared_dir):
    path = shared_dir / "reference" / "plover_categories.json"
    if not path.is_file():
        pytest.skip("reference PLOVER file absent")
    ref = json.loads(path.read_text(encoding="utf-8"))["categories"]
    quads = {
        "Verbal Cooperation": 1,
        "Material Cooperation": 2,
        "Verbal Conflict": 3,
        "Material Conflict": 4,
    }
    assert load_taxonomy().plover == {c["category"]: quads[c["quad"]] for c in ref}
