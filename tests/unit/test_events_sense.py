"""Word-sense data of the action lexicon and the document country (model-free)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from eventwire.extract.events.args import ActorIndex, document_country
from eventwire.extract.events.lexicon import check_lexicon, load_lexicon
from eventwire.extract.events.sense import stop_words
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
