"""Property-based tests (hypothesis): readers never raise; extractor offsets are always exact."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.io import read_paths, read_text_document
from eventwire.io.readers import iter_jsonl
from eventwire.records import Document
from eventwire.testing.badinput import CJK, QUOTES, RTL
from eventwire.testing.fuzz import SUFFIXES, fuzz_one
from eventwire.testing.offsets import offset_problems

FUZZ_EXAMPLES = int(os.environ.get("EVENTWIRE_FUZZ_EXAMPLES", "25"))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MODEL = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

FRAGMENTS = [
    "The foreign minister of France met Chinese officials in Beijing on Tuesday.",
    "Police arrested 40 protesters in Nairobi last week, the government said.",
    "“We will respond,” the Iranian president told reporters on 3 March 2019.",
    "Russia’s army shelled villages near Kharkiv, Ukrainian officials said.",
    "Germany and Japan agreed to hold talks in Berlin next month.",
    '"Sanctions will hurt us," said a spokesman for the Venezuelan government.',
    "Rebels seized the town of Goma in eastern Congo in December last year.",
    "The U.S. State Department condemned the attack.",
    "Washington accused Moscow of meddling.",
    "date 2018-06-08 AP, MOSCOW",
    QUOTES,
    RTL,
    CJK,
    "\n\n",
    "  ",
    "—",
    "...",
    "'",
    "«",
    "»",
]
TEXTS = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=15),
    ),
    min_size=1,
    max_size=6,
).map(" ".join)


# -- readers (model-free) -------------------------------------------------------------------
@FAST
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".jsonl", ""]))
def test_reader_never_raises_on_any_bytes(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"x{suffix}"
        path.write_bytes(data)
        for item in read_paths([str(path)], max_chars=2000):
            assert isinstance(item, Document | InputError)
            if isinstance(item, Document):
                assert item.text.strip() and len(item.text) <= 2000
                assert 0 <= item.body_start <= len(item.text)
                item.text.encode("utf-8")


@FAST
@given(
    value=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=30),
        lambda kids: (
            st.lists(kids, max_size=4)
            | st.dictionaries(
                st.sampled_from(["id", "text", "date", "title", "url", "x"]), kids, max_size=5
            )
        ),
        max_leaves=12,
    )
)
def test_jsonl_line_of_any_json_value_is_a_document_or_an_error(value):
    line = json.dumps(value).encode()
    items = list(iter_jsonl([line, b'{"text": "after"}\n'], source="s", max_chars=500))
    assert isinstance(items[-1], Document) and items[-1].text == "after"
    assert all(isinstance(i, Document | InputError) for i in items)


@FAST
@given(text=st.text(max_size=400))
def test_text_document_keeps_the_exact_text(text):
    try:
        doc = read_text_document(text, source="t", max_chars=300)
    except InputError as err:
        assert err.code.name in {"E003", "E005", "E011"}
        return
    assert doc.text == text and 0 <= doc.body_start <= len(text)


# -- extractors on the real pipeline --------------------------------------------------------
@pytest.mark.model
@MODEL
@given(text=TEXTS)
def test_every_extractor_offset_is_inside_the_text_and_matches_it(annotator, text):
    try:
        ann = annotator.annotate_text(text, date="2020-05-05")
    except InputError as err:  # empty, or only a wire header line
        assert err.code.name in {"E003", "E011"}, str(err)
        return
    assert ann.document.text == text
    assert offset_problems(ann) == []


# an event placed by the dateline points at the dateline in the wire header, so that its text
# is the text at its offsets (a fuzz finding: the place sat at 0:0 with the dateline's text)
DATELINED = [
    "date 2018-06-08 AP, MOSCOW  \nPutin told reporters that the talks went well.",
    "date 0001-01-01 \x01,KCK\n\u1000\tIranian\x1ctold",
]


@pytest.mark.model
@pytest.mark.parametrize("text", DATELINED)
def test_dateline_location_points_into_the_header(annotator, text):
    ann = annotator.annotate_text(text)
    located = [e.location for e in ann.events if e.extra.get("location_source") == "dateline"]
    assert located, "the case must exercise the dateline fallback"
    assert all(text[p.start : p.end] == p.text != "" for p in located)
    assert offset_problems(ann) == []


@pytest.mark.model
@MODEL
@given(
    data=st.one_of(st.binary(max_size=600), TEXTS.map(lambda t: t.encode("utf-8"))),
    suffix=st.sampled_from(SUFFIXES),
)
def test_fuzz_reader_and_annotate(annotator, tmp_path, data, suffix):
    """The fuzz target; run longer with EVENTWIRE_FUZZ_EXAMPLES=2000."""
    fuzz_one(data, suffix, annotator, tmp_path)
