"""With swapped (PETRARCH) dictionaries the actors of a verb's phrase are read as PETRARCH reads
its noun phrases: a country after an attitude prefix is an actor of the phrase ("an anti- Gondor
parade": GON), where our dictionaries read an attitude ("anti-French protesters" are no France);
a marker after a pattern word names the noun phrase right after that word ("IN $": "broke in the
Gondor parade on Saturday", the parade, not Saturday); a verb coded with no pattern finds its
target in its objects' phrases, their clauses included ("abandoned efforts to stop an anti- Gondor
parade"), not in its own clauses, whose verbs act on their own ("proposed to take up the issue
with Gondor"); a verb inside a prepositional phrase is no event of its own ("met Gondor after
leaving Eriador"), as PETRARCH codes no verb phrase there; the verb whose infinitive of purpose a
pattern's verb heads is in its phrase ("+ HOSTING * TABASKI ^ $": "hosting Arnor to celebrate
Tabaski"), and the pattern's code is real, as PETRARCH's parse puts that clause in its phrase;
a dyad the pattern's markers name stands even when one is the other's state (MORMIL MOR), as
PETRARCH compares codes only; a marker names the phrase it points at ("IFTAR AT ^ ^ +": "with
the parliament of Gondor", GON), not a role's phrase around it."""

import pytest
from swapped_dicts import dyads_in, swapped_fixture, triples_in

from eventwire.annotate import Annotator

VERBS = """\
--- ABANDON  [345]  ---
ABANDON

--- BREAK [1717] ---
BREAK { BROKE BROKEN }
- + * IN $  [075]

--- PROPOSE  [100] ---
PROPOSE

--- LEAVE  [012] ---
LEAVE

--- MEET  [036] ---
MEET

--- CONDEMN  [122] ---
CONDEMN

--- CELEBRATE  [181] ---
CELEBRATE
- + HOSTING * TABASKI ^ $ [042]
- * IFTAR AT ^ ^ +  [044]
"""

ACTORS = """\
GOLLUM  [HOB]
GONDOR  [GON]
ARNOR  [ARN]
ERIADOR  [ERI]
OSGILIATH  [OSG]
MORDOR  [MOR]
CIRITH_UNGOL  [MORMIL]
"""

AGENTS = """\
PARLIAMENT  [~LEG]
"""

# text -> (source, target, code) triples with the swapped dictionaries
CASES = {
    # a country after an attitude prefix, set apart or joined, is the phrase's actor
    "Gollum abandoned an anti- Gondor parade on Saturday.": {("HOB", "GON", "345")},
    "Gollum abandoned an anti-Gondor parade on Saturday.": {("HOB", "GON", "345")},
    # no actor in the phrase: a bare dictionary verb codes no event
    "Gollum abandoned a parade on Saturday.": set(),
    # a marker after a pattern word: the noun phrase right after it (was the last object)
    "Gollum broke in the Gondor parade on Saturday.": {("GON", "HOB", "075")},
    "Gollum broke in Arnor.": {("ARN", "HOB", "075")},
    # ... not an object further on when that one names no actor
    "Gollum broke in a parade in Arnor on Saturday.": set(),
    # a verb with no pattern: the first actor in its objects' phrases, their clauses included
    "Gollum abandoned efforts to stop an anti- Gondor parade on Saturday.": {("HOB", "GON", "345")},
    "Arnor proposed a plan to take up the issue with Gondor on Saturday.": {("ARN", "GON", "100")},
    "Gollum abandoned efforts to stop the parade on Saturday.": set(),
    # ... not in the verb's own clause
    "Arnor proposed to take up the issue with Gondor on Saturday.": set(),
    # a verb inside a prepositional phrase is no event of its own
    "Arnor met Gondor after leaving Eriador on Monday.": {("ARN", "GON", "036")},
    # ... a clause with its own subject is, and so is the verb on its own
    "Arnor met Gondor after it left Eriador on Monday.": {
        ("ARN", "GON", "036"),
        ("ARN", "ERI", "012"),
    },
    "Arnor left Eriador on Monday.": {("ARN", "ERI", "012")},
    # the verb whose infinitive of purpose the pattern's verb heads is in the pattern's phrase
    "Gondor will be hosting Arnor to celebrate Tabaski with Eriador next week at Osgiliath.": {
        ("OSG", "GON", "042")
    },
    # a dyad the pattern's markers name stands: not dropped as the source's own state
    "Mordor will be hosting Gondor to celebrate Tabaski with Eriador next week at Cirith Ungol.": {
        ("MORMIL", "MOR", "042")
    },
    # a marker names the phrase it points at: the country inside a role's phrase
    "Arnor has celebrated Iftar at Osgiliath with the parliament of Gondor on Monday.": {
        ("ARN", "GON", "044")
    },
    # ... no marker: the role's phrase
    "Arnor has celebrated Iftar with the parliament of Gondor on Monday.": {
        ("ARN", "GONLEG", "181")
    },
    # ... a purpose the pattern does not name stays no event
    "Gondor sent troops to celebrate Tabaski with Eriador at Osgiliath.": set(),
}

# text -> a triple that must not be coded with the swapped dictionaries
ABSENT = {
    # a dyad no marker names is one actor: a state acting on its own country
    "Cirith Ungol condemned Mordor on Monday.": ("MORMIL", "MOR", "122"),
}

# our dictionaries: an attitude, not a nationality (the protesters take the document's country)
OURS = {
    "Germany condemned the anti- French protesters on Monday.": [("DEU", "DEUOPP")],
}


swapped = swapped_fixture(verbs=VERBS, actors=ACTORS, agents=AGENTS)


@pytest.mark.parametrize("text", list(CASES))
def test_phrase_actors(swapped, text):
    assert triples_in(swapped, text, date="1995-01-04") == CASES[text]


@pytest.mark.parametrize("text", list(ABSENT))
def test_phrase_actors_absent(swapped, text):
    assert ABSENT[text] not in triples_in(swapped, text, date="1995-01-04")


@pytest.mark.parametrize("text", list(OURS))
def test_ours_unchanged(text):
    assert dyads_in(Annotator(), text, date="2018-06-08") == OURS[text]
