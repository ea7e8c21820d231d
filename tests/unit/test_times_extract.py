"""Time expressions: golden sentences (tests/golden/times.yaml), calendar and vocabulary checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import spacy
import yaml

from eventwire.errors import KnowledgeError
from eventwire.extract.times import calendar as cal
from eventwire.extract.times import check_knowledge, extract_times, find_times, precision_of
from eventwire.extract.times.vocab import build_vocabulary
from eventwire.knowledge import load_yaml
from eventwire.pipeline.extensions import register_extensions

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "times.yaml"
CASES = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_golden(case):
    found = [(t.text, t.value) for t in find_times(case["text"], case["dct"])]
    for text, value in case["expect"]:
        assert (str(text), str(value)) in found
    for word in case.get("absent", []):
        assert not any(word.lower() in text.lower() for text, _ in found), found
    if not case["expect"]:
        assert found == []


def test_offsets_point_into_the_text():
    text = "Officials said on Friday that in April last year the talks failed."
    for t in find_times(text, "2018-06-08"):
        assert text[t.start : t.end] == t.text


def test_curly_and_straight_apostrophes_agree():
    a = find_times("Last summer's drills were big.", "2018-06-08")
    b = find_times("Last summer’s drills were big.", "2018-06-08")
    assert [(t.start, t.end, t.value) for t in a] == [(t.start, t.end, t.value) for t in b]
    assert a[0].value == "2017-SU"


def test_past_and_future_weekday_direction():
    past = find_times("The minister resigned on Monday.", "2018-06-08")  # a Friday
    future = find_times("The minister will resign on Monday.", "2018-06-08")
    assert past[0].value == "2018-06-04"
    assert future[0].value == "2018-06-11"


def test_without_a_document_date_relative_values_are_placeholders():
    found = {t.text: t.value for t in find_times("He left on Wednesday in 2014.", None)}
    assert found == {"Wednesday": "XXXX-XX-XX", "2014": "2014"}


def test_types():
    found = {
        t.text: t.type
        for t in find_times("For two years, talks were held daily at 9 a.m.", "2018-06-08")
    }
    assert found == {"two years": "DURATION", "daily": "SET", "9 a.m.": "TIME"}


def test_quarter_a_year_ago_refers_to_the_named_quarter():
    text = "Profit rose in the third quarter. A year ago, the company lost money."
    values = [t.value for t in find_times(text, "1989-10-30")]
    assert values == ["1989-Q3", "1988-Q3"]


def test_extract_times_skips_the_header_and_uses_the_doc_date():
    register_extensions()
    nlp = spacy.blank("en")
    doc = nlp(" " * 20 + "\nTalks ended yesterday.")
    doc._.ew_date = "2018-06-08"
    doc._.ew_body_start = 21
    (time,) = extract_times(doc)
    assert (time.text, time.value, doc.text[time.start : time.end]) == (
        "yesterday",
        "2018-06-07",
        "yesterday",
    )


@pytest.mark.parametrize(
    ("value", "precision"),
    [
        ("2018-06-08", "day"),
        ("2018-06-08TNI", "day"),
        ("2018-04", "month"),
        ("2017-SU", "season"),
        ("2014", "year"),
        ("P6Y", None),
        ("PRESENT_REF", None),
        ("2018-Q1", None),
    ],
)
def test_precision_of(value, precision):
    assert precision_of(value) == precision


def test_calendar_helpers():
    ref = dt.date(2018, 6, 8)
    assert cal.weekday_near(ref, 3, "past") == dt.date(2018, 6, 6)
    assert cal.weekday_near(ref, 5, "past") == ref
    assert cal.weekday_near(ref, 5, "past", strict=True) == dt.date(2018, 6, 1)
    assert cal.easter(2018) == dt.date(2018, 4, 1)
    assert cal.nearest_year(dt.date(1989, 11, 1), 12, 15, "none") == 1989
    assert cal.nearest_year(ref, 4, None, "past") == 2018
    assert cal.shift_value(ref, -3, "D") == "2018-06-05"
    assert cal.duration_value(None, "DE", False) == "PXDE"
    assert cal.duration_value(5.5, "H", True) == "PT5H30M"
    assert cal.duration_value(2.5, "Y", False) == "P2Y6M"
    assert cal.duration_value(2.5, "D", False) == "P2DT12H"
    assert cal.parse_dct("03-02-2009") == dt.date(2009, 3, 2)


def test_check_knowledge_is_clean():
    assert check_knowledge() == []


def test_vocabulary_schema_rejects_bad_entries():
    data = dict(load_yaml("times/vocabulary.yaml"))
    broken = {**data, "months": {"source": "x", "entries": [{"number": "one", "forms": ["jan"]}]}}
    with pytest.raises(KnowledgeError):
        build_vocabulary(broken)
    with pytest.raises(KnowledgeError):
        build_vocabulary({k: v for k, v in data.items() if k != "weekdays"})
