"""Event coding: who did what to whom, in CAMEO and PLOVER.

Stages flow one way (each a module of this folder): ``lexicon`` and the converted dictionaries
(knowledge) -> ``coder`` finds candidate actions and their argument tokens -> ``args`` resolves
them against the actors it is given -> ``modality`` applies CAMEO's conventions -> records ->
``dates`` and ``places`` date and place each event from the times and places it is given.
"""

from __future__ import annotations

from .coder import (
    CoderKnowledge,
    extract_events,
    load_coder_knowledge,
    sentence_candidates,
    sentence_code,
)
from .model import main_candidate

__all__ = [
    "CoderKnowledge",
    "extract_events",
    "load_coder_knowledge",
    "main_candidate",
    "sentence_candidates",
    "sentence_code",
]
