"""Model-free tests of the dictionary pattern matcher on hand-built parses.

Each case gives a parse (words, heads, deps, POS, lemmas), a tiny dictionary block written in
PETRARCH's own syntax, and the code and marked tokens the matcher must find, negatives included.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from eventwire.extract.events.patterns import VerbMatcher
from eventwire.extract.parsetree import ParsedDoc
from eventwire.knowledge.petrarch_verbs import parse_verb_text

BLOCKS = """
&MILITARY
+TROOP
+ARMED_FORCES

--- ASK [---] ---
+ASK_FOR [020]
ASK [020]
REQUEST [020]
- * {HUMANITARIAN AID} [0233]
- * (FOR {HUMANITARIAN AID}) [0233]
- * AID [023]
- * (FOR AID) [023]

--- SEND [---] ---
SEND {SENDS SENT SENDING}
- * &MILITARY [154]
- * &MILITARY (TO +) [0234]

--- FILE [---] ---
FILE
- * CLAIM (AGAINST) + [115]

--- RUSH [---] ---
RUSH
- * (TO) [042:043]

--- LEFT [032:033] ---
LEFT
DEPART [036]

--- SHOT [223] ---
SHOT
- + WAS * DEAD [224]

--- MOVE [---] ---
MOVE
- $ TROOP * [0874]

--- CELEBRATE [---] ---
CELEBRATE
- * IFTAR IN ^ + [045]

--- DELAY [120] ---
DELAY
- % HAVE * [191]
"""


@pytest.fixture(scope="module")
def matcher() -> VerbMatcher:
    return VerbMatcher(parse_verb_text(BLOCKS, name="test.verbs").dictionary)


def parse(rows: list[tuple[str, int, str, str, str]]) -> ParsedDoc:
    """rows: (word, head index, dep, POS, lemma), read as the coder reads a parse (ParsedDoc)."""
    nlp = spacy.blank("en")
    words = [r[0] for r in rows]
    return ParsedDoc(
        Doc(
            nlp.vocab,
            words=words,
            heads=[r[1] for r in rows],
            deps=[r[2] for r in rows],
            pos=[r[3] for r in rows],
            lemmas=[r[4] for r in rows],
        )
    )


# "Kenya asked for humanitarian aid"
ASKED_FOR_AID = [
    ("Kenya", 1, "nsubj", "PROPN", "Kenya"),
    ("asked", 1, "ROOT", "VERB", "ask"),
    ("for", 1, "prep", "ADP", "for"),
    ("humanitarian", 4, "amod", "ADJ", "humanitarian"),
    ("aid", 2, "pobj", "NOUN", "aid"),
]
# "Kenya asked for loans"
ASKED_FOR_LOANS = [
    ("Kenya", 1, "nsubj", "PROPN", "Kenya"),
    ("asked", 1, "ROOT", "VERB", "ask"),
    ("for", 1, "prep", "ADP", "for"),
    ("loans", 2, "pobj", "NOUN", "loan"),
]
# "Kenya requested aid"
REQUESTED_AID = [
    ("Kenya", 1, "nsubj", "PROPN", "Kenya"),
    ("requested", 1, "ROOT", "VERB", "request"),
    ("aid", 1, "dobj", "NOUN", "aid"),
]
# "Denmark sent troops to Mali"
SENT_TROOPS_TO = [
    ("Denmark", 1, "nsubj", "PROPN", "Denmark"),
    ("sent", 1, "ROOT", "VERB", "send"),
    ("troops", 1, "dobj", "NOUN", "troop"),
    ("to", 1, "prep", "ADP", "to"),
    ("Mali", 3, "pobj", "PROPN", "Mali"),
]
# "Denmark sent armed forces"
SENT_ARMED_FORCES = [
    ("Denmark", 1, "nsubj", "PROPN", "Denmark"),
    ("sent", 1, "ROOT", "VERB", "send"),
    ("armed", 3, "amod", "VERB", "arm"),
    ("forces", 1, "dobj", "NOUN", "force"),
]
# "Denmark sent letters"
SENT_LETTERS = [
    ("Denmark", 1, "nsubj", "PROPN", "Denmark"),
    ("sent", 1, "ROOT", "VERB", "send"),
    ("letters", 1, "dobj", "NOUN", "letter"),
]
# "Iran filed a claim against Iraq"
FILED_CLAIM = [
    ("Iran", 1, "nsubj", "PROPN", "Iran"),
    ("filed", 1, "ROOT", "VERB", "file"),
    ("a", 3, "det", "DET", "a"),
    ("claim", 1, "dobj", "NOUN", "claim"),
    ("against", 3, "prep", "ADP", "against"),
    ("Iraq", 4, "pobj", "PROPN", "Iraq"),
]
# "Iran rushed to Iraq"
RUSHED_TO = [
    ("Iran", 1, "nsubj", "PROPN", "Iran"),
    ("rushed", 1, "ROOT", "VERB", "rush"),
    ("to", 1, "prep", "ADP", "to"),
    ("Iraq", 2, "pobj", "PROPN", "Iraq"),
]
# "Iran left for Iraq" (LEFT: the block's [032:033] is the verb's own code)
LEFT_FOR = [
    ("Iran", 1, "nsubj", "PROPN", "Iran"),
    ("left", 1, "ROOT", "VERB", "leave"),
    ("for", 1, "prep", "ADP", "for"),
    ("Iraq", 2, "pobj", "PROPN", "Iraq"),
]
# "Iran departed for Iraq" (DEPART [036]: a verb's own code replaces the block's, reverse too)
DEPARTED_FOR = [
    ("Iran", 1, "nsubj", "PROPN", "Iran"),
    ("departed", 1, "ROOT", "VERB", "depart"),
    ("for", 1, "prep", "ADP", "for"),
    ("Iraq", 2, "pobj", "PROPN", "Iraq"),
]
# "A Kenyan was shot dead"
WAS_SHOT_DEAD = [
    ("A", 1, "det", "DET", "a"),
    ("Kenyan", 3, "nsubjpass", "PROPN", "Kenyan"),
    ("was", 3, "auxpass", "AUX", "be"),
    ("shot", 3, "ROOT", "VERB", "shoot"),
    ("dead", 3, "acomp", "ADJ", "dead"),
]
# "Syrian troops moved"
TROOPS_MOVED = [
    ("Syrian", 1, "amod", "ADJ", "syrian"),
    ("troops", 2, "nsubj", "NOUN", "troop"),
    ("moved", 2, "ROOT", "VERB", "move"),
]
# "Iran celebrated Iftar in Basra with Iraq in Baghdad"
CELEBRATED_IFTAR = [
    ("Iran", 1, "nsubj", "PROPN", "Iran"),
    ("celebrated", 1, "ROOT", "VERB", "celebrate"),
    ("Iftar", 1, "dobj", "PROPN", "Iftar"),
    ("in", 2, "prep", "ADP", "in"),
    ("Basra", 3, "pobj", "PROPN", "Basra"),
    ("with", 1, "prep", "ADP", "with"),
    ("Iraq", 5, "pobj", "PROPN", "Iraq"),
    ("in", 1, "prep", "ADP", "in"),
    ("Baghdad", 7, "pobj", "PROPN", "Baghdad"),
]
# "Iran and Iraq have delayed talks"
COMPOUND_DELAYED = [
    ("Iran", 4, "nsubj", "PROPN", "Iran"),
    ("and", 0, "cc", "CCONJ", "and"),
    ("Iraq", 0, "conj", "PROPN", "Iraq"),
    ("have", 4, "aux", "AUX", "have"),
    ("delayed", 4, "ROOT", "VERB", "delay"),
    ("talks", 4, "dobj", "NOUN", "talk"),
]
# "Iran has delayed talks"
SINGLE_DELAYED = [
    ("Iran", 2, "nsubj", "PROPN", "Iran"),
    ("has", 2, "aux", "AUX", "have"),
    ("delayed", 2, "ROOT", "VERB", "delay"),
    ("talks", 2, "dobj", "NOUN", "talk"),
]
# "Kenya asked that troops leave": the clause's words are not the verb's pattern words
ASKED_CLAUSE = [
    ("Kenya", 1, "nsubj", "PROPN", "Kenya"),
    ("asked", 1, "ROOT", "VERB", "ask"),
    ("that", 4, "mark", "SCONJ", "that"),
    ("troops", 4, "nsubj", "NOUN", "troop"),
    ("leave", 1, "ccomp", "VERB", "leave"),
]

CASES = [
    # rows, verb index, code, reverse code, marked source tokens, marked target tokens, why
    (ASKED_FOR_AID, 1, "0233", None, (), (), "multi-word verb with a braced phrase in a PP"),
    (ASKED_FOR_LOANS, 1, "020", None, (), (), "no pattern matches: the verb's own code"),
    (REQUESTED_AID, 1, "023", None, (), (), "object noun"),
    (SENT_TROOPS_TO, 1, "0234", None, (), (4,), "synset + (TO +): the PP object is the target"),
    (SENT_ARMED_FORCES, 1, "154", None, (), (), "multi-word synset member"),
    (FILED_CLAIM, 1, "115", None, (), (5,), "bare + after a PP marks its object"),
    (RUSHED_TO, 1, "042", "043", (), (), "[A:B] codes"),
    (LEFT_FOR, 1, "032", "033", (), (), "a block's [A:B] header: what the target does back"),
    (DEPARTED_FOR, 1, "036", None, (), (), "a verb's own code, not the block's [A:B]"),
    (WAS_SHOT_DEAD, 3, "224", None, (), (1,), "'+ WAS': the subject before the word, not 'was'"),
    (TROOPS_MOVED, 2, "0874", None, (1,), (), "'$ TROOP': the noun (its modifier says whose)"),
    (CELEBRATED_IFTAR, 1, "045", None, (), (6,), "'IN ^ +': one object passed over, the next"),
    (COMPOUND_DELAYED, 4, "191", None, (), (), "'% HAVE *': a subject of coordinated actors"),
    (SINGLE_DELAYED, 2, "120", None, (), (), "'%' needs coordinated subjects: the verb's code"),
    (ASKED_CLAUSE, 1, "020", None, (), (), "words of another clause are not pattern words"),
]


def test_a_compound_pattern_makes_the_coordinated_subjects_act_on_each_other(matcher):
    assert matcher.match(parse(COMPOUND_DELAYED)[4]).mutual
    assert not matcher.match(parse(SINGLE_DELAYED)[2]).mutual


@pytest.mark.parametrize(("rows", "verb", "code", "reverse", "sources", "targets", "why"), CASES)
def test_match(matcher, rows, verb, code, reverse, sources, targets, why):
    doc = parse(rows)
    found = matcher.match(doc[verb])
    assert found is not None, why
    assert (found.code, found.reverse_code) == (code, reverse), why
    assert found.sources == sources, why
    assert found.targets == targets, why


@pytest.mark.parametrize(
    ("rows", "verb", "why"),
    [
        (SENT_LETTERS, 1, "a block with no default code and no matching pattern codes nothing"),
        (ASKED_FOR_AID, 4, "a noun is no dictionary verb"),
    ],
)
def test_no_match(matcher, rows, verb, why):
    assert matcher.match(parse(rows)[verb]) is None, why


def test_verb_words_are_part_of_the_match(matcher):
    found = matcher.match(parse(ASKED_FOR_AID)[1])
    assert found is not None
    assert found.tokens == (1, 2, 3, 4)  # asked for humanitarian aid
    assert found.specificity > 0
    assert found.source.startswith("test.verbs:")


@pytest.mark.parametrize(
    ("text", "sentence", "story"),
    [
        ("He won the World Cup final.", True, False),
        ("Fans watched baseballs fly.", True, False),  # a stem: any ending
        ("The Cupertino firm said.", False, False),  # "cup" is whole-word only
        ("She won an Academy Award.", False, True),
        ("Troops withdrew in 1971.", False, False),  # years are dated, not discarded
        ("Troops withdrew five years ago.", False, False),
        ("The envoys met in Geneva.", False, False),
    ],
)
def test_discards(text, sentence, story):
    from eventwire.extract.events.discards import DiscardMatcher
    from eventwire.knowledge.verbdict import Discard

    matcher = DiscardMatcher(
        [
            Discard("world cup", False, False, "t:1"),
            Discard("baseball", False, False, "t:2"),
            Discard("cup", False, True, "t:3"),
            Discard("academy award", True, False, "t:4"),
            Discard("1971", False, False, "t:5"),
            Discard("years ago", False, False, "t:6"),
        ]
    )
    assert matcher.sentence_discarded(text) == sentence
    assert matcher.story_discarded(text) == story
    # one scan of a whole document: the story verdict, and whether a sentence may be discarded
    # (a phrase anywhere, boundaries unchecked: "cup" in "Cupertino" counts)
    story_found, sentence_possible = matcher.scan_document(text)
    assert story_found == story
    assert story_found or sentence_possible >= sentence


ADOPT_BLOCK = """
&UNITS
+BRIGADE

--- ADOPT [081] ---
ADOPT
- * RESOLUTION [102]
- * &UNITS [154]
"""


def adopted(noun: str, lemma: str) -> list[tuple[str, int, str, str, str]]:
    """ "Kenya adopted <noun>" """
    return [
        ("Kenya", 1, "nsubj", "PROPN", "Kenya"),
        ("adopted", 1, "ROOT", "VERB", "adopt"),
        (noun, 1, "dobj", "NOUN", lemma),
    ]


# (noun, lemma, code read as written (a swapped dictionary), code with lemmas and plurals (ours))
EXACT_CASES = [
    ("resolution", "resolution", "102", "102"),
    # a plain pattern word does not match its plural or another form, as PETRARCH reads it
    ("resolutions", "resolution", "081", "102"),
    # a synset member does: PETRARCH generates synset plurals
    ("brigade", "brigade", "154", "154"),
    ("brigades", "brigade", "154", "154"),
]


@pytest.mark.parametrize(("noun", "lemma", "exact", "ours"), EXACT_CASES)
def test_pattern_words_as_written(noun, lemma, exact, ours):
    dictionary = parse_verb_text(ADOPT_BLOCK, name="test.verbs").dictionary
    for exact_words, code in ((True, exact), (False, ours)):
        found = VerbMatcher(dictionary, exact_words=exact_words).match(
            parse(adopted(noun, lemma))[1]
        )
        assert found is not None and found.code == code, (noun, exact_words)


DEPART_BLOCK = """
--- DEPART [032] ---
DEPART
REGRET
"""


# (verb as written, its lemma, found read as written (a swapped dictionary), found with lemmas)
VERB_FORM_CASES = [
    # a generated form of the dictionary verb
    ("departs", "depart", True, True),
    ("departed", "depart", True, True),
    # a form English writes with the consonant doubled, which the file need not list
    ("regretted", "regret", True, True),
    # a suffix English does not write ("departes", misspelled): not the verb as written
    ("departes", "depart", False, True),
]


@pytest.mark.parametrize(("verb", "lemma", "exact", "ours"), VERB_FORM_CASES)
def test_verb_forms_as_written(verb, lemma, exact, ours):
    dictionary = parse_verb_text(DEPART_BLOCK, name="test.verbs").dictionary
    rows = [
        ("Kenya", 1, "nsubj", "PROPN", "Kenya"),
        (verb, 1, "ROOT", "VERB", lemma),
        ("today", 1, "npadvmod", "NOUN", "today"),
    ]
    for exact_words, expected in ((True, exact), (False, ours)):
        found = VerbMatcher(dictionary, exact_words=exact_words).match(parse(rows)[1])
        assert (found is not None) == expected, (verb, exact_words)


WELCOME_BLOCK = """
--- WELCOME [041] ---
WELCOME
- * ASSURANCES FROM [913]
"""

# "Kenya welcomed assurances sent from Uganda" / "... assurances that came from Uganda"
SENT_FROM = [
    ("Kenya", 1, "nsubj", "PROPN", "Kenya"),
    ("welcomed", 1, "ROOT", "VERB", "welcome"),
    ("assurances", 1, "dobj", "NOUN", "assurance"),
    ("sent", 2, "acl", "VERB", "send"),
    ("from", 3, "prep", "ADP", "from"),
    ("Uganda", 4, "pobj", "PROPN", "Uganda"),
]
CAME_FROM = [
    ("Kenya", 1, "nsubj", "PROPN", "Kenya"),
    ("welcomed", 1, "ROOT", "VERB", "welcome"),
    ("assurances", 1, "dobj", "NOUN", "assurance"),
    ("that", 4, "nsubj", "PRON", "that"),
    ("came", 2, "relcl", "VERB", "come"),
    ("from", 4, "prep", "ADP", "from"),
    ("Uganda", 5, "pobj", "PROPN", "Uganda"),
]

# (parse, tags, code read as PETRARCH reads a swapped dictionary, code with ours)
PARTICIPLE_CASES = [
    # a participle on the noun is in its phrase
    (SENT_FROM, {3: "VBN"}, "913", "041"),
    # a relative clause with its own subject is not
    (CAME_FROM, {4: "VBD"}, "041", "041"),
]


@pytest.mark.parametrize(("rows", "tags", "exact", "ours"), PARTICIPLE_CASES)
def test_participle_in_the_phrase(rows, tags, exact, ours):
    dictionary = parse_verb_text(WELCOME_BLOCK, name="test.verbs").dictionary
    doc = parse(rows)
    for i, tag in tags.items():
        doc[i].doc[i].tag_ = tag
    for exact_words, code in ((True, exact), (False, ours)):
        found = VerbMatcher(dictionary, exact_words=exact_words).match(doc[1])
        assert found is not None and found.code == code, exact_words


ORDER_BLOCK = """
--- RESTORE [064] ---
RESTORE
- * THE FULL [065]
"""

# "Kenya restored the full ties"
RESTORED_THE_FULL = [
    ("Kenya", 1, "nsubj", "PROPN", "Kenya"),
    ("restored", 1, "ROOT", "VERB", "restore"),
    ("the", 4, "det", "DET", "the"),
    ("full", 4, "amod", "ADJ", "full"),
    ("ties", 1, "dobj", "NOUN", "tie"),
]
# "Kenya restored full ties with the group"
RESTORED_FULL_THE = [
    ("Kenya", 1, "nsubj", "PROPN", "Kenya"),
    ("restored", 1, "ROOT", "VERB", "restore"),
    ("full", 3, "amod", "ADJ", "full"),
    ("ties", 1, "dobj", "NOUN", "tie"),
    ("with", 3, "prep", "ADP", "with"),
    ("the", 6, "det", "DET", "the"),
    ("group", 4, "pobj", "NOUN", "group"),
]

# (parse, code read as PETRARCH reads a swapped dictionary, code with ours)
ORDER_CASES = [
    (RESTORED_THE_FULL, "065", "065"),
    # the words of a phrase after the verb in their order, as PETRARCH reads them
    (RESTORED_FULL_THE, "064", "065"),
]


@pytest.mark.parametrize(("rows", "exact", "ours"), ORDER_CASES)
def test_words_after_the_verb_in_order(rows, exact, ours):
    dictionary = parse_verb_text(ORDER_BLOCK, name="test.verbs").dictionary
    for exact_words, code in ((True, exact), (False, ours)):
        found = VerbMatcher(dictionary, exact_words=exact_words).match(parse(rows)[1])
        assert found is not None and found.code == code, exact_words


def test_kept_discards_are_not_applied():
    """A discard phrase the lexicon keeps (``kept_discards``) names what an act is about."""
    from eventwire.extract.events.discards import DiscardMatcher
    from eventwire.knowledge.verbdict import Discard

    phrases = [Discard("biscuit", False, False, "t:1"), Discard("baseball", False, False, "t:2")]
    matcher = DiscardMatcher(phrases, frozenset({"biscuit"}))
    assert not matcher.sentence_discarded("The WFP airlifted biscuits to Sindh.")
    assert matcher.sentence_discarded("The baseball season opened.")
    assert DiscardMatcher(phrases).sentence_discarded("The WFP airlifted biscuits to Sindh.")


def test_kept_discards_must_be_shipped_discards():
    from eventwire.pipeline.checks import check_kept_discards

    assert check_kept_discards(frozenset({"biscuit", "ebola"})) == []
    problems = check_kept_discards(frozenset({"biscuits galore"}))
    assert problems and "biscuits galore" in problems[0]
