"""Modality of an action: control and deontic verbs, negation, future, irrealis contexts, enactment."""

from __future__ import annotations

from collections.abc import Sequence

from ..parsetree import ParsedToken
from .args import (
    FIRST_PERSON,
    conjuncts,
    is_passive,
    phrase_tokens,
    possessors,
    reported,
    target_groups,
    verb_subject,
)
from .coordination import nominal_subjects
from .lexicon import Control, Lexicon
from .model import CLAUSAL, GOVERN, NOUN_POS, STATEMENT, VERB_POS, Candidate, _forms, done_act
from .speakers import voice


def _control_of(token: ParsedToken, lex: Lexicon, *, modal: bool = False) -> Control | None:
    if token.pos_ in VERB_POS or token.pos_ == "AUX":
        key = (token.lemma_, token.lower_)
        memo = lex.verb_control_memo
        if key in memo:
            found = memo[key]
        else:
            found = memo[key] = next(
                (c for f in _forms(token) if (c := lex.controls.get((f, "verb"))) is not None),
                None,
            )
        if found is not None and found.realised_only and not done_act(token):
            return None  # "will not allow inspectors to visit": no permission was given
        return found if found is not None or not modal else _deontic(token, lex)
    elif token.pos_ == "ADJ":
        kind = "adj"
    elif token.pos_ in NOUN_POS:
        kind = "noun"
    else:
        return None
    return lex.controls.get((token.lemma_.lower(), kind))


def _deontic(token: ParsedToken, lex: Lexicon) -> Control | None:
    """A verb with an obligation modal ("Israel must withdraw") is a demand on its own action."""
    for child in token.children:
        if child.dep_ == "aux":
            control = lex.controls.get((child.lower_, "modal"))
            if control is not None:
                return control
    return None


def _governor(
    token: ParsedToken, lex: Lexicon, triggers: set[int]
) -> tuple[ParsedToken | None, Control | None]:
    """The control word governing an action (climbing xcomp/ccomp/objects), if any."""
    current = token
    for _ in range(5):
        if current.dep_ not in GOVERN or current.head.i == current.i:
            return None, None
        below, link, current = current, current.dep_, current.head
        if link == "pobj" and current.lower_ in SETTING_PREPS and _setting(below, lex):
            return None, None  # "demanded that they pay ... at the climate talks": the setting
        if link == "advcl" and _conditional(below, lex):
            return None, None  # "threatened to retaliate if Washington imposed tariffs": the
            # condition, not what is threatened
        control = _control_of(current, lex, modal=True)
        if control is not None:
            if control.mode == "appeal" and link == "prep" and below.lower_ in lex.addressee_preps:
                return None, None  # "appealed to the opposition": whom it asks, not what
            if control.enacts_object and link == "dobj":
                return None, None  # "called a strike": the caller strikes
            if control.demand_stating and link == "ccomp" and indicative(below, lex):
                return None, None  # "insisted it bore no responsibility": a claim, no demand
            if control.clausal and link not in CLAUSAL:
                return (
                    None,
                    None,
                )  # "ordered the strike" is the strike, "ordered them to leave" a demand
            return current, control
        if link in ("acl", "relcl") and current.pos_ in NOUN_POS:
            return (
                None,
                None,
            )  # a modifier of a plain noun ("talks mediated by China") is its own clause
        if current.lemma_.lower() in lex.speech:
            return None, None
        if current.i in triggers and token.dep_ != "conj":  # coordinated actions share a governor
            return None, None
    return None, None


SETTING_PREPS = frozenset({"at", "in", "during"})


def _setting(noun: ParsedToken, lex: Lexicon) -> bool:
    """A gathering or statement an act is done at or in (``setting_nouns``), not the act."""
    return noun.lemma_.lower() in lex.setting_nouns or noun.lower_ in lex.setting_nouns


def _pattern_negates(cand: Candidate) -> bool:
    """A dictionary pattern that matched the verb's negation ("- &NEGATVAUXVRB * OVER EFFORTS
    [904]", "- WILL NOT * [030]"): the code already says what not doing it means."""
    if cand.kind != "dict":
        return False
    return any(c.dep_ == "neg" and c.i in cand.tokens for c in cand.trigger.children)


def _pattern_modal(cand: Candidate) -> bool:
    """A dictionary pattern that matched the verb's modal ("- INDICATED SHOULD * [1011]"): the
    code already says what the modal act is, so the modal leaves it real."""
    if cand.kind != "dict":
        return False
    verb = cand.trigger
    # or the verb whose purpose clause it is ("+ HOSTING * TABASKI": "hosting X to celebrate")
    return (verb.head.i != verb.i and verb.head.i in cand.tokens) or any(
        c.dep_ == "aux" and c.i in cand.tokens for c in verb.children
    )


def _is_negated(token: ParsedToken) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children)


def _has_future(token: ParsedToken, lex: Lexicon) -> bool:
    """A future auxiliary on the verb, on the clause it complements ("will make them step up"),
    on the verb it is coordinated with or describes ("will visit Slovakia and sign deals", "will
    resume work Sunday, flying to Montreal"); or "is to" ("are to meet")."""
    verb = token
    for _ in range(6):  # "will hold talks, meet X, deliver a speech, visit Y and sign deals"
        if any(c.dep_ == "aux" and c.lower_ in lex.future for c in verb.children):
            return True
        if verb.dep_ == "xcomp" and verb.head.lemma_ == "be" and _infinitive(verb):
            return True  # "Hu and Wen are to meet Bush"
        if verb.dep_ == "xcomp" and _infinitive(verb) and _scheduled(verb.head, lex):
            return True  # "is due to arrive", "is set to visit"
        if not _shares_mood(verb):
            return False
        verb = verb.head
    return False


def _scheduled(head: ParsedToken, lex: Lexicon) -> bool:
    """A predicate adjective or passive participle of "be" that schedules its infinitive."""
    if head.lower_ not in lex.scheduled:
        return False
    if head.dep_ == "acomp" and head.head.lemma_ == "be":
        return True
    return any(c.dep_ == "auxpass" for c in head.children)


def _infinitive(verb: ParsedToken) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _shares_mood(verb: ParsedToken) -> bool:
    """A verb that takes the tense of the verb it hangs on: a complement, a coordinated verb with no
    subject or auxiliary of its own, or a participle describing it."""
    if verb.head.i == verb.i or verb.head.pos_ not in ("VERB", "AUX"):
        return False
    if verb.dep_ in ("xcomp", "ccomp"):
        return True
    own = any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)
    if verb.dep_ == "conj":
        return not own
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and not own


def _noun_future(cand: Candidate, lex: Lexicon) -> bool:
    """An event noun under a future verb that is not an action itself ("will hold talks"), the
    subject of a future "be" ("Wen's visit to Slovakia will be the first"), the object of a verb
    that prepares it ("worked to arrange a meeting"), or with a modifier that puts it ahead ("the
    planned trip to Warsaw", "his upcoming visit")."""
    noun = cand.trigger
    if noun.pos_ not in NOUN_POS:
        return False
    if any(
        c.dep_ in ("amod", "compound") and c.lower_ in lex.prospective_modifiers
        for c in noun.children
    ):
        return True
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be" and _has_future(noun.head, lex):
        return True
    verb = _noun_governing_verb(noun, lex, set())
    if verb is not None and verb.lemma_.lower() in lex.prospective_verbs:
        return True
    return verb is not None and _has_future(verb, lex)


def _unfulfilled(verb: ParsedToken, lex: Lexicon) -> bool:
    """A plan told in the past perfect ("had planned to attend the meeting", "experts who had
    planned to carry out the visit") or a perfect infinitive of "be to" ("Hariri was to have
    traveled to Edmonton for a meeting"): it did not come true."""
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if verb.lemma_.lower() in lex.unfulfilled_plans and "had" in auxes:
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_ == "be" and {"to", "have"} <= auxes


def _passive_clause(verb: ParsedToken) -> bool:
    """A bare past participle clause before its head ("Asked what message she would send, Merkel
    said", "When asked whether ..., she replied"): its understood subject is the one asked, so the
    clause is no appeal by the sentence's subject."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ in ("VBN", "VBD")
        and verb.i < verb.head.i
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)
    )


def _apply_modality(
    cand: Candidate,
    lex: Lexicon,
    triggers: set[int],
    governed: set[int],
    *,
    future: bool = True,
) -> bool:
    """Mode, negation, future and hedges; False when the action is not an event (``hopes for``).
    ``future=False``: a future auxiliary leaves the code as it is (PETRARCH, which codes no
    tense: "will contribute" is CONTRIBUTE's own [070]); negated, it is still a refusal."""
    gov, control = _governor(cand.trigger, lex, triggers)
    own = _deontic(cand.trigger, lex)
    if own is not None and _pattern_modal(cand):
        own = None  # "- INDICATED SHOULD * [1011]": the pattern's code is the modal act's
    if own is not None and control is not None and control.mode in INTENTS:
        own = None  # "A and B agree that the disputes should be resolved": their intention
    verb = gov if gov is not None else cand.trigger
    negated = _is_negated(cand.trigger) or (gov is not None and _is_negated(gov))
    if not negated and gov is None and cand.trigger.pos_ in NOUN_POS:  # "had not received any
        host = cand.trigger.head  # aid": the object of a negated verb did not happen
        negated = cand.trigger.dep_ == "dobj" and host.pos_ in VERB_POS and _is_negated(host)
    if negated and _pattern_negates(cand):
        negated = False  # the dictionary pattern names the negation: its code is the negated act
    modes: list[str] = []
    if own is not None:
        modes.append(own.mode)
    elif control is not None:
        modes.append(control.mode)
    elif (future or negated) and (
        _has_future(cand.trigger, lex) or _has_future(verb, lex) or _noun_future(cand, lex)
    ):
        modes.append("future")
    outer = gov
    chain: list[int] = []
    while outer is not None:  # nested controls: "refused a request to visit"
        chain.append(outer.i)
        outer, outer_control = _governor(outer, lex, triggers)
        if outer_control is not None:
            modes.append(outer_control.mode)
    if negated and modes and (modes[0] in INTENTS or modes[0] == "future"):
        modes[0], negated = "reject", False
    if negated and control is not None and gov is not None and control.mode in OBLIGATIONS:
        negated = _is_negated(gov)  # "appealed to Thailand not to push them back": made
    for mode in modes:
        new = lex.apply_mode(mode, cand.code)
        if new is None:  # its controls keep their own reading ("refused to change its detention
            return False  # policy": a refusal, though a refused detention codes nothing)
        cand.code, cand.mode = new, mode
    governed.update(chain)
    cand.negated = negated
    cand.governor = gov if modes else None
    hedged = any(c.lower_ in lex.hedges for c in (*cand.trigger.children, *verb.children))
    if hedged:
        cand.confidence -= 0.2
    speaker = cand.trigger.head
    if own is not None and reported(cand.trigger, lex.speech):
        # "Egypt said Ethiopia must stop": the speaker demands it of the clause's subject
        cand.targets = verb_subject(cand.trigger)
        cand.sources = verb_subject(speaker)
    if gov is not None and cand.kind != "noun":
        owners = possessors(gov) if gov.pos_ in NOUN_POS else []
        cand.sources = owners or verb_subject(gov)  # "stressed Iraq's readiness to cooperate"
        if modes and modes[0] in ("appeal", "demand") and own is None:
            # the addressee: "urged Kenya", "appealed to Kenya", "called on Kenya", "pleaded with
            # Kenya"; every filled role is kept, the actor resolution skips the times
            groups = target_groups(gov, ("dobj", "dative", "to", "on", "upon", "with"))
            addressees = [t for group in groups for t in group] or _clause_subjects(cand.trigger)
            if cand.root == "13":
                # "urged the EU to impose sanctions on Russia": the threat is aimed at Russia; the
                # addressee is the target only when the sanctions name none
                cand.alt_targets = addressees + cand.alt_targets
            else:
                cand.targets = addressees
    if gov is not None and cand.kind == "noun" and modes[:1] == ["demand"] and own is None:
        # "demanded that Australia provide help": the demand is Tuvalu's, of Australia
        host = cand.trigger.head  # the verb whose object the noun is ("provide help")
        addressees = _clause_subjects(host) if cand.trigger.dep_ == "dobj" else []
        if gov.pos_ in VERB_POS and host is not gov and addressees and not cand.sources:
            cand.sources, cand.targets = verb_subject(gov), cand.targets or addressees
    if cand.root == "13":  # "threatened to retaliate if Washington imposed tariffs": Washington
        cand.alt_targets += _condition_subjects(gov if gov is not None else cand.trigger, lex)
    return True


def _clause_subjects(verb: ParsedToken) -> list[ParsedToken]:
    """Of whom an appeal or a demand with no addressee of its own asks: the subject of the clause
    it asks for ("demanded that Lebanon disarm the militia": Lebanon)."""
    if verb.pos_ not in VERB_POS or verb.dep_ != "ccomp":
        return []
    return nominal_subjects(verb)


def _conditional(clause: ParsedToken, lex: Lexicon) -> bool:
    return _marked(clause, lex.irrealis_marks)


def _condition_subjects(verb: ParsedToken, lex: Lexicon) -> list[ParsedToken]:
    """The subjects of the conditions a threat sets ("if Washington imposed tariffs"), on the
    threatening verb or on what it threatens."""
    heads = [verb, *(c for c in verb.children if c.dep_ in ("xcomp", "ccomp", "dobj"))]
    clauses = [c for h in heads for c in h.children if c.dep_ == "advcl" and _conditional(c, lex)]
    return [t for c in clauses for t in nominal_subjects(c)]


def _reason_of_object(verb: ParsedToken) -> bool:
    """A gerund under "of"/"for" of a verb with an object ("accused the rebels of shelling towns",
    "thanked Japan for helping"): what the object is said to have done, a charge or a reason."""
    prep = verb.head
    holder = prep.head.head if prep.head.dep_ == "dobj" else prep.head  # "of" hung on the object
    return (
        verb.dep_ == "pcomp"
        and verb.tag_ == "VBG"
        and prep.lower_ in ("of", "for")
        and holder.pos_ in VERB_POS
        and any(c.dep_ == "dobj" for c in holder.children)
    )


def _content_of_control(verb: ParsedToken, lex: Lexicon) -> bool:
    """A verb such as "include" whose subject is a demand, plan or hope ("the demands include ...")."""
    if verb.lemma_.lower() not in lex.content_verbs:
        return False
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            control = lex.controls.get((child.lemma_.lower(), "noun"))
            if control is not None:
                return True
    return False


def _irrealis(token: ParsedToken, lex: Lexicon) -> bool:
    """An action not reported as real: under a possibility modal, in a conditional or purpose
    clause, prevented or permitted ("to block the release"), the content of a demand, or a plan
    that did not come true ("had planned to attend")."""
    current = token
    for _ in range(8):
        if current.pos_ in VERB_POS or current.pos_ == "AUX":
            if any(c.dep_ == "aux" and c.lower_ in lex.irrealis_modals for c in current.children):
                return True
            if _content_of_control(current, lex) or _unfulfilled(current, lex):
                return True  # "the demands include ...", "had planned to attend"
        if (
            current.dep_ == "advcl"
            and (_conditional(current, lex) or _infinitive(current))
            and not _enacts(current.head, lex)
        ):
            return True  # "if they attack", "sued to block the release"
        if (
            current.dep_ in ("acl", "relcl")
            and _infinitive(current)
            and not _enacts(current.head.head, lex)
        ):
            return True  # "a satellite to study the climate": a purpose, not a deed
        if (
            current.dep_ == "advcl"
            and any(
                c.dep_ in ("mark", "advmod") and c.lower_ in lex.prospective_marks
                for c in current.children
            )
            and _has_future(current.head, lex)
            and not _past_tense(current)
        ):
            return True  # "will not end the strike until their demands are met": not yet
        if _time_anchor(current, lex):
            return True  # "five years after crowds burned its embassy": a past event as a date
        if _past_fact(current):
            return False  # "to stop Russian action after Russia seized Crimea": that was done
        head = current.head
        if head.i == current.i or head.lemma_.lower() in lex.speech:
            return False
        if current.dep_ == "pobj" and head.head.lemma_.lower() in lex.prospect_nouns:
            return True  # "a big potential for cooperation", "interest in talks": not (yet) done
        if head.lemma_.lower() in lex.evaluative and current.dep_ == "dobj":
            return True  # "would review its cooperation with Russia": weighed, not done
        if current.dep_ in ("ccomp", "xcomp") and _dismissive(head, lex):
            return True  # "denied that its soldiers committed crimes": not asserted
        if _reason_of_object(current):
            return True  # "accused the rebels of shelling": the charge, not this sentence's act
        if head.lemma_.lower() in lex.preventive and (
            current.dep_ in ("dobj", "xcomp", "ccomp")
            or (current.dep_ == "prep" and current.lower_ == "from")
        ):
            return True
        current = head
    return False


def _time_anchor(verb: ParsedToken, lex: Lexicon) -> bool:
    """A clause that dates the sentence by a past event ("almost five years after crowds burned
    its embassy", "two decades since the war ended"): background, as PETRARCH leaves it, and not
    an event of the story's date."""
    return verb.dep_ == "advcl" and any(
        (c.dep_ == "npadvmod" and c.lemma_.lower() in lex.time_units)
        or (c.dep_ == "mark" and c.lower_ in lex.anchor_marks and _past_tense(verb))
        for c in verb.children
    )  # "since the army deposed president Morsi": the past point the sentence counts from


def _past_fact(verb: ParsedToken) -> bool:
    """A subordinate clause in the simple past with its own subject states what happened, whatever
    the mood of the clause it hangs on (conditional subordinators were tested before)."""
    return (
        verb.tag_ == "VBD"
        and verb.dep_ in ("advcl", "relcl")
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    )


def _enacts(verb: ParsedToken, lex: Lexicon) -> bool:
    """A realised enactment of a document ("signed a treaty", "passed a law"): its purpose infinitive
    states what the text does ("signed a treaty to annex Crimea"), not a mere aim."""
    if verb.pos_ not in VERB_POS or verb.lemma_.lower() not in lex.enactment:
        return False
    if verb.dep_ in ("xcomp", "advcl") or _irrealis(verb, lex):
        return False  # "refused to sign a treaty to annex", "if it signs a treaty to annex"
    if _is_negated(verb) or any(
        c.dep_ == "aux" and (c.lower_ in lex.irrealis_modals or c.lower_ in lex.future)
        for c in verb.children
    ):
        return False
    return any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lex.enacted for c in verb.children
    )


def _noun_governing_verb(noun: ParsedToken, lex: Lexicon, triggers: set[int]) -> ParsedToken | None:
    """The verb an event noun hangs on when that verb is not an action itself ("hold talks"); a
    noun modifying a frame noun hangs where the frame noun does ("participate in peacekeeping
    operations")."""
    current = noun
    if noun.dep_ in ("compound", "amod", "nmod") and noun.head.lemma_.lower() in lex.frame_nouns:
        current = noun.head
    for _ in range(4):
        if (
            current.dep_ not in ("dobj", "pobj", "prep", "attr", "nsubjpass", "appos", "conj")
            or current.head.i == current.i
        ):
            return None
        if current.dep_ == "pobj" and current.head.lower_ in lex.scene_preps:
            return None  # "mourning after the strike": the strike is not the mourners' action
        current = current.head
        if current.pos_ in VERB_POS or current.pos_ == "AUX":
            if current.i in triggers and current.lemma_.lower() not in lex.light:
                return None
            return current
    return None


def _bystanders(noun: ParsedToken, lex: Lexicon) -> bool:
    """People named by their act (the doers of ``agent_events``: "protesters", "gunmen"; those
    who undergo it, ``people_nouns``: "detainees") where they are not the active subject of their
    clause: another act is done to them or told of them ("fired at a protester", "four gunmen were
    killed"), so theirs is no event of this sentence."""
    lemma = noun.lemma_.lower()
    if lemma not in lex.agent_events and lemma not in lex.people_nouns:
        return False
    head = noun
    while head.dep_ in ("conj", "appos") or (head.dep_ == "pobj" and head.head.lower_ == "of"):
        head = head.head.head if head.dep_ == "pobj" else head.head  # "thousands of protesters"
    return head.dep_ != "nsubj"


def _own_words(cand: Candidate) -> str:
    """The words an action is made of: its trigger and the noun phrases of its arguments, without
    the clauses hanging on them. A discard phrase there makes it no political event ("Typhoon
    Mitag lashed South Korea", "the defending champion beat ..."); one elsewhere in the sentence
    does not ("pledged aid to fight the Ebola epidemic", "authorities said" after a storm report)."""
    doc = cand.trigger.doc
    words = [doc[i].text for i in cand.tokens]
    heads = [*cand.sources, *cand.targets, *cand.alt_sources, *cand.alt_targets]
    if cand.trigger.pos_ not in VERB_POS:
        heads.append(cand.trigger)  # an event noun's phrase: "the invasion in World War II"
    for head in heads:
        words += [t.text for t in sorted(phrase_tokens([head], PHRASE_CLAUSES), key=lambda t: t.i)]
    return " ".join(words)


# clauses on a noun: not part of the noun phrase an action's argument is named by
PHRASE_CLAUSES = frozenset({"relcl", "acl", "ccomp", "xcomp", "advcl"})


def _states_view(verb: ParsedToken) -> bool:
    """A verb with a finite clausal complement, no infinitive and no partner: one side's view
    ("the ministers agreed that ..."), not two sides agreeing ("the Philippines and France agree
    that ...", "agrees with France that ...", which PETRARCH codes 030)."""
    deps = {c.dep_ for c in verb.children}
    if "ccomp" not in deps or "xcomp" in deps:
        return False
    partner = any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return not partner and not any(len(conjuncts(s)) > 1 for s in subjects)


def indicative(clause: ParsedToken, lex: Lexicon) -> bool:
    """A finite clause that states what is, was or will be ("insisted it bore no responsibility",
    "insists Iran will not yield": ``stating_aux``), not a subjunctive or modal demand ("demanded
    that Lebanon disarm", "insisted that Kenya must pay")."""
    if clause.tag_ in ("VBD", "VBZ"):  # not VBP: "demanded that the United States lift" is
        return True  # the subjunctive's base form
    stated = any(c.dep_ == "aux" and c.lower_ in lex.stating_aux for c in clause.children)
    return stated and _deontic(clause, lex) is None


def asserts(verb: ParsedToken, lex: Lexicon) -> bool:
    """A verb of demanding whose clause states a fact rather than what must be done. A clause of
    time or condition ("demanded that Sweden extradite them before it approves") is no content."""
    marks = lex.irrealis_marks | lex.prospective_marks
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and not _marked(c, marks)]
    return bool(clauses) and all(indicative(c, lex) for c in clauses)


def _marked(clause: ParsedToken, marks: frozenset[str]) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children)


def _planned(cand: Candidate, lex: Lexicon) -> bool:
    """An event noun that is what a plan, proposal or call is for ("answered a proposal for four-way
    peace talks", "plans for a summit"): not held, and no act of whoever the sentence says met or
    spoke; the plan's own words, where they are an action ("called for talks"), are the event."""
    noun, head = cand.trigger, cand.trigger.head
    return (
        noun.pos_ in NOUN_POS
        and noun.dep_ == "pobj"
        and head.lower_ == "for"
        and head.head.pos_ in NOUN_POS
        and head.head.lemma_.lower() in lex.prospective_nouns
    )


def _dismissed(cand: Candidate, lex: Lexicon) -> bool:
    """An action named as the object of a refusal ("rejected the withdrawal of its troops",
    "ruled out talks"): not done. A speech act named so was made ("rejected the accusations")."""
    noun = cand.trigger
    if noun.pos_ not in NOUN_POS or noun.dep_ != "dobj" or cand.root in lex.spoken_roots:
        return False
    return _dismissive(noun.head, lex)


def _dismissive(verb: ParsedToken, lex: Lexicon) -> bool:
    """A verb of refusing or denying, a particle verb as "rule out" included."""
    lemma = verb.lemma_.lower()
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    return lemma in lex.dismissive or any(f"{lemma} {p}" in lex.dismissive for p in particles)


def _aggregate(cand: Candidate, lex: Lexicon) -> bool:
    """An action told as a habit, a trend or a sum over a span of time, not as one event ("Bolton
    often had disagreements", "have long complained", "negotiated the deal over the last four
    years", "twelve years of civil war", "a six-month conflict", "all suicide bombings since
    March"): CAMEO codes events, and these are none."""
    if _describes_noun(cand.trigger, lex):
        return True
    planned = cand.mode in ("intent", "offer", "future")  # "intends to lend over the next two
    for token in (None if planned else cand.trigger, cand.governor):  # years": the plan is one act
        if token is None:
            continue
        if token.pos_ in NOUN_POS:
            verb = _noun_governing_verb(token, lex, set())
            if _noun_aggregate(token, verb, lex):
                return True
            token = verb
        if token is not None and _verb_aggregate(token, lex):
            return True
    return False


def _describes_noun(verb: ParsedToken, lex: Lexicon) -> bool:
    """A relative clause in the simple present that tells what its noun does ("Project Hope, which
    helps school drop-outs", "YPG militia which support the PKK"): a standing description, unless
    the noun is an enacted text whose content it states ("a decree that bars any person")."""
    return (
        verb.pos_ in VERB_POS
        and verb.dep_ == "relcl"
        and verb.tag_ in ("VBZ", "VBP")
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        and verb.head.lemma_.lower() not in lex.enacted
    )


def _phrase(token: ParsedToken) -> str:
    """A modifier's words as one string ("so far", "long-standing")."""
    return " ".join(t.lower_ for t in token.subtree).replace(" - ", "-")


def _noun_aggregate(noun: ParsedToken, verb: ParsedToken | None, lex: Lexicon) -> bool:
    """An event noun made many or standing by a modifier ("frequent disagreements", "past uses of
    force"), or measured in months or years ("a six-month conflict", "22 years of occupation") where
    no verb makes it an act ("declared a six-month ceasefire" is one)."""
    for head in (
        (noun, noun.head) if noun.dep_ == "conj" else (noun,)
    ):  # "increasing trade and dialogue"
        for child in head.children:
            if (
                child.dep_ in ("det", "amod", "predet")
                and _phrase(child) in lex.aggregate_modifiers
            ):
                return True
    head = noun.head
    if (
        noun.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.lemma_.lower() in lex.time_units
        and head.head.tag_ == "NNS"
    ):
        return True  # "twelve years of civil war", "ended its 22 years of occupation"
    if verb is not None and verb.lemma_.lower() not in lex.stative_verbs:
        return False
    return any(
        c.dep_ in ("compound", "nmod", "amod", "npadvmod") and _counted_time(c, lex)
        for c in noun.children
    )  # "the six-month Zairean conflict", "its 47-year-old embargo"


def _counted_time(token: ParsedToken, lex: Lexicon) -> bool:
    """A time unit in a modifier ("six-month", "47-year-old", "decades-long")."""
    return any(t.lemma_.lower() in lex.time_units for t in token.subtree)


def _verb_aggregate(verb: ParsedToken, lex: Lexicon) -> bool:
    """A verb, or the verb whose subject and tense it shares, said of a habit or a span."""
    current = verb
    for _ in range(3):
        if _habitual(current, lex):
            return True
        own = any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in current.children)
        if current.head.i == current.i or own or current.head.pos_ not in VERB_POS:
            return False
        if not (
            current.dep_ in ("xcomp", "conj") or (current.dep_ == "advcl" and current.tag_ == "VBG")
        ):
            return False  # "insurgents frequently target troops, accusing them": the habit's
        current = current.head
    return False


def _habitual(verb: ParsedToken, lex: Lexicon) -> bool:
    if _standing(verb, lex):
        return True
    for child in verb.children:
        if child.dep_ == "advmod" and _phrase(child) in lex.habitual_adverbs:
            return True  # "often", "have long complained", "so far"
        if child.dep_ == "advmod" and child.lower_ == "before" and not child.children:
            return True  # "have used force against protesters before"
        if child.dep_ != "prep":
            continue
        if child.lower_ in lex.span_preps and any(_span(o, lex) for o in child.children):
            return True
    return False


def _standing(verb: ParsedToken, lex: Lexicon) -> bool:
    """An act of the state in the simple present passive ("The PKK is banned in Turkey", "the
    dissidents are jailed"): a standing state, not the act of the day."""
    return (
        verb.tag_ == "VBN"
        and verb.lemma_.lower() in lex.state_acts
        and any(c.dep_ == "auxpass" and c.lower_ in ("is", "are") for c in verb.children)
        and not any(c.dep_ == "aux" for c in verb.children)
    )


def _span(obj: ParsedToken, lex: Lexicon) -> bool:
    """A span of months or years ("over the last four years", "in the past few months", "during
    two decades"), not a date ("in May", "in the last week") nor a count after "in" ("met for the
    first time in five years", "the second report in two months")."""
    if obj.dep_ != "pobj" or obj.lemma_.lower() not in lex.time_units:
        return False
    counted = obj.head.lower_ != "in" and any(c.dep_ == "nummod" for c in obj.children)
    return any(c.lower_ in lex.span_modifiers for c in obj.children if c.dep_ == "amod") or (
        counted and obj.tag_ == "NNS"
    )


def voiced_demands(
    cands: list[Candidate], lex: Lexicon, *, unvoiced: bool = False
) -> list[Candidate]:
    """An obligation told with a modal ("must": a demand, "should": an appeal) is the demand or
    appeal of whoever voices its clause, of the clause's subject: "Egypt said Ethiopia must stop
    filling the dam" is Egypt's of Ethiopia. One that no one voices ("Iran must stop") is no one's
    and goes, and so does one whose subject is a pronoun ("Egypt said it must protect its water":
    the speaker's own duty, no one asked). ``unvoiced``: keep the governed action of an unvoiced
    obligation as its doer's (PETRARCH's dictionaries code "Iran must stop" as Iran's)."""
    kept: list[Candidate] = []
    for cand in cands:
        own = cand.kind == "control" or cand.governor is None  # the modal is the action's own
        verb = cand.trigger if own else cand.governor
        if verb is not None and (cand.kind == "control" or cand.mode in OBLIGATIONS):
            control = _control_of(verb, lex, modal=True)
            if control is not None and control.pos == "modal" and control.mode in OBLIGATIONS:
                speakers = voice(verb, lex.speech)
                subjects = verb_subject(verb)
                if not (speakers and _obliged_all(verb, subjects, lex)):
                    if cand.kind == "control" or not unvoiced:
                        continue
                else:  # "said Greece should not leave the euro": an appeal all the same
                    cand.sources, cand.targets, cand.voiced = speakers, subjects, True
                    cand.negated = False
        kept.append(cand)
    return kept


OBLIGATIONS = ("demand", "appeal")
INTENTS = ("intent", "offer")


def _obliged_all(verb: ParsedToken, subjects: list[ParsedToken], lex: Lexicon) -> bool:
    """Every subject of an obligation can be asked to act; a passive needs none ("the EU says
    military intervention must be avoided": a demand of no one named)."""
    if not subjects:
        return is_passive(verb)
    return all(_obliged(s, lex) for s in subjects)


def _obliged(subject: ParsedToken, lex: Lexicon) -> bool:
    """Who can be asked or told to act: a name or an actor noun ("Greece", "the president"); not
    a pronoun (the speaker's own duty: "Egypt said it must") nor a thing ("the talks should
    resume next week": an expectation)."""
    return subject.pos_ == "PROPN" or (
        subject.pos_ in NOUN_POS and subject.lemma_.lower() in lex.agent_nouns
    )


def _past_tense(verb: ParsedToken) -> bool:
    """A verb in the past ("were denied", "withdrew"): reported as done, whatever its main clause."""
    return verb.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children
    )


def refusals(sent: Sequence[ParsedToken], cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """An act its doer says it will not do is a refusal (CAMEO 12) even when the act has no code
    of its own ("they will not end the strike", "he will not approve a budget"): the future makes
    it the doer's stance, the negation a rejection. A coded act takes the same road through its
    own mode (``_apply_modality``); verbs of being, having and speaking refuse nothing."""
    taken = {i for c in cands for i in (*c.tokens, c.trigger.i)}
    out: list[Candidate] = []
    for token in sent:
        lemma = token.lemma_.lower()
        if (
            token.pos_ != "VERB"
            or token.i in taken
            or lemma in lex.stative_verbs
            or lemma in lex.speech
            or not _is_negated(token)
            or not any(_refuser(c, lex) for c in token.children if c.dep_ == "nsubj")
            or not _has_future(token, lex)
        ):
            continue
        code = lex.apply_mode("reject", STATEMENT)
        if code is not None:
            out.append(Candidate(token, (token.i,), code, "verb", mode="reject", confidence=0.5))
    return out


def _refuser(subject: ParsedToken, lex: Lexicon) -> bool:
    """Who can refuse: a name, an actor noun ("the government"), the speaker ("I", "we"), or a
    pronoun in a reported clause ("Iran said it would not"); not a thing ("our decision will not
    depend", "it will not silence the critics")."""
    if subject.pos_ == "PROPN" or subject.lemma_.lower() in lex.agent_nouns:
        return True
    if subject.pos_ != "PRON":
        return False
    if subject.lower_ in FIRST_PERSON:
        return True
    return subject.head.dep_ == "ccomp"  # "Iran said it would not", "the US insists it will not"
