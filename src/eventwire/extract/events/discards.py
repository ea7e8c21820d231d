"""PETRARCH discard phrases: sentences (and whole stories) that report no political event.

Sports results, chronologies and the like ("WORLD CUP", "+ACADEMY AWARD"): a sentence holding a
sentence discard is not coded; a story holding a story discard (``+``) is not coded at all. The
match is case-insensitive and starts at a word start; a phrase written with a final ``_`` must end
at a word boundary, otherwise it is a stem ("BASEBALL" also stops "baseballs"). Our own test of a
sports story's first sentences (``sports_lead``) catches what the discard list does not name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Span

from ...knowledge.verbdict import Discard


class DiscardMatcher:
    """The discard phrases in two Aho-Corasick automata, story discards and sentence discards
    (one pass over a text each; a scan for one kind never walks the other kind's hits).

    Time phrases are left out (bare years "1971", "years ago", "weeks later"): PETRARCH drops
    sentences naming a past time as chronology; eventwire dates each event from its own time
    expression instead, so those events are kept with their true date rather than lost. So are
    ``kept`` phrases (the lexicon's ``kept_discards``: "Ebola", "World War II"), which name what
    political acts are about."""

    def __init__(self, discards: Sequence[Discard], kept: frozenset[str] = frozenset()) -> None:
        import ahocorasick

        kinds: dict[bool, dict[str, set[bool]]] = {True: {}, False: {}}
        for d in discards:
            phrase = discard_phrase(d.phrase)
            if phrase and not _time_phrase(phrase) and phrase not in kept:
                kinds[d.story].setdefault(phrase, set()).add(d.whole_word)
        self.automata: dict[bool, Any] = {}
        for story, phrases in kinds.items():
            if not phrases:
                continue
            automaton = ahocorasick.Automaton()
            for phrase, whole_word in phrases.items():
                automaton.add_word(phrase, (len(phrase), frozenset(whole_word)))
            automaton.make_automaton()
            self.automata[story] = automaton

    def sentence_discarded(self, text: str) -> bool:
        return self._found(text, story=False)

    def story_discarded(self, text: str) -> bool:
        return self._found(text, story=True)

    def scan_document(self, text: str) -> tuple[bool, bool]:
        """(whether the story is discarded, whether any sentence of it can hold a sentence
        discard), from one flattened copy of the document's text. The second is a phrase
        anywhere in it, word boundaries not yet checked: a sentence's flattened text is a piece
        of the document's, so a document with no hit spares every sentence the scan."""
        flat = _flatten(text)
        if self._found_in(flat, story=True):
            return True, False
        automaton = self.automata.get(False)
        return False, automaton is not None and next(automaton.iter(flat), None) is not None

    def _found(self, text: str, *, story: bool) -> bool:
        return self._found_in(_flatten(text), story=story)

    def _found_in(self, flat: str, *, story: bool) -> bool:
        automaton = self.automata.get(story)
        if automaton is None:
            return False
        for end, (size, whole_words) in automaton.iter(flat):
            start = end - size + 1
            if start > 0 and _word_char(flat[start - 1]):
                continue  # inside another word
            if False in whole_words:
                return True  # a stem: any end will do
            if end + 1 < len(flat) and _word_char(flat[end + 1]):
                continue
            return True
        return False


def _flatten(text: str) -> str:
    """Lower case, each run of whitespace one space (offsets are only compared with each other)."""
    return " ".join(text.lower().split())


def discard_phrase(text: str) -> str:
    """A discard phrase as the matcher keys it: lower case, single spaces."""
    return " ".join(text.lower().split())


def _time_phrase(phrase: str) -> bool:
    return phrase.isdigit() or phrase.split()[-1] in ("ago", "later", "earlier")


def _word_char(char: str) -> bool:
    return char.isalnum() or char in "-_"


def sports_lead(
    lead: Sequence[Span], phrases: frozenset[str], politics: frozenset[str] = frozenset()
) -> bool:
    """A story whose first sentences (a byline and a dateline may be two of them) name sport twice
    ("the men's world volleyball championships"), or once beside a score ("stunned China 68-60 to
    reach the basketball final"): a sports story, with no political event. One word alone is not
    enough ("the shooting of two football fans"), and a word of ``politics`` keeps it political
    ("football great George Weah" in a runoff)."""
    if not lead or not phrases:
        return False
    if any(t.lower_ in politics for sent in lead for t in sent):
        return False
    text = " " + " ".join(t.lower_ for sent in lead for t in sent) + " "
    named = sum(f" {p.replace('-', ' - ')} " in text for p in phrases)  # "season - high"
    scored = any(SCORE.search(sent.text) for sent in lead)
    return named >= 2 or (named == 1 and scored)


SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b")  # "68-60", "115-83"
