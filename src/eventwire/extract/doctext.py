"""The text of a parsed Doc, read once per document.

spaCy rebuilds ``doc.text`` from its tokens on every access (a Python object per token), and
several extractors need the whole text. The first reader stores it in ``doc.user_data``; the
annotator seeds it with the very string it tokenised (spaCy's tokenisation is lossless, so the
two are equal).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

TEXT_KEY = "eventwire.text"


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
