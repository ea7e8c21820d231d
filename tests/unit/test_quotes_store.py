"""Quotes in the store: the local speaker mention and the resolved speaker (``speaker_actor``)
as columns, the schema 2 -> 3 migration, and the quotes listing that searches both."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pytest
from store_fixtures import make_annotation

from eventwire.records import Actor, Span
from eventwire.store import Store
from eventwire.store.browse import list_quotes
from eventwire.store.schema import EVENT_CLUSTERS_VIEW, SCHEMA_VERSION

PUTIN = Actor("Vladimir Putin", 0, 14, "RUSGOV", "RUS", "GOV", "Vladimir Putin")


def _annotation(text: str, resolved: Actor | Span | None):  # type: ignore[no-untyped-def]
    ann = make_annotation(text)
    (quote,) = ann.quotes
    local = Span("He", 20, 22)
    ann.quotes[0] = dataclasses.replace(quote, speaker=local, speaker_actor=resolved)
    return ann


@pytest.mark.parametrize(
    ("resolved", "want"),
    [
        (PUTIN, ("He", None, "Vladimir Putin", "RUSGOV")),
        (Span("Senator Walsh", 0, 13), ("He", None, "Senator Walsh", None)),
        (None, ("He", None, None, None)),
    ],
)
def test_local_and_resolved_speaker_columns(
    tmp_path: Path, resolved: Actor | Span | None, want: tuple[str | None, ...]
) -> None:
    with Store.connect(tmp_path / "q.duckdb") as store:
        store.write_batch([_annotation("He said we agree. He left.", resolved)])
        row = store.con.execute(
            "SELECT speaker_text, speaker_code, speaker_actor_text, speaker_actor_code FROM quotes"
        ).fetchone()
    assert row == want


def test_quotes_listing_finds_the_resolved_speaker(tmp_path: Path) -> None:
    with Store.connect(tmp_path / "q.duckdb") as store:
        store.write_batch([_annotation("He said we agree. He left.", PUTIN)])
        for speaker, total in (("RUSGOV", 1), ("putin", 1), ("he", 1), ("CHN", 0)):
            page = list_quotes(store.con, speaker=speaker)
            assert page.total == total, speaker
        (item,) = list_quotes(store.con).items
    assert (item["speaker_text"], item["speaker_actor_code"]) == ("He", "RUSGOV")


def test_schema_2_store_gains_the_speaker_actor_columns(tmp_path: Path) -> None:
    path = tmp_path / "v2.duckdb"
    with Store.connect(path) as store:
        store.write_batch([make_annotation("Moscow said we agree.")])
    con = duckdb.connect(str(path))
    for column in [row[0] for row in con.execute("DESCRIBE quotes").fetchall()]:
        if column.startswith("speaker_actor_"):
            con.execute(f'ALTER TABLE quotes DROP COLUMN "{column}"')
    con.execute("DROP TABLE event_clusters")  # a view before schema 4
    con.execute(EVENT_CLUSTERS_VIEW)
    con.execute("DELETE FROM schema_version")
    con.execute("INSERT INTO schema_version (version) VALUES (2)")
    con.close()
    with Store.connect(path) as store:
        assert store.version() == SCHEMA_VERSION
        store.write_batch([_annotation("He said we agree. He left again.", PUTIN)])
        rows = store.con.execute(
            "SELECT speaker_actor_code FROM quotes ORDER BY speaker_actor_code NULLS FIRST"
        ).fetchall()
    assert rows == [(None,), ("RUSGOV",)]


def test_api_and_quotes_page_show_both_speakers(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    import warnings

    with warnings.catch_warnings():  # starlette warns that it prefers httpx2 over httpx
        warnings.filterwarnings("ignore", message=".*httpx2.*")
        from fastapi.testclient import TestClient

    from eventwire.server import create_app

    path = tmp_path / "q.duckdb"
    with Store.connect(path) as store:
        store.write_batch([_annotation("He said we agree. He left.", PUTIN)])
    with TestClient(create_app(path)) as client:
        (item,) = client.get("/api/quotes", params={"speaker": "RUSGOV"}).json()["items"]
        page = client.get("/quotes").text
    assert (item["speaker_text"], item["speaker_actor_name"]) == ("He", "Vladimir Putin")
    assert "He" in page and "→ Vladimir Putin" in page and "RUSGOV" in page
