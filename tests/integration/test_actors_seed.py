"""Seed acceptance for actors: the founding article (AP, 2018-06-08, MOSCOW)."""

from __future__ import annotations

import pytest

from eventwire.io import read_paths


@pytest.fixture(scope="module")
def seed_doc(seed_path):
    from eventwire.annotate import make_doc
    from eventwire.config import Settings
    from eventwire.pipeline import load_pipeline

    nlp = load_pipeline(Settings(extractors=("actors",)))
    (document,) = [d for d in read_paths([str(seed_path)])]
    return nlp(make_doc(nlp, document))


def _codes_at(doc, needle: str, occurrence: int = 1, *, token: int = -1) -> list[str]:
    from eventwire.extract.actors import actors_at

    start = -1
    for _ in range(occurrence):
        start = doc.text.index(needle, start + 1)
    span = doc.char_span(start, start + len(needle), alignment_mode="expand")
    return [m.actor.code for m in actors_at(doc, span[token].i)]


@pytest.mark.model
def test_seed_people(seed_doc):
    assert _codes_at(seed_doc, "Russian President Vladimir Putin") == ["RUSGOV"]
    assert _codes_at(seed_doc, "Putin’s visit", token=0) == ["RUSGOV"]
    assert _codes_at(seed_doc, "He praised", token=0) == ["RUSGOV"]
    assert _codes_at(seed_doc, "Xi Jinping") == ["CHNGOV"]
    assert _codes_at(seed_doc, "Wei Fenghe") == ["CHNGOVMIL"]
    assert _codes_at(seed_doc, "Li Xin") == ["CHNEDU"]
    assert _codes_at(seed_doc, "Fyodor Lukyanov") == ["RUSEDU"]
    assert _codes_at(seed_doc, "Donald Trump") == ["USAGOV"]
    assert _codes_at(seed_doc, "Chinese state broadcaster") == ["CHNGOVMED"]  # its state's voice
    assert _codes_at(seed_doc, "the Chinese president") == ["CHNGOV"]


@pytest.mark.model
def test_seed_metonyms_igos_and_plurals(seed_doc):
    assert _codes_at(seed_doc, "Shanghai Cooperation Organization") == ["IGOASASCO"]
    assert _codes_at(seed_doc, "Beijing and Moscow", token=0) == ["CHNGOV"]
    assert _codes_at(seed_doc, "Moscow is increasingly", token=0) == ["RUSGOV"]
    assert _codes_at(seed_doc, "signal to Washington") == ["USAGOV"]
    assert sorted(_codes_at(seed_doc, "the two militaries")) == ["CHNMIL", "RUSMIL"]
    assert sorted(_codes_at(seed_doc, "the two countries")) == ["CHN", "RUS"]
    assert sorted(_codes_at(seed_doc, "The two leaders")) == ["CHNGOV", "RUSGOV"]


@pytest.mark.model
def test_seed_non_actors(seed_doc):
    for occurrence in (1, 2):
        assert _codes_at(seed_doc, "South China Sea", occurrence) == []
    assert _codes_at(seed_doc, "Baltics") == []
    assert _codes_at(seed_doc, "In December last year", token=1) == []
    assert _codes_at(seed_doc, "six-year term", token=-1) == []


@pytest.mark.model
def test_seed_aliases_and_entities(seed_doc):
    by_text = {}
    for e in seed_doc._.ew_entities:
        by_text.setdefault(e.text, e)
    assert by_text["Xi Jinping"].aliases == ("習近平",)
    assert by_text["Wei Fenghe"].aliases == ("魏鳳和",)
    assert by_text["Li Xin"].aliases == ("李新",)
    assert not {"習近平", "魏鳳和", "李新"} & set(by_text)  # aliases are never entities
    (sco,) = [e for e in by_text.values() if "Shanghai Cooperation Organization" in e.text]
    assert sco.actor.code == "IGOASASCO"
    assert by_text["Josef Stalin"].actor is None
    assert by_text["Russian"].actor.code == "RUS"


@pytest.mark.model
def test_seed_learned_rows(seed_doc):
    rows = {r["name"]: r for r in seed_doc._.ew_learned}
    assert rows["Vladimir Putin"]["code"] == "RUSGOV"
    assert rows["Fyodor Lukyanov"]["code"] == "RUSEDU"
    assert rows["Wei Fenghe"]["code"] == "CHNGOVMIL"
    for row in rows.values():
        assert set(row) == {
            "name",
            "code",
            "country",
            "sector",
            "role_text",
            "date",
            "evidence",
            "start",
            "end",
        }
        assert row["date"] == "2018-06-08"
        assert seed_doc.text[row["start"] : row["end"]].endswith(row["name"])
        assert row["name"] in row["evidence"]
