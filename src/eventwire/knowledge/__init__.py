"""Versioned knowledge files (taxonomy, lexicons, actors, places) under ``eventwire/data``.

Files are loaded lazily by the component that needs them, validated, and cached per
process by the loader (never as module-level tables).
"""

from .files import data_path, load_yaml, require

__all__ = ["data_path", "load_yaml", "require"]
