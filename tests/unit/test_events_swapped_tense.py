"""With swapped (PETRARCH) verb dictionaries a bare dictionary verb in the simple present is coded,
as PETRARCH codes no tense ("Gondor welcomes a resumption of ties": 041). Our dictionaries keep the
simple present of a bare dictionary verb as a state of affairs ("the militia controls the north").
A pattern's target that no argument names is the first actor after the verb in its phrase."""

import pytest
from swapped_dicts import swapped_fixture, triples_in

from eventwire.annotate import Annotator

VERBS = """\
--- WELCOME  [041] ---
WELCOME

--- CONDEMN  [122] ---
CONDEMN

--- QUESTION  [---] ---
QUESTION
- BEGUN *  [212]
"""

ACTORS = """\
GONDOR  [GON]
OSGILIATH  [OSG]
FORNOST  [FOR]
MORGUL_ORCS  [MRGORC]
"""

# text -> (source, target, code) triples with the swapped dictionaries
CASES = {
    "Gondor welcomes a resumption of ties with Osgiliath.": {("GON", "OSG", "041")},
    "Fornost and Gondor welcome a resumption of ties with Osgiliath.": {
        ("FOR", "OSG", "041"),
        ("GON", "OSG", "041"),
    },
    "Gondor condemns the attack by Osgiliath.": {("GON", "OSG", "122")},
    # past and future as before
    "Gondor welcomed a resumption of ties with Osgiliath.": {("GON", "OSG", "041")},
    # a pattern's target no argument names: the first actor after the verb in its phrase, its
    # clauses included, as PETRARCH reads its verb phrase
    "Gondor has begun to question whether it has a future with the Morgul Orcs.": {
        ("GON", "MRGORC", "212")
    },
    # ... not in a clause of what happened around it
    "Gondor has begun to question the plan after the Morgul Orcs left.": {("GON", None, "212")},
    # a verb the dictionary does not list: nothing
    "Gondor praises Osgiliath.": set(),
}

# our dictionaries: a bare dictionary verb in the simple present is a state of affairs
OURS = {
    "The militia controls the north of the country.": [],
}


swapped = swapped_fixture(verbs=VERBS, actors=ACTORS)


@pytest.mark.parametrize("text", list(CASES))
def test_present_coded(swapped, text):
    assert triples_in(swapped, text, date="1995-01-04") == CASES[text]


@pytest.mark.parametrize("text", list(OURS))
def test_ours_present_is_state(text):
    events = Annotator().annotate_text(text, date="2018-06-08").events
    assert [e.cameo for e in events] == OURS[text]
