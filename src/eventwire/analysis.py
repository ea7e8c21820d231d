"""Analysis over the store: dyad series, tops, the actor network, plots, read-only SQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import duckdb

from .errors import Errors, StoreError
from .store import queries
from .store.queries import Rows

dyad_series = queries.dyad_series
top_dyads = queries.top_dyads
top_actors = queries.top_actors
top_events = queries.top_events

READ_ONLY_STATEMENTS = frozenset({"SELECT", "EXPLAIN"})


def top(
    con: duckdb.DuckDBPyConnection, *, by: str, year: int | None = None, limit: int = 20
) -> Rows:
    if by == "dyads":
        return top_dyads(con, year=year, limit=limit)
    if by == "actors":
        return top_actors(con, year=year, limit=limit)
    if by == "events":
        return top_events(con, year=year, limit=limit)
    raise ValueError(f"top --by must be dyads, actors or events, not {by!r}")


def network(
    con: duckdb.DuckDBPyConnection, *, year: int | None = None, min_events: int = 1
) -> dict[str, Any]:
    """Actors (country, else code) as nodes; directed edges weighted by events with mean Goldstein."""
    yp = " AND year(e.date) = ?" if year else ""
    cur = con.execute(
        f"""
        SELECT coalesce(e.source_country, e.source_code) AS s, coalesce(e.target_country, e.target_code) AS t,
               count(DISTINCT e.cluster_id) AS events, count(*) AS mentions, avg(e.goldstein) AS goldstein,
               count(DISTINCT e.cluster_id) FILTER (e.quad_class <= 2) AS cooperation,
               count(DISTINCT e.cluster_id) FILTER (e.quad_class >= 3) AS conflict
        FROM events e WHERE NOT e.negated AND e.target_code IS NOT NULL AND e.cluster_id IS NOT NULL{yp}
        GROUP BY 1, 2 HAVING count(DISTINCT e.cluster_id) >= ? AND s <> t ORDER BY 1, 2
        """,
        [*([year] if year else []), min_events],
    )
    edges = [
        dict(
            zip(
                ("source", "target", "events", "mentions", "goldstein", "cooperation", "conflict"),
                r,
                strict=True,
            )
        )
        for r in cur.fetchall()
    ]
    nodes: dict[str, int] = {}
    for e in edges:
        for end in (e["source"], e["target"]):
            nodes[end] = nodes.get(end, 0) + int(e["events"])
    return {"nodes": [{"id": n, "events": c} for n, c in sorted(nodes.items())], "edges": edges}


def write_graphml(graph: dict[str, Any], path: str | Path) -> None:
    """GraphML readable by networkx, Gephi and igraph."""
    keys = [
        ("events", "node", "int"),
        ("events", "edge", "int"),
        ("mentions", "edge", "int"),
        ("goldstein", "edge", "double"),
        ("cooperation", "edge", "int"),
        ("conflict", "edge", "int"),
    ]
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
        data = "".join(
            f'<data key="e_{k}">{escape(str(_round(e[k])))}</data>'
            for k in ("events", "mentions", "goldstein", "cooperation", "conflict")
        )
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
        ("q1_verbal_coop", "verbal coop", "#4c9be8"),
        ("q2_material_coop", "material coop", "#1f5fa8"),
        ("q3_verbal_conflict", "verbal conflict", "#f0a35e"),
        ("q4_material_conflict", "material conflict", "#c0392b"),
    ]
    for col, label, color in labels:
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


def guarded_connection(path: str) -> duckdb.DuckDBPyConnection:
    """A read-only connection that cannot read or write files nor change its settings."""
    try:
        return duckdb.connect(
            path,
            read_only=True,
            config={"enable_external_access": False, "lock_configuration": True},
        )
    except duckdb.Error as exc:
        raise StoreError(Errors.E301, path=path, reason=str(exc).splitlines()[0]) from exc


def read_only_query(con: duckdb.DuckDBPyConnection, sql: str, *, limit: int | None = None) -> Rows:
    """Runs one SELECT statement; anything else is refused (E303)."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise StoreError(Errors.E303, reason=str(exc).splitlines()[0]) from exc
    if len(statements) != 1:
        raise StoreError(Errors.E303, reason=f"expected one statement, got {len(statements)}")
    kind = statements[0].type.name
    if kind not in READ_ONLY_STATEMENTS:
        raise StoreError(Errors.E303, reason=f"{kind} statements are not allowed, only SELECT")
    try:
        cur = con.execute(sql)
        cols = [d[0] for d in cur.description or ()]
        rows = cur.fetchmany(limit) if limit else cur.fetchall()
    except duckdb.Error as exc:
        raise StoreError(Errors.E303, reason=str(exc).splitlines()[0]) from exc
    return cols, rows
