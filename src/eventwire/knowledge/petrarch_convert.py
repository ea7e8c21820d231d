"""Converter: PETRARCH-2 dictionaries -> the package's ``data/dictionaries`` (verbs, discards).

``import_dictionaries(src_dir, out_dir)`` (``eventwire lexicon import``) writes:

- ``verbs.json``: ``CAMEO.2.0.txt``, plus what ``CAMEO.verbpatterns.150430.txt`` adds and
  maps cleanly: its synsets, blocks and verbs CAMEO.2.0 lacks, and its patterns translated
  from TABARI word sequences into PETRARCH-2 syntax (:func:`legacy_translator`); each entry
  keeps its ``source`` (file and line);
- ``discards.json``: ``Phoenix.discards.txt``;
- ``LICENSE.petrarch2``: the MIT licence of the sources;
- then the actors and agents, through ``eventwire.knowledge.petrarch_actors`` when present.

Before writing, :func:`clean` settles what ``eventwire lexicon check`` would report, the way
PETRARCH-2 reads the files: a verb defined again later is ignored (its reader keeps the first
definition), a pattern with an undefined synset is ignored (dictionaries.rst), an exact
duplicate pattern or discard is dropped, and a code unknown to our CAMEO taxonomy becomes its
nearest known parent (``176`` -> ``17``). Each change is returned as a note naming the line.
The output is deterministic: the same sources give byte-identical files.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors, KnowledgeError
from .petrarch_verbs import (
    CODE_AT_END,
    ROLE_MARKS,
    ParsedVerbs,
    Translator,
    Unmapped,
    read_discard_file,
    read_verb_file,
)
from .verbdict import (
    Discard,
    VerbDictionary,
    VerbForm,
    VerbPattern,
    discards_document,
    dump_json,
    finish,
    verbs_document,
)

log = logging.getLogger(__name__)

MAIN_VERBS = "CAMEO.2.0.txt"
LEGACY_VERBS = "CAMEO.verbpatterns.150430.txt"
DISCARDS = "Phoenix.discards.txt"
PREPOSITIONS = "Phoenix.prepositions.txt"
LICENSE = "LICENSE"


@dataclass(frozen=True, slots=True)
class ImportReport:
    written: tuple[str, ...]  # paths of the files written
    counts: Mapping[str, int]
    skipped: tuple[str, ...]  # unreadable source lines ("file:line: reason")
    unmapped: tuple[str, ...]  # legacy patterns not converted ("file:line: reason")
    notes: tuple[str, ...]  # entries changed or dropped by clean() ("file:line: what")


# ---------------------------------------------------------------- legacy (TABARI-style) patterns


def legacy_translator(prepositions: frozenset[str], nouns: frozenset[str]) -> Translator:
    """Translate a CAMEO.verbpatterns.150430 pattern (TABARI word sequence) into PETRARCH-2
    syntax where it maps cleanly, else say why not.

    Maps: a preposition followed by one role marker or by 1-3 words -> ``(PREP ...)``; a run of
    2-3 words outside such a group -> ``{...}`` (head last); single words, synsets and the
    ``$ + ^`` markers as they are. Declines: ``%``, a ``*`` glued to words, a word or synset
    not in ``nouns`` (PETRARCH-2 patterns hold only nouns, whole words: TABARI's verbs,
    auxiliaries and stems like ACCUS do not map), a preposition with no object, a run of
    more than 3 words.
    """

    def side(text: str) -> list[str] | Unmapped:
        out: list[str] = []
        run: list[str] = []  # words of the current phrase
        prep = ""

        def close() -> Unmapped | None:
            nonlocal prep
            if prep and not run:
                return Unmapped(f"preposition {prep!r} without an object")
            if len(run) > 3:
                return Unmapped(f"a run of {len(run)} words")
            phrase = run[0] if len(run) == 1 else "{" + " ".join(run) + "}" if run else ""
            if prep:
                out.append(f"({prep} {phrase})")
            elif phrase:
                out.append(phrase)
            run.clear()
            prep = ""
            return None

        for tok in text.split():
            low = tok.lower()
            if "%" in tok or "*" in tok or any(c in tok for c in "(){}"):
                return Unmapped(f"token {tok!r} has no PETRARCH-2 equivalent")
            if tok in ROLE_MARKS:
                if run and (problem := close()) is not None:
                    return problem
                if prep:
                    out.append(f"({prep} {tok})")
                    prep = ""
                else:
                    out.append(tok)
                continue
            if low in prepositions:
                if (problem := close()) is not None:
                    return problem
                prep = tok
                continue
            for piece in low.split("_"):
                if piece and piece not in nouns:
                    return Unmapped(f"{piece!r} is not a CAMEO.2.0 pattern noun")
            run.append(tok)
        if (problem := close()) is not None:
            return problem
        return out

    def translate(body: str) -> str | Unmapped:
        found = CODE_AT_END.search(body)
        if found is None:
            return Unmapped("no [code] at the end")
        tokens = body[: found.start()].split()
        if tokens.count("*") != 1:
            return Unmapped("the '*' is glued to words or not single")
        at = tokens.index("*")
        left = side(" ".join(tokens[:at]))
        if isinstance(left, Unmapped):
            return left
        right = side(" ".join(tokens[at + 1 :]))
        if isinstance(right, Unmapped):
            return right
        return " ".join([*left, "*", *right, found.group(0).strip()])

    return translate


# ---------------------------------------------------------------- the converter


def _legacy_rules(main: ParsedVerbs, prep_file: Path) -> Translator:
    """Prepositions and nouns for :func:`legacy_translator`, from CAMEO.2.0 itself: its
    pattern words and the words of its pluralised synsets (labels without a final ``_``) are
    nouns, less the words of its other synsets (auxiliaries: WILL, WAS, HAS); a synset of
    prepositions (&PREPOSIT1) acts as a preposition, every other synset as a noun."""
    preps = {
        line.strip().lower() for line in prep_file.read_text("utf-8").splitlines() if line.strip()
    }
    vd = main.dictionary
    nouns = {
        w for rows in vd.patterns.values() for p in rows for e in (*p.pre, *p.post) for w in e.words
    }
    plain: set[str] = set()
    for label, phrases in vd.synsets.items():
        words = {w for phrase in phrases for w in phrase}
        if words <= preps:
            preps.add(label)
        elif label in main.plain_labels:
            plain.update(words)
        else:
            nouns.update(words)
            nouns.add(label)
    return legacy_translator(frozenset(preps), frozenset(nouns - plain - preps))


def merge_legacy(
    main: VerbDictionary, legacy: VerbDictionary
) -> tuple[VerbDictionary, dict[str, int]]:
    """``main`` plus what ``legacy`` adds: synsets, verbs whose lemma ``main`` lacks, and
    patterns ``main``'s block lacks (same elements and codes)."""
    synsets = dict(main.synsets)
    added_synsets = [k for k in legacy.synsets if k not in synsets]
    synsets.update((k, legacy.synsets[k]) for k in added_synsets)
    lemmas = {v.lemma for v in main.verbs}
    added_verbs = [v for v in legacy.verbs if v.lemma not in lemmas]
    patterns = {block: list(p) for block, p in main.patterns.items()}
    added = duplicates = 0
    for block, rows in legacy.patterns.items():
        have = patterns.setdefault(block, [])
        keys = {(p.pre, p.post, p.code, p.reverse_code) for p in have}
        for p in rows:
            key = (p.pre, p.post, p.code, p.reverse_code)
            if key in keys:
                duplicates += 1
                continue
            keys.add(key)
            have.append(p)
            added += 1
    merged = finish(
        synsets=synsets,
        verbs=[*main.verbs, *added_verbs],
        patterns=patterns,
        transformations=main.transformations,
        sources=(*main.sources, *legacy.sources),
    )
    counts = {
        "legacy_synsets_added": len(added_synsets),
        "legacy_verbs_added": len(added_verbs),
        "legacy_blocks_added": len(set(legacy.patterns) - set(main.patterns)),
        "legacy_patterns_added": added,
        "legacy_patterns_already_present": duplicates,
    }
    return merged, counts


# ---------------------------------------------------------------- cleaning


def _known_parent(code: str, known: frozenset[str]) -> str | None:
    digits = "".join(c for c in code if c.isdigit())
    for end in range(len(digits), 1, -1):
        if digits[:end] in known:
            return digits[:end]
    return None


def _clean_verbs(verbs: Iterable[VerbForm], notes: list[str]) -> list[VerbForm]:
    """First definition wins, by lemma and then by surface form (PETRARCH-2's reader)."""
    by_lemma: dict[str, VerbForm] = {}
    owner: dict[str, VerbForm] = {}
    kept: list[VerbForm] = []
    for v in verbs:
        first = by_lemma.get(v.lemma)
        if first is not None:
            notes.append(
                f"{v.source}: verb {v.lemma!r} in {v.block} dropped: defined first at "
                f"{first.source} in {first.block}"
            )
            continue
        clash = [f for f in v.forms if f in owner and owner[f].code != v.code]
        if v.lemma in clash:
            notes.append(
                f"{v.source}: verb {v.lemma!r} in {v.block} dropped: a form of "
                f"{owner[v.lemma].lemma!r} ({owner[v.lemma].source})"
            )
            continue
        if clash:
            notes.append(
                f"{v.source}: forms {', '.join(clash)} of {v.lemma!r} dropped: forms of an "
                f"earlier verb with another code ({owner[clash[0]].source})"
            )
            v = dataclasses.replace(v, forms=tuple(f for f in v.forms if f not in clash))
        by_lemma[v.lemma] = v
        for f in v.forms:
            owner.setdefault(f, v)
        kept.append(v)
    return kept


def _clean_pattern(
    p: VerbPattern, synsets: Mapping[str, object], known: frozenset[str], notes: list[str]
) -> VerbPattern | None:
    if any(e.kind == "compound" for e in p.pre):
        notes.append(f"{p.source}: pattern dropped: '%' (compound actor), read for swapped files")
        return None
    undefined = sorted(
        {w for e in (*p.pre, *p.post) for w in e.words if w.startswith("&") and w not in synsets}
    )
    if undefined:
        notes.append(f"{p.source}: pattern dropped: undefined synset {', '.join(undefined)}")
        return None
    codes = []
    for code in (p.code, p.reverse_code):
        if code is not None and code not in known:
            parent = _known_parent(code, known)
            notes.append(f"{p.source}: code {code!r} unknown to the taxonomy -> {parent!r}")
            code = parent
        codes.append(code)
    if codes != [p.code, p.reverse_code]:
        p = dataclasses.replace(p, code=codes[0], reverse_code=codes[1])
    return p


def clean(vd: VerbDictionary, known_codes: Iterable[str]) -> tuple[VerbDictionary, list[str]]:
    """The dictionary as PETRARCH-2 would use it, checked against our taxonomy (module doc)."""
    known = frozenset(known_codes)
    notes: list[str] = []
    verbs = _clean_verbs(vd.verbs, notes)
    for i, v in enumerate(verbs):
        if v.code is not None and v.code not in known:
            parent = _known_parent(v.code, known)
            notes.append(f"{v.source}: code {v.code!r} unknown to the taxonomy -> {parent!r}")
            verbs[i] = v = dataclasses.replace(v, code=parent)
        if v.reverse_code is not None and v.reverse_code not in known:
            parent = _known_parent(v.reverse_code, known)
            notes.append(
                f"{v.source}: code {v.reverse_code!r} unknown to the taxonomy -> {parent!r}"
            )
            verbs[i] = dataclasses.replace(v, reverse_code=parent)
    patterns: dict[str, list[VerbPattern]] = {}
    for block, rows in vd.patterns.items():
        seen: dict[tuple[object, ...], str] = {}
        kept = patterns.setdefault(block, [])
        for row in rows:
            p = _clean_pattern(row, vd.synsets, known, notes)
            if p is None:
                continue
            key = (p.pre, p.post, p.code, p.reverse_code)
            if key in seen:
                notes.append(f"{p.source}: duplicate pattern dropped (first at {seen[key]})")
                continue
            seen[key] = p.source
            kept.append(p)
    cleaned = finish(
        synsets=vd.synsets,
        verbs=verbs,
        patterns=patterns,
        transformations=vd.transformations,
        sources=vd.sources,
    )
    return cleaned, notes


def clean_discards(discards: Iterable[Discard], notes: list[str]) -> tuple[Discard, ...]:
    seen: dict[tuple[str, bool], str] = {}
    kept = []
    for d in discards:
        key = (d.phrase, d.whole_word)
        if key in seen:
            notes.append(
                f"{d.source}: duplicate discard {d.phrase!r} dropped (first at {seen[key]})"
            )
            continue
        seen[key] = d.source
        kept.append(d)
    return tuple(kept)


# ---------------------------------------------------------------- the converter


def _need(src: Path, name: str) -> Path:
    path = src / name
    if not path.is_file():
        raise KnowledgeError(Errors.E101, path=str(path), reason="missing from the source folder")
    return path


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def convert_verbs(
    src_dir: Path, *, legacy: bool = True
) -> tuple[VerbDictionary, list[tuple[str, str]], dict[str, int], list[str], list[str]]:
    """The merged verb dictionary (not yet cleaned), its source files with their sha256,
    counts, skipped lines and unmapped legacy patterns."""
    main = read_verb_file(_need(src_dir, MAIN_VERBS))
    files = [(MAIN_VERBS, main.sha256)]
    counts: dict[str, int] = {}
    skipped, unmapped = list(main.skipped), list[str]()
    if not (legacy and (src_dir / LEGACY_VERBS).is_file()):
        return main.dictionary, files, counts, skipped, unmapped
    prepositions = _need(src_dir, PREPOSITIONS)
    old = read_verb_file(src_dir / LEGACY_VERBS, translate=_legacy_rules(main, prepositions))
    merged, counts = merge_legacy(main.dictionary, old.dictionary)
    files += [(LEGACY_VERBS, old.sha256), (PREPOSITIONS, _sha256(prepositions))]
    return merged, files, counts, skipped + list(old.skipped), list(old.unmapped)


def import_verbs_and_discards(src_dir: Path, out_dir: Path, *, legacy: bool = True) -> ImportReport:
    """Convert CAMEO.2.0 (+ what maps cleanly from CAMEO.verbpatterns.150430) and the Phoenix
    discard list in ``src_dir`` into ``verbs.json`` and ``discards.json`` in ``out_dir``, and
    copy the MIT LICENSE beside them as ``LICENSE.petrarch2``."""
    from ..taxonomy import load_taxonomy

    raw, files, counts, skipped, unmapped = convert_verbs(src_dir, legacy=legacy)
    vd, notes = clean(raw, load_taxonomy().codes.keys())
    parsed_discards = read_discard_file(_need(src_dir, DISCARDS))
    discards = clean_discards(parsed_discards.discards, notes)
    skipped += parsed_discards.skipped
    licence = _need(src_dir, LICENSE).read_bytes()
    verbs_doc = verbs_document(vd, files)
    discards_doc = discards_document(discards, [(DISCARDS, parsed_discards.sha256)])
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "verbs.json").write_text(dump_json(verbs_doc), encoding="utf-8")
    (out_dir / "discards.json").write_text(dump_json(discards_doc), encoding="utf-8")
    (out_dir / "LICENSE.petrarch2").write_bytes(licence)
    written = tuple(str(out_dir / n) for n in ("verbs.json", "discards.json", "LICENSE.petrarch2"))
    counts.update(verbs_doc["header"]["counts"])
    counts.update(
        discards=len(discards), skipped=len(skipped), unmapped=len(unmapped), notes=len(notes)
    )
    for line in notes:
        log.info("%s", line)
    return ImportReport(written, counts, tuple(skipped), tuple(unmapped), tuple(notes))


def import_dictionaries(
    src_dir: str | Path, out_dir: str | Path, *, legacy: bool = True
) -> ImportReport:
    """Convert the PETRARCH dictionaries in ``src_dir`` into ``out_dir``: verbs and discards
    here, actors and agents through ``eventwire.knowledge.petrarch_actors`` when installed."""
    src, out = Path(src_dir), Path(out_dir)
    report = import_verbs_and_discards(src, out, legacy=legacy)
    try:
        from .petrarch_actors import import_actors  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        log.info("eventwire.knowledge.petrarch_actors is not available: actors not converted")
        return report
    actor_files = import_actors(src, out)
    return dataclasses.replace(report, written=(*report.written, *map(str, actor_files)))
