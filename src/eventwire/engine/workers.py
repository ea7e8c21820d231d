"""A small crash-tolerant process pool: ordered results, exact retry, no hang.

``concurrent.futures.ProcessPoolExecutor`` loses every pending task when one worker dies
(``BrokenProcessPool``) and ``multiprocessing.Pool`` can hang forever. Here each worker has
its own pipe and the parent always knows which task each worker holds, so when a worker dies
(SIGKILL, segfault, out of memory) or runs past its deadline, only that task is retried, in a
fresh worker, and the others go on. A task that keeps killing workers is either split into
smaller tasks (``split``) or reported as :class:`TaskFailed`; the run itself never breaks.

Workers run ``init(*init_args)`` once (e.g. load the spaCy pipeline) and then
``handler(state, payload)`` for each task. Both must be importable module-level functions.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from ..errors import Errors, EventwireError

log = logging.getLogger(__name__)

LIVENESS_POLL = 2.0  # seconds between checks that busy workers are still alive


class EngineError(EventwireError):
    """A worker pool cannot run (e.g. the pipeline cannot be loaded in a worker)."""


@dataclass(frozen=True, slots=True)
class TaskFailed:
    """A task that could not complete: ``reason`` says why (crash, timeout, exception)."""

    payload: Any
    reason: str


def _worker_main(
    conn: Connection,
    init: Callable[..., Any],
    init_args: tuple[Any, ...],
    handler: Callable[[Any, Any], Any],
) -> None:
    try:
        state = init(*init_args)
    except BaseException as exc:  # reported to the parent, which stops the run with a clear error
        conn.send(("init_error", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        key, payload = msg
        try:
            conn.send(("ok", (key, handler(state, payload))))
        except Exception as exc:  # a task error is a result, not a worker death
            conn.send(("error", (key, f"{type(exc).__name__}: {exc}")))


@dataclass(slots=True)
class _Task:
    key: tuple[int, int]  # (index of the original task, part number)
    payload: Any
    attempts: int = 0


@dataclass(slots=True)
class _Worker:
    process: Any
    conn: Connection
    ready: bool = False
    task: _Task | None = None
    deadline: float | None = None


@dataclass(slots=True)
class _Slot:
    """The results of one original task, possibly computed in parts after a split."""

    context: Any
    parts: int = 1
    done: dict[int, Any] = field(default_factory=dict)


class WorkerPool:
    """``imap`` over tasks with ``workers`` processes; see the module docstring."""

    def __init__(
        self,
        *,
        workers: int,
        init: Callable[..., Any],
        init_args: tuple[Any, ...] = (),
        handler: Callable[[Any, Any], Any],
        max_attempts: int = 2,
        timeout: Callable[[Any], float | None] | None = None,
        split: Callable[[Any], list[Any] | None] | None = None,
        join: Callable[[list[Any]], Any] | None = None,
        start_method: str | None = None,
    ) -> None:
        self.workers = max(1, workers)
        self.init, self.init_args, self.handler = init, init_args, handler
        self.max_attempts = max(1, max_attempts)
        self.timeout, self.split, self.join = timeout, split, join
        methods = mp.get_all_start_methods()
        # spawn, not forkserver: a forkserver shared by the whole process can lose track of its
        # children (seen in the test suite after other pools and Ray had run), and then a dead
        # worker's sentinel never fires; spawn costs little next to loading the pipeline.
        method = start_method or ("spawn" if "spawn" in methods else methods[0])
        self.ctx = mp.get_context(method)
        self._pool: list[_Worker] = []
        self._start_failures = 0
        self.crashes = 0  # workers lost (died or killed on timeout), for reports and tests

    # -- worker lifecycle -------------------------------------------------------------
    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(  # type: ignore[attr-defined]
            target=_worker_main, args=(child, self.init, self.init_args, self.handler), daemon=True
        )
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def _kill(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()

    def close(self) -> None:
        for worker in self._pool:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        for worker in self._pool:
            worker.process.join(2)
            self._kill(worker)
        self._pool = []

    def start(self) -> WorkerPool:
        """Starts the workers now; later ``imap`` calls reuse them until ``close``."""
        if not self._pool:
            self._pool = [self._spawn() for _ in range(self.workers)]
        return self

    def wait_ready(self) -> None:
        """Blocks until every started worker has run ``init`` (a failing start raises)."""
        while not all(w.ready for w in self._pool):
            self._collect(deque(), {})

    def __enter__(self) -> WorkerPool:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.close()

    def _settle(self) -> None:
        """After an ``imap`` on a started pool: a worker still holding a task from an abandoned
        run is replaced, so that its late result cannot reach the next run."""
        for i, worker in enumerate(self._pool):
            if worker.task is not None:
                self._kill(worker)
                self._pool[i] = self._spawn()

    def pids(self) -> list[int]:
        return [w.process.pid for w in self._pool if w.process.pid]

    # -- the loop ---------------------------------------------------------------------
    def imap(self, tasks: Iterable[tuple[Any, Any]]) -> Iterator[tuple[Any, Any | TaskFailed]]:
        """``(context, payload)`` in, ``(context, result or TaskFailed)`` out, in input order."""
        source = iter(tasks)
        queue: deque[_Task] = deque()
        slots: dict[int, _Slot] = {}
        next_out = next_in = 0
        exhausted = False
        window = 2 * self.workers
        owned = not self._pool  # not started beforehand: this run starts and ends the workers
        try:
            self.start()
            while True:
                while not exhausted and next_in - next_out < window:
                    try:
                        context, payload = next(source)
                    except StopIteration:
                        exhausted = True
                        break
                    slots[next_in] = _Slot(context)
                    queue.append(_Task((next_in, 0), payload))
                    next_in += 1
                while next_out in slots and len(slots[next_out].done) == slots[next_out].parts:
                    slot = slots.pop(next_out)
                    yield slot.context, self._result(slot)
                    next_out += 1
                if exhausted and next_out == next_in:
                    return
                self._dispatch(queue)
                self._collect(queue, slots)
        finally:
            if owned:
                self.close()
            else:
                self._settle()

    def _result(self, slot: _Slot) -> Any:
        if slot.parts == 1:
            return slot.done[0]
        parts = [slot.done[i] for i in range(slot.parts)]
        return self.join(parts) if self.join else parts

    def _dispatch(self, queue: deque[_Task]) -> None:
        for worker in self._pool:
            if worker.ready and worker.task is None and queue:
                task = queue.popleft()
                task.attempts += 1
                worker.task = task
                limit = self.timeout(task.payload) if self.timeout else None
                worker.deadline = time.monotonic() + limit if limit else None
                worker.conn.send((task.key, task.payload))

    def _collect(self, queue: deque[_Task], slots: dict[int, _Slot]) -> None:
        deadlines = [w.deadline for w in self._pool if w.deadline is not None]
        wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else LIVENESS_POLL
        handles: list[Any] = [w.conn for w in self._pool] + [w.process.sentinel for w in self._pool]
        ready = set(wait(handles, timeout=min(wait_for, LIVENESS_POLL)))
        now = time.monotonic()
        for i, worker in enumerate(self._pool):
            if worker.conn not in ready and not worker.process.is_alive():
                ready.add(worker.process.sentinel)  # belt and braces: a death the sentinel missed
            if worker.conn in ready:
                try:
                    kind, body = worker.conn.recv()
                except (EOFError, OSError):
                    kind, body = "died", None
                if kind != "died":
                    self._on_message(worker, kind, body, slots)
                    continue
            elif worker.process.sentinel not in ready and not (
                worker.deadline and now > worker.deadline
            ):
                continue
            reason = self._lost(worker, now)
            self._pool[i] = self._spawn()
            if worker.task is not None:
                self._retry(worker.task, reason, queue, slots)

    def _on_message(self, worker: _Worker, kind: str, body: Any, slots: dict[int, _Slot]) -> None:
        if kind == "init_error":
            raise EngineError(Errors.E501, engine="local", reason=f"worker start failed: {body}")
        if kind == "ready":
            worker.ready = True
            self._start_failures = 0
            return
        key, value = body
        task, worker.task, worker.deadline = worker.task, None, None
        if task is None:
            return
        slots[key[0]].done[key[1]] = value if kind == "ok" else TaskFailed(task.payload, value)

    def _lost(self, worker: _Worker, now: float) -> str:
        timed_out = (
            worker.deadline is not None and now > worker.deadline and worker.process.is_alive()
        )
        self._kill(worker)
        self.crashes += 1
        code = worker.process.exitcode
        reason = "timed out" if timed_out else f"worker process died (exit code {code})"
        if worker.task is None and not worker.ready:
            self._start_failures += 1
            if self._start_failures > 3 * self.workers:
                raise EngineError(
                    Errors.E501,
                    engine="local",
                    reason=f"workers die while starting (exit code {code})",
                )
            log.warning("a worker died while starting (exit code %s); starting another", code)
        elif worker.task is not None:
            log.warning(
                "%s on a task (attempt %d); retrying in a fresh worker",
                reason,
                worker.task.attempts,
            )
        return reason

    def _retry(
        self, task: _Task, reason: str, queue: deque[_Task], slots: dict[int, _Slot]
    ) -> None:
        if task.attempts < self.max_attempts:
            queue.appendleft(task)
            return
        parts = self.split(task.payload) if self.split else None
        index, part = task.key
        slot = slots[index]
        if parts and len(parts) > 1 and slot.parts == 1:
            slot.parts = len(parts)
            for j in reversed(range(len(parts))):
                queue.appendleft(_Task((index, j), parts[j]))
            return
        slot.done[part] = TaskFailed(task.payload, f"{reason}, {task.attempts} attempts")
