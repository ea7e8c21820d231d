"""Reader for PETRARCH-format verb dictionaries and discard lists (text files).

Follows ``dictionaries.rst`` of PETRARCH-2 and the behaviour of its reader
(``PETRreader.read_verb_dictionary`` / ``read_discard_list``), with these documented choices:

- comments: ``#`` (and, on verb lines, TABARI's ``;``) to the end of the line; ``<!-- -->``
  comments, also over several lines; blank lines skipped;
- synset plurals follow dictionaries.rst (PETRARCH-2's code loses the ``_`` marks before it
  tests them and never pluralises phrases): none when the label or the phrase ends with
  ``_``; the last word of a phrase is made plural: ``-ies`` after a consonant + ``y``, ``-es``
  after ``ss us x z ch sh``, none after any other final ``s`` (already plural: FORCES), else
  ``-s``. Nested synsets (``+&OTHER``) are expanded;
- regular verb forms as PETRARCH-2 generates them (``-s/-es/-ies``, ``-d/-ed``, ``-ing`` with a
  final consonant + ``e`` dropped) except that a consonant + ``y`` gives ``-ied``, a vowel +
  ``y`` gives ``-ys`` and ``-ie`` gives ``-ying`` (PETRARCH-2 writes HURRYED, PLAIES, TIEING);
  ``-es`` also after ``ch sh``; no consonant doubling: the files give those forms in ``{...}``,
  which replace the generated ones (``{}``: no other form);
- multi-word verbs: the ``+`` word is the head; an irregular form written without ``_`` takes
  the lemma's other words (PETRARCH-2 does the same);
- pattern words joined with ``_`` become one element with ``joined=True``; a word glued to the
  verb (``IN_*``, ``*_OUT``) becomes the element next to it with ``joined=True``; a synset
  name with ``_`` in it (``&FIGHT_OF_WORDS``) stays one word;
- the compound-actor marker ``%``: before the verb, coordinated subjects; after it (``* WITH
  %``), coordinated objects, the targets (left out of the shipped conversion, as reviewed);
- lines that cannot be read (a pattern without ``*`` or ``[code]``, an unbalanced bracket) are
  skipped with a logged warning and counted. A file whose
  first pattern or verb comes before any ``--- BLOCK ---`` header, or where most lines fail,
  raises ``E101`` naming the line.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors, KnowledgeError
from .verbtypes import (
    Discard,
    PatternElement,
    VerbDictionary,
    VerbForm,
    VerbPattern,
    finish,
)

log = logging.getLogger(__name__)

_VOWELS = "aeiou"
CODE_AT_END = re.compile(r"\[([^\[\]]*)\]\s*$")
# WORD {FORMS} [CODE]; the code may also come before the forms (SNUB [111] {SNUBS ...})
_VERB_LINE = re.compile(
    r"^([^\s{}\[\]]+)\s*(?:\[([^\[\]]*)\])?\s*(?:\{([^{}]*)\})?\s*(?:\[([^\[\]]*)\])?\s*$"
)
_PATTERN_TOKENS = re.compile(r"[(){}]|[^\s(){}]+")
ROLE_MARKS = {"$": "source", "+": "target", "^": "skip"}

# translate a legacy (TABARI-style) pattern body into PETRARCH-2 syntax, or say why not
Translator = Callable[[str], "str | Unmapped"]


@dataclass(frozen=True, slots=True)
class Unmapped:
    reason: str


@dataclass(frozen=True, slots=True)
class ParsedVerbs:
    dictionary: VerbDictionary
    skipped: tuple[str, ...]  # "file:line: reason" for each line that could not be read
    unmapped: tuple[str, ...]  # legacy patterns a translator declined ("file:line: reason")
    sha256: str  # of the file's bytes
    plain_labels: frozenset[str] = frozenset()  # synsets whose label ends in '_' (not nouns)


@dataclass(frozen=True, slots=True)
class ParsedDiscards:
    discards: tuple[Discard, ...]
    skipped: tuple[str, ...]
    sha256: str


class LineError(ValueError):
    """One line cannot be read (skipped and counted by the caller)."""


# ---------------------------------------------------------------- words


def plural(word: str) -> str | None:
    """Regular English plural of a lower-case word (dictionaries.rst, see the module doc);
    None for a word ending in a single 's' other than '-us' (already plural: forces, talks)."""
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    if word.endswith(("ss", "us", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("s"):
        return None
    return word + "s"


def regular_verb_forms(verb: str) -> tuple[str, str, str]:
    """-s, -ed and -ing forms of a regular lower-case verb (see the module doc)."""
    consonant_y = verb.endswith("y") and len(verb) > 1 and verb[-2] not in _VOWELS
    if verb.endswith(("s", "x", "z", "ch", "sh")):
        third = verb + "es"
    elif consonant_y:
        third = verb[:-1] + "ies"
    else:
        third = verb + "s"
    if verb.endswith("e"):
        past = verb + "d"
    elif consonant_y:
        past = verb[:-1] + "ied"
    else:
        past = verb + "ed"
    if verb.endswith("ie"):
        ing = verb[:-2] + "ying"
    elif verb.endswith("e") and len(verb) > 1 and verb[-2] not in _VOWELS:
        ing = verb[:-1] + "ing"
    else:
        ing = verb + "ing"
    return third, past, ing


# ---------------------------------------------------------------- lines


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise KnowledgeError(Errors.E101, path=name, reason=f"line {line}: NUL byte (binary file)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise KnowledgeError(
            Errors.E101, path=name, reason=f"line {line}: not valid UTF-8 ({exc.reason})"
        ) from exc


def content_lines(text: str) -> Iterator[tuple[int, str, str]]:
    """(1-based line number, content, comment) of each non-empty line; XML and '#' comments cut."""
    in_xml = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw
        if in_xml:
            end = line.find("-->")
            if end < 0:
                continue
            line, in_xml = line[end + 3 :], False
        while "<!--" in line:
            start = line.index("<!--")
            end = line.find("-->", start + 4)
            if end < 0:
                line, in_xml = line[:start], True
                break
            line = line[:start] + " " + line[end + 3 :]
        content, _, comment = line.partition("#")
        if content.strip():
            yield number, content.rstrip(), comment.strip()


# ---------------------------------------------------------------- patterns


def _split_word(token: str, labels: frozenset[str]) -> tuple[str, ...]:
    """Lower-case words of a '_'-joined token; a synset name with '_' in it stays one word."""
    pieces = [p for p in token.lower().split("_") if p]
    if len(pieces) > 1 and any(p in ROLE_MARKS or "%" in p or "*" in p for p in pieces):
        raise LineError(f"a role marker joined to words ({token!r})")
    words: list[str] = []
    i = 0
    while i < len(pieces):
        j = i + 1
        if pieces[i].startswith("&"):
            for k in range(len(pieces), i + 1, -1):
                if "_".join(pieces[i:k]) in labels:
                    j = k
                    break
        words.append("_".join(pieces[i:j]))
        i = j
    return tuple(words)


def _object(
    tokens: list[str], pos: int, close: str, labels: frozenset[str]
) -> tuple[list[str], str, bool, int]:
    """Words (and a role marker) up to ``close``; returns (words, role, joined, next position)."""
    words: list[str] = []
    role = ""
    joined = False
    while pos < len(tokens) and tokens[pos] != close:
        tok = tokens[pos]
        if tok in ROLE_MARKS:
            role = ROLE_MARKS[tok]
        elif tok == "{" and close == ")":
            inner, inner_role, inner_joined, pos = _object(tokens, pos + 1, "}", labels)
            if inner_role:
                raise LineError("a role marker inside {...}")
            words.extend(inner)
            joined = joined or inner_joined
            continue
        elif tok in "(){}" or tok == "%":
            raise LineError(f"unexpected {tok!r}")
        else:
            split = _split_word(tok, labels)
            joined = joined or len(split) > 1
            words.extend(split)
        pos += 1
    if pos >= len(tokens):
        raise LineError(f"unclosed {'(' if close == ')' else '{'}")
    return words, role, joined, pos + 1


def parse_side(text: str, labels: frozenset[str]) -> list[PatternElement]:
    """The elements of one side of a pattern (before or after '*')."""
    tokens = _PATTERN_TOKENS.findall(text)
    out: list[PatternElement] = []
    pos = 0
    while pos < len(tokens):
        tok = tokens[pos]
        if tok == "(":
            if pos + 1 >= len(tokens) or tokens[pos + 1] in "(){}" or tokens[pos + 1] in ROLE_MARKS:
                raise LineError("'(' without a preposition")
            prep = tokens[pos + 1].lower()
            words, role, joined, pos = _object(tokens, pos + 2, ")", labels)
            out.append(PatternElement("prep", tuple(words), prep, role, joined))
            continue
        if tok == "{":
            words, role, joined, pos = _object(tokens, pos + 1, "}", labels)
            if role or not words:
                raise LineError("an empty {...} or a role marker inside it")
            out.append(PatternElement("noun", tuple(words), joined=joined))
            continue
        if tok in ROLE_MARKS:
            out.append(PatternElement(ROLE_MARKS[tok]))
        elif tok == "%":
            out.append(PatternElement("compound"))
        elif tok in ")}":
            raise LineError(f"unbalanced {tok!r}")
        else:
            words_t = _split_word(tok, labels)
            if words_t:
                out.append(PatternElement("noun", words_t, joined=len(words_t) > 1))
        pos += 1
    return out


def _glue(elements: list[PatternElement], at_end: bool) -> None:
    """Mark the element written glued to the verb with '_' (IN_*, *_OUT) as joined."""
    if elements:
        i = -1 if at_end else 0
        e = elements[i]
        elements[i] = PatternElement(e.kind, e.words, e.prep, e.role, True)


def parse_code(raw: str) -> tuple[str | None, str | None]:
    """'042:043' -> ('042', '043'); '---' -> (None, None); ':173' -> (None, '173')."""
    first, sep, second = raw.strip().partition(":")

    def one(code: str) -> str | None:
        code = code.strip()
        return None if code in ("", "---") else code

    return one(first), one(second) if sep else None


def parse_pattern(
    body: str, block: str, source: str, comment: str, labels: frozenset[str]
) -> VerbPattern:
    """One pattern line (without its leading '-' and comment)."""
    found = CODE_AT_END.search(body)
    if found is None:
        raise LineError("no [code] at the end")
    code, reverse = parse_code(found.group(1))
    text = body[: found.start()]
    if text.count("*") != 1:
        raise LineError("no '*' (verb position)" if "*" not in text else "more than one '*'")
    left, right = text.split("*")
    pre = parse_side(left.removesuffix("_"), labels)
    post = parse_side(right.removeprefix("_"), labels)
    if left.endswith("_"):
        _glue(pre, at_end=True)
    if right.startswith("_"):
        _glue(post, at_end=False)
    return VerbPattern(block, tuple(pre), tuple(post), code, reverse, source, comment)


# ---------------------------------------------------------------- verbs


def _verb_words(spec: str) -> tuple[list[str], int]:
    """Words of a verb written like WIRE_+TAP (lower-case) and the index of the '+' word."""
    pieces = [p for p in spec.lower().split("_") if p]
    marked = [i for i, p in enumerate(pieces) if p.startswith("+")]
    if len(pieces) > 1 and len(marked) != 1:
        raise LineError(f"multi-word verb {spec!r} needs exactly one '+' word")
    words = [p.lstrip("+") for p in pieces]
    if not all(words):
        raise LineError(f"bad verb {spec!r}")
    return words, marked[0] if marked else 0


def parse_verb(
    content: str,
    block: str,
    block_code: str | None,
    source: str,
    block_reverse: str | None = None,
) -> VerbForm:
    """One verb line: WORD [{IRREGULAR FORMS}] [[CODE]]; without a code of its own, the block's
    (``block_code``, and ``block_reverse`` of a ``[A:B]`` block)."""
    found = _VERB_LINE.match(re.split("[;#]", content)[0].strip())
    if found is None:
        raise LineError(f"not a verb line: {content.strip()!r}")
    spec, code_first, irregular, code_last = found.groups()
    if code_first is not None and code_last is not None:
        raise LineError("two [codes]")
    own_code = code_first if code_first is not None else code_last
    words, head = _verb_words(spec)
    lemma = " ".join(words)
    forms = [lemma]
    if irregular is None:
        forms.extend(
            " ".join([*words[:head], w, *words[head + 1 :]])
            for w in regular_verb_forms(words[head])
        )
    else:
        for item in irregular.split():
            if "_" in item:
                form_words, form_head = _verb_words(item)
                if form_head != head or len(form_words) != len(words):
                    raise LineError(f"irregular form {item!r} does not match {spec!r}")
            else:
                form_words = [*words[:head], item.lower().lstrip("+"), *words[head + 1 :]]
            forms.append(" ".join(form_words))
    code, reverse = parse_code(own_code) if own_code is not None else (block_code, block_reverse)
    return VerbForm(block, lemma, tuple(dict.fromkeys(forms)), head, code, source, reverse)


def _block_header(content: str) -> tuple[str, str | None, str | None]:
    inner = content.strip().strip("-").strip()
    found = re.match(r"^([^\s\[]+)\s*(?:\[([^\[\]]*)\])?", inner)
    if found is None:
        raise LineError("block header without a name")
    name, code = found.groups()
    return name.upper(), *(parse_code(code) if code is not None else (None, None))


# ---------------------------------------------------------------- synsets


def _expand_synsets(
    raw: dict[str, tuple[bool, list[tuple[str, str]]]], warn: Callable[[str, str], None]
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """label -> phrases (nested synsets expanded, plurals added)."""
    done: dict[str, tuple[tuple[str, ...], ...]] = {}

    def expand(label: str, stack: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        if label in done:
            return done[label]
        no_plural, members = raw[label]
        phrases: list[tuple[str, ...]] = []
        for member, where in members:
            if member.startswith("&"):
                name = member.rstrip("_").lower()
                if name in stack or name not in raw:
                    warn(
                        where,
                        f"nested synset {member} is {'circular' if name in raw else 'undefined'}",
                    )
                    continue
                phrases.extend(expand(name, (*stack, name)))
                continue
            words = tuple(w for w in member.lower().replace("_", " ").split())
            if not words:
                warn(where, "empty synset member")
                continue
            phrases.append(words)
            last = None if no_plural or member.endswith("_") else plural(words[-1])
            if last is not None:
                phrases.append((*words[:-1], last))
        done[label] = tuple(dict.fromkeys(phrases))
        return done[label]

    for label in raw:
        expand(label, (label,))
    return done


# ---------------------------------------------------------------- the file


def _synset_labels(lines: list[tuple[int, str, str]]) -> frozenset[str]:
    return frozenset(
        content.split()[0].rstrip("_").lower() for _, content, _ in lines if content.startswith("&")
    )


class _VerbReader:
    """State of one pass over a verb file."""

    def __init__(self, name: str, translate: Translator | None) -> None:
        self.name = name
        self.translate = translate
        self.skipped: list[str] = []
        self.partial: set[str] = set()  # blocks with a pattern line that could not be read
        self.unmapped: list[str] = []
        self.synsets: dict[str, tuple[bool, list[tuple[str, str]]]] = {}
        self.verbs: list[VerbForm] = []
        self.patterns: dict[str, list[VerbPattern]] = {}
        self.transformations: list[str] = []
        self.mode = ""  # "synset" after '&LABEL', "block" after '--- NAME ---'
        self.label = ""
        self.block = ""
        self.block_code: str | None = None
        self.block_reverse: str | None = None
        self.labels: frozenset[str] = frozenset()

    def warn(self, where: str, reason: str) -> None:
        log.debug("%s: %s (line skipped)", where, reason)
        self.skipped.append(f"{where}: {reason}")

    def read(self, text: str) -> None:
        lines = list(content_lines(text))
        self.labels = _synset_labels(lines)
        for number, content, comment in lines:
            where = f"{self.name}:{number}"
            try:
                self.line(content, comment, where)
            except LineError as exc:
                self.warn(where, str(exc))
                if self.mode == "block" and content.lstrip().startswith("-"):
                    self.partial.add(self.block)
        if len(self.skipped) > max(10, len(lines) // 2):
            raise KnowledgeError(
                Errors.E101,
                path=self.name,
                reason=f"not a PETRARCH verb dictionary: {len(self.skipped)} of {len(lines)} "
                f"lines unreadable, first {self.skipped[0]}",
            )

    def line(self, content: str, comment: str, where: str) -> None:
        first = content.lstrip()
        if first.startswith("---"):
            self.mode = "block"
            self.block, self.block_code, self.block_reverse = _block_header(first)
            self.patterns.setdefault(self.block, [])
        elif first.startswith("&"):
            self.mode = "synset"
            label = first.split()[0]
            self.label = label.rstrip("_").lower()
            self.synsets.setdefault(self.label, (label.endswith("_"), []))
        elif first.startswith("~"):
            self.transformations.append(first)
        elif first.startswith("-"):
            self.pattern(first[1:], comment, where)
        elif first.startswith("+") and self.mode == "synset":
            self.synsets[self.label][1].append((first[1:].strip(), where))
        else:
            self.need_block(where, "verb")
            self.verbs.append(
                parse_verb(first, self.block, self.block_code, where, self.block_reverse)
            )

    def need_block(self, where: str, what: str) -> None:
        if not self.block:
            raise KnowledgeError(
                Errors.E101,
                path=self.name,
                reason=f"line {where.rsplit(':', 1)[1]}: {what} before any '--- BLOCK [CODE] ---' "
                "header (not a PETRARCH verb dictionary?)",
            )

    def pattern(self, body: str, comment: str, where: str) -> None:
        self.need_block(where, "pattern")
        if self.translate is not None:
            translated = self.translate(body)
            if isinstance(translated, Unmapped):
                self.unmapped.append(f"{where}: {translated.reason}")
                return
            body = translated
        p = parse_pattern(body, self.block, where, comment, self.labels)
        if self.translate is not None and any(e.kind == "compound" for e in p.post):
            # the shipped dictionary keeps to what was reviewed: no '%' after the verb there
            self.unmapped.append(f"{where}: '%' (compound actor) after the verb")
            return
        self.patterns[self.block].append(p)
        if any(e.kind == "compound" for e in p.pre):
            self.partial.add(self.block)  # read for coordinated subjects only


def parse_verb_text(text: str, name: str, *, translate: Translator | None = None) -> ParsedVerbs:
    """Parse the text of a PETRARCH verb dictionary called ``name`` (used in sources)."""
    reader = _VerbReader(name, translate)
    reader.read(text)
    if reader.skipped:
        log.warning(
            "%s: %d line(s) skipped: %s%s",
            name,
            len(reader.skipped),
            "; ".join(reader.skipped[:3]),
            "; ..." if len(reader.skipped) > 3 else "",
        )
    if not reader.patterns and not reader.synsets:
        raise KnowledgeError(Errors.E101, path=name, reason="no verb blocks or synsets")
    vd = finish(
        synsets=_expand_synsets(reader.synsets, reader.warn),
        verbs=reader.verbs,
        patterns=reader.patterns,
        transformations=reader.transformations,
        sources=(name,),
        partial=reader.partial,
    )
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    plain = frozenset(label for label, (no_plural, _) in reader.synsets.items() if no_plural)
    return ParsedVerbs(vd, tuple(reader.skipped), tuple(reader.unmapped), digest, plain)


def read_verb_file(path: str | Path, *, translate: Translator | None = None) -> ParsedVerbs:
    """Parse a PETRARCH verb dictionary file (E101 when unreadable or not such a file)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise KnowledgeError(Errors.E101, path=str(p), reason=str(exc)) from exc
    parsed = parse_verb_text(_decode(data, p.name), p.name, translate=translate)
    return dataclasses.replace(parsed, sha256=hashlib.sha256(data).hexdigest())


# ---------------------------------------------------------------- discards


def parse_discard_text(text: str, name: str) -> ParsedDiscards:
    """Parse a PETRARCH discard list: PHRASE, '+PHRASE' (story), 'PHRASE_' (whole word)."""
    out: list[Discard] = []
    skipped: list[str] = []
    for number, content, _ in content_lines(text):
        phrase = content.strip()
        story = phrase.startswith("+")
        phrase = phrase.removeprefix("+").strip()
        whole = phrase.endswith("_")
        words = phrase.lower().replace("_", " ").split()
        if not words:
            log.warning("%s:%d: empty discard phrase (line skipped)", name, number)
            skipped.append(f"{name}:{number}: empty discard phrase")
            continue
        out.append(Discard(" ".join(words), story, whole, f"{name}:{number}"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return ParsedDiscards(tuple(out), tuple(skipped), digest)


def read_discard_file(path: str | Path) -> ParsedDiscards:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise KnowledgeError(Errors.E101, path=str(p), reason=str(exc)) from exc
    parsed = parse_discard_text(_decode(data, p.name), p.name)
    return dataclasses.replace(parsed, sha256=hashlib.sha256(data).hexdigest())
