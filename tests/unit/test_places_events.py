"""Model-free tests of ``locate_events`` on hand-built parsed Docs and hand-built Events."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from eventwire.extract.events.places import locate_events
from eventwire.pipeline import extensions  # noqa: F401  (registers Doc extensions)
from eventwire.records import Actor, Event, Place, Span

VOCAB = spacy.blank("en").vocab


def parsed(words, heads, deps, pos=None, places=(), dateline=None) -> Doc:
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos or ["NOUN"] * len(words))
    found = []
    for text, name, feature in places:
        start = doc.text.index(text)
        found.append(Place(text, start, start + len(text), name, "XXX", 1.0, 2.0, feature, None))
    doc._.ew_places = found
    doc._.ew_dateline = dateline
    return doc


def event(doc: Doc, word: str, *, target: Actor | None = None) -> Event:
    start = doc.text.index(word)
    src = Actor("Russia", 0, 6, "RUS", "RUS")
    return Event(
        "e1",
        "d1",
        0,
        src,
        target,
        "042",
        "04",
        "CONSULT",
        1,
        1.9,
        Span(word, start, start + len(word)),
        "",
    )


def test_exercises_in_the_sea_take_the_sea():
    words = ["They", "held", "exercises", "in", "the", "South", "China", "Sea", "."]
    doc = parsed(
        words,
        [1, 1, 1, 2, 7, 7, 7, 3, 1],
        ["nsubj", "ROOT", "dobj", "prep", "det", "compound", "compound", "pobj", "punct"],
        pos=["PRON", "VERB", "NOUN", "ADP", "DET", "PROPN", "PROPN", "PROPN", "PUNCT"],
        places=[("South China Sea", "South China Sea", "water")],
        dateline="MOSCOW",
    )
    (ev,) = locate_events(doc, places=doc._.ew_places or [], events=[event(doc, "exercises")])
    assert ev.location.name == "South China Sea"
    assert ev.extra["location_source"] == "phrase"


def test_visit_takes_the_destination_not_the_dateline():
    words = ["Putin", "is", "heading", "to", "China", "for", "a", "visit", "."]
    doc = parsed(
        words,
        [2, 2, 2, 2, 3, 2, 7, 5, 2],
        ["nsubj", "aux", "ROOT", "prep", "pobj", "prep", "det", "pobj", "punct"],
        pos=["PROPN", "AUX", "VERB", "ADP", "PROPN", "ADP", "DET", "NOUN", "PUNCT"],
        places=[("China", "China", "country")],
        dateline="MOSCOW",
    )
    (ev,) = locate_events(doc, places=doc._.ew_places or [], events=[event(doc, "visit")])
    assert ev.location.name == "China"
    assert not ev.location.feature.endswith(":dateline")


def test_visit_without_a_place_takes_the_host_country():
    words = ["The", "visit", "began", "."]
    doc = parsed(
        words, [1, 2, 2, 2], ["det", "nsubj", "ROOT", "punct"], pos=["DET", "NOUN", "VERB", "PUNCT"]
    )
    host = Actor("Xi", 0, 0, "CHNGOV", "CHN")
    (ev,) = locate_events(
        doc, places=doc._.ew_places or [], events=[event(doc, "visit", target=host)]
    )
    assert ev.location.country == "CHN"
    assert ev.extra["location_source"] == "host"


def test_dateline_is_only_a_flagged_fallback():
    words = ["Putin", "said", "it", "."]
    doc = parsed(
        words,
        [1, 1, 1, 1],
        ["nsubj", "ROOT", "dobj", "punct"],
        pos=["PROPN", "VERB", "PRON", "PUNCT"],
        dateline="MOSCOW",
    )
    (ev,) = locate_events(doc, places=doc._.ew_places or [], events=[event(doc, "said")])
    assert ev.location.name == "Moscow"
    assert ev.location.feature.endswith(":dateline")
    assert ev.extra["location_source"] == "dateline"


def test_no_place_and_no_dateline_leaves_location_empty():
    words = ["Putin", "said", "it", "."]
    doc = parsed(
        words,
        [1, 1, 1, 1],
        ["nsubj", "ROOT", "dobj", "punct"],
        pos=["PROPN", "VERB", "PRON", "PUNCT"],
    )
    (ev,) = locate_events(doc, places=doc._.ew_places or [], events=[event(doc, "said")])
    assert ev.location is None


def test_place_in_another_clause_is_not_taken():
    words = ["Putin", "said", "that", "troops", "fought", "in", "Syria", "."]
    doc = parsed(
        words,
        [1, 1, 4, 4, 1, 4, 5, 1],
        ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "prep", "pobj", "punct"],
        pos=["PROPN", "VERB", "SCONJ", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
        places=[("Syria", "Syria", "country")],
    )
    said, fought = locate_events(
        doc, places=doc._.ew_places or [], events=[event(doc, "said"), event(doc, "fought")]
    )
    assert said.location is None
    assert fought.location.name == "Syria"
