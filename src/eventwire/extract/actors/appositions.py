"""A person described by a role of no country in an apposition ("Zhang Guobao, vice minister of the
National Development and Reform Commission, said"): in a story whose dateline names a country, the
role is of that country, as a title with no country before a name is ("Vice Minister Qiu"); a
dictionary person the dictionaries leave without an office on the story date (their elite, ELI)
holds the office the apposition names ("Nancy Pelosi, the Speaker of the House": USALEG)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ...knowledge.actors_kb import AGENT
from .types import ActorMention, Context

ARTICLES = frozenset({"a", "an", "the"})


def apposed_role(ctx: Context, ent: Span) -> tuple[str, int, int] | None:
    """The sector of a role right after a name and a comma (or one word after it: "vice minister"),
    and where it is; None where no role follows."""
    doc = ctx.doc
    k = ent.end
    if k + 1 >= len(doc) or doc[k].text != ",":
        return None
    i = k + 2 if doc[k + 1].lower_ in ARTICLES else k + 1
    for start in (i, i + 1):  # "vice minister", "a research official": one word before the role
        found = ctx.kb.match_at(ctx.words, ctx.texts, start) if start < len(doc) else None
        if found is None:
            continue
        end, entries = found
        role = next((e for e in entries if e.kind == AGENT and e.sector), None)
        return (role.sector, start, end) if role is not None and role.sector else None
    return None


def role_after(
    doc: Doc, ent: Span, mentions: list[ActorMention]
) -> tuple[ActorMention, int, int] | None:
    """ "Li Xin, director of the Shanghai Institute ...": (mention, role start, role end)."""
    k = ent.end
    if k < len(doc) and doc[k].text == "(":
        while k < len(doc) and doc[k].text != ")" and k - ent.end < 8:
            k += 1
        k += 1
    if k < len(doc) and doc[k].lower_ in AFFILIATIONS:  # "Zhao Xinsheng with the ... Bureau"
        return _affiliated(mentions, k)
    if k >= len(doc) or doc[k].text != ",":
        return None
    limit = next(
        (
            i
            for i in range(k + 1, min(len(doc), k + 30))
            if doc[i].text in {",", ";", "."} or doc[i].is_sent_start
        ),
        min(len(doc), k + 30),
    )
    inside = [
        m
        for m in mentions
        if k < m.start < limit
        and m.kind in {"org", "composed"}
        and m.actor.country
        and (m.label != "PERSON" or _role_in_apposition(doc, m, k))
    ]
    return (inside[0], k + 1, limit) if inside else None


# words that tie a name to the body it speaks for ("Liang Jin with the inspection bureau", "Yang
# Shumin of the China Doping Control Center")
AFFILIATIONS = frozenset({"with", "of", "from"})


def _affiliated(mentions: list[ActorMention], k: int) -> tuple[ActorMention, int, int] | None:
    """The organisation named right after an affiliation word (its article allowed)."""
    found = [
        m
        for m in mentions
        if k < m.start <= k + 2
        and m.kind in {"org", "composed"}
        and m.actor.country
        and m.label != "PERSON"
    ]
    return (found[0], k + 1, found[0].end) if found else None


def role_before(
    doc: Doc, ent: Span, mentions: list[ActorMention]
) -> tuple[ActorMention, int, int] | None:
    """ "The president of Moldova, Ivan Petrov, ...": a role with no name of its own right before
    the comma, the name closed by another comma."""
    k = ent.start - 1
    if k < 1 or doc[k].text != "," or ent.end >= len(doc) or doc[ent.end].text != ",":
        return None
    for m in mentions:
        if (
            m.end == k
            and m.kind == "composed"
            and m.label == "PERSON"
            and m.actor.country
            and m.actor.name is None
        ):
            return m, m.start, m.end
    return None


def _role_in_apposition(doc: Doc, m: ActorMention, comma: int) -> bool:
    """ "Ivan Petrov, the president of Moldova, ...": a role with no name of its own right after
    the comma (not "a critic of the president of Moldova")."""
    k = comma + 1
    if k < len(doc) and doc[k].lower_ in ARTICLES and m.start != k:
        k += 1  # the role's words may hold their article ("the State Department spokesman")
    return m.start == k and m.actor.name is None
