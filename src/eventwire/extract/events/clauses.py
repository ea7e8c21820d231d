"""What kind of clause a verb heads: one with an object predicate (a small clause: "called the vote
a fraud") or a speech verb used as speech, as the coder's candidate filters read them."""

from __future__ import annotations

from ..parsetree import ParsedToken
from .lexicon import Lexicon
from .model import CLAUSAL


def small_clause(verb: ParsedToken) -> bool:
    """A verb with an object predicate ("called the vote a fraud", "considers it a PCI"); not an
    infinitive or a "that" clause whose verb the tagger took for a noun ("offered to host talks",
    "demanded that the ministry scrap the plans")."""
    return any(
        c.dep_ == "oprd"
        or (
            c.dep_ in CLAUSAL
            and c.pos_ in ("NOUN", "PROPN", "ADJ")
            and not any(
                (a.dep_ == "aux" and a.tag_ == "TO") or (a.dep_ == "mark" and a.lower_ == "that")
                for a in c.children
            )
        )
        for c in verb.children
    )


def is_statement(token: ParsedToken, lex: Lexicon) -> bool:
    """A speech verb used as speech: it reports a clause, addresses someone, stands alone, or is
    one that states what it names ("told reporters", "announced a cabinet reshuffle")."""
    deps = {c.dep_ for c in token.children}
    return (
        bool(deps & {"ccomp", "parataxis", "dative"})
        or "dobj" not in deps
        or token.lemma_ in lex.object_statement_verbs
    )
