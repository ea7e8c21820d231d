"""The document's main country rule shared by titled persons (actors) and local sectors (events)."""

from collections import Counter

import pytest

from eventwire.extract.actors.types import main_country

CASES = [
    (Counter(), None),
    (Counter({"WSM": 1}), None),  # named once: no main country
    (Counter({"WSM": 2}), "WSM"),
    (Counter({"WSM": 2, "NZL": 1}), "WSM"),
    (Counter({"WSM": 2, "NZL": 2}), None),  # a two-country story: a tie names neither
    (Counter({"WSM": 2, "NZL": 1, "FJI": 1, "TON": 1}), None),  # under half
    (Counter({"CHN": 3, "MYS": 2, "SGP": 1}), "CHN"),  # exactly half, and more than any other
]


@pytest.mark.parametrize(("counts", "expected"), CASES)
def test_main_country(counts, expected):
    assert main_country(counts) == expected
