"""spaCy component ``eventwire_headlines``: a headline's present-tense verb the parser read as a noun.

Headlines report acts in the simple present with no article ("Human Rights Watch denounces Tajik
crackdown", "Authorities in Leh lift curfew"); the small model often tags the verb as a plural or
mass noun and the sentence gets no verb, so no event. In a sentence with none, each
lower-case word after a noun that is a verb's present form ("denounces", "lift") is tried in
turn: the sentence is parsed again with that word in the past tense ("denounced"), which the
model reads as a verb, and where that parse makes it the root with a subject before it, its tags,
lemmas and tree replace the sentence's. Nothing else changes: the text, the tokens and the
entities stay the document's own.

The verbs and their irregular past forms are the base model's own lemmatizer tables; a model
without them leaves every sentence as parsed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

FACTORY = "eventwire_headlines"
ATTRS = [HEAD, DEP, TAG, POS, LEMMA, MORPH]
BASE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")  # what re-parses
SUBJECT_POS = frozenset({"NOUN", "PROPN", "PRON"})  # the word before the verb ends its subject
NOUN_TAGS = frozenset({"NN", "NNS", "VBZ", "VBP", "JJ"})  # tags the model gives such a verb
CANDIDATE_TAGS = NOUN_TAGS | {"VB"}  # and its own bare verb reading ("Uganda police detain")
# a verb the sentence already has: finite, or a participle ("An Istanbul court formally charged
# Erdogan", where "charged" may be read as VBN)
VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD", "VBN"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
MAX_TOKENS = 40  # a headline is short; longer verbless spans are lists and tables
MAX_NUMBERS = 2  # more figures: a table row ("Nichiei Finance 1,000.00 credit guarantee 3.")
MAX_TRIES = 3


class VerbForms:
    """Verb lemmas and past forms from the lemmatizer's tables (``lemma_index``, ``lemma_exc``)."""

    def __init__(self, verbs: frozenset[str], irregular: dict[str, list[str]]) -> None:
        self.verbs = verbs
        self.irregular = irregular  # lemma -> its inflected forms the rules cannot make

    def lemma(self, word: str) -> str | None:
        """The verb whose present form ``word`` is ("denounces" -> denounce, "lift" -> lift)."""
        options = [word]
        if word.endswith("ies"):
            options.append(word[:-3] + "y")
        if word.endswith("es"):
            options.append(word[:-2])
        if word.endswith("s"):
            options.append(word[:-1])
        found = [w for w in options[1:] if w in self.verbs] or options[:1]
        return found[0] if found[0] in self.verbs else None

    def past(self, lemma: str) -> str:
        """A past form: the irregular one ("took", not "taken"), else by rule ("rallied")."""
        forms = [
            f
            for f in self.irregular.get(lemma, ())
            if not f.endswith("ing") and not (f.endswith("en") and len(self.irregular[lemma]) > 1)
        ]
        if forms:
            return sorted(forms, key=lambda f: (not f.endswith("ed"), f))[0]
        if lemma.endswith("e"):
            return lemma + "d"
        if len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in "aeiou":
            return lemma[:-1] + "ied"
        return lemma + "ed"


def verb_forms(nlp: Language) -> VerbForms | None:
    """The base model's verb tables, or None where it has no rule lemmatizer."""
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return None
    verbs = frozenset(lookups.get_table("lemma_index").get("verb", ()))
    irregular: dict[str, list[str]] = {}
    if lookups.has_table("lemma_exc"):
        for form, lemmas in lookups.get_table("lemma_exc").get("verb", {}).items():
            for lemma in lemmas:
                irregular.setdefault(lemma, []).append(form)
    return VerbForms(verbs, irregular) if verbs else None


def verbless(sent: Span) -> bool:
    """No verb but perhaps a bare form the model made of the object ("Watch denounces crackdown"
    read with "crackdown" as the verb VB)."""
    return (
        2 < len(sent) <= MAX_TOKENS
        and not any(t.tag_ in VERB_TAGS for t in sent)
        and sum(t.like_num for t in sent) <= MAX_NUMBERS
        and not sent[0].is_bracket  # "(attention embargo)": a note to editors
    )


def candidates(sent: Span, forms: VerbForms) -> list[tuple[int, str]]:
    """(token index, past form) of each word that may be the headline's verb, in text order."""
    out: list[tuple[int, str]] = []
    for tok in sent[1:]:
        prev = tok.doc[tok.i - 1]
        if not (tok.is_alpha and tok.is_lower and tok.tag_ in CANDIDATE_TAGS):
            continue
        if prev.pos_ not in SUBJECT_POS or not any(
            t.is_alpha for t in tok.doc[tok.i + 1 : sent.end]
        ):
            continue  # a verb needs its subject before it and an object or phrase after it
        lemma = forms.lemma(tok.lower_)
        if lemma is not None:
            out.append((tok.i, forms.past(lemma)))
    # of two such words in a row after a name, the first ends the subject ("Uganda police detain
    # Bobi Wine": "police" is no verb; "Militiamen attack aid workers": "attack" is); a word the
    # model itself read as a bare verb goes first
    starts = {i for i, _ in out}
    doc = sent.doc
    out = [(i, past) for i, past in out if not (i + 1 in starts and doc[i - 1].pos_ == "PROPN")]
    bare = {t.i for t in sent if t.tag_ == "VB"}
    return sorted(out, key=lambda c: c[0] not in bare)[:MAX_TRIES]


def reparse(sent: Span, i: int, past: str, parse: Callable[[Doc], Doc]) -> Doc | None:
    """The sentence parsed with token ``i`` read as ``past``; None unless that makes it the root
    verb with a subject before it, over the same tokens."""
    words = [t.text if t.i != i else past for t in sent]
    spaces = [bool(t.whitespace_) for t in sent]
    parsed = parse(Doc(sent.doc.vocab, words=words, spaces=spaces))
    verb = parsed[i - sent.start]
    if verb.dep_ != "ROOT" or verb.pos_ != "VERB":
        return None
    if sum(t.dep_ == "ROOT" for t in parsed) != 1:
        return None  # the sentence must stay one tree, or the document's sentences would change
    if not any(c.dep_ in SUBJECTS and c.i < verb.i for c in verb.children):
        return None
    return parsed


def repair(doc: Doc, forms: VerbForms, parse: Callable[[Doc], Doc]) -> int:
    """Re-parses the verbless headlines of ``doc`` in place; returns how many changed."""
    fixes: list[tuple[Span, int, Doc]] = []
    for sent in doc.sents:
        if not verbless(sent):
            continue
        for i, past in candidates(sent, forms):
            parsed = reparse(sent, i, past, parse)
            if parsed is not None:
                fixes.append((sent, i, parsed))
                break
    if not fixes:
        return 0
    array: Any = doc.to_array(ATTRS)  # uint64 rows, one per token
    for sent, _, parsed in fixes:
        # heads are offsets relative to their token: the sentence's rows carry over as they are
        array[sent.start : sent.end] = parsed.to_array(ATTRS)
    doc.from_array(ATTRS, array)
    return len(fixes)


class HeadlinesComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.nlp = nlp
        self.forms = verb_forms(nlp)

    def _parse(self, doc: Doc) -> Doc:
        for name, proc in self.nlp.pipeline:
            if name in BASE:
                doc = proc(doc)
        return doc

    def __call__(self, doc: Doc) -> Doc:
        if self.forms is not None:
            repair(doc, self.forms, self._parse)
        return doc


@Language.factory(FACTORY)
def make_headlines(nlp: Language, name: str) -> HeadlinesComponent:
    return HeadlinesComponent(nlp, name)
