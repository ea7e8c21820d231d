"""What the store's queries count, and the one event filter every reader uses.

Definitions shared by the CLI, the library, the API, the dashboard and the exports:

- A **mention** is one row of ``events`` that is not negated. Negated rows are kept in the
  store (with ``negated`` true and no cluster) but never counted.
- A **reported event** (an "event" in every count) is one cluster of mentions
  (``events.cluster_id``, the ``event_clusters`` table): the same happening reported in several
  sentences or articles is one event with several mentions.
- The **date** of an event mention is its own date when known, else its document's
  publication date (:data:`EVENT_DATE`); ``start``, ``end``, ``year`` and periods use it.
- An **actor** argument matches an actor whose country is that code or whose actor code starts
  with it: ``RUS`` matches ``RUS``, ``RUSGOV`` and ``RUSGOVFRM``; ``RUSGOV`` matches ``RUSGOVFRM``.
- At **level** ``country`` an actor is its country, else (international organisations and
  other actors without one) its full code; at level ``actor`` (alias ``code``) it is its full
  code; at level ``sector`` it is its country and sector (``USAGOV`` for ``USAGOVFRM``), else
  its full code.
- The **uncoded** actor ``---`` (PETRARCH's null code: a named actor no dictionary codes) is
  no actor of any ranking: dyads, actor rankings and the network leave it out (:data:`UNCODED`);
  exports keep such events, with the name.
- A **dyad** joins two different actors at the chosen level: an actor acting on itself (RUS on
  RUS at country level: domestic politics) is not a dyad, unless asked for (``self_loops``).
- A **confidence** threshold (``min_confidence``) keeps the mentions whose ``confidence`` (the
  calibrated probability that the event is right) is at least that value.
- **Undated** events (no event date and no publication date: plain text ingested without
  ``--date``) are counted everywhere; period series put them in one last row whose ``period``
  is NULL.

Every value travels as a bound parameter; only the names in the allow-lists below
(:data:`PERIODS`, :data:`LEVELS`) are formatted into SQL text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..errors import Errors, StoreError

EVENT_DATE = "coalesce(e.date, e.pub_date)"
NOT_NEGATED = "NOT coalesce(e.negated, false)"
# a counted mention: not negated and part of a reported event
COUNTED = f"{NOT_NEGATED} AND e.cluster_id IS NOT NULL"
PERIODS = ("day", "week", "month", "year")
LEVELS = ("country", "actor", "sector", "code")  # code: the same as actor (older name)
UNCODED = "---"
# date precisions that name one day: the event's own day, or the story's date
DAY_PRECISE = ("day", "publication")


def check_choice(name: str, value: object, allowed: tuple[str, ...]) -> str:
    """``value`` when it is one of ``allowed``; StoreError E304 otherwise."""
    if value not in allowed:
        raise StoreError(Errors.E304, name=name, value=value, expected=" | ".join(allowed))
    return str(value)


def actor_expr(role: str, level: str) -> str:
    """The SQL expression naming the ``role`` actor (source, target) at ``level``."""
    level = check_choice("level", level, LEVELS)
    code = f"nullif(e.{role}_code, '{UNCODED}')"
    if level == "country":
        return f"coalesce(e.{role}_country, {code})"
    if level == "sector":
        return (
            f"CASE WHEN e.{role}_country IS NOT NULL "
            f"THEN e.{role}_country || coalesce(e.{role}_sector, '') ELSE {code} END"
        )
    return code


def actor_match(role: str) -> str:
    """SQL matching the ``role`` actor against one actor argument (two ``?`` parameters)."""
    return f"(e.{role}_country = ? OR starts_with(e.{role}_code, ?))"


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    """Filters on event mentions; every field is optional and they are ANDed."""

    actor: str | None = None  # either side
    source: str | None = None
    target: str | None = None
    dyad: tuple[str, str] | None = None  # (a, b): a acts on b
    directed: bool = True  # with dyad: False also matches b acting on a
    cameo_root: str | None = None
    cameo: str | None = None
    plover: str | None = None
    quad_class: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    year: int | None = None
    place: str | None = None  # place name or country code
    q: str | None = None  # text in the evidence sentence
    doc_id: str | None = None
    cluster_id: str | None = None
    day_precise: bool = False  # only events dated to the day (DAY_PRECISE)
    min_confidence: float | None = None  # only events with confidence >= this
    include_negated: bool = False

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on ``events e`` and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            clauses.append(sql)
            params.extend(values)

        if self.actor:
            add(f"({actor_match('source')} OR {actor_match('target')})", *[self.actor] * 4)
        if self.source:
            add(actor_match("source"), self.source, self.source)
        if self.target:
            add(actor_match("target"), self.target, self.target)
        if self.dyad:
            a, b = self.dyad
            both = f"({actor_match('source')} AND {actor_match('target')})"
            if self.directed:
                add(both, a, a, b, b)
            else:
                add(f"({both} OR {both})", a, a, b, b, b, b, a, a)
        for column, value in (
            ("cameo_root", self.cameo_root),
            ("cameo", self.cameo),
            ("plover", self.plover),
            ("quad_class", self.quad_class),
            ("doc_id", self.doc_id),
            ("cluster_id", self.cluster_id),
        ):
            if value is not None and value != "":
                add(f"e.{column} = ?", value)
        if self.start:
            add(f"{EVENT_DATE} >= ?", self.start)
        if self.end:
            add(f"{EVENT_DATE} <= ?", self.end)
        if self.year:
            add(f"year({EVENT_DATE}) = ?", self.year)
        if self.day_precise:
            add(f"e.date_precision IN {DAY_PRECISE!r} AND {EVENT_DATE} IS NOT NULL")
        if self.place:
            add(
                "(lower(e.loc_name) = lower(?) OR e.loc_country = upper(?) "
                "OR lower(e.loc_text) = lower(?))",
                *[self.place] * 3,
            )
        if self.q:
            add("strpos(lower(e.evidence), lower(?)) > 0", self.q)
        if self.min_confidence is not None:
            add("e.confidence >= ?", float(self.min_confidence))
        if not self.include_negated:
            clauses.append(NOT_NEGATED)
        return (" AND ".join(clauses) or "true"), params
