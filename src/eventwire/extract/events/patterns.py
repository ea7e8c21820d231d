"""Matching a PETRARCH-format verb dictionary on spaCy's dependency parse.

A dictionary verb block lists verbs (single words, or multi-word verbs such as "ask for") and
patterns over the words around them: ``- &MILITARY * EXERCISES`` (a military subject, an
object "exercises"), ``- * (FOR {HUMANITARIAN AID})`` (a prepositional phrase whose object is
headed by "aid" with "humanitarian" below it), ``- * CLAIM (AGAINST) +`` (the target follows).

The matcher reads the parse the way UniversalPetrarch reads UD trees: the words before ``*``
are looked for in the verb's left dependents (subject side), the words after it in its right
dependents (objects, particles, prepositional phrases), never inside another clause. The most
specific pattern wins (the most pattern words matched); with none, the verb's own code.
``match_verb`` is pure: a token and the dictionary in, a :class:`DictMatch` out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ...knowledge.petrarch_verbs import plural, regular_verb_forms
from ...knowledge.verbdict import PatternElement, VerbDictionary, VerbForm, VerbPattern
from ..parsetree import ParsedToken

# dependents that start another clause: their words belong to that clause's own verb
OTHER_CLAUSE = frozenset(
    {"advcl", "relcl", "parataxis", "ccomp", "xcomp", "csubj", "conj", "cc", "punct", "mark"}
)
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


@dataclass(frozen=True, slots=True)
class DictMatch:
    """A dictionary verb matched at a token: its code and the words that decided it."""

    code: str | None
    reverse_code: str | None
    tokens: tuple[int, ...]  # the verb's words and the pattern words matched
    sources: tuple[int, ...]  # tokens a ``$`` marker names as the source ("" when none)
    targets: tuple[int, ...]  # tokens a ``+`` marker names as the target
    specificity: int  # pattern words matched (0: the verb's own code)
    source: str  # dictionary file and line of the deciding entry
    block: str
    lexical: int = 0  # of those, words other than a bare preposition ("joined ... IN": none)
    preps: tuple[str, ...] = ()  # the prepositions the deciding pattern names
    mutual: bool = False  # a '%' pattern: the coordinated subjects act on each other


def _words_of(token: ParsedToken) -> tuple[str, str]:
    return token.lower_, token.lemma_.lower()


# (lower, lemma) of tokens by index, read from the parse once per match: the pattern loops ask
# for the same tokens' words many times
Words = dict[int, tuple[str, str]]


def _words_at(token: ParsedToken, words: Words) -> tuple[str, str]:
    found = words.get(token.i)
    if found is None:
        found = words[token.i] = _words_of(token)
    return found


def _side(
    verb: ParsedToken,
    left: bool,
    reach: frozenset[str] = frozenset(),
    participles: bool = False,
    attribution: frozenset[str] = frozenset(),
) -> list[ParsedToken]:
    """The words on one side of ``verb`` a pattern may name: its dependents' subtrees, not
    other clauses (except the dependencies in ``reach``; with ``participles``, a participle
    that modifies a noun is in its phrase, as in PETRARCH's: "assurances sent FROM Bree"), nor
    an ``attribution`` phrase ("according to officials")."""
    out: list[ParsedToken] = []
    for child in verb.children:
        if (child.i < verb.i) != left or (child.dep_ in OTHER_CLAUSE and child.dep_ not in reach):
            continue
        if _time_adjunct(child) or (child.dep_ == "prep" and child.lower_ in attribution):
            continue
        out += _clause_subtree(child, participles)
    return sorted(out, key=lambda t: t.i)


TIME_ENTS = frozenset({"DATE", "TIME"})


def _time_adjunct(token: ParsedToken) -> bool:
    """When the act was ("on Saturday", "in 2015", "last week"), all its words a time: no pattern
    names it, so "campaigned on Saturday" is not the block's "- * ON" (press on: fight on); "in the
    week leading up to the summit" still names the summit."""
    if token.dep_ not in ("prep", "npadvmod", "tmod"):
        return False
    words = [t for t in token.subtree if t.i != token.i or token.dep_ != "prep"]
    return bool(words) and all(t.ent_type_ in TIME_ENTS for t in words)


def _clause_subtree(token: ParsedToken, participles: bool = False) -> list[ParsedToken]:
    """A dependent's words, stopping at clauses nested in it."""

    def inside(c: ParsedToken) -> bool:
        if c.dep_ == "acl" and participles:
            return c.tag_ in ("VBN", "VBG")
        return c.dep_ not in ("relcl", "acl", "advcl", "ccomp")

    out = [token]
    stack = [c for c in token.children if inside(c)]
    while stack:
        t = stack.pop()
        out.append(t)
        stack += [c for c in t.children if inside(c)]
    return out


def english_form(word: str, lemma: str) -> bool:
    """Whether ``word`` is a form English writes of ``lemma``: an irregular one ("left" of
    "leave"), a regular one or one with its final consonant doubled ("regretted"); not a suffix
    our lemmatiser reads past ("departes"), which a user's dictionary, read as PETRARCH reads it,
    does not match."""
    if not word.startswith(lemma):
        return True
    doubled = lemma + lemma[-1:]
    return word in regular_verb_forms(lemma) or word in (doubled + "ed", doubled + "ing")


class VerbMatcher:
    """The dictionary compiled for matching: verb forms by head word, synsets as word sets."""

    def __init__(
        self,
        dictionary: VerbDictionary,
        *,
        exact_words: bool = False,
        attribution: frozenset[str] = frozenset(),
    ) -> None:
        self.dictionary = dictionary
        # prepositions that attribute a report ("according to US officials"): not the verb's
        # own phrase ("sent teams into Libya, according to US officials" is not "SEND * TO")
        self.attribution = attribution
        # a user's (swapped) dictionary, read as PETRARCH reads it: a pattern word that is no
        # synset matches as written ("RESOLUTION" not "resolutions"; synsets get their plurals),
        # and a participle that modifies a noun is in the noun's phrase ("sent FROM Bree")
        self.exact_words = exact_words
        self.by_form = dictionary.forms_index()
        self.plurals: dict[str, str | None] = {}
        # single-word synset members as a set; multi-word ones by their last and first word
        self.synset_words: dict[str, frozenset[str]] = {}
        self.synset_by_last: dict[str, dict[str, list[tuple[str, ...]]]] = {}
        self.synset_by_first: dict[str, dict[str, list[tuple[str, ...]]]] = {}
        for name, phrases in dictionary.synsets.items():
            self.synset_words[name] = frozenset(p[0] for p in phrases if len(p) == 1)
            by_last = self.synset_by_last.setdefault(name, {})
            by_first = self.synset_by_first.setdefault(name, {})
            for phrase in (p for p in phrases if len(p) > 1):
                by_last.setdefault(phrase[-1], []).append(phrase)
                by_first.setdefault(phrase[0], []).append(phrase)
        # the literal words each pattern needs (with their plural): a pattern whose words are
        # not all around the verb is skipped before any tree walk
        self.needs: dict[int, tuple[tuple[str, str], ...]] = {}
        for patterns in dictionary.patterns.values():
            for pattern in patterns:
                words = [
                    w
                    for e in (*pattern.pre, *pattern.post)
                    for w in (*e.words, e.prep)
                    if w and not w.startswith("&")
                ]
                self.needs[id(pattern)] = tuple((w, plural(w) or w) for w in words)
        # per verb block, its patterns keyed by the first literal word they need (and its plural),
        # so that only patterns whose first word is around the verb are tried at all
        self.keyed: dict[str, tuple[list[int], dict[str, list[int]]]] = {}
        for block, patterns in dictionary.patterns.items():
            free: list[int] = []
            by_word: dict[str, list[int]] = {}
            for k, pattern in enumerate(patterns):
                need = self.needs[id(pattern)]
                if not need:
                    free.append(k)
                    continue
                word, plural_form = need[0]
                by_word.setdefault(word, []).append(k)
                if plural_form != word:
                    by_word.setdefault(plural_form, []).append(k)
            self.keyed[block] = (free, by_word)

    def _candidates(self, block: str, around: set[str]) -> list[VerbPattern]:
        """The block's patterns whose literal words are all around the verb, in dictionary order."""
        patterns = self.dictionary.patterns.get(block, ())
        if not patterns:
            return []
        free, by_word = self.keyed[block]
        picked = set(free)
        for word in around:
            picked.update(by_word.get(word, ()))
        return [
            patterns[k]
            for k in sorted(picked)
            if all(w in around or p in around for w, p in self.needs[id(patterns[k])])
        ]

    def _plural(self, word: str) -> str | None:
        """The regular plural of a pattern word, by the dictionary reader's own rule (memoised)."""
        if word not in self.plurals:
            self.plurals[word] = plural(word)
        return self.plurals[word]

    def verbs_at(self, token: ParsedToken) -> list[tuple[VerbForm, tuple[int, ...]]]:
        """Dictionary verbs whose form is written at ``token``: (verb, its token indexes).

        Multi-word verbs need their other words as the verb's own dependents or neighbours
        ("asked for", "cordoned off"); they come first, being more specific."""
        lower, lemma = _words_of(token)
        found = [*self.by_form.get(lower, ())]
        if lemma != lower and (not self.exact_words or english_form(lower, lemma)):
            found += [v for v in self.by_form.get(lemma, ()) if v not in found]
        out: list[tuple[VerbForm, tuple[int, ...]]] = []
        for verb in found:
            used = self._verb_words(token, verb)
            if used is not None:
                out.append((verb, used))
        out.sort(key=lambda item: -len(item[1]))
        return out

    def _verb_words(self, token: ParsedToken, verb: VerbForm) -> tuple[int, ...] | None:
        if " " not in verb.lemma:
            return (token.i,)
        best: tuple[int, ...] | None = None
        for form in verb.forms:
            words = form.split()
            if len(words) < 2 or verb.head >= len(words):
                continue
            if words[verb.head] not in _words_of(token):
                continue
            used = self._multiword(token, words, verb.head)
            if used is not None:
                best = used
                break
        return best

    @staticmethod
    def _multiword(token: ParsedToken, words: list[str], head: int) -> tuple[int, ...] | None:
        doc = token.doc
        used = [token.i]
        near = {c.i for c in token.children}
        for k, word in enumerate(words):
            if k == head:
                continue
            j = token.i + (k - head)
            if 0 <= j < len(doc) and doc[j].lower_ == word:
                used.append(j)
                continue
            hit = next((c.i for c in token.children if c.lower_ == word and c.i in near), None)
            if hit is None:
                return None
            used.append(hit)
        return tuple(sorted(used))

    def match(
        self, token: ParsedToken, reach: frozenset[str] = frozenset(), governing: bool = False
    ) -> DictMatch | None:
        """The best dictionary reading of ``token`` (None when no dictionary verb is there).
        ``reach``: clause dependencies whose words the patterns may name after the verb, as
        PETRARCH's verb phrase holds them ("vowed to wage WAR"); ``governing``: the verb that
        takes the token's clause, before it, is a word before the verb too ("INDICATED *":
        "indicated it deplored")."""
        verbs = self.verbs_at(token)
        if not verbs:
            return None
        left = _side(token, left=True, attribution=self.attribution)
        if governing and _governed(token) and token.head.i < token.i:
            # with the words before it ("unexpectedly won't TRY to clash"), as PETRARCH reads on
            above = [*_side(token.head, left=True), token.head]
            # and its words between it and the clause ("INCHING &ACCORDSYN *": "inching nearer
            # to accord")
            inner = {t.i for t in token.subtree}
            above += [
                t for t in _side(token.head, left=False) if t.i < token.i and t.i not in inner
            ]
            left = sorted([*above, *left], key=lambda t: t.i)
        right = _side(
            token,
            left=False,
            reach=reach,
            participles=self.exact_words,
            attribution=self.attribution,
        )
        table: Words = {t.i: _words_of(t) for t in (*left, *right)}
        around = {w for pair in table.values() for w in pair}
        best: DictMatch | None = None
        for verb, used in verbs:
            for pattern in self._candidates(verb.block, around):
                found = self._pattern(pattern, left, right, set(used), table)
                if found is None:
                    continue
                words, sources, targets, score = found
                if best is None or score > best.specificity:
                    best = DictMatch(
                        pattern.code,
                        pattern.reverse_code,
                        tuple(sorted({*used, *words})),
                        sources,
                        targets,
                        score,
                        pattern.source,
                        verb.block,
                        lexical=sum(len(e.words) for e in (*pattern.pre, *pattern.post)),
                        preps=tuple(e.prep for e in (*pattern.pre, *pattern.post) if e.prep),
                        mutual=any(e.kind == "compound" for e in pattern.pre),
                    )
            if best is None and (verb.code or verb.reverse_code) is not None:
                best = DictMatch(
                    verb.code, verb.reverse_code, used, (), (), 0, verb.source, verb.block
                )
            if best is not None:
                break  # the most specific verb form that decides anything wins
        return best

    def _pattern(
        self,
        pattern: VerbPattern,
        left: list[ParsedToken],
        right: list[ParsedToken],
        used: set[int],
        table: Words,
    ) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], int] | None:
        words: list[int] = []
        roles: dict[str, list[int]] = {"source": [], "target": []}
        score = 0
        if not self._glued_ok(pattern, used, table):
            return None
        for elements, region in ((pattern.pre, left), (pattern.post, right)):
            pending_role = ""
            last_noun: list[int] = []
            skips = 0  # '^' markers since the last word: noun phrases passed over
            for element in elements:
                if element.kind in ("source", "target"):
                    pending_role = element.kind
                    # after a verb ("NOTED + *") it names the subject that follows the verb
                    if last_noun and region is left and _nominal(last_noun[-1], region):
                        roles[element.kind] += last_noun
                    continue
                if element.kind == "skip":
                    skips += 1
                    continue
                skips = 0
                if element.kind == "compound" and region is right:  # '* WITH %': the objects
                    after = max(words, default=-1)
                    compound = [
                        t
                        for t in region
                        if t.dep_ in ("dobj", "pobj") and t.conjuncts and t.i > after
                    ]
                    if not compound:
                        return None
                    roles["target"] += [compound[0].i, *(c.i for c in compound[0].conjuncts)]
                    words.append(compound[0].i)
                    score += 1
                    continue
                if element.kind == "compound":  # '%': a subject of coordinated actors
                    if not any(t.dep_ in SUBJECTS and t.conjuncts for t in region):
                        return None
                    score += 1
                    continue
                hit = self._element(element, region, used | set(words), table)
                if hit is None:
                    return None
                matched, role_tokens = hit
                if (
                    self.exact_words
                    and region is right
                    and not _in_order(matched, words, right, plain=not element.joined)
                ):
                    return None  # PETRARCH reads the words after the verb in the text's order
                words += matched
                score += max(1, len(element.words)) + (1 if element.kind == "prep" else 0)
                if element.kind == "prep" and element.role in roles:
                    roles[element.role] += role_tokens
                if pending_role and element.kind == "noun":
                    roles[pending_role] += _named_by(matched, region, left=region is left)
                    pending_role = ""
                last_noun = matched[-1:] if element.kind == "noun" else []
            if pending_role:  # a bare marker names the object (after *) or the subject
                named = (
                    _objects(right, words, skips, nearest=self.exact_words)
                    if region is right
                    else [t.i for t in left if t.dep_ in SUBJECTS]
                )
                if not named:
                    return None  # "- $ * +" needs both a subject and an object
                roles[pending_role] += named
        return tuple(words), tuple(roles["source"]), tuple(roles["target"]), score

    def _glued_ok(self, pattern: VerbPattern, verb: set[int], words: Words) -> bool:
        """A single word glued to the verb ("RECENTLY_*", "*_OFF") must be right next to it
        ("recently allowed", not "recently did allow"); it is matched as usual afterwards."""
        for elements, at in ((pattern.pre, -1), (pattern.post, 0)):
            if not elements:
                continue
            element = elements[at]
            if element.kind != "noun" or not element.joined or len(element.words) != 1:
                continue
            i = min(verb) - 1 if at == -1 else max(verb) + 1
            if i not in words:
                return False  # the next word is not around the verb (another clause, the end)
            if element.words[0] not in words[i] and not self._synset_at(element.words[0], i, words):
                return False
        return True

    def _synset_at(self, word: str, i: int, words: Words) -> bool:
        return word[0] == "&" and any(w in self.synset_words.get(word, ()) for w in words[i])

    def _element(
        self, element: PatternElement, region: list[ParsedToken], taken: set[int], words: Words
    ) -> tuple[list[int], list[int]] | None:
        if element.kind == "noun":
            found = self._phrase(element.words, element.joined, region, taken, words)
            return (found, []) if found is not None else None
        if element.kind != "prep":
            return None
        for prep in region:
            if prep.i in taken or _words_at(prep, words)[0] != element.prep:
                continue
            objects = [t for t in prep.subtree if t.i != prep.i]
            if not element.words:
                return [prep.i], [t.i for t in prep.children if t.dep_ == "pobj"]
            found = self._phrase(element.words, element.joined, objects, taken, words)
            if found is not None:
                return [prep.i, *found], []
        return None

    def _phrase(
        self,
        phrase: Sequence[str],
        joined: bool,
        region: list[ParsedToken],
        taken: set[int],
        words: Words,
    ) -> list[int] | None:
        """ParsedToken indexes matching a phrase (head last): the head anywhere in the region, the other
        words in the head's own subtree (joined words: right before it, in order)."""
        if not phrase:
            return []
        *mods, head_word = phrase
        for head in region:
            if head.i in taken:
                continue
            span = self._word_at(head_word, head, words)
            if span is None:
                continue
            got = (
                self._joined(mods, head, span, words)
                if joined
                else self._modifiers(mods, head, taken, words)
            )
            if got is not None:
                return [*got, *span]
        return None

    def _joined(
        self, mods: Sequence[str], head: ParsedToken, span: list[int], words: Words
    ) -> list[int] | None:
        doc = head.doc
        j = min(span) - 1
        got: list[int] = []
        for word in reversed(mods):
            while 0 <= j < len(doc) and doc[j].is_punct:  # "SIT-IN": the hyphen is a token
                j -= 1
            if j < 0:
                return None
            hit = self._word_at(word, doc[j], words)
            if hit is None:
                return None
            got += hit
            j = min(hit) - 1
        return got

    def _modifiers(
        self, mods: Sequence[str], head: ParsedToken, taken: set[int], words: Words
    ) -> list[int] | None:
        below = [t for t in head.subtree if t.i != head.i and t.i not in taken]
        got: list[int] = []
        for word in mods:
            hit = next(
                (
                    span
                    for t in below
                    if t.i not in got and (span := self._word_at(word, t, words)) is not None
                ),
                None,
            )
            if hit is None:
                return None
            got += hit
        return got

    def _word_at(self, word: str, token: ParsedToken, words: Words) -> list[int] | None:
        """Indexes of ``word`` (or of a member of synset ``word``) written at ``token``."""
        lower, lemma = _words_at(token, words)
        if word[0] != "&":
            if self.exact_words:
                return [token.i] if word == lower else None
            return [token.i] if word in (lower, lemma) or self._plural(word) == lower else None
        if lower in self.synset_words.get(word, ()) or lemma in self.synset_words.get(word, ()):
            return [token.i]
        doc = token.doc
        ends = self.synset_by_last.get(word, {}).get(lower, ())
        starts = self.synset_by_first.get(word, {}).get(lower, ())
        for phrase, s in [(p, token.i - len(p) + 1) for p in ends] + [(p, token.i) for p in starts]:
            n = len(phrase)
            if (
                s >= 0
                and s + n <= len(doc)
                and all(_words_at(doc[s + k], words)[0] == phrase[k] for k in range(n))
            ):
                return list(range(s, s + n))
        return None


def _governed(token: ParsedToken) -> bool:
    """A clause the verb before it takes: a complement, or an infinitive of purpose, which
    PETRARCH's parse puts in the verb's phrase ("hosting Osgiliath to celebrate Tabaski")."""
    if token.dep_ in ("ccomp", "xcomp"):
        return True
    return token.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


def _in_order(matched: list[int], words: list[int], right: list[ParsedToken], plain: bool) -> bool:
    """Pattern words after the verb come in the pattern's order: each after those before it,
    and the words of a ``plain`` phrase (blanks, no '_') in their order ("- * THE FULL": "the
    full ties", not "full ties with the group")."""
    after = {t.i for t in right}
    before = [i for i in words if i in after]
    if plain and matched != sorted(matched):
        return False
    return not before or not matched or min(matched) > max(before)


def _nominal(i: int, region: list[ParsedToken]) -> bool:
    """Whether the region's token ``i`` can stand for an actor (not a verb such as "noted")."""
    return next((t.pos_ for t in region if t.i == i), "NOUN") not in ("VERB", "AUX")


def _named_by(matched: list[int], region: list[ParsedToken], *, left: bool) -> list[int]:
    """The token a marker before a pattern word names: the word's own noun ("$ TROOP *": the
    troops, whose modifier says whose), but before the verb a word that is no noun names the
    subject before it ("+ WAS * DEAD": the one who was shot)."""
    word = next((t for t in region if t.i == matched[-1]), None)
    if left and word is not None and word.pos_ not in ("NOUN", "PROPN", "PRON"):
        subjects = [t.i for t in region if t.dep_ in SUBJECTS and t.i < word.i]
        if subjects:
            return subjects[-1:]
    return matched[-1:]


def _objects(
    region: Iterable[ParsedToken], taken: Sequence[int], skips: int = 0, *, nearest: bool = False
) -> list[int]:
    """The direct or prepositional object heads of a region, for a bare ``+``/``$`` marker; after
    ``skips`` '^' markers, the object that many objects after the last pattern word ("- * IFTAR
    IN ^ +": "celebrated Iftar in Osgiliath with the leaders of Gondor", the leaders). With
    ``nearest`` (a swapped dictionary, read as PETRARCH reads it), a marker right after a pattern
    word in the region names the noun phrase that follows that word ("- + * IN $": "broke in the
    Gondor parade on Saturday", the parade), not the region's last object."""
    region = list(region)
    out = [t.i for t in region if t.dep_ in ("dobj", "pobj", "dative", "attr") and t.i not in taken]
    if skips:
        after = [i for i in out if i > max(taken, default=-1)]
        return after[skips : skips + 1] or after[-1:]
    if nearest and any(t.i in taken for t in region):
        return [i for i in out if i > max(taken)][:1] or out[-1:]
    return out[-1:]
