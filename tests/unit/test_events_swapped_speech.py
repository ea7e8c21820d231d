"""A swapped verb dictionary that gives a verb of saying its own code (PETRARCH's validation
``SAID [023]``): the speaker's statement is coded with it, beside the reported event. Our shipped
dictionary gives SAY no code: there the statement stays 010, and only when nothing else is coded."""

import pytest

from eventwire.annotate import Annotator
from eventwire.config import Settings

VERBS = """\
--- SAID  [023]  ---
SAID
- * PLEASED  [041]

--- SAYS  [023?]  ---
SAYS

--- RESTORE  [064] ---
RESTORE
"""

# text -> (codes with the swapped dictionary, statement codes (010, 023) with ours)
CASES = {
    # the reported event and the speaker's own coded statement
    "Germany restored ties with France, a senior official said on Monday.": (
        {"064", "023"},
        set(),
    ),
    # nothing else coded: the dictionary's code instead of the plain statement
    "The German foreign minister said on Monday that talks would go on.": ({"023"}, {"010"}),
    # a verb of saying the dictionary does not list: the plain statement
    "The German foreign minister announced on Monday that talks would go on.": (
        {"010"},
        {"010"},
    ),
    # a block code that is no code ('023?'): the plain statement
    "The German foreign minister says that talks will go on.": ({"010"}, {"010"}),
}


@pytest.fixture(scope="module")
def coded(tmp_path_factory):
    path = tmp_path_factory.mktemp("verbs") / "verbs.txt"
    path.write_text(VERBS)
    swapped = Annotator(Settings().with_(verbs=str(path)))
    ours = Annotator()

    def codes(annotator: Annotator, text: str) -> set[str]:
        return {e.cameo for e in annotator.annotate_text(text, date="2018-06-08").events}

    return {text: (codes(swapped, text), codes(ours, text) & {"010", "023"}) for text in CASES}


@pytest.mark.model
@pytest.mark.parametrize("text", list(CASES))
def test_a_coded_verb_of_saying_codes_the_statement(coded, text):
    assert coded[text] == CASES[text]


@pytest.mark.model
def test_the_coded_statement_is_the_speakers_and_addressed_to_no_one(tmp_path):
    path = tmp_path / "verbs.txt"
    path.write_text(VERBS)
    annotator = Annotator(Settings().with_(verbs=str(path)))
    text = "Germany restored ties with France, a senior official said on Monday."
    events = annotator.annotate_text(text, date="2018-06-08").events
    said = [e for e in events if e.cameo == "023"]
    assert len(said) == 1 and said[0].target is None
    assert said[0].source.code.endswith("GOV")  # "a senior official": a government's
