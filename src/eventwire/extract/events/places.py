"""Locating events from their own words (owned by the place extractor).

``locate_events(doc, events, places=...)`` returns the events with ``location`` set, in this order:

1. **own phrase**: a place in a locative prepositional phrase of the trigger, of the trigger's
   object, or of the verb that governs a nominal trigger, without crossing a clause boundary
   ("exercises in the South China Sea", "drills in the Baltics", "clashes broke out in Aleppo");
   for action nominals also an ``of``-object that is a place ("the annexation of Crimea");
2. **destination**: for movement and visit triggers, the ``to``-object or the direct object
   ("heading to China for a state visit", "visited Moscow");
3. **host**: a visit or trip with no place in its words takes the target's country;
4. **dateline** (fallback only): the dateline place, flagged: its ``feature`` carries the suffix
   ``:dateline`` (e.g. ``"city:dateline"``), ``extra["location_source"] == "dateline"``, and its
   ``start``/``end`` are the dateline's in the wire header (not in the event's words; 0 and 0
   where the document carries no header offset).

``extra["location_source"]`` records which rule placed each event (``phrase``, ``destination``,
``host``, ``dateline``). Events whose words place them nowhere and whose document has no
dateline keep ``location=None``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from ...knowledge.gazetteer import Candidate
from ...records import Event, Place

LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "off",
        "inside",
        "across",
        "around",
        "outside",
        "within",
        "throughout",
        "along",
        "over",
        "on",
        "into",
    }
)
MOTION_LEMMAS = frozenset(
    {
        "visit",
        "trip",
        "tour",
        "travel",
        "head",
        "go",
        "arrive",
        "fly",
        "come",
        "return",
        "deploy",
        "send",
        "move",
        "journey",
        "voyage",
        "sail",
        "dispatch",
        "march",
    }
)
VISIT_LEMMAS = frozenset({"visit", "trip", "tour", "travel", "journey", "head", "arrive", "fly"})
# Verbs whose direct object, when a place, is where the event happens ("bombed Aleppo").
PLACE_OBJECT_LEMMAS = frozenset(
    {
        "visit",
        "invade",
        "enter",
        "bomb",
        "shell",
        "attack",
        "strike",
        "raid",
        "occupy",
        "annex",
        "tour",
        "reach",
        "storm",
        "capture",
        "seize",
        "besiege",
        "blockade",
        "patrol",
    }
)
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "xcomp", "parataxis", "csubj"})
GEO_NOUNS = frozenset(
    {
        "territory",
        "soil",
        "border",
        "waters",
        "airspace",
        "coast",
        "city",
        "town",
        "village",
        "province",
        "region",
        "capital",
        "island",
        "islands",
        "area",
        "part",
        "port",
        "district",
        "state",
    }
)


def locate_events(doc: Doc, events: list[Event], *, places: Sequence[Place]) -> list[Event]:
    """The events with ``location`` set from their own clause; see the module docstring.
    ``places`` are the document's place mentions (the places extractor's output)."""
    places = list(places)
    dateline = _dateline_place(doc)
    out = []
    for ev in events:
        if ev.location is not None:
            out.append(ev)
            continue
        place, how = _locate(doc, ev, places)
        if place is None and dateline is not None:
            place, how = dateline, "dateline"
        if place is None:
            out.append(ev)
            continue
        extra = {**ev.extra, "location_source": how}
        out.append(dataclasses.replace(ev, location=place, extra=extra))
    return out


def _locate(doc: Doc, ev: Event, places: list[Place]) -> tuple[Place | None, str]:
    span = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
    if span is None or not len(span) or not doc.has_annotation("DEP"):
        return _host(ev)
    trigger = span.root
    found = _phrase_place(trigger, places)
    if found is not None:
        return found, "phrase"
    found = _destination(trigger, places)
    if found is not None:
        return found, "destination"
    return _host(ev)


def _lemma(tok: Token) -> str:
    """The lemma, or a crude stem where the lemmatizer did not run."""
    if tok.lemma_:
        return tok.lemma_.lower()
    word = tok.lower_
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _heads(trigger: Token) -> list[Token]:
    """The trigger, its objects, and (for nominal triggers) the verb that governs it, within the clause."""
    heads = [trigger]
    heads += [c for c in trigger.children if c.dep_ in {"dobj", "attr", "nsubjpass"}]
    tok = trigger
    for _ in range(2):
        if tok.dep_ in CLAUSE_DEPS or tok.head is tok or tok.pos_ in {"VERB", "AUX"}:
            break
        if tok.dep_ not in {
            "nsubj",
            "nsubjpass",
            "dobj",
            "pobj",
            "attr",
            "compound",
            "conj",
            "appos",
        }:
            break
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX", "NOUN", "PROPN"}:
            heads.append(tok)
        if tok.dep_ == "prep":
            tok = tok.head
            heads.append(tok)
    return heads


def _phrase_place(trigger: Token, places: list[Place]) -> Place | None:
    nominal = trigger.pos_ in {"NOUN", "PROPN"}
    for head in _heads(trigger):
        for prep in _preps(head):
            word = prep.lower_
            if word in LOCATIVE_PREPS or (word == "of" and nominal and head is trigger):
                for pobj in _pobjs(prep):
                    place = _place_of(pobj, places)
                    if place is not None:
                        return place
    return None


def _destination(trigger: Token, places: list[Place]) -> Place | None:
    for head in _heads(trigger):
        lemma = _lemma(head)
        if lemma not in MOTION_LEMMAS and lemma not in PLACE_OBJECT_LEMMAS:
            continue
        for prep in _preps(head):
            if prep.lower_ in {"to", "into"} and lemma in MOTION_LEMMAS:
                for pobj in _pobjs(prep):
                    place = _place_of(pobj, places)
                    if place is not None:
                        return place
        if lemma in PLACE_OBJECT_LEMMAS:
            for obj in head.children:
                if obj.dep_ == "dobj":
                    place = _place_of(obj, places)
                    if place is not None:
                        return place
    return None


def _preps(head: Token) -> Iterable[Token]:
    for child in head.children:
        if child.dep_ == "prep":
            yield child
        elif child.dep_ == "prt":  # "broke out in Aleppo": the particle may carry the prep
            yield from (c for c in child.children if c.dep_ == "prep")


def _pobjs(prep: Token) -> Iterable[Token]:
    for child in prep.children:
        if child.dep_ in {"pobj", "pcomp"}:
            yield child
            # read untyped: spaCy's stub says a 1-tuple, which a compiled build would check
            yield from getattr(child, "conjuncts")  # noqa: B009


def _place_of(tok: Token, places: list[Place]) -> Place | None:
    """The place that the noun ``tok`` names, directly or as "the Syrian border"/"the city of X"."""
    place = _covering(tok.idx, tok.idx + len(tok.text), places)
    if place is not None:
        return place
    if _lemma(tok) in GEO_NOUNS or tok.lower_ in GEO_NOUNS:
        for child in tok.children:
            if child.dep_ in {"compound", "amod", "poss", "nmod"}:
                place = _covering(child.idx, child.idx + len(child.text), places)
                if place is not None:
                    return place
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in _pobjs(child):
                    place = _covering(pobj.idx, pobj.idx + len(pobj.text), places)
                    if place is not None:
                        return place
    return None


def _covering(start: int, end: int, places: list[Place]) -> Place | None:
    for place in places:
        if place.start < end and start < place.end:
            return place
    return None


def _host(ev: Event) -> tuple[Place | None, str]:
    """A visit with no place in its words happens in the host's (the target's) country."""
    if ev.target is None or not ev.target.country:
        return None, ""
    words = {w.strip(".,").lower() for w in ev.trigger.text.split()}
    stems = {w[:-1] if w.endswith("s") else w for w in words}
    if not (stems | words) & (
        VISIT_LEMMAS | {"visited", "visiting", "headed", "heading", "travelled", "traveled"}
    ):
        return None, ""
    from ...knowledge.gazetteer import load_gazetteer

    country = load_gazetteer().countries.get(ev.target.country)
    if country is None:
        return None, ""
    t = ev.target
    return Place(
        t.text,
        t.start,
        t.end,
        country.name,
        country.country,
        country.lat,
        country.lon,
        "country",
        country.geonameid,
    ), "host"


def dateline_candidate(doc: Doc) -> Candidate | None:
    """The gazetteer's reading of the document's dateline ("NAIROBI": Nairobi, KEN), or None."""
    dateline = doc._.ew_dateline if Doc.has_extension("ew_dateline") else None
    if not dateline:
        return None
    from ..places import resolve_name  # the gazetteer, loaded with the places extractor

    return resolve_name(str(dateline).title() if str(dateline).isupper() else str(dateline))


def _dateline_place(doc: Doc) -> Place | None:
    """The dateline resolved to a place, flagged with the ``:dateline`` feature suffix."""
    cand = dateline_candidate(doc)
    if cand is None:
        return None
    dateline = doc._.ew_dateline
    # the dateline sits in the wire header, outside the parsed body: its span points there, so
    # that the text at the place's offsets is its text
    start = doc._.ew_dateline_start if Doc.has_extension("ew_dateline_start") else None
    start = start if isinstance(start, int) else 0
    return Place(
        str(dateline),
        start,
        start + len(str(dateline)) if start else 0,
        cand.name,
        cand.country,
        cand.lat,
        cand.lon,
        f"{cand.feature}:dateline",
        cand.geonameid,
    )
