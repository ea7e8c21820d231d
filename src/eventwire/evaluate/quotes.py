"""Evaluate quote extraction on a PolNeAR-style gold file (JSONL).

Each gold line: ``{"id", "text", "attributions": [{"source": [span], "cue": [span],
"content": [span], "direct": bool}]}`` with character offsets into ``text``; an attribution may
have several content spans (a quote interrupted by its attribution) and no source.

Predictions are grouped into attributions the same way: our records that share a cue word are
one attribution (the two halves of an interrupted quote; a clause of reported speech and the
quoted fragments inside it, which makes it direct, as in the gold); direct quotes of that cue
outside its clause form a separate direct attribution. Then:

- a gold attribution is **found** when a predicted group of the same kind (direct/indirect)
  overlaps at least half of its content characters;
- a predicted group is **correct** (precision) when it finds some gold attribution of either
  kind, or when at least half of its characters lie inside gold content (it is quoted material
  the gold attributes, e.g. a fragment of a longer annotated clause);
- the **speaker is right** when the predicted speaker mention overlaps the gold source span, or
  names the same speaker at another mention (same last word, pronouns excluded); no source in
  the gold and none predicted also counts as right;
- **end-to-end recall**: found with the right speaker, over all gold attributions of the kind;
- **recall (any kind)**: found by a predicted attribution of either kind (the gold's ``direct``
  flag misses some quote conventions, e.g. ``''...''``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import Errors, EventwireError
from ..extract.quotes import Attribution, find_attributions, load_cue_lexicon

Interval = tuple[int, int]

HELDOUT_FILE = Path(__file__).parent / "splits" / "quotes_polnear_heldout.txt"
SPLITS = ("heldout", "dev", "all")
_DRAW_SALT = "eventwire-quotes-heldout:"


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: tuple[Interval, ...]
    source: tuple[Interval, ...]
    direct: bool


@dataclass(frozen=True, slots=True)
class GoldDoc:
    doc_id: str
    text: str
    attributions: tuple[GoldAttribution, ...]


@dataclass(frozen=True, slots=True)
class Predicted:
    """One predicted attribution: content intervals, speaker mention, kind."""

    content: tuple[Interval, ...]
    speaker: Interval | None
    direct: bool


@dataclass(slots=True)
class KindScore:
    gold: int = 0
    found: int = 0
    found_any_kind: int = 0  # found by a predicted attribution of either kind
    predicted: int = 0
    correct: int = 0
    speaker_right: int = 0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "precision": _ratio(self.correct, self.predicted),
            "recall": _ratio(self.found, self.gold),
            "recall_any_kind": _ratio(self.found_any_kind, self.gold),
            "speaker_accuracy": _ratio(self.speaker_right, self.found),
            "end_to_end_recall": _ratio(self.speaker_right, self.gold),
        }


@dataclass(slots=True)
class QuoteScores:
    direct: KindScore = field(default_factory=KindScore)
    indirect: KindScore = field(default_factory=KindScore)
    documents: int = 0
    failed_documents: int = 0  # documents the extractor could not process (textacy aborts)
    errors: list[dict[str, Any]] = field(default_factory=list)  # never from held-out documents

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "failed_documents": self.failed_documents,
            "direct": self.direct.as_dict(),
            "indirect": self.indirect.as_dict(),
        }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def load_gold(path: str | Path) -> list[GoldDoc]:
    """Read a PolNeAR-style JSONL gold file."""
    docs: list[GoldDoc] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EventwireError(Errors.E401, path=str(path), reason=str(exc)) from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            attributions = tuple(
                GoldAttribution(
                    _intervals(a.get("content", ())),
                    _intervals(a.get("source", ())),
                    bool(a.get("direct")),
                )
                for a in row["attributions"]
            )
            docs.append(GoldDoc(str(row.get("id", number)), row["text"], attributions))
        except (ValueError, KeyError, TypeError) as exc:
            raise EventwireError(
                Errors.E401, path=str(path), reason=f"line {number}: {exc}"
            ) from exc
    return docs


def _intervals(spans: Iterable[dict[str, Any]]) -> tuple[Interval, ...]:
    return tuple((int(s["start"]), int(s["end"])) for s in spans if int(s["end"]) > int(s["start"]))


def group_attributions(found: Sequence[Attribution], text: str | None = None) -> list[Predicted]:
    """Our records as attributions: records sharing a cue word form one; when the cue has a
    clause of reported speech, the quotes outside that clause form a second, direct one.

    The kind follows the gold's definition (``direct``: the content holds a double quote mark):
    a clause is direct when a quote in double marks lies inside it, whichever cue the quote has
    ("says she appreciated what she calls a “war of words”"), or (given ``text``) when its
    content holds a double mark; given ``text``, a quote in ``''`` or single marks counts as
    indirect, as the gold counts it."""
    marked = [a for a in found if a.quote.direct and (text is None or _double_marked(text, a))]
    groups: dict[object, list[Attribution]] = {}
    for n, a in enumerate(found):
        key: object = a.cue_token if a.cue_token is not None else ("alone", n)
        groups.setdefault(key, []).append(a)
    out = []
    for members in groups.values():
        clauses = [a for a in members if not a.quote.direct]
        inside = [a for a in members if a.quote.direct and any(_within(a, c) for c in clauses)]
        rest = [a for a in members if a.quote.direct and a not in inside]
        if clauses:
            direct = any(_within(m, c) for m in marked for c in clauses) or (
                text is not None and any(_holds_double_mark(text, c) for c in clauses)
            )
            out.append(_predicted(clauses + inside, direct=direct))
        if rest:
            out.append(_predicted(rest, direct=any(a in marked for a in rest)))
    return out


_DOUBLE_MARKS = '"“”„«»'


def _holds_double_mark(text: str, a: Attribution) -> bool:
    content = a.quote.content
    return any(ch in _DOUBLE_MARKS for ch in text[content.start : content.end])


def _double_marked(text: str, a: Attribution) -> bool:
    """The quote's opening mark is a double quote mark (not ``''`` nor a single mark)."""
    i = a.quote.content.start - 1
    while i > 0 and text[i].isspace():
        i -= 1
    return i >= 0 and text[i] in _DOUBLE_MARKS and not (i > 0 and text[i - 1 : i + 1] == "''")


def _within(a: Attribution, clause: Attribution) -> bool:
    return (
        clause.quote.content.start <= a.quote.content.start
        and a.quote.content.end <= clause.quote.content.end + 2
    )


def _predicted(members: Sequence[Attribution], *, direct: bool) -> Predicted:
    content = tuple((a.quote.content.start, a.quote.content.end) for a in members)
    speaker = next((a.speaker_mention for a in members if a.speaker_mention is not None), None)
    return Predicted(content, speaker, direct)


def _overlap(a: Sequence[Interval], b: Sequence[Interval]) -> int:
    return sum(max(0, min(x[1], y[1]) - max(x[0], y[0])) for x in _merge(a) for y in _merge(b))


def _merge(intervals: Sequence[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for s, e in sorted(intervals):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _size(intervals: Sequence[Interval]) -> int:
    return sum(e - s for s, e in _merge(intervals))


def score_document(
    gold: GoldDoc,
    predicted: Sequence[Predicted],
    scores: QuoteScores,
    *,
    min_overlap: float = 0.5,
    errors: list[dict[str, Any]] | None = None,
) -> None:
    """Add one document's counts to ``scores``; a match overlaps ``min_overlap`` of the gold
    content (0 means any overlap at all). ``errors`` (when given) receives the document's
    misses, wrong speakers and spurious predictions."""

    def note(kind: str, what: str, content: Sequence[Interval], speaker: str = "") -> None:
        if errors is not None:
            first = min((s for s, _ in content), default=0)
            last = max((e for _, e in content), default=0)
            snippet = " ".join(gold.text[first:last].split())
            errors.append(
                {
                    "id": gold.doc_id,
                    "kind": kind,
                    "error": what,
                    "start": first,
                    "content": snippet,
                    "speaker": speaker,
                }
            )

    def matches(shared: int, size: int) -> bool:
        return shared > 0 and shared >= min_overlap * size

    all_content = [iv for g in gold.attributions for iv in g.content]
    for g in gold.attributions:
        if not g.content:
            continue
        kind = scores.direct if g.direct else scores.indirect
        kind.gold += 1
        size = _size(g.content)
        kind.found_any_kind += any(matches(_overlap(p.content, g.content), size) for p in predicted)
        candidates = [
            (p, _overlap(p.content, g.content)) for p in predicted if p.direct == g.direct
        ]
        best = max(candidates, key=lambda c: c[1], default=None)
        label = "direct" if g.direct else "indirect"
        if best is None or not matches(best[1], size):
            note(label, "missed", g.content, _text(gold.text, g.source[:1]))
            continue
        kind.found += 1
        right = _speaker_right(best[0].speaker, g.source, gold.text)
        kind.speaker_right += right
        if not right:
            ours = _text(gold.text, (best[0].speaker,) if best[0].speaker else ())
            note(label, "speaker", g.content, f"{ours!r} gold {_text(gold.text, g.source[:1])!r}")
    for p in predicted:
        kind = scores.direct if p.direct else scores.indirect
        kind.predicted += 1
        finds = any(
            matches(_overlap(p.content, g.content), _size(g.content)) for g in gold.attributions
        )
        inside = matches(_overlap(p.content, all_content), _size(p.content))
        kind.correct += finds or inside
        if not (finds or inside):
            speaker = _text(gold.text, (p.speaker,) if p.speaker else ())
            note("direct" if p.direct else "indirect", "spurious", p.content, speaker)


def _text(text: str, spans: Sequence[Interval]) -> str:
    return " ".join(text[s:e] for s, e in spans)


_PRONOUNS = frozenset(
    ["i", "you", "he", "she", "it", "we", "they", "who", "which", "that", "this", "these", "those"]
)


def _speaker_right(speaker: Interval | None, source: Sequence[Interval], text: str) -> bool:
    """Right when the mentions overlap, or name the same speaker elsewhere (same last word)."""
    if not source:
        return speaker is None
    if speaker is None:
        return False
    if _overlap([speaker], source) > 0:
        return True
    ours = _last_word(text[speaker[0] : speaker[1]])
    return ours not in _PRONOUNS and any(_last_word(text[s:e]) == ours for s, e in source)


def _last_word(mention: str) -> str:
    words = [w.strip(",.’'()").lower() for w in mention.split()]
    words = [w.removesuffix("’s").removesuffix("'s") for w in words if w]
    return words[-1] if words else ""


def ours(doc: Doc) -> list[Predicted]:
    actors = doc._.ew_actors or ()
    found = find_attributions(doc, load_cue_lexicon(), actors=actors)
    return group_attributions(found, doc.text)


def textacy_predictions(doc: Doc) -> list[Predicted]:
    """textacy's ``direct_quotations`` on the same parse (an optional baseline; not a dependency)."""
    from textacy.extract.triples import direct_quotations  # imported only for the comparison

    out = []
    for triple in direct_quotations(doc):
        speaker = None
        if triple.speaker:
            first, last = triple.speaker[0], triple.speaker[-1]
            speaker = (first.idx, last.idx + len(last))
        content = triple.content
        out.append(Predicted(((content.start_char, content.end_char),), speaker, True))
    return out


def evaluate(
    gold: Sequence[GoldDoc],
    nlp: Language,
    *,
    systems: Mapping[str, Callable[[Doc], list[Predicted]]] | None = None,
    batch_size: int = 16,
    min_overlap: float = 0.5,
    heldout: frozenset[str] | None = None,
) -> dict[str, QuoteScores]:
    """Score each system on the gold documents (each document parsed once). Errors are kept
    for every document except those in ``heldout`` (default: the held-out split file)."""
    systems = systems or {"eventwire": ours}
    never_read = heldout_ids() if heldout is None else heldout
    scores = {name: QuoteScores() for name in systems}
    for gold_doc, doc in zip(gold, _parse(nlp, gold, batch_size), strict=True):
        for name, system in systems.items():
            scores[name].documents += 1
            try:
                predicted = system(doc)
            except (ValueError, IndexError, RuntimeError):  # textacy aborts on unbalanced marks
                scores[name].failed_documents += 1
                predicted = []
            errors = None if gold_doc.doc_id in never_read else scores[name].errors
            score_document(
                gold_doc, predicted, scores[name], min_overlap=min_overlap, errors=errors
            )
    return scores


def heldout_ids(path: Path = HELDOUT_FILE) -> frozenset[str]:
    """The ids in a split file: one a line, ``#`` comments and blank lines skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EventwireError(Errors.E401, path=str(path), reason=str(exc)) from exc
    return frozenset(s for line in lines if (s := line.strip()) and not s.startswith("#"))


def draw_heldout(doc_ids: Sequence[str], salt: str = _DRAW_SALT) -> list[str]:
    """How the held-out split was drawn: per publisher (the id's part before the first ``_``
    after the last ``/``), the half of the ids with the smallest SHA-256 of ``salt + id``;
    returned in the order of ``doc_ids``."""
    by_source: dict[str, list[str]] = {}
    for doc_id in doc_ids:
        by_source.setdefault(doc_id.rsplit("/", 1)[-1].split("_", 1)[0], []).append(doc_id)
    chosen: set[str] = set()
    for members in by_source.values():
        ranked = sorted(members, key=lambda i: hashlib.sha256((salt + i).encode()).hexdigest())
        chosen.update(ranked[: len(ranked) // 2])
    return [i for i in doc_ids if i in chosen]


def split_documents(gold: Sequence[GoldDoc], split: str, heldout: frozenset[str]) -> list[GoldDoc]:
    """The documents of ``split``: ``heldout`` (ids in the file), ``dev`` (the others), ``all``."""
    if split == "all":
        return list(gold)
    return [g for g in gold if (g.doc_id in heldout) == (split == "heldout")]


def _parse(nlp: Language, gold: Sequence[GoldDoc], batch_size: int) -> Iterator[Doc]:
    """Parse as ``eventwire annotate`` does: a blank line starts a sentence before the parser."""
    from ..annotate import mark_paragraphs  # the product's preprocessing, not a copy

    disabled = [name for name in nlp.pipe_names if name == "eventwire_quotes"]

    def prepared() -> Iterator[Doc]:
        for g in gold:
            doc = nlp.make_doc(g.text)
            mark_paragraphs(doc)
            yield doc

    with nlp.select_pipes(disable=disabled):
        yield from nlp.pipe(prepared(), batch_size=batch_size)


def format_table(scores: dict[str, QuoteScores]) -> str:
    """A plain-text table: one row per system and kind."""
    head = f"{'system':<10} {'kind':<9} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'R-any':>6} {'spk':>6} {'e2e':>6}"
    rows = [head]
    for name, s in scores.items():
        for kind in ("direct", "indirect"):
            d = s.as_dict()[kind]
            if kind == "indirect" and name != "eventwire" and d["predicted"] == 0:
                continue
            rows.append(
                f"{name:<10} {kind:<9} {d['gold']:>5} {d['predicted']:>5} {d['precision']:>6.3f} "
                f"{d['recall']:>6.3f} {d['recall_any_kind']:>6.3f} {d['speaker_accuracy']:>6.3f} {d['end_to_end_recall']:>6.3f}"
            )
        if s.failed_documents:
            rows.append(f"{name:<10} aborted on {s.failed_documents} of {s.documents} documents")
    return "\n".join(rows)
