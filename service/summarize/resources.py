"""The summariser's language knowledge, read from the YAML tables in ``data/``.

``furniture.yaml`` says which lines belong to the page rather than the story, ``weights.yaml`` how
the scoring weighs its evidence, ``words.yaml`` the word lists of the key-phrase filters and of the
sentence features, ``brief.yaml`` the words that turn an ontology template into a sentence. Each row is checked against its pydantic model when loaded (the error names the
file and the row) and carries examples that ``tests/test_summarize_rules.py`` runs through the real
summariser: an article (its first line is the title) and what the summary of it must show.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict

from newsx.service.domain import Method
from newsx.service.extract.rules import Example, RuleFileError, RuleRow, load_rows

DATA = Path(__file__).resolve().parent / "data"
FURNITURE_FILE = DATA / "furniture.yaml"
WEIGHTS_FILE = DATA / "weights.yaml"
WORDS_FILE = DATA / "words.yaml"
BRIEF_FILE = DATA / "brief.yaml"


class Expectation(BaseModel):
    """What the summary of an example article must show (each field checked only when given)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    method: Method = Method.AUTO
    with_extraction: bool = True  # summarise with every newsx component's records (false: the parse alone)
    max_sentences: int = 3
    ratio: float = 0.0
    max_characters: int = 0
    summary: tuple[str, ...] | None = None  # the chosen sentences' openings, in article order
    key_phrases: tuple[str, ...] = ()  # listed among the key phrases, in this order
    not_key_phrases: tuple[str, ...] = ()  # never listed
    key_phrase_count: int | None = None  # how many key phrases are listed
    phrases: dict[str, str | None] = {}  # a noun phrase of the text -> what trimming keeps of it
    brief: str | None = None  # a part of the brief's headline
    furniture: bool | None = None  # the example line (furniture rows) is page furniture, by this row


class ArticleExample(Example):
    """An example article and the expectation of its summary."""

    expect: Expectation = Expectation()


class FurnitureRow(RuleRow):
    """A kind of line that belongs to the page, not the story (source lists, bylines, credits).

    ``kind`` says how ``pattern`` is read: ``opens`` (it opens the line, after any punctuation),
    ``contains`` (anywhere in the line), ``marks`` (at least ``min_count`` of its characters),
    and for short lines only (fewer than ``short_line_words`` words): ``short_line_match`` (it
    matches from the start, case-sensitive), ``short_line_unfinished`` (the line does not end with
    it), ``short_line_verbless`` (no token's part of speech matches it). An example's text is one
    line: ``expect.furniture`` true when this row makes it furniture, false when no row does.
    """

    kind: Literal["opens", "contains", "marks", "short_line_match", "short_line_unfinished", "short_line_verbless"]
    pattern: str
    min_count: int = 1
    examples: tuple[ArticleExample, ...] = ()


class WeightRow(RuleRow):
    """One weight of the scoring, selection or key phrases: its id says what it weighs."""

    value: float
    examples: tuple[ArticleExample, ...] = ()


class WordsRow(RuleRow):
    """A word list (lower-case words, or part-of-speech and entity labels)."""

    words: tuple[str, ...]
    examples: tuple[ArticleExample, ...] = ()


class Weights(BaseModel):
    """Every weight of ``weights.yaml`` by its id (a missing or unknown id fails at load)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lexrank_damping: float
    lead_weight: float
    lead_decay: float
    lead_paragraph_floor: float
    lead_continuation_weight: float
    title_weight: float
    length_weight: float
    centrality_weight: float
    dependent_opener_factor: float
    quote_factor: float
    quoted_share: float
    short_line_words: int
    short_sentence_words: int
    mmr_penalty: float
    redundant_similarity: float
    same_paragraph_overlap: float
    max_key_phrases: int
    max_phrase_tokens: int
    phrase_word_bonus: float
    lone_noun_factor: float
    phrase_salience_base: float
    negated_event_factor: float
    reporting_event_factor: float
    min_brief_arguments: int
    event_position_decay: float


class Words(BaseModel):
    """Every word list of ``words.yaml`` by its id."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    vague_modifiers: frozenset[str]
    name_labels: frozenset[str]
    dependent_openers: frozenset[str]
    content_pos: frozenset[str]


Table = TypeVar("Table", bound=BaseModel)


class BriefWords(BaseModel):
    """Every word list of ``brief.yaml`` by its id."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    argument_glosses: frozenset[str]
    linking_words: frozenset[str]
    pronouns: frozenset[str]
    reporting_triggers: frozenset[str]


class FurnitureRule:
    """A furniture row with its pattern compiled."""

    __slots__ = ("id", "kind", "pattern", "min_count", "source")

    def __init__(self, row: FurnitureRow) -> None:
        self.id, self.kind, self.min_count, self.source = row.id, row.kind, row.min_count, row.pattern
        flags = 0 if row.kind == "short_line_match" else re.IGNORECASE
        source = row.pattern
        if row.kind == "opens":
            source = rf"^\W*(?:{source})"
        elif row.kind == "short_line_unfinished":
            source = rf"(?:{source})$"
        try:
            self.pattern = re.compile(source, flags)
        except re.error as exc:
            raise RuleFileError(f"{FURNITURE_FILE}: row {row.id!r}: bad pattern: {exc}") from None


def furniture_rows() -> list[FurnitureRow]:
    return load_rows(FURNITURE_FILE, FurnitureRow)


def weight_rows() -> list[WeightRow]:
    return load_rows(WEIGHTS_FILE, WeightRow)


def word_rows() -> list[WordsRow]:
    return load_rows(WORDS_FILE, WordsRow)


def brief_rows() -> list[WordsRow]:
    return load_rows(BRIEF_FILE, WordsRow)


@functools.cache
def furniture_rules() -> tuple[FurnitureRule, ...]:
    return tuple(FurnitureRule(row) for row in furniture_rows())


@functools.cache
def furniture_screen() -> re.Pattern[str]:
    """One pattern that matches a line's opening wherever some "opens" row does: most lines match
    none, and one match rules them all out."""
    opens = "|".join(f"(?:{rule.source})" for rule in furniture_rules() if rule.kind == "opens")
    return re.compile(rf"\W*(?:{opens})" if opens else "(?!)", re.IGNORECASE)


def _table(model: type[Table], path: Path, values: dict) -> Table:
    try:
        return model.model_validate(values)
    except ValueError as exc:
        raise RuleFileError(f"{path}: {exc}") from None


@functools.cache
def weights() -> Weights:
    return _table(Weights, WEIGHTS_FILE, {row.id: row.value for row in weight_rows()})


@functools.cache
def words() -> Words:
    return _table(Words, WORDS_FILE, {row.id: row.words for row in word_rows()})


@functools.cache
def brief_words() -> BriefWords:
    return _table(BriefWords, BRIEF_FILE, {row.id: row.words for row in brief_rows()})
