"""Evaluate time expressions against TIMEX3 gold (TempEval-3 style scores).

Gold: one JSON line per expression ``{"doc_id", "dct", "text", "type", "value", "start", "end",
"in_text", ...}`` and a documents file (``<gold>_docs.jsonl`` by default) with ``{"doc_id",
"text", "dct", "full_annotation_end"?}``. Expressions not in the text (``in_text`` false) are
left out; where a document was only annotated up to ``full_annotation_end``, predictions after
it are not scored.

Scores (as TempEval-3): **strict** span P/R/F1 (same offsets), **relaxed** span P/R/F1 (overlap,
one-to-one), and **value** and **type** P/R/F1, where a relaxed match counts only when the
value (type) is also equal: value F1 = relaxed F1 x value accuracy on the matched pairs.
Values are compared in one canonical spelling (case, two-digit ISO weeks: the gold writes
``2000-W7`` for ``2000-W07``); ``value_exact`` compares the strings as written.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Errors, EventwireError
from ..extract.times import find_times
from ..records import TimeExpression
from .jsonl import read_jsonl
from .metrics import prf


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass(frozen=True, slots=True)
class GoldDoc:
    doc_id: str
    corpus: str
    text: str
    dct: str | None
    annotated_end: int | None
    timexes: tuple[GoldTimex, ...]


@dataclass(slots=True)
class Counts:
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    value_exact: int = 0  # the value string equal as written (no canonical form)

    def add(self, other: Counts) -> None:
        for name in ("gold", "predicted", "strict", "relaxed", "value", "type", "value_exact"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def prf(self, hits: int) -> tuple[float, float, float]:
        return prf(hits, self.predicted - hits, self.gold - hits)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"gold": self.gold, "predicted": self.predicted}
        for name in ("strict", "relaxed", "value", "type", "value_exact"):
            p, r, f = self.prf(getattr(self, name))
            out[name] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}
        return out


@dataclass(slots=True)
class Report:
    total: Counts = field(default_factory=Counts)
    by_corpus: dict[str, Counts] = field(default_factory=dict)
    wrong_values: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    missed: Counter[str] = field(default_factory=Counter)
    spurious: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total.as_dict(),
            "by_corpus": {k: v.as_dict() for k, v in sorted(self.by_corpus.items())},
        }


def default_docs_path(gold: str | Path) -> Path:
    gold = Path(gold)
    return gold.with_name(gold.stem + "_docs.jsonl")


def load_gold(gold: str | Path, docs: str | Path | None = None) -> list[GoldDoc]:
    """Join the expressions with their documents on ``doc_id``."""
    texts = {d["doc_id"]: d for d in read_jsonl(Path(docs) if docs else default_docs_path(gold))}
    by_doc: dict[str, list[GoldTimex]] = defaultdict(list)
    for row in read_jsonl(Path(gold)):
        if row["doc_id"] not in texts:
            raise EventwireError(
                Errors.E401, path=str(gold), reason=f"unknown doc_id {row['doc_id']!r}"
            )
        if row.get("in_text") is False or row.get("start") is None or row["end"] <= row["start"]:
            continue
        by_doc[row["doc_id"]].append(
            GoldTimex(row["start"], row["end"], row["type"], row["value"], row["text"])
        )
    out = []
    for doc_id, d in texts.items():
        out.append(
            GoldDoc(
                doc_id=doc_id,
                corpus=d.get("corpus") or "all",
                text=d["text"],
                dct=d.get("dct"),
                annotated_end=d.get("full_annotation_end"),
                timexes=tuple(sorted(by_doc.get(doc_id, []), key=lambda t: t.start)),
            )
        )
    return out


def canonical_value(value: str) -> str:
    """One spelling per TimeML value: upper case, ISO week numbers with two digits (``W7``->``W07``)."""
    return _WEEK.sub(r"-W0\1", value.strip().upper())


def _match(gold: Sequence[GoldTimex], pred: Sequence[TimeExpression]) -> list[tuple[int, int]]:
    """One-to-one overlap matching, largest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                pairs.append((overlap, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def score_doc(doc: GoldDoc, pred: Sequence[TimeExpression], report: Report) -> Counts:
    if doc.annotated_end is not None:
        pred = [p for p in pred if p.start < doc.annotated_end]
    c = Counts(gold=len(doc.timexes), predicted=len(pred))
    pairs = _match(doc.timexes, pred)
    for gi, pi in pairs:
        g, p = doc.timexes[gi], pred[pi]
        c.relaxed += 1
        c.strict += (g.start, g.end) == (p.start, p.end)
        c.type += g.type == p.type
        c.value_exact += g.value == p.value
        if canonical_value(g.value) == canonical_value(p.value):
            c.value += 1
        else:
            report.wrong_values[(g.text.lower(), g.value, p.value)] += 1
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    for gi, g in enumerate(doc.timexes):
        if gi not in matched_g:
            report.missed[g.text.lower()] += 1
    for pi, p in enumerate(pred):
        if pi not in matched_p:
            report.spurious[p.text.lower()] += 1
    return c


_WEEK = re.compile(r"-W(\d)(?!\d)")
Predictor = Callable[[GoldDoc], list[TimeExpression]]


def ours(doc: GoldDoc) -> list[TimeExpression]:
    return find_times(doc.text, doc.dct)


def evaluate(docs: Iterable[GoldDoc], *, predict: Predictor = ours) -> Report:
    report = Report()
    for doc in docs:
        counts = score_doc(doc, predict(doc), report)
        report.total.add(counts)
        report.by_corpus.setdefault(doc.corpus, Counts()).add(counts)
    return report


def format_report(report: Report, *, errors: int = 0) -> str:
    lines = [
        f"{'corpus':<14}{'gold':>6}{'pred':>6}  {'strict F1':>9} {'relaxed F1':>10} {'type F1':>8} {'value F1':>9}"
    ]
    rows = list(sorted(report.by_corpus.items())) + [("all", report.total)]
    for name, c in rows:
        f = [c.prf(getattr(c, k))[2] for k in ("strict", "relaxed", "type", "value")]
        lines.append(
            f"{name:<14}{c.gold:>6}{c.predicted:>6}  {f[0]:>9.3f} {f[1]:>10.3f} {f[2]:>8.3f} {f[3]:>9.3f}"
        )
    t = report.total
    p, r, _ = t.prf(t.value)
    lines.append(
        f"value P {p:.3f} R {r:.3f} (exact strings: F1 {t.prf(t.value_exact)[2]:.3f}); relaxed P {t.prf(t.relaxed)[0]:.3f} R {t.prf(t.relaxed)[1]:.3f}"
    )
    if errors:
        lines.append("\nmost frequent wrong values (gold text, gold value, ours):")
        lines += [f"  {n:>3}  {k}" for k, n in report.wrong_values.most_common(errors)]
        lines.append("most frequent missed:")
        lines += [f"  {n:>3}  {k!r}" for k, n in report.missed.most_common(errors)]
        lines.append("most frequent spurious:")
        lines += [f"  {n:>3}  {k!r}" for k, n in report.spurious.most_common(errors)]
    return "\n".join(lines)
