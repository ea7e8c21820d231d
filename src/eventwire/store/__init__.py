"""The DuckDB store: schema, bulk inserts through Arrow, and the queries analysis and the server use."""

from .db import BatchStats, Store
from .schema import SCHEMA_VERSION, TABLES

__all__ = ["SCHEMA_VERSION", "TABLES", "BatchStats", "Store"]
