"""The spaCy pipeline: the base English model plus eventwire's components (one module each)."""

from .load import COMPONENTS, load_pipeline

__all__ = ["COMPONENTS", "load_pipeline"]
