"""Verb dictionaries and discard lists in the PETRARCH tradition: typed records and their loaders.

The package ships ``data/dictionaries/verbs.json`` and ``discards.json``, converted from the
PETRARCH-2 dictionaries (MIT, Open Event Data Alliance) by ``eventwire lexicon import``
(:mod:`eventwire.knowledge.petrarch_verbs`). The loaders read either that JSON or a
PETRARCH-format text file directly, so users can swap dictionaries (``--verbs FILE``).

Records (defined in :mod:`.verbtypes`, re-exported here):

- :class:`PatternElement` one element of a pattern: a noun (bare word or ``{braced phrase}``),
  a ``(PREP ...)`` group, or the ``$`` source / ``+`` target / ``^`` skip markers;
- :class:`VerbPattern` one ``- pre * post [CODE]`` line of a verb block;
- :class:`VerbForm` one verb (lemma and every surface form) of a block;
- :class:`Discard` one line of a discard list;
- :class:`VerbDictionary` synsets, verbs, patterns by block, transformations.

The index of head-word surface forms (:meth:`VerbDictionary.forms_index`) is built by the
loader and stored in the field ``index``; a dictionary built by hand gets it on first call.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import Errors, KnowledgeError
from .files import data_path
from .verbtypes import (
    ELEMENT_KINDS,
    ROLES,
    Discard,
    PatternElement,
    VerbDictionary,
    VerbForm,
    VerbPattern,
    finish,
)

log = logging.getLogger(__name__)

VERBS_FILE = "dictionaries/verbs.json"
DISCARDS_FILE = "dictionaries/discards.json"
VERBS_FORMAT = "eventwire-verbs/1"
DISCARDS_FORMAT = "eventwire-discards/1"


# ---------------------------------------------------------------- JSON form (package data)


def element_to_json(e: PatternElement) -> list[Any]:
    return [e.kind, list(e.words), e.prep, e.role, e.joined]


def pattern_to_json(p: VerbPattern) -> list[Any]:
    return [
        [element_to_json(e) for e in p.pre],
        [element_to_json(e) for e in p.post],
        p.code,
        p.reverse_code,
        p.source,
        p.comment,
    ]


def verb_to_json(v: VerbForm) -> list[Any]:
    """The verb as a list; the reverse code last, only where there is one."""
    row = [v.block, v.lemma, list(v.forms), v.head, v.code, v.source]
    return row if v.reverse_code is None else [*row, v.reverse_code]


def discard_to_json(d: Discard) -> list[Any]:
    return [d.phrase, d.story, d.whole_word, d.source]


def dump_json(data: Mapping[str, Any]) -> str:
    """Deterministic, diff-friendly JSON: ``header`` first (one entry a line), then the other
    keys sorted; one list item a line; one mapping entry a line (one pattern a line)."""

    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def entry(key: str, value: Any, spread: bool) -> str:
        if spread and isinstance(value, list) and value:
            return f"{one(key)}:[\n" + ",\n".join(one(v) for v in value) + "\n]"
        return f"{one(key)}:{one(value)}"

    parts = []
    for key in sorted(data, key=lambda k: (k != "header", k)):
        value = data[key]
        if isinstance(value, list) and value:
            parts.append(entry(key, value, True))
        elif isinstance(value, dict) and value:
            inner = ",\n".join(entry(k, value[k], key == "patterns") for k in sorted(value))
            parts.append(f"{one(key)}:{{\n{inner}\n}}")
        else:
            parts.append(entry(key, value, False))
    return "{\n" + ",\n".join(parts) + "\n}\n"


LICENCE_NOTE = "MIT, Open Event Data Alliance (see LICENSE.petrarch2 beside this file)"
CONVERTER = "eventwire lexicon import --from DIR (eventwire.knowledge.petrarch_convert)"


def _header(
    kind: str, files: list[tuple[str, str]], counts: dict[str, int], layout: dict[str, str]
) -> dict[str, Any]:
    """Format, licence, sources with their sha256 and one sha256 over them all, counts."""
    combined = hashlib.sha256("".join(f"{n}\t{d}\n" for n, d in files).encode()).hexdigest()
    return {
        "format": kind,
        "licence": LICENCE_NOTE,
        "converter": CONVERTER,
        "sources": [{"file": name, "sha256": digest} for name, digest in files],
        "sha256": combined,
        "counts": counts,
        "layout": layout,
    }


def verbs_document(vd: VerbDictionary, files: list[tuple[str, str]]) -> dict[str, Any]:
    counts = {
        "blocks": len(vd.blocks()),
        "verbs": len(vd.verbs),
        "verb_forms": sum(len(v.forms) for v in vd.verbs),
        "patterns": vd.pattern_count(),
        "synsets": len(vd.synsets),
    }
    layout = {
        "synsets": "label -> phrases, each a list of lower-case words",
        "verbs": "[block, lemma, forms, head, code, source, reverse_code (where there is one)]",
        "patterns": "block -> [pre, post, code, reverse_code, source, comment]",
        "element": "[kind, words, prep, role, joined]",
    }
    return {
        "header": _header(VERBS_FORMAT, files, counts, layout),
        "synsets": {k: [list(p) for p in v] for k, v in vd.synsets.items()},
        "verbs": [verb_to_json(v) for v in vd.verbs],
        "patterns": {b: [pattern_to_json(p) for p in rows] for b, rows in vd.patterns.items()},
        "transformations": list(vd.transformations),
    }


def discards_document(
    discards: tuple[Discard, ...], files: list[tuple[str, str]]
) -> dict[str, Any]:
    counts = {"discards": len(discards), "story": sum(d.story for d in discards)}
    layout = {"discards": "[phrase, story, whole_word, source]"}
    return {
        "header": _header(DISCARDS_FORMAT, files, counts, layout),
        "discards": [discard_to_json(d) for d in discards],
    }


def _format_of(data: Any) -> Any:
    header = data.get("header") if isinstance(data, dict) else None
    return header.get("format") if isinstance(header, dict) else None


def _bad(path: str, reason: str) -> KnowledgeError:
    return KnowledgeError(Errors.E101, path=path, reason=reason)


def _element(raw: Any, cache: dict[tuple[Any, ...], PatternElement], where: str) -> PatternElement:
    key = (raw[0], tuple(raw[1]), raw[2], raw[3], raw[4])
    found = cache.get(key)
    if found is None:
        if key[0] not in ELEMENT_KINDS or key[3] not in ROLES:
            raise _bad(where, f"bad pattern element {raw!r}")
        found = cache[key] = PatternElement(*key)
    return found


def verbs_from_json(data: Any, where: str) -> VerbDictionary:
    """A VerbDictionary from the parsed ``verbs.json`` (raises E101 on a wrong shape)."""
    if _format_of(data) != VERBS_FORMAT:
        raise _bad(where, f"not an {VERBS_FORMAT} file (header.format)")
    cache: dict[tuple[Any, ...], PatternElement] = {}
    try:
        synsets = {
            name: tuple(tuple(words) for words in phrases)
            for name, phrases in data["synsets"].items()
        }
        verbs = [
            VerbForm(block, lemma, tuple(forms), head, code, source, *reverse)
            for block, lemma, forms, head, code, source, *reverse in data["verbs"]
        ]
        patterns = {
            block: [
                VerbPattern(
                    block,
                    tuple(_element(e, cache, where) for e in pre),
                    tuple(_element(e, cache, where) for e in post),
                    code,
                    reverse,
                    source,
                    comment,
                )
                for pre, post, code, reverse, source, comment in rows
            ]
            for block, rows in data["patterns"].items()
        }
        return finish(
            synsets=synsets,
            verbs=verbs,
            patterns=patterns,
            transformations=data["transformations"],
            sources=[s["file"] for s in data["header"]["sources"]],
        )
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise _bad(where, f"malformed content ({type(exc).__name__}: {exc})") from exc


def discards_from_json(data: Any, where: str) -> tuple[Discard, ...]:
    if _format_of(data) != DISCARDS_FORMAT:
        raise _bad(where, f"not an {DISCARDS_FORMAT} file (header.format)")
    try:
        return tuple(
            Discard(str(phrase), bool(story), bool(whole), str(source))
            for phrase, story, whole, source in data["discards"]
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise _bad(where, f"malformed content ({type(exc).__name__}: {exc})") from exc


# ---------------------------------------------------------------- loaders


def _resolve(path: str | Path | None, default: str) -> Path:
    resolved = data_path(default) if path is None else Path(path)
    try:
        return resolved.resolve(strict=True)
    except FileNotFoundError:
        raise _bad(str(path if path is not None else default), "missing") from None


def _stamp(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return (str(path), st.st_mtime_ns, st.st_size)


def _read_json(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return json.load(fh)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad(str(path), f"not valid JSON: {exc}") from exc


def load_verb_dictionary(path: str | Path | None = None) -> VerbDictionary:
    """The verb dictionary: the package's ``verbs.json`` (None), a converted ``.json`` file, or
    a PETRARCH-format text file parsed directly. Cached per process (path, mtime, size)."""
    return _load_verbs_cached(_stamp(_resolve(path, VERBS_FILE)))


@lru_cache(maxsize=8)  # one entry per (resolved path, mtime, size)
def _load_verbs_cached(stamp: tuple[str, int, int]) -> VerbDictionary:
    path = Path(stamp[0])
    if path.suffix.lower() == ".json":
        return verbs_from_json(_read_json(path), str(path))
    from .petrarch_verbs import read_verb_file  # petrarch_verbs builds verbtypes records

    parsed = read_verb_file(path)
    return parsed.dictionary


def load_discards(path: str | Path | None = None) -> tuple[Discard, ...]:
    """The discard list: the package's ``discards.json`` (None), a converted ``.json`` file, or
    a PETRARCH-format discard file. Cached per process (path, mtime, size)."""
    return _load_discards_cached(_stamp(_resolve(path, DISCARDS_FILE)))


@lru_cache(maxsize=8)
def _load_discards_cached(stamp: tuple[str, int, int]) -> tuple[Discard, ...]:
    path = Path(stamp[0])
    if path.suffix.lower() == ".json":
        return discards_from_json(_read_json(path), str(path))
    from .petrarch_verbs import read_discard_file

    return read_discard_file(path).discards


# ---------------------------------------------------------------- checks


def check_verbs(vd: VerbDictionary, known_codes: Iterable[str]) -> list[str]:
    """Problems in a verb dictionary: codes unknown to the taxonomy, duplicate patterns,
    synsets used but undefined, and verb forms claimed by blocks with different codes."""
    known = set(known_codes)
    problems: list[str] = []
    for v in vd.verbs:
        if v.code is not None and v.code not in known:
            problems.append(f"verbs: {v.source}: verb {v.lemma!r} has unknown code {v.code!r}")
    for block, patterns in vd.patterns.items():
        seen: dict[tuple[Any, ...], str] = {}
        for p in patterns:
            for code in (p.code, p.reverse_code):
                if code is not None and code not in known:
                    problems.append(f"verbs: {p.source}: unknown code {code!r} in block {block}")
            key = (p.pre, p.post, p.code, p.reverse_code)
            if key in seen:
                problems.append(f"verbs: {p.source}: duplicate of the pattern at {seen[key]}")
            else:
                seen[key] = p.source
            for e in (*p.pre, *p.post):
                for w in e.words:
                    if w.startswith("&") and w not in vd.synsets:
                        problems.append(f"verbs: {p.source}: undefined synset {w!r}")
    claims: dict[str, dict[str | None, VerbForm]] = {}
    for v in vd.verbs:
        for form in v.forms:
            claims.setdefault(form, {}).setdefault(v.code, v)
    for form, by_code in sorted(claims.items()):
        if len(by_code) > 1:
            where = ", ".join(
                f"{v.block} [{code or '---'}] {v.source}"
                for code, v in sorted(by_code.items(), key=lambda kv: kv[1].source)
            )
            problems.append(f"verbs: form {form!r} has different codes: {where}")
    return problems


def check_discards(discards: Iterable[Discard]) -> list[str]:
    """Duplicate and empty discard phrases."""
    problems: list[str] = []
    seen: dict[tuple[str, bool], str] = {}
    for d in discards:
        if not d.phrase.strip():
            problems.append(f"discards: {d.source}: empty phrase")
        key = (d.phrase, d.whole_word)
        if key in seen:
            problems.append(f"discards: {d.source}: duplicate of {seen[key]} ({d.phrase!r})")
        else:
            seen[key] = d.source
    return problems


def check_knowledge() -> list[str]:
    """Every problem in the package's verb dictionary and discard list (for ``lexicon check``)."""
    from ..taxonomy import load_taxonomy

    try:
        known = load_taxonomy().codes.keys()
        problems = check_verbs(load_verb_dictionary(), known)
    except KnowledgeError as exc:
        return [str(exc)]
    try:
        return problems + check_discards(load_discards())
    except KnowledgeError as exc:
        return [*problems, str(exc)]
