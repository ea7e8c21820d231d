"""A headline's present-tense verb the parser read as a noun ("Watch denounces crackdown")."""

import pytest

from eventwire.pipeline.headlines import VerbForms

FORMS = VerbForms(
    frozenset(
        {
            "denounce",
            "lift",
            "rally",
            "question",
            "take",
            "ban",
            "push",
            "play",
            "see",
            "detain",
            "arrest",
        }
    ),
    {"take": ["took", "taken", "taking"], "ban": ["banned", "banning"], "see": ["saw", "seen"]},
)

# a word -> the verb whose present form it is (None: no verb)
LEMMAS = {
    "denounces": "denounce",
    "lift": "lift",
    "rallies": "rally",
    "pushes": "push",
    "questions": "question",
    "agency": None,
    "news": None,
}

# a lemma -> the past form that replaces it for the second parse
PASTS = {
    "denounce": "denounced",
    "rally": "rallied",
    "take": "took",
    "ban": "banned",
    "lift": "lifted",
    "play": "played",
    "see": "saw",
}


@pytest.mark.parametrize("word", list(LEMMAS))
def test_lemma(word):
    assert FORMS.lemma(word) == LEMMAS[word]


@pytest.mark.parametrize("lemma", list(PASTS))
def test_past(lemma):
    assert FORMS.past(lemma) == PASTS[lemma]


# headline -> (verb, its subject) after the repair; None: the sentence is left as parsed
HEADLINES = {
    "Human Rights Watch denounces crackdown on activists": ("denounces", "Watch"),
    "Authorities in Leh lift curfew after four days of calm": ("lift", "Authorities"),
    "Prime Minister Boris Johnson, Foreign Secretary Dominic Raab": None,
    # of two verb forms in a row ("police", "detain") the first ends the subject
    "Uganda police detain opposition leader outside Kampala": ("detain", "police"),
    "Kenya police arrest opposition leader in Nairobi.": ("arrest", "police"),
}


@pytest.mark.model
@pytest.mark.parametrize("text", list(HEADLINES))
def test_headline_verb(nlp, text):
    doc = nlp(text)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    verbs = [t for t in doc if t.pos_ == "VERB"]
    if HEADLINES[text] is None:
        assert not verbs
        return
    verb, subject = HEADLINES[text]
    assert [t.text for t in roots] == [verb]
    assert [c.text for c in roots[0].children if c.dep_ == "nsubj"] == [subject]
    assert roots[0].lemma_ == FORMS.lemma(verb)
    assert doc.text == text  # the words stay the document's own
