"""Who the words of an event name, where the actor dictionaries say little: actors of a known code
(``_known``), named subjects no dictionary codes (``---``), states named as places, appositions and
groups, sector-only roles, targets named but uncoded, and the state whose police or courts act on
its people (``_in_jurisdiction``). Helpers of ``emit.events_for``."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

from ...records import Actor
from ..parsetree import ParsedToken
from .args import ActorIndex
from .countries import names_country, sentence_countries
from .doers import noun_phrase
from .lexicon import Lexicon
from .model import NAMED, STATELESS, UNCODED, Candidate


def _known(
    actors: list[Actor], local: str | None = None, sectors: frozenset[str] = frozenset()
) -> list[Actor]:
    """Actors with a country, or international and unknown groups by design (IGO, IMG, NGO...);
    a bare sector ("the government", "their militaries" left as GOV, MIL) says nothing of who acted,
    unless the sentence names no country and the document has one (``local``): "police" in a story
    from Belgrade are SRBCOP."""
    out: list[Actor] = []
    for actor in actors:
        if actor.country or actor.code[:3] in STATELESS or _fixed(actor):
            out.append(actor)
        elif local and actor.code[:3] in sectors:
            out.append(replace(actor, code=local + actor.code, country=local))
    return out


def _each_code(actors: list[Actor]) -> list[Actor]:
    """An actor a dictionary gives several codes ("THE_SHIRE [FRO/BIL/SAM]") is each of them, as
    PETRARCH codes it: one event per code."""
    out: list[Actor] = []
    for actor in actors:
        codes = [c for c in actor.code.split("/") if c] if "/" in actor.code else [actor.code]
        out += [actor if len(codes) == 1 else replace(actor, code=code) for code in codes]
    return out


def _fixed(actor: Actor) -> bool:
    """A dictionary's own code for a group of no country (a militia, a movement): a named actor,
    not a bare sector."""
    return not actor.sector and len(actor.code) > 3 and not actor.code.startswith(UNCODED)


def _named_states(tokens: list[ParsedToken], index: ActorIndex) -> list[Actor]:
    """Subjects that are a country's name the actor dictionaries left as a place ("Mali requested
    peacekeepers", "Jordan shared intelligence": names that are also people's): the state."""
    from ..places import resolve_name  # the gazetteer, loaded with the places extractor

    out: list[Actor] = []
    for token in tokens:
        place = index.places.get(token.i)
        if place is None or not place.country or token.dep_ not in ("nsubj", "agent"):
            continue
        found = resolve_name(place.text)
        if found is not None and found.feature == "country" and found.country == place.country:
            out.append(place)
    return out


def _uncoded(tokens: list[ParsedToken]) -> list[Actor]:
    """Named subjects no dictionary knows (ICE, Babis, the ELN): actors with the null code, so the
    event is kept with who did it as written; a common noun ("flights") is no actor."""
    out: list[Actor] = []
    for token in tokens:
        acronym = token.is_upper and len(token) > 1 and token.is_alpha  # "ICE", "DHS"
        if token.ent_type_ not in NAMED and token.pos_ != "PROPN" and not acronym:
            continue
        if token.ent_type_ and token.ent_type_ not in NAMED:
            continue  # a date, a number or an amount ("Monday's attack", "Twin bombings")
        span = _name_span(token)
        if not any(a.start == span.start_char for a in out):
            out.append(
                Actor(span.text, span.start_char, span.end_char, UNCODED, None, None, span.text)
            )
    return out


def _as_phrases(actors: list[Actor], given: list[ParsedToken]) -> list[Actor]:
    """Swapped dictionaries: uncoded actors as the noun phrases of the arguments that hold them
    ("Gryffindor's head Minerva McGonagall left"), the words PETRARCH writes for a new actor."""
    out: list[Actor] = []
    for actor in actors:
        for token in given:
            phrase = noun_phrase(token)
            if phrase.start_char <= actor.start and actor.end <= phrase.end_char:
                actor = replace(
                    actor, text=phrase.text, start=phrase.start_char, end=phrase.end_char
                )
                break
        out.append(actor)
    return out


def _named_target(cand: Candidate, sources: list[Actor], lex: Lexicon) -> list[Actor]:
    """The target argument as written when it is a person's or an organisation's name that no
    dictionary codes ("imposed sanctions on Mahan Air"): the null code, as for such a doer."""
    names = [t for t in _no_topics(cand.targets, lex) if t.ent_type_ in ("PERSON", "ORG")]
    found = _uncoded(names)
    return [a for a in found if not any(s.start <= a.start < s.end for s in sources)][:1]


DOMESTIC_SECTORS = frozenset({"COP", "JUD"})  # they act within their own state's bounds


def _in_jurisdiction(
    sources: list[Actor], targets: list[Actor], countries: list[str]
) -> list[Actor]:
    """Police or a court of no named country acting on people of one ("police arrested two
    Kenyan activists", "prosecutors charged a Russian opposition leader"), in a sentence that
    names no other country, are that country's: they act within their own state's bounds. Not
    on a place or a state ("the court investigated war crimes committed in Darfur")."""
    placed = {t.country for t in targets if t.country}
    people = targets and all(t.country and t.code != t.country for t in targets)  # not a place
    if not people or len(placed) != 1 or set(countries) - placed:
        return sources
    (country,) = placed
    return [
        replace(a, code=country + a.code[3:], country=country)
        if a.code.startswith(UNCODED) and a.code[3:6] in DOMESTIC_SECTORS
        else a
        for a in sources
    ]


def _new(actors: list[Actor]) -> bool:
    """Actors of the null code alone: names no dictionary codes."""
    return all(a.code == UNCODED for a in actors)


def _news_medium(actor: Actor) -> bool:
    """A news medium (sector MED), not a state's own organ (GOVMED: KCNA speaks for Pyongyang)."""
    return actor.code.endswith("MED") and not actor.code.endswith("GOVMED")


def _appositions(tokens: list[ParsedToken]) -> list[ParsedToken]:
    """The descriptions set beside unknown names ("Sami Mushasha, a spokesperson for UNRWA")."""
    return [c for t in tokens for c in t.children if c.dep_ == "appos"]


# entity labels of a group a common noun may be named by ("Jewish leaders", "Hezbollah fighters")
GROUP_ENTS = frozenset({"NORP", "ORG"})


def _named_for(tokens: list[ParsedToken], group_heads: frozenset[str]) -> list[ParsedToken]:
    """The names a common noun stands for: the person it introduces ("the Mafia boss Albert
    Anastasia"), the body it belongs to ("two leaders of the Alliance For Change") or, for the
    people of a group (``group_heads``), the group that names them ("Jewish leaders", "Muslim
    clerics": a religion or a people no country codes)."""
    out: list[ParsedToken] = []
    for token in tokens:
        if token.pos_ != "NOUN":
            continue
        for child in token.children:
            if child.dep_ == "appos":
                out.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("of", "for"):
                out += [c for c in child.children if c.dep_ == "pobj"]
            elif (
                child.dep_ in ("amod", "compound")
                and child.ent_type_ in GROUP_ENTS
                and token.lemma_.lower() in group_heads
            ):
                out.append(child)
    return out


def sent_from(tokens: list[ParsedToken], sending: frozenset[str]) -> list[ParsedToken]:
    """The body common nouns come from or were sent by ("inspectors from the IAEA", "trucks from
    the World Food Programme", "bulldozers sent by the Civil Administration"): who sent them acts
    through them."""
    nouns = [t for t in tokens if t.pos_ == "NOUN"]
    # "a convoy of 40 lorries organised by the WFP": the lorries of a counted whole
    nouns += [
        o
        for t in nouns
        for p in t.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj" and o.tag_ == "NNS"  # not "reports of the incident from the Marines"
    ]
    preps = [c for t in nouns for c in t.children if c.dep_ == "prep" and c.lower_ == "from"]
    preps += [  # a participle of sending with its agent ("sent by"; `sending_verbs`)
        a
        for t in nouns
        for v in t.children
        if v.dep_ == "acl" and v.tag_ == "VBN" and v.lemma_.lower() in sending
        for a in v.children
        if a.dep_ == "agent"
    ]
    return [o for c in preps for o in c.children if o.dep_ == "pobj"]


def _sector_only(actors: list[Actor], sectors: frozenset[str] | None) -> list[Actor]:
    """Actors known only by their sector ("teachers", "the government"), with the null country;
    ``sectors`` None: any sector (swapped dictionaries: "clerics" ---REL, as PETRARCH codes them)."""
    return [
        replace(a, code=UNCODED + a.code, country=None)
        for a in actors
        if not a.country and (a.code[:3] in sectors if sectors is not None else a.sector)
    ]


def _null(actors: list[Actor]) -> bool:
    """Sector-only actors of the null country ("---EDU"): actors, not places."""
    return all(a.code.startswith(UNCODED) and a.sector for a in actors)


def _name_span(token: ParsedToken) -> Span:
    """The entity a token is part of, else the token with its compound modifiers."""
    doc = token.doc
    if token.ent_type_:
        start = token.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = token.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc.span(start, end)
    left = [c.i for c in token.children if c.dep_ == "compound" and c.i < token.i]
    return doc.span(min([token.i, *left]), token.i + 1)


def _no_topics(tokens: list[ParsedToken], lex: Lexicon) -> list[ParsedToken]:
    """Targets that are not topics ("discussed Libya-Turkey relations": the relations are discussed)."""
    return [t for t in tokens if t.lemma_.lower() not in lex.topic_nouns]


def only_home(sent: Span, index: ActorIndex, home: str, bare_verbs: bool) -> bool:
    """Whether a bare sector of the sentence ("police said", "the government banned") is the
    document's country's: the sentence names no country but it, and not as a state ("Police said
    Dar was brought to Delhi" in a story from India; not "the president will visit India"). Swapped dictionaries keep PETRARCH's rule, a sentence that
    names no country at all ("Russian police arrested students in Moscow": ---EDU)."""
    if bare_verbs:
        return not names_country(sent, index)
    parties = (i for i in range(sent.start, sent.end) if sent.doc[i].dep_ not in ROLE_MODIFIERS)
    states = (a for i in parties for a in index.by_token.get(i, ()))
    if any(a.code == home for a in states):
        return False  # "the government thanked Japan": the state named is another party
    return set(sentence_countries(sent, index)) <= {home}


# a country's name as a role's modifier is no party ("Kenya's president", "the Kenyan court")
ROLE_MODIFIERS = frozenset({"poss", "compound", "amod"})
