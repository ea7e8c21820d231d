"""Model-free tests of the cued-name mechanisms: gazetteer names NER missed or mislabelled with a
place cue, town prefixes of local institutions, county lists, compass words, "X, Y" pairs and
names the document uses for a person."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from eventwire.extract.places import extract_places
from eventwire.pipeline import extensions  # noqa: F401  (registers Doc extensions)


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def make(vocab, words, ents=(), *, propn=()) -> Doc:
    pos = ["PROPN" if w in propn else "NOUN" if w[:1].islower() else "X" for w in words]
    doc = Doc(vocab, words=words, pos=pos)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def texts(doc):
    return [p.text for p in extract_places(doc)]


def test_untagged_town_after_a_place_preposition(vocab):
    doc = make(
        vocab, ["She", "moved", "to", "Gainesville", "last", "year", "."], propn={"Gainesville"}
    )
    assert texts(doc) == ["Gainesville"]


def test_no_cue_no_place(vocab):
    doc = make(vocab, ["Gainesville", "won", "the", "game", "."], propn={"Gainesville"})
    assert texts(doc) == []


def test_dates_and_stop_words_are_not_cued(vocab):
    doc = make(vocab, ["Back", "in", "May", ",", "in", "Many", "ways", "."], [(2, 3, "DATE")])
    assert texts(doc) == []


def test_town_mislabelled_as_organisation_before_police(vocab):
    doc = make(vocab, ["The", "Alexandria", "police", "arrived", "."], [(1, 2, "ORG")])
    assert texts(doc) == ["Alexandria"]


def test_town_inside_a_person_name_is_not_cued(vocab):
    words = ["Jack", "Alexandria", "moved", "to", "Gainesville", "."]
    doc = make(vocab, words, [(0, 2, "PERSON")], propn={"Gainesville"})
    assert texts(doc) == ["Gainesville"]


def test_town_and_county_leading_an_institution_name(vocab):
    words = ["the", "Mansfield", "Police", "Department", "and", "the", "Laurel", "County"]
    words += ["Sheriff", "Office", "met", "."]
    doc = make(vocab, words, [(1, 4, "ORG"), (6, 10, "ORG")])
    assert texts(doc) == ["Mansfield", "Laurel County"]


def test_court_names_are_not_towns(vocab):
    doc = make(vocab, ["the", "Superior", "Court", "ruled", "."], [(1, 3, "ORG")])
    assert texts(doc) == []


def test_county_list(vocab):
    words = ["floods", "in", "Becker", ",", "Clay", "and", "Wilkin", "counties", "."]
    doc = make(vocab, words, [(2, 3, "ORG"), (4, 5, "ORG")])
    assert texts(doc) == ["Becker", "Clay", "Wilkin"]


def test_compass_word_outside_the_toponym(vocab):
    doc = make(
        vocab,
        ["rain", "in", "Northeast", "Georgia", "and", "South", "Africa", "."],
        [(2, 4, "GPE"), (5, 7, "GPE")],
    )
    assert texts(doc) == ["Georgia", "South Africa"]


def test_city_state_entity_split_in_two(vocab):
    doc = make(vocab, ["He", "lives", "in", "Paris", ",", "Texas", "."], [(3, 6, "GPE")])
    places = extract_places(doc)
    assert [p.text for p in places] == ["Paris", "Texas"]
    assert places[0].country == "USA"


def test_party_district_cue(vocab):
    words = ["Rep.", "Jo", "Smith", ",", "R", "-", "Gainesville", ",", "voted", "."]
    doc = make(vocab, words, [(1, 3, "PERSON")], propn={"Gainesville"})
    assert texts(doc) == ["Gainesville"]


def test_name_used_for_a_person_is_not_a_place(vocab):
    words = ["Mr.", "Ripley", "arrived", ".", "Ripley", "left", ".", "Beijing", "objected", "."]
    doc = make(vocab, words, [(1, 2, "GPE"), (4, 5, "GPE"), (7, 8, "GPE")])
    assert texts(doc) == ["Beijing"]


def test_roads_and_streets_are_not_reported(vocab):
    words = ["on", "Highway", "19", "and", "County", "Road", "80", "off", "Royal", "Street", "in"]
    words += ["Dublin", "."]
    doc = make(vocab, words, [(1, 3, "FAC"), (4, 7, "FAC"), (8, 10, "FAC"), (11, 12, "GPE")])
    assert texts(doc) == ["Dublin"]  # no gazetteer resolves a street: the town locates it


def test_city_council_names_the_town_and_named_towns_lead_any_organisation(vocab):
    words = ["The", "Dublin", "City", "Council", "met", "in", "Dublin", ".", "The", "Dublin"]
    words += ["Veterans", "Project", "grew", "."]
    doc = make(vocab, words, [(1, 4, "ORG"), (6, 7, "GPE"), (8, 12, "ORG")])
    assert texts(doc) == ["Dublin", "Dublin", "Dublin"]
