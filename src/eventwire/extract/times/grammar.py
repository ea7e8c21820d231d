"""The time grammar: macros built from the vocabulary, rules (regex + normaliser), compiled once.

Each rule is a regular expression over the text (case-insensitive; word-level macros such as
``{MONTH}`` expand to the vocabulary's forms) and a normaliser that turns the match into a
TimeML ``(type, value)`` against the document date, or rejects it (None). The span is the
named group ``t`` when the rule has one, else the whole match.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from .vocab import Vocabulary, load_vocabulary

APOS = "['’]"


class Unresolved(Exception):
    """A relative expression with no document date: the value falls back to X-placeholders."""

    def __init__(self, granularity: str) -> None:
        super().__init__(granularity)
        self.granularity = granularity


_PLACEHOLDER = {
    "day": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "month": "XXXX-XX",
    "season": "XXXX-XX",
    "quarter": "XXXX-QX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
}


@dataclass(frozen=True, slots=True)
class Ctx:
    text: str
    dct: dt.date | None
    vocab: Vocabulary
    tense: Callable[[int], str]  # char offset -> "past" | "future"

    def need(self, granularity: str) -> dt.date:
        if self.dct is None:
            raise Unresolved(granularity)
        return self.dct


Result = tuple[str, str] | None
Handler = Callable[[re.Match[str], Ctx], Result]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    regex: re.Pattern[str]
    handler: Handler
    # lower-case literals of which every match contains one (None: no cheap gate); a text
    # holding none of them cannot match, so the rule's scan is skipped (see ``folded_text``)
    gate: frozenset[str] | None = None
    # every match holds a gate word at the start of a word (after whitespace, a hyphen or a
    # ``\b``), so an occurrence right after a letter ("day" in "Monday") cannot start one
    word_start: bool = False
    # the named group whose match holds that gate word, at the top level of the pattern: a
    # match then starts at most the width of the pattern up to that group before the word
    gate_group: str | None = None
    # the macro the gate group holds, when each of its forms begins with a gate word: an
    # occurrence where it does not match (case aside) starts no form ("dec" in "decision")
    gate_form: re.Pattern[str] | None = None


# characters that ``re.IGNORECASE`` folds onto an ASCII letter differently from ``str.lower``
# (Kelvin sign, long s, dotted and dotless i); with any of them present no rule is gated
_FOLD_EXCEPTIONS = "\u212a\u017f\u0130\u0131"


def folded_text(text: str) -> str | None:
    """``text.lower()`` when a literal found in it is exactly a case-insensitive regex match.

    None when the text holds a character for which the two foldings differ: gates are then off.
    """
    if any(c in text for c in _FOLD_EXCEPTIONS):
        return None
    return text.lower()


def gate_words(forms: Iterable[str], *, first: bool = False) -> frozenset[str] | None:
    """Literals of which every match of an alternation of ``forms`` contains one, or None.

    The longest run (with ``first``, the first run) of each form without whitespace or
    apostrophes is matched verbatim (case aside) by any regex built from it by :func:`_alt`;
    words holding another are dropped.
    """
    words = set()
    for form in forms:
        runs = re.findall(r"[^\s'’]+", form.lower())
        if not runs:
            return None
        words.add(runs[0] if first else max(runs, key=len))
    return frozenset(w for w in words if not any(o != w and o in w for o in words))


def placeholder(granularity: str) -> str:
    return _PLACEHOLDER.get(granularity, "XXXX-XX-XX")


# ---------------------------------------------------------------- macros


def _alt(forms: Iterable[str]) -> str:
    """A regex alternation of word forms, longest first; spaces match any whitespace."""
    parts = []
    for form in sorted(set(forms), key=len, reverse=True):
        esc = re.escape(form).replace(r"\ ", r"\s+").replace("'", APOS).replace("’", APOS)
        parts.append(esc)
    return "(?:" + "|".join(parts) + ")"


def _macros(v: Vocabulary) -> dict[str, str]:
    full_months = [f for f in v.months if not f.endswith(".")]
    abbr_months = [f for f in v.months if f.endswith(".")]
    dotless = [f[:-1] for f in abbr_months]
    month = f"(?:{_alt(abbr_months)}|{_alt(full_months)}\\b|{_alt(dotless)}\\b(?=\\s+\\d))"
    weekdays = [f for f in v.weekdays if not f.endswith(".")]
    wd_abbr = [f for f in v.weekdays if f.endswith(".")]
    ones = [f for f, n in v.numbers.items() if 1 <= n <= 9 and " " not in f and len(f) > 2]
    tens = [f for f, n in v.numbers.items() if n in range(20, 100, 10)]
    number_words = _alt(v.numbers)
    num = (
        rf"(?:\d+\s+1/2|\d+(?:\.\d+)?|{_alt(tens)}[-\s]{_alt(ones)}|{number_words}"
        rf"|(?:a|one|two|three|four|five)\s+(?:and\s+a\s+)?half)"
    )
    singular_units = [f for f, (u, _) in v.units.items() if not f.endswith("s") or f == "hours"]
    return {
        "MONTH": month,
        "WEEKDAY": f"(?:{_alt(wd_abbr)}|{_alt(weekdays)}\\b)",
        "SEASON": _alt(v.seasons) + r"\b",
        "PART": _alt(v.parts_of_day) + r"\b",
        "NUM": num,
        "VAGUE": _alt(["a few", "few", "several", "some", "many", "a number of", "numerous"]),
        "ORD": _alt(v.ordinals),
        "UNIT": _alt(v.units) + r"\b",
        "UNIT1": _alt(singular_units) + r"\b",
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)",
        "YEAR": r"(?:1[0-9]\d\d|20\d\d)(?![\d%])",
        "LONEYEAR": r"(?<![\w$£€#])(?<!\d[.,:])(?:1[89]\d\d|20\d\d)(?!\w|%|[.,:]\d)",
        "MOD": (
            r"(?:(?:the\s+)?(?:early|earlier|late|later|mid|middle\s+of|end\s+of|beginning\s+of|"
            r"start\s+of|close\s+of|turn\s+of|first\s+days\s+of)(?:\s+|-)(?:the\s+)?)?"
        ),
        "REL": r"(?:this\s+past|this|last|next|past|coming|previous|following)",
        "RELYEAR": r"(?:this|last|next|the\s+previous|the\s+following|the\s+same)\s+year",
        "SETW": _alt(v.sets) + r"\b",
        "REF": _alt(v.references) + r"\b",
        "DEICTIC": _alt(v.deictic_days) + r"\b",
        "HOLIDAY": _alt(v.holidays) + r"\b",
        "ZONE": _alt(v.utc_zones | v.other_zones) + r"\b",
    }


# ---------------------------------------------------------------- small parsers


def number(text: str | None, v: Vocabulary) -> float | None:
    """A cardinal from digits or words (``twenty-five``, ``two and a half``); None if vague."""
    if text is None:
        return None
    t = re.sub(r"\s+", " ", text.lower().strip())
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    if re.fullmatch(r"\d+ 1/2", t):
        return float(t.split()[0]) + 0.5
    half = re.fullmatch(r"(\w+) (?:and a )?half", t)
    if half:
        base = 0.5 if half[1] in ("a", "an") else number(half[1], v)
        return None if base is None else (base + 0.5 if base >= 1 else base)
    if t in v.numbers:
        return float(v.numbers[t])
    parts = re.split(r"[-\s]", t)
    if len(parts) == 2 and parts[0] in v.numbers and parts[1] in v.numbers:
        return float(v.numbers[parts[0]] + v.numbers[parts[1]])
    return None


def month_number(text: str, v: Vocabulary) -> int:
    t = text.lower()
    return v.months.get(t) or v.months.get(t + ".") or v.months[t.rstrip(".") + "."]


def unit_of(text: str, v: Vocabulary) -> tuple[str, bool]:
    return v.units[re.sub(r"\s+", " ", text.lower())]


def capitalised(word: str) -> bool:
    return word[:1].isupper()


def year_of(text: str, ref: dt.date | None) -> int:
    """A year from ``2014``, ``'98``, ``last year`` / ``this year`` / ``next year``."""
    t = re.sub(r"\s+", " ", text.lower())
    if t.endswith("year"):
        if ref is None:
            raise Unresolved("year")
        return ref.year + {"last": -1, "next": 1, "the previous": -1, "the following": 1}.get(
            t[: -len(" year")], 0
        )
    digits = re.sub(r"\D", "", t)
    if len(digits) == 2:
        base = 1900 if ref is None or int(digits) > ref.year % 100 + 10 else 2000
        return base + int(digits)
    return int(digits)


@lru_cache(maxsize=1)
def grammar() -> tuple[dict[str, str], Vocabulary]:
    vocab = load_vocabulary()
    return _macros(vocab), vocab
