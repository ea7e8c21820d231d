"""Merging reports of the same event: event mentions -> event clusters.

The rule (documented and measured in ``docs/evaluation/clusters.md``): two event mentions
report the same event when

1. **same actors at country + sector level**, direction kept: ``(source country, source
   sector, target country, target sector)``; an actor without a country (``IGOUNO``) is keyed
   by its code. ``RUSGOV -> CHNGOV`` and ``RUSGOVMIL -> CHNGOV`` differ in sector; a named
   person and "Moscow" resolved to ``RUSGOV`` agree;
2. **same CAMEO root** (``"04"``): "met" and "held talks" merge, "met" and "criticised" do not;
3. **compatible dates**: the event date lies within the window of the cluster's anchor date;
   the window is the wider of the mention's and the cluster's (publication date 2 days,
   day 1, week 7, month 31, season 92, year 366);
4. **compatible locations**: if both have a location country they agree, and if both have
   coordinates some member of the cluster lies within 300 km;
5. **weak keys need the same words**: a one-sided mention (no target) or a statement/appeal
   (roots 01, 02) joins only a cluster with a member whose evidence sentence shares at least
   half its words (Jaccard >= 0.5 over words of 3+ letters): "China said ..." happens many
   times a day, and only copies of one sentence report the same statement.

The date window of a cluster is that of its most precisely dated members (so one mention
dated only "this year" does not open a cluster to the whole year) and its anchor is the
earliest date among them.

Negated mentions ("did not attack") join no cluster. Among compatible clusters the one
whose anchor date is nearest wins (ties: smallest id). The id of a cluster is
``stable_id("cluster", <event_id of its first mention>)``, so it depends only on the order
documents are ingested in, never on batch boundaries or restarts: the state of a cluster
(anchor date, window, countries, coordinates, evidence words) is recomputed from the stored
mentions exactly as it was built in memory.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .records import stable_id

WINDOW_DAYS = {
    "publication": 2,
    "day": 1,
    "week": 7,
    "month": 31,
    "season": 92,
    "quarter": 92,
    "year": 366,
}
DEFAULT_WINDOW = 2
MAX_KM = 300.0
MAX_WINDOW = max(WINDOW_DAYS.values())
NO_WINDOW = 10**6
WEAK_ROOTS = frozenset({"01", "02"})  # statements and appeals: many distinct ones a day
EVIDENCE_JACCARD = 0.5
_WORD = re.compile(r"[^\W_]{3,}")

Key = tuple[str, str, str, str, str]


def is_weak(key: Key) -> bool:
    """One-sided events and statements: the actors and root alone do not identify the event."""
    return key[2] == "" or key[4] in WEAK_ROOTS


def evidence_words(text: str | None) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text or ""))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def window_days(precision: str | None) -> int:
    return WINDOW_DAYS.get(precision or "", DEFAULT_WINDOW)


def actor_key(code: str | None, country: str | None, sector: str | None) -> tuple[str, str]:
    return (country or code or "", sector or "")


def cluster_key(
    *,
    source: tuple[str | None, str | None, str | None],
    target: tuple[str | None, str | None, str | None],
    cameo_root: str | None,
) -> Key:
    """``source``/``target`` are ``(code, country, sector)``."""
    s, t = actor_key(*source), actor_key(*target)
    return (s[0], s[1], t[0], t[1], cameo_root or "")


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(slots=True)
class Mention:
    """What the rule needs from one event mention."""

    event_id: str
    key: Key
    date: dt.date | None
    precision: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    negated: bool = False
    words: frozenset[str] = frozenset()  # evidence words, compared for weak keys only


@dataclass(slots=True)
class ClusterState:
    """What a cluster remembers; the same whatever order its members are absorbed in."""

    cluster_id: str
    key: Key
    anchor: dt.date | None = None  # earliest date among the most precisely dated members
    window: int = NO_WINDOW  # window of the most precisely dated members
    countries: set[str] = field(default_factory=set)
    coords: set[tuple[float, float]] = field(default_factory=set)
    texts: list[frozenset[str]] = field(default_factory=list)  # evidence words (weak keys)

    def distance(self, m: Mention) -> float | None:
        """Days between the mention and the cluster, or None when incompatible."""
        if m.country and self.countries and m.country not in self.countries:
            return None
        if m.lat is not None and m.lon is not None and self.coords and not self._near(m.lat, m.lon):
            return None
        if is_weak(self.key) and not any(
            jaccard(m.words, t) >= EVIDENCE_JACCARD for t in self.texts
        ):
            return None
        if m.date is None or self.anchor is None:
            return 0.0 if m.date is None and self.anchor is None else None
        days = abs((m.date - self.anchor).days)
        return float(days) if days <= max(self.window, window_days(m.precision)) else None

    def _near(self, lat: float, lon: float) -> bool:
        return any(km(lat, lon, a, b) <= MAX_KM for a, b in self.coords)

    def absorb(self, m: Mention) -> None:
        w = window_days(m.precision)
        if m.date is not None and (
            self.anchor is None or w < self.window or (w == self.window and m.date < self.anchor)
        ):
            self.anchor, self.window = m.date, w
        if m.country:
            self.countries.add(m.country)
        if m.lat is not None and m.lon is not None:
            self.coords.add((round(m.lat, 4), round(m.lon, 4)))
        if is_weak(self.key) and m.words not in self.texts:
            self.texts.append(m.words)


class ClusterIndex:
    """Assigns mentions to clusters, greedily, in the order they are given."""

    def __init__(self, existing: Iterable[ClusterState] = ()) -> None:
        self._by_key: dict[Key, list[ClusterState]] = {}
        for state in existing:
            self._by_key.setdefault(state.key, []).append(state)

    def assign(self, m: Mention) -> str | None:
        if m.negated:
            return None
        best: tuple[float, str] | None = None
        chosen: ClusterState | None = None
        for state in self._by_key.get(m.key, ()):
            d = state.distance(m)
            if d is not None and (best is None or (d, state.cluster_id) < best):
                best, chosen = (d, state.cluster_id), state
        if chosen is None:
            chosen = ClusterState(
                stable_id("cluster", m.event_id), m.key, m.date, window_days(m.precision)
            )
            self._by_key.setdefault(m.key, []).append(chosen)
        chosen.absorb(m)
        return chosen.cluster_id

    def assign_all(self, mentions: Iterable[Mention]) -> dict[str, str | None]:
        return {m.event_id: self.assign(m) for m in mentions}


# -- measurement ---------------------------------------------------------------------------


def shingles(text: str, n: int = 4) -> set[str]:
    words = text.lower().split()
    return {" ".join(words[i : i + n]) for i in range(max(len(words) - n + 1, 1))}


def near_duplicates(
    docs: list[tuple[str, dt.date | None, str]], *, threshold: float = 0.5, days: int = 1
) -> list[tuple[str, str, float]]:
    """Pairs of documents published within ``days`` whose word-4-gram Jaccard is >= ``threshold``."""
    sh = {d: shingles(t) for d, _, t in docs}
    by_day: dict[dt.date | None, list[str]] = {}
    for doc_id, day, _ in docs:
        by_day.setdefault(day, []).append(doc_id)
    pairs: list[tuple[str, str, float]] = []
    for day, ids in by_day.items():
        near = list(ids)
        if day is not None:
            for k in range(1, days + 1):
                near += by_day.get(day + dt.timedelta(days=k), [])
        for i, a in enumerate(ids):
            for b in near[i + 1 :] if near is not ids else ids[i + 1 :]:
                if a == b:
                    continue
                inter = len(sh[a] & sh[b])
                j = inter / (len(sh[a] | sh[b]) or 1)
                if j >= threshold:
                    pairs.append((min(a, b), max(a, b), round(j, 3)))
    return sorted(set(pairs))


def measure(con: Any, *, threshold: float = 0.5) -> dict[str, Any]:
    """Figures of the merge rule on a store: sizes, and merge recall on near-duplicate articles."""
    row = con.execute(
        "SELECT count(*), count(DISTINCT cluster_id) FROM events WHERE NOT negated AND cluster_id IS NOT NULL"
    ).fetchone()
    sizes = con.execute(
        "SELECT count(*) FILTER (num_mentions >= 2), count(*) FILTER (num_articles >= 2), max(num_mentions), "
        "max(num_articles) FROM event_clusters"
    ).fetchone()
    docs = con.execute("SELECT doc_id, date, text FROM documents").fetchall()
    pairs = near_duplicates(docs, threshold=threshold)
    ev: dict[str, list[tuple[tuple[Any, ...], str]]] = {}
    for doc_id, key, cid in con.execute(
        "SELECT doc_id, [coalesce(source_country, source_code, ''), coalesce(source_sector, ''), "
        "coalesce(target_country, target_code, ''), coalesce(target_sector, ''), cameo_root], cluster_id "
        "FROM events WHERE NOT negated AND cluster_id IS NOT NULL"
    ).fetchall():
        ev.setdefault(doc_id, []).append((tuple(key), cid))
    shared = merged = 0
    for a, b, _ in pairs:
        for x, y in ((a, b), (b, a)):
            other: dict[tuple[Any, ...], set[str]] = {}
            for key, cid in ev.get(y, []):
                other.setdefault(key, set()).add(cid)
            for key, cid in ev.get(x, []):
                if key in other:
                    shared += 1
                    merged += cid in other[key]
    mentions, clusters = row or (0, 0)
    return {
        "mentions": mentions,
        "clusters": clusters,
        "mentions_per_cluster": round(mentions / clusters, 3) if clusters else 0.0,
        "clusters_multi_mention": sizes[0] if sizes else 0,
        "clusters_multi_article": sizes[1] if sizes else 0,
        "max_mentions": sizes[2] if sizes else 0,
        "max_articles": sizes[3] if sizes else 0,
        "near_duplicate_pairs": len(pairs),
        "threshold": threshold,
        "dup_mentions_with_counterpart": shared,
        "dup_mentions_merged": merged,
        "dup_merge_recall": round(merged / shared, 3) if shared else None,
    }
