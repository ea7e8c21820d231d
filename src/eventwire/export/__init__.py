"""Exports from the store in the formats analysts use, each registered as one :class:`Renderer`.

A format is a renderer spec: its name, the function that writes it, its content type, file
extension and help text. The built-in formats below register themselves through the same hook a
plugin uses (like datasette's ``register_output_renderer``)::

    from eventwire.export import Destination, Renderer, register_renderer

    def count_rows(con, dest: Destination) -> int:
        n = con.execute("SELECT count(*) FROM events").fetchone()[0]
        dest.text().write(f"{n}\\n")
        return 1

    register_renderer(Renderer(name="count", render=count_rows, content_type="text/plain",
                               extension=".txt", help="number of stored mentions"))

An installed package may also offer renderers under the entry point group ``eventwire.export``
(each entry a :class:`Renderer`); ``eventwire export --format`` lists every registered name.

What each built-in format holds (see docs/store.md): ``gdelt`` one row per reported event
(cluster), ``gdelt-mentions`` and ``icews`` one row per mention (negated ones left out),
``jsonl`` and ``csv`` every stored mention row with its ``negated`` flag, ``plover`` the same
rows less those PLOVER does not code (CAMEO 01-02: plain statements and appeals),
``gkg-quotations`` one row per document with direct quotes, ``parquet`` every table as an
archive (:mod:`eventwire.store.archive`).

``Destination.events`` is the :class:`~eventwire.store.filters.EventFilter` the user asked for
(``eventwire export --since/--until/--actor/--dyad/--day-precise``); event formats apply it,
a renderer that ignores it exports everything.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import duckdb

from ..errors import Errors, StoreError
from ..plugins import load_entry_points
from ..store.archive import write_archive
from ..store.filters import EventFilter
from . import formats, gdelt

ENTRY_POINT_GROUP = "eventwire.export"


@dataclass(frozen=True, slots=True)
class Destination:
    """Where a renderer writes: a text ``stream``, or a ``directory`` for multi-file formats."""

    format: str
    stream: TextIO | None = None
    directory: Path | None = None
    header: bool = False  # a header row for formats whose originals have none (GDELT)
    events: EventFilter = EventFilter()  # which events to write (event formats)

    def text(self) -> TextIO:
        if self.stream is None:
            raise StoreError(Errors.E305, fmt=self.format, reason="needs an output stream")
        return self.stream

    def folder(self) -> Path:
        if self.directory is None:
            raise StoreError(Errors.E305, fmt=self.format, reason="needs an output directory")
        return self.directory


Render = Callable[[duckdb.DuckDBPyConnection, Destination], int]


@dataclass(frozen=True, slots=True, kw_only=True)
class Renderer:
    """One export format. ``render`` writes it and returns the number of records (files)."""

    name: str
    render: Render
    content_type: str
    extension: str  # "" for a directory
    help: str
    directory: bool = False  # writes a folder of files instead of one stream


_REGISTRY: dict[str, Renderer] = {}
_plugins_loaded = False


def register_renderer(renderer: Renderer, *, replace: bool = False) -> Renderer:
    """Adds a format; a second one under a taken name is refused unless ``replace``."""
    if renderer.name in _REGISTRY and not replace:
        raise StoreError(Errors.E305, fmt=renderer.name, reason="already registered")
    _REGISTRY[renderer.name] = renderer
    return renderer


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    load_entry_points(ENTRY_POINT_GROUP, Renderer, register_renderer)


def renderers() -> dict[str, Renderer]:
    """Every registered format, by name, in registration order (built-ins first)."""
    _load_plugins()
    return dict(_REGISTRY)


def get_renderer(name: str) -> Renderer:
    found = renderers().get(name)
    if found is None:
        known = ", ".join(renderers())
        raise StoreError(Errors.E305, fmt=name, reason=f"unknown format; known: {known}")
    return found


def export(
    con: duckdb.DuckDBPyConnection,
    fmt: str,
    out: TextIO | None = None,
    *,
    out_dir: str | Path | None = None,
    header: bool = False,
    events: EventFilter | None = None,
) -> int:
    """Writes the store in format ``fmt`` to ``out`` (or ``out_dir`` for directory formats),
    only the events matching ``events`` (all when None); returns the number of records written
    (files for directory formats)."""
    spec = get_renderer(fmt)
    folder = Path(out_dir) if out_dir is not None else None
    return spec.render(con, Destination(fmt, out, folder, header, events or EventFilter()))


# -- the built-in formats ---------------------------------------------------------------------
def builtin(
    name: str, *, content_type: str, extension: str, help: str, directory: bool = False
) -> Callable[[Render], Render]:
    """Registers the decorated function as the renderer of ``name``."""

    def wrap(fn: Render) -> Render:
        register_renderer(
            Renderer(
                name=name,
                render=fn,
                content_type=content_type,
                extension=extension,
                help=help,
                directory=directory,
            )
        )
        return fn

    return wrap


TSV = "text/tab-separated-values"
JSONL = "application/x-ndjson"


def write_tsv(out: TextIO, rows: Iterable[Iterable[Any]], header: Iterable[str] | None) -> int:
    """Tab-separated lines without quoting (tabs and line breaks in values become spaces)."""
    n = 0
    if header:
        out.write("\t".join(header) + "\n")
    for row in rows:
        cells = ("" if v is None else str(v).replace("\t", " ").replace("\n", " ") for v in row)
        out.write("\t".join(cells) + "\n")
        n += 1
    return n


def write_jsonl(out: TextIO, records: Iterable[Any]) -> int:
    n = 0
    for rec in records:
        out.write(formats.dumps(rec) + "\n")
        n += 1
    return n


@builtin(
    "gdelt",
    content_type=TSV,
    extension=".tsv",
    help="GDELT 2.0 Event, 61 columns, one row per reported event (headerless unless --header)",
)
def _gdelt(con: duckdb.DuckDBPyConnection, dest: Destination) -> int:
    header = gdelt.EVENT_COLUMNS if dest.header else None
    return write_tsv(dest.text(), gdelt.event_rows(con, dest.events), header)


@builtin(
    "gdelt-mentions",
    content_type=TSV,
    extension=".tsv",
    help="GDELT 2.0 Mentions, 16 columns, one row per mention (headerless unless --header)",
)
def _gdelt_mentions(con: duckdb.DuckDBPyConnection, dest: Destination) -> int:
    header = gdelt.MENTION_COLUMNS if dest.header else None
    return write_tsv(dest.text(), gdelt.mention_rows(con, dest.events), header)


@builtin(
    "plover",
    content_type=JSONL,
    extension=".jsonl",
    help="PLOVER/POLECAT-style JSON lines with provenance, one per mention PLOVER codes "
    "(plain statements and appeals, CAMEO 01-02, have no PLOVER category and are left out)",
)
def _plover(con: duckdb.DuckDBPyConnection, dest: Destination) -> int:
    return write_jsonl(dest.text(), formats.plover_records(con, dest.events))


@builtin(
    "icews",
    content_type=TSV,
    extension=".tsv",
    help="ICEWS, 20 columns with header, one row per mention",
)
def _icews(con: duckdb.DuckDBPyConnection, dest: Destination) -> int:
    return write_tsv(dest.text(), formats.icews_rows(con, dest.events), formats.ICEWS_COLUMNS)


@builtin(
    "parquet",
    content_type="application/vnd.apache.parquet",
    extension="",
    help="a Parquet archive in a folder (-o DIR): every table, events and cluster_days "
    "partitioned by year/month of the event date, and manifest.json; written atomically, "
    "readable with the live store through --archive",
    directory=True,
)
def _parquet(con: duckdb.DuckDBPyConnection, dest: Destination) -> int:
    return len(write_archive(con, dest.folder(), dest.events).rows)


@builtin(
    "csv",
    content_type="text/csv",
    extension=".csv",
    help="flat event mentions with header (the events table plus document title and URL)",
)
def _csv(con: duckdb.DuckDBPyConnection, dest: Destination) -> int:
    writer = csv.writer(dest.text(), lineterminator="\n")
    writer.writerow(formats.flat_columns(con))
    n = 0
    for row in formats.flat_rows(con, dest.events):
        writer.writerow(["" if v is None else v for v in row.values()])
        n += 1
    return n


@builtin(
    "jsonl",
    content_type=JSONL,
    extension=".jsonl",
    help="flat event mentions as JSON lines (the columns of csv)",
)
def _jsonl(con: duckdb.DuckDBPyConnection, dest: Destination) -> int:
    return write_jsonl(dest.text(), formats.flat_rows(con, dest.events))


@builtin(
    "gkg-quotations",
    content_type=TSV,
    extension=".tsv",
    help="GKG 2.1 V2.1QUOTATIONS, one row per document with direct quotes",
)
def _gkg_quotations(con: duckdb.DuckDBPyConnection, dest: Destination) -> int:
    header = gdelt.GKG_QUOTATION_COLUMNS if dest.header else None
    return write_tsv(dest.text(), gdelt.gkg_quotation_rows(con), header)


__all__ = [
    "Destination",
    "Renderer",
    "export",
    "get_renderer",
    "register_renderer",
    "renderers",
]
