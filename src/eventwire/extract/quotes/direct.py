"""Direct quotes: the passages between quote marks, each with its cue (see :mod:`.extract`)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from ...records import Quote, Span
from .context import MIN_UNATTRIBUTED_WORDS, Attribution, Context, cue_before, make, trimmed
from .marks import QuoteSpan
from .speaker import resolve_speaker

_DASHES = "―—–-"


def direct_quotes(ctx: Context, spans: Sequence[QuoteSpan]) -> list[Attribution]:
    out: list[Attribution] = []
    previous: tuple[QuoteSpan, Attribution] | None = None
    for q in spans:
        governing = _governing_cue(ctx, q)
        if governing is not None and _is_title(ctx, q, governing[0]):
            continue  # 'said on “Face the Nation”': a title of a show or a work, not words said
        cue = governing[0] if governing else _adjacent_cue(ctx, q) or _colon_cue(ctx, q)
        if cue is not None:
            found = make(ctx, (q.start, q.end), True, cue)
            if governing is not None:
                out.extend(_fragment_argument(ctx, q, *governing))
        elif (signed := _signed_speaker(ctx, q)) is not None:
            found = signed
        elif previous is not None and _continues(ctx.text, previous[0], q):
            found = _inherit(ctx, q, previous[1])
        elif len(ctx.text[q.start : q.end].split()) >= MIN_UNATTRIBUTED_WORDS:
            found = make(ctx, (q.start, q.end), True, None)
        else:
            continue
        out.append(found)
        if found.quote.cue is not None:
            previous = (q, found)
    return out


def _signed_speaker(ctx: Context, q: QuoteSpan) -> Attribution | None:
    """A quote signed with a dash after it: “...” ― Jane Doe (no cue word)."""
    text = ctx.text
    j = q.outer_end
    while j < len(text) and text[j] in " \t\u00a0":
        j += 1
    if j >= len(text) or text[j] not in _DASHES:
        return None
    first, _ = ctx.token_range(j + 1, j + 2)
    while first < len(ctx.doc) and ctx.doc[first].is_space:
        first += 1
    end = first
    while (
        end < len(ctx.doc)
        and ctx.doc[end].pos_ in ("PROPN", "PUNCT")
        and "\n" not in ctx.doc[end].text
    ):
        end += 1
    while end > first and ctx.doc[end - 1].pos_ == "PUNCT":
        end -= 1
    if end == first:
        return None
    head = ctx.doc[end - 1]
    speaker, resolved = resolve_speaker(
        ctx.doc,
        head,
        (first, end),
        pronouns=ctx.lexicon.carried,
        previous=(),
        actors=ctx.actors,
        ents=ctx.ents,
    )
    mention = (ctx.doc[first].idx, head.idx + len(head))
    content = Span(text[q.start : q.end], q.start, q.end)
    return Attribution(Quote(content, True, speaker, None, resolved), mention, None)


def _is_title(ctx: Context, q: QuoteSpan, cue: Token) -> bool:
    """A short quoted passage in title case not governed by a naming verb ("called it “X”")."""
    words = ctx.text[q.start : q.end].strip(" ,.!?").split()
    if not 0 < len(words) <= 6 or ctx.lexicon.verbs.get(cue.lemma_.lower()) == "evaluation":
        return False
    return (
        all(w[:1].isupper() or w[:1].isdigit() or len(w) <= 3 for w in words)
        and words[0][:1].isupper()
    )


def _inherit(ctx: Context, q: QuoteSpan, prev: Attribution) -> Attribution:
    content = Span(ctx.text[q.start : q.end], q.start, q.end)
    quote = Quote(content, True, prev.quote.speaker, prev.quote.cue, prev.quote.speaker_actor)
    return Attribution(quote, prev.speaker_mention, prev.cue_token)


def _governing_cue(ctx: Context, q: QuoteSpan) -> tuple[Token, Token] | None:
    """The verb of saying above the quoted words in the parse, outside the quote, and its
    child on the path down to the quote."""
    first, last = ctx.token_range(q.start, q.end)
    outer: tuple[Token, Token] | None = None
    belief: tuple[Token, Token] | None = None
    links = [
        t for t in ctx.doc[first:last] if not first <= t.head.i < last
    ]  # tokens hanging outside
    for below in sorted(links, key=lambda t: t.dep_ in ("punct", "cc")):
        head = below.head
        for _ in range(12):  # walk up from the quoted words (bounded: parses are shallow)
            if not _same_paragraph(ctx.text, q, head):
                break  # the parser glued paragraphs: a cue there is another quote's
            if ctx.is_cue(head, kinds=("speech", "evaluation", "report")):
                outer = (head, below)  # keep climbing: "X said she expects “...”" is X's
                if head.dep_ not in ("ccomp", "xcomp"):
                    break  # a coordinated cue ("..., and she said “...”") is its own attribution
            elif belief is None and ctx.is_cue(head, kinds=("belief",)):
                belief = (head, below)
            if head.head.i == head.i:
                break
            below, head = head, head.head
        break  # the first token whose head leaves the quote links it to the sentence
    return outer or belief


def _same_paragraph(text: str, q: QuoteSpan, token: Token) -> bool:
    """No line break between the quote's marks and ``token``."""
    if token.idx >= q.outer_end:
        return "\n" not in text[q.outer_end : token.idx]
    return token.idx >= q.open or "\n" not in text[token.idx : q.open]


def _fragment_argument(ctx: Context, q: QuoteSpan, cue: Token, child: Token) -> list[Attribution]:
    """What a cue says around a quoted fragment ("called [half of his supporters “deplorables”]"):
    an indirect record from the cue's first argument after it to the end of the fragment's phrase.
    Sentence-final direct quotes ("“...,” Putin said") and clauses (``ccomp``) are covered elsewhere."""
    hearer = cue.lemma_.lower() in ctx.lexicon.addressee
    if (
        child.i < cue.i
        or child.dep_ in ("ccomp", "conj", "parataxis")
        or (hearer and child.dep_ in ("dobj", "dative"))
    ):
        return []
    right = [c for c in cue.rights if c.dep_ not in ("punct", "cc", "conj") and c.i <= child.i]
    if not right:
        return []
    start = min(c.left_edge.idx for c in right)
    end = max(child.right_edge.idx + len(child.right_edge), q.outer_end)
    bounds = trimmed(ctx.text, start, end)
    if bounds is None or bounds == (q.start, q.end):
        return []
    return [make(ctx, bounds, False, cue)]


def _adjacent_cue(ctx: Context, q: QuoteSpan) -> Token | None:
    """A verb of saying in the same sentence right after the closing or before the opening mark.

    Not after a quote that ends with a period ("“... live.” Police said" starts a new sentence)
    nor before one that follows a sentence end or a line break (the parser may glue them)."""
    doc, text = ctx.doc, ctx.text
    first, last = ctx.token_range(q.open, q.outer_end)
    kinds = ("speech", "report")
    ends_sentence = text[q.start : q.end].rstrip().endswith(".")
    if last < len(doc) and not ends_sentence:
        sent_end = ctx.sentence(last)[1] if q.close is not None else last
        for i in range(last, min(sent_end, last + 10)):
            if ctx.in_quote[i] or "\n" in doc[i].text:
                break
            if ctx.is_cue(doc[i], kinds=kinds):
                return doc[i]
    j = q.open - 1
    while j >= 0 and text[j] in " \t\u00a0":
        j -= 1
    if first > 0 and j >= 0 and text[j] not in ".!?\n":
        sent_start = ctx.sentence(first - 1)[0]
        for i in range(first - 1, max(sent_start, first - 12) - 1, -1):
            if ctx.in_quote[i] or "\n" in doc[i].text:
                break
            if ctx.is_cue(doc[i], kinds=kinds):
                return doc[i]
    return None


def _colon_cue(ctx: Context, q: QuoteSpan) -> Token | None:
    """ "X reports:" before a quoted passage (possibly across a paragraph break)."""
    text = ctx.text
    j = q.open - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    if j < 0 or text[j] != ":":
        return None
    return cue_before(ctx, j)


def _continues(text: str, before: QuoteSpan, q: QuoteSpan) -> bool:
    """``q`` carries on the attributed quote ``before``: same paragraph, or the next one."""
    if q.continued:
        return True
    gap = text[before.outer_end : q.open]
    breaks = gap.count("\n\n") + (1 if "\n" in gap and "\n\n" not in gap else 0)
    if breaks == 0:
        return True
    opens_paragraph = not text[text.rfind("\n", 0, q.open) + 1 : q.open].strip()
    return breaks == 1 and opens_paragraph and len(gap) < 400
