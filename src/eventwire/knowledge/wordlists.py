"""Word lists of one area and language: ``data/<area>/words.<lang>.yaml``.

Each file holds named lists, each with what it is for (``about``), where it comes from
(``source``) and its lower-case ``words``. A second language sits beside English as another
``words.<lang>.yaml`` with the same list names. Loaded once per process; validated on load
(E101) and by ``eventwire lexicon check`` (:func:`word_list_problems`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from ..errors import Errors, KnowledgeError
from .files import load_yaml, require


@dataclass(frozen=True, slots=True)
class WordLists:
    path: str
    language: str
    lists: Mapping[str, frozenset[str]]

    def __getitem__(self, name: str) -> frozenset[str]:
        found = self.lists.get(name)
        if found is None:
            raise KnowledgeError(Errors.E101, path=self.path, reason=f"no list {name!r}")
        return found


def word_file(area: str, lang: str = "en") -> str:
    return f"{area}/words.{lang}.yaml"


def parse_word_lists(data: object, path: str) -> tuple[WordLists, list[str]]:
    """The lists of one file plus its soft problems (duplicates, case); E101 for a bad schema."""
    if not isinstance(data, dict):
        raise KnowledgeError(Errors.E101, path=path, reason="not a mapping")
    require(data, {"version": int, "language": str, "lists": dict}, where=path)
    problems: list[str] = []
    lists: dict[str, frozenset[str]] = {}
    for name, entry in data["lists"].items():
        where = f"{path}: {name}"
        require(entry, {"about": str, "source": str, "words": list}, where=where)
        words = entry["words"]
        bad = [w for w in words if not isinstance(w, str) or not w.strip()]
        if bad:
            raise KnowledgeError(Errors.E101, path=where, reason=f"not words: {bad!r}")
        if not words:
            problems.append(f"{where}: empty list")
        seen: set[str] = set()
        for w in words:
            if w in seen:
                problems.append(f"{where}: {w!r} twice")
            seen.add(w)
            if w != w.lower():
                problems.append(
                    f"{where}: {w!r} is not lower case (matched against lower-case text)"
                )
        lists[str(name)] = frozenset(words)
    return WordLists(path, data["language"], MappingProxyType(lists)), problems


@lru_cache(maxsize=16)
def load_word_lists(area: str, lang: str = "en") -> WordLists:
    path = word_file(area, lang)
    return parse_word_lists(load_yaml(path), path)[0]


def word_list_problems(area: str, lang: str = "en", *, required: Iterable[str] = ()) -> list[str]:
    """Every problem of one word file: schema (as one problem), duplicates, case, missing lists."""
    path = word_file(area, lang)
    try:
        lists, problems = parse_word_lists(load_yaml(path), path)
    except KnowledgeError as exc:
        return [str(exc)]
    if lists.language != lang:
        problems.append(f"{path}: language {lists.language!r}, expected {lang!r}")
    problems += [f"{path}: list {name!r} missing" for name in required if name not in lists.lists]
    return problems
