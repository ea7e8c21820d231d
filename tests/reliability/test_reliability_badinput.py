"""The generated bad-input corpus: each reader verdict, then the whole corpus through `eventwire ingest`."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from eventwire.cli.main import cli
from eventwire.errors import InputError
from eventwire.io import read_paths
from eventwire.records import Document
from eventwire.testing.badinput import Case, write_corpus

MAX_CHARS = 100_000  # CI size: the huge line (200 kB) is over it; the manual run uses 100 MB


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[Case]]:
    root = tmp_path_factory.mktemp("bad")
    return root, write_corpus(root, huge_bytes=200_000, no_punct_sentences=100, nested_depth=50_000)


def test_every_case_gets_its_verdict(corpus):
    root, cases = corpus
    for case in cases:
        items = list(read_paths([str(root / case.name)], max_chars=MAX_CHARS))
        docs = [x for x in items if isinstance(x, Document)]
        errors = [x for x in items if isinstance(x, InputError)]
        assert len(docs) + len(errors) == len(items), case.name
        if case.expect == "accept":
            assert (len(docs), errors) == (1, []), case.name
        elif case.expect == "reject":
            assert docs == [] and len(errors) == 1, case.name
            assert errors[0].code.name == case.code, (case.name, str(errors[0]))
        else:
            assert (len(docs), len(errors)) == (case.accepted, case.rejected), (
                case.name,
                [str(e) for e in errors],
            )
            if case.code:
                assert {e.code.name for e in errors} == {case.code}, case.name
        for doc in docs:
            assert doc.text.strip() and 0 <= doc.body_start <= len(doc.text)
            doc.text.encode("utf-8")  # always encodable: no lone surrogates get through


def test_error_messages_name_the_input_and_the_reason(corpus):
    root, _ = corpus
    for err in read_paths([str(root)], max_chars=MAX_CHARS):
        if isinstance(err, InputError):
            text = str(err)
            assert text.startswith(str(root)) and f"[{err.code.name}]" in text


@pytest.mark.model
def test_bad_corpus_through_ingest_stores_every_valid_document(corpus, tmp_path):
    root, cases = corpus
    db = tmp_path / "bad.duckdb"
    result = CliRunner().invoke(
        cli, ["ingest", str(root), "--db", str(db), "-q", "--max-doc-chars", str(MAX_CHARS)]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    expected_docs = sum(1 for c in cases if c.expect == "accept") + sum(c.accepted for c in cases)
    expected_rejects = sum(1 for c in cases if c.expect == "reject") + sum(
        c.rejected for c in cases
    )
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs, rejects = con.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM rejects)"
        ).fetchone()
        reasons = con.execute("SELECT origin, reason FROM rejects").fetchall()
    finally:
        con.close()
    annotate_failures = [r for r in reasons if not r[1].startswith("[E0")]
    assert docs + len(annotate_failures) == expected_docs, reasons
    assert rejects - len(annotate_failures) == expected_rejects
    assert all(origin and reason for origin, reason in reasons)
    assert result.exit_code == 1  # failed inputs make the exit status 1, after storing the rest
