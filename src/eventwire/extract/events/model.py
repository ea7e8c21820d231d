"""The event coder's shared vocabulary: constants, its knowledge and the action candidate."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ...knowledge.verbdict import load_discards, load_verb_dictionary
from ...taxonomy import CameoCode, Taxonomy, load_taxonomy
from ..parsetree import ParsedToken, StringMemo
from .discards import DiscardMatcher
from .lexicon import Entry, Lexicon, load_lexicon, without_actions
from .patterns import VerbMatcher

VERB_POS = frozenset({"VERB"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
PHRASE_HEAD_POS = VERB_POS | NOUN_POS  # tokens that may head a lexicon phrase
RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06"})
# directed acts of those roots: several actors praising or forgiving are not doing it to each other
DIRECTED_CODES = frozenset({"051", "052", "053", "054", "055", "056"})
# links from an action up to a word that may govern it (control verb, light verb, speech verb)
GOVERN = frozenset(
    {"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "advcl", "attr", "oprd", "conj"}
)
NAME_ENTS = frozenset(
    {"ORG", "PERSON", "GPE", "FAC", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
)
# names of organisations, places, laws and works: their capitalised words name, they report nothing
NAME_ONLY_ENTS = frozenset({"ORG", "FAC", "LAW", "WORK_OF_ART", "PRODUCT"})
# entity labels of names: an actor no dictionary codes is still someone
NAMED = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})
STATEMENT = "010"
STATEMENT_ROOT = STATEMENT[:2]  # statements of every kind (01x)
UNCODED = "---"  # PETRARCH's null code: an actor named in the text that no dictionary codes
NOT_AN_EVENT = "-"
RECIPROCAL_TARGETS = ("with", "between", "to")
# the roles of a clause an action governs that name its partner ("vowed to work with China")
GOVERNED_TARGETS = ("dobj", "with", "to", "against")
CLAUSAL = frozenset({"xcomp", "ccomp"})
# actor code prefixes that need no country: international organisations and groups, unknown forces
STATELESS = frozenset({"IGO", "IMG", "NGO", "NGM", "MNC", "UAF", "UIS", "INT"})
NOUN_MODIFIER = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})


@dataclass(frozen=True, slots=True)
class CoderKnowledge:
    """What the coder knows: our lexicon (conventions and our own action entries, which win where
    they overlap the dictionary), the verb dictionary, the discard list and the taxonomy."""

    lexicon: Lexicon
    taxonomy: Taxonomy
    verbs: VerbMatcher | None = None
    discards: DiscardMatcher | None = None
    # a dictionary verb's own code, with no pattern matched, codes an event only when the
    # dictionary alone decides (swapped dictionaries); beside our lexicon it is mostly noise
    bare_verbs: bool = True
    # token strings decoded once per distinct hash, for every document the coder reads
    strings: StringMemo = field(default_factory=StringMemo, compare=False)

    def code_info(self, code: str) -> CameoCode:
        """The taxonomy entry of a code; a code a swapped dictionary invents (PETRARCH's
        validation codes) or a finer code than CAMEO lists falls back to its nearest parent."""
        for size in range(len(code), 1, -1):
            if code[:size] in self.taxonomy:
                found = self.taxonomy.get(code[:size])
                return (
                    found
                    if size == len(code)
                    else CameoCode(
                        code,
                        found.name,
                        found.goldstein,
                        found.root,
                        found.quad_class,
                        found.plover,
                    )
                )
        return CameoCode(code, "", 0.0, code[:2], 0, None)


@lru_cache(maxsize=4)
def load_coder_knowledge(verbs: str | None = None, discards: str | None = None) -> CoderKnowledge:
    """The coder's knowledge. ``verbs``/``discards`` name PETRARCH-format files (or converted
    .json) that replace the shipped dictionary; with ``verbs`` our own action entries are left
    out too, so the file alone decides the codes (our modality and argument conventions stay)."""
    lexicon = load_lexicon()
    if verbs is not None:
        lexicon = without_actions(lexicon)
    return CoderKnowledge(
        lexicon,
        load_taxonomy(),
        VerbMatcher(
            load_verb_dictionary(verbs),
            exact_words=verbs is not None,
            attribution=frozenset() if verbs is not None else lexicon.attribution_preps,
        ),
        DiscardMatcher(load_discards(discards), lexicon.kept_discards),
        bare_verbs=verbs is not None,
    )


@dataclass(slots=True)
class Candidate:
    """An action found in a sentence, before its arguments are resolved to actors."""

    trigger: ParsedToken
    tokens: tuple[int, ...]
    code: str
    kind: str  # verb | noun | phrase | control | speech
    entry: Entry | None = None
    sources: list[ParsedToken] = field(default_factory=list)
    targets: list[ParsedToken] = field(default_factory=list)
    alt_sources: list[ParsedToken] = field(
        default_factory=list
    )  # used when ``sources`` hold no actor
    alt_targets: list[ParsedToken] = field(default_factory=list)
    negated: bool = False
    mode: str | None = None
    confidence: float = 0.8
    depth: int = 0
    reciprocal: bool = False
    duplicate: bool = False
    irrealis: bool = False  # not reported as having happened: never emitted as an event
    voiced: bool = False  # an obligation someone voices ("X said Y should"): a real appeal
    governor: ParsedToken | None = None  # the control word whose mode the action took ("vowed")
    reverse: str | None = None  # a dictionary's [A:B]: the code of what the target does back
    only_reverse: bool = False  # a dictionary's [:B]: only the target acts
    pattern: str = ""  # the dictionary entry (file:line) that decided the code
    specificity: int = 0  # dictionary pattern words matched (0: the verb's own default code)
    # the state's sector that does an agentless passive act ("Ingabire was arrested": COP)
    state_sector: str | None = None
    # an agentless passive act of force ("three soldiers were killed"): its doer is not said
    unknown_doer: bool = False
    # the sources are givers named by where the act came from: a place stands for its country
    # ("received weapons from Moscow": RUS)
    placed_sources: bool = False
    # read again as the speech act that governs it, in a sentence that codes nothing else
    speech_act: bool = False
    # a swapped dictionary's pattern named both the source and the target ("+ ... $"): they stand
    named_dyad: bool = False
    named_target: bool = False  # ... named the target ("+"): the phrase it points at

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def reciprocal_entry(self) -> bool:
        return self.entry is not None and self.entry.reciprocal


SEPARATE_CLAUSES = frozenset({"advcl", "relcl", "parataxis"})


def _forms(token: ParsedToken) -> tuple[str, ...]:
    """The lemma, the word, then naive stems: the lemmatizer sometimes errs ("hopes" -> "hop")."""
    return _forms_of(token.lemma_.lower(), token.lower_)


@lru_cache(maxsize=16384)  # a few thousand distinct words per corpus; asked several times a token
def _forms_of(lemma: str, lower: str) -> tuple[str, ...]:
    forms = [lemma, lower]
    for suffix in ("ing", "ed", "es", "s", "d"):
        if suffix == "d" and not lower.endswith("ed"):
            continue  # "agreed" -> "agree"; not "find" -> "fine"
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            base = lower[: -len(suffix)]
            forms += [base, base + "e"]
    return tuple(forms)


def done_act(verb: ParsedToken) -> bool:
    """A verb reporting a done act: past tense with no auxiliary or negation of its own, or a
    participle saying what such a verb did ("withdrew, allowing students to resume their sit-in")."""
    if any(c.dep_ in ("aux", "auxpass", "neg") for c in verb.children):
        return False
    return verb.tag_ == "VBD" or (
        verb.tag_ == "VBG" and verb.dep_ == "advcl" and done_act(verb.head)
    )


def main_candidate(cands: list[Candidate]) -> Candidate | None:
    """The main action of a sentence: the shallowest non-negated one, verbs before nouns."""
    live = [c for c in cands if not c.negated and not c.irrealis]  # what is reported as real
    if not live:
        return None
    order = {"phrase": 0, "verb": 0, "dict": 0, "noun": 2, "control": 3, "speech": 4}
    return min(
        live,
        key=lambda c: (
            c.kind == "speech" or c.code == STATEMENT,
            c.depth,
            order[c.kind],
            c.trigger.i,
        ),
    )
