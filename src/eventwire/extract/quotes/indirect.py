"""Indirect quotes: what a cue reports outside quote marks (see :mod:`.extract`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Token

from ..doctext import token_bounds
from .context import ACCORDING, ADJECTIVE, NOUN_CUE, Attribution, Context, make, trimmed
from .marks import QuoteSpan
from .speaker import noun_speaker


def indirect_quotes(ctx: Context, spans: Sequence[QuoteSpan]) -> list[Attribution]:
    out: list[Attribution] = []
    kinds = ("speech", "report", "belief", "evaluation", "stance", NOUN_CUE, ADJECTIVE)
    for i, kind in enumerate(ctx.cue_kind):
        if kind is None or (kind != ACCORDING and kind not in kinds) or ctx.in_quote[i]:
            continue
        token = ctx.doc[i]
        if kind != ADJECTIVE and agentless_passive(token):
            continue  # "Neither was charged with any crime": the subject is not the speaker
        if kind == ADJECTIVE and (token.lower_ not in ctx.lexicon.adjectives or impersonal(token)):
            continue  # "it was unclear whether ...", "X is likely to": no source (.sourceless)
        content = in_paragraph(ctx, _indirect_content(ctx, token), token)
        if content is None or mostly_quoted(ctx.text, content, spans):
            continue
        if not any(ch.isalnum() for ch in ctx.text[content[0] : content[1]]):
            continue  # "___": a separator, not words
        found = make(ctx, content, False, token)
        if found.quote.speaker is None and (
            kind in (NOUN_CUE, ACCORDING, ADJECTIVE) or _imperative(token)
        ):
            continue  # a speakerless cue is a participle or infinitive ("when pressed on why")
        out.append(found)
        rest = _after_parenthetical(ctx, token, content)
        if rest is not None and not mostly_quoted(ctx.text, rest, spans):
            out.append(make(ctx, rest, False, token))
    return out


def _imperative(verb: Token) -> bool:
    """ "Read the rest here", "Imagine the spectacle", "(Reporting by ...)": a base-form or
    gerund verb heading its sentence with no subject addresses the reader or credits a writer."""
    return (
        verb.dep_ == "ROOT"
        and verb.tag_ in ("VB", "VBG")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
    )


def _after_parenthetical(
    ctx: Context, cue: Token, content: tuple[int, int]
) -> tuple[int, int] | None:
    """ "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt": reported content
    before a cue set off by commas goes on after the comma that follows it."""
    doc = ctx.doc
    if content[1] > cue.idx:
        return None
    j = cue.i + 1
    sent_end = ctx.sentence(cue.i)[1]
    while j < sent_end and doc[j].dep_ in ("advmod", "npadvmod") and doc[j].head.i == cue.i:
        j += 1  # "said Tuesday,"
    if (
        j + 1 >= len(doc)
        or doc[j].text != ","
        or ctx.in_quote[j + 1]
        or "\n" in doc[j].text_with_ws
    ):
        return None
    end = _sentence_tail(ctx, cue, doc[j])
    if end.i <= j + 1:
        return None
    return trimmed(ctx.text, doc[j + 1].idx, end.idx + len(end))


def _as_clause_content(ctx: Context, cue: Token) -> tuple[int, int] | None:
    """ "As Mr. Bown observed, tariffs would hurt": the clause the as-clause hangs on (not a
    temporal "as he spoke to reporters", which has an argument of its own)."""
    if any(
        c.dep_ in ("ccomp", "xcomp", "dative")
        or (c.dep_ == "dobj" and c.lower_ != "it")
        or (c.dep_ == "prep" and c.lower_ in ctx.lexicon.stance_preps)
        for c in cue.children
    ):
        return None
    head = cue.head
    if cue.right_edge.i < head.i:  # "As X said, [clause]"
        start = ctx.doc[cue.right_edge.i + 1]
        end = _sentence_tail(ctx, head, head.right_edge)
        return trimmed(ctx.text, start.idx, end.idx + len(end))
    if cue.left_edge.i > head.left_edge.i:  # "[clause], as X said"
        last = ctx.doc[cue.left_edge.i - 1]
        return trimmed(ctx.text, head.left_edge.idx, last.idx + len(last))
    return None


def in_paragraph(
    ctx: Context, content: tuple[int, int] | None, cue: Token
) -> tuple[int, int] | None:
    """The part of a content in its cue's paragraph (the parser glues paragraphs)."""
    if content is None:
        return None
    text = ctx.text
    start = max(content[0], text.rfind("\n", 0, cue.idx) + 1)
    stop = text.find("\n", cue.idx)
    end = min(content[1], len(text) if stop < 0 else stop)
    return trimmed(text, start, end) if end > start else None


def impersonal(token: Token) -> bool:
    """ "it" (or an expletive) is the subject of ``token`` or of the copula it complements."""
    holders = [token, token.head] if token.dep_ in ("acomp", "attr") else [token]
    return any(
        c.dep_ == "expl" or (c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "it")
        for h in holders
        for c in h.children
    )


def agentless_passive(cue: Token) -> bool:
    deps = {c.dep_ for c in cue.children}
    return "nsubjpass" in deps and "agent" not in deps


def _indirect_content(ctx: Context, cue: Token) -> tuple[int, int] | None:
    """The reported content of a cue, by the shape of its phrase."""
    if cue.lower_ == "according":
        return according_content(ctx, cue)
    if ctx.cue_kind[cue.i] == ADJECTIVE:
        return _adjective_content(ctx, cue)
    if ctx.cue_kind[cue.i] == NOUN_CUE:
        return _noun_content(ctx, cue)
    if cue.dep_ == "parataxis" and not ctx.in_quote[cue.head.i]:
        return _parenthetical_content(ctx, cue)
    if cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        found = _as_clause_content(ctx, cue)
        if found is not None:
            return found  # else a temporal "as he discussed [his commitment]": its own argument
    inverted = _inverted_content(ctx, cue)
    if inverted is not None:
        return inverted
    if cue.dep_ == "relcl":
        gap = _relative_gap(ctx, cue)
        if gap is not None:
            return gap
    clause = reported_clause(ctx, cue)
    if clause is not None:
        bounds = clause_bounds(ctx, clause)
        if bounds is not None and clause.head.i != cue.i:  # a "that"-clause deeper in the phrase
            # "responded [by using the example to prove that ...]", "promised [a veto ... that]"
            for before in (_object_argument(ctx, cue), _prep_argument(ctx, cue)):
                if before is not None and before[0] < bounds[0]:
                    return (before[0], max(before[1], bounds[1]))
        return bounds
    return _object_argument(ctx, cue) or _prep_argument(ctx, cue) or _passive_subject(ctx, cue)


def _adjective_content(ctx: Context, adjective: Token) -> tuple[int, int] | None:
    """ "are afraid that ...": the clause; "worried about [a lack of passion ...]": the object
    of its topic preposition, which ends with its own phrase (the adjective often hangs in an
    introductory phrase: "With leaders worried about X, Obama is ...")."""
    clause = reported_clause(ctx, adjective)
    if clause is not None:
        return clause_bounds(ctx, clause)
    preps = ctx.lexicon.topic_preps | ctx.lexicon.stance_preps
    for child in adjective.rights:
        if child.dep_ != "prep" or child.lower_ not in preps or ctx.in_quote[child.i]:
            continue
        obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is not None:
            return trimmed(ctx.text, obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge))
    return None


def _noun_content(ctx: Context, noun: Token) -> tuple[int, int] | None:
    """ "his claim that people would learn nothing", "Clinton's comments on the shooting",
    "Obama's decision to end the sanctions": what a noun of saying reports, when it has a
    possessor (the speaker)."""
    if noun_speaker(noun, ctx.in_quote) is None:
        return None
    for child in noun.rights:
        start: Token | None = None
        if ctx.in_quote[child.i]:
            continue
        if child.dep_ in ("acl", "ccomp", "relcl") and _content_clause(child):
            start = child.left_edge
        elif child.dep_ == "prep" and child.lower_ in ctx.lexicon.topic_preps:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is None or obj.ent_type_ in ("DATE", "TIME"):
                continue  # "his remarks on Saturday": when, not what
            start = obj.left_edge
        else:
            continue
        end = child.right_edge  # the noun's phrase: the sentence goes on with its own verb
        return trimmed(ctx.text, start.idx, end.idx + len(end))
    return None


def _relative_gap(ctx: Context, cue: Token) -> tuple[int, int] | None:
    """ "Everything Trump says is a lie", "numbers any taxpayer can understand": a cue in a
    relative clause with a subject of its own and no object reports the noun it modifies."""
    deps = {c.dep_ for c in cue.children}
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if (
        subject is None
        or subject.lower_ in ctx.lexicon.relatives
        or deps & {"dobj", "ccomp", "xcomp", "attr", "oprd", "dative"}
        or any(c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children) for c in cue.children)
    ):
        return None
    noun = cue.head
    if noun.i > cue.i or ctx.in_quote[noun.i]:
        return None
    return trimmed(ctx.text, noun.left_edge.idx, noun.idx + len(noun))


def _content_clause(clause: Token) -> bool:
    """A clause that gives a noun's content: a "that"-clause or an infinitive ("his claim that
    ...", "the decision to end ..."), not a participle ("a report released last year")."""
    if clause.dep_ == "ccomp":
        return True
    marks = {(c.dep_, c.lower_) for c in clause.children}
    return ("mark", "that") in marks or (clause.dep_ == "acl" and ("aux", "to") in marks)


def _inverted_content(ctx: Context, cue: Token) -> tuple[int, int] | None:
    """ "..., but the NYPD overruled that request, the source added.": a cue with its subject
    after a comma that ends its sentence reports the sentence before the comma, whatever the
    parse made of it."""
    doc = ctx.doc
    subject = next((c for c in cue.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or ctx.in_quote[cue.i] or cue.dep_ == "relcl":
        return None  # ", who spoke of ...": a relative clause, not an inverted cue
    comma = subject.left_edge.i - 1
    sent_start = ctx.sentence(cue.i)[0]
    if comma <= sent_start or doc[comma].text != ",":
        return None
    for token in doc[cue.i + 1 :]:  # only adverbials after the cue ("on Monday"), then the end
        if token.text in (".", "!", "?", ";") or "\n" in token.text:
            break
        if token.dep_ in ("dobj", "ccomp", "xcomp", "dative", "mark") or ctx.in_quote[token.i]:
            return None
        if token.i > cue.right_edge.i and token.dep_ != "punct":
            return None  # the sentence goes on beyond the cue's own phrase
    start = sent_start
    while start < comma and (doc[start].is_space or "\n" in doc[start:comma].text):
        start += 1
    if any(ctx.in_quote[i] for i in range(start, comma)) or comma - start < 3:
        return None  # quoted words before: the direct quote has this cue
    if not any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in doc[start:comma]):
        return None  # an introductory phrase ("At a rally in Novi, Trump spoke"), not a clause
    return trimmed(ctx.text, doc[start].idx, doc[comma].idx)


def _passive_subject(ctx: Context, cue: Token) -> tuple[int, int] | None:
    """ "The plan was rejected by the council": what the by-agent said something about."""
    deps = {c.dep_: c for c in cue.children if not ctx.in_quote[c.i]}
    subject = deps.get("nsubjpass")
    if subject is None or "agent" not in deps or subject.pos_ == "PRON":
        return None
    return trimmed(
        ctx.text, subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
    )


def _parenthetical_content(ctx: Context, cue: Token) -> tuple[int, int] | None:
    """ "The latest test, the ministry said, was its biggest yet": the clause around the cue;
    this is the part before it (:func:`_after_parenthetical` gives the part after)."""
    head = cue.head
    if not head.left_edge.i < cue.left_edge.i or head.right_edge.i <= cue.right_edge.i:
        return None
    return trimmed(ctx.text, head.left_edge.idx, cue.left_edge.idx)


_SENTENCE_ENDS = frozenset([".", "!", "?", "”", '"', "…", ":", ";"])


def _prep_argument(ctx: Context, cue: Token) -> tuple[int, int] | None:
    """ "called for [new sanctions]", "spoke about [the border]", "pointed to [the vote]": the
    object of a topic preposition ("to" and "with" name the hearer after "speak", "talk" ...)."""
    preps = ctx.lexicon.topic_preps
    if cue.lemma_.lower() not in ctx.lexicon.hearer_verbs:
        preps = preps | ctx.lexicon.stance_preps
    for child in cue.rights:
        if child.dep_ != "prep" or child.lower_ not in preps:
            continue
        obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is None or obj.ent_type_ in ("DATE", "TIME") or obj.pos_ == "PRON":
            continue
        if ctx.in_quote[child.i]:
            continue
        end = right_end(ctx, cue, child)
        return trimmed(ctx.text, obj.left_edge.idx, end.idx + len(end))
    return None


_ARGUMENT_DEPS = ("dobj", "xcomp", "oprd", "dative")


def _object_argument(ctx: Context, cue: Token) -> tuple[int, int] | None:
    """What a verb of saying takes as its object ("urged [supporters to monitor polling places]",
    "criticized [the plan]"): from its first object to the end of its last argument."""
    args = [c for c in cue.rights if c.dep_ in _ARGUMENT_DEPS and not ctx.in_quote[c.i]]
    if not args or (
        cue.lemma_.lower() in ctx.lexicon.addressee
        and not any(a.dep_ in ("xcomp", "oprd") for a in args)
        and (
            len(args) > 1
            or cue.lemma_.lower() not in ctx.lexicon.either_object
            or _hearer(ctx, args[0])
        )
    ):
        return None  # "told reporters": the hearer; "called it a ploy" names what it is
    start, end = args[0].left_edge, right_end(ctx, cue, args[-1])
    if any(t.pos_ == "PRON" and t.dep_ == "dobj" for t in args) and end.i == start.i:
        return None  # "said it": nothing reported
    return trimmed(ctx.text, start.idx, end.idx + len(end))


def _hearer(ctx: Context, obj: Token) -> bool:
    """An object that can be the one spoken to: a personal pronoun, a name, a person noun
    ("promised him", not "promised a veto")."""
    return (
        obj.pos_ in ("PRON", "PROPN")
        or obj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or obj.lemma_.lower() in ctx.lexicon.hearer_nouns
    )


def reported_clause(ctx: Context, cue: Token) -> Token | None:
    """The clause a cue governs: its ``ccomp``, else a "that"-clause further right in its phrase
    ("told a broadcaster in an interview aired on Wednesday that ...")."""
    children = [c for c in cue.children if _same_paragraph(ctx, c, cue)]  # the parser glues
    clauses = [c for c in children if c.dep_ == "ccomp"]
    # the clause after the cue first: "Should the company fail, environmentalists worry that ..."
    clause = next((c for c in clauses if c.i > cue.i), clauses[0] if clauses else None)
    if clause is not None:
        return clause  # a clause partly inside quote marks is a mixed quote
    for child in children:
        if ctx.in_quote[child.i]:
            continue
        if child.dep_ == "dep" and child.i < cue.i and child.pos_ != "PUNCT":
            return child  # "..., experts say" is sometimes parsed as ``dep``
        if child.dep_ == "advcl" and child.i > cue.i and _bare_clause(child):
            return child  # "said after the convention he would not accept ..."
        if child.dep_ == "advcl" and child.i > cue.i and _wh_question(ctx, child):
            return child  # "have not said when they would take up ..."
    for token in cue.subtree:
        if token.i <= cue.i or ctx.in_quote[token.i] or token.dep_ not in ("ccomp", "advcl", "acl"):
            continue
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children) and (
            not ctx.is_cue(token.head, kinds=("speech", "report", "belief"))
            or token.head.i == cue.i
        ):
            return token
    return None


def _same_paragraph(ctx: Context, child: Token, cue: Token) -> bool:
    """No line break between a cue and its child (from the child's phrase start when before)."""
    if child.i < cue.i:
        return "\n" not in ctx.text[child.left_edge.idx : cue.idx]
    return "\n" not in ctx.text[cue.idx : child.idx]


def _bare_clause(verb: Token) -> bool:
    """A clause with its own subject and no subordinating word ("because", "if", "when")."""
    deps = {c.dep_ for c in verb.children}
    return "nsubj" in deps and "mark" not in deps and "advmod" not in deps


def _wh_question(ctx: Context, verb: Token) -> bool:
    """An indirect question hung on a cue as an adverbial clause: it opens with a wh-word
    ("whether", "how", "why"); with "when" or "where" only when it looks ahead ("when they
    would take up ..."), not a time clause ("spoke when he arrived")."""
    first = verb.left_edge
    if first.lower_ not in ctx.lexicon.wh_words or first.lower_ in ("which", "who"):
        return False
    if first.lower_ not in ("when", "where"):
        return True
    return any(
        c.dep_ == "aux" and c.lower_ in ("would", "will", "could", "might") for c in verb.children
    )


def clause_bounds(ctx: Context, clause: Token) -> tuple[int, int] | None:
    if clause.i - clause.left_edge.i + clause.right_edge.i - clause.i < 2:
        return None  # "he said so": too short to be reported content
    end = right_end(ctx, clause.head, clause) if clause.i > clause.head.i else clause.right_edge
    return trimmed(ctx.text, clause.left_edge.idx, end.idx + len(end))


def right_end(ctx: Context, cue: Token, last: Token) -> Token:
    """Where reported content after a cue ends: the cue's last modifier after the argument
    ("said [that the claim smacked of hypocrisy, because ...]"), not a coordinated clause."""
    end = last.right_edge
    for child in cue.rights:
        if child.i <= last.i or child.dep_ in ("punct", "cc"):
            continue
        if child.dep_ == "parataxis" or (child.dep_ == "conj" and _own_clause(ctx, child)):
            break  # a coordinated clause with its own subject, or another attribution
        if any(
            ctx.in_quote[t.i] or ctx.is_cue(t, kinds=("speech", "report")) for t in child.subtree
        ):
            break  # another quote or another attribution starts here
        end = max(end, child.right_edge, key=lambda t: t.i)
    return _sentence_tail(ctx, cue, end)


def _sentence_tail(ctx: Context, cue: Token, end: Token) -> Token:
    """Content after a cue runs on to the end of its sentence, as PolNeAR marks it, over what
    the parse hung elsewhere (an apposition, a "so ..." clause), up to a clause coordinated
    with the cue, another cue with its own subject, or a quote of someone else."""
    doc = ctx.doc
    last = end
    for i in range(end.i + 1, len(doc)):
        token = doc[i]
        if token.is_space or "\n" in token.text:
            break
        if token.is_sent_start and doc[i - 1].text in _SENTENCE_ENDS:
            break  # a real sentence end (the parser also splits inside sentences)
        if token.head.i == cue.i and token.dep_ in ("conj", "parataxis", "cc"):
            break
        if ctx.is_cue(token, kinds=("speech", "report")) and (
            any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
            or (token.head.i == cue.i and token.dep_ in ("advcl", "xcomp", "conj", "acl"))
        ):
            break  # another attribution: its own speaker, or the cue's ", arguing that ..."
        if token.pos_ != "PUNCT":
            last = token
    return last


def _own_clause(ctx: Context, verb: Token) -> bool:
    """A coordinated verb that is a clause of its own: it has its own subject, or it is a cue
    ("said X and called Y"); a bare coordinated verb shares the content ("wants to triple X,
    grow Y and create Z")."""
    if verb.left_edge.lower_ in ctx.lexicon.wh_words:
        return False  # "spoke of the legacy, and how the fight flowed": a second complement
    return ctx.cue_kind[verb.i] is not None or any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children
    )


def according_content(ctx: Context, token: Token) -> tuple[int, int] | None:
    """The rest of the sentence around "according to X"."""
    first, end = ctx.sentence(token.i)
    chars, ends = token_bounds(ctx.doc)
    phrase_start, phrase_end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
    before = (chars[first], phrase_start)  # the sentence's start_char and end_char
    after = (phrase_end, ends[end - 1])
    best = max(before, after, key=lambda b: b[1] - b[0])
    if best[1] - best[0] < 12:
        return None
    return trimmed(ctx.text, *best)


def mostly_quoted(text: str, content: tuple[int, int], spans: Iterable[QuoteSpan]) -> bool:
    """A clause that is all (80 %) inside quote marks: the direct quote covers it."""
    size = content[1] - content[0]
    inside = sum(max(0, min(content[1], q.outer_end) - max(content[0], q.open)) for q in spans)
    return size > 0 and inside >= 0.8 * size
