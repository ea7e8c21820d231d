"""Attributions given by the layout of a text rather than by its grammar.

- **Transcript turns**: a paragraph that opens with a capitalised label and a colon
  (``PENCE: Well, look, ...``), also inside a quoted transcript whose paragraphs each open with
  a quote mark (``"WALLACE: Let's start ...``): the paragraph is the label's;
- **headline labels**: a first line ``Pence: Gennifer Flowers Won't Be at Debate`` (one to four
  capitalised words and a colon) gives the rest of the line to the label;
- **colon blocks**: a paragraph that ends with a colon (``Limbaugh added:``) and is followed by
  a paragraph that does not open with a quote mark: the block quotation is that paragraph.

Pure functions over the text; offsets are character offsets.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

_TURN = re.compile(r"(?m)^[ \t]*[\"“]?([A-Z][A-Z.'’ -]{1,38}[A-Z.])[ \t]*:[ \t]+(?=\S)")
_HEADLINE = re.compile(r"\A\s*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})[ \t]*:[ \t]+(?=\S)")
_OPENING_MARKS = "\"“‘'«"
MIN_TURN_WORDS = 4


@dataclass(frozen=True, slots=True)
class Turn:
    """A label (the speaker's name as written) and the words given to it."""

    label: tuple[int, int]
    content: tuple[int, int]
    headline: bool = False  # a headline label (title case): a caller checks that it names someone


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    stop = len(text) if end < 0 else end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    return stop


def turns(text: str, not_speakers: Collection[str]) -> list[Turn]:
    """Transcript turns and a headline label, in text order."""
    out: list[Turn] = []
    headline = _HEADLINE.match(text)
    if headline is not None and headline.group(1).upper() not in not_speakers:
        content = (headline.end(), _line_end(text, headline.end()))
        out.append(Turn(headline.span(1), content, headline=True))
    for match in _TURN.finditer(text):
        if match.group(1) in not_speakers or (headline and match.start(1) == headline.start(1)):
            continue
        content = (match.end(), _line_end(text, match.end()))  # final punctuation included
        if len(text[content[0] : content[1]].split()) >= MIN_TURN_WORDS:
            out.append(Turn(match.span(1), content))
    return sorted(out, key=lambda t: t.label)


def colon_blocks(text: str) -> list[tuple[int, tuple[int, int]]]:
    """(offset of the colon, the block paragraph) for each paragraph ending with a colon that
    is followed by a paragraph not opening with a quote mark."""
    out = []
    for match in re.finditer(r":[ \t\u00a0]*\n\s*", text):
        start = match.end()
        if start >= len(text) or text[start] in _OPENING_MARKS:
            continue
        end = _line_end(text, start)
        if end > start and len(text[start:end].split()) >= MIN_TURN_WORDS:
            out.append((match.start(), (start, end)))
    return out


MAX_HEADLINE_WORDS = 25


def headline_end(text: str) -> int | None:
    """Where the first line ends when it is short enough to be a headline (else None)."""
    end = _line_end(text, 0)
    words = len(text[:end].split())
    return end if 0 < words <= MAX_HEADLINE_WORDS else None
