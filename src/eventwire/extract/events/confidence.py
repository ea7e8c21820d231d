"""The confidence of coded events: what each event looks like to the scorer, and the calibrated
linear model that turns it into the probability that the event is right.

Stage after ``places`` (events are coded, dated and placed): :func:`event_features` reads each
:class:`~eventwire.records.Event`, the parsed ``Doc`` and the other events of its sentence and
returns the names of the binary features that hold (``kind=verb``, ``dsrc=3-5``, ``quoted``...);
:class:`ConfidenceModel` adds their weights, applies the logistic function and the calibration
map (isotonic, fitted by pool-adjacent-violators on held-out folds, or Platt), giving
``Event.confidence``. No parsing, no third-party model: a few dict look-ups per event.

Features read only what every coder version gives (the kind of rule, how many pattern words
matched, modality, the actors' code shapes, token positions), never a pattern id, so the model
stays meaningful while the dictionaries change. The model file
(``data/models/confidence.json``) is built by ``scripts/train_confidence.py`` and checked by
:func:`model_from_dict` when loaded.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from ...errors import Errors, KnowledgeError
from ...knowledge.files import data_path
from ...records import Actor, Event, Place
from ..doctext import span_text

FEATURES_VERSION = 1
MODEL_FORMAT = "eventwire-confidence"
MODEL_FILE = "models/confidence.json"
CALIBRATIONS = ("isotonic", "platt", "none")
# typographic quote marks: a trigger after an odd number of them in its sentence is quoted
QUOTE_MARKS = frozenset('"\u201c\u201d\u00ab\u00bb')
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# the trigger's dependency label, grouped: the main clause, a complement clause (what someone
# said or wanted), a modifier clause, a coordinated clause, a noun's modifier
CLAUSE_OF = {
    "ROOT": "root",
    "ccomp": "complement",
    "xcomp": "complement",
    "advcl": "modifier",
    "relcl": "modifier",
    "acl": "modifier",
    "conj": "conj",
    "pobj": "noun",
    "dobj": "noun",
    "nsubj": "noun",
    "compound": "noun",
}
UNCODED = "---"
PROB_FLOOR = 0.01
# bin edges (upper bounds, inclusive) and their names
DISTANCE_BINS = ((0, "0"), (2, "1-2"), (5, "3-5"), (10, "6-10"), (10**9, "11+"))
LENGTH_BINS = ((14, "<15"), (29, "15-29"), (44, "30-44"), (10**9, "45+"))
SENTENCE_BINS = ((0, "0"), (1, "1"), (4, "2-4"), (10**9, "5+"))
DOC_BINS = ((1, "1"), (3, "2-3"), (10, "4-10"), (10**9, "11+"))  # sentences in the document
# an actor token's dependency label, grouped
ARG_DEPS = {
    "nsubj": "subj",
    "nsubjpass": "subj",
    "agent": "agent",
    "dobj": "obj",
    "pobj": "pobj",
    "poss": "poss",
    "compound": "mod",
    "amod": "mod",
    "nmod": "mod",
    "conj": "conj",
    "appos": "conj",
}


def _bin(value: int, bins: Sequence[tuple[int, str]]) -> str:
    for upper, name in bins:
        if value <= upper:
            return name
    return bins[-1][1]


def actor_shape(actor: Actor | None) -> str:
    """How an actor was resolved, from its code alone: ``none`` (no target), ``uncoded`` (---: a
    name no dictionary codes), ``country`` (a state), ``sector`` (a country's government,
    military...), ``stateless`` (an IGO, NGO, a group without a country)."""
    if actor is None:
        return "none"
    if actor.code == UNCODED:
        return "uncoded"
    if actor.country and actor.code == actor.country:
        return "country"
    if actor.country:
        return "sector"
    return "stateless"


@dataclass(frozen=True, slots=True)
class _Sentence:
    """What the features of a sentence's events share: its span, quote marks and events."""

    span: Span
    quote_offsets: tuple[int, ...]  # character offsets of the quote marks in the sentence
    triggers: int  # distinct triggers among the sentence's events
    per_trigger: Counter[int]  # trigger start -> events coded from it
    doc_sentences: int  # sentences in the document: a lone sentence or an article
    names: int  # named entities in the sentence (counted once: Span.ents walks the doc's)


def _sentences(doc: Doc, events: Sequence[Event]) -> dict[int, _Sentence]:
    sents = list(doc.sents)
    by_sent: dict[int, list[Event]] = {}
    for event in events:
        by_sent.setdefault(event.sentence_index, []).append(event)
    out = {}
    ents = [(e.start, e.end) for e in doc.ents] if by_sent else []  # doc.ents builds every Span
    for index, evs in by_sent.items():
        if not 0 <= index < len(sents):
            continue
        span = sents[index]
        marks = tuple(
            span.start_char + i for i, c in enumerate(span_text(span)) if c in QUOTE_MARKS
        )
        per_trigger = Counter(e.trigger.start for e in evs)
        names = sum(1 for s, e in ents if s >= span.start and e <= span.end)  # as Span.ents
        out[index] = _Sentence(span, marks, len(per_trigger), per_trigger, len(sents), names)
    return out


def _token_at(doc: Doc, start: int, end: int) -> int | None:
    """The index of the head token of the characters start..end (None when none is there)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root.i


def _is_place(actor: Actor, places: Sequence[Place], doc: Doc, token: int | None) -> bool:
    """Whether the actor's words are a place mention (a place standing for its state)."""
    if any(p.start < actor.end and actor.start < p.end for p in places):
        return True
    return token is not None and doc[token].ent_type_ in PLACE_LABELS


def _actor_features(
    role: str,
    actor: Actor | None,
    trigger: int | None,
    doc: Doc,
    places: Sequence[Place],
    sentence: _Sentence | None,
) -> list[str]:
    shape = actor_shape(actor)
    names = [f"{role}={shape}"]
    if actor is None:
        return names
    if shape == "sector":  # GOV, MIL, ELI, MED...: the first sector the code names
        names.append(f"{role}_sector={(actor.sector or actor.code[3:])[:3]}")
    token = _token_at(doc, actor.start, actor.end)
    if token is None:
        return names
    tok = doc[token]
    if actor.name and actor.name.lower() not in actor.text.lower():
        names.append(f"{role}_resolved")  # named by what it refers to, not by its words
    names.append(f"{role}_tok={tok.pos_ if tok.pos_ in ('PROPN', 'NOUN', 'PRON') else 'other'}")
    if tok.pos_ == "PRON":
        names.append(f"{role}_pron")
    elif _is_place(actor, places, doc, token):
        names.append(f"{role}_place")
    if tok.dep_ in SUBJECT_DEPS:
        names.append(f"{role}_subj")
    names.append(f"{role}_dep={ARG_DEPS.get(tok.dep_, 'other')}")
    if sentence is not None and not (sentence.span.start <= token < sentence.span.end):
        names.append(f"{role}_outside")  # resolved from another sentence
    if trigger is not None:
        names.append(f"d{role}={_bin(abs(token - trigger), DISTANCE_BINS)}")
        names.append(f"{role}_{'before' if token < trigger else 'after'}")
    return names


def features_of(
    event: Event, doc: Doc, sentence: _Sentence | None, places: Sequence[Place] = ()
) -> tuple[str, ...]:
    """The names of the binary features one event has (see the module docstring)."""
    extra = event.extra
    kind = str(extra.get("kind") or "none")
    spec = min(int(extra.get("specificity") or 0), 3)
    prior = extra.get("prior")
    names = [
        f"kind={kind}",
        f"spec={spec}",
        f"kind_spec={kind}{min(spec, 1)}",
        f"mode={extra.get('mode') or 'none'}",
        f"root={event.cameo_root}",
        f"quad={event.quad_class}",
        f"loc={extra.get('location_source') or 'none'}",
        f"date={event.date_precision}",
        f"code_len={len(event.cameo)}",
        f"kind_root={kind}|{event.cameo_root}",
        f"root_tgt={event.cameo_root}|{actor_shape(event.target)}",
    ]
    if isinstance(prior, int | float):
        names.append(f"prior={round(float(prior) * 10) / 10:.1f}")
    if event.negated:
        names.append("negated")
    trigger = _token_at(doc, event.trigger.start, event.trigger.end)
    if trigger is not None:
        tok = doc[trigger]
        names.append(f"trig_pos={tok.pos_ if tok.pos_ in ('VERB', 'NOUN') else 'other'}")
        if tok.dep_ == "ROOT":
            names.append("trig_root")
        names.append(f"trig_dep={CLAUSE_OF.get(tok.dep_, 'other')}")
        names.append(f"lemma={tok.lemma_.lower() or tok.lower_}")
    if len(event.trigger.text.split()) > 1:
        names.append("trig_words")
    names += _actor_features("src", event.source, trigger, doc, places, sentence)
    names += _actor_features("tgt", event.target, trigger, doc, places, sentence)
    target = event.target
    if target is not None and target.code == event.source.code:
        names.append("same_actor")
    elif target is not None and target.country and target.country == event.source.country:
        names.append("same_country")
    names.append(f"sent={_bin(event.sentence_index, SENTENCE_BINS)}")
    if sentence is not None:
        names.append(f"len={_bin(len(sentence.span), LENGTH_BINS)}")
        names.append(f"compete={min(sentence.triggers, 3)}")
        names.append(f"names={min(sentence.names, 4)}")
        names.append(f"doc={_bin(sentence.doc_sentences, DOC_BINS)}")
        if sentence.per_trigger[event.trigger.start] > 1:
            names.append("shared_trigger")
        if sentence.quote_offsets:
            before = bisect.bisect_left(sentence.quote_offsets, event.trigger.start)
            names.append("quoted" if before % 2 else "quote_in_sentence")
    return tuple(names)


def event_features(
    doc: Doc, events: Sequence[Event], *, places: Sequence[Place] = ()
) -> list[tuple[str, ...]]:
    """The feature names of each event, in order (``places``: the document's place mentions)."""
    sentences = _sentences(doc, events)
    return [features_of(e, doc, sentences.get(e.sentence_index), places) for e in events]


@dataclass(frozen=True, slots=True)
class Calibration:
    """The map from the linear model's probability to a calibrated one: ``isotonic`` (piecewise
    linear through the points ``x`` -> ``y``, flat outside them), ``platt``
    (``1 / (1 + exp(-(a * logit(p) + b)))``) or ``none``."""

    method: str = "none"
    x: tuple[float, ...] = ()
    y: tuple[float, ...] = ()
    a: float = 1.0
    b: float = 0.0

    def __call__(self, p: float) -> float:
        if self.method == "isotonic":
            return interpolate(self.x, self.y, p)
        if self.method == "platt":
            return sigmoid(self.a * logit(p) + self.b)
        return p

    def to_dict(self) -> dict[str, Any]:
        if self.method == "isotonic":
            return {"method": self.method, "x": list(self.x), "y": list(self.y)}
        if self.method == "platt":
            return {"method": self.method, "a": self.a, "b": self.b}
        return {"method": self.method}


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def logit(p: float, eps: float = 1e-6) -> float:
    p = min(max(p, eps), 1 - eps)
    return math.log(p / (1 - p))


def interpolate(xs: Sequence[float], ys: Sequence[float], x: float) -> float:
    """Piecewise-linear through (xs, ys) (xs ascending), flat beyond the ends."""
    if not xs:
        return x
    if x <= xs[0]:
        return ys[0]
    if x >= xs[-1]:
        return ys[-1]
    i = bisect.bisect_right(xs, x)
    x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
    return y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)


@dataclass(frozen=True, slots=True)
class ConfidenceModel:
    """A logistic regression over binary features plus its calibration map; an event with one
    of the features of ``calibration_by`` takes that feature's own map (``doc=1``: a lone
    sentence, whose events are coded otherwise than an article's)."""

    intercept: float
    weights: Mapping[str, float]
    calibration: Calibration = Calibration()
    calibration_by: Mapping[str, Calibration] = dataclasses.field(default_factory=dict)
    threshold: float = 0.5  # the documented default for --min-confidence
    version: int = 1
    features_version: int = FEATURES_VERSION
    labels_sha256: str = ""
    info: Mapping[str, Any] = dataclasses.field(default_factory=dict)  # training figures

    def linear(self, features: Iterable[str]) -> float:
        """The uncalibrated probability (the logistic of the weights' sum)."""
        w = self.weights
        return sigmoid(self.intercept + sum(w.get(f, 0.0) for f in features))

    def probability(self, features: Iterable[str]) -> float:
        """The calibrated probability, kept within [0.01, 0.99]: a few hundred labels cannot
        make any event certain (nor certainly wrong)."""
        names = tuple(features)
        calibration = next(
            (c for f, c in sorted(self.calibration_by.items()) if f in names), self.calibration
        )
        return min(max(calibration(self.linear(names)), PROB_FLOOR), 1 - PROB_FLOOR)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT,
            "version": self.version,
            "features_version": self.features_version,
            "labels_sha256": self.labels_sha256,
            "threshold": self.threshold,
            "intercept": self.intercept,
            "weights": dict(sorted(self.weights.items())),
            "calibration": self.calibration.to_dict(),
            "calibration_by": {f: c.to_dict() for f, c in sorted(self.calibration_by.items())},
            "info": dict(self.info),
        }


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _fail(where: str, reason: str) -> KnowledgeError:
    return KnowledgeError(Errors.E101, path=where, reason=reason)


def _calibration(obj: Any, where: str) -> Calibration:
    if not isinstance(obj, Mapping) or obj.get("method") not in CALIBRATIONS:
        raise _fail(where, f"calibration must name a method of {CALIBRATIONS}")
    method = obj["method"]
    if method == "isotonic":
        xs, ys = obj.get("x"), obj.get("y")
        if not (isinstance(xs, list) and isinstance(ys, list) and xs and len(xs) == len(ys)):
            raise _fail(where, "isotonic calibration needs lists x and y of one length")
        if not all(_number(v) and 0 <= v <= 1 for v in [*xs, *ys]):
            raise _fail(where, "isotonic calibration points must be numbers in [0, 1]")
        if any(b < a for a, b in zip(xs, xs[1:], strict=False)) or any(
            b < a for a, b in zip(ys, ys[1:], strict=False)
        ):
            raise _fail(where, "isotonic calibration points must not decrease")
        return Calibration(method, tuple(map(float, xs)), tuple(map(float, ys)))
    if method == "platt":
        if not (_number(obj.get("a")) and _number(obj.get("b"))):
            raise _fail(where, "platt calibration needs numbers a and b")
        return Calibration(method, a=float(obj["a"]), b=float(obj["b"]))
    return Calibration()


def model_from_dict(obj: Any, where: str = MODEL_FILE) -> ConfidenceModel:
    """The model a JSON object describes, after checking its schema (KnowledgeError E101)."""
    if not isinstance(obj, Mapping) or obj.get("format") != MODEL_FORMAT:
        raise _fail(where, f"not a confidence model (format must be {MODEL_FORMAT!r})")
    if obj.get("features_version") != FEATURES_VERSION:
        raise _fail(
            where,
            f"features_version {obj.get('features_version')!r}: this eventwire computes "
            f"version {FEATURES_VERSION}; retrain with scripts/train_confidence.py",
        )
    for key in ("intercept", "threshold"):
        if not _number(obj.get(key)):
            raise _fail(where, f"{key!r} must be a number")
    if not 0 <= obj["threshold"] <= 1:
        raise _fail(where, "'threshold' must lie in [0, 1]")
    weights = obj.get("weights")
    if not isinstance(weights, Mapping) or not all(
        isinstance(k, str) and _number(v) for k, v in weights.items()
    ):
        raise _fail(where, "'weights' must map feature names to numbers")
    if not isinstance(obj.get("version"), int) or not isinstance(obj.get("labels_sha256"), str):
        raise _fail(where, "'version' (an integer) and 'labels_sha256' (a string) are required")
    info = obj.get("info", {})
    if not isinstance(info, Mapping):
        raise _fail(where, "'info' must be a mapping")
    by = obj.get("calibration_by", {})
    if not isinstance(by, Mapping) or not all(isinstance(k, str) for k in by):
        raise _fail(where, "'calibration_by' must map feature names to calibrations")
    return ConfidenceModel(
        intercept=float(obj["intercept"]),
        weights={k: float(v) for k, v in weights.items()},
        calibration=_calibration(obj.get("calibration"), where),
        calibration_by={k: _calibration(v, where) for k, v in by.items()},
        threshold=float(obj["threshold"]),
        version=obj["version"],
        features_version=obj["features_version"],
        labels_sha256=obj["labels_sha256"],
        info=dict(info),
    )


def read_model(path: Path) -> ConfidenceModel:
    """The model in a JSON file, schema-checked."""
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise _fail(str(path), "missing") from exc
    except (OSError, ValueError) as exc:
        raise _fail(str(path), f"not valid JSON: {exc}") from exc
    return model_from_dict(obj, str(path))


@lru_cache(maxsize=4)  # loaded once per process
def load_confidence_model(path: str | None = None) -> ConfidenceModel:
    """The shipped model (``data/models/confidence.json``), or the one at ``path``."""
    return read_model(Path(path) if path else data_path(MODEL_FILE))


def score_events(
    doc: Doc, events: Sequence[Event], model: ConfidenceModel, *, places: Sequence[Place] = ()
) -> list[Event]:
    """The events with ``confidence`` the model's calibrated probability that each is right,
    to 3 places as every output writes it (so a threshold keeps what the user sees); the rule's
    own constant stays in ``extra["prior"]``."""
    if not events:
        return []
    features = event_features(doc, events, places=places)
    return [
        dataclasses.replace(e, confidence=round(model.probability(f), 3))
        for e, f in zip(events, features, strict=True)
    ]
