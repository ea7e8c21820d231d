"""The engine-agnostic core: one input shard -> one output shard, deterministic and idempotent.

An input shard is a slice of the input: a byte range of a JSONL file (whole lines), a row
range of a Parquet file of documents, or a group of text/HTML files. Its output is one Parquet
file per store table (``OUT/<table>/part-<shard_id>.parquet``, the columns of
:mod:`eventwire.store.schema`) and, written last, a marker ``OUT/_done/<shard_id>.json``.
A shard whose marker exists and whose files are all present is skipped, so any engine may
retry any shard: a shard killed half-way has no marker and is redone, overwriting its files
(each written to a temporary name and renamed), so rows are never lost or duplicated.

Output is a pure function of the input bytes and the settings: no clocks, no randomness
(``ingested_at``/``rejected_at`` are NULL here and set by ``eventwire ingest``).
"""

from __future__ import annotations

import glob
import json
import logging
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from ..annotate import Annotator, DocumentFailure
from ..errors import Errors, InputError
from ..io import ReadResult
from ..io.readers import JSONL_SUFFIXES, KNOWN_SUFFIXES, iter_jsonl, read_file
from ..records import Annotation, stable_id
from ..store.rows import BatchRows
from ..store.schema import TABLES

log = logging.getLogger(__name__)

PARQUET_SUFFIXES = {".parquet", ".pq"}
DONE_DIR = "_done"
# Test hook: a path; the first shard run that finds it absent creates it and SIGKILLs its own
# process half-way through writing (after some tables, before the marker).
FAULT_ENV = "EVENTWIRE_FAULT_KILL_ONCE"


@dataclass(frozen=True, slots=True)
class ShardSpec:
    """A slice of the input. ``start``/``end``: bytes (JSONL) or rows (Parquet)."""

    kind: str  # "jsonl" | "parquet" | "files"
    path: str = ""
    start: int = 0
    end: int = 0
    first_line: int = 1
    files: tuple[str, ...] = ()

    @property
    def shard_id(self) -> str:
        base = Path(self.path or (self.files[0] if self.files else "shard")).stem[:40]
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in base)
        return f"{safe}-{self.start:010d}-{stable_id(self.kind, self.path, self.start, self.end, *self.files, length=10)}"

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ShardSpec:
        data = json.loads(text)
        data["files"] = tuple(data.get("files") or ())
        return cls(**data)


@dataclass(slots=True)
class ShardReport:
    shard_id: str
    status: str  # done | skipped | failed
    documents: int = 0
    rejects: int = 0
    events: int = 0
    seconds: float = 0.0
    reason: str = ""
    rows: dict[str, int] = field(default_factory=dict)


# -- planning -----------------------------------------------------------------------------
def expand_inputs(patterns: Iterable[str]) -> list[Path]:
    """Files matching the globs (``**`` recursive) or under the directories, sorted, deduplicated."""
    found: dict[str, Path] = {}
    for pattern in patterns:
        matches = sorted(glob.glob(pattern, recursive=True)) or (
            [pattern] if Path(pattern).exists() else []
        )
        for match in matches:
            path = Path(match)
            children = sorted(path.rglob("*")) if path.is_dir() else [path]
            for child in children:
                suffix = child.suffix.lower()
                if child.is_file() and (suffix in KNOWN_SUFFIXES or suffix in PARQUET_SUFFIXES):
                    found.setdefault(str(child), child)
    return list(found.values())


def _jsonl_shards(path: Path, docs_per_shard: int) -> Iterator[ShardSpec]:
    start = offset = 0
    line = first = 1
    count = 0
    with path.open("rb") as fh:
        while chunk := fh.readline(1 << 24):
            offset += len(chunk)
            if not chunk.endswith(b"\n") and len(chunk) == 1 << 24:
                continue  # the middle of a very long line: keep going to its end
            count += 1
            line += 1
            if count == docs_per_shard:
                yield ShardSpec("jsonl", str(path), start, offset, first)
                start, first, count = offset, line, 0
    if count:
        yield ShardSpec("jsonl", str(path), start, offset, first)


def plan_shards(patterns: Iterable[str], *, docs_per_shard: int = 100) -> list[ShardSpec]:
    """Cut the inputs into shards of about ``docs_per_shard`` documents, deterministically."""
    specs: list[ShardSpec] = []
    loose: list[str] = []
    for path in expand_inputs(patterns):
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            specs.extend(_jsonl_shards(path, docs_per_shard))
        elif suffix in PARQUET_SUFFIXES:
            rows = pq.ParquetFile(path).metadata.num_rows
            specs += [
                ShardSpec("parquet", str(path), i, min(i + docs_per_shard, rows))
                for i in range(0, rows, docs_per_shard)
            ]
        else:
            loose.append(str(path))
    for i in range(0, len(loose), docs_per_shard):
        specs.append(ShardSpec("files", start=i, files=tuple(loose[i : i + docs_per_shard])))
    return specs


# -- reading ------------------------------------------------------------------------------
def _range_lines(fh: BinaryIO, end: int, limit: int) -> Iterator[bytes]:
    while fh.tell() < end:
        line = fh.readline(limit)
        if not line:
            return
        if len(line) >= limit and not line.endswith(b"\n"):
            while fh.tell() < end and (rest := fh.readline(1 << 20)):
                if rest.endswith(b"\n"):
                    break
        yield line


def _parquet_documents(spec: ShardSpec, max_chars: int) -> Iterator[ReadResult]:
    table = pq.read_table(spec.path).slice(spec.start, spec.end - spec.start)
    lines = (json.dumps(row, default=str).encode("utf-8") for row in table.to_pylist())
    yield from iter_jsonl(lines, source=spec.path, max_chars=max_chars, first_line=spec.start + 1)


def read_shard(spec: ShardSpec, *, max_chars: int) -> Iterator[ReadResult]:
    """The documents (and input errors) of one shard, in input order."""
    if spec.kind == "jsonl":
        with open(spec.path, "rb") as fh:
            fh.seek(spec.start)
            lines = _range_lines(fh, spec.end, 4 * max_chars + 3)
            yield from iter_jsonl(
                lines, source=spec.path, max_chars=max_chars, first_line=spec.first_line
            )
    elif spec.kind == "parquet":
        yield from _parquet_documents(spec, max_chars)
    else:
        for name in spec.files:
            yield from read_file(Path(name), max_chars=max_chars)


# -- writing ------------------------------------------------------------------------------
def marker_path(out_dir: Path, spec: ShardSpec) -> Path:
    return out_dir / DONE_DIR / f"{spec.shard_id}.json"


def table_path(out_dir: Path, table: str, spec: ShardSpec) -> Path:
    return out_dir / table / f"part-{spec.shard_id}.parquet"


def is_complete(out_dir: Path, spec: ShardSpec) -> bool:
    """The marker exists, parses, and every table file it names is there."""
    try:
        marker = json.loads(marker_path(out_dir, spec).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return all(table_path(out_dir, t, spec).is_file() for t in marker.get("rows", {}))


def _write_atomic(path: Path, write: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    write(tmp)
    os.replace(tmp, path)


NO_TIME: Any = None  # ingested_at/rejected_at stay NULL: the output must not depend on the clock


def _rows(
    results: Iterable[Annotation | InputError | DocumentFailure],
) -> tuple[BatchRows, ShardReport]:
    rows = BatchRows()
    report = ShardReport("", "done")
    seen: set[str] = set()
    for result in results:
        if isinstance(result, Annotation):
            if result.document.hash in seen:
                continue  # the same text twice in one shard: stored once, as the store does
            seen.add(result.document.hash)
            rows.add_annotation(result, cluster_ids={}, now=NO_TIME)
            report.documents += 1
            report.events += len(result.events)
            continue
        doc_id: str | None
        hash_: str | None
        if isinstance(result, DocumentFailure):
            origin, reason, code = (
                result.document.origin or result.document.doc_id,
                result.reason,
                None,
            )
            doc_id, hash_ = result.document.doc_id, result.document.hash
        else:
            origin, reason, code = result.source, result.code.fmt(**result.params), result.code.name
            doc_id = hash_ = None
        rows.add_reject(
            origin=origin, reason=reason, code=code, doc_id=doc_id, hash_=hash_, now=NO_TIME
        )
        report.rejects += 1
    return rows, report


def _fault_point(written: int) -> None:
    target = os.environ.get(FAULT_ENV)
    if target and written == 3 and not os.path.exists(target):
        Path(target).write_text(str(os.getpid()), encoding="utf-8")
        os.kill(os.getpid(), 9)


def process_shard(spec: ShardSpec, out_dir: str | Path, *, annotator: Annotator) -> ShardReport:
    """Annotate one shard and write its tables, then its marker; skip it if already complete."""
    out = Path(out_dir)
    if is_complete(out, spec):
        return ShardReport(spec.shard_id, "skipped")
    started = time.monotonic()
    inputs = read_shard(spec, max_chars=annotator.settings.max_doc_chars)
    rows, report = _rows(annotator.annotate(inputs))
    report.shard_id = spec.shard_id
    for written, name in enumerate(TABLES):
        table: pa.Table = rows.tables[name].to_arrow()
        _write_atomic(table_path(out, name, spec), lambda p, t=table: pq.write_table(t, p))
        report.rows[name] = table.num_rows
        _fault_point(written)
    report.seconds = round(time.monotonic() - started, 3)
    marker = json.dumps({"shard": json.loads(spec.to_json()), "rows": report.rows}, sort_keys=True)
    _write_atomic(marker_path(out, spec), lambda p: p.write_text(marker, encoding="utf-8"))
    return report


def failed_report(spec: ShardSpec, reason: str) -> ShardReport:
    return ShardReport(spec.shard_id, "failed", reason=reason)


def missing_error(pattern: str) -> InputError:
    return InputError(pattern, Errors.E001)
