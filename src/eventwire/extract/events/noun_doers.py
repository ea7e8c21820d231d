"""Who did an act a noun names, and to whom, where the noun's own modifiers do not say.

- a participle that does the act with a "by" agent: "the case brought by Gambia against Myanmar",
  "sanctions imposed by the EU on Iran" (``agent_participles``, and those of ``enactment``); not one
  that reacts to it ("an attack condemned by the UN") or sees it ("a vote seen by many as a test");
- a "by" agent the parser hung on the act's "of" object: "the signing of a treaty by Tajikistan and
  Kyrgyzstan";
- where the act comes from (``coming_verbs``): "praise for the vote came from the ECOWAS mission";
- who set a weapon (``sense.planters``): "a car bomb planted by ETA";
- who acts "in protest" (``public_roots``): "Kurdish lawmakers walked out of parliament in protest";
- who gave what a passive reports given (``received_roots``): "funds from the African Development
  Bank were disbursed to Ethiopia".
"""

from __future__ import annotations

from ..parsetree import ParsedToken
from .args import (
    doer_words,
    is_passive,
    is_passive_participle,
    noun_source,
    of_object_preps,
    prep_objects,
    verb_subject,
)
from .coordination import nominal_subjects
from .lexicon import Lexicon
from .model import NOUN_POS, VERB_POS, Candidate
from .sense import planters

# where a participle's target is ("filed against Myanmar", "imposed on Iran", "sent to Haiti")
PARTICIPLE_TARGETS = ("against", "on", "to")


def noun_doers(noun: ParsedToken, root: str, lex: Lexicon) -> list[ParsedToken]:
    """The doer of an act noun of CAMEO root ``root``: its own modifier ("Putin's visit", "UN
    sanctions"), else the agent that the sentence gives it; a plain adjective ("warm praise")
    names no one and gives way."""
    own = noun_source(noun, lex.destination_nouns, lex.patient_nouns)
    if doer_words(own):
        return own
    found = planters([noun], lex) or noun_agents(noun, lex) or coming_from(noun, root, lex)
    return found or protesting(noun, root, lex) or own


def governor_doers(cand: Candidate, lex: Lexicon) -> list[ParsedToken]:
    """Who does the act that a control word governs: the control verb's subject ("the army agreed
    to a truce"), or the control noun's own doer ("calls by opposition parties for the resignation
    of the prime minister")."""
    governor = cand.governor
    if governor is None:
        return []
    if governor.pos_ in NOUN_POS:
        return doer_words(noun_doers(governor, cand.root, lex))
    return verb_subject(governor)


def noun_agents(noun: ParsedToken, lex: Lexicon) -> list[ParsedToken]:
    """The "by" agent of a participle that does the act, else of the act's "of" object."""
    doers = [t for p in _acting_participles(noun, lex) for t in prep_objects(p, ("by",))]
    if doers:
        return doers
    return of_object_preps(noun, ("by",))


def coming_from(noun: ParsedToken, root: str, lex: Lexicon) -> list[ParsedToken]:
    """Where an act noun "came from" is its doer for words and aid (``coming_roots``: "criticism
    came from the United States"); an attack that came from a country came from its soil, whose
    doer is unsaid."""
    verb = noun.head
    if root not in lex.coming_roots:
        return []
    if noun.dep_ == "nsubj" and verb.lemma_.lower() in lex.coming_verbs:
        return prep_objects(verb, ("from",))
    return []


def protesting(noun: ParsedToken, root: str, lex: Lexicon) -> list[ParsedToken]:
    """Who does a public act named as the manner of another ("walked out of parliament in protest",
    "resigned in protest against the ruling"): the active verb's subject, whatever that verb codes."""
    prep = noun.head
    if root not in lex.public_roots or noun.dep_ != "pobj" or prep.lower_ != "in":
        return []
    if any(c.dep_ in ("det", "poss") for c in noun.children):
        return []  # "rallied in the largest demonstration": the rally itself, not its manner
    verb = prep.head
    if verb.pos_ not in VERB_POS or prep.dep_ != "prep" or is_passive(verb):
        return []
    if verb.lemma_.lower() in lex.undergo:
        return []  # "five people died in a protest": what they underwent, not what they did
    return nominal_subjects(verb)


def passive_givers(verb: ParsedToken, root: str, lex: Lexicon) -> list[ParsedToken]:
    """Who gave what a passive with no "by" agent reports given (``received_roots``): where its
    subject came "from" ("funds from the African Development Bank were disbursed to Ethiopia",
    "aid from Japan was delivered to the survivors")."""
    if root not in lex.received_roots or not is_passive(verb) or prep_objects(verb, ("by",)):
        return []
    return [t for c in verb.children if c.dep_ == "nsubjpass" for t in prep_objects(c, ("from",))]


def participle_targets(noun: ParsedToken, lex: Lexicon) -> list[ParsedToken]:
    """The target an acting participle gives the act: "the lawsuit filed by Gambia against
    Myanmar" (Myanmar)."""
    return [t for p in _acting_participles(noun, lex) for t in prep_objects(p, PARTICIPLE_TARGETS)]


def _acting_participles(noun: ParsedToken, lex: Lexicon) -> list[ParsedToken]:
    return [
        c for c in noun.children if is_passive_participle(c) and _does_act(c.lemma_.lower(), lex)
    ]


def _does_act(lemma: str, lex: Lexicon) -> bool:
    return lemma in lex.agent_participles or lemma in lex.enactment
