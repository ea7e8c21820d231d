"""Dating events from their own words (owned by the time extractor).

``date_events(doc, events)`` returns the events with ``date``/``date_precision`` set from
the time expression that governs each trigger; the default is the document date with
precision ``"publication"``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Event


def date_events(doc: Doc, events: list[Event]) -> list[Event]:
    return events
