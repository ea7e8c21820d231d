#!/usr/bin/env python
"""SIGKILL `eventwire ingest` at random points, re-run, and compare with an uninterrupted run.

    .venv/bin/python scripts/kill_test.py --documents 500 --kills 20 --workdir /tmp/ew-kill

Exit status 0 when the final rows equal the reference rows in every table.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import asdict

from eventwire.testing.killtest import run_kill_test


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch-size", type=int, default=10)
    parser.add_argument("--workdir", default=None, help="default: a fresh temporary directory")
    args = parser.parse_args()
    workdir = args.workdir or tempfile.mkdtemp(prefix="ew-kill-")
    report = run_kill_test(
        workdir,
        documents=args.documents,
        kills=args.kills,
        seed=args.seed,
        batch_size=args.batch_size,
    )
    print(json.dumps({**asdict(report), "ok": report.ok, "workdir": workdir}, indent=2))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
