"""Lines of an article that report no event: its closing lists (sources, links, categories) and
citation lines ("MP calls for probe into misplaced documents — Edmonton Sun, August 16, 2008").

A cited headline parses as a sentence with a verb, so the coder would code the cited story as an
event of the article; bylines and datelines are left to the actors and places extractors.
"""

from __future__ import annotations

import re

# "<headline> — <publication>, <date>": a dash set apart, a capitalised name, a comma and a date
# ending the line (a year; no sentence's full stop after it)
_MONTH = r"[A-Z][a-z]{2,8}\.?"
_DATE = rf"(?:(?:{_MONTH}\s+\d{{1,2}},?\s+)?\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
_CITATION = re.compile(
    rf"^[ \t]*\S.*?\s[\u2014\u2013-]{{1,2}}\s+[A-Z][^,\n]{{0,80}},\s+(?:\w+,\s+)?{_DATE}[ \t]*$"
)
_HEADING = re.compile(r"^[ \t=#*]*(?P<word>[A-Za-z][A-Za-z ]{0,30}?)[ \t]*:?[ \t=#*]*$")


def listing_spans(text: str, headings: frozenset[str]) -> list[tuple[int, int]]:
    """Character spans of the lines that report no event: a heading of ``headings`` on a line of
    its own and everything after it; each citation line before that."""
    spans: list[tuple[int, int]] = []
    start = 0
    for line in text.splitlines(keepends=True):
        end = start + len(line)
        bare = line.rstrip("\r\n")
        heading = _HEADING.match(bare)
        if heading and heading.group("word").strip().lower() in headings:
            spans.append((start, len(text)))
            break
        if _CITATION.match(bare):
            spans.append((start, start + len(bare)))
        start = end
    return spans


def in_listing(start_char: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a sentence starting at ``start_char`` lies in one of the spans."""
    return any(a <= start_char < b for a, b in spans)
