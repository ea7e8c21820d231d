"""The read-only SQL endpoint: one SELECT statement, bounded in rows and time.

Defence in depth: the connection is read-only and opened on a private snapshot with
``enable_external_access=false`` and ``lock_configuration=true`` (no file reads or writes,
no ATTACH, no settings changes); on top of that the statement is parsed by DuckDB and
refused unless it is exactly one SELECT; a timer interrupts it after ``timeout_s``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import threading
import uuid
from typing import Any

import duckdb

from ..errors import Errors, StoreError


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID | dt.timedelta):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


def check_select(cur: duckdb.DuckDBPyConnection, sql: str) -> str:
    """The single SELECT statement in ``sql``; raises StoreError (E303) otherwise."""
    if not sql.strip():
        raise StoreError(Errors.E303, reason="empty query")
    try:
        statements = cur.extract_statements(sql)
    except duckdb.Error as exc:
        raise StoreError(Errors.E303, reason=f"cannot parse: {exc}") from exc
    if len(statements) != 1:
        raise StoreError(Errors.E303, reason=f"expected one statement, got {len(statements)}")
    stmt = statements[0]
    if stmt.type != duckdb.StatementType.SELECT:
        raise StoreError(Errors.E303, reason=f"only SELECT is allowed, not {stmt.type.name}")
    return stmt.query


def run_select(
    cur: duckdb.DuckDBPyConnection, sql: str, *, max_rows: int, timeout_s: float
) -> dict[str, Any]:
    """Run one SELECT; at most ``max_rows`` rows, interrupted after ``timeout_s`` seconds."""
    query = check_select(cur, sql)
    timer = threading.Timer(timeout_s, cur.interrupt)
    timer.start()
    try:
        rel = cur.execute(query)
        names = [d[0] for d in rel.description or []]
        rows = rel.fetchmany(max_rows + 1)
    except duckdb.InterruptException as exc:
        raise StoreError(Errors.E303, reason=f"timed out after {timeout_s:g} s") from exc
    except duckdb.Error as exc:
        raise StoreError(Errors.E303, reason=str(exc).splitlines()[0]) from exc
    finally:
        timer.cancel()
    truncated = len(rows) > max_rows
    return {
        "columns": names,
        "rows": [[_jsonable(v) for v in row] for row in rows[:max_rows]],
        "truncated": truncated,
    }
