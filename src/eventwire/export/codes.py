"""Code tables the exports need: ISO3 -> FIPS 10-4 and names, CAMEO actor code parts, sector labels."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from typing import Any

import yaml

# CAMEO actor type (role) codes, as in GDELT's Actor*Type*Code columns.
ACTOR_TYPES = frozenset(
    [
        "GOV",
        "MIL",
        "COP",
        "JUD",
        "LEG",
        "SPY",
        "OPP",
        "REB",
        "INS",
        "SEP",
        "UAF",
        "BUS",
        "CVL",
        "CRM",
        "EDU",
        "ELI",
        "ENV",
        "HLH",
        "HRI",
        "LAB",
        "MED",
        "REF",
        "SET",
        "AGR",
        "DEV",
        "MOD",
        "RAD",
        "IGO",
        "NGO",
        "NGM",
        "MNC",
        "IMG",
        "INT",
        "PKO",
        "UIS",
        "AMN",
        "IRC",
        "GRP",
        "UNO",
    ]
)
# CAMEO known-group codes eventwire's actor files use (IGOs and armed groups).
KNOWN_GROUPS = frozenset(
    [
        "UNO",
        "NAT",
        "EEC",
        "AFB",
        "ASN",
        "AFU",
        "ARL",
        "OAS",
        "OPC",
        "WTO",
        "IMF",
        "WBK",
        "GCC",
        "CIS",
        "SCO",
        "BRI",
        "SAA",
        "TAL",
        "HMS",
        "HEZ",
        "ALQ",
        "ISI",
        "FTA",
        "PLO",
        "ICC",
        "IRC",
        "MSF",
        "AMN",
        "HRW",
        "WHO",
    ]
)
# Sector code -> ICEWS-style sector label.
SECTOR_LABELS = {
    "GOV": "Government",
    "MIL": "Military",
    "COP": "Police",
    "JUD": "Judiciary",
    "LEG": "Legislative",
    "SPY": "Intelligence",
    "OPP": "Opposition",
    "REB": "Rebels",
    "INS": "Insurgents",
    "SEP": "Separatists",
    "UAF": "Unidentified Armed Forces",
    "BUS": "Business",
    "CVL": "Civilians",
    "CRM": "Criminals",
    "EDU": "Education",
    "ELI": "Elites",
    "ENV": "Environment",
    "HLH": "Health",
    "HRI": "Human Rights",
    "LAB": "Labor",
    "MED": "Media",
    "REF": "Refugees",
    "SET": "Settlers",
    "AGR": "Agriculture",
    "DEV": "Development",
    "MOD": "Moderate",
    "RAD": "Radical",
    "IGO": "International Government Organization",
    "NGO": "Nongovernmental Organization",
    "NGM": "Nongovernmental Movement",
    "MNC": "Multinational Corporation",
    "IMG": "International Militarized Group",
    "PKO": "Peacekeepers",
}
# GDELT geo types: 1 COUNTRY, 2 USSTATE, 3 USCITY, 4 WORLDCITY, 5 WORLDSTATE.
FEATURE_GEO_TYPE = {"country": 1, "city": 4, "region": 5, "state": 5, "province": 5, "adm1": 5}


@cache
def countries() -> dict[str, tuple[str, str]]:
    """ISO3 -> (FIPS 10-4, English name), from ``data/export/countries.tsv``."""
    text = (resources.files("eventwire") / "data" / "export" / "countries.tsv").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    out: dict[str, tuple[str, str]] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        out[row["iso3"]] = (row["fips"], row["name"])
    return out


def fips(iso3: str | None) -> str:
    if not iso3:
        return ""
    return countries().get(iso3, ("", ""))[0]


def country_name(iso3: str | None) -> str:
    if not iso3:
        return ""
    return countries().get(iso3, ("", iso3))[1]


@cache
def cameo_names() -> dict[str, str]:
    """CAMEO code -> name, from the taxonomy data file (empty if absent)."""
    try:
        text = (resources.files("eventwire") / "data" / "taxonomy" / "cameo.yaml").read_text(
            "utf-8"
        )
    except FileNotFoundError:
        return {}
    data: Any = yaml.safe_load(text) or {}
    names: dict[str, str] = {}
    for code, value in (data.get("codes") or {}).items():
        if isinstance(value, list | tuple) and value:
            names[str(code)] = str(value[0])
    return names


def split_actor_code(code: str | None, country: str | None) -> dict[str, str]:
    """GDELT's broken-out parts of a CAMEO actor code: country, known group, up to three types."""
    out = {
        "country": "",
        "group": "",
        "ethnic": "",
        "rel1": "",
        "rel2": "",
        "type1": "",
        "type2": "",
        "type3": "",
    }
    if not code:
        return out
    rest = code
    if country and code.startswith(country) and len(country) == 3:
        out["country"] = country
        rest = code[3:]
    types: list[str] = []
    for i in range(0, len(rest) - len(rest) % 3, 3):
        block = rest[i : i + 3]
        if block in KNOWN_GROUPS and not out["group"] and block not in ("IGO", "NGO"):
            out["group"] = block
        elif block in ACTOR_TYPES and len(types) < 3:
            types.append(block)
    for n, t in enumerate(types, start=1):
        out[f"type{n}"] = t
    return out
