"""With swapped (PETRARCH) dictionaries a fictional place that NER tags as a person is still the
place when the name ends at the match: a possessive marker NER took into the name ends it
("Caras Galadhon's new mayor"), and so does a capital that only starts the sentence ("Evil
Mordor"); a longer name does not ("Gondor Smith's brother")."""

import pytest
from swapped_dicts import swapped_fixture, triples_in

ACTORS = """\
CARAS GALADHON  [ELF]
GONDOR  [GON]
ARNOR  [ARN]
MORDOR  [MOR]
"""

AGENTS = """\
OFFICIAL  [~GOV]
"""

VERBS = """\
--- CRITICIZE  [121] ---
CRITICIZE
"""

# text -> (source, target, code) triples with the swapped dictionaries
CASES = {
    # the possessive ends the name: the place is the mayor's country (was no source)
    "Caras Galadhon's new mayor criticized Arnor on Monday.": {("ELF", "ARN", "121")},
    "Caras Galadhon criticized Arnor on Monday.": {("ELF", "ARN", "121")},
    # a person's name longer than the match is no place
    "Gondor Smith's brother criticized Arnor on Monday.": set(),
    # ... but a capital that starts the sentence is no part of a name (was no source)
    "Evil Mordor, the awful Fornost, and good Gondor criticized Arnor.": {
        ("MOR", "ARN", "121"),
        ("GON", "ARN", "121"),
    },
}


swapped = swapped_fixture(verbs=VERBS, actors=ACTORS, agents=AGENTS)


@pytest.mark.parametrize("text", list(CASES))
def test_names_in_person_entities(swapped, text):
    assert triples_in(swapped, text, date="1995-01-04") == CASES[text]
