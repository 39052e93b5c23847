"""A small learned type classifier for referents, trained on CoNLL-2003's training set.

The vote of ``typing.resolve_type`` weighs hand-set evidence; newswire conventions it cannot see
(a town's name in a results table is its club, a surname after "b" in a cricket scorecard is a
bowler) are learnt from annotated news instead. One softmax regression over hashed string features
of a referent (its votes, the model's labels, its words, the words around its mentions, the layout
of their lines) gives the probability of PER, ORG, LOC, MISC and O (not a name); the extractor takes
its answer when it is confident. ``training/entities.py`` fits it (``make train``).
"""

from __future__ import annotations

import itertools
import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy

LABELS = ("PER", "ORG", "LOC", "MISC", "O")
DIMENSION = 1 << 16  # hashed feature buckets
MAX_MENTIONS = 6  # mentions whose context is read (the first ones)


def softmax(scores: numpy.ndarray) -> numpy.ndarray:
    """Rows of scores as probabilities."""
    exponents = numpy.exp(scores - scores.max(axis=1, keepdims=True))
    return exponents / exponents.sum(axis=1, keepdims=True)


def bucket(feature: str) -> int:
    """A stable bucket for a feature (Python's own ``hash`` of strings changes between runs)."""
    return zlib.crc32(feature.encode("utf-8")) & (DIMENSION - 1)


class _BucketCache(dict):
    """Buckets of the features seen lately: looked up by ``map`` without a Python call per
    feature; emptied when it holds ``CACHED_FEATURES``, so a server's memory stays bounded."""

    def __missing__(self, feature: str) -> int:
        if len(self) >= CACHED_FEATURES:
            self.clear()
        value = self[feature] = bucket(feature)
        return value


CACHED_FEATURES = 1 << 16
_BUCKETS = _BucketCache()


def buckets(features: Sequence[str]) -> numpy.ndarray:
    return numpy.fromiter(map(_BUCKETS.__getitem__, features), dtype=numpy.int64, count=len(features))


@dataclass(frozen=True, slots=True)
class TypeModel:
    """Weights (DIMENSION x labels) and a bias per label."""

    weights: numpy.ndarray
    bias: numpy.ndarray

    def probabilities_of_many(self, features: list[list[str]]) -> numpy.ndarray:
        """Referents x labels, for the features of several referents: their buckets looked up in
        one pass (a NumPy call per referent costs more than the look-ups)."""
        if not features:
            return numpy.zeros((0, len(LABELS)))
        sizes = [len(row) for row in features]
        flat = buckets(list(itertools.chain.from_iterable(features)))
        starts = numpy.cumsum([0] + sizes[:-1])
        scores = numpy.add.reduceat(self.weights[flat].astype(numpy.float64), starts, axis=0)
        return softmax(scores + self.bias)

    def probabilities_of(self, row: numpy.ndarray) -> numpy.ndarray:
        return softmax((self.weights[row].sum(axis=0, dtype=numpy.float64) + self.bias)[None])[0]

    def save(self, path: Path, sidecar: dict) -> None:
        numpy.savez_compressed(path, weights=self.weights.astype(numpy.float16), bias=self.bias)
        path.with_suffix(".json").write_text(json.dumps(sidecar, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> TypeModel:
        with numpy.load(path) as data:
            return cls(data["weights"].astype(numpy.float32), data["bias"].astype(numpy.float64))


def fit(rows: list[numpy.ndarray], labels: list[int], epochs: int, rate: float, l2: float, seed: int) -> TypeModel:
    """Softmax regression by AdaGrad over the rows (bucket arrays), in a seeded order."""
    weights = numpy.zeros((DIMENSION, len(LABELS)), dtype=numpy.float64)
    bias = numpy.zeros(len(LABELS))
    squared = numpy.full_like(weights, 1e-8)
    bias_squared = numpy.full_like(bias, 1e-8)
    order = numpy.arange(len(rows))
    generator = numpy.random.default_rng(seed)
    for _ in range(epochs):
        generator.shuffle(order)
        for index in order.tolist():
            row, label = rows[index], labels[index]
            gradient = softmax((weights[row].sum(axis=0) + bias)[None])[0]
            gradient[label] -= 1.0
            row_gradient = gradient[None, :] + l2 * weights[row]
            numpy.add.at(squared, row, row_gradient**2)
            numpy.subtract.at(weights, row, rate * row_gradient / numpy.sqrt(squared[row]))
            bias_squared += gradient**2
            bias -= rate * gradient / numpy.sqrt(bias_squared)
    return TypeModel(weights.astype(numpy.float32), bias)
