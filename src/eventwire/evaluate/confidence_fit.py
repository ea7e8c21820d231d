"""Fitting the confidence model (:mod:`eventwire.extract.events.confidence`) from labelled events:
an L2-regularised logistic regression over binary features (Newton's method, numpy), calibrated
on out-of-fold predictions by pool-adjacent-violators (isotonic) or Platt scaling.

Deterministic: examples are sorted, folds are drawn from a content hash of the document id
(``hashlib``), Newton's method has no random start, and the written numbers are rounded, so the
same examples give the same JSON bit for bit.

An :class:`Example` carries a ``corpus``; examples of the ``domain`` corpora (gold-derived
labels: PETRARCH unit tests, ConfliBERT) get an indicator feature ``corpus=NAME`` while fitting,
which absorbs their different base rate; it is never set when scoring, so the model speaks for
the judged corpora. The calibration map is fitted on the out-of-fold predictions of the
``calibrate_on`` corpora (the judged ones) when there are enough of them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..extract.events.confidence import (
    FEATURES_VERSION,
    Calibration,
    ConfidenceModel,
    logit,
    sigmoid,
)

DIGITS = 6  # rounding of every number written to the model file
FOLDS = 5
PENALTIES = (0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0)  # L2 strengths tried by cross-validation
MIN_COUNT = 3  # a feature seen in fewer training examples gets no weight
MIN_CALIBRATION = 100  # fewer judged examples: calibrate on every corpus


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled event: where it comes from, its feature names and whether it is right."""

    corpus: str
    doc_id: str
    key: str  # the event key, to sort examples
    features: tuple[str, ...]
    right: bool
    weight: float = 1.0


def fold_of(doc_id: str, folds: int = FOLDS) -> int:
    """A document's fold: every event of one document falls in the same fold."""
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8], 16) % folds


def _sorted(examples: Iterable[Example]) -> list[Example]:
    return sorted(examples, key=lambda e: (e.corpus, e.doc_id, e.key, e.features, e.right))


def _names(ex: Example, domains: frozenset[str]) -> tuple[str, ...]:
    return (*ex.features, f"corpus={ex.corpus}") if ex.corpus in domains else ex.features


def vocabulary(
    examples: Sequence[Example], domains: frozenset[str], min_count: int = MIN_COUNT
) -> list[str]:
    counts: dict[str, int] = {}
    for ex in examples:
        for name in set(_names(ex, domains)):
            counts[name] = counts.get(name, 0) + 1
    return sorted(n for n, c in counts.items() if c >= min_count)


def design(
    examples: Sequence[Example], vocab: Sequence[str], domains: frozenset[str]
) -> np.ndarray:
    index = {name: i for i, name in enumerate(vocab)}
    x = np.zeros((len(examples), len(vocab)))
    for row, ex in enumerate(examples):
        for name in _names(ex, domains):
            if name in index:
                x[row, index[name]] = 1.0
    return x


def fit_logistic(
    x: np.ndarray, y: np.ndarray, w: np.ndarray, *, l2: float, iterations: int = 50
) -> tuple[float, np.ndarray]:
    """Intercept and weights minimising the weighted log loss plus ``l2/2 * |weights|^2``
    (the intercept is not penalised), by Newton's method from zero."""
    n, d = x.shape
    xb = np.hstack([np.ones((n, 1)), x])
    beta = np.zeros(d + 1)
    penalty = np.full(d + 1, l2)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ beta, -30, 30)))
        grad = xb.T @ (w * (p - y)) + penalty * beta
        hess = (xb * (w * p * (1 - p))[:, None]).T @ xb + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        beta = beta - step
        if float(np.max(np.abs(step))) < 1e-10:
            break
    return float(beta[0]), beta[1:]


def pav(
    scores: Sequence[float], labels: Sequence[float], weights: Sequence[float] | None = None
) -> tuple[list[float], list[float]]:
    """Isotonic regression by pool-adjacent-violators: the blocks' mean scores and mean labels,
    both non-decreasing (equal scores share one block)."""
    w = list(weights) if weights is not None else [1.0] * len(scores)
    grouped: dict[float, list[float]] = {}  # equal scores pool first
    for s, lab, wi in zip(scores, labels, w, strict=True):
        g = grouped.setdefault(float(s), [0.0, 0.0, 0.0])
        g[0], g[1], g[2] = g[0] + wi, g[1] + float(s) * wi, g[2] + float(lab) * wi
    blocks: list[list[float]] = []  # [weight, sum score*w, sum label*w]
    for s in sorted(grouped):
        blocks.append(list(grouped[s]))
        while len(blocks) > 1 and blocks[-2][2] / blocks[-2][0] >= blocks[-1][2] / blocks[-1][0]:
            last = blocks.pop()
            blocks[-1] = [a + b for a, b in zip(blocks[-1], last, strict=True)]
    return [b[1] / b[0] for b in blocks], [b[2] / b[0] for b in blocks]


def fit_platt(scores: Sequence[float], labels: Sequence[float]) -> tuple[float, float]:
    """``a``, ``b`` of ``sigmoid(a * logit(score) + b)`` by Newton's method on the log loss,
    with Platt's smoothed targets."""
    z = np.array([logit(s) for s in scores])
    y = np.array(labels, dtype=float)
    pos, neg = float(y.sum()), float(len(y) - y.sum())
    t = np.where(y > 0.5, (pos + 1) / (pos + 2), 1 / (neg + 2))
    a, b = 1.0, 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(a * z + b, -30, 30)))
        g = np.array([np.sum((p - t) * z), np.sum(p - t)])
        r = p * (1 - p)
        h = np.array([[np.sum(r * z * z), np.sum(r * z)], [np.sum(r * z), np.sum(r)]])
        step = np.linalg.solve(h + np.eye(2) * 1e-9, g)
        a, b = a - float(step[0]), b - float(step[1])
        if float(np.max(np.abs(step))) < 1e-10:
            break
    return a, b


def log_loss(p: Sequence[float], y: Sequence[bool]) -> float:
    eps = 1e-6
    total = sum(
        -np.log(max(q, eps)) if r else -np.log(max(1 - q, eps)) for q, r in zip(p, y, strict=True)
    )
    return float(total / max(len(p), 1))


def _fit(
    train: Sequence[Example], l2: float, domains: frozenset[str]
) -> tuple[float, dict[str, float]]:
    """Intercept and weight per feature name of a logistic regression on ``train``."""
    vocab = vocabulary(train, domains)
    x = design(train, vocab, domains)
    y = np.array([e.right for e in train], dtype=float)
    w = np.array([e.weight for e in train])
    b0, beta = fit_logistic(x, y, w, l2=l2)
    return b0, {name: float(v) for name, v in zip(vocab, beta, strict=True)}


def _predict(
    train: Sequence[Example], test: Sequence[Example], l2: float, domains: frozenset[str]
) -> list[float]:
    b0, weights = _fit(train, l2, domains)
    # scoring never sets a corpus feature
    return [sigmoid(b0 + sum(weights.get(f, 0.0) for f in e.features)) for e in test]


def out_of_fold(
    examples: Sequence[Example], l2: float, domains: frozenset[str], folds: int = FOLDS
) -> list[float]:
    """Each example's linear probability from a model fitted on the other folds."""
    out = [0.0] * len(examples)
    for k in range(folds):
        test = [i for i, e in enumerate(examples) if fold_of(e.doc_id, folds) == k]
        train = [e for e in examples if fold_of(e.doc_id, folds) != k]
        if not test or not train:
            continue
        for i, p in zip(
            test, _predict(train, [examples[i] for i in test], l2, domains), strict=True
        ):
            out[i] = p
    return out


def _calibration(scores: list[float], labels: list[bool], method: str) -> Calibration:
    if method == "platt":
        a, b = fit_platt(scores, [float(v) for v in labels])
        return Calibration("platt", a=round(a, DIGITS), b=round(b, DIGITS))
    xs, ys = pav(scores, [float(v) for v in labels])
    return Calibration(
        "isotonic", tuple(round(v, DIGITS) for v in xs), tuple(round(v, DIGITS) for v in ys)
    )


def binned_ece(probs: Sequence[float], labels: Sequence[bool], bins: int = 10) -> float:
    """Expected calibration error over ``bins`` equal-width bins (1.0 in the last)."""
    sums: dict[int, list[float]] = {}
    for p, r in zip(probs, labels, strict=True):
        s = sums.setdefault(min(int(p * bins), bins - 1), [0.0, 0.0, 0.0])
        s[0], s[1], s[2] = s[0] + 1, s[1] + p, s[2] + r
    return sum(abs(s[1] - s[2]) for s in sums.values()) / max(len(probs), 1)


def choose_threshold(
    probs: Sequence[float], labels: Sequence[bool], *, precision: float = 0.85, kept: float = 0.85
) -> float:
    """The default threshold among 0.05, 0.10 ... 0.95: the lowest at which the kept events'
    precision reaches ``precision`` while keeping ``kept`` of the right events; when none
    does, the highest that still keeps ``kept`` of the right events (the most precise filter
    that loses at most ``1 - kept`` of what the coder gets right)."""
    grid = [round(0.05 * i, 2) for i in range(1, 20)]
    right = sum(labels)
    best = grid[0]
    for t in grid:
        chosen = [r for p, r in zip(probs, labels, strict=True) if p >= t]
        if not chosen:
            break
        prec = sum(chosen) / len(chosen)
        rec = sum(chosen) / right if right else 0.0
        if rec < kept:
            break
        if prec >= precision:
            return t
        best = t
    return best


def train_model(
    examples: Iterable[Example],
    *,
    domains: Iterable[str] = (),
    calibrate_on: Iterable[str] = (),
    method: str = "platt",
    calibrate_by: Iterable[str] = (),
    labels_sha256: str = "",
    version: int = 1,
) -> ConfidenceModel:
    """The confidence model fitted on ``examples`` (see the module docstring)."""
    data = _sorted(examples)
    doms = frozenset(domains)
    judged = frozenset(calibrate_on)
    losses = {}
    oof_by: dict[float, list[float]] = {}
    calib_idx = [i for i, e in enumerate(data) if e.corpus in judged]
    if len(calib_idx) < MIN_CALIBRATION:
        calib_idx = list(range(len(data)))
    for l2 in PENALTIES:
        oof_by[l2] = out_of_fold(data, l2, doms)
        losses[l2] = log_loss(
            [oof_by[l2][i] for i in calib_idx], [data[i].right for i in calib_idx]
        )
    l2 = min(PENALTIES, key=lambda v: (round(losses[v], 9), v))
    scores = [oof_by[l2][i] for i in calib_idx]
    labels = [data[i].right for i in calib_idx]
    calibration = _calibration(scores, labels, method)
    calibration_by = {}
    for name in sorted(set(calibrate_by)):  # a regime of its own: every corpus's examples
        idx = [i for i, e in enumerate(data) if name in e.features]
        if len(idx) >= MIN_CALIBRATION:
            calibration_by[name] = _calibration(
                [oof_by[l2][i] for i in idx], [data[i].right for i in idx], method
            )
    calibrated = [calibration(s) for s in scores]
    threshold = choose_threshold(calibrated, labels)
    kept = [r for p, r in zip(calibrated, labels, strict=True) if p >= threshold]
    b0, weights = _fit(data, l2, doms)
    counts: dict[str, int] = {}
    for e in data:
        counts[e.corpus] = counts.get(e.corpus, 0) + 1
    info = {
        "examples": counts,
        "right": sum(e.right for e in data),
        "l2": l2,
        "out_of_fold_log_loss": {str(k): round(v, DIGITS) for k, v in sorted(losses.items())},
        "calibrated_on": len(calib_idx),
        # out-of-fold scores, calibrated by the map fitted on them (optimistic)
        "out_of_fold": {
            "ece": round(binned_ece(calibrated, labels), 4),
            "precision": round(sum(kept) / max(len(kept), 1), 4),
            "right_kept": round(sum(kept) / max(sum(labels), 1), 4),
            "base_precision": round(sum(labels) / max(len(labels), 1), 4),
        },
        "folds": FOLDS,
    }
    return ConfidenceModel(
        intercept=round(b0, DIGITS),
        weights={
            name: round(v, DIGITS)
            for name, v in sorted(weights.items())
            if not name.startswith("corpus=") and round(v, DIGITS) != 0
        },
        calibration=calibration,
        calibration_by=calibration_by,
        threshold=threshold,
        version=version,
        features_version=FEATURES_VERSION,
        labels_sha256=labels_sha256,
        info=info,
    )


def cross_validated(
    examples: Iterable[Example],
    *,
    domains: Iterable[str] = (),
    calibrate_on: Iterable[str] = (),
    method: str = "platt",
    calibrate_by: Iterable[str] = (),
    report: Iterable[str] | None = None,
    folds: int = FOLDS,
) -> list[tuple[Example, float]]:
    """Honest development figures: each example of the ``calibrate_on`` corpora with the
    probability of a whole model (:func:`train_model`: penalty, calibration and all) fitted on
    the other outer folds (outer folds by another hash than the inner ones); ``report``: the
    corpora whose examples are returned (default: ``calibrate_on``)."""
    data = _sorted(examples)
    calibrate_on = tuple(calibrate_on)
    judged = frozenset(calibrate_on if report is None else report)
    out: list[tuple[Example, float]] = []
    for k in range(folds):
        test = [e for e in data if fold_of("outer\x1f" + e.doc_id, folds) == k]
        train = [e for e in data if fold_of("outer\x1f" + e.doc_id, folds) != k]
        if not train:
            continue
        model = train_model(
            train,
            domains=domains,
            calibrate_on=calibrate_on,
            method=method,
            calibrate_by=calibrate_by,
        )
        out += [(e, model.probability(e.features)) for e in test if e.corpus in judged]
    return out
