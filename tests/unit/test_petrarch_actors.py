"""PETRARCH actor/agent readers, the converter, and swapped dictionaries in the actor KB.

Dictionary texts here are written by us in the published format (fictional names); the real
Phoenix and validation files are read only where ../shared is present.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from eventwire.extract.actors import resolve_actors
from eventwire.knowledge.actors_build import build_kb
from eventwire.knowledge.petrarch_actors import (
    DictActor,
    DictAgent,
    DictRole,
    import_actors,
    parse_date,
    parse_restriction,
    plural,
    read_actor_file,
    read_actors,
    read_agent_file,
    read_agents,
    read_heads_csv,
)

ACTORS = """\
<!-- TEST ACTORS -->
# a comment line
<!-- a comment
   over two lines [XXX] -->
ELBONIA_  [ELB]
+ELBONIAN_
+PORT_ELBO  # the capital
	[ELB]

WALLY_SMITH_  ; CountryInfo.txt
+W._SMITH
	[ELBELI 19800101-19991231]
	[ELBGOV >000101]
	[ELBXXX 2004017-20061201]
DILBERT_DOE
	[ELBMIL < 950601]
	[ELBGOV 950601 - 990815]
	[ELB]
THE_POINTY_HAIRED_BOSS
+POINTY_BOSS
	[ELBBUS]
ISILDUR [---]
ACME_CORPORATION_ [MNCUSAACM] # a company
"""

AGENTS = """\
<!-- TEST AGENTS -->
!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
!MINST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES
FOREIGN_MINISTER [~GOVFRM] # jap 4/14/01
POLICE {} [ ~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]
CONGRESS!PERSON! [~LEG]
!MINST!_OF_SILLY_WALKS [~GOV]
HUMAN_RIGHTS_BODY  [NGO~]
EMBASSY [~GOV]
OFFICIALS [~GOV]
NO_CODE_HERE
"""


@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path]:
    actors = tmp_path / "Test.actors.txt"
    agents = tmp_path / "Test.agents.txt"
    actors.write_text(ACTORS, encoding="utf-8")
    agents.write_text(AGENTS, encoding="utf-8")
    return actors, agents


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("950601", "1995-06-01"),
        ("300101", "2030-01-01"),  # 00-30: 20YY, as PETRARCH reads them
        ("310101", "1931-01-01"),
        ("19411207", "1941-12-07"),
        ("2004017", "2020-04-01"),  # 7 digits: YYMMDD, as PETRARCH reads them
        ("20100931", None),  # no 31 September
        ("9506", None),
        ("abcdef", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        ("USAGOV", ("USAGOV", None, True)),
        ("---", (None, None, True)),
        ("pse", ("PSE", None, True)),
        ("HOB < 950601", (None, DictRole("HOB", None, "1995-06-01"), True)),
        ("HOBREB > 990816", (None, DictRole("HOBREB", "1999-08-16", None), True)),
        ("X 19950601 - 19990815", (None, DictRole("X", "1995-06-01", "1999-08-15"), True)),
        ("X 990815-950601", (None, None, False)),  # ends before it starts
        ("X 2004017-20061201", (None, None, False)),
    ],
)
def test_parse_restriction(inner: str, expected: tuple) -> None:
    assert parse_restriction(inner) == expected


def test_read_actor_file(files: tuple[Path, Path]) -> None:
    actors = {a.names[0]: a for a in read_actor_file(files[0])}
    assert "xxx" not in " ".join(actors)  # the multi-line comment is skipped
    assert actors["elbonia"] == DictActor(
        ("elbonia", "elbonian", "port elbo"), "ELB", (), "Test.actors.txt:5"
    )
    wally = actors["wally smith"]
    assert wally.names == ("wally smith", "w. smith")
    assert wally.code is None
    assert wally.roles == (
        DictRole("ELBELI", "1980-01-01", "1999-12-31"),
        DictRole("ELBGOV", "2000-01-01", None),
    )  # the malformed restriction is skipped
    assert actors["dilbert doe"].code == "ELB"
    assert actors["dilbert doe"].roles[0] == DictRole("ELBMIL", None, "1995-06-01")
    assert actors["the pointy haired boss"].code == "ELBBUS"  # a bare restriction: the default
    assert actors["acme corporation"].code == "MNCUSAACM"
    assert "isildur" not in actors  # an explicit null code: no actor


def test_read_agent_file(files: tuple[Path, Path]) -> None:
    agents = {a.names[0]: a for a in read_agent_file(files[1])}
    assert agents["foreign minister"] == DictAgent(
        ("foreign minister", "foreign ministers"), "GOVFRM", False, "Test.agents.txt:4"
    )
    assert agents["police"].names == ("police",)  # {}: no plural
    assert agents["police"].code == "COP"
    assert agents["attorney general"].names == ("attorney general", "attorneys general")
    assert agents["congressman"].names == (
        "congressman",
        "congressmen",
        "congresswoman",
        "congresswomen",
        "congressperson",
    )
    assert agents["minister of silly walks"].names[-1] == "ministries of silly walks"
    assert agents["human rights body"].prefix is True
    assert agents["human rights body"].code == "NGO"
    assert agents["officials"].names == ("officials",)  # already plural
    assert "no code here" not in agents


@pytest.mark.parametrize(
    ("word", "expected"),
    [("embassy", "embassies"), ("attorney", "attorneys"), ("witness", "witnesses"),
     ("rebel", "rebels"), ("police chief", "police chiefs"), ("troops", "")],
)  # fmt: skip
def test_plural(word: str, expected: str) -> None:
    assert plural(word) == expected


def test_import_is_deterministic_and_reads_back(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    names = ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt"]
    (src / names[0]).write_text(ACTORS, encoding="utf-8")
    (src / names[1]).write_text("UN_ [IGOUNO]\n", encoding="utf-8")
    (src / "Phoenix.MilNonState.actors.txt").write_text("", encoding="utf-8")
    (src / "Phoenix.agents.txt").write_text(AGENTS, encoding="utf-8")
    (tmp_path / "heads_of_state_government.csv").write_text(
        "name,aliases,country_iso3,office,office_detail,start,end,source,source_id\n"
        "Wally Smith,W. Smith|Wal Smith,ELB,head_of_state,x,2016-03-01,,wikidata,Q42\n",
        encoding="utf-8",
    )
    out1, out2 = tmp_path / "a", tmp_path / "b"
    written = import_actors(src, out1)
    assert written == ["actors.json", "agents.json", "heads_of_state.json"]
    import_actors(src, out2)
    for name in written:
        assert (out1 / name).read_bytes() == (out2 / name).read_bytes()
    data = json.loads((out1 / "actors.json").read_text(encoding="utf-8"))
    assert set(data["sources"]) == {*names, "Phoenix.MilNonState.actors.txt"}
    assert all(len(h) == 64 for h in data["sources"].values())
    assert read_actors(out1 / "actors.json") == [
        *read_actor_file(src / names[0]),
        *read_actor_file(src / names[1]),
    ]
    assert read_agents(out1 / "agents.json") == read_agent_file(src / "Phoenix.agents.txt")
    heads = json.loads((out1 / "heads_of_state.json").read_text(encoding="utf-8"))["heads"]
    assert heads[0]["qid"] == "Q42"
    assert heads[0]["roles"] == [["ELBGOV", "head_of_state", "2016-03-01", None]]


def test_heads_home_country(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text(
        "name,aliases,country_iso3,office,office_detail,start,end,source,source_id\n"
        "Queen Q,,AAA,head_of_state,x,1990-01-01,,w,Q1\n"
        "Queen Q,,BBB,head_of_state,x,1980-01-01,,w,Q1\n"
        "Queen Q,,BBB,head_of_government,x,1985-01-01,1990-01-01,w,Q1\n",
        encoding="utf-8",
    )
    (head,) = read_heads_csv(path)
    assert head.country == "BBB"
    assert [r.code for r in head.roles] == ["BBBGOV", "BBBGOV", "AAAGOV"]


# ---------------------------------------------------------------- swapped dictionaries in the KB


@pytest.fixture(scope="module")
def blank():
    from eventwire.pipeline import extensions

    extensions.register_extensions()
    return spacy.blank("en")


def _codes(kb, blank, text: str, date: str = "2005-06-01") -> dict[str, str]:
    doc = blank(text)
    return {doc[m.start : m.end].text: m.actor.code for m in resolve_actors(doc, kb, date)}


@pytest.fixture()
def swapped(files: tuple[Path, Path]):
    return build_kb(actors=str(files[0]), agents=str(files[1]))


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("Elbonia protested.", "2005-06-01", {"Elbonia": "ELB"}),
        ("elbonia protested.", "2005-06-01", {"elbonia": "ELB"}),  # PETRARCH ignores case
        ("The Elbonian foreign minister left.", "2005-06-01", {"Elbonian foreign minister": "ELBGOVFRM"}),
        ("Wally Smith spoke.", "2005-06-01", {"Wally Smith": "ELBGOV"}),
        ("Wally Smith spoke.", "1990-06-01", {"Wally Smith": "ELBELI"}),
        ("Dilbert Doe spoke.", "1994-06-01", {"Dilbert Doe": "ELBMIL"}),
        ("Dilbert Doe spoke.", "1997-06-01", {"Dilbert Doe": "ELBGOV"}),
        ("Dilbert Doe spoke.", "2005-06-01", {"Dilbert Doe": "ELB"}),  # the default code
        ("The pointy boss spoke.", "2005-06-01", {"pointy boss": "ELBBUS"}),
        ("Acme Corporation spoke.", "2005-06-01", {"Acme Corporation": "MNCUSAACM"}),
        ("Russia protested.", "2005-06-01", {}),  # not in the swapped dictionary
        ("Former Elbonian officials left.", "2005-06-01", {"Former Elbonian officials": "ELBELI"}),
        ("The human rights body Elbonia left.", "2005-06-01", {"human rights body Elbonia": "NGOELB"}),
    ],
)  # fmt: skip
def test_swapped_dictionaries(swapped, blank, text: str, date: str, expected: dict) -> None:
    assert swapped.swapped
    assert _codes(swapped, blank, text, date) == expected


def test_swapped_kb_is_not_merged_with_ours(swapped) -> None:
    assert ("russia",) not in swapped.forms
    assert set(swapped.countries) == {"ELB"}


def test_default_kb_cuts_stale_roles_and_keeps_ours_first(blank) -> None:
    from eventwire.extract.actors import load_actor_kb

    kb = load_actor_kb()
    assert kb.stats["actors"] > 20_000 and kb.stats["agents"] > 2_000
    assert _codes(kb, blank, "Barack Obama spoke.", "2018-06-08") == {"Barack Obama": "USAELI"}
    assert _codes(kb, blank, "the US said", "2018-06-08") == {"US": "USA"}
    assert _codes(kb, blank, "Give us a call", "2018-06-08") == {}
    # a Phoenix role open in 2015 ends on 2016-01-01 (data/actors/dictionaries.yaml)
    arg = next(p for p in kb.people.values() if p.name == "Abdul Hadi Arghandiwal")
    assert [r.end for r in arg.roles if r.sector == "GOV"] == ["2016-01-01"]


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("PETR.Validate.actors.txt", {"arnor": "ARN", "gondor": "GON"}),
        ("Phoenix.MilNonState.actors.txt", {"abu nidal organization": "IMGMUSALQ"}),
    ],
)
def test_shared_actor_files(shared_dir: Path, name: str, codes: dict[str, str]) -> None:
    found = {n: a.code for a in read_actor_file(shared_dir / "reference/petrarch2" / name)
             for n in a.names}  # fmt: skip
    for form, code in codes.items():
        assert found[form] == code


def test_validation_dictionaries_compose(shared_dir: Path, blank) -> None:
    d = shared_dir / "reference/petrarch2"
    kb = build_kb(
        actors=str(d / "PETR.Validate.actors.txt"), agents=str(d / "PETR.Validate.agents.txt")
    )
    assert _codes(kb, blank, "The Arnor foreign minister met Gondor.", "1995-01-01") == {
        "Arnor foreign minister": "ARNGOVFRM",
        "Gondor": "GON",
    }
    assert _codes(kb, blank, "the Gondor government", "1995-01-01") == {
        "Gondor government": "GONGOV"
    }


def test_component_takes_dictionary_paths(files: tuple[Path, Path], blank) -> None:
    from eventwire.pipeline import actors as _component  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("eventwire_actors", config={"actors": str(files[0]), "agents": str(files[1])})
    doc = nlp.make_doc("The Elbonian foreign minister met Wally Smith.")
    doc._.ew_date = "2005-06-01"
    doc = nlp(doc)
    assert not doc._.ew_errors
    assert [m.actor.code for m in doc._.ew_actors] == ["ELBGOVFRM", "ELBGOV"]


def test_load_actor_kb_caches_per_path_set(files: tuple[Path, Path]) -> None:
    from eventwire.extract.actors import load_actor_kb

    a = load_actor_kb(actors=str(files[0]), agents=str(files[1]))
    assert load_actor_kb(actors=str(files[0]), agents=str(files[1])) is a
    assert load_actor_kb() is not a
    assert not load_actor_kb().swapped


def test_dictionary_findings_report_collisions_and_stale_roles() -> None:
    from eventwire.extract.actors.check import dictionary_findings

    found = dictionary_findings(stale_years=10, today="2026-12-02")
    assert len(found.stale) > 3000  # open Phoenix roles since 2016 at the latest
    assert any("hamid karzai AFGGOV" in s for s in found.stale)
    assert found.collisions and all(":" in c for c in found.collisions)
    assert dictionary_findings(stale_years=60, today="2026-12-02").stale != found.stale
    assert found.summary()[0].startswith("actors: converted dictionaries:")


def test_converter_reproduces_the_shipped_files(shared_dir: Path, tmp_path: Path) -> None:
    from eventwire.knowledge.files import data_path

    written = import_actors(shared_dir / "reference/petrarch2", tmp_path)
    assert written == ["actors.json", "agents.json", "heads_of_state.json"]
    for name in written:
        assert (tmp_path / name).read_bytes() == data_path(f"dictionaries/{name}").read_bytes()
