"""Counts read from the ``cluster_days`` pre-aggregate equal the direct queries over ``events``
(:mod:`eventwire.store.aggregates`): on a synthetic store, with clusters whose mentions differ,
after incremental writes, after a recluster, and on a store migrated from schema 4; the mixed
clusters' counts read from ``mixed_mentions`` (kept and migrated as ``cluster_days``); the actor
rankings read from ``actor_ranks`` equal those read from the cluster rows and the direct ones,
on the same stores and on one migrated from schema 6."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import duckdb
import pytest
from test_clusters_table import corpus

from eventwire.store import aggregates, browse, queries, textindex
from eventwire.store.bench_queries import _batch_tables, sample_params
from eventwire.store.bench_store import generate
from eventwire.store.db import Store
from eventwire.store.filters import COUNTED, EventFilter
from eventwire.store.schema import (
    CLUSTER_DAYS_ROWS,
    SCHEMA_VERSION,
    actor_rank_rows,
    mixed_mention_rows,
)

Query = Callable[[duckdb.DuckDBPyConnection], Any]
CLUSTER_DAYS = "SELECT * FROM cluster_days ORDER BY cluster_id, date"


def _round(value: Any) -> Any:
    return round(value, 2) if isinstance(value, float) else value


def normal(result: Any) -> Any:
    """Floats to 2 decimals (sums in another order differ in the last bits) and rows sorted
    (ties of the queries' ORDER BY come in any order)."""
    if isinstance(result, browse.Page):
        return result.total, normal(result.items)
    if isinstance(result, tuple):
        return result[0], sorted((tuple(map(_round, r)) for r in result[1]), key=repr)
    if isinstance(result, list):
        return sorted(({k: _round(v) for k, v in d.items()} for d in result), key=repr)
    if isinstance(result, dict):
        return {k: normal(v) if isinstance(v, list | dict) else v for k, v in result.items()}
    return result


def filters(con: duckdb.DuckDBPyConnection) -> list[EventFilter]:
    p = sample_params(con)
    day = p.dates[0] if p.dates else dt.date(2018, 6, 9)
    actor, other = (p.actors * 2)[:2] if p.actors else ("RUS", "CHN")
    dyad = p.dyads[0] if p.dyads else ("RUS", "CHN")
    return [
        EventFilter(),
        EventFilter(actor=actor),
        EventFilter(source=other, target=actor),
        EventFilter(dyad=dyad, directed=False),
        EventFilter(dyad=dyad),
        EventFilter(cameo_root=(p.roots or ["04"])[0]),
        EventFilter(quad_class=3),
        EventFilter(place=(p.places or ["Moscow"])[0]),
        EventFilter(year=day.year),
        EventFilter(start=day, end=day + dt.timedelta(days=90)),
        EventFilter(start=day),
        EventFilter(end=day),
        EventFilter(start=day, end=day),
        EventFilter(start=dt.date(day.year, 1, 1), end=dt.date(day.year, 3, 31)),
        EventFilter(actor=actor, year=day.year),
        EventFilter(start=day, end=day - dt.timedelta(days=1)),  # empty range
        EventFilter(q="the"),  # not servable: from events
    ]


def query_calls(
    con: duckdb.DuckDBPyConnection, *, few: bool = False
) -> Iterator[tuple[str, Query]]:
    for f in filters(con)[: 4 if few else None] + (filters(con)[8:10] if few else []):
        for by in ("day", "week", "month", "year"):
            yield f"series {by} {f}", lambda c, f=f, by=by: queries.series(c, f, by=by)
        for level in ("country", "sector", "actor"):
            yield (
                f"dyads {level} {f}",
                lambda c, f=f, lv=level: queries.top_dyads(c, f, level=lv, limit=None),
            )
            yield (
                f"undirected dyads {level} {f}",
                lambda c, f=f, lv=level: queries.top_dyads(
                    c, f, level=lv, limit=None, directed=False, self_loops=True
                ),
            )
            yield (
                f"actors {level} {f}",
                lambda c, f=f, lv=level: queries.top_actors(c, f, level=lv, limit=None),
            )
        yield f"events {f}", lambda c, f=f: queries.top_events(c, f, limit=30)
        yield f"map {f}", lambda c, f=f: queries.event_places(c, f, limit=None)
        yield f"network {f}", lambda c, f=f: queries.network(c, f, min_events=2)
        yield f"clusters {f}", lambda c, f=f: browse.list_clusters(c, f, limit=40, offset=5)
        for offset in (0, 7, 120):  # count and page from one scan of the matching rows
            yield (
                f"event list {offset} {f}",
                lambda c, f=f, o=offset: browse.list_events(c, f, limit=30, offset=o),
            )


def assert_same_as_direct(con: duckdb.DuckDBPyConnection, *, few: bool = False) -> int:
    """Every query (``few``: under 6 filters), with the pre-aggregate and without; returns how
    many returned rows."""
    non_empty = 0
    for name, call in query_calls(con, few=few):
        fast = normal(call(con))
        with aggregates.direct_queries():
            direct = normal(call(con))
        assert fast == direct, name
        non_empty += bool(fast[1] if isinstance(fast, tuple) else fast)
    return non_empty


def assert_table_is_rebuilt(store: Store) -> None:
    """The maintained rows equal the rows computed from scratch."""
    fresh = store.con.execute(
        CLUSTER_DAYS_ROWS.format(where="true") + " ORDER BY cluster_id, date"
    ).fetchall()
    assert store.con.execute(CLUSTER_DAYS).fetchall() == fresh
    assert_ranks_are_rebuilt(store.con)
    assert_mixed_are_rebuilt(store.con)


def assert_mixed_are_rebuilt(con: duckdb.DuckDBPyConnection) -> None:
    """The maintained ``mixed_mentions`` rows equal those selected from scratch."""
    fresh = mixed_mention_rows("events", "cluster_days")
    got = con.execute("SELECT * FROM mixed_mentions ORDER BY ALL").fetchall()
    assert got == con.execute(f"SELECT * FROM ({fresh}) ORDER BY ALL").fetchall()


def _ranks(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    # m_self: 0 after a subtraction where a rebuild has NULL; Goldstein sums in another order
    return con.execute(
        "SELECT level, side, actor, name, cameo_root, quad_class, ev, m, coalesce(m_self, 0), "
        f"round(gs, 6), gc FROM ({sql}) ORDER BY ALL"
    ).fetchall()


def assert_ranks_are_rebuilt(con: duckdb.DuckDBPyConnection) -> None:
    """The maintained ``actor_ranks`` rows equal those computed from scratch."""
    assert _ranks(con, "SELECT * FROM actor_ranks") == _ranks(con, actor_rank_rows("cluster_days"))


def rank_filters(con: duckdb.DuckDBPyConnection) -> list[EventFilter]:
    """Every combination of the filters ``actor_ranks`` serves (none, root, quad class), one
    root and quad class that do not go together, and a root no event has."""
    row = con.execute(
        "SELECT cameo_root, min(quad_class) FROM events WHERE cameo_root IS NOT NULL "
        "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
    ).fetchone()
    root, quad = (row[0], row[1]) if row else ("04", 1)
    q = int(quad) if quad is not None else 1
    return [
        EventFilter(),
        EventFilter(cameo_root=root),
        EventFilter(quad_class=q),
        EventFilter(quad_class=5 - q),
        EventFilter(cameo_root=root, quad_class=q),
        EventFilter(cameo_root=root, quad_class=5 - q),
        EventFilter(cameo_root="99"),
    ]


def assert_rankings_same(con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch) -> int:
    """Each ranking ``actor_ranks`` serves, at every level and a few limits: the same from
    ``actor_ranks``, from the cluster rows (the former query) and from ``events``; returns
    how many returned rows."""
    non_empty = 0
    for f in rank_filters(con):
        assert aggregates.ranks_serve(con, f), f
        for level in ("country", "sector", "actor", "code"):
            for limit in (None, 20, 1):
                fast = queries.top_actors(con, f, level=level, limit=limit)
                with monkeypatch.context() as m:
                    m.setattr(aggregates, "ranks_serve", lambda *a: False)
                    clusters = queries.top_actors(con, f, level=level, limit=limit)
                with aggregates.direct_queries():
                    direct = queries.top_actors(con, f, level=level, limit=limit)
                name = f"{level} {limit} {f}"
                # the order too (ties are broken by actor), with the Goldstein mean to 2 places
                assert normal(fast) == normal(clusters) == normal(direct), name
                assert [r[:6] for r in fast[1]] == [r[:6] for r in clusters[1]], name
                non_empty += bool(fast[1])
    return non_empty


@pytest.fixture(scope="module")
def synthetic() -> Iterator[Store]:
    with Store.connect() as store:
        generate(store.con, 6000, seed=5)
        yield store


def test_synthetic_store_counts_equal_the_direct_queries(synthetic: Store) -> None:
    assert aggregates.has_mixed(synthetic.con)  # about 1 % of its clusters, as real output
    assert assert_same_as_direct(synthetic.con) > 100


def test_actor_rankings_from_actor_ranks(synthetic: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_ranks_are_rebuilt(synthetic.con)
    assert assert_rankings_same(synthetic.con, monkeypatch) >= 48


@pytest.mark.parametrize(
    "flt,serves",
    [
        (EventFilter(), True),
        (EventFilter(cameo_root="04", quad_class=1), True),
        (EventFilter(actor="RUS"), False),
        (EventFilter(year=2018), False),
        (EventFilter(place="Moscow"), False),
        (EventFilter(directed=False), False),
        (EventFilter(include_negated=True), False),
        (EventFilter(q="the"), False),
    ],
)
def test_actor_ranks_serve_only_root_and_quad(flt: EventFilter, serves: bool) -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE cluster_days (x INTEGER)")
    assert aggregates.ranks_serve(con, flt) is serves
    with aggregates.direct_queries():
        assert not aggregates.ranks_serve(con, flt)
    con.execute("CREATE TEMP VIEW cluster_days AS SELECT 1 AS x")  # an archive attached
    assert not aggregates.ranks_serve(con, EventFilter())


def test_mixed_clusters_are_read_from_events() -> None:
    with Store.connect() as store:
        generate(store.con, 2000, seed=6)
        # some clusters get a mention with another actor code, place, quad class and day
        store.con.execute(
            "UPDATE events SET source_code = source_code || 'FRM', loc_name = 'Elsewhere', "
            "quad_class = 4, date = date + 40 "
            "WHERE idx = 1 AND hash(event_id) % 5 = 0 AND cluster_id IS NOT NULL"
        )
        with store.transaction():
            store.refresh_clusters(None)
        textindex.rebuild(store.con)  # the postings keep each row's day: new dates, new index
        assert aggregates.has_mixed(store.con)
        assert assert_same_as_direct(store.con) > 100
        assert_ranks_are_rebuilt(store.con)
        assert_mixed_are_rebuilt(store.con)


def test_counts_read_no_events_for_mixed_clusters(synthetic: Store) -> None:
    """With the store's clusters served by ``cluster_days`` and ``mixed_mentions``, the counts
    of every servable filter read neither ``events`` nor its mixed clusters' rows from it: the
    same results with ``events`` made a view that fails when read."""
    con = synthetic.con
    calls = [
        (name, call)
        for name, call in query_calls(con)
        if not name.startswith(("event list", "network", "events"))
        and "q='the'" not in name  # a text filter reads events
    ]
    want = [normal(call(con)) for _, call in calls]
    # a TEMP view comes before the table of the same name (as an attached archive's views)
    db = (con.execute("SELECT current_database()").fetchone() or ("memory",))[0]
    con.execute(
        f"CREATE TEMP VIEW events AS SELECT * FROM {db}.main.events WHERE error('events read')"
    )
    try:
        with pytest.raises(duckdb.Error, match="events read"):
            con.execute("SELECT count(*) FROM events").fetchall()
        for (name, call), expected in zip(calls, want, strict=True):
            assert normal(call(con)) == expected, name
    finally:
        con.execute("DROP VIEW temp.events")
    assert len(calls) > 150


@pytest.mark.parametrize("sizes", [[60], [7, 13, 1, 1, 1, 37]])
def test_incremental_writes_keep_the_table(sizes: list[int]) -> None:
    anns = corpus()
    with Store.connect() as store:
        start = 0
        for size in sizes:
            store.write_batch(anns[start : start + size])
            start += size
            assert_table_is_rebuilt(store)
        store.write_tables(_batch_tables(100, seed=11, prefix="x-", start="2018-06-09"))
        assert_table_is_rebuilt(store)
        assert assert_same_as_direct(store.con, few=True) > 50


def test_incremental_writes_keep_the_actor_ranks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches into a synthetic store: new clusters, mentions joining stored ones (their rows
    replaced), and feeds of several batches."""
    with Store.connect() as store:
        generate(store.con, 3000, seed=7)
        for i, start in enumerate(("2018-06-09", "2019-02-01", "2018-06-09")):
            store.write_tables(_batch_tables(40, seed=20 + i, prefix=f"b{i}-", start=start))
            assert_table_is_rebuilt(store)
        assert assert_rankings_same(store.con, monkeypatch) >= 48
        assert assert_same_as_direct(store.con, few=True) > 50


def test_recluster_keeps_the_table() -> None:
    with Store.connect() as store:
        for a in corpus(40):
            store.write_batch([a])
        store.con.execute("DELETE FROM actor_ranks")  # the recluster rebuilds it
        store.recluster()
        assert_table_is_rebuilt(store)
        assert assert_same_as_direct(store.con, few=True) > 50


def test_schema_4_store_gets_the_table(tmp_path: Any) -> None:
    path = tmp_path / "v4.duckdb"
    with Store.connect(path) as store:
        store.write_batch(corpus(30))
        want = store.con.execute(CLUSTER_DAYS).fetchall()
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE cluster_days")
    con.execute("DROP TABLE actor_ranks")
    con.execute("DROP TABLE mixed_mentions")
    for table in ("text_vocab", "text_postings", "text_index_state"):
        con.execute(f"DROP TABLE {table}")
    for table in ("doc_postings", "quote_postings"):
        con.execute(f"DROP TABLE {table}")
    con.execute("DELETE FROM schema_version")
    con.execute("INSERT INTO schema_version (version) VALUES (4)")
    con.close()
    with Store.connect(path) as store:
        assert store.version() == SCHEMA_VERSION
        assert store.con.execute(CLUSTER_DAYS).fetchall() == want
        assert_ranks_are_rebuilt(store.con)
        assert_mixed_are_rebuilt(store.con)
        assert textindex.is_current(store.con)
        assert assert_search_same_as_scan(store.con) > 10


def test_schema_5_store_gets_the_document_and_quote_index(tmp_path: Any) -> None:
    path = tmp_path / "v5.duckdb"
    with Store.connect(path) as store:
        store.write_batch(corpus(30))
    con = duckdb.connect(str(path))
    for table in ("doc_postings", "quote_postings", "actor_ranks", "mixed_mentions"):
        con.execute(f"DROP TABLE {table}")
    for column in ("next_doc", "next_quote"):
        con.execute(f"ALTER TABLE text_index_state DROP COLUMN {column}")
    con.execute("INSERT INTO schema_version (version) VALUES (5)")
    con.execute("DELETE FROM schema_version WHERE version > 5")
    con.close()
    with duckdb.connect(str(path), read_only=True) as old:  # served before a migration: scans
        assert textindex.search_text(old, "documents", "e", limit=5, offset=0) is None
        assert browse.list_quotes(old, q="e", limit=5).total > 0
    with Store.connect(path) as store:
        assert store.version() == SCHEMA_VERSION
        assert_ranks_are_rebuilt(store.con)
        assert_mixed_are_rebuilt(store.con)
        for source in textindex.SOURCES:
            assert textindex.is_current(store.con, source)
        assert textindex.search_text(store.con, "documents", "e", limit=5, offset=0)
        assert assert_search_same_as_scan(store.con) > 10


def test_schema_6_store_gets_the_actor_ranks(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "v6.duckdb"
    with Store.connect(path) as store:
        generate(store.con, 2000, seed=8)
        store.write_tables(_batch_tables(30, seed=9, prefix="m-", start="2018-06-09"))
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE actor_ranks")
    con.execute("DROP TABLE mixed_mentions")
    con.execute("DELETE FROM schema_version")
    con.execute("INSERT INTO schema_version (version) VALUES (6)")
    con.close()
    with (  # served before a migration: no actor_ranks (the queries do not need it read-only)
        duckdb.connect(str(path), read_only=True) as old,
        pytest.raises(duckdb.CatalogException),
    ):
        old.execute("SELECT * FROM actor_ranks")
    with Store.connect(path) as store:
        assert store.version() == SCHEMA_VERSION == 9
        assert_ranks_are_rebuilt(store.con)
        assert_mixed_are_rebuilt(store.con)
        assert assert_rankings_same(store.con, monkeypatch) >= 48
        store.write_tables(_batch_tables(30, seed=10, prefix="n-", start="2019-02-01"))
        assert_table_is_rebuilt(store)
        assert assert_rankings_same(store.con, monkeypatch) >= 48


def test_schema_7_store_gets_the_mixed_mentions(tmp_path: Any) -> None:
    path = tmp_path / "v7.duckdb"
    with Store.connect(path) as store:
        generate(store.con, 2000, seed=9)
        store.write_tables(_batch_tables(30, seed=9, prefix="m-", start="2018-06-09"))
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE mixed_mentions")
    con.execute("DELETE FROM schema_version")
    con.execute("INSERT INTO schema_version (version) VALUES (7)")
    con.close()
    with Store.connect(path) as store:
        assert store.version() == SCHEMA_VERSION
        assert aggregates.has_mixed(store.con)
        assert_mixed_are_rebuilt(store.con)
        assert assert_same_as_direct(store.con, few=True) > 50
        store.write_tables(_batch_tables(30, seed=10, prefix="n-", start="2019-02-01"))
        assert_table_is_rebuilt(store)
        assert assert_same_as_direct(store.con, few=True) > 50


@pytest.mark.parametrize(
    "flt,servable",
    [
        (EventFilter(), True),
        (EventFilter(actor="RUS", year=2018, quad_class=1, place="Moscow"), True),
        (EventFilter(dyad=("RUS", "CHN"), directed=False, start=dt.date(2018, 1, 1)), True),
        (EventFilter(q="talks"), False),
        (EventFilter(doc_id="d1"), False),
        (EventFilter(cameo="042"), False),
        (EventFilter(plover="CONSULT"), False),
        (EventFilter(day_precise=True), False),
    ],
)
def test_servable_filters(flt: EventFilter, servable: bool) -> None:
    assert aggregates.servable(flt) is servable


@pytest.mark.parametrize(
    "unit,day,start",
    [
        ("week", dt.date(2024, 1, 3), dt.date(2024, 1, 1)),
        ("month", dt.date(2024, 2, 29), dt.date(2024, 2, 1)),
        ("year", dt.date(2024, 12, 31), dt.date(2024, 1, 1)),
        ("day", dt.date(2024, 12, 31), dt.date(2024, 12, 31)),
    ],
)
def test_period_start_is_date_trunc(unit: str, day: dt.date, start: dt.date) -> None:
    assert aggregates.period_start(day, unit) == start
    con = duckdb.connect()
    row = con.execute(f"SELECT CAST(date_trunc('{unit}', DATE '{day}') AS DATE)").fetchone()
    assert row == (start,)


@pytest.mark.parametrize("offset", [0, 10, 60, 999, 1000, 1499, 2500, 5800, 5900, 7000])
def test_event_pages_read_their_days(synthetic: Store, offset: int) -> None:
    fast = browse.list_events(synthetic.con, EventFilter(), limit=50, offset=offset)
    with aggregates.direct_queries():
        direct = browse.list_events(synthetic.con, EventFilter(), limit=50, offset=offset)
    assert fast == direct and fast.total > 5000
    assert len(fast.items) == max(0, min(50, fast.total - offset))


def test_event_pages_with_undated_mentions() -> None:
    with Store.connect() as store:
        generate(store.con, 1500, seed=8)
        # undated mentions (no event date, no publication date) come last
        store.con.execute(
            "UPDATE events SET date = NULL, pub_date = NULL WHERE hash(event_id) % 7 = 0"
        )
        with store.transaction():
            store.refresh_clusters(None)
        total = browse.list_events(store.con, EventFilter(), limit=1).total
        for offset in (0, 1000, total - 250, total - 120, total - 30, total - 1, total):
            fast = browse.list_events(store.con, EventFilter(), limit=50, offset=offset)
            with aggregates.direct_queries():
                direct = browse.list_events(store.con, EventFilter(), limit=50, offset=offset)
            assert fast == direct, offset


def search_calls(con: duckdb.DuckDBPyConnection) -> Iterator[tuple[str, Any]]:
    words = sample_params(con).words[:6]
    for q in [*words, *(w[1:4].upper() for w in words), "Talks", "e", "zzzq", "fired on"]:
        for offset in (0, 3, 40):
            for neg in (False, True):
                flt = EventFilter(q=q, include_negated=neg)
                yield (
                    f"{q} {offset} {neg}",
                    lambda c, f=flt, o=offset: browse.list_events(c, f, limit=20, offset=o),
                )
            # documents (title or text) and quotes (content): the same index, schema 6
            yield (
                f"documents {q} {offset}",
                lambda c, q=q, o=offset: browse.list_documents(c, q=q, limit=20, offset=o),
            )
            yield (
                f"quotes {q} {offset}",
                lambda c, q=q, o=offset: browse.list_quotes(c, q=q, limit=20, offset=o),
            )


def assert_search_same_as_scan(con: duckdb.DuckDBPyConnection) -> int:
    found = 0
    for name, call in search_calls(con):
        fast = call(con)
        with aggregates.direct_queries():
            assert fast == call(con), name
        found += fast.total
    return found


def test_evidence_search_through_the_word_index(synthetic: Store) -> None:
    assert assert_search_same_as_scan(synthetic.con) > 1000


def test_word_index_after_writes_and_recluster() -> None:
    with Store.connect() as store:
        for a in corpus(30):
            store.write_batch([a])
        store.write_tables(_batch_tables(50, seed=12, prefix="y-", start="2018-06-09"))
        assert assert_search_same_as_scan(store.con) > 100
        store.recluster()
        assert assert_search_same_as_scan(store.con) > 100


def test_word_index_built_in_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textindex, "CHUNK", 700)  # rows split into words at a time
    with Store.connect() as store:
        generate(store.con, 3000, seed=9)
        assert textindex.indexed_upto(store.con) == 3000
        runs = store.con.execute("SELECT count(*) FROM text_postings WHERE r % 700 = 0")
        assert runs.fetchall()[0][0] > 0
        assert assert_search_same_as_scan(store.con) > 500


def test_rows_the_index_has_not_read_are_scanned(synthetic: Store) -> None:
    cols = ("next_rowid", "next_doc", "next_quote")
    before = synthetic.con.execute(f"SELECT {', '.join(cols)} FROM text_index_state").fetchall()
    synthetic.con.execute(
        "UPDATE text_index_state SET " + ", ".join(f"{c} = {c} - 10" for c in cols)
    )
    try:
        assert not textindex.is_current(synthetic.con)
        assert textindex.search(synthetic.con, EventFilter(q="the"), limit=5, offset=0) is None
        for source in ("documents", "quotes"):
            assert not textindex.is_current(synthetic.con, source)
            assert textindex.search_text(synthetic.con, source, "the", limit=5, offset=0) is None
        assert assert_search_same_as_scan(synthetic.con) > 1000
    finally:
        synthetic.con.execute(
            "UPDATE text_index_state SET " + ", ".join(f"{c} = ?" for c in cols), list(before[0])
        )


def test_cluster_ids_whatever_the_batches_of_a_feed() -> None:
    """Ingest finds the clusters a mention may join from each cluster's anchor and window
    (cluster_days): the same ids as one batch, over synthetic days, precisions and undated."""
    import pyarrow.compute as pc

    tables = _batch_tables(400, seed=21, prefix="f-", start="2020-01-01", days=40)
    tables["documents"] = tables["documents"].sort_by(
        [("date", "ascending"), ("doc_id", "ascending")]
    )
    docs = tables["documents"]["doc_id"].to_pylist()  # the feed's order, in both stores
    q = "SELECT event_id, cluster_id FROM events ORDER BY event_id"
    with Store.connect() as one, Store.connect() as many:
        one.write_tables(tables)
        for part in (docs[:90], docs[90:91], docs[91:250], docs[250:]):
            keep = {
                name: t.filter(pc.is_in(t["doc_id"], value_set=pa_array(part)))
                for name, t in tables.items()
            }
            many.write_tables(keep)
        assert one.con.execute(q).fetchall() == many.con.execute(q).fetchall()
        merged = one.con.execute("SELECT count(*) FROM event_clusters WHERE num_mentions > 1")
        assert merged.fetchall()[0][0] > 50
        assert_table_is_rebuilt(many)


def pa_array(values: list[str]) -> Any:
    import pyarrow as pa

    return pa.array(values, pa.string())


def _reference_documents(con: duckdb.DuckDBPyConnection, q: str, limit: int, offset: int) -> Any:
    where = "(strpos(lower(d.title), lower(?)) > 0 OR strpos(lower(d.text), lower(?)) > 0)"
    total = con.execute(f"SELECT count(*) FROM documents d WHERE {where}", [q, q]).fetchall()
    ids = con.execute(
        f"SELECT d.doc_id FROM documents d WHERE {where} "
        "ORDER BY d.date NULLS LAST, d.doc_id LIMIT ? OFFSET ?",
        [q, q, limit, offset],
    ).fetchall()
    return total[0][0], [r[0] for r in ids]


def _reference_quotes(con: duckdb.DuckDBPyConnection, q: str, limit: int, offset: int) -> Any:
    where = "strpos(lower(qt.content_text), lower(?)) > 0"
    total = con.execute(f"SELECT count(*) FROM quotes qt WHERE {where}", [q]).fetchall()
    keys = con.execute(
        f"SELECT qt.doc_id, qt.idx FROM quotes qt LEFT JOIN documents d USING (doc_id) "
        f"WHERE {where} ORDER BY d.date NULLS LAST, qt.doc_id, qt.idx LIMIT ? OFFSET ?",
        [q, limit, offset],
    ).fetchall()
    return total[0][0], keys


@pytest.mark.parametrize("offset", [0, 7, 100000])
def test_document_and_quote_search_read_the_text_once(synthetic: Store, offset: int) -> None:
    for q in [*sample_params(synthetic.con).words[:5], "Talks", "zzzq", "of the"]:
        docs = browse.list_documents(synthetic.con, q=q, limit=15, offset=offset)
        want = _reference_documents(synthetic.con, q, 15, offset)
        assert (docs.total, [d["doc_id"] for d in docs.items]) == want
        assert docs.offset == offset and all("events" in d for d in docs.items)
        quotes = browse.list_quotes(synthetic.con, q=q, limit=15, offset=offset)
        want = _reference_quotes(synthetic.con, q, 15, offset)
        assert (quotes.total, [(x["doc_id"], x["idx"]) for x in quotes.items]) == want


def _reference_clusters(
    con: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int, offset: int
) -> Any:
    where, params = flt.where()
    matching = (
        "SELECT * FROM event_clusters WHERE cluster_id IN "
        f"(SELECT e.cluster_id FROM events e WHERE {where} AND {COUNTED})"
    )
    total = con.execute(f"SELECT count(*) FROM ({matching})", params).fetchall()
    ids = con.execute(
        f"SELECT cluster_id FROM ({matching}) "
        "ORDER BY num_mentions DESC, event_date NULLS LAST, cluster_id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return total[0][0], [r[0] for r in ids]


@pytest.mark.parametrize("offset", [0, 7, 100000])
def test_cluster_list_counts_and_pages_in_one_pass(synthetic: Store, offset: int) -> None:
    """The cluster list's count and page (the filter's clusters found once, the mixed ones
    from their own mentions) equal a count and a page of ``event_clusters``."""
    for flt in filters(synthetic.con):
        want = _reference_clusters(synthetic.con, flt, 25, offset)
        for direct in (False, True):
            with aggregates.direct_queries() if direct else contextlib.nullcontext():
                page = browse.list_clusters(synthetic.con, flt, limit=25, offset=offset)
            assert (page.total, [c["cluster_id"] for c in page.items]) == want, (flt, direct)


def _reference_speaker(
    con: duckdb.DuckDBPyConnection, speaker: str, limit: int, offset: int
) -> Any:
    where = (
        "(starts_with(qt.speaker_code, upper(?)) OR qt.speaker_country = upper(?) OR "
        "strpos(lower(coalesce(qt.speaker_text, '')), lower(?)) > 0 OR "
        "strpos(lower(coalesce(qt.speaker_name, '')), lower(?)) > 0 OR "
        "starts_with(qt.speaker_actor_code, upper(?)) OR "
        "strpos(lower(coalesce(qt.speaker_actor_name, qt.speaker_actor_text, '')), lower(?)) > 0)"
    )
    total = con.execute(f"SELECT count(*) FROM quotes qt WHERE {where}", [speaker] * 6).fetchall()
    rows = con.execute(
        f"SELECT {browse.QUOTE_COLUMNS}, d.date, d.title AS doc_title "
        f"FROM quotes qt LEFT JOIN documents d USING (doc_id) WHERE {where} "
        "ORDER BY d.date NULLS LAST, qt.doc_id, qt.idx LIMIT ? OFFSET ?",
        [*[speaker] * 6, limit, offset],
    )
    cols = [c[0] for c in rows.description or ()]
    return total[0][0], [dict(zip(cols, r, strict=True)) for r in rows.fetchall()]


@pytest.mark.parametrize("offset", [0, 9, 40])
def test_quotes_by_speaker_read_their_documents_by_day(synthetic: Store, offset: int) -> None:
    speakers = [*sample_params(synthetic.con).speakers[:4], "rus", "Government", "zzzq"]
    found = 0
    for speaker in speakers:
        page = browse.list_quotes(synthetic.con, speaker=speaker, limit=25, offset=offset)
        assert (page.total, page.items) == _reference_speaker(synthetic.con, speaker, 25, offset)
        found += len(page.items)
    assert found > 10


def test_titles_of_documents_dated_otherwise() -> None:
    """A page's documents are read among those of its days, then by id: a document whose date
    differs from its events' publication date, or that has none, keeps its title."""
    with Store.connect() as store:
        generate(store.con, 1500, seed=13)
        store.con.execute("UPDATE documents SET date = date + 40 WHERE hash(doc_id) % 3 = 0")
        store.con.execute("UPDATE documents SET date = NULL WHERE hash(doc_id) % 3 = 1")
        titles = dict(store.con.execute("SELECT doc_id, title FROM documents").fetchall())
        p = sample_params(store.con)
        for flt in (EventFilter(), EventFilter(actor=p.actors[0]), EventFilter(q=p.words[0])):
            page = browse.list_events(store.con, flt, limit=40)
            assert page.items and all(i["doc_title"] == titles[i["doc_id"]] for i in page.items)
        quotes = browse.list_quotes(store.con, speaker=p.speakers[0], limit=40)
        assert quotes.items and all(i["doc_title"] == titles[i["doc_id"]] for i in quotes.items)


@pytest.mark.parametrize("span,clusters", [(0, 10**6), (0, 0), (10**6, 0)])
def test_filtered_event_pages_by_days_or_by_clusters(
    synthetic: Store, monkeypatch: pytest.MonkeyPatch, span: int, clusters: int
) -> None:
    """A filtered page reads its days, or the rows of its clusters: the direct query's rows
    whichever way (and at deep offsets)."""
    monkeypatch.setattr(browse, "SPAN_DAYS", span)
    monkeypatch.setattr(browse, "PAGE_CLUSTERS", clusters)
    non_empty = 0
    some = filters(synthetic.con)[1:-1]
    for flt in [*some, dataclasses.replace(some[0], include_negated=True)]:  # negated: events
        total = browse.list_events(synthetic.con, flt, limit=1).total
        for offset in sorted({0, 7, 120, total // 2, max(total - 30, 0), total + 5}):
            fast = browse.list_events(synthetic.con, flt, limit=30, offset=offset)
            with aggregates.direct_queries():
                assert fast == browse.list_events(synthetic.con, flt, limit=30, offset=offset)
            non_empty += bool(fast.items)
    assert non_empty > 30


@pytest.mark.parametrize("offset", [0, 55, 300])
def test_evidence_search_deeper_pages(synthetic: Store, offset: int) -> None:
    """The page's last day is found among each matching word's first rows by day."""
    words = sample_params(synthetic.con).words
    for q in [*words[:3], *(w[:3] for w in words[:3]), "a", "e"]:
        for neg in (False, True):
            flt = EventFilter(q=q, include_negated=neg)
            fast = browse.list_events(synthetic.con, flt, limit=20, offset=offset)
            with aggregates.direct_queries():
                assert fast == browse.list_events(synthetic.con, flt, limit=20, offset=offset), q
