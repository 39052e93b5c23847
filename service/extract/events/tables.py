"""The event extractor's language knowledge, read from the YAML tables of ``data/``.

Each table has a pydantic row model; ``load_lexicon`` validates every row (an unknown type, role or
macro fails at load, naming the file and the row) and compiles the rows into one ``Lexicon``, the
only thing the engine reads. Word lists in a row may name a macro (``"@weapon_nouns"``: a macro of
``triggers.yaml`` or a list of ``words.yaml``) and take words out again (``"-back"``, ``"-@x"``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy
from pydantic import BaseModel, ConfigDict, model_validator
from spacy.strings import get_string_id

from newsx.service.domain import EventStatus
from newsx.service.extract.events.ontology import EventTypeSpec, load_event_types
from newsx.service.extract.rules import RuleFileError, RuleRow, load_rows, load_section

TABLES = ("triggers", "domains", "words", "frames", "roles", "syntax", "status", "merging")


# ---------------------------------------------------------------- row models
class Expectation(BaseModel):
    """One event an example must produce on ``trigger`` (the mention's text), or none (``type: null``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    trigger: str
    type: str | None
    arguments: dict[str, str | list[str]] = {}  # role -> argument text(s) the event must have
    status: EventStatus | None = None
    negated: bool | None = None
    mentions: list[str] | None = None  # every mention's text, in order, when the example says so
    description: str | None = None


class EventExample(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    expect: tuple[Expectation, ...]


class EventRow(RuleRow):
    examples: tuple[EventExample, ...] = ()  # narrower than RuleRow's


class SenseRow(BaseModel):
    """One reading of a trigger word, chosen when all its conditions hold (none: always).

    ``objects``/``object_kinds``: lemma or kind of the direct object (or passive subject);
    ``subjects``/``subject_kinds``: the same for the subject; ``with_words``: a lemma among the
    trigger's children or their objects; ``heads``: lemma of the word governing the trigger;
    ``without_words``/``without_heads``: lemmas that rule the reading out.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: str
    objects: list[str] = []
    object_kinds: list[str] = []
    subjects: list[str] = []
    subject_kinds: list[str] = []
    with_words: list[str] = []
    heads: list[str] = []
    without_words: list[str] = []
    without_heads: list[str] = []
    forms: list[str] = []  # the trigger's own lower-case form must be one of these ("demands", not "demand")
    goal_kinds: list[str] = []  # a to/from/into/in/at/for/across/through phrase of the trigger names one of these kinds
    phrasal: bool = False  # the object is part of the trigger ("took office")
    speech: bool = False  # the word reports speech: a clause, "that" or a quotation depends on it
    confidence: float = 0.8


class TriggerRow(EventRow):
    """Words of one part of speech that name events: one plain ``type``, or ``senses`` tried in order."""

    pos: Literal["verb", "noun", "adjective"]
    lemmas: list[str]
    type: str = ""
    senses: tuple[SenseRow, ...] = ()

    @model_validator(mode="after")
    def _one_reading(self) -> TriggerRow:
        if bool(self.type) == bool(self.senses):
            raise ValueError("a trigger row has either a type or senses")
        return self


class WordsRow(EventRow):
    """A named word list; ``use`` says how the engine reads it (``kinds``: what the words make a head)."""

    use: Literal["nouns", "pronouns", "suffixes", "words"] = "words"
    words: list[str]
    kinds: list[str] = []


class DomainRow(EventRow):
    """A kind of story where some trigger words mean something else: in a sentence with one of the
    ``cues`` (lemmas or forms) or text matching ``pattern``, the ``lemmas`` name no event
    ("struck twice" and "beat Chelsea 3-2" in a match report)."""

    cues: list[str]
    pattern: str = ""
    lemmas: list[str]
    story_lemmas: list[str] = []  # the lemmas that name no event anywhere in an article of this kind
    story_cues: list[str] = []  # more cues, counted for the article only
    story_sentences: int = 0  # ... when this many of its sentences cue the domain (0: never)


class FrameRow(EventRow):
    """Which role the subject, object, possessor and each preposition's object fill, for the types
    (or, with ``lemmas``, for those words of the types only); ``describe``: agent and patient shown."""

    types: list[str]
    lemmas: list[str] = []
    subject: str = ""
    object: str = ""
    possessor: str | None = None  # default: the subject's role
    subject_alone: str = ""  # the subject's role when there is no object ("the bomb exploded")
    preps: dict[str, str] = {}
    describe: tuple[str, str] | None = None


def row_model(table: str) -> type[EventRow]:
    """The row model of a table (the word-list tables share ``WordsRow``)."""
    return {"triggers": TriggerRow, "frames": FrameRow, "domains": DomainRow}.get(table, WordsRow)


# ---------------------------------------------------------------- compiled tables
@dataclass(frozen=True, slots=True)
class Sense:
    """A ``SenseRow`` with its word lists expanded to sets."""

    type: str
    objects: frozenset[str] = frozenset()
    object_kinds: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    subject_kinds: frozenset[str] = frozenset()
    with_words: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()
    without_words: frozenset[str] = frozenset()
    without_heads: frozenset[str] = frozenset()
    forms: frozenset[str] = frozenset()
    goal_kinds: frozenset[str] = frozenset()
    phrasal: bool = False
    speech: bool = False
    confidence: float = 0.8

    @property
    def conditioned(self) -> bool:
        """Whether the sense asks anything of the context (a fallback sense does not)."""
        return bool(
            self.objects
            or self.object_kinds
            or self.subjects
            or self.subject_kinds
            or self.with_words
            or self.heads
            or self.forms
            or self.goal_kinds
        )


# A trigger word's entry: its one type, or its senses in order.
Entry = str | tuple[Sense, ...]


@dataclass(frozen=True, slots=True)
class Domain:
    """A compiled ``DomainRow``."""

    cues: frozenset[str]
    pattern: re.Pattern[str] | None
    lemmas: frozenset[str]
    story_lemmas: frozenset[str] = frozenset()
    story_cues: frozenset[str] = frozenset()
    story_sentences: int = 0


@dataclass(frozen=True, slots=True)
class Frame:
    """Which role the subject, object, possessor and each preposition's object fill."""

    subject: str = ""
    object: str = ""
    possessor: str = ""
    preps: dict[str, str] = field(default_factory=dict)
    subject_alone: str = ""


@dataclass(frozen=True)
class Lexicon:
    """Everything the engine knows about English news events, compiled from the tables."""

    event_types: dict[str, EventTypeSpec]
    triggers: dict[str, dict[str, Entry]]  # "verb" / "noun" / "adjective" -> lemma -> entry
    noun_classes: tuple[tuple[frozenset[str], str], ...]  # word class -> kind, likeliest first
    pronoun_kinds: dict[str, tuple[str, ...]]
    person_suffixes: tuple[str, ...]
    words: dict[str, frozenset[str]]  # every named list of words.yaml, syntax.yaml, status.yaml, merging.yaml
    roles: dict[str, tuple[str, ...]]  # the role and kind lists of roles.yaml, in order
    place_preps: dict[str, str]
    frames: dict[str, Frame]
    lemma_frames: dict[tuple[str, str], Frame]
    description_roles: dict[str, tuple[str, str]]
    domains: tuple[Domain, ...] = ()

    @functools.cached_property
    def trigger_lemma_ids(self) -> numpy.ndarray:
        """Hashes of every trigger lemma (and its capitalised form), to skip other tokens cheaply."""
        forms = {form for table in self.triggers.values() for lemma in table for form in (lemma, lemma.capitalize())}
        return numpy.array(sorted(get_string_id(form) for form in forms), dtype=numpy.uint64)

    def __getattr__(self, name: str) -> frozenset[str]:
        """A named word list as an attribute (``lexicon.light_verbs``)."""
        try:
            return self.__dict__["words"][name]
        except KeyError:
            raise AttributeError(name) from None


# Lists the engine reads by name: a table without one of them fails at load.
REQUIRED_WORDS = {
    "words": (
        "quantity_nouns",
        "additive_words",
        "compound_heads",
        "place_nouns",
        "facility_nouns",
        "organization_nouns",
    ),
    "syntax": (
        "light_verbs",
        "entering_verbs",
        "patient_light_verbs",
        "happening_verbs",
        "aiming_verbs",
        "crime_argument_preps",
        "claiming_words",
        "listing_preps",
        "giving_verbs",
        "series_nouns",
    ),
    "status": (
        "future_auxiliaries",
        "hypothetical_auxiliaries",
        "conditional_markers",
        "planning_verbs",
        "intent_verbs",
        "threat_verbs",
        "denial_verbs",
        "planned_modifiers",
        "hypothetical_modifiers",
        "negation_determiners",
        "negative_pronouns",
    ),
    "merging": ("demonstratives", "distinct_modifiers", "equating_verbs", "medium_preps", "repeated_types"),
    "roles": ("count_roles", "thing_roles", "thing_kinds", "thing_fallback_roles"),
}


def table_path(folder: Path, name: str) -> Path:
    return folder / f"{name}.yaml"


def load_lexicon(folder: Path) -> Lexicon:
    """Read, check and compile every table of ``folder`` (and its ontology files)."""
    types = load_event_types(folder)
    rows_by_file = {name: _words(folder, name) for name in REQUIRED_WORDS}  # each file read once
    words_rows = rows_by_file["words"]
    lists = {row.id: row for rows in rows_by_file.values() for row in rows}
    for name, required in REQUIRED_WORDS.items():
        missing = [row_id for row_id in required if row_id not in lists]
        if missing:
            raise RuleFileError(f"{table_path(folder, name)}: missing rows {', '.join(missing)}")
    repeated = lists["repeated_types"]
    _check_types(table_path(folder, "merging"), repeated.id, repeated.words, types)
    expander = _Macros(table_path(folder, "triggers"), {row.id: row.words for row in words_rows})
    return Lexicon(
        event_types=types,
        triggers=_triggers(folder, types, expander),
        noun_classes=tuple((frozenset(r.words), kind) for r in words_rows if r.use == "nouns" for kind in r.kinds),
        pronoun_kinds={word: tuple(r.kinds) for r in words_rows if r.use == "pronouns" for word in r.words},
        person_suffixes=tuple(word for r in words_rows if r.use == "suffixes" for word in r.words),
        words={row_id: frozenset(row.words) for row_id, row in lists.items()},
        roles={row.id: tuple(row.words) for row in rows_by_file["roles"]},
        place_preps=dict(load_section(table_path(folder, "frames"), "place_preps")),
        **_frames(folder, types),
        domains=tuple(_domain(row) for row in load_rows(table_path(folder, "domains"), DomainRow)),
    )


def _domain(row: DomainRow) -> Domain:
    pattern = re.compile(row.pattern) if row.pattern else None
    cues, story_cues = frozenset(row.cues), frozenset(row.cues) | frozenset(row.story_cues)
    return Domain(cues, pattern, frozenset(row.lemmas), frozenset(row.story_lemmas), story_cues, row.story_sentences)


def _words(folder: Path, name: str) -> list[WordsRow]:
    return load_rows(table_path(folder, name), WordsRow)


def _check_types(path: Path, row_id: str, names: list[str], types: dict[str, EventTypeSpec]) -> None:
    unknown = [name for name in names if name not in types]
    if unknown:
        raise RuleFileError(f"{path}: row {row_id}: unknown event type {', '.join(unknown)}")


class _Macros:
    """Expands the word lists of trigger senses: ``@name`` adds a list, ``-word``/``-@name`` removes."""

    def __init__(self, path: Path, word_lists: dict[str, list[str]]) -> None:
        self.path = path
        self.raw = {**word_lists, **load_section(path, "macros")}
        self.done: dict[str, frozenset[str]] = {}

    def expand(self, items: list[str], where: str) -> frozenset[str]:
        words: set[str] = set()
        for item in items:
            remove = item.startswith("-")
            name = item.lstrip("-")
            found = self.macro(name[1:], where) if name.startswith("@") else frozenset({name})
            words = words - found if remove else words | found
        return frozenset(words)

    def macro(self, name: str, where: str) -> frozenset[str]:
        if name not in self.done:
            if name not in self.raw:
                raise RuleFileError(f"{self.path}: {where}: unknown macro @{name}")
            self.done[name] = frozenset()  # a macro that names itself expands to nothing more
            self.done[name] = self.expand(list(self.raw[name]), f"macro {name}")
        return self.done[name]


def _triggers(folder: Path, types: dict[str, EventTypeSpec], macros: _Macros) -> dict[str, dict[str, Entry]]:
    path = table_path(folder, "triggers")
    tables: dict[str, dict[str, Entry]] = {"verb": {}, "noun": {}, "adjective": {}}
    for row in load_rows(path, TriggerRow):
        _check_types(path, row.id, [row.type] if row.type else [sense.type for sense in row.senses], types)
        entry: Entry = row.type or tuple(_sense(sense, macros, f"row {row.id}") for sense in row.senses)
        for lemma in row.lemmas:
            if lemma in tables[row.pos]:
                raise RuleFileError(f"{path}: row {row.id}: {row.pos} {lemma!r} is in another row too")
            tables[row.pos][lemma] = entry
    return tables


def _sense(row: SenseRow, macros: _Macros, where: str) -> Sense:
    lists = {
        name: macros.expand(getattr(row, name), where)
        for name in (
            "objects",
            "object_kinds",
            "subjects",
            "subject_kinds",
            "with_words",
            "heads",
            "without_words",
            "without_heads",
            "forms",
            "goal_kinds",
        )
    }
    return Sense(row.type, phrasal=row.phrasal, speech=row.speech, confidence=row.confidence, **lists)


def _frames(folder: Path, types: dict[str, EventTypeSpec]) -> dict:
    path = table_path(folder, "frames")
    place_preps = dict(load_section(path, "place_preps"))
    frames: dict[str, Frame] = {}
    lemma_frames: dict[tuple[str, str], Frame] = {}
    description: dict[str, tuple[str, str]] = {}
    for row in load_rows(path, FrameRow):
        _check_types(path, row.id, row.types, types)
        possessor = row.subject if row.possessor is None else row.possessor
        frame = Frame(row.subject, row.object, possessor, {**place_preps, **row.preps}, row.subject_alone)
        used = {row.subject, row.object, possessor, row.subject_alone, *row.preps.values(), *(row.describe or ())}
        used -= {""}
        for event_type in row.types:
            unknown = used - set(types[event_type].roles)
            if unknown:
                raise RuleFileError(f"{path}: row {row.id}: {event_type} has no role {', '.join(sorted(unknown))}")
            if row.lemmas:
                lemma_frames.update({(lemma, event_type): frame for lemma in row.lemmas})
            else:
                frames[event_type] = frame
            if row.describe:
                description[event_type] = row.describe
    return {"frames": frames, "lemma_frames": lemma_frames, "description_roles": description}
