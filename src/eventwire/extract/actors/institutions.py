"""Generic person roles placed by their institution: "a government spokesman", "a police
spokesman" (the institution before the role), "a spokesman for the Kenyan government" (the
institution after the role's country cue). The role says nothing of its own sector; the
institution does, as in "Kenyan government spokesman"."""

from __future__ import annotations

from spacy.tokens import Doc

from ...knowledge.actors_kb import AGENT, PERSON, PERSON_SHORT, Entry
from .types import ActorMention, Piece, make_actor
from .words import actor_words


def institution_after_cue(agent: Entry | None, after: Piece | None) -> tuple[str, int] | None:
    """ "A spokesman for the Kenyan government": the sector a generic role (no sector of its own)
    takes from the institution its right cue names, as "Kenyan government spokesman" does, and
    where that institution ends; None where there is none. So does the head of an institution
    (``institution_heads``): "leaders of the Serbian opposition" are the opposition's (SRBOPP), as
    "Serbian opposition leaders" are."""
    inner = after.first(AGENT) if after is not None else None
    if (
        agent is None
        or (agent.sector and agent.form.lower() not in actor_words().institution_heads)
        or after is None
        or inner is None
        or not inner.sector
        or after.first(PERSON, PERSON_SHORT) is not None
    ):
        return None
    return inner.sector, after.end


def institution_role(doc: Doc, p: Piece, institution: Piece) -> ActorMention | None:
    """ "A government spokesman", "a police spokesman": a generic role of an institution named
    with no country is that institution's actor, placed as the institution alone would be."""
    inner = institution.first(AGENT)
    if inner is None or not inner.sector:
        return None
    kind = "scene" if inner.needs_cue else "agent" if inner.standalone else "weak"
    actor = make_actor(
        doc,
        institution.start,
        p.end,
        country=None,
        sector=inner.sector,
        name=None,
        code=inner.sector,
    )
    return ActorMention(institution.start, p.end, actor, kind=kind)


def lone_igo(doc: Doc, code: str | None, piece: Piece) -> bool:
    """An international body a role is "from" alone ("a delegation from the African Union"), not
    the first of a list ("officials from the EU, Japan and Norway": officials of several)."""
    listed = piece.end < len(doc) and doc[piece.end].lower_ in (",", "and", "or")
    return (code or "")[:3] == "IGO" and not listed
