"""Model-free tests: the cue lexicon, the GKG export, attribution on a hand-built parse, scoring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner
from spacy.tokens import Doc

from eventwire.evaluate import quotes as evaluation
from eventwire.extract.quotes import (
    extract_quotes,
    find_attributions,
    gkg_quotations,
    load_cue_lexicon,
)
from eventwire.pipeline import extensions  # noqa: F401  (registers doc._.ew_*)
from eventwire.records import Actor, Quote, Span


def test_lexicon_loads_with_kinds() -> None:
    lexicon = load_cue_lexicon()
    assert lexicon.verbs["say"] == "speech"
    assert lexicon.verbs["praise"] == "evaluation"
    assert lexicon.verbs["believe"] == "belief"
    assert "he" in lexicon.pronouns and "tell" in lexicon.addressee
    assert load_cue_lexicon() is lexicon  # loaded once per process


def test_gkg_quotations_format() -> None:
    quotes = [
        Quote(Span("We will go|now #1", 10, 27), True, Span("Ana", 0, 3), Span("said", 30, 34)),
        Quote(Span("that it rained", 40, 54), False, None, Span("said", 35, 39)),
        Quote(Span("Second\nline", 60, 71), True, None, None),
    ]
    assert gkg_quotations(quotes) == "10|17|said|We will go now 1#60|11||Second line"
    assert gkg_quotations([]) == ""


def _parsed(
    words: list[str], heads: list[int], deps: list[str], pos: list[str], lemmas: list[str]
) -> Doc:
    nlp = spacy.blank("en")
    spaces = [True] * len(words)
    for i, w in enumerate(words):  # no space before punctuation or inside the marks
        if w in "“" or (i + 1 < len(words) and words[i + 1] in ",.”"):
            spaces[i] = False
    spaces[-1] = False
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    doc._.ew_actors = []
    return doc


def test_attribution_on_hand_built_parse() -> None:
    # “We agree,” Ana said.
    doc = _parsed(
        ["“", "We", "agree", ",", "”", "Ana", "said", "."],
        [6, 2, 6, 6, 6, 6, 6, 6],
        ["punct", "nsubj", "ccomp", "punct", "punct", "nsubj", "ROOT", "punct"],
        ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT"],
        ["“", "we", "agree", ",", "”", "Ana", "say", "."],
    )
    assert doc.text == "“We agree,” Ana said."
    (found,) = find_attributions(doc, load_cue_lexicon())
    quote = found.quote
    assert quote.direct and quote.content == Span("We agree,", 1, 10)
    assert quote.cue == Span("said", 16, 20)
    assert quote.speaker == Span("Ana", 12, 15)
    assert found.speaker_mention == (12, 15)


def test_speaker_resolves_to_actor_through_actor_mentions() -> None:
    from eventwire.extract.actors import ActorMention

    doc = _parsed(
        ["“", "We", "agree", ",", "”", "Ana", "said", "."],
        [6, 2, 6, 6, 6, 6, 6, 6],
        ["punct", "nsubj", "ccomp", "punct", "punct", "nsubj", "ROOT", "punct"],
        ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT"],
        ["“", "we", "agree", ",", "”", "Ana", "say", "."],
    )
    actor = Actor("Ana", 12, 15, "ESPGOV", "ESP", "GOV", "Ana Example")
    (quote,) = extract_quotes(doc, actors=[ActorMention(5, 6, actor, kind="name")])
    assert extract_quotes(doc)[0].speaker == Span("Ana", 12, 15)  # no actors: a plain span
    assert quote.speaker == actor


def test_unattributed_short_quote_is_dropped() -> None:
    doc = _parsed(
        ["The", "“", "reform", "”", "failed", "."],
        [2, 2, 4, 2, 4, 4],
        ["det", "punct", "nsubj", "punct", "ROOT", "punct"],
        ["DET", "PUNCT", "NOUN", "PUNCT", "VERB", "PUNCT"],
        ["the", "“", "reform", "”", "fail", "."],
    )
    assert extract_quotes(doc) == []


def _gold(
    direct: bool, content: tuple[int, int], source: tuple[int, int] | None
) -> evaluation.GoldAttribution:
    return evaluation.GoldAttribution((content,), (source,) if source else (), direct)


def test_scoring_half_overlap_speaker_and_kinds() -> None:
    gold = evaluation.GoldDoc(
        "d",
        "x" * 200,
        (
            _gold(True, (10, 50), (0, 5)),
            _gold(True, (60, 100), (55, 58)),
            _gold(False, (120, 160), None),
        ),
    )
    predicted = [
        evaluation.Predicted(((10, 31),), (0, 3), True),  # > half of the first gold, right speaker
        evaluation.Predicted(((60, 75),), (55, 58), True),  # under half of the second: not found
        evaluation.Predicted(((170, 190),), None, True),  # outside every gold span: wrong
        evaluation.Predicted(
            ((120, 160),), None, False
        ),  # the indirect one, no source on either side
    ]
    scores = evaluation.QuoteScores()
    evaluation.score_document(gold, predicted, scores)
    d, i = scores.direct.as_dict(), scores.indirect.as_dict()
    assert (d["gold"], d["predicted"], d["recall"], d["speaker_accuracy"]) == (2, 3, 0.5, 1.0)
    assert d["precision"] == round(2 / 3, 4)  # the short one lies inside gold content: correct
    assert (i["recall"], i["precision"], i["end_to_end_recall"]) == (1.0, 1.0, 1.0)


def test_group_attributions_by_cue() -> None:
    doc = _parsed(
        ["“", "We", "agree", ",", "”", "Ana", "said", "."],
        [6, 2, 6, 6, 6, 6, 6, 6],
        ["punct", "nsubj", "ccomp", "punct", "punct", "nsubj", "ROOT", "punct"],
        ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT"],
        ["“", "we", "agree", ",", "”", "Ana", "say", "."],
    )
    (group,) = evaluation.ours(doc)
    assert group.direct and group.content == ((1, 10),) and group.speaker == (12, 15)


def test_load_gold_rejects_bad_lines(tmp_path: Path) -> None:
    good = {
        "id": "a",
        "text": "abc",
        "attributions": [{"content": [{"start": 0, "end": 2}], "direct": True}],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(good) + "\n", encoding="utf-8")
    (doc,) = evaluation.load_gold(path)
    assert doc.attributions[0].content == ((0, 2),) and doc.attributions[0].source == ()
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(evaluation.EventwireError, match="E401"):
        evaluation.load_gold(path)


def test_eval_command_is_registered() -> None:
    from eventwire.cli.main import cli

    result = CliRunner().invoke(cli, ["eval", "quotes", "--help"])
    assert result.exit_code == 0 and "speaker accuracy" in result.output


def test_scoring_any_overlap() -> None:
    gold = evaluation.GoldDoc("d", "x" * 200, (_gold(True, (60, 100), (55, 58)),))
    predicted = [evaluation.Predicted(((60, 75),), (55, 58), True)]
    strict, loose = evaluation.QuoteScores(), evaluation.QuoteScores()
    evaluation.score_document(gold, predicted, strict)
    evaluation.score_document(gold, predicted, loose, min_overlap=0.0)
    assert strict.direct.found == 0 and loose.direct.found == 1


def test_lexicon_word_lists_hold_words() -> None:
    lexicon = load_cue_lexicon()
    assert "on" in lexicon.topic_preps and "true" not in lexicon.topic_preps  # YAML's bare on
    assert "afraid" in lexicon.adjectives and "letter" in lexicon.messages
    assert "poll" in lexicon.source_nouns and "in" in lexicon.source_preps
    assert "seem" in lexicon.raising and "unclear" in lexicon.impersonal
    assert "allegedly" in lexicon.hearsay and "face" in lexicon.not_senders


def test_lexicon_rejects_a_word_that_is_no_string(monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.errors import KnowledgeError
    from eventwire.extract.quotes import context
    from eventwire.knowledge import load_yaml

    data = load_yaml("quotes/cues.yaml")
    data["topic_prepositions"] = {**data["topic_prepositions"], "words": ["about", True]}
    monkeypatch.setattr(context, "load_yaml", lambda name: data)
    with pytest.raises(KnowledgeError):
        context.load_cue_lexicon.__wrapped__()


def _tagged(words: list[str], heads: list[int], deps: list[str], tags: list[str]) -> Doc:
    pos = {"NNP": "PROPN", "NNS": "NOUN", "NN": "NOUN", "IN": "SCONJ", "PRP": "PRON"}
    pos |= {"VBD": "VERB", "DT": "DET", ".": "PUNCT", "JJ": "ADJ", "VBP": "AUX"}
    lemmas = [
        w.lower().removesuffix("s") if t == "NNS" else w.lower()
        for w, t in zip(words, tags, strict=True)
    ]
    lemmas = ["win" if w == "won" else w for w in lemmas]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=[i + 2 < len(words) for i in range(len(words))],
        heads=heads,
        deps=deps,
        tags=tags,
        pos=[pos[t] for t in tags],
        lemmas=lemmas,
    )
    doc._.ew_actors = []
    return doc


def _indirect(doc: Doc) -> list[Quote]:
    from eventwire.extract.quotes.context import Context
    from eventwire.extract.quotes.indirect import indirect_quotes

    return [
        a.quote for a in indirect_quotes(Context(doc, load_cue_lexicon(), [], doc.text, []), [])
    ]


def test_plural_noun_heading_its_sentence_is_a_mistagged_cue_verb() -> None:
    # "Ana claims that she won the vote." with "claims" tagged NNS at the root
    doc = _tagged(
        ["Ana", "claims", "that", "she", "won", "the", "vote", "."],
        [1, 1, 4, 4, 1, 6, 4, 1],
        ["compound", "ROOT", "mark", "nsubj", "ccomp", "det", "dobj", "punct"],
        ["NNP", "NNS", "IN", "PRP", "VBD", "DT", "NN", "."],
    )
    (quote,) = _indirect(doc)
    assert quote.content.text == "that she won the vote"
    assert quote.cue is not None and quote.cue.text == "claims"
    assert quote.speaker is not None and quote.speaker.text == "Ana"


def test_plural_noun_object_is_no_cue_verb() -> None:
    # "Ana read the claims ." : "claims" is an object, not a mistagged verb, and has no speaker
    doc = _tagged(
        ["Ana", "read", "the", "claims", "."],
        [1, 1, 3, 1, 1],
        ["nsubj", "ROOT", "det", "dobj", "punct"],
        ["NNP", "VBD", "DT", "NNS", "."],
    )
    assert [q.cue.text for q in _indirect(doc) if q.cue is not None] == ["read"]
