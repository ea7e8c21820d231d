"""``eventwire actors lookup``, ``eventwire lexicon check`` and ``eventwire eval actors`` (model-free parts)."""

from __future__ import annotations

import json

import spacy
from click.testing import CliRunner

from eventwire.cli.main import cli


def test_lookup_dated_person():
    result = CliRunner().invoke(cli, ["actors", "lookup", "Barack Obama", "--date", "2018-06-08"])
    assert result.exit_code == 0, result.output
    assert "USAELI" in result.output and "former head of state" in result.output
    result = CliRunner().invoke(
        cli, ["actors", "lookup", "Donald Trump", "--date", "2018-06-08", "--json"]
    )
    assert json.loads(result.output)[0]["code"] == "USAGOV"


def test_lookup_feature_and_unknown():
    result = CliRunner().invoke(cli, ["actors", "lookup", "South China Sea"])
    assert "never an actor" in result.output
    result = CliRunner().invoke(cli, ["actors", "lookup", "Zzyzx Qwerty"])
    assert result.exit_code == 1
    assert "no actor" in result.output


def test_lookup_rejects_bad_date():
    result = CliRunner().invoke(cli, ["actors", "lookup", "Putin", "--date", "2018-13-45"])
    assert result.exit_code != 0


def test_lexicon_check_passes_on_shipped_files():
    result = CliRunner().invoke(cli, ["lexicon", "check"])
    assert result.exit_code == 0, result.output
    assert "0 problem(s)" in result.output


def test_eval_scores_spans_with_a_blank_pipeline():
    from eventwire.evaluate.actors import evaluate, gold_spans
    from eventwire.pipeline import actors as _component  # noqa: F401  (registers the factory)
    from eventwire.pipeline import extensions

    extensions.register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("eventwire_actors")
    records = [
        {
            "text": "Russian troops shelled the town.",
            "source_spans": ["Russian troops"],
            "target_spans": ["the town"],
        },
        {
            "text": "Iran protested.",
            "annotations": {
                "1": {"entities": [["Source-1", "Iran", 0], ["Action-1", "protested", 5]]}
            },
        },
    ]
    assert [s[3] for s in gold_spans(records[1])] == ["Iran"]
    scores = evaluate(records, nlp, iso3={"RUS", "IRN"}).to_dict()
    assert scores["gold_spans"] == 3
    assert scores["resolved_to_country"] == 2
    assert scores["share_source"] == 1.0 and scores["share_target"] == 0.0
