"""The event confidence scorer without a trained pipeline: features on hand-built Docs, the
PAV/Platt/logistic fits, the model file's schema check, bit-for-bit retraining, and
``--min-confidence`` giving the same rows in the CLI and the API."""

from __future__ import annotations

import json
import random
import warnings
from pathlib import Path

import duckdb
import pytest
import spacy
from click.testing import CliRunner
from spacy.tokens import Doc

from eventwire.cli.filters import event_matches, keep_confident
from eventwire.errors import KnowledgeError
from eventwire.evaluate.confidence import at_threshold, brier, ece, label_key, read_heldout
from eventwire.evaluate.confidence_fit import (
    Example,
    choose_threshold,
    fit_logistic,
    fit_platt,
    pav,
    train_model,
)
from eventwire.extract.events.confidence import (
    Calibration,
    ConfidenceModel,
    actor_shape,
    event_features,
    load_confidence_model,
    model_from_dict,
    score_events,
)
from eventwire.records import Actor, Event, Place
from eventwire.records import Span as TextSpan
from eventwire.store.filters import EventFilter

WORDS = ["Russia", "attacked", "Ukraine", "on", "Monday", ".", "\u201c", "It", "criticized"]
WORDS += ["Kyiv", "\u201d", "."]
HEADS = [1, 1, 1, 1, 3, 1, 8, 8, 8, 8, 8, 8]
DEPS = ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"]
DEPS += ["punct", "nsubj", "ROOT", "dobj", "punct", "punct"]
POS = ["PROPN", "VERB", "PROPN", "ADP", "PROPN", "PUNCT"]
POS += ["PUNCT", "PRON", "VERB", "PROPN", "PUNCT", "PUNCT"]
ENTS = ["B-GPE", "O", "B-GPE", "O", "B-DATE", "O", "O", "O", "O", "O", "O", "O"]


@pytest.fixture(scope="module")
def doc() -> Doc:
    nlp = spacy.blank("en")
    spaces = [True, True, True, True, False, True, False, True, True, False, False, False]
    return Doc(nlp.vocab, words=WORDS, spaces=spaces, heads=HEADS, deps=DEPS, pos=POS, ents=ENTS)


def actor(doc: Doc, i: int, code: str, country: str | None, sector: str | None = None) -> Actor:
    t = doc[i]
    return Actor(t.text, t.idx, t.idx + len(t), code, country, sector)


def event(doc: Doc, trig: int, sent: int, source: Actor, target: Actor | None, **kw) -> Event:  # noqa: ANN003
    t = doc[trig]
    extra = {"kind": "verb", "specificity": 0, "prior": 0.8, "mode": None, **kw}
    return Event(
        event_id=f"e{trig}{target.code if target else ''}",
        doc_id="d",
        sentence_index=sent,
        source=source,
        target=target,
        cameo="190",
        cameo_root="19",
        plover="ASSAULT",
        quad_class=4,
        goldstein=-10.0,
        trigger=TextSpan(t.text, t.idx, t.idx + len(t)),
        evidence="",
        confidence=0.8,
        extra=extra,
    )


@pytest.fixture(scope="module")
def events(doc: Doc) -> list[Event]:
    rus, ukr = actor(doc, 0, "RUS", "RUS"), actor(doc, 2, "UKR", "UKR")
    it = Actor("It", doc[7].idx, doc[7].idx + 2, "RUSGOV", "RUS", "GOV", name="Kremlin")
    kyiv = actor(doc, 9, "UKR", "UKR")
    return [
        event(doc, 1, 0, rus, ukr),
        event(doc, 1, 0, rus, None),
        event(doc, 8, 1, it, kyiv, kind="dict", specificity=2, location_source="phrase"),
    ]


@pytest.mark.parametrize(
    ("code", "country", "shape"),
    [("RUS", "RUS", "country"), ("RUSGOV", "RUS", "sector"), ("IGOUNO", None, "stateless")]
    + [("---", None, "uncoded")],
)
def test_actor_shape(code: str, country: str | None, shape: str) -> None:
    assert actor_shape(Actor("x", 0, 1, code, country)) == shape
    assert actor_shape(None) == "none"


def test_features_of_a_direct_event(doc: Doc, events: list[Event]) -> None:
    first, untargeted, _ = event_features(doc, events)
    assert {"kind=verb", "spec=0", "kind_spec=verb0", "mode=none", "root=19", "quad=4"} <= set(
        first
    )
    assert {"src=country", "tgt=country", "dsrc=1-2", "dtgt=1-2", "src_before", "tgt_after"} <= set(
        first
    )
    assert {"src_subj", "trig_root", "trig_pos=VERB", "sent=0", "len=<15", "compete=1"} <= set(
        first
    )
    assert {"shared_trigger", "src_place", "tgt_place", "prior=0.8", "loc=none"} <= set(first)
    assert {"kind_root=verb|19", "root_tgt=19|country", "doc=2-3"} <= set(first)
    assert "src_resolved" not in first
    assert "quoted" not in first and "quote_in_sentence" not in first
    assert "tgt=none" in untargeted and not any(f.startswith("dtgt=") for f in untargeted)


def test_features_of_a_quoted_pronoun_event(doc: Doc, events: list[Event]) -> None:
    third = set(event_features(doc, events)[2])
    assert {"kind=dict", "spec=2", "kind_spec=dict1", "src=sector", "src_pron"} <= third
    assert {"src_resolved", "src_sector=GOV", "src_dep=subj", "tgt_dep=obj"} <= third
    assert {"quoted", "sent=1", "loc=phrase"} <= third and "same_country" not in third
    assert "shared_trigger" not in third and "src_place" not in third


def test_place_mentions_mark_a_place_actor(doc: Doc, events: list[Event]) -> None:
    plain = Doc(doc.vocab, words=WORDS, heads=HEADS, deps=DEPS, pos=POS)  # no entities
    kyiv = doc[9]
    place = Place("Kyiv", kyiv.idx, kyiv.idx + 4, "Kyiv", "UKR", 50.45, 30.52, "PPLC")
    assert "tgt_place" not in event_features(plain, events)[2]
    assert "tgt_place" in event_features(plain, events, places=[place])[2]


def test_pav_pools_violators_and_keeps_means() -> None:
    xs, ys = pav([1, 2, 3, 4, 4], [1, 0, 1, 0, 1])
    assert xs == [1.5, pytest.approx(11 / 3)] and ys == [0.5, pytest.approx(2 / 3)]
    xs, ys = pav([0.1, 0.2, 0.3], [0, 1, 1])
    assert xs == [0.1, pytest.approx(0.25)] and ys == [0, 1]  # equal shares pool too
    xs, ys = pav([0.3, 0.1, 0.2], [0, 1, 1], weights=[2, 1, 1])
    assert xs == [pytest.approx(0.225)] and ys == [0.5]


def test_platt_recovers_a_logistic_map() -> None:
    scores, labels = [], []
    for z in (-2.0, -1.0, 0.0, 1.0, 2.0):
        p = 1 / (1 + 2.718281828459045 ** -(2 * z - 0.5))
        positives = round(1000 * p)
        s = 1 / (1 + 2.718281828459045**-z)
        scores += [s] * 1000
        labels += [1.0] * positives + [0.0] * (1000 - positives)
    a, b = fit_platt(scores, labels)
    assert a == pytest.approx(2.0, abs=0.05) and b == pytest.approx(-0.5, abs=0.05)
    assert Calibration("platt", a=a, b=b)(0.5) == pytest.approx(0.3775, abs=0.01)


def test_logistic_weights_follow_the_labels() -> None:
    import numpy as np

    x = np.array([[1, 0], [1, 0], [1, 0], [0, 1], [0, 1], [0, 1], [0, 0], [0, 0]], dtype=float)
    y = np.array([1, 1, 0, 0, 0, 1, 1, 0], dtype=float)
    b0, w = fit_logistic(x, y, np.ones(8), l2=0.1)
    assert w[0] > 0 > w[1] and abs(b0) < 0.2


def test_calibration_interpolates_and_clamps() -> None:
    cal = Calibration("isotonic", (0.2, 0.6), (0.1, 0.9))
    assert cal(0.0) == 0.1 and cal(1.0) == 0.9 and cal(0.4) == pytest.approx(0.5)


GOOD = {
    "format": "eventwire-confidence",
    "version": 1,
    "features_version": 1,
    "labels_sha256": "",
    "threshold": 0.5,
    "intercept": 0.0,
    "weights": {"kind=verb": 1.0},
    "calibration": {"method": "isotonic", "x": [0.2, 0.8], "y": [0.1, 0.9]},
}


@pytest.mark.parametrize(
    "change",
    [
        {"format": "other"},
        {"features_version": 0},
        {"threshold": 2},
        {"intercept": "0"},
        {"weights": {"kind=verb": "high"}},
        {"weights": ["kind=verb"]},
        {"calibration": {"method": "isotonic", "x": [0.8, 0.2], "y": [0.1, 0.9]}},
        {"calibration": {"method": "isotonic", "x": [0.2], "y": [0.1, 0.9]}},
        {"calibration": {"method": "platt", "a": 1}},
        {"calibration": {"method": "spline"}},
        {"version": None},
        {"calibration_by": {"doc=1": {"method": "platt"}}},
        {"calibration_by": ["doc=1"]},
    ],
)
def test_model_schema_check(change: dict) -> None:
    assert model_from_dict(GOOD).weights == {"kind=verb": 1.0}
    with pytest.raises(KnowledgeError, match=r"\[E101\]"):
        model_from_dict({**GOOD, **change})


def test_shipped_model_loads_and_scores(doc: Doc, events: list[Event]) -> None:
    model = load_confidence_model()
    assert 0 < model.threshold < 1
    scored = score_events(doc, events, model)
    assert all(0 <= e.confidence <= 1 for e in scored)
    assert [e.extra for e in scored] == [e.extra for e in events]


def test_score_events_uses_the_model(doc: Doc, events: list[Event]) -> None:
    model = ConfidenceModel(intercept=0.0, weights={"src_pron": -2.0, "tgt=none": 1.0})
    first, untargeted, pronoun = (e.confidence for e in score_events(doc, events, model))
    assert (first, untargeted, pronoun) == (0.5, 0.731, 0.119)


def test_a_regime_takes_its_own_calibration() -> None:
    model = model_from_dict(
        {**GOOD, "calibration_by": {"doc=1": {"method": "platt", "a": 1.0, "b": 2.0}}}
    )
    assert model.probability(["x"]) == pytest.approx(0.5)  # isotonic: 0.1 + 0.8 * 0.5
    assert model.probability(["x", "doc=1"]) == pytest.approx(0.8808, abs=1e-4)
    assert model_from_dict(model.to_dict()) == model


def synthetic_examples(seed: int = 0) -> list[Example]:
    rng = random.Random(seed)
    names = ["kind=verb", "kind=dict", "src=country", "src=uncoded", "tgt=none", "quoted"]
    out = []
    for i in range(300):
        feats = tuple(sorted(n for n in names if rng.random() < 0.4))
        p = 0.8 - 0.4 * ("src=uncoded" in feats) - 0.2 * ("tgt=none" in feats)
        corpus = "bench_newswire" if i % 3 else "petr"
        out.append(Example(corpus, f"doc{i // 4}", f"k{i}", feats, rng.random() < p))
    return out


def test_retraining_gives_identical_json() -> None:
    examples = synthetic_examples()
    shuffled = examples[::-1]

    def fit(exs: list[Example]) -> str:
        model = train_model(
            exs,
            domains=["petr"],
            calibrate_on=["bench_newswire"],
            calibrate_by=["quoted"],
            labels_sha256="abc",
        )
        return json.dumps(model.to_dict(), sort_keys=True)

    first = fit(examples)
    assert fit(shuffled) == first
    loaded = model_from_dict(json.loads(first))
    assert "corpus=petr" not in loaded.weights and set(loaded.calibration_by) == {"quoted"}
    assert loaded.weights["src=uncoded"] < 0 and loaded.labels_sha256 == "abc"


def test_threshold_and_figures() -> None:
    probs = [0.9, 0.8, 0.7, 0.3, 0.2]
    right = [True, True, False, True, False]
    assert choose_threshold(probs, right, precision=0.8, kept=0.6) == 0.75  # both reached
    assert choose_threshold(probs, right) == 0.3  # none reaches both: the highest keeping 0.85
    assert choose_threshold(probs, right, precision=1.01, kept=0.6) == 0.8
    kept = at_threshold(probs, right, 0.75)
    assert kept["precision"] == 1.0 and kept["right_kept"] == pytest.approx(0.6667, abs=1e-4)
    assert ece([0.95, 0.95], [True, False]) == pytest.approx(0.45)
    assert brier([1.0, 0.0], [True, True]) == 0.5


def test_label_keys_and_heldout_file(tmp_path: Path) -> None:
    row = {"doc_id": "d", "trigger_start": 1, "trigger_end": 4, "source": "RUS"}
    assert label_key({**row, "target": None, "cameo": "190"}) == ("d", 1, 4, "RUS", None, "190")
    split = tmp_path / "heldout.txt"
    split.write_text("# comment\nbench_newswire\tA\nwikinews\tb1\n\nC\n", encoding="utf-8")
    assert read_heldout(split) == {"A", "b1", "C"}


def test_min_confidence_in_memory(events: list[Event]) -> None:
    scored = [
        e.__class__(**{**{f: getattr(e, f) for f in e.__dataclass_fields__}, "confidence": c})
        for e, c in zip(events, (0.2, 0.6, 0.9), strict=True)
    ]
    assert [e.confidence for e in keep_confident(scored, 0.6)] == [0.6, 0.9]
    flt = EventFilter(min_confidence=0.6)
    assert [event_matches(e, None, flt) for e in scored] == [False, True, True]
    assert "e.confidence >= ?" in flt.where()[0] and 0.6 in flt.where()[1]


@pytest.fixture(scope="module")
def varied_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from eventwire.server.testing import build_sample_store

    path = build_sample_store(tmp_path_factory.mktemp("conf") / "sample.duckdb")
    con = duckdb.connect(str(path))
    try:  # confidences spread over 0..1, deterministically
        con.execute("UPDATE events SET confidence = (hash(event_id) % 100) / 100.0")
    finally:
        con.close()
    return path


@pytest.mark.parametrize("threshold", [0.0, 0.3, 0.5, 0.8, 1.0])
def test_min_confidence_cli_and_api_agree(varied_store: Path, threshold: float) -> None:
    pytest.importorskip("fastapi")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2.*")
        from fastapi.testclient import TestClient

    from eventwire.cli.main import cli
    from eventwire.server import create_app

    args = ["export", "--db", str(varied_store), "--format", "csv"]
    result = CliRunner().invoke(cli, [*args, "--min-confidence", str(threshold)])
    assert result.exit_code == 0, result.output
    cli_ids = sorted(line.split(",")[0] for line in result.output.splitlines()[1:])
    with TestClient(create_app(varied_store)) as client:
        params = {"min_confidence": str(threshold), "limit": 500}
        body = client.get("/api/events", params=params).json()
        assert client.get("/search", params={"min_confidence": ""}).status_code == 200
        assert client.get("/api/events", params={"min_confidence": "2"}).status_code == 422
    api_ids = sorted(e["event_id"] for e in body["items"])
    assert cli_ids == api_ids
    assert all(e["confidence"] >= threshold for e in body["items"])


def test_report_writes_plots_and_fills_the_page(tmp_path: Path) -> None:
    from eventwire.evaluate.confidence import figures
    from eventwire.evaluate.confidence_report import PR_PNG, RELIABILITY_PNG, write_report

    probs = [0.1, 0.2, 0.3, 0.35, 0.6, 0.7, 0.9]
    right = [False, False, True, False, True, False, True]
    result = {
        "split": "heldout",
        "labels": 7,
        "labels_sha256": "0" * 64,
        "documents": 2,
        "matched": 7,
        "unmatched": 1,
        **figures(probs, right, 0.3),
        "by_corpus": {},
    }
    page = tmp_path / "confidence.md"
    page.write_text("# Title\n\ntext\n<!-- figures -->\nold\n<!-- /figures -->\ntail\n")
    write_report(result, img_dir=tmp_path / "img", page=page)
    text = page.read_text()
    assert text.startswith("# Title\n\ntext\n<!-- figures -->\n## Measured: heldout split")
    assert "\nold\n" not in text and text.endswith("<!-- /figures -->\ntail\n")
    assert "| 0.30 | 5 | 0.6 | 1.0 |" in text
    for name in (RELIABILITY_PNG, PR_PNG):
        assert (tmp_path / "img" / name).read_bytes()[:4] == b"\x89PNG"


@pytest.mark.model
def test_eval_confidence_matches_labels_by_key(shared_dir: Path, annotator, tmp_path: Path) -> None:  # noqa: ANN001
    """Two labelled training documents, annotated for real: every label that the coder still
    emits is matched (the held-out split is not read)."""
    from eventwire.evaluate.confidence import evaluate_confidence, read_heldout, read_labels

    root = Path(__file__).resolve().parents[2]
    heldout = read_heldout(root / "labels" / "confidence_heldout.txt")
    rows = [
        r
        for r in read_labels(root / "labels" / "events_judged.jsonl")
        if r["doc_id"] not in heldout
    ]
    docs = sorted({r["doc_id"] for r in rows if r["corpus"] == "wikinews"})[:2]
    labels = tmp_path / "labels.jsonl"
    labels.write_text("".join(json.dumps(r) + "\n" for r in rows if r["doc_id"] in docs))
    result = evaluate_confidence(
        labels, root / "labels" / "confidence_heldout.txt", shared_dir, annotator, split="train"
    )
    assert result["documents"] == 2 and result["labels"] == result["matched"] + result["unmatched"]
    assert result["matched"] > 0 and 0 <= result["ece"] <= 1


@pytest.mark.model
def test_min_confidence_on_annotate_code_and_ingest(tmp_path: Path) -> None:
    """The real pipeline: ``--min-confidence`` drops the same events from annotate, code and
    ingest (one example article; confidences from the shipped model)."""
    from eventwire.cli.main import cli

    article = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.txt"))[0]
    runner = CliRunner()
    out = runner.invoke(cli, ["annotate", str(article), "-q"])
    assert out.exit_code == 0, out.output
    confidences = sorted(e["confidence"] for e in json.loads(out.output)["events"])
    assert confidences, "the example article codes no event"
    cut = confidences[len(confidences) // 2]  # keeps about half
    kept = sum(c >= cut for c in confidences)
    out = runner.invoke(cli, ["annotate", str(article), "-q", "--min-confidence", str(cut)])
    assert len(json.loads(out.output)["events"]) == kept
    out = runner.invoke(
        cli,
        ["code", str(article), "-q", "--format", "jsonl", "--include-negated"]
        + ["--min-confidence", str(cut)],
    )
    assert len(out.output.splitlines()) == kept
    db = tmp_path / "store.duckdb"
    out = runner.invoke(
        cli, ["ingest", str(article), "--db", str(db), "-q"] + ["--min-confidence", str(cut)]
    )
    assert out.exit_code == 0, out.output
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT count(*), min(confidence) FROM events").fetchone()
    finally:
        con.close()
    assert row is not None and row[0] == kept and row[1] >= cut
