"""One ``eventwire eval events`` run: the settings the gold file asks for, the annotation of its
texts, and the figures of its kind (see :mod:`.events`)."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

from ..config import DICTIONARIES, Settings
from . import events_conflibert as conflibert
from .events import (
    MAIN_EVENT_RULE,
    Gold,
    annotate_items,
    items_of,
    score_golden,
    score_levels,
    score_rounds,
)
from .events_petr import score_petr

log = logging.getLogger(__name__)


def eval_settings(
    gold: Gold, settings: Settings, dictionaries: Mapping[str, str | None] | None = None
) -> Settings:
    """``settings`` with the dictionaries given; for a PETR file, the ones its ``<Environment>``
    names fill those not given."""
    chosen = {name: (dictionaries or {}).get(name) for name in DICTIONARIES}
    if gold.kind == "petr":
        for name, path in gold.environment.dictionaries.items():
            chosen[name] = chosen[name] or path
    return settings.with_(**chosen)


def evaluate_events(gold: Gold, annotator: Any, *, split: str | None = None) -> dict[str, Any]:
    """The figures for ``gold`` from what ``annotator`` emits. ``split`` (conflibert only):
    ``heldout``, ``dev`` or ``all``; None scores held-out and dev apart. ``errors`` lists wrong
    cases, never from the held-out split."""
    started = time.perf_counter()
    if gold.kind == "conflibert":
        figures = _conflibert(gold, annotator, split)
    else:
        predictions, failed = annotate_items(annotator, items_of(gold.records))
        figures = {"failed_documents": failed, **_score(gold, predictions)}
    return {
        "kind": gold.kind,
        "records": len(gold.records),
        "main_event_rule": MAIN_EVENT_RULE,
        **figures,
        "seconds": round(time.perf_counter() - started, 1),
    }


def _score(gold: Gold, predictions: Mapping[str, Any]) -> dict[str, Any]:
    if gold.kind == "petr":
        scored = [r for r in gold.records if not r.skipped]
        skipped = [r for r in gold.records if r.skipped]
        main = score_petr(scored, predictions)
        aside = score_petr(skipped, predictions)
        return {
            "dictionaries": gold.environment.dictionaries,
            "scored": main.to_dict(),
            "skipped": {
                **aside.to_dict(),
                "records": [{"id": r.id, "reason": r.skipped} for r in skipped],
            },
            "errors": list(main.errors),
        }
    if gold.kind == "rounds":
        return {**score_rounds(gold.records, predictions), "errors": []}
    if gold.kind == "golden":
        return score_golden(gold.records, predictions)
    return {**score_levels(gold.records, predictions), "errors": []}


def _conflibert(gold: Gold, annotator: Any, split: str | None) -> dict[str, Any]:
    heldout = conflibert.heldout_ids()
    names = ("heldout", "dev") if split is None else (split,)
    chosen = {name: conflibert.split_records(gold.records, name, heldout) for name in names}
    wanted = {r.id: r for records in chosen.values() for r in records}
    predictions, failed = annotate_items(annotator, items_of(wanted.values()))
    scores = {name: conflibert.score_pentaclass(recs, predictions) for name, recs in chosen.items()}
    errors = [e for s in scores.values() for e in s.errors if e["id"] not in heldout]
    if len(heldout & {r.id for r in gold.records}) != len(heldout):
        log.warning(
            "the gold file holds only part of the held-out split (another file, or --limit)"
        )
    return {
        "failed_documents": failed,
        "splits": {name: s.to_dict() for name, s in scores.items()},
        "errors": list({e["id"]: e for e in errors}.values()),
    }
