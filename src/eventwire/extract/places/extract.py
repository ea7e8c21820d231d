"""Places: find toponyms in a parsed Doc and resolve them offline against the gazetteer.

Mentions come from four sources, merged so that no two overlap:

1. spaCy entities labelled GPE, LOC or FAC (a leading "the" and a trailing possessive trimmed);
2. ORG entities whose whole text is a known area (spaCy tags "Crimea" as ORG);
3. our own gazetteer phrases found in the raw text with an Aho-Corasick automaton (seas, regions,
   disputed territories, provinces: "the South China Sea", "eastern Ukraine", "the Baltics");
   a phrase wins over a shorter entity it contains, and is dropped inside a longer non-place entity;
4. demonyms that stand for the country: a nationality adjective modifying a geographic noun
   ("Chinese territory", "Syrian border"); never one modifying a person or an office
   ("Russian President" is an actor, not a place). Needs the dependency parse.

Resolution scores each candidate by prominence (feature class; log10 population for cities)
plus the document's geography: countries and US states named unambiguously elsewhere in the
document (and its dateline), and an explicit container ("Paris, Texas"). O(mentions).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from spacy.attrs import IS_STOP, LOWER, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span

from ...knowledge.gazetteer import (
    Gazetteer,
    check_places_data,
    load_gazetteer,
    load_given_names,
    load_not_places,
    lookup_key,
)
from ...knowledge.gazetteer_large import load_large_gazetteer
from ...records import Place
from ..doctext import span_text, text_of, token_bounds, token_columns
from .cues import (
    _DESIGNATORS,
    place_words,
    word_problems,
)
from .cues import (
    acronym as _acronym,
)
from .cues import (
    cue as _cue,
)
from .cues import (
    known_place as _known_place,
)
from .cues import (
    person_cued as _person_cued,
)
from .cues import (
    plain_name as _plain_name,
)
from .cues import (
    road as _road,
)
from .cues import (
    town as _town,
)
from .cues import (
    upper_initial as _upper_initial,
)
from .mentions import (
    county_list_spans,
    dateline_spans,
    embedded_demonyms,
    name_words,
    place_cued,
    unknown_span,
)
from .resolve import Mention, candidates_of, resolve

log = logging.getLogger(__name__)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
AREA_FEATURES = frozenset({"country", "state", "region", "water", "disputed", "continent"})
_LEADING = frozenset({"the"})
_TRAILING = frozenset({"'s", "\u2019s", "'", "\u2019"})
DEMONYM_MODIFIERS = True  # policy: see docs/places.md (nationality adjectives)
MAJOR_CITY_PRIOR = 5.6  # log10(population) + 1 for capitals: 400k people, or a capital
EMBEDDED_IN_NAMES = True  # policy: see docs/places.md (areas inside organisation names)
DIRECTION_CITY_POPULATION = 100_000  # "East Oxford" -> "Oxford"; not "North Hall", "South Central"
EMBEDDED_FEATURES = frozenset({"country", "state", "region"})  # areas named inside names
CUED_NAMES = True  # policy: gazetteer names with a place cue beyond NER (see docs/places.md)
STREET_NAMES = False  # policy: street names are not reported (no gazetteer resolves them: see docs)
UNKNOWN_NAMES_CHECKED = True  # policy: NER places no gazetteer knows need a geographic word
REPEAT_OVER = frozenset({"PERSON", "ORG", "NORP"})  # exact tags a repeat of a known town overrides
REPEAT_OVER_UNKNOWN = frozenset({"PERSON", "NORP"})  # ... of a name the small gazetteer lacks
CUED_LABELS = frozenset({"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART"})  # NER may mislabel


# --- finding mentions ---------------------------------------------------------------------


def _trimmed(doc: Doc, ents: Sequence[Span]) -> list[Span | None]:
    """Each entity without a leading "the" and a trailing possessive ("Sri Lanka's"), None when
    nothing is left; the words read from the Doc's LOWER array once for all of them."""
    strings = doc.vocab.strings
    leading = {strings[w] for w in _LEADING}
    trailing = {strings[w] for w in _TRAILING}
    (lower,) = token_columns(doc, (LOWER,))
    out: list[Span | None] = []
    for span in ents:
        start, end = span.start, span.end
        while start < end and lower[start] in leading:
            start += 1
        while end > start and lower[end - 1] in trailing:
            end -= 1
        out.append(doc[start:end] if end > start else None)
    return out


def _entity_mentions(
    doc: Doc, gaz: Gazetteer, *, ents: Sequence[Span], trims: Sequence[Span | None]
) -> Iterator[Mention]:
    """Place entities, plus entities NER mislabels whose whole text is a known place: an area or
    a major city as ORG/NORP ("Crimea", "Harare Mayor", "Liverpool won"), an area as PERSON
    ("Tamil Nadu") unless the word is part of a person's full name in the document.
    ``trims``: ``_trimmed(doc, ents)``."""
    name_parts = {
        tok.text
        for ent, span in zip(ents, trims, strict=True)
        if ent.label_ == "PERSON"
        and len(ent) > 1
        and not _placename(span_text(span) if span is not None else "", gaz)
        for tok in ent
    }  # "Tamil Nadu", "Sioux Falls" tagged a person are no person's name
    for ent, span in zip(ents, trims, strict=True):
        if span is None or not any(ch.isalpha() for ch in span_text(span)):
            continue
        if ent.label_ in PLACE_LABELS:
            span = _strip_direction(span, gaz)
            parts = _comma_parts(span, gaz)
            if parts:
                yield from (Mention(p.start_char, p.end_char, span_text(p), "ent") for p in parts)
                continue
        if ent.label_ in PLACE_LABELS or _mislabelled_place(ent.label_, span, gaz, name_parts):
            yield Mention(span.start_char, span.end_char, span_text(span), "ent")


def _comma_parts(span: Span, gaz: Gazetteer) -> list[Span]:
    """ "Washington, D.C." / "Paris, Texas" tagged as one entity: two toponyms when both halves
    are known places (the second then serves as the first's container)."""
    commas = [t.i for t in span if t.text == ","]
    if len(commas) != 1:
        return []
    left, right = span.doc[span.start : commas[0]], span.doc[commas[0] + 1 : span.end]
    if not len(left) or not len(right):
        return []
    if _known_place(span_text(left), gaz) and (
        gaz.lookup(span_text(right)) or _known_place(span_text(right), gaz)
    ):
        return [left, right]
    return []


def _strip_direction(span: Span, gaz: Gazetteer) -> Span:
    """ "Northeast Georgia" -> "Georgia", "northwestern Syria" -> "Syria": a leading compass word
    lies outside the toponym unless the whole is a name the gazetteers know ("South Africa",
    "West Virginia", our "eastern Ukraine"), and only before an area or a city of 100,000+
    ("East Oxford" -> "Oxford"; "North Hall", "South Central" stay whole)."""
    if len(span) < 2 or span[0].lower_ not in place_words().directions:
        return span
    rest = span[1:]
    if gaz.lookup(span_text(span)) or not rest[0].text[:1].isupper():
        return span
    large = load_large_gazetteer()
    if large is not None and large.lookup(span_text(span)):
        return span
    main = gaz.names.get(lookup_key(span_text(rest)), ())
    city = any(c.feature == "city" and c.population >= DIRECTION_CITY_POPULATION for c in main)
    return rest if city or _is_area(span_text(rest), gaz) else span


def _placename(text: str, gaz: Gazetteer) -> bool:
    """A known place or nationality word: never a person's name ("Sioux Falls", "Sri Lankan")."""
    return _known_place(text, gaz) or gaz.demonym(text) is not None


def _mislabelled_place(label: str, span: Span, gaz: Gazetteer, name_parts: set[str]) -> bool:
    whole = label == "PERSON" and len(span) > 1 and span[-1].is_title
    if whole and not any(t.text in name_parts for t in span) and _known_place(span_text(span), gaz):
        return True  # "Sioux Falls", "Parkers Prairie": a town's whole name
    cands = gaz.lookup(span_text(span)) if label in {"ORG", "NORP", "PERSON"} else []
    if not cands or gaz.demonym(span_text(span)) is not None:
        return False
    if any(c.feature in AREA_FEATURES for c in cands):
        return label != "PERSON" or not any(tok.text in name_parts for tok in span)
    main = gaz.names.get(lookup_key(span_text(span)), ())  # not alternate names ("White House")
    if label == "PERSON" and (
        any(tok.text in name_parts for tok in span) or span_text(span).islower()
    ):
        return False  # "Tbilisi says": a city; "Paris Hilton": a person
    return max((c.prior for c in main), default=0.0) >= MAJOR_CITY_PRIOR


@lru_cache(maxsize=1)  # the automaton is compiled once per process
def _phrase_automaton() -> Any:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for surface, cand in load_gazetteer().phrases.items():
        automaton.add_word(surface, (surface, cand))
    automaton.make_automaton()
    return automaton


def _phrase_mentions(text: str) -> Iterator[Mention]:
    automaton = _phrase_automaton()
    for end_idx, (surface, _cand) in automaton.iter(text):
        start, end = end_idx - len(surface) + 1, end_idx + 1
        if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            continue
        if surface.lower().startswith("the "):
            start += 4
        yield Mention(start, end, text[start:end], "phrase")  # resolved with all candidates


def _demonym_mentions(
    doc: Doc, gaz: Gazetteer, *, all_modifiers: bool, upper: list[bool]
) -> Iterator[Mention]:
    """Nationality adjectives that stand for their country: modifying a geographic noun ("Syrian
    border") and, with ``all_modifiers``, any noun ("Russian troops", "the Chinese government").
    Words for people ("Americans", "the Russians") and languages are not places."""
    if not doc.has_annotation("DEP"):
        return
    geo_heads = place_words().geo_heads
    for i in (k for k, u in enumerate(upper) if u):  # ``upper[k]``: token k is capitalised
        tok = doc[i]
        mod = tok.head if tok.dep_ == "conj" else tok  # "Chinese and Russian warships"
        if mod.dep_ not in {"amod", "compound"}:
            continue
        if tok.ent_type_ and tok.ent_type_ not in {"NORP", "GPE"}:
            continue
        head = mod.head
        if head.lower_ not in geo_heads and not (
            all_modifiers and head.pos_ in {"NOUN", "PROPN"} and head.i > tok.i
        ):
            continue
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and prev.text[:1].isupper() and prev.pos_ != "DET":  # "Sri Lankan"
            cand = gaz.demonym(f"{prev.text} {tok.text}")
            if cand is not None:
                yield Mention(
                    prev.idx, tok.idx + len(tok.text), f"{prev.text} {tok.text}", "demonym", cand
                )
                continue
        cand = gaz.demonym(tok.text)
        if cand is not None:
            yield Mention(tok.idx, tok.idx + len(tok.text), tok.text, "demonym", cand)


def _is_area(text: str, gaz: Gazetteer) -> bool:
    return any(c.feature in AREA_FEATURES for c in gaz.lookup(text))


def _votes(
    gaz: Gazetteer, *, ents: Sequence[Span], trims: Sequence[Span | None]
) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """How often each surface is tagged a place; a person by a full name (the name, its first
    or last word, or a lone tag on a name the gazetteer lacks); a person by any tag.
    ``trims``: ``_trimmed(doc, ents)``."""
    place: Counter[str] = Counter()
    person: Counter[str] = Counter()
    any_person: Counter[str] = Counter()
    for ent, span in zip(ents, trims, strict=True):
        if span is None:
            continue
        if ent.label_ in PLACE_LABELS:
            place[span_text(span)] += 1
        elif ent.label_ == "PERSON":
            any_person[span_text(span)] += 1
            if len(span) > 1 and _placename(span_text(span), gaz):
                continue  # "Sioux Falls", "Sri Lankan": no person's name
            if len(span) > 1:
                person[span_text(span)] += 1
                for tok in (span[0], span[-1]):
                    person[tok.text] += 1
                    any_person[tok.text] += 1
            elif not gaz.lookup(span_text(span)):
                person[span_text(span)] += 1
    return place, person, any_person


def _repeated_mentions(
    gaz: Gazetteer,
    chosen: list[Mention],
    place_votes: Counter[str],
    person_votes: Counter[str],
    *,
    text: str,
    ents: Sequence[Span],
    surnames: set[str],
) -> Iterator[Mention]:
    """One sense per discourse: other occurrences of a name the document mostly tags as a place.

    An occurrence NER left untagged, or tagged as a person on its own ("Gainesville's mayor"),
    becomes a mention; one inside a longer entity of another kind (an organisation's name, a
    person's full name) does not.
    """
    found = Counter(m.text for m in chosen if m.source == "ent")  # also cut ("X City Hall")
    surfaces = [
        t
        for t in found
        if max(place_votes[t], found[t]) > person_votes[t] and t[:1].isupper() and gaz.lookup(t)
    ]
    if not surfaces:
        return
    yield from _occurrences(gaz, surfaces, chosen, text=text, ents=ents, surnames=surnames)


def _occurrences(
    gaz: Gazetteer,
    surfaces: Iterable[str],
    chosen: list[Mention],
    *,
    text: str,
    ents: Sequence[Span],
    surnames: set[str],
) -> Iterator[Mention]:
    """Untagged occurrences of ``surfaces`` that overlap no chosen mention and lie inside no
    other entity; also ones tagged exactly as a person and, for a town's name, exactly as an
    organisation or nationality ("Huntsville said"). Never a word of a person's full name."""
    others = [(e.start_char, e.end_char, e.label_) for e in ents if e.label_ not in PLACE_LABELS]
    taken = [(m.start, m.end) for m in chosen]
    for surface in surfaces:
        if surface in surnames and not _is_area(surface, gaz):
            continue
        exact_labels = REPEAT_OVER if gaz.names.get(lookup_key(surface)) else REPEAT_OVER_UNKNOWN
        for start, end in _word_matches(text, surface):
            if any(s < end and start < e for s, e in taken):
                continue
            if any(
                s < end and start < e and not (label in exact_labels and (s, e) == (start, end))
                for s, e, label in others
            ):
                continue
            taken.append((start, end))
            yield Mention(start, end, surface, "repeat")


def _word_matches(text: str, surface: str) -> Iterator[tuple[int, int]]:
    r"""Spans of ``surface`` in ``text`` not inside a longer word or hyphenated name: the matches
    of ``re.finditer(r"(?<![\w-])" + re.escape(surface) + r"(?![\w-])", text)``, found with
    ``str.find`` (a regex opening with a lookbehind is tried at every character)."""
    if not surface:
        yield from ((m.start(), m.end()) for m in re.finditer(r"(?<![\w-])(?![\w-])", text))
        return
    n, size = len(text), len(surface)
    start = text.find(surface)
    while start >= 0:
        end = start + size
        if not (start and _word_char(text[start - 1])) and not (end < n and _word_char(text[end])):
            yield start, end
            start = text.find(surface, end)  # finditer goes on after a match
        else:
            start = text.find(surface, start + 1)


def _word_char(ch: str) -> bool:
    r"""A character of regex ``[\w-]`` (``\w`` on str: ``isalnum()`` or the underscore)."""
    return ch.isalnum() or ch in "_-"


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def find_mentions(
    doc: Doc, gaz: Gazetteer, *, doc_ents: Sequence[Span] | None = None
) -> list[Mention]:
    """Non-overlapping toponym mentions in document order (``doc_ents``: ``doc.ents`` if read)."""
    spans = doc.ents if doc_ents is None else doc_ents  # built from the tokens on every access
    trims = _trimmed(doc, spans)
    ents = list(_entity_mentions(doc, gaz, ents=spans, trims=trims))
    blockers = [(e.start_char, e.end_char) for e in spans if e.label_ not in PLACE_LABELS]
    people = [(e.start_char, e.end_char) for e in spans if e.label_ == "PERSON"]
    text = text_of(doc)
    chosen = [Mention(s, e, text[s:e], "dateline") for s, e in dateline_spans(text, gaz)]
    upper, cap = _upper_initial(doc)
    # phrases first, longest first: they carry our curated knowledge
    for m in sorted(_phrase_mentions(text), key=lambda m: (m.start - m.end, m.start)):
        if any(s <= m.start and m.end <= e and (e - s) > (m.end - m.start) for s, e in blockers):
            continue  # inside a longer non-place entity ("Shanghai Cooperation Organization")
        if any(s < m.end and m.start < e for s, e in people):
            continue  # a person named Georgia
        if any(_overlaps(m, c) for c in chosen):
            continue
        if any(_overlaps(m, e) and (e.end - e.start) > (m.end - m.start) for e in ents):
            continue  # a longer place entity wins ("South China Sea Fleet" stays one mention)
        chosen.append(m)
    place_votes, person_votes, any_person = _votes(gaz, ents=spans, trims=trims)
    surnames = name_words(spans, gaz)  # words of people named in full ("Henry Farrin")
    persons = (_person_cued(doc, cap=cap), surnames)
    for m in ents:
        kept = _kept_entity(doc, gaz, m, (place_votes, person_votes), persons, text=text)
        if kept is not None and not any(_overlaps(kept, c) for c in chosen):
            chosen.append(kept)
    repeats = _repeated_mentions(
        gaz, chosen, place_votes, any_person, text=text, ents=spans, surnames=surnames
    )
    for m in repeats:
        chosen.append(m)
    for m in _demonym_mentions(doc, gaz, all_modifiers=DEMONYM_MODIFIERS, upper=upper):
        if not any(_overlaps(m, c) for c in chosen):
            chosen.append(m)
    if EMBEDDED_IN_NAMES:
        chosen.extend(
            m
            for m in _embedded_mentions(doc, gaz, {c.text for c in chosen}, ents=spans)
            if not any(_overlaps(m, c) for c in chosen)
        )
        for span, cand in embedded_demonyms(doc, gaz, ents=spans, upper=upper):
            m = Mention(span.start_char, span.end_char, span_text(span), "demonym", cand)
            if not any(_overlaps(m, c) for c in chosen):
                chosen.append(m)
    if CUED_NAMES:
        if "counties" in text.lower() or "parishes" in text.lower():  # else none to find
            taken = [(m.start, m.end) for m in chosen]
            chosen.extend(
                Mention(span.start_char, span.end_char, span_text(span), "cued")
                for span in county_list_spans(doc, gaz, taken)
            )
        cued = list(_cued_mentions(doc, gaz, chosen, person_votes, cap=cap, ents=spans))
        chosen.extend(cued)
        named = {m.text for m in cued} | {m.text.title() for m in chosen if m.source == "dateline"}
        chosen.extend(
            _occurrences(gaz, sorted(named), chosen, text=text, ents=spans, surnames=surnames)
        )
    return sorted(chosen, key=lambda m: m.start)


def _kept_entity(
    doc: Doc,
    gaz: Gazetteer,
    m: Mention,
    votes: tuple[Counter[str], Counter[str]],
    people: tuple[set[str], set[str]],
    *,
    text: str,
) -> Mention | None:
    """An NER place mention as kept (or cut to the town leading it), None when it is dropped.
    ``people``: names used as a person ("Ripley said"); first and last words of full names
    ("Henry Farrin")."""
    if _road(m.text, streets=not STREET_NAMES) or lookup_key(m.text) in load_not_places():
        return None  # "Highway 19": not toponyms in either gold standard; "God", "Toyota"
    if m.text.lower() in place_words().directions and not gaz.names.get(lookup_key(m.text)):
        return None  # "the North's peace process": a compass word alone
    if lookup_key(m.text) in load_given_names() and not gaz.lookup(m.text):
        return None  # "Maria", "Helen": a person (or a storm), not a village of that name
    place_votes, person_votes = votes
    people_here, surnames = people
    pv, lv = person_votes[m.text], place_votes[m.text]
    area_or_major = _is_area(m.text, gaz) or _major(m.text, gaz)
    if m.text in people_here and not area_or_major:
        return None  # "Ripley said", "Mr. Ripley": a person wherever else NER calls it a place
    if m.text in surnames and not area_or_major and not place_cued(doc, m.start, m.end, gaz):
        return None  # "Henry Farrin ... Farrin walked in": the person
    if (pv > lv or (pv and pv == lv and not gaz.lookup(m.text))) and not _is_area(m.text, gaz):
        return None  # one sense per discourse: mostly a person's name here ("Saakashvili")
    if UNKNOWN_NAMES_CHECKED and not candidates_of(m, gaz):
        street = _road(m.text, streets=True)
        keep = unknown_span(doc, m.start, m.end, gaz, street=street, named=set(place_votes))
        if keep is None:
            return None  # "United Way", "Webb Center": no gazetteer knows it, nothing says place
        return Mention(keep[0], keep[1], text[keep[0] : keep[1]], m.source)
    return m


def _major(text: str, gaz: Gazetteer) -> bool:
    """A major city (or capital) under its main name: "Beijing said" is the government."""
    return max((c.prior for c in gaz.names.get(lookup_key(text), ())), default=0.0) >= (
        MAJOR_CITY_PRIOR
    )


def _cued_mentions(
    doc: Doc,
    gaz: Gazetteer,
    chosen: list[Mention],
    person_votes: Counter[str],
    *,
    cap: list[bool],
    ents: Sequence[Span],
) -> Iterator[Mention]:
    """Capitalised names NER missed or mislabelled that the gazetteer knows and the context marks
    as places ("in Gainesville", "Mansfield Police Department", "an Alexandria woman")."""
    name_parts = {
        i
        for ent in ents
        if ent.label_ == "PERSON" and len(ent) > 1
        for i in range(ent.start, ent.end)
    }
    ent_of = {i: ent for ent in ents for i in range(ent.start, ent.end)}
    taken = [(m.start, m.end) for m in chosen]
    tokens = _CuedTokens(doc, cap)
    # a name is capitalised alphabetic words (``cap``): a token that is not starts none
    i = 0
    while i < len(doc):
        hit = _cued_at(doc, i, gaz, ent_of, name_parts, person_votes, tokens) if cap[i] else None
        if hit is None:
            i += 1
            continue
        span = doc[i:hit]
        if not any(s < span.end_char and span.start_char < e for s, e in taken):
            taken.append((span.start_char, span.end_char))
            yield Mention(span.start_char, span.end_char, span_text(span), "cued")
        i = hit


class _CuedTokens:
    """What ``_cued_at`` reads of each token, from the Doc's arrays once per document (a Token
    or Span object per candidate name and length cost more than the whole check)."""

    def __init__(self, doc: Doc, cap: list[bool]) -> None:
        self.stop, pos = token_columns(doc, (IS_STOP, POS))
        self.propn = [p == PROPN for p in pos]
        self.starts, self.ends = token_bounds(doc)
        self.cap = cap
        self.text = text_of(doc)

    def text_of(self, i: int, j: int) -> str:
        """``doc[i:j].text``."""
        return self.text[self.starts[i] : self.ends[j - 1]]

    def lower(self, i: int) -> str:
        """``doc[i].lower_``."""
        return self.text[self.starts[i] : self.ends[i]].lower()


def _cued_at(
    doc: Doc,
    i: int,
    gaz: Gazetteer,
    ent_of: dict[int, Span],
    name_parts: set[int],
    person_votes: Counter[str],
    tokens: _CuedTokens,
) -> int | None:
    """End token of a cued place name starting at token ``i`` (longest first), or None. Tests
    that hold for every length are made once, before the loop."""
    if tokens.lower(i) == "the" or i in name_parts:
        return None
    ent = ent_of.get(i)
    if ent is not None and ent.label_ not in CUED_LABELS:
        return None
    cap = tokens.cap
    for j in range(min(len(doc), i + 3), i, -1):
        if not all(cap[i:j]):
            continue
        text = tokens.text_of(i, j)
        if any(k in name_parts for k in range(i, j)) or person_votes[text]:
            continue
        if _acronym(text) or (j == i + 1 and (tokens.stop[i] or not tokens.propn[i])):
            continue
        if ent is not None:
            if ent.end < j:
                continue
            exact = ent.start == i and ent.end == j
            if not exact and not (ent.start == i and tokens.lower(j) in place_words().followers):
                continue
            if ent.label_ == "NORP" and gaz.demonym(text) is not None:
                continue
        elif j < len(doc) and ent_of.get(j - 1) is not None:
            continue
        if _cue(doc, i, j, gaz) and _known_place(text, gaz) and _plain_name(doc[i:j], gaz):
            return j
    return None


def _embedded_mentions(
    doc: Doc, gaz: Gazetteer, named: set[str], *, ents: Sequence[Span]
) -> Iterator[Mention]:
    """Places named inside an organisation's name: countries and states anywhere ("the Georgia
    Bureau of Investigation", "the U.S. Defense Department"), longest known area, left to right;
    a town or county leading a local institution's name ("the Mansfield Police Department",
    "Clarke County Superior Court")."""
    name_parts = {
        i
        for ent in ents
        if ent.label_ == "PERSON" and len(ent) > 1
        for i in range(ent.start, ent.end)
    }
    for ent in ents:
        if ent.label_ not in {"ORG", "MONEY"}:  # MONEY: "43.8 billion US dollars"
            continue
        i = ent.start
        while i < ent.end:
            if doc[i].lower_ in _LEADING:
                i += 1
                continue
            lead = ent.label_ == "ORG" and (
                i == ent.start or doc[i - 1].lower_ in _LEADING and i == ent.start + 1
            )
            if not doc[i].text[:1].isupper():
                i += 1  # no name starts here, whatever its length
                continue
            for j in range(min(ent.end, i + 3), i, -1):
                span = doc[i:j]
                if any(c.feature in EMBEDDED_FEATURES for c in gaz.lookup(span_text(span))) or (
                    lead and _local_prefix(doc, span, ent, gaz, name_parts, named)
                ):
                    yield Mention(span.start_char, span.end_char, span_text(span), "embedded")
                    i = j - 1
                    break
            i += 1


def _local_prefix(
    doc: Doc, span: Span, ent: Span, gaz: Gazetteer, name_parts: set[int], named: set[str]
) -> bool:
    """A town or county name leading an organisation name, followed by an institution word or
    named as a place elsewhere in the document ("the Dublin Veterans Project")."""
    if span.end >= ent.end or doc[span.end].lower_ in _DESIGNATORS:
        return False  # "Laurel County Fiscal Court": the county, not the town
    if span[-1].lower_ == "city" and len(span) > 1 and _town(span_text(span[:-1]), gaz):
        return False  # "Dublin City Council": the council of Dublin
    institution = (
        span[-1].lower_ in _DESIGNATORS or doc[span.end].lower_ in place_words().institution
    )
    if not institution and span_text(span) not in named:
        return False
    if any(t.i in name_parts or not t.is_alpha for t in span) or _acronym(span_text(span)):
        return False
    return _known_place(span_text(span), gaz)


def extract_places(doc: Doc, *, gazetteer: Gazetteer | None = None) -> list[Place]:
    """Toponyms of ``doc`` resolved to name, ISO-3 country, coordinates, feature and geonameid."""
    gaz = gazetteer or load_gazetteer()
    ents = doc.ents  # spaCy builds the spans on every access: read once
    return resolve(doc, find_mentions(doc, gaz, doc_ents=ents), gaz, doc_ents=ents)


# --- knowledge checks ----------------------------------------------------------------------


def check_knowledge() -> list[str]:
    """Problems in our places data files, cue word lists included (empty when they are sound)."""
    return check_places_data() + word_problems()
