"""What the quote passes share: the cue lexicon, the per-document context (token offsets, the
in-quote mask, each token's cue kind), the attribution record and how one is made."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.attrs import IDX, LEMMA, LOWER, POS
from spacy.symbols import AUX, NOUN, VERB
from spacy.tokens import Doc, Token

from ...errors import Errors, KnowledgeError
from ...knowledge import load_yaml, require
from ...records import Actor, Quote, Span
from ..actors import ActorMention
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
        hearer_verbs=frozenset(str(w).lower() for w in data["topic_prepositions"]["hearer_verbs"]),
        hearer_nouns=frozenset(str(w).lower() for w in data["addressee"]["hearer_nouns"]),
        either_object=frozenset(str(w).lower() for w in data["addressee"]["either_object"]),
        nouns=frozenset(str(w).lower() for w in data["nouns"]["lemmas"]),
        wh_words=frozenset(str(w).lower() for w in data["wh_words"]["words"]),
        relatives=frozenset(w.lower() for w in data["pronouns"]["relative"]),
    )


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
        return not self.in_quote[i] and (self.cue_kind[i] == ACCORDING or self.cue_kind[i] in kinds)


ACCORDING = "according to"  # the cue kind of "according" before "to": a cue of every kind
NOUN_CUE = "noun"  # a noun of saying with its speaker as possessor ("his claim that ...")
_VERB_IDS = (VERB, AUX)


def _token_tables(doc: Doc, lexicon: CueLexicon) -> tuple[list[int], list[str | None]]:
    """Each token's start offset and cue kind, read from the Doc's arrays in one pass.

    The kind is ``ACCORDING`` for "according" before "to", else the lexicon's kind of the
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
            kinds.append(ACCORDING)
        elif pos in _VERB_IDS:
            if lemma not in kind_of:
                kind_of[lemma] = lexicon.verbs.get(strings[lemma].lower())
            kinds.append(kind_of[lemma])
        elif pos == NOUN and strings[lemma].lower() in lexicon.nouns:
            kinds.append(NOUN_CUE)
        else:
            kinds.append(None)
    return [row[0] for row in rows], kinds


def make(ctx: Context, content: tuple[int, int], direct: bool, cue: Token | None) -> Attribution:
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
            relatives=ctx.lexicon.relatives,
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
