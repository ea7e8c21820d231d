"""Arguments of an action on the dependency parse: who acts (source) and on whom (target).

Works on tokens only; actors are looked up afterwards in the actor mentions the coder is given,
through :class:`ActorIndex`, so the coder improves as the actor resolver improves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from ...records import Actor
from ..doctext import text_of
from ..parsetree import ParsedDoc, ParsedToken
from .coordination import conjuncts, hyphen_partners, listed
from .model import NOUN_POS

SUBJ = ("nsubj", "csubj")
PASSIVE_SUBJ = ("nsubjpass", "csubjpass")
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
# finite verb forms: on a noun as its modifier, a parse error (a participle's VBN is often read
# as VBD: "Spicer, freed in Papua New Guinea, arrived")
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
# links through which an action shares the subject of the word it hangs on
CLIMB = frozenset(
    {"xcomp", "advcl", "conj", "pcomp", "prep", "acl", "relcl", "ccomp", "pobj", "dobj", "acomp"}
)
# modifiers before a noun that may name its country ("Syrian officials", "Iraq leaders")
MODIFIER_DEPS = frozenset({"amod", "nmod", "compound"})
# prepositions whose country a coordinated role shares ("lawmakers and officials in France")
SHARED_PREPS = frozenset({"in", "of", "from"})
# dependents of an argument noun where an actor may sit ("the US strategy", "Moscow's annexation")
ACTOR_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "npadvmod"})


def reported(clause: ParsedToken, speech: frozenset[str]) -> bool:
    """A clause reported by a verb of speaking ("Egypt said [Ethiopia must stop]")."""
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in speech


def is_passive(verb: ParsedToken) -> bool:
    """A passive verb, also a participle coordinated with one that shares its subject ("was shot
    and wounded")."""
    return _own_passive(verb) or _shared_passive(verb)


def _own_passive(verb: ParsedToken) -> bool:
    return any(c.dep_ in PASSIVE_SUBJ or c.dep_ == "auxpass" for c in verb.children)


def _shared_passive(verb: ParsedToken) -> bool:
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and verb.head.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in SUBJ or c.dep_ in PASSIVE_SUBJ for c in verb.children)
        and _own_passive(verb.head)
    )


def phrase_tokens(tokens: Iterable[ParsedToken], cut: frozenset[str]) -> list[ParsedToken]:
    """The tokens and everything below them but the subtrees hanging by a ``cut`` dependency
    (a phrase without its clauses), in no particular order."""
    out: list[ParsedToken] = []
    stack = list(tokens)
    while stack:
        token = stack.pop()
        out.append(token)
        stack += [c for c in token.children if c.dep_ not in cut]
    return out


def prep_objects(head: ParsedToken, preps: Iterable[str]) -> list[ParsedToken]:
    """Objects of the given prepositions under ``head`` (in the order of ``preps``)."""
    wanted = list(preps)
    found: list[tuple[int, ParsedToken]] = []
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in PARTICLE_PREPS:  # "pulled out of Somalia"
            child = next((c for c in child.children if c.dep_ == "prep"), child)
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in wanted:
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp") and not _a_time(obj):
                    found.extend((wanted.index(child.lower_), t) for t in conjuncts(obj))
    return [t for _, t in sorted(found, key=lambda p: p[0])]


def passive_agents(verb: ParsedToken) -> list[ParsedToken]:
    """The "by" agents of a passive, also where the parser hung "by" on the noun of an "as"
    phrase ("was recognised as an independent state by the United States") or on the passive's
    own object ("Snowden was given asylum by Russian authorities")."""
    agents = prep_objects(verb, ("by",))
    if agents:
        return agents
    held = prep_objects(verb, ("as",))
    if is_passive(verb):
        held += [c for c in verb.children if c.dep_ == "dobj"]
    return [t for noun in held for t in prep_objects(noun, ("by",))]


def passive_subjects(verb: ParsedToken) -> list[ParsedToken]:
    """A passive verb's subjects (a coordinated participle's are its head's), none for an active
    one."""
    if _shared_passive(verb):
        verb = verb.head
    return [c for c in verb.children if c.dep_ in PASSIVE_SUBJ] if is_passive(verb) else []


def passive_addressees(noun: ParsedToken) -> list[ParsedToken]:
    """Whom an act noun is addressed to when it is a passive's subject: "an appeal was made to the
    United Nations", "a warning was issued to Syria by Turkey"."""
    if noun.pos_ not in NOUN_POS or noun.dep_ not in PASSIVE_SUBJ or not is_passive(noun.head):
        return []
    return prep_objects(noun.head, ("to", "against"))  # not "with": a partner, not an addressee


def _a_time(obj: ParsedToken) -> bool:
    """A preposition's object that is all a time ("on Tuesday", "in 2015"): when, not whom."""
    return all(t.ent_type_ in ("DATE", "TIME") for t in obj.subtree)


# adverbs the parser reads as prepositions heading the real one ("out of", "away from")
PARTICLE_PREPS = frozenset({"out", "away", "back"})
BARE_INFINITIVE = frozenset({"let", "make", "help"})  # "let inspectors resume": VBP is a tag error


def _compound_names(verb: ParsedToken) -> list[ParsedToken]:
    """Names before a finite verb with no subject that the parser attached to it as compound or
    possessive modifiers, as if the verb were a noun ("Ethiopia act on a resolution", "Myanmar's
    military fired artillery" read as a noun "fired" with "Myanmar's" and "military"): its
    subject."""
    return [
        c
        for c in verb.children
        if c.dep_ in ("compound", "poss") and c.i < verb.i and c.pos_ == "PROPN"
    ]


def of_object_preps(
    noun: ParsedToken, preps: Iterable[str], via: tuple[str, ...] = ("of",)
) -> list[ParsedToken]:
    """Objects of the given prepositions under a noun's "of" (``via``) objects, where the parser
    hangs them ("the signing of a treaty by A and B", "a loan of two billion dollars from China",
    "talks on a new constitution between A and B")."""
    wanted = tuple(preps)
    return [t for o in prep_objects(noun, via) for t in prep_objects(o, wanted)]


def verb_subject(verb: ParsedToken, *, max_climb: int = 6) -> list[ParsedToken]:
    """Subject tokens of a verb: its own, a relative clause's head, or the subject it shares."""
    current = verb
    means = False  # climbing from "by V-ing": the means of the main clause, not of a participle
    via = ""  # the dependency climbed to reach ``current``
    if verb.pos_ in NOUN_POS and verb.dep_ in PASSIVE_SUBJ and is_passive(verb.head):
        return passive_agents(verb.head)  # "an appeal was made by Iran": who made it
    for step in range(max_climb):
        if step == 0 and (
            is_passive(current) or is_passive_participle(current) or agent_participle(current)
        ):
            # the passive subject (or the noun a passive participle modifies) is the target:
            # the source is the "by" agent or unknown ("protesters who were arrested")
            return passive_agents(current)
        if is_passive(current):
            agents = passive_agents(current)
            if agents:
                return agents
        subjects = [c for c in current.children if c.dep_ in SUBJ]
        if not subjects and via == "xcomp" and is_passive(current):
            # "Putin is set to visit", "X was asked to leave": the passive subject does the infinitive
            subjects = [c for c in current.children if c.dep_ in PASSIVE_SUBJ]
        if subjects:
            if subjects[0].lower_ in RELATIVE and current.dep_ == "relcl":
                return conjuncts(current.head)
            # all of them: "Old foes Iran and Syria renewed ties" may parse with two subjects
            return [t for child in subjects for t in listed(child)]
        if current.tag_ in FINITE_TAGS and (names := _compound_names(current)):
            return names  # "Ethiopia act on a resolution": a name the parser hung on the verb
        if current.dep_ == "acl" and current.tag_ in ("VBG", "VBN") and not means:
            return [current.head]  # "the strategy describing them"
        if (
            current.dep_ == "acl"
            and (current.tag_ in FINITE_TAGS or misparsed_finite(current))
            and (subject := _sentence_noun(current)) is not None
        ):
            # a finite verb the parser hung on its subject, a noun phrase left as the sentence
            # ("The Russian ambassador called on President Aliyev": "called" as a modifier), or on
            # a noun inside it ("3,000 combatants of the FARC handed in their weapons")
            return [subject]
        if current.dep_ == "relcl":
            return [current.head]
        if current.dep_ == "acl" and current.tag_ == "VB" and (owners := possessors(current.head)):
            return owners  # "Washington's decision to send troops"
        if current.dep_ not in CLIMB or current.head.i == current.i or current.dep_ == "ccomp":
            return []  # a reported clause has its own subject
        if current.dep_ == "pcomp" and current.head.lower_ == "by":
            means = True
        via = current.dep_
        current = current.head
        while means and current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
            current = current.head  # up to the clause the means adjunct belongs to
            if current.pos_ == "VERB" and current.dep_ != "acl":
                means = False
    return []


def _sentence_noun(verb: ParsedToken) -> ParsedToken | None:
    """The noun left as the sentence's root that a modifier verb hangs under, through nouns and
    "of" only: the verb's subject where the parser missed the clause."""
    head = verb.head
    if head.dep_ == "ROOT":
        return head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.dep_ == "ROOT":
        root = head.head.head
        return root if root.pos_ in NOUN_POS else None
    return None


def possessors(noun: ParsedToken) -> list[ParsedToken]:
    """Whose a noun is ("Iraq's readiness", "Iran and Iraq's plan", "demands by the United
    States"): the doer of its action. Not a pronoun ("indicated their willingness"): the clause's
    subject says whose."""
    owners = [t for c in noun.children if c.dep_ == "poss" and c.tag_ != "PRP$" for t in listed(c)]
    return owners or prep_objects(noun, ("by",))


def quoted_speaker(verb: ParsedToken) -> list[ParsedToken]:
    """The speaker of "quoted X as saying" (or "cited X as saying"): the noun the "as" phrase
    hangs on, or the object of the verb it hangs on."""
    prep = verb.head
    if verb.dep_ not in ("pcomp", "pobj") or prep.lower_ != "as" or prep.dep_ != "prep":
        return []
    host = prep.head
    if host.pos_ in ("NOUN", "PROPN"):
        return conjuncts(host)
    return [t for c in host.children if c.dep_ == "dobj" for t in conjuncts(c)]


def trailing_speaker(verb: ParsedToken) -> list[ParsedToken]:
    """The speaker of a verb of speaking that ends a sentence after a comma but that the parser
    left without a subject ("..., the Syrian Observatory for Human Rights, or SOHR, said on
    Thursday", the speaker read as an apposition of the clause's last noun): the noun phrase
    between that comma and the verb."""
    if any(c.dep_ in SUBJ for c in verb.children) or verb.dep_ not in ("conj", "parataxis", "ROOT"):
        return []
    doc = verb.doc
    last = verb.i - 1
    while last >= 0 and doc[last].is_punct:
        last -= 1
    if last < 0 or doc[last].pos_ not in ("NOUN", "PROPN"):
        return []
    head = doc[last]
    while head.dep_ in ("conj", "pobj", "prep", "compound") and head.head.i < head.i:
        head = head.head  # up to the phrase's head: "the Observatory for Human Rights, or SOHR"
    opening = head.left_edge.i - 1
    if opening < 0 or doc[opening].text != "," or head.dep_ not in ("appos", "npadvmod", "conj"):
        return []
    return conjuncts(head)


def is_passive_participle(verb: ParsedToken) -> bool:
    """A past participle modifying a noun ("the activists arrested by police")."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and not misparsed_finite(verb)


def misparsed_finite(verb: ParsedToken) -> bool:
    """A past participle the parser hung on a sentence left as a noun phrase, with a direct object
    of its own and no agent: the sentence's finite verb ("A car bombing killed 28 soldiers")."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and verb.head.dep_ == "ROOT"
        and any(c.dep_ == "dobj" for c in verb.children)
        and not any(c.dep_ == "agent" for c in verb.children)
    )


def agent_participle(verb: ParsedToken) -> bool:
    """A past participle with a "by" agent, whatever it hangs on: a passive ("Tshisekedi fought
    on, rebuffed by rebels and assailed by his opponents")."""
    return verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children)


def _undergoer(verb: ParsedToken) -> list[ParsedToken]:
    """Who undergoes a passive participle that qualifies a clause: that clause's subject."""
    head = verb
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head  # "rebuffed by rebels and assailed by his opponents"
    if head.dep_ != "advcl" or not agent_participle(verb):
        return []
    return [t for c in head.head.children if c.dep_ in SUBJ for t in conjuncts(c)]


def reported_act(verb: ParsedToken) -> bool:
    """A verb that reports its act, active or passive ("a jury convicted", "Ingabire was
    arrested", "clubbers arrested in Bali were paraded"), not a participle describing an object,
    which is background ("executed three men convicted of smuggling"); a passive whose "by"
    agent the text names has that doer, coded or not ("banned by the missionaries")."""
    if prep_objects(verb, ("by",)):
        return False
    if not is_passive_participle(verb):
        return True
    return verb.head.dep_ not in ("dobj", "pobj", "attr", "dative")


def target_groups(
    verb: ParsedToken, roles: tuple[str, ...], own: frozenset[int] = frozenset()
) -> list[list[ParsedToken]]:
    """Candidate targets of a verb by role, in order: the passive subject, objects, prepositions.
    A passive subject among ``own`` (the phrase's own noun: "sanctions were imposed on Iran") is
    the act, not its target: the roles are read as for the active verb."""
    act_subject = False
    if is_passive(verb):
        subj = passive_subjects(verb)
        act_subject = bool(subj) and subj[0].i in own
        holder = subj[0].head if subj else verb  # "who was kidnapped and has been held"
        if subj and subj[0].lower_ in RELATIVE and holder.dep_ == "relcl":
            return [conjuncts(holder.head)]  # "protesters who were arrested": the protesters
        if subj and not act_subject:
            return [conjuncts(subj[0])]
    if is_passive_participle(verb) and not act_subject and verb.head.i not in own:
        return [conjuncts(verb.head)]  # "the case brought against Myanmar": the phrase's own noun
    undergoer = _undergoer(verb)
    if undergoer:
        return [undergoer]
    groups: list[list[ParsedToken]] = []
    for role in roles:
        found: list[ParsedToken] = []
        if role in ("dobj", "dative"):
            for child in verb.children:
                if child.dep_ not in (role, "attr" if role == "dobj" else role):
                    continue
                if child.pos_ == "ADP":  # "gave aid to India": dative preposition
                    found += [t for o in child.children if o.dep_ == "pobj" for t in conjuncts(o)]
                else:
                    found += conjuncts(child)
            if not found and role == "dobj":
                found = small_clause_subject(verb) or _predicate_subject(verb)
        else:
            found = prep_objects(verb, (role,))
        if found:
            groups.append(found)
    return groups


def small_clause_subject(verb: ParsedToken) -> list[ParsedToken]:
    """The object of "help Palestinians carry out the vote", "let Iraq join", "allowed inspectors
    to visit": the subject of an infinitive clause. Not of a reported clause ("said Iraq joined": a
    finite verb; "said X will": a modal)."""
    return [
        t
        for c in verb.children
        if c.dep_ in ("ccomp", "xcomp")
        and (c.tag_ == "VB" or (c.tag_ == "VBP" and verb.lemma_ in BARE_INFINITIVE))
        and not any(a.dep_ in ("aux", "auxpass", "mark") and a.tag_ != "TO" for a in c.children)
        for s in c.children
        if s.dep_ == "nsubj"
        for t in conjuncts(s)
    ]


def _predicate_subject(verb: ParsedToken) -> list[ParsedToken]:
    """The object of "found the activist guilty", "declared him a traitor": the subject the parser
    gives the verb's predicate, an adjective or a noun it reads as a clause."""
    return [
        t
        for c in verb.children
        if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("ADJ", "NOUN", "PROPN")
        for s in c.children
        if s.dep_ == "nsubj"
        for t in conjuncts(s)
    ]


AIMED_PREPS = ("at", "against", "on", "toward", "towards")


def aimed_targets(tokens: Iterable[ParsedToken]) -> list[ParsedToken]:
    """Targets named through an object's participle: "rounds aimed at a loudspeaker in South Korea"
    gives the loudspeaker and, after it, the place it stands in ("in South Korea")."""
    out: list[ParsedToken] = []
    for token in tokens:
        for child in token.children:
            if child.dep_ != "acl" or child.tag_ not in ("VBN", "VBG"):
                continue
            aimed = [t for c in child.children if c.dep_ == "dobj" for t in conjuncts(c)]
            aimed += prep_objects(child, AIMED_PREPS)
            out += aimed + [t for a in (*aimed, child) for t in prep_objects(a, ("in",))]
    return out


def verb_targets(verb: ParsedToken, roles: tuple[str, ...]) -> list[ParsedToken]:
    """Target tokens of a verb: the first role that is filled."""
    groups = target_groups(verb, roles)
    return groups[0] if groups else []


def noun_source(
    noun: ParsedToken,
    destination_nouns: frozenset[str] = frozenset(),
    patient_nouns: frozenset[str] = frozenset(),
) -> list[ParsedToken]:
    """Possessor or actor modifier of an event noun ("Putin's visit", "Western sanctions"). On a
    noun of travel or gathering (``destination_nouns``) an adjective says where, not who: "Bush's
    Asian tour", "the East-Asian summit"; on a noun of an act done to someone (``patient_nouns``)
    with no "of" object, the possessor is who underwent it: "Litvinenko's murder"."""
    deps: tuple[str, ...] = ("poss", "compound", "amod", "nmod")
    if noun.lemma_.lower() in destination_nouns:
        deps = ("poss", "compound", "nmod")
    if noun_patient(noun, patient_nouns):
        deps = tuple(d for d in deps if d != "poss")
    mods = [c for c in noun.children if c.dep_ in deps and not _measure(c)]
    agents = prep_objects(noun, ("by", "from"))
    if not agents and noun.dep_ == "pobj" and noun.head.lower_ == "of":
        # "a campaign of ethnic cleansing by separatist forces", "a wave of arrests by police"
        holder = noun.head.head
        agents = prep_objects(holder, ("by",)) if holder.pos_ in NOUN_POS else []
    return [t for c in mods for t in conjuncts(c)] + agents


def doer_words(tokens: list[ParsedToken]) -> list[ParsedToken]:
    """Source words that may name a doer: not a plain adjective ("new sanctions", "mass protests",
    "fierce clashes"), which says what the act was like, not who did it ("Western", "Iranian"
    are entities and stay)."""
    return [t for t in tokens if t.pos_ != "ADJ" or t.ent_type_]


def named_doers(tokens: list[ParsedToken]) -> list[ParsedToken]:
    """Source words that may name a doer of an act whose words give none: not a plain modifier of the
    act's noun ("food aid", "new sanctions"); a name or an entity ("UN sanctions") stays. A common
    noun that is a role ("police crackdown") is read as an actor first, where the index knows it."""
    return [
        t
        for t in doer_words(tokens)
        if t.ent_type_ or t.pos_ == "PROPN" or t.dep_ not in ("compound", "amod")
    ]


def _measure(token: ParsedToken) -> bool:
    """A counted modifier ("a 72-hour truce", "a two-day visit"): how long, not who."""
    return token.pos_ == "NUM" or any(c.dep_ == "nummod" for c in token.children)


def departure_roles(noun: ParsedToken) -> tuple[list[ParsedToken], list[ParsedToken]]:
    """Who leaves and what is left in "the withdrawal of its troops from Lebanon": the possessor
    or modifiers and the "of" object leave, the "from" object is left."""
    mods = [
        t for c in noun.children if c.dep_ in ("poss", "compound", "amod") for t in conjuncts(c)
    ]
    return mods + prep_objects(noun, ("of", "by")), prep_objects(noun, ("from",))


def noun_patient(noun: ParsedToken, patient_nouns: frozenset[str]) -> list[ParsedToken]:
    """The possessor of a noun of an act done to someone, with no "of" object: "Litvinenko's
    murder", "Yadav's prosecution" (not "Russia's release of the prisoners")."""
    if noun.lemma_.lower() not in patient_nouns or prep_objects(noun, ("of",)):
        return []
    return [t for c in noun.children if c.dep_ == "poss" for t in conjuncts(c)]


def noun_destination(noun: ParsedToken, destination_nouns: frozenset[str]) -> list[ParsedToken]:
    """The place adjective of a noun of travel or gathering: "Asian" in "Bush's Asian tour"."""
    if noun.lemma_.lower() not in destination_nouns:
        return []
    return [t for c in noun.children if c.dep_ == "amod" for t in conjuncts(c)]


def noun_targets(noun: ParsedToken, roles: tuple[str, ...]) -> list[ParsedToken]:
    # the noun's own role, else one its conjunct carries ("raids and hunts for militants")
    nouns = [noun, *(c for c in noun.children if c.dep_ == "conj" and c.pos_ in NOUN_POS)]
    for holder in nouns:
        for role in roles:
            found = prep_objects(holder, (role,))
            if found:
                return found
    # participial modifier: "sanctions targeting its energy sector", "waves of sanctions targeting"
    holders = [noun]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        holders.append(noun.head.head)
    for child in (c for h in holders for c in h.children):
        if child.dep_ == "acl" and child.tag_ == "VBG":
            objs = [t for c in child.children if c.dep_ == "dobj" for t in conjuncts(c)]
            if objs:
                return objs
    return []


# entity labels of amounts, whose place names name a currency or a unit ("US dollars")
AMOUNT_ENTS = frozenset({"MONEY", "QUANTITY", "PERCENT", "CARDINAL"})
PRONOUNS_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
PRONOUNS_SINGULAR = frozenset(
    {"it", "its", "he", "him", "his", "she", "her", "itself", "himself", "herself"}
)
PERSONAL = frozenset({"he", "him", "his", "she", "her"})
# the speaker's own words: "'We urge the governments of the region ...,' Rathke said"
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
PRONOUN_WORDS = PRONOUNS_PLURAL | PRONOUNS_SINGULAR | FIRST_PERSON


class ActorIndex:
    """Actor mentions of a document indexed by token, built once per document.

    Places (the places extractor's records) stand in for actors only as targets ("the annexation of Crimea").
    A pronoun the actor resolver left unresolved falls back to the speaker of the reported clause
    it sits in, else to the subject of its sentence or of the sentence before.
    """

    def __init__(
        self,
        doc: ParsedDoc,
        *,
        actors: Sequence[Any] = (),
        places: Sequence[Any] = (),
        agent_nouns: frozenset[str] = frozenset(),
        proxy_nouns: dict[str, frozenset[str]] | None = None,
        speech: frozenset[str] = frozenset(),
        every_of: bool = False,
        scene: Sequence[Any] = (),
    ) -> None:
        self.doc = doc
        # roles only the place of an act can place ("doctors", "lawyers"): their own index,
        # read where no actor of the document is the doer
        self.scene = (
            ActorIndex(doc, actors=scene, agent_nouns=agent_nouns, speech=speech) if scene else None
        )
        self.by_token: dict[int, list[Actor]] = {}
        self.metonyms: set[int] = set()  # capitals standing for their government ("Moscow said")
        for mention in actors:
            for i in range(mention.start, mention.end):
                self.by_token.setdefault(i, []).append(mention.actor)
                if getattr(mention, "kind", "") == "metonym":
                    self.metonyms.add(i)
        self.places: dict[int, Actor] = {}
        for place in places:
            country = getattr(place, "country", None)
            start, end = getattr(place, "start", None), getattr(place, "end", None)
            if country and isinstance(start, int) and isinstance(end, int):
                self._add_place(start, end, country, getattr(place, "name", None))
        self.agent_nouns = agent_nouns
        self.proxy_nouns = proxy_nouns or {}
        self.speech = speech
        # swapped dictionaries: any noun with no actor of its own takes the actor of its "of"
        # object, as PETRARCH's noun phrase takes its prepositional phrase's ("goats of Gondor")
        self.every_of = every_of

    def _add_place(self, start: int, end: int, country: str, name: str | None) -> None:
        """A place's tokens stand for its country as a target."""
        tokens = self.doc.expand_chars(start, end)
        if tokens is None:  # an edge case: spaCy's own alignment decides
            span = self.doc.doc.char_span(start, end, alignment_mode="expand")
            if span is None or not len(span):
                return
            tokens = (span.start, span.end)
        if any(self.doc[i].ent_type_ in AMOUNT_ENTS for i in range(*tokens)):
            return  # "10 million US dollars": a currency's country is no party to the event
        start_char, end_char = self.doc.idx[tokens[0]], self.doc.ends[tokens[1] - 1]
        text = text_of(self.doc.doc)[start_char:end_char]
        actor = Actor(text, start_char, end_char, country, country, None, name)
        for i in range(*tokens):
            self.places[i] = actor

    def at(self, token: ParsedToken) -> list[Actor]:
        return self.by_token.get(token.i, [])

    def actors_in(
        self, token: ParsedToken, *, depth: int = 0, places: bool = False, pronouns: bool = True
    ) -> list[Actor]:
        """Actors of an argument: on the token itself, else on its modifiers (compound, possessor...)."""
        first = token.lower_ in FIRST_PERSON and not (len(token) > 1 and token.is_upper)  # not "US"
        if pronouns and (first or token.lower_ in PERSONAL):  # "X said that he chose"
            speaker = self.speaker(token)
            if speaker or first:
                return speaker
        own = self.at(token)
        if token.i in self.metonyms and token.dep_ == "compound" and token.head.pos_ == "NOUN":
            own = []  # "a Kabul car bombing", "the Moscow talks": the city is the place
        if own and not any(a.country for a in own):  # "their militaries": the possessor's country
            owners = [
                a
                for c in token.children
                if c.dep_ == "poss"
                for a in self.actors_in(c, depth=depth + 1, places=places, pronouns=pronouns)
            ]
            own = [a for a in owners if a.country] or own
        if own and depth == 0:  # "Syrian and Iranian officials": each coordinated nationality
            own = own + self._coordinated_modifiers(token, own)
        if own and depth == 0:  # "lawmakers in France and Germany": the role in each country
            spread = [a for a in self._distributed(token, own) if a not in own]
            # a role of no country ("lawmakers and officials in France") is only its countries'
            own = spread if spread and not any(a.country for a in own) else own + spread
        if own:
            return own
        if places and token.i in self.places:
            return [self.places[token.i]]
        if depth > 3:
            return []
        found: list[Actor] = []
        for child in token.children:
            if child.dep_ in ACTOR_DEPS:
                # "Iran and Iraq leaders": each coordinated modifier before the noun
                listed = conjuncts(child) + hyphen_partners(child) if child.i < token.i else [child]
                for one in listed:
                    found += self.actors_in(one, depth=depth + 1, places=places, pronouns=pronouns)
            elif child.dep_ == "prep" and (
                (
                    child.lower_ == "of"
                    and (self.every_of or token.lemma_.lower() in self.agent_nouns)
                )
                or token.lemma_.lower() in self.proxy_nouns.get(child.lower_, ())
            ):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found += self.actors_in(
                            obj, depth=depth + 1, places=places, pronouns=pronouns
                        )
        if pronouns and not found and token.lower_ in PRONOUNS_PLURAL | PRONOUNS_SINGULAR:
            found = self.antecedent(token)
        return found

    def _coordinated_modifiers(self, token: ParsedToken, own: list[Actor]) -> list[Actor]:
        """The countries of the modifiers coordinated before a noun that is an actor ("Syrian
        and Iranian officials", "Iran and Iraq leaders" with "Iraq leaders" composed as IRQGOV),
        each in the noun's role (IRNGOV)."""
        roles = [a for a in own if a.sector and a.country and a.code.startswith(a.country)]
        out: list[Actor] = []
        for child in token.children:
            if child.dep_ not in MODIFIER_DEPS or child.i > token.i:
                continue
            for one in conjuncts(child) + hyphen_partners(child):  # "U.S.-South Korean drills"
                for actor in self.at(one):
                    if not actor.country or any(a.country == actor.country for a in own + out):
                        continue
                    if roles and not actor.sector:
                        role = roles[0]
                        code = actor.country + role.code[len(role.country or "") :]
                        actor = replace(actor, code=code, sector=role.sector)
                    out.append(actor)
        return out

    def _distributed(self, token: ParsedToken, own: list[Actor]) -> list[Actor]:
        """The role of a composed actor ("ambassadors of France") given to each country
        coordinated with its country ("of France, Italy and Spain"), and to each country of the
        phrase a coordinated role shares ("lawmakers and officials in France": the lawmakers are
        France's too); a role with no country of its own takes them all."""
        roles = [a for a in own if a.sector and (a.country is None or a.code.startswith(a.country))]
        if not roles:
            return []
        role, home = roles[0], roles[0].country or ""
        out: list[Actor] = []
        for other in self._place_objects(token, home=role.country):
            found = [a for a in self._named_in(other) if a.country and a.country != home]
            # a name inside another composed actor ("lawmakers and officials in France" with
            # "officials in France" composed as FRAGOV) still names its country
            bare = [a for a in found if not a.sector] or (found if other.pos_ == "PROPN" else [])
            for actor in bare[:1]:
                code = (actor.country or "") + role.code[len(home) :]
                out.append(replace(actor, code=code, sector=role.sector))
        return out

    def _place_objects(self, token: ParsedToken, *, home: str | None) -> list[ParsedToken]:
        """The objects of the token's prepositions coordinated with another ("of France, Italy
        and Spain": Italy and Spain; all of them for a role of no country, ``home`` None), and
        those of the phrase of a coordinated noun that names no other country than ``home``
        ("lawmakers and officials in France": "in France" hangs on one of them, not "Argentina's
        president" beside "lawmakers in Brazil"); a name the parser coordinated with the token
        after such a phrase is one of them ("lawmakers in Fornost and Gondor", Gondor read as
        the lawmakers' conjunct)."""
        holders = [token]
        if token.dep_ == "conj" and token.head.pos_ == "NOUN":
            holders.append(token.head)
        holders += [c for c in token.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
        out: list[ParsedToken] = []
        for holder in holders:
            own = holder.i == token.i
            for prep in holder.children:
                if prep.dep_ != "prep" or not ((own and home) or prep.lower_ in SHARED_PREPS):
                    continue
                for obj in (o for o in prep.children if o.dep_ == "pobj"):
                    listed = [*(obj.conjuncts if own and home else conjuncts(obj))]
                    listed += [
                        c
                        for c in holder.children
                        if c.dep_ == "conj" and c.pos_ == "PROPN" and c.i > obj.i
                    ]
                    if not own and home and home not in self._countries(obj):
                        continue
                    out += [t for t in listed if t not in out]
        return out

    def _named_in(self, token: ParsedToken) -> list[Actor]:
        """The actors a place object names: its own; else the places extractor's place on it or its
        compound ("in Kabul", "from Sindh province": places the actor dictionaries know no government
        of); for a common noun that names none, the place it is in ("the mayor of a town in
        Guerrero": Guerrero's country)."""
        own = self.at(token)
        if own or token.pos_ not in ("PROPN", "NOUN"):
            return own
        # a place the actors know no government of ("in Kabul", "from Sindh province")
        named = [token] + [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
        placed = [self.places[t.i] for t in named if t.i in self.places]
        if placed or token.pos_ != "NOUN":
            return placed[:1]
        inner = [
            o
            for p in token.children
            if p.dep_ == "prep" and p.lower_ in ("in", "of")
            for o in p.children
            if o.dep_ == "pobj"
        ]
        return [
            a
            for o in inner[:1]
            for a in self.at(o) or ([self.places[o.i]] if o.i in self.places else [])
        ]

    def _countries(self, token: ParsedToken) -> set[str | None]:
        return {a.country for a in self.at(token)}

    def speaker(self, pronoun: ParsedToken) -> list[Actor]:
        """The speaker of the reported clause a pronoun sits in (its subject, else the last actor before it)."""
        current = pronoun
        while current.head.i != current.i:
            if reported(current, self.speech):
                verb = current.head
                found = self._subject_actors(verb, pronoun)
                if not found and not any(c.dep_ in SUBJ for c in verb.children):
                    before = [
                        self.by_token[i]
                        for i in range(verb.sent.start, verb.i)
                        if i in self.by_token
                    ]
                    found = list(before[-1]) if before else []
                return found
            current = current.head
        return []

    def antecedent(self, pronoun: ParsedToken) -> list[Actor]:
        """Fallback for an unresolved pronoun: the speaker, else the subject of this or the last sentence."""
        plural = pronoun.lower_ in PRONOUNS_PLURAL
        current = pronoun
        while current.head.i != current.i:
            if reported(current, self.speech):
                found = self._subject_actors(current.head, pronoun)
                if found:  # "they": several speakers, or one named by a plural ("workers said")
                    many = len(found) > 1 or _plural_subject(current.head)
                    return found if not plural or many else []
            current = current.head
        sent = pronoun.sent
        candidates = [sent]
        if sent.start > 0:
            candidates.append(self.doc[sent.start - 1].sent)
        for s in candidates:
            found = self._subject_actors(self.doc[s.root.i], pronoun)
            if found and (len(found) > 1) == plural:
                return found
        return []

    def _subject_actors(self, verb: ParsedToken, pronoun: ParsedToken) -> list[Actor]:
        subject = [c for c in verb.children if c.dep_ in SUBJ]
        if not subject or subject[0].i == pronoun.i or subject[0].pos_ == "PRON":
            return []
        out: list[Actor] = []
        for token in conjuncts(subject[0]):
            out += self.actors_in(token, depth=1, pronouns=False)
        if pronoun.lower_ in PERSONAL:  # "China is the third leg of Bush's tour. He visited"
            out = [a for a in out if not (a.country and a.code == a.country)]
        return out

    def resolve(self, tokens: Iterable[ParsedToken], *, places: bool = False) -> list[Actor]:
        """The actors of the tokens; a country that a role was given to ("lawmakers in Fornost
        and Gondor": GONLEG) is not an actor beside it (GON)."""
        out: list[Actor] = []
        seen: set[tuple[str, int]] = set()
        for token in tokens:
            for actor in self.actors_in(token, places=places):
                key = (actor.code, actor.start)
                if key not in seen:
                    seen.add(key)
                    out.append(actor)
        given = {(a.start, a.country) for a in out if a.sector and a.code != a.country}
        return [a for a in out if a.code != a.country or (a.start, a.country) not in given]


def _plural_subject(verb: ParsedToken) -> bool:
    return any(c.dep_ in SUBJ and c.tag_ in ("NNS", "NNPS") for c in verb.children)


def subject_nouns(verb: ParsedToken) -> list[ParsedToken]:
    """The verb's subject nouns, and the noun a relative clause describes when its subject is the
    relative pronoun ("the airstrike that killed the general")."""
    nouns = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.dep_ == "relcl" and any(n.lower_ in ("that", "which") for n in nouns):
        return [verb.head]
    if not nouns and misparsed_finite(verb):
        return [verb.head]  # "A car bombing killed 28 soldiers" parsed as a noun phrase
    if not nouns and verb.dep_ == "advcl" and verb.tag_ == "VBG":
        # "a bomb exploded in Kabul, killing six": the bomb killed them
        return [c for c in verb.head.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
    return nouns
