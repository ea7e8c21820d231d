"""The extractor registry: run order from the specs, settings validated against it, and a toy
extractor registered from outside the package reaching annotate -> store -> export."""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventwire import export as export_module
from eventwire.annotate import Annotator
from eventwire.config import Settings
from eventwire.errors import ConfigError
from eventwire.export import Renderer, export
from eventwire.pipeline.base import ExtractorComponent
from eventwire.pipeline.registry import (
    BUILTIN_NAMES,
    ExtractorSpec,
    StoreTable,
    check_refs,
    extractors,
    load_check,
    register_extractor,
    run_order,
    unregister_extractor,
)
from eventwire.records import Annotation
from eventwire.store import Store


def _spec(name: str, after: tuple[str, ...] = ()) -> ExtractorSpec:
    return ExtractorSpec(
        name=name, factory=f"f_{name}", module=None, record=dict, doc_attr=f"ew_{name}", after=after
    )


@pytest.fixture
def scratch() -> Iterator[list[str]]:
    """Names registered by a test, unregistered after it."""
    names: list[str] = []
    yield names
    for name in names:
        unregister_extractor(name)


def test_builtins_run_in_the_order_their_specs_imply():
    assert run_order()[: len(BUILTIN_NAMES)] == ("actors", "times", "places", "events", "quotes")
    assert run_order(["quotes", "events", "actors"]) == ("actors", "events", "quotes")
    assert Settings().extractors == BUILTIN_NAMES


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ((), ("actors", "times", "places", "events", "quotes", "z1")),
        (("quotes",), ("actors", "times", "places", "events", "quotes", "z1")),
    ],
)
def test_a_new_extractor_runs_after_what_it_names(scratch, after, expected):
    register_extractor(_spec("z1", after))
    scratch.append("z1")
    assert run_order() == expected


def test_topological_not_registration_order(scratch):
    register_extractor(_spec("z2"))
    register_extractor(_spec("z3"))
    register_extractor(_spec("z2", ("z3",)), replace=True)
    scratch += ["z2", "z3"]
    order = run_order(["z2", "z3"])
    assert order == ("z3", "z2")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (_spec("events"), "already registered"),
        (_spec("z4", ("nosuch",)), "unknown extractor"),
        (_spec("z4", ("z4",)), "cycle"),
    ],
)
def test_bad_specs_are_refused_and_leave_the_registry_as_it_was(spec, message):
    before = extractors()
    with pytest.raises(ConfigError, match=message):
        register_extractor(spec)
    assert extractors() == before


@pytest.mark.parametrize("names", [("nosuch",), ("actors", "Events")])
def test_settings_refuse_unknown_extractors(names):
    with pytest.raises(ConfigError, match="E202"):
        Settings().with_(extractors=names)


def test_lexicon_checks_come_from_the_specs():
    refs = check_refs()
    assert [name for name, _ in refs][0] == "actors"
    assert {name for name, _ in refs} == {"actors", "times", "places", "events"}
    for _, ref in refs:
        assert callable(load_check(ref))


# -- a toy extractor, registered from this test only ----------------------------------------


@dataclass(frozen=True, slots=True)
class WordCount:
    word: str
    n: int


def count_words(doc: Doc) -> list[WordCount]:
    """The pure extractor: how often each alphabetic word occurs, most frequent first."""
    counts = Counter(t.lower_ for t in doc if t.is_alpha)
    return [WordCount(w, n) for w, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


class WordCountComponent(ExtractorComponent):
    def run(self, doc: Doc) -> None:
        doc._.ew_wordcount = count_words(doc)


if "toy_wordcount" not in Language.factories:
    Language.factory("toy_wordcount", func=lambda nlp, name: WordCountComponent(name))

TOY = ExtractorSpec(
    name="wordcount",
    factory="toy_wordcount",
    module=None,  # registered above
    record=WordCount,
    doc_attr="ew_wordcount",
    base_needs=frozenset(),
    store=StoreTable(
        name="wordcounts",
        columns=(("word", "VARCHAR"), ("n", "INTEGER")),
        row=lambda r: {"word": r.word, "n": r.n},
    ),
)


def _wordcounts_tsv(con, dest) -> int:
    rows = con.execute("SELECT doc_id, word, n FROM wordcounts ORDER BY doc_id, idx").fetchall()
    for row in rows:
        dest.text().write("\t".join(map(str, row)) + "\n")
    return len(rows)


def test_toy_extractor_through_annotate_store_export(scratch, monkeypatch):
    register_extractor(TOY)
    scratch.append("wordcount")
    toy_format = Renderer(
        name="wordcounts",
        render=_wordcounts_tsv,
        content_type="text/tab-separated-values",
        extension=".tsv",
        help="toy",
    )
    # the export hook, undone after the test (the CLI's format list stays the shipped one)
    monkeypatch.setitem(export_module._REGISTRY, "wordcounts", toy_format)
    settings = Settings(model="blank:en").with_(extractors=("wordcount",))
    annotator = Annotator(settings)
    assert annotator.nlp.pipe_names == ["toy_wordcount"]
    ann = annotator.annotate_text("Troops crossed. Troops returned home.", doc_id="d1")
    assert isinstance(ann, Annotation)
    assert ann.records["wordcount"][0] == WordCount("troops", 2)
    printed = json.loads(json.dumps(ann.to_dict()))
    assert printed["wordcount"][:2] == [{"word": "troops", "n": 2}, {"word": "crossed", "n": 1}]
    assert printed["events"] == []

    with Store.connect(":memory:") as store:
        stats = store.write_batch([ann])
        assert stats.documents == 1
        out = io.StringIO()
        assert export(store.con, "wordcounts", out) == 4
        assert out.getvalue().splitlines() == [
            "d1\ttroops\t2",
            "d1\tcrossed\t1",
            "d1\thome\t1",
            "d1\treturned\t1",
        ]
        # a second batch appends to the table the first one created; a stored document is skipped
        again = annotator.annotate_text("Quiet.", doc_id="d2")
        store.write_batch([again, ann])
        n = store.con.execute("SELECT count(*) FROM wordcounts").fetchone()
        assert n is not None and n[0] == 5


def test_a_registered_extractor_that_did_not_run_adds_no_key(scratch):
    register_extractor(TOY)
    scratch.append("wordcount")
    annotator = Annotator(Settings(model="blank:en", extractors=()))
    ann = annotator.annotate_text("Troops crossed.", doc_id="d1")
    assert ann.records == {}
    assert "wordcount" not in ann.to_dict()


def toy_check() -> list[str]:
    return ["toy: one problem"]


def test_lexicon_check_runs_a_registered_extractors_check(scratch):
    from click.testing import CliRunner

    from eventwire.cli.knowledge import lexicon_group

    register_extractor(
        ExtractorSpec(
            name="toycheck",
            factory="f_toycheck",
            module=None,
            record=dict,
            doc_attr="ew_toycheck",
            checks=(f"{__name__}:toy_check",),
        )
    )
    scratch.append("toycheck")
    result = CliRunner().invoke(lexicon_group, ["check"])
    assert result.exit_code == 1
    assert "toy: one problem" in result.output
    assert "checked: actors, times, places, events, toycheck; 1 problem(s)" in result.output
