"""Table-driven actor resolution: tests/golden/actors.yaml (story date, text, mention, code)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "actors.yaml"


def _cases() -> list[tuple]:
    data = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    out = []
    for row in data["cases"]:
        date, text, mention, expected = row[:4]
        occurrence = row[4] if len(row) > 4 else 1
        out.append(
            pytest.param(
                None if date is None else str(date),  # null: undated text
                text,
                str(mention),
                expected,
                occurrence,
                id=f"{mention}@{date}:{text[:30]}",
            )
        )
    return out


CASES = _cases()


def test_golden_table_is_large_and_has_negatives() -> None:
    assert len(CASES) >= 200
    assert sum(1 for c in CASES if c.values[3] is None) >= 25


def _token_range(doc, text: str, mention: str, occurrence: int) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.find(mention, start + 1)
        assert start >= 0, f"{mention!r} (occurrence {occurrence}) not in {text!r}"
    span = doc.char_span(start, start + len(mention), alignment_mode="expand")
    return span.start, span.end


@pytest.fixture(scope="module")
def actor_nlp():
    from eventwire.config import Settings
    from eventwire.pipeline import load_pipeline

    return load_pipeline(Settings(extractors=("actors",)))


@pytest.fixture(scope="module")
def parsed(actor_nlp):
    from eventwire.pipeline import extensions

    extensions.register_extensions()
    docs = {}
    pairs = {(c.values[0], c.values[1]) for c in CASES}
    order = sorted(pairs, key=lambda p: (p[0] or "", p[1]))
    made = []
    for date, text in order:
        doc = actor_nlp.make_doc(text)
        doc._.ew_date = date
        made.append(doc)
    for (date, text), doc in zip(order, actor_nlp.pipe(made), strict=True):
        docs[(date, text)] = doc
    return docs


@pytest.mark.model
@pytest.mark.parametrize(("date", "text", "mention", "expected", "occurrence"), CASES)
def test_actor_golden(
    parsed, date: str | None, text: str, mention: str, expected, occurrence: int
) -> None:
    from eventwire.extract.actors import actors_at

    doc = parsed[(date, text)]
    assert not doc._.ew_errors, doc._.ew_errors
    s, e = _token_range(doc, text, mention, occurrence)
    if expected is None:
        found = [m.actor.code for i in range(s, e) for m in actors_at(doc, i)]
        assert found == [], f"{mention!r} should be no actor, got {found}"
        return
    codes = [m.actor.code for m in actors_at(doc, e - 1)]
    if isinstance(expected, list):
        assert sorted(codes) == sorted(expected), f"{mention!r}: {codes}"
    else:
        assert expected in codes, f"{mention!r}: expected {expected}, got {codes}"


# an entity record's actor: NER may take a possessive into a name; the name is still the actor
ENTITY_CASES = [
    (
        "1997-04-21",
        "German Chancellor Helmut Kohl's party criticised the plan.",
        "Helmut Kohl's",
        "DEUGOV",
    ),
    (
        "2005-12-06",
        "US Under-Secretary of State Nicholas Burns met the envoy.",
        "Nicholas Burns",
        "USAGOV",
    ),
    ("2005-12-06", "The envoy met a friend of Nicholas Burns.", "Nicholas Burns", None),
]


@pytest.mark.model
@pytest.mark.parametrize(("date", "text", "name", "expected"), ENTITY_CASES)
def test_entity_actor(annotator, date: str, text: str, name: str, expected: str | None) -> None:
    ann = annotator.annotate_text(text, date=date)
    (entity,) = [e for e in ann.entities if e.text == name]
    assert (entity.actor.code if entity.actor else None) == expected
