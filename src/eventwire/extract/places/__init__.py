"""Places: toponyms in a parsed Doc, resolved offline against the gazetteer (docs/places.md).

``extract`` finds mentions, ``resolve`` resolves them to gazetteer entries; ``mentions`` holds
the extra mention finders and ``cues`` the cue words they use.
"""

from .extract import check_knowledge, extract_places
from .resolve import resolve_name

__all__ = ["check_knowledge", "extract_places", "resolve_name"]
