"""Plot query time against store size from saved `eventwire bench store` outputs.

    python scripts/plot_store_bench.py run1m.txt run3m.txt run10m.txt -o docs/img/store-bench.png

Each input is the printed report of one run; the plot shows p95 per query (thin lines) and the
worst p95 and max over all queries (thick), against the number of events, on log-log axes,
with the 500 ms and 2 s targets.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

ROW = re.compile(r"^(\S+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)$")
LAST = re.compile(r"^store-bench events (\d+) p95_ms (\d+) max_ms (\d+)$")


def parse(path: Path) -> tuple[int, dict[str, tuple[float, float, float]]]:
    events, rows = 0, {}
    for line in path.read_text("utf-8").splitlines():
        if m := ROW.match(line.strip()):
            rows[m[1]] = (float(m[2]), float(m[3]), float(m[4]))
        elif m := LAST.match(line.strip()):
            events = int(m[1])
    return events, rows


@click.command()
@click.argument("runs", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True)
def main(runs: tuple[Path, ...], output: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    data = sorted(parse(p) for p in runs)
    if not data:
        sys.exit("no runs")
    names = sorted({n for _, rows in data for n in rows})
    fig, ax = plt.subplots(figsize=(11, 6))
    xs = [n for n, _ in data]
    worst = sorted(names, key=lambda n: -data[-1][1].get(n, (0, 0, 0))[1])[:8]
    for name in names:
        ys = [rows.get(name, (float("nan"),) * 3)[1] for _, rows in data]
        if name in worst:
            ax.plot(xs, ys, marker="o", linewidth=1.2, label=f"{name} (p95)")
        else:
            ax.plot(xs, ys, color="0.75", linewidth=0.7)
    ax.plot(
        xs, [max(r[1] for r in rows.values()) for _, rows in data], "k-", lw=2.5, label="worst p95"
    )
    ax.plot(
        xs, [max(r[2] for r in rows.values()) for _, rows in data], "k--", lw=2, label="worst max"
    )
    ax.axhline(500, color="tab:green", ls=":", label="p95 target 500 ms")
    ax.axhline(2000, color="tab:red", ls=":", label="max target 2 s")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(xs, [f"{x / 1e6:g} M" for x in xs])
    ax.set_xlabel("events in the store")
    ax.set_ylabel("query time, ms")
    ax.set_title("eventwire bench store: query time against store size (2 cores)")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(output, dpi=110)


if __name__ == "__main__":
    main()
