"""The whole ingest's rate into a large store, for ``eventwire bench store --ingest-corpus``.

Ingest is annotate plus the store's write; only the write depends on the store's size. Real
articles are annotated once (:func:`annotate_corpus`: the real pipeline, one process, timed
after its model is loaded and warmed, in a child process whose memory leaves with it), then the
same annotations are written as ``eventwire ingest`` writes them, in transactions of
``batch_size`` documents, into an empty store file and into the bench's store
(:func:`time_corpus_ingest`). The rate ratio of the whole ingest is then
``(annotate + empty write) / (annotate + large-store write)``.

The annotations' dates are moved by whole years (:func:`shift_years`) so that the corpus ends
in the store's last year, as a feed appends the latest news: the clusters they may join are
then among the store's, as they are in use.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing as mp
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..records import Annotation, Document
from .db import Store

if TYPE_CHECKING:  # spaCy is loaded by the child process only
    from ..annotate import DocumentFailure

    Result = Annotation | DocumentFailure
else:
    Result = Any
WARM_UP = "The foreign minister of Norway met Kenyan officials in Nairobi on Monday."


@dataclass(frozen=True, slots=True)
class CorpusIngestTiming:
    articles: int
    batch_size: int  # documents per transaction, as ingest commits them
    years: int  # the annotations' dates moved by this many years
    annotate_s: float  # annotating every article, one process
    empty_s: float  # writing every batch into an empty store
    full_s: float  # writing them into the bench's store
    empty_batches: tuple[float, ...] = ()  # each batch's write into the empty store, in order
    full_batches: tuple[float, ...] = ()  # and into the bench's store

    @staticmethod
    def spread(batches: tuple[float, ...]) -> str:
        """``first / median / max`` seconds of the batches (the first reads the indexes)."""
        if not batches:
            return "-"
        return f"{batches[0]:.2f} / {statistics.median(batches):.2f} / {max(batches):.2f}"

    @property
    def store_ratio(self) -> float:
        """The store's write rate into the large store over its rate into an empty one."""
        return self.empty_s / self.full_s if self.full_s > 0 else 0.0

    @property
    def ratio(self) -> float:
        """The whole ingest's rate into the large store over its rate into an empty one."""
        full = self.annotate_s + self.full_s
        return (self.annotate_s + self.empty_s) / full if full > 0 else 0.0


def _annotate(path: str, limit: int) -> tuple[list[Result], float]:
    """Runs in the child: the first ``limit`` documents of ``path`` annotated, and the time."""
    from ..annotate import Annotator
    from ..config import Settings
    from ..io import read_paths
    from ..knowledge.gazetteer_large import load_large_gazetteer

    settings = Settings()
    docs = [
        d for d in read_paths([path], max_chars=settings.max_doc_chars) if isinstance(d, Document)
    ]
    docs = docs[:limit]
    annotator = Annotator(settings)
    annotator.annotate_text(WARM_UP, date="2020-01-06")  # lazy knowledge loaded off the clock
    load_large_gazetteer()
    t0 = time.perf_counter()
    results = list(annotator.annotate_documents(docs))
    return results, time.perf_counter() - t0


def annotate_corpus(path: str | Path, *, limit: int) -> tuple[list[Result], float]:
    """The annotations of the first ``limit`` documents of ``path`` and the seconds annotating
    them took (in a child process: the model's memory is not the store's)."""
    with ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("spawn")) as pool:
        return pool.submit(_annotate, str(path), limit).result()


def _shift(value: str | None, years: int) -> str | None:
    """An ISO/TimeML date value (``2005-03-01``, ``2005-W10``, ``2005``) ``years`` later."""
    if not value or not value[:4].isdigit():
        return value
    year = int(value[:4]) + years
    out = f"{year:04d}{value[4:]}"
    if out[4:10] == "-02-29" and not _leap(year):
        out = f"{year:04d}-02-28{value[10:]}"
    return out


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def shift_years(results: list[Result], years: int) -> list[Result]:
    """The annotations with their documents' and events' dates ``years`` later."""
    out: list[Result] = []
    for r in results:
        if isinstance(r, Annotation) and years:
            doc = dataclasses.replace(r.document, date=_shift(r.document.date, years))
            events = [dataclasses.replace(e, date=_shift(e.date, years)) for e in r.events]
            r = dataclasses.replace(r, document=doc, events=events)
        out.append(r)
    return out


def years_to_end(results: list[Result], last: dt.date) -> int:
    """Whole years that move the corpus's last publication date into the year ending ``last``."""
    dates = [
        dt.date.fromisoformat(r.document.date[:10])
        for r in results
        if isinstance(r, Annotation) and r.document.date and len(r.document.date) >= 10
    ]
    if not dates:
        return 0
    end = max(dates)
    years = last.year - end.year
    return years - 1 if (end.month, end.day) > (last.month, last.day) else years


def _write(store: Store, results: list[Result], batch_size: int) -> tuple[float, ...]:
    """The seconds each batch's write took."""
    times = []
    for i in range(0, len(results), batch_size):
        t0 = time.perf_counter()
        store.write_batch(results[i : i + batch_size])
        times.append(time.perf_counter() - t0)
    return tuple(times)


def time_corpus_ingest(
    store: Store,
    results: list[Result],
    annotate_s: float,
    *,
    empty_path: str | Path,
    batch_size: int,
) -> CorpusIngestTiming:
    """Writes ``results`` (dated into the store's last year) into a new store at
    ``empty_path`` and into ``store`` (where they stay), ``batch_size`` documents a batch."""
    row = store.con.execute("SELECT max(date) FROM documents").fetchall()
    last = row[0][0] if row and row[0][0] else dt.date.today()
    years = years_to_end(results, last)
    shifted = shift_years(results, years)
    with Store.connect(empty_path) as empty:
        empty_batches = _write(empty, shifted, batch_size)
    full_batches = _write(store, shifted, batch_size)
    return CorpusIngestTiming(
        articles=len(results),
        batch_size=batch_size,
        years=years,
        annotate_s=annotate_s,
        empty_s=sum(empty_batches),
        full_s=sum(full_batches),
        empty_batches=empty_batches,
        full_batches=full_batches,
    )
