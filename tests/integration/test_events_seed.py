"""Seed acceptance for events: the founding article (AP, 2018-06-08, MOSCOW) at country level."""

from __future__ import annotations

import pytest

from eventwire.io import read_paths

pytestmark = pytest.mark.model

# (source country, target country, CAMEO roots allowed) that the article must yield
EXPECTED = [
    ("RUS", "CHN", {"04"}),  # Putin's state visit
    ("RUS", "CHN", {"03"}),  # vowing to expand cooperation
    ("CHN", "RUS", {"03"}),
    ("USA", "RUS", {"11", "12"}),  # the US strategy naming them adversaries
    ("USA", "CHN", {"11", "12"}),
    ("RUS", "CHN", {"05"}),  # Putin praises Xi
    ("RUS", "UKR", {"19"}),  # annexation of Crimea
    ("WST", "RUS", {"16"}),  # Western sanctions
    ("CHN", "RUS", {"04"}),  # Wei Fenghe's first trip abroad
    ("RUS", "CHN", {"06"}),  # joint maneuvers and drills
    ("CHN", "RUS", {"06"}),
    ("USA", "CHN", {"11"}),  # criticism of Beijing's claims
    ("CHN", "USA", {"10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"}),  # frictions
    ("USA", "CHN", {"10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"}),
]


@pytest.fixture(scope="module")
def seed_events(annotator, seed_path):
    (document,) = list(read_paths([str(seed_path)]))
    (annotation,) = list(annotator.annotate_documents([document]))
    return annotation.events, document


def _triples(events):
    return {
        (
            e.source.country or e.source.code[:3],
            (e.target.country or e.target.code[:3]) if e.target else None,
            e.cameo_root,
        )
        for e in events
        if not e.negated
    }


@pytest.mark.parametrize(
    ("source", "target", "roots"),
    EXPECTED,
    ids=[f"{s}-{t}-{'/'.join(sorted(r))[:5]}" for s, t, r in EXPECTED],
)
def test_seed_event(seed_events, source, target, roots):
    events, _ = seed_events
    found = _triples(events)
    assert any(s == source and t == target and r in roots for s, t, r in found), sorted(
        found, key=str
    )


def test_no_more_than_a_few_extra_events(seed_events):
    events, _ = seed_events
    extra = {
        t
        for t in _triples(events)
        if not any(t[0] == s and t[1] == g and t[2] in roots for s, g, roots in EXPECTED)
    }
    assert len(extra) <= 6, sorted(extra, key=str)


def test_event_records_are_tied_to_the_text(seed_events):
    events, document = seed_events
    assert events
    for event in events:
        assert document.text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert document.text[event.evidence_start : event.evidence_end] == event.evidence
        assert event.evidence == event.evidence.strip()
        assert event.quad_class == {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2, 9: 2}.get(
            int(event.cameo_root), 3 if int(event.cameo_root) <= 14 else 4
        )
        assert 0 < event.confidence <= 1
    assert len({e.event_id for e in events}) == len(events)


def test_annexation_and_visit_details(seed_events):
    events, _ = seed_events
    annexation = [e for e in events if e.cameo_root == "19" and e.trigger.text == "annexation"]
    assert annexation and annexation[0].plover in ("ASSAULT", "COERCE")
    visit = [e for e in events if e.cameo == "042" and e.trigger.text == "visit"]
    assert visit and visit[0].goldstein == 1.9 and visit[0].quad_class == 1
