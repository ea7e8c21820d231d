"""The text of a Doc is read once and equals spaCy's own ``doc.text``."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import IDX, IS_ALPHA, LOWER

from eventwire.annotate import make_doc
from eventwire.extract.doctext import TEXT_KEY, slice_text, text_of, token_bounds, token_columns
from eventwire.records import Document


def test_text_is_rebuilt_once_then_reused():
    doc = spacy.blank("en")("Talks  resumed in\nGeneva  today. ")
    assert TEXT_KEY not in doc.user_data
    assert text_of(doc) == doc.text
    doc.user_data[TEXT_KEY] = "marker"
    assert text_of(doc) == "marker"  # the stored text, not a rebuild


def test_annotator_seeds_the_exact_parsed_text():
    nlp = spacy.blank("en")
    document = Document(doc_id="d", text="HEADER LINE\nBody  text,\tspaced  oddly. ", body_start=12)
    doc = make_doc(nlp, document)
    assert doc.user_data[TEXT_KEY] == doc.text
    assert len(doc.text) == len(document.text)


@pytest.mark.parametrize(
    ("text", "attrs"),
    [
        ("Talks resumed in Geneva.", (IDX,)),
        ("Talks resumed in Geneva.", (IDX, LOWER, IS_ALPHA)),
        ("", (IDX, LOWER)),
        ("", (IDX,)),
    ],
)
def test_token_columns_are_the_array_by_column(text, attrs):
    doc = spacy.blank("en")(text)
    columns = token_columns(doc, attrs)
    assert len(columns) == len(attrs)
    for k, attr in enumerate(attrs):
        assert columns[k] == doc.to_array(attr).tolist()
        assert all(isinstance(v, int) for v in columns[k])


@pytest.mark.parametrize(("start", "end"), [(0, 1), (1, 4), (3, 6), (0, 6), (2, 2), (5, 9)])
def test_slice_text_is_the_span_text_and_offsets(start, end):
    doc = spacy.blank("en")("Talks  resumed in\nGeneva today.")
    span = doc[start:end]
    assert slice_text(doc, start, end) == (span.text, span.start_char, span.end_char)
    starts, ends = token_bounds(doc)
    assert starts == [t.idx for t in doc] and ends == [t.idx + len(t) for t in doc]
