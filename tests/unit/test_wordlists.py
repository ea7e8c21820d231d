"""Word lists in data files (knowledge/wordlists.py): schema, soft problems, the places file."""

from __future__ import annotations

import pytest

from eventwire.errors import KnowledgeError
from eventwire.extract.places.cues import WORD_LISTS, place_words, word_problems
from eventwire.knowledge.wordlists import load_word_lists, parse_word_lists


def _file(**lists: object) -> dict[str, object]:
    return {"version": 1, "language": "en", "lists": lists}


def _entry(words: object) -> dict[str, object]:
    return {"about": "what", "source": "who", "words": words}


@pytest.mark.parametrize(
    ("data", "problems"),
    [
        (_file(a=_entry(["x", "y"])), []),
        (_file(a=_entry(["x", "x"])), ["f: a: 'x' twice"]),
        (_file(a=_entry(["River"])), ["f: a: 'River' is not lower case"]),
        (_file(a=_entry([])), ["f: a: empty list"]),
    ],
)
def test_soft_problems(data, problems):
    _, found = parse_word_lists(data, "f")
    assert [p.split(" (")[0] for p in found] == problems


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"version": 1, "lists": {}},  # no language
        _file(a={"about": "what", "words": ["x"]}),  # no source
        _file(a=_entry("x y")),  # words not a list
        _file(a=_entry(["x", 3])),
        _file(a=_entry(["x", " "])),
    ],
)
def test_schema_errors(data):
    with pytest.raises(KnowledgeError, match="E101"):
        parse_word_lists(data, "f")


def test_unknown_list_is_an_error():
    with pytest.raises(KnowledgeError, match="no list 'nosuch'"):
        load_word_lists("places")["nosuch"]


def test_places_file_is_clean_and_complete():
    assert word_problems() == []
    assert set(WORD_LISTS) <= set(load_word_lists("places").lists)


@pytest.mark.parametrize(
    ("field", "member", "absent"),
    [
        ("strong_prepositions", "near", "of"),  # weak prepositions taken out
        ("institution", "police", "jail"),  # followers plus institution words, not local ones
        ("local", "jail", "river"),
        ("directions", "northwestern", "north-west"),
        ("geo_heads", "border", "president"),
    ],
)
def test_place_words_combine_the_lists(field, member, absent):
    words = getattr(place_words(), field)
    assert member in words
    assert absent not in words


def test_actors_file_is_clean_and_complete():
    from eventwire.extract.actors.words import WORD_LISTS as ACTOR_LISTS
    from eventwire.extract.actors.words import actor_words
    from eventwire.extract.actors.words import word_problems as actor_problems

    assert actor_problems() == []
    assert set(ACTOR_LISTS) <= set(load_word_lists("actors").lists)
    words = actor_words()
    assert "Jan" in words.months and "jan" not in words.months  # matched capitalised
    assert "former" in words.elite and "president" not in words.elite


def test_a_missing_file_is_one_problem():
    from eventwire.knowledge.wordlists import word_list_problems

    problems = word_list_problems("places", "xx")
    assert len(problems) == 1 and "E101" in problems[0] and "missing" in problems[0]
