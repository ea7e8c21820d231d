"""Shared fixtures: the shared/ data directory (skipped where absent) and the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_547c2046a1a760aa.txt"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (a user's clone): development data not available")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared_dir: Path) -> Path:
    if not SEED.is_file():
        pytest.skip("seed article absent")
    return SEED


@pytest.fixture(scope="session")
def annotator():
    from eventwire.annotate import Annotator

    return Annotator()


@pytest.fixture(scope="session")
def nlp(annotator):
    return annotator.nlp
