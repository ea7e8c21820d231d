"""The spaCy pipeline: the base English model plus eventwire's components (one module each).

Which components exist and in which order they run is in :mod:`.registry`. ``load_pipeline`` is
imported lazily so that importing the registry (settings validation) does not load spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .load import load_pipeline

__all__ = ["load_pipeline"]


def __getattr__(name: str) -> Any:
    if name == "load_pipeline":
        from .load import load_pipeline

        return load_pipeline
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
