"""Event evaluation: gold kinds recognised by content, the main-event rule, the scores of each kind
computed from hand-made annotate output, the held-out split, and the CLI command."""

from __future__ import annotations

import json
import random
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from eventwire.errors import EventwireError
from eventwire.evaluate.events import (
    PRF,
    DyadRecord,
    Gold,
    RoundsRecord,
    read_gold,
    score_golden,
    score_levels,
    score_rounds,
)
from eventwire.evaluate.events_conflibert import (
    HELDOUT_FILE,
    PentaRecord,
    draw_inspected,
    heldout_ids,
    score_pentaclass,
    split_records,
)
from eventwire.evaluate.events_main import locate, main_event, overlaps
from eventwire.evaluate.events_petr import NO_ACTOR, PetrEnvironment, score_petr
from eventwire.evaluate.events_run import eval_settings, evaluate_events
from eventwire.records import Actor, Span


def _write(tmp_path, rows, name="gold.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def _actor(code, start=0, end=1):
    return Actor(code, start, end, code, code[:3], code[3:] or None, code)


def _event(src, tgt, cameo, at=0, negated=False, src_span=(0, 1), tgt_span=(2, 3)):
    return SimpleNamespace(
        source=_actor(src, *src_span),
        target=_actor(tgt, *tgt_span) if tgt else None,
        cameo=cameo,
        trigger=Span("x", at, at + 1),
        negated=negated,
    )


def test_prf():
    s = PRF()
    s.add({1, 2, 3}, {2, 3, 4})
    assert (s.tp, s.fp, s.fn) == (2, 1, 1)
    assert s.precision == pytest.approx(2 / 3) and s.recall == pytest.approx(2 / 3)
    assert PRF().f1 == 0.0


# ---- the main event ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ([], None),
        ([_event("A", None, "190", negated=True)], None),  # negated events are not emitted events
        (
            [_event("A", "B", "010", at=0), _event("A", "B", "190", at=5)],
            "190",
        ),  # not the statement
        ([_event("A", "B", "190", at=9), _event("A", "B", "042", at=3)], "042"),  # trigger order
        ([_event("A", "B", "010", at=4), _event("A", "B", "010", at=1)], "010"),  # only statements
        # a comment with content of its own is an action: "expressed concern about the fighting"
        ([_event("A", "B", "013", at=4), _event("A", "B", "010", at=1)], "013"),
        ([_event("A", "B", "012", at=1), _event("A", "B", "190", at=4)], "012"),
        (
            [_event("A", "B", "020", at=0), _event("A", "B", "190", at=5)],
            "020",
        ),  # 02 is no statement
    ],
)
def test_main_event(events, expected):
    main = main_event(events)
    assert (main.cameo if main else None) == expected


def test_overlap_and_locate():
    span = Span("x", 5, 10)
    assert overlaps(span, [(9, 12)]) and overlaps(span, [(0, 6)])
    assert not overlaps(span, [(10, 12)]) and not overlaps(span, [(0, 5)])
    assert not overlaps(None, [(0, 100)])
    assert locate("Iran and iran", "Iran") == [(0, 4)]
    assert locate("the IRAN talks", "Iran") == [(4, 8)]  # case ignored only when nothing else fits
    assert locate("no such", "Iran") == [] and locate("x", "") == []


# ---- ConfliBERT 5-way class -----------------------------------------------------------------


def test_pentaclass_no_event_is_wrong_and_spans():
    text = "Gunmen killed the chief in Kabul."
    records = [
        PentaRecord("a", text, 4, ("Gunmen",), ("the chief",)),
        PentaRecord("b", "Nothing happened.", 0),
        PentaRecord("c", "Talks.", 1, ("Absent phrase",)),
    ]
    predictions = {
        "a": [
            _event("AFG", None, "010", at=30, src_span=(27, 32)),  # a statement: not main
            _event("UAF", "AFG", "190", at=7, src_span=(0, 6), tgt_span=(27, 32)),
        ],
        "b": [],
        "c": [_event("NOR", "SWE", "036", at=0)],
    }
    s = score_pentaclass(records, predictions)
    assert (s.sentences, s.correct, s.no_event) == (3, 2, 1)
    assert s.confusion[0][5] == 1 and s.confusion[4][4] == 1 and s.confusion[1][1] == 1
    d = s.to_dict()
    assert d["accuracy"] == pytest.approx(0.6667) and d["no_event_rate"] == pytest.approx(0.3333)
    assert d["source_spans"] == {
        "gold_spans": 1,
        "found_main": 1.0,
        "found_any": 1.0,
        "gold_spans_not_in_text": 1,
    }
    assert d["target_spans"]["found_main"] == 0.0  # the main event's target is over "Kabul"
    assert d["per_class"][0] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert [e["id"] for e in s.errors] == ["b"] and s.errors[0]["pred"] is None


def test_pentaclass_any_event_figure():
    records = [PentaRecord("a", "t", 3)]
    s = score_pentaclass(
        records, {"a": [_event("A", "B", "190", at=0), _event("A", "B", "112", 2)]}
    )
    assert s.correct == 0 and s.correct_any == 1


def test_split_records_and_draw():
    records = [PentaRecord(str(i), "t", 0) for i in range(6)]
    held = frozenset({"1", "4"})
    assert [r.id for r in split_records(records, "heldout", held)] == ["1", "4"]
    assert [r.id for r in split_records(records, "dev", held)] == ["0", "2", "3", "5"]
    assert len(split_records(records, "all", held)) == 6
    ids = [f"r{i}" for i in range(50)]
    random.seed(0)
    assert draw_inspected(ids, 10) == random.sample(ids, 10)  # the documented draw


def test_heldout_file():
    held = heldout_ids()
    lines = HELDOUT_FILE.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#") and "random.seed(0)" in HELDOUT_FILE.read_text()
    assert len(held) == 949 == len([x for x in lines if x and not x.startswith("#")])
    assert all(i.startswith("conflibert_cameo_train_") for i in held)


def test_heldout_file_is_the_never_read_split(shared_dir):
    path = shared_dir / "dev" / "events_conflibert_train.jsonl"
    gold = read_gold(path)
    ids = [r.id for r in gold.records]
    assert len(ids) == 1349
    random.seed(0)
    inspected = set(random.sample(gold.records, 400))
    assert {r.id for r in gold.records if r not in inspected} == heldout_ids()


# ---- gold kinds -----------------------------------------------------------------------------

PETR_XML = """<Validation>
<!-- comment -->
<Environment>
  <Verbfile>V.txt</Verbfile>
  <Actorfile>A.txt</Actorfile>
  <Include>valid DEMO</Include>
</Environment>
<Sentences>
<Sentence date="19950101" id="D-1" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode="GON" targetcode="---" eventcode="010"></EventCoding>
<Text>
Arnor restored ties
 with Gondor.
</Text>
<Parse>(ROOT)</Parse>
</Sentence>
<Sentence date = "20080804" id ="D-2" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing.</Text>
</Sentence>
<Sentence date="19950101" id="D-2" category="DEMO" sentence="false">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>Not implemented.</Text>
</Sentence>
<Sentence date="19950101" id="X-1" category="DEMOx" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>Excluded.</Text>
</Sentence>
</Sentences>
</Validation>
"""


def test_read_petr(tmp_path):
    path = tmp_path / "records.xml"
    path.write_text(PETR_XML, encoding="utf-8")
    gold = read_gold(path)
    assert gold.kind == "petr" and len(gold.records) == 4
    first, empty, marked, excluded = gold.records
    assert first.text == "Arnor restored ties with Gondor." and first.date == "1995-01-01"
    assert first.triples == {("ARN", "GON", "064"), ("GON", NO_ACTOR, "010")}
    assert empty.triples == frozenset() and empty.skipped is None and empty.date == "2008-08-04"
    assert marked.id == "D-2#2" and marked.skipped == 'sentence="false"'  # ids made unique
    assert excluded.skipped == "category not in <Include>"
    assert gold.environment.dictionaries == {
        "verbs": str((tmp_path / "V.txt").resolve()),
        "actors": str((tmp_path / "A.txt").resolve()),
    }
    assert [r.id for r in read_gold(path, limit=2).records] == ["D-1", "D-2"]


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        # no parse: an underscore between words is a blank, as a parse splits the words
        (
            "Gondor warned of the Prince of Dol_Amroth.",
            "Gondor warned of the Prince of Dol Amroth.",
        ),
        # not one that joins no two words; line breaks and runs of blanks are one blank
        ("Gondor _warned_ Arnor.", "Gondor _warned_ Arnor."),
        ("Arnor restored ties\n  with Gondor.", "Arnor restored ties with Gondor."),
    ],
)
def test_read_petr_codes_the_words_of_the_parse(tmp_path, text, coded):
    assert _texts_read(tmp_path, f"<Text>{text}</Text>") == [coded]


def _texts_read(tmp_path, inner: str) -> list[str]:
    """The texts ``read_gold`` codes from a records file of one sentence holding ``inner``."""
    path = tmp_path / "records.xml"
    path.write_text(
        '<Validation><Sentences><Sentence date="19950101" id="A" category="DEMO">'
        f"{inner}</Sentence></Sentences></Validation>",
        encoding="utf-8",
    )
    return [r.text for r in read_gold(path).records]


@pytest.mark.parametrize(
    ("parse", "coded"),
    [
        # the parse's words, where they differ from the text's ("government")
        (
            "(ROOT (S (NP (DT The) (NNP Calenardhon) (NNPS Congressmen)) (VP (VBD condemned)"
            " (NP (NNP Osgiliath))) (. .)))",
            "The Calenardhon Congressmen condemned Osgiliath.",
        ),
        # the treebank's split clitics and punctuation rejoined, its escapes read
        (
            "(ROOT (S (NP (NP (NNP Ithilen) (POS 's)) (NN sheep)) (-LRB- -LRB-) (NN goats)"
            " (-RRB- -RRB-) (, ,) (VP (VBD did) (RB n't) (VB warn))))",
            "Ithilen's sheep (goats), didn't warn",
        ),
        # no parse: the text
        ("", "The Calenardhon government condemned Osgiliath."),
        ("(ROOT)", "The Calenardhon government condemned Osgiliath."),
    ],
)
def test_read_petr_codes_the_parse(tmp_path, parse, coded):
    text = "<Text>The Calenardhon government condemned Osgiliath.</Text>"
    assert _texts_read(tmp_path, f"{text}<Parse>{parse}</Parse>") == [coded]


PETR_DYAD_XML = """<Validation>
<Sentences>
<Sentence date="19950101" id="A" category="DEMO"><Text>One.</Text></Sentence>
<Config option="require_dyad" value="FALSE"></Config>
<Sentence date="19950101" id="B" category="DEMO"><Text>Two.</Text></Sentence>
<Config option="comma_max" value="0"></Config>
<Sentence date="19950101" id="C" category="DEMO"><Text>Three.</Text></Sentence>
<Config option="require_dyad" value="True"></Config>
<Sentence date="19950101" id="D" category="DEMO"><Text>Four.</Text></Sentence>
</Sentences>
</Validation>
"""


def test_read_petr_require_dyad_follows_the_config_records(tmp_path):
    path = tmp_path / "records.xml"
    path.write_text(PETR_DYAD_XML, encoding="utf-8")
    gold = read_gold(path)
    # on by default (PETRARCH's config); a <Config> switches it for the sentences after it
    assert [(r.id, r.require_dyad) for r in gold.records] == [
        ("A", True),
        ("B", False),
        ("C", False),
        ("D", True),
    ]


@pytest.mark.parametrize(
    ("require_dyad", "gold", "ours", "exact"),
    [
        # with require_dyad PETRARCH codes no event lacking a side: ours are left out too
        (True, set(), [("ARN", None, "010")], True),
        (True, {("ARN", "GON", "064")}, [("ARN", "GON", "064"), ("---GOV", None, "023")], True),
        (True, set(), [("---", "GON", "064")], True),  # no source: the same
        (True, {("---GOV", "GON", "064")}, [("---GOV", "GON", "064")], True),  # a sector is a side
        (True, {("ARN", "GON", "064")}, [("ARN", None, "064")], False),
        # without it, a one-sided event is coded and compared
        (False, set(), [("ARN", None, "010")], False),
        (False, {("ARN", NO_ACTOR, "023")}, [("ARN", None, "023")], True),
        (False, {("ARN", "GON", "064")}, [("ARN", "GON", "064"), ("---GOV", None, "023")], False),
    ],
)
def test_score_petr_require_dyad(require_dyad, gold, ours, exact):
    from eventwire.evaluate.events_petr import PetrRecord

    record = PetrRecord("1", "t", None, "DEMO", frozenset(gold), None, require_dyad)
    s = score_petr([record], {"1": [_event(*e) for e in ours]})
    assert s.exact == int(exact)


@pytest.mark.parametrize(
    ("parse", "exact"),
    [
        # a parse PETRARCH can read: our events are scored
        ("(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) (NP (NNS ties)))))", False),
        # one it cannot (unbalanced: bad_input_parse) codes nothing, so none of ours count
        ("(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) (NP (NNS ties))))", True),
        ("(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) (NP (NNS ties))))))", True),
    ],
)
def test_score_petr_unreadable_parse_codes_nothing(tmp_path, parse, exact):
    path = tmp_path / "records.xml"
    path.write_text(
        '<Validation><Sentences><Sentence date="19950101" id="A" category="ERROR">'
        '<EventCoding error="bad_input_parse"></EventCoding><Text>Arnor restored ties.</Text>'
        f"<Parse>{parse}</Parse></Sentence></Sentences></Validation>",
        encoding="utf-8",
    )
    records = read_gold(path).records
    assert score_petr(records, {"A": [_event("ARN", "GON", "064")]}).exact == int(exact)


HEAD = "Gryffindor's head Minerva McGonagall"


@pytest.mark.parametrize(
    ("length", "source", "ours"),
    [
        # an uncoded side of at most new_actor_length words is its phrase, quoted, in capitals
        (4, Actor(HEAD, 0, 36, NO_ACTOR), ('"GRYFFINDOR HEAD MINERVA MCGONAGALL"', "GON", "032")),
        # a longer one stays uncoded (and require_dyad leaves it out), as with the option off
        (3, Actor(HEAD, 0, 36, NO_ACTOR), None),
        (0, Actor(HEAD, 0, 36, NO_ACTOR), None),
        # a coded side is its code
        (4, Actor("Arnor", 0, 5, "ARN"), ("ARN", "GON", "032")),
    ],
)
def test_score_petr_new_actor_length(length, source, ours):
    from eventwire.evaluate.events_petr import PetrRecord, triples_of

    event = SimpleNamespace(
        source=source,
        target=Actor("Minas Tirith", 46, 58, "GON"),
        cameo="032",
        trigger=Span("left", 37, 41),
        negated=False,
    )
    assert triples_of([event], True, length) == ({ours} if ours else set())
    record = PetrRecord("1", "t", None, "ACTOR", frozenset(), None, True, length)
    assert score_petr([record], {"1": [event]}).exact == (ours is None)


def test_read_petr_new_actor_length_follows_the_config_records(tmp_path):
    path = tmp_path / "records.xml"
    path.write_text(
        '<Validation><Sentences><Sentence date="19950101" id="A" category="DEMO"><Text>One.'
        '</Text></Sentence><Config option="new_actor_length" value="4"></Config>'
        '<Sentence date="19950101" id="B" category="DEMO"><Text>Two.</Text></Sentence>'
        '<Config option="new_actor_length" value="0"></Config>'
        '<Sentence date="19950101" id="C" category="DEMO"><Text>Three.</Text></Sentence>'
        "</Sentences></Validation>",
        encoding="utf-8",
    )
    assert [r.new_actor_length for r in read_gold(path).records] == [0, 4, 0]


def test_read_jsonl_and_yaml_kinds(tmp_path):
    gold = read_gold(_write(tmp_path, [{"_meta": {}}, {"id": "p", "text": "a", "pentaclass": 3}]))
    assert gold.kind == "conflibert" and gold.records == [PentaRecord("p", "a", 3)]
    rounds = [
        {
            "id": "r1",
            "text": "Rebels shot soldiers.",
            "annotations": {
                "1": {
                    "actions": [{"cameo_root": "18"}, {"cameo_root": "1"}],
                    "entities": [["Source-1", "Rebels", 0], ["Target-1", "soldiers", 12]],
                },
                "2": {"actions": [{"cameo_root": "19"}], "entities": [["Source-1", "Bad", 3]]},
            },
        },
        {"id": "r2", "text": "Rebels shot soldiers.", "annotations": {"3": {"actions": []}}},
    ]
    gold = read_gold(_write(tmp_path, rounds, "r.jsonl"))
    (record,) = gold.records
    assert gold.kind == "rounds" and record.first == ("18", "19")
    assert record.roots == {"18", "01", "19"}
    assert record.sources == ((0, 6),) and record.targets == ((12, 20),)  # misplaced span dropped
    events = [
        {"id": 1, "text": "t", "events": [{"source": "USA", "target": "RUS", "cameo": "163"}]}
    ]
    gold = read_gold(_write(tmp_path, events, "e.jsonl"))
    assert gold.kind == "events" and gold.records[0].events == {("USA", "RUS", "163")}
    yml = tmp_path / "golden.yaml"
    yml.write_text(
        'cases:\n  - {text: "A.", root: "02", events: [[DEU, RUS, "02"]], absent: [[DEU, null, "01"]]}\n'
        '  - {text: "B.", root: none, xfail: parse}\n',
        encoding="utf-8",
    )
    gold = read_gold(yml)
    assert gold.kind == "golden" and gold.records[0].events == {("DEU", "RUS", "02")}
    assert gold.records[0].absent == {("DEU", None, "01")} and gold.records[1].xfail == "parse"
    assert gold.records[0].date == "2018-06-08"  # the date the golden pytest codes them with


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "x"}\n', "E401"),
        ('{"text": "x", "events": []}\nnot json\n', "line 2"),
        ("just: a mapping\n", "E401"),
        ("- [unclosed\n", "E401"),
        ("<Validation><Sentences></Sentences></Validation>", "no <Sentence>"),
        ("<Validation><Sentences>", "E401"),
    ],
)
def test_read_gold_rejects(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EventwireError, match=message):
        read_gold(path)


# ---- PETR, rounds, golden, events scores -----------------------------------------------------


def test_score_petr_exact_sets():
    from eventwire.evaluate.events_petr import PetrRecord

    records = [
        PetrRecord("1", "t", None, "DEMO", frozenset({("ARN", "GON", "064")})),
        PetrRecord("2", "t", None, "DEMO", frozenset()),
        PetrRecord("3", "t", None, "VERB", frozenset({("ARN", NO_ACTOR, "010")}), None, False),
        PetrRecord(
            "4", "t", None, "VERB", frozenset({("ARN", "GON", "064"), ("GON", "ARN", "064")})
        ),
    ]
    predictions = {
        "1": [_event("ARN", "GON", "064"), _event("ARN", "GON", "064", negated=True)],
        "2": [],
        "3": [_event("ARN", None, "010")],
        "4": [_event("ARN", "GON", "064"), _event("ARN", "GON", "190")],
    }
    s = score_petr(records, predictions)
    assert (s.sentences, s.exact) == (4, 3)
    assert s.by_category == {"DEMO": (2, 2), "VERB": (1, 2)}
    assert (s.triples["tp"], s.triples["fp"], s.triples["fn"]) == (3, 1, 1)
    assert [e["id"] for e in s.errors] == ["4"]
    assert score_petr(records[:1], {}).exact == 0  # nothing emitted for a coded sentence


def test_score_rounds_spans_and_roots():
    records = [
        RoundsRecord("a", "t", ("18", "18", "01"), frozenset({"18", "01"}), ((0, 6),), ((10, 15),)),
        RoundsRecord("b", "t", (), frozenset()),
    ]
    predictions = {
        "a": [
            _event("X", "Y", "190", at=3, src_span=(20, 25), tgt_span=(11, 13)),
            _event("X", "Y", "010", at=1, src_span=(0, 3)),
        ],
        "b": [],
    }
    out = score_rounds(records, predictions)
    assert out["root_vs_majority"] == 0.0 and out["pentaclass_vs_majority"] == 1.0
    assert out["no_action_right"] == 1.0 and out["raters_agree_with_majority"] == pytest.approx(
        0.6667
    )
    assert out["source_span_found_main"] == 0.0 and out["source_span_found_any"] == 1.0
    assert out["target_span_found_main"] == 1.0
    assert out["top_confusions"] == [{"gold": "18", "ours": "19", "n": 1}]


def test_score_golden():
    records = [
        DyadRecord(
            "0",
            "A.",
            None,
            "02",
            frozenset({("DEU", "RUS", "02")}),
            frozenset({("DEU", None, "01")}),
        ),
        DyadRecord("1", "B.", None, "none", frozenset(), xfail="parse"),
    ]
    predictions = {
        "0": [_event("DEUGOV", "RUS", "023"), _event("DEU", None, "010", at=2)],
        "1": [_event("FRA", None, "042")],
    }
    out = score_golden(records, predictions)
    assert out["root_accuracy"] == 0.5 and (out["xfail_cases"], out["xfail_right"]) == (1, 0)
    assert out["dyad_root"]["tp"] == 1 and out["dyad_root"]["fp"] == 1
    assert out["absent_emitted"] == 1 and [e["id"] for e in out["errors"]] == ["1"]


def test_three_levels_and_errors_by_root():
    records = [
        DyadRecord("1", "a", None, None, frozenset({("RUSGOV", "CHN", "042")})),
        DyadRecord("2", "b", None, None, frozenset({("USA", "RUS", "163")})),
    ]
    predictions = {
        "1": [_event("RUSGOV", "CHNGOV", "042")],  # country dyad right, exact actor code wrong
        "2": [_event("USA", "RUS", "111"), _event("USA", "RUS", "163", negated=True)],
    }
    levels = score_levels(records, predictions)
    counts = {k: (v["tp"], v["fp"], v["fn"]) for k, v in levels["levels"].items()}
    assert counts == {"quad_class": (1, 1, 1), "dyad_root": (1, 1, 1), "exact": (0, 2, 2)}
    assert levels["errors_by_root"] == {
        "11": {"missed": 0, "spurious": 1},
        "16": {"missed": 1, "spurious": 0},
    }


# ---- one run: splits, settings, what errors may list -------------------------------------------


class FakeAnnotator:
    """Stands in for the Annotator: the events given for each document id."""

    def __init__(self, outputs):
        self.outputs = outputs
        self.seen: list[str] = []

    def annotate_documents(self, documents):
        for d in documents:
            self.seen.append(d.doc_id)
            yield SimpleNamespace(events=self.outputs.get(d.doc_id, []))


def test_run_conflibert_splits_never_list_heldout_errors():
    held = sorted(heldout_ids())[0]
    records = [
        PentaRecord(held, "t", 4),
        PentaRecord("dev-1", "t", 4),
        PentaRecord("dev-2", "t", 2),
    ]
    fake = FakeAnnotator({"dev-1": [_event("A", "B", "190")]})
    out = evaluate_events(Gold("conflibert", records), fake)
    assert out["splits"]["heldout"]["sentences"] == 1 and out["splits"]["dev"]["sentences"] == 2
    assert out["splits"]["dev"]["accuracy"] == 0.5 and out["splits"]["heldout"]["accuracy"] == 0.0
    assert [e["id"] for e in out["errors"]] == ["dev-2"]
    only = evaluate_events(Gold("conflibert", records), FakeAnnotator({}), split="heldout")
    assert list(only["splits"]) == ["heldout"] and only["errors"] == []
    fake = FakeAnnotator({})
    evaluate_events(Gold("conflibert", records), fake, split="dev")
    assert fake.seen == ["dev-1", "dev-2"]  # only the split asked for is annotated


def test_eval_settings_petr_environment(tmp_path):
    from eventwire.config import Settings

    files = {name: tmp_path / f"{name}.txt" for name in ("verbs", "actors", "mine")}
    for f in files.values():
        f.write_text("", encoding="utf-8")
    env = PetrEnvironment({"verbs": str(files["verbs"]), "actors": str(files["actors"])})
    s = eval_settings(Gold("petr", [], env), Settings(), {"verbs": str(files["mine"])})
    assert s.verbs == str(files["mine"]) and s.actors == str(files["actors"]) and s.agents is None
    s = eval_settings(Gold("conflibert", [], env), Settings(), None)
    assert s.verbs is None and s.actors is None  # only PETR files bring their environment


# ---- settings, pipeline configs, CLI options ----------------------------------------------------


def test_dictionary_settings_validated(tmp_path):
    from eventwire.config import Settings
    from eventwire.errors import ConfigError

    good = tmp_path / "verbs.txt"
    good.write_text("", encoding="utf-8")
    assert Settings().with_(verbs=str(good)).verbs == str(good)
    for name in ("verbs", "actors", "agents", "discards"):
        with pytest.raises(ConfigError, match="E202"):
            Settings().with_(**{name: str(tmp_path / "missing.txt")})
    with pytest.raises(ConfigError, match="E202"):
        Settings().with_(actors=str(tmp_path))  # a folder is no dictionary


def test_component_configs_and_accepted_keys():
    from eventwire.errors import ConfigError
    from eventwire.pipeline.load import _check_accepts, _import_components, component_configs

    dictionaries = (("verbs", "v"), ("actors", None), ("agents", "g"), ("discards", None))
    assert component_configs(None, dictionaries) == {
        "actors": {"learned_actors": None, "agents": "g"},
        "events": {"verbs": "v"},
    }
    assert component_configs("l", (("verbs", None),)) == {"actors": {"learned_actors": "l"}}
    _import_components()
    _check_accepts("actors", {"learned_actors": None})
    with pytest.raises(ConfigError, match="does not take it"):
        _check_accepts("times", {"verbs": "v"})


@pytest.mark.parametrize("command", [["annotate"], ["code"], ["ingest"], ["eval", "events"]])
def test_dictionary_options_on_commands(command):
    from eventwire.cli.main import cli

    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    for option in ("--verbs", "--actors", "--agents", "--discards"):
        assert option in result.output
    missing = CliRunner().invoke(cli, [*command, "x.txt", "--verbs", "/no/such/file.txt"])
    assert missing.exit_code == 2 and "does not exist" in missing.output


def test_split_only_for_conflibert(tmp_path):
    from eventwire.cli.main import cli

    path = _write(tmp_path, [{"id": 1, "text": "t", "events": []}])
    result = CliRunner().invoke(cli, ["eval", "events", str(path), "--split", "dev"])
    assert result.exit_code == 2 and "--split" in result.output


@pytest.mark.model
def test_cli_conflibert_run(tmp_path):
    from eventwire.cli.main import cli

    path = _write(
        tmp_path,
        [
            {
                "id": "t1",
                "text": "Gunmen killed a village chief in southern Afghanistan.",
                "pentaclass": 4,
            },
            {"id": "t2", "text": "Norway and Sweden signed a trade agreement.", "pentaclass": 1},
            {"id": "t3", "text": "Germany urged Russia to withdraw its troops.", "pentaclass": 0},
        ],
    )
    result = CliRunner().invoke(cli, ["eval", "events", str(path), "--split", "all", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output[result.output.index("{") :])
    assert figures["kind"] == "conflibert" and figures["failed_documents"] == 0
    s = figures["splits"]["all"]
    assert s["sentences"] == 3 and s["no_event_rate"] == 0.0 and s["accuracy"] == 1.0


class FakeAnnotatorClass:
    """Replaces eventwire.annotate.Annotator in CLI runs: records its settings, emits ARN->GON 064
    for every document."""

    settings = None

    def __init__(self, settings):
        FakeAnnotatorClass.settings = settings

    def annotate_documents(self, documents):
        for _ in documents:
            yield SimpleNamespace(events=[_event("ARN", "GON", "064")])


def test_cli_petr_model_free(tmp_path, monkeypatch):
    import eventwire.annotate
    from eventwire.cli.main import cli

    monkeypatch.setattr(eventwire.annotate, "Annotator", FakeAnnotatorClass)
    (tmp_path / "V.txt").write_text("", encoding="utf-8")
    (tmp_path / "A.txt").write_text("", encoding="utf-8")
    path = tmp_path / "records.xml"
    path.write_text(PETR_XML, encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "events", str(path), "--errors", "5"])
    assert result.exit_code == 0, result.output
    assert FakeAnnotatorClass.settings.verbs == str((tmp_path / "V.txt").resolve())
    assert "exact (source, target, code) sets: 0.0000 (0 / 2 sentences)" in result.output
    assert "X-1: category not in <Include>" in result.output and "D-1 " in result.output
    result = CliRunner().invoke(cli, ["eval", "events", str(path), "--json"])
    figures = json.loads(result.output)
    assert figures["kind"] == "petr" and figures["skipped"]["exact"] == 1.0
    assert figures["errors"] == []  # --errors 0 lists none


def test_cli_conflibert_model_free(tmp_path, monkeypatch):
    import eventwire.annotate
    from eventwire.cli.main import cli

    monkeypatch.setattr(eventwire.annotate, "Annotator", FakeAnnotatorClass)
    held = sorted(heldout_ids())[0]
    rows = [{"id": held, "text": "t", "pentaclass": 3}, {"id": "d", "text": "u", "pentaclass": 0}]
    path = _write(tmp_path, rows)
    result = CliRunner().invoke(cli, ["eval", "events", str(path), "--errors", "5"])
    assert result.exit_code == 0, result.output
    assert "held-out split (errors never read): 1 sentences" in result.output
    assert "dev split" in result.output and "d {" in result.output
    assert f"{held} {{" not in result.output  # held-out errors are never listed
