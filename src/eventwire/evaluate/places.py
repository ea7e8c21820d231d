"""Evaluate place extraction on GeoWebNews (``GWN.xml``) and LGL (``lgl.xml``).

Both files are read with the standard library. Scores:

- toponym precision / recall / F1, strict (same start and end) and overlapping spans;
- geocoding: the share of matched gold toponyms that carry coordinates whose predicted point
  lies within 161 km (100 miles); an unresolved prediction counts as a miss. Mean error in km.

GeoWebNews protocol (documented in docs/evaluation/places.md): gold toponyms are the proper-name
types ``Literal``, ``Mixed``, ``Metonymic``, ``Homonym``, ``Literal_Modifier``,
``Non_Literal_Modifier`` (nouns and nationality adjectives) and the embedded types (a place name
inside an organisation's name). Excluded: common-noun expressions, non-toponyms, coercions,
languages and the ``Demonym`` type (words for people). ``adjectives=False`` / ``embedded=False``
give the narrower protocol; ``--all-types`` scores the full 2,720-toponym set instead.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Errors, KnowledgeError
from ..records import Place
from .metrics import prf

KM_161 = 161.0
GWN_PLACE_TYPES = frozenset(
    {
        "Literal",
        "Mixed",
        "Metonymic",
        "Homonym",
        "Literal_Modifier",
        "Non_Literal_Modifier",
        "Embedded_Literal",
        "Embedded_Non_Lit",
    }
)
GWN_EXCLUDED = frozenset({"Literal_Expression", "Non_Lit_Expression", "Non_Toponym"})


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    doc_id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass(slots=True)
class PlaceScores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    overlap_tp: int = 0
    overlap_fp: int = 0
    overlap_fn: int = 0
    geo_total: int = 0
    geo_within: int = 0
    errors_km: list[float] = field(default_factory=list)
    misses: list[tuple[str, str]] = field(default_factory=list)  # (kind, text) for error tables

    _prf = staticmethod(prf)

    def to_dict(self) -> dict[str, Any]:
        p, r, f = self._prf(self.tp, self.fp, self.fn)
        op, orr, of = self._prf(self.overlap_tp, self.overlap_fp, self.overlap_fn)
        errs = sorted(self.errors_km)
        return {
            "gold": self.tp + self.fn,
            "predicted": self.tp + self.fp,
            "tp": self.tp,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "overlap_precision": round(op, 4),
            "overlap_recall": round(orr, 4),
            "overlap_f1": round(of, 4),
            "geocoded_gold": self.geo_total,
            "within_161km": round(self.geo_within / self.geo_total, 4) if self.geo_total else 0.0,
            "median_error_km": round(errs[len(errs) // 2], 1) if errs else None,
        }


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def read_gold(
    path: Path, *, all_types: bool = False, adjectives: bool = True, embedded: bool = True
) -> list[GoldDoc]:
    """GoldDocs from a GeoWebNews or LGL XML file (format detected from its elements)."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise KnowledgeError(Errors.E401, path=str(path), reason=str(exc)) from exc
    docs = []
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        tops = [
            t
            for t in (
                _gold_toponym(t, all_types, adjectives, embedded) for t in art.iter("toponym")
            )
            if t is not None
        ]
        docs.append(GoldDoc(art.get("docid") or art.get("file") or str(i), text, tuple(tops)))
    if not docs:
        raise KnowledgeError(Errors.E401, path=str(path), reason="no <article> elements")
    return docs


def _gold_toponym(
    el: ET.Element, all_types: bool, adjectives: bool, embedded: bool
) -> GoldToponym | None:
    start, end = int(el.findtext("start") or -1), int(el.findtext("end") or -1)
    if el.find("gaztag") is not None:  # LGL
        gaz = el.find("gaztag")
        lat = _float(gaz.findtext("lat")) if gaz is not None else None
        lon = _float(gaz.findtext("lon")) if gaz is not None else None
        return GoldToponym(start, end, el.findtext("phrase") or "", lat, lon)
    kind = el.findtext("type") or ""
    if kind in GWN_EXCLUDED:
        return None
    if not all_types:
        adjective = el.findtext("modifierType") == "Adjective" and kind != "Literal_Modifier"
        if kind not in GWN_PLACE_TYPES or (adjective and not adjectives):
            return None
        if kind.startswith("Embedded") and not embedded:
            return None
    return GoldToponym(
        start,
        end,
        el.findtext("extractedName") or "",
        _float(el.findtext("latitude")),
        _float(el.findtext("longitude")),
    )


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def score_doc(scores: PlaceScores, gold: GoldDoc, predicted: Iterable[Place]) -> None:
    """Add one document's counts to ``scores``."""
    preds = {(p.start, p.end): p for p in predicted}
    golds = {(g.start, g.end): g for g in gold.toponyms}
    for key, g in golds.items():
        p = preds.get(key)
        if p is None:
            scores.fn += 1
            scores.misses.append(("fn", g.text))
            continue
        scores.tp += 1
        if g.lat is not None and g.lon is not None:
            scores.geo_total += 1
            if p.lat is None or p.lon is None:
                scores.misses.append(("unresolved", g.text))
                continue
            km = haversine_km(g.lat, g.lon, p.lat, p.lon)
            scores.errors_km.append(km)
            if km <= KM_161:
                scores.geo_within += 1
            else:
                scores.misses.append(("far", f"{g.text} -> {p.name} ({p.country})"))
    for key, p in preds.items():
        if key not in golds:
            scores.fp += 1
            scores.misses.append(("fp", p.text))
    for g in gold.toponyms:
        hit = any(p.start < g.end and g.start < p.end for p in preds.values())
        scores.overlap_tp += hit
        scores.overlap_fn += not hit
    scores.overlap_fp += sum(
        1
        for p in preds.values()
        if not any(p.start < g.end and g.start < p.end for g in gold.toponyms)
    )


def evaluate(
    gold_docs: list[GoldDoc], extract: Callable[[list[str]], Iterator[list[Place]]]
) -> PlaceScores:
    """Score ``extract`` (texts -> places per text, in order) on the gold documents."""
    scores = PlaceScores()
    for gold, places in zip(gold_docs, extract([g.text for g in gold_docs]), strict=True):
        score_doc(scores, gold, places)
    return scores


def pipeline_extractor(*, batch_size: int = 16) -> Callable[[list[str]], Iterator[list[Place]]]:
    """Texts -> places through the real pipeline (places component and the parse it needs)."""
    from ..config import Settings
    from ..pipeline import load_pipeline

    nlp = load_pipeline(Settings(extractors=("places",)))

    def run(texts: list[str]) -> Iterator[list[Place]]:
        for doc in nlp.pipe(texts, batch_size=batch_size):
            yield list(doc._.ew_places or ())

    return run
