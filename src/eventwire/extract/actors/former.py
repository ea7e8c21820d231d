"""Past titles in undated text: "Former Chief Minister Omar Abdullah" is an elite of his country,
not the holder of his default office."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from .types import ActorMention, Context, with_actor
from .words import actor_words


def former_holders(ctx: Context, mentions: list[ActorMention]) -> list[ActorMention]:
    """In undated text, a known person whose title the text says is past ("Former Chief Minister
    Omar Abdullah", "Omar Abdullah, the former chief minister") is an elite of their country (ELI),
    not the person's default office. A dated story's roles decide: a past title there may be
    another office than the one held on the date ("former foreign secretary" Johnson, then PM)."""
    if ctx.kb.swapped or ctx.date is not None:
        return mentions
    return [
        with_actor(m, actor=replace(m.actor, code=m.actor.country + "ELI", sector="ELI"))
        if m.label == "PERSON"
        and m.actor.country
        and m.actor.sector != "ELI"
        and _said_former(ctx.doc, m)
        else m
        for m in mentions
    ]


def _said_former(doc: Doc, m: ActorMention) -> bool:
    """Whether the text calls the person's title past: a ``former_words`` word among the title's
    words before the name or in the mention, or leading a bare name's apposition."""
    former = actor_words().former
    i = m.start - 1
    while i >= 0 and m.start - i <= 4 and doc[i].text[:1].isupper() and not doc[i].is_punct:
        i -= 1  # over the title's words: "Former Chief Minister"
    if any(t.lower_ in former for t in doc[max(i, 0) : m.end]):  # "former Chief Minister"
        return True
    if m.kind != "name":  # a bare name's apposition, not a title's ("President Bill Clinton, a
        return False  # former governor" holds an office)
    name = doc[m.end - 1]
    described = [c for c in name.children if c.dep_ == "appos"]  # "X, the former minister"
    if name.dep_ == "appos":  # "The former Chief Minister of IOK, Omar Abdullah"
        described.append(name.head)
    return any(c.dep_ == "amod" and c.lower_ in former for d in described for c in d.children)
