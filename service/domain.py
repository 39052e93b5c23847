"""Plain records that the extractors produce and the servicer translates to protobuf.

Nothing here knows about gRPC or spaCy. Every offset is a Python string index, i.e. a count of
Unicode code points into the analysed text (title, a blank line, then the body, when a title is
given); the servicer converts to UTF-8 or UTF-16 units when a caller asks for them.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range [start, end) of code points in the analysed text."""

    start: int
    end: int

    def __reduce__(self):
        # Spans are most of what a worker sends the front: rebuilt from a tuple they unpickle about
        # four times faster than through the generic frozen-dataclass __setstate__.
        return Span, (self.start, self.end)


class EntityType(str, enum.Enum):
    """Entity types of the contract (names match the proto enum without its prefix)."""

    PERSON = "PERSON"
    ORGANIZATION = "ORGANIZATION"
    GPE = "GPE"
    LOCATION = "LOCATION"
    FACILITY = "FACILITY"
    GROUP = "GROUP"
    EVENT = "EVENT"
    PRODUCT = "PRODUCT"
    WORK_OF_ART = "WORK_OF_ART"
    LAW = "LAW"
    LANGUAGE = "LANGUAGE"


class FigureKind(str, enum.Enum):
    COUNT = "COUNT"
    MONEY = "MONEY"
    PERCENT = "PERCENT"
    QUANTITY = "QUANTITY"
    ORDINAL = "ORDINAL"
    AGE = "AGE"
    SCORE = "SCORE"


class Comparator(str, enum.Enum):
    EXACT = "EXACT"
    APPROXIMATE = "APPROXIMATE"
    AT_LEAST = "AT_LEAST"
    AT_MOST = "AT_MOST"
    MORE_THAN = "MORE_THAN"
    LESS_THAN = "LESS_THAN"


class TimeType(str, enum.Enum):
    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class EventStatus(str, enum.Enum):
    ASSERTED = "ASSERTED"
    PLANNED = "PLANNED"
    INTENDED = "INTENDED"
    THREATENED = "THREATENED"
    HYPOTHETICAL = "HYPOTHETICAL"


@dataclass(slots=True)
class Mention:
    """One place in the text where an entity is named."""

    text: str
    span: Span
    sentence_index: int
    in_title: bool = False


@dataclass(frozen=True, slots=True)
class Geo:
    """A point on the map (WGS84 degrees) and the GeoNames record it comes from."""

    latitude: float
    longitude: float
    geonames_id: int

    def __reduce__(self):
        return Geo, (self.latitude, self.longitude, self.geonames_id)  # as Span: the cheap way back


@dataclass(slots=True)
class Entity:
    """One real-world referent with every mention of it in the article."""

    id: str
    type: EntityType
    name: str
    mentions: list[Mention]
    salience: float = 0.0
    country_code: str = ""
    confidence: float = 1.0
    geo: Geo | None = None


@dataclass(slots=True)
class Figure:
    """A number with its meaning: value in the unit's base (percent points, currency major unit)."""

    id: str
    kind: FigureKind
    text: str
    span: Span
    value: float | None
    sentence_index: int
    value_max: float | None = None
    comparator: Comparator = Comparator.EXACT
    unit: str = ""
    currency: str = ""
    subject: str = ""
    confidence: float = 1.0
    value_opponent: float | None = None  # the other side of a score ("3-2": value 3, value_opponent 2)


@dataclass(slots=True)
class TimeExpression:
    """A date, time, duration or set with its TIMEX3 value."""

    id: str
    type: TimeType
    text: str
    span: Span
    value: str
    sentence_index: int


@dataclass(slots=True)
class Trigger:
    """The word or phrase that names an event in one place of the text."""

    text: str
    span: Span
    lemma: str
    sentence_index: int


@dataclass(slots=True)
class EventArgument:
    """A participant or attribute of an event, linked to an entity or figure when there is one."""

    role: str
    text: str
    span: Span
    entity_id: str = ""
    figure_id: str = ""
    confidence: float = 1.0


@dataclass(slots=True)
class Event:
    """One event (KAIROS type), merged over every sentence that mentions it."""

    id: str
    type: str
    trigger: Trigger
    arguments: list[EventArgument]
    sentence_index: int
    status: EventStatus = EventStatus.ASSERTED
    negated: bool = False
    time_id: str = ""
    confidence: float = 1.0
    mentions: list[Trigger] = field(default_factory=list)
    description: str = ""  # readable line, e.g. "Conflict.Attack  Iran -> Israel  (missiles, ~200)  2024-10-01"


@dataclass(slots=True)
class Sentence:
    """A sentence of the analysed text (the title is sentence 0 when there is one)."""

    index: int
    span: Span
    in_title: bool = False


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one article."""

    article_id: str
    text: str
    entities: list[Entity]
    events: list[Event]
    figures: list[Figure]
    times: list[TimeExpression]
    sentences: list[Sentence]
    model: str


# -- summaries -----------------------------------------------------------------------------------


class Method(str, enum.Enum):
    """How sentences are chosen (names match the proto's SummaryMethod without its prefix)."""

    AUTO = "AUTO"
    LEAD = "LEAD"
    CENTRALITY = "CENTRALITY"


@dataclass(slots=True)
class SummarySentence:
    index: int  # sentence index in the analysed text, as in Extraction.sentences
    text: str
    span: Span
    score: float  # 0..1, how strongly the method ranks it


@dataclass(slots=True)
class KeyPhrase:
    text: str
    score: float
    entity_id: str = ""


@dataclass(slots=True)
class Brief:
    headline: str
    event_id: str = ""
    entity_ids: list[str] = field(default_factory=list)
    figure_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Summary:
    sentences: list[SummarySentence]  # chosen, in article order
    scored: list[SummarySentence]  # every body sentence with its score, in article order
    key_phrases: list[KeyPhrase]
    brief: Brief
    method: Method
    truncated: bool = False  # the one sentence was cut to fit max_characters (it ends with an ellipsis)


@dataclass(slots=True)
class ArticleInput:
    """An article as the domain sees it, after validation."""

    text: str
    title: str = ""
    id: str = ""
    published_at: dt.datetime | None = None
    url: str = ""
    language: str = ""


def with_min_confidence(extraction: Extraction, minimum: float) -> Extraction:
    """Leave out entities, events and event arguments below ``minimum``; links to dropped entities go."""
    if minimum <= 0:
        return extraction
    entities = [e for e in extraction.entities if e.confidence >= minimum]
    kept = {e.id for e in entities}
    events = []
    for event in extraction.events:
        if event.confidence < minimum:
            continue
        arguments = [a for a in event.arguments if a.confidence >= minimum]
        for argument in arguments:
            if argument.entity_id and argument.entity_id not in kept:
                argument.entity_id = ""
        event.arguments = arguments
        events.append(event)
    extraction.entities, extraction.events = entities, events
    return extraction
