"""Analysis output over the store's counts: the actor network as GraphML, dyad series as PNG.

The counts themselves come from :mod:`eventwire.store.queries` (the one query layer the CLI,
the API and the dashboard share); read-only SQL is :mod:`eventwire.store.sql`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from .store.queries import QUAD_COLUMNS, Rows

EDGE_KEYS = ("events", "mentions", "goldstein_mean", "cooperation", "conflict")


def write_graphml(graph: dict[str, Any], path: str | Path) -> None:
    """GraphML readable by networkx, Gephi and igraph."""
    keys = [("events", "node", "int")]
    keys += [(k, "edge", "double" if k == "goldstein_mean" else "int") for k in EDGE_KEYS]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ]
    lines += [
        f'  <key id="{kind[0]}_{name}" for="{kind}" attr.name="{name}" attr.type="{t}"/>'
        for name, kind, t in keys
    ]
    lines.append('  <graph id="eventwire" edgedefault="directed">')
    for n in graph["nodes"]:
        lines.append(
            f'    <node id={quoteattr(str(n["id"]))}><data key="n_events">{n["events"]}</data></node>'
        )
    for i, e in enumerate(graph["edges"]):
        data = "".join(f'<data key="e_{k}">{escape(str(_round(e[k])))}</data>' for k in EDGE_KEYS)
        lines.append(
            f'    <edge id="e{i}" source={quoteattr(str(e["source"]))} '
            f"target={quoteattr(str(e['target']))}>{data}</edge>"
        )
    lines += ["  </graph>", "</graphml>"]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _round(v: Any) -> Any:
    return round(v, 4) if isinstance(v, float) else v


def plot_dyad(rows: Rows, path: str | Path, *, title: str) -> None:
    """Stacked quad-class counts and the cooperation-conflict index over time, to PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cols, data = rows
    idx = {c: i for i, c in enumerate(cols)}
    x = [r[idx["period"]] for r in data]
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(9, 6), sharex=True)
    bottom = [0] * len(data)
    labels = [
        ("verbal coop", "#4c9be8"),
        ("material coop", "#1f5fa8"),
        ("verbal conflict", "#f0a35e"),
        ("material conflict", "#c0392b"),
    ]
    for col, (label, color) in zip(QUAD_COLUMNS, labels, strict=True):
        values = [r[idx[col]] for r in data]
        ax1.bar(x, values, bottom=bottom, label=label, color=color, width=_bar_width(x))
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax1.set_ylabel("events")
    ax1.legend(loc="upper left", fontsize=8)
    ax1.set_title(title)
    ax2.plot(
        x,
        [r[idx["coop_conflict"]] for r in data],
        marker="o",
        label="cooperation - conflict (share)",
    )
    ax2.plot(
        x,
        [(r[idx["goldstein_weighted"]] or 0) / 10 for r in data],
        marker=".",
        linestyle="--",
        label="Goldstein (mention-weighted) / 10",
    )
    ax2.axhline(0, color="grey", linewidth=0.5)
    ax2.legend(loc="upper left", fontsize=8)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def _bar_width(x: list[Any]) -> float:
    if len(x) < 2:
        return 20.0
    gaps = [(b - a).days for a, b in zip(x, x[1:], strict=False) if hasattr(b, "__sub__")]
    return max(0.8, 0.8 * min(gaps)) if gaps else 20.0
