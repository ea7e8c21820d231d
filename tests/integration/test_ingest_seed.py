"""The seed article through annotate -> store -> GDELT export, loaded back with GDELT's columns and types."""

from __future__ import annotations

import io

import pytest

from eventwire.export import export
from eventwire.export.gdelt import EVENT_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS
from eventwire.io import read_paths
from eventwire.store import Store

pytestmark = pytest.mark.model


def test_seed_gdelt_export_loads_typed(seed_path, annotator):
    pd = pytest.importorskip("pandas")
    with Store.connect() as store:
        stats = store.write_batch(annotator.annotate(read_paths([seed_path])))
        assert stats.documents == 1
        assert store.write_batch(annotator.annotate(read_paths([seed_path]))).documents == 0
        out = io.StringIO()
        n = export(store.con, "gdelt", out)
        clusters = store.con.execute("SELECT count(*) FROM event_clusters").fetchone()[0]
        doc = store.con.execute("SELECT date, source, dateline FROM documents").fetchone()
    assert str(doc[0]) == "2018-06-08" and doc[1:] == ("AP", "MOSCOW")
    assert n == clusters > 0, "no events extracted from the seed"
    dtypes = {
        c: ("Int64" if c in INT_COLUMNS else "float64" if c in FLOAT_COLUMNS else "string")
        for c in EVENT_COLUMNS
    }
    df = pd.read_csv(
        io.StringIO(out.getvalue()),
        sep="\t",
        header=None,
        names=list(EVENT_COLUMNS),
        dtype=dtypes,
        keep_default_na=False,
        na_values={c: [""] for c in INT_COLUMNS | FLOAT_COLUMNS},
    )
    assert df.shape == (n, 61)
    assert (df.Year == df.SQLDATE // 10000).all()
    assert df.EventCode.str.fullmatch(r"\d{3,4}").all()
    assert (df.EventCode.str[:2] == df.EventRootCode).all()
    assert df.QuadClass.between(1, 4).all() and df.GoldsteinScale.between(-10, 10).all()
    assert (df.NumMentions >= 1).all() and (df.NumArticles == 1).all()
