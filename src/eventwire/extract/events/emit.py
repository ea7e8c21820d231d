"""Arguments to actors, and records: the coder's last stage.

``events_for`` resolves a candidate's argument tokens to the actor mentions it is given (sources,
then targets by tiers: the arguments, their alternatives, the first actor inside a verb's
complements, the country of the place the action is done in), pairs them (reciprocal actions
give one event each way; a dictionary's ``[A:B]`` codes give the target's reply too) and emits
:class:`~eventwire.records.Event` records. ``sentence_filter`` and ``dedupe`` then drop the
statement that only reports another event and repeated readings of one trigger.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Span

from ...records import Actor, Event, stable_id
from ...records import Span as TextSpan
from ..doctext import span_text, text_of
from ..parsetree import ParsedToken
from .args import ActorIndex, phrase_tokens, prep_objects
from .countries import sentence_countries
from .doers import (
    doer_named,
    first_body,
    given_doers,
    lone_doer,
    lone_sentence,
    null_roles,
    passive_agent,
    people_doer,
    personal_subject,
    placed,
    scene,
    scene_roles,
    scene_targets,
    state_actor,
    the_public,
    unnamed,
    unplaced,
    unplaced_noun,
    unsaid_subject,
    unseen_doer,
)
from .identity import _among, _apart, _same_actor, _who
from .lexicon import Lexicon
from .model import (
    DIRECTED_CODES,
    RECIPROCAL_ROOTS,
    STATEMENT,
    STATEMENT_ROOT,
    UNCODED,
    VERB_POS,
    Candidate,
    CoderKnowledge,
)
from .named import (
    _appositions,
    _as_phrases,
    _each_code,
    _in_jurisdiction,
    _known,
    _named_for,
    _named_states,
    _named_target,
    _new,
    _news_medium,
    _no_topics,
    _null,
    _sector_only,
    _uncoded,
    sent_from,
)
from .sense import fits

# statements, appeals and demands: made though their addressee is of the speaker's own code
ASKING_ROOTS = (STATEMENT_ROOT, "02", "10")


def _pairs(
    cand: Candidate, sources: list[Actor], targets: list[Actor]
) -> list[tuple[Actor, Actor | None]]:
    if targets:
        named = cand.named_dyad
        return [
            (s, t)
            for s in sources
            for t in targets
            if not _same_actor(s, t, codes=named) or _apart(s, t)
        ]
    if _mutual(cand):
        distinct = {a.code: a for a in sources}
        if len(distinct) > 1:
            return [
                (s, t) for s in distinct.values() for t in distinct.values() if s.code != t.code
            ]
    return [(s, None) for s in {a.code: a for a in sources}.values()]


def _targets(
    cand: Candidate,
    sources: list[Actor],
    known: Callable[[list[ParsedToken], bool], list[Actor]],
    lex: Lexicon,
    index: ActorIndex | None = None,
) -> list[Actor] | None:
    """The target actors, from the first of these that names one other than the source: the
    argument tokens, the alternatives, (verbs) the first actor inside the complements, roles the
    place of the act puts in its country ("killed a journalist in Mosul": IRQMED), the country of
    the place the action is done in (CAMEO's location-as-target convention). None when the action's
    own target is its source."""

    def others(actors: list[Actor], people: bool = True) -> list[Actor]:
        return [
            t
            for t in actors
            if any(not _same_actor(s, t, codes=named, people=people) for s in sources)
        ]

    named = cand.named_dyad

    def own_people(tokens: list[ParsedToken], actors: list[Actor]) -> list[Actor]:
        """A state acting on its own people ("Kibaki appealed to Kenyans"): KENGOV -> KENCVL."""
        if actors and not others(actors) and _demonyms([t for t in tokens if known([t], True)]):
            return _its_people(actors)
        return []

    # the source's own forces are what it acts with ("Russia massed troops along the Ukrainian
    # border", "put its forces on alert"), not whom it acts on
    own = [t for t in cand.targets if fits(t, ("force",), lex) and not others(known([t], True))]
    acted_on = [t for t in _no_topics(cand.targets, lex) if t not in own]
    direct = known(acted_on, True)
    if (
        direct
        and not others(direct)
        and all(t.code != t.country for t in direct)
        and not _possessed([t for t in cand.targets if known([t], True)])
    ):
        if cand.root in lex.scene_target_roots and all(
            _apart(s, t) for s in sources for t in direct
        ):
            return direct  # "the Turkish government arrested Turkish officials": a purge of its own
        return None  # its only target is the source's own state ("Russia criticized Moscow")
    if index is not None and all(t.code == t.country for t in direct):  # native knowledge only
        # "killed a journalist in Mosul": the journalist, of the country the act is done in (IRQMED)
        placed = scene_targets(cand, acted_on, sources, index, known, lex)
        if placed and not {a.code for a in placed} & {a.code for a in sources}:
            return placed
    for tokens, people in ((acted_on, True), (_no_topics(cand.alt_targets, lex), False)):
        found = known(tokens, True)
        targets = others(found, people) or own_people(tokens, found)
        if targets and all(_among(t, sources, people) for t in targets):
            targets = []  # "Russia and Ukraine put their militaries on alert": on themselves
        if targets:
            return targets
    if len({a.code for a in sources}) > 1 and _mutual(cand):
        return []  # "Iran and the US held talks in Oman": each other's partners, not Oman's
    if cand.kind == "speech":
        return []  # a statement is addressed to whom it names, not to where it is made
    if cand.trigger.pos_ in VERB_POS:
        text = text_of(cand.trigger.doc.doc)
        complements = known(_complements(cand, lex), True)
        # the party the document is with: an actor, not a place ("a treaty to annex Crimea")
        for found in (complements, known(_document_clauses(cand, lex), False)):
            targets = _first_group(found, sources, text)
            if targets:
                return targets
    return [
        t
        for t in known(scene(cand, lex), True)
        if not any(_same_actor(s, t, people=False) or t.country == s.country for s in sources)
    ]


def _mutual(cand: Candidate) -> bool:
    """An act coordinated doers do to each other (talks, a mutual pattern)."""
    return cand.reciprocal or (cand.root in RECIPROCAL_ROOTS and cand.code not in DIRECTED_CODES)


def _marked_country(actor: Actor, marked: list[ParsedToken]) -> Actor:
    """Swapped dictionaries: a pattern's marker names the noun phrase it points at, so a country
    named inside a role's phrase is that country ("- * IFTAR AT ^ ^ +": "with the parliament of
    Gondor", GON, not GONLEG), as PETRARCH's marker takes the phrase "Gondor"."""
    if not actor.country or actor.code == actor.country:
        return actor
    for token in marked:
        if token.pos_ == "PROPN" and actor.start < token.left_edge.idx < actor.end:
            start, end = token.left_edge.idx, token.idx + len(token.text)
            text = text_of(token.doc.doc)[start:end]
            return replace(actor, text=text, start=start, end=end, code=actor.country, sector=None)
    return actor


def _possessed(tokens: list[ParsedToken]) -> bool:
    """Common nouns with a pronoun for possessor: the source's own thing ("arrived on his first
    visit", "lift some of its sanctions"), which names no target, not the source's own state
    ("criticized Moscow")."""

    def owned(token: ParsedToken) -> bool:
        return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children)

    return bool(tokens) and all(
        t.pos_ != "PROPN" and (owned(t) or any(owned(o) for o in prep_objects(t, ("of",))))
        for t in tokens
    )


def _reported_passive(verb: ParsedToken) -> bool:
    """A passive said to have happened ("were placed", "was put"), not a state ("are stationed")."""
    return any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in verb.children)


def _any_noun(cand: Candidate) -> bool:
    """Whether the act's target words, if any, are more than pronouns ("he was killed")."""
    return not cand.targets or any(t.pos_ != "PRON" for t in cand.targets)


def _own_people(cand: Candidate, sources: list[Actor], targets: list[Actor]) -> bool:
    """Whether the doers are a people named by its plural demonym ("Serbs", "thousands of
    Serbs") and the act's targets its own state ("protested against the government")."""
    offsets = cand.trigger.doc.idx
    words = [t for g in given_doers(cand) for t in g.subtree]

    def named_by(actor: Actor) -> list[ParsedToken]:
        return [t for t in words if actor.start <= offsets[t.i] < actor.end]

    return (
        bool(sources and targets)
        and all(a.code == a.country and _demonyms(named_by(a)) for a in sources)
        and all(_same_actor(s, t, people=False) for s in sources for t in targets)
    )


def _its_people(actors: list[Actor]) -> list[Actor]:
    """Each country's people (CVL) in place of the country named by its demonym."""
    return [replace(a, code=f"{a.country}CVL", sector="CVL") for a in actors]


def _demonyms(tokens: list[ParsedToken]) -> bool:
    """A people named by its plural demonym ("appealed to Kenyans"): as the target of its own
    state, the country's people (CVL), not the state itself."""
    return bool(tokens) and all(
        t.ent_type_ == "NORP" and t.tag_ in ("NNPS", "NNS") and t.dep_ not in ("amod", "compound")
        for t in tokens
    )


# marks that are also apostrophes ("Farmers’ Federation"): they open no quotation
APOSTROPHES = frozenset({"'", "\u2019"})


def _reports_clause(verb: ParsedToken) -> bool:
    """A verb of speaking with a reported clause of its own ("said it is skeptical of the plan"),
    not the attribution of a quotation."""
    return any(c.dep_ == "ccomp" for c in verb.children) and not any(
        t.is_quote and t.text not in APOSTROPHES for t in verb.sent
    )


def _actor_targets(
    cand: Candidate,
    sources: list[Actor],
    known: Callable[[list[ParsedToken], bool], list[Actor]],
    lex: Lexicon,
) -> list[Actor]:
    """The targets named as actors, not as places."""

    def actors_only(tokens: list[ParsedToken], places: bool = False) -> list[Actor]:
        return known(tokens, False) or known([t for t in tokens if _demonyms([t])], True)
        # a people ("Kenyans") is an actor, not a place

    return _targets(cand, sources, actors_only, lex) or []


# clauses hanging on a verb or inside its complements: their actors belong to their own verbs
NESTED_CLAUSES = frozenset({"advcl", "relcl", "ccomp", "parataxis", "csubj", "mark", "punct"})


def _complements(cand: Candidate, lex: Lexicon) -> list[ParsedToken]:
    """Words of the verb's complements after it, in text order, outside nested clauses: where
    PETRARCH looks for a target its pattern did not mark ("restored ties with Gondor", "broke into
    an anti-Gondor parade", "cordoned off the roads leading into Mordor"). A clause or a topic
    that holds words of the trigger's phrase is part of it ("vowed to wage WAR on the Rohans",
    "welcomed ASSURANCES on cultural issues FROM Bree")."""
    verb = cand.trigger
    phrase = set(cand.tokens) - {verb.i}

    def holds_phrase(token: ParsedToken) -> bool:
        return bool(phrase) and any(t.i in phrase for t in token.subtree)

    def inside(token: ParsedToken) -> bool:
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        if token.dep_ in NESTED_CLAUSES or (token.dep_ == "conj" and token.pos_ in VERB_POS):
            return False
        if token.dep_ == "prep" and token.lower_ in lex.attribution_preps:
            return False  # "according to Indian officials": who reports it, never a party to it
        if token.dep_ == "prep" and token.lower_ in lex.topic_preps:
            # "talks on Syria" but "an attack on Kyiv", "waged war on the Rohans" (a hostile
            # noun, or the noun of a hostile trigger's phrase: the dictionary's "- * WAR")
            head = token.head
            nouns = [head, *(c for c in head.children if c.dep_ == "dobj")]
            hostile = cand.code[:2] >= "10"
            return holds_phrase(token) or any(
                (hostile and n.i in phrase) or _hostile_noun(n, lex) for n in nouns
            )
        if token.dep_ in ("xcomp", "acl") and infinitive:
            return holds_phrase(token)  # "sued X to block a sale"
        return True

    stack = [c for c in verb.children if c.i > verb.i and inside(c)]
    out: list[ParsedToken] = []
    while stack:
        token = stack.pop()
        if not _own_force(token, phrase, lex):
            out.append(token)  # "deployed 7,000 officers": the source's own force, no target
        stack += [c for c in token.children if inside(c)]
    return sorted(out, key=lambda t: t.i)


def _own_force(token: ParsedToken, phrase: set[int], lex: Lexicon) -> bool:
    """A force the trigger's phrase names ("deployed officers"), or a number of it ("thousands of
    officers"): what the source acts with."""
    if token.i in phrase and fits(token, ("force",), lex):
        return True
    if token.lower_ not in lex.quantity_nouns:
        return False
    return any(o.i in phrase and fits(o, ("force",), lex) for o in prep_objects(token, ("of",)))


def _document_clauses(cand: Candidate, lex: Lexicon) -> list[ParsedToken]:
    """Words of the infinitive that tells what the document a verb signs or passes does
    ("signed an accord to supply Gondor with wheat": the accord is with Gondor), outside the
    clauses nested in it."""
    verb = cand.trigger
    documents = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in lex.enacted]
    if not documents:
        return []
    clauses = [
        c
        for h in (verb, *documents)
        for c in h.children
        if c.dep_ in ("advcl", "acl", "xcomp")
        and c.i > verb.i
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]
    return sorted(phrase_tokens(clauses, NESTED_CLAUSES), key=lambda t: t.i)


def _hostile_noun(token: ParsedToken, lex: Lexicon) -> bool:
    """An event noun of conflict or coercion (root 10 and up) takes its target with "on" or
    "over": "sanctions on Iran", "an attack on Kyiv"."""
    entries = lex.nouns.get(token.lemma_.lower(), ()) if token.pos_ == "NOUN" else ()
    return any(e.code[:2] >= "10" for e in entries)


LIST_GLUE = frozenset({",", "and", ", and", "or", ", or", "&"})


def _in_phrase(
    cand: Candidate, sources: list[Actor], known: Callable[[list[ParsedToken], bool], list[Actor]]
) -> list[Actor]:
    """Swapped dictionaries: a dictionary verb's target that no argument names is the first actor
    after the verb anywhere in its phrase, its clauses included, as PETRARCH reads its verb phrase
    ("has BEGUN to question whether he has a future with the Morgul Orcs"). A verb coded with
    no pattern reads its objects' phrases ("abandoned efforts to stop an anti- Gondor parade"),
    not its own clauses, whose verbs act on their own ("proposed to take up the issue with")."""
    verb = cand.trigger
    outside = OUTSIDE_PHRASE if cand.specificity else OUTSIDE_PHRASE | OWN_CLAUSES
    after: list[ParsedToken] = []
    stack = [c for c in verb.children if c.i > verb.i and c.dep_ not in outside]
    while stack:
        t = stack.pop()
        after.append(t)
        stack += [c for c in t.children if c.dep_ not in OUTSIDE_PHRASE]
    after.sort(key=lambda t: t.i)
    return _first_group(known(after, False), sources, text_of(verb.doc.doc))


# clauses that are no part of a verb's phrase: what happened around it, the attribution
OUTSIDE_PHRASE = frozenset({"advcl", "parataxis", "relcl", "punct"})
# a verb's own complement clauses: a verb coded with no pattern does not read into them
OWN_CLAUSES = frozenset({"xcomp", "ccomp"})


def _first_group(actors: list[Actor], sources: list[Actor], text: str) -> list[Actor]:
    """The first actor that is not a source, with the actors listed right after it
    ("ties with Mordor, Rohan and Bree", not "authorities in Moscow")."""
    others = [a for a in actors if not any(_same_actor(a, s, people=False) for s in sources)]
    if not others:
        return []
    group = [others[0]]
    for actor in others[1:]:
        if text[group[-1].end : actor.start].strip() not in LIST_GLUE:
            break
        group.append(actor)
    return group


def _trigger_span(doc: Doc, cand: Candidate) -> TextSpan:
    lo, hi = min(cand.tokens), max(cand.tokens)
    if hi - lo > 5:
        lo = hi = cand.trigger.i
    span = doc[lo : hi + 1]
    return TextSpan(span_text(span), span.start_char, span.end_char)


def evidence_of(sent: Span) -> tuple[str, int, int]:
    """The sentence without surrounding whitespace nor a stray leading quote mark."""
    text = span_text(sent).rstrip()
    lead = len(text) - len(text.lstrip())
    while lead < len(text) and _stray_quote(text[lead:]):
        lead += 1
        lead += len(text[lead:]) - len(text[lead:].lstrip())
    start = sent.start_char + lead
    return text[lead:], start, start + len(text) - lead


def _home_from_target(
    cand: Candidate, sources: list[Actor], index: ActorIndex, local: str | None
) -> bool:
    """Sources that are roles of no country of their own, given the document's country ``local``
    in a lone sentence whose only mention of that country is among the act's targets."""
    sent = cand.trigger.sent
    if local is None or not sources or not lone_sentence(sent):
        return False
    if any(a.country != local or not a.sector for a in sources):
        return False
    if any(a.country for a in index.resolve(given_doers(cand))):
        return False  # the doer's own words name the country ("Kenya's president")
    targets = {w.i for t in (*cand.targets, *cand.alt_targets) for w in t.subtree}
    home = [i for i in range(sent.start, sent.end) if local in _countries_at(index, i)]
    return bool(home) and all(i in targets for i in home)


def _countries_at(index: ActorIndex, i: int) -> set[str | None]:
    place = index.places.get(i)
    return {a.country for a in index.by_token.get(i, ())} | {place.country if place else None}


def _stray_quote(text: str) -> bool:
    """A closing mark (or a straight one followed by a space) cannot open a sentence: it
    closed the quote of the sentence before."""
    first, rest = text[0], text[1:]
    if first in "\u201d\u00bb":
        return True
    return first == '"' and (not rest or rest[0].isspace())


def _new_target(cand: Candidate, lex: Lexicon) -> list[Actor]:
    """Swapped dictionaries: a verb's target that no dictionary codes, the first noun of its
    complements when it is a name, as PETRARCH reads a new actor there ("left for the Ministry of
    Magic"; not "arrested farmers in Moscow")."""
    for token in _complements(cand, lex):
        if token.pos_ in ("NOUN", "PROPN", "PRON"):
            return _as_phrases(_uncoded([token]), [token])
    return []


def sentence_filter(events: list[Event]) -> list[Event]:
    """A plain statement (010) beside another event of its sentence is the report of that event;
    one dyad and root from overlapping triggers is one event, and so is one dyad's statement
    ("said in a statement")."""
    if any(e.cameo != STATEMENT and not e.negated for e in events):
        events = [e for e in events if e.cameo != STATEMENT]
    out: list[Event] = []
    for event in events:
        if not any(
            _who(o.source) == _who(event.source)
            and _who(o.target) == _who(event.target)
            and o.cameo_root == event.cameo_root
            and (
                event.cameo == STATEMENT
                or (o.trigger.start < event.trigger.end and event.trigger.start < o.trigger.end)
            )
            for o in out
        ):
            out.append(event)
    return out


def events_for(
    doc: Doc,
    cand: Candidate,
    index: ActorIndex,
    sent_i: int,
    evidence: tuple[str, int, int],
    knowledge: CoderKnowledge,
    local: str | None = None,
    *,
    countryless: bool = False,
) -> list[Event]:
    """The events of one candidate. ``local``: the document's country for sector-only doers of a
    sentence that names none; ``countryless``: the document names no country at all, so a role that
    says too little is coded with the null country (``unplaced``)."""
    lex = knowledge.lexicon
    sectors = lex.local_sectors

    def known(tokens: list[ParsedToken], places: bool = False) -> list[Actor]:
        return _known(index.resolve(tokens, places=places), local, sectors)

    sources = known(cand.sources, cand.placed_sources) or known(cand.alt_sources)
    placed_only, scene_of = False, []
    if not sources:  # "Jaipal Reddy, spokesman of the United Front government, said": the role
        sources = known(_appositions(given_doers(cand)))
    if not sources:  # "inspectors from the IAEA visited": the body that sent them
        sources = known(sent_from(given_doers(cand), lex.sending_verbs))
    if not sources:  # "The government said": PETRARCH's ---GOV, a sector of no known country
        anyone = None if knowledge.bare_verbs else sectors
        sources = _sector_only(index.resolve(given_doers(cand)), anyone)
        sources = placed(sources, cand, known, lex)
    if not sources and not knowledge.bare_verbs:  # "doctors went on strike across Kenya"
        sources = scene_roles(cand, index, known, lex) or the_public(cand, known, lex)
        if not sources:  # "students blocked the highway": ---EDU; "teachers criticized Cameron":
            # a lone sentence has no story to place a role in: it is the null country's as where no
            # country is named ("Farmers thanked the Indian government": ---AGR)
            alone = countryless or lone_sentence(cand.trigger.sent)
            sources = unplaced(cand, index, lex, countryless=alone)  # British or not
    if not sources:  # "ICE returned paintings": a named actor no dictionary codes (code ---)
        given = given_doers(cand)
        states: list[Actor] = []
        if not knowledge.bare_verbs:  # "Mali requested": the state; "the Haditha investigations",
            states = _named_states(given, index)  # "a Kabul car bombing": a place is not who acted
            scene_of = [index.places[t.i] for t in given if t.i in index.places][:1]
            given = [t for t in given if t.i not in index.places]
        named = _uncoded(given)
        # an act of force whose only named doer words are where it was ("a Kabul car bombing
        # killed five"): its doer is not said
        placed_only = bool(scene_of) and not named and cand.root in lex.unknown_doer_roots
        sources = states or named or _uncoded(_named_for(given, lex.group_heads))
        if not sources and not knowledge.bare_verbs:  # "the committee called on Israel"
            sources = first_body(cand, index, lex)
        if not sources and countryless and not knowledge.bare_verbs:
            sources = unplaced_noun(cand, lex)  # "the two countries restored relations": ---
        if not sources and not knowledge.bare_verbs:
            sources = passive_agent(cand, lex)  # "assassinated by a Jewish extremist": ---
        if not sources and not knowledge.bare_verbs:
            sources = people_doer(cand, index, known, lex)  # "hardliners in Tehran criticized"
        if not sources and not knowledge.bare_verbs and lone_sentence(cand.trigger.sent):
            sources = lone_doer(cand, index, lex)  # "Envoys of the Middle East Quartet met": ---
        if knowledge.bare_verbs:  # PETRARCH's new actor: the noun phrase it reads
            sources = _as_phrases(sources, given)
        cand.confidence -= 0.1
    if not sources and cand.root in lex.posture_roots and _reported_passive(cand.trigger):
        forces = [t for t in cand.targets if fits(t, ("force",), lex)]  # "Pakistani troops were
        sources = known(forces)  # placed on alert"; not "US troops are stationed in Korea"
        if not sources and not knowledge.bare_verbs:  # "police in Dhaka were put on alert": of
            placed_forces = placed(_sector_only(index.resolve(forces), sectors), cand, known, lex)
            sources = [a for a in placed_forces if a.country]  # the country of their place
    if not sources and cand.state_sector:  # "Ingabire was arrested", "a jury convicted": the state
        sources = [state_actor(cand, index, known, lex, local)]
        cand.confidence -= 0.1
    unknown = (
        not sources
        and (cand.unknown_doer or placed_only)
        and not knowledge.bare_verbs
        and not doer_named(cand, index, lex)
    )
    if unknown:  # "three soldiers were killed": by someone the text does not name
        sources = [unnamed(cand, UNCODED, None, None)]
        cand.confidence -= 0.2
    # a lone sentence that names a country: the unseen doer of an act said to happen (an event
    # noun: "sanctions took effect"; a passive with no agent: "the Philippines was criticized"),
    # unless the clause names who likely did it; the posture of forces is the posture rule's
    unseen = unsaid = False
    lone = (
        lone_sentence(cand.trigger.sent)
        and cand.root not in lex.posture_roots
        and not (cand.trigger.pos_ in VERB_POS and doer_named(cand, index, lex))
    )
    if not sources and not knowledge.bare_verbs and (countryless or lone):
        sources = unseen_doer(cand, lex)  # "the curfew was lifted": by whom, the text does not say
        unseen = bool(sources) and not countryless
        cand.confidence -= 0.2
    if not sources and not knowledge.bare_verbs and lone_sentence(cand.trigger.sent):
        sources = unsaid_subject(cand, lex)  # "He urged Belgrade and Pristina to resume talks"
        unsaid = bool(sources)
    if not sources:
        return []
    if cand.code == STATEMENT and cand.kind == "speech" and all(_news_medium(a) for a in sources):
        return []  # "Reuters reported", "the newspaper said": attribution, not a political statement
    targets = _targets(cand, sources, known, lex, None if knowledge.bare_verbs else index)
    if targets and cand.code == STATEMENT and all(_news_medium(t) for t in targets):
        targets = [] if not knowledge.bare_verbs else targets  # "told AFP": who reports it
    if not targets and _own_people(cand, sources, known(_no_topics(cand.targets, lex), True)):
        # "Serbs protested against the government": a people acting on its own state
        sources = _its_people(sources)
        targets = _targets(cand, sources, known, lex, None if knowledge.bare_verbs else index)
    if targets == [] and countryless:  # "two policemen were killed": ---COP
        targets = null_roles(_no_topics(cand.targets, lex), index)
    elif targets == [] and sources and not knowledge.bare_verbs:  # "killed two people in Nairobi"
        targets = scene_targets(cand, _no_topics(cand.targets, lex), sources, index, known, lex)
    if (
        unknown
        and cand.root not in lex.unknown_doer_place_roots
        and not (known(cand.targets, True) or (countryless and targets))  # "journalists": ---MED
    ):
        targets = []  # "were released": whom, named; not where ("hostages were released in Mali")
    if unknown and not targets and cand.root in lex.unknown_doer_place_roots:
        targets = scene_of  # "a Kabul car bombing killed five": where it was, as "in Kabul"
    if unseen or unsaid:  # "sanctions against North Korea took effect": on whom the sentence names
        # as an actor; not "talks resumed in Geneva" (no one named), nor where it happened
        targets = known(_no_topics(cand.targets, lex)) if targets else []
        if not targets and (unseen or not personal_subject(cand)):
            return []  # "He resigned as governor" is a person's act; '"It will help"': "it" is no one
    if targets is None and _home_from_target(cand, sources, index, local):
        # "The prime minister met the visiting Chinese delegation": a lone sentence's only country
        # is its target's, so the role is of no known country (---GOV), not China's
        sources = [
            replace(a, code=UNCODED + a.code[len(local or "") :], country=None) for a in sources
        ]
        targets = _targets(cand, sources, known, lex, None if knowledge.bare_verbs else index)
    if targets is None and cand.root in ASKING_ROOTS and not knowledge.bare_verbs:
        # "the president told his cabinet", "Kurdish officials demanded that Baghdad pay": a
        # statement or a demand still, to no one else
        targets = []
    if targets is None or (unknown and not targets and not (countryless and _any_noun(cand))):
        return []  # "Russia criticized Moscow": a resolution artifact, not an event; an act of no
        # one named on no one named says nothing, but where no country is named, nothing could
    if cand.named_target:
        targets = [_marked_country(a, cand.targets) for a in targets]
    if not knowledge.bare_verbs:
        sources = _in_jurisdiction(sources, targets, sentence_countries(cand.trigger.sent, index))
    if not targets and knowledge.bare_verbs:  # "police arrested students": PETRARCH's ---EDU
        targets = _sector_only(index.resolve(_no_topics(cand.targets, lex)), None)
    elif not targets and _null(sources):  # "protesters clashed with police": roles of a text
        targets = _sector_only(index.resolve(_no_topics(cand.targets, lex)), sectors)
        # that names no country act on each other
    in_phrase: list[Actor] = []
    if (
        not targets
        and knowledge.bare_verbs
        and cand.kind == "dict"
        and not cand.reciprocal  # a compound pattern's coordinated subjects act on each other
    ):
        targets = in_phrase = _in_phrase(cand, sources, known)
    if not targets and knowledge.bare_verbs and cand.kind == "dict":
        targets = _new_target(cand, lex)  # "left for the Ministry of Magic": an uncoded name
    sources, targets = _each_code(sources), _each_code(targets)
    if (
        cand.kind == "dict"
        and not cand.specificity
        and not in_phrase
        and not cand.speech_act  # "the junta promised to allow greater freedom": the promise
        and (
            not targets
            or not (_actor_targets(cand, sources, known, lex) or _null(targets) or _new(targets))
        )
    ):
        return []  # a bare dictionary verb codes a dyad of actors, as PETRARCH requires ("Mugabe
        # died", "died in London": a place is no party to it)
    if (
        not targets
        and cand.code == STATEMENT
        and all(s.code == UNCODED for s in sources)
        and not _reports_clause(cand.trigger)
    ):
        return []  # '"It will help," said Nabagesera': a quote's attribution, no coded event
    if not targets and not knowledge.bare_verbs and cand.code != STATEMENT and not _new(sources):
        targets = _named_target(cand, sources, lex)  # "sanctions on Mahan Air": ---
    trigger = _trigger_span(doc, cand)
    pairs = _pairs(cand, sources, targets)
    directed: list[tuple[Actor, Actor | None, str]] = []
    if not cand.only_reverse:
        directed += [(s, t, cand.code) for s, t in pairs]
    if cand.reverse or cand.only_reverse:  # PETRARCH's [A:B]: B is what the target does back
        back = cand.reverse or cand.code
        directed += [(t, s, back) for s, t in pairs if t is not None]
    return [
        _event(doc, sent_i, source, target, code, trigger, evidence, cand, knowledge)
        for source, target, code in directed
    ]


def _event(
    doc: Doc,
    sent_i: int,
    source: Actor,
    target: Actor | None,
    code: str,
    trigger: TextSpan,
    evidence: tuple[str, int, int],
    cand: Candidate,
    knowledge: CoderKnowledge,
) -> Event:
    info = knowledge.code_info(code)
    doc_id = doc._.ew_doc_id or ""
    event_id = stable_id(
        doc_id,
        trigger.start,
        trigger.end,
        code,
        source.code,
        target.code if target else "",
        source.start,
        target.start if target else "",
    )
    entry = cand.entry.key if cand.entry else cand.pattern or cand.kind
    return Event(
        event_id=event_id,
        doc_id=doc_id,
        sentence_index=sent_i,
        source=source,
        target=target,
        cameo=code,
        cameo_root=info.root,
        plover=info.plover or "",
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        trigger=trigger,
        evidence=evidence[0],
        date=doc._.ew_date,
        date_precision="publication",
        location=None,
        confidence=max(0.05, min(1.0, cand.confidence)),
        negated=cand.negated,
        evidence_start=evidence[1],
        evidence_end=evidence[2],
        # how the event was coded, for the confidence scorer and for auditing
        extra={
            "entry": entry,
            "mode": cand.mode,
            "kind": cand.kind,
            "specificity": cand.specificity,
            "prior": round(cand.confidence, 3),
        },
    )


def dedupe(events: list[Event]) -> list[Event]:
    """Drop repeats: the same dyad and code from one trigger, and untargeted repeats of a targeted event."""
    seen: set[tuple[object, ...]] = set()
    targeted = {(e.source.code, e.cameo) for e in events if e.target is not None and not e.negated}
    out: list[Event] = []
    for event in events:
        key = (
            event.trigger.start,
            event.source.code,
            event.target.code if event.target else None,
            event.cameo,
        )
        if key in seen:
            continue
        if event.target is None and (event.source.code, event.cameo) in targeted:
            continue
        seen.add(key)
        out.append(event)
    return out
