"""The CAMEO event taxonomy: codes, names, GDELT Goldstein scores, quad classes and PLOVER categories.

Loaded once per process from ``data/taxonomy/cameo.yaml`` and ``plover.yaml`` and validated on
load. ``check_knowledge()`` lists problems in the taxonomy and the action lexicon (used by
``eventwire lexicon check``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .errors import Errors, KnowledgeError
from .knowledge import load_yaml, require

_CODE_RE = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$")
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
PENTACLASS_NAMES = {
    0: "statement or appeal",
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def quad_class_of(root: str) -> int:
    """GDELT quad class of a CAMEO root: 01-05 -> 1, 06-09 -> 2, 10-14 -> 3, 15-20 -> 4."""
    n = int(root[:2])
    return 1 if n <= 5 else 2 if n <= 9 else 3 if n <= 14 else 4


def pentaclass_of(root: str) -> int:
    """Phoenix 5-way class: 01-02 -> 0, 03-05 -> 1, 06-08 -> 2, 09-13 and 16 -> 3, 14-15 and 17-20 -> 4."""
    n = int(root[:2])
    if n <= 2:
        return 0
    if n <= 5:
        return 1
    if n <= 8:
        return 2
    if n <= 13 or n == 16:
        return 3
    return 4


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    root: str
    quad_class: int
    plover: str | None

    @property
    def pentaclass(self) -> int:
        return pentaclass_of(self.root)


@dataclass(frozen=True, slots=True)
class Taxonomy:
    codes: dict[str, CameoCode]
    plover: dict[str, int]  # PLOVER category -> quad

    def get(self, code: str) -> CameoCode:
        try:
            return self.codes[code]
        except KeyError:
            raise KnowledgeError(Errors.E102, cameo=code) from None

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def roots(self) -> list[str]:
        return sorted(c for c in self.codes if len(c) == 2)


def _parse_code(code: str, value: Any, roots: dict[str, Any], where: str) -> CameoCode:
    if not _CODE_RE.match(code):
        raise KnowledgeError(Errors.E101, path=where, reason=f"malformed CAMEO code {code!r}")
    if not isinstance(value, list) or len(value) not in (2, 3):
        raise KnowledgeError(
            Errors.E101, path=where, reason=f"code {code}: expected [name, goldstein, plover?]"
        )
    name, goldstein = value[0], value[1]
    if (
        not isinstance(name, str)
        or not isinstance(goldstein, int | float)
        or not -10 <= goldstein <= 10
    ):
        raise KnowledgeError(
            Errors.E101, path=where, reason=f"code {code}: bad name or Goldstein {value!r}"
        )
    root = code[:2]
    if root not in roots:
        raise KnowledgeError(Errors.E101, path=where, reason=f"code {code}: unknown root {root}")
    plover = value[2] if len(value) == 3 else roots[root].get("plover")
    return CameoCode(code, name, float(goldstein), root, quad_class_of(root), plover)


@lru_cache(maxsize=1)  # one taxonomy per process
def load_taxonomy() -> Taxonomy:
    where = "taxonomy/cameo.yaml"
    data: Any = load_yaml(where)
    require(data, {"roots": dict, "codes": dict, "source": str}, where=where)
    pdata: Any = load_yaml("taxonomy/plover.yaml")
    require(pdata, {"categories": dict, "source": str}, where="taxonomy/plover.yaml")
    plover = {name: int(v["quad"]) for name, v in pdata["categories"].items()}
    codes: dict[str, CameoCode] = {}
    for code, value in data["codes"].items():
        entry = _parse_code(str(code), value, data["roots"], where)
        if entry.plover is not None and entry.plover not in plover:
            raise KnowledgeError(
                Errors.E101, path=where, reason=f"code {code}: unknown PLOVER {entry.plover!r}"
            )
        codes[entry.code] = entry
    return Taxonomy(codes=codes, plover=plover)


def check_taxonomy(tax: Taxonomy) -> list[str]:
    """Structural problems: every root 01-20 present, every sub-code's parent present."""
    problems: list[str] = []
    for n in range(1, 21):
        if f"{n:02d}" not in tax.codes:
            problems.append(f"taxonomy: root {n:02d} missing")
    for code in tax.codes:
        if len(code) >= 3 and code[: len(code) - 1] not in tax.codes:
            problems.append(f"taxonomy: code {code} has no parent {code[:-1]}")
    return problems


def check_knowledge() -> list[str]:
    """Every problem found in the taxonomy (empty when all is well). The action lexicon is
    checked against it by the events spec (``pipeline/checks.py``)."""
    try:
        tax = load_taxonomy()
    except KnowledgeError as exc:
        return [str(exc)]
    return check_taxonomy(tax)
