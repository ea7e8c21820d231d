"""Which words of a sentence a role acts on: the context country of a role is never its object's.

"The government thanked Japan": the government is not Japan's; "Police arrested three Ugandan
nationals" (Nairobi dateline): the police are Kenya's. The place of the act still places the role
("Police arrested protesters in Nairobi": KENCOP).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .words import actor_words

SUBJECT_DEPS = frozenset({"nsubj"})
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "nsubjpass", "attr", "oprd"})
CLAUSE_DEPS = frozenset({"acl", "relcl", "advcl", "ccomp", "xcomp"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})  # not "troops from the UN Interim Force"


def acted_on(doc: Doc, start: int, end: int) -> frozenset[int]:
    """Token indices of what the role over [start, end) acts on: the objects of the verb whose
    active subject (or passive "by" agent) the role is, and its phrases of ``object_prepositions``
    ("fired on"); other phrases ("in Nairobi", "according to Syrian media") are no object of the
    act. Empty otherwise."""
    head = _phrase_head(doc, start, end)
    verb = _verb_of(head)
    if verb is None:
        return frozenset()
    words = actor_words()
    out: set[int] = set()
    for child in verb.children:
        if child.i == head.i or _holds(child, head):
            continue
        if child.dep_ in OBJECT_DEPS or (
            child.dep_ == "prep" and child.lower_ in words.object_prepositions
        ):
            out.update(_phrase(child, words.locative))
    return frozenset(out)


def _phrase(token: Token, locative: frozenset[str]) -> list[int]:
    """The object's own words: not its place ("a village chief in southern Afghanistan") nor the
    clauses about it ("the lawsuit filed by the Pennsylvania government"), which name others."""
    out = [token.i]
    for child in token.children:
        if child.dep_ in CLAUSE_DEPS or (child.dep_ == "prep" and child.lower_ in locative):
            continue
        out += _phrase(child, locative)
    return out


def _phrase_head(doc: Doc, start: int, end: int) -> Token:
    """The token of [start, end) whose head lies outside it."""
    for tok in doc[start:end]:
        if not start <= tok.head.i < end or tok.head.i == tok.i:
            return tok
    return doc[end - 1]


def _verb_of(head: Token) -> Token | None:
    """The verb a role is the active subject of, or the passive verb whose "by" agent it is."""
    if head.dep_ in SUBJECT_DEPS and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    by = head.head
    if head.dep_ == "pobj" and by.dep_ == "agent" and by.head.pos_ in ("VERB", "AUX"):
        return by.head
    return None


def _holds(child: Token, head: Token) -> bool:
    """The role itself lies in that argument (a "by" agent)."""
    return child.left_edge.i <= head.i <= child.right_edge.i


def named_places(doc: Doc, start: int, end: int) -> list[int]:
    """The named places of a role ("the Treasury in London", "officials from Kandahar"): place
    names after its "in" or "from", which the places extractor resolves. None for a country's
    mission abroad ("diplomats in Moscow")."""
    head = _phrase_head(doc, start, end)
    if head.lower_ in actor_words().foreign_missions:
        return []
    return [
        obj.i
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ in ("in", "from")
        for obj in prep.children
        if obj.dep_ == "pobj" and obj.pos_ == "PROPN" and obj.ent_type_ in PLACE_ENTS
    ]
