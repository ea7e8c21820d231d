"""``eventwire eval confidence``: how well ``Event.confidence`` predicts that an event is right.

Labels are judged events (``labels/events_judged.jsonl``, one row per event: ``corpus``, ``doc_id``,
``file``, the event key and ``right``; see docs/labelling.md). The labelled documents are read from
the shared corpora (``bench_newswire``: the records of ``dev/bench_newswire.jsonl``; ``wikinews``:
``samples/wikinews/FILE``), annotated, and each emitted event is matched to its label by key
(doc_id, trigger start and end, source code, target code, CAMEO code). Labels whose event the
coder no longer emits are counted apart (``unmatched``).

Figures on the never-read split (``labels/confidence_heldout.txt``, whole documents): expected
calibration error (10 equal-width bins, weighted by their share of events), Brier score, and
precision and the share of right events kept at each threshold; at the model's default threshold
the same two. The same module turns gold files into labelled examples for training (PETRARCH unit
tests: an event is right iff its triple is gold; ConfliBERT dev split: the main event is right iff
its 5-way class is gold and its actors lie over the gold spans).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import Errors, EventwireError
from ..extract.events.confidence import event_features
from ..records import Document, Event
from ..taxonomy import pentaclass_of
from .confidence_fit import Example
from .events_main import locate, main_event, overlaps, realised

EXTRACTORS = ("actors", "times", "places", "events")  # what events need (quotes come after)
LABEL_FIELDS = ("corpus", "doc_id", "trigger_start", "trigger_end", "source", "cameo", "right")
JUDGED = ("bench_newswire", "wikinews")
BINS = 10
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(0, 20))
Key = tuple[str, int, int, str, str | None, str]


def labels_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_labels(path: Path) -> list[dict[str, Any]]:
    """The label rows (E401 for a row without the key fields); the last row of a key wins."""
    rows: dict[Key, dict[str, Any]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EventwireError(Errors.E401, path=str(path), reason=str(exc)) from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise EventwireError(Errors.E401, path=str(path), reason=f"line {n}: {exc}") from exc
        if not isinstance(row, dict) or any(f not in row for f in LABEL_FIELDS):
            raise EventwireError(
                Errors.E401, path=str(path), reason=f"line {n}: needs {', '.join(LABEL_FIELDS)}"
            )
        if isinstance(row["right"], bool):
            rows[label_key(row)] = row
    return [rows[k] for k in sorted(rows, key=repr)]


def read_heldout(path: Path) -> frozenset[str]:
    """The document ids of the never-read split (``corpus<TAB>doc_id`` or ``doc_id`` lines)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EventwireError(Errors.E401, path=str(path), reason=str(exc)) from exc
    return frozenset(
        s.split("\t")[-1].strip() for line in lines if (s := line.strip()) and s[0] != "#"
    )


def _target(code: Any) -> str | None:
    return str(code) if code not in (None, "") else None


def label_key(row: Mapping[str, Any]) -> Key:
    return (
        str(row["doc_id"]),
        int(row["trigger_start"]),
        int(row["trigger_end"]),
        str(row["source"]),
        _target(row.get("target")),
        str(row["cameo"]),
    )


def event_key(event: Event) -> Key:
    target = event.target.code if event.target else None
    return (
        event.doc_id,
        event.trigger.start,
        event.trigger.end,
        event.source.code,
        target,
        event.cameo,
    )


def label_documents(labels: Iterable[Mapping[str, Any]], shared: Path) -> list[Document]:
    """The documents the labels name, read as ``annotate`` reads them (same doc ids)."""
    from ..io import read_paths

    wanted = {str(r["doc_id"]) for r in labels}
    files = sorted({str(r["file"]) for r in labels if r["corpus"] == "wikinews" and r.get("file")})
    paths = [str(shared / "dev" / "bench_newswire.jsonl")]
    paths += [str(shared / "samples" / "wikinews" / Path(f).name) for f in files]
    found = {
        d.doc_id: d
        for d in read_paths([p for p in paths if Path(p).exists()], date=None)
        if isinstance(d, Document) and d.doc_id in wanted
    }
    return [found[k] for k in sorted(found)]


def event_settings(settings: Settings | None = None) -> Settings:
    return (settings or Settings()).with_(extractors=EXTRACTORS)


def annotated(annotator: Any, documents: Sequence[Document]) -> Iterator[tuple[Any, list[Event]]]:
    """(spaCy Doc, its events) for each document, as ``annotate`` makes them."""
    from ..annotate import make_doc

    nlp, cap = annotator.nlp, annotator.settings.max_sentence_tokens
    docs = (make_doc(nlp, d, max_sentence_tokens=cap) for d in documents)
    for doc in nlp.pipe(docs, batch_size=annotator.settings.batch_size):
        yield doc, list(doc._.ew_events or ())


@dataclass(frozen=True, slots=True)
class Scored:
    """A labelled event as emitted: its label row, confidence and features."""

    row: Mapping[str, Any]
    confidence: float
    features: tuple[str, ...]


def match_labels(
    annotator: Any, documents: Sequence[Document], labels: Sequence[Mapping[str, Any]]
) -> tuple[list[Scored], int]:
    """The labelled events the annotator emits, and how many labels it no longer emits."""
    by_key = {label_key(r): r for r in labels}
    out: list[Scored] = []
    for doc, events in annotated(annotator, documents):
        features = event_features(doc, events, places=doc._.ew_places or ())
        for event, names in zip(events, features, strict=True):
            row = by_key.get(event_key(event))
            if row is not None:
                out.append(Scored(row, event.confidence, names))
    matched = {label_key(s.row) for s in out}
    return out, sum(1 for k in by_key if k not in matched)


def judged_examples(scored: Iterable[Scored]) -> list[Example]:
    return [
        Example(
            str(s.row["corpus"]),
            str(s.row["doc_id"]),
            repr(label_key(s.row)),
            s.features,
            bool(s.row["right"]),
        )
        for s in scored
    ]


def petr_examples(path: Path, *, weight: float = 0.5) -> list[Example]:
    """Every realised event of the PETRARCH unit tests (sentences the file scores), coded with
    the dictionaries its <Environment> names: right iff its triple is gold."""
    from ..annotate import Annotator
    from .events import read_gold
    from .events_petr import NO_ACTOR
    from .events_run import eval_settings

    gold = read_gold(path)
    records = [r for r in gold.records if not r.skipped]
    annotator = Annotator(eval_settings(gold, event_settings()))
    documents = [Document(doc_id=r.id, text=r.text, date=r.date, origin=r.id) for r in records]
    by_id = {r.id: r for r in records}
    out = []
    for doc, events in annotated(annotator, documents):
        real = [e for e in events if not e.negated]
        record = by_id[doc._.ew_doc_id]
        for event, names in zip(real, event_features(doc, real), strict=True):
            triple = (event.source.code, event.target.code if event.target else NO_ACTOR)
            right = (*triple, event.cameo) in record.triples
            out.append(Example("petr", record.id, repr(event_key(event)), names, right, weight))
    return out


def conflibert_examples(
    path: Path, *, weight: float = 0.5, split: str = "dev", annotator: Any = None
) -> list[tuple[Example, float]]:
    """The main event of each ConfliBERT sentence of ``split`` (training: ``dev``, never the
    held-out one, which only ``eval confidence`` reads), with its confidence: right iff its
    5-way class is gold and its source (target) overlaps a gold source (target) span when the
    sentence gives one."""
    from ..annotate import Annotator
    from . import events_conflibert as conflibert
    from .events import read_gold

    gold = read_gold(path)
    records = conflibert.split_records(gold.records, split, conflibert.heldout_ids())
    annotator = annotator or Annotator(event_settings())
    documents = [Document(doc_id=r.id, text=r.text, origin=r.id) for r in records]
    by_id = {r.id: r for r in records}
    out = []
    for doc, events in annotated(annotator, documents):
        record = by_id[doc._.ew_doc_id]
        main = main_event(realised(events))
        if not isinstance(main, Event):  # none realised
            continue
        right = pentaclass_of(main.cameo) == record.pentaclass
        for spans, actor in (
            (record.source_spans, main.source),
            (record.target_spans, main.target),
        ):
            places = [p for s in spans for p in locate(record.text, s)]
            if places and not overlaps(actor, places):
                right = False
        names = event_features(doc, [main])[0]
        example = Example("conflibert", record.id, repr(event_key(main)), names, right, weight)
        out.append((example, main.confidence))
    return out


def ece(probs: Sequence[float], labels: Sequence[bool], bins: int = BINS) -> float:
    """Expected calibration error: over ``bins`` equal-width bins of the probability, the
    share of events in the bin times |mean probability - share right|."""
    total = len(probs)
    if not total:
        return 0.0
    err = 0.0
    for _lo, _hi, n, mean_p, share in reliability(probs, labels, bins):
        if n:
            err += n / total * abs(mean_p - share)
    return err


def reliability(
    probs: Sequence[float], labels: Sequence[bool], bins: int = BINS
) -> list[tuple[float, float, int, float, float]]:
    """Per bin: (low, high, events, mean probability, share right); the last bin holds 1.0."""
    out = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, p in enumerate(probs) if lo <= p < hi or (b == bins - 1 and p == hi)]
        n = len(idx)
        mean_p = sum(probs[i] for i in idx) / n if n else 0.0
        share = sum(labels[i] for i in idx) / n if n else 0.0
        out.append((lo, hi, n, mean_p, share))
    return out


def brier(probs: Sequence[float], labels: Sequence[bool]) -> float:
    return sum((p - r) ** 2 for p, r in zip(probs, labels, strict=True)) / max(len(probs), 1)


def at_threshold(probs: Sequence[float], labels: Sequence[bool], t: float) -> dict[str, Any]:
    """Events kept at ``confidence >= t``: their precision and the share of right events kept."""
    kept = [r for p, r in zip(probs, labels, strict=True) if p >= t]
    right = sum(labels)
    return {
        "threshold": t,
        "kept": len(kept),
        "precision": round(sum(kept) / len(kept), 4) if kept else None,
        "right_kept": round(sum(kept) / right, 4) if right else None,
    }


def figures(probs: Sequence[float], labels: Sequence[bool], threshold: float) -> dict[str, Any]:
    return {
        "events": len(probs),
        "right": sum(labels),
        "base_precision": round(sum(labels) / len(labels), 4) if labels else None,
        "ece": round(ece(probs, labels), 4),
        "brier": round(brier(probs, labels), 4),
        "default": at_threshold(probs, labels, threshold),
        "thresholds": [at_threshold(probs, labels, t) for t in THRESHOLDS],
        "reliability": [
            {
                "low": lo,
                "high": hi,
                "events": n,
                "mean_confidence": round(m, 4),
                "right": round(s, 4),
            }
            for lo, hi, n, m, s in reliability(probs, labels)
        ],
    }


SPLITS = ("heldout", "train", "all")
GOLD_KEYS = ("events", "right", "base_precision", "ece", "brier", "default")


def evaluate_confidence(
    labels_path: Path,
    heldout_path: Path,
    shared: Path,
    annotator: Any,
    *,
    split: str = "heldout",
    threshold: float | None = None,
    conflibert: Path | None = None,
) -> dict[str, Any]:
    """Calibration and precision/recall figures of ``confidence`` on the labels of ``split``
    (``heldout``: the never-read documents; ``train``: the others; ``all``); with
    ``conflibert`` (the ConfliBERT training file), also on the main events of its held-out
    split (with ``split`` heldout) or of its dev split."""
    from ..extract.events.confidence import load_confidence_model

    heldout = read_heldout(heldout_path)
    labels = [
        r
        for r in read_labels(labels_path)
        if split == "all" or (r["doc_id"] in heldout) == (split == "heldout")
    ]
    documents = label_documents(labels, shared)
    scored, unmatched = match_labels(annotator, documents, labels)
    model = load_confidence_model()
    t = model.threshold if threshold is None else threshold
    probs = [s.confidence for s in scored]
    rights = [bool(s.row["right"]) for s in scored]
    by_corpus = {
        c: figures(
            [s.confidence for s in scored if s.row["corpus"] == c],
            [bool(s.row["right"]) for s in scored if s.row["corpus"] == c],
            t,
        )
        for c in sorted({str(s.row["corpus"]) for s in scored})
    }
    gold = {}
    if conflibert is not None:
        which = "heldout" if split == "heldout" else "dev"
        found = conflibert_examples(conflibert, split=which, annotator=annotator)
        result = figures([p for _, p in found], [e.right for e, _ in found], t)
        gold = {"conflibert": {"split": which, **{k: result[k] for k in GOLD_KEYS}}}
    return {
        "split": split,
        "labels": len(labels),
        "labels_sha256": labels_sha256(labels_path),
        "model_labels_sha256": model.labels_sha256,
        "model_examples": dict(model.info.get("examples", {})),
        "documents": len(documents),
        "matched": len(scored),
        "unmatched": unmatched,
        "default_threshold": t,
        **figures(probs, rights, t),
        "gold": gold,
        "by_corpus": {
            c: {k: f[k] for k in ("events", "right", "ece", "brier", "default")}
            for c, f in by_corpus.items()
        },
    }
