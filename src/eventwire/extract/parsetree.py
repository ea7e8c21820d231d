"""A parsed Doc read once into plain Python lists, for extractors that walk the tree a lot.

spaCy builds a new ``Token`` object on every ``doc[i]``, ``token.head`` and ``token.children``
step, and decodes a new string on every ``token.dep_`` or ``token.lemma_``: the events coder
asks for the same few hundred words' heads, dependents and labels tens of thousands of times a
document. :class:`ParsedDoc` reads the Doc's arrays once (``Doc.to_array``, column by column)
and hands out one :class:`ParsedToken` per word, made on first use, whose tree links return the
same objects. A ParsedToken answers the ``Token`` attributes the extractors use, with the same
values (``tests/unit/test_parsetree.py`` compares them with spaCy's on parsed text), so code
written against ``Token`` runs on it unchanged.

The Doc is read, never changed; sentence spans and text slices still come from the Doc.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, LOWER, ORTH, POS, TAG
from spacy.tokens import Doc, Span

from .doctext import text_of, token_bounds, token_columns

# a token's string attributes, read as hashes and decoded once per distinct hash
STRING_ATTRS = (ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE)
IOB_NAMES = ("", "I", "O", "B")  # spaCy's ENT_IOB values


class StringMemo:
    """Hash -> string, shared across documents: a hash names the same string in every vocab."""

    def __init__(self) -> None:
        self.strings: dict[int, str] = {0: ""}

    def decode(self, doc: Doc, hashes: list[int]) -> list[str]:
        known = self.strings
        out = list(map(known.get, hashes))  # at C speed: most words were seen before
        if None in out:
            store = doc.vocab.strings
            for k, h in enumerate(hashes):
                if out[k] is None:
                    out[k] = known[h] = store[h]
        return out  # type: ignore[return-value]  # no None is left


class ParsedDoc:
    """The parse of ``doc`` as lists, and its tokens as :class:`ParsedToken` made on first use."""

    __slots__ = (
        "doc",
        "heads",
        "dep",
        "ent_iob",
        "idx",
        "ends",
        "hashes",
        "strings",
        "columns",
        "memo",
        "_kids",
        "_tokens",
        "_sentence_words",
    )

    def __init__(self, doc: Doc, memo: StringMemo | None = None) -> None:
        memo = memo or StringMemo()
        self.doc = doc
        n = len(doc)
        # token offsets as the other extractors read them (kept on the Doc), the rest column by
        # column; a head is stored as an offset in an unsigned column
        self.idx, self.ends = token_bounds(doc)
        offsets, iob, *hashes = token_columns(doc, (HEAD, ENT_IOB, *STRING_ATTRS))
        self.heads: list[int] = [
            i + (o - (1 << 64) if o >> 63 else o) for i, o in enumerate(offsets)
        ]
        self.ent_iob: list[str] = [IOB_NAMES[v] for v in iob]
        # the string attributes as hashes, and decoded column by column (a dict lookup per
        # token at C speed: cheaper than decoding each token's seven as it is made)
        self.hashes: list[list[int]] = hashes
        self.strings = memo
        self.columns: list[list[str]] = [memo.decode(doc, column) for column in hashes]
        self.dep = self.columns[5]
        self.memo: dict[str, Any] = {}  # per-document values an extractor computes once
        self._kids: list[list[int]] | None = None
        self._sentence_words: dict[tuple[int, int], frozenset[str]] = {}
        self._tokens: list[ParsedToken | None] = [None] * n

    def __len__(self) -> int:
        return len(self._tokens)

    def __getitem__(self, i: int) -> ParsedToken:
        token = self._tokens[i]
        if token is None:
            if i < 0:
                return self[len(self._tokens) + i]
            token = self._tokens[i] = ParsedToken(self, i)
        return token

    def __iter__(self) -> Iterator[ParsedToken]:
        return (self[i] for i in range(len(self._tokens)))

    def close(self) -> None:
        """Drop the tokens' links to each other, so that the Doc is freed without waiting for
        the cycle collector; tokens an outside caller still holds keep working."""
        for token in self._tokens:
            if token is not None:
                token._head = token._children = None
        self._tokens = [None] * len(self._tokens)
        self._kids = None

    def expand_chars(self, start_char: int, end_char: int) -> tuple[int, int] | None:
        """The tokens at least partly inside characters ``start_char`` to ``end_char``, as
        ``Doc.char_span(..., alignment_mode="expand")`` finds them (token ``start`` to ``end``,
        exclusive); None where it finds none or an empty span."""
        idx, n = self.idx, len(self.idx)
        if not n or not 0 <= start_char <= end_char - 1 < len(text_of(self.doc)):
            return None  # spaCy's edge cases stay spaCy's: the caller asks it
        start = bisect_right(idx, start_char) - 1  # the token (with its trailing space) there
        end = bisect_right(idx, end_char - 1) - 1
        if start < 0 or end < 0:
            return None
        if start_char == self.ends[start]:
            start += 1  # the trailing space is not part of the token before it
        return (start, end + 1) if start <= end else None

    def span(self, start: int, end: int) -> Span:
        """The Doc's span of tokens ``start`` to ``end`` (exclusive)."""
        return self.doc[start:end]

    def sentence_words(self, start: int, end: int) -> frozenset[str]:
        """The lower forms and lower-cased lemmas of tokens ``start`` to ``end`` (a sentence),
        computed once per span."""
        words = self._sentence_words.get((start, end))
        if words is None:
            lower, lemma = self.columns[1][start:end], self.columns[2][start:end]
            words = frozenset([*lower, *(w.lower() for w in lemma)])
            self._sentence_words[(start, end)] = words
        return words

    def kids(self, i: int) -> list[int]:
        """Indexes of the dependents of token ``i``, in text order (spaCy's ``children``)."""
        kids = self._kids
        if kids is None:
            kids = self._kids = [[] for _ in self.heads]
            for j, h in enumerate(self.heads):
                if h != j:
                    kids[h].append(j)
        return kids[i]


class ParsedToken:
    """One word of a :class:`ParsedDoc`: the ``Token`` attributes the extractors read."""

    __slots__ = (
        "doc",
        "i",
        "text",
        "lower_",
        "lemma_",
        "pos_",
        "tag_",
        "dep_",
        "ent_type_",
        "ent_iob_",
        "idx",
        "_head",
        "_children",
    )

    def __init__(self, doc: ParsedDoc, i: int) -> None:
        self.doc = doc
        self.i = i
        orth, lower, lemma, pos, tag, dep, ent = doc.columns
        self.text = orth[i]
        self.lower_ = lower[i]
        self.lemma_ = lemma[i]
        self.pos_ = pos[i]
        self.tag_ = tag[i]
        self.dep_ = dep[i]
        self.ent_type_ = ent[i]
        self.ent_iob_ = doc.ent_iob[i]
        self.idx = doc.idx[i]
        self._head: ParsedToken | None = None
        self._children: tuple[ParsedToken, ...] | None = None

    def __repr__(self) -> str:
        return self.text

    def __len__(self) -> int:
        return len(self.text)

    # hashes, as Token.orth / lower / lemma / pos
    @property
    def lower(self) -> int:
        return self.doc.hashes[1][self.i]

    @property
    def lemma(self) -> int:
        return self.doc.hashes[2][self.i]

    @property
    def pos(self) -> int:
        return self.doc.hashes[3][self.i]

    @property
    def head(self) -> ParsedToken:
        head = self._head
        if head is None:
            head = self._head = self.doc[self.doc.heads[self.i]]
        return head

    @property
    def children(self) -> tuple[ParsedToken, ...]:
        children = self._children
        if children is None:
            doc = self.doc
            made = doc._tokens
            children = self._children = tuple(
                [
                    made[j] or doc[j] for j in doc.kids(self.i)
                ]  # a list first: faster than a generator
            )
        return children

    @property
    def lefts(self) -> list[ParsedToken]:
        return [t for t in self.children if t.i < self.i]

    @property
    def rights(self) -> list[ParsedToken]:
        return [t for t in self.children if t.i > self.i]

    @property
    def subtree(self) -> list[ParsedToken]:
        """The token and its descendants, as spaCy orders them (left subtrees, the token, right)."""
        doc = self.doc
        out: list[ParsedToken] = []
        # an explicit stack: (index, expanded); expanded entries are emitted, others unfolded
        stack: list[tuple[int, bool]] = [(self.i, False)]
        while stack:
            i, expanded = stack.pop()
            if expanded:
                out.append(doc[i])
                continue
            kids = doc.kids(i)
            for j in reversed([k for k in kids if k > i]):
                stack.append((j, False))
            stack.append((i, True))
            for j in reversed([k for k in kids if k < i]):
                stack.append((j, False))
        return out

    @property
    def left_edge(self) -> ParsedToken:
        return self.doc[min(t.i for t in self.subtree)]

    @property
    def right_edge(self) -> ParsedToken:
        return self.doc[max(t.i for t in self.subtree)]

    @property
    def ancestors(self) -> Iterator[ParsedToken]:
        doc, i, steps = self.doc, self.i, 0
        while doc.heads[i] != i and steps < len(doc):
            i = doc.heads[i]
            steps += 1
            yield doc[i]

    def is_ancestor(self, descendant: ParsedToken) -> bool:
        return any(a.i == self.i for a in descendant.ancestors)

    @property
    def conjuncts(self) -> tuple[ParsedToken, ...]:
        """Coordinated tokens without the token itself, as spaCy's ``Token.conjuncts``."""
        doc = self.doc
        deps, heads = doc.dep, doc.heads
        start = self.i
        while heads[start] != start and deps[start] == "conj":
            start = heads[start]
        queue, output = [start], [start]
        for word in queue:
            for child in doc.kids(word):
                if child > word and deps[child] == "conj":
                    output.append(child)
                    queue.append(child)
        if len(output) == 1:
            return () if start == self.i else (doc[start],)
        return tuple(doc[j] for j in output if j != self.i)

    @property
    def sent(self) -> Span:
        return self.doc.doc[self.i].sent

    def _flag(self, name: str) -> bool:
        return bool(getattr(self.doc.doc[self.i], name))

    # lexical flags: rare in the extractors, read from the Doc's own token (properties written
    # out, not ``property(lambda ...)``: a compiled class needs them declared)
    @property
    def is_punct(self) -> bool:
        return self._flag("is_punct")

    @property
    def is_quote(self) -> bool:
        return self._flag("is_quote")

    @property
    def is_title(self) -> bool:
        return self._flag("is_title")

    @property
    def is_upper(self) -> bool:
        return self._flag("is_upper")

    @property
    def is_alpha(self) -> bool:
        return self._flag("is_alpha")
