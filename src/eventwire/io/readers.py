"""Readers turn paths (or stdin) into :class:`Document` records or :class:`InputError`s.

A reader never stops a batch: each bad input yields an error naming it and why, and
reading goes on. Every document keeps its exact text; offsets emitted later are
Python character offsets into ``Document.text``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import Errors, InputError
from ..records import Document, stable_id

log = logging.getLogger(__name__)

ReadResult = Document | InputError

TEXT_SUFFIXES = {".txt", ".text", ".story", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES

# " date 2018-06-08 AP, MOSCOW" -- the wire header line of our example files.
WIRE_HEADER = re.compile(
    r"^[ \t\ufeff]*date[ \t]+(?P<date>\d{4}-\d{2}-\d{2})[ \t]+(?P<source>[^,\n]+?)"
    r"(?:,[ \t]*(?P<dateline>[^\n]*?))?[ \t]*(?:\r?\n|$)"
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # JSON "\\ud800" escapes decode to unencodable text


def parse_date(value: str | None, *, source: str) -> str | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError as exc:
        raise InputError(source, Errors.E011, value=value) from exc


def decode_bytes(data: bytes, *, source: str) -> str:
    """Strict UTF-8 (a BOM is dropped); binary or other encodings are errors."""
    if b"\x00" in data[:65536] or b"\x00" in data[-65536:]:
        raise InputError(source, Errors.E002)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guess = "latin-1" if not _CONTROL.search(data[:4096].decode("latin-1")) else "binary"
        if guess == "binary":
            raise InputError(source, Errors.E002) from exc
        raise InputError(source, Errors.E004, offset=exc.start, encoding="nothing") from exc
    if _CONTROL.search(text[:4096]) and len(_CONTROL.findall(text[:4096])) > 8:
        raise InputError(source, Errors.E002)
    return text


def read_text_document(
    text: str, *, source: str, date: str | None = None, max_chars: int = 1_000_000
) -> Document:
    """A text document; a wire header line (`` date YYYY-MM-DD SOURCE, DATELINE``) is parsed."""
    if len(text) > max_chars:
        raise InputError(source, Errors.E005, size=len(text), limit=max_chars)
    if not text.strip():
        raise InputError(source, Errors.E003)
    src = dateline = None
    body_start = 0
    m = WIRE_HEADER.match(text)
    if m:
        date = parse_date(m.group("date"), source=source)
        src = m.group("source").strip() or None
        dateline = (m.group("dateline") or "").strip() or None
        body_start = m.end()
    else:
        date = parse_date(date, source=source)
    if not text[body_start:].strip():
        raise InputError(source, Errors.E003)
    return Document(
        doc_id=stable_id(text),
        text=text,
        date=date,
        source=src,
        dateline=dateline,
        origin=source,
        body_start=body_start,
    )


def _read_limited(fh: BinaryIO, *, source: str, max_chars: int) -> bytes:
    # UTF-8 needs at most 4 bytes a character: reading 4*limit+1 bytes is enough to decide.
    data = fh.read(4 * max_chars + 1)
    if len(data) > 4 * max_chars:
        raise InputError(
            source, Errors.E005, size=f"more than {4 * max_chars} bytes /", limit=max_chars
        )
    return data


def _json_document(obj: object, *, source: str, line: int, max_chars: int) -> Document:
    if not isinstance(obj, dict):
        raise InputError(source, Errors.E007, line=line)
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, Errors.E007, line=line)
    if len(text) > max_chars:
        raise InputError(source, Errors.E005, size=len(text), limit=max_chars)
    fields: dict[str, str | None] = {}
    for name in ("id", "date", "title", "source", "url", "dateline"):
        value = obj.get(name)
        if value is not None and not isinstance(value, str | int):
            raise InputError(source, Errors.E008, line=line, field=name, kind="a string")
        fields[name] = None if value is None else str(value)
    for name, value in (("text", text), *fields.items()):
        bad = _SURROGATE.search(value) if value else None
        if bad:
            raise InputError(
                f"{source}:{line}", Errors.E013, line=line, field=name, offset=bad.start()
            )
    return Document(
        doc_id=fields["id"] or stable_id(text),
        text=text,
        date=parse_date(fields["date"], source=f"{source}:{line}"),
        source=fields["source"],
        dateline=fields["dateline"],
        title=fields["title"],
        url=fields["url"],
        origin=f"{source}:{line}",
    )


def iter_jsonl(
    lines: Iterable[bytes], *, source: str, max_chars: int, first_line: int = 1
) -> Iterator[ReadResult]:
    """One document per JSON line; a bad line is an error for that line only."""
    for number, raw in enumerate(lines, start=first_line):
        if len(raw) > 4 * max_chars + 2:
            yield InputError(
                f"{source}:{number}", Errors.E005, size=f"{len(raw)} bytes /", limit=max_chars
            )
            continue
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8-sig") if number == 1 else raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield InputError(
                f"{source}:{number}", Errors.E004, offset=exc.start, encoding="nothing"
            )
            continue
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            yield InputError(f"{source}:{number}", Errors.E006, line=number, reason=reason)
            continue
        try:
            yield _json_document(obj, source=source, line=number, max_chars=max_chars)
        except InputError as err:
            yield err


def _bounded_lines(fh: BinaryIO, limit: int) -> Iterator[bytes]:
    """Lines of at most ``limit`` bytes; the rest of a longer line is skipped, not held in memory."""
    while True:
        line = fh.readline(limit)
        if not line:
            return
        if len(line) >= limit and not line.endswith(b"\n"):
            while chunk := fh.readline(1 << 20):
                if chunk.endswith(b"\n"):
                    break
            yield line  # over the limit: iter_jsonl reports it by its length
            continue
        yield line


def read_html(data: bytes, *, source: str, max_chars: int) -> Document:
    import trafilatura

    html = decode_bytes(data, source=source)
    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_recall=True
    )
    if not text or not text.strip():
        raise InputError(source, Errors.E009)
    meta = trafilatura.extract_metadata(html)
    doc = read_text_document(text, source=source, max_chars=max_chars)
    title = getattr(meta, "title", None) if meta else None
    date = getattr(meta, "date", None) if meta else None
    url = getattr(meta, "url", None) if meta else None
    try:
        date = parse_date(date, source=source) if date else None
    except InputError:
        date = None
    return Document(
        doc_id=doc.doc_id,
        text=doc.text,
        date=date or doc.date,
        source=doc.source,
        dateline=doc.dateline,
        title=title,
        url=url,
        origin=source,
        body_start=doc.body_start,
    )


def read_file(
    path: Path, *, date: str | None = None, max_chars: int = 1_000_000
) -> Iterator[ReadResult]:
    source = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                yield from iter_jsonl(
                    _bounded_lines(fh, 4 * max_chars + 3), source=source, max_chars=max_chars
                )
            return
        with path.open("rb") as fh:
            data = _read_limited(fh, source=source, max_chars=max_chars)
        if suffix in HTML_SUFFIXES:
            yield read_html(data, source=source, max_chars=max_chars)
            return
        if not data.strip():
            raise InputError(source, Errors.E003)
        yield read_text_document(
            decode_bytes(data, source=source), source=source, date=date, max_chars=max_chars
        )
    except InputError as err:
        yield err
    except OSError as exc:
        yield InputError(source, Errors.E010, reason=exc.strerror or str(exc))


def _walk(path: Path) -> Iterator[Path]:
    for child in sorted(path.rglob("*")):
        hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
        if child.is_file() and not hidden and child.suffix.lower() in KNOWN_SUFFIXES:
            yield child


def read_stdin(stream: BinaryIO, *, date: str | None, max_chars: int) -> Iterator[ReadResult]:
    data = _read_limited(stream, source="-", max_chars=max_chars)
    if data.lstrip()[:1] == b"{":
        yield from iter_jsonl(data.splitlines(keepends=True), source="-", max_chars=max_chars)
        return
    try:
        yield read_text_document(
            decode_bytes(data, source="-"), source="-", date=date, max_chars=max_chars
        )
    except InputError as err:
        yield err


def read_paths(
    paths: Iterable[str | Path],
    *,
    date: str | None = None,
    max_chars: int = 1_000_000,
    stdin: BinaryIO | None = None,
) -> Iterator[ReadResult]:
    """Documents and errors from files, directories (recursive, sorted) and ``-`` (stdin)."""
    for raw in paths:
        if str(raw) == "-":
            try:
                yield from read_stdin(stdin or sys.stdin.buffer, date=date, max_chars=max_chars)
            except InputError as err:
                yield err
            continue
        path = Path(raw)
        if path.is_dir():
            for child in _walk(path):
                yield from read_file(child, date=date, max_chars=max_chars)
        elif path.is_file():
            yield from read_file(path, date=date, max_chars=max_chars)
        elif path.exists():
            yield InputError(str(path), Errors.E010, reason="not a regular file")
        else:
            yield InputError(str(path), Errors.E001)
