"""One coded catalogue of every error and warning eventwire raises or logs.

Messages are templates filled with ``str.format``; codes are stable so that users
and tests can match them. The library raises :class:`EventwireError` subclasses
or logs; it never prints or exits.
"""

from __future__ import annotations

from enum import Enum


class Errors(Enum):
    # E0xx: reading input
    E001 = "no such file or directory"
    E002 = "binary content (NUL bytes or undecodable data), not text"
    E003 = "empty document (no text after reading)"
    E004 = "not valid UTF-8 (first bad byte at offset {offset}); decoded as {encoding} instead"
    E005 = "document too large: {size} characters, the limit is {limit} (setting max_doc_chars)"
    E006 = "line {line}: not valid JSON ({reason})"
    E007 = "line {line}: a JSON object needs a non-empty string field 'text'"
    E008 = "line {line}: field '{field}' must be {kind}"
    E009 = "HTML without extractable main text"
    E010 = "unreadable: {reason}"
    E011 = "invalid date {value!r}: expected YYYY-MM-DD"
    E012 = "unsupported file type {suffix!r}"
    E013 = "line {line}: field '{field}' holds an unpaired surrogate at character {offset} (not valid Unicode)"
    # E1xx: knowledge files
    E101 = "knowledge file {path}: {reason}"
    E102 = "unknown CAMEO code {cameo!r}"
    # E2xx: pipeline and configuration
    E201 = "cannot load spaCy pipeline {name!r}: {reason}. Install it as a Python package (see docs/models.md)"
    E202 = "invalid setting {name}={value!r}: {reason}"
    # E3xx: store
    E301 = "database {path}: {reason}"
    E302 = "store schema version {found} is newer than this eventwire ({supported})"
    E303 = "query not run: {reason}"
    E304 = "invalid query argument {name}={value!r}: expected {expected}"
    E305 = "export format {fmt!r}: {reason}"
    E306 = "unknown actor {actor!r}: {reason}"
    E307 = "archive {path}: {reason}"
    # E4xx: evaluation
    E401 = "gold file {path}: {reason}"
    # E5xx: engines
    E501 = "engine {engine!r}: {reason}"

    def fmt(self, **kwargs: object) -> str:
        return f"[{self.name}] " + self.value.format(**kwargs)


class EventwireError(Exception):
    """Base class: every error the library raises on purpose."""

    def __init__(self, code: Errors, **kwargs: object) -> None:
        self.code = code
        self.params = kwargs
        super().__init__(code.fmt(**kwargs))


class InputError(EventwireError):
    """A document or input path cannot be read; names the input and the reason."""

    def __init__(self, source: str, code: Errors, **kwargs: object) -> None:
        self.source = source
        super().__init__(code, **kwargs)

    def __str__(self) -> str:
        return f"{self.source}: {self.code.fmt(**self.params)}"


class KnowledgeError(EventwireError):
    """A knowledge file fails its schema or consistency checks."""


class ConfigError(EventwireError):
    """A setting or pipeline cannot be used."""


class StoreError(EventwireError):
    """The DuckDB store refused an operation."""
