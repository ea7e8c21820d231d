"""With swapped (PETRARCH) dictionaries a fictional place that NER tags as a person is still the
place when the name ends at the match: a possessive marker NER took into the name ends it
("Caras Galadhon's new mayor"), and so does a capital that only starts the sentence ("Evil
Mordor"); a longer name does not ("Gondor Smith's brother")."""

import pytest

from eventwire.annotate import Annotator
from eventwire.config import Settings

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


@pytest.fixture(scope="module")
def swapped(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dicts")
    paths = {}
    for name, text in (("verbs", VERBS), ("actors", ACTORS), ("agents", AGENTS)):
        paths[name] = str(folder / f"{name}.txt")
        (folder / f"{name}.txt").write_text(text)
    return Annotator(Settings().with_(**paths))


@pytest.mark.parametrize("text", list(CASES))
def test_names_in_person_entities(swapped, text):
    events = swapped.annotate_text(text, date="1995-01-04").events
    got = {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events}
    assert got == CASES[text]
