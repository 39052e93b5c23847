"""The learned sentence scorer: a logistic regression over the features of ``features.FEATURES``.

It says how likely an extractive summary is to keep a sentence, from what the sentence is (central,
carrying the words the story repeats, fact-dense, on the title's subject, quoted, leaning on
another) and not from where it stands: the position prior of news writing is weighed apart
(``scoring``). It is trained by ``make train`` (``training/summaries.py``) on the BBC News Summary
development half, whose references are article sentences, and shipped as
``data/sentence_scorer.npz`` with a sidecar JSON (command, data hash, cross-validated scores).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from newsx.service.summarize.features import FEATURES

DEFAULT_SCORER = Path(__file__).resolve().parent / "data" / "sentence_scorer.npz"


@dataclass(frozen=True)
class SentenceScorer:
    """Standardised features times weights plus bias: the log-odds that a summary keeps a sentence."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    def log_odds(self, matrix: np.ndarray) -> np.ndarray:
        return ((matrix - self.mean) / self.scale) @ self.weights + self.bias

    def probability(self, matrix: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.log_odds(matrix)))

    def save(self, path: Path) -> None:
        np.savez(
            path,
            features=np.array(self.features),
            mean=self.mean,
            scale=self.scale,
            weights=self.weights,
            bias=np.array([self.bias]),
        )


@cache
def load_scorer(path: Path = DEFAULT_SCORER) -> SentenceScorer:
    """The scorer saved at ``path``; its features must be the ones this version computes."""
    with np.load(path) as data:
        names = tuple(str(name) for name in data["features"])
        if names != FEATURES:
            raise ValueError(f"{path}: scorer trained on features {names}, this version computes {FEATURES}")
        return SentenceScorer(names, data["mean"], data["scale"], data["weights"], float(data["bias"][0]))


def fit(matrix: np.ndarray, labels: np.ndarray, l2: float = 1.0, steps: int = 50) -> SentenceScorer:
    """Logistic regression by Newton's method on standardised features (L2 on the weights, not the
    bias): deterministic, a few milliseconds for some ten thousand sentences."""
    mean = matrix.mean(axis=0)
    scale = matrix.std(axis=0)
    scale[scale == 0] = 1.0
    design = np.column_stack([(matrix - mean) / scale, np.ones(len(matrix))])
    penalty = l2 * np.eye(design.shape[1])
    penalty[-1, -1] = 0.0
    theta = np.zeros(design.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-design @ theta))
        gradient = design.T @ (p - labels) + penalty @ theta
        hessian = (design * (p * (1 - p))[:, None]).T @ design + penalty
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.abs(step).max() < 1e-9:
            break
    return SentenceScorer(FEATURES, mean, scale, theta[:-1], float(theta[-1]))
