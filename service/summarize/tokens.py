"""Token attributes of a parsed Doc as plain lists, read once per summary with ``Doc.to_array``.

Key phrases look at every token of the article several times (noun chunks, then trimming them);
a spaCy ``Token`` object per look-up costs more than the looking, so they read these lists.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_IOB,
    HEAD,
    IDX,
    IS_PUNCT,
    IS_SPACE,
    IS_STOP,
    LEMMA,
    LENGTH,
    LIKE_NUM,
    LOWER,
    ORTH,
    POS,
    SPACY,
    TAG,
)
from spacy.strings import get_string_id
from spacy.symbols import IDS
from spacy.tokens import Doc

from newsx.service.summarize.resources import weights, words

_COLUMNS = (POS, TAG, DEP, IS_STOP, IS_PUNCT, IS_SPACE, LIKE_NUM, ORTH, LOWER, SPACY, LEMMA, IDX, LENGTH, HEAD, ENT_IOB)
# spaCy's English noun chunks: a noun or pronoun in one of these relations, with its left dependants.
_CHUNK_RELATIONS = ("oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT")
_ENTITY_IOB = (1, 3)  # inside or beginning an entity


class TokenTable:
    """Per token: what trimming a phrase reads, its lemma, offsets and noun-chunk structure."""

    __slots__ = (
        "cut_after",
        "drop_first",
        "drop_last",
        "veto",
        "head_noun",
        "stop",
        "_strings",
        "_max_tokens",
        "_lemma_ids",
        "_lemmas",
        "start_char",
        "end_char",
        "in_entity",
        "content",
        "_nominal",
        "_relation",
        "_head",
        "_left_edge",
        "_loose",
        "_text_end",
    )

    def __init__(self, doc: Doc) -> None:
        table = doc.to_array(list(_COLUMNS))
        pos, tag, dep, stop, punct, space, number, orth, lower, spacy, lemma, idx, length, head, iob = table.T
        stop, punct, space, number, spaced = (column.astype(bool) for column in (stop, punct, space, number, spacy))
        ids = _string_ids()
        classes = _pos_classes()[pos]  # one row of part-of-speech classes per token
        hyphen_before = np.zeros(len(pos), dtype=bool)
        hyphen_before[1:] = _among(orth[:-1], ids.hyphens) & ~spaced[:-1]
        # A phrase starts after a possessive ("Iran's missile strikes") or a spaced dash ("GENEVA - Talks").
        self.cut_after = ((tag == ids.possessive) | (dep == ids.case) | (punct & spaced)).tolist()
        self.drop_first = (
            stop
            | classes[:, _OPENER]
            | number
            | (orth == ids.percent)
            | _among(lower, ids.vague)
            | hyphen_before  # the rest of a dropped number: "48-hour" leaves no "hour"
        ).tolist()
        self.drop_last = (punct | space | number).tolist()
        self.veto = (classes[:, _VETO] | space | number).tolist()
        self.head_noun = (classes[:, _NOUN] & ~stop).tolist()
        self.content = (classes[:, _CONTENT] & ~stop & ~punct).tolist()
        self.stop = stop.tolist()
        self._strings = doc.vocab.strings
        self._max_tokens = weights().max_phrase_tokens
        self._lemma_ids = lemma.tolist()
        self._lemmas: dict[int, str] = {}
        starts = idx.astype(np.int64)
        self.start_char = starts.tolist()
        self.end_char = (starts + length.astype(np.int64)).tolist()
        self._text_end = self.end_char[-1] + int(spaced[-1]) if len(pos) else 0
        self.in_entity = _among(iob, _ENTITY_IOB).tolist()
        self._nominal = classes[:, _NOMINAL].tolist()
        relation = np.where(_among(dep, ids.chunk_relations), 1, 0)
        self._relation = np.where(dep == ids.conj, -1, relation).tolist()
        heads = np.arange(len(pos)) + head.astype(np.int64)  # HEAD is stored relative to the token
        self._head = heads.tolist()
        self._left_edge = _left_edges(heads).tolist()
        children = np.bincount(heads[heads != np.arange(len(heads))], minlength=len(heads))
        self._loose = ((punct | space) & (children == 0)).tolist()

    def expand(self, start_char: int, end_char: int) -> tuple[int, int] | None:
        """Token bounds of the characters ``start_char:end_char``, as ``Doc.char_span(...,
        alignment_mode="expand")`` finds them (None where it finds none), without making a Span."""
        if not 0 <= start_char < self._text_end or not 0 <= end_char - 1 < self._text_end:
            return None
        start = bisect.bisect_right(self.start_char, start_char) - 1
        end = bisect.bisect_right(self.start_char, end_char - 1)
        if start_char == self.end_char[start]:  # the trailing space belongs to no span
            start += 1
        return start, end

    def lemmas(self, start: int, end: int) -> list[str]:
        """The lower-case lemmas of the tokens ``start:end``."""
        return [self._lemma(value) for value in self._lemma_ids[start:end]]

    def content_lemmas(self) -> list[str]:
        """Per token, its lower-case lemma if it carries content (``words.content_pos``, not a stop
        word or punctuation), else ""."""
        found = []
        known, strings = self._lemmas, self._strings
        for value, content in zip(self._lemma_ids, self.content):
            lemma = known.get(value, "") if content else ""
            if content and not lemma:
                lemma = known[value] = strings[value].lower()
            found.append(lemma)
        return found

    def _lemma(self, value: int) -> str:
        """A lemma's lower-case text, each distinct one looked up once."""
        lemma = self._lemmas.get(value)
        if lemma is None:
            lemma = self._lemmas[value] = self._strings[value].lower()
        return lemma

    def noun_chunks(self) -> Iterator[tuple[int, int]]:
        """Token bounds of the Doc's noun chunks, as spaCy's English ``Doc.noun_chunks`` finds them."""
        previous_end = -1
        for i, nominal in enumerate(self._nominal):
            if not nominal or self._left_edge[i] <= previous_end:
                continue  # no nested chunks
            relation = self._relation[i]
            if relation < 0:  # coordinated: a chunk when what it is coordinated to is one
                head = self._head[i]
                while self._relation[head] < 0 and self._head[head] < head:
                    head = self._head[head]
                relation = max(self._relation[head], 0)
            if relation:
                previous_end = i
                yield self._left_edge[i], i + 1

    def root(self, start: int, end: int) -> int:
        """The syntactic root of the tokens ``start:end``, as spaCy's ``Span.root`` finds it: a
        sentence root inside, else the token heading out of the span that is closest to the root."""
        heads = self._head
        outside = []
        for i in range(start, end):
            if heads[i] == i:
                return i
            if not start <= heads[i] < end:
                outside.append(i)
        return min(outside, key=self._depth, default=start)

    def _depth(self, i: int) -> int:
        """Steps from the token up to its sentence root; a punctuation or space leaf counts as far."""
        if self._loose[i]:
            return len(self._head) - 1
        depth = 0
        while self._head[i] != i and depth < len(self._head):
            i = self._head[i]
            depth += 1
        return depth

    def trim(self, start: int, end: int) -> tuple[int, int] | None:
        """The bounds of the tokens ``start:end`` without possessor, determiners, numbers and vague
        openers (see ``phrases.trim_phrase``), or None when no phrase is left."""
        first = start
        for i in range(start, end):
            if self.cut_after[i]:
                first = i + 1
        while first < end and self.drop_first[first]:
            first += 1
        last = end
        while last > first and self.drop_last[last - 1]:
            last -= 1
        if first == last or last - first > self._max_tokens:
            return None
        if any(self.veto[first:last]) or not any(self.head_noun[first:last]):
            return None
        return first, last


@dataclass(frozen=True)
class _StringIds:
    """The string ids ``Doc.to_array`` gives the words and labels the table compares with."""

    hyphens: tuple[int, ...]
    possessive: int
    case: int
    percent: int
    conj: int
    vague: tuple[int, ...]
    chunk_relations: tuple[int, ...]


@cache
def _string_ids() -> _StringIds:
    return _StringIds(
        hyphens=(get_string_id("-"), get_string_id("\u2013")),
        possessive=get_string_id("POS"),
        case=get_string_id("case"),
        percent=get_string_id("%"),
        conj=get_string_id("conj"),
        vague=tuple(get_string_id(word) for word in sorted(words().vague_modifiers)),
        chunk_relations=tuple(get_string_id(label) for label in _CHUNK_RELATIONS),
    )


# Columns of ``_pos_classes``: parts of speech a phrase does not open with, that veto it, that
# head it, that carry content, that head a noun chunk.
_OPENER, _VETO, _NOUN, _CONTENT, _NOMINAL = range(5)


@cache
def _pos_classes() -> np.ndarray:
    """Per part-of-speech id (a row), whether it is in each class (a column)."""
    classes = [
        ("DET", "PRON", "NUM", "PUNCT", "ADV", "PART", "SYM"),
        ("PRON", "DET"),
        ("NOUN", "PROPN"),
        tuple(words().content_pos),
        ("NOUN", "PROPN", "PRON"),
    ]
    table = np.zeros((max(IDS.values()) + 1, len(classes)), dtype=bool)
    for column, names in enumerate(classes):
        table[[IDS[name] for name in names], column] = True
    return table


def _among(column: np.ndarray, values: list[int] | tuple[int, ...]) -> np.ndarray:
    """Which entries of ``column`` are one of the few ``values`` (np.isin's set-up costs more)."""
    found = np.zeros(len(column), dtype=bool)
    for value in values:
        found |= column == value
    return found


def _left_edges(heads: np.ndarray) -> np.ndarray:
    """Per token, the first token of its subtree: each token's index carried up to its heads."""
    edges = np.arange(len(heads))
    while True:
        carried = edges.copy()
        np.minimum.at(carried, heads, edges)
        if np.array_equal(carried, edges):
            return edges
        edges = carried
