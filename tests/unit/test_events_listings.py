"""Lines that report no event: an article's closing lists and citation lines (model-free)."""

import pytest

from eventwire.extract.events.lexicon import load_lexicon
from eventwire.extract.events.listings import in_listing, listing_spans

HEADINGS = load_lexicon().listing_headings

# text -> the texts of the spans that report no event
CASES = {
    # Wikinews: the Sources heading and all that follows
    "Kenya signed a deal.\n\nSources\n\n* Deal signed \u2014 BBC News, May 3, 2008\n": [
        "Sources\n\n* Deal signed \u2014 BBC News, May 3, 2008\n"
    ],
    "Kenya signed a deal.\n== Related news ==\n* Uganda protests\n": [
        "== Related news ==\n* Uganda protests\n"
    ],
    "Kenya signed a deal.\nExternal links:\nhttp://example.org\n": [
        "External links:\nhttp://example.org\n"
    ],
    # a citation line: headline, dash, publication, date
    "MP calls for probe \u2014 Edmonton Sun, August 16, 2008": [
        "MP calls for probe \u2014 Edmonton Sun, August 16, 2008"
    ],
    "Kenya signed a deal.\nTalks resume - Reuters, 16 May 2008\nUganda agreed.": [
        "Talks resume - Reuters, 16 May 2008"
    ],
    "Talks resume \u2013 Daily Nation, Tuesday, 2008-05-16": [
        "Talks resume \u2013 Daily Nation, Tuesday, 2008-05-16"
    ],
    # body text is kept: a heading word inside a sentence, a dash with a sentence's full stop, a
    # dash before lower case
    "Kenya cited sources in Nairobi.\nSources said talks would resume.": [],
    "He met Putin \u2014 Russia's president, in March 2014.": [],
    "Kenya condemned the raid \u2013 a move hailed by Uganda, 2014": [],
    "Kenya signed a deal with Uganda, Tanzania and Rwanda in 2014": [],
}


@pytest.mark.parametrize("text", list(CASES))
def test_listing_spans(text):
    assert [text[a:b] for a, b in listing_spans(text, HEADINGS)] == CASES[text]


def test_in_listing():
    spans = [(10, 20)]
    assert [in_listing(i, spans) for i in (9, 10, 19, 20)] == [False, True, True, False]
