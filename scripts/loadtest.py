#!/usr/bin/env python3
"""Bounded load test of `eventwire serve` from a second process on loopback.

Starts the server on a free loopback port as a subprocess (or uses --url), then runs
--concurrency client threads with keep-alive connections for --seconds, cycling through a
fixed mix of API and page requests built from the store's own top dyad, event and document.
Prints requests/s, latency percentiles and the error count (any non-2xx answer or transport
error), and exits 1 when there was any error.

    .venv/bin/python scripts/loadtest.py --db eventwire.duckdb --seconds 20 --concurrency 8
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str, port: int) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).with_name("eventwire")
    cmd = [str(exe), "serve", "--db", db, "--port", str(port)]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"server at {url} did not come up")


def request_mix(url: str) -> list[str]:
    """Paths exercising every kind of read, built from what the store holds."""
    with httpx.Client(base_url=url, timeout=30) as c:
        dyads = c.get("/api/dyads/top", params={"limit": 1}).json()
        events = c.get("/api/events", params={"limit": 1}).json()["items"]
    a, b = (dyads[0]["actor1"], dyads[0]["actor2"]) if dyads else ("USA", "RUS")
    paths = [
        "/api/summary",
        "/api/series/quad?by=month",
        f"/api/events?dyad={a},{b}&directed=false&limit=50",
        f"/api/dyad?a={a}&b={b}&by=month",
        "/api/dyads/top?limit=20",
        "/api/actors/top?limit=20",
        "/api/network?limit=100",
        "/api/places",
        "/api/events?q=said&limit=20",
        "/api/clusters?limit=20",
        "/api/quotes?limit=20",
        "/api/actors?q=gov",
        "/",
        f"/dyad?a={a}&b={b}",
        "/network",
        "/map",
    ]
    if events:
        paths += [
            f"/api/documents/{events[0]['doc_id']}",
            f"/documents/{events[0]['doc_id']}",
            f"/events/{events[0]['event_id']}",
        ]
    return paths


def worker(url: str, paths: list[str], offset: int, stop: float, out: dict[str, list]) -> None:
    latencies: list[float] = []
    errors: list[str] = []
    i = offset
    with httpx.Client(base_url=url, timeout=30) as c:
        while time.monotonic() < stop:
            path = paths[i % len(paths)]
            i += 1
            t0 = time.perf_counter()
            try:
                r = c.get(path)
                ok = 200 <= r.status_code < 300
                if not ok:
                    errors.append(f"{r.status_code} {path}")
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__} {path}")
            latencies.append(time.perf_counter() - t0)
    out.setdefault("latencies", []).extend(latencies)
    out.setdefault("errors", []).extend(errors)


def server_cpu(proc: subprocess.Popen[bytes] | None) -> float:
    """CPU seconds the server process used so far (0 when it is not ours)."""
    if proc is None:
        return 0.0
    try:
        import psutil

        t = psutil.Process(proc.pid).cpu_times()
        return float(t.user + t.system)
    except Exception:  # psutil missing or the process is gone
        return 0.0


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--db", default=os.environ.get("EVENTWIRE_DB", "eventwire.duckdb"))
    ap.add_argument("--url", default=None, help="use a running server instead of starting one")
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()

    proc = None
    url = args.url
    if url is None:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        proc = start_server(args.db, port)
    try:
        wait_ready(url)
        paths = request_mix(url)
        cpu0 = server_cpu(proc)
        out: dict[str, list] = {}
        stop = time.monotonic() + args.seconds
        started = time.monotonic()
        threads = [
            threading.Thread(target=worker, args=(url, paths, k, stop, out))
            for k in range(args.concurrency)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        cpu = server_cpu(proc) - cpu0
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(10)
    lat = out.get("latencies", [])
    errors = out.get("errors", [])
    figures = {
        "requests": len(lat),
        "seconds": round(elapsed, 2),
        "concurrency": args.concurrency,
        "requests_per_s": round(len(lat) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(1000 * percentile(lat, 50), 1),
        "p95_ms": round(1000 * percentile(lat, 95), 1),
        "p99_ms": round(1000 * percentile(lat, 99), 1),
        "max_ms": round(1000 * max(lat, default=0.0), 1),
        "mean_ms": round(1000 * statistics.fmean(lat), 1) if lat else 0.0,
        "server_cpu_s": round(cpu, 2),
        "requests_per_server_cpu_s": round(len(lat) / cpu, 1) if cpu > 0 else None,
        "load_average_1m": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
        "errors": len(errors),
        "distinct_paths": len(paths),
    }
    if args.json:
        print(json.dumps(figures))
    else:
        for k, v in figures.items():
            print(f"{k:>15}: {v}")
        for e in sorted(set(errors))[:10]:
            print(f"  error: {e}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
