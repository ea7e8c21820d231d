"""A swapped verb dictionary that gives a verb of saying its own code (PETRARCH's validation
``SAID [023]``): the speaker's statement is coded with it, beside the reported event. Our shipped
dictionary gives SAY no code: there the statement stays 010, and only when nothing else is coded."""

import pytest
from swapped_dicts import Triple, swapped_annotator, triples_in

from eventwire.annotate import Annotator

VERBS = """\
--- SAID  [023]  ---
SAID
- * PLEASED  [041]

--- SAYS  [023?]  ---
SAYS

--- RESTORE  [064] ---
RESTORE

--- ALLOW  [080] ---
ALLOW
- * REALLY_PLEASANT  [024]
- RECENTLY_*  [025]

--- BELIEVE  [023] ---
BELIEVE

--- DEPLORE  [122] ---
DEPLORE
- INDICATED *  [123]

--- REGRET  [111] ---
REGRET
- NOTED + *  [115]

--- ACT  [100] ---
ACT
- INDICATED SHOULD *  [1011]

--- AGREE  [081] ---
AGREE
- * WITH %  [031]
- % *  [030:030]

--- ACCORD  [---] ---
ACCORD
- INCHING NEARER *  [083]
- TO *  [073]

--- CLASH  [223] ---
CLASH
- UNEXPECTEDLY * OVER EFFORTS  [906]
- * OVER EFFORTS  [121]
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
    swapped = swapped_annotator(tmp_path_factory, verbs=VERBS)
    ours = Annotator()

    def codes(annotator: Annotator, text: str) -> set[str]:
        return {e.cameo for e in annotator.annotate_text(text, date="2018-06-08").events}

    return {text: (codes(swapped, text), codes(ours, text) & {"010", "023"}) for text in CASES}


@pytest.mark.model
@pytest.mark.parametrize("text", list(CASES))
def test_a_coded_verb_of_saying_codes_the_statement(coded, text):
    assert coded[text] == CASES[text]


@pytest.mark.model
def test_the_coded_statement_is_the_speakers_and_addressed_to_no_one(tmp_path_factory):
    annotator = swapped_annotator(tmp_path_factory, verbs=VERBS)
    text = "Germany restored ties with France, a senior official said on Monday."
    events = annotator.annotate_text(text, date="2018-06-08").events
    said = [e for e in events if e.cameo == "023"]
    assert len(said) == 1 and said[0].target is None
    assert said[0].source.code.endswith("GOV")  # "a senior official": a government's


# PETRARCH's verb phrase holds the verb's that-clause: a pattern reads on into it, and when the
# clause reports no action of its own, its subject is the target of the verb (swapped only)
THAT_CLAUSES = [
    (
        "Germany allowed that France is not a really pleasant place to visit.",
        {("DEU", "FRA", "024")},
    ),
    ("Germany allowed that France is not a pleasant place.", {("DEU", "FRA", "080")}),
    ("Germany believes France can cope with the decrease.", {("DEU", "FRA", "023")}),
    ("Germany said France would not change its mind.", {("DEU", "FRA", "023")}),
    # a clause before the verb is no complement of it ("X ..., an official said")
    ("France would not change its mind, Germany said.", {("DEU", None, "023")}),
    ("France can cope with the decrease, Germany believes.", {("DEU", None, "023")}),
    # a clause with an action of its own is that action; the statement is addressed to no one
    (
        "Germany believes France restored ties with Italy.",
        {("DEU", None, "023"), ("FRA", "ITA", "064")},
    ),
]


@pytest.fixture(scope="module")
def annotators(tmp_path_factory):
    return swapped_annotator(tmp_path_factory, verbs=VERBS), Annotator()


def _triples(annotator: Annotator, text: str) -> set[Triple]:
    return triples_in(annotator, text, date="2018-06-08")


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), THAT_CLAUSES)
def test_a_that_clause_completes_a_dictionary_verb(annotators, text, expected):
    swapped, ours = annotators
    assert _triples(swapped, text) == expected
    # ours: no pattern reaches into the clause, and "believe", "allow" code nothing of it
    assert not {t for t in _triples(ours, text) if t[1] == "FRA" and t[0] == "DEU"}


# PETRARCH codes no tense: with swapped dictionaries "will restore" is RESTORE's own code; a
# negated future stays a refusal. Ours keep the future as an intention.
FUTURES = [
    ("Germany will restore ties with France.", "064"),
    ("Germany restored ties with France.", "064"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "code"), FUTURES)
def test_a_swapped_dictionary_code_stands_in_the_future(annotators, text, code):
    swapped, _ = annotators
    assert _triples(swapped, text) == {("DEU", "FRA", code)}


@pytest.mark.model
def test_a_negated_future_is_still_a_refusal_and_ours_keep_the_future(annotators):
    swapped, ours = annotators
    refused = _triples(swapped, "Germany will not restore ties with France.")
    assert len(refused) == 1 and next(iter(refused))[2].startswith("12")
    future = _triples(ours, "Germany will restore ties with France.")
    past = _triples(ours, "Germany restored ties with France.")
    assert future and past and future != past


# a pattern word before the verb may be the verb whose clause it is ("INDICATED *"); a marker
# after it ("NOTED + *") names the clause's subject, and that verb's subject is the source
GOVERNING = [
    ("Germany indicated it deplored France.", {("DEU", "FRA", "123")}),
    ("Germany indicated that it deplored France.", {("DEU", "FRA", "123")}),
    ("Germany deplored France.", {("DEU", "FRA", "122")}),
    (
        "The German foreign minister noted that France regretted the decision.",
        {("DEUGOV", "FRA", "115")},
    ),
    # the words before the verb that takes the clause count too ("unexpectedly tried to clash")
    ("Germany unexpectedly tried to clash over the efforts of France.", {("DEU", "FRA", "906")}),
    ("Germany tried to clash over the efforts of France.", {("DEU", "FRA", "121")}),
    # and its words between it and the clause ("inching NEARER to accord")
    ("Germany is inching nearer to accord with France.", {("DEU", "FRA", "083")}),
    ("Germany is inching to accord with France.", {("DEU", "FRA", "073")}),
    # a verb after the clause does not take it as its complement: no pattern reaches it
    (
        "France regretted the decision, the German foreign minister noted.",
        {("DEUGOV", None, "010")},
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), GOVERNING)
def test_a_pattern_reads_back_to_the_verb_whose_clause_it_is(annotators, text, expected):
    swapped, _ = annotators
    assert _triples(swapped, text) == expected


# a pattern that names the verb's modal codes the modal act: it is no longer irrealis
MODALS = [
    ("Germany indicated it should have acted against France.", {("DEU", "FRA", "1011")}),
    ("Germany should have acted against France.", set()),  # the modal, no pattern: not real
    ("Germany acted against France.", {("DEU", "FRA", "100")}),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), MODALS)
def test_a_pattern_naming_the_modal_codes_the_modal_act(annotators, text, expected):
    swapped, _ = annotators
    assert _triples(swapped, text) == expected


# '%' after the verb: coordinated objects, each a target ("* WITH %"); with one object the
# pattern does not match and the verb keeps our convention
COMPOUND_OBJECTS = [
    (
        "Germany agrees with France and Italy that the plan needs more work.",
        {("DEU", "FRA", "031"), ("DEU", "ITA", "031")},
    ),
    ("Germany agrees with France that the plan needs more work.", {("DEU", "FRA", "030")}),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), COMPOUND_OBJECTS)
def test_a_compound_after_the_verb_names_coordinated_targets(annotators, text, expected):
    swapped, _ = annotators
    assert _triples(swapped, text) == expected


# a word glued to the verb ("RECENTLY_*") must be right next to it
GLUED = [
    ("Germany recently allowed that France is not a pleasant place.", {("DEU", "FRA", "025")}),
    ("Germany recently did allow that France is not a pleasant place.", {("DEU", "FRA", "080")}),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), GLUED)
def test_a_word_glued_to_the_verb_is_next_to_it(annotators, text, expected):
    swapped, _ = annotators
    assert _triples(swapped, text) == expected
