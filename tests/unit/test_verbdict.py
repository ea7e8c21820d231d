"""PETRARCH verb dictionaries and discard lists: the reader, the converter, the shipped JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.errors import Errors, KnowledgeError
from eventwire.knowledge.petrarch_convert import (
    clean,
    import_verbs_and_discards,
    legacy_translator,
)
from eventwire.knowledge.petrarch_verbs import (
    LineError,
    Unmapped,
    parse_code,
    parse_discard_text,
    parse_pattern,
    parse_verb,
    parse_verb_text,
    plural,
    read_verb_file,
)
from eventwire.knowledge.verbdict import (
    PatternElement,
    VerbDictionary,
    VerbForm,
    VerbPattern,
    check_discards,
    check_knowledge,
    check_verbs,
    load_discards,
    load_verb_dictionary,
    verb_to_json,
)

N = PatternElement  # short for the tables


def noun(*words: str, joined: bool = False) -> PatternElement:
    return PatternElement("noun", words, joined=joined)


def prep(p: str, *words: str, role: str = "", joined: bool = False) -> PatternElement:
    return PatternElement("prep", words, p, role, joined)


SOURCE, TARGET, SKIP = N("source"), N("target"), N("skip")
LABELS = frozenset({"&military", "&fight_of_words", "&aircraft", "&ceasefire"})


# ---------------------------------------------------------------- synsets

SYNSET_TEXT = """\
&PLAIN_
+WAS
+IS_TO
&CURR   # comment after a label
+DOLLAR
+CASH_
+PRIME_MINISTER
+CITY
+DAY
+BOX
+FORCES
+VIRUS
&NEST
+&CURR
+CLOSER
--- B [010] ---
SAY
- * &NEST [011]
"""


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("&plain", (("was",), ("is", "to"))),  # label ends in '_': no plurals
        (
            "&curr",
            (
                ("dollar",),
                ("dollars",),
                ("cash",),  # phrase ends in '_': no plural
                ("prime", "minister"),
                ("prime", "ministers"),  # the head (last word) is made plural
                ("city",),
                ("cities",),
                ("day",),
                ("days",),
                ("box",),
                ("boxes",),
                ("forces",),  # already plural: none added
                ("virus",),
                ("viruses",),
            ),
        ),
    ],
)
def test_synsets_plurals(label, expected):
    vd = parse_verb_text(SYNSET_TEXT, "t.txt").dictionary
    assert vd.synsets[label] == expected


def test_nested_synset_expanded():
    vd = parse_verb_text(SYNSET_TEXT, "t.txt").dictionary
    assert vd.synsets["&nest"] == (*vd.synsets["&curr"], ("closer",), ("closers",))
    assert vd.patterns["B"][0].post == (noun("&nest"),)


def test_undefined_nested_synset_is_reported_not_fatal():
    parsed = parse_verb_text("&A\n+&NOPE\n+WORD\n--- B ---\nGO\n", "t.txt")
    assert parsed.dictionary.synsets["&a"] == (("word",), ("words",))
    assert parsed.skipped == ("t.txt:2: nested synset &NOPE is undefined",)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("aid", "aids"), ("city", "cities"), ("day", "days"), ("box", "boxes"), ("talks", None)],
)
def test_plural(word, expected):
    assert plural(word) == expected


# ---------------------------------------------------------------- verbs


@pytest.mark.parametrize(
    ("line", "lemma", "forms", "head", "code"),
    [
        (
            "ACCELERATE",
            "accelerate",
            ("accelerate", "accelerates", "accelerated", "accelerating"),
            0,
            "040",
        ),
        ("CARRY", "carry", ("carry", "carries", "carried", "carrying"), 0, "040"),
        ("PLAY", "play", ("play", "plays", "played", "playing"), 0, "040"),
        ("PUSH", "push", ("push", "pushes", "pushed", "pushing"), 0, "040"),
        ("TIE", "tie", ("tie", "ties", "tied", "tying"), 0, "040"),
        ("AGREE", "agree", ("agree", "agrees", "agreed", "agreeing"), 0, "040"),
        # irregular forms replace the generated ones (no 'hurryed', no 'saids')
        (
            "HURRY {HURRIES HURRYING HURRIED }",
            "hurry",
            ("hurry", "hurries", "hurrying", "hurried"),
            0,
            "040",
        ),
        (
            "SEE {SEES SAW SEEN SEEING}  # comment",
            "see",
            ("see", "sees", "saw", "seen", "seeing"),
            0,
            "040",
        ),
        (
            "SCRAP {SCRAPS SCRAPPED};shan 8/30/93",
            "scrap",
            ("scrap", "scraps", "scrapped"),
            0,
            "040",
        ),
        ("ASK     [020]", "ask", ("ask", "asks", "asked", "asking"), 0, "020"),  # own code
        ("IGNORE [---]", "ignore", ("ignore", "ignores", "ignored", "ignoring"), 0, None),
        ("SNUB [111] {SNUBS SNUBBED}", "snub", ("snub", "snubs", "snubbed"), 0, "111"),
        ("+BEEF_UP", "beef up", ("beef up", "beefs up", "beefed up", "beefing up"), 0, "040"),
        (
            "+ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020]",
            "ask for",
            ("ask for", "asked for", "asking for", "asks for"),
            0,
            "020",
        ),
        (
            "WIRE_+TAP {WIRE_+TAPS WIRE_+TAPPED  WIRE_+TAPPING }",
            "wire tap",
            ("wire tap", "wire taps", "wire tapped", "wire tapping"),
            1,
            "040",
        ),
        ("+CORDON_OFF {CORDONED}", "cordon off", ("cordon off", "cordoned off"), 0, "040"),
        ("+ANGERED_BY {}", "angered by", ("angered by",), 0, "040"),  # {}: no other form
    ],
)
def test_verb_lines(line, lemma, forms, head, code):
    v = parse_verb(line, "MEET", "040", "t.txt:9")
    assert (v.block, v.lemma, v.forms, v.head, v.code, v.source) == (
        "MEET",
        lemma,
        forms,
        head,
        code,
        "t.txt:9",
    )


@pytest.mark.parametrize(
    "line",
    [
        "SCOF AT",
        "ABC_DEF",
        "+ABC_+DEF",
        "BLOWING_UP+",
        "ASK [020] {ASKS} [021]",
        "WIRE_+TAP {+WIRE_TAPS}",
    ],
)
def test_bad_verb_lines(line):
    with pytest.raises(LineError):
        parse_verb(line, "MEET", None, "t.txt:1")


def test_block_default_code_and_null_code():
    text = "--- ACCELERATE   [---]  ---\nRUSH\n--- ABANDON [080] ---\nABANDON\nQUIT [081]\n"
    vd = parse_verb_text(text, "t.txt").dictionary
    assert [(v.block, v.lemma, v.code) for v in vd.verbs] == [
        ("ACCELERATE", "rush", None),
        ("ABANDON", "abandon", "080"),
        ("ABANDON", "quit", "081"),
    ]
    assert set(vd.patterns) == {"ACCELERATE", "ABANDON"}


def test_block_and_verb_reverse_codes_and_their_json():
    text = (
        "--- LEFT [032:033] ---\nLEFT\nQUIT [036]\nGREET [042:043]\n--- OFFEND [:110] ---\nOFFEND\n"
    )
    vd = parse_verb_text(text, "t.txt").dictionary
    assert [(v.lemma, v.code, v.reverse_code) for v in vd.verbs] == [
        ("left", "032", "033"),
        ("quit", "036", None),
        ("greet", "042", "043"),
        ("offend", None, "110"),
    ]
    rows = [verb_to_json(v) for v in vd.verbs]
    assert [len(r) for r in rows] == [7, 6, 7, 7]  # the reverse code only where there is one
    assert [VerbForm(r[0], r[1], tuple(r[2]), *r[3:]) for r in rows] == list(vd.verbs)


# ---------------------------------------------------------------- patterns


@pytest.mark.parametrize(
    ("body", "pre", "post", "code", "reverse"),
    [
        (" * (TO)      [042:043]     ", (), (prep("to"),), "042", "043"),
        (" * (BEFORE COURT)  [:173]", (), (prep("before", "court"),), None, "173"),
        (" * DEAL [---]", (), (noun("deal"),), None, None),
        (" * (ASIDE ENMITY) [050:050]", (), (prep("aside", "enmity"),), "050", "050"),
        (" * (TO +) [0331]", (), (prep("to", role="target"),), "0331", None),
        (" * OFF (FROM ^) [042]", (), (noun("off"), prep("from", role="skip")), "042", None),
        (
            " + INSPECTOR * (INTO $) [0862]",
            (TARGET, noun("inspector")),
            (prep("into", role="source"),),
            "0862",
            None,
        ),
        (" $ * ^ + [010]", (SOURCE,), (SKIP, TARGET), "010", None),
        (" * {FINANCIAL AID} [0231]", (), (noun("financial", "aid"),), "0231", None),
        (
            " * (FOR {FIGHTER &AIRCRAFT}) [0232]",
            (),
            (prep("for", "fighter", "&aircraft"),),
            "0232",
            None,
        ),
        (" * (TO A VOTE) [014]", (), (prep("to", "a", "vote"),), "014", None),
        (
            " UNIT * CLOSE (TO + BORDER) [154]",
            (noun("unit"),),
            (noun("close"), prep("to", "border", role="target")),
            "154",
            None,
        ),
        (" * {AIR_STRIKE} [013]", (), (noun("air", "strike", joined=True),), "013", None),
        (
            " * TANKS_AND INTO [154]",
            (),
            (noun("tanks", "and", joined=True), noun("into")),
            "154",
            None,
        ),
        (" &MILITARY * [154]", (noun("&military"),), (), "154", None),
        (" * (IN &FIGHT_OF_WORDS) [111]", (), (prep("in", "&fight_of_words"),), "111", None),
        (
            " FIGHTER_&AIRCRAFT * [195]",
            (noun("fighter", "&aircraft", joined=True),),
            (),
            "195",
            None,
        ),
        (" IN_* [075]", (noun("in", joined=True),), (), "075", None),  # glued to the verb
        (
            " SPY_*_DEAL [---]",
            (noun("spy", joined=True),),
            (noun("deal", joined=True),),
            None,
            None,
        ),
        (" *SCEPTICAL [012]", (), (noun("sceptical"),), "012", None),
        (  # '%' before the verb: a subject of coordinated actors
            " % HAVE * [191]",
            (PatternElement("compound"), noun("have")),
            (),
            "191",
            None,
        ),
        (  # '%' after the verb: coordinated objects
            " * WITH % [031]",
            (),
            (noun("with"), PatternElement("compound")),
            "031",
            None,
        ),
    ],
)
def test_pattern_syntax(body, pre, post, code, reverse):
    p = parse_pattern(body, "MOVE", "t.txt:5", "MOVE", LABELS)
    assert p == VerbPattern("MOVE", pre, post, code, reverse, "t.txt:5", "MOVE")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (" * AID", "no [code]"),
        (" AID [070]", "no '*'"),
        (" * AID * [070]", "more than one"),
        (" * (TO BORDER [070]", "unclosed"),
        (" * AID) [070]", "unbalanced"),
        (" SUGGESTED_+ * [111]", "role marker joined"),
        (" * ( ) [070]", "without a preposition"),
        (" * {} [070]", "empty"),
    ],
)
def test_bad_patterns(body, reason):
    with pytest.raises(LineError, match=re.escape(reason)):
        parse_pattern(body, "MOVE", "t.txt:5", "", LABELS)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("042:043", ("042", "043")),
        ("---", (None, None)),
        (":173", (None, "173")),
        ("", (None, None)),
        ("020", ("020", None)),
    ],
)
def test_parse_code(raw, expected):
    assert parse_code(raw) == expected


def test_comments_xml_and_transformations_in_a_file():
    text = (
        "<!-- a comment\n over two lines -->\n"
        "--- RUSH [---] ---   # block comment\n"
        "RUSH  # verb comment\n"
        "- * AID   [070]   # RUSH <ab 2005> # more\n"
        "~ a (a b ATTACK) SAY = a b 015\n"
    )
    parsed = parse_verb_text(text, "t.txt")
    (p,) = parsed.dictionary.patterns["RUSH"]
    assert (p.comment, p.source, p.post) == ("RUSH <ab 2005> # more", "t.txt:5", (noun("aid"),))
    assert parsed.dictionary.transformations == ("~ a (a b ATTACK) SAY = a b 015",)
    assert parsed.skipped == ()


# ---------------------------------------------------------------- bad files


def test_pattern_before_any_block_raises_e101_naming_the_line(tmp_path):
    path = tmp_path / "bad.verbs.txt"
    path.write_text("# header\n\n- * AID [070]\n--- RUSH [---] ---\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as info:
        load_verb_dictionary(path)
    assert info.value.code is Errors.E101
    assert "line 3" in str(info.value) and "bad.verbs.txt" in str(info.value)


def test_mostly_unreadable_file_raises_e101_naming_the_first_bad_line():
    text = "--- RUSH ---\n" + "".join(f"- * AID{i}\n" for i in range(30))
    with pytest.raises(KnowledgeError, match=r"t\.txt:2: no \[code\]"):
        parse_verb_text(text, "t.txt")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"--- A ---\nGO\n\xff\xfe\n", "line 3: not valid UTF-8"),
        (b"--- A ---\n\x00\n", "line 2: NUL byte"),
    ],
)
def test_binary_or_undecodable_file(tmp_path, data, reason):
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    with pytest.raises(KnowledgeError, match=reason):
        read_verb_file(path)


def test_wrong_json_and_missing_file(tmp_path):
    path = tmp_path / "v.json"
    path.write_text('{"header": {"format": "other"}}', encoding="utf-8")
    with pytest.raises(KnowledgeError, match="eventwire-verbs/1"):
        load_verb_dictionary(path)
    with pytest.raises(KnowledgeError, match="missing"):
        load_verb_dictionary(tmp_path / "absent.txt")
    with pytest.raises(KnowledgeError, match="eventwire-discards/1"):
        load_discards(path)


def test_empty_text_file_is_not_a_dictionary():
    with pytest.raises(KnowledgeError, match="no verb blocks"):
        parse_verb_text("# nothing\n", "t.txt")


# ---------------------------------------------------------------- discards


def test_discards():
    text = "# header\n+World Cup   # pas\nGROUP A_\n  MONTHS   LATER\t\n+ \n"
    parsed = parse_discard_text(text, "d.txt")
    assert [(d.phrase, d.story, d.whole_word, d.source) for d in parsed.discards] == [
        ("world cup", True, False, "d.txt:2"),
        ("group a", False, True, "d.txt:3"),
        ("months later", False, False, "d.txt:4"),
    ]
    assert parsed.skipped == ("d.txt:5: empty discard phrase",)


# ---------------------------------------------------------------- loaders and index


def test_text_file_loads_directly_and_is_cached(tmp_path):
    path = tmp_path / "mine.verbs"
    path.write_text("--- RUSH [070] ---\nRUSH\n- * AID [073]\n", encoding="utf-8")
    vd = load_verb_dictionary(path)
    assert load_verb_dictionary(str(path)) is vd
    assert vd.sources == ("mine.verbs",)
    assert [v.lemma for v in vd.forms_index()["rushed"]] == ["rush"]


def test_forms_index_of_a_hand_built_dictionary():
    verbs = (
        VerbForm("ASK", "ask for", ("ask for", "asked for"), 0, "020", "t:1"),
        VerbForm("ASK", "ask", ("ask", "asked"), 0, "020", "t:2"),
        VerbForm("TAP", "wire tap", ("wire tap", "wire tapped"), 1, None, "t:3"),
    )
    vd = VerbDictionary({}, verbs, {}, (), ())
    index = vd.forms_index()
    assert [v.lemma for v in index["asked"]] == ["ask for", "ask"]
    assert [v.lemma for v in index["tapped"]] == ["wire tap"]
    assert "wire" not in index and vd.forms_index() is index


# ---------------------------------------------------------------- checks and cleaning

PROBLEM_VERBS = VerbDictionary(
    synsets={"&a": (("x",),)},
    verbs=(
        VerbForm("B1", "go", ("go", "went"), 0, "010", "t:1"),
        VerbForm("B2", "went", ("went",), 0, "020", "t:2"),
        VerbForm("B2", "fly", ("fly",), 0, "0999", "t:3"),
    ),
    patterns={
        "B1": (
            VerbPattern("B1", (), (noun("aid"),), "010", None, "t:4"),
            VerbPattern("B1", (), (noun("aid"),), "010", None, "t:5"),
            VerbPattern("B1", (), (noun("&nope"),), "010", "0399", "t:6"),
        )
    },
    transformations=(),
    sources=("t",),
)
KNOWN = ("010", "020", "03", "039", "09")


def test_check_verbs_reports_each_kind_of_problem():
    problems = check_verbs(PROBLEM_VERBS, KNOWN)
    assert problems == [
        "verbs: t:3: verb 'fly' has unknown code '0999'",
        "verbs: t:5: duplicate of the pattern at t:4",
        "verbs: t:6: unknown code '0399' in block B1",
        "verbs: t:6: undefined synset '&nope'",
        "verbs: form 'went' has different codes: B1 [010] t:1, B2 [020] t:2",
    ]


def test_clean_settles_what_check_reports():
    cleaned, notes = clean(PROBLEM_VERBS, KNOWN)
    assert check_verbs(cleaned, KNOWN) == []
    assert [v.lemma for v in cleaned.verbs] == ["go", "fly"]
    assert cleaned.verbs[1].code == "09"  # nearest known parent of 0999
    assert [p.source for p in cleaned.patterns["B1"]] == ["t:4"]
    assert len(notes) == 4


def test_check_discards():
    parsed = parse_discard_text("WORLD CUP\n+WORLD CUP\nCUP_\nCUP\n", "d")
    assert check_discards(parsed.discards) == ["discards: d:2: duplicate of d:1 ('world cup')"]


# ---------------------------------------------------------------- legacy translation


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (" * OUTPOST IN + [0874]", "* OUTPOST (IN +) [0874]"),
        (" CREW * SHIP [---]", "CREW * SHIP [---]"),
        (" * DIPLOMATIC TIES [050]", "* {DIPLOMATIC TIES} [050]"),
        (" $ * AID TO + [070]", "$ * AID (TO +) [070]"),
        (" * &FIGHT [190]", "* &FIGHT [190]"),
        (" % * [030]", Unmapped("token '%' has no PETRARCH-2 equivalent")),
        (" SAID * [020]", Unmapped("'said' is not a CAMEO.2.0 pattern noun")),
        (" * ACCUS [112]", Unmapped("'accus' is not a CAMEO.2.0 pattern noun")),  # TABARI stem
        (" * TO [020]", Unmapped("preposition 'TO' without an object")),
        (" * AID AID AID AID [070]", Unmapped("a run of 4 words")),
        (" AIR_* [195]", Unmapped("the '*' is glued to words or not single")),
        (" * AID", Unmapped("no [code] at the end")),
    ],
)
def test_legacy_translator(body, expected):
    translate = legacy_translator(
        frozenset({"in", "to"}),
        frozenset({"outpost", "crew", "ship", "diplomatic", "ties", "aid", "&fight"}),
    )
    assert translate(body) == expected


# ---------------------------------------------------------------- the shipped data


def test_shipped_verbs_load_fast_and_are_clean():
    vd = load_verb_dictionary()
    assert vd.pattern_count() >= 4000
    assert len(vd.synsets) >= 40 and len(vd.verbs) >= 1800
    assert [(v.block, v.code) for v in vd.forms_index()["said"]] == [("EXPLAIN_VERBAL", "010")]
    assert all(p.source.startswith("CAMEO.") for rows in vd.patterns.values() for p in rows)
    assert len(load_discards()) >= 500
    assert check_knowledge() == []


# ---------------------------------------------------------------- the real files (../shared)


@pytest.fixture(scope="module")
def petrarch(shared_dir: Path) -> Path:
    path = shared_dir / "reference" / "petrarch2"
    if not (path / "CAMEO.2.0.txt").is_file():
        pytest.skip("PETRARCH-2 dictionaries absent")
    return path


def test_cameo_2_0_counts(petrarch):
    # Counted with grep/awk on the file, not with this reader: 397 '^---' lines (397 names),
    # 4,668 other '^-' lines of which 2 cannot be read (2374 and 7606 carry a stray 'VISIT)' /
    # '^)' before the code; 4761 uses '%' before the verb, read), 40 '^&' labels, 8 '^~' lines,
    # 1,817 verb lines.
    parsed = read_verb_file(petrarch / "CAMEO.2.0.txt")
    vd = parsed.dictionary
    assert len(vd.patterns) == 397
    assert vd.pattern_count() == 4668 - 2
    assert [int(s.split(":")[1]) for s in parsed.skipped] == [2374, 7606]
    assert (len(vd.synsets), len(vd.transformations), len(vd.verbs)) == (40, 8, 1817)


def test_petr_validate_verbs_parse(petrarch):
    # grep: 261 '^---' lines naming 260 blocks (SHOT twice), 474 pattern lines of which 2 cannot
    # be read (line 77 joins '+' to a word, line 992 has no code; the 3 with '%' after the verb,
    # 126, 540, 589, and the 12 with '%' before it are read), 17 synsets, 269 verb lines of which
    # 2 are two words without braces (LASH OUT, RULE OUT).
    parsed = read_verb_file(petrarch / "PETR.Validate.verbs.txt")
    vd = parsed.dictionary
    assert len(vd.patterns) == 260
    assert vd.pattern_count() == 474 - 2
    assert (len(vd.synsets), len(vd.verbs)) == (17, 269 - 2)
    assert len(parsed.skipped) == 2 + 2
    assert ("closer",) in vd.synsets["&accordsyn"]  # a synset nested in a synset


def test_converter_reproduces_the_shipped_files(petrarch, tmp_path):
    report = import_verbs_and_discards(petrarch, tmp_path)
    shipped = Path(load_verb_dictionary.__globals__["data_path"]("dictionaries"))
    for name in ("verbs.json", "discards.json", "LICENSE.petrarch2"):
        assert (tmp_path / name).read_bytes() == (shipped / name).read_bytes(), name
    header = json.loads((tmp_path / "verbs.json").read_text(encoding="utf-8"))["header"]
    sums = dict(
        line.split()[::-1] for line in (petrarch / "SHA256SUMS.txt").read_text().splitlines()
    )
    for source in header["sources"]:
        assert source["sha256"].startswith(sums[source["file"]])
    assert report.counts["patterns"] == header["counts"]["patterns"]


def test_cli_import_writes_the_files(petrarch, tmp_path, monkeypatch):
    import sys

    from eventwire.cli.main import cli

    monkeypatch.setitem(sys.modules, "eventwire.knowledge.petrarch_actors", None)  # verbs only
    result = CliRunner().invoke(
        cli, ["lexicon", "import", "--from", str(petrarch), "--out", str(tmp_path), "--no-legacy"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "LICENSE.petrarch2",
        "discards.json",
        "verbs.json",
    ]
    vd = load_verb_dictionary(tmp_path / "verbs.json")
    assert all(p.source.startswith("CAMEO.2.0.txt:") for rows in vd.patterns.values() for p in rows)


def test_blocks_with_unreadable_or_compound_patterns_are_partial():
    text = (
        "--- AGREE [081] ---\nAGREE\n- % * [030:030]\n\n--- URGE [102] ---\nURGE\n- * HELP [020]\n"
        "--- MEET [040] ---\nMEET\n- * WITH % [031]\n"
    )
    parsed = parse_verb_text(text, "t.txt")
    assert parsed.dictionary.partial == frozenset({"AGREE"})  # read for coordinated subjects
    assert not parsed.skipped  # '%' after the verb is read: coordinated objects
    assert [p.pre for p in parsed.dictionary.patterns["AGREE"]] == [(PatternElement("compound"),)]
    assert [p.post for p in parsed.dictionary.patterns["MEET"]] == [
        (noun("with"), PatternElement("compound"))
    ]
