"""Who is who among an event's actors: one actor named twice, a country and its own state, two people
or a body and a person of one code; the identity events are compared by."""

from __future__ import annotations

from ...records import Actor
from .args import PRONOUN_WORDS
from .model import UNCODED

# Sectors of the state itself: a bare country code stands for them ("Iran" acting is IRNGOV).
STATE_SECTORS = frozenset({"GOV", "MIL", "GOVMIL", "COP", "SPY", "LEG", "JUD"})


def _same_actor(a: Actor, b: Actor, *, codes: bool = False, people: bool = True) -> bool:
    """One actor twice, or a country and its own state ("Iran" and "IRNGOV"); a country acting on
    its own opposition, rebels or people ("Belarus freed its opposition activists") is two actors;
    so are two names no dictionary codes (both ---). ``codes``: only one code twice (the dyad a
    swapped dictionary's pattern names, as PETRARCH compares codes: "+ HOSTING * TABASKI ^ $":
    MORMIL hosted by MOR). ``people``: two people the dictionaries name apart are two actors
    (the action's own arguments; a target searched for elsewhere in the text is not another
    person of the source's own code)."""
    if a.code == b.code:
        return _who(a) == _who(b) and (codes or not people or not _two_people(a, b))
    if codes:
        return False
    for bare, other in ((a, b), (b, a)):
        if bare.code == bare.country and other.code.startswith(bare.code):
            return other.code[len(bare.code) :] in STATE_SECTORS
    return False


def _apart(source: Actor, target: Actor) -> bool:
    """A group of the source's own code that the text names apart, by a role ("Saudi authorities
    detained dozens of princes": SAUGOV -> SAUGOV), or a person of its own state it names ("Iran
    arrested Mohammad Ali Najafi"); not a name of the state, nor one mention."""
    if (
        _named_person(target)
        and (source.name is None or source.code == source.country)
        and target.code.startswith(source.code)
        and (target.end <= source.start or source.end <= target.start)
    ):
        return True
    return (
        source.code == target.code
        and target.name is None
        and target.country is not None
        and target.code != target.country
        and (target.end <= source.start or source.end <= target.start)
    )


def _two_people(a: Actor, b: Actor) -> bool:
    """Two people the dictionaries name apart, of one code ("Barack Obama praised Joe Biden":
    USAGOV -> USAGOV), are two actors; so are a body or role acting (``a``) and a person named
    apart from it that it acts on (``b``: "Malaysia's Anti-Corruption Commission questioned Najib
    Razak"), though not a pronoun; a country, a body or a role named twice is one, and so is a
    person acting on their own government ("Merkel praised her own government")."""
    if a.code == a.country:
        return False
    if a.name and b.name:
        return a.name != b.name
    return (
        a.name is None
        and _named_person(b)
        and (a.end <= b.start or b.end <= a.start)
        and a.text.lower() not in PRONOUN_WORDS
    )


def _named_person(actor: Actor) -> bool:
    """An actor named by its own name in the text (a person: "Najib Razak"), not a place that
    stands for a state ("Tehran": the name is Iran's) nor a country."""
    if not actor.name or actor.code == actor.country:
        return False
    text = actor.text.lower().replace("-", " ")
    return any(word in text for word in actor.name.lower().replace("-", " ").split())


def _among(actor: Actor, others: list[Actor], people: bool = True) -> bool:
    """The actor's code is one of the others', and (``people``) not another person of that code."""
    return any(o.code == actor.code and not (people and _two_people(o, actor)) for o in others)


def _who(actor: Actor | None) -> tuple[str, int, int] | None:
    """An actor's identity across events: its code, and for a name no dictionary codes (---)
    where it is written: two such names are two actors."""
    if actor is None:
        return None
    return (actor.code, actor.start, actor.end) if actor.code == UNCODED else (actor.code, 0, 0)
