"""Limits: document size, sentence length, bounded memory on a huge single line."""

from __future__ import annotations

import json
import tracemalloc

import pytest
import spacy

from eventwire.annotate import cap_sentences
from eventwire.config import Settings
from eventwire.errors import ConfigError, InputError
from eventwire.io import read_paths, read_text_document


def test_document_over_max_chars_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match=r"E005.*limit is 50 \(setting max_doc_chars\)"):
        read_text_document("x" * 51, source="t", max_chars=50)
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "y" * 80}) + "\n" + json.dumps({"text": "ok"}) + "\n")
    items = list(read_paths([str(path)], max_chars=50))
    assert isinstance(items[0], InputError) and items[0].code.name == "E005"
    assert items[1].text == "ok"


def test_huge_single_line_is_streamed_not_loaded(tmp_path):
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as fh:
        fh.write(b'{"text": "' + b"a" * (30 << 20) + b'"}\n')
        fh.write(json.dumps({"text": "after the huge line"}).encode() + b"\n")
    tracemalloc.start()
    try:
        items = list(read_paths([str(path)], max_chars=10_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [type(i).__name__ for i in items] == ["InputError", "Document"]
    assert items[0].code.name == "E005"
    assert peak < 8 << 20, f"peak {peak / 2**20:.1f} MiB reading a 30 MiB line"


def test_sentence_length_setting_is_validated():
    with pytest.raises(ConfigError, match="E202.*max_sentence_tokens"):
        Settings().with_(max_sentence_tokens=2)


def test_cap_sentences_forces_starts_only_in_long_runs():
    nlp = spacy.blank("en")
    normal = nlp("Officials met on Monday. They agreed to talk again. " * 20)
    assert cap_sentences(normal, 40) == 0
    words = " ".join(["word"] * 1000)
    doc = nlp(words + ". Short one.")
    assert cap_sentences(doc, 100) == 9
    starts = [t.i for t in doc if t.is_sent_start]
    assert starts == [0, *range(100, 1000, 100)]


@pytest.mark.model
def test_parsed_sentences_stay_under_the_cap(annotator):
    text = " ".join(
        f"the army of region {i} moved toward the border and officials watched" for i in range(150)
    )
    doc = annotator.nlp(annotator.nlp.make_doc(text))  # without the cap: one huge sentence
    assert max(len(s) for s in doc.sents) > 1000
    ann = annotator.annotate_text(text)
    assert ann.document.text == text
    from eventwire.annotate import make_doc

    capped = annotator.nlp(make_doc(annotator.nlp, ann.document, max_sentence_tokens=400))
    assert max(len(s) for s in capped.sents) <= 401  # a final full stop may join the capped piece
