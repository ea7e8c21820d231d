"""More toponym mentions for the places extractor: capitalised datelines and person names.

- ``dateline_mentions``: an ALL-CAPS town name opening an article or a paragraph and followed by
  a dash, a colon, "(AP)" or ", <state or country>" ("NEWARK -- The recent ...", "BEIRUT: A
  major ...", "UNION CITY — Hoping ...", "BAIKONUR, Kazakhstan —"). NER misses or cuts these;
  the name is looked up case-insensitively in the gazetteers.

One regular expression over the text and a dict lookup per match: O(text).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..knowledge.gazetteer import Gazetteer
from ..knowledge.gazetteer_large import load_large_gazetteer

_CAPS_WORD = r"[A-Z][A-Z'\u2019.\-]*"
# the name: one to four ALL-CAPS words at the start of the text, a line or a sentence
_DATELINE = (
    r"(?:^|(?<=\n)|(?<=[\d%.!?;)\"'\u201d\u2019]\s)|(?<=[.!?]\s\s))"
    rf"({_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,3}})"
    r"(?=\s*(?:-{1,3}|[\u2014\u2013\x97:])|\s[\u201d]\s|\s*\(AP\)|\s{2,}\S|,\s)"
)
_CONTAINER = r",\s+([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s*(?:-{1,3}|[\u2014\u2013]|\()"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(_DATELINE), re.compile(_CONTAINER)


def saint(name: str) -> str:
    """ "ST. PARIS" -> "Saint PARIS": GeoNames spells some towns out."""
    return re.sub(r"^(?i:st\.?)\s", "Saint ", name)


def _known(name: str, gaz: Gazetteer) -> bool:
    """Any gazetteer entry: the dateline itself is the cue, so small towns count too."""
    if gaz.lookup(name):
        return True
    large = load_large_gazetteer()
    return large is not None and bool(large.lookup(name) or large.lookup(saint(name)))


def dateline_spans(text: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Character spans of ALL-CAPS dateline place names (see the module docstring)."""
    dateline, container = _patterns()
    spans = []
    for match in dateline.finditer(text):
        name = match.group(1).rstrip("-")
        if len(name.replace(".", "").replace(" ", "")) < 3 or not any(c.isalpha() for c in name):
            continue
        start, end = match.start(1), match.start(1) + len(name)
        if end < len(text) and text[end] == ",":
            box = container.match(text, end)
            if box is None or not any(
                c.feature in {"state", "country"} for c in gaz.lookup(box.group(1))
            ):
                continue
        if _known(name, gaz) or (name.endswith(".") and _known(name[:-1], gaz)):
            if name.endswith(".") and not _known(name, gaz):
                end -= 1
            spans.append((start, end))
    return spans
