"""Acts reported by who received them: "Kenya received armoured vehicles from Washington" is
Washington's aid to Kenya (072), "Seoul received an apology from Tokyo" Tokyo's apology (055).

CAMEO codes the giver or the doer of the act as the source and the receiver as the target. The
subject of a receiving verb (``receiving_verbs``) is therefore the target; the object of its
"from" phrase is the source, and with no "from" phrase the doer is not said (the unknown doer, as
in "Kenya received military aid")."""

from __future__ import annotations

from ..parsetree import ParsedToken
from .args import is_passive, named_doers, of_object_preps, prep_objects, verb_subject
from .lexicon import Lexicon
from .model import NOUN_POS, VERB_POS, Candidate

# the object roles of a received thing ("received aid", "received a loan and weapons")
OBJECT_DEPS = ("dobj",)


def received_from(cand: Candidate, lex: Lexicon) -> None:
    """Make the giver the source and the receiver the target of an act received: an act noun
    that is a receiving verb's object ("received a warning from Iran"), or a receiving verb whose
    own dictionary entry codes what is received under ``received_roots`` ("received weapons")."""
    verb = _receiving_verb(cand, lex)
    if verb is None:
        return
    receivers = verb_subject(verb)
    if not receivers or any(r.i in cand.tokens for r in receivers):
        return
    givers = prep_objects(verb, ("from",)) or _noun_from(cand.trigger)
    if any(g.i in cand.tokens or g.i == verb.i for g in givers):
        return  # the phrase's own words are no giver
    if not givers and cand.trigger.i != verb.i:
        # "accepted Japan's apology": the act noun's own doer (not its kind: "military aid")
        givers = [t for t in cand.sources if t.pos_ in NOUN_POS or t.pos_ == "PRON"]
    if not givers and verb.lemma_.lower() not in lex.receiving_unsaid:
        return  # "secured the release of hostages", "won a ceasefire": brought about, not received
    cand.sources, cand.alt_sources = givers, []
    cand.placed_sources = bool(givers)  # "from Moscow": the state it stands for
    cand.targets, cand.alt_targets = receivers, []
    cand.unknown_doer = not givers  # "Kenya received military aid": from whom, not said


def _receiving_verb(cand: Candidate, lex: Lexicon) -> ParsedToken | None:
    token = cand.trigger
    if token.pos_ in VERB_POS:
        own = token.lemma_.lower() in lex.receiving_verbs and cand.root in lex.received_roots
        return token if own and not is_passive(token) else None
    if token.pos_ not in NOUN_POS:
        return None
    noun = token.head if token.dep_ == "conj" else token  # "received food and medicine"
    verb = noun.head
    if noun.dep_ not in OBJECT_DEPS or verb.pos_ not in VERB_POS or is_passive(verb):
        return None
    return verb if verb.lemma_.lower() in lex.receiving_verbs else None


def _noun_from(noun: ParsedToken) -> list[ParsedToken]:
    """ "a loan of two billion dollars from China": the giver may hang on the noun or on its
    "of" object."""
    found = prep_objects(noun, ("from",))
    if found:
        return found
    return of_object_preps(noun, ("from",))


# where aid that moves goes: "food aid arrived in Yemen", "supplies were flown to Gaza"
DESTINATION_PREPS = ("to", "in", "into", "at")


def arriving_aid(cand: Candidate, lex: Lexicon) -> None:
    """Aid told by its own movement ("food aid arrived in Yemen", "humanitarian aid reached
    Madaya"): given to where it went, by a giver the words may not name."""
    noun = cand.trigger
    if cand.root not in lex.received_roots or noun.pos_ not in NOUN_POS or cand.targets:
        return
    if noun.dep_ not in ("nsubj", "nsubjpass") or noun.head.pos_ not in VERB_POS:
        return
    verb = noun.head
    if verb.lemma_.lower() not in lex.arrival_verbs:
        return  # "the aid brings total assistance to 33 million": no movement
    places = prep_objects(verb, DESTINATION_PREPS) + [c for c in verb.children if c.dep_ == "dobj"]
    if places:
        cand.alt_targets += places
        # "food aid": a kind of aid, no giver; "UN aid": the UN's
        cand.unknown_doer = cand.unknown_doer or not named_doers(cand.sources + cand.alt_sources)
