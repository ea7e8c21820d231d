"""A person described by a role of no country in an apposition ("Zhang Guobao, vice minister of the
National Development and Reform Commission, said"): in a story whose dateline names a country, the
role is of that country, as a title with no country before a name is ("Vice Minister Qiu"); a
dictionary person the dictionaries leave without an office on the story date (their elite, ELI)
holds the office the apposition names ("Nancy Pelosi, the Speaker of the House": USALEG)."""

from __future__ import annotations

from spacy.tokens import Span

from ...knowledge.actors_kb import AGENT
from .types import Context

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
