"""The shard function: planning covers every line once, output is atomic, complete shards are skipped."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.annotate import Annotator
from eventwire.config import Settings
from eventwire.engine.shards import (
    ShardSpec,
    is_complete,
    marker_path,
    plan_shards,
    process_shard,
    read_shard,
    table_path,
)
from eventwire.errors import InputError
from eventwire.records import Annotation, Document


class FakeAnnotator:
    """Annotates nothing: one empty Annotation per document (no model needed)."""

    settings = Settings()
    annotate = Annotator.annotate  # the real ordering of documents and input errors

    def __init__(self) -> None:
        self.seen: list[str] = []

    def annotate_documents(self, documents):
        for d in documents:
            self.seen.append(d.doc_id)
            yield Annotation(document=d)


def _corpus(path: Path, n: int, *, bad: tuple[int, ...] = ()) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            if i in bad:
                fh.write("{not json\n")
            else:
                fh.write(
                    json.dumps({"id": f"d{i}", "text": f"Officials in Town {i} met on Monday."})
                    + "\n"
                )
    return path


def test_jsonl_plan_covers_every_line_once(tmp_path):
    corpus = _corpus(tmp_path / "c.jsonl", 23, bad=(5,))
    specs = plan_shards([str(corpus)], docs_per_shard=5)
    assert len(specs) == 5
    assert specs[0].start == 0 and specs[-1].end == corpus.stat().st_size
    assert all(a.end == b.start for a, b in zip(specs, specs[1:], strict=False))
    items = [x for s in specs for x in read_shard(s, max_chars=1000)]
    assert len(items) == 23
    errors = [x for x in items if isinstance(x, InputError)]
    assert len(errors) == 1 and errors[0].source == f"{corpus}:6"
    assert [x.doc_id for x in items if isinstance(x, Document)] == [
        f"d{i}" for i in range(23) if i != 5
    ]
    assert items[7].origin == f"{corpus}:8"


def test_plan_is_deterministic_and_ids_unique(tmp_path):
    corpus = _corpus(tmp_path / "c.jsonl", 30)
    a = plan_shards([str(tmp_path / "*.jsonl")], docs_per_shard=7)
    b = plan_shards([str(corpus)], docs_per_shard=7)
    assert a == b
    assert len({s.shard_id for s in a}) == len(a)
    assert ShardSpec.from_json(a[2].to_json()) == a[2]


def test_parquet_and_text_inputs(tmp_path):
    pq.write_table(
        pa.table(
            {
                "id": ["p1", "p2", "p3"],
                "text": ["One.", "Two.", "Three."],
                "date": ["2020-01-01", None, "2020-01-03"],
            }
        ),
        tmp_path / "docs.parquet",
    )
    (tmp_path / "a.txt").write_text("A plain text article.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    specs = plan_shards([str(tmp_path)], docs_per_shard=2)
    kinds = [s.kind for s in specs]
    assert kinds.count("parquet") == 2 and kinds.count("files") == 1
    items = [x for s in specs for x in read_shard(s, max_chars=1000)]
    docs = [x for x in items if isinstance(x, Document)]
    assert sorted(d.doc_id for d in docs if d.doc_id.startswith("p")) == ["p1", "p2", "p3"]
    assert any(isinstance(x, InputError) and x.source.endswith("b.txt") for x in items)


def test_shard_output_marker_and_skip(tmp_path):
    corpus = _corpus(tmp_path / "c.jsonl", 6, bad=(2,))
    spec = plan_shards([str(corpus)], docs_per_shard=10)[0]
    out = tmp_path / "out"
    fake = FakeAnnotator()
    report = process_shard(spec, out, annotator=fake)  # type: ignore[arg-type]
    assert (report.status, report.documents, report.rejects) == ("done", 5, 1)
    assert is_complete(out, spec)
    docs = pq.read_table(table_path(out, "documents", spec))
    assert docs.column("doc_id").to_pylist() == ["d0", "d1", "d3", "d4", "d5"]
    rejects = pq.read_table(table_path(out, "rejects", spec)).to_pylist()
    assert rejects[0]["code"] == "E006" and rejects[0]["origin"] == f"{corpus}:3"
    again = process_shard(spec, out, annotator=fake)  # type: ignore[arg-type]
    assert again.status == "skipped" and len(fake.seen) == 5


def test_half_written_shard_is_redone_without_duplicates(tmp_path):
    corpus = _corpus(tmp_path / "c.jsonl", 4)
    spec = plan_shards([str(corpus)], docs_per_shard=10)[0]
    out = tmp_path / "out"
    process_shard(spec, out, annotator=FakeAnnotator())  # type: ignore[arg-type]
    marker_path(out, spec).unlink()  # as if killed after the tables, before the marker
    assert not is_complete(out, spec)
    report = process_shard(spec, out, annotator=FakeAnnotator())  # type: ignore[arg-type]
    assert report.status == "done"
    rows = pq.read_table(out / "documents").column("doc_id").to_pylist()
    assert sorted(rows) == ["d0", "d1", "d2", "d3"]
    assert not list(out.rglob("*.tmp"))
