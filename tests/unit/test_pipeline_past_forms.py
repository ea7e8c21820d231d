"""An irregular past the tagger read as a present verb ("forgave/VB") gets its verb's lemma."""

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from eventwire.pipeline.headlines import VerbForms
from eventwire.pipeline.past_forms import past_lemmas, repair

FORMS = VerbForms(
    frozenset({"forgive", "leap", "find", "found", "see", "saw", "go"}),
    {
        "forgive": ["forgave", "forgiven", "forgiving"],
        "leap": ["leapt"],
        "find": ["found"],  # also a verb of its own: left alone
        "see": ["saw", "seen"],  # "saw" is a verb too
        "go": ["went", "gone", "goes"],
    },
)


def test_past_lemmas_keep_only_forms_that_are_no_verb_of_their_own():
    pasts = past_lemmas(FORMS)
    assert pasts == {
        "forgave": "forgive",
        "forgiven": "forgive",
        "leapt": "leap",
        "seen": "see",
        "went": "go",
        "gone": "go",
    }


def _doc(words, tags, lemmas, heads, deps):
    return Doc(Vocab(), words=words, tags=tags, lemmas=lemmas, heads=heads, deps=deps)


@pytest.mark.parametrize(
    ("words", "tags", "lemmas", "deps", "heads", "want"),
    [
        # "The pope forgave him": a bare-verb tag kept the form as its lemma
        (
            ["pope", "forgave", "him"],
            ["NN", "VB", "PRP"],
            ["pope", "forgave", "he"],
            ["nsubj", "ROOT", "dobj"],
            [1, 1, 1],
            ("forgive", "VBD"),
        ),
        # "they have forgiven": after "have" the participle
        (
            ["they", "have", "forgiven"],
            ["PRP", "VBP", "VBP"],
            ["they", "have", "forgiven"],
            ["nsubj", "aux", "ROOT"],
            [2, 2, 2],
            ("forgive", "VBN"),
        ),
        # a form the lemmatizer already read is left as it is
        (
            ["unions", "leapt", "up"],
            ["NNS", "VBD", "RP"],
            ["union", "leap", "up"],
            ["nsubj", "ROOT", "prt"],
            [1, 1, 1],
            ("leap", "VBD"),
        ),
        # a noun tag is no verb reading to repair
        (
            ["the", "leapt", "wall"],
            ["DT", "NN", "NN"],
            ["the", "leapt", "wall"],
            ["det", "compound", "ROOT"],
            [2, 2, 2],
            ("leapt", "NN"),
        ),
    ],
)
def test_repair(words, tags, lemmas, deps, heads, want):
    doc = _doc(words, tags, lemmas, heads, deps)
    repair(doc, past_lemmas(FORMS))
    token = doc[1] if words[1] != "have" else doc[2]
    assert (token.lemma_, token.tag_) == want
