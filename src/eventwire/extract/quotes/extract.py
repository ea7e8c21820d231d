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
2. **Indirect quotes** are the clauses that a verb of saying governs ("X said (that) ...",
   "..., sources said") and the rest of a sentence with "according to X". A clause that is all
   inside quote marks is already a direct quote; a clause with a quoted fragment inside gives
   an indirect quote for the clause and a direct one for the fragment, sharing cue and speaker.

Each quote's content is the exact text between the marks (whitespace trimmed), as character
offsets into ``doc.text``. One record is made per pair of quote marks: a quote interrupted by
its attribution gives two records with the same cue and speaker. See docs/quotes.md.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.attrs import IDX, LEMMA, LOWER, POS
from spacy.symbols import AUX, NOUN, VERB
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...errors import Errors, KnowledgeError
from ...knowledge import load_yaml, require
from ...records import Actor, Quote, Span
from ..actors import ActorMention
from ..doctext import text_of
from . import layout
from .marks import QuoteSpan, find_quote_spans
from .speaker import mention_bounds, resolve_speaker, speaker_token

MIN_UNATTRIBUTED_WORDS = 5  # shorter unattributed quoted passages are scare quotes or titles
_VERB_POS = ("VERB", "AUX")
_DASHES = "―—–-"
_TRIM = " \t\n\r\u00a0,;:—–-"


@dataclass(frozen=True, slots=True)
class CueLexicon:
    verbs: dict[str, str]  # lemma -> kind (speech | evaluation | report | belief | stance)
    pronouns: frozenset[str]
    addressee: frozenset[str] = frozenset()  # verbs whose object is the hearer ("told reporters")
    carried: frozenset[str] = frozenset()  # pronouns that may take the previous quote's speaker
    not_speakers: frozenset[str] = frozenset()  # capitalised paragraph labels that are editorial
    topic_preps: frozenset[str] = frozenset()  # prepositions whose object is what was said
    nouns: frozenset[str] = frozenset()  # nouns of saying ("claim", "comments", "decision")
    stance_preps: frozenset[str] = frozenset()  # topic prepositions except after verbs of saying
    nominals: frozenset[str] = frozenset()  # speaker nouns resolved to a named organisation


@dataclass(frozen=True, slots=True)
class Attribution:
    """A quote plus where its speaker is mentioned next to it (for evaluation and auditing)."""

    quote: Quote
    speaker_mention: tuple[int, int] | None  # char offsets of the local speaker mention
    cue_token: int | None


@lru_cache(maxsize=1)  # loaded once per process
def load_cue_lexicon() -> CueLexicon:
    data: Any = load_yaml("quotes/cues.yaml")
    where = "quotes/cues.yaml"
    require(
        data,
        {
            "verbs": list,
            "pronouns": dict,
            "addressee": dict,
            "transcript": dict,
            "nominal_speakers": dict,
            "topic_prepositions": dict,
            "nouns": dict,
        },
        where=where,
    )
    verbs: dict[str, str] = {}
    for group in data["verbs"]:
        require(group, {"kind": str, "source": str, "lemmas": list}, where=where)
        if group["kind"] not in ("speech", "evaluation", "report", "belief", "stance"):
            raise KnowledgeError(
                Errors.E101, path=where, reason=f"unknown cue kind {group['kind']!r}"
            )
        for lemma in group["lemmas"]:
            verbs.setdefault(str(lemma).lower(), group["kind"])
    require(data["pronouns"], {"words": list, "source": str, "carried": list}, where=where)
    require(data["addressee"], {"lemmas": list, "source": str}, where=where)
    require(data["nominal_speakers"], {"nouns": list, "source": str}, where=where)
    require(
        data["topic_prepositions"],
        {"words": list, "not_after_speech": list, "source": str},
        where=where,
    )
    require(data["nouns"], {"lemmas": list, "source": str}, where=where)
    return CueLexicon(
        verbs=verbs,
        pronouns=frozenset(w.lower() for w in data["pronouns"]["words"]),
        addressee=frozenset(w.lower() for w in data["addressee"]["lemmas"]),
        carried=frozenset(w.lower() for w in data["pronouns"]["carried"]),
        not_speakers=frozenset(str(w) for w in data["transcript"]["not_speakers"]),
        nominals=frozenset(str(w).lower() for w in data["nominal_speakers"]["nouns"]),
        topic_preps=frozenset(str(w).lower() for w in data["topic_prepositions"]["words"]),
        stance_preps=frozenset(
            str(w).lower() for w in data["topic_prepositions"]["not_after_speech"]
        ),
        nouns=frozenset(str(w).lower() for w in data["nouns"]["lemmas"]),
    )


def extract_quotes(
    doc: Doc, lexicon: CueLexicon | None = None, *, actors: Sequence[ActorMention] = ()
) -> list[Quote]:
    """Direct and indirect quotes of ``doc`` in text order; speakers resolve to ``actors``
    (actor mentions over ``doc``'s tokens; none: speakers stay spans)."""
    return [a.quote for a in find_attributions(doc, lexicon or load_cue_lexicon(), actors=actors)]


class _Context:
    """Per-document lookups shared by the passes: token offsets and the in-quote mask."""

    def __init__(
        self,
        doc: Doc,
        lexicon: CueLexicon,
        spans: Sequence[QuoteSpan],
        text: str,
        actors: Sequence[ActorMention],
    ) -> None:
        self.doc = doc
        self.actors = actors
        self.text = text  # held once: ``Doc.text`` joins every token on each access
        self.lexicon = lexicon
        self.starts, self.cue_kind = _token_tables(doc, lexicon)
        self.in_quote = [False] * len(doc)
        for q in spans:
            first, last = self.token_range(q.open, q.outer_end)
            for i in range(first, last):
                self.in_quote[i] = True
        self.speakers: list[
            tuple[int, Actor | Span]
        ] = []  # (char offset, record) of named speakers

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Tokens that start inside ``[start, end)``."""
        return bisect_left(self.starts, start), bisect_left(self.starts, end)

    def is_cue(self, token: Token, *, kinds: tuple[str, ...]) -> bool:
        i = token.i
        return not self.in_quote[i] and (
            self.cue_kind[i] == _ACCORDING or self.cue_kind[i] in kinds
        )


_ACCORDING = "according to"  # the cue kind of "according" before "to": a cue of every kind
_NOUN = "noun"  # a noun of saying with its speaker as possessor ("his claim that ...")
_VERB_IDS = (VERB, AUX)


def _token_tables(doc: Doc, lexicon: CueLexicon) -> tuple[list[int], list[str | None]]:
    """Each token's start offset and cue kind, read from the Doc's arrays in one pass.

    The kind is ``_ACCORDING`` for "according" before "to", else the lexicon's kind of the
    lemma (lower-cased) of a VERB or AUX token, else None.
    """
    rows = doc.to_array([IDX, POS, LEMMA, LOWER]).tolist()
    strings = doc.vocab.strings
    according, to = strings["according"], strings["to"]
    kind_of: dict[int, str | None] = {}
    kinds: list[str | None] = []
    last = len(rows) - 1
    for i, (_, pos, lemma, lower) in enumerate(rows):
        if lower == according and i < last and rows[i + 1][3] == to:
            kinds.append(_ACCORDING)
        elif pos in _VERB_IDS:
            if lemma not in kind_of:
                kind_of[lemma] = lexicon.verbs.get(strings[lemma].lower())
            kinds.append(kind_of[lemma])
        elif pos == NOUN and strings[lemma].lower() in lexicon.nouns:
            kinds.append(_NOUN)
        else:
            kinds.append(None)
    return [row[0] for row in rows], kinds


def find_attributions(
    doc: Doc, lexicon: CueLexicon, *, actors: Sequence[ActorMention] = ()
) -> list[Attribution]:
    text = text_of(doc)
    spans = find_quote_spans(text)
    ctx = _Context(doc, lexicon, spans, text, actors)
    direct = _direct_quotes(ctx, spans)
    taken = {a.cue_token for a in direct if not a.quote.direct}
    indirect = [a for a in _indirect_quotes(ctx, spans) if a.cue_token not in taken]
    by_layout = _layout_attributions(ctx)
    turns = [
        (a.speaker_mention[0], a.quote.content.end)
        for a in by_layout
        if a.cue_token is None and a.speaker_mention
    ]
    direct = [a for a in direct if not any(s <= a.quote.content.start < e for s, e in turns)]
    found = direct + indirect + by_layout
    return sorted(found, key=lambda a: (a.quote.content.start, not a.quote.direct))


def _make(ctx: _Context, content: tuple[int, int], direct: bool, cue: Token | None) -> Attribution:
    text = ctx.text
    speaker: Actor | Span | None = None
    resolved: Actor | Span | None = None
    mention: tuple[int, int] | None = None
    head = speaker_token(cue, ctx.in_quote) if cue is not None else None
    if head is not None:
        bounds = mention_bounds(head, ctx.in_quote)
        mention = (ctx.doc[bounds[0]].idx, ctx.doc[bounds[1] - 1].idx + len(ctx.doc[bounds[1] - 1]))
        speaker, resolved = resolve_speaker(
            ctx.doc,
            head,
            bounds,
            pronouns=ctx.lexicon.carried,
            previous=ctx.speakers,
            actors=ctx.actors,
            nominals=ctx.lexicon.nominals,
        )
        if head.lower_ not in ctx.lexicon.pronouns:
            ctx.speakers.append((head.idx, resolved or speaker))
    cue_span = _cue_span(cue) if cue is not None else None
    content_span = Span(text[content[0] : content[1]], content[0], content[1])
    quote = Quote(content_span, direct, speaker, cue_span, resolved)
    return Attribution(quote, mention, cue.i if cue is not None else None)


def _cue_span(cue: Token) -> Span:
    doc = cue.doc
    if cue.lower_ == "according" and cue.i + 1 < len(doc):
        pair = doc[cue.i : cue.i + 2]
        return Span(pair.text, pair.start_char, pair.end_char)
    return Span(cue.text, cue.idx, cue.idx + len(cue))


# ---------------------------------------------------------------- direct quotes


def _direct_quotes(ctx: _Context, spans: Sequence[QuoteSpan]) -> list[Attribution]:
    out: list[Attribution] = []
    previous: tuple[QuoteSpan, Attribution] | None = None
    for q in spans:
        governing = _governing_cue(ctx, q)
        if governing is not None and _is_title(ctx, q, governing[0]):
            continue  # 'said on “Face the Nation”': a title of a show or a work, not words said
        cue = governing[0] if governing else _adjacent_cue(ctx, q) or _colon_cue(ctx, q)
        if cue is not None:
            found = _make(ctx, (q.start, q.end), True, cue)
            if governing is not None:
                out.extend(_fragment_argument(ctx, q, *governing))
        elif (signed := _signed_speaker(ctx, q)) is not None:
            found = signed
        elif previous is not None and _continues(ctx.text, previous[0], q):
            found = _inherit(ctx, q, previous[1])
        elif len(ctx.text[q.start : q.end].split()) >= MIN_UNATTRIBUTED_WORDS:
            found = _make(ctx, (q.start, q.end), True, None)
        else:
            continue
        out.append(found)
        if found.quote.cue is not None:
            previous = (q, found)
    return out


def _signed_speaker(ctx: _Context, q: QuoteSpan) -> Attribution | None:
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
        ctx.doc, head, (first, end), pronouns=ctx.lexicon.carried, previous=(), actors=ctx.actors
    )
    mention = (ctx.doc[first].idx, head.idx + len(head))
    content = Span(text[q.start : q.end], q.start, q.end)
    return Attribution(Quote(content, True, speaker, None, resolved), mention, None)


def _is_title(ctx: _Context, q: QuoteSpan, cue: Token) -> bool:
    """A short quoted passage in title case not governed by a naming verb ("called it “X”")."""
    words = ctx.text[q.start : q.end].strip(" ,.!?").split()
    if not 0 < len(words) <= 6 or ctx.lexicon.verbs.get(cue.lemma_.lower()) == "evaluation":
        return False
    return (
        all(w[:1].isupper() or w[:1].isdigit() or len(w) <= 3 for w in words)
        and words[0][:1].isupper()
    )


def _inherit(ctx: _Context, q: QuoteSpan, prev: Attribution) -> Attribution:
    content = Span(ctx.text[q.start : q.end], q.start, q.end)
    quote = Quote(content, True, prev.quote.speaker, prev.quote.cue, prev.quote.speaker_actor)
    return Attribution(quote, prev.speaker_mention, prev.cue_token)


def _governing_cue(ctx: _Context, q: QuoteSpan) -> tuple[Token, Token] | None:
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


def _fragment_argument(ctx: _Context, q: QuoteSpan, cue: Token, child: Token) -> list[Attribution]:
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
    bounds = _trimmed(ctx.text, start, end)
    if bounds is None or bounds == (q.start, q.end):
        return []
    return [_make(ctx, bounds, False, cue)]


def _adjacent_cue(ctx: _Context, q: QuoteSpan) -> Token | None:
    """A verb of saying in the same sentence right after the closing or before the opening mark."""
    doc = ctx.doc
    first, last = ctx.token_range(q.open, q.outer_end)
    kinds = ("speech", "report")
    if last < len(doc):
        sent_end = doc[last].sent.end if q.close is not None else last
        for i in range(last, min(sent_end, last + 10)):
            if ctx.in_quote[i]:
                break
            if ctx.is_cue(doc[i], kinds=kinds):
                return doc[i]
    if first > 0:
        sent_start = doc[first - 1].sent.start
        for i in range(first - 1, max(sent_start, first - 12) - 1, -1):
            if ctx.in_quote[i]:
                break
            if ctx.is_cue(doc[i], kinds=kinds):
                return doc[i]
    return None


def _colon_cue(ctx: _Context, q: QuoteSpan) -> Token | None:
    """ "X reports:" before a quoted passage (possibly across a paragraph break)."""
    text = ctx.text
    j = q.open - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    if j < 0 or text[j] != ":":
        return None
    return _cue_before(ctx, j)


def _cue_before(ctx: _Context, j: int) -> Token | None:
    """The cue of the sentence that ends with the colon at ``j``."""
    first, _ = ctx.token_range(j, j + 1)
    if first >= len(ctx.doc):
        return None
    sent = ctx.doc[first].sent
    for token in reversed(list(sent)):
        if token.i <= first and ctx.is_cue(token, kinds=("speech", "report", "evaluation")):
            return token
    return None


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


# ---------------------------------------------------------------- indirect quotes


def _indirect_quotes(ctx: _Context, spans: Sequence[QuoteSpan]) -> list[Attribution]:
    out: list[Attribution] = []
    kinds = ("speech", "report", "belief", "evaluation", "stance", _NOUN)
    for i, kind in enumerate(ctx.cue_kind):
        if kind is None or (kind != _ACCORDING and kind not in kinds) or ctx.in_quote[i]:
            continue
        token = ctx.doc[i]
        if _agentless_passive(token):
            continue  # "Neither was charged with any crime": the subject is not the speaker
        content = _indirect_content(ctx, token)
        if content is None or _mostly_quoted(ctx.text, content, spans):
            continue
        if not any(ch.isalnum() for ch in ctx.text[content[0] : content[1]]):
            continue  # "___": a separator, not words
        found = _make(ctx, content, False, token)
        if found.quote.speaker is not None:
            out.append(found)
    return out


def _agentless_passive(cue: Token) -> bool:
    deps = {c.dep_ for c in cue.children}
    return "nsubjpass" in deps and "agent" not in deps


def _indirect_content(ctx: _Context, cue: Token) -> tuple[int, int] | None:
    """The reported content of a cue, by the shape of its phrase."""
    if cue.lower_ == "according":
        return _according_content(ctx, cue)
    if ctx.cue_kind[cue.i] == _NOUN:
        return _noun_content(ctx, cue)
    if cue.dep_ == "parataxis" and not ctx.in_quote[cue.head.i]:
        return _parenthetical_content(ctx, cue)
    inverted = _inverted_content(ctx, cue)
    if inverted is not None:
        return inverted
    clause = _reported_clause(ctx, cue)
    if clause is not None:
        return _clause_bounds(ctx, clause)
    if ctx.lexicon.verbs.get(cue.lemma_.lower()) == "belief":
        return None
    return _object_argument(ctx, cue) or _prep_argument(ctx, cue) or _passive_subject(ctx, cue)


def _noun_content(ctx: _Context, noun: Token) -> tuple[int, int] | None:
    """ "his claim that people would learn nothing", "Clinton's comments on the shooting",
    "Obama's decision to end the sanctions": what a noun of saying reports, when it has a
    possessor (the speaker)."""
    if not any(c.dep_ == "poss" for c in noun.children):
        return None
    for child in noun.rights:
        if ctx.in_quote[child.i]:
            continue
        if child.dep_ in ("acl", "ccomp", "relcl") and (
            child.dep_ != "relcl"
            or any(c.lower_ == "that" and c.dep_ == "mark" for c in child.children)
        ):
            start = child.left_edge
        elif child.dep_ == "prep" and child.lower_ in ctx.lexicon.topic_preps:
            start = next((c.left_edge for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if start is None:
                continue
        else:
            continue
        end = _sentence_tail(ctx, noun, child.right_edge)
        return _trimmed(ctx.text, start.idx, end.idx + len(end))
    return None


def _inverted_content(ctx: _Context, cue: Token) -> tuple[int, int] | None:
    """ "..., but the NYPD overruled that request, the source added.": a cue with its subject
    after a comma that ends its sentence reports the sentence before the comma, whatever the
    parse made of it."""
    doc = ctx.doc
    subject = next((c for c in cue.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or ctx.in_quote[cue.i]:
        return None
    comma = subject.left_edge.i - 1
    if comma <= cue.sent.start or doc[comma].text != ",":
        return None
    for token in doc[cue.i + 1 : cue.sent.end]:  # only adverbials after the cue ("on Monday")
        if token.dep_ in ("dobj", "ccomp", "xcomp", "dative") or ctx.in_quote[token.i]:
            return None
        if token.is_sent_start or "\n" in token.text:
            break
    start = cue.sent.start
    while start < comma and (doc[start].is_space or "\n" in doc[start:comma].text):
        start += 1
    if any(ctx.in_quote[i] for i in range(start, comma)) or comma - start < 3:
        return None  # quoted words before: the direct quote has this cue
    if not any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in doc[start:comma]):
        return None  # an introductory phrase ("At a rally in Novi, Trump spoke"), not a clause
    return _trimmed(ctx.text, doc[start].idx, doc[comma].idx)


def _passive_subject(ctx: _Context, cue: Token) -> tuple[int, int] | None:
    """ "The plan was rejected by the council": what the by-agent said something about."""
    deps = {c.dep_: c for c in cue.children if not ctx.in_quote[c.i]}
    subject = deps.get("nsubjpass")
    if subject is None or "agent" not in deps or subject.pos_ == "PRON":
        return None
    return _trimmed(
        ctx.text, subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
    )


def _parenthetical_content(ctx: _Context, cue: Token) -> tuple[int, int] | None:
    """ "The latest test, the ministry said, was its biggest yet": the clause around the cue."""
    head = cue.head
    if not head.left_edge.i < cue.left_edge.i or head.right_edge.i <= cue.right_edge.i:
        return None
    return _trimmed(ctx.text, head.left_edge.idx, head.right_edge.idx + len(head.right_edge))


_SENTENCE_ENDS = frozenset([".", "!", "?", "”", '"', "…", ":", ";"])


def _prep_argument(ctx: _Context, cue: Token) -> tuple[int, int] | None:
    """ "called for [new sanctions]", "spoke about [the border]", "pointed to [the vote]": the
    object of a topic preposition (after a verb of saying "to" and "with" name the hearer)."""
    preps = ctx.lexicon.topic_preps
    if ctx.cue_kind[cue.i] != "speech":
        preps = preps | ctx.lexicon.stance_preps
    for child in cue.rights:
        if child.dep_ != "prep" or child.lower_ not in preps:
            continue
        obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is None or obj.ent_type_ in ("DATE", "TIME") or obj.pos_ == "PRON":
            continue
        if ctx.in_quote[child.i]:
            continue
        end = _right_end(ctx, cue, child)
        return _trimmed(ctx.text, obj.left_edge.idx, end.idx + len(end))
    return None


_ARGUMENT_DEPS = ("dobj", "xcomp", "oprd", "dative")


def _object_argument(ctx: _Context, cue: Token) -> tuple[int, int] | None:
    """What a verb of saying takes as its object ("urged [supporters to monitor polling places]",
    "criticized [the plan]"): from its first object to the end of its last argument."""
    args = [c for c in cue.rights if c.dep_ in _ARGUMENT_DEPS and not ctx.in_quote[c.i]]
    if not args or (
        cue.lemma_.lower() in ctx.lexicon.addressee
        and not any(a.dep_ in ("xcomp", "oprd") for a in args)
    ):
        return None  # "told reporters": the hearer; "called it a ploy" names what it is
    start, end = args[0].left_edge, _right_end(ctx, cue, args[-1])
    if any(t.pos_ == "PRON" and t.dep_ == "dobj" for t in args) and end.i == start.i:
        return None  # "said it": nothing reported
    return _trimmed(ctx.text, start.idx, end.idx + len(end))


def _reported_clause(ctx: _Context, cue: Token) -> Token | None:
    """The clause a cue governs: its ``ccomp``, else a "that"-clause further right in its phrase
    ("told a broadcaster in an interview aired on Wednesday that ...")."""
    clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        return clause  # a clause partly inside quote marks is a mixed quote
    for child in cue.children:
        if ctx.in_quote[child.i]:
            continue
        if child.dep_ == "dep" and child.i < cue.i and child.pos_ != "PUNCT":
            return child  # "..., experts say" is sometimes parsed as ``dep``
        if child.dep_ == "advcl" and child.i > cue.i and _bare_clause(child):
            return child  # "said after the convention he would not accept ..."
    for token in cue.subtree:
        if token.i <= cue.i or ctx.in_quote[token.i] or token.dep_ not in ("ccomp", "advcl", "acl"):
            continue
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children) and (
            not ctx.is_cue(token.head, kinds=("speech", "report", "belief"))
            or token.head.i == cue.i
        ):
            return token
    return None


def _bare_clause(verb: Token) -> bool:
    """A clause with its own subject and no subordinating word ("because", "if", "when")."""
    deps = {c.dep_ for c in verb.children}
    return "nsubj" in deps and "mark" not in deps and "advmod" not in deps


def _clause_bounds(ctx: _Context, clause: Token) -> tuple[int, int] | None:
    if clause.i - clause.left_edge.i + clause.right_edge.i - clause.i < 2:
        return None  # "he said so": too short to be reported content
    end = _right_end(ctx, clause.head, clause) if clause.i > clause.head.i else clause.right_edge
    return _trimmed(ctx.text, clause.left_edge.idx, end.idx + len(end))


def _right_end(ctx: _Context, cue: Token, last: Token) -> Token:
    """Where reported content after a cue ends: the cue's last modifier after the argument
    ("said [that the claim smacked of hypocrisy, because ...]"), not a coordinated clause."""
    end = last.right_edge
    for child in cue.rights:
        if child.i <= last.i or child.dep_ in ("punct", "cc"):
            continue
        if child.dep_ == "parataxis" or (child.dep_ == "conj" and _own_clause(ctx, child)):
            break  # a coordinated clause with its own subject, or another attribution
        if any(
            ctx.in_quote[t.i] or ctx.is_cue(t, kinds=("speech", "report")) for t in child.subtree
        ):
            break  # another quote or another attribution starts here
        end = max(end, child.right_edge, key=lambda t: t.i)
    return _sentence_tail(ctx, cue, end)


def _sentence_tail(ctx: _Context, cue: Token, end: Token) -> Token:
    """Content after a cue runs on to the end of its sentence, as PolNeAR marks it, over what
    the parse hung elsewhere (an apposition, a "so ..." clause), up to a clause coordinated
    with the cue, another cue with its own subject, or a quote of someone else."""
    doc = ctx.doc
    last = end
    for i in range(end.i + 1, len(doc)):
        token = doc[i]
        if token.is_space or "\n" in token.text:
            break
        if token.is_sent_start and doc[i - 1].text in _SENTENCE_ENDS:
            break  # a real sentence end (the parser also splits inside sentences)
        if token.head.i == cue.i and token.dep_ in ("conj", "parataxis", "cc"):
            break
        if ctx.is_cue(token, kinds=("speech", "report")) and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in token.children
        ):
            break  # another attribution with its own speaker
        if token.pos_ != "PUNCT":
            last = token
    return last


def _own_clause(ctx: _Context, verb: Token) -> bool:
    """A coordinated verb that is a clause of its own: it has its own subject, or it is a cue
    ("said X and called Y"); a bare coordinated verb shares the content ("wants to triple X,
    grow Y and create Z")."""
    return ctx.cue_kind[verb.i] is not None or any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children
    )


def _according_content(ctx: _Context, token: Token) -> tuple[int, int] | None:
    """The rest of the sentence around "according to X"."""
    sent: SpacySpan = token.sent
    phrase_start, phrase_end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
    before = (sent.start_char, phrase_start)
    after = (phrase_end, sent.end_char)
    best = max(before, after, key=lambda b: b[1] - b[0])
    if best[1] - best[0] < 12:
        return None
    return _trimmed(ctx.text, *best)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM + ".":
        end -= 1
    return (start, end) if end > start else None


def _mostly_quoted(text: str, content: tuple[int, int], spans: Iterable[QuoteSpan]) -> bool:
    """A clause that is all (80 %) inside quote marks: the direct quote covers it."""
    size = content[1] - content[0]
    inside = sum(max(0, min(content[1], q.outer_end) - max(content[0], q.open)) for q in spans)
    return size > 0 and inside >= 0.8 * size


def _names_someone(ctx: _Context, start: int, end: int) -> bool:
    """A named person or organisation (or an actor) covers the label's last word."""
    first, last = ctx.token_range(start, end)
    if last <= first:
        return False
    head = ctx.doc[last - 1]
    return head.ent_type_ in ("PERSON", "ORG") or any(m.start <= head.i < m.end for m in ctx.actors)


def _layout_attributions(ctx: _Context) -> list[Attribution]:
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
    for colon, content in layout.colon_blocks(ctx.text):
        cue = _cue_before(ctx, colon)
        if cue is not None:
            out.append(_make(ctx, content, False, cue))
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
