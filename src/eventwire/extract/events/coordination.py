"""Tokens that name items of one list: coordinated ("Russia and China"), misread as appositions
("Mordor, the Shire, Fornost and Bree"), or joined by a hyphen ("U.S.-South Korean drills")."""

from __future__ import annotations

from ..parsetree import ParsedToken

# how the parser hangs the first name of a hyphenated pair on the second ("U.S.-South Korean")
HYPHEN_DEPS = frozenset({"npadvmod", "amod", "compound", "nmod"})


def conjuncts(token: ParsedToken) -> list[ParsedToken]:
    """The token and the tokens coordinated with it ("Russia and China")."""
    return [token, *(t for t in token.conjuncts if t.i > token.i)]


def listed(token: ParsedToken) -> list[ParsedToken]:
    """A subject with the list the parser hung on it: its conjuncts, and a list it misread as an
    apposition or a modifier ("Mordor, the Shire, Fornost and Bree", "Arnor, Calenardhon and the
    evil Gondor")."""
    out = conjuncts(token)
    last = max((c.i for c in token.children if c.dep_ == "conj"), default=-1)
    for child in token.children:
        if child.dep_ == "appos" or (child.dep_ == "nmod" and child.i < token.i):
            members = conjuncts(child)
            if len(members) > 1 or child.i < last:  # a list, not a description ("Putin, an ally
                # of Iran"); an apposition before a conjunct is an item ("Mordor, the awful
                # Fornost, and good Gondor")
                out += [m for m in members if m not in out]
    return sorted(out, key=lambda t: t.i)


def hyphen_partners(token: ParsedToken) -> list[ParsedToken]:
    """Names joined to a modifier by a hyphen before it, which the parser hangs on it with the
    hyphen ("U.S.-South Korean": U.S. for Korean; "Israeli-Palestinian")."""
    kids = token.children
    hyphens = [c.i for c in kids if c.text == "-" and c.i < token.i]
    return [
        c for c in kids if c.dep_ in HYPHEN_DEPS and any(c.i < h for h in hyphens) and c.i < token.i
    ]


def nominal_subjects(verb: ParsedToken) -> list[ParsedToken]:
    """A verb's own active subjects, each with its conjuncts ("Kenya and Uganda agreed"): no
    climbing, no passive agents (``args.verb_subject`` reads those)."""
    return [t for c in verb.children if c.dep_ == "nsubj" for t in conjuncts(c)]
