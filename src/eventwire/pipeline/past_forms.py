"""spaCy component ``eventwire_past_forms``: an irregular past the tagger read as a present verb.

The small model sometimes tags a rare irregular past form as a bare or present verb ("Pope John
Paul II forgave his would-be assassin": ``forgave/VB``; "the unions leapt to the defence of the
minister": ``leapt/VBP``); the rule lemmatizer then keeps the form as its own lemma, so no
dictionary verb matches and the sentence codes nothing. Where such a token's text is an
irregular form of another verb in the model's own lemmatizer tables and is no verb lemma itself,
its lemma becomes that verb and its tag the past (``VBD``, or ``VBN`` after a form of "have" or
"be"). The tree, the text, the morphology and the entities stay as parsed (no extractor
reads the morphology).
"""

from __future__ import annotations

from spacy.attrs import TAG
from spacy.language import Language
from spacy.tokens import Doc

from .headlines import VerbForms, verb_forms

FACTORY = "eventwire_past_forms"
PRESENT_TAGS = frozenset({"VB", "VBP"})  # the tags the model gives such a form
PERFECT_AUX = frozenset({"have", "be"})


def past_lemmas(forms: VerbForms) -> dict[str, str]:
    """Irregular past forms that are no verb lemma themselves -> their verb ("forgave" ->
    forgive); a form of two verbs ("found": find, found) is left out."""
    seen: dict[str, set[str]] = {}
    for lemma, inflected in forms.irregular.items():
        for form in inflected:
            if form != lemma and not form.endswith(("ing", "s")) and form not in forms.verbs:
                seen.setdefault(form, set()).add(lemma)
    return {form: next(iter(lemmas)) for form, lemmas in seen.items() if len(lemmas) == 1}


def repair(doc: Doc, pasts: dict[str, str]) -> int:
    """Re-lemmatises and re-tags the misread past forms of ``doc`` in place; how many."""
    fixed = 0
    present = {doc.vocab.strings.add(tag) for tag in PRESENT_TAGS}
    tags = doc.to_array([TAG])  # one pass over the tag hashes: most words are never read
    for i in (i for i, tag in enumerate(tags.tolist()) if tag in present):
        token = doc[i]
        word = token.text.lower()
        lemma = pasts.get(word)
        if lemma is None or token.lemma_.lower() != word:
            continue
        perfect = any(
            c.dep_ in ("aux", "auxpass") and c.lemma_ in PERFECT_AUX for c in token.children
        )
        token.lemma_ = lemma
        token.tag_ = "VBN" if perfect else "VBD"
        fixed += 1
    return fixed


class PastFormsComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        forms = verb_forms(nlp)
        self.pasts = past_lemmas(forms) if forms is not None else {}

    def __call__(self, doc: Doc) -> Doc:
        if self.pasts:
            repair(doc, self.pasts)
        return doc


@Language.factory(FACTORY)
def make_past_forms(nlp: Language, name: str) -> PastFormsComponent:
    return PastFormsComponent(nlp, name)
