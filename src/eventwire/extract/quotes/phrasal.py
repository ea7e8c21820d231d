"""Attributions cued by a phrase rather than a verb of saying (see :mod:`.extract`).

- **message objects**: the object of a verb that is no cue is what its subject said when it
  names a message ("The city sent [a cease-and-desist letter]", "Trump unleashed [a flurry of
  tweets ...]", "filed [a motion to unseal the records]"); lexicon ``messages``;
- **source phrases**: "in" or "by" with a poll, study or estimate reports the rest of its
  sentence as "according to" does ("In this poll, [Trump rose ...]", "[...], by one
  estimate"); lexicon ``source_phrases``. The source is the preposition's object;
- **stance holders**: "a supporter of [NATO]", "a staunch opponent of [the death penalty]"
  (lexicon ``stance_holders``): the holder is the subject of a predicate noun ("Clinton has
  been a supporter of"), the noun an apposition stands beside, else the noun's own phrase.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from .context import Attribution, Context, make, trimmed
from .indirect import according_content, in_paragraph, mostly_quoted
from .marks import QuoteSpan
from .speaker import speaker_token


def phrasal_quotes(ctx: Context, spans: Sequence[QuoteSpan]) -> list[Attribution]:
    """Message objects and source phrases with a speaker, outside quote marks."""
    out = []
    for cue, content in _messages(ctx) + _source_phrases(ctx):
        if mostly_quoted(ctx.text, content, spans):
            continue
        found = make(ctx, content, False, cue)
        if found.quote.speaker is not None:
            out.append(found)
    for noun, content, holder in _stance_holders(ctx):
        if not mostly_quoted(ctx.text, content, spans):
            out.append(make(ctx, content, False, noun, speaker_head=holder))
    return out


def _stance_holders(ctx: Context) -> list[tuple[Token, tuple[int, int], Token]]:
    """ "Clinton has been a supporter of [NATO]": (the noun, its object, the holder)."""
    out = []
    lexicon = ctx.lexicon
    for noun in (ctx.doc[i] for i in ctx.word_hits):
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lexicon.holders:
            continue
        prep = next((c for c in noun.rights if c.lower_ in lexicon.holder_preps), None)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if obj is None or ctx.in_quote[obj.i]:
            continue
        holder = noun
        if noun.dep_ == "attr":  # "X is a supporter of": the subject
            holder = next((c for c in noun.head.children if c.dep_ == "nsubj"), noun)
        elif noun.dep_ == "appos":  # "Corker, a critic of the bill"
            holder = noun.head
        bounds = trimmed(ctx.text, obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge))
        if bounds is not None:
            out.append((noun, bounds, holder))
    return out


def _messages(ctx: Context) -> list[tuple[Token, tuple[int, int]]]:
    """ "The city sent [a cease-and-desist letter]", "Trump unleashed [a flurry of tweets ...]":
    the object of a verb that is no cue is what its subject said when it names a message
    (lexicon: messages), unless a cue inside it carries the content ("a letter saying ...")."""
    out = []
    lexicon = ctx.lexicon
    for token in (ctx.doc[i] for i in ctx.word_hits):
        if token.dep_ != "dobj" or ctx.in_quote[token.i]:
            continue
        head = token.head
        if (
            head.pos_ != "VERB"
            or ctx.cue_kind[head.i] is not None
            or head.lemma_.lower() in lexicon.not_senders
            or not _names_someone(ctx, head)
        ):
            continue
        noun = token
        if token.lemma_.lower() in lexicon.quantities:  # "a flurry of tweets"
            noun = next(
                (
                    g
                    for c in token.rights
                    if c.lower_ == "of"
                    for g in c.children
                    if g.dep_ == "pobj"
                ),
                token,
            )
        if noun.lemma_.lower() not in lexicon.messages:
            continue
        if any(
            ctx.cue_kind[t.i] is not None and t.pos_ in ("VERB", "AUX")
            for t in token.subtree
            if t.i != token.i
        ):
            continue  # "sent a letter saying ...": the inner cue reports the content
        bounds = trimmed(
            ctx.text, token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
        )
        if bounds is not None:
            out.append((head, bounds))
    return out


def _names_someone(ctx: Context, verb: Token) -> bool:
    """The speaker of ``verb`` is a pronoun, a name, an actor or an institution noun ("The city
    sent a letter"; not "Trump's decision raises questions")."""
    head = speaker_token(verb, ctx.in_quote, ents=ctx.ents)
    if head is None:
        return False
    return (
        head.pos_ in ("PRON", "PROPN")
        or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or head.lemma_.lower() in ctx.lexicon.nominals
        or any(m.start <= head.i < m.end for m in ctx.actors)
    )


def _source_phrases(ctx: Context) -> list[tuple[Token, tuple[int, int]]]:
    """ "In this poll, Trump rose ...", "..., by one estimate": "in" or "by" with a source noun
    (lexicon: source_phrases; also "in one of the polls") reports the rest of its sentence."""
    out = []
    lexicon = ctx.lexicon
    for token in (ctx.doc[i] for i in ctx.word_hits):
        if token.lower_ not in lexicon.source_preps or ctx.in_quote[token.i]:
            continue
        if token.head.dep_ != "ROOT" or token.head.pos_ not in ("VERB", "AUX"):
            continue  # "gains in some polls", "doing better in other polls": not the sentence's
        obj = next((c for c in token.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        noun = next(
            (g for c in obj.rights if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"),
            obj,
        )
        if noun.lemma_.lower() not in lexicon.source_nouns:
            continue
        content = in_paragraph(ctx, according_content(ctx, token), token)
        if content is not None:
            out.append((token, content))
    return out
