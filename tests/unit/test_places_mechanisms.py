"""Model-free tests of the resolution mechanisms: GeoNames country points, the large gazetteer,
the home-region prior, one sense per discourse, nationality adjectives and embedded names."""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.tokens import Doc, Span

from eventwire.errors import KnowledgeError
from eventwire.evaluate.places import haversine_km
from eventwire.extract.places import extract_places
from eventwire.extract.places.extract import _word_matches
from eventwire.knowledge.gazetteer import load_country_points, load_gazetteer
from eventwire.knowledge.gazetteer_large import load_large_gazetteer
from eventwire.pipeline import extensions  # noqa: F401  (registers Doc extensions)


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def make(vocab, words, ents=(), *, heads=None, deps=None, pos=None) -> Doc:
    kwargs = {"heads": heads, "deps": deps} if heads is not None else {}
    doc = Doc(vocab, words=words, pos=pos, **kwargs)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def by_text(places):
    return {p.text: p for p in places}


def test_country_points_replace_centroids():
    points = load_country_points()
    gaz = load_gazetteer()
    assert gaz.countries["IND"].lat == points["IND"][0] == 22.0
    india = gaz.lookup("India")[0]
    assert (india.lat, india.lon) == points["IND"]
    assert gaz.demonym("Indian").lat == points["IND"][0]  # the demonym sees the same entry


def test_country_points_file_is_schema_checked(tmp_path, monkeypatch):
    from eventwire.knowledge import gazetteer

    monkeypatch.setattr(
        gazetteer, "load_yaml", lambda name: {"points": [{"country": "XX", "lat": 1.0}]}
    )
    with pytest.raises(KnowledgeError):
        gazetteer.load_country_points()


def test_american_is_the_united_states():
    assert load_gazetteer().demonym("American").country == "USA"


def test_large_gazetteer_knows_small_towns_and_counties():
    large = load_large_gazetteer()
    assert large is not None
    town = [c for c in large.lookup("Chiefland") if c.country == "USA"]
    assert town and town[0].admin1 == "FL" and town[0].population < 15000
    county = [c for c in large.lookup("Laurel County") if c.admin1 == "KY"]
    assert county and county[0].feature == "county"
    assert haversine_km(county[0].lat, county[0].lon, 37.11, -84.12) < 50  # London, KY area


def test_unknown_small_town_resolves_through_the_large_gazetteer(vocab):
    doc = make(vocab, ["A", "fire", "in", "Chiefland", "."], [(3, 4, "GPE")])
    p = by_text(extract_places(doc))["Chiefland"]
    assert (p.country, p.feature) == ("USA", "city")


def test_home_state_prior_picks_the_local_namesake(vocab):
    words = ["Kentucky", "police", "said", "Paris", "and", "Kentucky", "roads", "closed", "."]
    doc = make(vocab, words, [(0, 1, "GPE"), (3, 4, "GPE"), (5, 6, "GPE")])
    p = by_text(extract_places(doc))["Paris"]
    assert p.country == "USA" and haversine_km(p.lat, p.lon, 38.21, -84.25) < 30
    # without the Kentucky context, Paris is the French capital
    alone = make(vocab, ["Police", "in", "Paris", "said", "."], [(2, 3, "GPE")])
    assert by_text(extract_places(alone))["Paris"].country == "FRA"


def test_untagged_repeat_of_a_place_name_is_a_place(vocab):
    words = ["Rain", "in", "Gainesville", "today", ";", "Gainesville", "officials", "met", "."]
    doc = make(vocab, words, [(2, 3, "GPE")])
    found = [p for p in extract_places(doc) if p.text == "Gainesville"]
    assert [p.start for p in found] == [8, 28]


def test_name_also_tagged_a_person_is_not_spread(vocab):
    words = ["Police", "in", "Nelson", "said", ".", "Nelson", "said", "Nelson", "left", "."]
    doc = make(vocab, words, [(2, 3, "GPE"), (5, 6, "PERSON")])
    found = [p for p in extract_places(doc) if p.text == "Nelson"]
    assert [p.start for p in found] == [10]


def test_name_mostly_a_person_is_not_a_place(vocab):
    words = ["Mikheil", "Saakashvili", "spoke", ".", "Saakashvili", "left", "Tbilisi", "."]
    doc = make(vocab, words, [(0, 2, "PERSON"), (4, 5, "GPE"), (6, 7, "GPE")])
    found = by_text(extract_places(doc))
    assert "Saakashvili" not in found and "Tbilisi" in found


def test_nationality_adjective_is_a_place_but_people_nouns_are_not(vocab):
    words = ["Russian", "troops", "met", "Americans", "."]
    doc = make(
        vocab,
        words,
        [(0, 1, "NORP"), (3, 4, "NORP")],
        heads=[1, 2, 2, 2, 2],
        deps=["amod", "nsubj", "ROOT", "dobj", "punct"],
        pos=["ADJ", "NOUN", "VERB", "PROPN", "PUNCT"],
    )
    found = by_text(extract_places(doc))
    assert found["Russian"].country == "RUS"
    assert "Americans" not in found


def test_area_inside_an_organisation_name(vocab):
    words = ["The", "Texas", "Bureau", "of", "Investigation", "and", "Acme", "Corp", "said"]
    doc = make(vocab, words, [(0, 5, "ORG"), (6, 8, "ORG")])
    found = by_text(extract_places(doc))
    assert (found["Texas"].feature, found["Texas"].start) == ("state", 4)
    assert set(found) == {"Texas"}


def test_repeat_of_a_known_town_overrides_an_exact_organisation_tag(vocab):
    words = ["Gainesville", "votes", "today", ".", "Polls", "in", "Gainesville", "open", "."]
    doc = make(vocab, words, [(0, 1, "ORG"), (6, 7, "GPE")])
    found = [p.start for p in extract_places(doc) if p.text == "Gainesville"]
    assert found == [0, len("Gainesville votes today . Polls in ")]


def test_surname_of_a_person_named_in_full_is_not_a_place(vocab):
    words = ["Jane", "Fairfield", "was", "charged", ".", "Fairfield", "declined", "to", "plead"]
    words += [".", "She", "lives", "in", "Fairfield", "."]
    doc = make(vocab, words, [(0, 2, "PERSON"), (5, 6, "GPE"), (13, 14, "GPE")])
    found = [p.start for p in extract_places(doc) if p.text == "Fairfield"]
    assert found == [
        len("Jane Fairfield was charged . Fairfield declined to plead . She lives in ")
    ]


def test_major_city_tagged_a_person_alone_is_a_place(vocab):
    doc = make(vocab, ["Tbilisi", "says", "talks", "failed", "."], [(0, 1, "PERSON")])
    assert by_text(extract_places(doc))["Tbilisi"].country == "GEO"
    named = make(vocab, ["Paris", "Hilton", "arrived", "."], [(0, 2, "PERSON")])
    assert "Paris" not in by_text(extract_places(named))


def test_unknown_facility_is_cut_to_its_county_or_dropped(vocab):
    words = ["held", "at", "the", "Titus", "County", "Jail", "and", "the", "Webb", "Center", "."]
    doc = make(vocab, words, [(3, 6, "FAC"), (8, 10, "FAC")])
    assert [p.text for p in extract_places(doc)] == ["Titus County"]


def test_names_whose_sense_is_not_a_place(vocab):
    words = ["God", "and", "Toyota", "and", "the", "North", "met", "in", "Nagoya", "."]
    doc = make(vocab, words, [(0, 1, "GPE"), (2, 3, "GPE"), (5, 6, "LOC"), (8, 9, "GPE")])
    assert [p.text for p in extract_places(doc)] == ["Nagoya"]


def test_not_places_file_is_schema_checked(monkeypatch):
    from eventwire.knowledge import gazetteer

    assert "god" in gazetteer.load_not_places()
    monkeypatch.setattr(gazetteer, "load_yaml", lambda name: {"not_places": [{"names": ["X"]}]})
    with pytest.raises(KnowledgeError):
        gazetteer.load_not_places.__wrapped__()


def test_town_whole_name_tagged_a_person_is_a_place(vocab):
    words = ["Classes", "begin", ".", "Sioux", "Falls", "officials", "agreed", "."]
    doc = make(vocab, words, [(3, 5, "PERSON")])
    assert by_text(extract_places(doc))["Sioux Falls"].country == "USA"
    person = make(vocab, ["Sioux", "Smith", "spoke", "."], [(0, 2, "PERSON")])
    assert extract_places(person) == []


def test_given_name_known_only_as_a_village_is_not_a_place(vocab):
    from eventwire.knowledge.gazetteer import load_given_names

    assert "maria" in load_given_names()
    doc = make(vocab, ["Maria", "hit", "Florence", "."], [(0, 1, "GPE"), (2, 3, "GPE")])
    assert [p.text for p in extract_places(doc)] == ["Florence"]  # a city the small one knows


def test_town_named_like_a_small_country_in_a_us_state_story(vocab):
    words = ["Texas", "police", "in", "Palestine", "said", "."]
    doc = make(vocab, words, [(0, 1, "GPE"), (3, 4, "GPE")])
    assert by_text(extract_places(doc))["Palestine"].country == "USA"
    abroad = make(vocab, ["Police", "in", "Palestine", "said", "."], [(2, 3, "GPE")])
    assert by_text(extract_places(abroad))["Palestine"].country != "USA"
    china = make(vocab, ["Texas", "firms", "in", "China", "said"], [(0, 1, "GPE"), (3, 4, "GPE")])
    assert by_text(extract_places(china))["China"].country == "CHN"  # a large country stays


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("Gainesville and Gainesville's mayor", "Gainesville", [(0, 11), (16, 27)]),
        ("North-Gainesville, Gainesvilles, xGainesville", "Gainesville", []),
        ("Gainesville_2 Gainesville-based 2Gainesville", "Gainesville", []),
        ("(Gainesville) Gainesville.", "Gainesville", [(1, 12), (14, 25)]),
        ("aaaa", "aa", []),
        ("aa aa", "aa", [(0, 2), (3, 5)]),
        ("St. Louis, St. Louis.", "St. Louis", [(0, 9), (11, 20)]),
        ("Zürich, Zürichsee, Zürich", "Zürich", [(0, 6), (19, 25)]),
    ],
)
def test_word_matches_are_the_bounded_regex_matches(text, surface, expected):
    found = list(_word_matches(text, surface))
    assert found == expected
    pattern = r"(?<![\w-])" + re.escape(surface) + r"(?![\w-])"
    assert found == [m.span() for m in re.finditer(pattern, text)]
