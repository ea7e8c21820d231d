"""PETRARCH discard phrases: sentences (and whole stories) that report no political event.

Sports results, chronologies and the like ("WORLD CUP", "+ACADEMY AWARD"): a sentence holding a
sentence discard is not coded; a story holding a story discard (``+``) is not coded at all. The
match is case-insensitive on word starts; a phrase written with a final ``_`` must end at a word
boundary, otherwise it is a stem ("BASEBALL" also stops "baseballs").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...knowledge.verbdict import Discard


class DiscardMatcher:
    """All discard phrases compiled into two regular expressions (sentence and story).

    Bare years ("1971") are left out: PETRARCH drops sentences naming a past year as chronology;
    eventwire dates each event from its own time expression instead, so those events are kept
    with their true date rather than lost."""

    def __init__(self, discards: Sequence[Discard]) -> None:
        discards = [d for d in discards if not d.phrase.strip().isdigit()]
        self.sentence = _compile([d for d in discards if not d.story])
        self.story = _compile([d for d in discards if d.story])

    def sentence_discarded(self, text: str) -> bool:
        return self.sentence is not None and self.sentence.search(text) is not None

    def story_discarded(self, text: str) -> bool:
        return self.story is not None and self.story.search(text) is not None


def _compile(discards: Sequence[Discard]) -> re.Pattern[str] | None:
    if not discards:
        return None
    parts = sorted(
        {
            r"\s+".join(re.escape(w) for w in d.phrase.split())
            + (r"(?![\w-])" if d.whole_word else "")
            for d in discards
            if d.phrase.strip()
        }
    )
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + ")", re.IGNORECASE)
