"""The query layer and the store CLI on a small hand-built store: series, tops, network, SQL guard."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from store_fixtures import make_annotation

from eventwire import analysis
from eventwire.cli.main import cli
from eventwire.errors import Errors, StoreError
from eventwire.store import Store, browse, queries, sql
from eventwire.store.filters import EventFilter


def build(path=":memory:"):
    s = Store.connect(path)
    s.write_batch(
        [
            make_annotation(
                "a",
                date="2018-01-10",
                events=[("RUSGOV", "CHNGOV", "04"), ("CHNGOV", "RUSGOV", "11")],
            ),
            make_annotation(
                "b", date="2018-01-11", source="AFP", events=[("RUSGOV", "CHNGOV", "04")]
            ),
            make_annotation(
                "c",
                date="2018-02-03",
                events=[("USAGOV", "UKRMIL", "19"), ("CHNGOV", "RUSGOV", "05")],
            ),
            make_annotation(
                "d", date="2019-02-03", events=[("RUSGOV", "CHNGOV", "04", {"negated": True})]
            ),
        ]
    )
    return s


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "t.duckdb"
    build(path).close()
    return str(path)


def test_dyad_series_month():
    with build() as s:
        recs = queries.as_dicts(queries.dyad_series(s.con, "RUS", "CHN", by="month"))
    jan, feb = recs
    # January: talks reported twice (one cluster, 2 mentions) + one disapproval; all of January is RUS-CHN
    assert (jan["events"], jan["mentions"], jan["q1_verbal_coop"], jan["q3_verbal_conflict"]) == (
        2,
        3,
        1,
        1,
    )
    assert jan["period_total"] == 2 and jan["coop_conflict"] == 0
    assert jan["goldstein_weighted"] == pytest.approx((1.0 * 2 - 2.0) / 3, abs=1e-3)
    # February: one RUS-CHN agreement out of two events that month (the other is USA-UKR)
    assert (feb["events"], feb["period_total"], feb["coop_conflict"]) == (1, 2, 0.5)


def test_dyad_directed_and_by_year():
    with build() as s:
        recs = queries.as_dicts(queries.dyad_series(s.con, "RUS", "CHN", by="year", directed=True))
    # the 2019 talks were negated; the 2018 ones are one event reported twice
    assert [(r["period"].year, r["events"], r["mentions"]) for r in recs] == [(2018, 1, 2)]


def test_tops_and_events_filter():
    with build() as s:
        cols, rows = queries.top(s.con, by="dyads")
        # RUS -> CHN: the talks (one event, 2 mentions; the 2019 ones were negated)
        assert dict(zip(cols, rows[0], strict=True)) == {
            "actor1": "CHN",
            "actor2": "RUS",
            "events": 2,
            "mentions": 2,
            "goldstein_mean": 3.0,
            "cooperation": 1,
            "conflict": 1,
        }
        cols, rows = queries.top(s.con, EventFilter(year=2018), by="actors", level="code")
        assert [r[:4] for r in rows[:2]] == [("CHNGOV", "China", 3, 4), ("RUSGOV", "Russia", 3, 4)]
        cols, rows = queries.top(s.con, by="events")
        assert dict(zip(cols, rows[0], strict=True))["num_articles"] == 2
        assert browse.list_events(s.con, EventFilter(actor="UKR")).total == 1
        page = browse.list_events(
            s.con, EventFilter(dyad=("RUS", "CHN"), directed=False, include_negated=True)
        )
        assert page.total == len(page.items) == 5
        doc_id = page.items[0]["doc_id"]
        doc = browse.get_document(s.con, doc_id)
        assert doc and doc["doc_id"] == doc_id and doc["events"]
        assert browse.list_quotes(s.con, speaker="RUS").total == 4


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda con: queries.series(con, by="fortnight"), "by"),
        (lambda con: queries.top(con, by="places"), "by"),
        (lambda con: queries.top_dyads(con, level="region"), "level"),
        (lambda con: queries.network(con, level=""), "level"),
    ],
)
def test_bad_arguments_are_catalogue_errors(call, name):
    with build() as s, pytest.raises(StoreError) as err:
        call(s.con)
    assert err.value.code is Errors.E304 and err.value.params["name"] == name


def test_network_graphml(tmp_path):
    with build() as s:
        graph = queries.network(s.con, EventFilter(year=2018))
    out = tmp_path / "g.graphml"
    analysis.write_graphml(graph, out)
    root = ET.parse(out).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert {n.get("id") for n in root.iterfind(".//g:node", ns)} == {"RUS", "CHN", "USA", "UKR"}
    assert len(root.findall(".//g:edge", ns)) == 3


def test_read_only_query_guard(db):
    con = sql.guarded_connection(db)
    try:
        found = sql.run_select(con, "SELECT count(*) AS n FROM documents")
        assert (found.columns, found.rows, found.truncated) == (["n"], [(4,)], False)
        found = sql.run_select(con, "SELECT * FROM range(10)", limit=3)
        assert (len(found.rows), found.truncated) == (3, True)
        for bad in (
            "DELETE FROM events",
            "SELECT 1; SELECT 2",
            "COPY events TO '/tmp/x.csv'",
            "SELECT * FROM read_csv('/etc/hostname')",
            "ATTACH '/tmp/x.db'",
            "",
        ):
            with pytest.raises(StoreError) as err:
                sql.run_select(con, bad)
            assert err.value.code is Errors.E303
    finally:
        con.close()


def test_cli_commands(db, tmp_path):
    r = CliRunner()
    res = r.invoke(
        cli,
        ["dyad", "RUS", "CHN", "--db", db, "--format", "json", "--plot", str(tmp_path / "p.png")],
    )
    assert res.exit_code == 0, res.output
    assert [row["events"] for row in json.loads(res.stdout)] == [2, 1]
    assert (tmp_path / "p.png").read_bytes()[:4] == b"\x89PNG"
    res = r.invoke(cli, ["top", "--by", "actors", "--db", db, "--format", "csv"])
    assert res.exit_code == 0 and res.output.startswith("actor,name,events,mentions")
    res = r.invoke(
        cli, ["query", "SELECT count(*) AS n FROM events", "--db", db, "--format", "csv"]
    )
    assert res.output == "n\n6\n"
    res = r.invoke(cli, ["query", "DROP TABLE events", "--db", db])
    assert res.exit_code == 1 and "E303" in res.output
    res = r.invoke(cli, ["export", "--format", "gdelt", "--db", db, "-o", str(tmp_path / "g.tsv")])
    assert res.exit_code == 0
    assert all(
        len(line.split("\t")) == 61 for line in (tmp_path / "g.tsv").read_text().splitlines()
    )
    res = r.invoke(cli, ["network", "--db", db, "-o", str(tmp_path / "n.graphml")])
    assert res.exit_code == 0
    res = r.invoke(cli, ["top", "--db", str(tmp_path / "missing.duckdb")])
    assert res.exit_code == 1 and "no such database" in res.output


def test_db_from_environment(db, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_DB", db)
    res = CliRunner().invoke(
        cli, ["query", "SELECT count(*) AS n FROM documents", "--format", "csv"]
    )
    assert res.output == "n\n4\n"
