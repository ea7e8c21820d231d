"""Seed acceptance: the founding article's direct quotes, speakers, cues and exact spans."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

# (start of the content, speaker surname, cue): content must start/end exactly at the marks
EXPECTED = [
    ("I’ll be frank with you", "Putin", "said"),
    ("comfortable partner, a good and reliable friend.", "Putin", "praised"),
    ("They appear to have an excellent rapport,", "Lukyanov", "said"),
    ("They have similar horizons and share a common vision.", "Lukyanov", "said"),
    ("Over the past decades, we have developed relations", "Putin", "said"),
    ("These relations are built on consideration of mutual interests.", "Putin", "said"),
    ("Put simply, everything the US has done", "Li Xin", "said"),
]


def _quotes(doc: Any) -> list[Any]:
    """The extractor with the actors component's mentions passed in, as the pipeline does."""
    from eventwire.extract.quotes import extract_quotes

    return extract_quotes(doc, actors=doc._.ew_actors or ())


def _speaker(quote: Any) -> str:
    return f"{quote.speaker.text} {getattr(quote.speaker, 'name', '') or ''}"


@pytest.mark.model
def test_seed_direct_quotes(seed_path: Path, nlp: Any) -> None:
    raw = seed_path.read_text(encoding="utf-8")
    header, body = raw.split("\n", 1)
    text = " " * len(header) + "\n" + body  # the wire header is blanked, as the reader does
    quotes = [q for q in _quotes(nlp(text)) if q.direct]
    assert len(quotes) == len(EXPECTED)
    for quote, (start, surname, cue) in zip(quotes, EXPECTED, strict=True):
        content = quote.content
        assert content.text.startswith(start)
        assert text[content.start : content.end] == content.text
        assert text[content.start - 1] == "“"  # exactly inside the marks
        assert text[content.end] == "”"
        assert surname in _speaker(quote)
        assert quote.cue is not None and quote.cue.text == cue
        assert text[quote.cue.start : quote.cue.end] == cue
    # apostrophes of US’, Studies’ and summer’s are never quote marks
    assert all("’ " not in q.content.text[:2] for q in quotes)


@pytest.mark.model
def test_seed_indirect_quotes(seed_path: Path, nlp: Any) -> None:
    text = seed_path.read_text(encoding="utf-8")
    indirect = [q for q in _quotes(nlp(text)) if not q.direct]
    contents = [q.content.text for q in indirect]
    assert any(
        c.startswith("that the Chinese president is the only world leader") for c in contents
    )
    assert any(c.startswith("that he chose Russia for his first trip abroad") for c in contents)


@pytest.mark.model
def test_seed_gkg_quotations(seed_path: Path, nlp: Any) -> None:
    from eventwire.extract.quotes import gkg_quotations

    text = seed_path.read_text(encoding="utf-8")
    field = gkg_quotations(_quotes(nlp(text)))
    items = field.split("#")
    assert len(items) == len(EXPECTED)
    offset, length, verb, quote = items[1].split("|")
    assert (verb, quote) == ("praised", "comfortable partner, a good and reliable friend.")
    assert text[int(offset) : int(offset) + int(length)] == quote
