"""PETRARCH unit-test records (``PETR.UnitTest.records.xml``): each ``<Sentence date id category>``
holds its ``<Text>`` and the events PETRARCH must code, one ``<EventCoding sourcecode targetcode
eventcode>`` each (or one ``<EventCoding noevents="True">``: none). The file's ``<Environment>`` names
the validation dictionaries the sentences are coded with (fictional actors: Arnor, Gondor...).

Scored per sentence: the set of (source, target, CAMEO code) triples of the realised events
``annotate`` emits (no target: ``---``, as PETRARCH writes it) against the gold set; **exact** = the
sets are equal (a sentence with no events is exact when we emit none). Also precision, recall and F1
over triples, and exact by category. Skipped, and reported apart: sentences marked
``sentence="false"`` (PETRARCH's own record of cases it does not code yet) and sentences whose
category is not in the environment's ``<Include>`` list.

``<Config option="require_dyad" value="false">`` between sentences switches PETRARCH's option for the
sentences after it (on by default, as in PETRARCH's config): with it on, PETRARCH codes no event
without both a source and a target, so ours with one side ``---`` are left out of the comparison.

A record whose parse PETRARCH cannot read (unbalanced brackets: ``bad_input_parse``) codes no
events. The text coded is the words of the record's ``<Parse>``, which is what PETRARCH codes and what its
gold follows where the two differ ('The Calenardhon Congressmen' in the parse, 'government' in the
text); a record with no parse is coded from its text, an underscore between two words a blank as a
parse splits them ("Dol_Amroth" is ``(NNP Dol) (NNP Amroth)``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import Errors, EventwireError
from .events_main import PRF, ActorLike, EventLike, realised, share

NO_ACTOR = "---"
Triple = tuple[str, str, str]
# <Environment> element -> the dictionary setting it fills
ENVIRONMENT_FILES = {
    "Verbfile": "verbs",
    "Actorfile": "actors",
    "Agentfile": "agents",
    "Discardfile": "discards",
}


@dataclass(frozen=True, slots=True)
class PetrRecord:
    id: str
    text: str
    date: str | None
    category: str
    triples: frozenset[Triple]
    skipped: str | None = None  # why the file marks it as not to be coded
    require_dyad: bool = True  # PETRARCH's option in force: no event with one side ``---``
    new_actor_length: int = 0  # PETRARCH's option: uncoded phrases of up to this many words
    readable: bool = True  # False: a parse PETRARCH cannot read (unbalanced brackets): no events


@dataclass(frozen=True, slots=True)
class PetrEnvironment:
    """The dictionaries named in ``<Environment>`` (paths beside the XML file) and ``<Include>``."""

    dictionaries: dict[str, str] = field(default_factory=dict)
    include: tuple[str, ...] = ()


def is_petr_xml(head: str) -> bool:
    """Whether the start of a file looks like PETRARCH validation records."""
    return head.lstrip().startswith("<") and "<Validation" in head


def read_petr(path: Path) -> tuple[list[PetrRecord], PetrEnvironment]:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise EventwireError(Errors.E401, path=str(path), reason=str(exc)) from exc
    env = _environment(root, path.parent)
    records: list[PetrRecord] = []
    require_dyad, new_actor_length = True, 0
    for element in root.iter():
        option = element.get("option", "").strip() if element.tag == "Config" else ""
        if option == "require_dyad":
            require_dyad = element.get("value", "true").strip().lower() != "false"
        elif option == "new_actor_length":
            value = element.get("value", "0").strip()
            new_actor_length = int(value) if value.isdigit() else 0
        elif element.tag == "Sentence":
            record = _record(element, len(records), env.include, require_dyad)
            records.append(replace(record, new_actor_length=new_actor_length))
    if not records:
        raise EventwireError(Errors.E401, path=str(path), reason="no <Sentence> records")
    return records, env


def _environment(root: ET.Element, folder: Path) -> PetrEnvironment:
    env = root.find("Environment")
    if env is None:
        return PetrEnvironment()
    dictionaries = {}
    for tag, name in ENVIRONMENT_FILES.items():
        value = (env.findtext(tag) or "").strip()
        if value:
            dictionaries[name] = str((folder / value).resolve())
    include = tuple((env.findtext("Include") or "").split())
    return PetrEnvironment(dictionaries, include)


def _record(
    sentence: ET.Element, n: int, include: tuple[str, ...], require_dyad: bool = True
) -> PetrRecord:
    category = sentence.get("category", "").strip()
    parse = sentence.findtext("Parse") or ""
    triples = frozenset(
        (
            c.get("sourcecode", NO_ACTOR).strip(),
            c.get("targetcode", NO_ACTOR).strip(),
            c.get("eventcode", "").strip(),
        )
        for c in sentence.iter("EventCoding")
        if c.get("eventcode")
    )
    skipped = None
    if sentence.get("sentence", "true").strip().lower() == "false":
        skipped = 'sentence="false"'
    elif include and category not in include:
        skipped = "category not in <Include>"
    return PetrRecord(
        id=sentence.get("id", f"sentence-{n}").strip(),
        text=_parse_text(parse) or _coded_text(sentence.findtext("Text") or ""),
        date=_iso_date(sentence.get("date", "")),
        category=category,
        triples=triples,
        skipped=skipped,
        require_dyad=require_dyad,
        readable=parse.count("(") == parse.count(")"),
    )


# Penn Treebank's escapes of brackets and quotes -> the characters
TREEBANK_ESCAPES = {"-LRB-": "(", "-RRB-": ")", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"'}
# a leaf of the parse: (TAG word)
_LEAF = re.compile(r"\((\S+) ([^()\s]+)\)")
# what the treebank splits from the word before it, and what it splits from the one after
_NO_SPACE_BEFORE = re.compile(r" (?=[.,;:!?)}%]|'s\b|'\s|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)")
_NO_SPACE_AFTER = re.compile(r"(?<=[({$]) ")


def _parse_text(parse: str) -> str:
    """The words of a record's ``<Parse>`` (the sentence PETRARCH codes, which may differ from its
    ``<Text>``: 'The Calenardhon Congressmen' where the text has 'government') as running text;
    empty when it has none."""
    words = [TREEBANK_ESCAPES.get(w, w) for _, w in _LEAF.findall(parse)]
    return _NO_SPACE_AFTER.sub("", _NO_SPACE_BEFORE.sub("", " ".join(words)))


def _coded_text(text: str) -> str:
    """The text of a record with no parse, its words as a parse splits them: an underscore
    between two words a blank ("the Prince of Dol_Amroth": ``(NNP Dol) (NNP Amroth)``)."""
    return " ".join(re.sub(r"(?<=\w)_(?=\w)", " ", text).split())


def _iso_date(value: str) -> str | None:
    """``19950101`` -> ``1995-01-01``; anything else -> None (the run's date)."""
    value = value.strip()
    if re.fullmatch(r"\d{8}", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return None


def triples_of(
    events: Sequence[EventLike], require_dyad: bool = False, new_actor_length: int = 0
) -> frozenset[Triple]:
    """The (source, target, code) triples of the realised events; ``require_dyad``: only those
    with both sides known (PETRARCH's option); ``new_actor_length``: an uncoded side (``---``)
    whose phrase has at most this many words is that phrase, quoted and in capitals, as PETRARCH
    writes a new actor ('"THE MINISTRY OF MAGIC"'; its other option)."""

    def code(actor: ActorLike | None) -> str:
        if actor is None:
            return NO_ACTOR
        if actor.code == NO_ACTOR and new_actor_length > 0:
            text = getattr(actor, "text", "")  # the phrase the coder read
            words = [re.sub(r"['\u2019]s$", "", w) for w in text.split()]
            if 0 < len(words) <= new_actor_length:
                return '"' + " ".join(words).upper() + '"'
        return str(actor.code)

    triples = ((code(e.source), code(e.target), e.cameo) for e in realised(events))
    return frozenset(t for t in triples if not require_dyad or NO_ACTOR not in t[:2])


@dataclass(frozen=True, slots=True)
class PetrScores:
    sentences: int
    exact: int
    triples: dict[str, float | int]
    by_category: dict[str, tuple[int, int]]  # category -> (exact, sentences)
    errors: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "exact": share(self.exact, self.sentences),
            "exact_sentences": self.exact,
            "triples": self.triples,
            "by_category": {
                c: {"sentences": n, "exact": share(k, n)}
                for c, (k, n) in sorted(self.by_category.items())
            },
        }


def score_petr(
    records: Sequence[PetrRecord], predictions: Mapping[str, Sequence[EventLike]]
) -> PetrScores:
    """Exact triple sets per sentence, P/R/F1 over triples, exact by category."""
    counts = PRF()
    exact = 0
    by_category: Counter[str] = Counter()
    right: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    for record in records:
        events = predictions.get(record.id, ()) if record.readable else ()
        ours = triples_of(events, record.require_dyad, record.new_actor_length)
        counts.add(record.triples, ours)
        hit = ours == record.triples
        exact += hit
        by_category[record.category] += 1
        right[record.category] += hit
        if not hit:
            errors.append(
                {
                    "id": record.id,
                    "gold": sorted(record.triples),
                    "ours": sorted(ours),
                    "text": record.text,
                }
            )
    return PetrScores(
        sentences=len(records),
        exact=exact,
        triples=counts.to_dict(),
        by_category={c: (right[c], n) for c, n in by_category.items()},
        errors=tuple(errors),
    )
