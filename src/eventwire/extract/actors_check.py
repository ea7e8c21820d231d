"""Consistency checks of the actor knowledge files (``eventwire lexicon check``).

Returns problem strings: schema errors, overlapping or open-ended government roles, roles that
end before they start, alias collisions (one form meaning two different actors at the same time),
unknown sector codes.
"""

from __future__ import annotations

from collections import defaultdict

from ..errors import KnowledgeError
from ..knowledge.actors_kb import (
    ADJECTIVE,
    CAPITAL,
    COUNTRY,
    IGO,
    PERSON,
    PERSON_SHORT,
    REGION,
    SEAT,
    ActorKB,
    Entry,
    Person,
    build_kb,
)

SECTORS = frozenset(
    {
        "",
        "GOV",
        "MIL",
        "GOVMIL",
        "COP",
        "JUD",
        "LEG",
        "REB",
        "UAF",
        "OPP",
        "PTY",
        "CVL",
        "MED",
        "EDU",
        "BUS",
        "LAB",
        "REF",
        "HLH",
        "CRM",
        "SPY",
        "REL",
        "AGR",
        "ELI",
        "NGO",
        "IGO",
        "SEP",
        "INS",
        "HRI",
    }
)
CHECKED_OFFICES = ("hos", "hog", "fm", "dm")
# countries whose heads of state and government are one office (presidential systems):
# two roles per person would only repeat it, so hos and hog are checked together there.
COLLISION_KINDS = (COUNTRY, ADJECTIVE, CAPITAL, SEAT, REGION, IGO, PERSON, PERSON_SHORT)


def check_knowledge() -> list[str]:
    """Problems found in the actor knowledge files (empty when all is well)."""
    try:
        kb = build_kb()
    except KnowledgeError as exc:
        return [f"actors: {exc}"]
    problems: list[str] = []
    problems += _check_roles(kb)
    problems += _check_collisions(kb)
    problems += _check_sectors(kb)
    return problems


def _check_roles(kb: ActorKB) -> list[str]:
    problems: list[str] = []
    offices: dict[tuple[str, str], list[tuple[str, str | None, Person]]] = defaultdict(list)
    for person in kb.people.values():
        for role in person.roles:
            where = f"actors/people.yaml: {person.name} ({role.office} {role.start}..{role.end})"
            if role.start is None:
                problems.append(f"{where}: role without `from`")
                continue
            if role.end is None and not role.present:
                problems.append(
                    f"{where}: open-ended role (give `to:` a date, or `present` if still held)"
                )
            if role.end is not None and role.end <= role.start:
                problems.append(f"{where}: ends before it starts")
            if role.country not in kb.countries and role.code is None:
                problems.append(f"{where}: unknown country {role.country!r}")
            if role.office in CHECKED_OFFICES and role.code is None:
                offices[(role.country, role.office)].append((role.start, role.end, person))
    for (country, office), roles in sorted(offices.items()):
        roles.sort(key=lambda r: r[0])
        for (s1, e1, p1), (s2, _e2, p2) in zip(roles, roles[1:], strict=False):
            if p1.key == p2.key:
                continue
            if e1 is None:
                problems.append(
                    f"actors/people.yaml: {country} {office}: {p1.name}'s role from {s1} is still "
                    f"open although {p2.name} took the office on {s2}"
                )
            elif e1 > s2:
                problems.append(
                    f"actors/people.yaml: {country} {office}: {p1.name} (to {e1}) overlaps "
                    f"{p2.name} (from {s2})"
                )
    return problems


def _overlap(a: Entry, b: Entry) -> bool:
    lo = max(a.valid_from or "", b.valid_from or "")
    hi = min(a.valid_to or "9999", b.valid_to or "9999")
    return lo < hi


def _check_collisions(kb: ActorKB) -> list[str]:
    problems: list[str] = []
    for key, entries in sorted(kb.forms.items()):
        relevant = [e for e in entries if e.kind in COLLISION_KINDS]
        codes: dict[str, Entry] = {}
        for e in relevant:
            ident = e.code
            for other_code, other in codes.items():
                if other_code != ident and _overlap(e, other):
                    problems.append(
                        f"actors: alias collision: {' '.join(key)!r} is {other.kind} {other_code} "
                        f"and {e.kind} {ident}"
                    )
            codes.setdefault(ident, e)
    return problems


def _check_sectors(kb: ActorKB) -> list[str]:
    problems = []
    seen = set()
    for entries in kb.forms.values():
        for e in entries:
            if e.sector is not None and e.sector not in SECTORS and e.sector not in seen:
                seen.add(e.sector)
                problems.append(f"actors: unknown sector code {e.sector!r} ({e.kind} {e.name})")
    return problems
