"""How much each body sentence deserves a place in the summary.

Sentences are compared by TF-IDF cosine over content lemmas (the small English model has no real
word vectors) and ranked by LexRank centrality; AUTO adds the lead prior of news writing, overlap
with the title and coverage of salient entities. The longer the summary asked for (as a share of
the article), the more AUTO also weighs coverage: TextRank-style centrality over shared words,
which favours the long sentences that carry most facts. Mostly quoted sentences are colour rather
than facts and weigh less. The weights are data: ``data/weights.yaml``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache

import numpy as np
from spacy.attrs import IS_PUNCT, IS_STOP, LEMMA, POS
from spacy.symbols import IDS
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsx.service.domain import Extraction
from newsx.service.extract.document import sentence_index
from newsx.service.summarize.resources import weights, words
from newsx.service.summarize.sentences import BodySentence

_QUOTED = re.compile(r"[\"\u201c][^\"\u201c\u201d]*[\"\u201d]?")


@cache
def _content_pos_ids() -> np.ndarray:
    return np.array([IDS[pos] for pos in words().content_pos], dtype=np.uint64)


def content_lemmas(doc: Doc) -> list[str]:
    """Per token, its lower-case lemma if it carries content (noun, name, verb, adjective, number), else ""."""
    table = doc.to_array([POS, IS_STOP, IS_PUNCT, LEMMA])
    wanted = np.isin(table[:, 0], _content_pos_ids()) & (table[:, 1] == 0) & (table[:, 2] == 0)
    lemmas = [""] * len(doc)
    strings = doc.vocab.strings
    for i in np.flatnonzero(wanted):
        lemmas[i] = strings[int(table[i, 3])].lower()
    return lemmas


def tfidf_matrix(bags: list[list[str]], extra: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """L2-normalised TF-IDF rows for the sentence bags (IDF over these sentences), and for ``extra``."""
    vocabulary: dict[str, int] = {}
    for bag in bags:
        for word in bag:
            vocabulary.setdefault(word, len(vocabulary))
    counts = np.zeros((len(bags), max(len(vocabulary), 1)))
    for row, bag in enumerate(bags):
        for word in bag:
            counts[row, vocabulary[word]] += 1
    document_frequency = (counts > 0).sum(axis=0)
    idf = np.log((1 + len(bags)) / (1 + document_frequency)) + 1
    vectors = np.log1p(counts) * idf
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
    extra_row = np.zeros(vectors.shape[1])
    for word in extra:
        if word in vocabulary:
            extra_row[vocabulary[word]] += 1
    extra_row = np.log1p(extra_row) * idf
    norm = np.linalg.norm(extra_row)
    return vectors, extra_row / norm if norm > 0 else extra_row


def overlap_similarity(vectors: np.ndarray, lengths: list[int]) -> np.ndarray:
    """TextRank's sentence similarity: shared words over the sum of the log lengths (unlike cosine,
    it grows with the length of the sentences, so long, fact-dense sentences become central).
    ``vectors`` are the sentences' TF-IDF rows (only which words they hold counts), ``lengths``
    their numbers of content words."""
    present = (vectors > 0).astype(np.float32)
    logs = np.log(np.maximum(lengths, 1))
    norms = logs[:, None] + logs[None, :]
    shared = present @ present.T
    return np.divide(shared, norms, out=np.zeros_like(shared), where=norms > 0)


def lexrank(similarity: np.ndarray) -> np.ndarray:
    """Stationary distribution of a random walk over the sentence-similarity graph (continuous LexRank)."""
    n = similarity.shape[0]
    if n == 0:
        return np.zeros(0)
    damping = weights().lexrank_damping
    graph = similarity.copy()
    np.fill_diagonal(graph, 0.0)
    row_sums = graph.sum(axis=1, keepdims=True)
    transition = np.where(row_sums > 0, graph / np.where(row_sums > 0, row_sums, 1), 1.0 / n)
    system = np.eye(n) - damping * transition.T
    return np.linalg.solve(system, np.full(n, (1 - damping) / n))


def scaled(values: np.ndarray) -> np.ndarray:
    """Values divided by their maximum (all zeros stay zeros)."""
    top = values.max() if values.size else 0.0
    return values / top if top > 0 else np.zeros_like(values)


def entity_coverage(doc: Doc, extraction: Extraction, body: list[BodySentence]) -> np.ndarray:
    """Per body sentence, the summed salience of the distinct entities it mentions.

    Without extracted entities, the model's named entities stand in, weighted by frequency.
    """
    salience_by_sentence: dict[int, dict[str, float]] = defaultdict(dict)
    if extraction.entities:
        for entity in extraction.entities:
            for mention in entity.mentions:
                salience_by_sentence[mention.sentence_index][entity.id] = entity.salience
    else:
        names = [ent for ent in doc.ents if ent.label_ in words().name_labels]
        frequency = Counter(ent.text.lower() for ent in names)
        top = max(frequency.values(), default=1)
        for ent in names:
            salience_by_sentence[sentence_index(doc, ent.start)][ent.text.lower()] = frequency[ent.text.lower()] / top
    return np.array([sum(salience_by_sentence[item.index].values()) for item in body])


def standalone_factor(sent: SpacySpan) -> float:
    """Lower weight for a sentence whose first word points back to an earlier one ("This meeting
    ...", "They said ...", "However, ..."): it reads badly out of its context."""
    first = next((token for token in sent if not token.is_punct and not token.is_space), None)
    openers = words().dependent_openers
    return weights().dependent_opener_factor if first is not None and first.lower_ in openers else 1.0


def quote_factor(text: str) -> float:
    """Lower weight for a sentence that is mostly a direct quotation ('"It was chaos," she said.').
    Double quotation marks only: a single one is as often an apostrophe."""
    quoted = sum(len(match.group()) for match in _QUOTED.finditer(text))
    table = weights()
    return table.quote_factor if text and quoted / len(text) >= table.quoted_share else 1.0


def position_prior(count: int) -> np.ndarray:
    """The lead of a news story carries its point; the prior decays over the first few sentences."""
    return np.exp(-np.arange(count) / weights().lead_decay)


def auto_scores(
    doc: Doc,
    extraction: Extraction,
    story: list[BodySentence],
    bags: list[list[str]],
    centrality: np.ndarray,
    shared_centrality: np.ndarray,
    title_overlap: np.ndarray,
    share: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Centrality blended with the lead prior, title overlap and entity coverage, scaled to [0, 1];
    and the same scores without the damping of sentences that point back, for when the sentence
    they point back to is in the summary too.

    ``share`` is the summary's share of the story's sentences: a long summary needs coverage more
    than a lead, so ``shared_centrality`` (TextRank's, over shared words) weighs more. Sentences
    that lean on an earlier one, are mostly a quotation or carry few content words are damped.
    """
    table = weights()
    standalone = np.array([standalone_factor(item.tokens) for item in story])
    standalone[0] = 1.0  # the lead has nothing to point back to
    damping = np.array(
        [quote_factor(item.text) * min(1.0, len(bag) / table.short_sentence_words) for item, bag in zip(story, bags)]
    )
    coverage = scaled(entity_coverage(doc, extraction, story))
    weight = table.coverage_weight * share
    centrality = (centrality + weight * shared_centrality) / (1 + weight)
    blend = (
        centrality
        + table.lead_weight * position_prior(len(story))
        + table.title_weight * title_overlap
        + table.entity_weight * coverage
    )
    top = (standalone * damping * blend).max()
    if top <= 0:
        return np.zeros(len(story)), np.zeros(len(story))
    return standalone * damping * blend / top, np.minimum(1.0, damping * blend / top)
