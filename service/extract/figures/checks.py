"""Numbers that are no figures, decided on the parsed Doc: parts of times and names, labels, list
labels, years, the pronoun "one", and "a third" where it is an ordinal whose noun is left out.

Decisions: a number inside an entity mention or a time expression belongs to it ("G7", "COVID-19",
"October 11"); a bare number after a label word or a capitalised word is a label ("Section 3",
"Apollo 11"); "1." at the start of a line is a list label; a bare year after a preposition is a
date; "one" counts only as a number modifier ("one soldier", not "one of them"); "a third" without
"of" is a share only after "by" or a comparator ("fell by a third", "nearly a quarter") or as a
subject ("a fifth said"), otherwise an ordinal ("added a third late on"). A bare whole number set
off by commas or brackets right after a person is their age, as news writes it ("The woman, 34, was
arrested", "John Smith (45)").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsx.service.domain import Comparator, EntityType, FigureKind, Span
from newsx.service.extract import document
from newsx.service.extract.document import doc_text, in_title
from newsx.service.extract.figures.grammar import Grammar
from newsx.service.extract.figures.joining import Candidate

# spaCy's entity labels of names and of times: used only when the newsx entities or times
# components did not run.
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "NORP", "LANGUAGE"}
)
TIME_LABELS = frozenset({"DATE", "TIME"})
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z&.'-]*")
_AGE_MARKS = frozenset({(",", ","), ("(", ")")})  # what sets an age off after a person
_OLDEST = 120


_YEAR_OR_DECADE = re.compile(r"\d{4}|\d{3}0'?s")


def time_tokens(doc: Doc, grammar: Grammar) -> set[int]:
    """Token indices inside the time expressions of ``newsx_times_v1`` (or, when it did not run,
    inside spaCy's DATE and TIME entities that hold a time word or a year)."""
    state = document.state(doc)
    if state.times is not None:
        return _record_tokens(doc, (time.span for time in state.times))
    words = grammar.lex.group("time_words")
    spans = [ent for ent in doc.ents if ent.label_ in TIME_LABELS]
    spans = [ent for ent in spans if any(_is_time_token(token, words) for token in ent)]
    return {i for span in spans for i in range(span.start, span.end)}


def name_tokens(doc: Doc) -> set[int]:
    """Token indices inside entity mentions of ``newsx_entities_v1`` (or spaCy's names)."""
    state = document.state(doc)
    if state.entities is not None:
        return _record_tokens(doc, (mention.span for entity in state.entities for mention in entity.mentions))
    return {i for ent in doc.ents if ent.label_ in NAME_LABELS for i in range(ent.start, ent.end)}


def person_tokens(doc: Doc) -> set[int]:
    """Token indices inside mentions of people (``newsx_entities_v1``, or spaCy's PERSON entities)."""
    state = document.state(doc)
    if state.entities is not None:
        people = (entity for entity in state.entities if entity.type is EntityType.PERSON)
        return _record_tokens(doc, (mention.span for entity in people for mention in entity.mentions))
    return {i for ent in doc.ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)}


def appositive_age(span: SpacySpan, candidate: Candidate, people: set[int], grammar: Grammar) -> bool:
    """Whether a bare whole number is the age of the person right before it: "The woman, 34, was
    arrested", "John Smith (45)" (set off by commas or brackets, a person's name or a person noun)."""
    doc = span.doc
    if candidate.kind is not FigureKind.COUNT or candidate.comparator is not Comparator.EXACT:
        return False
    if candidate.value_max is not None or not 0 < candidate.value <= _OLDEST or not span.text.isdigit():
        return False
    if len(span) != 1 or span.start < 2 or span.end >= len(doc):
        return False
    if (doc[span.start - 1].text, doc[span.end].text) not in _AGE_MARKS:
        return False
    person = doc[span.start - 2]
    return person.i in people or person.lower_ in grammar.lex.group("age_nouns")


def _record_tokens(doc: Doc, places: Iterable[Span]) -> set[int]:
    """Indices of the tokens a record's code point span touches (as ``token_span`` expands it),
    found with arrays: one ``char_span`` per record costs more than the whole search."""
    bounds = numpy.array([(place.start, place.end) for place in places], dtype=numpy.int64).reshape(-1, 2)
    if not len(doc) or not len(bounds):
        return set()
    starts = doc.to_array(IDX).astype(numpy.int64)
    ends = starts + doc.to_array(LENGTH).astype(numpy.int64)
    first = numpy.searchsorted(ends, bounds[:, 0], side="right")  # the first token ending after the start
    last = numpy.searchsorted(starts, bounds[:, 1], side="left")  # past the last token starting before the end
    marks = numpy.zeros(len(doc) + 1, dtype=numpy.int64)
    keep = first < last
    numpy.add.at(marks, first[keep], 1)
    numpy.add.at(marks, last[keep], -1)
    return set(numpy.flatnonzero(numpy.cumsum(marks[:-1]) > 0).tolist())


def _is_time_token(token: Token, words: frozenset[str]) -> bool:
    """A word of a date or time: a table word, a clock time, a year or a decade ("1990s")."""
    return token.lower_ in words or ":" in token.text or _YEAR_OR_DECADE.fullmatch(token.text) is not None


def is_not_a_figure(doc: Doc, candidate: Candidate, times: set[int], names: set[int], grammar: Grammar) -> bool:
    """Whether a candidate is part of a time, a name, a label, a list label or a year."""
    lex = grammar.lex
    number = doc.char_span(candidate.number_start, candidate.number_end, alignment_mode="expand")
    if number is None or len(number) == 0:
        return True
    tokens = range(number.start, number.end)
    bare = candidate.kind is FigureKind.COUNT
    if any(i in times for i in tokens) and candidate.kind is FigureKind.COUNT:
        return True
    if any(i in names for i in tokens) and candidate.kind in (FigureKind.COUNT, FigureKind.QUANTITY):
        return True
    if not bare or candidate.score or candidate.comparator is not Comparator.EXACT or candidate.value_max is not None:
        return False
    if candidate.start < candidate.atoms[0].start:
        return False  # words of its own before the number ("equals 20"): no label, no list
    first = candidate.atoms[0]
    whole = doc.char_span(candidate.start, candidate.number_end, alignment_mode="expand")
    start = whole.start if whole is not None else number.start
    previous = doc[start - 1] if start > 0 else None  # before a sign word: "Minus 40" is no label
    following = doc[number.end] if number.end < len(doc) else None
    if previous is not None and previous.text == "." and start > 1:
        previous = doc[start - 2] if doc[start - 2].lower_ in lex.group("labels") else previous
    if previous is not None and _is_label_word(doc, previous, following, grammar):
        return True
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, candidate.start) + 1
    if (
        text[line_start : candidate.start].strip(" \t•*-(") == ""
        and text[candidate.end : candidate.end + 1] in (".", ")")
        and first.digits
    ):
        return True  # list labels: "1. ...", "(2) ..."
    if first.digits and first.raw.isdigit() and len(first.raw) == 4 and 1000 <= first.value < 2200:
        if previous is not None and previous.lower_ in lex.group("year_prepositions"):
            return True
    if not first.digits and candidate.value == 1 and number.root.dep_ != "nummod":
        return True  # "one of them", "no one"
    if grammar.lone_fraction.fullmatch(first.raw) and not _fraction_reading(doc, number, previous, following, grammar):
        return True  # "added a third late on": an ordinal whose noun is left out
    return False


def _fraction_reading(
    doc: Doc, number: SpacySpan, previous: Token | None, following: Token | None, grammar: Grammar
) -> bool:
    """Whether "a third" without "of" is a share: after "by" or a comparator ("fell by a third",
    "nearly a quarter") or as the subject of a verb ("a fifth said")."""
    lex = grammar.lex
    if following is not None and following.lower_ == "of":
        return True
    if previous is not None and (previous.lower_ in lex.group("share_cues") or previous.lower_ in lex.comparators):
        return True
    before = doc[max(0, number.start - 3) : number.start].text.lower()
    if any(before.endswith(phrase) for phrase in lex.comparators if " " in phrase):
        return True
    return following is not None and following.pos_ in ("VERB", "AUX") and number.root.dep_ in ("nsubj", "nsubjpass")


def _is_label_word(doc: Doc, previous: Token, following: Token | None, grammar: Grammar) -> bool:
    lex = grammar.lex
    if previous.lower_ in lex.group("labels") or previous.text == "#":
        return True
    if (
        not (previous.text[0].isupper() and _NAME_WORD.fullmatch(previous.text))
        or previous.is_stop
        or previous.pos_ == "VERB"
    ):
        return False
    if previous.lower_ in lex.comparators or previous.lower_ in lex.group("range_openers"):
        return False
    if in_title(doc, previous.idx) and following is not None and following.tag_ in ("NNS", "NNPS"):
        return False  # headline case: "Iran Fires 200 Missiles"
    return True
