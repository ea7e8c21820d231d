"""Compile eventwire's hot extractor modules with mypyc, in place (``make native``).

The modules listed in ``scripts/native-modules.txt`` are compiled to C extensions next to their
sources (``src/**/*.so``, never committed) and a manifest records each source's SHA-256
(``src/eventwire/_native.json``). At import, ``eventwire._native`` loads the compiled modules only
while every listed source still has its recorded hash; otherwise, or with ``EVENTWIRE_NATIVE=0``,
all of them run as plain Python. A machine without a C compiler keeps pure Python: a failed build
removes what it made and exits 0 with a note, so ``make demo`` and ``make test`` still work.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from eventwire._native import digest  # the hash the import-time check compares

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
LIST = ROOT / "scripts" / "native-modules.txt"
MANIFEST = SRC / "eventwire" / "_native.json"


def listed() -> list[Path]:
    lines = (line.split("#", 1)[0].strip() for line in LIST.read_text().splitlines())
    return [ROOT / line for line in lines if line]


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(SRC).with_suffix("").parts)


def clean() -> None:
    """Remove every compiled module and the manifest (a pure-Python tree)."""
    MANIFEST.unlink(missing_ok=True)
    for built in [*SRC.glob("*__mypyc*.so"), *(SRC / "eventwire").rglob("*.so")]:
        built.unlink()


def build() -> int:
    files = listed()
    clean()
    if os.environ.get("EVENTWIRE_NATIVE") == "0":
        print("native: EVENTWIRE_NATIVE=0, pure Python")
        return 0
    command = [sys.executable, "-m", "mypyc", "--config-file", str(ROOT / "pyproject.toml")]
    command += [str(f.relative_to(ROOT)) for f in files]
    env = {**os.environ, "MYPYPATH": str(SRC)}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        clean()
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        print(f"native: build failed ({last[0]}); eventwire runs as pure Python")
        return 0
    modules = {module_name(f): digest(f) for f in files}
    MANIFEST.write_text(json.dumps({"modules": modules}, indent=1) + "\n")
    print(f"native: {len(modules)} modules compiled")
    return 0


if __name__ == "__main__":
    sys.exit(build())
