"""The article view's highlighting: annotation spans cut into non-overlapping text segments.

Every annotation (entity, actor, event trigger, event evidence, quote, cue, time, place) is a
``(start, end)`` span into ``documents.text``. Spans may nest or overlap, so the text is cut at
every span boundary and each segment carries the classes of all spans covering it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Mark:
    start: int
    end: int
    kind: str  # css class: entity actor trigger evidence quote cue time place
    title: str
    ref: str = ""  # event id for triggers and evidence


@dataclass(slots=True)
class Segment:
    text: str
    classes: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)


def _marks(doc: dict[str, Any]) -> list[Mark]:
    out: list[Mark] = []

    def add(start: Any, end: Any, kind: str, title: str, ref: str = "") -> None:
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end:
            out.append(Mark(start, end, kind, title, ref))

    for e in doc.get("entities", []):
        add(
            e["start"],
            e["end"],
            "entity",
            f"{e['label']}" + (f" · {e['actor_code']}" if e.get("actor_code") else ""),
        )
    for a in doc.get("actors", []):
        if a.get("role") == "entity":
            add(a["actor_start"], a["actor_end"], "actor", f"actor {a['actor_code']}")
    for t in doc.get("times", []):
        add(t["start"], t["end"], "time", f"{t['type']} {t['value']}")
    for p in doc.get("places", []):
        add(
            p["start"],
            p["end"],
            "place",
            f"place {p.get('name') or ''} {p.get('country') or ''}".strip(),
        )
    for q in doc.get("quotes", []):
        speaker = q.get("speaker_code") or q.get("speaker_text") or "unknown"
        add(q["content_start"], q["content_end"], "quote", f"quote by {speaker}")
        add(q.get("cue_start"), q.get("cue_end"), "cue", "quote cue")
    for ev in doc.get("events", []):
        label = f"event {ev['cameo']} {ev['source_code'] or ''}→{ev['target_code'] or ''}"
        add(ev["evidence_start"], ev["evidence_end"], "evidence", "evidence", ev["event_id"])
        add(ev["trigger_start"], ev["trigger_end"], "trigger", label, ev["event_id"])
        add(ev.get("source_start"), ev.get("source_end"), "actor", f"source {ev['source_code']}")
        add(ev.get("target_start"), ev.get("target_end"), "actor", f"target {ev['target_code']}")
    return out


def segments(doc: dict[str, Any]) -> list[Segment]:
    """The document text as segments, each with the classes of the spans covering it."""
    text: str = doc.get("text") or ""
    n = len(text)
    marks = [m for m in _marks(doc) if m.end <= n]
    cuts = sorted({0, n, *(m.start for m in marks), *(m.end for m in marks)})
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    out: list[Segment] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        active = [m for m in active if m.end > left] + starts.get(left, [])
        seg = Segment(text[left:right])
        for m in active:
            if m.kind not in seg.classes:
                seg.classes.append(m.kind)
            if m.kind != "evidence":
                seg.titles.append(m.title)
            if m.kind == "trigger" and m.ref not in seg.events:
                seg.events.append(m.ref)
        seg.anchors = [f"ev-{m.ref}" for m in starts.get(left, []) if m.kind == "evidence"]
        out.append(seg)
    return out
