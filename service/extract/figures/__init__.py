"""Figures: counts, money, percentages, quantities, ages and ranked ordinals; component ``newsx_figures_v1``.

A regular grammar (``grammar``) built from the tables in ``data/`` (``lexicon``) finds number atoms in
the text and reads their values (``atoms``, ``values``); atoms that make one amount are joined
(``amounts``), ranges, comparators and scores are read (``joining``), numbers that are no figures are
dropped on the parse (``checks``) and the subject is read from it (``subjects``). The records go to
``document.state(doc).figures``.

Decisions (general rules, documented here because callers rely on them):
- Values: PERCENT in percentage points ("40%" -> 40, "50 basis points" -> 0.5); MONEY in the
  currency's major unit ("50 cents" -> 0.5); QUANTITY in the unit as written (no conversion, but
  compound measures in the larger unit: "6ft 2in" -> 6.1667 foot); AGE in years with the written
  unit kept ("a 9-month-old" -> 0.75, unit "month").
- Currency: ISO 4217. A bare "$" or "dollars" is USD unless the article explicitly names exactly
  one other dollar ("Australian dollars", "A$", "HK$" ...), which it then means. "pounds" is GBP
  unless a weight cue ("weighs", "of" after it ...) makes it the mass unit.
- Durations ("a 90-minute match", "three years") are time expressions of ``newsx_times_v1``, never
  figures; a count inside a time expression is skipped, but an age is kept ("five years old",
  which times may also read as a duration) and so is a match minute ("the 94th minute").
- A score or tally ("won 3-1", "voted 52-48": small whole numbers with a word of a contest near) is
  one SCORE figure, ``value`` the first side and ``value_opponent`` the other, without a subject; a
  pair with no such word whose first is not the smaller ("a 24-7 line") is one COUNT a side.
- An ordinal is a figure when it ranks ("third-largest", "finished second") or is past 31 (no day of
  a month: "the 125th anniversary"), outside names ("42nd Street").
- A bare number set off after a person is their age ("The woman, 34, was arrested"); "aged 7 months"
  is an age in months.
- A range sets ``value`` and ``value_max`` ("between 20 and 30", "from 20 to 30", "more than 10 and
  less than 20"); an open bound sets the comparator ("at least 30", "200 or more", ">10"); a change
  ("rose from 5% to 7%") is two figures.
- Spans cover comparator words, currency, number(s) and unit ("approximately 200", "$3.5bn",
  "between 20 and 30 per cent", "aged 45"), never the counted noun.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsx.service.domain import Figure, FigureKind, Span
from newsx.service.extract import document
from newsx.service.extract.document import doc_text, sentence_index
from newsx.service.extract.figures.amounts import article_dollar
from newsx.service.extract.figures.atoms import find_atoms
from newsx.service.extract.figures.checks import (
    appositive_age,
    is_not_a_figure,
    name_tokens,
    person_tokens,
    time_tokens,
)
from newsx.service.extract.figures.grammar import Grammar
from newsx.service.extract.figures.joining import Candidate, join_figures
from newsx.service.extract.figures.lexicon import DATA, TABLES, Lexicon
from newsx.service.extract.figures.subjects import ordinal_subject, ranked_ordinals, subject_of, subjects

# spaCy forbids "." in factory names, so the brief's "newsx.figures.v1" is spelt with underscores.
FACTORY_NAME = "newsx_figures_v1"


def extract_figures(doc: Doc, grammar: Grammar) -> list[Figure]:
    """Figures of a parsed Doc in text order."""
    text = doc_text(doc)
    times, names = time_tokens(doc, grammar), name_tokens(doc)
    found: list[tuple[SpacySpan, Candidate | float]] = []
    for candidate in join_figures(text, find_atoms(text, grammar), grammar, article_dollar(text, grammar)):
        span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
        if span is not None and not is_not_a_figure(doc, candidate, times, names, grammar):
            found.append((span, candidate))
    taken = {i for span, _ in found for i in range(span.start, span.end)}
    found += [(span, rank) for span, rank in ranked_ordinals(doc, times, names, grammar) if span.start not in taken]
    found.sort(key=lambda item: item[0].start_char)
    people = person_tokens(doc)
    for span, reading in found:
        if isinstance(reading, Candidate) and appositive_age(span, reading, people, grammar):
            reading.kind, reading.unit = FigureKind.AGE, "year"
    spans = [span for span, _reading in found]
    # a side of a score counts goals or points the text does not name: no subject
    heads = [
        subject_of(span, grammar) if isinstance(reading, Candidate) and not reading.score else None
        for span, reading in found
    ]
    figures = []
    for number, ((span, reading), subject) in enumerate(zip(found, subjects(spans, heads), strict=True), 1):
        if isinstance(reading, Candidate):
            figures.append(
                Figure(
                    id=f"f{number}",
                    kind=reading.kind,
                    text=text[reading.start : reading.end],
                    span=Span(reading.start, reading.end),
                    value=reading.value,
                    sentence_index=sentence_index(doc, span.start),
                    value_max=reading.value_max,
                    comparator=reading.comparator,
                    unit=reading.unit,
                    currency=reading.currency,
                    subject=subject,
                    value_opponent=reading.opponent,
                )
            )
        else:
            figures.append(
                Figure(
                    id=f"f{number}",
                    kind=FigureKind.ORDINAL,
                    text=span.text,
                    span=Span(span.start_char, span.end_char),
                    value=reading,
                    sentence_index=sentence_index(doc, span.start),
                    subject=ordinal_subject(span),
                )
            )
    return figures


class FigureExtractor:
    """Finds figures and sets ``document.state(doc).figures``."""

    def __init__(self, nlp: Language, name: str, *, tables: str) -> None:
        self.name = name
        self.tables = Path(tables) if tables else DATA
        self.initialize()

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        """Read and check the tables and compile the grammar (once, at load time)."""
        self.grammar = Grammar.build(Lexicon.load(self.tables))

    def __call__(self, doc: Doc) -> Doc:
        document.state(doc).figures = extract_figures(doc, self.grammar)
        return doc

    def to_disk(self, path, *, exclude=()) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for name in sorted({name for name, _section in TABLES}):
            shutil.copyfile(self.tables / name, folder / name)

    def from_disk(self, path, *, exclude=()) -> FigureExtractor:
        self.tables = Path(path)
        self.initialize()
        return self


@Language.factory(
    FACTORY_NAME,
    default_config={"tables": ""},
    requires=["doc._.newsx_entities", "doc._.newsx_times", "token.dep", "token.pos"],
    assigns=["doc._.newsx_figures"],
)
def make_figure_extractor(nlp: Language, name: str, tables: str) -> FigureExtractor:
    """``tables``: the folder of the rule tables (empty: the package's ``data/``)."""
    return FigureExtractor(nlp, name, tables=tables)
