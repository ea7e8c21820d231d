"""Annotations -> column dicts -> Arrow tables, shaped exactly as :mod:`.schema` says."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..records import Actor, Annotation, Event, Span
from .schema import ACTOR_COLS, TABLES, arrow_schema

if TYPE_CHECKING:
    import pyarrow as pa

_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "AU": 9, "WI": 12}
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}|SP|SU|FA|AU|WI|W\d{2}|Q\d))?")


def parse_date(value: str | None) -> dt.date | None:
    """The first day of an ISO/TimeML date value: "2018-06-08", "2018-06", "2018-SU", "2018", "2018-W23"."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    m = _PARTIAL.match(value)
    if not m:
        return None
    year, part = int(m.group(1)), m.group(2)
    try:
        if part is None:
            return dt.date(year, 1, 1)
        if part in _SEASON_MONTH:
            return dt.date(year, _SEASON_MONTH[part], 1)
        if part.startswith("W"):
            return dt.date.fromisocalendar(year, max(1, min(int(part[1:]), 52)), 1)
        if part.startswith("Q"):
            return dt.date(year, 3 * (max(1, min(int(part[1:]), 4)) - 1) + 1, 1)
        return dt.date(year, int(part), 1)
    except ValueError:
        return None


class TableBuilder:
    """Accumulates rows for one table as columns, then builds one Arrow table."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.cols: dict[str, list[Any]] = {c: [] for c, _ in TABLES[name]}

    def add(self, **values: Any) -> None:
        for col, items in self.cols.items():
            items.append(values.get(col))

    def __len__(self) -> int:
        return len(next(iter(self.cols.values())))

    def to_arrow(self) -> pa.Table:
        import pyarrow as pa

        return pa.Table.from_pydict(self.cols, schema=arrow_schema(self.name))


def actor_values(prefix: str, actor: Actor | Span | None) -> dict[str, Any]:
    if actor is None:
        return {}
    return {f"{prefix}_{c}": getattr(actor, c, None) for c in ACTOR_COLS}


def _json(value: Any) -> str | None:
    if not value:
        return None
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


class BatchRows:
    """All rows of one ingest batch, one builder per table."""

    def __init__(self) -> None:
        self.tables = {name: TableBuilder(name) for name in TABLES}

    def add_annotation(
        self, ann: Annotation, *, cluster_ids: dict[str, str | None], now: dt.datetime
    ) -> None:
        doc = ann.document
        doc_id = doc.doc_id
        pub_date = parse_date(doc.date)
        for i, ent in enumerate(ann.entities):
            a = ent.actor
            self.tables["entities"].add(
                doc_id=doc_id,
                idx=i,
                text=ent.text,
                start=ent.start,
                end=ent.end,
                label=ent.label,
                actor_code=a.code if a else None,
                actor_country=a.country if a else None,
                actor_sector=a.sector if a else None,
                actor_name=a.name if a else None,
                aliases=list(ent.aliases),
            )
        self._add_actors(ann)
        for i, obs in enumerate(ann.learned):
            self.tables["actor_observations"].add(
                doc_id=doc_id,
                idx=i,
                text=obs.get("text"),
                start=obs.get("start"),
                end=obs.get("end"),
                name=obs.get("name"),
                role=obs.get("role"),
                code=obs.get("code"),
                country=obs.get("country"),
                sector=obs.get("sector"),
                date=parse_date(obs.get("date")) or pub_date,
                payload=_json(obs),
            )
        for i, ev in enumerate(ann.events):
            self.add_event(
                ev,
                idx=i,
                pub_date=pub_date,
                doc_source=doc.source,
                cluster_id=cluster_ids.get(ev.event_id),
            )
        self._add_quotes(ann)
        for i, t in enumerate(ann.times):
            self.tables["times"].add(
                doc_id=doc_id,
                idx=i,
                text=t.text,
                start=t.start,
                end=t.end,
                type=t.type,
                value=t.value,
            )
        for i, p in enumerate(ann.places):
            self.tables["places"].add(doc_id=doc_id, idx=i, **p.to_dict())
        self.tables["documents"].add(
            doc_id=doc_id,
            hash=doc.hash,
            date=pub_date,
            source=doc.source,
            dateline=doc.dateline,
            title=doc.title,
            url=doc.url,
            origin=doc.origin,
            body_start=doc.body_start,
            n_chars=len(doc.text),
            text=doc.text,
            ingested_at=now,
        )

    def _add_actors(self, ann: Annotation) -> None:
        rows = self.tables["actors"]
        idx = 0
        mentions: list[tuple[str, Actor | Span | None]] = [
            ("entity", e.actor) for e in ann.entities
        ]
        for ev in ann.events:
            mentions += [("source", ev.source), ("target", ev.target)]
        mentions += [("speaker", q.speaker) for q in ann.quotes]
        for role, actor in mentions:
            if isinstance(actor, Actor):
                rows.add(
                    doc_id=ann.document.doc_id, idx=idx, role=role, **actor_values("actor", actor)
                )
                idx += 1

    def _add_quotes(self, ann: Annotation) -> None:
        for i, q in enumerate(ann.quotes):
            self.tables["quotes"].add(
                doc_id=ann.document.doc_id,
                idx=i,
                **actor_values("speaker", q.speaker),
                cue_text=q.cue.text if q.cue else None,
                cue_start=q.cue.start if q.cue else None,
                cue_end=q.cue.end if q.cue else None,
                content_text=q.content.text,
                content_start=q.content.start,
                content_end=q.content.end,
                direct=q.direct,
                **actor_values("speaker_actor", q.speaker_actor),
            )

    def add_event(
        self,
        ev: Event,
        *,
        idx: int,
        pub_date: dt.date | None,
        doc_source: str | None,
        cluster_id: str | None,
    ) -> None:
        loc = ev.location
        loc_values = {f"loc_{k}": v for k, v in loc.to_dict().items()} if loc else {}
        self.tables["events"].add(
            event_id=ev.event_id,
            doc_id=ev.doc_id,
            idx=idx,
            sentence_index=ev.sentence_index,
            **actor_values("source", ev.source),
            **actor_values("target", ev.target),
            cameo=ev.cameo,
            cameo_root=ev.cameo_root,
            plover=ev.plover,
            quad_class=ev.quad_class,
            goldstein=ev.goldstein,
            date=parse_date(ev.date) or pub_date,
            date_value=ev.date,
            date_precision=ev.date_precision,
            pub_date=pub_date,
            doc_source=doc_source,
            **loc_values,
            trigger_text=ev.trigger.text,
            trigger_start=ev.trigger.start,
            trigger_end=ev.trigger.end,
            evidence=ev.evidence,
            evidence_start=ev.evidence_start,
            evidence_end=ev.evidence_end,
            confidence=ev.confidence,
            negated=ev.negated,
            extra=_json(ev.extra),
            cluster_id=cluster_id,
        )

    def add_reject(
        self,
        *,
        origin: str,
        reason: str,
        code: str | None,
        doc_id: str | None,
        hash_: str | None,
        now: dt.datetime,
    ) -> None:
        self.tables["rejects"].add(
            origin=origin, reason=reason, code=code, doc_id=doc_id, hash=hash_, rejected_at=now
        )

    def arrow_tables(self, names: Iterable[str]) -> dict[str, pa.Table]:
        return {n: self.tables[n].to_arrow() for n in names if len(self.tables[n])}
