"""With swapped (PETRARCH) dictionaries every agent of a role's phrase adds its code after the
country, in text order, unless the code holds it already, as PETRARCH mixes the codes of a noun
phrase ("Danish Islamist media": DNKMUSMED); a role coordinated with it shares the country and
the agents before the other role ("... media and government": DNKMUSGOV); an actor of its own
code and no country before a role takes the role's agents ("West German world government
activists": GMWGOVWGO). Our own dictionaries keep one sector per actor."""

import pytest
from swapped_dicts import dyads_in, swapped_fixture, triples_in

from eventwire.annotate import Annotator

ACTORS = """\
DENMARK  [DNK]
+DANISH
GONDOR  [GON]
WEST_GERMAN  [GMWGOV]
QUIBBLER [HGWGOVMED]
"""

AGENTS = """\
MEDIA {} [~MED]
GOVERNMENT  [~GOV]
OFFICIAL  [~GOV]
ISLAMIST  [~MUS]
WORLD_GOVERNMENT  {}  [~WGO]
GOVERNMENT_NEWSPAPER [~GOVMED]
"""

VERBS = """\
--- CONDEMN  [122] ---
CONDEMN
"""

# text -> (source, target, code) triples with the swapped dictionaries
CASES = {
    # an agent before the role adds its code (was DNKMED)
    "The Danish Islamist media condemned Gondor on Monday.": {("DNKMUSMED", "GON", "122")},
    # the coordinated role shares the country and that agent (was DNKGOV)
    "The Danish Islamist media and government condemned Gondor on Monday.": {
        ("DNKMUSMED", "GON", "122"),
        ("DNKMUSGOV", "GON", "122"),
    },
    # no agent between: the country alone is shared
    "The Danish media and government condemned Gondor on Monday.": {
        ("DNKMED", "GON", "122"),
        ("DNKGOV", "GON", "122"),
    },
    # a code the actor holds already is not added again
    "Danish government officials condemned Gondor on Monday.": {("DNKGOV", "GON", "122")},
    # an actor of its own code and no country takes the agents after it, held in its
    # three-letter parts only (WGO is no part of GMW-GOV; was GMWGOV)
    "West German world government activists condemned Gondor on Monday.": {
        ("GMWGOVWGO", "GON", "122")
    },
    "The Quibbler government newspaper condemned Gondor on Monday.": {("HGWGOVMED", "GON", "122")},
}

# our dictionaries: one sector per actor
OURS = {
    "Danish Islamist media condemned France on Monday.": [("DNKMED", "FRA")],
}


swapped = swapped_fixture(verbs=VERBS, actors=ACTORS, agents=AGENTS)


@pytest.mark.parametrize("text", list(CASES))
def test_phrase_agents(swapped, text):
    assert triples_in(swapped, text, date="1995-01-04") == CASES[text]


@pytest.mark.parametrize("text", list(OURS))
def test_ours_unchanged(text):
    assert dyads_in(Annotator(), text, date="2018-06-08") == OURS[text]
