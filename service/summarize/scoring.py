"""How much each story sentence deserves a place in an AUTO summary.

What a sentence says is scored by the learned sentence scorer (``learned``): how likely the
extractive references of BBC News Summary are to keep it, which is mostly how central it is.
Human-written summaries (our corpora) agree on centrality but also want the lead, the title's
subject and the longer, fact-carrying sentences, and they avoid quotations and sentences that lean
on an earlier one: those preferences are added with weights measured on our corpora, so that one
method serves short summaries (the lead's gist) and long ones (the story's coverage). The weights
are data (``data/weights.yaml``).
"""

from __future__ import annotations

import numpy as np

from newsx.service.summarize.features import FEATURES, StoryFeatures
from newsx.service.summarize.learned import SentenceScorer
from newsx.service.summarize.resources import weights


def position_prior(count: int) -> np.ndarray:
    """The lead of a news story carries its point; the prior decays over the first few sentences."""
    return np.exp(-np.arange(count) / weights().lead_decay)


def floored_by_paragraph(learned: np.ndarray, prior: np.ndarray, alone: np.ndarray) -> np.ndarray:
    """The learned score, but for a paragraph of one sentence at least a share of its position prior.

    Wire copy gives each fact its own paragraph, most important first: the second paragraph says
    who scored or how many died, particulars the story seldom repeats, so the learned scorer (which
    reads centrality as repetition) rates it as low as a late aside. A sentence that shares its
    paragraph (feature writing) gets no floor: there the paragraph's order is the writer's, not the
    facts' (a scene before the news)."""
    return np.where(alone, np.maximum(learned, weights().lead_paragraph_floor * prior), learned)


def auto_scores(features: StoryFeatures, scorer: SentenceScorer) -> tuple[np.ndarray, np.ndarray]:
    """Per story sentence, the learned score plus the lead prior and the human preferences, scaled
    to [0, 1]; and the same without the damping of a sentence that points back, for when the
    sentence it points back to is in the summary too.

    Sentences that lean on an earlier one, are mostly a quotation or carry few content words read
    badly alone and are damped. Read after the sentence it points back to, a paragraph of its own
    that opens "She chose ..." or "His assistant ..." continues the story's thread (the lead's
    who, by pronoun) and gains its position prior again: in wire copy it is the lead's next fact,
    not an aside. The gain is damped like the rest of its score: a quote or a thin "He declined to
    comment." continues the thread but carries no fact."""
    table = weights()
    matrix = features.matrix
    learned = scorer.probability(matrix)
    words = features.content_words.astype(float)
    prior = position_prior(len(learned))
    blend = (
        floored_by_paragraph(learned / learned.max(), prior, features.paragraph_alone)
        + table.title_weight * features.title_overlap
        + table.length_weight * words / max(words.max(), 1.0)
        + table.centrality_weight * features.centrality
        + table.lead_weight * prior
    )
    points_back = matrix[:, FEATURES.index("dependent_opener")] > 0
    standalone = np.where(points_back, table.dependent_opener_factor, 1.0)
    damping = np.where(matrix[:, FEATURES.index("quoted")] > 0, table.quote_factor, 1.0)
    damping *= np.minimum(1.0, words / table.short_sentence_words)
    top = (standalone * damping * blend).max() if blend.size else 0.0
    if top <= 0:
        return np.zeros(len(blend)), np.zeros(len(blend))
    continuation = np.where(points_back & features.paragraph_alone, table.lead_continuation_weight * prior, 0.0)
    return standalone * damping * blend / top, np.minimum(1.0, damping * (blend + continuation) / top)
