"""Time expressions: find them and normalise them to TimeML values against the document date.

``find_times(text, dct)`` works on plain text (no parse needed): every rule of the grammar
(``rules``) proposes matches, the longest non-overlapping ones win, and relative
expressions resolve against the document date, in the direction of the sentence's tense
("on Wednesday" in past-tense reporting is the most recent Wednesday). ``extract_times(doc)``
is the extractor the pipeline runs; ``check_knowledge()`` validates the data files.

Values: ``2018-06-08``, ``2018-04``, ``2017-SU``, ``2018-Q1``, ``2018-W23``, ``199`` (the
1990s), ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``, durations ``P6Y``/``PXDE``, sets ``P1Y``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from ...errors import KnowledgeError
from ...records import TimeExpression
from ..doctext import text_of
from . import calendar as cal
from .grammar import Ctx, Unresolved, folded_text, grammar, placeholder
from .rules import anaphoric_word, compiled_rules
from .scan import Scanner
from .vocab import load_vocabulary, vocabulary_problems

log = logging.getLogger(__name__)

_FUTURE_CUE = re.compile(
    r"\b(?:will|won['’]t|shall|going\s+to|plan(?:s|ned)?\s+to|planning\s+to|scheduled|expected\s+to|"
    r"(?:was|were)\s+to|hopes?\s+to|"
    r"due\s+to|set\s+to|intends?\s+to|aims?\s+to|upcoming|is\s+to|are\s+to|would)\b|['’]ll\b",
    re.I,
)
_PAST_CUE = re.compile(
    r"\b(?:was|were|had|did|said|told|made|took|came|went|got|gave|met|held|began|rose|fell|"
    r"left|became|saw|won|lost|paid|sold|bought|spoke|wrote|ago|[a-z]{3,}ed)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[A-Z\"“‘(])|\n\s*\n")
_CLOCK_VALUE = re.compile(r"T\d\d:\d\d")
_DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d$")
_CLOCK_GAP = re.compile(r"\s*,?\s*(?:on\s+)?")
_ANAPHORA_WINDOW = 1500  # characters after a quarter in which "a year ago" refers to it
_QUARTER_VALUE = re.compile(r"^(\d{4})-Q(\d)$")
_YEAR_AGO = re.compile(
    r"^(?:(?:a|one)\s+year\s+(?:ago|earlier|before)|(?:the\s+)?year[-\s](?:earlier|ago)(?:\s+\w+)?)$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    type: str
    value: str
    rule: int  # index of the rule: earlier rules win ties


class Sentences:
    """Rough, parse-free sentence bounds of a text, split once and looked up by bisection."""

    def __init__(self, text: str) -> None:
        self.ends = [m.start() + 1 for m in _SENTENCE_END.finditer(text)]
        self.starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
        self.length = len(text)

    def bounds(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.starts, pos) - 1
        return self.starts[i], (self.ends[i] if i < len(self.ends) else self.length)


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the sentence (a rough, parse-free split) around ``pos``."""
    return Sentences(text).bounds(pos)


def text_tense(text: str) -> Callable[[int], str]:
    """Tense at a position: the nearest tense cue in its sentence ("future"/"past"), else "none"."""

    sentences = Sentences(text)
    cues: dict[int, list[tuple[int, str]]] = {}  # sentence start -> its cues, found once

    def tense(pos: int) -> str:
        start, end = sentences.bounds(pos)
        found = cues.get(start)
        if found is None:
            found = cues[start] = [
                (m.start(), label)
                for regex, label in ((_FUTURE_CUE, "future"), (_PAST_CUE, "past"))
                for m in regex.finditer(text, start, end)
            ]
        best: tuple[int, str] = (10**9, "none")
        for at, label in found:
            distance = abs(at - pos)
            if distance < best[0]:
                best = (distance, label)
        return best[1]

    return tense


def _candidates(ctx: Ctx) -> list[_Candidate]:
    found: list[_Candidate] = []
    scanner = Scanner(ctx.text, folded_text(ctx.text))
    for index, rule in enumerate(compiled_rules()):
        for m in scanner.matches(rule):
            if m.end() == m.start():
                continue
            try:
                result = rule.handler(m, ctx)
            except Unresolved as exc:
                result = ("DATE", placeholder(exc.granularity))
            except (KeyError, ValueError, OverflowError) as exc:
                log.debug("time rule %s rejected %r: %s", rule.name, m.group(0), exc)
                continue
            if result is None:
                continue
            start, end = m.span("t") if "t" in rule.regex.groupindex else m.span()
            text = ctx.text[start:end]
            stripped = text.rstrip(" \t\n,")
            end -= len(text) - len(stripped)
            found.append(_Candidate(start, end, result[0], result[1], index))
    return found


def _select(cands: list[_Candidate]) -> list[_Candidate]:
    """Longest first, then the earlier rule; no two chosen expressions overlap."""
    chosen: list[_Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.rule, c.start)):
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        chosen.append(c)
        taken.append((c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


def _quarter_from(anchor: tuple[int, int], word: str) -> str:
    year, q = anchor
    if word.startswith("year:"):
        year = int(word[5:])
    elif word.startswith("year") or word == "same":
        year -= 1
    elif word in ("next", "coming"):
        year, q = cal.add_quarters(year, q, 1)
    elif word in ("last", "previous"):
        year, q = cal.add_quarters(year, q, -1)
    return f"{year:04d}-Q{q}"


def _anaphora(text: str, chosen: list[_Candidate]) -> list[_Candidate]:
    """Quarters by reference: "the quarter", "a year ago", "year-earlier" near a named quarter.

    They take the last quarter named within ``_ANAPHORA_WINDOW`` characters (a year back for
    "a year ago"/"year-earlier"); without one, the rule's own value (from the document date).
    """
    rules = compiled_rules()
    out: list[_Candidate] = []
    anchor: tuple[int, int, int] | None = None  # (year, quarter, offset)
    for c in chosen:
        near = anchor is not None and c.start - anchor[2] < _ANAPHORA_WINDOW
        rule = rules[c.rule]
        if rule.name == "quarter_ana":
            if anchor is not None and near:
                m = rule.regex.match(text, c.start)
                word = anaphoric_word(m) if m else ""
                c = replace(c, value=_quarter_from(anchor[:2], word))
        elif anchor is not None and near and _YEAR_AGO.match(text[c.start : c.end]):
            c = replace(c, value=_quarter_from(anchor[:2], "year-ago"))
        else:
            qm = _QUARTER_VALUE.match(c.value)
            if qm:
                anchor = (int(qm[1]), int(qm[2]), c.start)
        out.append(c)
    return out


def _merge_clock_dates(text: str, chosen: list[_Candidate]) -> list[_Candidate]:
    """A clock time right before its day is one expression: "10 p.m. Wednesday" -> ``...T22:00``."""
    out: list[_Candidate] = []
    i = 0
    while i < len(chosen):
        c = chosen[i]
        nxt = chosen[i + 1] if i + 1 < len(chosen) else None
        if (
            nxt is not None
            and _CLOCK_VALUE.search(c.value)
            and _DAY_VALUE.match(nxt.value)
            and _CLOCK_GAP.fullmatch(text[c.end : nxt.start])
        ):
            value = nxt.value[:10] + c.value[c.value.index("T") :]
            out.append(_Candidate(c.start, nxt.end, "TIME", value, c.rule))
            i += 2
            continue
        out.append(c)
        i += 1
    return out


def find_times(
    text: str,
    dct: str | dt.date | None,
    *,
    tense: Callable[[int], str] | None = None,
) -> list[TimeExpression]:
    """Every time expression in ``text``, normalised against the document date ``dct``.

    ``tense`` maps a character offset to "past" or "future" (default: cues in the sentence).
    """
    ref = dct if isinstance(dct, dt.date) else cal.parse_dct(dct)
    ctx = Ctx(text=text, dct=ref, vocab=load_vocabulary(), tense=tense or text_tense(text))
    chosen = _merge_clock_dates(text, _anaphora(text, _select(_candidates(ctx))))
    return [TimeExpression(text[c.start : c.end], c.start, c.end, c.type, c.value) for c in chosen]


def extract_times(doc: Doc) -> list[TimeExpression]:
    """The extractor the pipeline runs: times in the document text, offsets into ``doc.text``."""
    start = doc._.ew_body_start or 0
    times = find_times(text_of(doc), doc._.ew_date)
    return [t for t in times if t.start >= start]


def precision_of(value: str) -> str | None:
    """The granularity of a TimeML date value as an event ``date_precision``; None if not a date."""
    if re.match(r"^\d{4}-\d\d-\d\d", value):
        return "day"
    if re.match(r"^\d{4}-\d\d$", value):
        return "month"
    if re.match(r"^\d{4}-(?:SP|SU|FA|WI)$", value):
        return "season"
    if re.match(r"^\d{4}$", value):
        return "year"
    return None


def check_knowledge() -> list[str]:
    """Problems in the time data files (schema and consistency); empty when all is well."""
    load_vocabulary.cache_clear()
    try:
        vocab = load_vocabulary()
    except KnowledgeError as exc:
        return [str(exc)]
    problems = vocabulary_problems(vocab)
    try:
        grammar.cache_clear()
        compiled_rules.cache_clear()
        compiled_rules()
    except re.error as exc:  # a vocabulary form that breaks a pattern
        problems.append(f"time grammar does not compile: {exc}")
    return problems
