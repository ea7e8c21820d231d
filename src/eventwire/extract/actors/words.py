"""The actors extractor's English cue words, from ``data/actors/words.en.yaml`` (see the file for
what each list is for and where it comes from). Loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...knowledge.wordlists import load_word_lists, word_list_problems

WORD_LISTS = (
    "locative",
    "motion",
    "place_parts",
    "month_abbreviations",
    "elite_words",
    "former_words",
    "right_cues",
    "place_cues",
    "origin_cues",
    "connectors",
    "possessive",
    "generic_titles",
    "quantifiers",
    "foreign_missions",
    "institution_heads",
    "object_prepositions",
)


@dataclass(frozen=True, slots=True)
class ActorWords:
    locative: frozenset[str]  # "in Moscow": the capital is a place
    motion: frozenset[str]  # "flew to Beijing"
    place_parts: frozenset[str]  # "the outskirts of Kyiv"
    months: frozenset[str]  # capitalised abbreviations: "MOSCOW, Jan 5" is a dateline
    elite: frozenset[str]  # "former President X"
    former: frozenset[str]  # "Former President Bill Clinton": no longer in office
    right_cues: frozenset[str]  # "the president of Russia"
    place_cues: frozenset[str]  # "soldiers from Gondor"
    origin_cues: frozenset[str]  # "envoys from Beijing": a capital names its state
    connectors: frozenset[str]  # "Ministry of Foreign Affairs"
    possessive: frozenset[str]  # "Russia's"
    generic_titles: frozenset[str]  # "party leader X": no office
    quantifiers: frozenset[str]  # "two ministers": no single person
    foreign_missions: frozenset[str]  # "the Iranian consulate": abroad, not the sentence's country
    institution_heads: frozenset[str]  # "police commander": the institution before it decides
    object_prepositions: frozenset[str]  # "fired on Palestinian protesters": whom the act is on


@lru_cache(maxsize=1)
def actor_words() -> ActorWords:
    w = load_word_lists("actors")
    return ActorWords(
        locative=w["locative"],
        motion=w["motion"],
        place_parts=w["place_parts"],
        months=frozenset(m.title() for m in w["month_abbreviations"]),
        elite=w["elite_words"],
        former=w["former_words"],
        right_cues=w["right_cues"],
        place_cues=w["place_cues"],
        origin_cues=w["origin_cues"],
        connectors=w["connectors"],
        possessive=w["possessive"],
        generic_titles=w["generic_titles"],
        quantifiers=w["quantifiers"],
        foreign_missions=w["foreign_missions"],
        institution_heads=w["institution_heads"],
        object_prepositions=w["object_prepositions"],
    )


def word_problems() -> list[str]:
    """Problems of the word file (``lexicon check``, through ``check.check_knowledge``)."""
    return word_list_problems("actors", required=WORD_LISTS)
