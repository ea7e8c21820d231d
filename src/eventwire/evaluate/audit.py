"""Judging emitted events by hand: label sheets, merged labels and their summary.

A *sheet* holds one row per emitted event with what a judge needs to read (the sentence, the
trigger, the actors, the CAMEO code and its name) and empty verdicts. The judge fills
``source_ok``, ``target_ok``, ``root_ok``, ``code_ok`` (and ``note``, ``judge``) following
docs/labelling.md; :func:`merge` appends the judged rows to a *labels* file that keeps only
the event's key, offsets and verdicts, never text from the document. Labels point into
the corpus by ``doc_id`` and character offsets.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import Errors, EventwireError
from ..records import Annotation, Document, Event

# the fields of one label row, in this order (the scorer reads them; keep them fixed)
LABEL_FIELDS = (
    "corpus",
    "doc_id",
    "file",
    "trigger_start",
    "trigger_end",
    "evidence_start",
    "evidence_end",
    "source",
    "target",
    "cameo",
    "source_ok",
    "target_ok",
    "root_ok",
    "code_ok",
    "right",
    "note",
    "judge",
    "coder_commit",
)
KEY_FIELDS = ("doc_id", "trigger_start", "trigger_end", "source", "target", "cameo")
VERDICTS = ("source_ok", "target_ok", "root_ok", "code_ok")
MAX_NOTE_CHARS = 200
# a note that repeats this many consecutive words of the sentence is quoting it
_QUOTE_WORDS = 5
_WORD = re.compile(r"\w+")

EventKey = tuple[Any, ...]


def event_key(row: Mapping[str, Any]) -> EventKey:
    """(doc_id, trigger_start, trigger_end, source, target, cameo): one emitted event."""
    return tuple(row.get(f) for f in KEY_FIELDS)


def coder_commit() -> str:
    """The git short hash of the checkout eventwire runs from, else ``v`` + its version."""
    here = Path(__file__).resolve().parent
    try:
        out = subprocess.run(
            ["git", "-C", str(here), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return f"v{__version__}"
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip() else f"v{__version__}"


def corpus_of(doc: Document) -> tuple[str, str | None]:
    """(corpus, file): a JSON Lines document belongs to its file's stem and has no file name;
    a text file belongs to its folder and keeps its own name."""
    origin = doc.origin or "-"
    path, sep, line = origin.rpartition(":")
    if sep and line.isdigit() and path:
        return Path(path).stem, None
    if origin == "-":
        return "stdin", None
    p = Path(origin)
    return (p.parent.name or "."), p.name


def sample_documents(docs: Sequence[Document], n: int | None, seed: int) -> list[Document]:
    """``n`` whole documents chosen by a seeded content hash of their ids (the same choice in
    every process and whatever the input order), kept in input order; all when ``n`` is None."""
    if n is None or n >= len(docs):
        return list(docs)

    def rank(doc: Document) -> str:
        return hashlib.sha1(f"{seed}\x1f{doc.doc_id}".encode()).hexdigest()

    chosen = {id(d) for d in sorted(docs, key=rank)[:n]}
    return [d for d in docs if id(d) in chosen]


def sheet_row(
    event: Event, *, corpus: str, file: str | None, commit: str, cameo_name: str | None
) -> dict[str, Any]:
    """One row of a sheet: the label's key fields, what the judge reads, empty verdicts."""
    target = event.target
    return {
        "corpus": corpus,
        "doc_id": event.doc_id,
        "file": file,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "evidence_start": event.evidence_start,
        "evidence_end": event.evidence_end,
        "source": event.source.code,
        "target": target.code if target else None,
        "cameo": event.cameo,
        "coder_commit": commit,
        # for the judge only: merge drops these
        "evidence": event.evidence,
        "trigger": event.trigger.text,
        "source_text": event.source.text,
        "target_text": target.text if target else None,
        "cameo_name": cameo_name,
        "negated": event.negated,
        "confidence": round(event.confidence, 3),
        # the judge fills these (docs/labelling.md)
        "source_ok": None,
        "target_ok": None,
        "root_ok": None,
        "code_ok": None,
        "note": "",
        "judge": "",
    }


def sheet_rows(
    annotations: Iterable[Annotation],
    *,
    labelled: set[EventKey] | None = None,
    commit: str,
    cameo_names: Mapping[str, str],
    include_negated: bool = False,
) -> Iterator[dict[str, Any]]:
    """Sheet rows for every emitted event not yet in ``labelled`` (negated events, which
    ``eventwire code`` leaves out, only with ``include_negated``)."""
    seen = set(labelled or ())
    for ann in annotations:
        corpus, file = corpus_of(ann.document)
        for event in ann.events:
            if event.negated and not include_negated:
                continue
            row = sheet_row(
                event,
                corpus=corpus,
                file=file,
                commit=commit,
                cameo_name=cameo_names.get(event.cameo),
            )
            key = event_key(row)
            if key in seen:
                continue
            seen.add(key)
            yield row


def read_jsonl(path: str | Path, *, missing_ok: bool = False) -> list[dict[str, Any]]:
    """The objects of a JSON Lines file (sheet or labels); E401 names the line that is wrong."""
    p = Path(path)
    if not p.exists():
        if missing_ok:
            return []
        raise EventwireError(Errors.E401, path=str(p), reason="no such file")
    rows: list[dict[str, Any]] = []
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EventwireError(Errors.E401, path=str(p), reason=f"unreadable ({exc})") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EventwireError(
                Errors.E401, path=str(p), reason=f"line {n}: not valid JSON ({exc.msg})"
            ) from None
        if not isinstance(obj, dict):
            raise EventwireError(Errors.E401, path=str(p), reason=f"line {n}: not a JSON object")
        rows.append(obj)
    return rows


def load_labels(path: str | Path, *, missing_ok: bool = True) -> list[dict[str, Any]]:
    """The label rows of ``path`` (none when it does not exist yet and ``missing_ok``), each
    checked for every field of LABEL_FIELDS."""
    rows = read_jsonl(path, missing_ok=missing_ok)
    for n, row in enumerate(rows, 1):
        missing = [f for f in LABEL_FIELDS if f not in row]
        if missing:
            raise EventwireError(
                Errors.E401, path=str(path), reason=f"label {n}: missing {', '.join(missing)}"
            )
    return rows


def is_judged(row: Mapping[str, Any]) -> bool:
    return any(row.get(v) is not None for v in VERDICTS)


def _quotes(note: str, evidence: str) -> bool:
    words = [w.lower() for w in _WORD.findall(note)]
    text = " ".join(w.lower() for w in _WORD.findall(evidence))
    return any(
        f" {' '.join(words[i : i + _QUOTE_WORDS])} " in f" {text} "
        for i in range(len(words) - _QUOTE_WORDS + 1)
    )


def label_of(row: Mapping[str, Any], *, where: str, judge: str | None = None) -> dict[str, Any]:
    """The label row of one judged sheet row: key, offsets and verdicts, no document text.

    Refuses (E401, naming ``where``) a row whose verdicts are missing or not true/false, a
    right code under a wrong root, a ``right`` that disagrees with the verdicts, a note that
    quotes the sentence, and a row without a judge."""

    def bad(reason: str) -> EventwireError:
        return EventwireError(Errors.E401, path=where, reason=reason)

    for f in ("doc_id", "source", "cameo", "corpus", "coder_commit"):
        if not isinstance(row.get(f), str) or not row.get(f):
            raise bad(f"field {f!r} must be a non-empty string")
    for f in ("trigger_start", "trigger_end", "evidence_start", "evidence_end"):
        if not isinstance(row.get(f), int) or isinstance(row.get(f), bool):
            raise bad(f"field {f!r} must be an integer offset")
    missing = [v for v in VERDICTS if not isinstance(row.get(v), bool)]
    if missing:
        raise bad(f"no verdict in {', '.join(missing)} (true or false each)")
    if row["code_ok"] and not row["root_ok"]:
        raise bad("code_ok is true but root_ok is false")
    right = bool(row["source_ok"] and row["target_ok"] and row["root_ok"])
    if row.get("right") is not None and row.get("right") is not right:
        raise bad("'right' must be source_ok and target_ok and root_ok")
    note = row.get("note") or ""
    if not isinstance(note, str) or len(note) > MAX_NOTE_CHARS:
        raise bad(f"'note' must be text of at most {MAX_NOTE_CHARS} characters")
    if isinstance(row.get("evidence"), str) and _quotes(note, row["evidence"]):
        raise bad("'note' quotes the sentence: give the reason in your own words")
    who = judge or row.get("judge")
    if not isinstance(who, str) or not who:
        raise bad("no judge (fill 'judge' or pass --judge)")
    label = {f: row.get(f) for f in LABEL_FIELDS}
    label.update(right=right, note=note, judge=who, file=row.get("file") or None)
    return label


@dataclass(frozen=True, slots=True)
class MergeResult:
    added: int
    already: int  # judged rows whose event was already labelled
    unjudged: int  # rows left without verdicts (with skip_unjudged)


def merge(
    sheet_path: str | Path,
    labels_path: str | Path,
    *,
    judge: str | None = None,
    skip_unjudged: bool = False,
) -> MergeResult:
    """Append the judged rows of a sheet to the labels file (created if needed).

    Every row is checked before anything is written: a row without verdicts is refused
    unless ``skip_unjudged``; an event already labelled is not added twice."""
    rows = read_jsonl(sheet_path)
    known = {event_key(r) for r in load_labels(labels_path)}
    new: list[dict[str, Any]] = []
    already = unjudged = 0
    for n, row in enumerate(rows, 1):
        where = f"{sheet_path} row {n}"
        if not is_judged(row):
            if not skip_unjudged:
                raise EventwireError(
                    Errors.E401, path=where, reason="not judged (use --skip-unjudged to leave it)"
                )
            unjudged += 1
            continue
        label = label_of(row, where=where, judge=judge)
        key = event_key(label)
        if key in known:
            already += 1
            continue
        known.add(key)
        new.append(label)
    if new:
        out = Path(labels_path)
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("a", encoding="utf-8") as fh:
            for label in new:
                fh.write(json.dumps(label, ensure_ascii=False) + "\n")
    return MergeResult(added=len(new), already=already, unjudged=unjudged)


def load_heldout(path: str | Path) -> set[str]:
    """Document ids of a held-out split file: one per line (``corpus<TAB>doc_id`` or
    ``doc_id``), ``#`` comments."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EventwireError(Errors.E401, path=str(p), reason=exc.strerror or str(exc)) from None
    ids: set[str] = set()
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line:
            ids.add(line.split("\t")[-1].strip())
    return ids


def heldout_rank(doc_id: str) -> int:
    """0-99 from a content hash of the id: documents ranked below 25 are held out."""
    return int(hashlib.sha1(f"eventwire-heldout\x1f{doc_id}".encode()).hexdigest()[:8], 16) % 100


SUMMARY_COLUMNS = (
    "group",
    "value",
    "events",
    "right",
    "share_right",
    "source_ok",
    "target_ok",
    "root_ok",
    "code_ok",
)


def summarise(
    labels: Sequence[Mapping[str, Any]], *, heldout: set[str] | None = None
) -> list[tuple[Any, ...]]:
    """Rows of SUMMARY_COLUMNS: all labels, then by corpus, by CAMEO root (and by split
    when ``heldout`` is given); each share is of the group's events."""
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for row in labels:
        keys = [("all", ""), ("corpus", str(row["corpus"])), ("root", str(row["cameo"])[:2])]
        if heldout is not None:
            keys.append(("split", "heldout" if row["doc_id"] in heldout else "train"))
        for key in keys:
            groups.setdefault(key, []).append(row)
    order = {"all": 0, "corpus": 1, "split": 2, "root": 3}
    out: list[tuple[Any, ...]] = []
    for (group, value), rows in sorted(groups.items(), key=lambda kv: (order[kv[0][0]], kv[0])):
        n = len(rows)
        right = sum(bool(r["right"]) for r in rows)
        shares = [round(sum(bool(r[v]) for r in rows) / n, 3) for v in VERDICTS]
        out.append((group, value, n, right, round(right / n, 3), *shares))
    return out


AGREEMENT_COLUMNS = (
    "verdict",
    "events",
    "agreement",
    "kappa",
    "first_true",
    "second_true",
    "both_true",
)


def _kappa(first: Sequence[bool], second: Sequence[bool]) -> tuple[float, float]:
    """Observed agreement and Cohen's kappa of two judges' true/false verdicts."""
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    p1, p2 = sum(first) / n, sum(second) / n
    chance = p1 * p2 + (1 - p1) * (1 - p2)
    kappa = 1.0 if chance == 1 else (observed - chance) / (1 - chance)
    return round(observed, 3), round(kappa, 3)


def agreement(
    first: Sequence[Mapping[str, Any]], second: Sequence[Mapping[str, Any]]
) -> tuple[list[tuple[Any, ...]], int]:
    """Rows of AGREEMENT_COLUMNS, one per verdict and one for ``right``, over the events both
    label sets judged (matched by event key), and how many of ``second``'s events ``first``
    lacks. Raises ValueError when no event is judged by both."""
    by_key = {event_key(r): r for r in first}
    pairs = [(by_key[event_key(r)], r) for r in second if event_key(r) in by_key]
    if not pairs:
        raise ValueError("no event is judged in both label sets")
    rows: list[tuple[Any, ...]] = []
    for verdict in (*VERDICTS, "right"):
        a = [bool(x[verdict]) for x, _ in pairs]
        b = [bool(y[verdict]) for _, y in pairs]
        observed, kappa = _kappa(a, b)
        both = sum(x and y for x, y in zip(a, b, strict=True))
        rows.append((verdict, len(pairs), observed, kappa, sum(a), sum(b), both))
    return rows, len(second) - len(pairs)
