"""Extractive summaries, key phrases and a structured brief of one parsed article.

A pure module (not a pipeline component): it reads the parsed ``Doc`` and the ``Extraction`` built
from it and chooses whole body sentences, never the title, in article order
(``sentences``: which sentences are story; ``scoring``: how much each deserves a place;
``selection``: the choice against redundancy; ``phrases`` and ``brief``: the rest of the answer).
A summary may continue a chosen sentence with one that points back to it ("It said ...").
The language knowledge is data, in ``data/*.yaml`` (``resources`` reads it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from newsx.service.domain import Extraction, Method, Span, Summary, SummarySentence
from newsx.service.summarize.brief import brief
from newsx.service.summarize.features import story_features
from newsx.service.summarize.learned import SentenceScorer, load_scorer
from newsx.service.summarize.phrases import key_phrases, trim_phrase
from newsx.service.summarize.resources import weights
from newsx.service.summarize.scoring import auto_scores
from newsx.service.summarize.selection import ELLIPSIS, budget, cut, select
from newsx.service.summarize.sentences import BodySentence, body_sentences
from newsx.service.summarize.tokens import TokenTable

__all__ = ["Method", "body_sentences", "summarize", "trim_phrase"]


@dataclass(slots=True)
class _Ranking:
    """Scores of every body sentence, and what selection weighs against redundancy (AUTO only)."""

    scores: np.ndarray
    similarity: np.ndarray | None = None
    title_similarity: np.ndarray | None = None
    in_context: tuple[np.ndarray, np.ndarray] | None = None


def summarize(
    doc: Doc,
    extraction: Extraction,
    *,
    method: Method = Method.AUTO,
    max_sentences: int = 3,
    max_characters: int = 0,
    ratio: float = 0.0,
    scorer: SentenceScorer | None = None,
) -> Summary:
    """Choose whole body sentences (never the title), returned in article order with their scores.

    When not even the best sentence fits ``max_characters``, the summary is that sentence cut at a
    word, with an ellipsis, and ``truncated`` is set. ``scorer`` is AUTO's learned sentence scorer
    (default: the one shipped in ``data/``)."""
    method = Method(method)
    body = body_sentences(doc)
    story = [position for position, item in enumerate(body) if not item.boilerplate]
    tokens = TokenTable(doc)
    lemmas = tokens.content_lemmas()
    limit = budget(len(story), max_sentences, ratio)
    ranking = _rank(doc, extraction, body, story, lemmas, method, scorer)
    scores = ranking.scores
    ranked = sorted(story, key=lambda p: (-scores[p], p))
    texts = [item.text for item in body]
    picked = select(
        ranked, scores, texts, limit, max_characters, ranking.similarity, ranking.title_similarity, ranking.in_context
    )
    scored = [
        SummarySentence(item.index, item.text, item.span, round(float(scores[p]), 4)) for p, item in enumerate(body)
    ]
    chosen = [scored[p] for p in picked]
    truncated = bool(max_characters and ranked and limit and not picked)
    if truncated:
        best = scored[ranked[0]]
        text = cut(best.text, max_characters)
        end = best.span.start + len(text.removesuffix(ELLIPSIS))
        chosen = [SummarySentence(best.index, text, Span(best.span.start, end), best.score)]
    return Summary(
        sentences=chosen,
        scored=scored,
        key_phrases=key_phrases(doc, extraction, [scored[p] for p in story], Counter(filter(None, lemmas)), tokens),
        brief=brief(doc, extraction, scored, chosen),
        method=method,
        truncated=truncated,
    )


def _rank(
    doc: Doc,
    extraction: Extraction,
    body: list[BodySentence],
    story: list[int],
    lemmas: list[str],
    method: Method,
    scorer: SentenceScorer | None,
) -> _Ranking:
    """Every body sentence's score by ``method`` (furniture scores 0)."""
    ranking = _Ranking(np.zeros(len(body)))
    if not story:
        return ranking
    if method is Method.LEAD:
        ranking.scores[story] = 1.0 / (1.0 + np.arange(len(story)))
        return ranking
    features = story_features(doc, extraction, [body[p] for p in story], lemmas)
    if method is Method.CENTRALITY:
        ranking.scores[story] = features.centrality
        return ranking
    table = weights()
    lifted = np.zeros(len(body))
    ranking.scores[story], lifted[story] = auto_scores(features, scorer or load_scorer())
    previous = np.full(len(body), -1)
    previous[story[1:]] = story[:-1]
    ranking.in_context = (lifted, previous)
    ranking.title_similarity = np.zeros(len(body))
    ranking.title_similarity[story] = features.title_overlap
    similarity = np.zeros((len(body), len(body)))
    similarity[np.ix_(story, story)] = features.similarity
    paragraphs = np.array([item.paragraph for item in body])
    same_paragraph = paragraphs[:, None] == paragraphs[None, :]
    ranking.similarity = np.where(same_paragraph, np.maximum(similarity, table.same_paragraph_overlap), similarity)
    return ranking
