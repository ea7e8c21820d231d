"""Offset checks shared by the property tests and the fuzz target.

Every record the annotator emits must point inside ``Document.text`` and, where it carries
its text, ``text[start:end]`` must equal it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..records import Annotation


def _spans(ann: Annotation) -> Iterator[tuple[str, Any]]:
    for e in ann.entities:
        yield "entity", e
        if e.actor is not None:
            yield "entity.actor", e.actor
    yield from (("time", t) for t in ann.times)
    yield from (("place", p) for p in ann.places)
    for q in ann.quotes:
        yield "quote.content", q.content
        if q.cue is not None:
            yield "quote.cue", q.cue
        if q.speaker is not None:
            yield "quote.speaker", q.speaker
    for ev in ann.events:
        yield "event.trigger", ev.trigger
        yield "event.source", ev.source
        if ev.target is not None:
            yield "event.target", ev.target
        if ev.location is not None:
            yield "event.location", ev.location


def offset_problems(ann: Annotation) -> list[str]:
    """Human-readable problems; empty when every offset is right."""
    text = ann.document.text
    problems: list[str] = []
    for kind, rec in _spans(ann):
        start, end, got = rec.start, rec.end, rec.text
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            problems.append(f"{kind} {got!r}: offsets {start}:{end} outside 0:{len(text)}")
        elif text[start:end] != got:
            problems.append(f"{kind} {got!r} != text[{start}:{end}] {text[start:end]!r}")
    for ev in ann.events:
        if not 0 <= ev.evidence_start <= ev.evidence_end <= len(text):
            problems.append(
                f"event {ev.event_id}: evidence offsets {ev.evidence_start}:{ev.evidence_end}"
            )
        elif (
            ev.evidence_end > ev.evidence_start
            and text[ev.evidence_start : ev.evidence_end] != ev.evidence
        ):
            problems.append(
                f"event {ev.event_id}: evidence != text[{ev.evidence_start}:{ev.evidence_end}]"
            )
        if ev.doc_id != ann.document.doc_id:
            problems.append(f"event {ev.event_id}: doc_id {ev.doc_id} != {ann.document.doc_id}")
    return problems
