"""Plugins: objects that installed packages register through Python entry points."""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


def load_entry_points(group: str, kind: type[T], register: Callable[[T], object]) -> None:
    """Registers every object of ``kind`` that the entry-point ``group`` names; others are
    logged and ignored (a broken plugin must not stop eventwire)."""
    for ep in entry_points(group=group):
        spec = ep.load()
        if not isinstance(spec, kind):
            log.warning(
                "entry point %s (%s) is not a %s; ignored", ep.name, ep.value, kind.__name__
            )
            continue
        register(spec)
