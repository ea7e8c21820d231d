"""Arguments of an action on the dependency parse: who acts (source) and on whom (target).

Works on tokens only; actors are looked up afterwards in ``doc._.ew_actors`` through
:class:`ActorIndex`, so the coder improves as the actor resolver improves.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from ..records import Actor

SUBJ = ("nsubj", "csubj")
PASSIVE_SUBJ = ("nsubjpass", "csubjpass")
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
# links through which an action shares the subject of the word it hangs on
CLIMB = frozenset(
    {"xcomp", "advcl", "conj", "pcomp", "prep", "acl", "relcl", "ccomp", "pobj", "dobj"}
)
# dependents of an argument noun where an actor may sit ("the US strategy", "Moscow's annexation")
ACTOR_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "npadvmod"})


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("Russia and China")."""
    return [token, *(t for t in token.conjuncts if t.i > token.i)]


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJ or c.dep_ == "auxpass" for c in verb.children)


def prep_objects(head: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the given prepositions under ``head`` (in the order of ``preps``)."""
    wanted = list(preps)
    found: list[tuple[int, Token]] = []
    for child in head.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in wanted:
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    found.extend((wanted.index(child.lower_), t) for t in conjuncts(obj))
    return [t for _, t in sorted(found, key=lambda p: p[0])]


def verb_subject(verb: Token, *, max_climb: int = 5) -> list[Token]:
    """Subject tokens of a verb: its own, a relative clause's head, or the subject it shares."""
    current = verb
    for _ in range(max_climb):
        if is_passive(current):
            agents = prep_objects(current, ("by",))
            if agents:
                return agents
        for child in current.children:
            if child.dep_ in SUBJ:
                if child.lower_ in RELATIVE and current.dep_ == "relcl":
                    return conjuncts(current.head)
                return conjuncts(child)
        if current.dep_ == "acl" and current.tag_ in ("VBG",):  # "strategy describing them"
            return [current.head]
        if current.dep_ == "relcl":
            return [current.head]
        if current.dep_ not in CLIMB or current.head.i == current.i:
            return []
        if current.dep_ in ("ccomp",):  # a reported clause has its own subject
            return []
        current = current.head
    return []


def verb_targets(verb: Token, roles: tuple[str, ...]) -> list[Token]:
    """Target tokens of a verb: the passive subject, the object, then prepositional objects."""
    if is_passive(verb):
        subj = [c for c in verb.children if c.dep_ in PASSIVE_SUBJ]
        if subj:
            return conjuncts(subj[0])
    out: list[Token] = []
    for role in roles:
        if role in ("dobj", "dative"):
            out += [
                t
                for c in verb.children
                if c.dep_ in (role, "attr" if role == "dobj" else role)
                for t in conjuncts(c)
            ]
        else:
            out += prep_objects(verb, (role,))
        if out:
            return out
    return out


def noun_source(noun: Token) -> list[Token]:
    """Possessor or actor modifier of an event noun ("Putin's visit", "Western sanctions")."""
    return [
        c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")
    ] + prep_objects(noun, ("by", "from"))


def noun_targets(noun: Token, roles: tuple[str, ...]) -> list[Token]:
    for role in roles:
        found = prep_objects(noun, (role,))
        if found:
            return found
    # participial modifier: "sanctions targeting its energy sector"
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ == "VBG":
            objs = [t for c in child.children if c.dep_ == "dobj" for t in conjuncts(c)]
            if objs:
                return objs
    return []


class ActorIndex:
    """Actor mentions of a document indexed by token, built once per document."""

    def __init__(self, doc: Doc, *, agent_nouns: frozenset[str] = frozenset()) -> None:
        self.by_token: dict[int, list[Actor]] = {}
        for mention in doc._.ew_actors or ():
            for i in range(mention.start, mention.end):
                self.by_token.setdefault(i, []).append(mention.actor)
        self.agent_nouns = agent_nouns

    def at(self, token: Token) -> list[Actor]:
        return self.by_token.get(token.i, [])

    def actors_in(self, token: Token, *, depth: int = 0) -> list[Actor]:
        """Actors of an argument: on the token itself, else on its modifiers (compound, possessor...)."""
        own = self.at(token)
        if own:
            return own
        if depth > 3:
            return []
        found: list[Actor] = []
        for child in token.children:
            if child.dep_ in ACTOR_DEPS:
                found += self.actors_in(child, depth=depth + 1)
            elif (
                child.dep_ == "prep"
                and child.lower_ == "of"
                and token.lemma_.lower() in self.agent_nouns
            ):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found += self.actors_in(obj, depth=depth + 1)
        return found

    def resolve(self, tokens: Iterable[Token]) -> list[Actor]:
        out: list[Actor] = []
        seen: set[tuple[str, int]] = set()
        for token in tokens:
            for actor in self.actors_in(token):
                key = (actor.code, actor.start)
                if key not in seen:
                    seen.add(key)
                    out.append(actor)
        return out
