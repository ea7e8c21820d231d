"""Candidates that are no act of anyone: a phrase that is really an order of a clause, an act whose
only doer is a storm or an epidemic."""

from __future__ import annotations

from ..parsetree import ParsedToken
from .lexicon import Lexicon
from .modality import _control_of
from .model import CLAUSAL, Candidate
from .sense import in_class


def orders_clause(cand: Candidate, lex: Lexicon) -> bool:
    """A phrase on a verb that governs only clauses, with a clause: "ordered troops to the border"
    moves troops, "ordered troops to withdraw" is the order of what the clause says."""
    if cand.kind != "phrase":
        return False
    control = _control_of(cand.trigger, lex)
    return (
        control is not None
        and control.clausal
        and any(c.dep_ in CLAUSAL for c in cand.trigger.children)
    )


def disaster_doer(cand: Candidate, lex: Lexicon) -> bool:
    """An act whose only doers are disasters, by their noun or the noun before a name ("the storm",
    "Typhoon Haiyan battered the Philippines"): nature, no actor."""
    return bool(cand.sources) and all(_disaster(t, lex) for t in cand.sources)


def _disaster(token: ParsedToken, lex: Lexicon) -> bool:
    named = [c for c in token.children if c.dep_ == "compound"]
    return any(in_class(t, ("disaster",), lex) for t in (token, *named))
