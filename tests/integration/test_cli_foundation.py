"""The annotate/code contract and bad-input behaviour through the CLI (real pipeline)."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from eventwire.cli.main import cli

pytestmark = pytest.mark.model

CONTRACT_KEYS = {
    "doc_id",
    "date",
    "source",
    "dateline",
    "title",
    "entities",
    "events",
    "quotes",
    "times",
    "places",
}


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_seed_annotate_header_and_shape(seed_path, annotator):
    result = run("annotate", str(seed_path), "-q")
    assert result.exit_code == 0, result.output
    (line,) = [ln for ln in result.stdout.splitlines() if ln.strip()]
    obj = json.loads(line)
    assert set(obj) >= CONTRACT_KEYS
    assert (obj["date"], obj["source"], obj["dateline"]) == ("2018-06-08", "AP", "MOSCOW")
    text = seed_path.read_text(encoding="utf-8")
    labels = {e["label"] for e in obj["entities"]}
    assert {"PERSON", "GPE"} <= labels
    for ent in obj["entities"]:
        assert text[ent["start"] : ent["end"]] == ent["text"]
    names = {e["text"] for e in obj["entities"]}
    assert {"Vladimir Putin", "Xi Jinping"} <= names


def test_bad_inputs_each_one_line_and_batch_goes_on(tmp_path, annotator):
    good = tmp_path / "good.txt"
    good.write_text(
        " date 2019-01-01 EW, PARIS\n\nFrance and Germany signed a treaty.\n", encoding="utf-8"
    )
    binary = tmp_path / "binary.bin.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Fran\u00e7ois Hollande visited Qu\u00e9bec.".encode("latin-1"))
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"All quiet. " * (50 * 1024 * 1024 // 11))
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text('{"text": "Iran and Iraq held talks."}\nnot json at all\n', encoding="utf-8")
    missing = tmp_path / "missing.txt"
    paths = [binary, empty, latin, huge, jsonl, missing, good]
    result = run("annotate", *map(str, paths), "-q")
    assert result.exit_code == 1
    out = [json.loads(ln) for ln in result.stdout.splitlines() if ln.strip()]
    assert len(out) == 2  # the good JSONL line and good.txt
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("eventwire: error:")]
    assert len(errors) == 6
    for path in (binary, empty, latin, huge, missing):
        assert any(str(path) in ln for ln in errors), path
    assert any(f"{jsonl}:2" in ln for ln in errors)
    assert "Traceback" not in result.stderr


def test_code_prints_rows_and_stdin(annotator):
    result = run(
        "code",
        "-",
        "--format",
        "jsonl",
        "-q",
        "--date",
        "2020-01-03",
        input=b"The United States fired missiles at a Syrian air base.",
    )
    assert result.exit_code == 0, result.stderr
    for line in result.stdout.splitlines():
        row = json.loads(line)
        assert {"source", "target", "cameo", "evidence"} <= set(row)


def test_version_and_help_on_every_command():
    assert run("--version").output.startswith("eventwire, version")
    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        result = run(name, "--help")
        assert result.exit_code == 0 and command is not None and command.help, name
