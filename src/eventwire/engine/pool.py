"""Annotate with a local process pool: the pipeline is loaded once per worker process.

Results come back in input order. A worker that dies (SIGKILL, segfault, out of memory) or
hangs past a generous deadline loses nothing: its batch is retried in a fresh worker; a batch
that kills workers again is retried one document at a time, and a document that still kills
its worker becomes a :class:`DocumentFailure` naming the reason, while the run goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from ..annotate import Annotator, DocumentFailure, Result
from ..config import Settings
from ..errors import InputError
from ..io import ReadResult
from ..records import Annotation, Document
from .workers import TaskFailed, WorkerPool

Outcome = Annotation | DocumentFailure


def _init_worker(settings: Settings) -> Annotator:
    return Annotator(settings.with_(workers=1))


def _annotate_batch(annotator: Annotator, documents: list[Document]) -> list[Outcome]:
    return list(annotator.annotate_documents(documents))


def _split(documents: list[Document]) -> list[list[Document]] | None:
    return [[d] for d in documents] if len(documents) > 1 else None


def _failures(failed: TaskFailed) -> list[Outcome]:
    return [DocumentFailure(d, f"annotation failed: {failed.reason}") for d in failed.payload]


def _join(parts: list[list[Outcome] | TaskFailed]) -> list[Outcome]:
    out: list[Outcome] = []
    for part in parts:
        out.extend(_failures(part) if isinstance(part, TaskFailed) else part)
    return out


def batch_timeout(documents: list[Document]) -> float:
    """Seconds a batch may take before its worker is presumed hung: ~10x a slow parse."""
    return 300.0 + sum(len(d.text) for d in documents) / 1000.0


def _chunks(items: Iterable[ReadResult], size: int) -> Iterator[list[ReadResult]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def annotation_pool(settings: Settings) -> WorkerPool:
    """A pool of ``settings.workers`` annotating processes; ``start()`` it to reuse it across
    :func:`annotate_parallel` calls (then ``close()`` it), or let each call start its own."""
    return WorkerPool(
        workers=settings.workers,
        init=_init_worker,
        init_args=(settings,),
        handler=_annotate_batch,
        split=_split,
        join=_join,
        timeout=batch_timeout,
    )


def annotate_parallel(
    inputs: Iterable[ReadResult], settings: Settings, *, pool: WorkerPool | None = None
) -> Iterator[Result]:
    """Results in input order, computed by ``settings.workers`` processes (``pool``: already
    started workers to use instead of starting new ones)."""
    if settings.workers <= 1 and pool is None:
        yield from Annotator(settings).annotate(inputs)
        return
    pool = pool or annotation_pool(settings)
    # small chunks keep both workers busy to the end of a stream (and lose less to a crash);
    # the parse hardly depends on its batch size (64 and 256 measured alike: docs/performance.md)
    size = max(4, settings.batch_size // 4)
    tasks = (
        (chunk, [x for x in chunk if isinstance(x, Document)]) for chunk in _chunks(inputs, size)
    )
    for chunk, result in pool.imap(tasks):
        outcomes = iter(_failures(result) if isinstance(result, TaskFailed) else result)
        for item in chunk:
            yield item if isinstance(item, InputError) else next(outcomes)


def is_error(result: Result) -> bool:
    return isinstance(result, InputError | DocumentFailure)
