"""The entity extractor's word tables, read from ``data/lexicon.yaml`` (one row per table).

Each table is general English news vocabulary with one role in the engine (titles before a
person's name, last words of organisations' names, verbs of contests, ...), never words of one
article; the rows' examples show each table at work (``tests/test_entities_rules.py``). Each
constant is its row's id in capitals; other modules read them as ``lexicon.NAME`` when they use
them, so a test can switch one off.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import field_validator

from newsx.service.domain import EntityType
from newsx.service.extract.rules import RuleRow, load_rows

LEXICON_FILE = Path(__file__).resolve().parent / "data" / "lexicon.yaml"


class WordsRow(RuleRow):
    """One word table: its words (lower case unless the table says otherwise)."""

    words: frozenset[str]

    @field_validator("words", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        return value.split() if isinstance(value, str) else value


def word_rows() -> list[WordsRow]:
    return load_rows(LEXICON_FILE, WordsRow)


_TABLES = {row.id: row.words for row in word_rows()}

LEADING_ARTICLES = _TABLES["leading_articles"]
HONORIFICS = _TABLES["honorifics"]
# Role nouns that, written before a name ("President X", "spokesman X") or as its apposition
# ("X, the chief executive"), make it a person; honorifics only do so before it ("Mr X").
PERSON_ROLES = _TABLES["person_roles"]
# Verbs whose subject plays for a named side ("X scored twice for Leeds"): a person, not the side.
PERSON_FOR_VERBS = _TABLES["person_for_verbs"]
ORGANISATION_LAST_WORDS = _TABLES["organisation_last_words"]
ORGANISATION_FOLLOWERS = _TABLES["organisation_followers"]
LOCATION_LAST_WORDS = _TABLES["location_last_words"]
LOCATION_FIRST_WORDS = _TABLES["location_first_words"]
GPE_LAST_WORDS = _TABLES["gpe_last_words"]
FACILITY_LAST_WORDS = _TABLES["facility_last_words"]
EVENT_LAST_WORDS = _TABLES["event_last_words"]
LAW_LAST_WORDS = _TABLES["law_last_words"]
PRODUCT_LAST_WORDS = _TABLES["product_last_words"]
PLACE_PREPOSITIONS = _TABLES["place_prepositions"]
MOTION_VERBS = _TABLES["motion_verbs"]
NON_CONTEST_HEADS = _TABLES["non_contest_heads"]
PLACE_NOUNS = _TABLES["place_nouns"]
LANGUAGE_BEFORE = _TABLES["language_before"]
LANGUAGE_AFTER = _TABLES["language_after"]
LANGUAGE_PREPOSITIONS = _TABLES["language_prepositions"]
NAME_PARTICLES = _TABLES["name_particles"]
# Lower-case words that join the parts of one name ("Council of the European Union", "Bay of Bengal").
NAME_CONNECTORS = _TABLES["name_connectors"]
ACRONYM_SKIP_WORDS = _TABLES["acronym_skip_words"]
COMMON_ABBREVIATIONS = _TABLES["common_abbreviations"]

# Words that make a number after a name a count ("3 percent"), not its designation ("S&P 500").
COUNT_WORDS = _TABLES["count_words"]
# Kinds of thing named with a number ("the star Gliese 12", "the planet Kepler 22"): after one,
# the number is part of the name.
DESIGNATED_KINDS = _TABLES["designated_kinds"]
# Pronouns that refer back to a person ("he said"), and to a thing ("its profits", ", which").
PERSON_PRONOUNS = _TABLES["person_pronouns"]
THING_PRONOUNS = _TABLES["thing_pronouns"]

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

# A name in the text counts as a sentence subject when its head has one of these dependencies.
SUBJECT_DEPENDENCIES = frozenset({"nsubj", "nsubjpass"})


def person_title(word: str) -> bool:
    """Whether a lower-case word written right before a name makes it a person's."""
    return word in HONORIFICS or word in PERSON_ROLES


def last_word_type(word: str) -> EntityType | None:
    """The type a name ending in this word has ("... Party", "... Act", "... Stadium")."""
    lower = word.lower()
    for words, entity_type in (
        (ORGANISATION_LAST_WORDS, EntityType.ORGANIZATION),
        (LAW_LAST_WORDS, EntityType.LAW),
        (PRODUCT_LAST_WORDS, EntityType.PRODUCT),
        (EVENT_LAST_WORDS, EntityType.EVENT),
        (GPE_LAST_WORDS, EntityType.GPE),
        (LOCATION_LAST_WORDS, EntityType.LOCATION),
        (FACILITY_LAST_WORDS, EntityType.FACILITY),
    ):
        if lower in words:
            return entity_type
    return None
