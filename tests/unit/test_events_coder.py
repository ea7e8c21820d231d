"""The event coder on hand-built parses (no trained model): arguments, modality, records."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from eventwire.extract.actors import ActorMention
from eventwire.extract.events import (
    extract_events,
    load_coder_knowledge,
    main_candidate,
    sentence_candidates,
)
from eventwire.pipeline import extensions  # noqa: F401  (registers the Doc attributes)
from eventwire.records import Actor

COUNTRIES = {"Russia": "RUS", "China": "CHN", "Ukraine": "UKR", "Crimea": "UKR", "Moscow": "RUSGOV"}


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def build(vocab, rows: list[tuple], *, lead: str = "") -> Doc:
    """rows: (word, lemma, pos, dep, head index[, tag]); tags follow the part of speech unless
    given."""
    tags = {
        "VERB": "VBD",
        "NOUN": "NN",
        "PROPN": "NNP",
        "AUX": "VBD",
        "PRON": "PRP",
        "ADP": "IN",
        "PART": "RB",
        "PUNCT": ".",
        "DET": "DT",
        "ADJ": "JJ",
        "CCONJ": "CC",
    }
    words = [r[0] for r in rows]
    doc = Doc(
        vocab,
        words=words,
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=[r[5] if len(r) > 5 else tags.get(r[2], "XX") for r in rows],
        deps=[r[3] for r in rows],
        heads=[r[4] for r in rows],
    )
    mentions = []
    for tok in doc:
        code = COUNTRIES.get(tok.text)
        if code:
            actor = Actor(
                tok.text, tok.idx, tok.idx + len(tok), code, code[:3], code[3:] or None, tok.text
            )
            mentions.append(ActorMention(tok.i, tok.i + 1, actor))
    doc._.ew_actors = mentions
    doc._.ew_doc_id = "d1"
    doc._.ew_date = "2018-06-08"
    return doc


def dyads(events):
    return sorted(
        (e.source.code, e.target.code if e.target else None, e.cameo, e.negated) for e in events
    )


def test_subject_verb_object(vocab):
    doc = build(
        vocab,
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("visited", "visit", "VERB", "ROOT", 1),
            ("China", "China", "PROPN", "dobj", 1),
            (".", ".", "PUNCT", "punct", 1),
        ],
    )
    (event,) = extract_events(doc, actors=doc._.ew_actors or [])
    assert (event.source.code, event.target.code, event.cameo) == ("RUS", "CHN", "042")
    assert (event.cameo_root, event.plover, event.quad_class, event.goldstein) == (
        "04",
        "CONSULT",
        1,
        1.9,
    )
    assert (
        event.trigger.text == "visited"
        and doc.text[event.trigger.start : event.trigger.end] == "visited"
    )
    assert (event.date, event.date_precision, event.location) == ("2018-06-08", "publication", None)
    assert event.event_id == extract_events(doc, actors=doc._.ew_actors or [])[0].event_id  # stable
    assert not event.negated


def test_passive_voice(vocab):
    doc = build(
        vocab,
        [
            ("China", "China", "PROPN", "nsubjpass", 2),
            ("was", "be", "AUX", "auxpass", 2),
            ("attacked", "attack", "VERB", "ROOT", 2),
            ("by", "by", "ADP", "agent", 2),
            ("Russia", "Russia", "PROPN", "pobj", 3),
        ],
    )
    assert dyads(extract_events(doc, actors=doc._.ew_actors or [])) == [
        ("RUS", "CHN", "190", False)
    ]


def test_coordinated_reciprocal_action_gives_two_events(vocab):
    doc = build(
        vocab,
        [
            ("Russia", "Russia", "PROPN", "nsubj", 3),
            ("and", "and", "CCONJ", "cc", 0),
            ("China", "China", "PROPN", "conj", 0),
            ("held", "hold", "VERB", "ROOT", 3),
            ("drills", "drill", "NOUN", "dobj", 3),
        ],
    )
    assert dyads(extract_events(doc, actors=doc._.ew_actors or [])) == [
        ("CHN", "RUS", "062", False),
        ("RUS", "CHN", "062", False),
    ]


def test_negation(vocab):
    doc = build(
        vocab,
        [
            ("Russia", "Russia", "PROPN", "nsubj", 3),
            ("did", "do", "AUX", "aux", 3),
            ("not", "not", "PART", "neg", 3),
            ("attack", "attack", "VERB", "ROOT", 3),
            ("China", "China", "PROPN", "dobj", 3),
        ],
    )
    assert dyads(extract_events(doc, actors=doc._.ew_actors or [])) == [("RUS", "CHN", "190", True)]
    assert main_candidate(sentence_candidates(doc[:], load_coder_knowledge())) is None


def test_vow_makes_intent(vocab):
    doc = build(
        vocab,
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("vowed", "vow", "VERB", "ROOT", 1),
            ("to", "to", "PART", "aux", 3),
            ("expand", "expand", "VERB", "xcomp", 1),
            ("cooperation", "cooperation", "NOUN", "dobj", 3),
            ("with", "with", "ADP", "prep", 4),
            ("China", "China", "PROPN", "pobj", 5),
        ],
    )
    assert dyads(extract_events(doc, actors=doc._.ew_actors or [])) == [
        ("RUS", "CHN", "031", False)
    ]


def test_hope_is_not_an_event(vocab):
    doc = build(
        vocab,
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("hopes", "hope", "VERB", "ROOT", 1),
            ("to", "to", "PART", "aux", 3),
            ("visit", "visit", "VERB", "xcomp", 1),
            ("China", "China", "PROPN", "dobj", 3),
        ],
    )
    assert extract_events(doc, actors=doc._.ew_actors or []) == []


def test_refuse_makes_reject(vocab):
    doc = build(
        vocab,
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("refused", "refuse", "VERB", "ROOT", 1),
            ("to", "to", "PART", "aux", 3),
            ("meet", "meet", "VERB", "xcomp", 1),
            ("China", "China", "PROPN", "dobj", 3),
        ],
    )
    assert dyads(extract_events(doc, actors=doc._.ew_actors or [])) == [
        ("RUS", "CHN", "125", False)
    ]


def test_nominal_event_with_possessor_and_of(vocab):
    doc = build(
        vocab,
        [
            ("Moscow", "Moscow", "PROPN", "poss", 2),
            ("'s", "'s", "PART", "case", 0),
            ("annexation", "annexation", "NOUN", "ROOT", 2),
            ("of", "of", "ADP", "prep", 2),
            ("Crimea", "Crimea", "PROPN", "pobj", 3),
        ],
    )
    assert dyads(extract_events(doc, actors=doc._.ew_actors or [])) == [
        ("RUSGOV", "UKR", "192", False)
    ]


def test_reported_action_is_the_event(vocab):
    doc = build(
        vocab,
        [
            ("Ukraine", "Ukraine", "PROPN", "nsubj", 1),
            ("said", "say", "VERB", "ROOT", 1),
            ("Russia", "Russia", "PROPN", "nsubj", 3),
            ("attacked", "attack", "VERB", "ccomp", 1),
            ("China", "China", "PROPN", "dobj", 3),
        ],
    )
    assert dyads(extract_events(doc, actors=doc._.ew_actors or [])) == [
        ("RUS", "CHN", "190", False)
    ]


def test_statement_with_or_without_an_addressee(vocab):
    told = build(
        vocab,
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("told", "tell", "VERB", "ROOT", 1),
            ("China", "China", "PROPN", "dobj", 1),
        ],
    )
    assert dyads(extract_events(told, actors=told._.ew_actors or [])) == [
        ("RUS", "CHN", "010", False)
    ]
    said = build(
        vocab,
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("said", "say", "VERB", "ROOT", 1),
            ("so", "so", "ADV", "advmod", 1),
        ],
    )
    # CAMEO 010 needs no addressee: "Russia said so" is a public statement of Russia's
    assert dyads(extract_events(said, actors=said._.ew_actors or [])) == [
        ("RUS", None, "010", False)
    ]


def test_must_is_a_demand(vocab):
    doc = build(
        vocab,
        [
            ("China", "China", "PROPN", "nsubj", 1),
            ("said", "say", "VERB", "ROOT", 1),
            ("Russia", "Russia", "PROPN", "nsubj", 4),
            ("must", "must", "AUX", "aux", 4),
            ("release", "release", "VERB", "ccomp", 1),
            ("prisoners", "prisoner", "NOUN", "dobj", 4),
        ],
    )
    codes = [c.code for c in sentence_candidates(doc[:], load_coder_knowledge())]
    assert codes == ["1053", "010"]  # the statement stands for the sentence only when alone
    assert dyads(extract_events(doc, actors=doc._.ew_actors or [])) == [
        ("CHN", "RUS", "1053", False)
    ]


def test_participial_modifier_target_and_pronoun_fallback(vocab):
    # Moscow looks to China after sanctions targeting its sector ("its" -> the clause subject)
    doc = build(
        vocab,
        [
            ("Moscow", "Moscow", "PROPN", "nsubj", 1),
            ("turned", "turn", "VERB", "ROOT", 1),
            ("after", "after", "ADP", "prep", 1),
            ("Western", "western", "ADJ", "amod", 4),
            ("sanctions", "sanction", "NOUN", "pobj", 2),
            ("targeting", "target", "VERB", "acl", 4),
            ("its", "its", "PRON", "poss", 7),
            ("sector", "sector", "NOUN", "dobj", 5),
        ],
    )
    doc[5].tag_ = "VBG"
    doc._.ew_actors = [
        *doc._.ew_actors,
        ActorMention(3, 4, Actor("Western", 22, 29, "WST", "WST", None, "West")),
    ]
    assert dyads(extract_events(doc, actors=doc._.ew_actors or [])) == [
        ("WST", "RUSGOV", "163", False)
    ]


def test_evidence_is_the_stripped_sentence_with_offsets(vocab):
    doc = build(
        vocab,
        [
            (" ", " ", "SPACE", "dep", 2),
            ("Russia", "Russia", "PROPN", "nsubj", 2),
            ("visited", "visit", "VERB", "ROOT", 2),
            ("China", "China", "PROPN", "dobj", 2),
        ],
    )
    (event,) = extract_events(doc, actors=doc._.ew_actors or [])
    assert event.evidence == "Russia visited China"
    assert doc.text[event.evidence_start : event.evidence_end] == event.evidence


@pytest.mark.parametrize(
    ("pronoun", "expected"),
    [
        # "China said it visited Russia" with "it" unresolved: the speaker stands in
        ("it", [("CHN", "RUS", "042", False)]),
        # "he" is a person: a country never stands in for it, so the visit has no source
        ("he", [("CHN", None, "010", False)]),
    ],
)
def test_pronoun_in_reported_clause_is_the_speaker(vocab, pronoun, expected):
    doc = build(
        vocab,
        [
            ("China", "China", "PROPN", "nsubj", 1),
            ("said", "say", "VERB", "ROOT", 1),
            (pronoun, pronoun, "PRON", "nsubj", 3),
            ("visited", "visit", "VERB", "ccomp", 1),
            ("Russia", "Russia", "PROPN", "dobj", 3),
        ],
    )
    assert dyads(extract_events(doc, actors=doc._.ew_actors or [])) == expected


def test_pronoun_antecedents_do_not_loop(vocab):
    # "they" as subject of every clause and nobody resolved: no endless recursion; the attack, a pronoun's
    # act on a pronoun, identifies no one and is no event; what the speakers said is their statement
    # (a text of one sentence: the unknown doer's, with no target)
    doc = build(
        vocab,
        [
            ("They", "they", "PRON", "nsubj", 1),
            ("said", "say", "VERB", "ROOT", 1),
            ("they", "they", "PRON", "nsubj", 3),
            ("attacked", "attack", "VERB", "ccomp", 1),
            ("them", "they", "PRON", "dobj", 3),
        ],
    )
    events = extract_events(doc, actors=doc._.ew_actors or [])
    assert [(e.source.code, e.source.text, e.target, e.cameo) for e in events] == [
        ("---", "", None, "010")
    ]


def test_country_and_its_own_government_make_no_dyad(vocab):
    doc = build(
        vocab,
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("criticized", "criticize", "VERB", "ROOT", 1),
            ("Moscow", "Moscow", "PROPN", "dobj", 1),
        ],
    )
    assert (
        extract_events(doc, actors=doc._.ew_actors or []) == []
    )  # a resolution artifact, not an event


def test_order_with_an_object_is_the_action_itself(vocab):
    ordered_attack = build(
        vocab,
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("ordered", "order", "VERB", "ROOT", 1),
            ("an", "an", "DET", "det", 3),
            ("attack", "attack", "NOUN", "dobj", 1),
            ("on", "on", "ADP", "prep", 3),
            ("Ukraine", "Ukraine", "PROPN", "pobj", 4),
        ],
    )
    assert dyads(extract_events(ordered_attack, actors=ordered_attack._.ew_actors or [])) == [
        ("RUS", "UKR", "190", False)
    ]
    ordered_leave = build(
        vocab,
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("ordered", "order", "VERB", "ROOT", 1),
            ("China", "China", "PROPN", "dobj", 1),
            ("to", "to", "PART", "aux", 4),
            ("release", "release", "VERB", "xcomp", 1),
            ("prisoners", "prisoner", "NOUN", "dobj", 4),
        ],
    )
    codes = [c.code for c in sentence_candidates(ordered_leave[:], load_coder_knowledge())]
    assert codes == ["1053"]


def test_coordinated_nouns_of_one_code_are_one_event(vocab):
    doc = build(
        vocab,
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("sought", "seek", "VERB", "ROOT", 1),
            ("sanctions", "sanction", "NOUN", "dobj", 1),
            ("and", "and", "CCONJ", "cc", 2),
            ("embargoes", "embargo", "NOUN", "conj", 2),
            ("against", "against", "ADP", "prep", 2),
            ("China", "China", "PROPN", "pobj", 5),
        ],
    )
    # "seek" is a wish: no event at all
    assert extract_events(doc, actors=doc._.ew_actors or []) == []
    doc = build(
        vocab,
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("imposed", "impose", "VERB", "ROOT", 1),
            ("tariffs", "tariff", "NOUN", "dobj", 1),
            ("and", "and", "CCONJ", "cc", 2),
            ("embargoes", "embargo", "NOUN", "conj", 2),
            ("on", "on", "ADP", "prep", 1),
            ("China", "China", "PROPN", "pobj", 5),
        ],
    )
    assert dyads(extract_events(doc, actors=doc._.ew_actors or [])) == [
        ("RUS", "CHN", "163", False)
    ]


def _with_actors(vocab, rows, spans: list[tuple[int, int, str]]) -> Doc:
    """A hand-built parse with the actor mentions given as (start, end, code) token spans."""
    doc = build(vocab, rows)
    mentions = []
    for start, end, code in spans:
        span = doc[start:end]
        country = None if code in ("LEG", "OPP") else code[:3]
        sector = code if country is None else code[3:] or None
        actor = Actor(span.text, span.start_char, span.end_char, code, country, sector, span.text)
        mentions.append(ActorMention(start, end, actor))
    doc._.ew_actors = mentions
    return doc


@pytest.mark.parametrize(
    ("rows", "spans", "expected"),
    [
        (  # "Lawmakers in France and Germany condemned Iran", Germany read as the lawmakers'
            # conjunct after their phrase: the lawmakers of each country, not Germany itself
            [
                ("Lawmakers", "lawmaker", "NOUN", "nsubj", 5),
                ("in", "in", "ADP", "prep", 0),
                ("France", "France", "PROPN", "pobj", 1),
                ("and", "and", "CCONJ", "cc", 0),
                ("Germany", "Germany", "PROPN", "conj", 0),
                ("condemned", "condemn", "VERB", "ROOT", 5),
                ("Iran", "Iran", "PROPN", "dobj", 5),
            ],
            [(0, 3, "FRALEG"), (4, 5, "DEU"), (6, 7, "IRN")],
            ["DEULEG", "FRALEG"],
        ),
        (  # "Lawmakers and officials in France and Germany condemned Iran": the phrase on the
            # first noun is the second's too, and each role is in each country
            [
                ("Lawmakers", "lawmaker", "NOUN", "nsubj", 7),
                ("and", "and", "CCONJ", "cc", 0),
                ("officials", "official", "NOUN", "conj", 0),
                ("in", "in", "ADP", "prep", 0),
                ("France", "France", "PROPN", "pobj", 3),
                ("and", "and", "CCONJ", "cc", 4),
                ("Germany", "Germany", "PROPN", "conj", 4),
                ("condemned", "condemn", "VERB", "ROOT", 7),
                ("Iran", "Iran", "PROPN", "dobj", 7),
            ],
            [(0, 1, "LEG"), (2, 5, "FRAGOV"), (6, 7, "DEU"), (8, 9, "IRN")],
            ["DEUGOV", "DEULEG", "FRAGOV", "FRALEG"],
        ),
        (  # "Lawmakers in Brazil and Argentina's president condemned Iran": the president has a
            # country of his own, not the lawmakers' phrase
            [
                ("Lawmakers", "lawmaker", "NOUN", "nsubj", 6),
                ("in", "in", "ADP", "prep", 0),
                ("Brazil", "Brazil", "PROPN", "pobj", 1),
                ("and", "and", "CCONJ", "cc", 0),
                ("Argentina", "Argentina", "PROPN", "poss", 5),
                ("president", "president", "NOUN", "conj", 0),
                ("condemned", "condemn", "VERB", "ROOT", 6),
                ("Iran", "Iran", "PROPN", "dobj", 6),
            ],
            [(0, 3, "BRALEG"), (4, 6, "ARGGOV"), (7, 8, "IRN")],
            ["ARGGOV", "BRALEG"],
        ),
        (  # "Protesters against Russia condemned Iran": "against" names no country of theirs
            [
                ("Protesters", "protester", "NOUN", "nsubj", 3),
                ("against", "against", "ADP", "prep", 0),
                ("Russia", "Russia", "PROPN", "pobj", 1),
                ("condemned", "condemn", "VERB", "ROOT", 3),
                ("Iran", "Iran", "PROPN", "dobj", 3),
            ],
            [(0, 1, "OPP"), (2, 3, "RUS"), (4, 5, "IRN")],
            ["---OPP"],
        ),
    ],
)
def test_a_role_is_given_to_each_country_of_its_phrase(vocab, rows, spans, expected):
    doc = _with_actors(vocab, rows, spans)
    events = extract_events(doc, actors=doc._.ew_actors or [])
    assert sorted(e.source.code for e in events) == expected
    assert {e.target.code for e in events if e.target} == {"IRN"}


# "Iran vowed on Monday to wage war on Iraq"
VOWED_WAR = [
    ("Iran", "Iran", "PROPN", "nsubj", 1),
    ("vowed", "vow", "VERB", "ROOT", 1),
    ("on", "on", "ADP", "prep", 1),
    ("Monday", "Monday", "PROPN", "pobj", 2),
    ("to", "to", "PART", "aux", 5),
    ("wage", "wage", "VERB", "xcomp", 1),
    ("war", "war", "NOUN", "dobj", 5),
    ("on", "on", "ADP", "prep", 5),
    ("Iraq", "Iraq", "PROPN", "pobj", 7),
]
# "Iran welcomed assurances on trade from Iraq"
WELCOMED_ASSURANCES = [
    ("Iran", "Iran", "PROPN", "nsubj", 1),
    ("welcomed", "welcome", "VERB", "ROOT", 1),
    ("assurances", "assurance", "NOUN", "dobj", 1),
    ("on", "on", "ADP", "prep", 2),
    ("trade", "trade", "NOUN", "pobj", 3),
    ("from", "from", "ADP", "prep", 4),
    ("Iraq", "Iraq", "PROPN", "pobj", 5),
]
# "Iran held talks on Iraq"
HELD_TALKS = [
    ("Iran", "Iran", "PROPN", "nsubj", 1),
    ("held", "hold", "VERB", "ROOT", 1),
    ("talks", "talk", "NOUN", "dobj", 1),
    ("on", "on", "ADP", "prep", 2),
    ("Iraq", "Iraq", "PROPN", "pobj", 3),
]


@pytest.mark.parametrize(
    ("rows", "tokens", "code", "reaches", "why"),
    [
        (VOWED_WAR, (1, 6), "173", True, "the pattern's WAR is in the clause: its 'on' object"),
        (VOWED_WAR, (1,), "173", False, "a clause the trigger does not reach is its own action"),
        (WELCOMED_ASSURANCES, (1, 2, 5), "913", True, "ASSURANCES ... FROM: inside the topic"),
        (WELCOMED_ASSURANCES, (1,), "051", False, "a topic ('on trade') is no complement"),
        (HELD_TALKS, (1, 2), "040", False, "talks on a topic: not the partner"),
    ],
)
def test_complements_hold_the_clauses_and_topics_of_the_trigger_phrase(
    vocab, rows, tokens, code, reaches, why
):
    from eventwire.extract.events.emit import _complements
    from eventwire.extract.events.model import Candidate
    from eventwire.extract.parsetree import ParsedDoc

    doc = ParsedDoc(build(vocab, rows))
    cand = Candidate(doc[1], tokens, code, "dict")
    words = [t.text for t in _complements(cand, load_coder_knowledge().lexicon)]
    assert ("Iraq" in words) == reaches, why


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (  # "Moscow resigned its seat": its own seat names no target, the act is kept
            [
                ("Moscow", "Moscow", "PROPN", "nsubj", 1),
                ("resigned", "resign", "VERB", "ROOT", 1),
                ("its", "its", "PRON", "poss", 3),
                ("seat", "seat", "NOUN", "dobj", 1),
            ],
            [("RUSGOV", None, "0831", False)],
        ),
        (  # "Russia criticized Moscow": its own state named as the target: no event
            [
                ("Russia", "Russia", "PROPN", "nsubj", 1),
                ("criticized", "criticize", "VERB", "ROOT", 1),
                ("Moscow", "Moscow", "PROPN", "dobj", 1),
            ],
            [],
        ),
    ],
)
def test_the_sources_own_thing_is_no_target_its_own_state_no_event(vocab, rows, expected):
    doc = build(vocab, rows)
    assert dyads(extract_events(doc, actors=doc._.ew_actors or [])) == expected


def test_each_name_coordinated_before_a_noun_takes_its_role(vocab):
    # "Russia attacked Ukraine and China troops", "China troops" composed as CHNMIL
    rows = [
        ("Russia", "Russia", "PROPN", "nsubj", 1),
        ("attacked", "attack", "VERB", "ROOT", 1),
        ("Ukraine", "Ukraine", "PROPN", "nmod", 5),
        ("and", "and", "CCONJ", "cc", 2),
        ("China", "China", "PROPN", "conj", 2),
        ("troops", "troop", "NOUN", "dobj", 1),
    ]
    doc = _with_actors(vocab, rows, [(0, 1, "RUS"), (2, 3, "UKR"), (4, 6, "CHNMIL")])
    events = extract_events(doc, actors=doc._.ew_actors or [])
    assert sorted(e.target.code for e in events if e.target) == ["CHNMIL", "UKRMIL"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("MRGORC", [("RUS", "MRGORC", "190", False)]),  # a dictionary's code of no country
        ("REB", [("RUS", None, "190", False)]),  # a bare sector says nothing of whom
    ],
)
def test_a_dictionary_code_of_no_country_is_an_actor_a_bare_sector_is_not(vocab, code, expected):
    rows = [
        ("Russia", "Russia", "PROPN", "nsubj", 1),
        ("attacked", "attack", "VERB", "ROOT", 1),
        ("Orcs", "Orcs", "PROPN", "dobj", 1),
    ]
    doc = build(vocab, rows)
    actor = Actor("Orcs", 16, 20, code, None, None if len(code) > 3 else code, "Orcs")
    doc._.ew_actors = [*doc._.ew_actors, ActorMention(2, 3, actor)]
    assert dyads(extract_events(doc, actors=doc._.ew_actors or [])) == expected


def test_an_actor_of_several_dictionary_codes_is_each_of_them(vocab):
    # "The Shire attacked Russia" with THE_SHIRE [FRO/BIL] in the dictionary: one event per code
    rows = [
        ("Shire", "Shire", "PROPN", "nsubj", 1),
        ("attacked", "attack", "VERB", "ROOT", 1),
        ("Russia", "Russia", "PROPN", "dobj", 1),
    ]
    doc = build(vocab, rows)
    shire = Actor("Shire", 0, 5, "FRO/BIL", None, None, "Shire")
    doc._.ew_actors = [ActorMention(0, 1, shire), *doc._.ew_actors]
    assert dyads(extract_events(doc, actors=doc._.ew_actors or [])) == [
        ("BIL", "RUS", "190", False),
        ("FRO", "RUS", "190", False),
    ]


def _attack(*extra: tuple) -> list[tuple]:
    """ "Russia attacked China" with ``extra`` words after it (heads counted from 0)."""
    return [
        ("Russia", "Russia", "PROPN", "nsubj", 1),
        ("attacked", "attack", "VERB", "ROOT", 1),
        ("China", "China", "PROPN", "dobj", 1),
        *extra,
    ]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        # "Russia often attacked China": a habit, no one event
        ((("often", "often", "ADV", "advmod", 1),), []),
        # "... over the last four years": a sum over a span
        (
            (
                ("over", "over", "ADP", "prep", 1),
                ("the", "the", "DET", "det", 7),
                ("last", "last", "ADJ", "amod", 7),
                ("four", "four", "NUM", "nummod", 7),
                ("years", "year", "NOUN", "pobj", 3, "NNS"),
            ),
            [],
        ),
        # "... in the last hour": a date, the attack is one event
        (
            (
                ("in", "in", "ADP", "prep", 1),
                ("the", "the", "DET", "det", 6),
                ("last", "last", "ADJ", "amod", 6),
                ("hour", "hour", "NOUN", "pobj", 3),
            ),
            [("RUS", "CHN", "190", False)],
        ),
        # "... repeatedly" is still coded (ConfliBERT's annotators code "repeatedly threatened")
        ((("repeatedly", "repeatedly", "ADV", "advmod", 1),), [("RUS", "CHN", "190", False)]),
    ],
)
def test_habits_and_spans_are_no_event(vocab, extra, expected):
    doc = build(vocab, _attack(*extra))
    assert dyads(extract_events(doc, actors=doc._.ew_actors or [])) == expected


def test_a_bare_failure_codes_nothing(vocab):
    """ "Russia failed in China": no rejection (120) of anything."""
    doc = build(
        vocab,
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("failed", "fail", "VERB", "ROOT", 1),
            ("in", "in", "ADP", "prep", 1),
            ("China", "China", "PROPN", "pobj", 2),
        ],
    )
    assert extract_events(doc, actors=doc._.ew_actors or []) == []


def test_years_of_an_event_noun_are_no_event(vocab):
    rows = [
        ("Russia", "Russia", "PROPN", "nsubj", 1),
        ("had", "have", "VERB", "ROOT", 1),
        ("twelve", "twelve", "NUM", "nummod", 3),
        ("years", "year", "NOUN", "dobj", 1, "NNS"),
        ("of", "of", "ADP", "prep", 3),
        ("war", "war", "NOUN", "pobj", 4),
        ("with", "with", "ADP", "prep", 5),
        ("China", "China", "PROPN", "pobj", 6),
    ]
    doc = build(vocab, rows)
    assert extract_events(doc, actors=doc._.ew_actors or []) == []
    doc = build(
        vocab,
        [
            rows[0],
            ("had", "have", "VERB", "ROOT", 1),
            ("a", "a", "DET", "det", 3),
            ("war", "war", "NOUN", "dobj", 1),
            ("with", "with", "ADP", "prep", 3),
            ("China", "China", "PROPN", "pobj", 4),
        ],
    )
    assert dyads(extract_events(doc, actors=doc._.ew_actors or [])) == [
        ("RUS", "CHN", "190", False)
    ]


def test_a_plan_in_the_past_perfect_did_not_happen(vocab):
    def plan(*had: tuple) -> list[tuple]:
        """ "Russia [had] planned to visit China" """
        at = len(had) + 1  # "planned"
        return [
            ("Russia", "Russia", "PROPN", "nsubj", at),
            *had,
            ("planned", "plan", "VERB", "ROOT", at),
            ("to", "to", "PART", "aux", at + 2),
            ("visit", "visit", "VERB", "xcomp", at),
            ("China", "China", "PROPN", "dobj", at + 2),
        ]

    doc = build(vocab, plan(("had", "have", "AUX", "aux", 2)))
    assert extract_events(doc, actors=doc._.ew_actors or []) == []  # the visit did not happen
    doc = build(vocab, plan())
    assert dyads(extract_events(doc, actors=doc._.ew_actors or [])) == [
        ("RUS", "CHN", "036", False)
    ]


@pytest.mark.parametrize(
    ("verb", "expected"),
    [
        ("help", []),  # "Russia failed to help China": it did not happen, nobody refused it
        ("visit", [("RUS", "CHN", "125", False)]),  # a failed meeting is a rejection (12x)
    ],
)
def test_failing_is_no_refusal_unless_a_meeting_or_an_agreement_failed(vocab, verb, expected):
    doc = build(
        vocab,
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("failed", "fail", "VERB", "ROOT", 1),
            ("to", "to", "PART", "aux", 3),
            (verb, verb, "VERB", "xcomp", 1),
            ("China", "China", "PROPN", "dobj", 3),
        ],
    )
    assert dyads(extract_events(doc, actors=doc._.ew_actors or [])) == expected


@pytest.mark.parametrize("tag", ["VBN", "VBD"])  # the parser tags a sentence-initial "Asked" VBD
def test_a_bare_participle_clause_asks_nothing(vocab, tag):
    """ "Asked about China, Russia said ...": Russia was asked; no appeal (020) by Russia."""
    doc = build(
        vocab,
        [
            ("Asked", "ask", "VERB", "advcl", 5, tag),
            ("about", "about", "ADP", "prep", 0),
            ("China", "China", "PROPN", "pobj", 1),
            (",", ",", "PUNCT", "punct", 5),
            ("Russia", "Russia", "PROPN", "nsubj", 5),
            ("said", "say", "VERB", "ROOT", 5),
            ("nothing", "nothing", "PRON", "dobj", 5),
        ],
    )
    found = dyads(extract_events(doc, actors=doc._.ew_actors or []))
    assert [d for d in found if d[2].startswith("02")] == []


@pytest.mark.parametrize(("aux", "standing"), [("is", True), ("was", False)])
def test_a_state_act_in_the_present_passive_is_a_standing_state(vocab, aux, standing):
    """ "Russia is banned in China" tells a standing ban; "Russia was banned in China" the act."""
    doc = build(
        vocab,
        [
            ("Russia", "Russia", "PROPN", "nsubjpass", 2),
            (aux, "be", "AUX", "auxpass", 2, "VBZ" if aux == "is" else "VBD"),
            ("banned", "ban", "VERB", "ROOT", 2, "VBN"),
            ("in", "in", "ADP", "prep", 2),
            ("China", "China", "PROPN", "pobj", 3),
        ],
    )
    found = extract_events(doc, actors=doc._.ew_actors or [])
    assert (found == []) is standing


@pytest.mark.parametrize(("tag", "standing"), [("VBZ", True), ("VBD", False)])
def test_a_present_relative_clause_is_a_standing_description(vocab, tag, standing):
    """ "China, which supports Russia, ..." tells what China does; "which supported" an act."""
    doc = build(
        vocab,
        [
            ("China", "China", "PROPN", "ROOT", 0),
            (",", ",", "PUNCT", "punct", 0),
            ("which", "which", "PRON", "nsubj", 3),
            ("supports", "support", "VERB", "relcl", 0, tag),
            ("Russia", "Russia", "PROPN", "dobj", 3),
        ],
    )
    found = extract_events(doc, actors=doc._.ew_actors or [])
    assert (found == []) is standing


def test_an_appeal_to_a_noun_addresses_it(vocab):
    """'appealed to the opposition': the noun is whom the appeal asks, not an action it governs."""
    doc = build(
        vocab,
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("appealed", "appeal", "VERB", "ROOT", 1),
            ("to", "to", "ADP", "prep", 1),
            ("the", "the", "DET", "det", 4),
            ("opposition", "opposition", "NOUN", "pobj", 2),
        ],
    )
    knowledge = load_coder_knowledge()
    cands = sentence_candidates(next(iter(doc.sents)), knowledge)
    pairs = [(c.trigger.text, c.code) for c in cands]
    assert ("appealed", "020") in pairs
    assert ("opposition", "020") not in pairs
    asked = build(
        vocab,
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("appealed", "appeal", "VERB", "ROOT", 1),
            ("for", "for", "ADP", "prep", 1),
            ("calm", "calm", "NOUN", "pobj", 2),
        ],
    )
    assert "025" in [c.code for c in sentence_candidates(next(iter(asked.sents)), knowledge)]


@pytest.mark.parametrize(
    ("source", "expected"), [("Russia", ("RUS", "RUSCVL", "020")), ("China", ("CHN", "RUS", "020"))]
)
def test_a_people_named_by_its_demonym_is_its_states_cvl(vocab, source, expected):
    """'Russia appealed to Russians to vote': the state addresses its people, RUS -> RUSCVL; another
    state addresses the country (RUS)."""
    doc = build(
        vocab,
        [
            (source, source, "PROPN", "nsubj", 1),
            ("appealed", "appeal", "VERB", "ROOT", 1),
            ("to", "to", "ADP", "prep", 1),
            ("Russians", "Russians", "PROPN", "pobj", 2, "NNPS"),
            ("to", "to", "PART", "aux", 5),
            ("vote", "vote", "VERB", "xcomp", 1),
        ],
    )
    doc.ents = [Span(doc, 3, 4, label="NORP")]
    people = doc[3]
    actor = Actor("Russians", people.idx, people.idx + 8, "RUS", "RUS", None, "Russia")
    mentions = [*doc._.ew_actors, ActorMention(3, 4, actor)]
    events = extract_events(doc, actors=mentions)
    assert [(e.source.code, e.target.code if e.target else None, e.cameo) for e in events] == [
        expected
    ]
