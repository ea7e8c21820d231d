"""Quotes: who said what, direct and indirect, with the cue word and the speaker resolved.

``extract_quotes(doc, *, actors=...) -> list[Quote]`` is the extractor; the actor mentions
(the actors component's output) come in as an argument. It costs one linear scan of the text
for quote marks (:mod:`.marks`) plus walks over the dependency parse:

1. **Direct quotes** are the passages between quote marks. Each finds its cue word by, in turn:
   the verb of saying that governs the quoted words in the parse ("“...,” Putin said";
   "He praised Xi as a “...”", a quoted fragment inside reported speech); a verb of saying right
   after the closing mark or right before the opening mark in the same sentence ("said Li Xin";
   "Putin said: “...”"); a sentence ending in a colon just before the quote ("X reports:" then a
   quoted paragraph); else it continues the attributed quote before it in the same paragraph,
   or in the paragraph just before when the quote opens its paragraph (“...,” he said. “...”).
   Unattributed passages shorter than five words are scare quotes or titles and are dropped.
2. **Indirect quotes** (:mod:`.indirect`) are what a cue reports outside quote marks: the
   clause a verb of saying governs ("X said (that) ...", "..., sources said", "..., but B, the
   source added"), its object or topic ("urged supporters to vote", "spoke of the legacy"), the
   rest of a sentence with "according to X", the clause of a noun of saying with its possessor
   or a name compounded with it ("his claim that ...", "a Reuters report that ..."), the noun a
   cue in a relative clause modifies ("Everything [Trump] says"); the content runs to the end of its sentence as PolNeAR marks it. A
   clause that is all inside quote marks is already a direct quote; a clause with a quoted
   fragment inside gives an indirect quote for the clause and a direct one for the fragment,
   sharing cue and speaker. Predicate adjectives of belief and stance count as cues ("are
   afraid that ...", "worried about ..."); a cue with no subject anywhere (a participle: "when
   pressed on why ...") gives its content without a speaker, an imperative gives nothing.
   Cued by a phrase (:mod:`.phrasal`): a message object of any verb ("sent [a letter]"), "in"
   or "by" with a poll or estimate ("In this poll, [...]"), a stance holder ("a supporter of
   [NATO]"). With no source at all (:mod:`.sourceless`): agentless passives with a complement
   ("[X is expected to ...]"), raising verbs ("[X seems to ...]"), impersonal adjectives ("it
   was unclear [whether ...]"), hearsay adverbs ("[he allegedly fired ...]").
3. **Layout** (:mod:`.layout`): transcript turns ("PENCE: ..."), headline labels ("Pence: ...")
   and block quotations after a colon ("Limbaugh added:" then a paragraph).

Direct quotes are in :mod:`.direct`, the shared context and records in :mod:`.context`,
speakers in :mod:`.speaker`.

Each quote's content is the exact text between the marks (whitespace trimmed), as character
offsets into ``doc.text``. One record is made per pair of quote marks: a quote interrupted by
its attribution gives two records with the same cue and speaker. See docs/quotes.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from ...records import Quote, Span
from ..actors import ActorMention
from ..doctext import text_of
from . import layout
from .context import (
    Attribution,
    Context,
    CueLexicon,
    cue_before,
    load_cue_lexicon,
    make,
    trimmed,
)
from .direct import direct_quotes
from .indirect import indirect_quotes
from .marks import find_quote_spans
from .phrasal import phrasal_quotes
from .sourceless import sourceless_quotes

__all__ = [
    "Attribution",
    "CueLexicon",
    "extract_quotes",
    "find_attributions",
    "gkg_quotations",
    "load_cue_lexicon",
]


def extract_quotes(
    doc: Doc, lexicon: CueLexicon | None = None, *, actors: Sequence[ActorMention] = ()
) -> list[Quote]:
    """Direct and indirect quotes of ``doc`` in text order; speakers resolve to ``actors``
    (actor mentions over ``doc``'s tokens; none: speakers stay spans)."""
    return [a.quote for a in find_attributions(doc, lexicon or load_cue_lexicon(), actors=actors)]


def find_attributions(
    doc: Doc, lexicon: CueLexicon, *, actors: Sequence[ActorMention] = ()
) -> list[Attribution]:
    text = text_of(doc)
    spans = find_quote_spans(text)
    ctx = Context(doc, lexicon, spans, text, actors)
    direct = direct_quotes(ctx, spans)
    taken = {a.cue_token for a in direct if not a.quote.direct}
    found_indirect = (
        indirect_quotes(ctx, spans) + phrasal_quotes(ctx, spans) + sourceless_quotes(ctx, spans)
    )
    indirect = [a for a in found_indirect if a.cue_token not in taken]
    indirect = [c for a in indirect if (c := _before_foreign_quote(ctx, a, direct)) is not None]
    by_layout = _layout_attributions(ctx)
    turns = [
        (a.speaker_mention[0], a.quote.content.end)
        for a in by_layout
        if a.cue_token is None and a.speaker_mention
    ]
    direct = [a for a in direct if not any(s <= a.quote.content.start < e for s, e in turns)]
    found = direct + indirect + by_layout
    return sorted(found, key=lambda a: (a.quote.content.start, not a.quote.direct))


def _before_foreign_quote(
    ctx: Context, a: Attribution, direct: Sequence[Attribution]
) -> Attribution | None:
    """An indirect content that runs into a quote attributed by a cue outside it ends before its
    opening mark ("..., according to federal statistics" glued by the parser to a sentence
    with “...,” she wrote); None when nothing is left."""
    content = a.quote.content
    cut = min(
        (
            q.quote.content.start
            for q in direct
            if q.quote.cue is not None
            and q.cue_token != a.cue_token
            and not (  # not a fragment of this content ("says she felt what she calls “...”")
                content.start <= q.quote.cue.start < min(content.end, q.quote.content.start)
            )
            and content.start < q.quote.content.start < content.end
        ),
        default=None,
    )
    if cut is None:
        return a
    while cut > content.start and ctx.text[cut - 1] in "\"“‘' \t\n":
        cut -= 1
    bounds = trimmed(ctx.text, content.start, cut)
    if bounds is None or len(ctx.text[bounds[0] : bounds[1]].split()) < 2:
        return None
    clipped = Span(ctx.text[bounds[0] : bounds[1]], *bounds)
    return Attribution(replace(a.quote, content=clipped), a.speaker_mention, a.cue_token)


def _headline(ctx: Context, turns: Sequence[Attribution]) -> Attribution | None:
    """A headline "Obama Says Museum Will Tell of 'Suffering'" (title case defeats the parser):
    in the first line, the first word that is the present tense of a cue verb, the words
    before it (after a label's colon) naming someone as the speaker, the rest as content."""
    end = layout.headline_end(ctx.text)
    if end is None or any(a.quote.content.start < end for a in turns):
        return None
    first, last = ctx.token_range(0, end)
    start = first
    for i in range(first, last):
        token = ctx.doc[i]
        if token.text == ":":
            start = i + 1
        elif i > start and _present_cue(ctx, token.lower_):
            return _headline_attribution(ctx, start, token, end)
    return None


def _present_cue(ctx: Context, word: str) -> bool:
    """ "says", "calls", "endorses": a third-person present form of a cue verb."""
    verbs = ctx.lexicon.verbs
    return word.endswith("s") and (
        word[:-1] in verbs or (word.endswith("es") and word[:-2] in verbs)
    )


def _headline_attribution(ctx: Context, start: int, cue: Token, end: int) -> Attribution | None:
    doc = ctx.doc
    words = [t for t in doc[start : cue.i] if not t.is_space]
    if not words or not any(t.pos_ in ("PROPN", "NOUN") or t.ent_type_ for t in words):
        return None
    content = trimmed(ctx.text, cue.idx + len(cue), end)
    if content is None or len(ctx.text[content[0] : content[1]].split()) < 2:
        return None
    s, e = words[0].idx, words[-1].idx + len(words[-1])
    local = Span(ctx.text[s:e], s, e)
    actor = next((m.actor for m in ctx.actors if m.start <= words[-1].i < m.end), None)
    quote = Quote(
        Span(ctx.text[content[0] : content[1]], *content),
        False,
        actor or local,
        Span(cue.text, cue.idx, cue.idx + len(cue)),
        actor,
    )
    return Attribution(quote, (s, e), cue.i)


def _names_someone(ctx: Context, start: int, end: int) -> bool:
    """A named person or organisation (or an actor) covers the label's last word."""
    first, last = ctx.token_range(start, end)
    if last <= first:
        return False
    head = ctx.doc[last - 1]
    return head.ent_type_ in ("PERSON", "ORG") or any(m.start <= head.i < m.end for m in ctx.actors)


def _layout_attributions(ctx: Context) -> list[Attribution]:
    """Transcript turns and headline labels (the label is the speaker, no cue), and colon
    blocks (the cue of the sentence ending with the colon): see :mod:`.layout`."""
    out = []
    for turn in layout.turns(ctx.text, ctx.lexicon.not_speakers):
        (s, e), (cs, ce) = turn.label, turn.content
        if turn.headline and not _names_someone(ctx, s, e):
            continue  # "The Latest: ...", "Stealth Over Health: ...": a title, not a speaker
        speaker = Span(ctx.text[s:e], s, e)
        quote = Quote(Span(ctx.text[cs:ce], cs, ce), False, speaker, None)
        out.append(Attribution(quote, (s, e), None))
    headline = _headline(ctx, [a for a in out if a.cue_token is None])
    if headline is not None:
        out.append(headline)
    for colon, content in layout.colon_blocks(ctx.text):
        cue = cue_before(ctx, colon)
        if cue is not None:
            out.append(make(ctx, content, False, cue))
    return out


# ---------------------------------------------------------------- GKG export


def gkg_quotations(quotes: Iterable[Quote]) -> str:
    """GDELT GKG 2.0 ``Quotations`` field: ``offset|length|verb|quote`` items joined by ``#``.

    Only direct quotes are exported (GDELT's field holds quoted text); ``|`` and ``#`` inside
    the quote or verb, and line breaks, become spaces so the field stays parseable.
    """
    items = []
    for q in quotes:
        if not q.direct:
            continue
        verb = _gkg_clean(q.cue.text) if q.cue is not None else ""
        content = q.content
        items.append(
            f"{content.start}|{content.end - content.start}|{verb}|{_gkg_clean(content.text)}"
        )
    return "#".join(items)


def _gkg_clean(value: str) -> str:
    return " ".join(value.replace("|", " ").replace("#", " ").split())
