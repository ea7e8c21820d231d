"""The converted dictionaries in the actor knowledge base (``ActorKB``).

Default mode: the packaged Phoenix actors and agents and the Wikidata heads of state and
government join our own files, which win where a form overlaps; a dictionary person whose name is
one of ours is an alias of our person. Phoenix roles still open in 2015 end at ``stale_after``
(``data/actors/dictionaries.yaml``) unless the Wikidata table continues them.

Swapped mode (``actors=``/``agents=``): the given dictionaries alone, matched regardless of case
and coded as PETRARCH codes them (country cue + agent: "ARN" + "~GOVFRM" -> ``ARNGOVFRM``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from .actors_kb import (
    ADJECTIVE,
    AGENT,
    COUNTRY,
    CUE_KINDS,
    IGO,
    PERSON,
    PERSON_SHORT,
    REGION,
    REGION_ADJ,
    ActorKB,
    Entry,
    Person,
    Role,
)
from .files import data_path, load_yaml
from .petrarch_actors import (
    ACTORS_JSON,
    AGENTS_JSON,
    HEADS_JSON,
    NULL_CODES,
    DictActor,
    DictAgent,
    plain_word,
    read_actors,
    read_agents,
    read_heads,
    special_cases,
    word_tokens,
)
from .wordlists import load_word_lists

LEAD_KINDS = frozenset({AGENT, COUNTRY, ADJECTIVE, REGION_ADJ, IGO})


@dataclass(frozen=True, slots=True)
class Policy:
    """How dictionary entries are added (from data/actors/dictionaries.yaml)."""

    swapped: bool
    stale_after: str | None
    uncut: frozenset[str]
    particles: frozenset[str]
    ignored: frozenset[str]
    surname_first: frozenset[str] = frozenset()  # countries whose names put the family name first


def policy(swapped: bool) -> Policy:
    data = load_yaml("actors/dictionaries.yaml")
    stale = data.get("stale_after")
    return Policy(
        swapped,
        None if swapped or stale is None else str(stale),
        frozenset(data.get("uncut_sectors") or ()),
        frozenset(data.get("name_particles") or ()),
        frozenset(() if swapped else data.get("ignored_single_words") or ()),
        frozenset(data.get("surname_first_countries") or ()),
    )


def dictionary_path(name: str) -> str:
    return str(data_path(f"dictionaries/{name}"))


class Keys:
    """Token keys of dictionary names, as the document tokenizer splits them: plain words split on
    blanks, the others from the converted files' word table or spaCy's tokenizer (cached)."""

    def __init__(self) -> None:
        self.words: dict[str, str] = {}  # word -> its tokens, space-separated
        self.plain: dict[str, bool] = {}
        self.special = special_cases()

    def key(self, name: str) -> tuple[str, ...]:
        parts = name.split()
        if name.isascii() and "".join(parts).isalnum() and self.special.isdisjoint(parts):
            return tuple(parts)
        out: list[str] = []
        for w in parts:
            plain = self.plain.get(w)
            if plain is None:
                plain = self.plain[w] = plain_word(w)
            if plain:
                out.append(w)
                continue
            toks = self.words.get(w)
            if toks is None:
                toks = self.words[w] = word_tokens(w)
            out.extend(toks.split())
        return tuple(out)


def fold(name: str) -> str:
    """A name for linking people across sources: ASCII, lower-case, hyphens and dots as blanks."""
    if name.isascii():
        if name.islower() and "-" not in name and "." not in name and "  " not in name:
            return name  # dictionary names are lower-case and single-spaced already
        return " ".join(name.lower().replace("-", " ").replace(".", " ").split())
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[-.\u2010]", " ", text).split())


def ascii_form(name: str) -> str | None:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return text if text != name and text.strip() else None


def _caps(key: tuple[str, ...], pol: Policy) -> tuple[bool, ...]:
    """Which tokens must be capitalised in the text (none in swapped mode)."""
    if pol.swapped:
        return ()
    particles = pol.particles
    if "-" not in key:
        return tuple([t[:1].isalpha() and t not in particles for t in key])
    return tuple(
        [
            t[:1].isalpha() and t not in particles and not (i and key[i - 1] == "-")
            for i, t in enumerate(key)
        ]
    )


def split_code(
    code: str, known: Iterable[str] | set[str]
) -> tuple[str | None, str | None, str | None]:
    """(country, sector, fixed code) of a dictionary code: a country code's first three letters are
    the country and the rest the sector; other codes (IGO..., NGO..., MNC...) are fixed."""
    head = code[:3]
    if head in known and (len(code) == 3 or code[3:].isalpha()):
        return head, code[3:] or None, None
    if head == "IGO":
        return code[3:6] or None, None, code
    return None, None, code


def _day_after(iso: str) -> str:
    day = int(iso[8:10])
    if day < 28:
        return f"{iso[:8]}{day + 1:02d}"
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=1)).isoformat()


@dataclass(slots=True)
class Draft:
    """A dictionary person while sources are merged."""

    name: str
    country: str
    roles: list[Role] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    default: tuple[str | None, str | None, str | None] | None = None
    sources: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Builder:
    kb: ActorKB
    pol: Policy
    known: set[str]
    keys: Keys = field(default_factory=Keys)
    ours: frozenset[tuple[str, ...]] = frozenset()
    index: dict[str, str] = field(default_factory=dict)  # folded name -> person key
    drafts: dict[str, Draft] = field(default_factory=dict)
    lead: frozenset[str] = frozenset()  # first words of our roles, country words and titles
    # our country words, capitals and seats -> countries; role words (ours and the dictionary's)
    # -> sectors
    cues: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    cue_first: frozenset[str] = frozenset()  # first words of the country words
    roles: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    words: set[str] = field(default_factory=set)  # every word of those (common nouns: "youth")
    single_names: frozenset[str] = frozenset()  # one-word aliases kept for dictionary people

    def person_names(self, names: Iterable[str]) -> list[str]:
        """Names without those that only prefix another of the person's names with a title or
        country word ("us president barack obama"): composition reads those, and records them."""
        names = list(names)
        if self.pol.swapped:
            return names
        out = []
        for n in names:
            first = n.split(" ", 1)[0]
            if first in self.lead and any(o != n and n.endswith(" " + o) for o in names):
                continue
            out.append(n)
        return out

    def add(self, names: Iterable[str], template: Entry) -> None:
        """Add dictionary names (and their ASCII spellings) for one meaning; our forms win."""
        variants: dict[tuple[bool, ...], Entry] = {}  # one Entry per capitalisation pattern
        agent = template.kind == AGENT
        code = template.code if template.kind != PERSON else ""
        for name in names:
            for form in (name, None if name.isascii() else ascii_form(name)):
                if not form:
                    continue
                key = self.keys.key(form.lower())
                if not key or key in self.ours or (key[0] == "the" and key[1:] in self.ours):
                    continue  # ours win ("the us" is our "US", which must be capitalised)
                if not agent and not self.pol.swapped and self.skip(key, template.kind, code):
                    continue
                caps = () if agent else _caps(key, self.pol)
                entry = variants.get(caps)
                if entry is None:
                    entry = variants[caps] = _with_form(template, template.name, caps)
                self.kb.add_key(key, entry)

    def skip(self, key: tuple[str, ...], kind: str, code: str = "") -> bool:
        """Default mode: dictionary names that are one common word (a word of a role: "Youth";
        one or two letters: "B"; a person's one name: "Ricardo") or a country word plus a role
        ("german chancellor", left to composition)."""
        if len(key) == 1:
            word = key[0]
            return (
                (kind == PERSON and word not in self.single_names)
                or len(word) <= 2
                or word in self.pol.ignored
                or word in self.words
            )
        body = key[1:] if key[0] == "the" else key
        if not body or body[0] not in self.cue_first:
            return False
        for k in range(1, len(body)):  # skipped only where composition gives the same code
            countries, sectors = self.cues.get(body[:k]), self.roles.get(body[k:])
            if countries and sectors and any(c + s == code for c in countries for s in sectors):
                return True
        return False

    def role(self, code: str, start: str | None, end: str | None) -> Role | None:
        if code in NULL_CODES:
            return None
        country, sector, fixed = split_code(code, self.known)
        end = _day_after(end) if end else None
        if (
            end is None
            and self.pol.stale_after
            and (sector or fixed)
            and (sector or "") not in self.pol.uncut
            and (start or "") < self.pol.stale_after
        ):
            end = self.pol.stale_after
        return Role("gov", country or "", sector or "", start, end, code, fixed)


def _with_form(entry: Entry, form: str, caps: tuple[bool, ...]) -> Entry:
    return Entry(
        entry.kind,
        entry.code,
        entry.name,
        entry.country,
        entry.sector,
        form,
        False,
        caps,
        entry.standalone,
        entry.geographic,
        entry.personal,
        entry.valid_from,
        entry.valid_to,
        entry.prefix,
        entry.needs_cue,
    )


def add_dictionaries(
    kb: ActorKB,
    *,
    actors: str | None = None,
    agents: str | None = None,
    heads: str | None = "",
) -> None:
    """Add the converted dictionaries (default) or the given ones (swapped: ``kb.swapped``)."""
    pol = policy(kb.swapped)
    keys = Keys()
    actor_records = read_actors(actors or dictionary_path(ACTORS_JSON), keys.words)
    known = set(kb.countries) | set(kb.regions)
    if kb.swapped:
        known = _swapped_countries(kb, actor_records)
    agent_records = read_agents(agents or dictionary_path(AGENTS_JSON), keys.words)
    b = Builder(kb, pol, known, keys, ours=frozenset(kb.forms), lead=_lead_words(kb))
    if not kb.swapped:
        for k, es in kb.forms.items():
            for e in es:
                if e.kind in CUE_KINDS and e.country:
                    b.cues.setdefault(k, set()).add(e.country)
                elif e.kind == AGENT:
                    b.roles.setdefault(k, set()).add(e.sector or "")
        for ag in agent_records:
            for n in ag.names:
                b.roles.setdefault(keys.key(n), set()).add(ag.code)
        b.cue_first = frozenset(k[0] for k in b.cues)
        b.words = {w for k in b.roles for w in k}
    before = _count(kb)
    if not kb.swapped:
        _index_our_people(b)
        if heads is not None:
            _add_heads(b, heads or dictionary_path(HEADS_JSON))
        b.single_names = _single_names(actor_records)
    for a in actor_records:
        _add_actor(b, a)
    _finish_people(b)
    kb.stats["actors"] = _count(kb) - before
    before = _count(kb)
    _add_agents(b, agent_records)
    kb.stats["agents"] = _count(kb) - before


def _single_names(records: list[DictActor]) -> frozenset[str]:
    """One-word aliases the dictionary lists for a person or group ("+MALIKI_" of NURI_AL_MALIKI,
    "+ZARQAWI_" of ISIL, "+SPLA_"): kept where the record's own name has more words, the alias is
    no record's given name (the first word of a longer name: "ricardo") and no other record's."""
    given: set[str] = set()
    owners: dict[str, int] = {}
    for a in records:
        for n in a.names:
            if " " in n:
                given.add(n.split(" ", 1)[0])
            else:
                owners[n] = owners.get(n, 0) + 1
    return frozenset(
        n
        for a in records
        if " " in a.names[0]
        for n in a.names[1:]
        if " " not in n
        and owners[n] == 1
        and n not in given
        and len(n) > 3
        and n.replace("-", "").replace("'", "").isalpha()
    )


def _lead_words(kb: ActorKB) -> frozenset[str]:
    lead = {k[0] for k, es in kb.forms.items() if any(e.kind in LEAD_KINDS for e in es)}
    return frozenset(lead | set(kb.titles))


def _count(kb: ActorKB) -> int:
    return sum(len(v) for v in kb.forms.values())


def _swapped_countries(kb: ActorKB, records: list[DictActor]) -> set[str]:
    """Swapped dictionaries: every three-letter code is a country (PETRARCH's codes are opaque)."""
    for a in records:
        for code in (a.code, *(r.code for r in a.roles)):
            if code and len(code) == 3 and code.isalpha() and code not in kb.countries:
                kb.countries[code] = a.names[0].title()
    return set(kb.countries)


def _index_our_people(b: Builder) -> None:
    for person in b.kb.people.values():
        for name in (person.name, *person.aliases):
            b.index.setdefault(fold(name), person.key)


def _add_heads(b: Builder, path: str) -> None:
    for h in read_heads(path, b.keys.words):
        linked = _linked(b, h.names)
        if linked is not None and linked in b.kb.people:
            person = b.kb.people[linked]
            b.add(h.names, Entry(PERSON, linked, person.name, person.country))
            continue
        key = f"wikidata:{h.qid}"
        home = [r for r in h.roles if r.country == h.country]
        others = [r for r in h.roles if r.country != h.country]
        roles = [
            Role("hos" if r.office == "head_of_state" else "hog", r.country, "GOV", r.start, r.end)
            for r in home + others
        ]
        b.drafts[key] = Draft(h.names[0], h.country, roles, list(h.names), None, [h.source])
        for name in h.names:
            b.index.setdefault(fold(name), key)


def _linked(b: Builder, names: Iterable[str]) -> str | None:
    for name in names:
        folded = fold(name)
        if " " in folded and folded in b.index:
            return b.index[folded]
    return None


def _is_person(a: DictActor) -> bool:
    codes = [a.code or "", *(r.code for r in a.roles)]
    return bool(a.roles) and any(len(c) > 3 for c in codes if c not in NULL_CODES)


def _add_actor(b: Builder, a: DictActor) -> None:
    if _is_person(a):
        _add_person(b, a)
        return
    if not a.code and not a.roles:
        return
    for r in a.roles:
        role = b.role(r.code, r.start, r.end)
        if role is not None:
            _add_thing(b, a, r.code, role.start, role.end)
    if a.code:
        _add_thing(b, a, a.code, None, None)


def _add_thing(b: Builder, a: DictActor, code: str, start: str | None, end: str | None) -> None:
    """A country, region or organisation name (no people): one entry per dated code."""
    name = a.names[0].title()
    if code in b.known and len(code) == 3:
        kind = REGION if code in b.kb.regions and code not in b.kb.countries else COUNTRY
        entry = Entry(
            kind,
            code,
            b.kb.countries.get(code) or b.kb.regions.get(code) or name,
            code,
            geographic=not b.pol.swapped,
            valid_from=start,
            valid_to=end,
        )
    else:
        country, sector, fixed = split_code(code, b.known)
        entry = Entry(IGO, fixed or code, name, country, sector, valid_from=start, valid_to=end)
    b.add(a.names, entry)


def _add_person(b: Builder, a: DictActor) -> None:
    linked = None if b.pol.swapped else _linked(b, a.names)
    if linked is not None and linked in b.kb.people:  # one of ours: our roles decide
        person = b.kb.people[linked]
        b.add(b.person_names(a.names), Entry(PERSON, linked, person.name, person.country))
        return
    roles = [role for role in (b.role(r.code, r.start, r.end) for r in a.roles) if role]
    default = split_code(a.code, b.known) if a.code else None
    if default is not None and default[1:] == (None, None) and not b.pol.swapped and roles:
        default = None  # a bare country default would outlive the roles: former holders are ELI
    if linked is not None:  # a Wikidata head: both sets of roles
        draft = b.drafts[linked]
        draft.roles.extend(roles)
        draft.forms.extend(a.names)
        draft.sources.append(a.source)
        return
    country = next((r.country for r in roles if r.country), None) or (default or (None,))[0] or ""
    key = f"dict:{a.source}"
    b.drafts[key] = Draft(_display(a.names[0]), country, roles, list(a.names), default, [a.source])
    if not b.pol.swapped:
        for n in a.names:
            if " " in n:
                b.index.setdefault(fold(n), key)


def _display(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in name.split())


def _short_forms(b: Builder) -> dict[str, list[str]]:
    """First and last word of a long dictionary name ("laurent kabila" for LAURENT_DESIRE_KABILA),
    the way news names a person, where no other person's names give the same two words, nor hold
    them in a row ("john paul" of a Bahamian John Henry Paul is in "pope john paul ii")."""
    owners: dict[str, set[str]] = {}
    for key, d in b.drafts.items():  # every two words in a row of each name, as its owner's
        for form in d.forms:
            words = form.split()
            for i in range(len(words) - 1):
                owners.setdefault(f"{words[i]} {words[i + 1]}", set()).add(key)
    shorts: dict[str, set[str]] = {}
    for key, d in b.drafts.items():
        for form in d.forms:
            words = form.split()
            if len(words) < 3 or not all(len(w) > 2 and w.isalpha() for w in (words[0], words[-1])):
                continue
            if words[0] == "the":  # "the islamic state" names no person: no "the state"
                continue
            shorts.setdefault(f"{words[0]} {words[-1]}", set()).add(key)
    out: dict[str, list[str]] = {}
    for short, keys in shorts.items():
        if len(keys) == 1 and short not in owners:
            out.setdefault(next(iter(keys)), []).append(short)
    return out


def _finish_people(b: Builder) -> None:
    short = {} if b.pol.swapped else _short_forms(b)
    for key, d in b.drafts.items():
        person = Person(
            key,
            d.name,
            d.country,
            tuple(d.roles),
            tuple(d.forms[1:]),
            "; ".join(d.sources),
            d.default,
        )
        b.kb.people[key] = person
        names = b.person_names(d.forms) + short.get(key, [])
        b.add(names, Entry(PERSON, key, d.name, d.country))
    if not b.pol.swapped:
        for word, key in _surnames(b).items():
            d = b.drafts[key]
            b.add([word], Entry(PERSON_SHORT, key, d.name, d.country))


def _surnames(b: Builder) -> dict[str, str]:
    """The surname of a dictionary person ("olmert" of EHUD_OLMERT) where it alone names them:
    the last word of no other person's name (ours included), the first word of no name, and no
    other dictionary word (a country, place, role or organisation: "paris", "authority")."""
    owners: dict[str, set[str]] = {}
    given: set[str] = set()
    people = [(k, d.forms) for k, d in b.drafts.items() if d.country not in b.pol.surname_first]
    people += [(k, [p.name, *p.aliases]) for k, p in b.kb.people.items() if k not in b.drafts]
    for key, forms in people:
        for form in forms:
            words = form.lower().split()
            if len(words) > 1:
                given.add(words[0])
                owners.setdefault(words[-1], set()).add(key)
    given.update(  # a name written family name first ("Kim Byong Joon") ends in a given name
        w
        for d in b.drafts.values()
        if d.country in b.pol.surname_first
        for f in d.forms
        for w in f.lower().split()
    )
    return {
        word: next(iter(keys))
        for word, keys in owners.items()
        if len(keys) == 1
        and next(iter(keys)) in b.drafts
        and word not in given
        and len(word) > 3
        and word.isalpha()
        and (word,) not in b.kb.forms
        and word not in b.words
        and word not in b.pol.ignored
    }


def _add_agents(b: Builder, records: list[DictAgent]) -> None:
    heads = _institution_heads()
    for a in records:
        keep = b.pol.swapped or a.code.endswith("ELI")  # "former president": ELI, not our GOV
        if not keep and _composed_by_ours(b, a.names[0], heads):
            continue  # "government spokesman": our "government" and "spokesman" compose it
        ours = None if keep else _our_head(b, a.names[0])
        if ours is not None and ours.form in heads:
            ours = None  # "police official": the dictionary's police (COP), not our officials' GOV
        if ours is not None:  # our role's sector and flags ("rights activists" as "activists")
            entry = Entry(
                AGENT,
                ours.sector or "",
                a.names[0],
                None,
                ours.sector,
                standalone=ours.standalone,
                personal=ours.personal,
                prefix=a.prefix,
            )
        else:
            entry = Entry(
                AGENT,
                a.code,
                a.names[0],
                None,
                a.code,
                prefix=a.prefix,
                needs_cue=not b.pol.swapped,
            )
        b.add(a.names, entry)


def _institution_heads() -> frozenset[str]:
    """Roles that the institution named before them places (``institution_heads`` in the actors'
    word file)."""
    return load_word_lists("actors")["institution_heads"]


def _composed_by_ours(b: Builder, name: str, heads: frozenset[str]) -> bool:
    """A dictionary role made of one of our institutions and one of our generic person roles or
    institution heads ("government spokesman", "police officials"): composition gives it the
    institution's sector and placement, as for "police spokesman"."""
    key = b.keys.key(name)
    for k in range(1, len(key)):
        head = b.kb.forms.get(key[k:]) if key[k:] in b.ours else None
        lead = b.kb.forms.get(key[:k]) if key[:k] in b.ours else None
        generic = any(
            e.kind == AGENT and ((e.personal and not e.sector) or e.form.lower() in heads)
            for e in head or ()
        )
        if generic and any(e.kind == AGENT and e.sector for e in lead or ()):
            return True
    return False


def _our_head(b: Builder, name: str) -> Entry | None:
    """Our role that ends a dictionary role ("information minister" ends with "minister"): the
    longest such ending decides, so that our sector choices stay consistent."""
    key = b.keys.key(name)
    for k in range(1, len(key)):
        found = b.kb.forms.get(key[k:]) if key[k:] in b.ours else None
        ours = next((e for e in found or () if e.kind == AGENT and e.sector), None)
        if ours is not None:
            return ours
    return None
