"""Locating events from their own clause (owned by the place extractor).

``locate_events(doc, events)`` returns the events with ``location`` set from the place in
the event's own clause or prepositional phrase; the dateline is only a flagged fallback.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Event


def locate_events(doc: Doc, events: list[Event]) -> list[Event]:
    return events
