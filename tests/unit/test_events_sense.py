"""Word-sense data of the action lexicon and the document country (model-free)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from eventwire.extract.events.args import ActorIndex
from eventwire.extract.events.countries import document_country
from eventwire.extract.events.lexicon import check_lexicon, load_lexicon
from eventwire.extract.events.modality import _bystanders
from eventwire.extract.events.sense import sense_ok, stop_words
from eventwire.extract.events.triggers import in_name as _in_name
from eventwire.extract.parsetree import ParsedDoc
from eventwire.pipeline.extensions import register_extensions
from eventwire.records import Actor
from eventwire.taxonomy import load_taxonomy


def test_sense_conditions_are_loaded_from_the_lexicon():
    lex = load_lexicon()
    release = [e for e in lex.verbs["release"]]
    assert release and "person" in release[0].objects
    assert "market" in lex.nouns["rally"][0].forbid
    assert lex.nouns["strike"][0].cues and lex.nouns["trade"][0].cues
    assert {"person", "market", "force", "thing"} <= set(lex.object_classes)
    assert "talk" in lex.plural_only and "relation" in lex.topic_nouns
    assert {"GOV", "COP", "MIL", "OPP"} <= lex.local_sectors
    assert "IGO" not in lex.local_sectors


def test_lexicon_check_reports_no_unknown_classes():
    problems = check_lexicon(load_lexicon(), load_taxonomy())
    assert not [p for p in problems if "unknown class" in p]


def test_stop_expressions_consume_their_words():
    nlp = spacy.blank("en")
    doc = nlp("The official in charge of trade left .")
    consumed = stop_words(doc[:], load_lexicon())
    assert {t.text for t in doc if t.i in consumed} == {"in", "charge", "of"}
    assert stop_words(nlp("Kenya charged the suspect .")[:], load_lexicon()) == set()


def _parsed(rows: list[tuple[str, str, str, str, int, str]]) -> ParsedDoc:
    """A hand-built parse: rows of (word, lemma, pos, dep, head index, tag)."""
    doc = Doc(
        spacy.blank("en").vocab,
        words=[r[0] for r in rows],
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        heads=[r[4] for r in rows],
        tags=[r[5] for r in rows],
    )
    return ParsedDoc(doc)


@pytest.mark.parametrize(
    ("subject", "obj", "sense"),
    [
        ("dollar", "yen", False),  # "the dollar hit 125 yen": a figure
        ("economy", "forecast", False),  # "the economy beat the forecast"
        ("army", "positions", True),  # "the army hit rebel positions"
    ],
)
def test_force_forbids_measures_as_subject_or_object(subject, obj, sense):
    lex = load_lexicon()
    doc = _parsed(
        [
            ("the", "the", "DET", "det", 1, "DT"),
            (subject, subject, "NOUN", "nsubj", 2, "NN"),
            ("hit", "hit", "VERB", "ROOT", 2, "VBD"),
            (obj, obj, "NOUN", "dobj", 2, "NNS"),
        ]
    )
    assert sense_ok(doc[2], lex.verbs["hit"][0], lex) is sense


def test_a_beating_taken_by_a_market_is_no_assault():
    lex = load_lexicon()
    rows = [
        ("economy", "economy", "NOUN", "nsubj", 1, "NN"),
        ("took", "take", "VERB", "ROOT", 1, "VBD"),
        ("a", "a", "DET", "det", 3, "DT"),
        ("beating", "beating", "NOUN", "dobj", 1, "NN"),
    ]
    assert not sense_ok(_parsed(rows)[3], lex.nouns["beating"][0], lex)
    rows[0] = ("protester", "protester", "NOUN", "nsubj", 1, "NN")
    assert sense_ok(_parsed(rows)[3], lex.nouns["beating"][0], lex)


@pytest.mark.parametrize(
    ("word", "pos", "sense"),
    [
        ("Finland", "PROPN", True),  # "left for Finland": a trip
        ("good", "ADJ", False),  # "left for good"
        ("home", "NOUN", False),  # "left for home"
    ],
)
def test_leaving_for_needs_a_named_place(word, pos, sense):
    """``object_role: for``: the class ``place`` is tested on the "for" object, not a direct one."""
    lex = load_lexicon()
    entry = next(e for e in lex.entries if ("leave", "for") in e.phrases)
    assert entry.object_role == "for" and entry.object_required
    doc = _parsed(
        [
            ("minister", "minister", "NOUN", "nsubj", 1, "NN"),
            ("left", "leave", "VERB", "ROOT", 1, "VBD"),
            ("for", "for", "ADP", "prep", 1, "IN"),
            (word, word.lower(), pos, "pobj", 2, "NNP" if pos == "PROPN" else "NN"),
        ]
    )
    assert sense_ok(doc[1], entry, lex) is sense


@pytest.mark.parametrize(("measure", "sense"), [("percent", False), ("expansion", True)])
def test_an_event_noun_under_a_statistic_is_a_figure(measure, sense):
    """ "16 percent of African trade between ..." is a statistic; "the expansion of African trade
    between ..." may be an event."""
    lex = load_lexicon()
    doc = _parsed(
        [
            (measure, measure, "NOUN", "nsubj", 0, "NN"),
            ("of", "of", "ADP", "prep", 0, "IN"),
            ("African", "african", "ADJ", "amod", 3, "JJ"),
            ("trade", "trade", "NOUN", "pobj", 1, "NN"),
            ("between", "between", "ADP", "prep", 3, "IN"),
        ]
    )
    entry = next(e for e in lex.nouns["trade"] if e.code == "061")
    assert sense_ok(doc[3], entry, lex) is sense


def test_non_political_phrases_are_listed():
    """ "cardiac arrest", "coal mine blast", "fight the haze": phrases that code nothing."""
    lex = load_lexicon()
    listed = {
        (head, rest)
        for head, options in lex.phrases.items()
        for rest, e in options
        if e.code == "-"
    }
    assert {("arrest", ("cardiac",)), ("blast", ("coal",)), ("fight", ("haze",))} <= listed


def _doc_with_countries(codes: list[str]) -> tuple[Doc, ActorIndex]:
    register_extensions()
    nlp = spacy.blank("en")
    doc = nlp(" ".join(f"W{i}" for i in range(len(codes))))
    doc._.ew_actors = []
    index = ActorIndex(ParsedDoc(doc), actors=[], places=[])  # as the coder reads a parse
    for token, code in zip(doc, codes, strict=True):
        actor = Actor(token.text, token.idx, token.idx + len(token), code, code)
        index.by_token[token.i] = [actor]
    return doc, index


def test_document_country_needs_a_clear_majority():
    doc, index = _doc_with_countries(["SRB", "SRB", "KOS"])
    assert document_country(doc, index) == "SRB"
    doc, index = _doc_with_countries(["RUS", "UKR", "RUS", "UKR"])
    assert document_country(doc, index) is None  # a two-country story assigns nothing
    doc, index = _doc_with_countries(["KEN"])
    assert document_country(doc, index) is None  # one mention is not enough


@pytest.mark.parametrize(
    ("rows", "noun", "acts"),
    [
        # "Police fired on protesters": they undergo the firing
        (
            [
                ("Police", "police", "NOUN", "nsubj", 1, "NNS"),
                ("fired", "fire", "VERB", "ROOT", 1, "VBD"),
                ("on", "on", "ADP", "prep", 1, "IN"),
                ("protesters", "protester", "NOUN", "pobj", 2, "NNS"),
            ],
            3,
            False,
        ),
        # "Police dispersed the protesters"
        (
            [
                ("Police", "police", "NOUN", "nsubj", 1, "NNS"),
                ("dispersed", "disperse", "VERB", "ROOT", 1, "VBD"),
                ("protesters", "protester", "NOUN", "dobj", 1, "NNS"),
            ],
            2,
            False,
        ),
        # "Thousands of protesters gathered"
        (
            [
                ("Thousands", "thousand", "NOUN", "nsubj", 3, "NNS"),
                ("of", "of", "ADP", "prep", 0, "IN"),
                ("protesters", "protester", "NOUN", "pobj", 1, "NNS"),
                ("gathered", "gather", "VERB", "ROOT", 3, "VBD"),
            ],
            2,
            True,
        ),
        # "Protesters marched"
        (
            [
                ("Protesters", "protester", "NOUN", "nsubj", 1, "NNS"),
                ("marched", "march", "VERB", "ROOT", 1, "VBD"),
            ],
            0,
            True,
        ),
        # "Four detainees were freed": they undergo the release
        (
            [
                ("detainees", "detainee", "NOUN", "nsubjpass", 2, "NNS"),
                ("were", "be", "AUX", "auxpass", 2, "VBD"),
                ("freed", "free", "VERB", "ROOT", 2, "VBN"),
            ],
            0,
            False,
        ),
    ],
)
def test_people_named_by_an_act_do_it_only_as_subject(rows, noun, acts):
    doc = _parsed(rows)
    assert _bystanders(doc[noun], load_lexicon()) is not acts


def _name_rows(head: str) -> list[tuple[str, str, str, str, int, str]]:
    """ "Nepal's parties met the Seven Party <head> ." with a hand-built parse."""
    return [
        ("Nepal", "Nepal", "PROPN", "nsubj", 2, "NNP"),
        ("parties", "party", "NOUN", "appos", 0, "NNS"),
        ("met", "meet", "VERB", "ROOT", 2, "VBD"),
        ("the", "the", "DET", "det", 6, "DT"),
        ("Seven", "Seven", "PROPN", "compound", 5, "NNP"),
        ("Party", "Party", "PROPN", "compound", 6, "NNP"),
        (head, head.lower(), "PROPN", "dobj", 2, "NNP"),
        (".", ".", "PUNCT", "punct", 2, "."),
    ]


@pytest.mark.parametrize(
    ("head", "index", "name"),
    [
        ("Alliance", 6, True),  # the head of an organisation's name
        ("Summit", 6, False),  # a gathering's name is still an event
        ("Summit", 5, True),  # a capitalised modifier of a name's head
    ],
)
def test_capitalised_event_words_inside_names(head, index, name):
    doc = _parsed(_name_rows(head))
    assert _in_name(doc[index], load_lexicon()) is name


def test_kick_off_is_no_assault():
    lex = load_lexicon()
    assert any(rest == ("off",) and e.code == "-" for rest, e in lex.phrases["kick"])
