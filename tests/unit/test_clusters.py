"""The merge rule: same actors (country+sector), same CAMEO root, compatible dates and places."""

from __future__ import annotations

import datetime as dt

import pytest
from store_fixtures import KYIV, MOSCOW, make_annotation

from eventwire.clusters import ClusterIndex, Mention, cluster_key
from eventwire.store import Store

RUS_CHN_04 = cluster_key(
    source=("RUSGOV", "RUS", "GOV"), target=("CHNGOV", "CHN", "GOV"), cameo_root="04"
)
D = dt.date(2018, 6, 8)


def m(
    eid, *, key=RUS_CHN_04, date=D, precision="day", country=None, lat=None, lon=None, negated=False
):
    return Mention(eid, key, date, precision, country, lat, lon, negated)


@pytest.mark.parametrize(
    "second,same",
    [
        (m("b"), True),
        (m("b", date=D + dt.timedelta(days=1)), True),
        (m("b", date=D + dt.timedelta(days=3)), False),
        (m("b", date=D + dt.timedelta(days=20), precision="month"), True),
        (
            m(
                "b",
                key=cluster_key(
                    source=("RUSGOV", "RUS", "GOV"),
                    target=("CHNGOV", "CHN", "GOV"),
                    cameo_root="11",
                ),
            ),
            False,
        ),
        (
            m(
                "b",
                key=cluster_key(
                    source=("RUSMIL", "RUS", "MIL"),
                    target=("CHNGOV", "CHN", "GOV"),
                    cameo_root="04",
                ),
            ),
            False,
        ),
        (
            m(
                "b",
                key=cluster_key(
                    source=("CHNGOV", "CHN", "GOV"),
                    target=("RUSGOV", "RUS", "GOV"),
                    cameo_root="04",
                ),
            ),
            False,
        ),
        (m("b", country="UKR"), True),  # the first mention has no place: compatible
    ],
)
def test_pairs(second, same):
    index = ClusterIndex()
    first = index.assign(m("a"))
    assert (index.assign(second) == first) is same


def test_locations_must_agree():
    index = ClusterIndex()
    a = index.assign(m("a", country="RUS", lat=55.75, lon=37.62))
    assert index.assign(m("b", country="UKR", lat=50.45, lon=30.52)) != a
    assert index.assign(m("c", country="RUS", lat=59.93, lon=30.36)) != a  # St Petersburg: > 300 km
    assert index.assign(m("d", country="RUS", lat=55.9, lon=37.5)) == a


def test_negated_mentions_join_nothing():
    assert ClusterIndex().assign(m("a", negated=True)) is None


def test_ids_are_stable_and_batch_independent():
    anns = [
        make_annotation(
            f"Report {i} of the talks.",
            source=src,
            date=date,
            events=[("RUSGOV", "CHNGOV", "04", {"location": loc})],
        )
        for i, (src, date, loc) in enumerate(
            [
                ("AP", "2018-06-08", MOSCOW),
                ("AFP", "2018-06-09", None),
                ("XIN", "2018-06-08", KYIV),
                ("AP", "2018-06-20", None),
            ]
        )
    ]
    with Store.connect() as one, Store.connect() as two:
        one.write_batch(anns)
        for a in anns:
            two.write_batch([a])
        q = "SELECT event_id, cluster_id FROM events ORDER BY event_id"
        assert one.con.execute(q).fetchall() == two.con.execute(q).fetchall()
        clusters = one.con.execute(
            "SELECT num_mentions, num_sources, num_articles FROM event_clusters "
            "ORDER BY num_mentions DESC"
        ).fetchall()
    # AP+AFP (Moscow, 8th/9th) merge; Kyiv is elsewhere; the 20th is too late
    assert clusters == [(2, 2, 2), (1, 1, 1), (1, 1, 1)]


def test_measure_on_wire_copies():
    from eventwire.clusters import measure, near_duplicates

    story = "Russian and Chinese officials held talks in Moscow on Friday about trade and energy ties today"
    anns = [
        make_annotation(story + " (AP)", date="2018-06-08", events=[("RUSGOV", "CHNGOV", "04")]),
        make_annotation(
            story + " (AFP)", source="AFP", date="2018-06-09", events=[("RUSGOV", "CHNGOV", "04")]
        ),
        make_annotation(
            "Something else entirely happened in a distant place.",
            date="2018-06-08",
            events=[("USAGOV", "UKRMIL", "19")],
        ),
    ]
    with Store.connect() as s:
        s.write_batch(anns)
        figures = measure(s.con)
        pairs = near_duplicates(
            s.con.execute("SELECT doc_id, date, text FROM documents").fetchall()
        )
    assert len(pairs) == 1 and figures["near_duplicate_pairs"] == 1
    assert figures["dup_merge_recall"] == 1.0 and figures["clusters"] == 2
    assert figures["clusters_multi_article"] == 1


def test_weak_keys_need_the_same_words():
    from eventwire.clusters import evidence_words

    said = cluster_key(source=("CHNGOV", "CHN", "GOV"), target=(None, None, None), cameo_root="01")
    index = ClusterIndex()
    a = index.assign(m("a", key=said, precision="publication"))
    # no evidence words at all on either side: Jaccard of two empty sets counts as equal
    assert index.assign(m("b", key=said, precision="publication")) == a
    index = ClusterIndex()
    w1 = evidence_words("China said on Monday it opposes the new tariffs on steel imports")
    w2 = evidence_words("China said on Monday it firmly opposes new tariffs on steel imports")
    w3 = evidence_words("China said the space launch was a success for its programme")
    first = index.assign(Mention("a", said, D, "publication", words=w1))
    assert index.assign(Mention("b", said, D, "publication", words=w2)) == first
    assert index.assign(Mention("c", said, D, "publication", words=w3)) != first


def test_a_vague_date_does_not_open_the_cluster_to_the_year():
    index = ClusterIndex()
    a = index.assign(m("a", date=dt.date(2018, 6, 8), precision="day"))
    assert (
        index.assign(m("b", date=dt.date(2018, 1, 1), precision="year")) == a
    )  # "this year": compatible
    assert (
        index.assign(m("c", date=dt.date(2018, 9, 1), precision="day")) != a
    )  # but not months later


def test_recluster_in_publication_order_matches_incremental():
    anns = [
        make_annotation(
            f"Report {i}.", date=f"2018-06-{8 + i:02d}", events=[("RUSGOV", "CHNGOV", "04")]
        )
        for i in range(4)
    ]
    with Store.connect() as s:
        for a in anns:
            s.write_batch([a])
        q = "SELECT event_id, cluster_id FROM events ORDER BY event_id"
        before = s.con.execute(q).fetchall()
        assert s.recluster() == 2  # 8th-9th-10th chain on the anchor (8th): 8, 9, 10 | 11
        assert s.con.execute(q).fetchall() == before
