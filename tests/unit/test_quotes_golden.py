"""Golden quote cases (tests/golden/quotes.yaml) through the real pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "quotes.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))["cases"]


def _speaker_text(speaker: Any) -> str | None:
    """A speaker record as ``text|name|code`` (name and code when it is an actor)."""
    if speaker is None:
        return None
    extra = [getattr(speaker, "name", None), getattr(speaker, "code", None)]
    return "|".join([speaker.text, *(x for x in extra if x)])


@pytest.mark.model
@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden_quotes(case: dict[str, Any], nlp: Any) -> None:
    from eventwire.extract.quotes import extract_quotes

    text = case["text"]
    doc = nlp(text)
    quotes = extract_quotes(doc, actors=doc._.ew_actors or ())
    for q in quotes:  # offsets are exact offsets into the text
        assert text[q.content.start : q.content.end] == q.content.text
    got = {(q.content.text, q.direct): q for q in quotes}
    for want in case["quotes"]:
        key = (want["content"], want["direct"])
        assert key in got, f"missing {key}; got {sorted(got)}"
        quote = got[key]
        if want["cue"] is None:
            assert quote.cue is None
        else:
            assert quote.cue is not None and quote.cue.text == want["cue"]
        local = _speaker_text(quote.speaker)
        if want["speaker"] is None:  # no source in the text ("is expected to", "allegedly")
            assert quote.speaker is None, local
        else:
            assert want["speaker"] in (local or ""), local  # the local mention
        if "speaker_actor" in want:  # who it resolves to (null: unresolved)
            resolved = _speaker_text(quote.speaker_actor)
            if want["speaker_actor"] is None:
                assert resolved is None, resolved
            else:
                assert want["speaker_actor"] in (resolved or ""), resolved
    if not case["quotes"]:
        assert [q for q in quotes if q.direct] == []
    for content in case.get("absent", []):
        assert all(q.content.text != content for q in quotes)
