"""Learned actors: consolidation, the reviewable table, and later runs using it (model-free)."""

from __future__ import annotations

import json

import duckdb
import pytest
import spacy
import yaml
from click.testing import CliRunner

from eventwire.cli.main import cli
from eventwire.extract.actors import resolve_actors
from eventwire.knowledge.actors_build import build_kb
from eventwire.knowledge.actors_kb import load_learned_table
from eventwire.learned import consolidate, observations_from_jsonl, write_table


def obs(name, code, date, doc_id="d1", **extra):
    return {
        "name": name,
        "code": code,
        "country": code[:3],
        "sector": code[3:] or None,
        "role_text": "role",
        "date": date,
        "evidence": f"{name} said.",
        "start": 0,
        "end": 5,
        "doc_id": doc_id,
        **extra,
    }


ROWS = [
    obs("Anna Petrova", "RUSEDU", "2020-03-01"),
    obs("Anna  Petrova", "RUSEDU", "2020-01-05", "d2"),
    obs("Omar Haddad", "SYRGOV", "2019-01-01"),
    obs("Omar Haddad", "SYRREB", "2021-01-01", "d3"),
    obs("Vladimir Putin", "RUSGOV", "2018-06-08"),
]


def test_consolidate_counts_dates_conflicts_and_known():
    table = {r["name"]: r for r in consolidate(ROWS, known=["Vladimir Putin"])}
    anna = table["Anna Petrova"]
    assert (anna["count"], anna["documents"], anna["first_seen"], anna["last_seen"]) == (
        2,
        2,
        "2020-01-05",
        "2020-03-01",
    )
    assert anna["status"] == "new" and anna["code"] == "RUSEDU"
    assert table["Omar Haddad"]["status"] == "conflict"
    assert table["Omar Haddad"]["codes"] == {"SYRGOV": 1, "SYRREB": 1}
    assert table["Vladimir Putin"]["status"] == "known"


@pytest.mark.parametrize("suffix", [".yaml", ".csv"])
def test_table_round_trip_and_later_runs_use_it(tmp_path, suffix):
    path = tmp_path / f"learned{suffix}"
    write_table(consolidate(ROWS), path)
    rows = {r["name"]: r for r in load_learned_table(path)}
    assert rows["Anna Petrova"]["code"] == "RUSEDU"
    kb = build_kb(learned=str(path))
    from eventwire.pipeline import extensions

    extensions.register_extensions()
    doc = spacy.blank("en")("Anna Petrova and Omar Haddad spoke.")
    got = {m.actor.name: m.actor.code for m in resolve_actors(doc, kb, "2022-01-01")}
    assert got == {"Anna Petrova": "RUSEDU"}  # the conflict is not used until reviewed


def test_observations_from_annotate_jsonl():
    lines = [
        json.dumps({"name": "A B", "code": "USAGOV"}),
        json.dumps({"doc_id": "x", "learned": [obs("C D", "FRAGOV", "2020-01-01")]}),
        json.dumps(
            {
                "doc_id": "y",
                "date": "2020-02-02",
                "entities": [
                    {
                        "text": "E F",
                        "label": "PERSON",
                        "actor": {
                            "text": "German Minister E F",
                            "start": 0,
                            "end": 18,
                            "code": "DEUGOV",
                            "country": "DEU",
                            "sector": "GOV",
                            "name": "E F",
                        },
                    },
                    {
                        "text": "G H",
                        "label": "PERSON",
                        "actor": {"text": "G H", "code": "USA", "name": "G H"},
                    },
                ],
            }
        ),
    ]
    names = [r["name"] for r in observations_from_jsonl(lines)]
    assert names == ["A B", "C D", "E F"]


def test_cli_learn_from_jsonl_and_db(tmp_path):
    src = tmp_path / "obs.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in ROWS), encoding="utf-8")
    out = tmp_path / "table.yaml"
    result = CliRunner().invoke(cli, ["actors", "learn", "--from", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = yaml.safe_load(out.read_text(encoding="utf-8"))["actors"]
    assert {r["name"] for r in table} == {"Anna Petrova", "Omar Haddad", "Vladimir Putin"}

    db = tmp_path / "store.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        "CREATE TABLE actor_observations (doc_id VARCHAR, name VARCHAR, code VARCHAR, country VARCHAR, "
        'sector VARCHAR, role_text VARCHAR, date VARCHAR, evidence VARCHAR, start INTEGER, "end" INTEGER)'
    )
    con.execute(
        "INSERT INTO actor_observations VALUES ('d1', 'Anna Petrova', 'RUSEDU', 'RUS', 'EDU', 'expert', "
        "'2020-01-01', 'Anna Petrova said.', 0, 12)"
    )
    con.close()
    result = CliRunner().invoke(cli, ["actors", "learn", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Anna Petrova" in result.output and "RUSEDU" in result.output


def test_cli_learn_needs_an_input():
    result = CliRunner().invoke(cli, ["actors", "learn"])
    assert result.exit_code == 2
    assert "--db" in result.output
