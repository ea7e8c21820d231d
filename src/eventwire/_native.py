"""Compiled extractor modules, used only while they match their sources.

``scripts/build_native.py`` (``make native``) compiles the extractors' hot modules with mypyc next
to their sources and records each source's SHA-256 in ``_native.json``. A compiled module would
shadow its ``.py`` even after the source changed, and the compiled modules call each other
directly; so if any recorded source differs (or ``EVENTWIRE_NATIVE=0``), a finder placed first
on ``sys.meta_path`` loads every listed module from its source instead. Records are identical
either way (the build is checked against pure Python in docs/performance.md).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

log = logging.getLogger(__name__)

MANIFEST = Path(__file__).with_name("_native.json")
SRC = Path(__file__).resolve().parent.parent


class SourceFirst:
    """A meta path finder that loads the named modules from their ``.py`` files."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname not in self.names:
            return None
        source = source_of(fullname)
        return importlib.util.spec_from_file_location(fullname, source) if source.exists() else None


def source_of(module: str) -> Path:
    """The ``.py`` file of a module of this source tree."""
    return SRC.joinpath(*module.split(".")).with_suffix(".py")


def digest(path: Path) -> str:
    """The SHA-256 of a file, as the build records it for each compiled module's source."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stale_modules(recorded: dict[str, str]) -> list[str]:
    """The recorded modules whose source is gone or differs from the compiled one's."""
    out: list[str] = []
    for name, recorded_digest in recorded.items():
        source = source_of(name)
        if not source.exists() or digest(source) != recorded_digest:
            out.append(name)
    return out


def guard() -> None:
    """Keep the compiled modules out unless all of them match their sources."""
    if not MANIFEST.exists():
        return
    try:
        recorded: dict[str, str] = json.loads(MANIFEST.read_text())["modules"]
    except (OSError, ValueError, KeyError, TypeError):
        recorded = {}
    stale = stale_modules(recorded)
    if stale:
        log.warning(
            "compiled modules out of date (%s%s): running them as Python; run `make native`",
            stale[0],
            f" and {len(stale) - 1} more" if len(stale) > 1 else "",
        )
    if (stale or os.environ.get("EVENTWIRE_NATIVE") == "0") and recorded:
        sys.meta_path.insert(0, SourceFirst(frozenset(recorded)))


def compiled(module: ModuleType) -> bool:
    """Whether ``module`` was loaded from a compiled extension."""
    return str(getattr(module, "__file__", "")).endswith((".so", ".pyd"))
