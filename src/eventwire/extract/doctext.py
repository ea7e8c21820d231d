"""The text of a parsed Doc, read once per document.

spaCy rebuilds ``doc.text`` from its tokens on every access (a Python object per token), and
several extractors need the whole text. The first reader stores it in ``doc.user_data``; the
annotator seeds it with the very string it tokenised (spaCy's tokenisation is lossless, so the
two are equal). Token character offsets are kept there the same way (``token_bounds``).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span

TEXT_KEY = "eventwire.text"
BOUNDS_KEY = "eventwire.token_bounds"


def text_of(doc: Doc) -> str:
    """``doc.text``, computed at most once per Doc."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def seed_text(doc: Doc, text: str) -> None:
    """Record ``text`` (the string ``doc`` was tokenised from) as its text."""
    doc.user_data[TEXT_KEY] = text


def token_columns(doc: Doc, attrs: Sequence[int]) -> list[list[int]]:
    """One list per attribute of ``attrs``, each with a value per token (``doc.to_array``).

    Read column by column: numpy's ``tolist`` of the 2-D array is about 20 times slower
    (Python ints built row by row from 64-bit hashes; measured on the bench corpus).
    """
    array = doc.to_array(list(attrs))
    if array.ndim == 1:  # spaCy returns one attribute as a flat array, even from a list
        return [array.tolist()]
    return [array[:, k].tolist() for k in range(len(attrs))]


def span_text(span: Span) -> str:
    """``span.text`` sliced from the document's text: spaCy joins the span's tokens on every
    access, and the extractors read a sentence's text several times."""
    return text_of(span.doc)[span.start_char : span.end_char]


def token_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Each token's start and end character offsets, read from the Doc's arrays at most once
    per Doc (kept in ``doc.user_data`` like the text)."""
    bounds = doc.user_data.get(BOUNDS_KEY)
    if bounds is None:
        starts, lengths = token_columns(doc, (IDX, LENGTH))
        ends = [s + n for s, n in zip(starts, lengths, strict=True)]
        bounds = doc.user_data[BOUNDS_KEY] = (starts, ends)
    return bounds


def slice_text(doc: Doc, start: int, end: int) -> tuple[str, int, int]:
    """``doc[start:end]``'s text, start_char and end_char, without building the Span and a Token
    per word (``Span.text`` joins them); the Span itself for an empty or out-of-range slice."""
    if 0 <= start < end <= len(doc):
        starts, ends = token_bounds(doc)
        first, last = starts[start], ends[end - 1]
        return text_of(doc)[first:last], first, last
    span = doc[start:end]
    return span.text, span.start_char, span.end_char
