"""Attributions given by layout (model-free): transcript turns, headline labels, colon blocks."""

from __future__ import annotations

import pytest

from eventwire.extract.quotes.layout import colon_blocks, turns

NOT_SPEAKERS = frozenset({"UPDATE", "PHOTO"})


def _turns(text: str) -> list[tuple[str, str, bool]]:
    return [
        (text[t.label[0] : t.label[1]], text[t.content[0] : t.content[1]], t.headline)
        for t in turns(text, NOT_SPEAKERS)
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Intro line.\n\nDOE: We will stay the course here.\n\nROE: Will you, really?",
            [("DOE", "We will stay the course here.", False)],  # 3 words: too short a turn
        ),
        (  # a quoted transcript: each paragraph opens with a quote mark
            'As follows:\n\n"WALLACE: Let us start with the news today.\n\n"PENCE: Well, look, it is serious.',
            [
                ("WALLACE", "Let us start with the news today.", False),
                ("PENCE", "Well, look, it is serious.", False),
            ],
        ),
        (
            "Pence: Flowers Will Not Be at Debate\n\nBody text.",
            [("Pence", "Flowers Will Not Be at Debate", True)],
        ),
        ("UPDATE: the vote was moved to Friday afternoon.", []),  # an editorial label
        ("PHOTO: Crowds gather outside the court today.", []),
        ("The talks: what we know so far about them", []),  # lower-case word: no label
        ("He said that DOE: was wrong about it all.", []),  # not at a paragraph start
    ],
)
def test_turns(text: str, want: list[tuple[str, str, bool]]) -> None:
    assert _turns(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Limbaugh added:\n\nAnd from a front-runner, this reeks of fear.",
            ["And from a front-runner, this reeks of fear."],
        ),
        ('He said:\n\n"We will win this fight."', []),  # a quote mark: the direct quote pass
        ("Note:\n\nToo short.", []),
        ("Time: 10:30 and more words here", []),  # no paragraph break after the colon
    ],
)
def test_colon_blocks(text: str, want: list[str]) -> None:
    assert [text[s:e] for _, (s, e) in colon_blocks(text)] == want
