"""ConfliBERT training sentences (``events_conflibert_train.jsonl``): the Phoenix 5-way class of each
sentence's main event in ``annotate`` output, and whether its actors lie over the gold spans.

Scored per sentence: the class of the main event (:mod:`.events_main`) by the Phoenix mapping
(:func:`eventwire.taxonomy.pentaclass_of`: 01-02 -> 0, 03-05 -> 1, 06-08 -> 2, 09-13 and 16 -> 3,
14-15 and 17-20 -> 4); a sentence with no realised event counts as wrong (and is counted in the
no-event rate). Spans: each gold source (target) span found in the text counts as found when the
main event's source (target) actor overlaps it (``main``), or any realised event's (``any``).

The **held-out split** (``splits/conflibert_train_heldout.txt``) holds the 949 sentences whose errors
were never read while building the coder; the other 400 (``dev``) were drawn with
``random.seed(0); random.sample(records, 400)`` and their errors were read.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Errors, EventwireError
from ..taxonomy import pentaclass_of
from .events_main import EventLike, Offsets, locate, main_event, overlaps, realised, share, side
from .metrics import prf

HELDOUT_FILE = Path(__file__).parent / "splits" / "conflibert_train_heldout.txt"
INSPECTED_SAMPLE = 400  # sentences whose errors were read during development
SPLITS = ("heldout", "dev", "all")
CLASSES = range(5)
NO_EVENT = 5  # the confusion table's last column


@dataclass(frozen=True, slots=True)
class PentaRecord:
    id: str
    text: str
    pentaclass: int
    source_spans: tuple[str, ...] = ()
    target_spans: tuple[str, ...] = ()


def penta_records(rows: Iterable[dict[str, Any]]) -> list[PentaRecord]:
    """Records from the JSONL rows (a row without ``id`` is named by its position)."""
    return [
        PentaRecord(
            id=str(row.get("id") or f"line-{n}"),
            text=row["text"],
            pentaclass=int(row["pentaclass"]),
            source_spans=tuple(row.get("source_spans") or ()),
            target_spans=tuple(row.get("target_spans") or ()),
        )
        for n, row in enumerate(rows)
    ]


def draw_inspected(ids: Sequence[str], n: int = INSPECTED_SAMPLE, seed: int = 0) -> list[str]:
    """The development sample: ``random.seed(seed); random.sample(records, n)`` over the records in
    file order (``random.Random(seed)`` draws the same, without touching the global state)."""
    return random.Random(seed).sample(list(ids), n)


def heldout_ids(path: Path = HELDOUT_FILE) -> frozenset[str]:
    """The ids in a split file: one a line, ``#`` comments and blank lines skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EventwireError(Errors.E401, path=str(path), reason=str(exc)) from exc
    return frozenset(s for line in lines if (s := line.strip()) and not s.startswith("#"))


def split_records(
    records: Sequence[PentaRecord], split: str, heldout: frozenset[str]
) -> list[PentaRecord]:
    """The records of ``split``: ``heldout`` (ids in the file), ``dev`` (the others) or ``all``."""
    if split == "all":
        return list(records)
    return [r for r in records if (r.id in heldout) == (split == "heldout")]


@dataclass(frozen=True, slots=True)
class SpanScores:
    """Gold spans found in the text, and how many an actor of the main / any event overlaps."""

    gold: int = 0
    found_main: int = 0
    found_any: int = 0
    not_in_text: int = 0

    def add(self, text: str, spans: Sequence[str], main: Any, events: Sequence[Any]) -> SpanScores:
        gold, found_main, found_any, missing = 0, 0, 0, 0
        for phrase in spans:
            places: list[Offsets] = locate(text, phrase)
            if not places:
                missing += 1
                continue
            gold += 1
            found_main += overlaps(main, places)
            found_any += any(overlaps(a, places) for a in events)
        return SpanScores(
            self.gold + gold,
            self.found_main + found_main,
            self.found_any + found_any,
            self.not_in_text + missing,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold_spans": self.gold,
            "found_main": share(self.found_main, self.gold),
            "found_any": share(self.found_any, self.gold),
            "gold_spans_not_in_text": self.not_in_text,
        }


@dataclass(frozen=True, slots=True)
class PentaScores:
    sentences: int
    correct: int
    correct_any: int  # the gold class is the class of at least one realised event
    no_event: int
    confusion: tuple[tuple[int, ...], ...]  # gold class x predicted class, last column: no event
    source: SpanScores
    target: SpanScores
    errors: tuple[dict[str, Any], ...] = field(default=())

    @property
    def accuracy(self) -> float:
        return share(self.correct, self.sentences)

    def per_class(self) -> dict[int, dict[str, float]]:
        out: dict[int, dict[str, float]] = {}
        for c in CLASSES:
            tp = self.confusion[c][c]
            fp = sum(self.confusion[g][c] for g in CLASSES) - tp
            fn = sum(self.confusion[c]) - tp
            p, r, f = prf(tp, fp, fn)
            out[c] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "accuracy": self.accuracy,
            "accuracy_any_event": share(self.correct_any, self.sentences),
            "no_event_rate": share(self.no_event, self.sentences),
            "confusion": [list(row) for row in self.confusion],
            "per_class": self.per_class(),
            "source_spans": self.source.to_dict(),
            "target_spans": self.target.to_dict(),
        }


def score_pentaclass(
    records: Sequence[PentaRecord], predictions: Mapping[str, Sequence[EventLike]]
) -> PentaScores:
    """5-way class of each record's main event in ``predictions`` (record id -> emitted events)."""
    confusion = [[0] * (NO_EVENT + 1) for _ in CLASSES]
    correct = correct_any = no_event = 0
    source, target = SpanScores(), SpanScores()
    errors: list[dict[str, Any]] = []
    for record in records:
        events = realised(predictions.get(record.id, ()))
        main = main_event(events)
        pred = pentaclass_of(main.cameo) if main else NO_EVENT
        confusion[record.pentaclass][pred] += 1
        correct += pred == record.pentaclass
        correct_any += record.pentaclass in {pentaclass_of(e.cameo) for e in events}
        no_event += main is None
        source = source.add(
            record.text, record.source_spans, side(main, "source"), [e.source for e in events]
        )
        target = target.add(
            record.text, record.target_spans, side(main, "target"), [e.target for e in events]
        )
        if pred != record.pentaclass:
            errors.append(
                {
                    "id": record.id,
                    "gold": record.pentaclass,
                    "pred": None if main is None else pred,
                    "code": main.cameo if main else None,
                    "text": record.text,
                }
            )
    return PentaScores(
        sentences=len(records),
        correct=correct,
        correct_any=correct_any,
        no_event=no_event,
        confusion=tuple(tuple(row) for row in confusion),
        source=source,
        target=target,
        errors=tuple(errors),
    )
