"""The dateline a "here" points at (model-free)."""

from types import SimpleNamespace

import pytest

from eventwire.extract.events.deixis import _text_dateline_country


def _place(start: int, end: int, country: str) -> SimpleNamespace:
    return SimpleNamespace(start=start, end=end, country=country)


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        ("CAIRO, Dec. 6 (Xinhua) -- He arrived here.", [_place(0, 5, "EGY")], "EGY"),
        ("  KABUL (AP) - Gunmen struck here.", [_place(2, 7, "AFG")], "AFG"),
        ("Cairo is where he arrived.", [_place(0, 5, "EGY")], None),  # not in capitals
        ("He arrived here from CAIRO, officials said.", [_place(21, 26, "EGY")], None),  # not first
        ("CAIRO police arrived here.", [_place(0, 5, "EGY")], None),  # no comma or dash after it
    ],
)
def test_text_dateline_country(text, places, expected):
    assert _text_dateline_country(text, places) == expected
