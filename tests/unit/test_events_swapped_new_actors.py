"""With swapped (PETRARCH) dictionaries a side no dictionary codes is PETRARCH's new actor: the
noun phrase it reads (the subject's whole phrase, the first name in the verb's complements), with
the null code; two such names are two actors, so a [A:B] code's reply is kept. The PETR scorer
writes them as PETRARCH does under its new_actor_length option (test_events_evaluate)."""

import pytest
from swapped_dicts import swapped_fixture

from eventwire.annotate import Annotator

ACTORS = """\
GONDOR  [GON]
+MINAS_TIRITH
"""

VERBS = """\
--- LEFT  [032:033] ---
LEFT
"""

TEXT = "Gryffindor's head Minerva McGonagall left for the Ministry of Magic on Wednesday."

# text -> (source code, source words, target code, target words, code)
CASES = {
    # both sides new actors: the subject's phrase, the first name after the verb; and the reply
    TEXT: {
        ("---", "Gryffindor's head Minerva McGonagall", "---", "the Ministry of Magic", "032"),
        ("---", "the Ministry of Magic", "---", "Gryffindor's head Minerva McGonagall", "033"),
    },
    # a coded target stays as it is
    "Gryffindor's head Minerva McGonagall left for Minas Tirith on Wednesday.": {
        ("---", "Gryffindor's head Minerva McGonagall", "GON", "Minas Tirith", "032"),
        ("GON", "Minas Tirith", "---", "Gryffindor's head Minerva McGonagall", "033"),
    },
    # a common noun is no new actor
    "Gryffindor's head Minerva McGonagall left for the meetings on Wednesday.": set(),
}


swapped = swapped_fixture(verbs=VERBS, actors=ACTORS)


def _sides(events):
    return {
        (
            e.source.code,
            e.source.text,
            e.target.code if e.target else None,
            e.target.text if e.target else None,
            e.cameo,
        )
        for e in events
    }


@pytest.mark.parametrize("text", list(CASES))
def test_new_actors(swapped, text):
    assert _sides(swapped.annotate_text(text, date="1995-01-03").events) == CASES[text]


def test_ours_unchanged():
    # our dictionaries: the subject as the name the text gives, no target that no actor names
    events = Annotator().annotate_text(TEXT, date="2018-06-08").events
    assert all(e.target is None or e.target.code != "---" for e in events)
    assert all(e.source.text != "Gryffindor's head Minerva McGonagall" for e in events)
