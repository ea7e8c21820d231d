"""Read-only SQL on the store: the one guard behind ``eventwire query`` and ``POST /api/query``.

Defence in depth: the connection is read-only and opened with ``enable_external_access=false``
and ``lock_configuration=true`` (:data:`LOCKED_CONFIG`: no file reads or writes, no ATTACH, no
settings changes); on top of that the statement is parsed by DuckDB and refused unless it is
exactly one SELECT (or EXPLAIN); rows are bounded by ``limit`` and a timer interrupts the
statement after ``timeout_s``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import duckdb

from ..errors import Errors, StoreError

LOCKED_CONFIG: dict[str, Any] = {"enable_external_access": False, "lock_configuration": True}
READ_ONLY_STATEMENTS = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})


@dataclass(frozen=True, slots=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]
    truncated: bool  # more rows existed than the limit


def guarded_connection(path: str) -> duckdb.DuckDBPyConnection:
    """A read-only connection that cannot read or write files nor change its settings."""
    try:
        return duckdb.connect(path, read_only=True, config=dict(LOCKED_CONFIG))
    except duckdb.Error as exc:
        raise StoreError(Errors.E301, path=path, reason=str(exc).splitlines()[0]) from exc


def check_select(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    """The single SELECT (or EXPLAIN) statement in ``sql``; StoreError E303 otherwise."""
    if not sql.strip():
        raise StoreError(Errors.E303, reason="empty query")
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        reason = _first_line(exc).removeprefix("Parser Error: ")
        raise StoreError(Errors.E303, reason=f"syntax error: {reason}") from exc
    if len(statements) != 1:
        raise StoreError(Errors.E303, reason=f"expected one statement, got {len(statements)}")
    stmt = statements[0]
    if stmt.type not in READ_ONLY_STATEMENTS:
        raise StoreError(
            Errors.E303, reason=f"refused: only SELECT is allowed, not {stmt.type.name}"
        )
    return str(stmt.query)


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def describe_error(exc: duckdb.Error) -> str:
    """What went wrong, in the user's terms: a syntax error, an unknown column or table, a
    refused file access, or DuckDB's own first line."""
    line = _first_line(exc)
    for prefix in ("Parser Error: ", "Binder Error: ", "Catalog Error: ", "Permission Error: "):
        line = line.removeprefix(prefix)
    if isinstance(exc, duckdb.ParserException):
        return f"syntax error: {line}"
    if isinstance(exc, duckdb.BinderException):
        return f"unknown column: {line}"
    if isinstance(exc, duckdb.CatalogException):
        return f"unknown table or function: {line}"
    if isinstance(exc, duckdb.PermissionException):
        return f"refused (no file access, no settings changes): {line}"
    return line


def run_select(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    *,
    limit: int | None = None,
    timeout_s: float | None = None,
) -> QueryResult:
    """Runs one checked SELECT: at most ``limit`` rows, interrupted after ``timeout_s`` seconds."""
    query = check_select(con, sql)
    timer = threading.Timer(timeout_s, con.interrupt) if timeout_s else None
    if timer:
        timer.start()
    try:
        cur = con.execute(query)
        columns = [d[0] for d in cur.description or ()]
        rows = cur.fetchmany(limit + 1) if limit else cur.fetchall()
    except duckdb.InterruptException as exc:
        raise StoreError(Errors.E303, reason=f"timed out after {timeout_s:g} s") from exc
    except duckdb.Error as exc:
        raise StoreError(Errors.E303, reason=describe_error(exc)) from exc
    finally:
        if timer:
            timer.cancel()
    truncated = limit is not None and len(rows) > limit
    return QueryResult(columns, rows[:limit] if limit else rows, truncated)
