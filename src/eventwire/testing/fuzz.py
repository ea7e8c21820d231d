"""A fuzz target for the reader and the annotate path (hypothesis-driven in the tests).

``fuzz_one(data, suffix, annotator, tmpdir)`` writes ``data`` as a file of that type, reads it
with :func:`eventwire.io.read_paths` and annotates what it yields. Reading must never raise
(bad input is an :class:`InputError`); annotation must never raise (a failing document is a
:class:`DocumentFailure`); every annotation's offsets must be right.
"""

from __future__ import annotations

from pathlib import Path

from ..annotate import Annotator, DocumentFailure
from ..errors import InputError
from ..records import Annotation, Document
from .offsets import offset_problems

SUFFIXES = (".txt", ".jsonl", ".html", "")


class FuzzFinding(AssertionError):
    """The target found a bug: an exception escaped or an offset is wrong."""


def fuzz_one(
    data: bytes, suffix: str, annotator: Annotator, tmpdir: str | Path, *, max_chars: int = 20_000
) -> list[object]:
    from ..io import read_paths

    path = Path(tmpdir) / f"fuzz{suffix}"
    path.write_bytes(data)
    items = list(read_paths([str(path)], max_chars=max_chars))
    for item in items:
        if not isinstance(item, Document | InputError):
            raise FuzzFinding(f"reader yielded {type(item).__name__}")
    results: list[object] = list(annotator.annotate(items))
    if len(results) != len(items):
        raise FuzzFinding(f"{len(items)} inputs but {len(results)} results")
    for result in results:
        if isinstance(result, Annotation):
            problems = offset_problems(result)
            if problems:
                raise FuzzFinding("; ".join(problems[:5]))
        elif not isinstance(result, InputError | DocumentFailure):
            raise FuzzFinding(f"unexpected result {type(result).__name__}")
    return results
