"""Train the event confidence model: ``src/eventwire/data/models/confidence.json``.

    .venv/bin/python scripts/train_confidence.py            # judged labels + gold-derived labels
    .venv/bin/python scripts/train_confidence.py --examples-out /tmp/ex.jsonl  # keep the examples
    .venv/bin/python scripts/train_confidence.py --examples-in /tmp/ex.jsonl   # refit only

Labels: ``labels/events_judged.jsonl`` without the documents of ``labels/confidence_heldout.txt``
(never read, never trained on), plus the PETRARCH unit tests and the dev split of the ConfliBERT
training file (never its held-out ids): lone sentences, calibrated apart (``doc=1``). The
documents are read from ``--shared`` (../shared).
The same examples give the same JSON, bit for bit (eventwire.evaluate.confidence_fit).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from eventwire.annotate import Annotator
from eventwire.evaluate import confidence as conf
from eventwire.evaluate.confidence_fit import Example, cross_validated, train_model

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "src" / "eventwire" / "data" / "models" / "confidence.json"
DOMAINS: tuple[
    str, ...
] = ()  # corpora with an indicator feature (none: doc=1 tells lone sentences)
CALIBRATE_BY = ("doc=1",)  # lone sentences (the gold-derived labels) get their own calibration map


def collect(args: argparse.Namespace) -> list[Example]:
    examples: list[Example] = []
    labels_path = Path(args.labels)
    if labels_path.exists():
        heldout = conf.read_heldout(Path(args.heldout))
        labels = [r for r in conf.read_labels(labels_path) if r["doc_id"] not in heldout]
        documents = conf.label_documents(labels, Path(args.shared))
        annotator = Annotator(conf.event_settings())
        scored, unmatched = conf.match_labels(annotator, documents, labels)
        examples += conf.judged_examples(scored)
        print(
            f"judged: {len(labels)} train labels, {len(scored)} matched, {unmatched} no longer "
            "emitted",
            file=sys.stderr,
        )
    shared = Path(args.shared)
    if args.petr_weight > 0:
        petr = shared / "reference" / "petrarch2" / "PETR.UnitTest.records.xml"
        found = conf.petr_examples(petr, weight=args.petr_weight)
        print(f"petr: {len(found)} events", file=sys.stderr)
        examples += found
    if args.conflibert_weight > 0:
        path = shared / "dev" / "events_conflibert_train.jsonl"
        found = [e for e, _ in conf.conflibert_examples(path, weight=args.conflibert_weight)]
        print(f"conflibert dev: {len(found)} main events", file=sys.stderr)
        examples += found
    return examples


def read_examples(path: Path) -> list[Example]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append(
                Example(
                    row["corpus"],
                    row["doc_id"],
                    row["key"],
                    tuple(row["features"]),
                    bool(row["right"]),
                    float(row.get("weight", 1.0)),
                )
            )
    return out


def write_examples(examples: list[Example], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for e in examples:
            row = {
                "corpus": e.corpus,
                "doc_id": e.doc_id,
                "key": e.key,
                "features": list(e.features),
                "right": e.right,
                "weight": e.weight,
            }
            fh.write(json.dumps(row, sort_keys=True) + "\n")


def model_json(examples: list[Example], *, labels_sha256: str, method: str) -> str:
    model = train_model(
        examples,
        domains=DOMAINS,
        calibrate_on=conf.JUDGED,
        method=method,
        calibrate_by=CALIBRATE_BY,
        labels_sha256=labels_sha256,
    )
    return json.dumps(model.to_dict(), indent=1, sort_keys=True) + "\n"


def cross_validation(examples: list[Example], *, method: str, threshold: float) -> dict:
    """Development figures on the training labels: each judged event scored by a whole model
    fitted without its document's outer fold (never the held-out split)."""
    scored = cross_validated(
        examples,
        domains=DOMAINS,
        calibrate_on=conf.JUDGED,
        method=method,
        calibrate_by=CALIBRATE_BY,
        report=conf.JUDGED + ("petr", "conflibert"),
    )
    judged = [(e, p) for e, p in scored if e.corpus in conf.JUDGED]
    gold = [(e, p) for e, p in scored if e.corpus not in conf.JUDGED]
    out = {}
    for name, part in (("judged", judged), ("gold-derived", gold)):
        probs = [p for _, p in part]
        labels = [e.right for e, _ in part]
        figures = conf.figures(probs, labels, threshold)
        keys = ("events", "right", "base_precision", "ece", "brier", "default")
        out[name] = {k: figures[k] for k in keys}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", default=str(ROOT / "labels" / "events_judged.jsonl"))
    parser.add_argument("--heldout", default=str(ROOT / "labels" / "confidence_heldout.txt"))
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    # gold-derived labels (lone sentences): 0 leaves them out
    parser.add_argument("--petr-weight", type=float, default=1.0)
    parser.add_argument("--conflibert-weight", type=float, default=1.0)
    parser.add_argument("--method", choices=("isotonic", "platt"), default="platt")
    parser.add_argument("--examples-in", default=None, help="refit from these examples")
    parser.add_argument("--examples-out", default=None, help="also write the examples here")
    parser.add_argument(
        "--cv", action="store_true", help="also print cross-validated figures (training labels)"
    )
    parser.add_argument("-o", "--output", default=str(MODEL))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    examples = read_examples(Path(args.examples_in)) if args.examples_in else collect(args)
    if args.examples_out:
        write_examples(examples, Path(args.examples_out))
    labels = Path(args.labels)
    sha = conf.labels_sha256(labels) if labels.exists() else ""
    text = model_json(examples, labels_sha256=sha, method=args.method)
    Path(args.output).write_text(text, encoding="utf-8")
    model = json.loads(text)
    print(f"wrote {args.output}: {json.dumps(model['info'])}", file=sys.stderr)
    if args.cv:
        figures = cross_validation(examples, method=args.method, threshold=model["threshold"])
        print(f"cross-validated: {json.dumps(figures)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
