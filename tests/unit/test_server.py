"""The HTTP API and pages on a small synthetic store (no model needed)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path

import duckdb
import pytest

pytest.importorskip("fastapi")
with warnings.catch_warnings():  # starlette warns that it prefers httpx2 over httpx
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

from eventwire.server import create_app  # noqa: E402
from eventwire.server.testing import ACTORS, CODES, SAMPLE_DOCS, build_sample_store  # noqa: E402

# Expected values computed from the sample's definition, not from the server's output.
SAMPLE_EVENTS = [(d, ev) for d in SAMPLE_DOCS for _, evs in d.sentences for ev in evs]


def code(surface: str) -> str:
    return ACTORS[surface][0]


def expected(pred) -> int:  # noqa: ANN001
    return sum(1 for d, ev in SAMPLE_EVENTS if pred(d, ev))


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_store(tmp_path_factory.mktemp("store") / "sample.duckdb")


@pytest.fixture(scope="module")
def client(store_path: Path):
    with TestClient(create_app(store_path)) as c:
        yield c


def clusters(store_path: Path) -> int:
    """Reported events: distinct clusters of the stored mentions (read from the file directly)."""
    con = duckdb.connect(str(store_path), read_only=True)
    try:
        row = con.execute(
            "SELECT count(DISTINCT cluster_id) FROM events WHERE NOT negated"
        ).fetchone()
    finally:
        con.close()
    return int(row[0]) if row else 0


def test_summary_matches_the_sample(client: TestClient, store_path: Path) -> None:
    s = client.get("/api/summary").json()
    assert s["documents"] == len(SAMPLE_DOCS)
    assert s["mentions"] == len(SAMPLE_EVENTS)
    assert s["events"] == clusters(store_path) > 0
    assert s["negated"] == 0
    assert s["quotes"] == sum(1 for d in SAMPLE_DOCS if d.quote)
    assert s["date_from"] == min(d.date for d in SAMPLE_DOCS)
    assert s["date_to"] == max(d.date for d in SAMPLE_DOCS)
    assert sum(q["mentions"] for q in s["by_quad_class"].values()) == len(SAMPLE_EVENTS)


@pytest.mark.parametrize(
    ("params", "pred"),
    [
        (
            {"dyad": "RUS,CHN"},
            lambda d, ev: code(ev.source).startswith("RUS") and code(ev.target).startswith("CHN"),
        ),
        (
            {"dyad": "RUS,CHN", "directed": "false"},
            lambda d, ev: {code(ev.source)[:3], code(ev.target)[:3]} == {"RUS", "CHN"},
        ),
        ({"actor": "USA"}, lambda d, ev: "USA" in (code(ev.source)[:3], code(ev.target)[:3])),
        ({"quad_class": 4}, lambda d, ev: CODES[ev.cameo][2] == 4),
        ({"cameo_root": "11"}, lambda d, ev: ev.cameo.startswith("11")),
        ({"plover": "CONSULT"}, lambda d, ev: CODES[ev.cameo][1] == "CONSULT"),
        ({"place": "Moscow"}, lambda d, ev: ev.place == "Moscow"),
        ({"place": "chn"}, lambda d, ev: ev.place == "Beijing"),
        ({"q": "ACCUSED"}, lambda d, ev: ev.trigger == "accused"),
        (
            {"start": "2018-02-01", "end": "2018-03-31"},
            lambda d, ev: "2018-02-01" <= (ev.date or d.date) <= "2018-03-31",
        ),
    ],
)
def test_event_filters(client: TestClient, params: dict, pred) -> None:  # noqa: ANN001
    page = client.get("/api/events", params={**params, "limit": 500}).json()
    assert page["total"] == expected(pred) > 0
    assert len(page["items"]) == page["total"]


def test_paging_is_consistent(client: TestClient) -> None:
    full = client.get("/api/events", params={"limit": 500}).json()["items"]
    ids = []
    for offset in range(0, len(full), 4):
        page = client.get("/api/events", params={"limit": 4, "offset": offset}).json()
        ids += [e["event_id"] for e in page["items"]]
    assert ids == [e["event_id"] for e in full]
    assert client.get("/api/events", params={"limit": 501}).status_code == 422
    assert client.get("/api/events", params={"offset": -1}).status_code == 422


@pytest.mark.parametrize(
    "params",
    [
        {"q": "' OR 1=1; DROP TABLE events; --"},
        {"place": "x' OR '1'='1"},
        {"doc_id": "1' OR '1'='1"},
    ],
)
def test_injection_in_text_parameters_is_inert(client: TestClient, params: dict) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 200
    assert r.json()["total"] == 0
    assert client.get("/api/summary").json()["events"] == len(SAMPLE_EVENTS)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/events", {"actor": "RUS' OR 1=1 --"}),
        ("/api/events", {"dyad": "RUS,CHN' --"}),
        ("/api/events", {"cameo_root": "1; DROP"}),
        ("/api/dyad", {"a": "RUS'--", "b": "CHN"}),
        ("/api/dyad", {"a": "RUS", "b": "CHN", "by": "month'); DROP TABLE x; --"}),
        ("/api/dyads/top", {"level": "source_code; --"}),
    ],
)
def test_malformed_codes_are_rejected(client: TestClient, url: str, params: dict) -> None:
    assert client.get(url, params=params).status_code == 422


def test_dyad_series(client: TestClient) -> None:
    body = client.get("/api/dyad", params={"a": "RUS", "b": "CHN", "by": "month"}).json()
    pairs = {"RUS", "CHN"}
    want: dict[str, list[int]] = {}
    for d, ev in SAMPLE_EVENTS:
        if {code(ev.source)[:3], code(ev.target)[:3]} == pairs:
            want.setdefault((ev.date or d.date)[:7] + "-01", []).append(CODES[ev.cameo][2])
    got = {p["period"]: p for p in body["series"]}
    assert set(got) == set(want)
    for period, quads in want.items():
        assert got[period]["events"] == len(quads)  # each sample event is reported once
        total = expected(lambda d, ev, p=period: (ev.date or d.date)[:7] == p[:7])
        assert got[period]["period_total"] == total
        coop = sum(q <= 2 for q in quads)
        assert got[period]["coop_conflict"] == pytest.approx(
            (coop - (len(quads) - coop)) / total, abs=1e-3
        )


def test_top_dyads_and_network(client: TestClient) -> None:
    top = client.get("/api/dyads/top").json()
    first = top[0]
    assert (first["actor1"], first["actor2"]) == ("CHN", "RUS")
    assert first["mentions"] == expected(
        lambda d, ev: code(ev.source)[:3] == "CHN" and code(ev.target)[:3] == "RUS"
    )
    assert 0 < first["events"] <= first["mentions"]
    net = client.get("/api/network", params={"start": "2018-03-01"}).json()
    assert {n["id"] for n in net["nodes"]} == {"RUS", "UKR", "USA", "CHN"}


def test_document_with_annotations_and_event_evidence(client: TestClient) -> None:
    ev = client.get("/api/events", params={"q": "clashed"}).json()["items"][0]
    doc = client.get(f"/api/documents/{ev['doc_id']}").json()
    text = doc["text"]
    assert text[ev["trigger_start"] : ev["trigger_end"]] == "clashed"
    assert text[ev["evidence_start"] : ev["evidence_end"]] == ev["evidence"]
    assert doc["quotes"][0]["content_text"] == "The attacks must stop"
    assert [t["text"] for t in doc["times"]] == ["Sunday"]
    page = client.get(f"/documents/{ev['doc_id']}").text
    assert f'id="ev-{ev["event_id"]}"' in page
    assert f'data-events="{ev["event_id"]}">clashed</span>' in page
    event_page = client.get(f"/events/{ev['event_id']}").text
    assert f'href="/documents/{ev["doc_id"]}#ev-{ev["event_id"]}"' in event_page


def test_quotes_by_speaker_and_actor_lookup(client: TestClient) -> None:
    quotes = client.get("/api/quotes", params={"speaker": "RUSGOV"}).json()
    assert [q["content_text"] for q in quotes["items"]] == [
        "Our partnership has never been stronger"
    ]
    actors = client.get("/api/actors", params={"q": "ukr"}).json()
    assert {a["code"] for a in actors} == {"UKR", "UKRGOV"}


def test_clusters(client: TestClient) -> None:
    page = client.get("/api/clusters", params={"limit": 500}).json()
    assert page["total"] == len(page["items"]) > 0
    c = client.get(f"/api/clusters/{page['items'][0]['cluster_id']}").json()
    assert c["num_mentions"] == len(c["mentions"])


def test_blank_form_fields_are_no_filter(client: TestClient) -> None:
    # the search form sends every field; "any" and empty boxes are blank values
    blank = "&quad_class=&cameo_root=&start=&end=&actor=&plover=&place=&min_confidence="
    page = client.get("/search?q=talks" + blank)
    assert page.status_code == 200
    assert client.get("/search?q=talks").text == page.text
    full = client.get("/api/events?q=talks").json()
    assert client.get("/api/events?q=talks" + blank).json() == full
    assert client.get("/api/events?quad_class=9").status_code == 422  # a bad value still fails


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/dyad?a=RUS&b=CHN",
        "/dyad",
        "/network",
        "/map",
        "/search",
        "/search?q=talks&quad_class=1",
        "/quotes?speaker=kyiv",
        "/api-docs",
    ],
)
def test_pages_render(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200
    assert "text/html" in r.headers["content-type"]
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert "//cdn" not in r.text and "https://" not in r.text


def test_overview_links_every_stream_export(client: TestClient) -> None:
    page = client.get("/").text
    for name in ("gdelt", "gdelt-mentions", "plover", "icews", "csv", "jsonl", "gkg-quotations"):
        assert f'href="/api/export/{name}"' in page
    assert 'href="/api/export/parquet"' not in page  # a folder: CLI only


def test_api_docs_list_every_operation_offline(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    page = client.get("/api-docs").text
    for path in spec["paths"]:
        assert f"{path}</" in page
    assert client.get("/docs").status_code == 404  # FastAPI's CDN-backed Swagger UI is off


def test_unknown_ids_and_hosts(client: TestClient) -> None:
    assert client.get("/api/events/nope").status_code == 404
    assert client.get("/documents/nope").status_code == 404
    assert client.get("/api/summary", headers={"host": "evil.example"}).status_code == 400


# -- read-only SQL -------------------------------------------------------------------------
def test_query_select(client: TestClient) -> None:
    r = client.post("/api/query", json={"sql": "SELECT count(*) AS n FROM events"})
    assert r.json() == {"columns": ["n"], "rows": [[len(SAMPLE_EVENTS)]], "truncated": False}
    r = client.post("/api/query", json={"sql": "SELECT * FROM range(10)", "limit": 3})
    assert r.json()["truncated"] is True and len(r.json()["rows"]) == 3


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT * FROM glob('/*')",
        "COPY events TO '/tmp/eventwire-leak.csv'",
        "INSERT INTO events SELECT * FROM events",
        "DELETE FROM events",
        "DROP TABLE events",
        "CREATE TABLE x AS SELECT 1",
        "ATTACH '/tmp/eventwire-x.duckdb' AS x",
        "SET enable_external_access = true",
        "INSTALL httpfs",
        "LOAD httpfs",
        "PRAGMA database_list",
        "SELECT 1; DELETE FROM events",
        "",
        "not sql at all",
    ],
)
def test_query_cannot_write_or_touch_files(client: TestClient, sql: str) -> None:
    r = client.post("/api/query", json={"sql": sql})
    assert r.status_code == 400, r.text
    assert "E303" in r.json()["detail"]
    assert not Path("/tmp/eventwire-leak.csv").exists()
    assert client.get("/api/summary").json()["events"] == len(SAMPLE_EVENTS)


def test_query_times_out(store_path: Path) -> None:
    with TestClient(create_app(store_path, query_timeout_s=0.3)) as c:
        started = time.monotonic()
        r = c.post("/api/query", json={"sql": "SELECT count(*) FROM range(100000000000)"})
        assert r.status_code == 400 and "timed out" in r.json()["detail"]
        assert time.monotonic() - started < 10


# -- writes need a token ------------------------------------------------------------------------
def test_writes_disabled_without_token(client: TestClient) -> None:
    assert client.post("/api/ingest", json={"paths": ["."]}).status_code == 403


def test_ingest_needs_the_right_token(store_path: Path, tmp_path: Path) -> None:
    calls: list[list[str]] = []

    def runner(paths: list[str], db: Path) -> dict:
        calls.append(paths)
        return {"documents": 0}

    app = create_app(store_path, token="s3cret", ingest_runner=runner)
    with TestClient(app) as c:
        body = {"paths": [str(tmp_path)]}
        assert c.post("/api/ingest", json=body).status_code == 401
        assert (
            c.post("/api/ingest", json=body, headers={"Authorization": "Bearer wrong"}).status_code
            == 401
        )
        assert (
            c.post("/api/ingest", json=body, headers={"X-Eventwire-Token": "s3cre"}).status_code
            == 401
        )
        assert calls == []
        r = c.post("/api/ingest", json=body, headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 202
        app.state.ingest.join(5)
        assert calls == [[str(tmp_path)]]
        assert c.get("/api/ingest").json()["state"] == "done"
        missing = {"paths": [str(tmp_path / "absent")]}
        assert (
            c.post("/api/ingest", json=missing, headers={"X-Eventwire-Token": "s3cret"}).status_code
            == 400
        )


def test_token_from_environment(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_TOKEN", "from-env")
    with TestClient(create_app(store_path, ingest_runner=lambda p, d: {})) as c:
        assert c.post("/api/ingest", json={"paths": ["."]}).status_code == 401
        r = c.post("/api/ingest", json={"paths": ["."]}, headers={"X-Eventwire-Token": "from-env"})
        assert r.status_code == 202


# -- serving while another process writes --------------------------------------------------
WRITER = textwrap.dedent(
    """
    import sys, duckdb
    con = duckdb.connect(sys.argv[1])
    con.execute("BEGIN TRANSACTION")
    con.execute("INSERT INTO documents (doc_id, hash, title, text) VALUES ('new', 'h-new', 'half-written', 'x')")
    print("locked", flush=True)
    sys.stdin.readline()
    con.execute("COMMIT")
    con.close()
    """
)


def test_serves_last_snapshot_while_a_writer_holds_the_store(tmp_path: Path) -> None:
    path = build_sample_store(tmp_path / "busy.duckdb")
    app = create_app(path, refresh_s=0.0)
    with TestClient(app) as c:
        with subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        ) as proc:
            assert proc.stdin is not None and proc.stdout is not None
            try:
                assert proc.stdout.readline().strip() == "locked"
                with pytest.raises(duckdb.Error):  # the store really is locked for other processes
                    duckdb.connect(str(path), read_only=True).close()
                for _ in range(3):
                    r = c.get("/api/summary")
                    assert r.status_code == 200 and r.json()["documents"] == len(SAMPLE_DOCS)
                    assert c.get("/").status_code == 200
                titles = c.get("/api/documents", params={"q": "half-written"}).json()
                assert titles["total"] == 0
            finally:
                proc.stdin.write("\n")
                proc.stdin.flush()
                proc.wait(10)
        deadline = time.monotonic() + 10
        while c.get("/api/summary").json()["documents"] == len(SAMPLE_DOCS):
            assert time.monotonic() < deadline, "new data never showed up"
            time.sleep(0.05)
        assert c.get("/api/summary").json()["documents"] == len(SAMPLE_DOCS) + 1


@pytest.mark.model
def test_ingest_through_the_server_with_the_pipeline(tmp_path: Path) -> None:
    """POST /api/ingest runs the real ingest in the server; readers meanwhile see the snapshot."""
    example = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.txt"))[:1]
    if not example:
        pytest.skip("no bundled examples")
    path = build_sample_store(tmp_path / "grow.duckdb")
    app = create_app(path, token="t", refresh_s=0.0)
    with TestClient(app) as c:
        r = c.post(
            "/api/ingest", json={"paths": [str(example[0])]}, headers={"X-Eventwire-Token": "t"}
        )
        assert r.status_code == 202
        while app.state.ingest.status()["state"] == "running":
            assert c.get("/api/summary").status_code == 200  # served from the snapshot meanwhile
            time.sleep(0.2)
        state = c.get("/api/ingest").json()
        assert state["state"] == "done", state
        assert state["result"]["documents"] == 1
        assert c.get("/api/summary").json()["documents"] == len(SAMPLE_DOCS) + 1
