"""The learned sentence scorer: its fit, and the artifact shipped with its sidecar."""

from __future__ import annotations

import json

import numpy as np
import pytest

from newsx.service.summarize.features import FEATURES, word_frequency
from newsx.service.summarize.learned import DEFAULT_SCORER, fit, load_scorer


def test_summarize_learned_fit_weighs_the_telling_feature():
    """Labels follow the first feature (with one mislabelled row each side, so the fit stays finite):
    its weight is positive and far above the noise features', and the probabilities order by it."""
    rng = np.random.default_rng(0)
    matrix = rng.normal(size=(200, len(FEATURES)))
    labels = (matrix[:, 0] > 0).astype(float)
    labels[np.argmax(matrix[:, 0])] = 0.0
    labels[np.argmin(matrix[:, 0])] = 1.0
    scorer = fit(matrix, labels)
    assert scorer.weights[0] > 1.0
    assert np.abs(scorer.weights[1:]).max() < scorer.weights[0] / 3
    low, high = np.zeros((1, len(FEATURES))), np.zeros((1, len(FEATURES)))
    low[0, 0], high[0, 0] = -1.0, 1.0
    assert scorer.probability(low)[0] < 0.5 < scorer.probability(high)[0]


def test_summarize_learned_artifact_has_its_sidecar():
    scorer = load_scorer()
    assert scorer.features == FEATURES
    assert scorer.weights.shape == (len(FEATURES),)
    sidecar = json.loads(DEFAULT_SCORER.with_suffix(".json").read_text(encoding="utf-8"))
    assert sidecar["command"].startswith("make train")
    assert len(sidecar["data_sha256"]) == 64
    assert sidecar["features"] == list(FEATURES)
    assert np.allclose(sidecar["weights"], scorer.weights, atol=1e-4)
    assert len(sidecar["cross_validation"]["scores"]) == sidecar["cross_validation"]["folds"]


def test_summarize_word_frequency_counts_only_words_the_story_repeats():
    """'bank' and 'rates' occur twice in the story (top frequency 2), every other word once: the
    first two sentences carry (2 + 2) / 2 of repeated words, log(1 + 2); the third carries none.
    Stop words ('the') and case do not count."""
    texts = ["The bank cut rates.", "The Bank said rates fell.", "Traders cheered."]
    assert word_frequency(texts) == pytest.approx([np.log(3), np.log(3), 0.0])
