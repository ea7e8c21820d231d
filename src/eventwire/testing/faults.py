"""Fault-injecting task handlers for the worker-pool tests (importable by worker processes)."""

from __future__ import annotations

import os
import signal
import time
from typing import Any


def init_state(tag: str = "state") -> dict[str, Any]:
    return {"tag": tag, "pid": os.getpid()}


def init_fails(tag: str = "state") -> dict[str, Any]:
    raise RuntimeError(f"cannot start {tag}")


def handle(state: dict[str, Any], payload: Any) -> Any:
    """Echo the payload squared, with faults on request.

    ``("kill", n)``: SIGKILL this worker; ``("kill_once", path)``: SIGKILL the first time only
    (a marker file remembers); ``("sleep", s)``: sleep; ``("raise", n)``: raise ValueError;
    a list is handled item by item (so batches can be split).
    """
    if isinstance(payload, list):
        return [handle(state, p) for p in payload]
    if isinstance(payload, tuple):
        kind, arg = payload
        if kind == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        if kind == "kill_once":
            if not os.path.exists(arg):
                with open(arg, "w", encoding="utf-8") as fh:
                    fh.write("killed")
                os.kill(os.getpid(), signal.SIGKILL)
            return "survived"
        if kind == "sleep":
            time.sleep(arg)
            return "slept"
        if kind == "raise":
            raise ValueError(f"bad payload {arg}")
    return payload * payload
