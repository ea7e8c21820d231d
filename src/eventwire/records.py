"""Typed, JSON-serialisable records: the annotate/code contract.

Every ``start``/``end`` is a Python character offset into ``Document.text``.
Ids are content hashes (hashlib), stable across processes and machines.
Field names here are the public contract; keep them exactly.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


def stable_id(*parts: object, length: int = 16) -> str:
    """A short, stable hex id from the given parts (never ``hash()``)."""
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    text: str
    date: str | None = None
    source: str | None = None
    dateline: str | None = None
    title: str | None = None
    url: str | None = None
    origin: str = ""  # where it was read from: path, path:line, "-"
    body_start: int = 0  # offset of the article body (after a wire header line)

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "date": self.date,
            "source": self.source,
            "dateline": self.dateline,
            "title": self.title,
            "url": self.url,
        }


@dataclass(frozen=True, slots=True)
class Actor:
    text: str
    start: int
    end: int
    code: str
    country: str | None = None
    sector: str | None = None
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Entity:
    text: str
    start: int
    end: int
    label: str
    actor: Actor | None = None
    aliases: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "actor": self.actor.to_dict() if self.actor else None,
            "aliases": list(self.aliases),
        }


@dataclass(frozen=True, slots=True)
class TimeExpression:
    text: str
    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Place:
    text: str
    start: int
    end: int
    name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    feature: str | None
    geonameid: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Quote:
    """``speaker`` is the local mention next to the cue (an Actor when that mention is coded,
    e.g. "He" resolved by coreference; else its span); ``speaker_actor`` is who it resolves to:
    the coded Actor, or the span of the named antecedent when it has no code."""

    content: Span
    direct: bool
    speaker: Actor | Span | None = None
    cue: Span | None = None
    speaker_actor: Actor | Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_actor": self.speaker_actor.to_dict() if self.speaker_actor else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "content": self.content.to_dict(),
            "direct": self.direct,
        }


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    doc_id: str
    sentence_index: int
    source: Actor
    target: Actor | None
    cameo: str
    cameo_root: str
    plover: str
    quad_class: int
    goldstein: float
    trigger: Span
    evidence: str
    date: str | None = None
    date_precision: str = "publication"
    location: Place | None = None
    confidence: float = 0.5
    negated: bool = False
    # not in the contract's required keys but useful for auditing: sentence offsets
    evidence_start: int = 0
    evidence_end: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "plover": self.plover,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "date": self.date,
            "date_precision": self.date_precision,
            "location": self.location.to_dict() if self.location else None,
            "trigger": self.trigger.to_dict(),
            "evidence": self.evidence,
            "evidence_start": self.evidence_start,
            "evidence_end": self.evidence_end,
            "confidence": round(self.confidence, 3),
            "negated": self.negated,
        }


@dataclass(slots=True)
class Annotation:
    """Everything eventwire found in one document."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    # actor resolutions made by composition (name + role), for learning new actors;
    # not part of the printed contract, stored by ingest.
    learned: list[dict[str, Any]] = field(default_factory=list)
    # records of registered extractors beyond the five above, by extractor name
    # (pipeline/registry.py); each record a dataclass, printed with its to_dict() or asdict()
    records: dict[str, list[Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = self.document.to_dict()
        out["entities"] = [e.to_dict() for e in self.entities]
        out["events"] = [e.to_dict() for e in self.events]
        out["quotes"] = [q.to_dict() for q in self.quotes]
        out["times"] = [t.to_dict() for t in self.times]
        out["places"] = [p.to_dict() for p in self.places]
        for kind, records in self.records.items():
            out[kind] = [r.to_dict() if hasattr(r, "to_dict") else asdict(r) for r in records]
        return out
