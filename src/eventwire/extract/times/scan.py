"""Running a time rule over a text, skipping the stretches that cannot hold one of its matches.

A rule's *gate* (``Rule.gate``) lists lower-case words of which every match holds one. A match
is also no wider than the rule's pattern allows once each unbounded run of whitespace (``\\s+``,
``\\s*``, ``[\\s-]+``) is capped at the text's longest such run. So every match starts within
that width before an occurrence of a gate word, and the scan only tries those stretches: it
searches a prefix of the text (``endpos``: long enough for the match and any lookahead) from ``w - width``
for each occurrence ``w`` in turn. The matches are exactly those of ``regex.finditer(text)``;
rules without a gate or a finite width, texts whose case folding differs from ``str.lower``,
and any empty match fall back to the plain scan.

Two refinements, both from the rule (``Rule.gate_group``, ``Rule.gate_form``): when the gate
words come from one named group at the top level of the pattern, a match starts at most the
width of the pattern up to that group before its occurrence (not the whole width); and when
every form of that group begins with a gate word, occurrences where the group's macro does not
match ("dec" in "decision") hold no match and are dropped before any search.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # the width of a pattern (the public sre_parse alias is deprecated)
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

from .grammar import Rule

_SPREAD = re.compile(r"[\s-]{2,}")
_DIGITS = re.compile(r"\d{2,}")
_FINITE = 10**6  # widths from sre_parse at or above this are unbounded


def spread(text: str) -> int:
    """Length of the longest run of whitespace and hyphens, or of digits, in ``text`` (>= 1)."""
    runs = (m.end() - m.start() for r in (_SPREAD, _DIGITS) for m in r.finditer(text))
    return max(runs, default=1)  # only runs of two or more can exceed the default


def max_width(pattern: str, longest_run: int, *, upto: str | None = None) -> int | None:
    """An upper bound of the widest match of ``pattern`` when runs of whitespace (``\\s+``,
    ``\\s*``, ``[\\s-]+``) and of digits (``\\d+``) are at most ``longest_run`` long; with
    ``upto``, of the part of a match up to the end of that named group (at the top level)."""
    line = _width_line(pattern, upto)
    return None if line is None else line[0] + line[1] * longest_run


_PROBE = 1000  # a run cap above any pattern's widest match with runs left out


@lru_cache(maxsize=256)  # one entry per rule pattern: two parses per rule and process
def _width_line(pattern: str, upto: str | None = None) -> tuple[int, int] | None:
    """``(fixed, runs)``: the widest match of ``pattern`` is at most ``fixed + runs * cap`` for
    any cap on its runs. The width is a maximum of ``a + b * cap`` over the pattern's paths
    (``b`` capped runs on the path), so ``fixed`` is the width at cap 0 and ``runs`` the largest
    ``b``: ``ceil((width(P) - width(0)) / P)`` for a cap ``P`` above ``width(0)``."""
    fixed, probed = _capped_width(pattern, 0, upto), _capped_width(pattern, _PROBE, upto)
    if fixed is None or probed is None or probed >= _FINITE or fixed >= _PROBE:
        return None
    return fixed, -(-(probed - fixed) // _PROBE)


def _capped_width(pattern: str, longest_run: int, upto: str | None = None) -> int | None:
    """The widest match with runs capped at ``longest_run``; with ``upto``, of the pattern's
    top-level items up to that named group (None when the group is not among them)."""
    cap = f"{{0,{longest_run}}}"
    bounded = (
        pattern.replace(r"[\s-]+", r"[\s-]" + cap)
        .replace(r"\s+", r"\s" + cap)
        .replace(r"\s*", r"\s" + cap)
        .replace(r"\d+", r"\d" + cap)
    )
    parsed = sre_parse.parse(bounded, re.I)
    if upto is None:
        return int(parsed.getwidth()[1])
    group = parsed.state.groupdict.get(upto)
    for k, (op, av) in enumerate(parsed.data):
        if op is sre_parse.SUBPATTERN and av[0] == group:
            head = sre_parse.SubPattern(parsed.state, parsed.data[: k + 1])
            return int(head.getwidth()[1])
    return None


def _occurrences(folded: str, words: frozenset[str], *, word_start: bool = False) -> list[int]:
    found: set[int] = set()
    for word in words:
        i = folded.find(word)
        while i >= 0:
            if not (word_start and i and folded[i - 1].isalpha()):
                found.add(i)
            i = folded.find(word, i + 1)
    return sorted(found)


class Scanner:
    """Matches of the rules over one text (gate occurrences and widths computed once)."""

    def __init__(self, text: str, folded: str | None) -> None:
        self.text = text
        self.folded = folded
        self.spread = spread(text) if folded is not None else 1
        self._occ: dict[tuple[frozenset[str], bool], list[int]] = {}
        self._form_occ: dict[tuple[tuple[frozenset[str], bool], str], list[int]] = {}

    def matches(self, rule: Rule) -> Iterator[re.Match[str]]:
        if self.folded is None or rule.gate is None:
            return rule.regex.finditer(self.text)
        key = (rule.gate, rule.word_start)
        occ = self._occ.get(key)
        if occ is None:
            occ = self._occ[key] = _occurrences(self.folded, rule.gate, word_start=rule.word_start)
        if occ and rule.gate_form is not None:
            occ = self._forms(key, rule.gate_form, occ)
        if not occ:
            return iter(())  # none of the words that every match holds
        width = max_width(rule.regex.pattern, self.spread)
        if width is None:
            return rule.regex.finditer(self.text)
        lead = max_width(rule.regex.pattern, self.spread, upto=rule.gate_group)
        found = self._windowed(rule.regex, occ, width, width if lead is None else lead)
        return rule.regex.finditer(self.text) if found is None else iter(found)

    def _forms(
        self, key: tuple[frozenset[str], bool], form: re.Pattern[str], occ: list[int]
    ) -> list[int]:
        """The occurrences where ``form`` matches (once per text for the rules sharing both)."""
        found = self._form_occ.get((key, form.pattern))
        if found is None:
            found = [w for w in occ if form.match(self.text, w)]
            self._form_occ[(key, form.pattern)] = found
        return found

    def _windowed(
        self, regex: re.Pattern[str], occ: list[int], width: int, lead: int
    ) -> list[re.Match[str]] | None:
        """Matches holding an occurrence in ``occ``; ``lead``: at most how far before its
        occurrence a match starts (``width``, or less for a rule with a ``gate_group``)."""
        text, n = self.text, len(self.text)
        reach = width + 2 * self.spread + 64  # the match plus any lookahead after it
        out: list[re.Match[str]] = []
        pos, k = 0, 0
        while True:
            k = bisect_left(occ, pos, k)
            if k == len(occ):
                return out
            w = occ[k]
            m = regex.search(text, max(pos, w - lead), min(n, w + reach))  # endpos: no copy
            if m is None or m.start() > w:
                pos = w + 1  # no match starts at or before w; the next holds a later word
                continue
            if m.end() == m.start():
                return None  # empty matches: leave finditer's rules for them to finditer
            out.append(m)
            pos = m.end()
