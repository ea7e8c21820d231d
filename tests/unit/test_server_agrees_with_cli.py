"""The CLI, the JSON API and the exports give the same numbers on one store (issue #16).

The store holds the cases on which the two query layers used to disagree: an event reported
twice (one event, two mentions), an actor acting on itself (no dyad), a negated mention (never
counted) and an actor without a country (keyed by its code).
"""

from __future__ import annotations

import dataclasses
import io
import json
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from store_fixtures import make_annotation

from eventwire.cli.main import cli
from eventwire.export import export, renderers
from eventwire.records import Actor
from eventwire.store import Store

pytest.importorskip("fastapi")
with warnings.catch_warnings():  # starlette warns that it prefers httpx2 over httpx
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

from eventwire.server import create_app  # noqa: E402

UNO = Actor("the United Nations", 0, 18, "IGOUNO", None, "IGO", "United Nations")


def _with_uno_target(ann: Any) -> Any:
    events = [dataclasses.replace(ann.events[0], target=UNO), *ann.events[1:]]
    return dataclasses.replace(ann, events=events)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("agree") / "agree.duckdb"
    with Store.connect(path) as store:
        store.write_batch(
            [
                make_annotation(
                    "Moscow and Beijing met.",
                    date="2018-01-10",
                    events=[("RUSGOV", "CHNGOV", "04"), ("RUSGOV", "RUSGOV", "11")],
                ),
                make_annotation(  # the same talks reported again: one event, two mentions
                    "Moscow and Beijing held talks.",
                    date="2018-01-11",
                    source="AFP",
                    events=[("RUSGOV", "CHNGOV", "04")],
                ),
                make_annotation(
                    "Beijing agreed; troops fought.",
                    date="2018-02-03",
                    events=[("CHNGOV", "RUSGOV", "05"), ("USAGOV", "UKRMIL", "19")],
                ),
                make_annotation(
                    "Moscow did not meet Beijing.",
                    date="2018-03-01",
                    events=[("RUSGOV", "CHNGOV", "04", {"negated": True})],
                ),
                _with_uno_target(
                    make_annotation(
                        "Washington met the United Nations.",
                        date="2019-05-05",
                        events=[("USAGOV", "CHNGOV", "04")],
                    )
                ),
            ]
        )
    return str(path)


@pytest.fixture(scope="module")
def api(db: str):
    with TestClient(create_app(db)) as c:
        yield c


def run_cli(*args: str) -> Any:
    res = CliRunner().invoke(cli, list(args))
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def get(api: TestClient, url: str, **params: Any) -> Any:
    r = api.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_top_dyads_agree_and_count_reported_events(api: TestClient, db: str) -> None:
    cli_rows = run_cli("top", "--by", "dyads", "--db", db, "--limit", "100", "--format", "json")
    assert cli_rows == get(api, "/api/dyads/top", limit=100)
    by_pair = {(r["actor1"], r["actor2"]): (r["events"], r["mentions"]) for r in cli_rows}
    # the talks: one event in two mentions (the negated one is not counted); RUS on RUS is no dyad
    assert by_pair == {
        ("RUS", "CHN"): (1, 2),
        ("CHN", "RUS"): (1, 1),
        ("USA", "UKR"): (1, 1),
        ("USA", "IGOUNO"): (1, 1),
    }


@pytest.mark.parametrize("level", ["country", "code"])
def test_top_actors_agree(api: TestClient, db: str, level: str) -> None:
    args = ("top", "--by", "actors", "--level", level, "--db", db, "--limit", "100")
    cli_rows = run_cli(*args, "--format", "json")
    assert cli_rows == get(api, "/api/actors/top", level=level, limit=100)
    assert {r["actor"] for r in cli_rows} >= {"IGOUNO", "RUSGOV" if level == "code" else "RUS"}


def test_top_events_agree(api: TestClient, db: str) -> None:
    cli_rows = run_cli("top", "--by", "events", "--db", db, "--format", "json")
    assert cli_rows == get(api, "/api/events/top")
    assert sorted(r["num_mentions"] for r in cli_rows) == [1, 1, 1, 1, 2]


@pytest.mark.parametrize("directed", [False, True])
def test_dyad_series_agree(api: TestClient, db: str, directed: bool) -> None:
    flag = ["--directed"] if directed else []
    cli_rows = run_cli("dyad", "RUS", "CHN", *flag, "--db", db, "--format", "json")
    body = get(api, "/api/dyad", a="RUS", b="CHN", directed=str(directed).lower())
    assert cli_rows == body["series"]
    want = [("2018-01-01", 1, 2)] if directed else [("2018-01-01", 1, 2), ("2018-02-01", 1, 1)]
    assert [(r["period"], r["events"], r["mentions"]) for r in cli_rows] == want


def test_network_agrees(api: TestClient, db: str, tmp_path: Path) -> None:
    out = tmp_path / "n.graphml"
    res = CliRunner().invoke(cli, ["network", "--db", db, "-o", str(out)])
    assert res.exit_code == 0, res.output
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    edges = {
        (e.get("source"), e.get("target"), int(e.find("g:data[@key='e_events']", ns).text))
        for e in ET.parse(out).getroot().iterfind(".//g:edge", ns)
    }
    graph = get(api, "/api/network")
    assert edges == {(e["source"], e["target"], e["events"]) for e in graph["edges"]}


def test_summary_agrees_with_exports_and_sql(api: TestClient, db: str) -> None:
    summary = get(api, "/api/summary")
    assert (summary["events"], summary["mentions"], summary["negated"]) == (5, 6, 1)
    with Store.connect(db, read_only=True) as store:
        n_events = export(store.con, "gdelt", io.StringIO())
        n_mentions = export(store.con, "gdelt-mentions", io.StringIO())
    assert (n_events, n_mentions) == (summary["events"], summary["mentions"])
    sql = "SELECT count(DISTINCT cluster_id) AS events FROM events WHERE NOT negated"
    assert run_cli("query", sql, "--db", db, "--format", "json") == [{"events": 5}]
    quads = {q: v["events"] for q, v in summary["by_quad_class"].items()}
    assert quads == {"1": 3, "3": 1, "4": 1}


@pytest.mark.parametrize("fmt", ["gdelt", "gdelt-mentions", "icews", "plover", "csv", "jsonl"])
def test_api_export_is_the_cli_export(api: TestClient, db: str, fmt: str) -> None:
    res = CliRunner().invoke(cli, ["export", "--format", fmt, "--db", db])
    assert res.exit_code == 0, res.output
    r = api.get(f"/api/export/{fmt}")
    assert r.status_code == 200 and r.text == res.output and r.text
    spec = renderers()[fmt]
    assert r.headers["content-type"].split(";")[0] == spec.content_type
    assert f'filename="eventwire-{fmt}{spec.extension}"' in r.headers["content-disposition"]
    lines = len(r.text.splitlines())
    assert int(r.headers["x-eventwire-records"]) == lines - (fmt in ("icews", "csv"))


def test_api_export_counts_are_the_summary(api: TestClient) -> None:
    summary = get(api, "/api/summary")
    events = api.get("/api/export/gdelt").headers["x-eventwire-records"]
    mentions = api.get("/api/export/gdelt-mentions").headers["x-eventwire-records"]
    assert (int(events), int(mentions)) == (summary["events"], summary["mentions"])


@pytest.mark.parametrize("fmt", ["parquet", "nope", "GDELT"])
def test_api_export_refuses_folder_and_unknown_formats(api: TestClient, fmt: str) -> None:
    assert api.get(f"/api/export/{fmt}").status_code in (404, 422)
