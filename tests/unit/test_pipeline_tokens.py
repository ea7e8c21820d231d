"""An attitude prefix whose hyphen is set apart from its word ("an anti- Gondor parade") is split
as spaCy splits the joined one, so the parser reads one noun phrase and the actors extractor reads
an attitude, not a nationality. Other words before a set-apart hyphen keep it ("ex- premier")."""

import pytest
import spacy

from eventwire.pipeline.load import split_abbreviation_hyphens, split_attitude_hyphens

# text -> tokens with the attitude prefixes (actors/agents.yaml) split off
CASES = {
    "an anti- Gondor parade": ["an", "anti", "-", "Gondor", "parade"],
    "(Anti- US) protests": ["(", "Anti", "-", "US", ")", "protests"],
    "a pro- democracy group": ["a", "pro", "-", "democracy", "group"],
    # other words keep their hyphen
    "by ex- premier Thatcher": ["by", "ex-", "premier", "Thatcher"],
    "ITAR- TASS reported": ["ITAR-", "TASS", "reported"],
    "a canti- x": ["a", "canti-", "x"],
    # joined prefixes as spaCy splits them anyway
    "anti-war protests": ["anti", "-", "war", "protests"],
}


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    split_attitude_hyphens(nlp)
    return nlp


@pytest.mark.parametrize("text", list(CASES))
def test_attitude_hyphen_split(nlp, text):
    assert [t.text for t in nlp.make_doc(text)] == CASES[text]


def test_blank_pipeline_keeps_set_apart_hyphen():
    assert [t.text for t in spacy.blank("en").make_doc("an anti- Gondor parade")][1] == "anti-"


# a hyphen after a dotted abbreviation is split as after an undotted one ("US-South Korea")
ABBREVIATIONS = {
    "joint U.S.-South Korean drills": ["joint", "U.S.", "-", "South", "Korean", "drills"],
    "the U.N.-backed government": ["the", "U.N.", "-", "backed", "government"],
    # a hyphen after a lowercase abbreviation, or set apart, stays as it was
    "the etc.-style list": ["the", "etc.-style", "list"],
    "the U.S. - China talks": ["the", "U.S.", "-", "China", "talks"],
}


@pytest.mark.parametrize("text", list(ABBREVIATIONS))
def test_abbreviation_hyphen_split(text):
    nlp = spacy.blank("en")
    split_abbreviation_hyphens(nlp)
    assert [t.text for t in nlp.make_doc(text)] == ABBREVIATIONS[text]


# our pipeline: a set-apart attitude prefix is an attitude as the joined one is, not an actor
SOURCES = {
    "Thousands joined anti- US protests in Okinawa on Sunday.": set(),
    "Thousands joined anti-US protests in Okinawa on Sunday.": set(),
    "US marines joined protests in Okinawa on Sunday.": {"USA"},  # an actor
}


@pytest.fixture(scope="module")
def annotator():
    from eventwire.annotate import Annotator

    return Annotator()


@pytest.mark.parametrize("text", list(SOURCES))
def test_attitude_is_no_actor(annotator, text):
    events = annotator.annotate_text(text, date="1997-04-23").events
    assert {e.source.country for e in events} & {"USA"} == SOURCES[text]
