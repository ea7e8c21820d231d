"""PETRARCH actor and agent dictionaries, and Wikidata heads of state and government.

Readers for the published PETRARCH formats (``docs/source/dictionaries.rst`` of petrarch2):

- actor files (``Phoenix.*.actors.txt``, ``PETR.Validate.actors.txt``): a primary phrase with an
  optional ``[CODE]``, synonyms on ``+`` lines, date restrictions on indented ``[CODE <date]``,
  ``[CODE >date]``, ``[CODE date-date]`` lines (limits inclusive; ``YYMMDD`` years 00-30 are 20YY,
  as PETRARCH reads them) and a bare ``[CODE]`` line as the default code;
- agent files (``Phoenix.agents.txt``, ``PETR.Validate.agents.txt``): ``phrase {plural} [~CODE]``
  (``~`` first: the code follows the actor's; ``CODE~``: it precedes it), regular plurals made
  automatically, ``{}`` for none, ``!MARKER!`` substitution sets.

``import_actors`` converts the Phoenix files (MIT) and the Wikidata (CC0) heads table into the
package's deterministic JSON (``eventwire/data/dictionaries/``); ``read_actors``/``read_agents``
read either format, so users can swap in their own PETRARCH dictionaries.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import Errors, KnowledgeError

log = logging.getLogger(__name__)

ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
AGENT_FILES = ("Phoenix.agents.txt",)
HEADS_FILE = "heads_of_state_government.csv"
ACTORS_JSON, AGENTS_JSON, HEADS_JSON = "actors.json", "agents.json", "heads_of_state.json"
FORMAT = "eventwire-dictionary"
NULL_CODES = frozenset({"", "---", "+++", "###"})


@dataclass(frozen=True, slots=True)
class DictRole:
    """A dated code: ``start`` <= story date <= ``end`` (ISO dates, inclusive; None: open)."""

    code: str
    start: str | None
    end: str | None


@dataclass(frozen=True, slots=True)
class DictActor:
    """One actor record: names lower-case, words single-spaced, ``_`` removed, primary first."""

    names: tuple[str, ...]
    code: str | None  # the default code (used when no dated role applies)
    roles: tuple[DictRole, ...]
    source: str  # "file:line"


@dataclass(frozen=True, slots=True)
class DictAgent:
    """One agent record: singular and plural forms, the code without ``~``."""

    names: tuple[str, ...]
    code: str
    prefix: bool  # True for "NGO~": the code goes before the actor's
    source: str


@dataclass(frozen=True, slots=True)
class HeadRole:
    """A head-of-state/government term: ``start`` <= date < ``end`` (Wikidata's end day is the
    successor's first), coded COUNTRY+GOV."""

    code: str
    country: str
    office: str  # head_of_state | head_of_government
    start: str | None
    end: str | None


@dataclass(frozen=True, slots=True)
class Head:
    qid: str  # the person's Wikidata item
    names: tuple[str, ...]  # as written (case kept), name first
    country: str  # the home country (most terms; see _home_country)
    roles: tuple[HeadRole, ...]
    source: str


# ---------------------------------------------------------------- reading lines


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) of the meaningful lines, comments removed as PETRARCH does:
    lines starting with ``#`` or ``<!``, the rest of a line after ``#``, ``<!-- ... -->`` blocks."""
    try:
        raw_lines = path.read_bytes().splitlines()
    except OSError as exc:
        raise KnowledgeError(Errors.E101, path=str(path), reason=str(exc)) from exc
    in_comment = False
    for number, raw in enumerate(raw_lines, 1):
        line = _decode(raw).rstrip("\r\n")
        if in_comment:
            if "-->" in line:
                in_comment = False
            continue
        if not line.strip() or line.startswith(("#", "<!")):
            if line.startswith("<!") and "-->" not in line:
                in_comment = True
            continue
        if "<!--" in line:
            head, _, tail = line.partition("<!--")
            if "-->" in tail:
                line = head + tail.split("-->", 1)[1]
            else:
                line, in_comment = head, True
        line = line.split("#", 1)[0]
        if line.strip():
            yield number, line


def clean_name(text: str) -> str:
    """A dictionary phrase as a lower-case, single-spaced name (``_`` removed)."""
    return " ".join(text.replace("_", " ").lower().split())


def parse_date(text: str) -> str | None:
    """``YYYYMMDD`` or ``YYMMDD`` (years 00-30 are 20YY, others 19YY, as in PETRARCH) as ISO."""
    text = text.strip()
    if not text.isdigit():
        return None
    if len(text) > 7:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    elif len(text) >= 6:
        year = int(text[:2])
        year += 2000 if year <= 30 else 1900
        month, day = int(text[2:4]), int(text[4:6])
    else:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


_RESTRICTION = re.compile(r"^\s*([^\s<>\]]*)\s*(.*?)\s*$")


def parse_restriction(inner: str) -> tuple[str | None, DictRole | None, bool]:
    """The text inside ``[...]``: (default code, dated role, ok). A bad date gives ok=False."""
    m = _RESTRICTION.match(inner)
    code, rest = (m.group(1), m.group(2)) if m else ("", inner.strip())
    code = code.upper()
    if not rest:
        return (None if code in NULL_CODES else code), None, True
    if rest[0] in "<>":
        date = parse_date(rest[1:].strip().split()[0] if rest[1:].strip() else "")
        if date is None:
            return None, None, False
        role = DictRole(code, None, date) if rest[0] == "<" else DictRole(code, date, None)
        return None, role, True
    first, sep, second = rest.partition("-")
    start, end = parse_date(first), parse_date(second)
    if not sep or start is None or end is None or end < start:
        return None, None, False
    return None, DictRole(code, start, end), True


# ---------------------------------------------------------------- actor files


@dataclass(slots=True)
class _Building:
    names: list[str]
    code: str | None
    roles: list[DictRole]
    line: int
    coded: bool = False  # a [...] group was seen (an explicit null code "[---]" counts)

    def empty(self) -> bool:
        return not self.coded


def _phrase_names(text: str) -> list[str]:
    """Names of one phrase line; a '+' inside a phrase separates two synonyms. Names with bytes
    that were not valid text in the source (U+FFFD, control characters) are dropped."""
    names = (clean_name(p) for p in text.split("+"))
    return [n for n in names if n and n.isprintable() and "\ufffd" not in n]


def read_actor_file(path: str | Path) -> list[DictActor]:
    """Every actor record of a PETRARCH actor file, in file order.

    A primary phrase without a code or date restriction shares the codes of the next record
    (as in PETRARCH); malformed date restrictions are skipped with a warning, as PETRARCH does.
    """
    p = Path(path)
    out: list[DictActor] = []
    cur: _Building | None = None
    bad = 0

    def close(current: _Building | None) -> None:
        if current is not None and current.names and (current.code or current.roles):
            source = f"{p.name}:{current.line}"
            out.append(
                DictActor(
                    tuple(dict.fromkeys(current.names)), current.code, tuple(current.roles), source
                )
            )

    for number, line in _lines(p):
        stripped = line.strip()
        if stripped.startswith("["):
            if cur is None:
                continue
            bad += _add_groups(cur, stripped)
        elif stripped.startswith("+"):
            if cur is not None:
                cur.names.extend(_phrase_names(stripped[1:].split(";", 1)[0].split("[", 1)[0]))
        else:
            carried = cur.names if cur is not None and cur.empty() else []
            if cur is not None and not cur.empty():
                close(cur)
            phrase = stripped.split(";", 1)[0].split("[", 1)[0]
            start = cur.line if carried and cur is not None else number
            cur = _Building([*carried, *_phrase_names(phrase)], None, [], start)
            bad += _add_groups(cur, stripped)
    close(cur)
    if bad:
        log.warning("%s: %d date restrictions could not be read and were skipped", p.name, bad)
    return out


def _add_groups(cur: _Building, line: str) -> int:
    """Add every ``[...]`` group of a line to the record; returns the number of bad ones."""
    bad = 0
    for inner in re.findall(r"\[([^\]\[]*)[\]}]?", line):
        cur.coded = True
        default, role, ok = parse_restriction(inner)
        if not ok:
            bad += 1
        elif role is not None:
            cur.roles.append(role)
        elif default is not None:
            cur.code = default
    return bad


# ---------------------------------------------------------------- agent files


def plural(phrase: str) -> str:
    """The regular plural of a phrase's last word, or "" (the documented rule: +S, Y -> IES,
    SS -> SSES; we keep the y of "-ay/-ey" and make none for a word already ending in s)."""
    head, _, last = phrase.rpartition(" ")
    if last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("ss", "x", "ch", "sh")):
        last += "es"
    elif last.endswith("s"):
        return ""
    else:
        last += "s"
    return f"{head} {last}" if head else last


def read_agent_file(path: str | Path) -> list[DictAgent]:
    """Every agent record of a PETRARCH agent file, in file order."""
    p = Path(path)
    subst: dict[str, list[str]] = {}
    out: list[DictAgent] = []
    for number, line in _lines(p):
        if "!" in line and "=" in line and "[" not in line:
            marker, _, items = line.partition("=")
            subst[marker.strip().strip("!").upper()] = [
                clean_name(i) for i in items.split(",") if i.strip()
            ]
            continue
        if "[" not in line:
            continue
        phrase, _, rest = line.partition("[")
        raw = re.split(r"[\]}]", rest, maxsplit=1)[0].replace(" ", "").upper()
        prefix = raw.endswith("~") and not raw.startswith("~")
        code = raw.strip("~")
        if not code:
            continue
        names = _agent_names(phrase, subst)
        if names:
            out.append(DictAgent(tuple(dict.fromkeys(names)), code, prefix, f"{p.name}:{number}"))
    return out


def _agent_names(phrase: str, subst: dict[str, list[str]]) -> list[str]:
    if "!" in phrase:
        m = re.search(r"!([^!]+)!", phrase)
        if m is None or m.group(1).upper() not in subst:
            return []
        before, after = phrase[: m.start()], phrase[m.end() :]
        return [
            clean_name(before.replace("_", " ") + item + after.replace("_", " "))
            for item in subst[m.group(1).upper()]
        ]
    if "{" in phrase:
        singular, _, rest = phrase.partition("{")
        plurals = [clean_name(x) for x in rest.split("}", 1)[0].split(",")]
        return [n for n in (clean_name(singular), *plurals) if n]
    name = clean_name(phrase)
    return [n for n in (name, plural(name)) if n] if name else []


# ---------------------------------------------------------------- Wikidata heads


def read_heads_csv(path: str | Path) -> list[Head]:
    """Heads of state and government (the Wikidata dump in shared/reference), one per person."""
    p = Path(path)
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    try:
        with p.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("source_id") and row.get("name") and row.get("country_iso3"):
                    rows[row["source_id"]].append(row)
    except OSError as exc:
        raise KnowledgeError(Errors.E101, path=str(p), reason=str(exc)) from exc
    out = []
    for qid, group in rows.items():
        names = [group[0]["name"]]
        for r in group:
            names.extend(a.strip() for a in (r.get("aliases") or "").split("|") if a.strip())
        roles = sorted(
            {
                HeadRole(
                    r["country_iso3"] + "GOV",
                    r["country_iso3"],
                    r["office"],
                    r.get("start") or None,
                    r.get("end") or None,
                )
                for r in group
            },
            key=lambda h: (h.start or "", h.country, h.office, h.end or "~"),
        )
        source = f"Wikidata {qid} ({group[0].get('source', '')})"
        out.append(
            Head(qid, tuple(dict.fromkeys(names)), _home_country(roles), tuple(roles), source)
        )
    out.sort(key=lambda h: (int(h.qid[1:]) if h.qid[1:].isdigit() else 0, h.qid))
    return out


def _home_country(roles: Iterable[HeadRole]) -> str:
    """The country of most terms; ties go to the earliest term, then the code."""
    roles = list(roles)
    count = Counter(r.country for r in roles)
    first = {r.country: r.start or "" for r in sorted(roles, key=lambda r: r.start or "")}
    return min(count, key=lambda c: (-count[c], first[c], c))


# ---------------------------------------------------------------- tokens of names


def plain_word(word: str) -> bool:
    """A word the English tokenizer leaves whole (letters and digits, no special case)."""
    return word.isascii() and word.isalnum() and word not in special_cases()


@lru_cache(maxsize=1)
def english_tokenizer() -> Any:
    """spaCy's English tokenizer (one per process), as the pipelines tokenise documents."""
    import spacy

    return spacy.blank("en").tokenizer


@lru_cache(maxsize=1)
def special_cases() -> frozenset[str]:
    """Words the English tokenizer splits although they are letters only ("cannot", "im")."""
    words = (str(k).lower() for k in english_tokenizer().rules)
    return frozenset(w for w in words if w.isascii() and w.isalnum())


def word_tokens(word: str) -> str:
    """The tokens of one word of a name, space-separated, as spaCy's English tokenizer splits it in
    a text where the name is capitalised ("u.n." -> "u.n.", "ki-moon" -> "ki - moon")."""
    cased = word[:1].upper() + word[1:] if "'" in word else word.title()
    return " ".join(t.text.lower() for t in english_tokenizer()(cased))


def word_table(names: Iterable[str]) -> dict[str, str]:
    """Tokens of every word that is not plain, for the converted files (a load-time speedup)."""
    words = {w for n in names for w in n.lower().split() if not plain_word(w)}
    return {w: word_tokens(w) for w in sorted(words)}


# ---------------------------------------------------------------- the package's JSON


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _header(kind: str, sources: list[Path], licence: str) -> dict[str, Any]:
    return {
        "format": f"{FORMAT}/{kind}",
        "version": 1,
        "licence": licence,
        "sources": {s.name: _sha256(s) for s in sorted(sources, key=lambda s: s.name)},
    }


def _write(path: Path, header: dict[str, Any], key: str, items: list[dict[str, Any]]) -> None:
    """One entry a line, keys sorted: byte-identical output for identical input. The header's
    ``words`` gives the tokens of the words of names that are not plain."""
    header = {**header, "words": word_table(n for i in items for n in i["names"])}
    lines = [json.dumps(header, sort_keys=True, ensure_ascii=False)[:-1] + f', "{key}": [']
    body = [json.dumps(i, sort_keys=True, ensure_ascii=False, separators=(",", ":")) for i in items]
    lines.append(",\n".join(body))
    lines.append("]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _source_key(source: str) -> tuple[str, int]:
    name, _, line = source.rpartition(":")
    return name, int(line) if line.isdigit() else 0


def actor_json(a: DictActor) -> dict[str, Any]:
    return {
        "names": list(a.names),
        "code": a.code,
        "roles": [[r.code, r.start, r.end] for r in a.roles],
        "source": a.source,
    }


def agent_json(a: DictAgent) -> dict[str, Any]:
    return {"names": list(a.names), "code": a.code, "prefix": a.prefix, "source": a.source}


def head_json(h: Head) -> dict[str, Any]:
    return {
        "qid": h.qid,
        "names": list(h.names),
        "country": h.country,
        "roles": [[r.code, r.office, r.start, r.end] for r in h.roles],
        "source": h.source,
    }


MIT = "MIT (Open Event Data Alliance, petrarch2); see LICENSE in this folder"
CC0 = "CC0 (Wikidata); per-person QID in each entry"


def import_actors(src_dir: Path, out_dir: Path) -> list[str]:
    """Convert the Phoenix actor and agent files of ``src_dir`` (and the Wikidata heads table found
    in ``src_dir`` or its parent) into ``out_dir``; returns the names of the files written."""
    src_dir, out_dir = Path(src_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    actor_paths = [src_dir / f for f in ACTOR_FILES]
    missing = [str(x) for x in actor_paths + [src_dir / f for f in AGENT_FILES] if not x.is_file()]
    if missing:
        raise KnowledgeError(Errors.E101, path=missing[0], reason="PETRARCH dictionary missing")
    actors = [a for path in actor_paths for a in read_actor_file(path)]
    actors.sort(key=lambda a: _source_key(a.source))
    _write(
        out_dir / ACTORS_JSON,
        _header("actors", actor_paths, MIT),
        "actors",
        [actor_json(a) for a in actors],
    )
    written.append(ACTORS_JSON)
    agent_paths = [src_dir / f for f in AGENT_FILES]
    agents = [a for path in agent_paths for a in read_agent_file(path)]
    agents.sort(key=lambda a: _source_key(a.source))
    _write(
        out_dir / AGENTS_JSON,
        _header("agents", agent_paths, MIT),
        "agents",
        [agent_json(a) for a in agents],
    )
    written.append(AGENTS_JSON)
    heads_path = next(
        (d / HEADS_FILE for d in (src_dir, src_dir.parent) if (d / HEADS_FILE).is_file()), None
    )
    if heads_path is not None:
        heads = read_heads_csv(heads_path)
        _write(
            out_dir / HEADS_JSON,
            _header("heads", [heads_path], CC0),
            "heads",
            [head_json(h) for h in heads],
        )
        written.append(HEADS_JSON)
    else:
        log.warning("%s not found beside %s: heads of state not converted", HEADS_FILE, src_dir)
    return written


# ---------------------------------------------------------------- reading either format


def _load_json(path: Path, kind: str, words: dict[str, str] | None = None) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KnowledgeError(
            Errors.E101, path=str(path), reason=f"not readable JSON: {exc}"
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get(kind), list):
        raise KnowledgeError(Errors.E101, path=str(path), reason=f"no list {kind!r}")
    if words is not None and isinstance(data.get("words"), dict):
        words.update(data["words"])
    return data[kind]


def read_actors(path: str | Path, words: dict[str, str] | None = None) -> list[DictActor]:
    """Actor records from a PETRARCH actor file or a converted ``actors.json`` (whose word-token
    table, when given a dict, is copied into ``words``)."""
    p = Path(path)
    if not p.is_file():
        raise KnowledgeError(Errors.E101, path=str(p), reason="actor dictionary not found")
    if p.suffix.lower() != ".json":
        return read_actor_file(p)
    return [
        DictActor(
            tuple(e["names"]),
            e.get("code"),
            tuple([DictRole(*r) for r in e["roles"]]) if e.get("roles") else (),
            e.get("source", ""),
        )
        for e in _load_json(p, "actors", words)
    ]


def read_agents(path: str | Path, words: dict[str, str] | None = None) -> list[DictAgent]:
    """Agent records from a PETRARCH agent file or a converted ``agents.json``."""
    p = Path(path)
    if not p.is_file():
        raise KnowledgeError(Errors.E101, path=str(p), reason="agent dictionary not found")
    if p.suffix.lower() != ".json":
        return read_agent_file(p)
    return [
        DictAgent(tuple(e["names"]), e["code"], bool(e.get("prefix")), e.get("source", ""))
        for e in _load_json(p, "agents", words)
    ]


def read_heads(path: str | Path, words: dict[str, str] | None = None) -> list[Head]:
    """Heads of state and government from the converted ``heads_of_state.json`` (or the CSV)."""
    p = Path(path)
    if p.suffix.lower() == ".csv":
        return read_heads_csv(p)
    return [
        Head(
            e["qid"],
            tuple(e["names"]),
            e["country"],
            tuple(HeadRole(r[0], r[0][:3], r[1], r[2], r[3]) for r in e["roles"]),
            e.get("source", ""),
        )
        for e in _load_json(p, "heads", words)
    ]
