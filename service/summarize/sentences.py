"""The body sentences a summary chooses from: every sentence after the title, page furniture marked.

Which lines are furniture (source lists, bylines, credits, calls to action) is data:
``data/furniture.yaml``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IS_PUNCT, IS_SPACE, POS
from spacy.parts_of_speech import NAMES as IDS_TO_POS
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsx.service.domain import Span
from newsx.service.extract.document import doc_text, sentences
from newsx.service.summarize.resources import furniture_rules, furniture_screen, weights

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(slots=True)
class BodySentence:
    """A body sentence as the summariser sees it: ``tokens`` is the story part, furniture trimmed."""

    index: int
    tokens: SpacySpan
    text: str
    span: Span
    boilerplate: bool
    paragraph: int  # paragraph breaks before the sentence: equal for sentences of one paragraph


def body_sentences(doc: Doc) -> list[BodySentence]:
    """Every sentence after the title, trimmed of whitespace and of furniture paragraphs it swallowed.

    The parser sometimes runs a sentence across a paragraph break (a byline into the lead, a
    closing quote mark into the next paragraph); such paragraphs are cut off the sentence's ends.
    When the shape of short lines (no verb, no final stop) would leave no story sentence at all, as
    in a one-line article without its full stop or a language whose verbs the English model misses,
    the text is all the story there is: then only lines that furniture rows name by their words
    (bylines, credits, calls to action, one-word menu items and labels) are furniture.
    """
    body = _body_sentences(doc, by_shape=True)
    if body and all(item.boilerplate for item in body):
        return _body_sentences(doc, by_shape=False)
    return body


def _body_sentences(doc: Doc, *, by_shape: bool) -> list[BodySentence]:
    title_end = doc._.newsx_title_end
    body = []
    analysed = doc_text(doc)
    lines = LineTokens(doc)
    for index, sent in enumerate(sentences(doc)):
        stripped = analysed[sent.start_char : sent.end_char].strip()
        if sent.start_char < title_end or not stripped:
            continue
        parts = _paragraph_parts(sent) if "\n" in stripped else [sent]
        story = [
            part
            for part in parts
            if not furniture_rule(part, analysed[part.start_char : part.end_char].strip(), lines, by_shape=by_shape)
        ]
        if story:
            part, boilerplate = doc[story[0].start : story[-1].end], False
        else:
            part, boilerplate = sent, True
        raw = analysed[part.start_char : part.end_char]
        text = raw.strip()
        start = part.start_char + len(raw) - len(raw.lstrip())
        body.append(
            BodySentence(index, part, text, Span(start, start + len(text)), boilerplate, paragraph_of(doc, start))
        )
    return body


def _paragraph_parts(sent: SpacySpan) -> list[SpacySpan]:
    """The sentence split at paragraph breaks (whitespace tokens holding a blank line)."""
    parts, start = [], sent.start
    for token in sent:
        if token.is_space and PARAGRAPH_BREAK.search(token.text):
            if token.i > start:
                parts.append(sent.doc[start : token.i])
            start = token.i + 1
    if sent.end > start:
        parts.append(sent.doc[start : sent.end])
    return [part for part in parts if part.text.strip()]


class LineTokens:
    """What furniture rows read of a line's tokens (how many are words, which parts of speech),
    from one ``Doc.to_array`` for the whole Doc."""

    __slots__ = ("_word_prefix", "_pos")

    def __init__(self, doc: Doc) -> None:
        table = doc.to_array([IS_PUNCT, IS_SPACE, POS])
        words = (table[:, 0] == 0) & (table[:, 1] == 0)
        self._word_prefix = [0, *np.cumsum(words).tolist()]
        self._pos = table[:, 2].tolist()

    def words(self, part: SpacySpan) -> int:
        """The number of tokens of ``part`` that are neither punctuation nor space."""
        return self._word_prefix[part.end] - self._word_prefix[part.start]

    def tags(self, part: SpacySpan) -> set[str]:
        """The parts of speech (``Token.pos_``) in ``part``."""
        return {IDS_TO_POS[pos] for pos in self._pos[part.start : part.end]}


def furniture_rule(part: SpacySpan, text: str, lines: LineTokens | None = None, *, by_shape: bool = True) -> str:
    """The id of the furniture row that makes ``part`` page furniture, or "" for story text.

    ``text`` is the part's text without surrounding whitespace; ``lines``, the Doc's
    ``LineTokens`` when the caller checks many parts. Short-line rows apply only to lines of fewer
    than ``short_line_words`` words; a line of more than twice that is always story. Without
    ``by_shape``, the rows that read a line's shape (unfinished, verbless) are left out.
    """
    rules = furniture_rules()
    pattern_rows = ("opens", "contains") if furniture_screen().match(text) else ("contains",)
    for rule in rules:
        if rule.kind in pattern_rows and rule.pattern.search(text):
            return rule.id
        if rule.kind == "marks" and len(rule.pattern.findall(text)) >= rule.min_count:
            return rule.id
    short = weights().short_line_words
    if len(text.split()) > 2 * short:
        return ""  # far too long for a header or a credit line
    lines = lines or LineTokens(part.doc)
    if lines.words(part) >= short:
        return ""
    tags = lines.tags(part)
    for rule in rules:
        if rule.kind == "short_line_match" and rule.pattern.match(text):
            return rule.id
        if not by_shape:
            continue
        if rule.kind == "short_line_unfinished" and not rule.pattern.search(text):
            return rule.id
        if rule.kind == "short_line_verbless" and not any(rule.pattern.fullmatch(tag) for tag in tags):
            return rule.id
    return ""


def paragraph_of(doc: Doc, char_offset: int) -> int:
    """Number of paragraph breaks before an offset (cached per Doc)."""
    breaks = doc.user_data.get("newsx_paragraph_breaks")
    if breaks is None:
        breaks = [match.start() for match in PARAGRAPH_BREAK.finditer(doc_text(doc))]
        doc.user_data["newsx_paragraph_breaks"] = breaks
    return bisect.bisect_right(breaks, char_offset)
