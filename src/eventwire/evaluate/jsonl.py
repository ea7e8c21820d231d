"""Reading JSONL gold files: one JSON value a line, blank lines skipped."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import Errors, EventwireError


def read_jsonl(path: Path) -> Iterator[Any]:
    """The value on each non-blank line of ``path``, lazily; E401 naming the path and the line
    when one is not JSON or the file cannot be read."""
    try:
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise EventwireError(
                        Errors.E401, path=str(path), reason=f"line {n}: {exc}"
                    ) from exc
    except OSError as exc:
        raise EventwireError(Errors.E401, path=str(path), reason=str(exc)) from exc
