"""Evaluate event coding against gold files (JSONL), three kinds recognised by their fields:

- **pentaclass** (ConfliBERT ``events_conflibert_train.jsonl``): ``{"text", "pentaclass"}``; we code
  the main action of each sentence and score the Phoenix 5-way class (accuracy, confusion table,
  per-class precision/recall/F1).
- **rounds** (``events_conflibert_rounds.jsonl``): up to five raters per sentence, each with CAMEO
  roots per action; rows are merged by text; we score our main root against the raters' majority
  first root, against any rater's roots, and report how often raters agree with their majority.
- **events** (our own format): ``{"id", "text", "date"?, "events": [{"source", "target", "cameo"}]}``
  with actor codes (``RUS``, ``USAGOV``); we run the full pipeline and score P/R/F1 at three levels:
  quad class per item, country dyad + CAMEO root, exact actor codes + CAMEO code; plus errors by root.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import Errors, EventwireError
from ..extract.events import (
    CoderKnowledge,
    load_coder_knowledge,
    main_candidate,
    sentence_candidates,
)
from ..taxonomy import pentaclass_of, quad_class_of
from .jsonl import read_jsonl
from .metrics import prf


@dataclass(slots=True)
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return prf(self.tp, self.fp, self.fn)[0]

    @property
    def recall(self) -> float:
        return prf(self.tp, self.fp, self.fn)[1]

    @property
    def f1(self) -> float:
        return prf(self.tp, self.fp, self.fn)[2]

    def add(self, gold: set[Any], pred: set[Any]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def read_gold(path: Path, *, limit: int | None = None) -> tuple[str, list[dict[str, Any]]]:
    """The kind of a gold file (``pentaclass`` | ``rounds`` | ``events``) and its records."""
    rows = [obj for obj in read_jsonl(path) if isinstance(obj, dict) and "text" in obj]
    if not rows:
        raise EventwireError(Errors.E401, path=path, reason="no records with a 'text' field")
    if "pentaclass" in rows[0]:
        kind = "pentaclass"
    elif "annotations" in rows[0]:
        kind, rows = "rounds", _merge_rounds(rows)
    elif "events" in rows[0]:
        kind = "events"
    else:
        raise EventwireError(
            Errors.E401, path=path, reason="records lack 'pentaclass', 'annotations' or 'events'"
        )
    return kind, rows[:limit] if limit else rows


def _merge_rounds(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per text: each rater's first root and all roots (raters saying irrelevant give none)."""
    merged: dict[str, dict[str, Any]] = {}
    for row in rows:
        item = merged.setdefault(
            row["text"], {"id": row["id"], "text": row["text"], "first": [], "roots": set()}
        )
        for rater in (row.get("annotations") or {}).values():
            roots = [
                f"{int(a['cameo_root']):02d}"
                for a in rater.get("actions") or ()
                if a.get("cameo_root")
            ]
            if roots:
                item["first"].append(roots[0])
                item["roots"].update(roots)
    return list(merged.values())


def main_code(doc: Doc, knowledge: CoderKnowledge) -> str | None:
    """The code of a text's main action: the first sentence with one, statements only as a last resort."""
    fallback = None
    for sent in doc.sents:
        best = main_candidate(sentence_candidates(sent, knowledge))
        if best is None:
            continue
        if not best.code.startswith("01"):
            return best.code
        fallback = fallback or best.code
    return fallback


@dataclass(slots=True)
class PentaclassScores:
    total: int = 0
    correct: int = 0
    confusion: Counter[tuple[int, int]] = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def per_class(self) -> dict[int, PRF]:
        out = {c: PRF() for c in range(5)}
        for (gold, pred), n in self.confusion.items():
            if gold == pred:
                out[gold].tp += n
            else:
                out[gold].fn += n
                out[pred].fp += n
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.total,
            "accuracy": round(self.accuracy, 4),
            "confusion": [[self.confusion[(g, p)] for p in range(5)] for g in range(5)],
            "per_class": {c: s.to_dict() for c, s in self.per_class().items()},
        }


def _docs(nlp: Language, texts: list[str]) -> Iterator[Doc]:
    yield from nlp.pipe(texts, batch_size=64)


def evaluate_pentaclass(
    rows: list[dict[str, Any]], nlp: Language, knowledge: CoderKnowledge | None = None
) -> PentaclassScores:
    """Sentence-level Phoenix 5-way class; a text with no action counts as class 0 (statement)."""
    knowledge = knowledge or load_coder_knowledge()
    scores = PentaclassScores()
    for row, doc in zip(rows, _docs(nlp, [r["text"] for r in rows]), strict=True):
        code = main_code(doc, knowledge)
        pred, gold = (pentaclass_of(code) if code else 0), int(row["pentaclass"])
        scores.total += 1
        scores.correct += pred == gold
        scores.confusion[(gold, pred)] += 1
        if pred != gold:
            scores.errors.append(
                {"id": row.get("id"), "gold": gold, "pred": pred, "code": code, "text": row["text"]}
            )
    return scores


def evaluate_rounds(
    rows: list[dict[str, Any]], nlp: Language, knowledge: CoderKnowledge | None = None
) -> dict[str, Any]:
    """Our main root against the raters: majority first root, any rater's roots, and the pentaclass."""
    knowledge = knowledge or load_coder_knowledge()
    n = majority_hit = any_hit = penta_hit = rater_agree = rater_total = no_event_right = (
        no_event
    ) = 0
    by_root: Counter[tuple[str, str]] = Counter()
    for row, doc in zip(rows, _docs(nlp, [r["text"] for r in rows]), strict=True):
        code = main_code(doc, knowledge)
        ours = code[:2] if code else None
        if not row["first"]:
            no_event += 1
            no_event_right += ours is None
            continue
        majority = Counter(row["first"]).most_common(1)[0][0]
        n += 1
        majority_hit += ours == majority
        any_hit += ours in row["roots"]
        penta_hit += ours is not None and pentaclass_of(ours) == pentaclass_of(majority)
        rater_agree += sum(r == majority for r in row["first"])
        rater_total += len(row["first"])
        if ours != majority:
            by_root[(majority, ours or "none")] += 1
    return {
        "texts": len(rows),
        "with_actions": n,
        "root_vs_majority": _share(majority_hit, n),
        "root_in_any_rater": _share(any_hit, n),
        "pentaclass_vs_majority": _share(penta_hit, n),
        "raters_agree_with_majority": _share(rater_agree, rater_total),
        "no_action_texts": no_event,
        "no_action_right": _share(no_event_right, no_event),
        "top_confusions": [{"gold": g, "ours": o, "n": c} for (g, o), c in by_root.most_common(15)],
    }


def _share(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _country(code: str | None) -> str | None:
    return code[:3] if code else None


def _gold_sets(events: Iterable[dict[str, Any]]) -> tuple[set[Any], set[Any], set[Any]]:
    quads, dyads, exact = set(), set(), set()
    for e in events:
        cameo = str(e["cameo"])
        quads.add(quad_class_of(cameo[:2]))
        dyads.add((_country(e.get("source")), _country(e.get("target")), cameo[:2]))
        exact.add((e.get("source"), e.get("target"), cameo))
    return quads, dyads, exact


def evaluate_events(rows: list[dict[str, Any]], annotator: Any) -> dict[str, Any]:
    """P/R/F1 at three levels with the full pipeline (``annotator``: an :class:`Annotator`)."""
    levels = {"quad_class": PRF(), "dyad_root": PRF(), "exact": PRF()}
    fn_root: Counter[str] = Counter()
    fp_root: Counter[str] = Counter()
    for row in rows:
        ann = annotator.annotate_text(
            row["text"], date=row.get("date"), doc_id=str(row.get("id") or "gold")
        )
        predicted = [
            {
                "source": e.source.code,
                "target": e.target.code if e.target else None,
                "cameo": e.cameo,
                "country": (e.source.country, e.target.country if e.target else None),
            }
            for e in ann.events
            if not e.negated
        ]
        pq, pd, pe = _gold_sets(predicted)
        pd = {
            (
                p["country"][0] or _country(p["source"]),
                p["country"][1] or _country(p["target"]),
                p["cameo"][:2],
            )
            for p in predicted
        }
        gq, gd, ge = _gold_sets(row.get("events") or ())
        for name, gold, pred in (("quad_class", gq, pq), ("dyad_root", gd, pd), ("exact", ge, pe)):
            levels[name].add(gold, pred)
        fn_root.update(d[2] for d in gd - pd)
        fp_root.update(d[2] for d in pd - gd)
    roots = sorted(set(fn_root) | set(fp_root))
    return {
        "items": len(rows),
        "levels": {k: v.to_dict() for k, v in levels.items()},
        "errors_by_root": {r: {"missed": fn_root[r], "spurious": fp_root[r]} for r in roots},
    }
