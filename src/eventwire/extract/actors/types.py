"""The types and small helpers every actor module shares: mentions, dictionary pieces, the
resolution context, actor records from token spans, sentences.

``resolve``, ``compose``, ``coref`` and ``alias`` depend on this module and never on each other's
callers, so the actor package has no import cycle.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from ...knowledge.actors_kb import ActorKB, Entry
from ...records import Actor
from ..doctext import slice_text

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int  # first token index
    end: int  # token index after the last
    actor: Actor
    label: str = "ACTOR"
    aliases: tuple[str, ...] = ()
    # name | composed | metonym | adjective | org | coref | pronoun | plural | agent | title
    kind: str = "name"


@dataclass(frozen=True, slots=True)
class Piece:
    """A dictionary match over tokens [start, end)."""

    start: int
    end: int
    entries: tuple[Entry, ...]

    @property
    def kinds(self) -> set[str]:
        return {e.kind for e in self.entries}

    def first(self, *kinds: str) -> Entry | None:
        return next((e for e in self.entries if e.kind in kinds), None)


def make_actor(
    doc: Doc,
    start: int,
    end: int,
    *,
    country: str | None,
    sector: str | None,
    name: str | None,
    code: str | None = None,
) -> Actor:
    text, start_char, end_char = slice_text(doc, start, end)
    if code is None:
        code = (country or "") + (sector or "")
    return Actor(text, start_char, end_char, code, country, sector or None, name)


def sentences(doc: Doc) -> list[Span]:
    """The sentences of a parsed Doc, or the whole Doc as one when none are set (blank pipelines)."""
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return list(doc.sents)
    return [doc[:]]


def sentence_of(doc: Doc, i: int) -> Span:
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return doc[i].sent
    return doc[:]


@dataclass(slots=True)
class Context:
    doc: Doc
    kb: ActorKB
    date: str | None
    starts: set[int] = field(default_factory=set)  # token indices where a dictionary match starts
    dateline_country: str | None = None  # fallback context for roles in sentences naming no country
    texts: list[str] = field(default_factory=list)  # every token's text (read once per doc)
    words: list[str] = field(default_factory=list)  # norm_token of every token's text
    space: list[int] | None = None  # the IS_SPACE column (whitespace tokens)
    ents: Sequence[Span] | None = None  # doc.ents, read once

    def person_actor(self, entry: Entry, start: int, end: int) -> tuple[Actor, str]:
        person = self.kb.people.get(entry.code)
        if person is None:  # learned entry
            return make_actor(
                self.doc,
                start,
                end,
                country=entry.country,
                sector=entry.sector,
                name=entry.name,
                code=entry.code,
            ), "learned table"
        country, sector, code, why = person.resolve(self.date)
        return make_actor(
            self.doc, start, end, country=country, sector=sector, name=person.name, code=code
        ), why


def inside_other_name(ctx: Context, piece: Piece) -> bool:
    """ "Nassau County", "Iraqi Kurdistan": a capitalised unknown name right after the cue
    (but "Nigerian Information Minister": capitalised words leading to a known role)."""
    doc, e = ctx.doc, piece.end
    if e >= len(doc) or e in ctx.starts or doc[e - 1].whitespace_ == "":
        return False
    k = e
    while k < len(doc) and k - e < 3 and k not in ctx.starts and _proper(doc[k]):
        k += 1
    if k == e:
        return False
    return not (k in ctx.starts and doc[k].text[:1].isupper())


def _proper(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.pos_ == "PROPN" and not tok.is_sent_start


def main_country(counts: Counter[str]) -> str | None:
    """A document's main country from its country mentions: named at least twice, by at least half
    of them, and more often than any other (None for a two-country story)."""
    ranked = counts.most_common(2)
    if not ranked:
        return None
    top, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    return top if n >= 2 and 2 * n >= sum(counts.values()) and n > second else None


def with_actor(m: ActorMention, **changes: object) -> ActorMention:
    return replace(m, **changes)  # type: ignore[arg-type]
