"""Model-free tests of place finding and resolution (hand-built Docs, the real gazetteer)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from eventwire.extract.places import check_knowledge, extract_places
from eventwire.knowledge.gazetteer import load_gazetteer, normalise
from eventwire.pipeline import extensions  # noqa: F401  (registers Doc extensions)


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def make(vocab, words, ents=(), *, heads=None, deps=None, spaces=None) -> Doc:
    """A Doc with entity spans given as (start_token, end_token, label)."""
    kwargs = {}
    if heads is not None:
        kwargs = {"heads": heads, "deps": deps}
    doc = Doc(vocab, words=words, spaces=spaces, **kwargs)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def by_text(places):
    return {p.text: p for p in places}


def test_normalise_handles_case_accents_quotes_and_article():
    assert normalise("The  Baltics") == "baltics"
    assert normalise("Côte d’Ivoire") == "cote d'ivoire"


def test_georgia_is_the_country_among_caucasus_neighbours(vocab):
    doc = make(
        vocab,
        ["Troops", "left", "Georgia", "and", "Armenia", "for", "Russia", "."],
        [(2, 3, "GPE"), (4, 5, "GPE"), (6, 7, "GPE")],
    )
    p = by_text(extract_places(doc))["Georgia"]
    assert (p.country, p.feature) == ("GEO", "country")


def test_georgia_is_the_us_state_among_us_places(vocab):
    doc = make(
        vocab,
        ["Storms", "hit", "Georgia", ",", "Alabama", "and", "Florida", "."],
        [(2, 3, "GPE"), (4, 5, "GPE"), (6, 7, "GPE")],
    )
    p = by_text(extract_places(doc))["Georgia"]
    assert (p.country, p.feature) == ("USA", "state")


def test_paris_texas_takes_the_container(vocab):
    doc = make(
        vocab, ["He", "lives", "in", "Paris", ",", "Texas", "."], [(3, 4, "GPE"), (5, 6, "GPE")]
    )
    p = by_text(extract_places(doc))["Paris"]
    assert p.country == "USA"
    assert 33.0 < p.lat < 34.5  # Paris, Texas, not Paris, France


def test_plain_paris_is_france(vocab):
    doc = make(vocab, ["Talks", "opened", "in", "Paris", "."], [(3, 4, "GPE")])
    assert by_text(extract_places(doc))["Paris"].country == "FRA"


def test_crimea_tagged_org_is_still_a_place_in_ukraine(vocab):
    doc = make(
        vocab, ["Russia", "annexed", "Crimea", "in", "2014", "."], [(0, 1, "GPE"), (2, 3, "ORG")]
    )
    p = by_text(extract_places(doc))["Crimea"]
    assert (p.country, p.feature) == ("UKR", "disputed")


def test_gazetteer_phrases_found_without_ner(vocab):
    words = [
        "Drills",
        "in",
        "the",
        "South",
        "China",
        "Sea",
        "and",
        "the",
        "Baltics",
        "and",
        "eastern",
        "Ukraine",
    ]
    places = by_text(extract_places(make(vocab, words)))
    assert places["South China Sea"].feature == "water"
    assert places["Baltics"].feature == "region"  # "the" left out of the span
    assert places["eastern Ukraine"].country == "UKR"


def test_phrase_beats_shorter_entity_inside_it(vocab):
    doc = make(vocab, ["Fighting", "in", "eastern", "Ukraine", "."], [(3, 4, "GPE")])
    places = extract_places(doc)
    assert [p.text for p in places] == ["eastern Ukraine"]


def test_no_place_inside_a_longer_organisation(vocab):
    doc = make(vocab, ["the", "Shanghai", "Cooperation", "Organization", "met"], [(1, 4, "ORG")])
    assert extract_places(doc) == []


def test_offsets_point_into_the_text(vocab):
    doc = make(
        vocab, ["Ships", "crossed", "the", "Taiwan", "Strait", "near", "Taipei"], [(6, 7, "GPE")]
    )
    for p in extract_places(doc):
        assert doc.text[p.start : p.end] == p.text


def test_unknown_names_need_a_geographic_word(vocab):
    words = ["AI", "came", "to", "Smallvillebury", "by", "Smallvillebury", "Creek", "."]
    doc = make(vocab, words, [(0, 1, "GPE"), (3, 4, "GPE"), (5, 7, "LOC")])
    places = by_text(extract_places(doc))
    assert "AI" not in places and "Smallvillebury" not in places  # single unknown words
    assert places["Smallvillebury Creek"].name is None  # found, not resolved


def _parsed(vocab, words, heads, deps, ents=()):
    return make(vocab, words, ents, heads=heads, deps=deps)


def test_demonym_modifying_a_geographic_noun_is_a_place(vocab):
    words = ["Jets", "entered", "Syrian", "airspace", "."]
    doc = _parsed(
        vocab, words, [1, 1, 3, 1, 1], ["nsubj", "ROOT", "amod", "dobj", "punct"], [(2, 3, "NORP")]
    )
    p = by_text(extract_places(doc))["Syrian"]
    assert (p.country, p.feature) == ("SYR", "country")


def test_demonym_modifying_a_person_is_not_a_place(vocab):
    words = ["Russian", "President", "Putin", "spoke", "."]
    doc = _parsed(
        vocab,
        words,
        [1, 2, 3, 3, 3],
        ["amod", "compound", "nsubj", "ROOT", "punct"],
        [(0, 1, "NORP"), (2, 3, "PERSON")],
    )
    assert extract_places(doc) == []


def test_check_knowledge_is_clean():
    assert check_knowledge() == []


def test_gazetteer_is_loaded_once():
    assert load_gazetteer() is load_gazetteer()
