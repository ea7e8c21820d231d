"""Word sense for the event coder: conditions a trigger must meet to be the lexicon entry's action.

Lexicon entries may carry (``docs/events.md``, "Word sense"):

- ``object: [class]``: the action needs an object of that class (``modality.yaml`` ``object_classes``):
  "released two sailors" is 0841, "a statement released" and "executed a shutdown" are not events;
  the object is the direct or passive object (verbs) or the ``of`` object, possessor or modifier (nouns);
  nouns need one, verbs only with ``object_required: true``; ``object_role`` moves a verb's object
  to a preposition's (``left for``); the class ``place`` takes named places;
- ``forbid: [class]``: the subject and object (verbs) or the modifiers, ``in``/``of`` objects and the
  subject of the verb taking it (nouns) must not be of that class: "stocks rallied", "a campaign
  rally" are not demonstrations, "the dollar hit 125 yen" and "the economy took a beating" no force;
- ``doers: [class]``: a verb's subject must be of that class, so one verb has a sense per kind of doer
  ("thousands of miners struck" stop work, 143; "Israeli jets struck" attack, 190);
- ``cue: [words]``: a noun trigger needs one of these words beside it (its head, children or
  grandchildren; ``@actor`` = a possessor or a named country, group or person): "a general strike",
  "workers on strike", "trade with Kenya"; a bare "trade" or "strike" codes nothing.

An event noun that is the ``of`` object of a ``statistic`` word ("16 percent of African trade") is a
figure, not an event.

``modality.yaml`` also lists ``plural_only`` nouns ("talks" are negotiations, a "talk" a speech) and
``stop_mwes``, multiword expressions whose words are never triggers ("in charge of", "on trade").
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from ..parsetree import ParsedToken
from .args import passive_subjects, prep_objects, target_groups
from .coordination import conjuncts, nominal_subjects
from .lexicon import ANY_OBJECT, PLACE_OBJECT, Entry, Lexicon
from .model import Candidate

VERB_POS = frozenset({"VERB"})
NOUN_POS = frozenset({"NOUN", "PROPN"})


def stop_words(sent: Span, lex: Lexicon, lowers: Sequence[int] | None = None) -> set[int]:
    """Tokens inside a stop multiword expression ("in charge of", "on trade"): never triggers.
    ``lowers`` (the sentence's LOWER hashes) lets words that start no expression be skipped
    without building their Token."""
    out: set[int] = set()
    if not lex.stop_mwes:
        return out
    doc = sent.doc
    firsts = lex.stop_first_hashes
    for k in range(len(sent)):
        if lowers is not None and lowers[k] not in firsts:
            continue
        token = doc[sent.start + k]
        for rest in lex.stop_mwes.get(token.lower_, ()):
            end = token.i + 1 + len(rest)
            if end <= sent.end and all(
                doc[token.i + 1 + k].lower_ == w for k, w in enumerate(rest)
            ):
                out.update(range(token.i, end))
                break
    return out


PERSON_PRONOUNS = frozenset(
    {"he", "him", "she", "her", "they", "them", "who", "whom", "us", "we", "me", "you", "i"}
)


def in_class(token: ParsedToken, names: tuple[str, ...], lex: Lexicon) -> bool:
    words = {token.lemma_.lower(), token.lower_}
    return any(words & lex.object_classes.get(name, frozenset()) for name in names)


def by_disaster(verb: ParsedToken, lex: Lexicon) -> bool:
    """An act whose cause its prepositions name as an accident or disaster (``disaster`` class:
    "killed in a plane crash", "injured during the stampede", "hurt by the floods") or as a fight
    between armed sides (``combat``: "killed in clashes"), not an assault by an unknown doer."""
    cause = prep_objects(verb, ("in", "during", "by", "from", "after", "when", "amid"))
    return any(in_class(t, ("disaster", "combat"), lex) for t in cause)


PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
THING_ENTS = frozenset(
    {"ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "DATE", "MONEY"}
)


def means_not_agent(verb: ParsedToken, doers: list[ParsedToken], lex: Lexicon) -> list[ParsedToken]:
    """Doers read from a "by" phrase that says how the act was done (``means`` class: "Macron
    conferred by telephone with Rouhani", "ruled by decree"): the verb's own subject, where the
    parser gave it one; else none, since a means is no one."""
    if not doers or not all(t.head.lower_ == "by" and in_class(t, ("means",), lex) for t in doers):
        return doers
    subjects = nominal_subjects(verb)
    if not subjects and verb.dep_ == "acl" and verb.head.dep_ == "ROOT":
        return conjuncts(verb.head)  # "The Iraqi prime minister conferred by phone": a sentence
        # the parser left as a noun phrase; not "the documents sent by fax"
    return subjects


def by_weapon(verb: ParsedToken, lex: Lexicon) -> bool:
    """A passive whose "by" agents are all weapons or attacks (``weapon`` class: "killed by an
    improvised explosive device"), not doers."""
    agents = prep_objects(verb, ("by",))
    return bool(agents) and all(in_class(t, ("weapon",), lex) for t in agents)


def planters(nouns: list[ParsedToken], lex: Lexicon) -> list[ParsedToken]:
    """Who set the weapons these nouns name, where a participle says it ("a car bomb planted by ETA
    exploded, injuring dozens": ETA injured them; "killed by an explosive device planted by PKK
    militants", "a rocket fired by Hamas": the weapons of a passive's "by" agents)."""
    return [
        t
        for noun in nouns
        if in_class(noun, ("weapon",), lex)
        for c in noun.children
        if c.dep_ == "acl" and c.tag_ == "VBN"
        for t in prep_objects(c, ("by",))
    ]


def victims_ok(verb: ParsedToken, root: str, lex: Lexicon) -> bool:
    """Whom an agentless assault (root 18) was done to are people ("an Ethiopian barmaid was
    killed", "eight policemen"), not animals or things ("a cow being slaughtered"); an attack (19,
    20) may hit a building or a town."""
    if root != "18":
        return True
    undergo = passive_subjects(verb)
    if not undergo and verb.dep_ == "acl":
        undergo = [verb.head]
    return any(
        fits(t, ("person",), lex) or any(c.ent_type_ == "NORP" for c in t.children) for t in undergo
    )


def _named_place(token: ParsedToken) -> bool:
    """A place's name; the parser's entity type misses some ("Dhaka" read as an organisation)."""
    return token.ent_type_ in PLACE_ENTS or (
        token.pos_ == "PROPN" and token.ent_type_ in ("", "ORG")
    )


def fits(token: ParsedToken, names: tuple[str, ...], lex: Lexicon) -> bool:
    """An object of the named classes; ``person`` also takes person names, personal pronouns,
    numbers and plural nouns that are not things ("released two homeguards"); ``any`` takes any
    object (an entry that only needs one: "returned the manuscript", not "returned home")."""
    if ANY_OBJECT in names:
        return True
    if PLACE_OBJECT in names and _named_place(token):
        return True
    if token.lemma_.lower() in lex.quantity_nouns or token.lower_ in lex.quantity_nouns:
        inner = prep_objects(token, ("of",))  # "dozens of activists"
        if inner:
            return any(fits(t, names, lex) for t in inner)
    if in_class(token, names, lex):
        return True
    if "person" not in names:
        return False
    if token.ent_type_ in ("PERSON", "NORP") or token.pos_ == "NUM":
        return True
    if token.pos_ == "PRON":
        return token.lower_ in PERSON_PRONOUNS
    if token.pos_ == "PROPN":
        return token.ent_type_ not in THING_ENTS
    if token.tag_ == "NNS" and not in_class(token, ("thing",), lex):
        return True
    return any(
        c.dep_ in ("compound", "amod") and in_class(c, ("person",), lex) for c in token.children
    )


def _sense_objects(token: ParsedToken, entry: Entry) -> tuple[list[ParsedToken], bool]:
    """The object of an action word and whether one is required: always for nouns, for verbs when
    the entry says so (``object_required``: "amassed 1,217 pledged delegates" parsed without an
    object is no show of force; "have been freed" often parses without one)."""
    if token.pos_ in VERB_POS:
        groups = target_groups(token, (entry.object_role,))
        return (groups[0] if groups else []), entry.object_required
    objs = [c for c in token.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
    return objs + prep_objects(token, ("of",)), True


def _sense_subjects(token: ParsedToken) -> list[ParsedToken]:
    """Who or what does or undergoes the action: the subject and direct object of a verb ("the US
    unit hit 125.86 yen"), the modifiers, ``in``/``of`` objects of a noun and the subject of the
    verb that takes it as object ("the economy has taken a beating")."""
    if token.pos_ in VERB_POS:
        subj = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        return subj + ([token.head] if token.dep_ in ("acl", "relcl") else [])
    mods = [c for c in token.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
    if token.dep_ == "dobj":
        mods += [c for c in token.head.children if c.dep_ == "nsubj"]
    return mods + prep_objects(token, ("in", "of"))


def _has_cue(token: ParsedToken, cues: tuple[str, ...]) -> bool:
    near = [token.head, *token.children, *(g for c in token.children for g in c.children)]
    words = {w for t in near for w in (t.lemma_.lower(), t.lower_)}
    if "@actor" in cues and any(
        c.dep_ == "poss" or c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") for c in token.children
    ):
        return True
    return bool(words & set(cues))


def _measured(token: ParsedToken, lex: Lexicon) -> bool:
    """An event noun that is the ``of`` object of a measure (``statistic`` class): a figure about
    many events, not one ("16 percent of African trade occurs", "the scale of cooperation")."""
    return (
        token.pos_ in NOUN_POS
        and token.dep_ == "pobj"
        and token.head.lower_ == "of"
        and in_class(token.head.head, ("statistic",), lex)
    )


def _forbidden(
    token: ParsedToken, trigger: ParsedToken, forbid: tuple[str, ...], lex: Lexicon
) -> bool:
    """Of a forbidden class; a name of people after the trigger (its object) is of the
    ``person`` class ("airlifted several hundred Rwandans": people, not goods); a quantity as
    the subject is of its "of" object's class ("thousands of miners struck")."""
    if "person" in forbid and token.i > trigger.i and token.ent_type_ in ("PERSON", "NORP"):
        return True
    quantity = token.lemma_.lower() in lex.quantity_nouns or token.lower_ in lex.quantity_nouns
    if quantity and token.i < trigger.i:  # an object's quantity stays what is acted on
        inner = prep_objects(token, ("of",))
        if inner:
            return any(_forbidden(t, trigger, forbid, lex) for t in inner)
    return in_class(token, forbid, lex)


def sense_ok(token: ParsedToken, entry: Entry, lex: Lexicon) -> bool:
    """Word-sense conditions of a lexicon entry (``object``, ``forbid``, ``cue``; plural-only nouns)."""
    if token.pos_ in NOUN_POS and token.lemma_.lower() in lex.plural_only and token.tag_ != "NNS":
        return False  # "in his talk" is a speech, "talks" are negotiations
    if _measured(token, lex):
        return False  # "16 percent of African trade", "the volume of trade": a statistic
    if entry.objects:
        objs, required = _sense_objects(token, entry)
        if (required or objs) and not any(fits(t, entry.objects, lex) for t in objs):
            return False  # "executed a shutdown", "a statement released"
    if entry.forbid and any(
        _forbidden(t, token, entry.forbid, lex) for t in _sense_subjects(token)
    ):
        return False  # "stocks rallied", "a campaign rally"
    if entry.doers and token.pos_ in VERB_POS:
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if not any(_forbidden(t, token, entry.doers, lex) for t in subjects):
            return False  # "Israeli jets struck": no stoppage of work
    return not (entry.cues and token.pos_ in NOUN_POS and not _has_cue(token, entry.cues))


def state_measure(cand: Candidate, lex: Lexicon) -> str | None:
    """The doer's sector of a measure only a state takes (``state_measures``: "a curfew was
    imposed in Srinagar", "martial law was declared"), named by a word of the act's phrase."""
    if cand.kind != "phrase":
        return None
    words = [cand.trigger.doc[i] for i in cand.tokens]
    words += [o for w in words for o in prep_objects(w, ("of",))]  # "a state of emergency"
    lemmas = [w.lemma_.lower() for w in words]
    return next((lex.state_measures[w] for w in lemmas if w in lex.state_measures), None)


def things_sent(verb: ParsedToken, root: str, lex: Lexicon) -> frozenset[int]:
    """The passive subjects that are what an act sends, not whom it is done to: what is fired
    ("shots were fired at a patrol"), what is given to someone ("tents were distributed to the
    survivors", "supplies were flown to Gaza")."""
    subjects = passive_subjects(verb)
    if root in lex.received_roots and prep_objects(verb, ("to",)):
        return frozenset(t.i for t in subjects)
    if root in lex.unknown_doer_roots:
        return frozenset(t.i for t in subjects if fits(t, ("weapon",), lex))
    return frozenset()
