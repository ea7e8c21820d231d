"""Attributions with no source in the text (see :mod:`.extract`); PolNeAR annotates them with
an empty source, and their records have no speaker:

- an agentless passive of a verb of saying or thinking with a complement: the subject and what
  follows ("[About one of every nine voters this fall is expected to be Latino]");
- a raising verb with an infinitive (lexicon ``impersonal.verbs``): "[Melania seems to have
  vanished from the campaign trail]";
- an impersonal adjective (``impersonal.adjectives``) with "it" and a clause: "it was unclear
  [whether the judges would rule ...]"; with another subject and an infinitive it is a raising
  adjective ("[Trump is likely to win]");
- a hearsay adverb (``impersonal.adverbs``): the clause it modifies ("after [he allegedly
  brandished a pistol]").
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from ...records import Quote, Span
from .context import ADJECTIVE, Attribution, Context, cue_span, trimmed
from .indirect import (
    agentless_passive,
    clause_bounds,
    impersonal,
    in_paragraph,
    mostly_quoted,
    reported_clause,
    right_end,
)
from .marks import QuoteSpan

_PASSIVE_KINDS = ("speech", "belief")
_COMPLEMENTS = ("xcomp", "ccomp", "oprd", "attr", "dobj")


def sourceless_quotes(ctx: Context, spans: Sequence[QuoteSpan]) -> list[Attribution]:
    out = []
    cues = {i for i, kind in enumerate(ctx.cue_kind) if kind is not None}
    for i in sorted(cues.union(ctx.word_hits)):
        token = ctx.doc[i]
        if ctx.in_quote[i]:
            continue
        content = in_paragraph(ctx, _content(ctx, token), token)
        if content is None or mostly_quoted(ctx.text, content, spans):
            continue
        span = Span(ctx.text[content[0] : content[1]], *content)
        out.append(Attribution(Quote(span, False, None, cue_span(token), None), None, token.i))
    return out


def _content(ctx: Context, token: Token) -> tuple[int, int] | None:
    kind = ctx.cue_kind[token.i]
    lexicon = ctx.lexicon
    if kind == ADJECTIVE and impersonal(token):
        clause = reported_clause(ctx, token)
        if clause is None and token.dep_ == "acomp":
            clause = reported_clause(ctx, token.head)
        return clause_bounds(ctx, clause) if clause is not None else None
    if kind == ADJECTIVE and token.lower_ in lexicon.impersonal:
        return _raised(ctx, token.head if token.dep_ == "acomp" else token, token)
    if kind in _PASSIVE_KINDS and agentless_passive(token) and _says_something(token):
        return _subject_onwards(ctx, token, "nsubjpass")
    if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lexicon.raising:
        return _raised(ctx, token, token)
    if token.pos_ == "ADV" and token.lower_ in lexicon.hearsay and token.head.i != token.i:
        return _clause_of(ctx, token.head)
    return None


def _says_something(verb: Token) -> bool:
    """A passive with a complement says something of its subject ("is expected [to be ...]",
    "is considered [a threat]", "is defined [as ...]"); a bare one reports an act ("has been
    charged with a crime")."""
    return any(
        c.dep_ in _COMPLEMENTS or (c.dep_ == "prep" and c.lower_ == "as") for c in verb.children
    )


def _raised(ctx: Context, verb: Token, predicate: Token) -> tuple[int, int] | None:
    """ "X seems to ...", "X is likely to ...": the subject and the infinitive."""
    if not any(c.dep_ == "xcomp" for c in predicate.children):
        return None
    return _subject_onwards(ctx, verb, "nsubj")


def _subject_onwards(ctx: Context, verb: Token, dep: str) -> tuple[int, int] | None:
    """From the subject of ``verb`` to the end of its phrase (to the end of the sentence, as
    PolNeAR marks it, when ``verb`` heads the sentence)."""
    subject = next((c for c in verb.children if c.dep_ == dep and not ctx.in_quote[c.i]), None)
    if subject is None or subject.i > verb.i or subject.lower_ == "it" and dep == "nsubj":
        return None
    end = right_end(ctx, verb, verb) if verb.dep_ == "ROOT" else verb.right_edge
    if end.i <= verb.i:
        return None  # "the veto is overridden": nothing said about it
    return trimmed(ctx.text, subject.left_edge.idx, end.idx + len(end))


def _clause_of(ctx: Context, verb: Token) -> tuple[int, int] | None:
    """The clause of ``verb`` from its subject (not the "after" or "because" before it)."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    start = subject.left_edge if subject is not None else verb.left_edge
    end = verb.right_edge
    if end.i - start.i < 2:
        return None
    return trimmed(ctx.text, start.idx, end.idx + len(end))
