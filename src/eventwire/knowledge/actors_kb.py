"""The actor knowledge base: countries, regions, IGOs, agents, people and learned actors.

All files live under ``eventwire/data/actors/``, are written by us, schema-checked when
loaded and compiled once into dictionaries keyed by lower-cased token sequences, so that
matching a document is a walk over its tokens (``ActorKB.match_at``).
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ..errors import Errors, KnowledgeError
from .files import load_yaml, require

log = logging.getLogger(__name__)

OFFICE_SECTOR = {
    "hos": "GOV",
    "hog": "GOV",
    "fm": "GOV",
    "dm": "GOVMIL",
    "gov": "GOV",
    "mil": "MIL",
}
OFFICE_NAMES = {
    "hos": "head of state",
    "hog": "head of government",
    "fm": "foreign minister",
    "dm": "defence minister",
    "gov": "government official",
    "mil": "military officer",
}
# kinds of knowledge entries
COUNTRY, ADJECTIVE, CAPITAL, SEAT, CITY = "country", "adjective", "capital", "seat", "city"
REGION, REGION_ADJ, IGO, FEATURE = "region", "region_adj", "igo", "feature"
PERSON, PERSON_SHORT, AGENT, ORGWORD, LEARNED = (
    "person",
    "person_short",
    "agent",
    "orgword",
    "learned",
)
CUE_KINDS = frozenset({COUNTRY, ADJECTIVE, CAPITAL, SEAT, CITY, REGION, REGION_ADJ})


def norm_token(text: str) -> str:
    return text.lower().replace("\u2019", "'").replace("\u2018", "'")


def iso(value: Any) -> str | None:
    """A YAML date (parsed or string) as an ISO string."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True, slots=True)
class Role:
    office: str
    country: str
    sector: str
    start: str | None
    end: str | None
    title: str | None = None
    code: str | None = None  # a fixed code (posts in international organisations)
    present: bool = False  # `to: present`: held when the file was last checked

    def valid_on(self, date: str) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """One surface form's meaning."""

    kind: str
    code: str  # ISO-3 / region / IGO code / sector (agents) / person id
    name: str
    country: str | None = None
    sector: str | None = None
    form: str = ""
    case_sensitive: bool = False
    caps: tuple[bool, ...] = ()  # which tokens of the form are capitalised (proper-noun parts)
    standalone: bool = False  # agents: may stand alone without a country cue
    geographic: bool = False  # regions that are usually places: actors only as subjects
    personal: bool = False  # agents naming one person ("president"): titles resolved by coreference
    valid_from: str | None = None
    valid_to: str | None = None
    prefix: bool = False  # dictionary agents "NGO~": the sector goes before the country
    needs_cue: bool = False  # dictionary agents: an actor only with a country cue next to them


@dataclass(frozen=True, slots=True)
class Person:
    key: str
    name: str
    country: str
    roles: tuple[Role, ...]
    aliases: tuple[str, ...] = ()
    source: str = ""
    # dictionary people: (country, sector, fixed code) when no dated role applies
    default: tuple[str | None, str | None, str | None] | None = None

    def role_on(self, date: str | None) -> Role | None:
        if not self.roles:
            return None
        if date is None:  # undated story: the latest role
            return max(self.roles, key=lambda r: r.start or "")
        valid = [r for r in self.roles if r.valid_on(date)]
        order = {"hos": 0, "hog": 1, "dm": 2, "fm": 3}
        return min(valid, key=lambda r: order.get(r.office, 9)) if valid else None

    def resolve(self, date: str | None) -> tuple[str, str | None, str | None, str]:
        """(country, sector, fixed code or None, why) for the story date; former office holders are ELI."""
        role = self.role_on(date)
        if role is not None:
            when = f"{role.start or '?'}..{role.end or 'present'}"
            return (
                role.country,
                role.sector,
                role.code,
                f"{role.title or OFFICE_NAMES[role.office]} {when}",
            )
        if self.default is not None and date is not None:
            country, sector, fixed = self.default
            return (country or self.country, sector, fixed, "default code of the dictionary")
        past = [r for r in self.roles if r.end is not None and date is not None and r.end <= date]
        if past:
            last = max(past, key=lambda r: r.end or "")
            country = self.country if last.code else last.country
            return (
                country,
                "ELI",
                None,
                f"former {last.title or OFFICE_NAMES[last.office]} (to {last.end})",
            )
        return self.country, None, None, "no office on this date"


@dataclass(slots=True)
class ActorKB:
    forms: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    prefixes: set[tuple[str, ...]] = field(default_factory=set)
    people: dict[str, Person] = field(default_factory=dict)
    titles: frozenset[str] = frozenset()
    blockers: frozenset[str] = frozenset()
    attitudes: frozenset[str] = frozenset()  # "pro-", "anti-": an attitude, not a nationality
    feature_heads: frozenset[str] = frozenset()
    plurals: dict[tuple[str, ...], str | None] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)  # code -> canonical name
    regions: dict[str, str] = field(default_factory=dict)  # region code -> name
    problems: list[str] = field(default_factory=list)
    swapped: bool = False  # built from user-given dictionaries only
    stats: dict[str, int] = field(default_factory=dict)  # entries added per knowledge source

    def add_key(self, key: tuple[str, ...], entry: Entry) -> None:
        """Add an entry under an already tokenised, lower-cased key (dictionary imports)."""
        bucket = self.forms.get(key)
        if bucket is None:
            self.forms[key] = [entry]
            for k in range(1, len(key)):
                self.prefixes.add(key[:k])
        elif entry not in bucket:
            bucket.append(entry)

    def add(self, form: str, entry: Entry) -> None:
        key = tuple(norm_token(t) for t in _tokenize(form))
        if not key:
            return
        case = sum(c.isupper() for c in form) >= 2 and not any(c.islower() for c in form)
        caps = tuple(t[:1].isupper() for t in _tokenize(form))
        entry = replace(entry, form=form, case_sensitive=case, caps=caps)
        bucket = self.forms.setdefault(key, [])
        if all(e != entry for e in bucket):
            bucket.append(entry)
        for k in range(1, len(key)):
            self.prefixes.add(key[:k])

    def match_at(
        self, words: list[str], texts: list[str], i: int
    ) -> tuple[int, list[Entry]] | None:
        """Longest known form starting at token ``i``: (end, entries) or None."""
        best: tuple[int, list[Entry]] | None = None
        j = i
        n = len(words)
        key: tuple[str, ...] = ()  # a hyphen inside a name may be left out of the key
        parts: list[str] = []  # the texts of the key's tokens
        while j < n:
            if words[j] == "-" and key and key + ("-",) not in self.prefixes:
                j += 1  # "Kim Young-Sam" is the dictionary's KIM_YOUNG_SAM
                continue
            key += (words[j],)
            parts.append(texts[j])
            found = self.forms.get(key)
            if found:
                ok = [e for e in found if _case_ok(e, parts, "".join(parts))]
                if ok:
                    best = (j + 1, ok)
            if key not in self.prefixes:
                break
            j += 1
        return best


def _case_ok(entry: Entry, texts: list[str], surface: str) -> bool:
    """Abbreviations match exactly ("US", not "us"); capitalised name parts must be capitalised."""
    if entry.case_sensitive:
        return entry.form.replace(" ", "") == surface
    return all(t[:1].isupper() or not cap for t, cap in zip(texts, entry.caps, strict=False))


def _tokenizer() -> Any:
    from .petrarch_actors import english_tokenizer

    return english_tokenizer()


def _tokenize(form: str) -> list[str]:
    return [t.text for t in _tokenizer()(form)]


def _plural(word: str) -> str:
    last = word.split(" ")[-1]
    head = word[: len(word) - len(last)]
    if last.endswith("man"):
        return head + last[:-3] + "men"
    if last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        return head + last[:-1] + "ies"
    if last.endswith(("s", "x", "ch", "sh")):
        return head + last + "es"
    return head + last + "s"


def _entries(data: Any, key: str, where: str) -> list[dict[str, Any]]:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise KnowledgeError(Errors.E101, path=where, reason=f"top-level list {key!r} missing")
    return data[key]


def _load_countries(kb: ActorKB) -> None:
    where = "actors/countries.yaml"
    for e in _entries(load_yaml(where), "countries", where):
        require(e, {"iso3": str, "name": str, "names": list, "source": str}, where=where)
        code, name = e["iso3"], e["name"]
        kb.countries[code] = name
        vf, vt = iso(e.get("from")), iso(e.get("to"))
        for form in [name, *e["names"]]:
            kb.add(form, Entry(COUNTRY, code, name, code, valid_from=vf, valid_to=vt))
        for form in e.get("adjectives") or ():
            kb.add(form, Entry(ADJECTIVE, code, name, code, valid_from=vf, valid_to=vt))
        for form in e.get("capitals") or ():
            kb.add(form, Entry(CAPITAL, code, name, code, "GOV", valid_from=vf, valid_to=vt))
        for seat in e.get("seats") or ():
            form, sector = (
                (seat["form"], seat.get("sector", "GOV"))
                if isinstance(seat, dict)
                else (seat, "GOV")
            )
            kb.add(form, Entry(SEAT, code, name, code, sector, valid_from=vf, valid_to=vt))
        for form in e.get("cities") or ():
            kb.add(form, Entry(CITY, code, name, code, valid_from=vf, valid_to=vt))


def _load_regions(kb: ActorKB) -> None:
    where = "actors/regions.yaml"
    data = load_yaml(where)
    for e in _entries(data, "regions", where):
        require(e, {"code": str, "name": str, "names": list, "source": str}, where=where)
        geo = bool(e.get("geographic"))
        kb.regions[e["code"]] = e["name"]
        for form in [e["name"], *e["names"]]:
            kb.add(form, Entry(REGION, e["code"], e["name"], e["code"], geographic=geo))
        for form in e.get("adjectives") or ():
            kb.add(form, Entry(REGION_ADJ, e["code"], e["name"], e["code"]))
    for e in _entries(data, "features", where):
        require(e, {"name": str, "source": str}, where=where)
        for form in [e["name"], *(e.get("names") or ())]:
            kb.add(form, Entry(FEATURE, "", e["name"]))
    kb.feature_heads = frozenset(w.lower() for w in data.get("feature_heads") or ())


def _load_igos(kb: ActorKB) -> None:
    where = "actors/igos.yaml"
    for e in _entries(load_yaml(where), "igos", where):
        require(e, {"code": str, "name": str, "names": list, "source": str}, where=where)
        country = e.get("country") or e["code"][3:6] or None
        for form in [e["name"], *e["names"]]:
            kb.add(
                form,
                Entry(IGO, e["code"], e["name"], country if country else None, e.get("sector")),
            )


def _load_agents(kb: ActorKB) -> None:
    where = "actors/agents.yaml"
    data = load_yaml(where)
    for e in _entries(data, "agents", where):
        require(e, {"sector": str, "words": list, "source": str}, where=where)
        kind = ORGWORD if e.get("org") else AGENT
        for word in e["words"]:
            entry = Entry(
                kind,
                e["sector"],
                word,
                None,
                e["sector"],
                standalone=bool(e.get("standalone")),
                personal=bool(e.get("person")),
                needs_cue=bool(e.get("needs_cue")),
            )
            kb.add(word, entry)
            if not e.get("no_plural") and kind == AGENT:
                kb.add(_plural(word), entry)
    kb.titles = frozenset(norm_token(w) for w in data.get("titles") or ())
    kb.blockers = frozenset(norm_token(w) for w in data.get("blockers") or ())
    kb.attitudes = frozenset(norm_token(w) for w in data.get("attitude_prefixes") or ())
    for e in data.get("plurals") or ():
        require(e, {"words": list}, where=where, optional=("sector",))
        for w in e["words"]:
            kb.plurals[tuple(norm_token(t) for t in _tokenize(w))] = e.get("sector")


def _load_people(kb: ActorKB) -> None:
    where = "actors/people.yaml"
    for e in _entries(load_yaml(where), "people", where):
        require(e, {"name": str, "country": str, "roles": list, "source": str}, where=where)
        roles = []
        for r in e["roles"]:
            require(r, {"office": str}, where=f"{where}: {e['name']}")
            office = r["office"]
            if office not in OFFICE_SECTOR:
                raise KnowledgeError(
                    Errors.E101, path=where, reason=f"{e['name']}: unknown office {office!r}"
                )
            end = iso(r.get("to"))
            roles.append(
                Role(
                    office,
                    r.get("country") or e["country"],
                    r.get("sector") or OFFICE_SECTOR[office],
                    iso(r.get("from")),
                    None if end == "present" else end,
                    r.get("title"),
                    r.get("code"),
                    end == "present",
                )
            )
        person = Person(
            e["name"],
            e["name"],
            e["country"],
            tuple(roles),
            tuple(e.get("aliases") or ()),
            e["source"],
        )
        kb.people[person.key] = person
        for form in [e["name"], *person.aliases]:
            kb.add(form, Entry(PERSON, person.key, person.name, person.country))
        for form in e.get("short") or ():
            kb.add(form, Entry(PERSON_SHORT, person.key, person.name, person.country))


def load_learned_table(path: str | Path) -> list[dict[str, Any]]:
    """Rows of a reviewed learned-actors table (YAML list under ``actors`` or CSV)."""
    p = Path(path)
    if not p.is_file():
        raise KnowledgeError(Errors.E101, path=str(p), reason="learned actors table not found")
    if p.suffix.lower() == ".csv":
        with p.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    rows = data.get("actors") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise KnowledgeError(Errors.E101, path=str(p), reason="expected a list of actors")
    return rows


def _add_learned(kb: ActorKB, rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        status = str(row.get("status") or "accepted").lower()
        if status in {"rejected", "conflict"} or not row.get("name") or not row.get("code"):
            continue
        key = tuple(norm_token(t) for t in _tokenize(str(row["name"])))
        if any(e.kind == PERSON for e in kb.forms.get(key, ())):
            continue  # curated people win over learned ones
        kb.add(
            str(row["name"]),
            Entry(
                LEARNED,
                str(row["code"]),
                str(row["name"]),
                row.get("country") or None,
                row.get("sector") or None,
            ),
        )


def _load_language_lists(kb: ActorKB) -> None:
    """Ranks, blocker nouns and plural references from agents.yaml: rules of English, not actor
    knowledge, so they serve swapped dictionaries too."""
    data = load_yaml("actors/agents.yaml")
    kb.titles = frozenset(norm_token(w) for w in data.get("titles") or ())
    kb.blockers = frozenset(norm_token(w) for w in data.get("blockers") or ())
    kb.attitudes = frozenset(norm_token(w) for w in data.get("attitude_prefixes") or ())
    for e in data.get("plurals") or ():
        for w in e["words"]:
            kb.plurals[tuple(norm_token(t) for t in _tokenize(w))] = e.get("sector")
