"""Actor resolution: every actor mention in a parsed Doc, with a CAMEO code valid on the story date.

Interface used by the other extractors:
- ``resolve_actors(doc, kb, date) -> list[ActorMention]``: every actor mention, token offsets;
- ``actor_at(doc, token_index) -> ActorMention | None``: the mention covering a token;
- ``actors_at(doc, token_index) -> list[ActorMention]``: all of them (plural references have several);
- ``entities(doc, mentions) -> list[Entity]``: NER entities with their actor and aliases;
- ``load_actor_kb()``: the compiled knowledge base (cached per process).

Resolution order (see docs/actors.md): longest dictionary match over the tokens; composition
of a country cue with an agent (``compose``); organisation affiliation of people;
in-document coreference (``coref``); aliases in another script (``alias``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.attrs import IS_SPACE
from spacy.tokens import Doc, Span, Token

from ...knowledge.actors_build import cached_kb
from ...knowledge.actors_kb import (
    ADJECTIVE,
    AGENT,
    CAPITAL,
    COUNTRY,
    CUE_KINDS,
    FEATURE,
    IGO,
    LEARNED,
    PERSON,
    PERSON_SHORT,
    REGION,
    REGION_ADJ,
    SEAT,
    ActorKB,
    Entry,
    norm_token,
)
from ...records import Actor, Entity
from ..doctext import slice_text, text_of, token_bounds
from .alias import alias_token_spans, attach_aliases
from .arguments import acted_on, named_places
from .compose import (
    compose,
    dictionary_surname,
    person_affiliations,
    placed_namesakes,
    titled_countries,
    with_agents,
)
from .coref import resolve_coreference
from .former import former_holders
from .given_names import other_given_name
from .types import (
    SUBJECT_DEPS,
    ActorMention,
    Context,
    Piece,
    inside_other_name,
    make_actor,
    sentence_of,
    with_actor,
)
from .words import actor_words


def load_actor_kb(
    *, learned: str | None = None, actors: str | None = None, agents: str | None = None
) -> ActorKB:
    """The compiled actor knowledge base (cached per process and per set of paths).

    ``learned`` (or EVENTWIRE_LEARNED_ACTORS) adds a reviewed table. ``actors``/``agents``: PETRARCH
    dictionaries (text files or converted JSON) to use *instead of* the packaged knowledge.
    """
    return cached_kb(
        learned or os.environ.get("EVENTWIRE_LEARNED_ACTORS") or None,
        str(Path(actors).resolve()) if actors else None,
        str(Path(agents).resolve()) if agents else None,
    )


def token_texts(doc: Doc) -> list[str]:
    """Every token's text, sliced from the document text without building Token objects (the
    offsets are kept for the other readers: ``token_bounds``)."""
    text = text_of(doc)
    starts, ends = token_bounds(doc)
    return [text[s:e] for s, e in zip(starts, ends, strict=True)]


def norm_words(texts: list[str]) -> list[str]:
    """``norm_token`` of every text, computed once per distinct text."""
    norm = {t: norm_token(t) for t in set(texts)}
    return [norm[t] for t in texts]


def find_pieces(
    doc: Doc,
    kb: ActorKB,
    date: str | None,
    *,
    texts: list[str] | None = None,
    words: list[str] | None = None,
) -> list[Piece]:
    """Longest non-overlapping dictionary matches, left to right; O(tokens x form length)."""
    if texts is None:
        texts = token_texts(doc)
    if words is None:
        words = norm_words(texts)
    pieces: list[Piece] = []
    forms, prefixes = kb.forms, kb.prefixes
    # the words a form can start with (match_at's first step), asked once per distinct word
    starters = {w for w in set(words) if (w,) in forms or (w,) in prefixes}
    i = 0
    for k in [k for k, w in enumerate(words) if w in starters]:
        if k < i:
            continue  # inside the previous match
        i = k
        found = kb.match_at(words, texts, i)
        if found is None:
            continue
        end, entries = found
        if words[i] == "the" and (inner := _longer_place(kb, words, texts, i + 1, end)):
            i, (end, entries) = i + 1, inner  # "the West Bank": not "the West" and a bank
        whole = _whole_name(doc, kb, words, texts, i, end)
        if whole is not None:
            i, (end, entries) = whole
        if i >= 2 and texts[i - 1] == "-" and words[i - 2] in kb.attitudes and not kb.swapped:
            # "pro-Iranian group", "anti-American protesters": an attitude (PETRARCH finds the
            # country anywhere in its noun phrase: "an anti- Gondor parade"); the rest of a longer
            # match is still who acts ("pro-democracy activists": the activists)
            rest = kb.match_at(words, texts, i + 1) if end - i > 1 else None
            if rest is None:
                i = end
                continue
            i, (end, entries) = i + 1, rest
        valid = [e for e in entries if _valid(e, date)] or entries
        if date is not None and sum(e.kind in (PERSON, PERSON_SHORT) for e in valid) > 1:
            # a surname two people share ("Kabila"): the one in office on the story date first
            valid = sorted(valid, key=lambda e: not _in_office(kb, e, date))
        pieces.append(Piece(i, end, tuple(valid)))
        i = end
    return pieces


def _whole_name(
    doc: Doc, kb: ActorKB, words: list[str], texts: list[str], i: int, end: int
) -> tuple[int, tuple[int, list[Entry]]] | None:
    """A match that cuts a person's name in two ("Foreign Minister Abdullah" of "Foreign Minister
    Abdullah Gul") yields to a match starting inside it that covers the rest of the name."""
    if end >= len(doc) or doc[end].ent_iob_ != "I" or doc[end].ent_type_ != "PERSON":
        return None
    name_end = end
    while name_end < len(doc) and doc[name_end].ent_iob_ == "I":
        name_end += 1
    for k in range(i + 1, end):
        found = kb.match_at(words, texts, k)
        if found is not None and found[0] >= name_end:
            return k, found
    return None


def _in_office(kb: ActorKB, entry: Entry, date: str) -> bool:
    person = kb.people.get(entry.code) if entry.kind in (PERSON, PERSON_SHORT) else None
    return person is not None and person.role_on(date) is not None


def _valid(entry: Entry, date: str | None) -> bool:
    if date is None:
        return True
    return (entry.valid_from is None or entry.valid_from <= date) and (
        entry.valid_to is None or date < entry.valid_to
    )


def resolve_actors(doc: Doc, kb: ActorKB, date: str | None = None) -> list[ActorMention]:
    """Every actor mention in ``doc``, resolved for the story ``date`` (ISO string or None)."""
    mentions, _ = resolve_with_learned(doc, kb, date)
    return mentions


@dataclass(frozen=True, slots=True)
class Resolution:
    """What the resolver finds in a document."""

    mentions: list[ActorMention]
    learned: list[dict]  # compositions of a full name with a role, to learn from
    # roles no actor anchors: a title with no earlier person ("the finance minister"), a weak
    # agent in a sentence that names no single country ("officials"). Not actors of the
    # document, so not mentions; the events coder reads them as sector-only sources (---GOV)
    roles: list[ActorMention]


def resolve_with_learned(
    doc: Doc, kb: ActorKB, date: str | None, *, ents: Sequence[Span] | None = None
) -> tuple[list[ActorMention], list[dict]]:
    """Mentions plus the learned rows (compositions of a full name with a role)."""
    found = resolve_document(doc, kb, date, ents=ents)
    return found.mentions, found.learned


def resolve_document(
    doc: Doc, kb: ActorKB, date: str | None, *, ents: Sequence[Span] | None = None
) -> Resolution:
    """Mentions, learned rows and unanchored roles of ``doc`` for the story ``date``.

    ``ents``: ``doc.ents`` when the caller has read it already (spaCy rebuilds it on each access).
    """
    texts = token_texts(doc)
    words = norm_words(texts)
    space = doc.to_array(IS_SPACE).tolist()
    pieces = find_pieces(doc, kb, date, texts=texts, words=words)
    ctx = Context(
        doc,
        kb,
        date,
        {p.start for p in pieces},
        _dateline_country(doc, kb, pieces, space),
        texts=texts,
        words=words,
        space=space,
        ents=doc.ents if ents is None else ents,
    )
    composed, used, learned = compose(ctx, pieces)
    mentions = list(composed)
    for piece in pieces:
        if id(piece) in used:
            continue
        m = single_piece_mention(ctx, piece)
        if m is not None:
            mentions.append(m)
    scene = [m for m in mentions if m.kind == "scene"]  # never the document's actors
    mentions = [m for m in mentions if m.kind != "scene"]
    described = person_affiliations(ctx, mentions, learned)
    spans = {(m.start, m.end) for m in described}
    mentions = [m for m in mentions if (m.start, m.end) not in spans] + described
    mentions.sort(key=lambda m: (m.start, -m.end))
    mentions = _drop_nested(mentions)
    if not ctx.kb.swapped:
        mentions = placed_namesakes(ctx, mentions)
    mentions = former_holders(ctx, mentions)
    mentions = titled_countries(ctx, mentions, context_kinds=CONTEXT_KINDS)
    roles = [m for m in mentions if m.kind in ROLE_KINDS] + scene
    mentions = resolve_coreference(ctx, mentions)
    mentions = context_countries(ctx, mentions)
    mentions = attach_aliases(doc, mentions)
    learned.sort(key=lambda r: r["start"])
    mentions.sort(key=lambda m: (m.start, -m.end))
    return Resolution(mentions, learned, unanchored(roles, mentions))


ROLE_KINDS = frozenset({"title", "weak"})


def unanchored(roles: list[ActorMention], mentions: list[ActorMention]) -> list[ActorMention]:
    """The roles that coreference and the sentence's country left out of ``mentions``. Those of
    state institutions and political actors (CONTEXT_SECTORS) are roles of the document's country;
    the others ("doctors", "lawyers") say too little on their own and are ``scene`` roles, actors
    only where the place of their act names the country ("doctors went on strike across Kenya")."""
    kept = {(m.start, m.end) for m in mentions}
    return [
        with_actor(m, kind="role" if _context_role(m) else "scene")
        for m in roles
        if (m.start, m.end) not in kept
    ]


def _context_role(m: ActorMention) -> bool:
    return m.kind != "scene" and m.actor.sector in CONTEXT_SECTORS


def _longer_place(
    kb: ActorKB, words: list[str], texts: list[str], i: int, end: int
) -> tuple[int, list[Entry]] | None:
    """A country or region name at ``i`` that runs past ``end``."""
    found = kb.match_at(words, texts, i)
    if found is None or found[0] <= end or not any(e.kind in (COUNTRY, REGION) for e in found[1]):
        return None
    return found


def single_piece_mention(ctx: Context, piece: Piece) -> ActorMention | None:
    """A mention from one dictionary match on its own (no agent next to it)."""
    doc, s, e = ctx.doc, piece.start, piece.end
    if (
        FEATURE in piece.kinds
        or _followed_by_feature(ctx, piece)
        or _in_person_name(doc, piece, whole=ctx.kb.swapped)
    ):
        return None
    person = piece.first(PERSON, PERSON_SHORT, LEARNED)
    if person is not None and other_given_name(doc, ctx.kb, s, e, person):
        return None  # "Moeletsi Mbeki": not Thabo
    if person is not None and (person.kind != PERSON_SHORT or _surname_ok(ctx, person, s, e)):
        actor, _ = ctx.person_actor(person, s, e)
        if person.kind == LEARNED and ctx.kb.people.get(person.code) is None:
            return ActorMention(s, e, actor, label="PERSON", kind="learned")
        if dictionary_surname(person):
            return ActorMention(s, e, actor, label="PERSON", kind="surname")  # coref may replace
        return ActorMention(s, e, actor, label="PERSON", kind="name")
    igo = piece.first(IGO)
    if igo is not None:
        if _credit(doc, s, e):
            return None
        # a person the dictionary lists under their group ("Khaled Meshaal" under Hamas): a
        # person, so that later mentions of the surname are theirs
        person_named = e - s > 1 and all(doc[i].ent_type_ == "PERSON" for i in range(s, e))
        name = doc[s:e].text if person_named else igo.name
        return ActorMention(
            s,
            e,
            make_actor(doc, s, e, country=igo.country, sector=igo.sector, name=name, code=igo.code),
            label="PERSON" if person_named else "ORG",
            kind="name",
        )
    cue = piece.first(COUNTRY, SEAT, CAPITAL, ADJECTIVE, REGION, REGION_ADJ)
    if (
        cue is None
        or _blocked(ctx, piece)
        or inside_other_name(ctx, piece)
        or _dateline(doc, piece, ctx.space)
    ):
        return None
    return _cue_mention(ctx, piece, cue)


def _surname_ok(ctx: Context, entry: Entry, start: int, end: int) -> bool:
    """A capitalised surname; a dictionary person's (no ``short`` form of ours) only where the
    parser reads a person's name (or a proper noun of no entity) that it ends ("Bobi Wine": "Bobi"
    is a given name, no one's surname), the word is no stop word and the person held an office on
    the story's date."""
    token = ctx.doc[start]
    if not token.text[:1].isupper():
        return False
    if not dictionary_surname(entry):
        return True
    following = ctx.doc[end] if end < len(ctx.doc) else None
    if following is not None and following.ent_type_ == "PERSON" and following.ent_iob_ == "I":
        return False
    person = ctx.kb.people.get(entry.code)
    in_office = person is not None and (ctx.date is None or person.role_on(ctx.date) is not None)
    named = token.ent_type_ == "PERSON" or (token.ent_type_ == "" and token.pos_ == "PROPN")
    return named and in_office and not token.is_stop  # "Some 4,000 people"


def _cue_mention(ctx: Context, piece: Piece, cue: Entry) -> ActorMention | None:
    doc, s, e = ctx.doc, piece.start, piece.end
    if (
        e + 1 < len(doc)
        and doc[e].text == "-"
        and doc[e + 1].lower_ in {"based", "born", "led", "backed"}
    ):
        return None  # "Moscow-based": a cue for what follows, not an actor itself
    if cue.kind in (CAPITAL, SEAT):
        if cue.kind == CAPITAL and _locative(doc, s):
            return None
        return ActorMention(
            s,
            e,
            make_actor(doc, s, e, country=cue.country, sector=cue.sector or "GOV", name=cue.name),
            label="GPE",
            kind="metonym",
        )
    if cue.kind in (REGION, COUNTRY) and cue.geographic and not _is_subject(doc, s, e):
        return None  # usually a place (dictionary towns and provinces): an actor as a subject
    if cue.kind in (ADJECTIVE, REGION_ADJ) and not _adjective_ok(doc, s, e):
        return None
    kind = "adjective" if cue.kind in (ADJECTIVE, REGION_ADJ) else "name"
    label = "NORP" if kind == "adjective" else ("LOC" if cue.kind == REGION else "GPE")
    return ActorMention(
        s,
        e,
        make_actor(doc, s, e, country=cue.country, sector=None, name=cue.name),
        label=label,
        kind=kind,
    )


def _credit(doc: Doc, s: int, e: int) -> bool:
    """ "(Reuters) -", "(Xinhua) --": a news agency's credit in a dateline, not an actor."""
    return (
        s > 0
        and e + 1 < len(doc)
        and doc[s - 1].text == "("
        and doc[e].text == ")"
        and doc[e + 1].text in {"-", "--", "\u2014", "\u2013"}
    )


def _adjective_ok(doc: Doc, s: int, e: int) -> bool:
    """A bare country adjective is an actor unless a blocker noun follows ("US dollars")."""
    return not (
        e < len(doc)
        and doc[e].is_punct
        and doc[e].text not in {",", "-"}
        and s == e - 1
        and doc[s].pos_ == "ADJ"
        and doc[s].dep_ == "ROOT"
    )


def _dateline(doc: Doc, piece: Piece, space: list[int] | None = None) -> bool:
    """ "BAGHDAD, April 9 (Xinhua) --", "Abuja --": a dateline at the start of a text or line.

    ``space``: the doc's IS_SPACE column (a spaCy token's trailing whitespace is never a newline).
    """
    s, e = piece.start, piece.end
    line = s
    if space is None:
        space = doc.to_array(IS_SPACE).tolist()
    while line > 0 and not space[line - 1]:
        line -= 1
    # at the start of a line, or after a capitalised place and a comma ("CESME, Turkey --")
    head = doc[line:s]
    first = s == line or (
        s - line <= 4 and head[0].text[:1].isupper() and any(t.text == "," for t in head)
    )
    if not first or e >= len(doc):
        return False
    nxt = doc[e].text
    if nxt in {"(", ":"} or (nxt in {"--", "-", "\u2014", "\u2013"} and doc[e - 1].whitespace_):
        return True
    if nxt != ",":
        return False
    text = doc[s:e].text
    return (text.isupper() and len(text) >= 4) or (
        e + 1 < len(doc) and doc[e + 1].text[:3] in actor_words().months
    )


def _dateline_country(
    doc: Doc, kb: ActorKB, pieces: list[Piece], space: list[int] | None = None
) -> str | None:
    """The country of the document's dateline (wire header or an inline "BAGHDAD, April 9 --")."""
    if pieces and _dateline(doc, pieces[0], space):
        cue = pieces[0].first(*CUE_KINDS)
        if cue is not None:
            return cue.country
    dateline = getattr(doc._, "ew_dateline", None) if Doc.has_extension("ew_dateline") else None
    if not dateline:
        return None
    from ...knowledge.actors_kb import _tokenize

    for part in reversed(str(dateline).split(",")):
        texts = _tokenize(part.strip().title())
        found = kb.match_at([norm_token(t) for t in texts], texts, 0)
        if found is not None and found[0] == len(texts):
            cue = next((x for x in found[1] if x.kind in CUE_KINDS), None)
            if cue is not None:
                return cue.country
    return None


def _blocked(ctx: Context, piece: Piece) -> bool:
    e = piece.end
    if not ctx.words:
        return e < len(ctx.doc) and norm_token(ctx.doc[e].text) in ctx.kb.blockers
    return e < len(ctx.words) and ctx.words[e] in ctx.kb.blockers  # norm_token of each text


def _followed_by_feature(ctx: Context, piece: Piece) -> bool:
    e = piece.end
    texts = ctx.texts or [t.text for t in ctx.doc]  # read once per doc by resolve_with_learned
    if piece.first(FEATURE) is None and e < len(texts) and texts[e][:1].isupper():
        return texts[e].lower() in ctx.kb.feature_heads  # the token's lower_
    return False


def _in_person_name(doc: Doc, piece: Piece, *, whole: bool = False) -> bool:
    """ "Jordan" inside "Michael Jordan": a name, not a country.

    ``whole``: only when the name is longer than the match (swapped dictionaries, whose fictional
    countries NER often tags as people: "Bree", "Galadriel"); so too for a match of several words,
    which NER may tag as a person on its own ("Sri Lanka"), never a given name and a surname.
    """
    if piece.first(PERSON, PERSON_SHORT, LEARNED, IGO, AGENT) is not None:
        return False
    tok = doc[piece.start]
    if whole or piece.end - piece.start > 1:  # "Sri Lanka" tagged as a person is the country
        ent_start = piece.start
        while ent_start > 0 and doc[ent_start].ent_iob_ == "I":
            ent_start -= 1
        ent_end = piece.end
        while ent_end < len(doc) and doc[ent_end].ent_iob_ == "I" and not _possessive(doc[ent_end]):
            ent_end += 1
        if whole and ent_start == piece.start - 1 and doc[ent_start].is_sent_start:
            ent_start = piece.start  # "Evil Mordor": a capital that starts the sentence
        if ent_start == piece.start and ent_end == piece.end:
            return False
    if _whole_entity(doc, piece) and piece.first(CAPITAL) is not None:
        return False  # "Khartoum rejected the deployment": NER's person is the capital
    return (
        tok.ent_type_ == "PERSON"
        and doc[piece.end - 1].ent_iob_ != ""
        and piece.first(*CUE_KINDS) is not None
    )


def _whole_entity(doc: Doc, piece: Piece) -> bool:
    """Whether the piece is a whole entity of its own, not part of a longer one."""
    start, end = piece.start, piece.end
    return doc[start].ent_iob_ == "B" and (end >= len(doc) or doc[end].ent_iob_ != "I")


def _possessive(token: Token) -> bool:
    """A possessive marker that NER took into a name ("Caras Galadhon's"): it ends the name."""
    return token.dep_ == "case" and token.lower_ in actor_words().possessive


def _locative(doc: Doc, start: int) -> bool:
    """Is the capital at ``start`` a place here (after "in", a destination, a part of the city)?"""
    tok = doc[start]
    prev = doc[start - 1].lower_ if start > 0 else ""
    cues = actor_words()
    if prev in cues.locative or (tok.dep_ == "pobj" and tok.head.lower_ in cues.locative):
        return True
    if tok.dep_ != "pobj" or tok.head.i != start - 1:
        return False
    governor = tok.head.head.lower_
    if prev == "to" and _base(governor) in cues.motion:
        return True
    return prev == "of" and _base(governor) in cues.place_parts


IRREGULAR = {
    "flew": "fly",
    "flown": "fly",
    "flies": "fly",
    "went": "go",
    "gone": "go",
    "came": "come",
}


def _base(word: str) -> str:
    """A crude lemma (the pipeline may run without the lemmatizer)."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    motion, parts = actor_words().motion, actor_words().place_parts
    for suffix in ("ing", "ed", "es", "s", "d"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and (stem in motion or stem in parts or stem + "e" in motion):
            return stem if stem in motion or stem in parts else stem + "e"
    return word


def _is_subject(doc: Doc, s: int, e: int) -> bool:
    return any(doc[i].dep_ in SUBJECT_DEPS for i in range(s, e))


def _drop_nested(mentions: list[ActorMention]) -> list[ActorMention]:
    """Keep the outermost mention where single (non-plural) mentions nest or overlap."""
    out: list[ActorMention] = []
    last_end = -1
    for m in mentions:
        if m.start < last_end:
            continue
        out.append(m)
        last_end = m.end
    return out


# a country's name or adjective: as a role's object, it is no country of the role's ("the
# government thanked Japan"); a person is ("the government asked Judge Miller": the US's)
NATIONAL_LABELS = frozenset({"GPE", "NORP"})
CONTEXT_KINDS = frozenset(
    {"name", "surname", "metonym", "adjective", "composed", "org", "coref", "pronoun"}
)
# sectors of state institutions and political actors: inferable from the one country a sentence names
CONTEXT_SECTORS = frozenset(
    {"GOV", "MIL", "GOVMIL", "COP", "JUD", "LEG", "SPY", "OPP", "REB", "UAF", "CVL", "LAB"}
)


def _conjunct_actor(doc: Doc, m: ActorMention, mentions: list[ActorMention]) -> Actor | None:
    """The composed mention a role is coordinated with, when that mention's cue comes before both
    ("Iranian officials and clerics", "Russian media and government officials"): the nationality
    modifies the coordination. A cue after the first conjunct ("officials from Iran and clerics")
    does not reach the second."""
    head = doc[m.end - 1]
    if head.dep_ != "conj":
        return None
    first = head.head.i
    if doc[first].pos_ != "NOUN":
        return None  # coordinated with a name ("officials from Iran and clerics"), not a role
    for x in mentions:
        if x.kind == "composed" and x.actor.country and x.start < first and x.end == first + 1:
            return x.actor
    return None


def _shared_code(shared: Actor, sector: str | None) -> str:
    """Swapped dictionaries: the code a coordinated role takes from the phrase it shares, the
    country and the agents before the other role, as PETRARCH adds every agent of the phrase
    ("Danish Islamist media and government": DNKMUS + GOV)."""
    own = shared.sector or ""
    code = shared.code
    base = code[: len(code) - len(own)] if own and code.endswith(own) else shared.country or ""
    return with_agents(base, [sector or ""])


def context_countries(ctx: Context, mentions: list[ActorMention]) -> list[ActorMention]:
    """Roles without a country ("police", "officials") take the country of their sentence when the
    sentence names exactly one country; otherwise police stay sector-only and weak roles go."""
    if not any(m.kind in ("agent", "weak") for m in mentions):
        return mentions
    doc = ctx.doc
    # a text that names no country at all ("Officials said ..."): a political role is who acted,
    # of no known country (PETRARCH's "---GOV"), as no other country can be meant
    stateless = not ctx.dateline_country and not any(
        x.actor.country for x in mentions if x.kind in CONTEXT_KINDS
    )
    out: list[ActorMention] = []
    for m in mentions:
        shared = _conjunct_actor(doc, m, mentions) if m.kind in ("agent", "weak") else None
        if shared is not None:  # "Iranian officials and clerics": the clerics are Iranian too
            code = _shared_code(shared, m.actor.sector) if ctx.kb.swapped else None
            actor = make_actor(
                doc,
                m.start,
                m.end,
                country=shared.country,
                sector=m.actor.sector,
                name=None,
                code=code,
            )
            out.append(with_actor(m, actor=actor, kind="context"))
            continue
        if m.kind in ("agent", "weak") and ctx.kb.swapped:  # PETRARCH: not the sentence's
            if _null_country(ctx, m, mentions):  # country, the null one
                out.append(m)
            continue
        if m.kind not in ("agent", "weak") or m.actor.sector not in CONTEXT_SECTORS:
            if m.kind != "weak" or _null_country(ctx, m, mentions):
                out.append(m)
            continue
        sent = sentence_of(doc, m.start)
        objects = acted_on(doc, m.start, m.end)  # "the government thanked Japan": not Japan's
        # "the Treasury in London": its own place (not a country the dictionaries name: "NUM in
        # Algeria"), which the places extractor knows, places it; not the sentence's country
        placed = [i for i in named_places(doc, m.start, m.end) if not _names_country(mentions, i)]
        if placed:
            found = set()
        else:
            found = {
                x.actor.country
                for x in mentions
                if x.kind in CONTEXT_KINDS
                and x.actor.country
                and x.actor.country in ctx.kb.countries
                and sent.start <= x.start < sent.end
                and not (x.label in NATIONAL_LABELS and objects.issuperset(range(x.start, x.end)))
                and doc[x.end - 1].lower_ not in actor_words().foreign_missions
            }  # "protesters torched the Iranian consulate in Basra": not Iranian protesters
        if not found and ctx.dateline_country and not placed:
            found = {ctx.dateline_country}
        if len(found) == 1:
            country = found.pop()
            actor = make_actor(
                doc, m.start, m.end, country=country, sector=m.actor.sector, name=None
            )
            out.append(with_actor(m, actor=actor, kind="context"))
        elif m.kind == "agent" or stateless or _null_country(ctx, m, mentions):
            out.append(m)
    return out


def _names_country(mentions: list[ActorMention], i: int) -> bool:
    return any(x.start <= i < x.end and x.actor.country for x in mentions)


def _null_country(ctx: Context, m: ActorMention, mentions: list[ActorMention]) -> bool:
    """With swapped dictionaries a role that no country reaches is PETRARCH's actor of the null
    country ("Russian police arrested students": ---EDU; "Clerics and lawmakers believe ..."),
    unless a name before it in its phrase is who acts ("The Quibbler government newspaper")."""
    if not ctx.kb.swapped:
        return False
    left = ctx.doc[m.end - 1].left_edge.i
    return not any(x is not m and left <= x.start < m.start for x in mentions)


def actors_at(doc: Doc, token_index: int) -> list[ActorMention]:
    """All mentions covering a token (a plural reference such as "the two countries" has several)."""
    return [m for m in doc._.ew_actors or () if m.start <= token_index < m.end]


def actor_at(doc: Doc, token_index: int) -> ActorMention | None:
    found = actors_at(doc, token_index)
    return found[0] if found else None


ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


def entities(
    doc: Doc,
    mentions: list[ActorMention],
    *,
    ents: Sequence[Span] | None = None,
    kb: ActorKB | None = None,
) -> list[Entity]:
    """Every NER entity with its actor (or None) and aliases; a name's alias is not an entity.

    An entity that is only the country cue of a larger mention ("Chinese" in "Chinese President
    Xi Jinping") gets the country's own actor, not the composed one.
    """

    skip = alias_token_spans(doc, mentions)
    by_span: dict[tuple[int, int], ActorMention] = {}
    for m in mentions:
        by_span.setdefault((m.start, m.end), m)
    kb = kb or load_actor_kb()
    out: list[Entity] = []
    for ent in doc.ents if ents is None else ents:
        if any(a <= ent.start and ent.end <= b for a, b in skip):
            continue
        actor: Actor | None = None
        aliases: tuple[str, ...] = ()
        if ent.label_ in ACTOR_LABELS:
            end = (
                ent.end - 1
                if ent.end - ent.start > 1 and _possessive(doc[ent.end - 1])
                else ent.end
            )
            actor, aliases = _entity_actor(doc, kb, ent.start, end, ent.label_, mentions, by_span)
            # "Saddam Hussein's": the name without its possessive is the actor
        text, start_char, end_char = slice_text(doc, ent.start, ent.end)
        out.append(Entity(text, start_char, end_char, ent.label_, actor, tuple(aliases)))
    return out


def _entity_actor(
    doc: Doc,
    kb: ActorKB,
    s: int,
    e: int,
    label: str,
    mentions: list[ActorMention],
    by_span: dict[tuple[int, int], ActorMention],
) -> tuple[Actor | None, tuple[str, ...]]:
    mention = by_span.get((s, e))
    if mention is None:
        inner = [m for m in mentions if s <= m.start and m.end <= e]
        if inner:
            mention = inner[0]
    if mention is not None:
        return mention.actor, mention.aliases
    outer = [m for m in mentions if m.start <= s and e <= m.end]
    if not outer:
        return None, ()
    if label in {"GPE", "NORP", "LOC"}:
        words = [norm_token(t.text) for t in doc[s:e]]
        found = kb.match_at(words, [t.text for t in doc[s:e]], 0)
        cue = (
            None
            if found is None or found[0] != e - s
            else next((x for x in found[1] if x.kind in CUE_KINDS), None)
        )
        if cue is not None:
            return make_actor(doc, s, e, country=cue.country, sector=None, name=cue.name), ()
        return None, ()
    return outer[0].actor, outer[0].aliases
