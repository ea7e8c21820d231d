"""Roles no actor anchors (``resolve.unanchored``): handed to the events coder, not kept as actors."""

from eventwire.extract.actors.resolve import unanchored
from eventwire.extract.actors.types import ActorMention
from eventwire.records import Actor


def _mention(start: int, sector: str, kind: str, country: str | None = None) -> ActorMention:
    code = (country or "") + sector
    return ActorMention(start, start + 2, Actor("x", 0, 1, code, country, sector, None), kind=kind)


def test_dropped_roles_of_state_sectors_are_handed_on():
    minister = _mention(0, "GOV", "title")  # "the finance minister", no earlier person
    officials = _mention(5, "GOV", "weak")  # "officials", a sentence naming two countries
    roles = unanchored([minister, officials], mentions=[])
    assert [(r.start, r.kind, r.actor.code) for r in roles] == [
        (0, "role", "GOV"),
        (5, "role", "GOV"),
    ]


def test_roles_that_became_actors_are_not_handed_on():
    title = _mention(0, "GOV", "title")
    resolved = _mention(0, "GOV", "coref", country="RUS")  # the title resolved to Putin
    assert unanchored([title], mentions=[resolved]) == []


def test_roles_that_say_too_little_are_scene_roles():
    """Placed only by where they act ("doctors went on strike across Kenya"), never the document."""
    experts = _mention(0, "EDU", "weak")  # "experts said"
    medic = _mention(4, "HLH", "weak")
    lawyers = _mention(8, "JUD", "scene")  # a dictionary role that needs a cue
    roles = unanchored([experts, medic, lawyers], mentions=[])
    assert [(r.start, r.kind, r.actor.code) for r in roles] == [
        (0, "scene", "EDU"),
        (4, "scene", "HLH"),
        (8, "scene", "JUD"),
    ]
