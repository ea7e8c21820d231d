"""Each export read back: GDELT's 61 columns and types, mentions, PLOVER, ICEWS, CSV, JSONL, Parquet."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest
from store_fixtures import MOSCOW, make_annotation

from eventwire.errors import Errors, StoreError
from eventwire.export import export, renderers
from eventwire.export.codes import fips, split_actor_code
from eventwire.export.formats import ICEWS_COLUMNS
from eventwire.export.gdelt import (
    EVENT_COLUMNS,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    MENTION_COLUMNS,
    format_quotations,
)
from eventwire.store import Store

GDELT_HEAD = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
]
GDELT_TAIL = [
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
]


@pytest.fixture(scope="module")
def store():
    s = Store.connect()
    s.write_batch(
        [
            make_annotation(
                "Moscow and Beijing met on Friday.",
                url="https://example.org/a",
                events=[
                    ("RUSGOV", "CHNGOV", "04", {"location": MOSCOW}),
                    ("USAGOV", "UKRMIL", "19"),
                ],
            ),
            make_annotation(
                "Moscow and Beijing held talks.", source="AFP", events=[("RUSGOV", "CHNGOV", "04")]
            ),
        ]
    )
    yield s
    s.close()


def run(store, fmt, **kw):
    out = io.StringIO()
    n = export(store.con, fmt, out, **kw)
    return n, out.getvalue()


def test_gdelt_columns_are_gdelts():
    assert len(EVENT_COLUMNS) == 61 and len(set(EVENT_COLUMNS)) == 61
    assert list(EVENT_COLUMNS[:15]) == GDELT_HEAD and list(EVENT_COLUMNS[-10:]) == GDELT_TAIL
    assert EVENT_COLUMNS[25:35] == (
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
    )
    assert len(MENTION_COLUMNS) == 16


def test_gdelt_loads_with_types(store):
    pd = pytest.importorskip("pandas")
    n, text = run(store, "gdelt")
    assert n == 2  # two reported events: the RUS-CHN talks (2 mentions) and the attack
    dtypes = {
        c: ("Int64" if c in INT_COLUMNS else "float64" if c in FLOAT_COLUMNS else "string")
        for c in EVENT_COLUMNS
    }
    df = pd.read_csv(
        io.StringIO(text), sep="\t", header=None, names=list(EVENT_COLUMNS), dtype=dtypes
    )
    assert df.shape == (2, 61)
    talks = df[df.EventRootCode == "04"].iloc[0]
    assert talks.EventCode == "040" and talks.EventBaseCode == "040" and talks.QuadClass == 1
    assert (talks.NumMentions, talks.NumSources, talks.NumArticles) == (2, 2, 2)
    assert talks.Actor1CountryCode == "RUS" and talks.Actor1Type1Code == "GOV"
    assert talks.ActionGeo_CountryCode == "RS" and talks.ActionGeo_Type == 4
    assert talks.SQLDATE == 20180608 and talks.SOURCEURL == "https://example.org/a"
    assert df[df.EventRootCode == "19"].iloc[0].GoldsteinScale == -10.0


def test_gdelt_header_option(store):
    _, text = run(store, "gdelt", header=True)
    assert text.splitlines()[0].split("\t") == list(EVENT_COLUMNS)


def test_mentions_round_trip(store):
    n, text = run(store, "gdelt-mentions")
    rows = [line.split("\t") for line in text.splitlines()]
    assert n == 3 and all(len(r) == 16 for r in rows)
    gdelt_ids = {line.split("\t")[0] for line in run(store, "gdelt")[1].splitlines()}
    assert {r[0] for r in rows} == gdelt_ids


def test_plover_and_jsonl(store):
    n, text = run(store, "plover")
    recs = [json.loads(line) for line in text.splitlines()]
    assert n == 3 and {r["event_type"] for r in recs} == {"CONSULT", "FIGHT"}
    r = next(r for r in recs if r["event_location"])
    assert r["provenance"]["trigger"] == {"text": "met", "start": 7, "end": 10}
    assert r["date"] == "2018-06-08" and r["pub_date"] == "2018-06-08" and r["coder"] == "eventwire"
    n, text = run(store, "jsonl")
    assert n == 3 and all(json.loads(line)["cameo"] in ("040", "190") for line in text.splitlines())


def test_icews_and_csv(store):
    _, text = run(store, "icews")
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    assert rows[0] == list(ICEWS_COLUMNS) and len(rows[0]) == 20 and len(rows) == 4
    rec = dict(zip(rows[0], rows[1], strict=True))
    assert rec["Source Country"] in ("Russia", "United States") and rec["CAMEO Code"] in (
        "040",
        "190",
    )
    _, text = run(store, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 3 and {r["cameo"] for r in rows} == {"040", "190"}


def test_parquet_partitioned_by_month(store, tmp_path):
    export(store.con, "parquet", out_dir=tmp_path)
    assert (tmp_path / "events" / "year=2018" / "month=6").is_dir()
    con = duckdb.connect()
    n = con.execute(
        f"SELECT count(*), min(cameo) FROM read_parquet('{tmp_path}/events/**/*.parquet', "
        "hive_partitioning = true)"
    ).fetchone()
    assert n == (3, "040")


def test_gkg_quotations(store):
    n, text = run(store, "gkg-quotations")
    assert n == 2 and text.splitlines()[0].split("\t")[3] == "0|8|said|we agree"
    assert (
        format_quotations([(5, 3, "said", "a|b#c"), (9, 1, None, "x")]) == "5|3|said|a b c#9|1||x"
    )


def test_codes():
    assert (fips("RUS"), fips("CHN"), fips("GBR"), fips(None), fips("XXX")) == (
        "RS",
        "CH",
        "UK",
        "",
        "",
    )
    parts = split_actor_code("RUSGOVMIL", "RUS")
    assert (parts["country"], parts["type1"], parts["type2"]) == ("RUS", "GOV", "MIL")


def test_unknown_format(store):
    assert "gdelt" in renderers()
    with pytest.raises(StoreError) as err:
        run(store, "nope")
    assert err.value.code is Errors.E305
