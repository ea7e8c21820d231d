"""The verb dictionary's readings beside our lexicon: a dictionary verb our lexicon does not code,
a verb of convention the user's swapped dictionary lists, a speaker's statement the user's
dictionary codes ("SAID [023]"), and PETRARCH's verb phrase around a verb (its that-clause, the verb
that takes its clause)."""

from __future__ import annotations

from ..parsetree import ParsedToken
from .args import PASSIVE_SUBJ, conjuncts, is_passive, prep_objects, verb_subject
from .lexicon import Lexicon
from .modality import _has_future
from .model import (
    NOUN_MODIFIER,
    STATEMENT,
    VERB_POS,
    Candidate,
    CoderKnowledge,
)
from .patterns import DictMatch
from .sense import in_class

# present-tense verbs: what a bare dictionary verb says in them is habitual or a state
HABITUAL_TAGS = frozenset({"VBZ", "VBP"})


def _dictionary_candidates(
    verbs: list[ParsedToken], knowledge: CoderKnowledge, own: list[Candidate], consumed: set[int]
) -> list[Candidate]:
    """The verb dictionary's readings of the verbs our own lexicon does not code. Ours win where
    they overlap: a dictionary match using a word our lexicon coded or used is dropped, and so is
    a light verb of our event noun ("held drills") or a participle on it ("sanctions targeting")."""
    if knowledge.verbs is None:
        return []
    taken = consumed | {i for c in own for i in c.tokens}
    out: list[Candidate] = []
    for token in verbs:
        if token.pos_ not in VERB_POS or token.i in taken or _describes(token, taken):
            continue
        if token.dep_ in NOUN_MODIFIER or token.dep_ == "prep":
            continue  # "a government-backed militia", "drills, including...": no actions
        if knowledge.bare_verbs and token.dep_ == "pcomp":
            continue  # swapped: PETRARCH codes no verb phrase inside a prepositional phrase
            # ("celebrated Iftar with Gondor after leaving Eriador": no LEAVE)
        # with swapped dictionaries a pattern reads on into the verb's that-clause, as PETRARCH's
        # verb phrase holds it ("allowed that Mordor isn't a REALLY_PLEASANT place"), and back to
        # the verb whose clause it is ("INDICATED *": "indicated it deplored")
        found = (
            knowledge.verbs.match(token, reach=THAT_CLAUSE, governing=True)
            if knowledge.bare_verbs
            else knowledge.verbs.match(token)
        )
        if found is None or (found.code is None and found.reverse_code is None):
            continue
        if not found.specificity and token.tag_ in HABITUAL_TAGS and not knowledge.bare_verbs:
            continue  # "a militia controls the north": a state of affairs, not an event (with
            # swapped dictionaries a code, as PETRARCH codes no tense: "Gondor welcomes")
        if not _telling(found, knowledge) and not _content(token, knowledge):
            continue  # a bare dictionary verb beside our lexicon: mostly another sense
        if not knowledge.bare_verbs and _market_subject(token, knowledge.lexicon):
            continue  # "stock indices closed higher", "the dollar hit a high": no political act
        if any(i in taken for i in found.tokens):
            continue
        taken.update(found.tokens)
        cand = _dictionary_candidate(token, found)
        cand.named_dyad = knowledge.bare_verbs and bool(found.sources) and bool(found.targets)
        cand.named_target = knowledge.bare_verbs and bool(found.targets)
        if token.head.i in found.tokens and token.dep_ in COMPLEMENT_CLAUSES:
            # a pattern word on the verb that takes the clause ("NOTED + *"): its subject acts
            cand.sources = cand.sources or verb_subject(token.head)
        out.append(cand)
    return out


COMPLEMENT_CLAUSES = frozenset({"xcomp", "ccomp"})
THAT_CLAUSE = frozenset({"ccomp"})
NONE: frozenset[str] = frozenset()


def _user_reading(
    verb: ParsedToken, knowledge: CoderKnowledge, consumed: set[int]
) -> Candidate | None:
    """With swapped dictionaries (``bare_verbs``), a verb our lexicon treats by convention (an
    appeal, a warning, a promise: the governed action gives the code) that the user's verb
    dictionary lists is coded as that dictionary says, as PETRARCH codes it: the verb with its
    complement clauses is one event ("urged Bree to help": URGE [102]). Our lexicon's
    conventions stay for the verbs the user's dictionary does not list, or lists with patterns
    the reader could not read."""
    if not knowledge.bare_verbs or knowledge.verbs is None or verb.pos_ not in VERB_POS:
        return None
    found = knowledge.verbs.match(verb, reach=COMPLEMENT_CLAUSES)
    if found is None or found.code is None or any(i in consumed for i in found.tokens):
        return None
    if found.block in knowledge.verbs.dictionary.partial and not found.specificity:
        return None  # patterns of the verb read in part ('%'), none matched: our convention
    for child in verb.children:
        if child.dep_ in COMPLEMENT_CLAUSES:
            consumed.update(t.i for t in child.subtree)
    consumed.update(i for i in found.tokens if i != verb.i)
    return _dictionary_candidate(verb, found)


def _telling(found: DictMatch, knowledge: CoderKnowledge) -> bool:
    """A dictionary reading that says more than the bare verb: its pattern matched a word, or a
    preposition of direction ("pushed troops INTO"), not only a generic one ("joined parliament
    IN 1987", "led losers by 319 TO 276"). With swapped dictionaries every reading counts."""
    if knowledge.bare_verbs:
        return True
    generic = knowledge.lexicon.generic_preps
    return found.lexical > 0 or any(p not in generic for p in found.preps)


def _content(verb: ParsedToken, knowledge: CoderKnowledge) -> bool:
    """The content of an appeal, a promise or a plan ("urged citizens to respect", "troops would
    be leaving"): the governing verb or the future gives the event, the verb its sense."""
    return verb.dep_ == "xcomp" or _has_future(verb, knowledge.lexicon)


def _market_subject(verb: ParsedToken, lex: Lexicon) -> bool:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(in_class(t, ("securities",), lex) for t in subjects)


def _dictionary_candidate(token: ParsedToken, found: DictMatch) -> Candidate:
    doc = token.doc
    return Candidate(
        token,
        found.tokens,
        found.code or found.reverse_code or "",
        "dict",
        confidence=0.75 if found.specificity else 0.65,
        sources=[doc[i] for i in found.sources],
        targets=[doc[i] for i in found.targets],
        reverse=found.reverse_code if found.code else None,
        only_reverse=found.code is None,
        pattern=found.source,
        specificity=found.specificity,
        reciprocal=found.mutual,
    )


def _describes(verb: ParsedToken, taken: set[int]) -> bool:
    """A light verb of a coded event noun (or of a noun it names: "a mediation effort"), a
    participle describing it, or a verb telling what that event did ("sanctions hurt its
    economy": a consequence, not a new actor's action), or a verb whose complement is our event
    ("decided to lift sanctions": the lifting is the event)."""
    args = [c for c in verb.children if c.dep_ in ("dobj", "attr", "nsubj", "nsubjpass", "xcomp")]
    # "launched a mediation effort": the object is named by our event noun
    kinds = [
        m for a in args if a.dep_ in ("dobj", "attr") for m in a.children if m.dep_ == "compound"
    ]
    # "the next round of negotiations will be held in Bonn": a round of our event
    kinds += [o for a in args for p in a.children if p.lower_ == "of" for o in p.children]
    return any(t.i in taken for t in (*args, *kinds)) or (
        verb.dep_ == "acl" and verb.head.i in taken
    )


def _clause_subjects(verb: ParsedToken, live: set[int]) -> list[ParsedToken]:
    """The subjects of a verb's that-clause when the clause reports no action of its own:
    PETRARCH's target of a dictionary verb that has no object ("allowed that Mordor isn't a
    pleasant place", "believes Dagolath and Osgiliath can cope")."""
    return [
        s
        for clause in verb.children
        if clause.dep_ == "ccomp"
        and clause.i > verb.i  # "X departs from Y, an official said": no complement of "said"
        and not any(t.i in live for t in clause.subtree)
        for c in clause.children
        if c.dep_ in ("nsubj", "nsubjpass")
        for s in conjuncts(c)
    ]


def _speech_code(token: ParsedToken, knowledge: CoderKnowledge) -> str:
    """The code of a speaker's own statement: 010, or with swapped dictionaries the code the
    user's verb dictionary gives the verb itself (PETRARCH's validation ``SAID [023]``), which
    is then an event of its own beside the reported one, as PETRARCH codes every coded verb. Our
    shipped dictionary gives SAY no code (``REPORT [---]``): the plain statement stands."""
    if not knowledge.bare_verbs or knowledge.verbs is None:
        return STATEMENT
    found = knowledge.verbs.match(token)
    if found is None or found.specificity or found.code is None or not found.code.isdigit():
        return STATEMENT  # no own code ('023?' is no code), or a pattern's: its words decide
    return found.code


def _agentless_passive(cand: Candidate) -> None:
    """Swapped dictionaries: a dictionary verb in the passive with no agent ("by" phrase) is read
    as PETRARCH's validation reads it, its subject the source and the first actor after the verb
    the target ("The Philippines was criticized over its territorial dispute with Eriador": PHL
    ERI). The caller leaves out a pattern whose markers named a role ("- + * FROM $": "was freed
    from Barad-dur")."""
    verb = cand.trigger
    if cand.kind != "dict" or not is_passive(verb) or prep_objects(verb, ("by",)):
        return
    # the passive subject, or the subject the parser hung on the auxiliary ("The Philippines was
    # heavily and unjustly criticized")
    holders = [verb] + [a for a in verb.children if a.dep_ == "auxpass"]
    heads = [c for h in holders for c in h.children if c.dep_ in SUBJECT_DEPS]
    subjects = [t for c in heads[:1] for t in conjuncts(c)]
    if subjects:
        cand.sources, cand.targets, cand.alt_targets = subjects, [], []


# the dependencies of a passive verb's subject, also as the parser hangs it on the auxiliary
SUBJECT_DEPS = frozenset(PASSIVE_SUBJ) | frozenset({"nsubj"})
