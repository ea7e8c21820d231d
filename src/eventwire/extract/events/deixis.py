""" "Here" in a datelined wire story: the dateline's place ("arrived here Wednesday for talks")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc

from ..doctext import text_of
from ..parsetree import ParsedDoc
from .args import ActorIndex
from .countries import dateline_country


def mark_here(doc: Doc, parsed: ParsedDoc, index: ActorIndex, places: Sequence[Any]) -> None:
    """Each adverb "here" stands, as a target, for the country of the story's dateline: the
    header's ("date 2018-06-08 AP, MOSCOW") or the text's own ("CAIRO, Dec. 6 (Xinhua) -- ...
    arrived here"); with no dateline it stands for nothing."""
    heres = [i for i in range(len(doc)) if doc[i].lower_ == "here" and doc[i].dep_ == "advmod"]
    if not heres:
        return
    country = dateline_country(doc) or _text_dateline_country(text_of(doc), places)
    if country is None:
        return
    for i in heres:
        index._add_place(parsed.idx[i], parsed.ends[i], country, None)


def _text_dateline_country(text: str, places: Sequence[Any]) -> str | None:
    """The country of a place named in capitals as the text's first words, before a comma or a
    dash (the places extractor finds such datelines)."""
    lead = len(text) - len(text.lstrip())
    for place in places:
        start, end = getattr(place, "start", None), getattr(place, "end", None)
        if start != lead or not isinstance(end, int) or not getattr(place, "country", None):
            continue
        name, after = text[start:end], text[end : end + 3].lstrip()
        if name.isupper() and after[:1] in (",", "-", "("):
            return str(place.country)
    return None
