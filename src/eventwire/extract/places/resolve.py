"""Resolution of place mentions to gazetteer entries: each mention's candidates scored by their
prior, the document's countries and US states, and a container named right after it ("Paris,
Texas"); the home-region prior widens a lone foreign namesake to the large gazetteer's local ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ...knowledge.gazetteer import Candidate, Gazetteer, load_gazetteer
from ...knowledge.gazetteer_large import load_large_gazetteer
from ...records import Place
from ..doctext import span_text, text_of
from .cues import acronym as _acronym
from .mentions import local_namesake, saint

CONTEXT_WEIGHT = (
    3.0  # bonus for a candidate in the document's countries / US states (times their share)
)
CONTAINER_BONUS = 10.0  # "Paris, Texas": the candidate lies in the place named right after it


@dataclass(frozen=True, slots=True)
class Mention:
    """A toponym span before resolution; ``forced`` is set for demonyms (already resolved)."""

    start: int
    end: int
    text: str
    source: str  # "ent" | "phrase" | "demonym" | "repeat" | "cued" | "embedded" | "dateline"
    forced: Candidate | None = None


@dataclass(slots=True)
class _Context:
    countries: Counter[str]
    states: Counter[str]

    def bonus(self, cand: Candidate) -> float:
        total_c = sum(self.countries.values()) or 1
        total_s = sum(self.states.values()) or 1
        score = CONTEXT_WEIGHT * self.countries[cand.country or ""] / total_c
        if cand.admin1:
            score += CONTEXT_WEIGHT * self.states[cand.admin1] / total_s
        return score


def _context(cands: Iterable[list[Candidate]], extra: Iterable[Candidate]) -> _Context:
    """Countries and US states named unambiguously (a state, or a town with one namesake)."""
    countries: Counter[str] = Counter()
    states: Counter[str] = Counter()
    for group in list(cands) + [[c] for c in extra]:
        if not group:
            continue
        codes = {c.country for c in group}
        if len(codes) == 1 and None not in codes:
            countries[group[0].country or ""] += 1
        if len(group) == 1 and group[0].admin1:
            states[group[0].admin1] += 1
    return _Context(countries, states)


def _container(
    text: str, mention: Mention, following: Mention | None, cands: list[Candidate]
) -> list[Candidate]:
    """Candidates of the place named right after ``mention`` (", Texas"), if any."""
    if following is None or following.start - mention.end > 3:
        return []
    if text[mention.end : following.start].strip() != ",":
        return []
    return cands


def _score(cand: Candidate, ctx: _Context, containers: list[Candidate]) -> float:
    score = cand.prior + ctx.bonus(cand)
    for box in containers:
        if box is cand:
            continue
        if (box.feature == "state" and box.admin1 and cand.admin1 == box.admin1) or (
            box.feature in {"country", "state", "disputed"} and cand.country == box.country
        ):
            score += CONTAINER_BONUS
            break
    return score


def resolve(
    doc: Doc, mentions: list[Mention], gaz: Gazetteer, *, doc_ents: Sequence[Span] | None = None
) -> list[Place]:
    """Place records for the mentions, each resolved to its best-scoring candidate (or left
    blank); ``doc_ents``: ``doc.ents`` when the caller has read it."""
    cands = [candidates_of(m, gaz) for m in mentions]
    evidence = _demonym_evidence(gaz, doc.ents if doc_ents is None else doc_ents)
    extra = [c for c in (_dateline_candidate(doc, gaz), *evidence) if c is not None]
    ctx = _context(cands, extra)
    text = text_of(doc)
    named_in: dict[str, set[str]] = {}
    for m, group in zip(mentions, cands, strict=True):
        if len({c.country for c in group}) == 1 and group[0].country:
            named_in.setdefault(group[0].country, set()).add(m.text)
    states = {s for s in ctx.states if s}
    places = []
    for i, (m, group) in enumerate(zip(mentions, cands, strict=True)):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        boxes = _container(text, m, nxt, cands[i + 1]) if nxt is not None else []
        group = _widen(m, group, ctx, boxes)
        best = max(group, key=lambda c: _score(c, ctx, boxes), default=None)
        if best is None and _acronym(m.text) and m.source != "dateline":
            continue
        if best is not None and m.forced is None and m.source != "phrase":
            best = local_namesake(m.text, best, states, named_in) or best
        places.append(_place(m, best))
    return places


def _widen(
    m: Mention, group: list[Candidate], ctx: _Context, boxes: list[Candidate]
) -> list[Candidate]:
    """Home-region prior: a town name whose known namesakes all lie outside the US states the
    document is about (or outside its explicit container) also gets the large gazetteer's
    namesakes inside them ("Paris" in a Kentucky story: Paris, KY, 9,800 people)."""
    states = {s for s in ctx.states if s} | {
        b.admin1 for b in boxes if b.feature == "state" and b.admin1
    }
    if not states or not group or m.forced is not None or m.source == "phrase":
        return group
    if any(c.feature != "city" or c.admin1 in states for c in group):
        return group
    large = load_large_gazetteer()
    if large is None:
        return group
    known = {c.geonameid for c in group}
    local = [c for c in large.lookup(m.text) if c.admin1 in states and c.geonameid not in known]
    return group + local


def candidates_of(m: Mention, gaz: Gazetteer) -> list[Candidate]:
    """The small gazetteer's candidates; for an NER name it lacks, the large gazetteer's."""
    if m.forced is not None:
        return [m.forced]
    found = gaz.lookup(m.text)
    if found or m.source == "phrase" or not m.text[:1].isupper():
        return found
    demonym = gaz.demonym(m.text) if m.source == "ent" else None
    if demonym is not None:
        return [demonym]  # "the Sri Lankan political establishment" tagged a place
    if _acronym(m.text) and m.source != "dateline":
        return found
    large = load_large_gazetteer()  # built on first need, once per process
    if large is None:
        return []
    found = large.lookup(m.text)
    saints = m.source in {"dateline", "repeat"}  # "ST. PARIS" -> GeoNames' "Saint Paris"
    return found or (large.lookup(saint(m.text)) if saints else [])


def _place(m: Mention, cand: Candidate | None) -> Place:
    if cand is None:
        return Place(m.text, m.start, m.end, None, None, None, None, None, None)
    return Place(
        m.text,
        m.start,
        m.end,
        cand.name,
        cand.country,
        cand.lat,
        cand.lon,
        cand.feature,
        cand.geonameid,
    )


def _dateline_candidate(doc: Doc, gaz: Gazetteer) -> Candidate | None:
    dateline = doc._.ew_dateline if Doc.has_extension("ew_dateline") else None
    if not dateline:
        return None
    return max(gaz.lookup(str(dateline)), key=lambda c: c.prior, default=None)


def _demonym_evidence(gaz: Gazetteer, ents: Sequence[Span]) -> Iterator[Candidate]:
    """Nationality words count as evidence of the document's countries even when not places."""
    for ent in ents:
        if ent.label_ == "NORP":
            cand = gaz.demonym(span_text(ent))
            if cand is not None and cand.feature == "country":
                yield cand


def resolve_name(name: str, *, gaz: Gazetteer | None = None) -> Candidate | None:
    """The most prominent candidate for a bare place name (no document context)."""
    gaz = gaz or load_gazetteer()
    return max(gaz.lookup(name), key=lambda c: c.prior, default=None)
