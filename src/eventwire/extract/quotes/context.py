"""What the quote passes share: the cue lexicon, the per-document context (token offsets, the
in-quote mask, each token's cue kind), the attribution record and how one is made."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.attrs import DEP, IDX, LEMMA, LOWER, POS, SENT_START, TAG
from spacy.strings import StringStore
from spacy.symbols import ADJ, AUX, NOUN, VERB
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...errors import Errors, KnowledgeError
from ...knowledge import load_yaml, require
from ...records import Actor, Quote, Span
from ..actors import ActorMention
from ..doctext import token_bounds, token_columns
from .marks import QuoteSpan
from .speaker import mention_bounds, resolve_speaker, speaker_token

MIN_UNATTRIBUTED_WORDS = 5  # shorter unattributed quoted passages are scare quotes or titles
_VERB_POS = ("VERB", "AUX")
_DASHES = "―—–-"
TRIM = " \t\n\r\u00a0,;:—–-"


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
    wh_words: frozenset[str] = frozenset()  # open a content clause ("how the fight flowed")
    relatives: frozenset[str] = frozenset()  # relative pronouns ("the expert who said")
    hearer_verbs: frozenset[str] = frozenset()  # "to"/"with" after them name the hearer
    hearer_nouns: frozenset[str] = frozenset()  # objects that are the hearer ("promised voters")
    either_object: frozenset[str] = frozenset()  # hearer or content as object ("promised a veto")
    nominals: frozenset[str] = frozenset()  # speaker nouns resolved to a named organisation
    adjectives: frozenset[str] = frozenset()  # "afraid that ...", "worried about ..." (as written)
    messages: frozenset[str] = frozenset()  # objects that are messages ("sent a letter")
    quantities: frozenset[str] = frozenset()  # "a flurry of [tweets]"
    not_senders: frozenset[str] = frozenset()  # "faced criticism": the message is not theirs
    source_preps: frozenset[str] = frozenset()  # "in"/"by" before a source noun ("in this poll")
    source_nouns: frozenset[str] = frozenset()  # polls, studies, estimates
    raising: frozenset[str] = frozenset()  # "seems to": no source
    impersonal: frozenset[str] = frozenset()  # "it was unclear whether": no source
    hearsay: frozenset[str] = frozenset()  # "allegedly": no source
    holders: frozenset[str] = frozenset()  # "a supporter of [NATO]"
    holder_preps: frozenset[str] = frozenset()


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
            "wh_words": dict,
            "adjectives": dict,
            "messages": dict,
            "source_phrases": dict,
            "impersonal": dict,
            "stance_holders": dict,
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
        for lemma in _words(group["lemmas"], where=f"{where}: verbs {group['kind']}"):
            verbs.setdefault(lemma, group["kind"])
    require(
        data["pronouns"],
        {"words": list, "source": str, "carried": list, "relative": list},
        where=where,
    )
    require(
        data["addressee"],
        {"lemmas": list, "hearer_nouns": list, "either_object": list, "source": str},
        where=where,
    )
    require(data["nominal_speakers"], {"nouns": list, "source": str}, where=where)
    require(
        data["topic_prepositions"],
        {"words": list, "not_after_speech": list, "hearer_verbs": list, "source": str},
        where=where,
    )
    require(data["nouns"], {"lemmas": list, "source": str}, where=where)
    require(data["wh_words"], {"words": list, "source": str}, where=where)
    require(data["adjectives"], {"words": list, "source": str}, where=where)
    require(
        data["messages"],
        {"nouns": list, "quantities": list, "not_senders": list, "source": str},
        where=where,
    )
    require(
        data["stance_holders"], {"nouns": list, "prepositions": list, "source": str}, where=where
    )
    require(
        data["impersonal"],
        {"verbs": list, "adjectives": list, "adverbs": list, "source": str},
        where=where,
    )
    require(
        data["source_phrases"], {"prepositions": list, "nouns": list, "source": str}, where=where
    )

    def words(section: str, key: str, *, lower: bool = True) -> frozenset[str]:
        return _words(data[section][key], where=f"{where}: {section}.{key}", lower=lower)

    return CueLexicon(
        verbs=verbs,
        pronouns=words("pronouns", "words"),
        addressee=words("addressee", "lemmas"),
        carried=words("pronouns", "carried"),
        not_speakers=words("transcript", "not_speakers", lower=False),
        nominals=words("nominal_speakers", "nouns"),
        topic_preps=words("topic_prepositions", "words"),
        stance_preps=words("topic_prepositions", "not_after_speech"),
        hearer_verbs=words("topic_prepositions", "hearer_verbs"),
        hearer_nouns=words("addressee", "hearer_nouns"),
        either_object=words("addressee", "either_object"),
        nouns=words("nouns", "lemmas"),
        wh_words=words("wh_words", "words"),
        relatives=words("pronouns", "relative"),
        adjectives=words("adjectives", "words"),
        messages=words("messages", "nouns"),
        quantities=words("messages", "quantities"),
        not_senders=words("messages", "not_senders"),
        source_preps=words("source_phrases", "prepositions"),
        source_nouns=words("source_phrases", "nouns"),
        raising=words("impersonal", "verbs"),
        impersonal=words("impersonal", "adjectives"),
        hearsay=words("impersonal", "adverbs"),
        holders=words("stance_holders", "nouns"),
        holder_preps=words("stance_holders", "prepositions"),
    )


def _words(values: list[Any], *, where: str, lower: bool = True) -> frozenset[str]:
    """A word list; a non-string entry is an error (YAML 1.1 reads a bare ``on`` or ``no`` as a
    boolean, which once turned the preposition "on" into "true")."""
    for value in values:
        if not isinstance(value, str):
            raise KnowledgeError(
                Errors.E101, path=where, reason=f"{value!r} is not a word; quote it"
            )
    return frozenset(v.lower() if lower else v for v in values)


class Context:
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
        self.starts, self.cue_kind, self.word_hits = _token_tables(doc, lexicon)
        self.in_quote = [False] * len(doc)
        for q in spans:
            first, last = self.token_range(q.open, q.outer_end)
            for i in range(first, last):
                self.in_quote[i] = True
        self.speakers: list[
            tuple[int, Actor | Span]
        ] = []  # (char offset, record) of named speakers
        self._sentences: tuple[list[int], list[int]] | None = None
        self._ents: Sequence[SpacySpan] | None = None

    @property
    def ents(self) -> Sequence[SpacySpan]:
        """``doc.ents``, read on first use (spaCy builds the spans on every access)."""
        ents = self._ents
        if ents is None:
            ents = self._ents = self.doc.ents
        return ents

    def sentence(self, i: int) -> tuple[int, int]:
        """First and end token of token ``i``'s sentence: ``doc[i].sent.start`` and ``.end``,
        from one read of the SENT_START array per document (``Token.sent`` builds two Spans)."""
        if self._sentences is None:
            if not self.doc.has_annotation("SENT_START"):
                sent = self.doc[i].sent  # raises as spaCy does
                return sent.start, sent.end
            self._sentences = _sentence_bounds(self.doc)
        return self._sentences[0][i], self._sentences[1][i]

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Tokens that start inside ``[start, end)``."""
        return bisect_left(self.starts, start), bisect_left(self.starts, end)

    def is_cue(self, token: Token, *, kinds: tuple[str, ...]) -> bool:
        i = token.i
        return not self.in_quote[i] and (self.cue_kind[i] == ACCORDING or self.cue_kind[i] in kinds)


def _sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Per token, its sentence's first token and end as ``Span.sent`` finds them: back to the
    nearest token whose SENT_START is 1 (else 0), on to the next one (else the end)."""
    (flags,) = token_columns(doc, (SENT_START,))
    n = len(flags)
    starts, ends = [0] * n, [n] * n
    start = 0
    for i, flag in enumerate(flags):
        if flag == 1:
            start = i
        starts[i] = start
    end = n
    for i in range(n - 1, -1, -1):
        ends[i] = end
        if flags[i] == 1:
            end = i
    return starts, ends


ACCORDING = "according to"  # the cue kind of "according" before "to": a cue of every kind
NOUN_CUE = "noun"  # a noun of saying with its speaker as possessor ("his claim that ...")
ADJECTIVE = "adjective"  # a predicate adjective of belief or stance ("are afraid that ...")
_VERB_IDS = (VERB, AUX)
_CUE_POS = frozenset({ADJ, NOUN, VERB, AUX})  # the parts of speech a cue kind needs


def _token_tables(doc: Doc, lexicon: CueLexicon) -> tuple[list[int], list[str | None], list[int]]:
    """Each token's start offset and cue kind, and the tokens the phrase passes look at (a
    message noun, a raising verb by lemma; a source preposition, a hearsay adverb as written),
    read from the Doc's arrays in one pass.

    The kind is ``ACCORDING`` for "according" before "to", ``ADJECTIVE`` for an adjective of
    the lexicon (tagged ADJ, or a past participle: "are convinced"), else the lexicon's kind of
    the lemma (lower-cased) of a VERB or AUX token or of a plural noun heading its sentence (a
    verb the tagger missed: "Trump claims that ..."), else ``NOUN_CUE`` for a noun of saying,
    else None.
    """
    starts, pos_ids, lemmas, lowers, tags, deps = token_columns(
        doc, (IDX, POS, LEMMA, LOWER, TAG, DEP)
    )
    strings = doc.vocab.strings
    according, to, vbn = strings["according"], strings["to"], strings["VBN"]
    root, nns = strings["ROOT"], strings["NNS"]
    kind_of: dict[int, str | None] = {}
    hit_lemmas = {
        strings[w]
        for w in lexicon.messages | lexicon.quantities | lexicon.raising | lexicon.holders
    }
    hit_words = {strings[w] for w in lexicon.source_preps | lexicon.hearsay}
    hits = [
        i
        for i, (lemma, lower) in enumerate(zip(lemmas, lowers, strict=True))
        if lemma in hit_lemmas or lower in hit_words
    ]
    adjective_of: dict[int, bool] = {}  # the lexicon's answers by string id, once per word
    noun_of: dict[int, bool] = {}
    kinds: list[str | None] = [None] * len(starts)
    last = len(starts) - 1
    for i, (pos, lemma, lower, tag) in enumerate(zip(pos_ids, lemmas, lowers, tags, strict=True)):
        if pos not in _CUE_POS and tag != vbn and lower != according:
            continue  # no branch below applies: most tokens, skipped cheaply
        if lower == according and i < last and lowers[i + 1] == to:
            kinds[i] = ACCORDING
        elif (pos == ADJ or tag == vbn) and _adjective(lower, strings, lexicon, adjective_of):
            kinds[i] = ADJECTIVE
        elif pos in _VERB_IDS:
            if lemma not in kind_of:
                kind_of[lemma] = lexicon.verbs.get(strings[lemma].lower())
            kinds[i] = kind_of[lemma]
        elif pos != NOUN:
            continue
        elif deps[i] == root and tag == nns and strings[lemma].lower() in lexicon.verbs:
            kinds[i] = lexicon.verbs[strings[lemma].lower()]  # "Trump claims that ..."
        else:
            if lemma not in noun_of:
                noun_of[lemma] = strings[lemma].lower() in lexicon.nouns
            if noun_of[lemma]:
                kinds[i] = NOUN_CUE
    return starts, kinds, hits


def _adjective(
    lower: int, strings: StringStore, lexicon: CueLexicon, known: dict[int, bool]
) -> bool:
    """The word (string id ``lower``) is an adjective of the lexicon; ``known`` memoises."""
    found = known.get(lower)
    if found is None:
        word = strings[lower]
        found = known[lower] = word in lexicon.adjectives or word in lexicon.impersonal
    return found


def make(
    ctx: Context,
    content: tuple[int, int],
    direct: bool,
    cue: Token | None,
    *,
    speaker_head: Token | None = None,
) -> Attribution:
    """The record of ``content`` with ``cue``; the speaker is ``speaker_head``'s mention when
    given, else the cue's speaker (:func:`.speaker.speaker_token`)."""
    text = ctx.text
    speaker: Actor | Span | None = None
    resolved: Actor | Span | None = None
    mention: tuple[int, int] | None = None
    head = speaker_head
    if head is None and cue is not None:
        head = speaker_token(cue, ctx.in_quote, ents=ctx.ents)
    if head is not None:
        bounds = mention_bounds(head, ctx.in_quote)
        starts, ends = token_bounds(ctx.doc)
        mention = (starts[bounds[0]], ends[bounds[1] - 1])
        speaker, resolved = resolve_speaker(
            ctx.doc,
            head,
            bounds,
            pronouns=ctx.lexicon.carried,
            previous=ctx.speakers,
            actors=ctx.actors,
            nominals=ctx.lexicon.nominals,
            relatives=ctx.lexicon.relatives,
            ents=ctx.ents,
        )
        if head.lower_ not in ctx.lexicon.pronouns:
            ctx.speakers.append((head.idx, resolved or speaker))
    cue_record = cue_span(cue) if cue is not None else None
    content_span = Span(text[content[0] : content[1]], content[0], content[1])
    quote = Quote(content_span, direct, speaker, cue_record, resolved)
    return Attribution(quote, mention, cue.i if cue is not None else None)


def cue_span(cue: Token) -> Span:
    doc = cue.doc
    if cue.lower_ == "according" and cue.i + 1 < len(doc):
        pair = doc[cue.i : cue.i + 2]
        return Span(pair.text, pair.start_char, pair.end_char)
    return Span(cue.text, cue.idx, cue.idx + len(cue))


def cue_before(ctx: Context, j: int) -> Token | None:
    """The cue of the sentence that ends with the colon at ``j``."""
    first, _ = ctx.token_range(j, j + 1)
    if first >= len(ctx.doc):
        return None
    sent = ctx.doc[first].sent
    for token in reversed(list(sent)):
        if token.i <= first and ctx.is_cue(token, kinds=("speech", "report", "evaluation")):
            return token
    return None


def trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM + ".":
        end -= 1
    return (start, end) if end > start else None
