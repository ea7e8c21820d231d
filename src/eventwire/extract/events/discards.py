"""PETRARCH discard phrases: sentences (and whole stories) that report no political event.

Sports results, chronologies and the like ("WORLD CUP", "+ACADEMY AWARD"): a sentence holding a
sentence discard is not coded; a story holding a story discard (``+``) is not coded at all. The
match is case-insensitive and starts at a word start; a phrase written with a final ``_`` must end
at a word boundary, otherwise it is a stem ("BASEBALL" also stops "baseballs").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ...knowledge.verbdict import Discard

_SPACES = re.compile(r"\s+")


class DiscardMatcher:
    """The discard phrases in one Aho-Corasick automaton (one pass over a sentence).

    Time phrases are left out (bare years "1971", "years ago", "weeks later"): PETRARCH drops
    sentences naming a past time as chronology; eventwire dates each event from its own time
    expression instead, so those events are kept with their true date rather than lost."""

    def __init__(self, discards: Sequence[Discard]) -> None:
        import ahocorasick

        kinds: dict[str, set[tuple[bool, bool]]] = {}
        for d in discards:
            phrase = " ".join(d.phrase.lower().split())
            if phrase and not _time_phrase(phrase):
                kinds.setdefault(phrase, set()).add((d.story, d.whole_word))
        self.automaton: Any = ahocorasick.Automaton()
        for phrase, found in kinds.items():
            self.automaton.add_word(phrase, (len(phrase), frozenset(found)))
        self.empty = not kinds
        if not self.empty:
            self.automaton.make_automaton()

    def sentence_discarded(self, text: str) -> bool:
        return self._found(text, story=False)

    def story_discarded(self, text: str) -> bool:
        return self._found(text, story=True)

    def may_discard_sentences(self, text: str) -> bool:
        """Whether any sentence of ``text`` (a whole document) can hold a sentence discard: a
        phrase anywhere in it, word boundaries not yet checked. A sentence's flattened text is a
        piece of the document's, so a document with no hit spares every sentence the scan."""
        if self.empty:
            return False
        flat = _SPACES.sub(" ", text.lower())
        return any(
            not is_story for _, (_, kinds) in self.automaton.iter(flat) for is_story, _ in kinds
        )

    def _found(self, text: str, *, story: bool) -> bool:
        if self.empty:
            return False
        flat = _SPACES.sub(" ", text.lower())
        for end, (size, kinds) in self.automaton.iter(flat):
            start = end - size + 1
            if start > 0 and _word_char(flat[start - 1]):
                continue  # inside another word
            for is_story, whole_word in kinds:
                if is_story != story:
                    continue
                if whole_word and end + 1 < len(flat) and _word_char(flat[end + 1]):
                    continue
                return True
        return False


def _time_phrase(phrase: str) -> bool:
    return phrase.isdigit() or phrase.split()[-1] in ("ago", "later", "earlier")


def _word_char(char: str) -> bool:
    return char.isalnum() or char in "-_"
