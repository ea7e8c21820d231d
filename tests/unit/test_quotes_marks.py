"""Model-free tests of the quote-mark scan: which characters open and close a quote."""

from __future__ import annotations

import pytest

from eventwire.extract.quotes.marks import find_quote_spans


def contents(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quote_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will go,” she said.", ["We will go,"]),
        ('"We will go," she said.', ["We will go,"]),
        ("He said: ‘We will go.’ Then he left.", ["We will go."]),
        ("She called it 'a farce' on Monday.", ["a farce"]),
        ("“First,” he said, “second.”", ["First,", "second."]),
        ("''Typewriter style,'' the mayor said.", ["Typewriter style,"]),
        (
            "“I would rather live in what he calls “hell” than there.” ― A. Reader",
            ["I would rather live in what he calls “hell” than there."],
        ),
        ("Nested: “He told me ‘no’ twice.”", ["He told me ‘no’ twice."]),
        # apostrophes and possessives are never quote marks
        ("The US’ top adversaries and the Institute for Studies’ Center met.", []),
        ("Last summer’s drills won’t be repeated, Moscow’s envoy said.", []),
        ("Rock 'n' roll of the '90s.", []),
        (
            "“The plan’s flaws are the ministers’ problem,” she said.",
            ["The plan’s flaws are the ministers’ problem,"],
        ),
    ],
)
def test_contents(text: str, expected: list[str]) -> None:
    assert contents(text) == expected


def test_offsets_exclude_marks() -> None:
    text = "Before “inside words” after"
    (q,) = find_quote_spans(text)
    assert text[q.open] == "“" and q.close is not None and text[q.close] == "”"
    assert (q.start, q.end) == (text.index("inside"), text.index("” after"))


def test_multi_paragraph_quote_continues() -> None:
    text = (
        "He said: “The first part goes on.\n\n“And the second part ends here,” he added.\n\nNext."
    )
    spans = find_quote_spans(text)
    assert [text[q.start : q.end] for q in spans] == [
        "The first part goes on.",
        "And the second part ends here,",
    ]
    assert spans[0].close is None and not spans[0].continued
    assert spans[1].continued and spans[1].close is not None


def test_unclosed_quote_stops_at_paragraph_end() -> None:
    text = "A stray “mark in a paragraph.\n\nA new paragraph without marks."
    spans = find_quote_spans(text)
    assert [text[q.start : q.end] for q in spans] == ["mark in a paragraph."]
    assert not spans[0].continued


def test_unmatched_single_mark_is_not_a_quote() -> None:
    assert contents("He said ‘maybe and left without closing it.") == []
