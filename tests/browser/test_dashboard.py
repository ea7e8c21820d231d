"""End-to-end: the dashboard in headless Chromium (Debian's package) driven by Playwright.

The browser comes from Debian (``apt-get install chromium``), never from ``playwright install``.
When ``/usr/bin/chromium`` is missing the test tries to install it (root with apt-get only) and
otherwise skips with the reason. Screenshots go to ``test-output/dashboard/``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OUT = Path(__file__).resolve().parents[2] / "test-output" / "dashboard"


def _ensure_chromium() -> str | None:
    """None when Chromium is usable, else the reason it is not."""
    if CHROMIUM.exists():
        return None
    if os.environ.get("EVENTWIRE_NO_APT"):
        return "no /usr/bin/chromium and EVENTWIRE_NO_APT is set"
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        return "no /usr/bin/chromium; install Debian's chromium (apt-get install chromium) as root"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (
        ["apt-get", "install", "-y", "-q", "chromium"],
        ["apt-get", "update", "-q"],
        ["apt-get", "install", "-y", "-q", "chromium"],
    ):
        try:
            subprocess.run(cmd, env=env, capture_output=True, timeout=600, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"could not install chromium: {exc}"
        if CHROMIUM.exists():
            return None
    return "apt-get install chromium did not provide /usr/bin/chromium"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from eventwire.server.testing import build_sample_store

    return build_sample_store(tmp_path_factory.mktemp("browser") / "sample.duckdb")


def q(store: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    """Expected values straight from the store file (not through the server)."""
    con = duckdb.connect(str(store), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[str]:
    import uvicorn

    from eventwire.server import create_app

    port = _free_port()
    config = uvicorn.Config(
        create_app(store),
        host="127.0.0.1",
        port=port,
        log_level="error",
        access_log=False,
        lifespan="on",
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _ensure_chromium()
    if reason:
        pytest.skip(reason)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        try:
            b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        except Exception as exc:  # a broken browser install: say so and skip
            pytest.skip(f"chromium does not start: {exc}")
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    OUT.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    errors: list[str] = []
    outside: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) else None)
    pg.base = server  # type: ignore[attr-defined]
    yield pg
    context.close()
    assert errors == [], f"browser errors: {errors}"
    assert outside == [], f"requests that left the machine: {outside}"


# Expected values are computed here in SQL from the definitions in docs/store.md, not through
# the library: a counted mention is a non-negated row of a cluster; an actor at country level is
# its country, else its code; a dyad joins two different actors.
COUNTED = "FROM events WHERE NOT negated AND cluster_id IS NOT NULL"
PAIRS = """
    SELECT coalesce(source_country, source_code) s, coalesce(target_country, target_code) t,
           count(DISTINCT cluster_id) n, count(*) m
    FROM events WHERE NOT negated AND cluster_id IS NOT NULL
      AND coalesce(source_country, source_code) <> coalesce(target_country, target_code)
    GROUP BY ALL"""
SRC, TGT = (f"({r}_country = ? OR starts_with({r}_code, ?))" for r in ("source", "target"))


def shot(pg: Any, name: str) -> None:
    pg.screenshot(path=str(OUT / f"{name}.png"), full_page=True)


def test_overview_shows_the_store(page: Any, store: Path) -> None:
    page.goto(page.base + "/")
    ((docs,),) = q(store, "SELECT count(*) FROM documents")
    # events are reported events (clusters), mentions the non-negated rows (docs/store.md)
    ((events, mentions),) = q(store, f"SELECT count(DISTINCT cluster_id), count(*) {COUNTED}")
    assert page.inner_text("#n-documents") == str(docs)
    assert page.inner_text("#n-events") == str(events)
    assert page.inner_text("#n-mentions") == str(mentions)
    page.wait_for_selector("#quad-chart svg rect")
    months = q(
        store, f"SELECT count(DISTINCT date_trunc('month', coalesce(date, pub_date))) {COUNTED}"
    )[0][0]
    assert page.get_attribute("#quad-chart", "data-loaded") == str(months)
    first = page.locator("#top-dyads tbody tr").first.locator("td")
    top = q(store, f"SELECT s, t, n FROM ({PAIRS}) ORDER BY n DESC, m DESC, s, t LIMIT 1")[0]
    assert [first.nth(i).inner_text() for i in range(3)] == [top[0], top[1], str(top[2])]
    shot(page, "1-overview")


def test_click_through_dyad_event_article(page: Any, store: Path) -> None:
    page.goto(page.base + "/")
    page.locator("#top-dyads a.dyad-link").first.click()
    page.wait_for_url("**/dyad?*")
    a, b = page.inner_text("#dyad-title").split(" – ")
    dyad = f"{COUNTED} AND (({SRC} AND {TGT}) OR ({SRC} AND {TGT}))"
    rows = q(
        store,
        f"""SELECT strftime(date_trunc('month', coalesce(date, pub_date)), '%Y-%m-%d') p,
                   count(DISTINCT cluster_id), count(*) {dyad} GROUP BY p ORDER BY p""",
        [a, a, b, b, b, b, a, a],
    )
    shown = [
        (r.locator("td").nth(0).inner_text(), int(r.locator("td").nth(1).inner_text()))
        for r in page.locator("#dyad-series tbody tr").all()
    ]
    assert shown == [(p, n) for p, n, _ in rows]
    page.wait_for_selector("#dyad-chart svg circle.point")
    shot(page, "2-dyad")
    # click the last period's point: the events table shows exactly that period's events
    last_period, _, last_n = rows[-1]
    page.locator(f'#dyad-chart circle.point[data-period="{last_period}"]').click()
    page.wait_for_selector('#events-heading:has-text("mentions in")')
    assert page.inner_text("#events-heading") == f"Event mentions in {last_period} ({last_n})"
    assert page.locator("#dyad-events tbody tr").count() == last_n
    shot(page, "3-dyad-period")
    # -> event
    row = page.locator("#dyad-events tbody tr").first
    event_id = row.get_attribute("data-event-id")
    row.locator("a.event-link").click()
    page.wait_for_url(f"**/events/{event_id}")
    cameo, source, target, doc_id, evidence, title = q(
        store,
        """
        SELECT e.cameo, e.source_code, e.target_code, e.doc_id, e.evidence, d.title
        FROM events e JOIN documents d USING (doc_id) WHERE event_id = ?""",
        [event_id],
    )[0]
    assert page.inner_text("#event-cameo") == cameo
    assert page.inner_text("#event-source") == source
    assert page.inner_text("#event-target") == target
    assert page.inner_text("#event-evidence") == evidence
    shot(page, "4-event")
    # -> article, scrolled to the evidence with the trigger highlighted
    page.click("#article-link")
    page.wait_for_url(f"**/documents/{doc_id}#ev-{event_id}")
    assert page.inner_text("#doc-title") == title
    trigger_start, trigger_end, text = q(
        store,
        """
        SELECT e.trigger_start, e.trigger_end, d.text FROM events e JOIN documents d USING (doc_id)
        WHERE event_id = ?""",
        [event_id],
    )[0]
    focused = page.locator(".doc-text .trigger.focus")
    assert focused.count() >= 1
    assert focused.first.inner_text() == text[trigger_start:trigger_end]
    assert page.locator(f"#side-{event_id}.focus").count() == 1
    assert page.locator(f"#ev-{event_id}").count() == 1
    assert page.inner_text("#doc-text") == text
    shot(page, "5-article")
    page.uncheck('#layers input[data-layer="trigger"]')
    assert "hide-trigger" in (page.get_attribute("body", "class") or "")


def test_network_map_search_quotes(page: Any, store: Path) -> None:
    page.goto(page.base + "/network")
    ((pairs,),) = q(store, f"SELECT count(*) FROM ({PAIRS})")
    page.wait_for_selector("#network-chart svg path.edge")
    assert page.locator("#network-chart path.edge").count() == pairs
    shot(page, "6-network")
    page.goto(page.base + "/network?start=2018-03-01&end=2018-03-31")
    march_pairs = PAIRS.replace(
        "WHERE", "WHERE coalesce(date, pub_date) BETWEEN '2018-03-01' AND '2018-03-31' AND", 1
    )
    ((march,),) = q(store, f"SELECT count(*) FROM ({march_pairs})")
    assert page.locator("#network-chart path.edge").count() == march
    page.goto(page.base + "/map")
    ((located,),) = q(
        store, "SELECT count(DISTINCT loc_name) FROM events WHERE loc_lat IS NOT NULL"
    )
    page.wait_for_selector("#map-chart svg circle.place")
    page.wait_for_selector("#map-chart[data-land]", timeout=30_000)
    assert int(page.get_attribute("#map-chart", "data-land") or 0) > 1000  # land background drawn
    assert page.locator("#map-chart circle.place").count() == located
    shot(page, "7-map")
    page.goto(page.base + "/search?q=accused")
    ((accused,),) = q(
        store, "SELECT count(*) FROM events WHERE strpos(lower(evidence), 'accused') > 0"
    )
    assert page.inner_text("#result-count").startswith(f"{accused} event mentions")
    assert page.locator("table.events tbody tr").count() == accused
    shot(page, "8-search")
    page.goto(page.base + "/quotes")
    ((quotes,),) = q(store, "SELECT count(*) FROM quotes")
    assert page.locator("#quotes tbody tr").count() == quotes
    shot(page, "9-quotes")
    page.goto(page.base + "/api-docs")
    assert page.locator("#api-ops tbody tr").count() >= 15
