"""Knowledge checks that span layers: the event lexicon checked against the CAMEO taxonomy.

Referenced from the events spec in :mod:`.registry` (``eventwire lexicon check``); it lives here,
above both ``extract`` and ``taxonomy``, so that the taxonomy does not import the extractors.
"""

from __future__ import annotations

from ..errors import KnowledgeError
from ..extract.events.discards import discard_phrase
from ..extract.events.lexicon import check_lexicon, load_lexicon
from ..knowledge.verbdict import load_discards
from ..taxonomy import load_taxonomy


def check_event_lexicon() -> list[str]:
    """Every problem in the action lexicon (a taxonomy that does not load is the taxonomy
    check's problem, reported there)."""
    try:
        tax = load_taxonomy()
    except KnowledgeError:
        return []
    try:
        lexicon = load_lexicon()
    except KnowledgeError as exc:
        return [str(exc)]
    return check_lexicon(lexicon, tax) + check_kept_discards(lexicon.kept_discards)


def check_kept_discards(kept: frozenset[str]) -> list[str]:
    """Each phrase the lexicon keeps from the discards is one of the shipped discards."""
    try:
        shipped = {discard_phrase(d.phrase) for d in load_discards()}
    except KnowledgeError:
        return []  # the discard file's own check reports it
    return [
        f"modality.yaml: kept_discards: {phrase!r} is no discard phrase"
        for phrase in sorted(kept - shipped)
    ]
