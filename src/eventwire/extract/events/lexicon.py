"""The action lexicon: verbs, verb phrases, event nouns and modality cues, indexed by lemma.

Data files live in ``eventwire/data/lexicon/`` (format in ``docs/events.md``):

- ``actions_*.yaml``: entries ``{code, verbs, nouns, phrases, noun_phrases, target, reciprocal, example}``;
- ``modality.yaml``: control verbs/nouns (vow, threaten, urge, refuse, hope...) with the mode they
  impose on the action they govern, the mode tables (root or code -> new code), speech verbs,
  light verbs, hedges and agent nouns.

Loaded once per process and compiled into dict indexes keyed by lemma (no per-sentence work).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from spacy.strings import hash_string  # type: ignore[attr-defined]  # Cython, no stub

from ...errors import Errors, KnowledgeError
from ...knowledge import load_yaml, require

ACTION_FILES = (
    "actions_statement.yaml",
    "actions_cooperation.yaml",
    "actions_conflict.yaml",
    "actions_force.yaml",
)
MODALITY_FILE = "modality.yaml"
DEFAULT_VERB_TARGETS = (
    "dobj",
    "dative",
    "to",
    "with",
    "against",
    "on",
    "at",
    "toward",
    "towards",
    "into",
)
DEFAULT_NOUN_TARGETS = (
    "against",
    "on",
    "to",
    "with",
    "of",
    "toward",
    "towards",
    "at",
    "into",
    "between",
)


# the object class that takes any object (an entry that only needs one: "returned the manuscript")
ANY_OBJECT = "any"
PLACE_OBJECT = "place"  # a named place: "left for Finland", not "left for good"


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry: the triggers of one CAMEO code and the roles its arguments take."""

    key: str
    code: str
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()  # head lemma first, then lemmas found below it
    targets: tuple[str, ...] = ()
    reciprocal: bool = False
    example: str = ""
    source: str = ""
    file: str = ""
    objects: tuple[str, ...] = ()  # object classes the action needs ("release" a person)
    forbid: tuple[str, ...] = ()  # classes its subject or modifiers must not be ("stocks rallied")
    doers: tuple[str, ...] = ()  # classes a verb's subject must be of ("miners struck": a stoppage)
    # words one of which must sit next to a noun trigger ("general strike")
    cues: tuple[str, ...] = ()
    object_required: bool = False  # a verb with ``objects`` and no object codes nothing
    object_role: str = "dobj"  # where a verb's object is: "dobj", or a preposition ("left for")
    alone: str | None = None  # the code when the doer has no partner ("Iran held drills": 150)


@dataclass(frozen=True, slots=True)
class Control:
    """A word that governs another action and changes its code (``vow to``, ``threaten to``)."""

    lemma: str
    mode: str
    fallback: str | None  # the control word's own code when it governs no action
    pos: str  # "verb" | "noun" | "adj" | "modal"
    clausal: bool = False  # governs only clauses ("ordered them to leave"), not objects
    opinion: bool = False  # with a finite clause and no infinitive it states a view ("agreed that")
    enacts_object: bool = False  # its direct object is its doer's own act ("called a strike")
    # its code with a finite clause that codes no act ("warned that reserves could run dry": 012)
    clause_fallback: str | None = None
    # governs only as a done act ("allowed the convoy to pass", not "will not allow"): a permission
    realised_only: bool = False
    # a demand verb whose indicative clause states a fact ("insisted it bore no responsibility");
    # "demanded that the ministry scraps the plans" is a demand in any mood
    states: bool = False

    @property
    def demand_stating(self) -> bool:
        """A demand verb that may state a fact instead ("insist"): its indicative clause is a claim."""
        return self.mode == "demand" and self.states


@dataclass(slots=True)
class Lexicon:
    entries: list[Entry] = field(default_factory=list)
    verbs: dict[str, list[Entry]] = field(default_factory=dict)
    nouns: dict[str, list[Entry]] = field(default_factory=dict)
    phrases: dict[str, list[tuple[tuple[str, ...], Entry]]] = field(default_factory=dict)
    controls: dict[tuple[str, str], Control] = field(default_factory=dict)
    modes: dict[str, dict[str, str | None]] = field(default_factory=dict)
    speech: frozenset[str] = frozenset()
    light: frozenset[str] = frozenset()
    hedges: frozenset[str] = frozenset()
    agent_nouns: frozenset[str] = frozenset()
    # preposition -> nouns whose doers act for its object ("a spokesman for Modi": INDGOV)
    proxy_nouns: dict[str, frozenset[str]] = field(default_factory=dict)
    reciprocal_markers: frozenset[str] = frozenset()
    reciprocal_verbs: frozenset[str] = frozenset()  # "India and Pakistan exchanged fire"
    prospect_nouns: frozenset[str] = frozenset()  # "potential for cooperation": not done
    time_units: frozenset[str] = frozenset()  # "five years after ...": a time anchor
    habitual_adverbs: frozenset[str] = frozenset()  # "often had disagreements": no one event
    aggregate_modifiers: frozenset[str] = frozenset()  # "frequent disagreements", "past attacks"
    span_preps: frozenset[str] = frozenset()  # "over the last four years": a span, no one event
    span_modifiers: frozenset[str] = frozenset()  # "the last", "the past few" (years)
    future: frozenset[str] = frozenset()
    stating_aux: frozenset[str] = frozenset()  # "insisted it would not yield": a claim
    body_pronouns: frozenset[str] = frozenset()  # "it": a body a pronoun can point back to
    person_pronouns: frozenset[str] = frozenset()
    group_pronouns: frozenset[str] = frozenset()
    scheduled: frozenset[str] = frozenset()  # "is due to arrive", "is set to visit": planned
    destination_nouns: frozenset[str] = frozenset()  # "Asian tour": the adjective is the place
    named_gatherings: frozenset[str] = frozenset()  # "the East Asian Summit" names an event
    departure_nouns: frozenset[str] = frozenset()  # "withdrawal of troops from X": X is left
    generic_preps: frozenset[str] = frozenset()  # "JOIN ... IN": a dictionary pattern's weak word
    prospective_modifiers: frozenset[str] = frozenset()  # "the planned trip": not yet done
    prospective_verbs: frozenset[str] = frozenset()  # "arrange a meeting": not yet done
    prospective_nouns: frozenset[str] = frozenset()  # "a proposal for talks": not yet held
    unfulfilled_plans: frozenset[str] = frozenset()  # "had planned to attend": did not happen
    patient_nouns: frozenset[str] = frozenset()  # "Litvinenko's murder": the possessor undergoes it
    state_nouns: frozenset[str] = frozenset()  # "increasing cooperation": a relation, not an act
    people_nouns: frozenset[str] = frozenset()  # "protesters": their act only as its subject
    stative_verbs: frozenset[str] = frozenset()  # light verbs that make no act of a state noun
    group_heads: frozenset[str] = frozenset()  # "Jewish leaders": a group's people
    # verb lemma -> the state's sector that does it when no agent is named ("was arrested": COP)
    state_acts: dict[str, str] = field(default_factory=dict)
    state_act_nouns: dict[str, str] = field(default_factory=dict)  # "the arrest of X": by the state
    # a measure's word -> the state's sector that takes it ("a curfew was imposed": GOV)
    state_measures: dict[str, str] = field(default_factory=dict)
    frame_nouns: frozenset[str] = frozenset()
    consequence: frozenset[str] = frozenset()
    occurrence: frozenset[str] = frozenset()  # "bombs detonated in Baghdad": where the event was
    agent_events: frozenset[str] = frozenset()
    group_frames: frozenset[str] = frozenset()
    irrealis_modals: frozenset[str] = frozenset()
    preventive: frozenset[str] = frozenset()
    dismissive: frozenset[str] = frozenset()  # "rejected the withdrawal": it did not happen
    death_verbs: frozenset[str] = frozenset()  # "died in an attack": its victims
    survival_verbs: frozenset[str] = frozenset()  # "survived an assassination attempt": its victim
    reaction_verbs: frozenset[str] = frozenset()  # "the killing sparked protests": it happened
    victim_preps: frozenset[str] = frozenset()  # "an attack on X": X was attacked
    attribution_preps: frozenset[str] = frozenset()  # "according to the ministry"
    anchor_marks: frozenset[str] = frozenset()  # "since X did Y": a past point, background
    prospective_marks: frozenset[str] = frozenset()  # "will ... until X": X not yet real
    addressee_preps: frozenset[str] = frozenset()  # "appealed to X": X is addressed, not asked for
    spoken_roots: frozenset[str] = frozenset()  # "rejected the accusations": they were made
    irrealis_marks: frozenset[str] = frozenset()
    content_verbs: frozenset[str] = frozenset()
    scene_preps: frozenset[str] = frozenset()
    place_preps: frozenset[str] = frozenset()  # "protested outside the embassy in Hanoi"
    setting_nouns: frozenset[str] = frozenset()  # "demanded ... at a meeting": where, not what
    arrival_verbs: frozenset[str] = frozenset()  # "food aid arrived in Yemen": where aid went
    origin_preps: frozenset[str] = frozenset()  # "farmers from Punjab": where a doer is from
    topic_preps: frozenset[str] = frozenset()  # "talks on Syria": what an action is about
    statement_verbs: frozenset[str] = frozenset()  # speech verbs that make a public statement
    object_statement_verbs: frozenset[str] = frozenset()  # "announced a reshuffle": a statement
    blame_preps: frozenset[str] = frozenset()  # "said Iran was behind the attack": 112
    undergo: frozenset[str] = frozenset()
    evaluative: frozenset[str] = frozenset()
    enactment: frozenset[str] = frozenset()
    enacted: frozenset[str] = frozenset()
    object_classes: dict[str, frozenset[str]] = field(default_factory=dict)
    stop_mwes: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    stop_first_hashes: frozenset[int] = frozenset()  # spaCy hashes of the stop_mwes' first words
    plural_only: frozenset[str] = frozenset()
    quantity_nouns: frozenset[str] = frozenset()
    # nouns whose "of" object carries the actor ("members of", "dozens of"): agents and quantities
    of_actor_nouns: frozenset[str] = frozenset()
    topic_nouns: frozenset[str] = frozenset()
    local_sectors: frozenset[str] = frozenset()
    sport_leads: frozenset[str] = frozenset()
    political_leads: frozenset[str] = frozenset()
    kept_discards: frozenset[str] = frozenset()  # PETRARCH discards that name political matters
    listing_headings: frozenset[str] = frozenset()  # "Sources": what follows reports no event
    sending_verbs: frozenset[str] = frozenset()  # "bulldozers sent by X": X acts through them
    # "Kenya received weapons from Washington": the giver acts, the receiver is the target
    receiving_verbs: frozenset[str] = frozenset()
    agent_participles: frozenset[str] = frozenset()  # "sanctions imposed by the EU": the EU's
    coming_verbs: frozenset[str] = frozenset()  # "praise came from the AU": the AU's
    coming_roots: frozenset[str] = frozenset()  # the roots of acts whose origin is their doer
    claiming_verbs: frozenset[str] = frozenset()  # "claimed that they had attacked": 015
    claimed_roots: frozenset[str] = frozenset()  # the acts whose claim by their doer is 015
    receiving_unsaid: frozenset[str] = frozenset()  # and with no giver named: the unknown doer's
    received_roots: frozenset[str] = frozenset()  # roots a receiving verb's own entry codes
    # sectors that act in their own state: a doer known only by such a sector takes the country
    # of the place of the act ("indicted by a grand jury in Brooklyn": USAJUD)
    placed_sectors: frozenset[str] = frozenset()
    home_sectors: frozenset[str] = frozenset()  # "the Turkish government detained journalists"
    scene_target_roots: frozenset[str] = frozenset()  # roots whose placed targets undergo them
    scene_sectors: frozenset[str] = frozenset()
    partner_cues: frozenset[str] = frozenset()
    public_roots: frozenset[str] = frozenset()
    unplaced_roots: frozenset[str] = frozenset()
    unplaced_named_roots: frozenset[str] = frozenset()  # the same where the text names a country
    unplaced_statement_roots: frozenset[str] = frozenset()  # "union leaders said": 010
    unplaced_statement_sectors: frozenset[str] = frozenset()  # political roles' statements only
    inert_doer_classes: frozenset[str] = frozenset()  # object classes of nouns that do no act
    crowd_counts: frozenset[str] = frozenset()
    unknown_doer_roots: frozenset[str] = frozenset()
    unknown_doer_place_roots: frozenset[str] = frozenset()
    posture_roots: frozenset[str] = frozenset()  # "troops were placed on alert": theirs
    control_examples: list[tuple[str, str]] = field(default_factory=list)
    # every word form that can start a trigger, a phrase, a control or a speech verb: a token
    # with none of these forms (and no modal) is skipped before any other test
    trigger_forms: frozenset[str] = frozenset()
    # (pos, lemma, word) hashes -> which trigger tests apply (events._trigger_tests): filled
    # as words are met
    trigger_memo: dict[tuple[int, int, int], int] = field(default_factory=dict)
    # (lemma, word) of a verb -> its control entry, or None: filled as verbs are met
    verb_control_memo: dict[tuple[str, str], Control | None] = field(default_factory=dict)

    def apply_mode(self, mode: str, code: str) -> str | None:
        """The code an action takes under a mode: longest matching code prefix in the mode table."""
        table = self.modes.get(mode)
        if table is None:
            return code
        for size in range(len(code), 1, -1):
            if code[:size] in table:
                new = table[code[:size]]
                return code if new == "=" else new
        new = table.get("default")
        return code if new == "=" else new


def _strings(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KnowledgeError(
            Errors.E101, path=where, reason=f"{key!r} of {entry!r} must be a list of strings"
        )
    return tuple(v.strip().lower() for v in value)


def _parse_entry(raw: Any, index: int, name: str, default_source: str) -> Entry:
    where = f"lexicon/{name}"
    require(raw, {"code": str, "example": str}, where=where)
    verbs, nouns = _strings(raw, "verbs", where), _strings(raw, "nouns", where)
    phrases = [tuple(p.split()) for p in _strings(raw, "phrases", where)]
    # noun phrases are written in natural order ("hunger strike"); their head is the last word
    phrases += [(*p.split()[-1:], *p.split()[:-1]) for p in _strings(raw, "noun_phrases", where)]
    if not (verbs or nouns or phrases):
        raise KnowledgeError(
            Errors.E101, path=where, reason=f"entry {index} ({raw['code']}) has no triggers"
        )
    phrases = list(dict.fromkeys(phrases))  # "call phone" and "phone call" are one phrase
    key = (
        raw.get("id") or f"{raw['code']}:{(verbs + nouns + tuple(' '.join(p) for p in phrases))[0]}"
    )
    return Entry(
        key=str(key),
        code=raw["code"],
        verbs=verbs,
        nouns=nouns,
        phrases=tuple(phrases),
        targets=_strings(raw, "target", where),
        reciprocal=bool(raw.get("reciprocal", False)),
        example=raw["example"],
        source=str(raw.get("source") or default_source),
        file=name,
        objects=_strings(raw, "object", where),
        forbid=_strings(raw, "forbid", where),
        doers=_strings(raw, "doers", where),
        cues=_strings(raw, "cue", where),
        object_required=bool(raw.get("object_required", False)),
        object_role=str(raw.get("object_role") or "dobj"),
        alone=str(raw["alone"]) if raw.get("alone") else None,
    )


def _load_modality(lex: Lexicon) -> None:
    where = f"lexicon/{MODALITY_FILE}"
    data: Any = load_yaml(f"lexicon/{MODALITY_FILE}")
    require(
        data,
        {
            "modes": dict,
            "controls": list,
            "speech": list,
            "light": list,
            "hedges": list,
            "agent_nouns": list,
            "reciprocal_markers": list,
            "future": list,
        },
        where=where,
    )
    for mode, table in data["modes"].items():
        lex.modes[mode] = {str(k): (None if v is None else str(v)) for k, v in table.items()}
    for raw in data["controls"]:
        require(raw, {"lemmas": list, "mode": str, "example": str}, where=where)
        if raw["mode"] not in lex.modes:
            raise KnowledgeError(Errors.E101, path=where, reason=f"unknown mode {raw['mode']!r}")
        pos = raw.get("pos", "verb")
        for lemma in raw["lemmas"]:
            lex.controls[(lemma.lower(), pos)] = Control(
                lemma.lower(),
                raw["mode"],
                raw.get("fallback"),
                pos,
                bool(raw.get("clausal")),
                bool(raw.get("opinion")),
                bool(raw.get("enacts_object")),
                raw.get("clause_fallback"),
                bool(raw.get("realised_only")),
                bool(raw.get("states")),
            )
        lex.control_examples.append((raw["mode"], raw["example"]))
    lex.speech = frozenset(w.lower() for w in data["speech"])
    lex.light = frozenset(w.lower() for w in data["light"])
    lex.hedges = frozenset(w.lower() for w in data["hedges"])
    lex.agent_nouns = frozenset(w.lower() for w in data["agent_nouns"])
    lex.reciprocal_markers = frozenset(w.lower() for w in data["reciprocal_markers"])
    lex.future = frozenset(w.lower() for w in data["future"])
    lex.frame_nouns = frozenset(w.lower() for w in data.get("frame_nouns") or ())
    lex.consequence = frozenset(w.lower() for w in data.get("consequence") or ())
    lex.agent_events = frozenset(w.lower() for w in data.get("agent_events") or ())
    lex.group_frames = frozenset(w.lower() for w in data.get("group_frames") or ())
    for name in (
        "irrealis_modals",
        "preventive",
        "dismissive",
        "spoken_roots",
        "addressee_preps",
        "prospective_marks",
        "anchor_marks",
        "victim_preps",
        "attribution_preps",
        "stating_aux",
        "body_pronouns",
        "person_pronouns",
        "group_pronouns",
        "death_verbs",
        "survival_verbs",
        "reaction_verbs",
        "occurrence",
        "irrealis_marks",
        "content_verbs",
        "scene_preps",
        "place_preps",
        "setting_nouns",
        "arrival_verbs",
        "origin_preps",
        "topic_preps",
        "statement_verbs",
        "blame_preps",
        "object_statement_verbs",
        "undergo",
        "evaluative",
        "enactment",
        "enacted",
        "plural_only",
        "quantity_nouns",
        "topic_nouns",
        "reciprocal_verbs",
        "prospect_nouns",
        "time_units",
        "habitual_adverbs",
        "aggregate_modifiers",
        "span_preps",
        "span_modifiers",
        "scheduled",
        "destination_nouns",
        "departure_nouns",
        "named_gatherings",
        "patient_nouns",
        "generic_preps",
        "prospective_modifiers",
        "prospective_verbs",
        "prospective_nouns",
        "unfulfilled_plans",
        "state_nouns",
        "stative_verbs",
        "group_heads",
        "people_nouns",
        "inert_doer_classes",
        "sport_leads",
        "political_leads",
        "kept_discards",
        "listing_headings",
        "sending_verbs",
        "receiving_verbs",
        "receiving_unsaid",
        "agent_participles",
        "coming_verbs",
        "claiming_verbs",
    ):
        setattr(lex, name, frozenset(w.lower() for w in data.get(name) or ()))
    for name in (  # CAMEO sector codes, upper case
        "local_sectors",
        "placed_sectors",
        "home_sectors",
        "scene_sectors",
        "unplaced_statement_sectors",
    ):
        setattr(lex, name, frozenset(str(w).upper() for w in data.get(name) or ()))
    for name in (  # CAMEO roots, as written ("02")
        "scene_target_roots",
        "public_roots",
        "unplaced_roots",
        "unplaced_named_roots",
        "unplaced_statement_roots",
        "unknown_doer_roots",
        "unknown_doer_place_roots",
        "posture_roots",
        "received_roots",
        "coming_roots",
        "claimed_roots",
    ):
        setattr(lex, name, frozenset(str(w) for w in data.get(name) or ()))
    lex.partner_cues = frozenset(str(w).lower() for w in data.get("partner_cues") or ())
    lex.crowd_counts = frozenset(str(w).lower() for w in data.get("crowd_counts") or ())
    for key, table in (
        ("state_acts", lex.state_acts),
        ("state_act_nouns", lex.state_act_nouns),
        ("state_measures", lex.state_measures),
    ):
        acts = data.get(key) or {}
        if not isinstance(acts, dict):
            raise KnowledgeError(Errors.E101, path=where, reason=f"'{key}' must be a mapping")
        for sector, lemmas in acts.items():
            for lemma in _strings({"w": lemmas}, "w", where):
                table[lemma] = str(sector).upper()
    lex.of_actor_nouns = lex.agent_nouns | lex.quantity_nouns
    proxies = data.get("proxy_nouns") or {}
    if not isinstance(proxies, dict):
        raise KnowledgeError(Errors.E101, path=where, reason="'proxy_nouns' must be a mapping")
    for prep, lemmas in proxies.items():
        lex.proxy_nouns[str(prep).lower()] = frozenset(_strings({"w": lemmas}, "w", where))
    _load_senses(lex, data, where)
    for phrase in data.get("not_events") or ():  # "fight an epidemic" is not a military action
        words = tuple(str(phrase).lower().split())
        entry = Entry(key=f"-:{phrase}", code="-", phrases=(words,), example="", file=MODALITY_FILE)
        lex.phrases.setdefault(words[0], []).append((words[1:], entry))


def _load_senses(lex: Lexicon, data: Any, where: str) -> None:
    """Word classes for sense conditions and the multiword expressions that are never triggers."""
    classes = data.get("object_classes") or {}
    if not isinstance(classes, dict):
        raise KnowledgeError(Errors.E101, path=where, reason="'object_classes' must be a mapping")
    for name, words in classes.items():
        lex.object_classes[str(name)] = frozenset(_strings({"w": words}, "w", where))
    unknown = lex.inert_doer_classes - set(lex.object_classes)
    if unknown:
        reason = f"'inert_doer_classes' names no object class: {', '.join(sorted(unknown))}"
        raise KnowledgeError(Errors.E101, path=where, reason=reason)
    for phrase in data.get("stop_mwes") or ():  # "in charge of", "on trade"
        words = tuple(str(phrase).lower().split())
        lex.stop_mwes.setdefault(words[0], []).append(words[1:])
    for options in lex.stop_mwes.values():
        options.sort(key=lambda w: -len(w))
    lex.stop_first_hashes = frozenset(hash_string(w) for w in lex.stop_mwes)


@lru_cache(maxsize=1)  # the lexicon is compiled once per process
def load_lexicon() -> Lexicon:
    lex = Lexicon()
    for name in ACTION_FILES:
        data: Any = load_yaml(f"lexicon/{name}")
        require(data, {"entries": list, "source": str}, where=f"lexicon/{name}")
        for i, raw in enumerate(data["entries"]):
            lex.entries.append(_parse_entry(raw, i, name, data["source"]))
    for entry in lex.entries:
        for lemma in entry.verbs:
            lex.verbs.setdefault(lemma, []).append(entry)
        for lemma in entry.nouns:
            lex.nouns.setdefault(lemma, []).append(entry)
        for phrase in entry.phrases:
            lex.phrases.setdefault(phrase[0], []).append((phrase[1:], entry))
    _load_modality(lex)
    for options in lex.phrases.values():  # longest phrases are tried first
        options.sort(key=lambda p: -len(p[0]))
    lex.trigger_forms = frozenset(
        [*lex.verbs, *lex.nouns, *lex.phrases, *lex.speech]
        + [form for form, kind in lex.controls if kind != "modal"]
    )
    return lex


def without_actions(lex: Lexicon) -> Lexicon:
    """The lexicon's conventions (modality, speech, argument words) without its action entries:
    for coding with a user's own verb dictionary."""
    return replace(
        lex,
        entries=[],
        verbs={},
        nouns={},
        phrases={},
        trigger_forms=frozenset([*lex.speech] + [f for f, kind in lex.controls if kind != "modal"]),
        trigger_memo={},
        verb_control_memo={},
    )


def check_lexicon(lex: Lexicon, taxonomy: Any) -> list[str]:
    """Collisions, unknown codes, missing roots and stale mode tables."""
    problems: list[str] = []
    for entry in lex.entries:
        for entry_code in (entry.code, entry.alone or entry.code):
            if entry_code not in taxonomy:
                problems.append(
                    f"lexicon {entry.file}: entry {entry.key} has unknown CAMEO code {entry_code}"
                )
    for kind, index in (("verb", lex.verbs), ("noun", lex.nouns)):
        for lemma, entries in index.items():
            # senses by doer or by a required object class are apart ("questioned the suspect")
            codes = sorted({e.code for e in entries if not e.doers and not e.object_required})
            if len(codes) > 1:
                problems.append(f"lexicon: {kind} {lemma!r} has several codes {codes}")
    seen = Counter((" ".join(p), e.code) for e in lex.entries for p in e.phrases)
    problems += [f"lexicon: phrase {p!r} listed {n} times" for (p, _), n in seen.items() if n > 1]
    roots = {e.code[:2] for e in lex.entries}
    problems += [
        f"lexicon: no entry for root {n:02d}" for n in range(1, 21) if f"{n:02d}" not in roots
    ]
    for entry in lex.entries:
        for name in (*entry.objects, *entry.forbid, *entry.doers):
            if name not in lex.object_classes and not (
                name in (ANY_OBJECT, PLACE_OBJECT) and name in entry.objects
            ):
                problems.append(
                    f"lexicon {entry.file}: entry {entry.key} uses unknown class {name!r}"
                )
    for mode, table in lex.modes.items():
        for code in table.values():
            if code is not None and code != "=" and code not in taxonomy:
                problems.append(f"lexicon modality: mode {mode} maps to unknown code {code}")
    for control in lex.controls.values():
        for fallback in (control.fallback, control.clause_fallback):
            if fallback is not None and fallback not in taxonomy:
                problems.append(
                    f"lexicon modality: {control.lemma} falls back to unknown code {fallback}"
                )
        if (control.lemma, control.pos) in {(v, "verb") for v in lex.verbs}:
            problems.append(f"lexicon: {control.lemma!r} is both a control word and an action verb")
    return problems
