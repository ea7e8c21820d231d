"""Shared output options (--format, -o) and row writers for every command that prints rows."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

import click

ROW_FORMATS = ("table", "csv", "json", "jsonl")


def output_options(
    formats: Sequence[str] = ROW_FORMATS, default: str = "table"
) -> Callable[[Any], Any]:
    """Adds ``--format`` and ``-o/--output`` to a command."""

    def decorator(fn: Any) -> Any:
        fn = click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=False, allow_dash=True),
            default="-",
            show_default=True,
            help="Write to this file instead of standard output.",
        )(fn)
        fn = click.option(
            "--format",
            "fmt",
            type=click.Choice(list(formats)),
            default=default,
            show_default=True,
            help="Output format.",
        )(fn)
        return fn

    return decorator


def describe_codes(
    columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Table output that explains its codes: ``cameo_name`` after ``cameo`` and ``quad_name``
    after ``quad_class``, named by the taxonomy (docs/reading-output.md explains the rest)."""
    from ..taxonomy import QUAD_NAMES, load_taxonomy

    codes = load_taxonomy().codes
    out_cols: list[str] = []
    for col in columns:
        out_cols.append(col)
        if col in _NAMED:
            out_cols.append(_NAMED[col])

    def named(col: str, value: Any) -> Any:
        if value is None:
            return None
        if col == "cameo":
            return codes[value].name if value in codes else None
        return QUAD_NAMES.get(value)

    out_rows: list[tuple[Any, ...]] = []
    for row in rows:
        cells: list[Any] = []
        for col, value in zip(columns, row, strict=True):
            cells.append(value)
            if col in _NAMED:
                cells.append(named(col, value))
        out_rows.append(tuple(cells))
    return out_cols, out_rows


_NAMED = {"cameo": "cameo_name", "quad_class": "quad_name"}


def open_output(path: str) -> TextIO:
    if path == "-":
        return sys.stdout
    return open(path, "w", encoding="utf-8", newline="")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def format_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 60) -> str:
    cells = [[_cell(v)[:max_width] for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines) + "\n"


def write_rows(columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, out: TextIO) -> int:
    """Writes rows in the chosen format; returns how many were written."""
    rows = list(rows)
    if fmt == "table":
        out.write(format_table(columns, rows))
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_cell(v) for v in r] for r in rows])
        out.write(buf.getvalue())
    elif fmt == "json":
        json.dump(
            [dict(zip(columns, r, strict=True)) for r in rows],
            out,
            ensure_ascii=False,
            indent=2,
            default=str,
        )
        out.write("\n")
    else:
        for r in rows:
            out.write(
                json.dumps(dict(zip(columns, r, strict=True)), ensure_ascii=False, default=str)
                + "\n"
            )
    return len(rows)
