"""ParsedDoc answers every Token attribute the extractors read with spaCy's own values."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from eventwire.extract.parsetree import ParsedDoc, StringMemo

TEXTS = [
    'Russia and China signed a deal, the "minister" said on Monday in Beijing.',
    "Syrian and Iranian officials, who met in Tehran, urged the US, Britain and France to "
    "lift sanctions imposed in 2011 on the central bank.",
    "Which of them had been warned?  No one knew.\n\nThe talks, however, collapsed.",
    "Hamas fighters fired rockets at Israel, which retaliated with air strikes on Gaza City.",
]

PLAIN = ("text", "lower_", "lemma_", "pos_", "tag_", "dep_", "ent_type_", "ent_iob_", "idx")
FLAGS = ("is_punct", "is_quote", "is_title", "is_upper", "is_alpha", "lower", "lemma", "pos")
LINKS = ("children", "lefts", "rights", "subtree", "ancestors", "conjuncts")


def _indexes(tokens) -> list[int]:
    return [t.i for t in tokens]


@pytest.mark.parametrize("text", TEXTS)
def test_parsed_tokens_equal_spacy_tokens(nlp, text: str) -> None:
    doc = nlp(text)
    parsed = ParsedDoc(doc, StringMemo())
    assert len(parsed) == len(doc)
    for token in doc:
        mine = parsed[token.i]
        for attr in (*PLAIN, *FLAGS):
            assert getattr(mine, attr) == getattr(token, attr), (token.text, attr)
        for attr in LINKS:
            assert _indexes(getattr(mine, attr)) == _indexes(getattr(token, attr)), (
                token.text,
                attr,
            )
        assert mine.head.i == token.head.i
        assert mine.left_edge.i == token.left_edge.i
        assert mine.right_edge.i == token.right_edge.i
        assert (mine.sent.start, mine.sent.end) == (token.sent.start, token.sent.end)
        assert len(mine) == len(token)


def test_one_object_per_word_and_tree_links_reuse_it(nlp) -> None:
    parsed = ParsedDoc(nlp("The minister visited Paris."))
    verb = parsed[2]
    assert parsed[2] is verb and verb.children[0].head is verb
    assert parsed[-1] is parsed[len(parsed) - 1]
    assert [t.i for t in parsed] == list(range(len(parsed)))


def test_an_unparsed_doc_is_its_own_heads() -> None:
    doc = Doc(Vocab(), words=["no", "parse", "here"])
    parsed = ParsedDoc(doc)
    assert [t.head.i for t in parsed] == [0, 1, 2]
    assert parsed[1].children == () and parsed[1].dep_ == ""
    assert len(ParsedDoc(Doc(Vocab(), words=[]))) == 0


def test_expand_chars_finds_the_tokens_char_span_expands_to(nlp) -> None:
    doc = nlp(TEXTS[2] + "  " + TEXTS[0])
    parsed = ParsedDoc(doc)
    checked = 0
    for start in range(len(doc.text)):
        for end in range(start + 1, min(len(doc.text), start + 12) + 1):
            span = doc.char_span(start, end, alignment_mode="expand")
            mine = parsed.expand_chars(start, end)
            if span is None or not len(span):
                assert mine is None, (start, end)
            else:
                assert mine == (span.start, span.end), (start, end, span.text)
                checked += 1
    assert checked > 500
    assert parsed.expand_chars(5, 5) is None and parsed.expand_chars(0, len(doc.text) + 3) is None
