"""More toponym mentions for the places extractor: capitalised datelines; person-name checks.

- ``dateline_mentions``: an ALL-CAPS town name opening an article or a paragraph and followed by
  a dash, a colon, "(AP)" or ", <state or country>" ("NEWARK -- The recent ...", "BEIRUT: A
  major ...", "UNION CITY — Hoping ...", "BAIKONUR, Kazakhstan —"). NER misses or cuts these;
  the name is looked up case-insensitively in the gazetteers.

- ``name_words`` / ``place_cued``: a single word the document uses as part of a person's full
  name ("Henry Farrin" ... "Farrin said") is that person, not a place, unless a strong place cue
  stands by it ("in Fairfield", "Fairfield police", "Fairfield, Iowa").

One regular expression over the text and a dict lookup per match: O(text).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ...knowledge.gazetteer import Candidate, Gazetteer
from ...knowledge.gazetteer_large import load_large_gazetteer
from ..doctext import span_text, text_of
from .cues import (
    _PLURAL_DESIGNATORS as PLURAL_DESIGNATORS,
)
from .cues import known_place, place_words

_CAPS_WORD = r"[A-Z][A-Z'\u2019.\-]*"
# the name: one to four ALL-CAPS words at the start of the text, a line or a sentence
_DATELINE = (
    r"(?:^|(?<=\n)|(?<=[\d%.!?;)\"'\u201d\u2019]\s)|(?<=[.!?]\s\s))"
    rf"({_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,3}})"
    r"(?=\s*(?:-{1,3}|[\u2014\u2013\x97:])|\s[\u201d]\s|\s*\(AP\)|\s{2,}\S|,\s)"
)
_CONTAINER = r",\s+([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s*(?:-{1,3}|[\u2014\u2013]|\()"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(_DATELINE), re.compile(_CONTAINER)


def saint(name: str) -> str:
    """ "ST. PARIS" -> "Saint PARIS": GeoNames spells some towns out."""
    return re.sub(r"^(?i:st\.?)\s", "Saint ", name)


def _known(name: str, gaz: Gazetteer) -> bool:
    """Any gazetteer entry: the dateline itself is the cue, so small towns count too."""
    if gaz.lookup(name):
        return True
    large = load_large_gazetteer()
    return large is not None and bool(large.lookup(name) or large.lookup(saint(name)))


def dateline_spans(text: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Character spans of ALL-CAPS dateline place names (see the module docstring)."""
    dateline, container = _patterns()
    spans = []
    for match in dateline.finditer(text):
        name = match.group(1).rstrip("-")
        if len(name.replace(".", "").replace(" ", "")) < 3 or not any(c.isalpha() for c in name):
            continue
        start, end = match.start(1), match.start(1) + len(name)
        if end < len(text) and text[end] == ",":
            box = container.match(text, end)
            if box is None or not any(
                c.feature in {"state", "country"} for c in gaz.lookup(box.group(1))
            ):
                continue
        if _known(name, gaz) or (name.endswith(".") and _known(name[:-1], gaz)):
            if name.endswith(".") and not _known(name, gaz):
                end -= 1
            spans.append((start, end))
    return spans


def name_words(ents: Sequence[Span], gaz: Gazetteer) -> set[str]:
    """First and last words of the people the document names in full ("Henry Farrin"); not of
    a known place NER tags as a person ("Tamil Nadu")."""
    words: set[str] = set()
    for ent in ents:
        bare = re.sub(r"['\u2019]s?$", "", span_text(ent))  # "Sri Lanka's"
        if ent.label_ == "PERSON" and len(ent) > 1 and not gaz.lookup(bare):
            words.update((ent[0].text, ent[-1].text))
        elif len(ent) == 3 and re.fullmatch(r"[A-Z]\.", ent[1].text) and ent[2].is_title:
            words.update((ent[0].text, ent[2].text))  # "Tyrise M. Bell" under any label
    return words


def place_cued(doc: Doc, start: int, end: int, gaz: Gazetteer) -> bool:
    """A strong place cue around the characters ``start:end``: a place preposition other than
    "of"/"to" before, a place noun after ("Fairfield police"), ", <state or country>" after."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    i, j = span.start, span.end
    cues = place_words()
    if i > 0 and doc[i - 1].lower_ in cues.strong_prepositions:
        return True
    if j < len(doc) and doc[j].lower_ in cues.followers:
        return True
    if j + 1 < len(doc) and doc[j].text == ",":
        return any(c.feature in {"state", "country"} for c in gaz.lookup(doc[j + 1].text))
    return False


DESIGNATORS = frozenset({"county", "parish", "borough", "township"})


def unknown_span(
    doc: Doc, start: int, end: int, gaz: Gazetteer, *, street: bool, named: set[str]
) -> tuple[int, int] | None:
    """What to keep of a place entity no gazetteer knows: the whole when a geographic head word
    ends or opens it ("Catawba River", "Lake Ontario") or when it is a street (``street``), but
    never a single word; the known town or county leading a local institution's
    name ("Henderson County Jail" -> "Henderson County", "Greer City Hall" -> "Greer"; a town
    also when ``named`` as a place elsewhere); else nothing ("United Way", "Webb Center")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 1:
        return None  # a single word no gazetteer knows: "Dropbox", "Danielle", "Petrojet"
    words = [t.lower_.rstrip(".") for t in span]
    cues = place_words()
    if street or words[-1] in cues.geo_nouns:
        return start, end
    if len(words) > 1 and words[0] in cues.leading_geo_nouns and span[-1].is_title:
        return start, end  # "Lake Ontario", "Town of Groton"; not "City of" alone
    for j in range(min(len(span) - 1, 3), 0, -1):
        lead = span[:j]
        if _local_lead(lead, span[j], gaz, named):
            return lead.start_char, lead.end_char
    return None


def _local_lead(lead: Span, nxt: Token, gaz: Gazetteer, named: set[str]) -> bool:
    if not all(t.is_alpha and t.text[:1].isupper() for t in lead):
        return False
    cues = place_words()
    geo = cues.geo_nouns | cues.leading_geo_nouns
    if len(lead) == 1 and (lead[0].is_stop or lead[0].lower_ in geo):
        return False
    local = lead[-1].lower_ in DESIGNATORS or nxt.lower_.rstrip("'s\u2019") in cues.local
    return (local or span_text(lead) in named) and known_place(span_text(lead), gaz)


DEMONYM_FEATURES = frozenset({"country"})  # "Russian"; not "European": measured worse


def embedded_demonyms(
    doc: Doc,
    gaz: Gazetteer,
    *,
    ents: Sequence[Span],
    upper: list[bool],
) -> Iterator[tuple[Span, Candidate]]:
    """Nationality adjectives that stand for their country inside a name or a compound: leading
    an organisation's name ("the Russian Foreign Ministry", "Canadian Coast Guard") or joined
    by a hyphen ("Russian-American art", "Georgian-controlled villages"). ``upper[k]``: token
    k is capitalised."""
    for ent in ents:
        if ent.label_ != "ORG":
            continue
        i = ent.start + (1 if ent[0].lower_ == "the" else 0)
        if i + 1 < ent.end and upper[i]:
            cand = gaz.demonym(doc[i].text)
            if cand is not None and cand.feature in DEMONYM_FEATURES:
                yield doc[i : i + 1], cand
    for match in _hyphen_words().finditer(text_of(doc)):
        cand = gaz.demonym(match.group())
        if cand is None or cand.feature not in DEMONYM_FEATURES:
            continue
        span = doc.char_span(match.start(), match.end())
        if span is not None and len(span) == 1 and span[0].ent_type_ != "PERSON":
            yield span, cand


@lru_cache(maxsize=1)
def _hyphen_words() -> re.Pattern[str]:
    """Capitalised words joined to another by a hyphen ("Russian-American")."""
    return re.compile(r"\b[A-Z][a-z]+(?=-\w)|(?<=\w-)[A-Z][a-z]+\b")


def county_list_spans(doc: Doc, gaz: Gazetteer, taken: list[tuple[int, int]]) -> Iterator[Span]:
    """Names listed before "counties" / "parishes" ("Becker, Clay and Wilkin counties"): each a
    county when "<name> County" (or Parish) is a known subdivision; none overlapping ``taken``."""
    for tok in doc:
        if tok.lower_ not in PLURAL_DESIGNATORS:
            continue
        designator = "Parish" if tok.lower_ == "parishes" else "County"
        i = tok.i
        while i > 0:
            j = i
            while j > 0 and doc[j - 1].text[:1].isupper() and doc[j - 1].is_alpha and i - j < 3:
                j -= 1
            if j == i or not known_place(f"{span_text(doc[j:i])} {designator}", gaz):
                break
            span = doc[j:i]
            if not any(s < span.end_char and span.start_char < e for s, e in taken):
                yield span
            if j > 0 and doc[j - 1].lower_ in {",", "and", "or", "&"}:
                i = j - 1 if not (j > 1 and doc[j - 2].text == ",") else j - 2
            else:
                break


def local_namesake(
    name: str, best: Candidate, states: set[str], named_in: dict[str, set[str]]
) -> Candidate | None:
    """A US town named like a small foreign country ("Palestine", "Jordan", "Lebanon") in a
    story about one of the US ``states`` whose other place names never point to that country
    (``named_in``: country code -> the surfaces that name only places in it)."""
    if best.feature != "country" or best.country in {None, "USA"} or not states:
        return None
    if best.population > LOCAL_MAX_COUNTRY_PEOPLE:
        return None  # "China" in a Texas story is still China
    if named_in.get(best.country or "", set()) - {name}:
        return None  # the country is named otherwise too ("Amman", "Jordanian")
    large = load_large_gazetteer()
    if large is None:
        return None
    towns = [
        c for c in large.lookup(name) if c.admin1 in states and c.population >= LOCAL_MIN_PEOPLE
    ]
    return max(towns, key=lambda c: c.population, default=None)


LOCAL_MIN_PEOPLE = 1000  # a namesake town needs this many people to win over a country
LOCAL_MAX_COUNTRY_PEOPLE = 15_000_000  # ... over a small country only (Jordan, Lebanon, Malta)
