"""Swapped verb dictionaries decide the verbs they list, also where our lexicon has a convention."""

import pytest
from swapped_dicts import Triple, swapped_annotator, triples_in

from eventwire.annotate import Annotator

VERBS = """\
--- URGE  [102] ---
URGE
- * TO_FREEZE SETTLEMENT_ACTIVITY [102b]

--- WARN  [130] ---
WARN
- * OF [160]

--- AGREE  [081] ---
AGREE
- % * [030:030]

--- WITHDRAW  [087] ---
WITHDRAW

--- CLASH  [223] ---
CLASH
- NOT * OVER EFFORTS  [904]

--- VOW  [170] ---
VOW
- * WAR  [173]

--- LEFT  [032:033] ---
LEFT

--- WELCOME  [041] ---
WELCOME
- * ASSURANCES FROM  [913]

--- DELAY  [120] ---
DELAY
- % HAVE *  [191]
"""

SENTENCES = [
    "Germany urged Russia to withdraw its troops from the border.",
    "The Danish government warned Gondor of the danger.",
    "France agreed with Germany that the plan needed more work.",
    "Germany did not clash over the efforts of France to end the war.",
    "Iran vowed on Monday to wage war on Iraq.",
    "The Russian president left for China on Monday.",
    "Iran welcomed assurances on trade from Iraq.",
    "Iran welcomed assurances from Syria on trade with Iraq.",
    "Iran and Iraq have delayed their meeting.",
    "Iran has delayed its meeting with Iraq.",
]


@pytest.fixture(scope="module")
def coded(tmp_path_factory):
    swapped = swapped_annotator(tmp_path_factory, verbs=VERBS)
    ours = Annotator()

    def events(annotator: Annotator) -> dict[str, set[Triple]]:
        return {text: triples_in(annotator, text, date="2018-06-08") for text in SENTENCES}

    return events(swapped), events(ours)


@pytest.mark.model
def test_a_listed_verb_of_appeal_takes_the_dictionary_code_and_its_clause(coded):
    swapped, ours = coded
    text = SENTENCES[0]
    assert swapped[text] == {("DEU", "RUS", "102")}  # one event: "to withdraw" is its clause
    assert all(code.startswith("02") for *_, code in ours[text])  # our convention: an appeal


@pytest.mark.model
def test_a_listed_verb_pattern_decides_the_code(coded):
    swapped, _ = coded
    assert {code for *_, code in swapped[SENTENCES[1]]} == {"160"}  # WARN ... OF


@pytest.mark.model
def test_a_verb_with_unreadable_patterns_keeps_our_convention(coded):
    swapped, _ = coded
    text = SENTENCES[2]  # AGREE's '%' pattern cannot be read: its base code 081 is not the answer
    assert swapped[text]
    assert all(code != "081" for *_, code in swapped[text])


@pytest.mark.model
def test_a_pattern_naming_the_negation_codes_the_negated_act(coded):
    swapped, _ = coded
    assert {code for *_, code in swapped[SENTENCES[3]]} == {"904"}  # realised, not negated


@pytest.mark.model
def test_the_target_inside_the_clause_or_topic_the_pattern_reached(coded):
    swapped, _ = coded
    assert swapped[SENTENCES[4]] == {("IRN", "IRQ", "173")}  # "to wage WAR on Iraq"
    assert swapped[SENTENCES[6]] == {("IRN", "IRQ", "913")}  # "ASSURANCES on trade FROM Iraq"
    assert swapped[SENTENCES[7]] == {("IRN", "SYR", "913")}  # a topic outside the phrase


@pytest.mark.model
def test_a_block_reverse_code_gives_the_reply_of_an_unpatterned_verb(coded):
    swapped, _ = coded
    assert swapped[SENTENCES[5]] == {("RUSGOV", "CHN", "032"), ("CHN", "RUSGOV", "033")}


@pytest.mark.model
def test_a_compound_pattern_codes_the_coordinated_subjects_each_way(coded):
    swapped, _ = coded
    assert swapped[SENTENCES[8]] == {("IRN", "IRQ", "191"), ("IRQ", "IRN", "191")}
    assert all(code != "191" for *_, code in swapped[SENTENCES[9]])  # one subject: no '%'
