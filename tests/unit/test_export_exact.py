"""Every registered export format, compared exactly on a tiny hand-built store.

The expected text below is written from the format references (GDELT 2.0 Event and Mentions
codebooks, GKG 2.1 V2.1QUOTATIONS, ICEWS's 20 columns, POLECAT/PLOVER fields; summarised in
``shared/reference/formats.md``) and from docs/store.md, for this store:

- D1 (AP, 2018-06-08, with a URL): Moscow (RUSGOV) consults Beijing (CHNGOV), CAMEO 040, in Moscow.
- D2 (AFP, 2018-06-09, no URL): the same talks reported again (one reported event, two mentions),
  and a negated 190 by Washington on Ukrainian troops (kept flagged in the flat formats, left out
  of GDELT, its mentions and ICEWS).
- Each document has one direct quote "we agree" (offset 0, 8 characters) with the cue "said".

Ids are content hashes: document ids of the texts, event ids of (document, sentence, code);
the cluster id is the one the store assigned (read from the store, an input here).
"""

from __future__ import annotations

import io

import duckdb
import pytest
from store_fixtures import MOSCOW, make_annotation

from eventwire import __version__
from eventwire.errors import Errors, StoreError
from eventwire.export import Destination, Renderer, export, register_renderer, renderers
from eventwire.records import stable_id
from eventwire.store import Store

T1, T2 = "Moscow and Beijing met on Friday.", "Moscow and Beijing held talks."
D1, D2 = stable_id(T1), stable_id(T2)
E1, E2, E3 = stable_id(D1, 0, "040"), stable_id(D2, 0, "040"), stable_id(D2, 1, "190")


@pytest.fixture(scope="module")
def store():
    s = Store.connect()
    s.write_batch(
        [
            make_annotation(
                T1,
                url="https://example.org/a",
                events=[("RUSGOV", "CHNGOV", "04", {"location": MOSCOW})],
            ),
            make_annotation(
                T2,
                date="2018-06-09",
                source="AFP",
                events=[("RUSGOV", "CHNGOV", "04"), ("USAGOV", "UKRMIL", "19", {"negated": True})],
            ),
        ]
    )
    yield s
    s.close()


@pytest.fixture(scope="module")
def cluster(store) -> str:
    (found,) = store.con.execute(
        "SELECT DISTINCT cluster_id FROM events WHERE NOT negated"
    ).fetchall()
    return found[0]


def render(store, fmt: str, **kw) -> tuple[int, str]:
    out = io.StringIO()
    n = export(store.con, fmt, out, **kw)
    return n, out.getvalue()


def tsv(*rows: list[str]) -> str:
    return "".join("\t".join(r) + "\n" for r in rows)


def test_every_format_is_registered_with_its_spec():
    specs = renderers()
    assert list(specs) == [
        "gdelt",
        "gdelt-mentions",
        "plover",
        "icews",
        "parquet",
        "csv",
        "jsonl",
        "gkg-quotations",
    ]
    assert {n: (s.content_type, s.extension, s.directory) for n, s in specs.items()} == {
        "gdelt": ("text/tab-separated-values", ".tsv", False),
        "gdelt-mentions": ("text/tab-separated-values", ".tsv", False),
        "plover": ("application/x-ndjson", ".jsonl", False),
        "icews": ("text/tab-separated-values", ".tsv", False),
        "parquet": ("application/vnd.apache.parquet", "", True),
        "csv": ("text/csv", ".csv", False),
        "jsonl": ("application/x-ndjson", ".jsonl", False),
        "gkg-quotations": ("text/tab-separated-values", ".tsv", False),
    }
    assert all(s.help for s in specs.values())


def test_gdelt_exact(store, cluster):
    gid = str(int(cluster[:15], 16))
    row = [gid, "20180608", "201806", "2018", "2018.5151"]  # (6 * 30 + 8) / 365 = .5151
    row += ["RUSGOV", "RUSSIA", "RUS", "", "", "", "", "GOV", "", ""]
    row += ["CHNGOV", "CHINA", "CHN", "", "", "", "", "GOV", "", ""]
    row += ["1", "040", "040", "04", "1", "1", "2", "2", "2", ""]
    row += ["0", "", "", "", "", "", "", ""] * 2  # Actor1Geo_*, Actor2Geo_*: not coded
    row += ["4", "Moscow", "RS", "", "", "55.75", "37.62", "524901"]  # 4 WORLDCITY, FIPS RS
    row += ["20180608000000", "https://example.org/a"]
    assert len(row) == 61
    assert render(store, "gdelt") == (1, tsv(row))


def test_gdelt_header_names_the_61_columns(store):
    _, text = render(store, "gdelt", header=True)
    head = text.splitlines()[0].split("\t")
    assert head[:5] == ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    assert head[-2:] == ["DATEADDED", "SOURCEURL"] and len(head) == 61


def test_gdelt_mentions_exact(store, cluster):
    gid = str(int(cluster[:15], 16))
    first = [gid, "20180608000000", "20180608000000", "1", "AP", "https://example.org/a"]
    second = [gid, "20180608000000", "20180609000000", "2", "AFP", D2]  # 2 CITATIONONLY
    tail = ["1", "0", "0", "7", "1", "80"]  # sentence, actor/action offsets, in raw text, conf %
    assert render(store, "gdelt-mentions") == (
        2,
        tsv([*first, *tail, "33", "", "", ""], [*second, *tail, "30", "", "", ""]),
    )


def test_gkg_quotations_exact(store):
    rows = [
        ["20180608000000-1", "20180608000000", "https://example.org/a", "0|8|said|we agree"],
        ["20180609000000-2", "20180609000000", D2, "0|8|said|we agree"],
    ]
    assert render(store, "gkg-quotations") == (2, tsv(*rows))
    header = ["GKGRECORDID", "V2.1DATE", "V2DOCUMENTIDENTIFIER", "V2.1QUOTATIONS"]
    assert render(store, "gkg-quotations", header=True) == (2, tsv(header, *rows))


def test_icews_exact(store):
    header = [
        "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
        "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
        "Target Country", "Story ID", "Sentence Number", "Publisher", "City", "District",
        "Province", "Country", "Latitude", "Longitude",
    ]  # fmt: skip
    talks = [
        "Russia", "Government", "Russia", "Consult, not specified below", "040", "1.0",
        "China", "Government", "China",
    ]  # fmt: skip
    d1 = [str(int(E1[:15], 16)), "2018-06-08", *talks, D1, "1", "AP", "Moscow", "", ""]
    d2 = [str(int(E2[:15], 16)), "2018-06-09", *talks, D2, "1", "AFP", "", "", ""]
    assert render(store, "icews") == (
        2,
        tsv(header, [*d1, "Russia", "55.75", "37.62"], [*d2, "", "", ""]),
    )


def _actor(text, end, code, country, sector, name):
    name_json = "null" if name is None else f'"{name}"'
    return (
        f'{{"actorText": "{text}", "code": "{code}", "country": "{country}", '
        f'"sector": "{sector}", "name": {name_json}, "start": 0, "end": {end}}}'
    )


RUS = _actor("Moscow", 6, "RUSGOV", "RUS", "GOV", "Russia")
CHN = _actor("Beijing", 7, "CHNGOV", "CHN", "GOV", "China")
USA = _actor("Washington", 10, "USAGOV", "USA", "GOV", "United States")
UKR = _actor("Ukrainian troops", 16, "UKRMIL", "UKR", "MIL", None)
IN_MOSCOW = (
    '{"name": "Moscow", "start_char": 0, "end_char": 6, "geonameid": 524901, "lat": 55.75, '
    '"lon": 37.62, "country_code3": "RUS", "feature_class": "city"}'
)


def _plover(eid, day, src, tgt, kind, quad, gold, cameo, loc, pub, doc, sent, neg, cid) -> str:
    cid_json = "null" if cid is None else f'"{cid}"'
    return (
        f'{{"id": "{eid}", "date": "{day}", "event_type": "{kind}", "event_mode": "", '
        f'"event_text": "Sentence {sent}.", "pub_date": "{day}", "source": [{src}], '
        f'"target": [{tgt}], "quad_code": {quad}, "intensity": {gold}, "cameo": "{cameo}", '
        f'"event_type_confidence": {{"{kind}": 0.8}}, "event_location": {loc}, '
        f'"date_resolved": {{"resolved_date": "{day}", "granularity": "publication", '
        f'"value": null}}, "publication": "{pub}", "language": "en", "coder": "eventwire", '
        f'"version": "{__version__}", "provenance": {{"doc_id": "{doc}", "sentence_index": {sent}, '
        f'"evidence": {{"text": "Sentence {sent}.", "start": 0, "end": 11}}, '
        f'"trigger": {{"text": "met", "start": 7, "end": 10}}, "confidence": 0.8, '
        f'"negated": {neg}, "cluster_id": {cid_json}, "event_date": "{day}", '
        f'"date_precision": "publication", "publication_date": "{day}"}}}}\n'
    )


def test_plover_exact(store, cluster):
    expected = (
        _plover(E1, "2018-06-08", RUS, CHN, "CONSULT", 1, 1.0, "040", IN_MOSCOW, "AP", D1, 0, "false", cluster)
        + _plover(E2, "2018-06-09", RUS, CHN, "CONSULT", 1, 1.0, "040", "null", "AFP", D2, 0, "false", cluster)
        + _plover(E3, "2018-06-09", USA, UKR, "FIGHT", 4, -10.0, "190", "null", "AFP", D2, 1, "true", None)
    )  # fmt: skip
    assert render(store, "plover") == (3, expected)


FLAT_COLUMNS = (
    "event_id,doc_id,idx,sentence_index,"
    "source_text,source_start,source_end,source_code,source_country,source_sector,source_name,"
    "target_text,target_start,target_end,target_code,target_country,target_sector,target_name,"
    "cameo,cameo_root,plover,quad_class,goldstein,date,date_value,date_precision,pub_date,"
    "doc_source,loc_text,loc_start,loc_end,loc_name,loc_country,loc_lat,loc_lon,loc_feature,"
    "loc_geonameid,trigger_text,trigger_start,trigger_end,evidence,evidence_start,evidence_end,"
    "confidence,negated,cluster_id,doc_title,doc_url"
)


def test_csv_exact(store, cluster):
    talks = "Moscow,0,6,RUSGOV,RUS,GOV,Russia,Beijing,0,7,CHNGOV,CHN,GOV,China,040,04,CONSULT,1,1.0"
    fight = (
        "Washington,0,10,USAGOV,USA,GOV,United States,Ukrainian troops,0,16,UKRMIL,UKR,MIL,,"
        "190,19,FIGHT,4,-10.0"
    )
    expected = (
        f"{FLAT_COLUMNS}\n"
        f"{E1},{D1},0,0,{talks},2018-06-08,,publication,2018-06-08,AP,"
        f"Moscow,0,6,Moscow,RUS,55.75,37.62,city,524901,met,7,10,Sentence 0.,0,11,0.8,False,"
        f"{cluster},T,https://example.org/a\n"
        f"{E2},{D2},0,0,{talks},2018-06-09,,publication,2018-06-09,AFP,"
        f",,,,,,,,,met,7,10,Sentence 0.,0,11,0.8,False,{cluster},T,\n"
        f"{E3},{D2},1,1,{fight},2018-06-09,,publication,2018-06-09,AFP,"
        f",,,,,,,,,met,7,10,Sentence 1.,0,11,0.8,True,,T,\n"
    )
    assert render(store, "csv") == (3, expected)


def _flat_json(eid, doc, i, src, tgt, code, day, pub, loc, neg, cid, url) -> str:
    return (
        f'{{"event_id": "{eid}", "doc_id": "{doc}", "idx": {i}, "sentence_index": {i}, {src}, '
        f"{tgt}, {code}, "
        f'"date": "{day}", "date_value": null, "date_precision": "publication", '
        f'"pub_date": "{day}", "doc_source": "{pub}", {loc}, "trigger_text": "met", '
        f'"trigger_start": 7, "trigger_end": 10, "evidence": "Sentence {i}.", '
        f'"evidence_start": 0, "evidence_end": 11, "confidence": 0.8, "negated": {neg}, '
        f'"cluster_id": {cid}, "doc_title": "T", "doc_url": {url}}}\n'
    )


def _flat_actor(role, text, end, code, country, sector, name) -> str:
    name_json = "null" if name is None else f'"{name}"'
    return (
        f'"{role}_text": "{text}", "{role}_start": 0, "{role}_end": {end}, '
        f'"{role}_code": "{code}", "{role}_country": "{country}", "{role}_sector": "{sector}", '
        f'"{role}_name": {name_json}'
    )


def test_jsonl_exact(store, cluster):
    src = _flat_actor("source", "Moscow", 6, "RUSGOV", "RUS", "GOV", "Russia")
    tgt = _flat_actor("target", "Beijing", 7, "CHNGOV", "CHN", "GOV", "China")
    usa = _flat_actor("source", "Washington", 10, "USAGOV", "USA", "GOV", "United States")
    ukr = _flat_actor("target", "Ukrainian troops", 16, "UKRMIL", "UKR", "MIL", None)
    talks = (
        '"cameo": "040", "cameo_root": "04", "plover": "CONSULT", "quad_class": 1, "goldstein": 1.0'
    )
    fight = (
        '"cameo": "190", "cameo_root": "19", "plover": "FIGHT", "quad_class": 4, "goldstein": -10.0'
    )
    moscow = (
        '"loc_text": "Moscow", "loc_start": 0, "loc_end": 6, "loc_name": "Moscow", '
        '"loc_country": "RUS", "loc_lat": 55.75, "loc_lon": 37.62, "loc_feature": "city", '
        '"loc_geonameid": 524901'
    )
    nowhere = ", ".join(
        f'"loc_{k}": null'
        for k in ("text", "start", "end", "name", "country", "lat", "lon", "feature", "geonameid")
    )
    c = f'"{cluster}"'
    expected = (
        _flat_json(E1, D1, 0, src, tgt, talks, "2018-06-08", "AP", moscow, "false", c, '"https://example.org/a"')
        + _flat_json(E2, D2, 0, src, tgt, talks, "2018-06-09", "AFP", nowhere, "false", c, "null")
        + _flat_json(E3, D2, 1, usa, ukr, fight, "2018-06-09", "AFP", nowhere, "true", "null", "null")
    )  # fmt: skip
    assert render(store, "jsonl") == (3, expected)


def test_parquet_exact(store, cluster, tmp_path):
    n = export(store.con, "parquet", out_dir=tmp_path)
    files = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.parquet"))
    assert n == 11  # the events and cluster_days folders and nine files
    tables = ["actor_observations", "actors", "documents", "entities", "event_clusters"]
    tables += ["places", "quotes", "rejects", "times"]
    # hive partitions of the event date (DuckDB names the files data_<n>.parquet)
    partitioned = [f"{t}/year=2018/month=6/data_0.parquet" for t in ("events", "cluster_days")]
    assert files == sorted([*partitioned, *(f"{t}.parquet" for t in tables)])
    assert (tmp_path / "manifest.json").is_file()
    con = duckdb.connect()
    rows = con.execute(
        f"SELECT event_id, doc_id, cameo, negated, cluster_id, year, month "
        f"FROM read_parquet('{tmp_path}/events/**/*.parquet', hive_partitioning = true) "
        "ORDER BY event_id"
    ).fetchall()
    assert rows == sorted(
        [
            (E1, D1, "040", False, cluster, 2018, 6),
            (E2, D2, "040", False, cluster, 2018, 6),
            (E3, D2, "190", True, None, 2018, 6),
        ]
    )
    counts = {
        name: con.execute(f"SELECT count(*) FROM '{tmp_path}/{name}.parquet'").fetchone()[0]
        for name in ("documents", "quotes", "event_clusters", "rejects")
    }
    assert counts == {"documents": 2, "quotes": 2, "event_clusters": 1, "rejects": 0}


@pytest.mark.parametrize(
    ("fmt", "kwargs", "reason"),
    [
        ("nope", {}, "unknown format"),
        ("parquet", {}, "needs an output directory"),
        ("gdelt", {"out": None}, "needs an output stream"),
    ],
)
def test_export_errors_are_catalogue_errors(store, fmt, kwargs, reason):
    with pytest.raises(StoreError) as err:
        export(store.con, fmt, **kwargs)
    assert err.value.code is Errors.E305 and reason in str(err.value)


def test_a_plugin_renderer_is_one_registration(store):
    def count(con, dest: Destination) -> int:
        (n,) = con.execute("SELECT count(*) FROM events WHERE NOT negated").fetchone()
        dest.text().write(f"{n}\n")
        return 1

    spec = Renderer(
        name="test-count", render=count, content_type="text/plain", extension=".txt", help="n"
    )
    register_renderer(spec)
    try:
        assert render(store, "test-count") == (1, "2\n")
        with pytest.raises(StoreError):
            register_renderer(spec)  # a taken name is refused
    finally:
        register_renderer(spec, replace=True)
        from eventwire import export as export_module

        del export_module._REGISTRY["test-count"]
