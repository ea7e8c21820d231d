"""Golden place cases (tests/golden/places.yaml) through the trained pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "places.yaml"
CASES = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def places_nlp():
    """The trained pipeline with only the places component (independent of the other extractors)."""
    from eventwire.config import Settings
    from eventwire.pipeline import load_pipeline

    return load_pipeline(Settings(extractors=("places",)))


@pytest.mark.model
@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_golden_places(places_nlp, case):
    found = {p.text: p for p in places_nlp(case["text"])._.ew_places}
    for want in case["expect"]:
        assert want["text"] in found, f"{want['text']!r} not found among {sorted(found)}"
        place = found[want["text"]]
        for key in ("country", "feature"):
            if key in want:
                assert getattr(place, key) == want[key], (want["text"], key, getattr(place, key))
        assert case["text"][place.start : place.end] == place.text
    for text in case.get("absent", ()):
        assert text not in found, f"{text!r} should not be a place"
