"""The text of a parsed Doc, read once per document.

spaCy rebuilds ``doc.text`` from its tokens on every access (a Python object per token), and
several extractors need the whole text. The first reader stores it in ``doc.user_data``; the
annotator seeds it with the very string it tokenised (spaCy's tokenisation is lossless, so the
two are equal).
"""

from __future__ import annotations

from spacy.tokens import Doc

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
