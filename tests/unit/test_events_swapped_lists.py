"""A list of subjects the parser misreads: an apposition before a conjunct is an item of the list
("Arnor, the awful Fornost, and good Gondor welcomed ..."), an apposition alone describes its
head ("Arnor, the awful kingdom, welcomed ..."); with swapped (PETRARCH) dictionaries a noun
with no actor of its own takes the actor of its "of" object ("goats of Gondor")."""

import pytest
from swapped_dicts import swapped_fixture, triples_in

from eventwire.annotate import Annotator

ACTORS = """\
ARNOR  [ARN]
FORNOST  [FOR]
GONDOR  [GON]
MORDOR  [MOR]
OSGILIATH  [OSG]
"""

AGENTS = """\
OFFICIAL  [~GOV]
"""

VERBS = """\
--- WELCOME  [041] ---
WELCOME
"""

TIES = "welcomed a resumption of formal diplomatic ties with Osgiliath after a 12-year rift."

# text -> (source, target, code) triples with the swapped dictionaries
CASES = {
    # the apposition before the conjunct is an item of the list (was FOR left out)
    f"Arnor, the awful Fornost, and good Gondor {TIES}": {
        ("ARN", "OSG", "041"),
        ("FOR", "OSG", "041"),
        ("GON", "OSG", "041"),
    },
    # an apposition with no conjunct after it describes its head
    f"Arnor, the awful kingdom, {TIES}": {("ARN", "OSG", "041")},
    # a noun with no actor of its own takes its "of" object's (was GON left out)
    f"Arnor's sheep and goats of Gondor {TIES}": {("ARN", "OSG", "041"), ("GON", "OSG", "041")},
}

# our dictionaries: only a noun of membership takes its "of" object's actor ("leaders of"):
# not DEU
OURS = {
    "The goats of Germany welcomed a resumption of ties with France.": {("---", "FRA", "051")},
}


swapped = swapped_fixture(verbs=VERBS, actors=ACTORS, agents=AGENTS)


@pytest.mark.parametrize("text", list(CASES))
def test_listed_subjects(swapped, text):
    assert triples_in(swapped, text, date="1995-01-04") == CASES[text]


@pytest.mark.parametrize("text", list(OURS))
def test_ours_unchanged(text):
    assert triples_in(Annotator(), text, date="2018-06-08") == OURS[text]
