"""Time expressions with TIMEX3 values: component ``newsx_times_v1``.

The engine is small; the language knowledge is data (``data/``): word tables (``lexicon.yaml``),
the grammar (``patterns.yaml``: macros, trigger words and one rule per family of expressions) and
the cues of tense (``tense.yaml``). ``grammar`` finds the expressions, ``resolvers`` computes
their values from the publication date (``document.state(doc).reference_time``), the date in
focus and the tense of the governing verb (``tense``), with the calendar arithmetic of ``values``.

Conventions (TimeML, as TimeBank+AQUAINT annotates them):
- Extents leave out prepositions ("on", "in", "for", "since"), possessive "'s" and "only"/"just",
  keep determiners and relative words ("the past three years", "last week", "the nine months")
  and keep value-neutral modifiers ("early October", "mid-2023", "the end of the year",
  "around 7 p.m."); such modifiers do not change the value (TIMEX3 would carry them in ``mod``,
  which the domain record has no field for).
- Not times: ages ("a 6-year-old": figures), "former", "previously", frequency adjectives before
  a noun ("a quarterly dividend"), halves of a game ("a second-half goal"), time words capitalised
  inside a sentence, which name a programme or a film (ABC's "This Week", "60 Minutes"), and an
  age rather than a day ("today's youth").
- "two days later" is the duration "two days"; fiscal years are written as years ("fiscal 1989":
  1989).
- Anaphoric expressions count from the date in focus, not from publication: "a year earlier"
  after "the third quarter" is the same quarter a year before, "the following week" the week
  after the last dated day, "the quarter" the quarter the report is about (``context``).
- Without a publication date, explicit dates are still resolved and relative ones keep "X"
  placeholders (``XXXX-10-11``, ``XXXX-WXX-5``, ``XXXX``); the server's clock is never used, and
  a relative date beyond the calendar's ends stays unresolved the same way.
"""

from __future__ import annotations

import functools
import itertools
import re
import shutil
from pathlib import Path

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsx.service.domain import Span, TimeExpression, TimeType
from newsx.service.extract import document
from newsx.service.extract.times.context import Anchor, norm
from newsx.service.extract.times.grammar import Grammar, resolve_in_calendar
from newsx.service.extract.times.lexicon import DATA, PATTERN_FILE, TABLE_FILES
from newsx.service.extract.times.periods import year_back
from newsx.service.extract.times.tense import dates_a_report, direction_of
from newsx.service.extract.times.values import granularity

# spaCy forbids "." in factory names, so the brief's "newsx.times.v1" is spelt with underscores.
FACTORY_NAME = "newsx_times_v1"
DATA_FILES = (*TABLE_FILES, PATTERN_FILE)
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")


@functools.cache
def load_grammar(folder: str) -> Grammar:
    """The compiled grammar of a data folder (once per process: every worker shares it)."""
    return Grammar(Path(folder))


class TimeExtractor:
    """Finds time expressions and sets ``document.state(doc).times``."""

    def __init__(self, nlp: Language, name: str, *, use_entities: bool, focus_sentences: int, data: str) -> None:
        self.name = name
        self.use_entities = use_entities
        self.focus_sentences = focus_sentences
        self.data = data or str(DATA)
        self._grammar: Grammar | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        """Load and compile the rule tables (a schema error names the file and the row)."""
        self._grammar = load_grammar(self.data)

    @property
    def grammar(self) -> Grammar:
        if self._grammar is None:
            self.initialize()
        assert self._grammar is not None
        return self._grammar

    def to_disk(self, path, *, exclude=()) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for name in DATA_FILES:
            shutil.copyfile(Path(self.data) / name, folder / name)

    def from_disk(self, path, *, exclude=()) -> TimeExtractor:
        self.data = str(Path(path))
        self.initialize()
        return self

    def __call__(self, doc: Doc) -> Doc:
        document.state(doc).times = self.extract(doc)
        return doc

    def extract(self, doc: Doc) -> list[TimeExpression]:
        """The document's time expressions in text order, valued against the reference date."""
        grammar = self.grammar
        cues = grammar.tense
        text = document.doc_text(doc)
        found = grammar.find(text, time_entity_offsets(doc) if self.use_entities else [])
        reference = document.reference_date(doc)
        records: list[TimeExpression] = []
        last_token_end = 0
        dates: list[tuple[str, int]] = []  # (calendar value, sentence) of the dates so far, in order
        event_day: str | None = None  # the last day of the events told, not of the telling ("said Friday")
        for item in found:
            span = doc.char_span(item.start, item.end, alignment_mode="expand")
            if span is None or span.start < last_token_end:
                continue
            if not item.rule.row.attributive and _modifies_noun(span):
                continue
            if not (item.rule.row.capitalised or item.date or item.weekday) and _names_a_work(span):
                continue
            sentence = document.sentence_index(doc, span.start)
            recent = tuple(
                itertools.takewhile(
                    lambda date: date[1] <= self.focus_sentences, ((v, sentence - s) for v, s in reversed(dates))
                )
            )
            # A bare clock time belongs to the day of the events told, else to a day named just before.
            day = event_day or next((v for v, distance in recent if distance <= 1 and granularity(v) == "day"), None)
            direction = functools.partial(direction_of, span, cues)
            history = tuple(v for v, _ in reversed(dates))
            anchor = Anchor(grammar.lexicon, reference, direction, text, item.start, day, recent, history)
            resolved = resolve_in_calendar(item, anchor)
            if resolved is None:
                continue
            kind, value = resolved
            calendar_value = value[:10] if _DAY_VALUE.match(value) else value
            unit = granularity(calendar_value)
            # Dates of comparison ("a year earlier") are not what the story is about: they stay out of focus.
            # A numbered period ("this year's third quarter") is named, not compared, unless a year back.
            groups = item.match.groupdict()
            compared = item.rule.has("comparison") and (
                (unit in ("quarter", "half") and not (groups.get("o") and not year_back(groups, grammar.lexicon)))
                or norm(groups.get("dir")) in grammar.lexicon.words("anaphoric_directions")
            )
            if kind in (TimeType.DATE, TimeType.TIME) and not compared and unit:
                dates.append((calendar_value, sentence))
                if unit == "day" and not dates_a_report(span, cues):
                    event_day = calendar_value
            records.append(
                TimeExpression(
                    id=f"t{len(records) + 1}",
                    type=kind,
                    text=span.text,
                    span=Span(span.start_char, span.end_char),
                    value=value,
                    sentence_index=sentence,
                )
            )
            last_token_end = span.end
        return records


def _modifies_noun(span: SpacySpan) -> bool:
    """Whether a one-word expression is an adjective before its noun ("a quarterly dividend")."""
    word = span[0]
    return len(span) == 1 and word.dep_ == "amod" and word.head.i > word.i and word.head.pos_ in ("NOUN", "PROPN")


def _names_a_work(span: SpacySpan) -> bool:
    """Whether words that are written in lower case stand capitalised inside a sentence, as in the
    name of a programme or a film ("ABC's \"This Week\"", "CBS's \"60 Minutes\"", "High Noon").
    A capital opening a sentence or a quotation, or in the title, says nothing."""
    words = [token for token in span if token.is_alpha]
    if not words or not all(token.text.istitle() for token in words) or document.in_title(span.doc, span.start_char):
        return False
    if words[-1].i > span.start:  # a capital inside the phrase ("60 Minutes")
        return True
    previous = span.doc[span.start - 1] if span.start > span.sent.start else None
    return previous is not None and not (previous.is_punct or previous.is_quote or previous.is_space)


def time_entity_offsets(doc: Doc) -> list[tuple[int, int]]:
    """Character offsets of the model's DATE/TIME entities (read as arrays: ``doc.ents`` is slow)."""
    if not len(doc):
        return []
    labels = (doc.vocab.strings.add("DATE"), doc.vocab.strings.add("TIME"))
    iob, label = doc.to_array([ENT_IOB, ENT_TYPE]).T
    starts = numpy.flatnonzero((iob == 3) & numpy.isin(label, labels))
    offsets = []
    for start in starts:
        outside = numpy.flatnonzero(iob[start + 1 :] != 1)
        last = doc[int(start + outside[0]) if len(outside) else len(doc) - 1]
        offsets.append((doc[int(start)].idx, last.idx + len(last)))
    return offsets


@Language.factory(
    FACTORY_NAME,
    default_config={"use_entities": True, "focus_sentences": 2, "data": ""},
    requires=["doc._.newsx_reference_time", "doc._.newsx_title_end", "token.dep", "token.tag", "token.lemma"],
    assigns=["doc._.newsx_times"],
)
def make_time_extractor(nlp: Language, name: str, use_entities: bool, focus_sentences: int, data: str) -> TimeExtractor:
    """``use_entities``: let the model's DATE/TIME entities vouch for expressions whose context
    check would reject them ("July was the hottest month"); ``focus_sentences``: how many sentences
    back a date stays in focus for "a year earlier" or "the quarter"; ``data``: the folder of the
    rule tables (empty: the package's own)."""
    return TimeExtractor(nlp, name, use_entities=use_entities, focus_sentences=focus_sentences, data=data)
