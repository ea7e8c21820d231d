"""Seed acceptance for times: the founding article's time values and its events' dates."""

from __future__ import annotations

import pytest

from eventwire.extract.events.dates import date_events
from eventwire.extract.times import find_times
from eventwire.io import read_paths

SEED_VALUES = {
    "today": "2018-06-08",
    "Wednesday": "2018-06-06",
    "April": "2018-04",
    "last summer": "2017-SU",
    "December last year": "2017-12",
    "2014": "2014",
    "this year": "2018",
    "six-year": "P6Y",
    "the past decades": "PXDE",
}


@pytest.fixture(scope="module")
def seed_document(seed_path):
    (document,) = list(read_paths([str(seed_path)]))
    return document


def test_seed_time_values(seed_document):
    assert seed_document.date == "2018-06-08"
    body = seed_document.text[seed_document.body_start :]
    found = {t.text: t.value for t in find_times(body, seed_document.date)}
    for text, value in SEED_VALUES.items():
        assert found.get(text) == value, (text, found)


def test_dev_set_value_f1_floor(shared_dir):
    """Guards against regressions on the TIMEX3 dev set (docs/evaluation/times.md)."""
    from eventwire.evaluate.times import evaluate, load_gold

    gold = shared_dir / "dev" / "timex_dev.jsonl"
    if not gold.is_file():
        pytest.skip("timex dev set absent")
    total = evaluate(load_gold(gold)).total
    assert total.prf(total.value)[2] >= 0.77
    assert total.prf(total.relaxed)[2] >= 0.90


def _find(events, *, sentence: str, trigger_words: tuple[str, ...] = ()):
    for ev in events:
        if sentence in ev.evidence and (
            not trigger_words or any(w in ev.trigger.text.lower() for w in trigger_words)
        ):
            yield ev


@pytest.mark.model
def test_seed_event_dates(seed_document):
    from eventwire.annotate import make_doc
    from eventwire.config import Settings
    from eventwire.pipeline import load_pipeline

    nlp = load_pipeline(Settings(extractors=("actors", "times", "places", "events")))
    doc = nlp(make_doc(nlp, seed_document))
    events = date_events(doc, times=doc._.ew_times or [], events=list(doc._.ew_events or []))
    expected = [
        ("2014 annexation of Crimea", ("annex",), "2014", "year"),
        ("Wei Fenghe", (), "2018-04", "month"),
        ("In December last year", ("drill", "held"), "2017-12", "month"),
    ]
    for sentence, words, date, precision in expected:
        found = list(_find(events, sentence=sentence, trigger_words=words))
        assert found, f"the seed's event in {sentence!r} {words} is no longer found"
        assert any((e.date, e.date_precision) == (date, precision) for e in found), found
