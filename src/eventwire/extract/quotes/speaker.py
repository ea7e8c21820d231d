"""Speakers of reported speech: from a cue word to the speaker mention, then to an actor.

- the speaker of a cue verb is its subject (``nsubj``; the ``by``-agent or ``nsubjpass`` of a
  passive; for a non-finite cue such as "quoted as *saying*" the subject of the verb above it);
- the speaker of "according to X" is X;
- the mention is the subject's head word with the words to its left in its phrase
  (titles and modifiers: "Moscow-based expert Fyodor Lukyanov"), never the apposition after it;
- the mention resolves to an actor through the actor mentions passed in (the actors
  component's ``doc._.ew_actors``, including its pronoun and surname coreference); a pronoun the actors component left
  unresolved takes the speaker of the nearest earlier quote, else the nearest earlier person.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...records import Actor, Span
from ..actors import ActorMention
from ..doctext import slice_text, text_of

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_NAMED = ("PERSON", "ORG", "NORP", "GPE")
_CLIMB_DEPS = ("xcomp", "advcl", "conj", "pcomp", "acl", "ccomp", "prep", "acomp", "dobj")


def speaker_token(
    cue: Token, in_quote: Sequence[bool], *, ents: Sequence[SpacySpan] | None = None
) -> Token | None:
    """The head word of the speaker of ``cue`` (a verb, or ``according``), outside any quote;
    ``ents``: ``doc.ents`` when the caller has read it (spaCy builds them on every access)."""
    if cue.lower_ in ("according", "words"):
        for child in cue.subtree:
            if child.dep_ == "pobj" and child.head.lower_ in ("to", "of") and not in_quote[child.i]:
                return child
        return None
    if cue.pos_ == "ADP":  # "in this poll", "by one estimate": its object
        return next((c for c in cue.children if c.dep_ == "pobj" and not in_quote[c.i]), None)
    if cue.pos_ == "NOUN":
        return noun_speaker(cue, in_quote)
    verb: Token | None = cue
    for _ in range(3):  # climb from a non-finite or coordinated cue to the verb with a subject
        if verb is None:
            break
        found = _subject_of(verb, in_quote)
        if found is not None and _same_paragraph(found, cue):
            return found
        verb = verb.head if verb.dep_ in _CLIMB_DEPS and verb.head.i != verb.i else None
    return _entity_before(cue, in_quote, cue.doc.ents if ents is None else ents)


def noun_speaker(noun: Token, in_quote: Sequence[bool]) -> Token | None:
    """The speaker of a noun of saying: its possessor ("his claim that ..."), else a name
    compounded with it ("a New York Times report that ...", "The Clinton campaign plans to")."""
    children = [c for c in noun.lefts if not in_quote[c.i]]
    found = next((c for c in children if c.dep_ == "poss"), None)
    if found is None:
        found = next(
            (
                c
                for c in reversed(children)
                if c.dep_ == "compound"
                and any(t.ent_type_ in _NAMED or t.pos_ == "PROPN" or t.is_title for t in c.subtree)
            ),
            None,
        )
    return found


def _entity_before(cue: Token, in_quote: Sequence[bool], ents: Sequence[SpacySpan]) -> Token | None:
    """A mis-parsed subject: the nearest named person or organisation before the cue in its sentence."""
    doc = cue.doc
    for i in range(cue.i - 1, max(cue.sent.start, cue.i - 12) - 1, -1):
        token = doc[i]  # across an apposition ("Flynn, a top surrogate, said"), not a quote or line
        if in_quote[i] or token.text in (";", ":") or "\n" in token.text:
            break
        if token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            ent = next((e for e in ents if e.start <= i < e.end), None)
            return ent.root if ent is not None else token
    return None


def _same_paragraph(a: Token, b: Token) -> bool:
    """No line break between two tokens (spaCy may glue a dateline or a time stamp line to the
    next sentence and take it for the subject)."""
    first, last = sorted((a, b), key=lambda t: t.i)
    return "\n" not in text_of(a.doc)[first.idx : last.idx]  # the tokens with their spaces


def _subject_of(verb: Token, in_quote: Sequence[bool]) -> Token | None:
    agent = None
    subject = None
    for child in verb.children:
        if in_quote[child.i]:
            continue
        if child.dep_ in _SUBJECT_DEPS and subject is None:
            subject = child
        elif child.dep_ == "agent":
            agent = next((g for g in child.children if g.dep_ == "pobj"), None)
    if agent is not None and (subject is None or subject.dep_ == "nsubjpass"):
        return agent
    return subject  # "the expert who said ...": "who", resolved to the expert (resolve_speaker)


def relative_antecedent(token: Token, relatives: frozenset[str]) -> Token | None:
    """The noun a relative pronoun subject stands for ("the expert" for "who said")."""
    if token.lower_ in relatives and token.dep_ == "nsubj" and token.head.dep_ == "relcl":
        return token.head.head
    return None


def mention_bounds(token: Token, in_quote: Sequence[bool]) -> tuple[int, int]:
    """Token range of the speaker mention headed by ``token`` (left modifiers, no apposition)."""
    start = token.i
    for left in token.lefts:
        if left.dep_ in ("punct", "cc", "prep") or in_quote[left.i]:
            start = token.i
            continue
        start = min(start, left.left_edge.i)
    doc = token.doc
    while start < token.i and (in_quote[start] or "\n" in slice_text(doc, start, token.i)[0]):
        start += 1  # never across a quote or a line break (spaCy glues lines into one sentence)
    end = token.i + 1
    while end < len(doc) and doc[end].head.i == token.i and doc[end].dep_ in ("compound", "flat"):
        end += 1
    return start, end


def resolve_speaker(
    doc: Doc,
    head: Token,
    bounds: tuple[int, int],
    *,
    pronouns: frozenset[str],
    previous: Sequence[tuple[int, Actor | Span]],
    actors: Sequence[ActorMention] = (),
    nominals: frozenset[str] = frozenset(),
    relatives: frozenset[str] = frozenset(),
    ents: Sequence[SpacySpan] | None = None,
) -> tuple[Actor | Span, Actor | Span | None]:
    """The local speaker mention and who it resolves to.

    The mention is the actor covering the head when there is one (a name, or a pronoun the
    actors component resolved: its text is still the local words), else the span ``bounds``.
    The resolved speaker is that actor; for a relative pronoun in ``relatives`` ("who said")
    the noun it stands for; for an unresolved pronoun in ``pronouns`` the nearest
    earlier speaker or person; for a nominal head in ``nominals`` ("the ministry") the nearest
    earlier named organisation whose name holds the noun; else None. ``ents``: ``doc.ents``
    when the caller has read it.
    """
    local = Span(*slice_text(doc, bounds[0], bounds[1]))
    # a role of no country ("a senior officer" in a text that names none) says less than the
    # speaker's own words and the organisation a nominal refers to
    found = [m for m in actors_at(actors, head.i) if m.kind != "weak"]
    if found:
        return found[0].actor, found[0].actor
    antecedent = relative_antecedent(head, relatives)
    if antecedent is not None:  # "who": the person it stands for
        named = actors_at(actors, antecedent.i)
        if named:
            return local, named[0].actor
        first, last = mention_bounds(antecedent, [False] * len(doc))
        return local, Span(
            doc[first:last].text, doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
        )
    if head.lower_ in pronouns:
        return local, _antecedent(doc, head, previous, actors, doc.ents if ents is None else ents)
    if head.lemma_.lower() in nominals and head.pos_ == "NOUN":
        return local, _named_organisation(doc, head, actors, doc.ents if ents is None else ents)
    return local, None


def _named_organisation(
    doc: Doc, head: Token, actors: Sequence[ActorMention], ents: Sequence[SpacySpan]
) -> Actor | Span | None:
    """ "the ministry" -> the nearest earlier organisation named with that noun ("the Russian
    Defence Ministry"), as an actor when coded."""
    noun = head.lemma_.lower()
    best = None
    for ent in ents:
        if ent.start >= head.i:
            break
        if ent.label_ in ("ORG", "NORP", "GPE") and any(t.lemma_.lower() == noun for t in ent):
            best = ent
    if best is None:
        return None
    found = actors_at(actors, best.root.i)
    return found[0].actor if found else Span(best.text, best.start_char, best.end_char)


def actors_at(actors: Sequence[ActorMention], token_index: int) -> list[ActorMention]:
    """The mentions covering a token (a plural reference has several)."""
    return [m for m in actors if m.start <= token_index < m.end]


def _antecedent(
    doc: Doc,
    head: Token,
    previous: Sequence[tuple[int, Actor | Span]],
    actors: Sequence[ActorMention],
    ents: Sequence[SpacySpan],
) -> Actor | Span | None:
    """The nearest earlier named speaker, or the nearest earlier person, for a pronoun."""
    person = None
    for ent in ents:
        if ent.end > head.i:
            break
        if ent.label_ == "PERSON":
            person = ent
    best_quote = next(((pos, rec) for pos, rec in reversed(previous) if pos < head.idx), None)
    if best_quote is not None and (person is None or best_quote[0] >= person.start_char):
        return best_quote[1]
    if person is None:
        return None
    found = actors_at(actors, person.root.i)
    if found:
        return found[0].actor
    return Span(person.text, person.start_char, person.end_char)
