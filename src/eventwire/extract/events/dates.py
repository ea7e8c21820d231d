"""Dating events from their own words (owned by the time extractor).

``date_events(doc, events, times=...)`` returns the events with ``date``/``date_precision`` set from
the time expression that governs each trigger; the default is the document date with
precision ``"publication"`` (set by the event coder, kept here when nothing governs).

What governs a trigger, best first (on the dependency parse of the trigger's sentence):

0. a time inside the trigger's own phrase, reached without crossing a verb: "Moscow's 2014
   annexation", "last summer's joint navy drills";
1. a time attached to the trigger's clause (its own verb, or the verb it is the object of):
   "In December last year, the two militaries held ... drills", "met on Wednesday";
2. a time attached to a clause that governs the trigger's clause through a clausal relation
   (ccomp, xcomp, conj, advcl, ...): "Wei in April said that he chose Russia for his trip".

Ties go to the nearer expression. Only dates count (days, months, seasons, years, times of a
day and "now"); durations, sets, vague references, weeks and quarters leave the default.
Without a parse, the nearest date in the same sentence is taken.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ...records import Event, TimeExpression
from ..times import precision_of, sentence_bounds

_CLAUSAL = {"ccomp", "xcomp", "conj", "advcl", "parataxis", "csubj", "pcomp"}  # not relcl/acl
_NON_CLAUSAL = {"amod", "prep", "compound"}
_MAX_CLIMB = 12


def _date_of(time: TimeExpression, dct: str | None) -> tuple[str, str] | None:
    """(date, precision) an event takes from a time expression, or None if it is not a date."""
    value = time.value
    if value == "PRESENT_REF":
        return (dct[:10], "day") if dct else None
    precision = precision_of(value)
    if precision is None:
        return None
    return (value[:10] if precision == "day" else value), precision


def _is_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")


def _heads_clause(tok: Token) -> bool:
    """A verb that heads a clause: not a participle used as an adjective or preposition
    ("newly named", "including"), which takes no time modifier in a correct parse."""
    return _is_verb(tok) and tok.dep_ not in _NON_CLAUSAL


def _clause_head(tok: Token) -> Token:
    """The verb heading the clause a token belongs to (itself if it heads one)."""
    cur = tok
    for _ in range(_MAX_CLIMB):
        if _heads_clause(cur) or cur.head is cur:
            return cur
        cur = cur.head
    return cur


def _inside(time_root: Token, trigger: Token) -> int | None:
    """Steps from the time up to the trigger inside its phrase (no verb, no coordination)."""
    cur = time_root
    for steps in range(_MAX_CLIMB):
        if cur.i == trigger.i:
            return steps
        if cur.head is cur or cur.dep_ == "conj" or (cur is not time_root and _heads_clause(cur)):
            return None
        cur = cur.head
    return None


def _modified_clause(time_root: Token) -> Token | None:
    """The clause a time modifies directly (npadvmod/tmod/advmod, or prep + pobj), else None."""
    head = time_root.head
    if head is time_root:
        return None
    if time_root.dep_ == "pobj" and head.dep_ == "prep" and head.head is not head:
        head = head.head
    if _heads_clause(head):
        return head
    if _is_verb(head):  # a participle modifier: the time belongs to the clause around it
        return _clause_head(head.head)
    return None


def _governing_clauses(verb: Token) -> list[Token]:
    """The clause heads above ``verb`` through clausal relations, nearest first."""
    out: list[Token] = []
    cur = verb
    for _ in range(_MAX_CLIMB):
        if cur.head is cur or cur.dep_ not in _CLAUSAL:
            break
        cur = _clause_head(cur.head)
        out.append(cur)
    return out


def _rank(time_root: Token, trigger: Token) -> int | None:
    if not _heads_clause(trigger) and _inside(time_root, trigger) is not None:
        return 0  # a nominal event's own time ("the 2014 annexation")
    time_clause = _modified_clause(time_root)
    if time_clause is None:
        return None
    event_clause = _clause_head(trigger)
    if time_clause.i == event_clause.i:
        return 1
    if any(v.i == time_clause.i for v in _governing_clauses(event_clause)):
        return 2
    return None


def governing_time(doc: Doc, trigger: Span, times: list[TimeExpression]) -> TimeExpression | None:
    """The time expression that governs the event trigger ``trigger``, or None."""
    parsed = doc.has_annotation("DEP")
    if parsed:
        sent = trigger.sent
        lo, hi = sent.start_char, sent.end_char
    else:
        lo, hi = sentence_bounds(doc.text, trigger.start_char)
    best: tuple[int, int, TimeExpression] | None = None
    for time in times:
        if time.start < lo or time.end > hi:
            continue
        distance = abs(time.start - trigger.start_char)
        if parsed:
            span = doc.char_span(time.start, time.end, alignment_mode="expand")
            if span is None:
                continue
            rank = _rank(span.root, trigger.root)
            if rank is None:
                continue
        else:
            rank = 1
        key = (rank, distance, time)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else None


def date_events(doc: Doc, events: list[Event], *, times: Sequence[TimeExpression]) -> list[Event]:
    """Each event dated by the time expression governing its trigger (else left as it is);
    ``times`` are the document's time expressions (the times extractor's output)."""
    times = [t for t in times if _date_of(t, doc._.ew_date)]
    if not times:
        return events
    out: list[Event] = []
    for event in events:
        trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        time = governing_time(doc, trigger, times) if trigger is not None else None
        dated = _date_of(time, doc._.ew_date) if time is not None else None
        if dated is None:
            out.append(event)
            continue
        date, precision = dated
        out.append(replace(event, date=date, date_precision=precision))
    return out
