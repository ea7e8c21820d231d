"""Exports from the store in the formats analysts use.

``export(con, fmt, out)`` writes one format to a text stream (``parquet`` writes a directory).
Formats: ``gdelt`` (GDELT 2.0 Event, 61 columns), ``gdelt-mentions`` (16 columns), ``plover``
(POLECAT-style JSON lines with provenance), ``icews`` (20 columns, TSV with header), ``csv`` and
``jsonl`` (flat event mentions), ``gkg-quotations`` (GKG V2.1QUOTATIONS per document), ``parquet``.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TextIO

import duckdb

from . import formats, gdelt

FORMATS = (
    "gdelt",
    "gdelt-mentions",
    "plover",
    "icews",
    "parquet",
    "csv",
    "jsonl",
    "gkg-quotations",
)


def _tsv(out: TextIO, rows: object, header: tuple[str, ...] | None) -> int:
    n = 0
    if header:
        out.write("\t".join(header) + "\n")
    for row in rows:  # type: ignore[attr-defined]
        out.write(
            "\t".join(
                "" if v is None else str(v).replace("\t", " ").replace("\n", " ") for v in row
            )
            + "\n"
        )
        n += 1
    return n


def export(
    con: duckdb.DuckDBPyConnection,
    fmt: str,
    out: TextIO | None = None,
    *,
    out_dir: str | Path | None = None,
    header: bool = False,
) -> int:
    """Writes the store in ``fmt``; returns the number of records (files for parquet).

    GDELT files are headerless like GDELT's own unless ``header``; ICEWS and CSV always
    carry their header row.
    """
    if fmt == "parquet":
        if out_dir is None:
            raise ValueError("parquet export needs an output directory")
        return len(formats.write_parquet(con, out_dir))
    if out is None:
        raise ValueError(f"{fmt} export needs an output stream")
    if fmt == "gdelt":
        return _tsv(out, gdelt.event_rows(con), gdelt.EVENT_COLUMNS if header else None)
    if fmt == "gdelt-mentions":
        return _tsv(out, gdelt.mention_rows(con), gdelt.MENTION_COLUMNS if header else None)
    if fmt == "gkg-quotations":
        return _tsv(
            out, gdelt.gkg_quotation_rows(con), gdelt.GKG_QUOTATION_COLUMNS if header else None
        )
    if fmt == "icews":
        return _tsv(out, formats.icews_rows(con), formats.ICEWS_COLUMNS)
    if fmt == "plover":
        n = 0
        for rec in formats.plover_records(con):
            out.write(formats.dumps(rec) + "\n")
            n += 1
        return n
    if fmt == "jsonl":
        n = 0
        for row in formats.flat_rows(con):
            out.write(formats.dumps(row) + "\n")
            n += 1
        return n
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(formats.flat_columns(con))
        n = 0
        for row in formats.flat_rows(con):
            writer.writerow(["" if v is None else v for v in row.values()])
            n += 1
        return n
    raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}")


__all__ = ["FORMATS", "export"]
