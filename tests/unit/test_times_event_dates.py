"""Event dating from the governing time expression, on hand-built parses (no model)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from eventwire.extract.events.dates import date_events
from eventwire.extract.times import find_times
from eventwire.pipeline.extensions import register_extensions
from eventwire.records import Actor, Event, Span

DCT = "2018-06-08"


def _doc(rows: list[tuple[str, int, str, str]]) -> Doc:
    """rows: (word, head index, dep, pos); the document's times are found on its text."""
    register_extensions()
    vocab = spacy.blank("en").vocab
    words = [r[0] for r in rows]
    doc = Doc(
        vocab,
        words=words,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
    )
    doc._.ew_date = DCT
    doc._.ew_times = find_times(doc.text, DCT)
    return doc


def _event(doc: Doc, trigger_index: int) -> Event:
    tok = doc[trigger_index]
    actor = Actor(text="X", start=0, end=1, code="RUS")
    return Event(
        event_id=f"e{trigger_index}",
        doc_id="d",
        sentence_index=0,
        source=actor,
        target=None,
        cameo="042",
        cameo_root="04",
        plover="CONSULT",
        quad_class=1,
        goldstein=1.9,
        trigger=Span(tok.text, tok.idx, tok.idx + len(tok.text)),
        evidence=doc.text,
        date=DCT,
        date_precision="publication",
    )


HELD = [  # In December last year , the two militaries held drills .
    ("In", 8, "prep", "ADP"),
    ("December", 0, "pobj", "PROPN"),
    ("last", 3, "amod", "ADJ"),
    ("year", 1, "npadvmod", "NOUN"),
    (",", 8, "punct", "PUNCT"),
    ("the", 7, "det", "DET"),
    ("two", 7, "nummod", "NUM"),
    ("militaries", 8, "nsubj", "NOUN"),
    ("held", 8, "ROOT", "VERB"),
    ("drills", 8, "dobj", "NOUN"),
    (".", 8, "punct", "PUNCT"),
]
ANNEX = [  # Moscow 's 2014 annexation of Crimea angered the West .
    ("Moscow", 3, "poss", "PROPN"),
    ("'s", 0, "case", "PART"),
    ("2014", 3, "nummod", "NUM"),
    ("annexation", 6, "nsubj", "NOUN"),
    ("of", 3, "prep", "ADP"),
    ("Crimea", 4, "pobj", "PROPN"),
    ("angered", 6, "ROOT", "VERB"),
    ("the", 8, "det", "DET"),
    ("West", 6, "dobj", "PROPN"),
    (".", 6, "punct", "PUNCT"),
]
SAID = [  # Wei said in April that he chose Russia .
    ("Wei", 1, "nsubj", "PROPN"),
    ("said", 1, "ROOT", "VERB"),
    ("in", 1, "prep", "ADP"),
    ("April", 2, "pobj", "PROPN"),
    ("that", 6, "mark", "SCONJ"),
    ("he", 6, "nsubj", "PRON"),
    ("chose", 1, "ccomp", "VERB"),
    ("Russia", 6, "dobj", "PROPN"),
    (".", 1, "punct", "PUNCT"),
]
LASTED = [  # The talks lasted two weeks .
    ("The", 1, "det", "DET"),
    ("talks", 2, "nsubj", "NOUN"),
    ("lasted", 2, "ROOT", "VERB"),
    ("two", 4, "nummod", "NUM"),
    ("weeks", 2, "npadvmod", "NOUN"),
    (".", 2, "punct", "PUNCT"),
]


@pytest.mark.parametrize(
    ("rows", "trigger", "date", "precision"),
    [
        (HELD, 8, "2017-12", "month"),  # prep + pobj on the trigger's verb
        (HELD, 9, "2017-12", "month"),  # a nominal trigger takes its clause's time
        (ANNEX, 3, "2014", "year"),  # a year inside the nominal event
        (ANNEX, 6, DCT, "publication"),  # the year belongs to the subject, not to "angered"
        (SAID, 6, "2018-04", "month"),  # inherited from the governing clause (ccomp)
        (LASTED, 2, DCT, "publication"),  # a duration does not date an event
    ],
)
def test_date_events(rows, trigger, date, precision):
    doc = _doc(rows)
    (event,) = date_events(doc, times=doc._.ew_times or [], events=[_event(doc, trigger)])
    assert (event.date, event.date_precision) == (date, precision)


def test_no_times_returns_the_events_unchanged():
    doc = _doc(LASTED)
    doc._.ew_times = []
    events = [_event(doc, 2)]
    assert date_events(doc, times=doc._.ew_times or [], events=events) == events


def test_without_a_parse_the_nearest_date_in_the_sentence_is_taken():
    register_extensions()
    doc = spacy.blank("en")("Troops withdrew on Wednesday. Talks resume in July.")
    doc._.ew_date = DCT
    doc._.ew_times = find_times(doc.text, DCT)
    ev = _event(doc, 1)  # "withdrew"
    (dated,) = date_events(doc, times=doc._.ew_times or [], events=[ev])
    assert (dated.date, dated.date_precision) == ("2018-06-06", "day")
