"""The phrase matcher: which lexicon phrase a head word heads ("impose sanctions", "withdraw
from", "call X a fraud"), read from the words below it in the dependency parse."""

from __future__ import annotations

from collections.abc import Container
from typing import Any

from ..parsetree import ParsedDoc, ParsedToken
from .args import conjuncts, is_passive_participle, small_clause_subject
from .lexicon import Entry, Lexicon
from .model import CLAUSAL, NAME_ENTS, NOUN_POS, SEPARATE_CLAUSES, VERB_POS, _forms
from .sense import PLACE_ENTS

ACTIVE_SUBJECTS = frozenset({"nsubj", "csubj"})


def _below(token: ParsedToken) -> list[ParsedToken]:
    """Words up to two links below a head, and a third link only after "of" ("state of emergency")
    or for the modifiers of a preposition's object ("deployed troops to the peacekeeping mission").

    Another clause hanging on the head is not part of its phrase ("launched an invasion, firing
    missiles": not "launch missile"), nor is its subject ("Opposition supporters rally": not
    "rally opposition")."""
    out: list[ParsedToken] = []
    for child in token.children:
        resultative = child.pos_ == "ADJ" and not child.children  # "shot dead" read as a clause
        if (child.dep_ in SEPARATE_CLAUSES and not resultative) or child.dep_ in ACTIVE_SUBJECTS:
            continue
        out.append(child)
        for grandchild in child.children:
            out.append(grandchild)
            if grandchild.lower_ == "of" or (grandchild.lower_ == "in" and _amount(child)):
                out += list(grandchild.children)  # "five million euros in budget support"
            elif child.dep_ == "prep" and grandchild.dep_ == "pobj":
                out += [m for m in grandchild.children if m.dep_ in ("compound", "amod")]
    return out


def _amount(token: ParsedToken) -> bool:
    """A counted amount ("five million euros", "$2 billion"): its "in" says what it is of."""
    return token.ent_type_ == "MONEY" or any(c.dep_ == "nummod" for c in token.children)


def _first(index: dict[str, Any], token: ParsedToken) -> Any:
    for form in _forms(token):
        found = index.get(form)
        if found:
            return found
    return None


def _depth_below(token: ParsedToken, head: ParsedToken) -> int:
    depth = 0
    while token.i != head.i and depth < 5:
        token, depth = token.head, depth + 1
    return depth


def _misparsed_objects(verb: ParsedToken) -> list[ParsedToken]:
    """Objects the parser read as a clause: in "imposed travel bans and asset freezes on X" the
    plural noun "freezes" is taken for a verb (VBZ, ccomp) with "bans" as its subject. A verb with
    no object of its own and such a bare-noun clause gets that subject and its conjuncts back."""
    if verb.pos_ not in VERB_POS or any(c.dep_ in ("dobj", "attr") for c in verb.children):
        return []
    out: list[ParsedToken] = []
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.tag_ != "VBZ" or clause.i < verb.i:
            continue
        subjects = [c for c in clause.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
        if len(subjects) != 1 or any(c.dep_ in ("aux", "dobj", "mark") for c in clause.children):
            continue
        if any(c.dep_ == "det" for c in subjects[0].children):
            continue  # "imposed that the ban applies": a real clause
        out += [*conjuncts(subjects[0]), clause]
    return out


def _participle_object(verb: ParsedToken) -> list[ParsedToken]:
    """The noun a past participle describes is its object where that noun is what its clause is
    about (its subject): "the case brought by Gambia against Myanmar opened" brings a case; not
    inside another act ("to lift the sanctions imposed by Trump": the lifting is the news)."""
    noun = verb.head
    if is_passive_participle(verb) and noun.pos_ in NOUN_POS:
        return [noun] if noun.dep_ in ("nsubj", "nsubjpass") else []
    return []


def _clause_marks(verb: ParsedToken) -> list[ParsedToken]:
    """The "for" that opens a clause on a verb, read as the verb's own preposition: "pushed for
    the Constitution to be revised" is "push for" (the parser marks the clause with it)."""
    return [
        m
        for c in verb.children
        if c.dep_ in ("advcl", "ccomp", "xcomp")
        for m in c.children
        if m.dep_ == "mark" and m.lower_ == "for" and m.i < c.i
    ]


def _match_phrase(
    token: ParsedToken, lex: Lexicon, sentence_words: Container[str] | None = None
) -> tuple[Entry, tuple[int, ...]] | None:
    """The best phrase headed by ``token``: the longest, then the one whose words sit closest.

    A preposition in a phrase ("agree with") must be the head's own dependent.
    ``sentence_words``: the lower forms and lemmas of the token's sentence, where the caller has
    them: a phrase with a word outside them cannot match, and most heads have no such phrase.
    """
    options = _first(lex.phrases, token)
    if not options:
        return None
    if sentence_words is not None and not any(
        all(word in sentence_words for word in rest) for rest, _ in options
    ):
        return None
    below = [
        t for t in _below(token) if t.dep_ not in ("aux", "nsubj") and t.ent_type_ not in NAME_ENTS
    ]
    below += _misparsed_objects(token) + small_clause_subject(token)  # "allowed inspectors to"
    below += _participle_object(token)  # "the case brought by Gambia": "bring case"
    predicate = _predicate_words(token)  # the whole object predicate ("called X a very stupid guy")
    seen = {t.i for t in below}
    below += [token.doc[i] for i in sorted(predicate - seen)]
    marks = _clause_marks(token)
    opening = {m.i for m in marks}
    # (index, lemma, word, place preposition) of each word that may fill a phrase slot, read from
    # the parse once; the object of a place preposition fills a slot only of a phrase that names
    # that preposition ("seized drugs in the city" is no "seize city"; "arrive in" names "in")
    # nor does a span of time used as an adverb ("give him 50 yuan a month" is no "give month")
    slots = [
        (t.i, t.lemma_.lower(), t.lower_, _place_prep(t, lex))
        for t in below + marks
        if (t.pos_ != "ADP" or ((t.head.i == token.i or t.i in opening) and not _time_prep(t)))
        and not (t.dep_ == "npadvmod" and t.lemma_ in lex.time_units)
    ]
    present = {w for _, lemma, lower, _ in slots for w in (lemma, lower)}
    best: tuple[int, int, int, int, Entry, tuple[int, ...]] | None = None
    for rest, entry in options:
        if not all(word in present for word in rest):
            continue  # a word of the phrase is nowhere below the head
        used: list[int] = []
        for word in rest:
            hit = next(
                (
                    i
                    for i, lemma, lower, prep in slots
                    if i not in used and word in (lemma, lower) and (not prep or prep in rest)
                ),
                None,
            )
            if hit is None:
                break
            used.append(hit)
        else:
            depth = max((_depth_below(token.doc[i], token) for i in used), default=0)
            # a word of the object predicate first ("called the election a fraud" is "call fraud")
            naming = 0 if predicate & set(used) else 1
            # a content word before a preposition: "withdrew peacekeepers from" is "withdraw
            # peacekeeper", not "withdraw from"
            preps = sum(token.doc[i].pos_ == "ADP" for i in used)
            key = (-len(rest), naming, preps, depth)
            if best is None or key < best[:4]:
                best = (-len(rest), naming, preps, depth, entry, tuple(used))
    return (best[4], best[5]) if best else None


def _time_prep(prep: ParsedToken) -> bool:
    """A preposition of time ("on Monday", "in 2015"): no slot of a phrase ("struck on Monday" is
    no "strike on")."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(
        t.ent_type_ in ("DATE", "TIME") for o in objects for t in o.subtree
    )


def _predicate_words(verb: ParsedToken) -> set[int]:
    """The words of a verb's object predicate ("called the ambassador a very stupid guy"), also
    where the parser made it an apposition of the object, no comma between; a predicate the parser
    made a clause is its head word alone ("found the activist guilty of fraud": "guilty")."""
    heads = {c.i for c in verb.children if c.dep_ in CLAUSAL and c.pos_ in ("NOUN", "PROPN", "ADJ")}
    predicates = [c for c in verb.children if c.dep_ == "oprd"] + [
        a
        for o in verb.children
        if o.dep_ == "dobj"
        for a in o.children
        if a.dep_ == "appos" and a.left_edge.i > 0 and a.doc[a.left_edge.i - 1].text != ","
    ]
    return heads | {t.i for c in predicates for t in c.subtree}


def _place_prep(token: ParsedToken, lex: Lexicon) -> str:
    """The place preposition ("in", "at", "near") whose object the token is, else ""; not "in"
    after an amount, which says what the amount is of ("five million euros in budget support")."""
    if token.dep_ == "pobj" and token.head.lower_ in lex.place_preps:
        prep = token.head  # "in" on the amount, or on the verb right after it
        after = _amount(prep.head) or (prep.i > 0 and _amount(prep.doc[prep.i - 1]))
        if after and prep.lower_ == "in" and token.ent_type_ not in PLACE_ENTS:
            return ""  # "froze two billion dollars in security assistance", not "in Kidal"
        return token.head.lower_
    return ""


def _more_specific(entry: Entry, used: tuple[int, ...], doc: ParsedDoc, lex: Lexicon) -> Entry:
    """A general verb phrase ("send aid", 070) yields to its object's specific sense ("humanitarian aid", 073)."""
    if not entry.code.endswith("0"):
        return entry
    for i in used:
        inner = _match_phrase(doc[i], lex)
        if (
            inner is not None
            and inner[0].code[:2] == entry.code[:2]
            and inner[0].code != entry.code
        ):
            return inner[0]
    return entry
