"""Names in another script in parentheses after a name: "Xi Jinping (習近平)" -> an alias of Xi Jinping.

The alias is accepted only when its romanisation (pypinyin for Chinese characters, anyascii
for other scripts) matches the name before it; it is never an entity of its own.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from spacy.tokens import Doc

from .types import ActorMention, with_actor

MAX_ALIAS_TOKENS = 6


def _letters(text: str) -> str:
    return re.sub(
        r"[^a-z]",
        "",
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower(),
    )


def non_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(ord(c) > 0x024F for c in letters)


@lru_cache(maxsize=2048)
def romanise(text: str) -> str:
    if any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in text):
        from pypinyin import lazy_pinyin

        return _letters("".join(lazy_pinyin(text)))
    from anyascii import anyascii

    return _letters(anyascii(text))


def romanisation_matches(alias: str, name: str) -> bool:
    """Does ``alias`` (another script) read as ``name``? Whole name, or reordered/partial for family names."""
    roman = romanise(alias)
    if not roman:
        return False
    target = _letters(name)
    if roman == target:
        return True
    parts = [_letters(p) for p in name.split() if _letters(p)]
    if parts and sorted(roman) == sorted(target) and any(roman.startswith(p) for p in parts):
        return True  # family name first or last
    return len(roman) >= 4 and (
        target.endswith(roman) or roman.endswith(parts[-1] if parts else target)
    )


def alias_after(doc: Doc, end: int) -> tuple[int, int, str] | None:
    """(start, end, text) of a parenthesised non-Latin text right after token ``end - 1``."""
    if end + 2 >= len(doc) + 1 or end >= len(doc) or doc[end].text != "(":
        return None
    k = end + 1
    while k < len(doc) and doc[k].text != ")" and k - end <= MAX_ALIAS_TOKENS:
        k += 1
    if k >= len(doc) or doc[k].text != ")" or k == end + 1:
        return None
    text = doc[end + 1 : k].text
    if not non_latin(text):
        return None
    return end + 1, k, text


def _name_of(doc: Doc, m: ActorMention) -> str:
    if m.actor.name:
        return m.actor.name
    return doc[max(m.start, m.end - 3) : m.end].text


def attach_aliases(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    by_name: dict[str, set[str]] = {}
    out = []
    for m in mentions:
        found = alias_after(doc, m.end) if m.label == "PERSON" or m.label == "ORG" else None
        if found is not None and romanisation_matches(found[2], _name_of(doc, m)):
            m = with_actor(m, aliases=tuple(dict.fromkeys((*m.aliases, found[2]))))
            if m.actor.name:
                by_name.setdefault(m.actor.name, set()).add(found[2])
        out.append(m)
    if not by_name:
        return out
    return [
        with_actor(m, aliases=tuple(sorted({*m.aliases, *by_name[m.actor.name]})))
        if m.actor.name in by_name
        else m
        for m in out
    ]


def alias_token_spans(doc: Doc, mentions: list[ActorMention]) -> list[tuple[int, int]]:
    """Token spans of accepted aliases (so that they are not reported as separate entities)."""
    spans = []
    for m in mentions:
        if not m.aliases:
            continue
        found = alias_after(doc, m.end)
        if found is not None and found[2] in m.aliases:
            spans.append((found[0] - 1, found[1] + 1))
    return spans
