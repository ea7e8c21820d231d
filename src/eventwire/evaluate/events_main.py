"""What the event evaluations read from ``annotate`` output: the realised events of a text, its main
event, and the overlap of actor spans with gold spans.

The **main event** of a text is the first realised (not negated) event, in the order of its
trigger in the text, that is not a plain statement (CAMEO 010, the reporting verb); when every
realised event is one, the first of them; when there is none, no main event. Gold classes describe
the reported action, not the reporting verb ("X attacked Y, officials said" is material conflict), so
a plain statement only stands for the text when it reports nothing else; a comment with a content of
its own (011-019: "expressed concern", "denied", "offered condolences") is an action like any other. The rule reads only the emitted
events (no parse, no internal score), so it scores what a user of ``annotate`` gets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from .metrics import prf


class SpanLike(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class ActorLike(SpanLike, Protocol):
    @property
    def code(self) -> str: ...


class EventLike(Protocol):
    """The fields of :class:`eventwire.records.Event` the evaluations read."""

    @property
    def source(self) -> ActorLike: ...

    @property
    def target(self) -> ActorLike | None: ...

    @property
    def cameo(self) -> str: ...

    @property
    def trigger(self) -> SpanLike: ...

    @property
    def negated(self) -> bool: ...


PLAIN_STATEMENT = "010"


def realised(events: Iterable[EventLike]) -> list[EventLike]:
    """The events that are not negated, in the order of their triggers."""
    return sorted((e for e in events if not e.negated), key=lambda e: e.trigger.start)


def main_event(events: Iterable[EventLike]) -> EventLike | None:
    """The text's main event (the rule in the module docstring)."""
    ordered = realised(events)
    for event in ordered:
        if event.cameo != "010":
            return event
    return ordered[0] if ordered else None


Offsets = tuple[int, int]


def overlaps(span: SpanLike | None, golds: Iterable[Offsets]) -> bool:
    """Whether ``span`` shares at least one character with one of the ``golds`` spans."""
    if span is None:
        return False
    return any(span.start < end and start < span.end for start, end in golds)


def locate(text: str, phrase: str) -> list[Offsets]:
    """Every place ``phrase`` occurs in ``text`` (exact case first, else ignoring case)."""
    if not phrase:
        return []
    for flags in (0, re.IGNORECASE):
        found = [(m.start(), m.end()) for m in re.finditer(re.escape(phrase), text, flags)]
        if found:
            return found
    return []


def side(event: EventLike | None, role: str) -> ActorLike | None:
    """The event's source or target actor (``role``: ``source`` | ``target``)."""
    if event is None:
        return None
    actor: ActorLike | None = event.source if role == "source" else event.target
    return actor


def found_by(events: Sequence[EventLike], role: str, golds: Sequence[Offsets]) -> bool:
    """Whether one of ``events`` has its ``role`` actor over one of the gold spans."""
    return any(overlaps(side(e, role), golds) for e in events)


@dataclass(slots=True)
class PRF:
    """Counts of true positives, false positives and false negatives, added set by set."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return prf(self.tp, self.fp, self.fn)[0]

    @property
    def recall(self) -> float:
        return prf(self.tp, self.fp, self.fn)[1]

    @property
    def f1(self) -> float:
        return prf(self.tp, self.fp, self.fn)[2]

    def add(self, gold: set[Any] | frozenset[Any], pred: set[Any] | frozenset[Any]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def share(a: int, b: int) -> float:
    """``a / b`` rounded to 4 places (0.0 when ``b`` is 0)."""
    return round(a / b, 4) if b else 0.0
