"""Candidates that are no act of anyone (a phrase that is really an order of a clause, an act whose
only doer is a storm or an epidemic), the code of a control word that governs no act, and the
purpose of a done act that a sentence reports as its only act."""

from __future__ import annotations

from ..parsetree import ParsedToken
from .args import passive_agents, verb_subject
from .coordination import nominal_subjects
from .lexicon import Control, Lexicon
from .modality import _control_of, _infinitive, _noun_governing_verb
from .model import CLAUSAL, NAME_ONLY_ENTS, Candidate
from .sense import in_class


def orders_clause(cand: Candidate, lex: Lexicon) -> bool:
    """A phrase on a verb that governs only clauses, with a clause the phrase does not hold:
    "ordered troops to the border" moves troops, "ordered troops to withdraw" is the order of what
    the clause says."""
    if cand.kind != "phrase":
        return False
    control = _control_of(cand.trigger, lex)
    if control is None or not control.clausal:
        return False
    clauses = [c for c in cand.trigger.children if c.dep_ in CLAUSAL]
    # a phrase whose words hold the clause's verb names the order ("ordered them to leave": 166)
    return bool(clauses) and not any(c.i in cand.tokens for c in clauses)


def disaster_doer(cand: Candidate, lex: Lexicon) -> bool:
    """An act whose only doers are disasters, by their noun or the noun before a name ("the storm",
    "Typhoon Haiyan battered the Philippines"): nature, no actor."""
    return bool(cand.sources) and all(_disaster(t, lex) for t in cand.sources)


def _disaster(token: ParsedToken, lex: Lexicon) -> bool:
    # the storm's word right before its name ("Typhoon Haiyan"); not a word inside an agency's
    # name or before a common noun ("National Disaster Management Authority", "disaster agency")
    named = [
        c
        for c in token.children
        if c.dep_ == "compound"
        and c.i == token.i - 1
        and token.pos_ == "PROPN"
        and token.ent_type_ != "ORG"
    ]
    return any(in_class(t, ("disaster",), lex) for t in (token, *named))


def fallback_code(control: Control, verb: ParsedToken) -> str:
    """The code of a control word that governs no act: its clause fallback with a finite clause
    ("warned that reserves could run dry": 012), else its fallback ("warned Britain": 130)."""
    if control.clause_fallback and any(c.dep_ == "ccomp" for c in verb.children):
        return control.clause_fallback
    return control.fallback or ""


def asked_of(control: Control, verb: ParsedToken) -> list[ParsedToken]:
    """Whom a demand or appeal that governs no act asks to act: the subjects of its that-clause
    ("demanded that the transport ministry scraps the fares": the ministry)."""
    if control.mode not in ("demand", "appeal"):
        return []
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
    return [t for clause in clauses for t in nominal_subjects(clause)]


def standing_relation(noun: ParsedToken, lex: Lexicon, *, phrase: bool = False) -> bool:
    """A standing relation named by a noun ("increasing trade and cooperation", "a stage of
    friendship"), or the topic of another act ("talks on military cooperation"), not an act, unless
    a light verb makes it one ("held a dialogue", "launched cooperation"). A lexicon phrase's noun
    ("military cooperation", "free trade agreement") is one only as a topic or under a verb of
    having or being ("have close military cooperation"): "agreed a free trade agreement" is an act."""
    if noun.lemma_.lower() not in lex.state_nouns:
        return False
    if noun.dep_ == "pobj" and noun.head.lower_ in lex.topic_preps:
        return True
    verb = _noun_governing_verb(noun, lex, set())
    lemma = verb.lemma_.lower() if verb is not None else ""
    if phrase:
        return lemma in lex.stative_verbs
    return lemma not in lex.light or lemma in lex.stative_verbs


def realised_purpose(cand: Candidate) -> bool:
    """The verb of a purpose clause of an act reported as done ("camped outside Delhi for months to
    protest against the laws", "formed a coalition to campaign against a third term"): the act
    was done for it, and where the sentence codes no other act the purpose is what it reports, as
    the CAMEO coders of such sentences code it. A noun inside the clause ("sailed to deter
    kidnappings") is what the purpose is about, not an act. Only a candidate left unreal (and no
    duplicate of another) is one."""
    verb = cand.trigger
    if not cand.irrealis or cand.duplicate or cand.negated:
        return False
    if verb.pos_ != "VERB" or verb.dep_ != "advcl" or not _infinitive(verb):
        return False
    head = verb.head
    past_passive = head.tag_ == "VBN" and any(  # "candles were lit to mark the anniversary"
        c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in head.children
    )
    return (
        (head.tag_ == "VBD" or past_passive)
        and head.dep_ in ("ROOT", "conj")
        and not any(c.dep_ in ("neg", "aux", "mark") for c in head.children)
    )


def purpose_doers(cand: Candidate) -> None:
    """Who does a purpose: the doer of the act done for it, where the clause's own reading names
    no one else ("Opposition parties in Zambia formed a coalition to campaign": the parties)."""
    head = cand.trigger.head  # a passive's doer is its agent ("lit by members of Solidarity")
    cand.alt_sources = cand.alt_sources or passive_agents(head) or verb_subject(head)


def second_chances(cands: list[Candidate], lone: bool) -> list[Candidate]:
    """Candidates read again where a sentence codes nothing else: the purpose of an act reported
    as done ("camped for months to protest": its only act, done by the camp's doers), and, in a
    text of one sentence (``lone``: in a story such a sentence is mostly background), a bare
    dictionary verb that a promise, appeal or threat governs, which codes that speech act with or
    without a target ("the junta promised to allow greater freedom": an intent, 03)."""
    out: list[Candidate] = []
    for cand in cands:
        if realised_purpose(cand):
            purpose_doers(cand)
        elif lone and cand.governor is not None and cand.kind == "dict" and not cand.irrealis:
            if cand.duplicate:
                continue
            cand.speech_act = True
        else:
            continue
        cand.confidence -= 0.1
        out.append(cand)
    return out


def kind_words(tokens: list[ParsedToken], lex: Lexicon) -> bool:
    """Modifiers of an act noun that say what kind of act it is, not who did it ("a currency swap",
    "a war crimes inquiry"): common nouns in compound, naming no entity, no agent and no person or
    force (a "police raid", an "army offensive" keep their doers)."""
    return bool(tokens) and all(
        t.dep_ == "compound"
        and t.pos_ == "NOUN"
        and not t.ent_type_
        and t.lemma_.lower() not in lex.of_actor_nouns
        and not in_class(t, ("people", "force", "combatant"), lex)
        for t in tokens
    )


def in_name(token: ParsedToken, lex: Lexicon) -> bool:
    """A capitalised proper noun in a name, the parser's entity or not: a modifier of the name's
    head ("Security Assistance Force", "the Economic Cooperation Organization") or a head with
    capitalised modifiers ("the Seven-Party Alliance"), unless it heads the name of a gathering
    ("the APEC Ministerial Meeting", "the East Asian Summit"); not a sentence's first word."""
    if token.pos_ != "PROPN" or not token.is_title or token.sent.start == token.i:
        return False
    head = token.head
    if token.dep_ == "compound" and head.pos_ == "PROPN" and head.is_title and head.i > token.i:
        return True
    if token.lemma_.lower() in lex.named_gatherings or token.lower_ in lex.named_gatherings:
        return False
    if any(
        c.dep_ == "compound" and c.pos_ == "PROPN" and c.is_title and c.i < token.i
        for c in token.children
    ):
        return True
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return (
        token.ent_type_ in NAME_ONLY_ENTS
        and following is not None
        and following.ent_iob_ == "I"
        and following.is_title
    )
