"""Finding quoted passages by a single linear scan over the characters of a text.

The scan knows typographic conventions, not grammar:

- curly double quotes are directional (“ opens, ” closes); a straight ``"`` opens after
  whitespace, an opening bracket or a dash, and closes otherwise;
- a single quote opens only as ‘ or as a straight ``'`` after whitespace followed by a letter,
  and an apostrophe ’ is never an opening mark, so possessives (``US’``, ``Studies’``) and
  contractions (``summer’s``, ``won’t``) stay words;
- two apostrophes ``''`` (a typewriter convention) count as one double mark;
- single quotes inside a double quote are part of its content (a quote within a quote);
- a quote still open at a paragraph break ends there; when the next paragraph starts with an
  opening mark it continues the same quote (the news convention for multi-paragraph quotes).

The result is a list of :class:`QuoteSpan` in text order; offsets are Python character offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„‟«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
ALL_MARKS = (
    DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT_DOUBLE + STRAIGHT_SINGLE
)
_MARK = re.compile("[" + re.escape(ALL_MARKS) + "]")  # a character the scan acts on
_PAD = "\u200b"  # stands in for the second apostrophe of a '' mark
_BEFORE_OPEN = " \t\n\r\u00a0([{—–-/:;"  # characters after which a straight mark opens


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quoted passage: the marks and the content between them (whitespace trimmed)."""

    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark; None when the quote runs to a paragraph end
    start: int  # content start
    end: int  # content end (exclusive)
    double: bool = True  # a double-quote passage (else single quotes)
    continued: bool = False  # continues an unclosed quote of the previous paragraph

    @property
    def outer_end(self) -> int:
        """Offset just after the closing mark (or after the content when unclosed)."""
        return self.close + 1 if self.close is not None else self.end


def _is_opening_context(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _BEFORE_OPEN or before in DOUBLE_OPEN + SINGLE_OPEN) and not after.isspace()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] == _PAD):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == _PAD):
        end -= 1
    return start, end


def _paragraph_end(text: str, i: int) -> int:
    """Offset of the newline that ends the paragraph holding ``i`` (or the text's end)."""
    j = text.find("\n", i)
    return len(text) if j < 0 else j


def _next_paragraph_opens(text: str, newline: int) -> bool:
    j = newline
    while j < len(text) and text[j].isspace():
        j += 1
    return j < len(text) and (text[j] in DOUBLE_OPEN or text[j] == STRAIGHT_DOUBLE)


def _single_closes(text: str, i: int) -> bool:
    """A ’ or ' that ends a single-quoted passage: after a non-space, not before a letter."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _single_opens(text: str, i: int) -> bool:
    ch = text[i]
    if ch in SINGLE_OPEN:
        return _is_opening_context(text, i)
    after = text[i + 1] if i + 1 < len(text) else " "
    return ch == STRAIGHT_SINGLE and _is_opening_context(text, i) and after.isalpha()


def _double_closes(text: str, i: int, opened_with: str) -> bool:
    ch = text[i]
    if ch in DOUBLE_CLOSE:
        return True
    if ch == STRAIGHT_DOUBLE:
        return opened_with == STRAIGHT_DOUBLE or not _is_opening_context(text, i)
    # a mistyped “ used as a closer: glued to the word before it, followed by a space or punctuation
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return ch in DOUBLE_OPEN and not before.isspace() and not after.isalnum()


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All top-level quoted passages of ``text``, in order (one linear pass)."""
    text = text.replace("''", '"' + _PAD)  # two apostrophes as one double mark (same length)
    spans: list[QuoteSpan] = []
    i, n = 0, len(text)
    continued = False
    while i < n:
        mark = _MARK.search(text, i)
        j = mark.start() if mark is not None else n
        if j > i:  # no mark before j: those characters only end a continuation
            if text[i:j].strip():
                continued = False
            i = j
            continue
        ch = text[i]
        if ch in DOUBLE_OPEN or (
            ch in STRAIGHT_DOUBLE + DOUBLE_CLOSE and _is_opening_context(text, i)
        ):
            span, i, continued = _scan_double(text, i, continued)
            if span is not None:
                spans.append(span)
            continue
        if not ch.isspace():
            continued = False
        if _single_opens(text, i):
            span = _scan_single(text, i)
            if span is not None:
                spans.append(span)
                i = span.outer_end
                continue
        i += 1
    return spans


def _scan_double(text: str, i: int, continued: bool) -> tuple[QuoteSpan | None, int, bool]:
    """Scan a double-quoted passage opening at ``i``; returns (span, next offset, next continues)."""
    opened_with = text[i]
    j = i + 1
    stop = _paragraph_end(text, j)
    depth = 0  # curly double quotes nested inside this one (“he calls “hell” a place”)
    while j < stop:
        ch = text[j]
        if opened_with in DOUBLE_OPEN and ch in DOUBLE_OPEN and _is_opening_context(text, j):
            depth += 1
        elif depth and ch in DOUBLE_CLOSE:
            depth -= 1
        elif ch in DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT_DOUBLE and _double_closes(
            text, j, opened_with
        ):
            start, end = _trim(text, i + 1, j)
            span = QuoteSpan(i, j, start, end, True, continued) if end > start else None
            return span, j + 1, False
        j += 1
    # unclosed at the paragraph end: it continues when the next paragraph opens a quote
    start, end = _trim(text, i + 1, stop)
    if end <= start:
        return None, stop, False
    return QuoteSpan(i, None, start, end, True, continued), stop, _next_paragraph_opens(text, stop)


def _scan_single(text: str, i: int) -> QuoteSpan | None:
    stop = _paragraph_end(text, i + 1)
    for j in range(i + 1, stop):
        if text[j] in SINGLE_CLOSE + STRAIGHT_SINGLE and _single_closes(text, j):
            start, end = _trim(text, i + 1, j)  # one letter ('n') is an elision, not a quote
            return QuoteSpan(i, j, start, end, False) if end - start > 1 else None
        if text[j] in DOUBLE_OPEN:
            return None  # a double quote inside a single one: not the single-quote style
    return None  # an unmatched single mark is an apostrophe or a typo, not a quote
