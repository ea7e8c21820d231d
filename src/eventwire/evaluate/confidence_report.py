"""The figures of ``eventwire eval confidence`` as a reliability diagram, a precision/recall
curve (PNG) and a Markdown page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

RELIABILITY_PNG = "confidence_reliability.png"
PR_PNG = "confidence_pr.png"


def plot_reliability(figures: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    bins = [b for b in figures["reliability"] if b["events"]]
    fig, (ax, hist) = plt.subplots(
        2, 1, figsize=(5, 6), sharex=True, gridspec_kw={"height_ratios": [3, 1]}
    )
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfect calibration")
    ax.plot(
        [b["mean_confidence"] for b in bins],
        [b["right"] for b in bins],
        marker="o",
        label=f"eventwire (ECE {figures['ece']:.3f})",
    )
    ax.set_ylabel("share of events right")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_title(f"Reliability, {figures['split']} labels ({figures['events']} events)")
    ax.legend(loc="upper left")
    all_bins = figures["reliability"]
    hist.bar(
        [(b["low"] + b["high"]) / 2 for b in all_bins],
        [b["events"] for b in all_bins],
        width=0.09,
        color="tab:blue",
    )
    hist.set_xlabel("confidence (10 bins)")
    hist.set_ylabel("events")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_pr(figures: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = [r for r in figures["thresholds"] if r["precision"] is not None]
    fig, ax = plt.subplots(figsize=(5, 4.5))
    ax.plot([r["right_kept"] for r in rows], [r["precision"] for r in rows], marker=".")
    for r in rows[::2]:
        ax.annotate(f"{r['threshold']:.2f}", (r["right_kept"], r["precision"]), fontsize=7)
    d = figures["default"]
    if d["precision"] is not None:
        ax.plot(
            [d["right_kept"]],
            [d["precision"]],
            marker="*",
            markersize=12,
            color="tab:red",
            label=f"default {d['threshold']:.2f}",
        )
    ax.axhline(0.85, color="grey", linestyle=":", linewidth=1)
    ax.axvline(0.85, color="grey", linestyle=":", linewidth=1)
    ax.set_xlabel("share of right events kept (recall)")
    ax.set_ylabel("precision of kept events")
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.set_title(f"Precision / recall by --min-confidence ({figures['split']} labels)")
    ax.legend(loc="lower left")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def _examples(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {corpus}" for corpus, n in sorted(counts.items())) or "?"


def markdown(figures: dict[str, Any], img: str = "../img") -> str:
    d = figures["default"]
    lines = [
        f"## Measured: {figures['split']} split",
        "",
        f"- labels: {figures['labels']} (file sha256 `{figures['labels_sha256'][:12]}`), "
        f"documents {figures['documents']}; events matched {figures['matched']}, labels whose "
        f"event is no longer emitted {figures['unmatched']}",
        f"- model trained on: {_examples(figures.get('model_examples', {}))} (model file's label "
        f"sha256 `{figures.get('model_labels_sha256', '')[:12]}`)",
        f"- right without a threshold: {figures['right']} of {figures['events']} "
        f"(precision {figures['base_precision']})",
        f"- expected calibration error (10 bins): **{figures['ece']:.4f}**; "
        f"Brier score {figures['brier']:.4f}",
        f"- default threshold {d['threshold']:.2f}: precision **{d['precision']}**, right events "
        f"kept **{d['right_kept']}** ({d['kept']} events kept)",
        "",
        "| min confidence | kept | precision | right kept |",
        "|---:|---:|---:|---:|",
    ]
    for r in figures["thresholds"]:
        lines.append(
            f"| {r['threshold']:.2f} | {r['kept']} | {r['precision']} | {r['right_kept']} |"
        )
    lines += [
        "",
        "| confidence bin | events | mean confidence | share right |",
        "|---|---:|---:|---:|",
    ]
    for b in figures["reliability"]:
        lines.append(
            f"| {b['low']:.1f}-{b['high']:.1f} | {b['events']} | {b['mean_confidence']} | "
            f"{b['right']} |"
        )
    lines += ["", "| corpus | events | right | ECE | Brier | precision at default | right kept |"]
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    for c, f in figures["by_corpus"].items():
        lines.append(
            f"| {c} | {f['events']} | {f['right']} | {f['ece']} | {f['brier']} | "
            f"{f['default']['precision']} | {f['default']['right_kept']} |"
        )
    for name, g in figures.get("gold", {}).items():
        gd = g["default"]
        lines += [
            "",
            f"Gold-derived: {name} {g['split']} split, main events ({g['events']}, {g['right']} right, "
            f"precision {g['base_precision']}): ECE **{g['ece']:.4f}**, Brier {g['brier']:.4f}; at "
            f"{gd['threshold']:.2f} precision {gd['precision']}, right kept {gd['right_kept']}.",
        ]
    lines += [
        "",
        f"![reliability diagram]({img}/{RELIABILITY_PNG})",
        f"![precision and recall by threshold]({img}/{PR_PNG})",
        "",
    ]
    return "\n".join(lines)


def write_report(figures: dict[str, Any], *, img_dir: Path, page: Path | None) -> list[Path]:
    """The two PNGs in ``img_dir`` and, with ``page``, the Markdown figures between the page's
    ``<!-- figures -->`` and ``<!-- /figures -->`` markers (the whole page when it has none)."""
    img_dir.mkdir(parents=True, exist_ok=True)
    written = [img_dir / RELIABILITY_PNG, img_dir / PR_PNG]
    plot_reliability(figures, written[0])
    plot_pr(figures, written[1])
    if page is not None:
        text = markdown(figures)
        old = page.read_text(encoding="utf-8") if page.exists() else ""
        start, end = "<!-- figures -->", "<!-- /figures -->"
        if start in old and end in old:
            head, rest = old.split(start, 1)
            text = f"{head}{start}\n{text}\n{end}{rest.split(end, 1)[1]}"
        page.write_text(text, encoding="utf-8")
        written.append(page)
    return written
