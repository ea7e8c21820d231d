"""Evaluate the events ``annotate`` emits against gold files. Every figure is computed from the
:class:`~eventwire.records.Event` records of :class:`~eventwire.annotate.Annotator` output for
documents built from the gold texts (with the gold's sentence dates where it has them), never from
an internal function of the coder.

Gold kinds, recognised by their content:

- **conflibert** (``events_conflibert_train.jsonl``, rows with ``pentaclass``): the 5-way class of
  each sentence's main event, span overlap, held-out and dev splits (:mod:`.events_conflibert`).
- **petr** (``PETR.UnitTest.records.xml``): exact (source, target, code) sets, coded with the
  validation dictionaries the file names (:mod:`.events_petr`).
- **rounds** (``events_conflibert_rounds.jsonl``, rows with ``annotations``): up to five raters per
  text; our main root against the raters' majority first root and any rater's roots, raters'
  agreement, and whether our main event's actors lie over a rater's Source/Target spans.
- **golden** (``tests/golden/events.yaml``): root of the main event per case, country dyad + root
  P/R/F1 on the cases that list events, and listed ``absent`` triples we emit.
- **events** (our JSONL: ``{"id", "text", "date"?, "events": [{"source", "target", "cameo"}]}``):
  P/R/F1 at three levels: quad class, country dyad + root, exact actor codes + code.

The main event of a text: :func:`.events_main.main_event`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ..errors import Errors, EventwireError
from ..records import Document, Event
from ..taxonomy import pentaclass_of, quad_class_of
from .events_conflibert import penta_records
from .events_main import PRF, EventLike, Offsets, found_by, main_event, realised, share
from .events_petr import PetrEnvironment, PetrRecord, is_petr_xml, read_petr
from .jsonl import read_jsonl

__all__ = ["PRF", "Gold", "annotate_items", "read_gold"]

KINDS = ("conflibert", "petr", "rounds", "golden", "events")
# the document date of golden cases without one: the date tests/unit/test_events_golden.py codes
# them with (dated roles such as "the Japanese prime minister" resolve as of that day)
GOLDEN_DATE = "2018-06-08"
MAIN_EVENT_RULE = (
    "the first realised (not negated) event in trigger order that is not a plain statement "
    "(010); if all are, the first; none: no event"
)


@dataclass(frozen=True, slots=True)
class Gold:
    """A gold file's kind, its records (one dataclass per kind) and, for PETR files, the
    environment naming their dictionaries."""

    kind: str
    records: list[Any]
    environment: PetrEnvironment = field(default_factory=PetrEnvironment)


@dataclass(frozen=True, slots=True)
class RoundsRecord:
    id: str
    text: str
    first: tuple[str, ...]  # each rater's first root (raters coding no action give none)
    roots: frozenset[str]  # every root any rater coded
    sources: tuple[Offsets, ...] = ()  # raters' Source spans
    targets: tuple[Offsets, ...] = ()


@dataclass(frozen=True, slots=True)
class DyadRecord:
    """A golden case, or a record of our JSONL events format."""

    id: str
    text: str
    date: str | None
    root: str | None  # main root, "none" when it reports no event; None: not given
    events: frozenset[tuple[str | None, str | None, str]]  # (source, target, CAMEO code or root)
    absent: frozenset[tuple[str | None, str | None, str]] = frozenset()
    xfail: str | None = None


def read_gold(path: Path, *, limit: int | None = None) -> Gold:
    """The gold file's records, its kind recognised by content (E401 when none fits)."""
    try:
        head = path.read_text(encoding="utf-8")[:4096]
    except (OSError, UnicodeDecodeError) as exc:
        raise EventwireError(Errors.E401, path=str(path), reason=str(exc)) from exc
    if is_petr_xml(head):
        petr, env = read_petr(path)
        return Gold("petr", _unique(petr)[:limit] if limit else _unique(petr), env)
    gold = _read_jsonl_gold(path) if head.lstrip().startswith("{") else _read_yaml_gold(path)
    return Gold(gold.kind, gold.records[:limit] if limit else gold.records)


def _unique(records: list[PetrRecord]) -> list[PetrRecord]:
    """Repeated ids (the unit-test file has two) get ``#2``, ``#3``... so predictions join."""
    seen: Counter[str] = Counter()
    out = []
    for r in records:
        seen[r.id] += 1
        out.append(r if seen[r.id] == 1 else _renamed(r, f"{r.id}#{seen[r.id]}"))
    return out


def _renamed(record: PetrRecord, new_id: str) -> PetrRecord:
    return replace(record, id=new_id)


def _read_jsonl_gold(path: Path) -> Gold:
    rows = [obj for obj in read_jsonl(path) if isinstance(obj, dict) and "text" in obj]
    if not rows:
        raise EventwireError(Errors.E401, path=path, reason="no records with a 'text' field")
    if "pentaclass" in rows[0]:
        return Gold("conflibert", penta_records(rows))
    if "annotations" in rows[0]:
        return Gold("rounds", merge_rounds(rows))
    if "events" in rows[0]:
        return Gold("events", [_dyad_record(row, n) for n, row in enumerate(rows)])
    raise EventwireError(
        Errors.E401, path=path, reason="records lack 'pentaclass', 'annotations' or 'events'"
    )


def _read_yaml_gold(path: Path) -> Gold:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise EventwireError(
            Errors.E401, path=str(path), reason=f"not JSONL, XML or YAML: {exc}"
        ) from exc
    cases = data.get("cases") if isinstance(data, dict) else None
    if not isinstance(cases, list) or not cases:
        raise EventwireError(
            Errors.E401,
            path=str(path),
            reason="not a PETRARCH XML, a JSONL gold file or a YAML file with 'cases'",
        )
    return Gold("golden", [_golden_record(case, n) for n, case in enumerate(cases)])


def _triple(t: Sequence[Any]) -> tuple[str | None, str | None, str]:
    return (t[0], t[1], str(t[2]))


def _golden_record(case: dict[str, Any], n: int) -> DyadRecord:
    return DyadRecord(
        id=f"case-{n}",
        text=case["text"],
        date=case.get("date") or GOLDEN_DATE,
        root=str(case["root"]) if case.get("root") is not None else None,
        events=frozenset(_triple(t) for t in case.get("events") or ()),
        absent=frozenset(_triple(t) for t in case.get("absent") or ()),
        xfail=case.get("xfail"),
    )


def _dyad_record(row: dict[str, Any], n: int) -> DyadRecord:
    return DyadRecord(
        id=str(row.get("id") or f"line-{n}"),
        text=row["text"],
        date=row.get("date"),
        root=None,
        events=frozenset(
            (e.get("source"), e.get("target"), str(e["cameo"])) for e in row.get("events") or ()
        ),
    )


def merge_rounds(rows: Iterable[dict[str, Any]]) -> list[RoundsRecord]:
    """One record per text: each rater's first root, all roots, and the raters' actor spans."""
    merged: dict[str, dict[str, Any]] = {}
    for row in rows:
        item = merged.setdefault(
            row["text"],
            {"id": str(row["id"]), "first": [], "roots": set(), "Source": set(), "Target": set()},
        )
        for rater in (row.get("annotations") or {}).values():
            roots = [
                f"{int(a['cameo_root']):02d}"
                for a in rater.get("actions") or ()
                if a.get("cameo_root")
            ]
            if roots:
                item["first"].append(roots[0])
                item["roots"].update(roots)
            for label, phrase, start in rater.get("entities") or ():
                role = str(label).split("-")[0]
                if (
                    role in ("Source", "Target")
                    and row["text"][start : start + len(phrase)] == phrase
                ):
                    item[role].add((start, start + len(phrase)))
    return [
        RoundsRecord(
            id=v["id"],
            text=text,
            first=tuple(v["first"]),
            roots=frozenset(v["roots"]),
            sources=tuple(sorted(v["Source"])),
            targets=tuple(sorted(v["Target"])),
        )
        for text, v in merged.items()
    ]


def items_of(records: Iterable[Any]) -> list[tuple[str, str, str | None]]:
    """(id, text, date) of each gold record: what the annotator is given."""
    return [(r.id, r.text, getattr(r, "date", None)) for r in records]


def annotate_items(
    annotator: Any, items: Sequence[tuple[str, str, str | None]]
) -> tuple[dict[str, list[Event]], int]:
    """The events ``annotator`` (an :class:`~eventwire.annotate.Annotator`) emits for each (id,
    text, date), by id, and how many documents failed (they count as emitting nothing)."""
    from ..annotate import DocumentFailure

    documents = [Document(doc_id=i, text=text, date=date, origin=i) for i, text, date in items]
    out: dict[str, list[Event]] = {}
    failed = 0
    for document, result in zip(documents, annotator.annotate_documents(documents), strict=True):
        if isinstance(result, DocumentFailure):
            failed += 1
            out[document.doc_id] = []
        else:
            out[document.doc_id] = list(result.events)
    return out, failed


def score_rounds(
    records: Sequence[RoundsRecord], predictions: Mapping[str, Sequence[EventLike]]
) -> dict[str, Any]:
    """Our main root against the raters: majority first root, any rater's roots, the pentaclass;
    and whether the main (any) event's source/target overlaps a rater's Source/Target span."""
    n = majority_hit = any_hit = penta_hit = rater_agree = rater_total = 0
    no_event = no_event_right = 0
    spans: Counter[str] = Counter()
    by_root: Counter[tuple[str, str]] = Counter()
    for record in records:
        events = realised(predictions.get(record.id, ()))
        main = main_event(events)
        ours = main.cameo[:2] if main else None
        for role, golds in (("source", record.sources), ("target", record.targets)):
            if golds:
                spans[f"{role}_texts"] += 1
                spans[f"{role}_main"] += found_by([main] if main else [], role, golds)
                spans[f"{role}_any"] += found_by(events, role, golds)
        if not record.first:
            no_event += 1
            no_event_right += ours is None
            continue
        majority = Counter(record.first).most_common(1)[0][0]
        n += 1
        majority_hit += ours == majority
        any_hit += ours in record.roots
        penta_hit += ours is not None and pentaclass_of(ours) == pentaclass_of(majority)
        rater_agree += sum(r == majority for r in record.first)
        rater_total += len(record.first)
        if ours != majority:
            by_root[(majority, ours or "none")] += 1
    return {
        "texts": len(records),
        "with_actions": n,
        "root_vs_majority": share(majority_hit, n),
        "root_in_any_rater": share(any_hit, n),
        "pentaclass_vs_majority": share(penta_hit, n),
        "raters_agree_with_majority": share(rater_agree, rater_total),
        "no_action_texts": no_event,
        "no_action_right": share(no_event_right, no_event),
        **{
            f"{role}_span_found_{which}": share(spans[f"{role}_{which}"], spans[f"{role}_texts"])
            for role in ("source", "target")
            for which in ("main", "any")
        },
        "top_confusions": [{"gold": g, "ours": o, "n": c} for (g, o), c in by_root.most_common(15)],
    }


def _country(code: str | None) -> str | None:
    return code[:3] if code else None


def _predicted_dyads(events: Sequence[EventLike]) -> set[tuple[str | None, str | None, str]]:
    out = set()
    for e in events:
        target = e.target
        source_country = getattr(e.source, "country", None) or _country(e.source.code)
        target_country = (
            (getattr(target, "country", None) or _country(target.code)) if target else None
        )
        out.add((source_country, target_country, e.cameo[:2]))
    return out


def score_levels(
    records: Sequence[DyadRecord], predictions: Mapping[str, Sequence[EventLike]]
) -> dict[str, Any]:
    """P/R/F1 at three levels (quad class, country dyad + root, exact codes) and errors by root."""
    levels = {"quad_class": PRF(), "dyad_root": PRF(), "exact": PRF()}
    fn_root: Counter[str] = Counter()
    fp_root: Counter[str] = Counter()
    for record in records:
        events = realised(predictions.get(record.id, ()))
        gold_dyads = {(_country(s), _country(t), c[:2]) for s, t, c in record.events}
        ours_dyads = _predicted_dyads(events)
        levels["quad_class"].add(
            {quad_class_of(c[:2]) for *_, c in record.events},
            {quad_class_of(e.cameo[:2]) for e in events},
        )
        levels["dyad_root"].add(gold_dyads, ours_dyads)
        levels["exact"].add(
            set(record.events),
            {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events},
        )
        fn_root.update(d[2] for d in gold_dyads - ours_dyads)
        fp_root.update(d[2] for d in ours_dyads - gold_dyads)
    roots = sorted(set(fn_root) | set(fp_root))
    return {
        "items": len(records),
        "levels": {k: v.to_dict() for k, v in levels.items()},
        "errors_by_root": {r: {"missed": fn_root[r], "spurious": fp_root[r]} for r in roots},
    }


def score_golden(
    records: Sequence[DyadRecord], predictions: Mapping[str, Sequence[EventLike]]
) -> dict[str, Any]:
    """Main root per case (``none``: no event); dyad + root P/R/F1 over the cases that list events
    (the lists name events that must be found, so precision counts extra events as wrong);
    listed ``absent`` triples emitted; errors by root."""
    root_hits = xfail = xfail_hits = absent_emitted = 0
    dyads = PRF()
    errors: list[dict[str, Any]] = []
    for record in records:
        events = realised(predictions.get(record.id, ()))
        main = main_event(events)
        ours = main.cameo[:2] if main else "none"
        hit = ours == record.root
        if record.xfail:
            xfail += 1
            xfail_hits += hit
        root_hits += hit
        found = _predicted_dyads(events)
        if record.events:
            dyads.add(set(record.events), found)
        absent_emitted += len(record.absent & found)
        if not hit:
            errors.append({"id": record.id, "gold": record.root, "ours": ours, "text": record.text})
    return {
        "cases": len(records),
        "root_accuracy": share(root_hits, len(records)),
        "xfail_cases": xfail,
        "xfail_right": xfail_hits,
        "cases_with_events": sum(bool(r.events) for r in records),
        "dyad_root": dyads.to_dict(),
        "absent_emitted": absent_emitted,
        "errors": errors,
    }


def main_code(doc: Any, knowledge: Any) -> str | None:
    """Kept only for ``tests/unit/test_events_golden.py`` (the coder's own sentence-level choice,
    which ignores actors); no evaluation uses it."""
    from ..extract.doctext import text_of
    from ..extract.events import main_candidate, sentence_candidates
    from ..extract.events.listings import in_listing, listing_spans
    from ..extract.events.triggers import realised_purpose
    from ..extract.parsetree import ParsedDoc

    fallback = None
    parsed = ParsedDoc(doc, knowledge.strings)  # read once for all the sentences
    listed = listing_spans(text_of(doc), knowledge.lexicon.listing_headings)
    for sent in doc.sents:
        if in_listing(sent.start_char, listed):
            continue
        cands = sentence_candidates(sent, knowledge, parsed=parsed)
        best = main_candidate(cands)
        if best is None:  # a done act's purpose, where it is the sentence's only act
            best = next((c for c in cands if realised_purpose(c)), None)
        if best is None:
            continue
        if not best.code.startswith("01"):
            return str(best.code)
        fallback = fallback or str(best.code)
    return fallback
