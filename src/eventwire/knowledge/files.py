"""Finding, reading and checking the package's data files."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import Errors, KnowledgeError


def data_path(name: str) -> Path:
    """Path of a data file shipped inside the package (``eventwire/data/NAME``)."""
    return Path(str(resources.files("eventwire") / "data" / name))


@lru_cache(maxsize=64)  # a knowledge file is parsed once per process
def load_yaml(name: str) -> Any:
    path = data_path(name)
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except FileNotFoundError as exc:
        raise KnowledgeError(Errors.E101, path=name, reason="missing") from exc
    except yaml.YAMLError as exc:
        raise KnowledgeError(Errors.E101, path=name, reason=f"not valid YAML: {exc}") from exc


def require(
    entry: Mapping[str, Any],
    fields: Mapping[str, type | tuple[type, ...]],
    *,
    where: str,
    optional: Iterable[str] = (),
) -> None:
    """Check that ``entry`` has each field with the given type (optional ones may be absent or null)."""
    if not isinstance(entry, Mapping):
        raise KnowledgeError(Errors.E101, path=where, reason=f"entry is not a mapping: {entry!r}")
    opt = set(optional)
    for key, kind in fields.items():
        if key not in entry or entry[key] is None:
            if key in opt:
                continue
            raise KnowledgeError(Errors.E101, path=where, reason=f"entry {entry!r} lacks {key!r}")
        if not isinstance(entry[key], kind):
            raise KnowledgeError(
                Errors.E101, path=where, reason=f"{key!r} of {entry!r} is not {kind}"
            )
