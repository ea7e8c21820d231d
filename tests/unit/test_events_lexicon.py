"""The action lexicon: loading, coverage, modality tables and the consistency checks."""

from __future__ import annotations

import pytest

from eventwire.errors import KnowledgeError
from eventwire.extract.events.lexicon import (
    Entry,
    Lexicon,
    _load_senses,
    check_lexicon,
    load_lexicon,
)
from eventwire.taxonomy import load_taxonomy


def test_lexicon_covers_all_roots_with_examples():
    lex = load_lexicon()
    assert {e.code[:2] for e in lex.entries} == {f"{n:02d}" for n in range(1, 21)}
    assert len(lex.entries) >= 150
    assert len(lex.verbs) + len(lex.nouns) + sum(len(v) for v in lex.phrases.values()) > 1000
    assert all(e.example.strip() and e.source for e in lex.entries)


def test_indexes_by_lemma():
    lex = load_lexicon()
    assert lex.verbs["visit"][0].code == "042"
    assert lex.nouns["annexation"][0].code == "192"
    assert any(rest == ("sanction",) and e.code == "163" for rest, e in lex.phrases["impose"])
    assert any(rest == ("sanction",) and e.code == "085" for rest, e in lex.phrases["lift"])
    assert any(rest == ("hunger",) and e.code == "142" for rest, e in lex.phrases["strike"])


def test_mode_tables():
    lex = load_lexicon()
    assert lex.apply_mode("intent", "060") == "031"
    assert lex.apply_mode("intent", "062") == "0312"
    assert lex.apply_mode("intent", "042") == "036"
    assert lex.apply_mode("intent", "190") == "138"  # vowing to attack is a threat
    assert lex.apply_mode("reject", "0841") == "1243"
    assert lex.apply_mode("reject", "190") is None
    assert lex.apply_mode("appeal", "046") == "026"
    assert lex.apply_mode("demand", "087") == "1056"
    assert lex.apply_mode("threat", "163") == "1312"
    assert lex.apply_mode("none", "061") is None
    assert lex.apply_mode("intent", "111") == "111"


def test_controls_speech_and_light_verbs():
    lex = load_lexicon()
    assert lex.controls[("vow", "verb")].mode == "intent"
    assert lex.controls[("hope", "noun")].mode == "none"
    assert lex.controls[("must", "modal")].mode == "demand"
    assert "say" in lex.speech and "hold" in lex.light


def test_state_acts_give_the_state_sector():
    lex = load_lexicon()
    assert lex.state_acts["arrest"] == "COP"
    assert lex.state_acts["sentence"] == "JUD"
    assert lex.state_acts["deport"] == "GOV"
    assert "kill" not in lex.state_acts and "attack" not in lex.state_acts
    assert "release" not in lex.state_acts  # captors free hostages as often as states do


def test_group_heads_are_people():
    lex = load_lexicon()
    assert {"leader", "cleric", "employee"} <= lex.group_heads
    assert not {"poll", "index", "report"} & lex.group_heads


def test_check_finds_collisions_and_unknown_codes():
    tax = load_taxonomy()
    a = Entry(key="a", code="042", verbs=("visit",), example="x", source="s")
    b = Entry(key="b", code="190", verbs=("visit",), example="x", source="s")
    c = Entry(key="c", code="999", nouns=("thing",), example="x", source="s")
    lex = Lexicon(entries=[a, b, c], verbs={"visit": [a, b]}, nouns={"thing": [c]})
    problems = check_lexicon(lex, tax)
    assert any("'visit' has several codes" in p for p in problems)
    assert any("unknown CAMEO code 999" in p for p in problems)
    assert any("no entry for root 20" in p for p in problems)


def test_senses_told_apart_by_their_doers_are_no_collision():
    tax = load_taxonomy()
    attack = Entry(key="a", code="190", verbs=("strike",), example="x", source="s")
    stoppage = Entry(
        key="b", code="143", verbs=("strike",), doers=("workforce",), example="x", source="s"
    )
    lex = Lexicon(entries=[stoppage, attack], verbs={"strike": [stoppage, attack]})
    lex.object_classes["workforce"] = frozenset({"miner"})
    assert not any("several codes" in p for p in check_lexicon(lex, tax))
    other = Entry(key="c", code="111", verbs=("strike",), example="x", source="s")
    lex.verbs["strike"].append(other)
    assert any("'strike' has several codes" in p for p in check_lexicon(lex, tax))


def test_real_lexicon_check_is_clean():
    assert check_lexicon(load_lexicon(), load_taxonomy()) == []


def test_check_reports_an_unknown_code_for_an_act_done_alone():
    drills = Entry(key="d", code="062", nouns=("drill",), example="x", source="s", alone="159")
    problems = check_lexicon(Lexicon(entries=[drills], nouns={"drill": [drills]}), load_taxonomy())
    assert any("unknown CAMEO code 159" in p for p in problems)


def test_drills_have_a_code_for_the_act_done_alone():
    assert {e.alone for e in load_lexicon().nouns["drill"]} == {"150"}


@pytest.mark.parametrize(
    ("lemma", "word", "stem", "expected"),
    [
        ("agree", "agreed", "agree", True),  # "-d" after "e": the lemma's form
        ("fin", "fined", "fine", True),  # a lemmatizer slip: the naive stem still finds "fine"
        ("find", "find", "fine", False),  # a word ending in "d" is no "-d" form
        ("hop", "hopes", "hope", True),
    ],
)
def test_naive_stems(lemma: str, word: str, stem: str, expected: bool) -> None:
    from eventwire.extract.events.model import _forms_of

    assert (stem in _forms_of(lemma, word)) is expected


def test_inert_doer_classes_name_object_classes():
    lex = load_lexicon()
    assert {"gauge", "thing", "weapon"} <= lex.inert_doer_classes <= set(lex.object_classes)
    assert "poll" in lex.object_classes["gauge"]
    broken = Lexicon(inert_doer_classes=frozenset({"no_such_class"}))
    with pytest.raises(KnowledgeError, match="no_such_class"):
        _load_senses(broken, {"object_classes": {"gauge": ["poll"]}}, "lexicon/test.yaml")
