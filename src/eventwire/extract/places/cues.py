"""Place cues for the places extractor: word lists and cheap checks around a candidate name.

Exact dict lookups on normalised keys only (small gazetteer main names, large gazetteer), so a
document costs O(tokens). Used by ``eventwire.extract.places``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import IDX, IS_ALPHA
from spacy.tokens import Doc, Span

from ...knowledge.gazetteer import Gazetteer, load_not_places, lookup_key
from ...knowledge.gazetteer_large import load_large_gazetteer
from ...knowledge.wordlists import load_word_lists, word_list_problems
from ..doctext import span_text, text_of, token_columns


@dataclass(frozen=True, slots=True)
class PlaceWords:
    """The cue words of ``data/places/words.en.yaml`` (see the file for what each list is for)."""

    prepositions: frozenset[str]  # "in Gainesville"
    strong_prepositions: frozenset[str]  # the prepositions less the weak ones ("of", "to")
    followers: frozenset[str]  # "Mansfield Police"
    institution: frozenset[str]  # followers plus "Lombard Historical Society" words
    local: frozenset[str]  # institution plus "Greer City Hall" words
    person_titles: frozenset[str]
    speech_verbs: frozenset[str]
    streets: frozenset[str]
    roads: frozenset[str]
    directions: frozenset[str]
    geo_nouns: frozenset[str]  # "Catawba River"
    leading_geo_nouns: frozenset[str]  # "Lake Tahoe"
    geo_heads: frozenset[str]  # "Chinese territory"


@lru_cache(maxsize=1)
def place_words() -> PlaceWords:
    """The places extractor's word lists, loaded once per process."""
    w = load_word_lists("places")
    institution = w["place_followers"] | w["institution_words"]
    return PlaceWords(
        prepositions=w["place_prepositions"],
        strong_prepositions=w["place_prepositions"] - w["weak_prepositions"],
        followers=w["place_followers"],
        institution=institution,
        local=institution | w["local_words"],
        person_titles=w["person_titles"],
        speech_verbs=w["speech_verbs"],
        streets=w["street_words"],
        roads=w["road_words"],
        directions=w["directions"],
        geo_nouns=w["geo_nouns"],
        leading_geo_nouns=w["leading_geo_nouns"],
        geo_heads=w["geo_heads"],
    )


def word_problems() -> list[str]:
    """Problems of the word file (``lexicon check``, through ``check_knowledge``)."""
    return word_list_problems("places", required=WORD_LISTS)


WORD_LISTS = (
    "place_prepositions",
    "weak_prepositions",
    "place_followers",
    "institution_words",
    "local_words",
    "person_titles",
    "speech_verbs",
    "street_words",
    "road_words",
    "directions",
    "geo_nouns",
    "leading_geo_nouns",
    "geo_heads",
)
_DESIGNATORS = frozenset({"county", "parish", "township", "borough"})
PARTY_CODES = frozenset({"R", "D", "I", "DFL"})  # US legislators' "R-Texas", "DFL-Cook"
_PLURAL_DESIGNATORS = frozenset({"counties", "parishes"})
CUED_MIN_POPULATION = 1000  # a large-gazetteer town needs this many people to count


def road(text: str, *, streets: bool) -> bool:
    """Numbered roads ("Highway 19", "Interstate 75", "County Road 80") and, with ``streets``,
    street names ("Main Street")."""
    words = text.lower().replace(".", "").replace("-", " ").split()
    if len(words) < 2:
        return False
    cues = place_words()
    return (
        (streets and words[-1] in cues.streets)
        or (words[0] in cues.roads and words[1][:1].isdigit())
        or words[:2] == ["county", "road"]
    )


def upper_initial(doc: Doc) -> tuple[list[bool], list[bool]]:
    """Per token: its first character is upper case; that and the token is alphabetic. Read
    from ``doc.to_array`` and the text, without building a Token object per token."""
    text = text_of(doc)
    starts, alpha = token_columns(doc, (IDX, IS_ALPHA))
    upper = [text[idx].isupper() for idx in starts]
    cap = [up and bool(a) for up, a in zip(upper, alpha, strict=True)]
    return upper, cap


def person_cued(doc: Doc, *, cap: list[bool] | None = None) -> set[str]:
    """Single names the document uses as a person: after a title ("Mr. Farrin", "Sgt. Ripley")
    or as the subject of a speech verb ("Ripley said"). ``cap``: ``upper_initial(doc)[1]``."""
    names: set[str] = set()
    if cap is None:
        cap = upper_initial(doc)[1]
    cues = place_words()
    for i in (k for k, c in enumerate(cap) if c):
        tok = doc[i]
        prev = doc[tok.i - 1].text.rstrip(".").lower() if tok.i > 0 else ""
        speaker = tok.dep_ == "nsubj" and tok.head.lower_ in cues.speech_verbs
        if prev in cues.person_titles or speaker:
            names.add(tok.text)
    return names


def known_place(text: str, gaz: Gazetteer) -> bool:
    """A name the gazetteers know under its main name as a populated place or an area."""
    if gaz.names.get(lookup_key(text)):
        return True
    large = load_large_gazetteer()
    if large is None:
        return False
    return any(
        c.feature in {"county", "state"} or c.population >= CUED_MIN_POPULATION
        for c in large.lookup(text)
    )


def cue(doc: Doc, start: int, end: int, gaz: Gazetteer) -> bool:
    """A place cue around ``doc[start:end]``: a place preposition before, an institution or
    place noun after, or ", <state or country>" after ("Greer, S.C.")."""
    cues = place_words()
    if start > 0 and doc[start - 1].lower_ in cues.prepositions:
        return True
    if end < len(doc) and doc[end].lower_ in cues.followers:
        return True
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "based":
        return True  # "Northbrook-based"
    if start > 1 and doc[start - 1].text == "-" and doc[start - 2].text in PARTY_CODES:
        return True  # "Rep. Torrey Westrom, R-Elbow Lake"
    if end + 1 < len(doc) and doc[end].text == ",":
        return any(c.feature in {"state", "country"} for c in gaz.lookup(doc[end + 1].text))
    return False


def town(text: str, gaz: Gazetteer) -> bool:
    return any(c.feature == "city" for c in gaz.names.get(lookup_key(text), ()))


def acronym(text: str) -> bool:
    """Short letter codes ("AI", "MoD") that NER mislabels as places when no gazetteer knows them."""
    return len(text) <= 4 and sum(c.isupper() for c in text) >= 2


def plain_name(span: Span, gaz: Gazetteer) -> bool:
    """Not a name whose sense is not a place ("God"), not a compass word, and a single word
    opening a sentence must be a town the small gazetteer knows ("Highways officials" no)."""
    text = span_text(span)
    if lookup_key(text) in load_not_places() or text.lower() in place_words().directions:
        return False
    return len(span) > 1 or not span[0].is_sent_start or bool(gaz.names.get(lookup_key(text)))
