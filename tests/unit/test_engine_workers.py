"""The crash-tolerant worker pool: order, exact retry, splitting, timeouts, start failures."""

from __future__ import annotations

import pytest

from eventwire.engine.workers import EngineError, TaskFailed, WorkerPool
from eventwire.testing import faults


def _pool(**kw):
    opts = {"workers": 2, "init": faults.init_state, "handler": faults.handle}
    opts.update(kw)
    return WorkerPool(**opts)


def _run(pool, payloads):
    return [result for _, result in pool.imap((i, p) for i, p in enumerate(payloads))]


def test_results_in_input_order():
    assert _run(_pool(), list(range(20))) == [i * i for i in range(20)]


def test_killed_worker_task_is_retried_once(tmp_path):
    marker = tmp_path / "killed"
    pool = _pool()
    out = _run(pool, [1, 2, ("kill_once", str(marker)), 3, 4])
    assert out == [1, 4, "survived", 9, 16]
    assert pool.crashes == 1


def test_task_that_always_kills_is_split_then_reported():
    pool = _pool(
        split=lambda p: [[x] for x in p] if isinstance(p, list) and len(p) > 1 else None,
        join=lambda parts: [
            x for part in parts for x in (["FAILED"] if isinstance(part, TaskFailed) else part)
        ],
    )
    out = _run(pool, [[1, 2], [3, ("kill", 0), 4], [5]])
    assert out == [[1, 4], [9, "FAILED", 16], [25]]


def test_exception_in_task_is_a_result_not_a_crash():
    pool = _pool()
    out = _run(pool, [2, ("raise", 7), 3])
    assert out[0] == 4 and out[2] == 9
    assert isinstance(out[1], TaskFailed) and "bad payload 7" in out[1].reason
    assert pool.crashes == 0


def test_hung_task_times_out_and_the_run_goes_on():
    pool = _pool(workers=1, max_attempts=1, timeout=lambda p: 1.0 if isinstance(p, tuple) else None)
    out = _run(pool, [("sleep", 30), 5])
    assert isinstance(out[0], TaskFailed) and "timed out" in out[0].reason
    assert out[1] == 25


def test_worker_start_failure_is_a_clear_error():
    with pytest.raises(EngineError, match="E501"):
        _run(_pool(init=faults.init_fails), [1, 2])


def test_started_pool_keeps_its_workers_across_runs():
    with _pool() as pool:
        pool.wait_ready()
        before = sorted(pool.pids())
        assert _run(pool, [1, 2, 3]) == [1, 4, 9]
        assert _run(pool, [4, 5]) == [16, 25]
        assert sorted(pool.pids()) == before  # the same processes served both runs
    assert pool.pids() == []


def test_abandoned_run_on_a_started_pool_leaks_no_late_result():
    with _pool(workers=2) as pool:
        pool.wait_ready()
        before = set(pool.pids())
        run = pool.imap(iter([(0, 2), (1, ("sleep", 30)), (2, 3)]))
        assert next(run) == (0, 4)
        run.close()  # abandoned while the sleeping task is in flight
        assert len(set(pool.pids()) & before) == 1  # the busy worker was replaced
        assert _run(pool, [5, 6, 7, 8]) == [25, 36, 49, 64]


def test_pool_not_started_beforehand_ends_its_workers_after_the_run():
    pool = _pool()
    assert _run(pool, [7]) == [49]
    assert pool.pids() == []
