"""How an article becomes a spaCy ``Doc``, and the custom attributes the extractors share.

The analysed text is the title, a blank line and the body (or the body alone). The title is kept
as a sentence of its own so that headline words never run into the first sentence.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import IS_ALPHA, IS_LOWER, IS_SPACE, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsx.service.domain import ArticleInput, Entity, Event, Figure, Span, TimeExpression

TITLE_SEPARATOR = "\n\n"
# Control characters other than tab and line breaks (NUL, escape, form feed, C1 controls) are
# read as spaces: "Paris\x00 said" keeps its entity, and positions do not move.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SENTENCE_FINAL = numpy.array([get_string_id(mark) for mark in ".!?"], dtype=numpy.uint64)
_CLOSING_QUOTES = numpy.array([get_string_id(mark) for mark in ('"', "\u201d", "'", "\u2019")], dtype=numpy.uint64)


@dataclass(slots=True)
class DocState:
    """Everything newsx keeps on a Doc, typed: the inputs set before the pipeline runs and each
    component's records (``None`` until that component has run). Readers map a record's span to
    tokens with ``token_span``; there are no span groups to keep in step."""

    reference_time: dt.datetime | None = None  # the publication time, anchor of relative dates
    title_end: int = 0  # code point where the title ends (0 when there is no title)
    entities: list[Entity] | None = None  # set by newsx_entities_v1
    # set by newsx_entities_v1: ALL CAPS and Title Case lines and runs (code point ranges)
    styled_lines: list[tuple[int, int]] | None = None
    times: list[TimeExpression] | None = None  # set by newsx_times_v1
    figures: list[Figure] | None = None  # set by newsx_figures_v1
    events: list[Event] | None = None  # set by newsx_events_v1


if not Doc.has_extension("newsx"):
    Doc.set_extension("newsx", getter=lambda doc: doc.user_data.setdefault("newsx_state", DocState()))


def state(doc: Doc) -> DocState:
    """The Doc's newsx state (created empty on first use)."""
    found = doc.user_data.get("newsx_state")
    if found is None:
        found = doc.user_data["newsx_state"] = DocState()
    return found


def token_span(doc: Doc, span: Span) -> SpacySpan | None:
    """The tokens covering a record's code point span (None when it covers none)."""
    return doc.char_span(span.start, span.end, alignment_mode="expand")


# Each field is also ``doc._.newsx_<field>``: the names components declare in ``requires`` and
# ``assigns``, so ``nlp.analyze_pipes()`` checks that every reader runs after its writer.
def _state_field(name: str) -> tuple[Callable[[Doc], Any], Callable[[Doc, Any], None]]:
    def get(doc: Doc) -> Any:
        return getattr(state(doc), name)

    def put(doc: Doc, value: Any) -> None:
        setattr(state(doc), name, value)

    return get, put


for _field in ("reference_time", "title_end", "entities", "styled_lines", "times", "figures", "events"):
    if not Doc.has_extension(f"newsx_{_field}"):
        _get, _put = _state_field(_field)
        Doc.set_extension(f"newsx_{_field}", getter=_get, setter=_put)


def analysed_text(article: ArticleInput) -> str:
    """The text whose code point offsets every span in a response refers to."""
    text = article.title + TITLE_SEPARATOR + article.text if article.title else article.text
    return _CONTROL.sub(" ", text)


def make_doc(nlp: Language, article: ArticleInput, text: str | None = None) -> Doc:
    """Tokenise the article (or ``text``, a part of it) and attach what the components need;
    the pipeline is not run yet.

    A blank line always ends a sentence: the title is a sentence of its own, and the small
    parser cannot run a byline or a closing quote into the next paragraph. Within a paragraph, a
    closing quote glued to a full stop stays with its sentence, and a lower-case word that does
    not follow one cannot open a sentence (the parser otherwise cuts quotations in two).
    """
    source = analysed_text(article) if text is None else text
    doc = nlp.make_doc(source)
    doc.user_data["newsx_text"] = source  # what ``doc_text`` would join again from the tokens
    annotate(doc, article)
    if len(doc):
        _preset_sentence_starts(doc)
    return doc


def _preset_sentence_starts(doc: Doc) -> None:
    """Sentence starts the parser must keep (after a blank line) or must not make (a glued closing
    quote, a lower-case word after a word), set with arrays: a loop over tokens costs a tenth of
    the parse."""
    table = doc.to_array([IS_SPACE, IS_LOWER, IS_ALPHA, SPACY]).astype(bool)
    orth = doc.to_array(ORTH)
    starts = numpy.zeros(len(doc), dtype=numpy.int64)
    words = numpy.flatnonzero(~table[:, 0])
    for space in numpy.flatnonzero(table[:, 0]):
        if "\n\n" in doc[int(space)].text:
            following = words[numpy.searchsorted(words, space) :]
            if len(following):
                starts[following[0]] = 1
    previous, current = words[:-1], words[1:]
    previous_final = numpy.isin(orth[previous], _SENTENCE_FINAL)
    glued = ~table[previous, 3] & (current == previous + 1)
    closes_quote = numpy.isin(orth[current], _CLOSING_QUOTES) & previous_final & glued
    continues = table[current, 1] & table[current, 2] & ~previous_final & ~numpy.isin(orth[previous], _CLOSING_QUOTES)
    inside = current[(closes_quote | continues) & (starts[current] != 1)]
    starts[inside] = -1
    doc.from_array([SENT_START], starts.astype(numpy.uint64))  # type: ignore[arg-type]  # thinc types it Ints2d


def annotate(doc: Doc, article: ArticleInput) -> None:
    """Set the inputs the newsx components read: the reference time and where the title ends."""
    doc._.newsx_reference_time = article.published_at
    doc._.newsx_title_end = len(article.title) if article.title else 0


def reference_date(doc: Doc) -> dt.date | None:
    """The publication date of the article, if the caller gave one."""
    reference = doc._.newsx_reference_time
    return reference.date() if reference is not None else None


def in_title(doc: Doc, char_offset: int) -> bool:
    """Whether a code point offset falls inside the title."""
    return char_offset < doc._.newsx_title_end


def sentence_index(doc: Doc, token_index: int) -> int:
    """Index of the sentence holding a token, counted over the whole analysed text."""
    return max(bisect.bisect_right(_sentence_starts(doc), token_index) - 1, 0)


def sentence_end(doc: Doc, token_index: int) -> int:
    """Where the sentence holding a token ends (``token.sent.end`` without building the Span)."""
    starts = _sentence_starts(doc)
    following = bisect.bisect_right(starts, token_index)
    return starts[following] if following < len(starts) else len(doc)


def sentences(doc: Doc) -> list[SpacySpan]:
    """``doc.sents`` as a list, from the cached sentence starts (``doc.sents`` makes a Token per token)."""
    bounds = [*_sentence_starts(doc), len(doc)]
    return [doc[start:end] for start, end in zip(bounds, bounds[1:]) if end > start]


def token_sentences(doc: Doc) -> list[int]:
    """The index of each token's sentence, as ``sentence_index`` gives it, for all tokens at once."""
    opens = numpy.zeros(len(doc), dtype=numpy.int64)
    opens[_sentence_starts(doc)[1:]] = 1
    return numpy.cumsum(opens).tolist()


def _sentence_starts(doc: Doc) -> list[int]:
    """The tokens that open a sentence (the first always does), found once per Doc."""
    starts = doc.user_data.get("newsx_sentence_starts")
    if starts is None:
        starts = [0, *(numpy.flatnonzero(doc.to_array(SENT_START)[1:] == 1) + 1).tolist()]
        doc.user_data["newsx_sentence_starts"] = starts
    return starts


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy rebuilds it from the tokens on every access."""
    cached = doc.user_data.get("newsx_text")
    if cached is None:
        cached = doc.user_data["newsx_text"] = doc.text
    return cached
