"""Extractive summaries, key phrases and a structured brief of one parsed article.

A pure module (not a pipeline component): it reads the parsed ``Doc`` and the ``Extraction`` built
from it and chooses whole body sentences, never the title, in article order
(``sentences``: which sentences are story; ``scoring``: how much each deserves a place;
``selection``: the choice against redundancy; ``phrases`` and ``brief``: the rest of the answer).
A long summary may continue a chosen sentence with one that points back to it ("It said ...").
The language knowledge is data, in ``data/*.yaml`` (``resources`` reads it).
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from spacy.tokens import Doc

from newsx.service.domain import Extraction, Method, Summary, SummarySentence
from newsx.service.summarize.brief import brief
from newsx.service.summarize.phrases import key_phrases, trim_phrase
from newsx.service.summarize.resources import weights
from newsx.service.summarize.scoring import (
    auto_scores,
    content_lemmas,
    lexrank,
    overlap_similarity,
    scaled,
    tfidf_matrix,
)
from newsx.service.summarize.selection import budget, select
from newsx.service.summarize.sentences import body_sentences, is_boilerplate, paragraph_of

__all__ = ["Method", "body_sentences", "is_boilerplate", "paragraph_of", "summarize", "trim_phrase"]


def summarize(
    doc: Doc,
    extraction: Extraction,
    *,
    method: Method = Method.AUTO,
    max_sentences: int = 3,
    max_characters: int = 0,
    ratio: float = 0.0,
) -> Summary:
    """Choose whole body sentences (never the title), returned in article order with their scores."""
    method = Method(method)
    body = body_sentences(doc)
    story = [position for position, item in enumerate(body) if not item.boilerplate]
    lemmas = content_lemmas(doc)
    scores = np.zeros(len(body))
    similarity = title_similarity = in_context = None
    limit = budget(len(story), max_sentences, ratio)
    if story and method is Method.LEAD:
        scores[story] = 1.0 / (1.0 + np.arange(len(story)))
    elif story:
        bags = [[lemma for lemma in lemmas[body[p].tokens.start : body[p].tokens.end] if lemma] for p in story]
        title_end = doc._.newsx_title_end
        title_tokens = doc.char_span(0, title_end, alignment_mode="expand") if title_end else None
        title_bag = [lemma for lemma in lemmas[: title_tokens.end] if lemma] if title_tokens is not None else []
        vectors, title_vector = tfidf_matrix(bags, title_bag)
        story_similarity = vectors @ vectors.T
        centrality = scaled(lexrank(story_similarity))
        if method is Method.CENTRALITY:
            scores[story] = centrality
        else:
            table = weights()
            title_overlap = vectors @ title_vector
            share = min(1.0, limit / len(story))
            lifted = np.zeros(len(body))
            shared_centrality = scaled(lexrank(overlap_similarity(vectors, [len(bag) for bag in bags])))
            scores[story], lifted[story] = auto_scores(
                doc, extraction, [body[p] for p in story], bags, centrality, shared_centrality, title_overlap, share
            )
            if share >= table.context_min_share:
                previous = np.full(len(body), -1)
                previous[story[1:]] = story[:-1]
                in_context = (lifted, previous)
            title_similarity = np.zeros(len(body))
            title_similarity[story] = title_overlap
            similarity = np.zeros((len(body), len(body)))
            similarity[np.ix_(story, story)] = story_similarity
            paragraphs = np.array([paragraph_of(doc, item.span.start) for item in body])
            same_paragraph = paragraphs[:, None] == paragraphs[None, :]
            similarity = np.where(same_paragraph, np.maximum(similarity, table.same_paragraph_overlap), similarity)
    ranked = sorted(story, key=lambda p: (-scores[p], p))
    picked = select(
        ranked, scores, [item.text for item in body], limit, max_characters, similarity, title_similarity, in_context
    )

    scored = [
        SummarySentence(item.index, item.text, item.span, round(float(scores[p]), 4)) for p, item in enumerate(body)
    ]
    chosen = [scored[p] for p in picked]
    return Summary(
        sentences=chosen,
        scored=scored,
        key_phrases=key_phrases(doc, extraction, [scored[p] for p in story], Counter(filter(None, lemmas))),
        brief=brief(doc, extraction, scored, chosen),
        method=method,
    )
