"""``eventwire actors lookup``: what a name resolves to on a date, and why."""

from __future__ import annotations

from typing import Any

from ..extract.actors import load_actor_kb, resolve_actors
from ..knowledge.actors_kb import AGENT, LEARNED, PERSON, PERSON_SHORT, ActorKB, norm_token


def explain(
    name: str, *, date: str | None = None, kb: ActorKB | None = None
) -> list[dict[str, Any]]:
    """Every meaning the knowledge base gives ``name`` (whole form first), and the resolved actor.

    Each result: ``{"text", "code", "country", "sector", "name", "kind", "why"}``.
    """
    kb = kb or load_actor_kb()
    nlp = _blank()
    doc = nlp(name)
    words = [norm_token(t.text) for t in doc]
    out: list[dict[str, Any]] = []
    found = kb.match_at(words, [t.text for t in doc], 0)
    if found is not None and found[0] == len(doc):
        for entry in found[1]:
            out.append(_describe(kb, entry, name, date))
    if not out:
        doc._.ew_date = date
        for m in resolve_actors(doc, kb, date):
            a = m.actor
            out.append(
                {
                    "text": a.text,
                    "code": a.code,
                    "country": a.country,
                    "sector": a.sector,
                    "name": a.name,
                    "kind": m.kind,
                    "why": f"resolved in context ({m.kind})",
                }
            )
    return out


def _blank() -> Any:
    import spacy

    from ..pipeline import extensions

    extensions.register_extensions()
    return spacy.blank("en")


def _describe(kb: ActorKB, entry: Any, text: str, date: str | None) -> dict[str, Any]:
    if entry.kind in (PERSON, PERSON_SHORT) and entry.code in kb.people:
        person = kb.people[entry.code]
        country, sector, code, why = person.resolve(date)
        roles = "; ".join(
            f"{r.title or r.office} {r.country} {r.start}..{r.end or 'present'}"
            for r in person.roles
        )
        return {
            "text": text,
            "code": code or country + (sector or ""),
            "country": country,
            "sector": sector,
            "name": person.name,
            "kind": entry.kind,
            "why": f"{why} on {date or 'an undated story (latest role)'}; roles: {roles}; source: {person.source}",
        }
    if entry.kind == AGENT:
        return {
            "text": text,
            "code": entry.sector,
            "country": None,
            "sector": entry.sector or None,
            "name": None,
            "kind": "agent",
            "why": "role word: needs a country cue to make a full code",
        }
    code = entry.code
    sector = entry.sector
    if entry.kind in ("capital", "seat"):
        code = (entry.country or "") + (sector or "GOV")
        why = f"{entry.kind} of {entry.name}: the government when it acts (a place after 'in', 'at', ...)"
    elif entry.kind == LEARNED:
        why = "learned actors table"
    elif entry.kind == "feature":
        return {
            "text": text,
            "code": None,
            "country": None,
            "sector": None,
            "name": entry.name,
            "kind": "feature",
            "why": "geographic feature: never an actor",
        }
    elif entry.kind == "city":
        return {
            "text": text,
            "code": None,
            "country": entry.country,
            "sector": None,
            "name": entry.name,
            "kind": "city",
            "why": "city: a cue for organisations and '-based' roles, not an actor",
        }
    else:
        why = f"{entry.kind} form of {entry.name}"
    return {
        "text": text,
        "code": code,
        "country": entry.country,
        "sector": sector,
        "name": entry.name,
        "kind": entry.kind,
        "why": why,
    }
