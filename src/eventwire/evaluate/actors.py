"""Measure actor resolution against gold actor spans (ConfliBERT-style JSONL).

Each gold line has ``text`` and ``source_spans``/``target_spans`` (lists of strings found in
the text). A gold span counts as *resolved to a country* when an actor mention overlapping it
has a country (ISO-3, CAMEO region or IGO); ``iso3`` counts only ISO-3 countries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .jsonl import read_jsonl


@dataclass(slots=True)
class ActorScores:
    spans: int = 0
    resolved: int = 0
    iso3: int = 0
    by_role: Counter[str] = field(default_factory=Counter)
    resolved_by_role: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    codes: Counter[str] = field(default_factory=Counter)

    def to_dict(self) -> dict[str, Any]:
        def share(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        return {
            "gold_spans": self.spans,
            "resolved_to_country": self.resolved,
            "share_resolved": share(self.resolved, self.spans),
            "share_iso3": share(self.iso3, self.spans),
            "share_source": share(self.resolved_by_role["source"], self.by_role["source"]),
            "share_target": share(self.resolved_by_role["target"], self.by_role["target"]),
        }


def read_gold(path: Path, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Gold records with at least one source or target span (metadata lines skipped)."""
    out: list[dict[str, Any]] = []
    for obj in read_jsonl(path):
        if not isinstance(obj, dict) or "text" not in obj:
            continue
        if obj.get("source_spans") or obj.get("target_spans") or _rounds_spans(obj):
            out.append(obj)
        if limit and len(out) >= limit:
            break
    return out


def _rounds_spans(record: dict[str, Any]) -> list[tuple[str, int, int, str]]:
    """Source/Target spans of every rater in a multi-rater record (deduplicated)."""
    seen: dict[tuple[int, int], tuple[str, int, int, str]] = {}
    for ann in (record.get("annotations") or {}).values():
        for label, span, start in ann.get("entities") or ():
            role = str(label).split("-")[0].lower()
            if role in ("source", "target") and isinstance(start, int):
                seen.setdefault((start, start + len(span)), (role, start, start + len(span), span))
    return sorted(seen.values(), key=lambda s: s[1])


def gold_spans(record: dict[str, Any]) -> Iterator[tuple[str, int, int, str]]:
    """(role, start, end, text) of each gold span found in the record's text."""
    text = record["text"]
    if record.get("annotations"):
        yield from (s for s in _rounds_spans(record) if text[s[1] : s[2]] == s[3])
        return
    for role in ("source", "target"):
        for span in record.get(f"{role}_spans") or ():
            if not isinstance(span, str) or not span.strip():
                continue
            start = text.find(span)
            if start >= 0:
                yield role, start, start + len(span), span


def evaluate(
    records: Iterable[dict[str, Any]], nlp: Any, *, iso3: Iterable[str] = ()
) -> ActorScores:
    """Score the pipeline ``nlp`` (with the eventwire_actors component) on gold records."""
    from ..pipeline import extensions

    extensions.register_extensions()
    isos = set(iso3)
    scores = ActorScores()
    records = list(records)
    docs = nlp.pipe((r["text"] for r in records), batch_size=64)
    for record, doc in zip(records, docs, strict=True):
        mentions = doc._.ew_actors or []
        for role, start, end, text in gold_spans(record):
            scores.spans += 1
            scores.by_role[role] += 1
            hits = [
                m.actor
                for m in mentions
                if m.actor.country and m.actor.start < end and start < m.actor.end
            ]
            if hits:
                scores.resolved += 1
                scores.resolved_by_role[role] += 1
                scores.codes[hits[0].code] += 1
                if any(a.country in isos for a in hits):
                    scores.iso3 += 1
            else:
                scores.misses.append(text)
    return scores


def actors_pipeline(model: str | None = None) -> Any:
    """The base pipeline with only what the actor component needs."""
    from ..config import Settings
    from ..pipeline import load_pipeline

    settings = (
        Settings(extractors=("actors",))
        if model is None
        else Settings(model=model, extractors=("actors",))
    )
    return load_pipeline(settings)


def reference_coverage(records: Iterable[dict[str, Any]], forms_csv: Path) -> float:
    """Share of gold spans containing a country form of a reference dictionary (a baseline).

    ``forms_csv`` has columns ``form`` (lower case) and ``iso3`` (e.g. the public CountryInfo
    forms in ``../shared/reference/country_forms.csv``, consulted for measurement only).
    """
    import csv
    import re

    with forms_csv.open(encoding="utf-8", newline="") as fh:
        forms = {row["form"].strip().lower() for row in csv.DictReader(fh) if row.get("form")}
    total = hit = 0
    for record in records:
        for _role, _s, _e, text in gold_spans(record):
            total += 1
            words = re.findall(r"[\w'.-]+", text.lower())
            grams = {
                " ".join(words[i:j])
                for i in range(len(words))
                for j in range(i + 1, min(len(words), i + 4) + 1)
            }
            hit += bool(grams & forms)
    return round(hit / total, 4) if total else 0.0
