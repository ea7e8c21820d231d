"""Argument finding on hand-built parses (model-free): the speaker a misparse leaves out, the
subject a misparse hangs on its verb as a compound."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from eventwire.extract.events.args import trailing_speaker, verb_subject
from eventwire.extract.parsetree import ParsedDoc


def build(
    rows: list[tuple[str, int, str, str]],
    *,
    tags: list[str] | None = None,
    lemmas: list[str] | None = None,
) -> Doc:
    """rows: (word, head index, dep, POS); tags and lemmas when a test needs them."""
    return Doc(
        spacy.blank("en").vocab,
        words=[r[0] for r in rows],
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        tags=tags,
        lemmas=lemmas,
    )


def parse(rows: list[tuple[str, int, str, str]]) -> ParsedDoc:
    """rows: (word, head index, dep, POS)."""
    return ParsedDoc(build(rows))


# "Cuts may lead to a disaster, the Observatory for Human Rights, or SOHR, said.": "said" as a
# conjunct of "lead" with no subject, the speaker as an apposition of "disaster"
MISPARSED = [
    ("Cuts", 2, "nsubj", "NOUN"),
    ("may", 2, "aux", "AUX"),
    ("lead", 2, "ROOT", "VERB"),
    ("to", 2, "prep", "ADP"),
    ("a", 5, "det", "DET"),
    ("disaster", 3, "pobj", "NOUN"),
    (",", 5, "punct", "PUNCT"),
    ("the", 8, "det", "DET"),
    ("Observatory", 5, "appos", "PROPN"),
    ("for", 8, "prep", "ADP"),
    ("Human", 11, "compound", "PROPN"),
    ("Rights", 9, "pobj", "PROPN"),
    (",", 8, "punct", "PUNCT"),
    ("or", 8, "cc", "CCONJ"),
    ("SOHR", 8, "conj", "PROPN"),
    (",", 8, "punct", "PUNCT"),
    ("said", 2, "conj", "VERB"),
    (".", 2, "punct", "PUNCT"),
]
# "Cuts may lead to a disaster and said.": no comma-delimited phrase before the verb
NO_PHRASE = [
    *MISPARSED[:6],
    ("and", 2, "cc", "CCONJ"),
    ("said", 2, "conj", "VERB"),
    (".", 2, "punct", "PUNCT"),
]
# "The Observatory said.": a subject of its own
OWN_SUBJECT = [
    ("The", 1, "det", "DET"),
    ("Observatory", 2, "nsubj", "PROPN"),
    ("said", 2, "ROOT", "VERB"),
    (".", 2, "punct", "PUNCT"),
]


@pytest.mark.parametrize(
    ("rows", "verb", "expected"),
    [
        (MISPARSED, 16, ["Observatory", "SOHR"]),
        (NO_PHRASE, 7, []),
        (OWN_SUBJECT, 2, []),
    ],
)
def test_trailing_speaker(
    rows: list[tuple[str, int, str, str]], verb: int, expected: list[str]
) -> None:
    doc = parse(rows)
    assert [t.text for t in trailing_speaker(doc[verb])] == expected


def test_trailing_speaker_wins_over_a_borrowed_subject() -> None:
    """The coder's speech candidate takes the misparsed speaker, not the subject "said" would
    borrow from the verb it is conjoined to ("Cuts")."""
    from eventwire.extract.events.coder import load_coder_knowledge, sentence_candidates

    lemmas = {"said": "say", "Cuts": "cut", "lead": "lead"}
    tags = {"said": "VBD", "lead": "VB", "may": "MD"}
    doc = build(
        MISPARSED,
        lemmas=[lemmas.get(r[0], r[0].lower()) for r in MISPARSED],
        tags=[tags.get(r[0], "NN") for r in MISPARSED],
    )
    sent = next(iter(doc.sents))
    cands = sentence_candidates(sent, load_coder_knowledge(), parsed=ParsedDoc(doc))
    speech = [c for c in cands if c.kind == "speech"]
    assert [[t.text for t in c.sources] for c in speech] == [["Observatory", "SOHR"]]


def tagged(rows: list[tuple[str, int, str, str, str]]) -> ParsedDoc:
    """rows: (word, head index, dep, POS, tag)."""
    return ParsedDoc(build([r[:4] for r in rows], tags=[r[4] for r in rows]))


def _act(first: tuple[str, int, str, str, str], tag: str) -> list[tuple[str, int, str, str, str]]:
    """ "<first> act on a resolution" """
    return [
        first,
        ("act", 1, "ROOT", "VERB", tag),
        ("on", 1, "prep", "ADP", "IN"),
        ("a", 4, "det", "DET", "DT"),
        ("resolution", 2, "pobj", "NOUN", "NN"),
    ]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # a name the parser hung on a finite verb as a compound is its subject
        (_act(("Ethiopia", 1, "compound", "PROPN", "NNP"), "VBP"), ["Ethiopia"]),
        # the subject of its own
        (_act(("Ethiopia", 1, "nsubj", "PROPN", "NNP"), "VBP"), ["Ethiopia"]),
        # not a common noun, nor before a verb that is no finite one
        (_act(("power", 1, "compound", "NOUN", "NN"), "VBP"), []),
        (_act(("Ethiopia", 1, "compound", "PROPN", "NNP"), "VB"), []),
    ],
)
def test_compound_name_subject(rows: list[tuple[str, int, str, str, str]], expected: list[str]):
    assert [t.text for t in verb_subject(tagged(rows)[1])] == expected
