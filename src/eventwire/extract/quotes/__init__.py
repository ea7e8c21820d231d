"""Quotes: who said what (see :mod:`.extract`; the mark scan in :mod:`.marks`, speakers in
:mod:`.speaker`)."""

from .extract import (
    Attribution,
    CueLexicon,
    extract_quotes,
    find_attributions,
    gkg_quotations,
    load_cue_lexicon,
)

__all__ = [
    "Attribution",
    "CueLexicon",
    "extract_quotes",
    "find_attributions",
    "gkg_quotations",
    "load_cue_lexicon",
]
