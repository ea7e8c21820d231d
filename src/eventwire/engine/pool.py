"""Annotate with a local process pool: the pipeline is loaded once per worker process."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from ..annotate import Annotator, Result
from ..config import Settings
from ..errors import InputError
from ..io import ReadResult

_WORKER: dict[str, Any] = {}  # per worker process: its Annotator (never shared across processes)


def _init_worker(settings: Settings) -> None:
    _WORKER["annotator"] = Annotator(settings.with_(workers=1))


def _annotate_batch(batch: list[ReadResult]) -> list[Result]:
    annotator: Annotator = _WORKER["annotator"]
    return list(annotator.annotate(batch))


def _batches(items: Iterable[ReadResult], size: int) -> Iterator[list[ReadResult]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def annotate_parallel(inputs: Iterable[ReadResult], settings: Settings) -> Iterator[Result]:
    """Results in input order, computed by ``settings.workers`` processes."""
    if settings.workers <= 1:
        yield from Annotator(settings).annotate(inputs)
        return
    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    size = max(4, settings.batch_size // 2)
    with ctx.Pool(settings.workers, initializer=_init_worker, initargs=(settings,)) as pool:
        for results in pool.imap(_annotate_batch, _batches(inputs, size)):
            yield from results


def is_error(result: Result) -> bool:
    from ..annotate import DocumentFailure

    return isinstance(result, InputError | DocumentFailure)
