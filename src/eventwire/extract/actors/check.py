"""Consistency checks of the actor knowledge files (``eventwire lexicon check``).

Returns problem strings for our files: schema errors, overlapping or open-ended government roles,
roles that end before they start, alias collisions (one form meaning two different actors at the
same time), unknown sector codes. The converted dictionaries are third-party data that the knowledge
base already arbitrates (our forms win; stale roles are cut), so what ``dictionary_findings`` finds
there (forms coded differently by different sources; open-ended roles older than N years) is logged
as a summary with examples, not counted as a problem.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from ...errors import KnowledgeError
from ...knowledge.actors_build import build_kb
from ...knowledge.actors_kb import (
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
)
from .words import word_problems

log = logging.getLogger(__name__)

SECTORS = frozenset(
    {
        "",
        "GOV",
        "MIL",
        "GOVMIL",
        "GOVBUS",
        "GOVMED",  # a state's own media (state television, KCNA)
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
        kb = build_kb(dictionaries=False)
    except KnowledgeError as exc:
        return [f"actors: {exc}"]
    problems: list[str] = word_problems()
    problems += _check_roles(kb)
    problems += _check_collisions(kb)
    problems += _check_sectors(kb)
    try:
        findings = dictionary_findings()
    except KnowledgeError as exc:
        return [*problems, f"actors: converted dictionaries: {exc}"]
    for line in findings.summary():
        log.warning("%s", line)
    return problems


@dataclass(frozen=True, slots=True)
class Findings:
    """What the converted dictionaries hold that a reviewer may want to know."""

    collisions: tuple[str, ...]  # "form: CODE (source), CODE (source)"
    stale: tuple[str, ...]  # "source: name CODE from START, open"
    stale_years: int

    def summary(self, examples: int = 5) -> list[str]:
        out = [
            f"actors: converted dictionaries: {len(self.collisions)} forms coded differently by "
            f"different sources (our files win; the knowledge base keeps the first dictionary's "
            f"meaning after ours)",
            *(f"  collision: {c}" for c in self.collisions[:examples]),
            f"actors: converted dictionaries: {len(self.stale)} open-ended roles older than "
            f"{self.stale_years} years (cut at the stale_after day of actors/dictionaries.yaml)",
            *(f"  stale: {x}" for x in self.stale[:examples]),
        ]
        return out


def dictionary_findings(*, stale_years: int = 10, today: str | None = None) -> Findings:
    """Collisions between sources and stale open-ended roles in the converted dictionaries."""
    from ...knowledge.actors_dict import ACTORS_JSON, HEADS_JSON, dictionary_path, fold
    from ...knowledge.files import load_yaml
    from ...knowledge.petrarch_actors import read_actors, read_heads

    actors = read_actors(dictionary_path(ACTORS_JSON))
    codes: dict[str, dict[str, str]] = defaultdict(dict)  # form -> source file -> code
    for e in load_yaml("actors/countries.yaml")["countries"]:
        for form in (e["name"], *e["names"], *(e.get("adjectives") or ())):
            codes[fold(form)].setdefault("countries.yaml", e["iso3"])
    for e in load_yaml("actors/igos.yaml")["igos"]:
        for form in (e["name"], *e["names"]):
            codes[fold(form)].setdefault("igos.yaml", e["code"])
    for a in actors:
        code = a.code or (a.roles[-1].code if a.roles else "")
        for name in a.names:
            codes[fold(name)].setdefault(a.source.rsplit(":", 1)[0], code)
    for h in read_heads(dictionary_path(HEADS_JSON)):
        for name in h.names:
            codes[fold(name)].setdefault("heads_of_state.json", h.country + "GOV")
    collisions = tuple(
        f"{form!r}: " + ", ".join(f"{c} ({src})" for src, c in sorted(by_source.items()))
        for form, by_source in sorted(codes.items())
        if len(by_source) > 1 and len({c[:3] for c in by_source.values()}) > 1
    )
    now = dt.date.fromisoformat(today) if today else dt.date.today()
    limit = now.replace(year=now.year - stale_years).isoformat()
    stale = tuple(
        f"{a.source}: {a.names[0]} {r.code} from {r.start}, open"
        for a in actors
        for r in a.roles
        if r.end is None
        and r.start
        and r.start < limit
        and len(r.code) > 3
        and not r.code.endswith("ELI")
    )
    return Findings(collisions, stale, stale_years)


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


def _span(kb: ActorKB, e: Entry) -> tuple[str, str]:
    """When a form means its actor: an entry's dates, or a person's first to last day in office
    (a surname two people share in different years, "Kabila", is told apart by the story date)."""
    person = kb.people.get(e.code) if e.kind in (PERSON, PERSON_SHORT) else None
    if person is not None and person.roles and all(r.start for r in person.roles):
        start = min(r.start or "" for r in person.roles)
        end = max(r.end or "9999" for r in person.roles)
        return start, end
    return e.valid_from or "", e.valid_to or "9999"


def _overlap(kb: ActorKB, a: Entry, b: Entry) -> bool:
    (a_from, a_to), (b_from, b_to) = _span(kb, a), _span(kb, b)
    return max(a_from, b_from) < min(a_to, b_to)


def _check_collisions(kb: ActorKB) -> list[str]:
    problems: list[str] = []
    for key, entries in sorted(kb.forms.items()):
        relevant = [e for e in entries if e.kind in COLLISION_KINDS]
        codes: dict[str, Entry] = {}
        for e in relevant:
            ident = e.code
            for other_code, other in codes.items():
                if other_code != ident and _overlap(kb, e, other):
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
