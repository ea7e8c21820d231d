"""Model-free tests of the extra mention finders in eventwire.extract.places_mentions."""

from __future__ import annotations

import pytest

from eventwire.extract.places_mentions import dateline_spans, saint
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
