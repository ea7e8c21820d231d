"""Who a pronoun subject is when no actor resolves it: the speaker who voices its clause."""

from __future__ import annotations

from ..parsetree import ParsedToken
from .args import FIRST_PERSON, reported, verb_subject
from .lexicon import Lexicon
from .model import Candidate
from .sense import in_class

PERSON_ENTS = frozenset({"PERSON"})
GROUP_ENTS = frozenset({"ORG", "NORP", "GPE"})


def pronoun_speakers(
    token: ParsedToken, sources: list[ParsedToken], lex: Lexicon
) -> list[ParsedToken]:
    """The speaker of the clause a word is in, where its subject is only third-person pronouns
    that agree with that speaker ("Gazprom said it was willing to resume deliveries": Gazprom);
    not a first person, a quote's own voice ("we talk to our friends"), nor a thing the pronoun
    names ('"It will help," said Nabagesera': a person is no "it"); and a body named only by its
    kind is the speaker's ("a Taliban spokesman said the movement was ready")."""
    if sources and all(_own_body(t, lex) for t in sources):
        return _speaker(token, lex)  # "a Taliban spokesman said the movement was ready to"
    if not sources or not all(t.pos_ == "PRON" and t.lower_ not in FIRST_PERSON for t in sources):
        return []
    speakers = _speaker(token, lex)
    return speakers if speakers and all(_agrees(p, speakers[0], lex) for p in sources) else []


def claims_own_act(speech: ParsedToken, cands: list[Candidate], lex: Lexicon) -> bool:
    """A claim of one's own act of force (``claiming_verbs``, ``claimed_roots``): "the Israelis
    claimed that they had attacked the workshop" claims responsibility (015); the attack stays an
    event of its own. Not a claim that another did it ("claimed the Houthis had attacked")."""
    if speech.lemma_.lower() not in lex.claiming_verbs:
        return False
    return any(
        c.root in lex.claimed_roots
        and c.trigger.head.i == speech.i
        and c.trigger.dep_ == "ccomp"
        and bool(pronoun_speakers(c.trigger, c.sources, lex))
        for c in cands
    )


def _own_body(noun: ParsedToken, lex: Lexicon) -> bool:
    """A body named only by "the" and its kind ("the movement", "the group"): in a reported
    clause, the speaker's own."""
    return (
        noun.pos_ == "NOUN"
        and in_class(noun, ("own_body",), lex)
        and [c.lower_ for c in noun.children] == ["the"]
    )


def _agrees(pronoun: ParsedToken, speaker: ParsedToken, lex: Lexicon) -> bool:
    """A pronoun that can point back to the speaker: "it" to a body, "he" to a person, "they" to a
    group (the lexicon's ``body_pronouns``, ``person_pronouns``, ``group_pronouns``)."""
    word, ent = pronoun.lower_, speaker.ent_type_
    if word in lex.body_pronouns:
        return ent not in PERSON_ENTS and speaker.tag_ != "NNS"
    if word in lex.person_pronouns:
        return ent in PERSON_ENTS
    if word in lex.group_pronouns:
        return ent in GROUP_ENTS or speaker.tag_ in ("NNS", "NNPS")
    return False


def _speaker(token: ParsedToken, lex: Lexicon) -> list[ParsedToken]:
    """Who voices the clause a word is in ("Gazprom said [it was willing]"): the subject of the
    verb of speaking that reports it after it, climbing a few heads; a clause before its verb is
    a quotation in its own voice ('"It will help," said Nabagesera')."""
    current = token
    for _ in range(4):
        if reported(current, lex.speech):
            return verb_subject(current.head) if current.i > current.head.i else []
        if current.head.i == current.i:
            return []
        current = current.head
    return []


def voice(clause: ParsedToken, speech: frozenset[str]) -> list[ParsedToken]:
    """Who voices a clause: the speaker of the verb of speaking that reports it ("Egypt said
    [Ethiopia must stop]", "[Iran must stop], the US said")."""
    if reported(clause, speech):
        return verb_subject(clause.head)
    for child in clause.children:
        if child.dep_ in ("parataxis", "ccomp", "advcl") and child.lemma_.lower() in speech:
            return verb_subject(child)
    return []
