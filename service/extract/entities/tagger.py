"""A token tagger for names in newswire, trained on CoNLL-2003's training set (``make train``).

spaCy's small model learnt OntoNotes' conventions from other text; Reuters-style news (tables of
results, line-ups, ALL CAPS headlines, "X ( Country ) beat Y") and CoNLL's types (a club or a
national team named after its town or country, a newspaper) it gets wrong or misses. This tagger
reads what the pipeline already computed for every token (the shared tok2vec's contextual vector,
spaCy's own entity label, the word, its shape and neighbours, the line it is on), so it costs a
fraction of a millisecond per article: one softmax over BIO labels of PER, ORG, LOC and MISC per
token, from hashed sparse features plus the vectors of the token and its neighbours.
It writes nothing to the Doc: its spans are evidence for ``candidates.tagged_candidates``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE, LOWER, POS, PREFIX, SHAPE, SUFFIX
from spacy.strings import get_string_id
from spacy.tokens import Doc
from thinc.api import NumpyOps

from newsx.service.extract.entities.learned import softmax
from newsx.service.extract.entities.spans import token_flags

CLASSES = ("PER", "ORG", "LOC", "MISC")
LABELS = ("O", *(f"{prefix}-{name}" for name in CLASSES for prefix in ("B", "I")))
_ATTRS = [LOWER, SHAPE, SUFFIX, PREFIX, ENT_IOB, ENT_TYPE, POS]  # and the word flags of ``token_flags``
_BEFORE, _AFTER = numpy.uint64(1), numpy.uint64(2)  # values of the padding beyond the text's ends
_MIX = numpy.uint64(0xBF58476D1CE4E5B9)
_TEMPLATE = numpy.uint64(0x9E3779B97F4A7C15)
_OPS = NumpyOps()  # spaCy's own single-threaded matrix product: no thread pool to wait on


@dataclass(frozen=True, slots=True)
class PlaceWords:
    """The gazetteer's one-word names by the hash spaCy gives their lower case (sorted), and a code
    for each: its kind of place, and whether it is large enough to be worth recovering."""

    hashes: numpy.ndarray
    codes: numpy.ndarray

    @classmethod
    def build(cls, gazetteer: dict) -> PlaceWords:
        kinds = ("country", "state", "city", "region", "demonym")
        pairs = sorted(
            (get_string_id(key), 1 + kinds.index(place.kind) + 8 * place.recoverable)
            for key, place in gazetteer.items()
            if " " not in key and place.kind in kinds
        )
        hashes = numpy.array([h for h, _ in pairs], dtype=numpy.uint64)
        return cls(hashes, numpy.array([c for _, c in pairs], dtype=numpy.uint64))

    def codes_of(self, lower: numpy.ndarray) -> numpy.ndarray:
        """The code of each lower-case hash (0 for words that name no place)."""
        if not len(self.hashes):
            return numpy.zeros_like(lower)
        where = numpy.minimum(numpy.searchsorted(self.hashes, lower), len(self.hashes) - 1)
        return numpy.where(self.hashes[where] == lower, self.codes[where], numpy.uint64(0))


class TaggedSpan(NamedTuple):
    """Tokens ``start:end`` tagged as a name of ``label`` (PER, ORG, LOC, MISC) with the mean
    probability of its tokens' labels. (A named tuple: hundreds are made per article, and a frozen
    dataclass costs a Python call per field.)"""

    start: int
    end: int
    label: str
    probability: float


def _shift(column: numpy.ndarray, by: int, pad) -> numpy.ndarray:
    """``column`` moved ``by`` rows down (up when negative), the free rows filled with ``pad``."""
    out = numpy.full_like(column, pad)
    if by > 0:
        out[by:] = column[:-by]
    elif by < 0:
        out[:by] = column[-by:]
    else:
        out[:] = column
    return out


def _line_codes(doc: Doc, space: numpy.ndarray, upper: numpy.ndarray, alpha: numpy.ndarray, number: numpy.ndarray):
    """Per token: the kind of its line (ALL CAPS, several numbers: a table) and whether it opens it."""
    newline = numpy.zeros(len(doc), dtype=bool)
    for i in numpy.flatnonzero(space).tolist():
        newline[i] = "\n" in doc[i].text
    line = numpy.cumsum(newline)
    count = int(line[-1]) + 1
    words = numpy.bincount(line, weights=alpha, minlength=count)
    capitals = numpy.bincount(line, weights=upper & alpha, minlength=count)
    numbers = numpy.bincount(line, weights=number, minlength=count)
    kind = 2 * ((capitals >= 0.6 * numpy.maximum(words, 1)) & (words >= 2)) + (numbers >= 2)
    opens = numpy.concatenate([[True], newline[:-1]])
    return kind[line].astype(numpy.uint64), opens.astype(numpy.uint64)


def sparse_features(doc: Doc, bits: int, places: PlaceWords) -> numpy.ndarray:
    """Hashed feature buckets (tokens x templates): words and shapes around each token, spaCy's
    entity label and part of speech there, the line's kind, and what the gazetteer knows of the
    word (so that towns the training text never named still read as places)."""
    lower, shape, suffix, prefix, iob, entity, pos = doc.to_array(_ATTRS).astype(numpy.uint64).T
    space, upper, alpha, number, _title = token_flags(doc).T
    label = iob * numpy.uint64(1000003) + entity
    line, opens = _line_codes(doc, space.astype(bool), upper.astype(bool), alpha.astype(bool), number.astype(bool))
    previous = _shift(lower, 1, _BEFORE)
    place = places.codes_of(lower)
    following = _shift(lower, -1, _AFTER)
    columns = [
        lower,
        previous,
        following,
        _shift(lower, 2, _BEFORE),
        _shift(lower, -2, _AFTER),
        shape,
        _shift(shape, 1, _BEFORE),
        _shift(shape, -1, _AFTER),
        suffix,
        prefix,
        label,
        _shift(label, 1, _BEFORE),
        pos,
        _shift(pos, 1, _BEFORE),
        (line * numpy.uint64(2) + opens) * numpy.uint64(1000033) + shape,
        previous * numpy.uint64(31) + shape,
        place,
        place * numpy.uint64(1000003) + previous,
        place * numpy.uint64(1000033) + following,
    ]
    values = numpy.stack(columns)  # template-major, as ``NameTagger.scores`` gathers them
    templates = (numpy.arange(len(columns), dtype=numpy.uint64) * _TEMPLATE)[:, None]
    with numpy.errstate(over="ignore"):
        return (((values * _MIX) ^ templates) >> numpy.uint64(64 - bits)).astype(numpy.int64).T


def dense_features(doc: Doc) -> numpy.ndarray:
    """The contextual vectors of each token and of its two neighbours, side by side."""
    vectors = numpy.asarray(doc.tensor, dtype=numpy.float32)
    zero = numpy.zeros((1, vectors.shape[1]), dtype=numpy.float32)
    before = numpy.concatenate([zero, vectors[:-1]])
    after = numpy.concatenate([vectors[1:], zero])
    return numpy.concatenate([vectors, before, after], axis=1)


@dataclass(frozen=True, slots=True)
class NameTagger:
    """Weights of the hashed features (2**bits x labels), of the vectors and a bias per label."""

    sparse: numpy.ndarray
    dense: numpy.ndarray
    bias: numpy.ndarray
    bits: int
    # The vector weights as (width x 3 labels), the token's own, its left and its right neighbour's
    # side by side, so that one product scores all three.
    dense_by_position: numpy.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        width = self.dense.shape[0] // 3
        blocks = [self.dense[i * width : (i + 1) * width] for i in range(3)]
        object.__setattr__(self, "dense_by_position", numpy.ascontiguousarray(numpy.hstack(blocks)))

    def usable(self, doc: Doc) -> bool:
        """The pipeline computes the vectors the tagger was trained on (same width)."""
        return len(doc) > 0 and doc.tensor.ndim == 2 and 3 * doc.tensor.shape[1] == self.dense.shape[0]

    def scores(self, doc: Doc, places: PlaceWords) -> numpy.ndarray:
        """Tokens x labels, before the softmax."""
        buckets = sparse_features(doc, self.bits, places)
        # One gather for all templates (template-major), then their rows added in template order.
        rows = numpy.take(self.sparse, buckets.T.ravel(), axis=0).reshape(buckets.shape[1], len(doc), len(LABELS))
        scores = rows[0] + self.bias
        for template_rows in rows[1:]:
            scores += template_rows
        # The vectors of a token and of its neighbours in one product, without building the wide matrix.
        labels = len(self.bias)
        by_position = _OPS.gemm(numpy.asarray(doc.tensor, dtype=numpy.float32), self.dense_by_position)
        scores += by_position[:, :labels]
        scores[1:] += by_position[:-1, labels : 2 * labels]
        scores[:-1] += by_position[1:, 2 * labels :]
        return scores

    def spans(self, doc: Doc, places: PlaceWords) -> list[TaggedSpan]:
        """Names: a run of tokens whose most probable label is a name's, cut where a B- label opens
        another; its class is the one its tokens' B- and I- labels give most probability to."""
        if not self.usable(doc):
            return []
        scores = self.scores(doc, places)
        best = scores.argmax(axis=1)
        named = best != 0
        # B- labels have odd indices, I- labels even ones; a run also opens after a token that is no name.
        opens = named & ((best % 2 == 1) | ~numpy.concatenate([[False], named[:-1]]))
        continued = numpy.concatenate([named[1:] & ~opens[1:], [False]])
        starts, ends = numpy.flatnonzero(opens), numpy.flatnonzero(named & ~continued) + 1
        if not len(starts):
            return []
        rows = numpy.flatnonzero(named)  # only the named tokens need probabilities
        probabilities = softmax(scores[rows])
        by_class = probabilities[:, 1:].reshape(len(rows), len(CLASSES), 2).sum(axis=2)
        totals = numpy.concatenate([numpy.zeros((1, len(CLASSES))), numpy.cumsum(by_class, axis=0)])
        sums = totals[numpy.searchsorted(rows, ends - 1) + 1] - totals[numpy.searchsorted(rows, starts)]
        classes = sums.argmax(axis=1)
        means = sums[numpy.arange(len(starts)), classes] / (ends - starts)
        return [
            TaggedSpan(start, end, CLASSES[label], probability)
            for start, end, label, probability in zip(starts.tolist(), ends.tolist(), classes.tolist(), means.tolist())
        ]

    def save(self, path: Path, sidecar: dict) -> None:
        """Only the buckets with weights are kept (half precision), so the file stays small."""
        used = numpy.flatnonzero(numpy.abs(self.sparse).max(axis=1) > 1e-4)
        numpy.savez_compressed(
            path,
            rows=used.astype(numpy.int32),
            sparse=self.sparse[used].astype(numpy.float16),
            dense=self.dense.astype(numpy.float16),
            bias=self.bias,
            bits=numpy.array(self.bits),
        )
        path.with_suffix(".json").write_text(json.dumps(sidecar, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> NameTagger:
        with numpy.load(path) as data:
            bits = int(data["bits"])
            sparse = numpy.zeros((1 << bits, len(LABELS)), dtype=numpy.float32)
            sparse[data["rows"]] = data["sparse"].astype(numpy.float32)
            return cls(sparse, data["dense"].astype(numpy.float32), data["bias"].astype(numpy.float32), bits)
