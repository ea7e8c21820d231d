"""The typed records of verb dictionaries and discard lists (see :mod:`.verbdict` for what they
mean and how they load). Readers of other formats (``petrarch_verbs``) build these records
without depending on the loaders, so the two modules do not import each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

ELEMENT_KINDS = frozenset({"noun", "prep", "source", "target", "skip", "compound"})


ROLES = frozenset({"", "source", "target", "skip"})


@dataclass(frozen=True, slots=True)
class PatternElement:
    # "noun", "prep", "source" ($), "target" (+), "skip" (^), "compound" (%: before the verb, a
    # subject of coordinated actors, each the other's target; after it, coordinated objects,
    # the targets: "* WITH %")
    kind: str
    # lower-case; noun: the phrase's words in text order, head last; prep: the object's words
    # (may be empty, "(TO)"); a synset stays as its name ("&military")
    words: tuple[str, ...] = ()
    prep: str = ""  # kind "prep": the preposition, lower-case
    role: str = ""  # kind "prep": "source" / "target" / "skip" when the object is $ / + / ^
    joined: bool = False  # written joined with "_" (consecutive in text)


@dataclass(frozen=True, slots=True)
class VerbPattern:
    block: str  # upper-case block name from the '--- NAME [CODE] ---' line
    pre: tuple[PatternElement, ...]  # before '*', in order
    post: tuple[PatternElement, ...]  # after '*', in order
    code: str | None  # CAMEO code before ':'; None for '---' or empty
    reverse_code: str | None  # code after ':' ([042:043] -> "043"; [:173] -> None, "173")
    source: str  # "CAMEO.2.0.txt:812" (file name and 1-based line)
    comment: str = ""  # text after '#', stripped


@dataclass(frozen=True, slots=True)
class VerbForm:
    block: str
    lemma: str  # lower-case base form; multi-word with single spaces ("ask for", "wire tap")
    forms: tuple[str, ...]  # every surface form, lower-case, lemma included
    head: int  # index (in words) of the verb word ('+'-marked in multi-word verbs)
    code: str | None  # the verb's own [code], else the block's default; None for '---'
    source: str
    # what the target does back ([032:033] -> "033"): the verb's own, else the block's
    reverse_code: str | None = None


@dataclass(frozen=True, slots=True)
class Discard:
    phrase: str  # lower-case, single spaces
    story: bool  # '+' prefix: the whole story is not coded
    whole_word: bool  # ended with '_': the match must end at a word boundary (else a stem)
    source: str


def build_forms_index(verbs: Iterable[VerbForm]) -> dict[str, tuple[VerbForm, ...]]:
    """Head-word surface form -> the verb forms whose forms have it as their head word."""
    index: dict[str, list[VerbForm]] = {}
    for verb in verbs:
        seen: set[str] = set()
        for form in verb.forms:
            words = form.split(" ")
            head = words[verb.head] if verb.head < len(words) else words[-1]
            if head not in seen:
                seen.add(head)
                index.setdefault(head, []).append(verb)
    return {word: tuple(found) for word, found in index.items()}


@dataclass(frozen=True, slots=True)
class VerbDictionary:
    # "&military" -> phrases as word tuples, lower-case; nested synsets expanded; plurals added
    synsets: Mapping[str, tuple[tuple[str, ...], ...]]
    verbs: tuple[VerbForm, ...]
    patterns: Mapping[str, tuple[VerbPattern, ...]]  # block -> its patterns in file order
    transformations: tuple[str, ...]  # raw '~' lines, kept but unused
    sources: tuple[str, ...]  # file names read
    # head-word surface form -> VerbForms (see forms_index); filled by the loaders
    # (shared by every caller of the cached dictionary: read it, do not change it)
    index: dict[str, tuple[VerbForm, ...]] = field(default_factory=dict, compare=False, repr=False)
    # blocks with a pattern line the reader could not read, or read only for coordinated
    # subjects ('%' compound actors): what the dictionary says of these verbs is incomplete
    partial: frozenset[str] = frozenset()

    def forms_index(self) -> dict[str, tuple[VerbForm, ...]]:
        """Head-word surface form (one lower-case word) -> the VerbForms it can be, in file order.

        Built by the loader (field ``index``); for a dictionary built by hand it is built on
        the first call and kept. Shared: read it, do not change it.
        """
        if not self.index and self.verbs:
            object.__setattr__(self, "index", build_forms_index(self.verbs))
        return self.index

    def blocks(self) -> tuple[str, ...]:
        """Every block name that has verbs or patterns, sorted."""
        return tuple(sorted({v.block for v in self.verbs} | set(self.patterns)))

    def pattern_count(self) -> int:
        return sum(len(p) for p in self.patterns.values())


def finish(
    *,
    synsets: Mapping[str, tuple[tuple[str, ...], ...]],
    verbs: Iterable[VerbForm],
    patterns: Mapping[str, Iterable[VerbPattern]],
    transformations: Iterable[str],
    sources: Iterable[str],
    partial: Iterable[str] = (),
) -> VerbDictionary:
    """A read-only VerbDictionary with its forms index built."""
    verb_tuple = tuple(verbs)
    return VerbDictionary(
        synsets=MappingProxyType(dict(synsets)),
        verbs=verb_tuple,
        patterns=MappingProxyType({block: tuple(p) for block, p in patterns.items()}),
        transformations=tuple(transformations),
        sources=tuple(sources),
        index=build_forms_index(verb_tuple),
        partial=frozenset(partial),
    )
