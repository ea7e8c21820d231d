"""Places: toponyms in a parsed Doc, resolved offline against the gazetteer (docs/places.md).

``extract`` finds and resolves mentions; ``mentions`` holds the extra mention finders and
``cues`` the cue words they use.
"""

from .extract import check_knowledge, extract_places, resolve_name

__all__ = ["check_knowledge", "extract_places", "resolve_name"]
