"""The time vocabulary (``data/times/vocabulary.yaml``): loaded once, schema-checked.

Every lookup table the time grammar uses is built here from the data file, in one place,
lazily (``load_vocabulary`` is cached), never at import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...errors import Errors, KnowledgeError
from ...knowledge import load_yaml, require

VOCAB_FILE = "times/vocabulary.yaml"
_SECTIONS = (
    "months",
    "weekdays",
    "seasons",
    "parts_of_day",
    "numbers",
    "ordinals",
    "units",
    "sets",
    "references",
    "deictic_days",
    "holidays",
)
_REF_VALUES = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}


@dataclass(frozen=True, slots=True)
class Holiday:
    fixed: tuple[int, int] | None = None  # (month, day)
    nth: tuple[int, int, int] | None = None  # (month, iso weekday, n); n = -1: the last
    easter: int | None = None  # days from Western Easter Sunday


@dataclass(frozen=True, slots=True)
class Vocabulary:
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    season_months: dict[str, tuple[int, ...]]
    parts_of_day: dict[str, str]
    numbers: dict[str, int]
    vague: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, tuple[str, bool]]  # form -> (unit letter(s), clock unit?)
    sets: dict[str, str]
    references: dict[str, str]
    deictic_days: dict[str, int]
    holidays: dict[str, Holiday]
    utc_zones: frozenset[str]
    other_zones: frozenset[str]


def _entries(data: Mapping[str, Any], section: str) -> list[Mapping[str, Any]]:
    where = f"{VOCAB_FILE}:{section}"
    block = data.get(section)
    if not isinstance(block, Mapping):
        raise KnowledgeError(Errors.E101, path=where, reason="section missing or not a mapping")
    require(block, {"source": str, "entries": list}, where=where)
    return list(block["entries"])


def _forms(
    data: Mapping[str, Any], section: str, key: str, kind: type | tuple[type, ...]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    where = f"{VOCAB_FILE}:{section}"
    for entry in _entries(data, section):
        require(entry, {key: kind, "forms": list}, where=where)
        for form in entry["forms"]:
            if not isinstance(form, str) or not form.strip():
                raise KnowledgeError(Errors.E101, path=where, reason=f"bad form {form!r}")
            low = form.lower()
            if low in out and out[low] != entry[key]:
                raise KnowledgeError(Errors.E101, path=where, reason=f"form {form!r} given twice")
            out[low] = entry[key]
    return out


def _holidays(data: Mapping[str, Any]) -> dict[str, Holiday]:
    where = f"{VOCAB_FILE}:holidays"
    out: dict[str, Holiday] = {}
    for entry in _entries(data, "holidays"):
        require(entry, {"forms": list}, where=where)
        kinds = [k for k in ("fixed", "nth", "easter") if entry.get(k) is not None]
        if len(kinds) != 1:
            raise KnowledgeError(
                Errors.E101, path=where, reason=f"{entry!r} needs one of fixed/nth/easter"
            )
        if "fixed" in kinds:
            hol = Holiday(fixed=(int(entry["fixed"][0]), int(entry["fixed"][1])))
        elif "nth" in kinds:
            m, wd, n = (int(x) for x in entry["nth"])
            hol = Holiday(nth=(m, wd, n))
        else:
            hol = Holiday(easter=int(entry["easter"]))
        for form in entry["forms"]:
            out[str(form).lower()] = hol
    return out


def build_vocabulary(data: Any) -> Vocabulary:
    """Validate the parsed YAML and build the lookup tables (raises KnowledgeError)."""
    if not isinstance(data, Mapping):
        raise KnowledgeError(Errors.E101, path=VOCAB_FILE, reason="top level is not a mapping")
    for section in _SECTIONS:
        _entries(data, section)
    months = _forms(data, "months", "number", int)
    seasons_raw = _entries(data, "seasons")
    season_months = {str(e["value"]): tuple(int(m) for m in e["months"]) for e in seasons_raw}
    units: dict[str, tuple[str, bool]] = {}
    for entry in _entries(data, "units"):
        require(entry, {"unit": str, "clock": bool, "forms": list}, where=f"{VOCAB_FILE}:units")
        for form in entry["forms"]:
            units[str(form).lower()] = (entry["unit"], entry["clock"])
    references = _forms(data, "references", "value", str)
    bad = set(references.values()) - _REF_VALUES
    if bad:
        raise KnowledgeError(Errors.E101, path=VOCAB_FILE, reason=f"unknown reference values {bad}")
    zones = data.get("time_zones") or {}
    numbers_block = data["numbers"]
    return Vocabulary(
        months=months,
        ambiguous_months=frozenset(str(m).lower() for m in data["months"].get("ambiguous", [])),
        weekdays=_forms(data, "weekdays", "number", int),
        seasons=_forms(data, "seasons", "value", str),
        season_months=season_months,
        parts_of_day=_forms(data, "parts_of_day", "value", str),
        numbers=_forms(data, "numbers", "value", int),
        vague=frozenset(str(v).lower() for v in numbers_block.get("vague", [])),
        ordinals=_forms(data, "ordinals", "value", int),
        units=units,
        sets=_forms(data, "sets", "value", str),
        references=references,
        deictic_days=_forms(data, "deictic_days", "offset", int),
        holidays=_holidays(data),
        utc_zones=frozenset(str(z).lower() for z in zones.get("utc", [])),
        other_zones=frozenset(str(z).lower() for z in zones.get("other", [])),
    )


@lru_cache(maxsize=1)  # parsed and validated once per process
def load_vocabulary() -> Vocabulary:
    return build_vocabulary(load_yaml(VOCAB_FILE))


def vocabulary_problems(vocab: Vocabulary) -> list[str]:
    """Consistency checks beyond the schema: ranges and collisions between sections."""
    problems: list[str] = []
    for form, n in vocab.months.items():
        if not 1 <= n <= 12:
            problems.append(f"month {form!r}: number {n} out of range")
    for form, n in vocab.weekdays.items():
        if not 1 <= n <= 7:
            problems.append(f"weekday {form!r}: number {n} out of range")
    if sorted(set(vocab.months.values())) != list(range(1, 13)):
        problems.append("months: not every month 1-12 has a form")
    if sorted(set(vocab.weekdays.values())) != list(range(1, 8)):
        problems.append("weekdays: not every weekday 1-7 has a form")
    for value, months in vocab.season_months.items():
        if not all(1 <= m <= 12 for m in months):
            problems.append(f"season {value}: bad months {months}")
    tables: dict[str, Mapping[str, object]] = {
        "months": vocab.months,
        "weekdays": vocab.weekdays,
        "seasons": vocab.seasons,
        "units": vocab.units,
    }
    seen: dict[str, str] = {}
    for name, table in tables.items():
        for form in table:
            if form in seen:
                problems.append(f"form {form!r} is in both {seen[form]} and {name}")
            seen[form] = name
    for form, hol in vocab.holidays.items():
        if hol.fixed and not (1 <= hol.fixed[0] <= 12 and 1 <= hol.fixed[1] <= 31):
            problems.append(f"holiday {form!r}: bad fixed date {hol.fixed}")
    return problems
