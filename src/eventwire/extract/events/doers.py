"""Who did an act its words leave without a doer, and where it was done: the state of the
country where an agentless act of the state happens ("Ingabire was arrested in Rwanda": RWACOP),
whether an agentless act of force has a doer its clause names (else the unknown doer), and the
place of an act (its scene), whose country sector-only doers acting at home take."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Span

from ...records import Actor
from ..parsetree import ParsedToken
from .args import (
    PERSONAL,
    PRONOUNS_PLURAL,
    ActorIndex,
    conjuncts,
    doer_words,
    is_passive,
    named_doers,
    passive_subjects,
    phrase_tokens,
    prep_objects,
    subject_nouns,
)
from .countries import sentence_countries
from .lexicon import Lexicon
from .modality import _time_anchor
from .model import UNCODED, VERB_POS, Candidate
from .patterns import SUBJECTS
from .sense import PLACE_ENTS, fits, in_class


def given_doers(cand: Candidate) -> list[ParsedToken]:
    """The words that name an act's doer: its own sources, unless they are only plain adjectives
    ("a nationwide strike"), then the doers its clause gives ("the union called a nationwide
    strike": the union), or only pronouns no actor resolved ("Gazprom said it was willing")."""
    own = doer_words(cand.sources)
    if own and not (cand.alt_sources and all(t.pos_ == "PRON" for t in own)):
        return cand.sources
    return cand.alt_sources


def doer_named(cand: Candidate, index: ActorIndex, lex: Lexicon) -> bool:
    """Whether the clause of an act with no doer of its own names an actor besides those it was
    done to and the places ("killed during the Israeli operation", "wounded as Hamas and Fatah
    traded fire", "in a rescue mission launched by the Nigerian military"): the doer is likely one
    of them, so the act is not one of an unknown doer. The report's attribution ("police said")
    is not part of the clause."""
    trigger = cand.trigger
    verb = trigger.head if trigger.dep_ == "nsubj" else trigger  # "a car bomb killed six"
    skip: set[int] = set()
    held_by = [*cand.targets, *cand.alt_targets]
    if verb is not trigger and verb.lemma_.lower() in lex.consequence:
        held_by += [c for c in verb.children if c.dep_ == "dobj"]  # "an attack killed 15 soldiers"
    for held in held_by:
        skip.update(t.i for t in held.subtree)
    for child in verb.children:
        if (
            child.dep_ == "parataxis"
            or child.lemma_.lower() in lex.speech
            or child.lower_ in lex.attribution_preps  # "according to the ministry"
            or _time_anchor(child, lex)  # "since the army deposed Morsi": who acted then
        ):
            skip.update(t.i for t in child.subtree)
    for t in verb.subtree:  # "in the deadliest attack on security forces": who it was done to
        if t.dep_ == "prep" and t.lower_ in lex.victim_preps and t.head.pos_ == "NOUN":
            skip.update(x.i for x in t.subtree)
        if t.dep_ == "prep" and t.lower_ in lex.place_preps and _at_premises(t, lex):
            skip.update(x.i for x in t.subtree)  # "outside the Iraqi interior ministry": where
    sent = verb.sent
    said = [t for t in sent if t.i > verb.i and t.lemma_.lower() in lex.speech]
    if said:  # "..., police and medical sources said": the attribution, however it is parsed
        commas = [t.i for t in sent if verb.i < t.i < said[-1].i and t.text == ","]
        if commas:
            skip.update(range(commas[-1], sent.end))
    return any(
        t.i not in skip and t.ent_type_ not in PLACE_ENTS and index.by_token.get(t.i)
        for t in verb.subtree
    )  # a place ("in Afghanistan's eastern province") is where, not who


def _at_premises(prep: ParsedToken, lex: Lexicon) -> bool:
    """A place preposition whose object is a building or site (``premises``)."""
    return any(o.dep_ == "pobj" and in_class(o, ("premises",), lex) for o in prep.children)


def unnamed(cand: Candidate, code: str, country: str | None, sector: str | None) -> Actor:
    """A doer no words of the text name (the state unnamed, the unknown doer): an actor with no
    text, at the trigger."""
    at = cand.trigger.doc.idx[cand.trigger.i]
    return Actor("", at, at, code, country, sector, None)


def scene(cand: Candidate, lex: Lexicon) -> list[ParsedToken]:
    """Objects of the trigger's place prepositions, also those hanging on its object or on an
    object of those ("a protest outside the embassy in Hanoi")."""
    trigger = cand.trigger
    holders = [trigger, *(c for c in trigger.children if c.dep_ in ("dobj", "attr"))]
    holders += [t for t in cand.targets if t.head.head.i == trigger.i]  # "an attack on a mosque
    # in Kabul": where its target is
    doc = trigger.doc
    streets = [doc[i] for i in cand.tokens[1:] if in_class(doc[i], ("place",), lex)]
    named = [o for s in streets for o in prep_objects(s, ("of",))]  # "took to the streets of
    # Khartoum": a place the phrase's own place noun names
    if trigger.dep_ in ("compound", "amod", "nmod"):  # "peacekeeping operations in Iraq"
        holders.append(trigger.head)
    verb = trigger.head
    if trigger.dep_ == "nsubj" and verb.lemma_.lower() in lex.consequence:
        # "a car bomb killed six people in Baghdad": where the bombing killed is where it was
        holders += [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    elif trigger.dep_ in ("nsubj", "nsubjpass") and _occurs(verb, lex):  # "two bombs detonated
        # in Baghdad", "demonstrations were held in Algiers"
        holders.append(verb)
    if trigger.dep_ == "advcl" and trigger.tag_ == "VBG" and _occurs(verb, lex):
        holders.append(verb)  # "a bomb exploded in Baghdad, killing two": where it killed
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "for" and _destination(trigger, lex):
        holders.append(trigger.head.head)  # "arrived here for a state visit": where they came
    for other in _sharing_subject(trigger):  # "torched cars and looted shops in Paris"
        holders += [other, *(c for c in other.children if c.dep_ == "dobj")]
    return named + places_under(holders, lex)


def _destination(noun: ParsedToken, lex: Lexicon) -> bool:
    return noun.lemma_.lower() in lex.destination_nouns or noun.lower_ in lex.destination_nouns


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})


def _sharing_subject(verb: ParsedToken) -> list[ParsedToken]:
    """The verbs coordinated with a verb that share its subject: its conjuncts with no subject
    of their own, or the verb it is such a conjunct of. Their place is its place."""
    if verb.pos_ not in VERB_POS:
        return []

    def subjectless(v: ParsedToken) -> bool:
        return not any(c.dep_ in SUBJECT_DEPS for c in v.children)

    out = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in VERB_POS and subjectless(c)]
    if verb.dep_ == "conj" and verb.head.pos_ in VERB_POS and subjectless(verb):
        out.append(verb.head)
    return out


def _occurs(verb: ParsedToken, lex: Lexicon) -> bool:
    """A verb saying that its subject event happened ("exploded", "took place", "broke out")."""
    lemma = verb.lemma_.lower()
    words = [c.lemma_.lower() for c in verb.children if c.dep_ in ("prt", "dobj")]
    return lemma in lex.occurrence or any(f"{lemma} {w}" in lex.occurrence for w in words)


def places_under(holders: list[ParsedToken], lex: Lexicon, depth: int = 3) -> list[ParsedToken]:
    """Objects of place prepositions on ``holders``, and ``depth - 1`` levels of those on them; a
    place noun's "of" object is the place it names ("in the suburbs of Paris")."""
    # "here" in a datelined story is the dateline's place (``deixis.mark_here``)
    out = [c for h in holders for c in h.children if c.dep_ == "advmod" and c.lower_ == "here"]
    for _ in range(depth):
        preps = [c for h in holders for c in h.children if c.dep_ == "prep"]
        objects = [o for p in preps if p.lower_ in lex.place_preps for o in p.children]
        objects = [c for o in objects if o.dep_ == "pobj" for c in conjuncts(o)]
        objects += [
            n for o in objects if in_class(o, ("place",), lex) for n in prep_objects(o, ("of",))
        ]
        out += objects
        holders = objects
    return out


def country_in(
    tokens: list[ParsedToken], known: Callable[[list[ParsedToken], bool], list[Actor]]
) -> str | None:
    """The first country among the actors and places of some tokens."""
    return next((a.country for a in known(tokens, True) if a.country), None)


def scene_country(
    cand: Candidate, known: Callable[[list[ParsedToken], bool], list[Actor]], lex: Lexicon
) -> str | None:
    """The country of the place the action is done in."""
    return country_in(scene(cand, lex), known)


def placed(
    sources: list[Actor],
    cand: Candidate,
    known: Callable[[list[ParsedToken], bool], list[Actor]],
    lex: Lexicon,
) -> list[Actor]:
    """Sector-only doers of a sector that acts at home (``placed_sectors``: police, courts) take
    the country of the place of the act, or of their own place: "police fired in Nairobi",
    "indicted by a grand jury in Brooklyn" (USAJUD)."""
    if not any(a.code[len(UNCODED) :] in lex.placed_sectors for a in sources):
        return sources
    country = scene_country(cand, known, lex) or _own_place(cand, known, lex)
    if country is None:
        return sources
    return [
        replace(a, code=country + a.code[len(UNCODED) :], country=country)
        if a.code[len(UNCODED) :] in lex.placed_sectors
        else a
        for a in sources
    ]


def scene_roles(
    cand: Candidate,
    index: ActorIndex,
    known: Callable[[list[ParsedToken], bool], list[Actor]],
    lex: Lexicon,
) -> list[Actor]:
    """Doers known only by a role that says too little on its own ("doctors", "lawyers", "hundreds
    of people"): actors of the country where they act or where the text places them ("doctors went
    on strike across Kenya": KENHLH; "students in Dhaka": BGDEDU), else none."""
    roles = _scene_roles_of(given_doers(cand), index, lex)
    if not roles:
        return []
    country = _own_place(cand, known, lex) or scene_country(cand, known, lex)
    return _of_country(roles, country)


def scene_targets(
    cand: Candidate,
    tokens: list[ParsedToken],
    sources: list[Actor],
    index: ActorIndex,
    known: Callable[[list[ParsedToken], bool], list[Actor]],
    lex: Lexicon,
) -> list[Actor]:
    """Targets known only by a role that says too little ("two people", "50 journalists") of an
    act of coercion or violence (``scene_target_roots``): of the country where the act is done
    ("police killed two people in Nairobi": KENCVL), else of the state that acts on them at home
    (``home_sectors``: "the Turkish government detained 50 journalists": TURMED), else none."""
    if cand.root not in lex.scene_target_roots:
        return []
    roles = _scene_roles_of(tokens, index, lex) or _bare_roles(tokens, index, lex)
    if not roles:
        return []
    return _of_country(roles, scene_country(cand, known, lex) or _home_state(sources, lex))


def _scene_roles_of(tokens: list[ParsedToken], index: ActorIndex, lex: Lexicon) -> list[Actor]:
    """The roles of ``scene_sectors`` that say too little on their own among some tokens."""
    if index.scene is None:
        return []
    return [a for a in index.scene.resolve(tokens) if a.sector in lex.scene_sectors]


def _bare_roles(tokens: list[ParsedToken], index: ActorIndex, lex: Lexicon) -> list[Actor]:
    """Role words that stand alone with no country ("police arrested three protesters in
    Nairobi": the protesters, OPP): the sector only, to be placed like a scene role."""
    return [
        a
        for a in index.resolve(tokens)
        if not a.country and a.code == a.sector and a.sector in lex.scene_sectors
    ]


def _of_country(roles: list[Actor], country: str | None) -> list[Actor]:
    """Those roles as actors of a country; none without one."""
    if country is None:
        return []
    return [replace(a, code=country + a.code, country=country) for a in roles]


def _home_state(sources: list[Actor], lex: Lexicon) -> str | None:
    """The one country of doers that are all of the state's home sectors."""
    countries = {a.country for a in sources}
    home = all(a.country and (a.sector or "")[:3] in lex.home_sectors for a in sources)
    return countries.pop() if home and len(countries) == 1 else None


def unplaced(
    cand: Candidate, index: ActorIndex, lex: Lexicon, *, countryless: bool = True
) -> list[Actor]:
    """Doers known only by a role that says too little, or only counted, in a text that names no
    country at all ("students blocked the highway", "thousands rallied"): the role of the null
    country (---EDU, ---CVL), for acts of the roots that such doers' news reports
    (``unplaced_roots``: protests, strikes, demands, attacks), and statements of political roles
    only (``unplaced_statement_sectors``: "union leaders said", not "analysts said"). Where the
    text names a country (not ``countryless``), the role stays unplaced, for acts of conflict only
    (``unplaced_named_roots``): it may be of that country or not."""
    if not countryless:
        if cand.root not in lex.unplaced_named_roots:
            return []
        return null_roles(doer_words(given_doers(cand)), index)
    statement = cand.root in lex.unplaced_statement_roots
    if cand.root not in lex.unplaced_roots and not statement:
        return []
    given = doer_words(given_doers(cand))
    if statement:  # "union leaders said": a political role's statement; not "analysts said"
        roles = null_roles(given, index)
        return [a for a in roles if (a.sector or "")[:3] in lex.unplaced_statement_sectors]
    if cand.root in lex.public_roots and all(_crowd(t, lex) for t in given):
        if not given:  # "mass protests broke out"; not "the protest was broken up by police"
            return [unnamed(cand, UNCODED + "CVL", None, "CVL")] if _reported(cand, lex) else []
        return [civilians(_crowd_span(given[0], lex), None)]
    return null_roles(given, index)  # "students", "rights groups"


def unplaced_noun(cand: Candidate, lex: Lexicon) -> list[Actor]:
    """The doer of an act in a text that names no country at all, when only a common noun no
    dictionary nor role word codes names it ("the two countries restored diplomatic relations",
    "the rioters torched cars"): an actor with the null code and its noun phrase as the span,
    for the acts of ``unplaced_roots`` (a statement needs a political role, as in ``unplaced``).
    Not a thing that only shows or records (``inert_doer_classes``: "a poll showed support"),
    nor an act, its own or another ("the bombing killed dozens": the bombing's event has its
    doer)."""
    noun = _doer_noun(cand, lex)
    if (
        noun is None
        or noun.i in cand.tokens  # "the prisoner exchange took place": the act itself
        or noun.lemma_.lower() in lex.nouns
        or in_class(noun, tuple(lex.inert_doer_classes), lex)
    ):
        return []
    return [uncoded_phrase(noun)]


def _doer_noun(cand: Candidate, lex: Lexicon) -> ParsedToken | None:
    """The common noun that names the doer of an act of ``unplaced_roots``, if one does."""
    given = doer_words(given_doers(cand)) if cand.root in lex.unplaced_roots else []
    return given[0] if given and given[0].pos_ == "NOUN" else None


def civilians(span: Span, country: str | None) -> Actor:
    """The civilians (CVL) of a country, or of the null country, that some words name."""
    code = (country or UNCODED) + "CVL"
    return Actor(span.text, span.start_char, span.end_char, code, country, "CVL", None)


def uncoded_phrase(noun: ParsedToken) -> Actor:
    """An actor no dictionary codes (---), its span the noun's phrase."""
    span = noun_phrase(noun)
    return Actor(span.text, span.start_char, span.end_char, UNCODED, None, None, span.text)


def passive_agent(cand: Candidate, lex: Lexicon) -> list[Actor]:
    """The "by" agent of a passive act named by what it is, not by a role any dictionary codes
    (``perpetrator`` class: "Rabin was assassinated by a Jewish extremist"): an actor with the
    null code and its noun phrase as the span, as a name no dictionary knows is."""
    for token in cand.sources:
        if token.pos_ != "NOUN" or token.dep_ != "pobj" or token.head.dep_ != "agent":
            continue
        if in_class(token, ("perpetrator",), lex):
            return [uncoded_phrase(token)]
    return []


def people_doer(
    cand: Candidate,
    index: ActorIndex,
    known: Callable[[list[ParsedToken], bool], list[Actor]],
    lex: Lexicon,
) -> list[Actor]:
    """People a common noun names by what they are, not by a role any dictionary codes
    ("hardliners in Tehran criticized the deal", "tribal elders in Yemen negotiated"; the
    ``perpetrator`` and ``people`` classes), doing an act of ``unplaced_roots`` (not a statement):
    the civilians of the country their own words place them in ("in Tehran": IRNCVL). Unplaced,
    they stay without a code where the text names a country, as roles do ("critics accused the
    Kenyan government": Kenyans or not); a text that names none has ``unplaced_noun``."""
    noun = _doer_noun(cand, lex)
    if noun is None or not in_class(noun, ("perpetrator", "people"), lex):
        return []
    if null_roles([noun], index):
        return []
    country = _own_place(cand, known, lex)
    if country is None:
        return []  # "critics accused the Kenyan government": of Kenya or not, the text may not say
    return [civilians(noun_phrase(noun), country)]


def unseen_doer(cand: Candidate, lex: Lexicon) -> list[Actor]:
    """The unknown doer of an agentless report, in a text that names no country at all, of an act
    of ``unplaced_roots`` (not a statement): a passive with no agent ("the curfew was lifted on
    Tuesday", "the hostages were freed") or an act noun said to happen ("talks were held in the
    capital"). With no country named, no place or target can say more, and the act is still news;
    where a country is named, ``unknown_doer`` decides."""
    if cand.root not in lex.unplaced_roots or doer_words(given_doers(cand)):
        return []
    trigger = cand.trigger
    agentless = is_passive(trigger) if trigger.pos_ in VERB_POS else _reported(cand, lex)
    return [unnamed(cand, UNCODED, None, None)] if agentless else []


def unsaid_subject(cand: Candidate, lex: Lexicon) -> list[Actor]:
    """The unknown doer of an active verb in a text of one sentence whose subject names no one the
    text identifies: a pronoun with nothing before it to point back to ("He urged Belgrade and
    Pristina to resume talks"). The act is still reported; who did it, the text does not say.
    A passive with no agent stays PETRARCH's no event (posture acts keep their own rule)."""
    trigger = cand.trigger
    if trigger.pos_ not in VERB_POS or is_passive(trigger):
        return []
    given = given_doers(cand)
    if not given or any(t.pos_ != "PRON" for t in given):
        return []
    doc, first = trigger.doc, min(t.i for t in given)
    if any(doc[i].pos_ in ("NOUN", "PROPN") for i in range(trigger.sent.start, first)):
        return []  # "the Houthis claimed that they had attacked": they are the Houthis
    return [unnamed(cand, UNCODED, None, None)]


def personal_subject(cand: Candidate) -> bool:
    """Whether the act's subject is a pronoun that names people ("he", "she", "they") or a body
    the sentence opens with ("It lifted a ban on the opposition": a sentence taken from a story,
    not '"It will help," said X'), and what it was done to is not only pronouns too ("they
    attacked them": no one identified)."""
    given = given_doers(cand)
    if cand.targets and all(t.pos_ == "PRON" for t in cand.targets):
        return False
    return bool(given) and all(
        t.lower_ in PERSONAL | PRONOUNS_PLURAL or (t.lower_ == "it" and t.i == t.sent.start)
        for t in given
    )


def null_roles(tokens: list[ParsedToken], index: ActorIndex) -> list[Actor]:
    """The sector-only roles of some tokens, of the main index or the scene roles ("policemen",
    "a journalist", "students"), as roles of the null country (---COP, ---MED, ---EDU)."""
    roles = index.resolve(tokens) + (index.scene.resolve(tokens) if index.scene else [])
    return [
        replace(a, code=UNCODED + a.code, country=None)
        for a in roles
        if a.sector and not a.country and not a.code.startswith(UNCODED)
    ]


def _reported(cand: Candidate, lex: Lexicon) -> bool:
    """An act reported as such: a verb, or an event noun said to happen ("protests broke out",
    "there were protests"), not one named as what another act was done to."""
    trigger = cand.trigger
    if trigger.pos_ in VERB_POS:
        return True
    if trigger.dep_ in ("nsubj", "nsubjpass") and _occurs(trigger.head, lex):
        return True
    head = trigger.head
    return trigger.dep_ == "attr" and any(c.dep_ == "expl" for c in head.children)


def _own_place(
    cand: Candidate, known: Callable[[list[ParsedToken], bool], list[Actor]], lex: Lexicon
) -> str | None:
    """The country of the place the doer's words put it in or say it is from ("students in Dhaka",
    "doctors from Mombasa")."""
    doers = given_doers(cand)
    origins = [o for d in doers for o in prep_objects(d, lex.origin_preps)]
    return country_in(places_under(doers, lex, depth=2) + origins, known)  # "at a prison in Gitega"


def the_public(
    cand: Candidate, known: Callable[[list[ParsedToken], bool], list[Actor]], lex: Lexicon
) -> list[Actor]:
    """The doer of a public act (``public_roots``: protests) that no words name or only count: the
    civilians of the country where it happens ("protests broke out in several Iranian cities",
    "tens of thousands rallied in Warsaw": IRNCVL, POLCVL)."""
    given = doer_words(given_doers(cand))
    if cand.root not in lex.public_roots or not all(_crowd(t, lex) for t in given):
        return []
    country = scene_country(cand, known, lex)
    if country is None:
        return []
    if not given:
        return [unnamed(cand, country + "CVL", country, "CVL")]
    return [civilians(_crowd_span(given[0], lex), country)]


def _crowd_span(first: ParsedToken, lex: Lexicon) -> Span:
    """The words of a counted crowd: "tens of thousands", not "thousands"."""
    while first.dep_ == "pobj" and first.head.lower_ == "of" and _crowd(first.head.head, lex):
        first = first.head.head
    return first.doc.span(first.left_edge.i, first.right_edge.i + 1)


def _crowd(token: ParsedToken, lex: Lexicon) -> bool:
    """A crowd only counted ("thousands", "tens of thousands"), not named ("thousands of nurses")."""
    inner = prep_objects(token, ("of",))
    return token.lemma_.lower() in lex.crowd_counts and all(_crowd(t, lex) for t in inner)


def state_actor(
    cand: Candidate,
    index: ActorIndex,
    known: Callable[[list[ParsedToken], bool], list[Actor]],
    lex: Lexicon,
    local: str | None,
) -> Actor:
    """The state that does an act of the state whose doer no actor names ("Ingabire was
    arrested in Rwanda": RWACOP; "a federal jury convicted"): an actor of the act's sector that
    the sentence names in the country where it happens ("was arrested, police said"), else that
    state, unnamed. The country: the place of the act, else the one country the sentence names
    besides the target's, or the target's where it names no other ("Egyptian activists were
    freed"), else the document's where the sentence names none (``local``); PETRARCH's
    sector-only code ("---COP") where none is known."""
    sector = cand.state_sector or "GOV"
    sent = cand.trigger.sent
    country = scene_country(cand, known, lex)
    if country is None:
        countries = sentence_countries(sent, index)
        undergoing = {a.country for a in known(described(cand.targets), True)}
        others = [c for c in countries if c not in undergoing] if len(countries) > 1 else countries
        country = others[0] if len(others) == 1 else local
    undergo = {t.i for t in cand.targets}
    named = [  # "was arrested, police said": the police
        actor
        for i in range(sent.start, sent.end)
        if i not in undergo
        for actor in index.by_token.get(i, ())
        if actor.sector == sector and (None in (country, actor.country) or country == actor.country)
    ]
    if named:
        state = named[0].country or country
        code = named[0].code if named[0].country else (state or UNCODED) + named[0].code
        return replace(named[0], code=code, country=state)
    return unnamed(cand, (country or UNCODED) + sector, country, sector)


def described(tokens: list[ParsedToken]) -> list[ParsedToken]:
    """Tokens with the words that describe them, their clauses left out: "the son of the former
    president of Liberia", "Priebke, a former SS captain" (not "who was extradited from ...")."""
    return phrase_tokens(tokens, CLAUSE_DEPS)


# links to clauses hanging on a noun: they tell what it did or underwent, not who it is
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "parataxis"})


def subject_events(cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """An event noun as subject: "a car bomb killed six" is the bombing; "a suicide bomber struck"
    refines the generic attack to a suicide bombing. Returns the candidates left: the doer named by
    an act ("gunmen", "a suicide bomber") of an act of force it is the subject of is that one act,
    told by its verb ("gunmen shot dead a leader" is the killing, not a shooting besides)."""
    by_trigger = {c.trigger.i: c for c in cands}
    merged: set[int] = set()
    for cand in cands:
        if cand.trigger.pos_ not in VERB_POS:
            continue
        for noun in subject_nouns(cand.trigger):
            subject = by_trigger.get(noun.i)
            if subject is None or int(subject.root) < 14:
                continue
            agent = noun.lemma_.lower() in lex.agent_events or noun.lower_ in lex.agent_events
            consequence = cand.trigger.lemma_.lower() in lex.consequence
            if consequence and not subject.targets:
                # "a drone strike killed the general": who the strike hit is whom it killed
                subject.alt_targets = cand.targets + subject.alt_targets
            if consequence and not agent:  # "a car bomb killed six people": a doer the text
                subject.unknown_doer = subject.root in lex.unknown_doer_roots  # may not name
                subject.depth, cand.depth = cand.depth, cand.depth + 1
            elif agent and cand.code.endswith("0") and int(cand.root) >= 18 <= int(subject.root):
                cand.code = subject.code
            if agent and int(cand.root) >= 18 and not subject.negated:
                if consequence and subject.root == "18":  # "a suicide bomber killed six": 1831
                    cand.code = subject.code
                merged.add(subject.trigger.i)
    return [c for c in cands if c.trigger.i not in merged]


def acting_groups(cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """A noun that names a group by what it does ("UN peacekeepers", "the peacekeeping mission")
    is an actor, not an event, where the sentence makes it the doer or the addressee of another
    act, or the subject of any verb ("UN peacekeepers opened fire", "ordered the peacekeeping
    mission to pull out", "demanded that peacekeepers do more")."""
    held: set[int] = set()
    for cand in cands:
        for token in (*cand.sources, *cand.alt_sources, *cand.targets, *cand.alt_targets):
            held.add(token.i)
    return [
        c
        for c in cands
        if not (_group_noun(c, lex) and (c.trigger.i in held or c.trigger.dep_ in SUBJECTS))
    ]


def _group_noun(cand: Candidate, lex: Lexicon) -> bool:
    noun = cand.trigger
    if noun.pos_ != "NOUN" or int(cand.root) >= 14:  # "gunmen shot": subject_events' merge
        return False
    return noun.lemma_.lower() in lex.agent_events or noun.lemma_.lower() in lex.group_frames


def died_in(cands: list[Candidate], lex: Lexicon) -> None:
    """An act of force the dead died in ("eleven civilians died in a rocket attack", "lost their
    lives in a bombing", "three protesters were killed in clashes"): done by someone the text
    may not name, to those who died."""
    for cand in cands:
        noun = cand.trigger
        if noun.pos_ != "NOUN" or int(cand.root) < 18 or not dying_in(noun, lex):
            continue
        verb = noun.head.head
        if cand.reciprocal or any(c.lower_ in ("between", "by") for c in noun.children):
            continue  # "died in fighting between the army and rebels": the fight is theirs
        dead = _undergone_by_subjects(cand, verb, lex)  # the dead did not do it
        cand.alt_targets = dead + cand.alt_targets


def _undergone_by_subjects(cand: Candidate, verb: ParsedToken, lex: Lexicon) -> list[ParsedToken]:
    """The subjects of the verb an act of force is told through ("died in", "survived"): they
    underwent the act, so none of their words is its doer, and a doer the act's own words do not
    name is unknown. Returns them."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] or passive_subjects(verb)
    theirs = {t.i for s in subjects for t in s.subtree}
    cand.sources = [t for t in cand.sources if t.i not in theirs]
    cand.alt_sources = [t for t in cand.alt_sources if t.i not in theirs]
    cand.unknown_doer = cand.root in lex.unknown_doer_roots
    return subjects


def survived(cands: list[Candidate], lex: Lexicon) -> None:
    """An act of force its victim survived or escaped (``survival_verbs``: "Maduro survived an
    assassination attempt", "the minister escaped an ambush"): done to the verb's subject, by
    whom the act's own words name, else by someone the text does not name."""
    for cand in cands:
        noun = cand.trigger
        if noun.pos_ != "NOUN" or int(cand.root) < 18 or noun.dep_ != "dobj":
            continue
        verb = noun.head
        if verb.lemma_.lower() not in lex.survival_verbs:
            continue
        victims = _undergone_by_subjects(cand, verb, lex)
        cand.targets = victims + [t for t in cand.targets if t.i > noun.i]


def occurred(cands: list[Candidate], lex: Lexicon) -> None:
    """An act of force said only to happen, its doer unnamed ("a bomb exploded at a market in
    Quetta", "a car bomb went off outside a police station in Kirkuk"): done by someone the text
    does not name, where it happened (``unknown_doer_place_roots``). A common noun before it is
    what it was ("car bomb"), not who. So is one whose outcome a verb that is no trigger of its
    own reports ("the bombing of the embassy left 41 people dead", ``consequence``): on whom it
    left so; and one said to have caused a reaction ("the killing of the opposition leader sparked
    protests", ``reaction_verbs``)."""
    triggers = {c.trigger.i for c in cands}
    for cand in cands:
        noun = cand.trigger
        if cand.root not in lex.unknown_doer_place_roots or noun.pos_ != "NOUN":
            continue
        if noun.dep_ not in ("nsubj", "nsubjpass"):
            continue
        verb = noun.head
        outcome = verb.lemma_.lower() in lex.consequence and verb.i not in triggers
        reaction = verb.lemma_.lower() in lex.reaction_verbs  # "the killing sparked protests"
        if not (outcome or reaction or _occurs(verb, lex)):
            continue
        if outcome and not cand.targets:  # "left 41 people dead": whom it hit
            cand.alt_targets = [c for c in verb.children if c.dep_ == "dobj"] + cand.alt_targets
        if named_doers(cand.sources) or named_doers(cand.alt_sources):
            continue  # "a Taliban bomb exploded": the Taliban's
        cand.sources, cand.alt_sources = [], []
        cand.unknown_doer = True


def _death(verb: ParsedToken, lex: Lexicon) -> bool:
    lemma = verb.lemma_.lower()
    objects = [c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"]
    return lemma in lex.death_verbs or any(f"{lemma} {o}" in lex.death_verbs for o in objects)


def fought_by_dead(cands: list[Candidate], lex: Lexicon) -> None:
    """A fight whose words name no side, in which armed men of two or more groups died ("three
    soldiers and dozens of Boko Haram insurgents were killed during clashes"): those groups are
    its sides, and fight each other."""
    for cand in cands:
        noun = cand.trigger
        if cand.root != "19" or noun.pos_ != "NOUN" or noun.dep_ != "pobj":
            continue
        if cand.sources or cand.targets or cand.alt_sources:
            continue
        if not dying_in(noun, lex):
            continue
        verb = noun.head.head
        dead = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        # armed men, also through a quantity noun ("dozens of insurgents")
        sides = [t for t in conjuncts(dead[0]) if fits(t, ("combatant",), lex)] if dead else []
        if len(sides) >= 2:
            cand.sources, cand.reciprocal = sides, True


def dying_in(noun: ParsedToken, lex: Lexicon) -> bool:
    """A noun in which people died or were killed ("killed during clashes", "died in fighting")."""
    prep, verb = noun.head, noun.head.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("in", "during", "amid"):
        return False
    return (verb.lemma_.lower() in lex.consequence and is_passive(verb)) or _death(verb, lex)


def between_sides(cands: list[Candidate], lex: Lexicon) -> None:
    """A mutual act with no doer of its own whose noun names the sides ("ties between Saudi Arabia
    and Iran were restored", "talks between the two Koreas resumed"), or the verb saying it
    happened ("clashes erupted between Azerbaijani and Armenian forces"): the sides do it to each
    other."""
    for cand in cands:
        noun = cand.trigger
        named = [t for t in cand.alt_sources if t.ent_type_]  # not "diplomatic" ties
        if cand.sources or named or not (cand.reciprocal_entry or cand.root == "19"):
            continue
        if not cand.targets and noun.dep_ == "nsubj" and _occurs(noun.head, lex):
            cand.targets = prep_objects(noun.head, ("between",))
        first = cand.targets[0] if _sides(cand.targets) else None
        if first is not None and first.head.dep_ == "prep" and first.head.lower_ == "between":
            cand.sources, cand.targets, cand.reciprocal = cand.targets, [], True
            cand.alt_sources = []


def several(doers: list[ParsedToken]) -> bool:
    """More than one doer: coordinated ("China and Russia", "Russian and Chinese warships"), of
    several ("the navies of India and Japan"; not "the navy of India") or counted ("the two
    militaries")."""
    own = [t for d in doers for t in conjuncts(d)]
    owners = [conjuncts(o) for d in doers for o in prep_objects(d, ("of",))]
    counted = any(
        c.dep_ == "nummod" and c.lower_ not in ("one", "1") for d in doers for c in d.children
    )
    return _sides(own) or any(_sides(o) for o in owners) or counted


def _sides(tokens: list[ParsedToken]) -> bool:
    """Two sides or more: coordinated nouns, or coordinated modifiers of one ("Azerbaijani and
    Armenian forces")."""
    if len(tokens) != 1:
        return len(tokens) > 1
    mods = [c for c in tokens[0].children if c.dep_ in ("amod", "nmod", "compound")]
    return any(c.dep_ == "conj" for m in mods for c in m.children)


def first_body(cand: Candidate, index: ActorIndex, lex: Lexicon) -> list[Actor]:
    """A body a common noun introduces as the doer ("the committee called on Israel to halt", "the
    group vowed"; ``body`` class) where no actor is named before it in the document, so that it can
    stand for none named earlier: an actor no dictionary codes (---), with its words as the span."""
    given = doer_words(given_doers(cand))
    if not given or given[0].pos_ != "NOUN" or not in_class(given[0], ("body",), lex):
        return []
    noun = given[0]
    if any(i < noun.i for i in index.by_token):
        return []  # "the group" after a named actor may be that actor
    if prep_objects(noun, ("of",)):
        return []  # "an assembly of foreign ministers": its members say who it is
    return [uncoded_phrase(noun)]


def lone_sentence(sent: Span) -> bool:
    """The document is this one sentence (a text of one sentence: no story around it)."""
    doc = sent.doc
    return all(doc[i].is_space for i in range(0, sent.start)) and all(
        doc[i].is_space for i in range(sent.end, len(doc))
    )


# people named by what they are ("critics", "mourners") keep ``people_doer``'s reading
LONE_DOER_CLASSES = ("body", "own_body", "workforce", "combatant", "emissary")


def lone_doer(cand: Candidate, index: ActorIndex, lex: Lexicon) -> list[Actor]:
    """The doer of an act in a text of one sentence, named by words no dictionary codes ("Envoys of
    the Middle East Quartet met in Brussels", "Representatives of the city councils of Tijuana
    and San Diego signed"): with no story around it, no earlier actor can be the one meant, so
    the phrase itself is who acted, an actor no dictionary codes (---), as ``first_body`` reads a
    body. Only people, groups and bodies (a role, a collective of people): never a thing, a
    weapon, a place or a pronoun, nor a role the index knows ("police": the roles' own rules)."""
    given = doer_words(given_doers(cand))
    if not given or given[0].pos_ != "NOUN" or given[0].i in index.places:
        return []
    noun = given[0]
    if noun.dep_ in ("compound", "amod", "poss"):
        return []  # "a police roadblock": a role word as the act's modifier, not a body named
    if not _people_noun(noun, lex) or index.resolve([noun]) or null_roles([noun], index):
        return []
    if any(i < noun.i for i in index.by_token):
        return []  # an actor named before it may be the one meant
    if in_class(noun, ("emissary",), lex):  # "Diplomats said": a state's agents, of no country
        return [replace(uncoded_phrase(noun), code=UNCODED + "GOV", sector="GOV", name=None)]
    return [uncoded_phrase(noun)]


def _people_noun(noun: ParsedToken, lex: Lexicon) -> bool:
    """A noun that names people or a body of them; a collective ("a contingent of", "a group of")
    only by what its "of" object names."""
    word = noun.lemma_.lower()
    if word in lex.quantity_nouns:
        return any(_people_noun(t, lex) for t in prep_objects(noun, ("of",)) if t.pos_ == "NOUN")
    return in_class(noun, LONE_DOER_CLASSES, lex) or word in lex.agent_nouns


def noun_phrase(token: ParsedToken) -> Span:
    """A noun with the words that describe it, its clauses and bordering punctuation left out."""
    tokens = sorted(t.i for t in described([token]) if not t.is_punct)
    return token.doc.span(tokens[0], tokens[-1] + 1)
