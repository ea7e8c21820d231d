"""The store hook for record kinds beyond the built-in five: one table per registered extractor
that gives a :class:`~eventwire.pipeline.registry.StoreTable`.

Each record becomes one row ``(doc_id, idx, *columns)``; the table is created the first time it
receives rows (``CREATE TABLE IF NOT EXISTS``), so a new extractor needs no schema migration and
the built-in tables are untouched. Rows are written in the batch's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..pipeline.registry import StoreTable, extractors
from ..records import Annotation

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

KEY_COLUMNS = (("doc_id", "VARCHAR"), ("idx", "INTEGER"))


def columns(table: StoreTable) -> tuple[tuple[str, str], ...]:
    return (*KEY_COLUMNS, *table.columns)


def create_sql(table: StoreTable) -> str:
    cols = ", ".join(f'"{c}" {t}' for c, t in columns(table))
    return f"CREATE TABLE IF NOT EXISTS {table.name} ({cols})"


def extractor_rows(
    anns: Iterable[Annotation],
) -> dict[str, tuple[StoreTable, list[dict[str, Any]]]]:
    """table name -> (its spec, its rows) for the records of the annotations' extra kinds."""
    specs = extractors()
    out: dict[str, tuple[StoreTable, list[dict[str, Any]]]] = {}
    for ann in anns:
        for kind, records in ann.records.items():
            spec = specs.get(kind)
            if spec is None or spec.store is None:
                continue
            _, rows = out.setdefault(spec.store.name, (spec.store, []))
            for idx, rec in enumerate(records):
                rows.append({"doc_id": ann.document.doc_id, "idx": idx, **spec.store.row(rec)})
    return out


def extractor_tables(
    con: duckdb.DuckDBPyConnection, anns: Iterable[Annotation]
) -> dict[str, pa.Table]:
    """Creates the tables that receive rows (if missing) and returns those rows as Arrow tables."""
    import pyarrow as pa

    tables: dict[str, pa.Table] = {}
    for name, (table, rows) in extractor_rows(anns).items():
        if not rows:
            continue
        con.execute(create_sql(table))
        tables[name] = pa.table({c: [r.get(c) for r in rows] for c, _ in columns(table)})
    return tables
