"""Analysis output over the store's counts: the actor network as GraphML, dyad series as PNG.

The counts themselves come from :mod:`eventwire.store.queries` (the one query layer the CLI,
the API and the dashboard share); read-only SQL is :mod:`eventwire.store.sql`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from .store.queries import QUAD_COLUMNS, Rows, period_end, period_label

EDGE_KEYS = ("events", "mentions", "goldstein_mean", "cooperation", "conflict")


def write_graphml(graph: dict[str, Any], path: str | Path) -> None:
    """GraphML readable by networkx, Gephi and igraph; nodes carry ``label`` (a name)."""
    keys = [("label", "node", "string"), ("events", "node", "int")]
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
        label = escape(str(n.get("label") or n["id"]))
        lines.append(
            f'    <node id={quoteattr(str(n["id"]))}><data key="n_label">{label}</data>'
            f'<data key="n_events">{n["events"]}</data></node>'
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


QUAD_STYLE = (
    ("verbal coop", "#4c9be8"),
    ("material coop", "#1f5fa8"),
    ("verbal conflict", "#f0a35e"),
    ("material conflict", "#c0392b"),
)
BAR_SHARE = 0.9  # of its period a bar covers, centred (a small gap between periods)


@dataclass(frozen=True, slots=True)
class DyadPlot:
    """What :func:`plot_dyad` drew: each dated period and the date span of its bar; how many
    undated events it could not place."""

    periods: list[dt.date]
    bars: list[tuple[dt.datetime, dt.datetime]]
    undated_events: int


def bar_span(period: dt.date, by: str) -> tuple[dt.date, dt.date, float]:
    """Where the bar of ``period`` starts, the first day after the period, and its width in days."""
    end = period_end(period, by)
    days = (end - period).days
    return period, end, days * BAR_SHARE


def plot_dyad(rows: Rows, path: str | Path, *, title: str, by: str = "month") -> DyadPlot:
    """Stacked quad-class counts per period (each bar inside its period, whole events on the
    y-axis) and the cooperation-conflict index at the period's middle, to PNG. Undated events
    (period NULL) cannot be placed in time: they are counted in the returned value, not drawn."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    cols, data = rows
    idx = {c: i for i, c in enumerate(cols)}
    undated = sum(int(r[idx["events"]]) for r in data if r[idx["period"]] is None)
    data = [r for r in data if r[idx["period"]] is not None]
    periods: list[dt.date] = [r[idx["period"]] for r in data]
    spans = [bar_span(p, by) for p in periods]
    lefts = [mdates.date2num(p) + w * (1 - BAR_SHARE) / BAR_SHARE / 2 for p, _, w in spans]
    widths = [w for _, _, w in spans]
    middles = [mdates.date2num(p) + (e - p).days / 2 for p, e, _ in spans]
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(10, 6), sharex=True)
    bottom = [0] * len(data)
    drawn: list[tuple[dt.datetime, dt.datetime]] = []
    for col, (label, color) in zip(QUAD_COLUMNS, QUAD_STYLE, strict=True):
        values = [r[idx[col]] for r in data]
        bars = ax1.bar(
            lefts, values, bottom=bottom, width=widths, align="edge", label=label, color=color
        )
        if not drawn:
            drawn = [
                (
                    _naive(mdates.num2date(b.get_x())),
                    _naive(mdates.num2date(b.get_x() + b.get_width())),
                )
                for b in bars.patches
            ]
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax1.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax1.margins(y=0.1)
    ax1.set_ylabel("events")
    ax1.set_title(title + (f" ({undated} undated events not drawn)" if undated else ""))
    totals = [sum(r[idx[c]] for c in QUAD_COLUMNS) for r in data]
    if periods and min(widths) < (spans[-1][1] - periods[0]).days / 150:
        # bars too thin to see at this scale (a few days over years): mark their tops
        ax1.scatter(middles, totals, marker="_", s=60, color="black", zorder=3, label="events")
    ax1.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    gaps = _gapped(periods, by)
    ax2.plot(
        gaps(middles),
        gaps([r[idx["coop_conflict"]] for r in data]),
        marker="o",
        label="coop - conflict",
    )
    ax2.plot(
        gaps(middles),
        gaps([(r[idx["goldstein_weighted"]] or 0) / 10 for r in data]),
        marker=".",
        linestyle="--",
        label="Goldstein / 10",
    )
    ax2.axhline(0, color="grey", linewidth=0.5)
    ax2.set_ylim(-1.05, 1.05)
    ax2.set_ylabel("share / scaled")
    ax2.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    if periods:
        ax2.set_xlim(
            mdates.date2num(periods[0]) - 0.02 * (spans[-1][1] - periods[0]).days,
            mdates.date2num(spans[-1][1]) + 0.02 * (spans[-1][1] - periods[0]).days,
        )
        ticks = _ticks(periods)
        ax2.set_xticks([m for p, m in zip(periods, middles, strict=True) if p in ticks])
        ax2.set_xticklabels([period_label(p, by) for p in periods if p in ticks])
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return DyadPlot(periods, drawn, undated)


def _gapped(periods: list[dt.date], by: str) -> Any:
    """A function that puts a NaN between values of non-adjacent periods, so that the lines
    are broken where periods without events lie between (no slope drawn across a gap)."""
    breaks = {i for i in range(1, len(periods)) if periods[i] != period_end(periods[i - 1], by)}

    def apply(values: list[Any]) -> list[Any]:
        out: list[Any] = []
        for i, v in enumerate(values):
            if i in breaks:
                out.append(float("nan"))
            out.append(float("nan") if v is None else v)
        return out

    return apply


def _naive(when: dt.datetime) -> dt.datetime:
    return when.replace(tzinfo=None)


def _ticks(periods: list[dt.date], most: int = 16) -> set[dt.date]:
    """At most ``most`` evenly spaced periods to label (every period when few)."""
    step = max(1, -(-len(periods) // most))
    return set(periods[::step])
