"""With swapped (PETRARCH) dictionaries a dictionary verb in the passive with no agent is read as
PETRARCH's validation reads it: its subject is the source, the first actor after the verb the
target ("The Philippines was criticized over its territorial dispute with Eriador": PHL ERI).
An agent ("by Eriador") and a pattern's markers ("- + * FROM $") still decide. Our dictionaries
do not make the passive subject the doer ("The Philippines was criticized": no source known)."""

import pytest
from swapped_dicts import dyads_in, swapped_fixture, triples_in

from eventwire.annotate import Annotator

VERBS = """\
--- CRITICIZE  [121]  ---
CRITICIZE
- HEAVILY *   [122]

--- FREE  [---] ---
FREE
- + * FROM $  [066]
"""

ACTORS = """\
PHILIPPINES  [PHL]
ERIADOR  [ERI]
GONDOR  [GON]
MORDOR  [MOR]
"""

# text -> (source, target, code) triples with the swapped dictionaries
CASES = {
    "The Philippines was criticized over its territorial dispute with Eriador.": {
        ("PHL", "ERI", "121")
    },
    "The Philippines was heavily criticized over its territorial dispute with Eriador.": {
        ("PHL", "ERI", "122")
    },
    # the subject the parser hangs on the auxiliary
    "The Philippines was heavily and unjustly criticized over its dispute with Eriador.": {
        ("PHL", "ERI", "122")
    },
    # an agent acts on the subject
    "The Philippines was criticized by Eriador over its territorial dispute.": {
        ("ERI", "PHL", "121")
    },
    # a pattern's markers decide
    "Gondor was freed from Mordor after the fighting.": {("MOR", "GON", "066")},
    # no actor after the verb: no dyad
    "The Philippines was criticized on Monday.": set(),
}

# our dictionaries: the passive subject is the one acted on, by no one the sentence names: in a story
# no event, in a text of one sentence the unknown doer's act (---)
OURS = {
    "The Philippines was criticized over its territorial dispute with Vietnam.": [("---", "PHL")],
    "Rain fell on Monday. The Philippines was criticized over its territorial dispute with Vietnam.": [],
    "The Philippines was criticized by Vietnam over its territorial dispute.": [("VNM", "PHL")],
}


swapped = swapped_fixture(verbs=VERBS, actors=ACTORS)


@pytest.mark.parametrize("text", list(CASES))
def test_agentless_passive(swapped, text):
    assert triples_in(swapped, text, date="1995-01-03") == CASES[text]


@pytest.mark.parametrize("text", list(OURS))
def test_ours_unchanged(text):
    assert dyads_in(Annotator(), text, date="2018-06-08") == OURS[text]
