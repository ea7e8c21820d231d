"""Event coding on the dependency parse: who did what to whom, in CAMEO and PLOVER.

``extract_events(doc, knowledge, actors=..., places=..., roles=...)`` is a pure function over a
parsed Doc and the actor and place mentions found in it (and the roles no actor anchors):

1. ``sentence_candidates`` finds the actions of a sentence through the lexicon (verbs, verb
   phrases such as "impose sanctions", event nouns such as "annexation"), applies modality
   (``vowed to expand`` -> intent, ``hopes for`` -> nothing, ``refused to`` -> reject), the
   future tense and negation, and finds the argument tokens (subject/object/prepositions,
   possessors, passive agents, relative-clause heads, participial modifiers).
2. ``extract_events`` resolves the argument tokens to the actors it is given and emits
   directed events; reciprocal actions by coordinated actors give one event each way.

Reported speech: the reported action is the event; the speaking (010) only when a sentence has
no other action. ``sentence_code`` picks the main action of a sentence (sentence-level coding).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

from spacy.tokens import Doc, Span

from ...records import Event, Place
from ..actors import ActorMention
from ..doctext import span_text, text_of
from ..parsetree import ParsedDoc, ParsedToken
from .args import (
    ActorIndex,
    aimed_targets,
    conjuncts,
    departure_roles,
    is_passive,
    named_doers,
    noun_destination,
    noun_patient,
    noun_source,
    noun_targets,
    of_object_preps,
    passive_addressees,
    prep_objects,
    quoted_speaker,
    reported,
    reported_act,
    small_clause_subject,
    target_groups,
    trailing_speaker,
    verb_subject,
    verb_targets,
)
from .clauses import is_statement, small_clause
from .countries import document_country, sentence_countries
from .deixis import mark_here
from .dictverbs import (
    _agentless_passive,
    _clause_subjects,
    _dictionary_candidates,
    _speech_code,
    _user_reading,
)
from .discards import sports_lead
from .doers import (
    acting_groups,
    between_sides,
    died_in,
    dying_in,
    fought_by_dead,
    lone_sentence,
    occurred,
    several,
    subject_events,
    survived,
)
from .emit import dedupe, events_for, evidence_of, sentence_filter
from .lexicon import (
    DEFAULT_NOUN_TARGETS,
    DEFAULT_VERB_TARGETS,
    Entry,
    Lexicon,
)
from .listings import in_listing, listing_spans
from .modality import (
    _aggregate,
    _apply_modality,
    _bystanders,
    _control_of,
    _deontic,
    _dismissed,
    _enacts,
    _irrealis,
    _is_negated,
    _noun_governing_verb,
    _own_words,
    _passive_clause,
    _pattern_modal,
    _planned,
    _states_view,
    asserts,
    refusals,
    voiced_demands,
)
from .model import (
    CLAUSAL,
    GOVERNED_TARGETS,
    NAMED,
    NOT_AN_EVENT,
    NOUN_MODIFIER,
    NOUN_POS,
    PHRASE_HEAD_POS,
    RECIPROCAL_TARGETS,
    STATEMENT,
    VERB_POS,
    Candidate,
    CoderKnowledge,
    _forms,
    load_coder_knowledge,
    main_candidate,
)
from .named import only_home
from .noun_doers import governor_doers, noun_doers, participle_targets, passive_givers
from .phrases import (
    _first,
    _match_phrase,
    _misparsed_objects,
    _more_specific,
    _predicate_words,
)
from .receipt import arriving_aid, received_from
from .sense import (
    by_disaster,
    by_weapon,
    fits,
    means_not_agent,
    planters,
    sense_ok,
    state_measure,
    stop_words,
    things_sent,
    victims_ok,
)
from .speakers import claims_own_act, pronoun_speakers
from .triggers import (
    asked_of,
    disaster_doer,
    fallback_code,
    in_name,
    kind_words,
    orders_clause,
    second_chances,
    standing_relation,
)


def _lookup(token: ParsedToken, lex: Lexicon) -> tuple[Entry, str] | None:
    if token.dep_ in NOUN_MODIFIER and not (
        token.pos_ in NOUN_POS and token.head.lemma_.lower() in lex.frame_nouns
    ):
        return None  # "government-backed troops", "missile defense drills", but "mediation effort"
    if token.pos_ in VERB_POS:  # of a verb's entries, the first whose sense fits (its doers)
        found = _first(lex.verbs, token)
        if found and len(found) > 1:  # senses told apart by doers; the caller checks the one taken
            found = [next((e for e in found if sense_ok(token, e, lex)), found[0])]
        return (found[0], "verb") if found else None
    if token.pos_ in NOUN_POS and not token.ent_type_:
        found = lex.nouns.get(token.lemma_.lower()) or lex.nouns.get(token.lower_)
        return (found[0], "noun") if found else None
    return None


TRIGGER_POS = PHRASE_HEAD_POS | {"AUX", "ADJ"}


SKIP, MODAL_ONLY, ALL_TESTS = 0, 1, 2


def _trigger_tests(token: ParsedToken, lex: Lexicon) -> int:
    """Which tests of :func:`_find_triggers` can fire for ``token``: none (SKIP); for a verb
    with no form in the lexicon, only its obligation modal (MODAL_ONLY: "must withdraw");
    otherwise ALL_TESTS. A cheap filter, memoised by the token's hashes; the tests decide."""
    key = (token.pos, token.lemma, token.lower)  # hashes: cheaper to read than the strings
    known = lex.trigger_memo.get(key)
    if known is None:
        pos = token.pos_
        listed = pos in TRIGGER_POS and any(f in lex.trigger_forms for f in _forms(token))
        known = ALL_TESTS if listed else MODAL_ONLY if pos in VERB_POS else SKIP
        lex.trigger_memo[key] = known
    return known


def _trigger_keys(doc: ParsedDoc) -> list[tuple[int, int, int]]:
    """(pos, lemma, lower) hashes of every token: most tokens are skipped on their memoised
    tests without making a token object for them."""
    keys = doc.memo.get("trigger_keys")
    if keys is None:
        _, lower, lemma, pos, *_ = doc.hashes
        keys = doc.memo["trigger_keys"] = list(zip(pos, lemma, lower, strict=True))
    return keys


def _find_triggers(
    sent: Span, knowledge: CoderKnowledge, doc: ParsedDoc
) -> tuple[list[Candidate], list[ParsedToken], list[ParsedToken]]:
    lex = knowledge.lexicon
    keys = _trigger_keys(doc)
    cands: list[Candidate] = []
    consumed: set[int] = stop_words(sent, lex, [k[2] for k in keys[sent.start : sent.end]])
    controls: list[ParsedToken] = []
    speech: list[ParsedToken] = []
    unknown: list[ParsedToken] = []  # words our lexicon does not code: the dictionary's turn
    memo = lex.trigger_memo
    for i in range(sent.start, sent.end):
        if i in consumed:
            continue  # SKIP: no test applies
        tests = memo.get(keys[i])
        if tests is None:
            tests = _trigger_tests(doc[i], lex)
        if tests == SKIP:
            continue
        token = doc[i]
        if in_name(token, lex):
            continue  # "International Security Assistance Force", "Asia-Pacific Economic Cooperation"
        if tests == MODAL_ONLY and _deontic(token, lex) is not None:
            controls.append(token)
        if tests != ALL_TESTS:
            unknown.append(token)  # MODAL_ONLY (consumed tokens never get here)
            continue
        phrase = (
            _match_phrase(token, lex, doc.sentence_words(sent.start, sent.end))
            if token.pos_ in PHRASE_HEAD_POS
            else None
        )
        misfit = phrase is not None and not sense_ok(token, phrase[0], lex)
        if misfit:  # "supplies were flown to Gaza": no travel; the word's own entry may fit
            phrase = None
        if phrase is not None:
            entry, used = phrase
            consumed.update(used)
            if small_clause(token) and not _predicate_words(token) & set(used):
                continue  # "called the election a milestone": naming, not calling one
            entry = _more_specific(entry, used, token.doc, lex)
            if entry.code == NOT_AN_EVENT or not sense_ok(token, entry, lex):
                continue
            if token.pos_ in NOUN_POS and standing_relation(token, lex, phrase=True):
                continue  # "have close military cooperation", "talks on military cooperation"
            cands.append(
                Candidate(token, (token.i, *used), entry.code, "phrase", entry, confidence=0.85)
            )
            continue
        if not misfit and _control_of(token, lex) is not None:
            listed = _user_reading(token, knowledge, consumed)
            if listed is not None:
                cands.append(listed)
                continue
            controls.append(token)
            if token.pos_ in VERB_POS and token.lemma_.lower() in lex.speech:
                speech.append(token)  # "insisted it bore no responsibility": said so
            continue
        speaks = token.pos_ in VERB_POS and token.lemma_.lower() in lex.speech
        if speaks:
            speech.append(token)
        found = _lookup(token, lex)
        fits = found is not None and sense_ok(token, found[0], lex)
        if found is not None and not fits and _sole_doers_entry(token, found[0], lex):
            unknown.append(token)  # "investigators gathered evidence": not the protesters' sense
            continue  # that the word's only entry names; the dictionary's other senses may code it
        if (found is None and misfit) or (found is not None and not fits):
            continue
        if found is not None and _background(token, found[1], lex):
            continue
        if found is not None and found[1] == "noun" and standing_relation(token, lex):
            continue
        if found is not None and found[1] == "noun" and _bystanders(token, lex):
            continue
        if found is not None:
            entry, kind = found
            cands.append(
                Candidate(
                    token,
                    (token.i,),
                    entry.code,
                    kind,
                    entry,
                    confidence=0.8 if kind == "verb" else 0.7,
                )
            )
        elif token.pos_ in VERB_POS and _deontic(token, lex) is not None:
            controls.append(token)
        elif not speaks:
            unknown.append(token)
    cands = [c for c in cands if c.trigger.i not in consumed]
    return cands + _dictionary_candidates(unknown, knowledge, cands, consumed), controls, speech


def _sole_doers_entry(token: ParsedToken, entry: Entry, lex: Lexicon) -> bool:
    """The verb's only lexicon entry is a sense for certain doers ("protesters gathered")."""
    entries = lex.verbs.get(token.lemma_.lower()) or ()
    return len(entries) == 1 and bool(entry.doers)


def _background(token: ParsedToken, kind: str, lex: Lexicon) -> bool:
    """An event noun that sets the scene or the topic of another statement ("concern about the
    escalation of hostilities", "a condolence message following the assault"): background, not
    an action of this sentence's actors, unless it names its own ("after Western sanctions")."""
    return (
        kind == "noun"
        and token.dep_ == "pobj"
        and token.head.lower_ in lex.scene_preps
        and token.head.head.pos_ in PHRASE_HEAD_POS  # a noun or a verb
        and not any(_named(t) for t in noun_source(token))  # "after Western sanctions"
        and not dying_in(token, lex)  # "killed during clashes": the deaths are the fight's
    )


def _named(token: ParsedToken) -> bool:
    """A name or a capitalised modifier that is no date ("Western", not "Wednesday's")."""
    if token.ent_type_:
        return token.ent_type_ in NAMED
    return token.is_title or token.pos_ == "PROPN"


def _adjectival_participle(verb: ParsedToken) -> ParsedToken | None:
    """The noun a present participle describes rather than acts on: "the visiting premier",
    "talks with visiting President Abbas" (parsed as the participle's object)."""
    if verb.tag_ != "VBG" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    if verb.dep_ == "amod" and verb.head.pos_ in NOUN_POS:
        return verb.head
    if verb.dep_ == "pcomp" and verb.i > 0 and verb.doc[verb.i - 1].lower_ == "with":
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.left_edge.i == verb.i + 1]
        return objects[0] if objects else None
    return None


def _arguments(cand: Candidate, lex: Lexicon, triggers: set[int]) -> None:
    token = cand.trigger
    entry = cand.entry
    if cand.kind == "noun" or (cand.kind == "phrase" and token.pos_ in NOUN_POS):
        roles = entry.targets if entry and entry.targets else DEFAULT_NOUN_TARGETS
        if entry is not None and entry.reciprocal and not entry.targets:
            roles = RECIPROCAL_TARGETS  # "talks on Syria": the topic is not the partner
        if token.lemma_.lower() in lex.departure_nouns and not (cand.sources or cand.targets):
            cand.sources, cand.targets = departure_roles(token)
        # "Putin's visit", "sanctions imposed by the EU"
        cand.sources = cand.sources or noun_doers(token, cand.root, lex)
        cand.targets = (
            cand.targets
            or noun_targets(token, roles)
            or noun_patient(token, lex.patient_nouns)
            or noun_destination(token, lex.destination_nouns)
            or participle_targets(token, lex)  # "the case brought by Gambia against Myanmar"
        )
        sector = lex.state_act_nouns.get(token.lemma_.lower())
        if sector is not None and not (cand.sources or cand.alt_sources) and cand.targets:
            cand.state_sector = sector  # "the arrest of two journalists": by the state
        if not cand.targets and cand.kind == "phrase":  # "Japan's offer to help Indonesia"
            verbs = [token.doc[i] for i in cand.tokens[1:] if token.doc[i].pos_ in VERB_POS]
            cand.alt_targets += [t for v in verbs for t in verb_targets(v, GOVERNED_TARGETS)]
        verb = _noun_governing_verb(token, lex, triggers)
        if verb is not None and verb.lemma_.lower() not in lex.undergo:
            cand.alt_sources = verb_subject(verb)
            if not is_passive(verb):
                cand.alt_targets = [
                    t
                    for t in verb_targets(verb, ("to", "dobj", "with", "against"))
                    if t.i != token.i and not t.is_ancestor(token)
                ]
        if cand.alt_sources and kind_words(cand.sources, lex):
            cand.sources = []  # "launched a war crimes inquiry": who launched it
        if cand.governor is not None and not (cand.sources or cand.alt_sources):
            cand.alt_sources = governor_doers(cand, lex)  # "the army agreed to a truce"
        elif (
            cand.governor is not None
            and cand.alt_sources
            and all(t.pos_ == "PRON" for t in cand.alt_sources)
        ):
            # "unions warned they would begin a strike": the pronoun is who warned
            cand.alt_sources = [*cand.alt_sources, *verb_subject(cand.governor)]
    else:
        roles = entry.targets if entry and entry.targets else DEFAULT_VERB_TARGETS
        if entry is not None and entry.reciprocal and not entry.targets:
            roles = ("dobj", *RECIPROCAL_TARGETS)
        document = token.head
        if (
            token.dep_ in ("relcl", "acl")
            and document.lemma_.lower() in lex.enacted
            and document.dep_ == "dobj"
            and _enacts(document.head, lex)
        ):  # "signed a treaty to annex Crimea": the signer annexes
            cand.sources = cand.sources or verb_subject(document.head)
        visitor = _adjectival_participle(token)
        if visitor is not None:  # "talks with visiting Palestinian President Abbas": Abbas visits
            cand.sources = conjuncts(visitor)
            host = next((a for a in token.ancestors if a.pos_ in VERB_POS), None)
            cand.targets = verb_subject(host) if host is not None else []
        cand.sources = means_not_agent(token, cand.sources or verb_subject(token), lex)
        cand.sources = planters(cand.sources, lex) or cand.sources  # "a bomb planted by ETA"
        cand.alt_sources += pronoun_speakers(token, cand.sources, lex)  # "Gazprom said it was"
        if not cand.sources and cand.kind == "control" and reported(token, lex.speech):
            cand.sources = verb_subject(token.head)  # "the EU says X must be avoided": it demands
        if not cand.sources and is_passive(token):  # "UN sanctions were lifted": by the UN
            phrase_subjects = [
                c for c in token.children if c.dep_ == "nsubjpass" and c.i in cand.tokens
            ]
            cand.alt_sources += [t for c in phrase_subjects for t in noun_source(c)]
            cand.alt_sources = cand.alt_sources or passive_givers(token, cand.root, lex)
        sector = lex.state_acts.get(token.lemma_.lower()) or state_measure(cand, lex)
        if sector is not None and reported_act(token):  # "was arrested", "a jury convicted"
            cand.state_sector = sector
        elif cand.root in lex.unknown_doer_roots and is_passive(token):
            weapon = by_weapon(token, lex)  # "killed by a roadside bomb": how, not who
            # "killed by a bomb planted by PKK militants": who planted it
            users = planters(prep_objects(token, ("by",)), lex) if weapon else []
            if users:
                cand.sources, weapon = users, False
            cand.unknown_doer = (
                (reported_act(token) or weapon)
                and not ((cand.sources and not weapon) or named_doers(cand.alt_sources))
                and not by_disaster(token, lex)
                and victims_ok(token, cand.root, lex)
            )
            if weapon and cand.unknown_doer:
                cand.sources = []
        control = _control_of(token, lex) if cand.kind == "phrase" else None
        if not cand.targets and control is not None:  # "demanded that Israel halt settlement
            cand.targets = asked_of(control, token)  # activity": Israel is asked
        if not cand.targets:
            own = _phrase_objects(cand)  # "imposed sanctions and travel bans": not targets
            act_nouns = frozenset(own) if cand.kind == "phrase" else frozenset()
            act_nouns |= things_sent(token, cand.root, lex)  # "shots were fired at a patrol"
            raw = target_groups(token, roles, act_nouns)
            groups = [[t for t in g if t.i not in own and t.pos_ not in VERB_POS] for g in raw]
            groups = [g for g in groups if g]
            if groups:  # the first role with an actor wins ("extradited a suspect to France")
                cand.targets, cand.alt_targets = groups[0], [t for g in groups[1:] for t in g]
            if raw:  # "fired shells aimed at an outpost in South Korea"
                cand.alt_targets += aimed_targets(raw[0])
            given = prep_objects(token, ("to",)) if "to" in roles or "dative" in roles else []
            things = raw and not any(fits(t, ("person",), lex) for t in raw[0])
            if given and things and is_passive(token):
                cand.alt_targets = cand.targets + cand.alt_targets  # "a loan was granted to
                cand.targets = given  # Pakistan": what was given is no target; to whom is
        if not cand.targets:  # "expand cooperation with China": the phrase noun's own arguments
            inner = [token.doc[i] for i in sorted(_phrase_objects(cand) - {token.i})]
            noun_roles = RECIPROCAL_TARGETS if cand.reciprocal_entry else DEFAULT_NOUN_TARGETS
            cand.targets = [t for n in inner for t in noun_targets(n, noun_roles)]
            # "allowed UN inspectors to visit": whom the act lets in, by the body they are of
            cand.alt_targets += [t for t in small_clause_subject(token) if t in inner]
        if cand.kind == "control" and not cand.targets:  # "vowed to work with China": the
            # partner of the clause it governs, when that clause codes nothing of its own
            governed = [c for c in token.children if c.dep_ == "xcomp"] + [
                g
                for o in token.children
                if o.dep_ == "dobj"  # "expressed a desire to work with"
                for g in o.children
                if g.dep_ in ("acl", "xcomp")
            ]
            cand.alt_targets += [t for g in governed for t in verb_targets(g, GOVERNED_TARGETS)]
        # an object with no actor of its own may carry one ("restored ties with Gondor")
        objects = [c for c in token.children if c.dep_ in ("dobj", "attr")]
        carried = tuple(r for r in DEFAULT_NOUN_TARGETS if r not in lex.topic_preps)
        own = _phrase_objects(cand) if cand.kind == "phrase" else set()  # "deployed thousands
        cand.alt_targets += [  # of officers": the officers are what is deployed, no target
            t for o in objects for t in noun_targets(o, carried) if t.i not in own
        ]
    if not cand.targets:  # "a warning was issued to Syria": to whom
        cand.alt_targets += passive_addressees(token)
    # "received an apology from Tokyo", "received weapons from": the giver's act
    received_from(cand, lex)
    arriving_aid(cand, lex)  # "food aid arrived in Yemen": to Yemen
    if cand.mode in ("appeal", "demand") and cand.governor is not None:
        verb = token.head if token.dep_ == "conj" else token  # "guarantee ... and remove"
        clause = verb.head.i == cand.governor.i and verb.dep_ in ("ccomp", "acl")
        asked = [c for c in verb.children if c.dep_ == "nsubj"] if clause else []
        if asked:  # "his demand that Chile grant Bolivia access": Chile is asked, not Bolivia
            cand.targets, cand.alt_targets = asked, cand.targets + cand.alt_targets
        elif not cand.targets:  # "called on Malians to never use violence": whom the appeal asks
            cand.alt_targets += verb_targets(cand.governor, ("dobj", "on", "to"))
    if cand.mode == "threat" and cand.governor is not None:  # "warned Britain that it would face
        cand.alt_targets += verb_targets(cand.governor, ("dobj",))  # repercussions": Britain
    if cand.root in ("02", "10", "11") and not cand.targets:  # "demanded that Russia return",
        # "alleged that Tehran was arming the rebels": the clause's subject
        clauses = [c for c in token.children if c.dep_ == "ccomp" and c.pos_ in VERB_POS]
        cand.alt_targets += [t for c in clauses for t in verb_subject(c)]
    between = [
        t for c in token.children if c.lower_ == "between" for o in c.children for t in conjuncts(o)
    ]
    markers = {c.lemma_.lower() for c in token.children} & lex.reciprocal_markers
    mutual = token.pos_ in VERB_POS and token.lemma_.lower() in lex.reciprocal_verbs
    own_mutual = mutual or (entry is not None and entry.reciprocal)
    if not between and token.pos_ in NOUN_POS:  # "the signing of a deal between A and B",
        via = ("of", "on", "over") if own_mutual else ("of",)  # "talks on a charter between"
        between = of_object_preps(token, ("between",), via)
    if between and cand.sources and token.pos_ in VERB_POS and not own_mutual and not markers:
        cand.targets = between  # "Qatar mediated between Israel and Hamas": a third party's
        between = []  # act on both sides, not theirs on each other
    cand.reciprocal = cand.reciprocal or bool(  # a '%' dictionary pattern set it
        between or markers or own_mutual
    )
    if between:
        cand.sources, cand.targets = between, []


def _alone(cand: Candidate, lex: Lexicon) -> None:
    """An entry's code for the act done with no partner ("Iran held naval drills", "drills near
    Taiwan": CAMEO's 150, a show of force, not the 062 of joint drills): one doer, no partner
    "with" or "between" it, no partner cue ("joint")."""
    entry = cand.entry
    if entry is None or entry.alone is None or cand.code != entry.code:
        return
    trigger, doc = cand.trigger, cand.trigger.doc
    holders = [trigger, trigger.head] if trigger.dep_ in ("dobj", "nsubjpass") else [trigger]
    words = {c.lower_ for h in holders for c in h.children} | {doc[i].lower_ for i in cand.tokens}
    partnered = any(  # "held naval exercises with China"
        c.dep_ == "prep" and c.lower_ in ("with", "between") for h in holders for c in h.children
    )
    if trigger.dep_ == "dobj" and trigger.head.pos_ in VERB_POS:  # "China and Russia held drills"
        doers = verb_subject(trigger.head)
    else:  # "Russian-Chinese drills", "Iran's maneuver"
        doers = [t for t in cand.sources if t.ent_type_ in ("GPE", "NORP", "ORG")]
    words |= {c.lower_ for d in doers for c in d.children}  # "both armies"
    if not partnered and not several(doers) and not words & lex.partner_cues:
        cand.code = entry.alone


def _phrase_objects(cand: Candidate) -> set[int]:
    """The words of a phrase trigger with the nouns coordinated with them ("imposed sanctions and
    travel bans on officials": the "on" of either conjunct is the phrase's target)."""
    doc = cand.trigger.doc
    own = set(cand.tokens)
    for i in cand.tokens[1:]:
        if doc[i].pos_ in NOUN_POS:
            own.update(t.i for t in conjuncts(doc[i]))
    own.update(t.i for t in _misparsed_objects(cand.trigger))
    return own


def _inherit(cands: list[Candidate]) -> None:
    """Coordinated or listed actions share the arguments of the first one
    ("Moscow's annexation of Crimea and support for ...", "maneuvers, including exercises ...")."""
    by_trigger = {c.trigger.i: c for c in cands}
    for cand in cands:
        token = cand.trigger
        parent = None
        if token.dep_ in ("conj", "appos"):
            parent = by_trigger.get(token.head.i)
        elif token.dep_ == "pobj" and token.head.lower_ in ("including", "like", "as"):
            parent = by_trigger.get(token.head.head.i)
        if parent is not None and parent is not cand:
            own = {c.dep_ for c in token.children} & {"prep", "poss"}
            if token.dep_ == "conj" and parent.code == cand.code and not own:
                cand.duplicate = True  # "trade and investment": one event
            cand.alt_sources = parent.sources + parent.alt_sources + cand.alt_sources
            if not cand.targets:
                cand.alt_targets = parent.targets + parent.alt_targets + cand.alt_targets


def _depth(token: ParsedToken, lex: Lexicon) -> int:
    """Clause depth of an action: content verbs above it (speech, control and light verbs are transparent)."""
    depth = 0
    current = token
    while current.head.i != current.i:
        current = current.head
        lemma = current.lemma_.lower()
        if (
            current.pos_ in VERB_POS
            and lemma not in lex.speech
            and lemma not in lex.light
            and (lemma, "verb") not in lex.controls
        ):
            depth += 1
    return depth


def sentence_candidates(
    sent: Span,
    knowledge: CoderKnowledge,
    *,
    check_discards: bool = True,
    parsed: ParsedDoc | None = None,
) -> list[Candidate]:
    """Every action in a sentence with its code, modality and argument tokens (actor-free);
    none whose own words or arguments a sentence discard phrase names (sports results, storms).
    ``check_discards=False``: the caller knows no discard phrase is in the document;
    ``parsed``: the sentence's document already read (one per document, not per sentence)."""
    discards = knowledge.discards if check_discards else None
    if discards is not None and not discards.sentence_discarded(span_text(sent)):
        discards = None  # no phrase in this sentence: no candidate to test
    parsed = parsed or ParsedDoc(sent.doc, knowledge.strings)
    cands = _sentence_candidates(sent, knowledge, parsed)
    if discards is None:
        return cands
    return [c for c in cands if not discards.sentence_discarded(_own_words(c))]


def _sentence_candidates(
    sent: Span, knowledge: CoderKnowledge, parsed: ParsedDoc
) -> list[Candidate]:
    lex = knowledge.lexicon
    cands, controls, speech = _find_triggers(sent, knowledge, parsed)
    cands = [c for c in cands if not orders_clause(c, lex)]
    triggers = {c.trigger.i for c in cands}
    governed: set[int] = set()
    # with swapped dictionaries a dictionary verb's code is its code in any tense, as PETRARCH's
    future = not knowledge.bare_verbs
    kept = [
        c
        for c in cands
        if _apply_modality(c, lex, triggers, governed, future=future or c.kind != "dict")
    ]
    for token in controls:
        control = _control_of(token, lex, modal=True)
        clauses = any(c.dep_ in CLAUSAL for c in token.children)
        if control is not None and control.clausal and not clauses:
            continue  # "ordered the strike": the strike is the event
        if control is not None and control.enacts_object and _enacted_act(token, triggers):
            continue  # "called a strike": the strike is the event
        if control is not None and control.opinion and _states_view(token):
            continue  # "agreed that reconciliation could not happen": a view, no intention
        if control is not None and control.demand_stating and asserts(token, lex):
            continue  # "insisted it bore no responsibility": a claim, no demand
        if small_clause(token) or _passive_clause(token):
            continue  # "calling it null and void": naming; "Asked about it, X said": X was asked
        if control is not None and control.fallback and token.i not in governed:
            code = fallback_code(control, token)
            asked = asked_of(control, token)
            cand = Candidate(token, (token.i,), code, "control", confidence=0.6, targets=asked)
            if _is_negated(token):
                cand.negated = True
            kept.append(cand)
    words = [] if knowledge.bare_verbs else [parsed[i] for i in range(sent.start, sent.end)]
    # PETRARCH codes no refusal, and "Iran must stop" as Iran's
    kept = voiced_demands(kept, lex, unvoiced=knowledge.bare_verbs) + refusals(words, cands, lex)
    triggers = {c.trigger.i for c in kept}
    for cand in kept:
        # a governed action is the content of an appeal, vow or threat: that speech act is the
        # event, real unless the speech act itself is hypothetical ("urged X to free", "could vow")
        cand.irrealis = (
            (
                _irrealis(cand.governor or cand.trigger, lex)
                and not _pattern_modal(cand)
                and not cand.voiced  # "said Russia should withdraw": the appeal is real
            )
            or _aggregate(cand, lex)
            or _dismissed(cand, lex)
            or _planned(cand, lex)
        )
        marked = bool(cand.sources or cand.targets)  # a dictionary pattern's markers
        _arguments(cand, lex, triggers)
        _alone(cand, lex)
        if knowledge.bare_verbs and not marked:
            _agentless_passive(cand)
        cand.depth = _depth(cand.trigger, lex)
    _inherit(kept)
    kept = [c for c in kept if not disaster_doer(c, lex)]
    kept = acting_groups(subject_events(kept, lex), lex)
    died_in(kept, lex)
    survived(kept, lex)
    occurred(kept, lex)
    fought_by_dead(kept, lex)
    between_sides(kept, lex)
    live = {c.trigger.i for c in kept if not c.irrealis}  # what the sentence reports as real
    if knowledge.bare_verbs:
        for cand in kept:
            if cand.kind == "dict" and not cand.targets:
                cand.alt_targets += _clause_subjects(cand.trigger, live)
    # a verb of speaking used as speech is a public statement; one of knowing is not ("knows")
    # (or one a swapped dictionary codes: "BELIEVE [023]")
    codes = {t.i: _speech_code(t, knowledge) for t in speech}
    speech = [
        t
        for t in speech
        if is_statement(t, lex)
        and (t.lemma_.lower() in lex.statement_verbs or codes[t.i] != STATEMENT)
    ]
    if speech:  # kept beside other actions: it stands for the sentence when they code nothing
        token = speech[0]
        cand = Candidate(
            token,
            (token.i,),
            codes[token.i],
            "speech",
            confidence=0.5,
            sources=trailing_speaker(token) or quoted_speaker(token) or verb_subject(token),
            targets=verb_targets(token, ("dative", "dobj", "to")),
            depth=_depth(token, lex),
        )
        if cand.code != STATEMENT:  # the dictionary's verb: PETRARCH's target as for any verb
            cand.alt_targets = _clause_subjects(token, live)
        hostile = {c.trigger.i for c in kept if c.root >= "10"}
        blamed = [] if knowledge.bare_verbs else _blamed(token, hostile, lex)
        if blamed:  # "said Iran was behind the attack": an accusation of Iran
            cand.code, cand.targets, cand.confidence = ACCUSATION, blamed, 0.7
        elif not knowledge.bare_verbs and claims_own_act(token, kept, lex):
            cand.code = CLAIM  # "claimed that they had attacked": responsibility claimed
        kept.append(cand)
    return kept


ACCUSATION = "112"
CLAIM = "015"


def _blamed(verb: ParsedToken, hostile: set[int], lex: Lexicon) -> list[ParsedToken]:
    """The subjects of a clause a speech verb reports that puts them behind a hostile act
    (``blame_preps``; ``hostile``: the triggers of roots 10-20): "said Iran was behind the
    attack" accuses Iran; "was behind the reforms" accuses no one."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.lemma_.lower() != "be":
            continue
        preps = [c for c in clause.children if c.dep_ == "prep" and c.lower_ in lex.blame_preps]
        if any(o.dep_ == "pobj" and o.i in hostile for p in preps for o in p.children):
            return [c for c in clause.children if c.dep_ == "nsubj"]
    return []


def _enacted_act(verb: ParsedToken, triggers: set[int]) -> bool:
    """A control verb whose direct object is a coded act ("called a nationwide strike")."""
    return any(c.dep_ == "dobj" and c.i in triggers for c in verb.children)


def sentence_code(sent: Span, knowledge: CoderKnowledge | None = None) -> str | None:
    """CAMEO code of the main action of a sentence (None when it reports none)."""
    best = main_candidate(sentence_candidates(sent, knowledge or load_coder_knowledge()))
    return best.code if best else None


def extract_events(
    doc: Doc,
    knowledge: CoderKnowledge | None = None,
    *,
    actors: Sequence[ActorMention],
    places: Sequence[Place] = (),
    roles: Sequence[ActorMention] = (),
) -> list[Event]:
    """All events of a document, in text order, dated to the document (precision ``publication``).

    ``actors`` are the actor mentions of the document (the actors extractor's output), ``places``
    its place mentions (a place stands in as a target: "the annexation of Crimea"), ``roles`` the
    roles no actor anchors ("the finance minister": the document's country, else PETRARCH's
    sector-only ``---GOV``)."""
    knowledge = knowledge or load_coder_knowledge()
    discards = knowledge.discards
    story_discarded, check_discards = (
        discards.scan_document(text_of(doc)) if discards is not None else (False, False)
    )
    lead = list(islice((s for s in doc.sents if span_text(s).strip()), 3))  # byline, dateline
    lex = knowledge.lexicon
    sports = not knowledge.bare_verbs and sports_lead(lead, lex.sport_leads, lex.political_leads)
    if story_discarded or sports:  # a sports story's lead ("the men's basketball final")
        return []
    parsed = ParsedDoc(doc, knowledge.strings)
    index = ActorIndex(
        parsed,
        actors=[*actors, *(r for r in roles if r.kind != "scene")],
        places=places,
        scene=[r for r in roles if r.kind == "scene"],
        agent_nouns=knowledge.lexicon.of_actor_nouns,
        proxy_nouns=knowledge.lexicon.proxy_nouns,
        speech=knowledge.lexicon.speech,
        every_of=knowledge.bare_verbs,
    )
    if not knowledge.bare_verbs:
        mark_here(doc, parsed, index, places)  # "arrived here": the dateline's place
    events: list[Event] = []
    home = document_country(doc, index, lex.home_sectors) if lex.local_sectors else None
    countryless = not knowledge.bare_verbs and not sentence_countries(doc[:], index)
    listed = listing_spans(text_of(doc), lex.listing_headings)  # sources, links, citations
    for sent_i, sent in enumerate(doc.sents):
        if not span_text(sent).strip() or in_listing(sent.start_char, listed):
            continue
        evidence = evidence_of(sent)
        found: list[Event] = []
        local = home if home and only_home(sent, index, home, knowledge.bare_verbs) else None
        cands = sentence_candidates(sent, knowledge, check_discards=check_discards, parsed=parsed)
        for cand in cands:
            if cand.duplicate or cand.irrealis:
                continue
            found += events_for(
                doc, cand, index, sent_i, evidence, knowledge, local, countryless=countryless
            )
        retry = [] if found or knowledge.bare_verbs else second_chances(cands, lone_sentence(sent))
        for cand in retry:
            found += events_for(  # what the sentence reports when it codes nothing else
                doc, cand, index, sent_i, evidence, knowledge, local, countryless=countryless
            )
        events += sentence_filter(found)
    parsed.close()
    return dedupe(events)
