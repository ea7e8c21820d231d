"""Seed acceptance for places: toponyms of the founding article and where its events happened."""

from __future__ import annotations

import pytest

from eventwire.io import read_paths


@pytest.fixture(scope="module")
def seed_doc(seed_path):
    from eventwire.annotate import make_doc
    from eventwire.config import Settings
    from eventwire.pipeline import load_pipeline

    nlp = load_pipeline(Settings(extractors=("places",)))
    (document,) = [d for d in read_paths([str(seed_path)])]
    return nlp(make_doc(nlp, document))


@pytest.mark.model
def test_seed_places(seed_doc):
    places = seed_doc._.ew_places
    by_text = {}
    for p in places:
        assert seed_doc.text[p.start : p.end] == p.text
        by_text.setdefault(p.text, p)
    assert by_text["South China Sea"].feature == "water"
    assert by_text["Baltics"].feature == "region"
    assert by_text["Crimea"].country == "UKR"
    assert by_text["eastern Ukraine"].country == "UKR"
    assert by_text["China"].country == "CHN"
    # "Russian President": an actor, and also a mention of Russia (nationality adjective policy)
    assert by_text["Russian"].country == "RUS"


@pytest.mark.model
def test_seed_event_locations(annotator, seed_path):
    (document,) = [d for d in read_paths([str(seed_path)])]
    (ann,) = list(annotator.annotate_documents([document]))
    assert ann.events, "the events coder found no event in the seed"
    text = document.text
    checked = set()
    for ev in ann.events:
        trig = ev.trigger.text.lower()
        sentence = ev.evidence
        if (
            "drill" in trig
            and "Baltics" in sentence
            and ev.trigger.start > text.index("Baltics") - 30
        ):
            assert ev.location is not None and ev.location.name == "Baltic states", ev.to_dict()
            checked.add("Baltic drills")
        elif "exercise" in trig and "South China Sea" in sentence:
            assert ev.location is not None and ev.location.name == "South China Sea", ev.to_dict()
            checked.add("exercises")
        elif ("visit" in trig or "head" in trig) and "state visit" in sentence:
            assert ev.location is not None and ev.location.country == "CHN", ev.to_dict()
            assert not (ev.location.feature or "").endswith(":dateline")
            checked.add("visit")
    assert checked == {"visit", "exercises", "Baltic drills"}, "seed events no longer found"
