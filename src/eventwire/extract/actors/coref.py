"""In-document coreference for actors: surnames, titles, safe pronouns and plural references.

- surnames: "Putin" after "Vladimir Putin" (any token of a resolved person's full name);
- titles: "the Chinese president", "the Kremlin leader", "the president" -> the latest person of
  that country (or any country) with a matching sector;
- pronouns: a subject "he"/"she" outside quotations -> the subject of its sentence's main verb
  when that is a person said before it, else the latest person subject of the previous sentences;
- plurals: "the two countries", "both leaders", "the two militaries" -> one mention per main actor
  of the document (its two most mentioned countries), with the sector of the phrase.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from spacy.attrs import DEP, IDX, LOWER, POS
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span

from ...knowledge.actors_dict import ascii_form
from ...knowledge.actors_kb import norm_token
from ...records import Actor
from ..doctext import text_of, token_columns
from .types import (
    SUBJECT_DEPS,
    ActorMention,
    Context,
    make_actor,
    sentence_of,
    sentences,
    with_actor,
)

PRONOUNS = frozenset({"he", "she"})
QUOTE_RE = re.compile(r"\u201c[^\u201d]*\u201d?|\"[^\"]*\"?|\u2018[^\u2019]{8,}\u2019(?=\W|$)")
MAX_BACK_SENTENCES = 3


def resolve_coreference(ctx: Context, mentions: list[ActorMention]) -> list[ActorMention]:
    mentions = _titles(ctx, mentions)
    mentions = _surnames(ctx, mentions)
    mentions = mentions + _pronouns(ctx, mentions)
    mentions = mentions + _plurals(ctx, mentions)
    return mentions


def _is_person(m: ActorMention) -> bool:
    return m.label == "PERSON" and bool(m.actor.name) and bool(m.actor.country)


def _sector_family(sector: str | None) -> str:
    return (sector or "")[:3]


def _titles(ctx: Context, mentions: list[ActorMention]) -> list[ActorMention]:
    out: list[ActorMention] = []
    people: list[ActorMention] = []
    for m in mentions:
        if _is_person(m):
            people.append(m)
        if m.kind == "title" or (
            m.kind == "composed"
            and m.actor.name is None
            and m.label == "PERSON"
            and _definite(ctx.doc, m)
        ):
            ref = _latest_person(people, m)
            if ref is None:
                if m.kind != "title":
                    out.append(m)
                continue
            a = ref.actor
            country = m.actor.country or a.country
            actor = make_actor(
                ctx.doc, m.start, m.end, country=country, sector=a.sector, name=a.name, code=a.code
            )
            out.append(with_actor(m, actor=actor, label="PERSON", kind="coref"))
            continue
        out.append(m)
    return out


def _definite(doc: Doc, m: ActorMention) -> bool:
    return (
        m.start > 0
        and doc[m.start - 1].lower_ in {"the", "this", "that"}
        or doc[m.start].lower_ == "the"
    )


def _latest_person(people: list[ActorMention], m: ActorMention) -> ActorMention | None:
    fam = _sector_family(m.actor.sector)
    for p in reversed(people):
        if m.actor.country and p.actor.country != m.actor.country:
            continue
        if fam and _sector_family(p.actor.sector) != fam:
            continue
        return p
    return None


def _titled(m: ActorMention) -> bool:
    """A one-word name introduced by a role ("Prime Minister Tuilaepa"): its repeats are that person."""
    return m.kind == "composed" and m.actor.name is not None and m.actor.text != m.actor.name


def _surnames(ctx: Context, mentions: list[ActorMention]) -> list[ActorMention]:
    doc = ctx.doc
    # a dictionary surname on its own ("Vázquez") yields to a person the document named in full
    covered = {i for m in mentions if m.kind != "surname" for i in range(m.start, m.end)}
    first_seen: dict[str, list[ActorMention]] = {}
    for m in mentions:
        if not _is_person(m) or not m.actor.name or m.kind == "surname":
            continue
        parts = [norm_token(w) for w in m.actor.name.split()]
        if len(parts) < 2 and not _titled(m):
            continue
        # "Al-Hariri", "bin-Laden": the name after a joined particle is also a surname
        parts += [p.rsplit("-", 1)[1] for p in parts if "-" in p[1:-1]]
        parts += [f for f in map(ascii_form, parts) if f]  # "Gul" is "Abdullah Gül"
        for w in parts:
            if len(w) > 1:
                bucket = first_seen.setdefault(w, [])
                if all(x.actor.name != m.actor.name for x in bucket):
                    bucket.append(m)
    if not first_seen:
        return mentions
    out = list(mentions)
    surnames = {m.start: m for m in mentions if m.kind == "surname"}
    texts = ctx.texts or [t.text for t in doc]
    words = ctx.words or [norm_token(t) for t in texts]
    pos = doc.to_array(POS).tolist()
    for i, text in enumerate(texts):
        if i in covered or not text[:1].isupper() or pos[i] not in (PROPN, NOUN):
            continue
        word = words[i] if words[i] in first_seen else ascii_form(words[i]) or words[i]
        refs = [m for m in first_seen.get(word, ()) if m.start < i]
        if len(_people_named(refs)) != 1:
            continue
        a = max(refs, key=lambda m: len(m.actor.name or "")).actor
        actor = make_actor(
            doc, i, i + 1, country=a.country, sector=a.sector, name=a.name, code=a.code
        )
        out.append(
            ActorMention(i, i + 1, actor, label="PERSON", aliases=refs[-1].aliases, kind="coref")
        )
        if i in surnames:
            out.remove(surnames[i])
    out.sort(key=lambda m: (m.start, -m.end))
    return out


def _people_named(refs: list[ActorMention]) -> set[str]:
    """The distinct people among mentions of a surname: a name whose words are all in another's
    is the same person ("Premier Wen" after "Chinese Premier Wen Jiabao")."""
    names = {m.actor.name or "" for m in refs}
    words = {n: set(n.lower().split()) for n in names}
    return {n for n in names if not any(o != n and words[n] < words[o] for o in names)}


def quoted_tokens(doc: Doc) -> set[int]:
    """Token indices inside quotation marks (pronouns there refer to the speaker's world)."""
    spans = [(m.start(), m.end()) for m in QUOTE_RE.finditer(text_of(doc))]
    if not spans:
        return set()
    starts = doc.to_array(IDX).tolist()  # ascending token start offsets
    out: set[int] = set()
    for a, b in spans:
        out.update(range(bisect_left(starts, a), bisect_left(starts, b)))
    return out


def _pronouns(ctx: Context, mentions: list[ActorMention]) -> list[ActorMention]:
    doc = ctx.doc
    people = [m for m in mentions if _is_person(m)]
    if not people:
        return []
    strings = doc.vocab.strings
    lowers = {strings[w] for w in PRONOUNS}
    deps = {strings[d] for d in SUBJECT_DEPS}
    lower, dep = token_columns(doc, (LOWER, DEP))
    candidates = [
        i for i, (w, d) in enumerate(zip(lower, dep, strict=True)) if w in lowers and d in deps
    ]
    if not candidates:
        return []
    quoted = quoted_tokens(doc)
    sents: list[Span] | None = None
    out: list[ActorMention] = []
    for i in candidates:
        if i in quoted:
            continue
        tok = doc[i]
        if sents is None:
            sents = sentences(doc)
        ref = _antecedent(doc, tok.i, sentence_of(doc, tok.i), people, sents)
        if ref is None:
            continue
        a = ref.actor
        actor = make_actor(
            doc, tok.i, tok.i + 1, country=a.country, sector=a.sector, name=a.name, code=a.code
        )
        out.append(
            ActorMention(
                tok.i, tok.i + 1, actor, label="PERSON", aliases=ref.aliases, kind="pronoun"
            )
        )
    return out


def _subject_of(m: ActorMention, doc: Doc) -> bool:
    root = doc[m.start : m.end].root
    return root.dep_ in SUBJECT_DEPS


def _antecedent(
    doc: Doc, i: int, sent: Span, people: list[ActorMention], sents: list[Span] | None = None
) -> ActorMention | None:
    main = [
        m
        for m in people
        if sent.start <= m.start
        and m.end <= i
        and _subject_of(m, doc)
        and doc[m.start : m.end].root.head == sent.root
    ]
    if main:
        return main[-1]
    if any(sent.start <= m.start < i for m in people):
        return None  # another person earlier in the sentence: not safe
    if sents is None:
        sents = sentences(doc)
    idx = next((k for k, s in enumerate(sents) if s.start == sent.start), 0)
    for back in range(1, MAX_BACK_SENTENCES + 1):
        if idx - back < 0:
            break
        prev = sents[idx - back]
        subj = [m for m in people if prev.start <= m.start < prev.end and _subject_of(m, doc)]
        if subj:
            names = {m.actor.name for m in subj}
            return subj[-1] if len(names) == 1 else None
        if any(prev.start <= m.start < prev.end for m in people):
            return None
    return None


def main_countries(ctx: Context, mentions: list[ActorMention]) -> list[str]:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in mentions:
        c = m.actor.country
        if m.actor.sector == "MED":
            continue  # "Agence France-Presse", "NPR reported": the reporter's country, not a side
        if c and c in ctx.kb.countries and m.kind != "plural":
            counts[c] += 1
            first.setdefault(c, m.start)
    ranked = sorted(counts, key=lambda c: (-counts[c], first[c]))
    return ranked[:2]


def _plurals(ctx: Context, mentions: list[ActorMention]) -> list[ActorMention]:
    doc, kb = ctx.doc, ctx.kb
    if not kb.plurals:
        return []
    words = ctx.words or [norm_token(t.text) for t in doc]
    sizes = sorted({len(k) for k in kb.plurals}, reverse=True)
    firsts = {k[0] for k in kb.plurals if k}
    anywhere = () in kb.plurals  # an empty form would match at every token
    covered = {i for m in mentions for i in range(m.start, m.end)}
    out: list[ActorMention] = []
    main: list[str] | None = None
    i = 0
    while i < len(words):
        if not anywhere and words[i] not in firsts:
            i += 1
            continue
        hit = next(
            (
                (n, kb.plurals[tuple(words[i : i + n])])
                for n in sizes
                if tuple(words[i : i + n]) in kb.plurals
            ),
            None,
        )
        if hit is None or i in covered:
            i += 1
            continue
        n, sector = hit
        if main is None:
            main = main_countries(ctx, mentions)
        if len(main) == 2:
            out.extend(_plural_mentions(ctx, mentions, i, i + n, main, sector))
        i += n
    return out


def _plural_mentions(
    ctx: Context, mentions: list[ActorMention], s: int, e: int, main: list[str], sector: str | None
) -> list[ActorMention]:
    out = []
    for country in main:
        name = ctx.kb.countries.get(country)
        if sector == "GOV":
            leaders = Counter(
                m.actor.name
                for m in mentions
                if _is_person(m)
                and m.actor.country == country
                and _sector_family(m.actor.sector) == "GOV"
            )
            if leaders:
                name = leaders.most_common(1)[0][0]
        actor: Actor = make_actor(ctx.doc, s, e, country=country, sector=sector, name=name)
        out.append(ActorMention(s, e, actor, label="PLURAL", kind="plural"))
    return out
