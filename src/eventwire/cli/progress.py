"""A progress line on stderr: documents/s, events, errors and ETA. Silent with --quiet."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(
        self,
        *,
        total: int | None = None,
        quiet: bool = False,
        stream: TextIO | None = None,
        label: str = "documents",
        every: float = 0.5,
    ) -> None:
        self.total = total
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self.label = label
        self.every = every
        self.done = self.events = self.errors = 0
        self.started = time.monotonic()
        self._last = 0.0
        self._written: tuple[int, int, int] | None = None  # counts of the last line written
        self._closed = False
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def update(self, *, docs: int = 0, events: int = 0, errors: int = 0) -> None:
        self.done += docs
        self.events += events
        self.errors += errors
        now = time.monotonic()
        if not self.quiet and now - self._last >= (self.every if self._tty else 5.0):
            self._last = now
            self._write(final=False)

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        text = f"{self.done}"
        if self.total:
            text += f"/{self.total}"
        text += f" {self.label}, {rate:.1f}/s, {self.events} events, {self.errors} errors"
        if self.total and rate > 0:
            text += f", ETA {max(self.total - self.done, 0) / rate:.0f}s"
        return text

    def _write(self, *, final: bool) -> None:
        end = "\n" if final or not self._tty else ""
        self.stream.write(("\r" if self._tty else "") + self.line() + end)
        self.stream.flush()
        self._written = (self.done, self.events, self.errors)

    def close(self) -> None:
        """The final line, once: not again on a second close, and not when a log (not a
        terminal) already holds a line with the same counts."""
        if self.quiet or self._closed:
            return
        self._closed = True
        if self._tty or self._written != (self.done, self.events, self.errors):
            self._write(final=True)
