"""Which scored sentences make the summary: a budget, then greedy choice against redundancy."""

from __future__ import annotations

import numpy as np

from newsx.service.summarize.resources import weights

ELLIPSIS = "\u2026"


def budget(count: int, max_sentences: int, ratio: float) -> int:
    """How many sentences the summary may take: a share of the ``count`` story sentences, or a number."""
    if ratio > 0:
        return max(1, round(ratio * count))
    return max(max_sentences, 0)


def select(
    ranked: list[int],
    scores: np.ndarray,
    texts: list[str],
    limit: int,
    max_characters: int,
    similarity: np.ndarray | None,
    title_similarity: np.ndarray | None = None,
    in_context: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[int]:
    """Greedy choice in rank order; with ``similarity``, maximal marginal relevance against redundancy.

    Under ``max_characters`` the summary still opens with the best sentence (none when it does not
    fit: the caller cuts it), then takes the best of the rest that fit.

    Once one sentence is chosen, restating the title counts as redundancy too: the summary is read
    under its headline, so later sentences should add what the title does not say. ``in_context``
    is (the score each sentence has when the one before it is chosen, the position of that one).
    """
    table = weights()
    chosen: list[int] = []
    used = 0
    candidates = list(ranked)
    is_chosen = np.zeros(len(scores) + 1, dtype=bool)  # by position; the extra last one stands for "none" (-1)
    while candidates and len(chosen) < limit:
        if similarity is not None and chosen:
            overlap = similarity[np.ix_(candidates, chosen)].max(axis=1)
            covered = overlap if title_similarity is None else np.maximum(overlap, title_similarity[candidates])
            value = scores[candidates]
            if in_context is not None:
                lifted, previous = in_context
                value = np.where(is_chosen[previous[candidates]], lifted[candidates], value)
            value = value - table.mmr_penalty * covered
            order = [
                candidates[i] for i in np.argsort(-value, kind="stable") if overlap[i] <= table.redundant_similarity
            ]
        else:
            order = candidates
        pick = None
        for candidate in order if chosen else order[:1]:  # the summary opens with the best sentence
            cost = len(texts[candidate]) + (1 if chosen else 0)
            if not max_characters or used + cost <= max_characters:
                pick = candidate
                break
        if pick is None:
            break
        chosen.append(pick)
        is_chosen[pick] = True
        used += len(texts[pick]) + (1 if len(chosen) > 1 else 0)
        candidates.remove(pick)
    return sorted(chosen)


def cut(text: str, max_characters: int) -> str:
    """The text's longest opening that ends at a word and, with an ellipsis, fits ``max_characters``
    (a cut word when not even the first word fits)."""
    room = max(max_characters - 1, 0)
    opening = text[:room]
    if room < len(text) and not text[room].isspace() and " " in opening.strip():
        opening = opening[: opening.rstrip().rfind(" ")]
    return opening.rstrip(" ,;:-\u2013\u2014") + ELLIPSIS
