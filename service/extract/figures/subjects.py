"""What a figure counts or measures, read from the dependency parse, and the ordinals that rank.

``subject``: the surface form as written (plural kept) of the noun the figure counts or measures,
with its compound modifiers ("death toll"): the noun the number modifies, else the object of "of"
after it, else the subject of the verb it completes ("the death toll rose to 45").
An ordinal is a figure only when it ranks something measurable: followed by a ranking word
("third-largest", "5th place") or after a ranking verb ("finished third"); "the first meeting" is none.
An ordinal past 31 names no day of a month and is a rank wherever it stands ("the 125th anniversary"),
except in a name ("42nd Street") or a share ("a hundredth of a second").
"""

from __future__ import annotations

import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsx.service.extract.document import doc_text
from newsx.service.extract.figures.grammar import Grammar
from newsx.service.extract.figures.values import ordinal_words

_LAST_DAY = 31  # an ordinal past it names no day of a month: a rank ("the 125th anniversary")
# Dependency labels through which a number or unit modifies the noun it counts or measures.
MODIFIER_DEPS = frozenset({"nummod", "compound", "amod", "nmod", "quantmod", "npadvmod", "det", "appos", "poss"})


def noun_phrase(token: Token, outside: int = -1) -> str:
    """A noun with the compound modifiers right before it, as written ("death toll"), after ``outside``."""
    start = token.i
    while (
        start - 1 > outside
        and token.doc[start - 1].dep_ == "compound"
        and token.doc[start - 1].head.i in range(start, token.i + 1)
    ):
        start -= 1
    return token.doc[start : token.i + 1].text


def subject_of(span: SpacySpan, grammar: Grammar) -> Token | None:
    """The noun a figure counts or measures, from the dependency parse (None when none is found)."""
    inside = range(span.start, span.end)
    root = span.root
    head = root.head
    if head.i not in inside and root.dep_ in MODIFIER_DEPS and head.pos_ in ("NOUN", "PROPN") and head.is_alpha:
        return head
    for token in span:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i not in inside:
                objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
                if objects:
                    return objects[0]
    if root.dep_ == "pobj" and head.dep_ == "prep":
        governor = head.head
        if head.lower_ == "of" and governor.pos_ == "NOUN" and governor.i not in inside:
            return governor
        head = governor
    elif root.dep_ not in ("dobj", "attr", "npadvmod", "oprd", "nsubj"):
        return None
    measures = grammar.lex.group("measure_verbs")
    if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in measures and root.dep_ != "nsubj":
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
        if subjects:
            return subjects[0]
    return None


def subjects(spans: list[SpacySpan], heads: list[Token | None]) -> list[str]:
    """Each figure's subject as written; a noun inside another figure ("soles" of "250 million soles
    ($67 million)") is no subject: the figure it belongs to lends its own."""
    owners = {i: n for n, span in enumerate(spans) for i in range(span.start, span.end)}
    found = []
    for number, (span, head) in enumerate(zip(spans, heads, strict=True)):
        owner = owners.get(head.i) if head is not None else None
        if owner is not None and owner != number:
            lent = heads[owner]
            head = lent if lent is not None and lent.i not in owners else None
        found.append("" if head is None else noun_phrase(head, span.end - 1 if head.i >= span.end else -1))
    return found


def ranked_ordinals(doc: Doc, times: set[int], names: set[int], grammar: Grammar) -> list[tuple[SpacySpan, float]]:
    """Ordinals that rank something measurable ("third-largest", "5th place", "finished second"), and
    those past any day of a month outside names and shares ("the 125th anniversary", not "42nd
    Street" or "a hundredth of a second")."""
    lex = grammar.lex
    found = []
    for index in _ordinal_tokens(doc, grammar):
        token = doc[index]
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and following.text in ("-", "–") and token.i + 2 < len(doc):
            following = doc[token.i + 2]
        timed = following is not None and following.lower_ in lex.group("timed_ranking_words")
        if token.i in times and not timed:
            continue  # "the 5th of May", "the 21st century"; but "the 94th minute" of a match ranks
        previous = doc[token.i - 1] if token.i > 0 else None
        ranks = (following is not None and following.lower_ in lex.group("ranking_words")) or (
            previous is not None and previous.lower_ in lex.group("ranking_verbs")
        )
        digit = grammar.digit_ordinal.fullmatch(token.lower_)
        span, rank = (
            (doc[token.i : token.i + 1], float(digit.group(1))) if digit else _compound_ordinal(doc, token, grammar)
        )
        share = span.start > 0 and doc[span.start - 1].lower_ in ("a", "an")  # "a hundredth of a second"
        named = token.i in names or (following is not None and following.is_title)  # "42nd Street"
        if ranks or timed or (rank > _LAST_DAY and not named and not share):
            found.append((span, rank))
    return found


def _compound_ordinal(doc: Doc, token: Token, grammar: Grammar) -> tuple[SpacySpan, float]:
    """An ordinal in words with the number words before it ("twenty-first", "one hundred fifth")."""
    lex = grammar.lex
    start = token.i
    while start > 0 and (doc[start - 1].text in ("-", "\u2013") or _number_word(doc[start - 1].lower_, grammar)):
        start -= 1
    while start < token.i and doc[start].text in ("-", "\u2013"):
        start += 1
    if 0 < start < token.i and doc[start - 1].lower_ in ("a", "an") and doc[start].lower_ in lex.scales:
        start -= 1  # "a hundred trillionth"
    for first in range(start, token.i + 1):
        words = [t.lower_ for t in doc[first : token.i + 1] if t.text not in ("-", "\u2013")]
        rank = ordinal_words(words, lex)
        if rank is not None:
            return doc[first : token.i + 1], float(rank)
    return doc[token.i : token.i + 1], float(lex.ordinals[token.lower_])


def _number_word(word: str, grammar: Grammar) -> bool:
    lex = grammar.lex
    return word in lex.small or word in lex.tens or word in lex.scales


def _ordinal_tokens(doc: Doc, grammar: Grammar) -> list[int]:
    """Indices of ordinal words and digit ordinals ("third", "5th"), found with arrays, not a token loop."""
    indices = set(numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), grammar.ordinal_ids)).tolist())
    for match in grammar.digit_ordinal.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end())
        if span is not None and len(span) == 1:
            indices.add(span.start)
    return sorted(indices)


def ordinal_subject(span: SpacySpan) -> str:
    """The noun an ordinal ranks: the first noun up its chain of heads (at most three steps)."""
    token = span.root
    for _ in range(3):
        if token.head.i == token.i:
            return ""
        token = token.head
        if token.pos_ in ("NOUN", "PROPN"):
            return noun_phrase(token)
    return ""
