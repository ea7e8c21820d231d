"""Composition of actors inside noun phrases: country cue + agent (+ name), organisations, appositions.

"Chinese Minister of National Defense General Wei Fenghe" -> CHN + GOVMIL;
"Moscow-based foreign policy expert Fyodor Lukyanov" -> RUS + EDU;
"Li Xin, director of the Shanghai Institute for Foreign Studies" -> CHN + EDU (the organisation decides).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from ...knowledge.actors_kb import (
    ADJECTIVE,
    AGENT,
    CAPITAL,
    COUNTRY,
    CUE_KINDS,
    IGO,
    LEARNED,
    ORGWORD,
    PERSON,
    PERSON_SHORT,
    REGION,
    Entry,
)
from ...records import Actor
from .appositions import apposed_role, role_after, role_before
from .institutions import institution_after_cue, institution_role, lone_igo
from .types import (
    ActorMention,
    Context,
    Piece,
    inside_other_name,
    main_country,
    make_actor,
    sentence_of,
)
from .words import actor_words

STOP_POS = frozenset({"VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PRON", "PUNCT"})
MAX_LEFT = 7


@dataclass(slots=True)
class Cue:
    piece: Piece
    country: str | None
    sector: str | None
    name: str | None
    code: str | None = None  # fixed code (IGOs, organisations)


@dataclass(slots=True)
class Found:
    """What the walk around one agent found."""

    start: int
    end: int
    cue: Cue | None
    sector: str | None
    name_span: tuple[int, int] | None
    person: Entry | None
    elite: bool
    known_name: bool = False  # the name after the role is a dictionary surname ("President Trump")
    prefix: str | None = None  # a prefix agent before the cue ("MSF Arnor diplomat": NGO)
    # swapped dictionaries: the sectors of the agents between the cue and the role, in text
    # order ("Danish Islamist media": MUS)
    inner: list[str] = field(default_factory=list)
    # the institution right before a generic role with no cue ("a government spokesman")
    institution: Piece | None = None


def compose(
    ctx: Context, pieces: list[Piece]
) -> tuple[list[ActorMention], set[int], list[dict[str, Any]]]:
    by_end = {p.end: p for p in pieces}
    by_start = {p.start: p for p in pieces}
    used: set[int] = set()
    mentions: list[ActorMention] = []
    learned: list[dict[str, Any]] = []
    orgs: dict[int, ActorMention] = {}
    for p in pieces:
        if id(p) not in used and ORGWORD in p.kinds and ctx.doc[p.start].text[:1].isupper():
            m = _org_mention(ctx, p, pieces, by_end, used)
            if m is not None:
                mentions.append(m)
                orgs[m.start] = m
    for p in reversed(pieces):  # the head role of a chain first ("Foreign Ministry spokesman")
        agent = p.first(AGENT)
        if agent is None or id(p) in used or p.first(PERSON, PERSON_SHORT, LEARNED) is not None:
            continue
        found = _walk(ctx, p, agent, by_end, by_start, orgs, used)
        m = _agent_mention(ctx, p, agent, found, learned)
        if m is not None:
            mentions.append(m)
            used.update(id(q) for q in pieces if found.start <= q.start and q.end <= found.end)
    return mentions, used, learned


def from_dictionary(key: str) -> bool:
    """A person known only from the converted dictionaries (key "source:id"), not one of ours."""
    return ":" in key


def dictionary_surname(entry: Entry) -> bool:
    """A dictionary person's surname alone ("Peretz"): it may name a namesake."""
    return entry.kind == PERSON_SHORT and from_dictionary(entry.code)


def _cue_from(ctx: Context, piece: Piece) -> Cue | None:
    e = piece.first(*CUE_KINDS)
    if e is not None:
        return Cue(piece, e.country, e.sector, e.name)
    igo = piece.first(IGO)
    if igo is not None and igo.country:  # a dictionary company or agency with no country: no cue
        return Cue(piece, igo.country, igo.sector, igo.name, igo.code)
    person = piece.first(PERSON, PERSON_SHORT)
    if person is not None and dictionary_surname(person):
        return None  # a dictionary surname alone is no country cue ("Thames Valley Police")
    if person is not None and ctx.doc[piece.start].text[:1].isupper():
        actor, _ = ctx.person_actor(person, piece.start, piece.end)
        return Cue(
            piece,
            actor.country,
            "GOV" if actor.sector and "GOV" in actor.sector else None,
            actor.name,
        )
    return None


def _coded_igo(ctx: Context, piece: Piece) -> Cue | None:
    """Swapped dictionaries: an actor of its own code and no country before a role, whose code the
    role's agents extend ("West German world government activists": GMWGOV and WGO)."""
    igo = piece.first(IGO)
    if igo is None or not igo.code or igo.country:
        return None
    return Cue(piece, None, None, igo.name, igo.code)


def _stops(tok: Token) -> bool:
    if tok.text == "-":  # "Moscow-based" joins; a spaced dash ("Raipur, India - Rights") separates
        return bool(tok.whitespace_) or (tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_))
    if tok.text in actor_words().possessive:
        return False
    if tok.pos_ == "VERB" and tok.tag_ in {"VBN", "VBG"} and tok.dep_ in {"amod", "compound"}:
        return False  # "newly named", "longest-serving"
    if tok.dep_ == "cc" and tok.head.dep_ == "amod" and tok.head.pos_ == "ADJ":
        return False  # "Israel's new and hawkish defence minister": coordinated modifiers
    return tok.pos_ in STOP_POS or bool(tok.is_sent_start)


def _walk(
    ctx: Context,
    p: Piece,
    agent: Entry,
    by_end: dict[int, Piece],
    by_start: dict[int, Piece],
    orgs: dict[int, ActorMention],
    used: set[int],
) -> Found:
    doc = ctx.doc
    sector = agent.sector or None
    found = Found(p.start, p.end, None, sector, None, None, False)
    j = cue_end = p.start
    while j > 0 and p.start - j < MAX_LEFT:
        prev = by_end.get(j)
        if prev is not None and id(prev) not in used:
            cue = _cue_from(ctx, prev) or (_coded_igo(ctx, prev) if ctx.kb.swapped else None)
            if cue is not None and inside_other_name(ctx, prev):
                break  # "Nassau County officials": the place is part of another name
            if cue is not None:
                found.cue, found.start, cue_end = cue, prev.start, prev.end
                _prefix_before(ctx, found, by_end, used)
                break
            inner = prev.first(AGENT)
            if inner is not None and not found.sector:
                found.sector = inner.sector or None
                if prev.end == p.start and not agent.sector and inner.sector:
                    found.institution = prev
            elif inner is not None and inner.sector and _of_institution(ctx, agent):
                found.sector = inner.sector  # "police commander", "police officials": COP
                if prev.end == p.start:
                    found.institution = prev  # "union leaders said": LAB, as "the union"
            elif ctx.kb.swapped and inner is not None and inner.sector and not inner.prefix:
                found.inner.insert(0, inner.sector)
            j = prev.start
            continue
        tok = doc[j - 1]
        if tok.lower_ in actor_words().elite:
            found.elite = True
        if _stops(tok) and tok.lower_ not in actor_words().elite:
            break
        j -= 1
    if doc[p.start].is_sent_start and found.cue is None:
        found.start = p.start
    if (
        found.cue is not None
        and found.start > 0
        and doc[found.start - 1].lower_ in actor_words().elite
        and not any(t.pos_ == "NOUN" for t in doc[cue_end : p.start])
    ):  # not "former US presidential candidate Senator Ted Cruz": "former" is the candidate's
        found.elite = True  # "former Moldovan President Ivan Petrov", "former Gondor prosecutors"
        found.start -= 1
    _walk_right(ctx, p, found, by_start, orgs)
    return found


def _prefix_before(ctx: Context, found: Found, by_end: dict[int, Piece], used: set[int]) -> None:
    """Swapped dictionaries: a prefix agent (``NGO~``) right before the cue of a role adds its
    code before the country, as PETRARCH adds every agent of the phrase ("An MSF Arnor diplomat":
    NGOARNGOV)."""
    prev = by_end.get(found.start)
    inner = prev.first(AGENT) if prev is not None and id(prev) not in used else None
    if ctx.kb.swapped and prev is not None and inner is not None and inner.prefix and inner.sector:
        found.prefix, found.start = inner.sector, prev.start


def _of_institution(ctx: Context, agent: Entry) -> bool:
    """A role that the institution named before it places ("police commander": the police's)."""
    return not ctx.kb.swapped and agent.form.lower() in actor_words().institution_heads


def _walk_right(
    ctx: Context, p: Piece, found: Found, by_start: dict[int, Piece], orgs: dict[int, ActorMention]
) -> None:
    doc, kb = ctx.doc, ctx.kb
    j = p.end
    agent = p.first(AGENT)
    if found.cue is None and agent is not None and agent.prefix and j < len(doc):
        nxt = by_start.get(j)  # "MSF Arnor": a prefix agent (NGO~) names its actor after it
        cue = _cue_from(ctx, nxt) if nxt is not None else None
        if nxt is not None and cue is not None and nxt.first(PERSON, PERSON_SHORT) is None:
            found.cue, found.end = cue, nxt.end
            return
    owned = p.start > 0 and doc[p.start - 1].tag_ == "PRP$"  # "its troops from Lebanon": Syria's
    # "to" names the country of an office ("envoy to Russia"), but where forces go ("troops to Poland")
    heading = j < len(doc) and doc[j].lower_ == "to" and not (agent is not None and agent.personal)
    if (
        found.cue is None
        and not owned
        and not heading
        and j + 1 < len(doc)
        and doc[j].lower_ in actor_words().right_cues
    ):
        k = j + 1
        if k < len(doc) and doc[k].lower_ == "the":
            k += 1
        org = orgs.get(k) or orgs.get(k - 1)
        nxt = by_start.get(k) or by_start.get(k - 1)  # "for the Taliban": a name with its article
        if org is not None:
            found.cue = Cue(p, org.actor.country, org.actor.sector, org.actor.name, org.actor.code)
            found.end = org.end
            return
        place = (
            doc[j].lower_ in actor_words().place_cues
        )  # "in", "from": only a country or region name
        if (
            nxt is not None
            and (cue := _cue_from(ctx, nxt)) is not None
            and nxt.first(PERSON, PERSON_SHORT) is None
            # "from" an international body too ("a delegation from the African Union")
            and (
                not place
                or nxt.first(COUNTRY, REGION) is not None
                or (doc[j].lower_ in actor_words().origin_cues and nxt.first(CAPITAL) is not None)
                or lone_igo(doc, cue.code, nxt)
            )
            and not inside_other_name(ctx, nxt)  # "of the Moldovan Football Federation"
        ):
            found.cue, found.end = cue, nxt.end
            institution = institution_after_cue(agent, by_start.get(nxt.end))
            if (
                institution is not None
                and agent is not None
                and found.sector == (agent.sector or None)
            ):
                found.sector, found.end = institution
            return
    while j < len(doc) and (doc[j].lower_ in kb.titles or doc[j].lower_.rstrip(".") in kb.titles):
        j += 1
    if j >= len(doc):
        return
    nxt = by_start.get(j)
    if nxt is not None and (person := nxt.first(PERSON, LEARNED)) is not None:
        found.person, found.name_span, found.end = person, (nxt.start, nxt.end), nxt.end
        return
    short = nxt.first(PERSON_SHORT) if nxt is not None else None
    # a surname of ours ("President Trump"); a dictionary's alone may be a namesake ("Senator Walsh")
    found.known_name = short is not None and not dictionary_surname(short)
    end = _name_end(doc, j)
    if end > j:
        found.name_span, found.end = (j, end), end
        if found.cue is None:
            _cue_after_name(ctx, found, by_start)


def _cue_after_name(ctx: Context, found: Found, by_start: dict[int, Piece]) -> None:
    """ "President Ivan Petrov of Moldova": the country after an unknown person's name."""
    doc, k = ctx.doc, found.end
    if k + 1 >= len(doc) or doc[k].lower_ != "of":
        return
    k += 1 + (doc[k + 1].lower_ == "the")
    nxt = by_start.get(k)
    if nxt is not None and nxt.first(COUNTRY, REGION) is not None:
        cue = _cue_from(ctx, nxt)
        if cue is not None:
            found.cue, found.end = cue, nxt.end


def _name_end(doc: Doc, j: int) -> int:
    """End of a personal name starting at ``j`` (a PERSON entity or 2-3 capitalised proper nouns);
    a name entity stops before "of" ("Ivan Petrov of Moldova")."""
    tok = doc[j]
    if tok.ent_type_ == "PERSON" and tok.ent_iob_ == "B":
        k = j + 1
        while (
            k < len(doc)
            and doc[k].ent_iob_ == "I"
            and doc[k].ent_type_ == "PERSON"
            and doc[k].lower_ != "of"
        ):
            k += 1
        return k
    k = j
    while (
        k < len(doc)
        and k - j < 3
        and doc[k].pos_ == "PROPN"
        and doc[k].text[:1].isupper()
        and doc[k].ent_type_ in {"", "PERSON"}
    ):
        k += 1
    return k if k - j >= 2 else j


def _agent_mention(
    ctx: Context, p: Piece, agent: Entry, found: Found, learned: list[dict[str, Any]]
) -> ActorMention | None:
    doc = ctx.doc
    if found.person is not None and _words_decide(ctx, found):
        found.person = (
            None  # a dictionary person with no office on this date: the role words decide
        )
    if found.person is not None:
        s, e = found.start if found.cue else p.start, found.end
        actor, _ = ctx.person_actor(found.person, s, e)
        titled = _title_sector(ctx, found, agent, actor)
        if titled is not None:  # "Rebel leader Laurent Kabila": the office the text gives
            actor = make_actor(doc, s, e, country=actor.country, sector=titled, name=actor.name)
        if found.cue is not None and found.name_span is not None:
            code = (found.cue.country or "") + (found.sector or found.cue.sector or "")
            composed = make_actor(
                doc,
                s,
                e,
                country=found.cue.country,
                sector=found.sector,
                name=actor.name,
                code=found.cue.code or code,
            )
            learned.append(
                learned_row(
                    doc, composed, actor.name or "", doc[s : found.name_span[0]].text, ctx.date, s
                )
            )
        return ActorMention(s, e, actor, label="PERSON", kind="composed")
    if found.cue is None and found.name_span is not None and not found.known_name:
        return _titled_person(doc, agent, found)
    if found.cue is None:
        return _bare_agent(doc, p, agent, found) or (
            _modifier_agent(ctx, p, agent, found) if ctx.kb.swapped else None
        )
    cue = found.cue
    sector: str | None = found.sector or cue.sector
    if agent.needs_cue and cue.sector:  # a dictionary role after a seat ("White House counselor")
        sector = cue.sector
    if found.elite and (found.name_span is not None or agent.personal or ctx.kb.swapped):
        sector = "ELI"  # "former President X", "the former Moldovan president"; swapped
        # dictionaries: "former officials" too, as PETRARCH codes them
    fixed = cue.code if cue.code else None
    if fixed and cue.sector and not ctx.kb.swapped:
        sector = cue.sector  # "Ennahdha party leader X": the party's (PTY), as its code says
    if agent.prefix and not fixed:  # "NGO~": the sector goes before the country (NGOARN)
        fixed = (sector or "") + (cue.country or "")
    elif found.prefix and not fixed:  # "MSF Arnor diplomat": NGOARNGOV
        fixed = found.prefix + (cue.country or "") + (sector or "")
    if ctx.kb.swapped and not agent.prefix and (found.inner or cue.code):
        # every agent of the phrase, as PETRARCH adds them: "Danish Islamist media" DNKMUSMED,
        # "West German world government activists" GMWGOV + WGO
        base = cue.code or (found.prefix or "") + (cue.country or "")
        fixed = with_agents(base, [*found.inner, sector or ""])
    name = doc[found.name_span[0] : found.name_span[1]].text if found.name_span else None
    if cue.country is None and cue.code:  # a code of no country: the dictionary's own
        sector = None
    actor = make_actor(
        doc, found.start, found.end, country=cue.country, sector=sector, name=name, code=fixed
    )
    label = "PERSON" if name or agent.personal else ("ORG" if fixed else "NORP")
    if name and found.name_span is not None and found.name_span[1] - found.name_span[0] >= 2:
        learned.append(
            learned_row(
                doc, actor, name, doc[found.start : found.name_span[0]].text, ctx.date, found.start
            )
        )
    return ActorMention(found.start, found.end, actor, label=label, kind="composed")


def with_agents(code: str, sectors: list[str]) -> str:
    """``code`` with each agent's sector after it, in order, but one it already holds in its
    three-letter parts, as PETRARCH mixes the codes of a noun phrase (GMWGOV and GOV: GMWGOV;
    GMWGOV and WGO: GMWGOVWGO)."""
    for sector in sectors:
        if sector and not any(code.startswith(sector, i) for i in range(0, len(code), 3)):
            code += sector
    return code


def _title_sector(ctx: Context, found: Found, agent: Entry, actor: Actor) -> str | None:
    """The sector of the title before a dictionary person whom the dictionary gives no office on
    the story date (ELI, the converted dictionaries' "elite"; their roles end in 2015): "Rebel
    leader Laurent Kabila" is CODREB, "Senator Gillibrand" in 2019 USALEG. Not after "former",
    and only with the person's own country."""
    sector = found.sector or agent.sector
    person = ctx.kb.people.get(found.person.code) if found.person is not None else None
    if (
        person is None
        or not from_dictionary(person.key)  # one of ours: our dated roles decide
        or found.elite
        or not sector
        or sector == "ELI"
        or agent.name in actor_words().generic_titles  # "Labor Party leader Shimon Peres"
        or not actor.country
        or actor.code != actor.country + "ELI"
    ):
        return None
    return sector


def _words_decide(ctx: Context, found: Found) -> bool:
    """A person known only from the converted dictionaries (key "source:id") who holds no role on
    the story date ("Kenyan opposition leader Raila Odinga" in 2019): the cue and role decide."""
    person = ctx.kb.people.get(found.person.code) if found.person is not None else None
    return (
        person is not None
        and from_dictionary(person.key)
        and found.cue is not None
        and ctx.date is not None
        and person.role_on(ctx.date) is None
    )


def _bare_agent(doc: Doc, p: Piece, agent: Entry, found: Found) -> ActorMention | None:
    """A role without a country cue: a sector-only actor ("police"), a title for coreference
    ("the president"), a weak agent ("officials", "ministers") kept only if its sentence names one country, or
    a dictionary role ("lawyers") that only the place of an act can place (kind "scene")."""
    if found.name_span is not None or not _is_head_noun(doc, p, agent.personal):
        return None
    if found.institution is not None:
        return institution_role(doc, p, found.institution)
    if agent.needs_cue:
        kind = "scene"
    elif agent.personal:
        if p.start > 0 and doc[p.start - 1].lower_ == "the":
            kind = "title"
        elif _office_group(doc[p.end - 1]) and agent.sector:
            kind = "weak"  # "ministers", "governors": office holders counted as a group, as "officials"
        else:
            return None
    elif agent.standalone:
        kind = "agent"
    elif agent.sector:
        kind = "weak"
    else:
        return None
    actor = make_actor(
        doc, p.start, p.end, country=None, sector=agent.sector, name=None, code=agent.sector
    )
    return ActorMention(p.start, p.end, actor, kind=kind)


def _office_group(last: Token) -> bool:
    """A plural personal role on its own ("ministers", "governors"); not one whose holders its "of"
    phrase names ("leaders of both sides": the sides), nor one a determiner refers back with, nor
    a country's envoys abroad ("diplomats said": of no country the sentence names), nor one of a
    people or place no dictionary knows ("Tigrayan leaders": not the sentence's country's)."""
    return (
        last.tag_ == "NNS"
        and last.lower_ not in actor_words().foreign_missions
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in last.children)
        and not any(c.dep_ in ("det", "poss") for c in last.children)
        and not any(c.ent_type_ or c.pos_ == "PROPN" for c in last.lefts)
    )


def _modifier_agent(ctx: Context, p: Piece, agent: Entry, found: Found) -> ActorMention | None:
    """Swapped dictionaries: a role word that modifies a noun no dictionary lists is the role of
    the whole phrase, as PETRARCH finds an agent anywhere in its noun phrase ("the official news
    agency WFNA said": ---GOV)."""
    doc = ctx.doc
    last = doc[p.end - 1]
    head = last.head
    if (
        found.name_span is not None
        or not agent.sector
        or agent.personal
        or last.dep_ not in ("amod", "compound")
        or head.i <= last.i
        or head.pos_ != "NOUN"
        or (head.lower_,) in ctx.kb.forms  # a role or name of its own ("student activists")
        or any(t.dep_ not in ("amod", "compound") for t in doc[p.end : head.i])
    ):
        return None
    actor = make_actor(
        doc, p.start, head.i + 1, country=None, sector=agent.sector, name=None, code=agent.sector
    )
    return ActorMention(p.start, head.i + 1, actor, kind="agent")


def _titled_person(doc: Doc, agent: Entry, found: Found) -> ActorMention | None:
    """ "Prime Minister Tuilaepa", "Senator Gillibrand": a person the dictionaries do not list,
    named right after a role with no country cue. The role gives the sector now; the country
    comes from the document (:func:`titled_countries`)."""
    sector = found.sector or agent.sector  # "Foreign Ministry spokesman Liu": the ministry's
    if agent.needs_cue or not sector or found.name_span is None:
        return None
    sector = "ELI" if found.elite else sector
    start, end = found.start, found.end
    name = doc[found.name_span[0] : found.name_span[1]].text
    actor = make_actor(doc, start, end, country=None, sector=sector, name=name, code=sector)
    return ActorMention(start, end, actor, label="PERSON", kind="titled")


def titled_countries(
    ctx: Context, mentions: list[ActorMention], *, context_kinds: frozenset[str]
) -> list[ActorMention]:
    """Titled persons with no country cue take the dateline's country, else the document's main
    country (:func:`main_country`, over its name, adjective and composed mentions). Not
    the sentence's: "Prime Minister Tuilaepa thanked New Zealand" names the partner. With neither,
    the name is no actor ("President Ivan Petrov met Moldovan officials": whose president?)."""
    if not any(m.kind == "titled" for m in mentions):
        return mentions
    country = ctx.dateline_country or main_country(
        Counter(
            m.actor.country
            for m in mentions
            if m.kind in context_kinds and m.actor.country and m.actor.country in ctx.kb.countries
        )
    )
    out: list[ActorMention] = []
    for m in mentions:
        if m.kind != "titled":
            out.append(m)
            continue
        if country is None:
            continue
        a = m.actor
        actor = make_actor(ctx.doc, m.start, m.end, country=country, sector=a.sector, name=a.name)
        out.append(ActorMention(m.start, m.end, actor, label="PERSON", kind="composed"))
    return out


def _is_head_noun(doc: Doc, p: Piece, personal: bool) -> bool:
    """A role word heading its noun phrase. A counted personal role ("two ministers", "several
    presidents") is no single person to resolve, and a definite count ("the two governments",
    "both armies") refers back to actors named before; a counted group role ("two soldiers",
    "several protesters") is still the group's actor."""
    if p.start > 0 and doc[p.start - 1].lower_ in actor_words().quantifiers:
        before = doc[p.start - 2].lower_ if p.start > 1 else ""
        definite = doc[p.start - 1].lower_ == "both" or before in ("the", "these", "those")
        if personal or definite:  # "the two governments": a plural reference (agents.yaml)
            return False
    last = doc[p.end - 1]
    return last.pos_ in {"NOUN", "PROPN"} and last.dep_ not in {"amod", "compound", "nmod"}


def learned_row(
    doc: Doc, actor: Any, name: str, role_text: str, date: str | None, start: int
) -> dict[str, Any]:
    sent = sentence_of(doc, start)
    return {
        "name": name,
        "code": actor.code,
        "country": actor.country,
        "sector": actor.sector,
        "role_text": role_text.strip(" ,"),
        "date": date,
        "evidence": sent.text.strip(),
        "start": actor.start,
        "end": actor.end,
    }


def _org_mention(
    ctx: Context, p: Piece, pieces: list[Piece], by_end: dict[int, Piece], used: set[int]
) -> ActorMention | None:
    """A capitalised organisation name with a location cue before its type word ("Shanghai Institute")
    or after its "of" ("the Fisheries Directorate of Norway")."""
    doc = ctx.doc
    org = p.first(ORGWORD)
    if org is None:
        return None
    j, cue = p.start, None
    while j > 0 and p.start - j < 4 and doc[j - 1].text[:1].isupper():
        prev = by_end.get(j)
        if (
            prev is not None
            and (c := _cue_from(ctx, prev)) is not None
            and prev.first(PERSON, PERSON_SHORT) is None
        ):
            cue, j = c, prev.start
            break
        j -= 1
    end = p.end
    while end < len(doc):
        tok = doc[end]
        if (
            tok.text[:1].isupper()
            and tok.pos_ in {"PROPN", "NOUN", "ADJ"}
            or tok.lower_ in actor_words().connectors
            and end + 1 < len(doc)
            and doc[end + 1].text[:1].isupper()
        ):
            end += 1
        else:
            break
    if cue is None:  # "the Central Election Commission of Kyrgyzstan": the cue after "of"
        cue = _cue_after(ctx, p, pieces, end)
        if cue is None:
            return None  # j, from the search above: the name's capitalised words before its type
    start = min(cue.piece.start, j)
    used.update(id(q) for q in pieces if start <= q.start and q.end <= end)
    actor = make_actor(
        doc, start, end, country=cue.country, sector=org.sector, name=doc[start:end].text
    )
    return ActorMention(start, end, actor, label="ORG", kind="org")


def _cue_after(ctx: Context, p: Piece, pieces: list[Piece], end: int) -> Any:
    """A country cue inside an organisation's name after its type word and an "of"."""
    doc = ctx.doc
    if not (doc[p.end - 1].lower_ == "of" or (p.end < end and doc[p.end].lower_ == "of")):
        return None  # the entity may end on the "of" ("the Commission of" + "Kyrgyzstan")
    for q in pieces:
        if p.end <= q.start and q.end <= end and q.first(PERSON, PERSON_SHORT) is None:
            cue = _cue_from(ctx, q)
            if cue is not None:
                return cue
    return None


def person_affiliations(
    ctx: Context, mentions: list[ActorMention], learned: list[dict[str, Any]]
) -> list[ActorMention]:
    """PERSON entities left unresolved take the actor of their apposition ("X, director of ...",
    "the president of Moldova, Ivan Petrov, ..."), and so do names a dictionary gives another
    country ("John Smith, a British diplomat"): they replace those mentions."""
    doc = ctx.doc
    covered = {i for m in mentions for i in range(m.start, m.end)}
    named = {(m.start, m.end): m for m in mentions if m.kind == "name"}
    out: list[ActorMention] = []
    for ent in doc.ents if ctx.ents is None else ctx.ents:
        dictionary = named.get((ent.start, ent.end))
        if ent.label_ != "PERSON" or len(ent) < 2 or (ent.start in covered and not dictionary):
            continue
        found = role_after(doc, ent, mentions) or role_before(doc, ent, mentions)
        if found is None:
            apposed = _apposed(ctx, ent, dictionary)
            if apposed is not None:
                out.append(apposed)
            continue
        if dictionary is not None and dictionary.actor.country == found[0].actor.country:
            continue  # the dictionary's person fits the description: keep its dated role
        # else "John Smith, a British diplomat": the text's own description beats a namesake
        src, role_start, role_end = found[0].actor, found[1], found[2]
        actor = make_actor(
            doc,
            ent.start,
            ent.end,
            country=src.country,
            sector=src.sector,
            name=ent.text,
            code=src.code,
        )
        out.append(ActorMention(ent.start, ent.end, actor, label="PERSON", kind="composed"))
        learned.append(
            learned_row(doc, actor, ent.text, doc[role_start:role_end].text, ctx.date, ent.start)
        )
    return out


def _apposed(ctx: Context, ent: Span, dictionary: ActorMention | None) -> ActorMention | None:
    """A name whose apposition names a role of no country: of the dateline's country ("Zhang
    Guobao, vice minister of the ... Commission" in a Beijing story), or, for a dictionary person
    left without an office on the story date (ELI), of the person's own ("Nancy Pelosi, the
    Speaker of the House": USALEG)."""
    role = apposed_role(ctx, ent)
    if role is None:
        return None
    if dictionary is None:
        country = ctx.dateline_country
    elif dictionary.actor.sector == "ELI" and role[0] != "ELI":
        country = dictionary.actor.country
    else:
        return None
    if country is None:
        return None
    name = dictionary.actor.name if dictionary is not None else ent.text
    actor = make_actor(ctx.doc, ent.start, ent.end, country=country, sector=role[0], name=name)
    return ActorMention(ent.start, ent.end, actor, label="PERSON", kind="composed")


def placed_namesakes(ctx: Context, mentions: list[ActorMention]) -> list[ActorMention]:
    """A dictionary person whom the words next to the name place in another country ("Jordan's
    King Abdullah", "Jordanian King Abdullah II", "King Abdullah of Jordan", where the dictionary's
    Abdullah is Saudi Arabia's): the text's country, the person's sector."""
    out = []
    for m in mentions:
        country = m.actor.country
        own = country and m.actor.code == country + (m.actor.sector or "")  # no fixed code (NGO...)
        if m.label == "PERSON" and m.kind in ("name", "surname", "composed") and own:
            beside = _countries_beside(ctx, m)
            if len(beside) == 1 and country not in beside:
                actor = m.actor
                placed = make_actor(
                    ctx.doc, m.start, m.end, country=beside[0], sector=actor.sector, name=actor.name
                )
                m = ActorMention(m.start, m.end, placed, label=m.label, kind=m.kind)
        out.append(m)
    return out


def _countries_beside(ctx: Context, m: ActorMention) -> list[str]:
    """Countries named right before a person's title and name (a country word or its adjective,
    possessive or not, not a preposition's object: "envoy to Iraq Zalmay Khalilzad"), at the
    mention's start, or by "of" right after it."""
    doc, kb = ctx.doc, ctx.kb
    found: set[str] = set()
    k = m.end
    if k + 1 < len(doc) and doc[k].lower_ == "of":
        k += 1 + (doc[k + 1].lower_ == "the")
        found.update(_country_words(ctx, k, None))
    i = m.start
    while i > 0 and m.start - i < 5:  # over the titles and offices: "King", "Foreign Minister"
        if ctx.words[i - 1] in kb.titles:
            i -= 1
            continue
        office = _office_ending(ctx, i)
        if office is None:
            break
        i = office
    if i > 0 and doc[i - 1].lower_ in ("'s", "’s"):
        i -= 1
    for start in range(max(0, i - 3), i):
        if start == 0 or doc[start - 1].pos_ != "ADP":
            found.update(_country_words(ctx, start, i))
    found.update(_country_words(ctx, m.start, None))  # "Jordanian King Abdullah" as one mention
    return sorted(found)


def _office_ending(ctx: Context, end: int) -> int | None:
    """The start of a role word (an agent: "king", "foreign minister") ending at ``end``."""
    for start in range(max(0, end - 3), end):
        found = ctx.kb.forms.get(tuple(ctx.words[start:end])) or ()
        if any(e.kind == AGENT for e in found):
            return start
    return None


def _country_words(ctx: Context, start: int, end: int | None) -> list[str]:
    """The country of a country name or adjective at ``start`` (ending at ``end`` when given)."""
    if start >= len(ctx.doc):
        return []
    if end is None:
        hit = ctx.kb.match_at(ctx.words, ctx.texts, start)
        entries = hit[1] if hit is not None else []
    else:
        entries = ctx.kb.forms.get(tuple(ctx.words[start:end])) or []
    return [e.country for e in entries if e.kind in (COUNTRY, ADJECTIVE) and e.country]
