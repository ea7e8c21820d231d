"""An analyst's first hour (issue #20): each point as a test over one hand-built store.

The store holds what the points are about: an undated event (plain text without --date), a
year-precision date, a plain statement (CAMEO 010, no target, no PLOVER category), an actor
no dictionary codes (---), a domestic event (USAELI -> USAGOV) and the same talks reported
twice (one event, two mentions).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import duckdb
import pytest
import spacy
from click.testing import CliRunner
from store_fixtures import make_annotation

from eventwire import analysis
from eventwire.annotate import make_doc, mark_paragraphs
from eventwire.cli import filters as cli_filters
from eventwire.cli.main import cli
from eventwire.cli.output import describe_codes
from eventwire.cli.progress import Progress
from eventwire.errors import Errors, StoreError
from eventwire.export import export
from eventwire.export.gdelt import EVENT_COLUMNS
from eventwire.extract.events.emit import evidence_of as _evidence
from eventwire.records import Actor, Document
from eventwire.store import Store, queries
from eventwire.store.actors import resolve_actor
from eventwire.store.filters import EventFilter

ROOT = Path(__file__).resolve().parents[2]
BOLSONARO = Actor("Jair Bolsonaro", 0, 14, "---", None, None, "Jair Bolsonaro")
USAELI = Actor("Barack Obama", 0, 12, "USAELI", "USA", "ELI", "Barack Obama")
STREAM_FORMATS = ("gdelt", "gdelt-mentions", "icews", "plover", "csv", "jsonl")


def _statement(ann: Any, source: Actor | None = None) -> Any:
    """The first event made a plain statement (CAMEO 010: no target, no PLOVER category)."""
    ev = dataclasses.replace(
        ann.events[0],
        cameo="010",
        cameo_root="01",
        plover=None,
        quad_class=1,
        goldstein=0.0,
        target=None,
        source=source or ann.events[0].source,
    )
    return dataclasses.replace(ann, events=[ev, *ann.events[1:]])


def _with(ann: Any, i: int, **fields: Any) -> Any:
    events = list(ann.events)
    events[i] = dataclasses.replace(events[i], **fields)
    return dataclasses.replace(ann, events=events)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("hour") / "hour.duckdb"
    with Store.connect(path) as store:
        store.write_batch(
            [
                make_annotation(  # dated talks, reported twice: one event, two mentions
                    "Moscow and Beijing met.",
                    date="2018-01-10",
                    events=[("RUSGOV", "CHNGOV", "04")],
                ),
                make_annotation(
                    "Moscow and Beijing held talks.",
                    date="2018-01-11",
                    source="AFP",
                    events=[("RUSGOV", "CHNGOV", "04")],
                ),
                make_annotation(  # plain text without --date: undated
                    "Washington fought Ukrainian troops.",
                    date=None,
                    events=[("USAGOV", "UKRMIL", "19")],
                ),
                make_annotation(  # "sanctions since 2011": a year-precision date
                    "Washington has criticised Moscow since 2011.",
                    date="2019-03-05",
                    events=[("USAGOV", "RUSGOV", "11", {"date": "2011", "precision": "year"})],
                ),
                _with(  # a domestic event and a statement by an uncoded actor
                    _statement(
                        make_annotation(
                            "Bolsonaro spoke. Obama met the government.",
                            date="2019-06-01",
                            events=[("USAGOV", None, "04"), ("USAGOV", "USAGOV", "04")],
                        ),
                        source=BOLSONARO,
                    ),
                    1,
                    source=USAELI,
                ),
                make_annotation(  # the uncoded actor as a target
                    "Beijing criticised Bolsonaro.",
                    date="2019-06-02",
                    events=[("CHNGOV", "RUSGOV", "11")],
                ),
            ]
        )
        store.con.execute(
            "UPDATE events SET target_code = '---', target_country = NULL, target_sector = NULL, "
            "target_name = 'Jair Bolsonaro', target_text = 'Bolsonaro' WHERE cameo = '112' "
            "AND pub_date = DATE '2019-06-02'"
        )
        with store.transaction():  # the derived tables follow the edited mention
            store.refresh_clusters(None)
    return str(path)


def invoke(*args: str, code: int = 0) -> Any:
    res = CliRunner().invoke(cli, list(args))
    assert res.exit_code == code, res.output
    return res


def export_text(db: str, fmt: str, **kw: Any) -> str:
    out = io.StringIO()
    with Store.connect(db, read_only=True) as store:
        export(store.con, fmt, out, **kw)
    return out.getvalue()


def export_count(db: str, fmt: str, flt: EventFilter) -> int:
    """Records of ``fmt`` for the events matching ``flt`` (data lines, header left out)."""
    text = export_text(db, fmt, events=flt)
    return len(text.splitlines()) - (fmt in ("icews", "csv"))


# -- 1 + acceptance: one event, one count everywhere, dated or not -----------------------------
@pytest.mark.parametrize(
    ("a", "b", "undated"), [("RUS", "CHN", False), ("USA", "UKR", True)], ids=["dated", "undated"]
)
def test_one_event_one_count_everywhere(db: str, a: str, b: str, undated: bool) -> None:
    pytest.importorskip("fastapi")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2.*")
        from fastapi.testclient import TestClient

    from eventwire.server import create_app

    dyad = json.loads(invoke("dyad", a, b, "--db", db, "--format", "json").stdout)
    assert sum(r["events"] for r in dyad) == 1
    assert (dyad[-1]["period"] is None) is undated
    top = json.loads(invoke("top", "--db", db, "--format", "json", "--limit", "100").stdout)
    assert [r["events"] for r in top if {r["actor1"], r["actor2"]} == {a, b}] == [1]
    with TestClient(create_app(db)) as api:
        series = api.get("/api/dyad", params={"a": a, "b": b}).json()["series"]
        assert sum(r["events"] for r in series) == 1
        api_top = api.get("/api/dyads/top", params={"limit": 100}).json()
        assert [r["events"] for r in api_top if {r["actor1"], r["actor2"]} == {a, b}] == [1]
    flt = EventFilter(dyad=(a, b), directed=False)
    mentions = 2 if not undated else 1
    counts = {fmt: export_count(db, fmt, flt) for fmt in STREAM_FORMATS}
    assert counts == {
        "gdelt": 1,
        "gdelt-mentions": mentions,
        "icews": mentions,
        "plover": mentions,
        "csv": mentions,
        "jsonl": mentions,
    }
    out = Path(db).parent / f"pq-{a}"
    with Store.connect(db, read_only=True) as store:
        export(store.con, "parquet", out_dir=out, events=flt)
    con = duckdb.connect()
    clusters = con.execute(f"SELECT count(*) FROM '{out}/event_clusters.parquet'").fetchone()
    con.close()
    assert clusters == (1,)


def test_undated_events_are_a_last_row_and_counted(db: str) -> None:
    with Store.connect(db, read_only=True) as store:
        assert queries.undated(store.con) == {"documents": 1, "events": 1}
        cols, rows = queries.series(store.con, by="year")
    assert [queries.period_label(r[0], "year") for r in rows] == ["2011", "2018", "2019", "undated"]
    table = invoke("dyad", "USA", "UKR", "--db", db).stdout
    assert "undated" in table.splitlines()[2]
    gdelt = [ln.split("\t") for ln in export_text(db, "gdelt").splitlines()]
    undated = [r for r in gdelt if r[EVENT_COLUMNS.index("Actor2Code")] == "UKRMIL"]
    assert len(undated) == 1 and undated[0][EVENT_COLUMNS.index("SQLDATE")] == ""


# -- 2: a paragraph break ends a sentence; evidence is the clean sentence ----------------------
@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("Bolsonaro opposed it\n\nG7 leaders met", ["Bolsonaro", "G7"]),
        ("One\r\n\r\nTwo\n \nThree", ["One", "Two", "Three"]),
        ("A line\nwraps here", ["A"]),  # one line break is no paragraph
        ("Text.  Then more", ["Text"]),  # spaces are no paragraph (the parser decides)
    ],
)
def test_blank_line_starts_a_sentence_before_the_parser(text: str, starts: list[str]) -> None:
    nlp = spacy.blank("en")
    doc = make_doc(nlp, Document(doc_id="d", text=text))
    assert [t.text for t in doc if t.is_sent_start] == starts
    assert mark_paragraphs(nlp.make_doc("no break here")) == 0


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ('" Russia met China.', "Russia met China."),
        ("\u201d Russia met China.", "Russia met China."),
        ('"We agree," Russia said.', '"We agree," Russia said.'),
        ("\u201cWe agree,\u201d Russia said.", "\u201cWe agree,\u201d Russia said."),
        ("  Russia met China.\n\n", "Russia met China."),
    ],
)
def test_evidence_is_the_clean_sentence(text: str, evidence: str) -> None:
    doc = spacy.blank("en")(text)
    found, start, end = _evidence(doc[:])
    assert found == evidence == text[start:end]


# -- 3: every PLOVER row has one of the 16 categories ------------------------------------------
def test_plover_rows_carry_a_category_and_statements_are_left_out(db: str) -> None:
    from eventwire.taxonomy import load_taxonomy

    rows = [json.loads(ln) for ln in export_text(db, "plover").splitlines()]
    assert rows and all(r["event_type"] for r in rows)
    taxonomy = load_taxonomy()  # the coder's PLOVER values: one of the 16 categories, or none
    assert len(taxonomy.plover) == 16
    assert {c.plover for c in taxonomy.codes.values()} - {None} <= set(taxonomy.plover)
    assert {c.root for c in taxonomy.codes.values() if c.plover is None} == {"01", "02"}
    flat = [json.loads(ln) for ln in export_text(db, "jsonl").splitlines()]
    assert len(rows) == len([r for r in flat if r["plover"]]) == len(flat) - 1
    assert "left out" in (ROOT / "docs" / "store.md").read_text(encoding="utf-8")


# -- the uncoded actor --- ----------------------------------------------------------------------
def test_uncoded_actor_keeps_its_name_and_is_ranked_nowhere(db: str) -> None:
    gdelt = [ln.split("\t") for ln in export_text(db, "gdelt").splitlines()]
    col = EVENT_COLUMNS.index
    named = [r for r in gdelt if r[col("Actor2Name")] == "JAIR BOLSONARO"]
    assert len(named) == 1
    assert named[0][col("Actor2Code")] == named[0][col("Actor2CountryCode")] == ""
    icews = list(csv.reader(io.StringIO(export_text(db, "icews")), delimiter="\t"))
    assert any(r[8] == "Jair Bolsonaro" and r[10] == "" for r in icews[1:])
    plover = [json.loads(ln) for ln in export_text(db, "plover").splitlines()]
    assert any(
        t["code"] == "---" and t["name"] == "Jair Bolsonaro" for r in plover for t in r["target"]
    )
    for by in ("dyads", "actors"):
        for level in ("country", "actor", "sector"):
            out = invoke("top", "--by", by, "--level", level, "--db", db, "--format", "csv")
            assert "---" not in out.stdout
    with Store.connect(db, read_only=True) as store, pytest.raises(StoreError):
        resolve_actor(store.con, "---")


# -- 4: dyad --plot -----------------------------------------------------------------------------
@pytest.mark.parametrize("by", ["day", "week", "month", "year"])
def test_plot_bars_lie_inside_their_periods(db: str, tmp_path: Path, by: str) -> None:
    with Store.connect(db, read_only=True) as store:
        rows = queries.series(store.con, by=by)
    drawn = analysis.plot_dyad(rows, tmp_path / "p.png", title="all", by=by)
    assert drawn.undated_events == 1 and len(drawn.bars) == len(drawn.periods) >= 3
    for period, (x0, x1) in zip(drawn.periods, drawn.bars, strict=True):
        start = dt.datetime.combine(period, dt.time())
        end = dt.datetime.combine(queries.period_end(period, by), dt.time())
        assert start <= x0 < x1 <= end
        assert (x1 - x0) >= 0.8 * (end - start)  # a bar fills its period, not five weeks
    assert (tmp_path / "p.png").read_bytes()[:4] == b"\x89PNG"


def test_dyad_plot_says_where_it_wrote(db: str, tmp_path: Path) -> None:
    png = tmp_path / "d.png"
    res = invoke("dyad", "RUS", "CHN", "--by", "year", "--db", db, "--plot", str(png))
    assert f"-> {png}" in res.stderr and png.is_file()
    assert res.stdout.splitlines()[2].startswith("2018 ")  # a year reads 2018, not 2018-01-01


# -- 5: names resolve, unknown codes fail with close matches -----------------------------------
def test_names_resolve_and_unknown_actors_fail(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    known = {"united states": "USA", "ukraine": "UKR"}

    def lookup(name: str) -> list[dict[str, Any]]:
        code = known.get(name.lower())
        return [{"code": code}] if code else []

    monkeypatch.setattr(cli_filters, "name_lookup", lookup)
    dyad = json.loads(
        invoke("dyad", "United States", "Ukraine", "--db", db, "-o", "-", "--format", "json").stdout
    )
    assert sum(r["events"] for r in dyad) == 1
    res = invoke("dyad", "XYZ", "ABC", "--db", db, code=1)
    assert "E306" in res.stderr and res.stdout == ""
    res = invoke("dyad", "RUSGOVV", "CHN", "--db", db, code=1)
    assert "close matches: RUSGOV" in res.stderr
    with Store.connect(db, read_only=True) as store:
        assert resolve_actor(store.con, "rusgov") == "RUSGOV"
        assert resolve_actor(store.con, "IRN") == "IRN"  # a country, even without events
        with pytest.raises(StoreError) as err:
            resolve_actor(store.con, "Atlantis", lookup)
        assert err.value.code is Errors.E306


# -- 6: the network: levels, domestic edges, labels --------------------------------------------
def _graph(path: Path) -> tuple[dict[str, str], set[tuple[str, str]]]:
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(path).getroot()
    labels = {
        n.get("id"): n.find("g:data[@key='n_label']", ns).text
        for n in root.iterfind(".//g:node", ns)
    }
    edges = {(e.get("source"), e.get("target")) for e in root.iterfind(".//g:edge", ns)}
    return labels, edges  # type: ignore[return-value]


def test_network_levels_domestic_edges_and_labels(db: str, tmp_path: Path) -> None:
    out = tmp_path / "n.graphml"
    invoke("network", "--db", db, "-o", str(out))
    labels, edges = _graph(out)
    assert labels["RUS"] == "Russia" and ("USA", "USA") not in edges and "---" not in labels
    invoke("network", "--db", db, "-o", str(out), "--domestic")
    assert ("USA", "USA") in _graph(out)[1]
    invoke("network", "--db", db, "-o", str(out), "--level", "sector")
    labels, edges = _graph(out)
    assert ("USAELI", "USAGOV") in edges and labels["USAGOV"] == "United States: Government"
    invoke("network", "--db", db, "-o", str(out), "--level", "actor")
    labels, edges = _graph(out)
    assert ("RUSGOV", "CHNGOV") in edges and labels["RUSGOV"] == "Russia"


# -- 7: codes explained where they are read ----------------------------------------------------
def test_tables_name_cameo_codes_and_quad_classes(db: str) -> None:
    table = invoke("top", "--by", "events", "--db", db).stdout
    header = table.splitlines()[0].split()
    assert header[header.index("cameo") + 1] == "cameo_name" and "quad_name" in header
    assert "verbal cooperation" in table and "Consult, not specified below" in table
    cols, rows = describe_codes(["cameo", "quad_class"], [("190", 4), (None, None)])
    assert cols == ["cameo", "cameo_name", "quad_class", "quad_name"]
    assert rows == [
        ("190", "Use conventional military force, not specified below", 4, "material conflict"),
        (None, None, None, None),
    ]


def test_reading_output_page_is_linked() -> None:
    page = (ROOT / "docs" / "reading-output.md").read_text(encoding="utf-8")
    for topic in (
        "CAMEO",
        "PLOVER",
        "quad class",
        "Goldstein",
        "date_precision",
        "confidence",
        "evidence",
        "---",
    ):
        assert topic in page, topic
    assert "docs/reading-output.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/reading-output.md" in invoke("--help").stdout


# -- 8: year-precision dates -------------------------------------------------------------------
def test_day_precise_export_drops_coarse_dates(db: str) -> None:
    dates = [ln.split("\t")[1] for ln in export_text(db, "gdelt").splitlines()]
    assert "20110101" in dates  # the policy: a year is written as its first day
    out = invoke("export", "--db", db, "--format", "gdelt", "--day-precise").stdout
    kept = [ln.split("\t")[1] for ln in out.splitlines()]
    assert "20110101" not in kept and "" not in kept and len(kept) == len(dates) - 2


# -- 9: filters without SQL --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "n"),
    [
        ((), 6),
        (("--since", "2019-01-01"), 3),
        (("--until", "2018-12-31"), 2),
        (("--actor", "CHN"), 2),
        (("--dyad", "CHN", "RUS"), 1),
        (("--since", "2019-06-01", "--actor", "USA"), 1),
    ],
)
def test_export_and_top_filters(db: str, args: tuple[str, ...], n: int) -> None:
    out = invoke("export", "--db", db, "--format", "gdelt", *args).stdout
    assert len(out.splitlines()) == n
    top = json.loads(invoke("top", "--by", "events", "--db", db, "--format", "json", *args).stdout)
    assert len(top) == n


def test_filter_arguments_are_checked(db: str) -> None:
    invoke("export", "--db", db, "--since", "2019-02-30", code=2)
    invoke("export", "--db", db, "--since", "2019-02-01", "--until", "2019-01-01", code=2)
    invoke("export", "--db", db, "--format", "gkg-quotations", "--since", "2019-01-01", code=2)
    assert "E306" in invoke("export", "--db", db, "--actor", "QQQ", code=1).stderr


# -- 10: messages and help ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("statement", "says"),
    [
        ("SELEC 1", "syntax error"),
        ("SELECT nope FROM events", "unknown column"),
        ("DELETE FROM events", "refused"),
    ],
)
def test_query_errors_say_what_is_wrong(db: str, statement: str, says: str) -> None:
    res = invoke("query", statement, "--db", db, code=1)
    assert says in res.stderr and "read-only query refused" not in res.stderr


@pytest.mark.parametrize("command", ["annotate", "code", "ingest"])
def test_invalid_date_is_a_usage_error_before_loading(command: str, tmp_path: Path) -> None:
    res = invoke(command, str(tmp_path), "--date", "2019-13-45", code=2)
    assert "YYYY-MM-DD" in res.output


def test_no_table_header_when_every_input_failed(tmp_path: Path) -> None:
    res = invoke("code", str(tmp_path / "missing.txt"), code=1)
    assert res.stdout == "" and "E001" in res.stderr


def test_final_progress_line_prints_once() -> None:
    out = io.StringIO()
    progress = Progress(stream=out)
    progress.update(docs=1, events=2)
    progress.close()
    progress.close()
    assert len(out.getvalue().splitlines()) == 1


def _commands() -> list[tuple[str, Any]]:
    import click

    ctx = click.Context(cli)
    found: list[tuple[str, Any]] = []

    def walk(cmd: Any, name: str) -> None:
        if isinstance(cmd, click.Group):
            for sub in cmd.list_commands(ctx):
                walk(cmd.get_command(ctx, sub), f"{name} {sub}".strip())
        else:
            found.append((name, cmd))

    walk(cli, "")
    return found


def test_help_is_whole_and_every_option_explained() -> None:
    import click

    db_types = set()
    for name, cmd in _commands():
        for p in cmd.params:
            if isinstance(p, click.Option):
                assert p.help, f"{name} {p.opts} has no help"
                if p.name == "db":
                    db_types.add((type(p.type).__name__, getattr(p.type, "dir_okay", None)))
    assert len(db_types) == 1
    for args in ((), ("eval",), ("actors",), ("lexicon",)):
        assert "..." not in invoke(*args, "--help").stdout.split("Commands:")[1]
    assert "physical limit" not in invoke("bench", "--help").stdout
    assert "pip install ." in (ROOT / "README.md").read_text(encoding="utf-8")


def test_dashboard_and_filled_series_survive_undated_events(db: str) -> None:
    pytest.importorskip("fastapi")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2.*")
        from fastapi.testclient import TestClient

    from eventwire.server import create_app

    with TestClient(create_app(db)) as api:
        filled = api.get("/api/series/quad", params={"by": "year", "fill": "true"})
        assert filled.status_code == 200 and None not in [r["period"] for r in filled.json()]
        plain = api.get("/api/series/quad", params={"by": "year"}).json()
        assert plain[-1]["period"] is None
        assert api.get("/dyad", params={"a": "USA", "b": "UKR"}).status_code == 200
