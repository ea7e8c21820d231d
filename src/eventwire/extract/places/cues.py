"""Place cues for the places extractor: word lists and cheap checks around a candidate name.

Exact dict lookups on normalised keys only (small gazetteer main names, large gazetteer), so a
document costs O(tokens). Used by ``eventwire.extract.places``.
"""

from __future__ import annotations

from spacy.attrs import IDX, IS_ALPHA
from spacy.tokens import Doc, Span

from ...knowledge.gazetteer import Gazetteer, load_not_places, lookup_key
from ...knowledge.gazetteer_large import load_large_gazetteer
from ..doctext import text_of

# Words before a name that make it a place ("in Gainesville", "near Twin Lakes").
PLACE_PREPOSITIONS = frozenset(
    {"in", "near", "from", "of", "outside", "around", "throughout", "across", "into", "to", "over"}
    | {"through", "toward", "towards", "within", "inside", "via"}
)
# Words after a name that make it a place ("Mansfield Police", "an Alexandria woman").
PLACE_FOLLOWERS = frozenset(
    {
        "police",
        "mayor",
        "city",
        "fire",
        "sheriff",
        "council",
        "resident",
        "residents",
        "man",
        "woman",
        "men",
        "women",
        "teen",
        "boy",
        "girl",
        "native",
        "area",
        "township",
        "officials",
        "schools",
        "-based",
    }
)
# Words after a town's name that make an organisation name local ("Lombard Historical Society").
INSTITUTION_WORDS = PLACE_FOLLOWERS | {
    "county",
    "public",
    "high",
    "school",
    "board",
    "chamber",
    "historical",
    "library",
    "hospital",
    "department",
    "district",
    "municipal",
    "community",
    "regional",
    "parks",
    "recreation",
    "housing",
    "college",
    "medical",
    "health",
    "commission",
    "superior",
    "circuit",
    "village",
    "town",
    "country",
    "police",
    # newspapers named after their town ("the Washington Post", "the Augusta Herald")
    "post",
    "times",
    "herald",
    "tribune",
    "journal",
    "gazette",
    "chronicle",
    "daily",
}
_DESIGNATORS = frozenset({"county", "parish", "township", "borough"})
PARTY_CODES = frozenset({"R", "D", "I", "DFL"})  # US legislators' "R-Texas", "DFL-Cook"
_PLURAL_DESIGNATORS = frozenset({"counties", "parishes"})
PERSON_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sen",
        "rep",
        "gov",
        "sgt",
        "lt",
        "capt",
        "officer",
        "deputy",
        "detective",
        "judge",
        "coach",
        "president",
        "minister",
        "pastor",
        "rev",
    }
)
SPEECH_VERBS = frozenset(
    {"said", "says", "told", "tells", "added", "explained", "recalled", "testified", "admitted"}
)
_STREET_WORDS = frozenset(
    {"street", "st", "road", "rd", "avenue", "ave", "drive", "lane", "boulevard", "blvd"}
)
DIRECTIONS = frozenset(
    f"{d}{suffix}"
    for d in ("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest")
    for suffix in ("", "ern")
)
_ROAD_WORDS = frozenset({"highway", "hwy", "interstate", "route", "i"})
CUED_MIN_POPULATION = 1000  # a large-gazetteer town needs this many people to count


def road(text: str, *, streets: bool) -> bool:
    """Numbered roads ("Highway 19", "Interstate 75", "County Road 80") and, with ``streets``,
    street names ("Main Street")."""
    words = text.lower().replace(".", "").replace("-", " ").split()
    if len(words) < 2:
        return False
    return (
        (streets and words[-1] in _STREET_WORDS)
        or (words[0] in _ROAD_WORDS and words[1][:1].isdigit())
        or words[:2] == ["county", "road"]
    )


def upper_initial(doc: Doc) -> tuple[list[bool], list[bool]]:
    """Per token: its first character is upper case; that and the token is alphabetic. Read
    from ``doc.to_array`` and the text, without building a Token object per token."""
    text = text_of(doc)
    upper: list[bool] = []
    cap: list[bool] = []
    for idx, alpha in doc.to_array([IDX, IS_ALPHA]).tolist():
        up = text[idx].isupper()
        upper.append(up)
        cap.append(up and bool(alpha))
    return upper, cap


def person_cued(doc: Doc, *, cap: list[bool] | None = None) -> set[str]:
    """Single names the document uses as a person: after a title ("Mr. Farrin", "Sgt. Ripley")
    or as the subject of a speech verb ("Ripley said"). ``cap``: ``upper_initial(doc)[1]``."""
    names: set[str] = set()
    if cap is None:
        cap = upper_initial(doc)[1]
    for i in (k for k, c in enumerate(cap) if c):
        tok = doc[i]
        prev = doc[tok.i - 1].text.rstrip(".").lower() if tok.i > 0 else ""
        speaker = tok.dep_ == "nsubj" and tok.head.lower_ in SPEECH_VERBS
        if prev in PERSON_TITLES or speaker:
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
    if start > 0 and doc[start - 1].lower_ in PLACE_PREPOSITIONS:
        return True
    if end < len(doc) and doc[end].lower_ in PLACE_FOLLOWERS:
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
    if lookup_key(span.text) in load_not_places() or span.text.lower() in DIRECTIONS:
        return False
    return len(span) > 1 or not span[0].is_sent_start or bool(gaz.names.get(lookup_key(span.text)))
