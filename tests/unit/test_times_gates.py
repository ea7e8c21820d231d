"""Rule gates only skip scans that cannot match: gated and ungated candidates are identical."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from eventwire.extract.times import extract as times_mod
from eventwire.extract.times.extract import _candidates, text_tense
from eventwire.extract.times.grammar import Ctx, folded_text, gate_words
from eventwire.extract.times.rules import _gate_form, compiled_rules
from eventwire.extract.times.scan import _capped_width, max_width
from eventwire.extract.times.vocab import load_vocabulary

TEXTS = [
    "The talks resumed on Apr 5, officials said.",
    "They met again on Sept. 12, 2019, officials said.",
    "Voters go to the polls on Mon. night; results are due by midnight or 10 a.m. Tuesday.",
    "Profits rose in the third quarter, and the year-ago period was weaker.",
    "He served two terms in the nineteen nineties and the early 1980s, a year earlier than planned.",
    "Markets close for Christmas and Easter; the summer of 2016 was quiet.",
    "Fighting went on for several weeks every other month, three days ago, until tonight.",
    "In the first half of the year sales fell, the weekend after next; sales are reported daily.",
    "the last century began, later in the day, four hours from now, at 14:30 GMT.",
    "THE MINISTER SAID ON FRIDAY THAT TALKS WOULD RESUME NEXT MONTH.",
    "Nothing here but words and 1,200 people.",
    "It took 2 1/2 hours, 3.5 years and 12345678901234 days in 2019, 20 weeks, twice a year.",
    "A count of " + "7" * 160 + " days, nothing more.",
    "                                        \n\nMay   2018 -- the  -  first    quarter   of  2017,"
    " on Friday\n\n\n   morning, five\t\tyears    ago; the  weekend   of    Christmas   Day.",
    "Talks on Mar. 3, mar 4 and March; dec 12 1999, Dec.\n\n25; decision day is Jun 1.",
    # unit words inside other words: skipped by rules whose units always begin a word
    "Monday's holiday lasted two days; yesterday's birthday, a per-day rate, the day-long"
    " summit, three-day talks, the 24-hour shift, a decade-old rule, midday, the years-long"
    " feud, Sunday's fifty-year plan, an hourly fee, at the end of theday, for the year ended.",
    "A text with a Kelvin sign \u212a and a long \u017f: the MAY 3 meeting, next \u017fummer.",
    # rules gated on a punctuation mark or a zone, and rules scanned from their gate group
    "Filed 2019-05-03T14:30, amended 2019-13-45 and 5/3/2019; 12/31/99 at 1430 hours, 0900 GMT,"
    " 23.15 local time, 7/8 of voters, re-run on Wed., Jan. 5, the 3rd of March 2020, the summer"
    " of next year, Christmas Eve 2019, early last Monday morning, late yesterday afternoon.",
    "On New Year's Day and new year\u2019s eve, a good Friday, Good Friday 2016, the decision"
    " in Dec. and the market in March; she may leave by May Day or mid-Easter Monday.",
]


def _ctx(text: str) -> Ctx:
    return Ctx(text=text, dct=dt.date(2018, 6, 8), vocab=load_vocabulary(), tense=text_tense(text))


@pytest.mark.parametrize("text", TEXTS)
def test_gated_candidates_equal_full_scan(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    gated = _candidates(_ctx(text))
    monkeypatch.setattr(times_mod, "folded_text", lambda _text: None)  # gates off
    assert gated == _candidates(_ctx(text))
    assert gated or text.startswith("Nothing")


def test_windowed_scan_equals_finditer_on_shuffled_phrases(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    phrases = [t.split() for t in TEXTS]
    words = [w for p in phrases for w in p]
    rng = random.Random(7)
    for _ in range(30):
        seps = [" ", "  ", "\n\n", " - ", ", ", "\t"]
        text = "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(5, 60)))
        gated = _candidates(_ctx(text))
        with monkeypatch.context() as patch:
            patch.setattr(times_mod, "folded_text", lambda _text: None)
            assert gated == _candidates(_ctx(text)), text


def test_gates_cover_month_abbreviations_without_dot() -> None:
    month = next(r for r in compiled_rules() if r.name == "month_day")
    assert month.gate is not None and "apr" in month.gate


def test_unsafe_folding_turns_gates_off() -> None:
    assert folded_text("Temperature 5 \u212a") is None
    assert folded_text("Dotted \u0130stanbul") is None
    assert folded_text("Plain May") == "plain may"


def test_gate_words_drop_implied_words_and_refuse_empty_forms() -> None:
    assert gate_words(["New Year's Day", "year", "Mon."]) == frozenset({"year", "mon."})
    assert gate_words(["'"]) is None


@pytest.mark.parametrize("rule", compiled_rules(), ids=lambda r: r.name)
def test_width_bounds_cover_the_exact_widths(rule) -> None:
    for cap in range(9):
        exact = _capped_width(rule.regex.pattern, cap)
        bound = max_width(rule.regex.pattern, cap)
        if bound is None:
            continue
        assert exact is not None and exact <= bound <= exact + 2 * cap + 2
        if rule.gate_group is not None:
            lead = max_width(rule.regex.pattern, cap, upto=rule.gate_group)
            assert lead is not None and lead <= bound  # the group is at the pattern's top level


def test_gate_groups_hold_the_gate() -> None:
    grouped = [r for r in compiled_rules() if r.gate_group is not None]
    assert {r.name for r in grouped} >= {"month_day", "weekday", "holiday"}
    for rule in grouped:
        assert rule.gate_group in rule.regex.groupindex


def test_gate_forms_need_every_form_to_begin_with_a_gate_word() -> None:
    rules = {r.name: r for r in compiled_rules()}
    assert rules["month_day"].gate_form is not None
    holiday = rules["holiday"]
    assert holiday.gate_form is not None and {"new", "good"} <= (holiday.gate or set())
    assert _gate_form("holiday", frozenset({"day", "christmas"})) is None  # "day" ends forms
    assert _gate_form("weekday", rules["weekday"].gate) is None  # no form macro for it
