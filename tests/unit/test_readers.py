"""Readers: wire headers, plain text, JSONL, HTML, directories, stdin and bad input (model-free)."""

from __future__ import annotations

import io
import json

import pytest

from eventwire.errors import Errors, InputError
from eventwire.io import read_paths, read_text_document
from eventwire.records import Document

WIRE = " date 2018-06-08 AP, MOSCOW\n\nRussian President Vladimir Putin is heading to China.\n"


def docs_and_errors(results):
    docs = [r for r in results if isinstance(r, Document)]
    errors = [r for r in results if isinstance(r, InputError)]
    return docs, errors


@pytest.mark.parametrize(
    ("text", "date", "source", "dateline"),
    [
        (WIRE, "2018-06-08", "AP", "MOSCOW"),
        (" date 2020-01-03 Reuters, BAGHDAD\nA strike.", "2020-01-03", "Reuters", "BAGHDAD"),
        ("date 2019-02-01 AFP\nNo dateline here.", "2019-02-01", "AFP", None),
        ("\ufeff date 2016-06-24 EW, LONDON\r\nCRLF body.", "2016-06-24", "EW", "LONDON"),
        ("The date 2018-06-08 AP, MOSCOW is not a header here.", None, None, None),
    ],
)
def test_wire_header(text, date, source, dateline):
    doc = read_text_document(text, source="t")
    assert (doc.date, doc.source, doc.dateline) == (date, source, dateline)
    assert doc.text == text  # exact text kept, header included
    if source:
        assert doc.text[doc.body_start :].strip().endswith(text.strip()[-5:])
        assert not doc.text[doc.body_start :].lstrip().startswith("date ")


def test_plain_text_takes_date_option(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Protesters marched in Paris.", encoding="utf-8")
    (doc,) = list(read_paths([p], date="2019-03-01"))
    assert doc.date == "2019-03-01" and doc.source is None
    (doc,) = list(read_paths([p]))
    assert doc.date is None


def test_jsonl_fields_and_bad_lines(tmp_path):
    p = tmp_path / "c.jsonl"
    lines = [
        json.dumps(
            {
                "id": "x1",
                "text": "Iran and Iraq signed a deal.",
                "date": "2015-07-14",
                "title": "T",
                "source": "S",
                "url": "http://e/1",
            }
        ),
        "{not json",
        json.dumps({"id": "x2"}),
        json.dumps(["a list"]),
        "",
        json.dumps({"text": "Second good one.", "date": "not-a-date"}),
        json.dumps({"text": "Third good one."}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = docs_and_errors(list(read_paths([p])))
    assert [d.doc_id for d in docs][0] == "x1"
    assert docs[0].title == "T" and docs[0].url == "http://e/1" and docs[0].date == "2015-07-14"
    assert len(docs) == 2 and docs[1].text == "Third good one."
    assert [e.code for e in errors] == [Errors.E006, Errors.E007, Errors.E007, Errors.E011]
    assert all(str(p) in str(e) for e in errors)
    assert "line 2" in str(errors[0])


def test_directory_is_recursive_sorted_and_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two", encoding="utf-8")
    (tmp_path / "1.txt").write_text("one", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "notes.md").write_text("markdown is not an input", encoding="utf-8")
    docs, errors = docs_and_errors(list(read_paths([tmp_path])))
    assert [d.text for d in docs] == ["one", "two"] and not errors


def test_stdin_text_and_jsonl():
    (doc,) = list(read_paths(["-"], stdin=io.BytesIO(WIRE.encode())))
    assert doc.source == "AP" and doc.origin == "-"
    docs = list(read_paths(["-"], stdin=io.BytesIO(b'{"text": "a"}\n{"text": "b"}\n')))
    assert [d.text for d in docs] == ["a", "b"]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"\x00\x01\x02\x03binary\x00", Errors.E002),
        (b"", Errors.E003),
        (b"   \n\t  ", Errors.E003),
        ("caf\u00e9 na\u00efve".encode("latin-1"), Errors.E004),
    ],
)
def test_bad_files_give_one_error_naming_the_input(tmp_path, content, code):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    (err,) = list(read_paths([p]))
    assert isinstance(err, InputError) and err.code == code
    assert str(err).startswith(str(p)) and "\n" not in str(err)


def test_missing_path_and_batch_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Fine text.", encoding="utf-8")
    docs, errors = docs_and_errors(list(read_paths([tmp_path / "missing.txt", good])))
    assert [e.code for e in errors] == [Errors.E001] and len(docs) == 1


def test_too_large_is_rejected_without_reading_it_all(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"word " * 50_000)
    (err,) = list(read_paths([p], max_chars=10_000))
    assert isinstance(err, InputError) and err.code == Errors.E005


def test_overlong_jsonl_line_is_one_error(tmp_path):
    p = tmp_path / "long.jsonl"
    p.write_bytes(json.dumps({"text": "x" * 5000}).encode() + b"\n" + b'{"text": "ok"}\n')
    docs, errors = docs_and_errors(list(read_paths([p], max_chars=1000)))
    assert [d.text for d in docs] == ["ok"] and errors[0].code == Errors.E005


def test_html_main_text(tmp_path):
    p = tmp_path / "a.html"
    body = (
        "<p>"
        + "The foreign ministers of France and Germany met in Berlin on Monday to discuss sanctions. "
        * 4
        + "</p>"
    )
    p.write_text(
        f"<html><head><title>Talks</title><script>var x = 1;</script></head><body><nav>Menu</nav>"
        f"<article>{body}</article></body></html>",
        encoding="utf-8",
    )
    (doc,) = list(read_paths([p]))
    assert isinstance(doc, Document)
    assert "foreign ministers of France" in doc.text and "var x" not in doc.text
