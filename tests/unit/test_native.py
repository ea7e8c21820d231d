"""The compiled extractor modules (scripts/build_native.py): used only while current, and the
records they give identical to pure Python's."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire import _native

ROOT = Path(__file__).resolve().parents[2]

EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))[:4]

# annotates the examples as plain Python and prints their records as JSON (in a child process)
ANNOTATE_AS_PYTHON = """
import json, sys
from pathlib import Path
from eventwire.annotate import Annotator
ann = Annotator()
out = [ann.annotate_text(Path(p).read_text(), date="2020-01-06", doc_id=Path(p).stem).to_dict()
       for p in sys.argv[1:]]
print(json.dumps(out, sort_keys=True, default=str))
"""


def test_compiled_build_gives_the_same_records(annotator):
    from eventwire.extract.events import coder

    if not _native.compiled(coder):
        pytest.skip("no current compiled build (make native): pure Python only")
    env = {**os.environ, "EVENTWIRE_NATIVE": "0"}
    done = subprocess.run(
        [sys.executable, "-c", ANNOTATE_AS_PYTHON, *map(str, EXAMPLES)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    compiled = [
        annotator.annotate_text(p.read_text(), date="2020-01-06", doc_id=p.stem).to_dict()
        for p in EXAMPLES
    ]
    assert json.loads(json.dumps(compiled, sort_keys=True, default=str)) == json.loads(done.stdout)


def test_a_changed_source_is_stale(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    package.mkdir()
    source = package / "mod.py"
    source.write_text("X = 1\n")
    monkeypatch.setattr(_native, "SRC", tmp_path)
    recorded = {"pkg.mod": hashlib.sha256(b"X = 1\n").hexdigest(), "pkg.gone": "0" * 64}
    assert _native.stale_modules(recorded) == ["pkg.gone"]
    source.write_text("X = 2\n")
    assert _native.stale_modules(recorded) == ["pkg.mod", "pkg.gone"]


def test_source_first_finder_loads_the_python_file(tmp_path, monkeypatch):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mod.py").write_text("X = 1\n")
    monkeypatch.setattr(_native, "SRC", tmp_path)
    finder = _native.SourceFirst(frozenset({"pkg.mod"}))
    spec = finder.find_spec("pkg.mod", None)
    assert spec is not None and spec.origin == str(tmp_path / "pkg" / "mod.py")
    assert finder.find_spec("pkg.other", None) is None


@pytest.mark.parametrize(
    ("manifest", "env", "finder_added"),
    [
        (None, None, False),  # no compiled build
        ("current", None, False),  # compiled and current: the extensions load
        ("current", "0", True),  # EVENTWIRE_NATIVE=0: pure Python
        ("stale", None, True),  # a source changed since the build
        ("broken", None, False),  # an unreadable manifest lists nothing to redirect
    ],
)
def test_guard(tmp_path, monkeypatch, manifest, env, finder_added):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mod.py").write_text("X = 1\n")
    monkeypatch.setattr(_native, "SRC", tmp_path)
    path = tmp_path / "_native.json"
    monkeypatch.setattr(_native, "MANIFEST", path)
    good = hashlib.sha256(b"X = 1\n").hexdigest()
    if manifest == "broken":
        path.write_text("{")
    elif manifest is not None:
        digest = good if manifest == "current" else "0" * 64
        path.write_text(json.dumps({"modules": {"pkg.mod": digest}}))
    if env is None:
        monkeypatch.delenv("EVENTWIRE_NATIVE", raising=False)
    else:
        monkeypatch.setenv("EVENTWIRE_NATIVE", env)
    before = list(sys.meta_path)
    monkeypatch.setattr(sys, "meta_path", before.copy())
    _native.guard()
    added = [f for f in sys.meta_path if f not in before]
    assert bool(added) == finder_added
    if added:
        assert isinstance(added[0], _native.SourceFirst) and added[0].names == {"pkg.mod"}
