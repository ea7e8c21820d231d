"""Model-free tests of the extra mention finders in eventwire.extract.places.mentions."""

from __future__ import annotations

import pytest

from eventwire.extract.places.mentions import dateline_spans, saint
from eventwire.knowledge.gazetteer import load_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def found(text, gaz):
    return [text[s:e] for s, e in dateline_spans(text, gaz)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mayor wants new budget. BOSTON -- The city council met.", ["BOSTON"]),
        ("BEIRUT: A large fire broke out on Monday.", ["BEIRUT"]),
        ("Storm damage.\nKANSAS CITY \u2014 Crews worked overnight.", ["KANSAS CITY"]),
        ("Farm news. ORLANDO, Fla. (AP) \u2014 A new device was shown.", ["ORLANDO"]),
        ("Reporter March 30, 2009 DENVER -- Officials said.", ["DENVER"]),
        ("Town fair. ST. LOUIS \u2014 Crowds came.", ["ST. LOUIS"]),
        # not a dateline: not at a sentence start, no dash, or no place
        ("The mayor of BOSTON -- said nothing.", []),
        ("Budget passed. BOSTON voters agreed.", []),
        ("Budget passed. UPDATE -- The vote was delayed.", []),
        ("Budget passed. BOSTON, the mayor said -- nothing.", []),
    ],
)
def test_dateline_spans(gaz, text, expected):
    assert found(text, gaz) == expected


def test_saint_spelled_out():
    assert saint("ST. PARIS") == "Saint PARIS"
    assert saint("Stanton") == "Stanton"


def _doc(words, ents=(), *, pos=None, spaces=None):
    import spacy
    from spacy.tokens import Doc, Span

    doc = Doc(spacy.blank("en").vocab, words=words, pos=pos, spaces=spaces)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def test_name_words_are_first_and_last_words_of_full_names(gaz):
    from eventwire.extract.places.mentions import name_words

    words = ["Henry", "Farrin", "met", "Cher", "in", "Tamil", "Nadu", "and", "Ty", "M.", "Bell"]
    ents = [(0, 2, "PERSON"), (3, 4, "PERSON"), (5, 7, "PERSON"), (8, 11, "ORG")]
    doc = _doc(words, ents)
    assert name_words(doc.ents, gaz) == {"Henry", "Farrin", "Ty", "Bell"}


@pytest.mark.parametrize(
    ("words", "index", "cued"),
    [
        (["He", "lives", "in", "Fairfield", "."], 3, True),
        (["Fairfield", "police", "said", "."], 0, True),
        (["near", "Fairfield", ",", "Iowa"], 1, True),
        (["Fairfield", "declined", "to", "plead", "."], 0, False),
        (["the", "wedding", "of", "Fairfield", "."], 3, False),
    ],
)
def test_place_cued(gaz, words, index, cued):
    from eventwire.extract.places.mentions import place_cued

    doc = _doc(words)
    tok = doc[index]
    assert place_cued(doc, tok.idx, tok.idx + len(tok), gaz) is cued


@pytest.mark.parametrize(
    ("words", "ent", "label", "expected"),
    [
        (["at", "the", "Catawba", "River", "."], (2, 4), "LOC", "Catawba River"),
        (["on", "Lake", "Ontario", "."], (1, 3), "LOC", "Lake Ontario"),
        (["the", "City", "of", "the", "year"], (1, 3), "GPE", None),
        (["at", "the", "Titus", "County", "Jail", "."], (2, 5), "FAC", "Titus County"),
        (["the", "Dallas", "City", "Hall", "."], (1, 4), "FAC", "Dallas"),
        (["the", "United", "Way", "."], (1, 3), "ORG", None),
        (["the", "Webb", "Center", "."], (1, 3), "FAC", None),
        (["in", "Xqzville", "."], (1, 2), "GPE", None),
    ],
)
def test_unknown_span(gaz, words, ent, label, expected):
    from eventwire.extract.places.mentions import unknown_span

    doc = _doc(words, [(ent[0], ent[1], label)])
    span = doc[ent[0] : ent[1]]
    keep = unknown_span(doc, span.start_char, span.end_char, gaz, street=False, named=set())
    assert (doc.text[keep[0] : keep[1]] if keep else None) == expected


@pytest.mark.parametrize(
    ("words", "spaces", "ents", "expected"),
    [
        (["the", "Russian", "Foreign", "Ministry"], None, [(0, 4, "ORG")], ["Russian"]),
        (["Russian", "-", "American", "art"], [0, 0, 1, 0], [], ["Russian", "American"]),
        (["Georgian", "-", "controlled", "villages"], [0, 0, 1, 0], [], ["Georgian"]),
        # a nationality word alone as an organisation, or by a spaced dash, is not one
        (["the", "Russian", "said"], None, [(1, 2, "ORG")], []),
        (["Russian", "-", "style"], [1, 1, 0], [], []),
    ],
)
def test_embedded_demonyms(gaz, words, spaces, ents, expected):
    from eventwire.extract.places.mentions import embedded_demonyms

    doc = _doc(words, ents, spaces=None if spaces is None else [bool(s) for s in spaces])
    upper = [t.text[:1].isupper() for t in doc]
    found = [span.text for span, _ in embedded_demonyms(doc, gaz, ents=doc.ents, upper=upper)]
    assert found == expected
