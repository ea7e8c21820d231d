"""With swapped (PETRARCH) dictionaries a role that no country reaches is PETRARCH's actor of the
null country ("students": ---EDU), as source or target and of any sector ("clerics": ---REL),
unless a name before it in its phrase is who acts. Our own dictionaries are unchanged: there a
bare role goes unless the document gives it a country."""

import pytest
from swapped_dicts import dyads_in, swapped_fixture, triples_in

from eventwire.annotate import Annotator

ACTORS = """\
RUSSIA  [RUS]
+RUSSIAN
GONDOR  [GON]
ARNOR  [ARN]
DAGOLATH  [DAG]
QUIBBLER [HGWGOVMED]
"""

AGENTS = """\
STUDENT  [~EDU]
CLERIC  [~REL]
LAWMAKER  [~LEG]
POLICE {} [~COP]
OFFICIAL  [~GOV]
DIPLOMAT  [~GOV]
MSF {}  [NGO~]
GOVERNMENT_NEWSPAPER [~GOVMED]
"""

VERBS = """\
--- ARREST  [212] ---
ARREST

--- CONDEMN  [122] ---
CONDEMN

--- SAID  [023] ---
SAID

--- RESTORE  [064] ---
RESTORE
"""

# text -> (source, target, code) triples with the swapped dictionaries
CASES = {
    # a role of no country as the target, and as the source
    "Russian police arrested students in Moscow today.": {("RUSCOP", "---EDU", "212")},
    "Students condemned Gondor on Monday.": {("---EDU", "GON", "122")},
    # any sector the dictionary gives, each conjunct its own
    "Clerics and lawmakers condemned Dagolath on Monday.": {
        ("---REL", "DAG", "122"),
        ("---LEG", "DAG", "122"),
    },
    # not the country the sentence names (PETRARCH gives a bare role none): not GONGOV
    "Officials condemned Gondor on Monday.": {("---GOV", "GON", "122")},
    "Clerics and lawmakers condemned Gondor on Monday.": {
        ("---REL", "GON", "122"),
        ("---LEG", "GON", "122"),
    },
    # a name before the role in its phrase is who acts: no ---GOVMED
    "The Quibbler government newspaper restored ties with Gondor on Monday.": {
        ("HGWGOVMED", "GON", "064")
    },
    # a role word that modifies a noun no dictionary lists is the role of the phrase
    "Gondor condemned Dagolath, the official news agency WFNA said on Monday.": {
        ("GON", "DAG", "122"),
        ("---GOV", None, "023"),
    },
    # ... not when the noun is a role of its own: the head's role
    "Student lawmakers condemned Gondor on Monday.": {("---LEG", "GON", "122")},
    # a prefix agent (NGO~) before the country of a role adds its code before the country
    "An MSF Arnor diplomat restored ties with Gondor on Monday.": {("NGOARNGOV", "GON", "064")},
    "An Arnor diplomat restored ties with Gondor on Monday.": {("ARNGOV", "GON", "064")},
    "MSF Arnor restored ties with Gondor on Monday.": {("NGOARN", "GON", "064")},
    # a role the dictionary does not list is no actor
    "Russian police arrested farmers in Moscow today.": set(),
}

# our dictionaries: a bare role of a sector that does not take the sentence's country is no actor
# of its own, but as the target of an arrest it is of the country where the arrest is made
OURS = {
    "Russian police arrested students in Moscow today.": [("RUSCOP", "RUSEDU")],
    "Germany condemned France, the official news agency WFNA said on Monday.": [("DEU", "FRA")],
}


swapped = swapped_fixture(verbs=VERBS, actors=ACTORS, agents=AGENTS)


@pytest.mark.parametrize("text", list(CASES))
def test_null_country_roles(swapped, text):
    assert triples_in(swapped, text, date="1995-01-04") == CASES[text]


@pytest.mark.parametrize("text", list(OURS))
def test_ours_unchanged(text):
    assert dyads_in(Annotator(), text, date="2018-06-08") == OURS[text]
