"""The countries of a document and of its sentences, as the coder reads them from the actor
mentions and places of :class:`~.args.ActorIndex`: the dateline's country, the document's main
country and the countries each sentence names."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from ...records import Actor
from ..actors.types import main_country
from .args import ActorIndex
from .model import STATELESS
from .places import dateline_candidate


def dateline_country(doc: Doc) -> str | None:
    found = dateline_candidate(doc)
    return found.country if found is not None else None


def document_country(
    doc: Doc, index: ActorIndex, state_sectors: frozenset[str] = frozenset()
) -> str | None:
    """The document's country: its dateline's, else the country of at least half and at least two
    of its country mentions (actors and places), more than any other, or of at least three and
    twice any other's (a story on Samoa's measles that names Australia and Fiji in passing), or the
    one country a one-sentence text names, as a body of its state's (``state_sectors``: "Kenya's
    president"; not "troops fired on Palestinian protesters"); None for a two-country story."""
    found = dateline_country(doc)
    if found:
        return found
    mentions: dict[int, str] = {}
    roles: set[str] = set()  # countries named as their state's ("Kenya's president": KENGOV)
    for actors in index.by_token.values():
        for actor in actors:
            if country_cue(actor):
                mentions[actor.start] = actor.country or ""
                if (actor.sector or "")[:3] in state_sectors and actor.code != actor.country:
                    roles.add(actor.country or "")
    for actor in index.places.values():
        mentions.setdefault(actor.start, actor.country or "")
    counts = Counter(c for c in mentions.values() if c)
    ranked = counts.most_common(2)
    if len(ranked) == 2 and ranked[0][1] >= 3 and ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0]  # a story about one country that names a few others in passing
    if len(ranked) == 1 and roles == {ranked[0][0]} and _one_sentence(doc):
        return ranked[0][0]  # "Kenya's president urged the opposition": its roles are Kenya's
    return main_country(counts)


def _one_sentence(doc: Doc) -> bool:
    return sum(1 for s in doc.sents if s.text.strip()) == 1


def names_country(sent: Span, index: ActorIndex) -> bool:
    """A country cue in the sentence: an actor with a country or a place."""
    by_token, places = index.by_token, index.places
    return any(
        any(a.country for a in by_token.get(i, ())) or i in places
        for i in range(sent.start, sent.end)
    )


def country_cue(actor: Actor) -> bool:
    """An actor whose country tells where a story or a sentence is: not an international body
    ("NGO" for Amnesty, "UNO" for the UN), nor a news medium ("according to The Guardian")."""
    return bool(actor.country) and actor.code[:3] not in STATELESS and actor.sector != "MED"


def sentence_countries(sent: Span, index: ActorIndex) -> list[str]:
    """The countries a sentence names (actors with a country, and places), in text order."""
    by_token, places = index.by_token, index.places
    out: list[str] = []
    for i in range(sent.start, sent.end):
        found = [a.country or "" for a in by_token.get(i, ()) if country_cue(a)]
        if i in places and places[i].country:
            found.append(places[i].country or "")
        for country in found:
            if country not in out:
                out.append(country)
    return out
