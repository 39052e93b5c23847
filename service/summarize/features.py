"""What the summariser knows about each story sentence: the features its scorer weighs.

Sentences are compared by TF-IDF over content lemmas (the small English model has no real word
vectors). Two centralities rank them in the sentence graph (LexRank's random walk): over cosine
similarity, and over shared words as TextRank measures them, which favours the long sentences that
carry most facts. Beside them: how many of the story's frequent words a sentence carries (Luhn's and SumBasic's
signal), overlap with the title, coverage of salient entities, length, and two marks of a sentence that reads badly alone (mostly a quotation; an opener that points back).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsx.service.domain import Extraction
from newsx.service.extract.document import sentence_index
from newsx.service.summarize.resources import weights, words
from newsx.service.summarize.sentences import BodySentence

_QUOTED = re.compile(r"[\"\u201c][^\"\u201c\u201d]*[\"\u201d]?")
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:['-][A-Za-z0-9]+)*")  # the same on ASCII text, three times faster


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


def word_frequency(texts: list[str]) -> np.ndarray:
    """Per sentence, how much of what the story keeps saying it carries (Luhn's signal): the log of
    one plus the summed story frequency of its words that occur more than once (stop words left
    out), as a share of the most frequent word's. Surface words, not lemmas: "bn" in "$10.9bn" and
    a number's digits count as said."""
    bags = [[word for word in map(str.lower, _words(text)) if word not in STOP_WORDS] for text in texts]
    frequency = Counter(word for bag in bags for word in bag)
    top = max(frequency.values(), default=1)
    return np.log1p([sum(frequency[word] for word in bag if frequency[word] > 1) / top for bag in bags])


def _words(text: str) -> list[str]:
    return (_ASCII_WORD if text.isascii() else _WORD).findall(text)


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


def points_back(sent: SpacySpan) -> bool:
    """Whether the sentence's first word points back to an earlier one ("This meeting ...", "They
    said ...", "However, ..."): it reads badly out of its context."""
    first = next((token for token in sent if not token.is_punct and not token.is_space), None)
    return first is not None and first.lower_ in words().dependent_openers


def mostly_quoted(text: str) -> bool:
    """Whether the sentence is mostly a direct quotation ('"It was chaos," she said.'): colour
    rather than facts. Double quotation marks only: a single one is as often an apostrophe."""
    quoted = sum(len(match.group()) for match in _QUOTED.finditer(text))
    return bool(text) and quoted / len(text) >= weights().quoted_share


# The columns of ``StoryFeatures.matrix``, in order (the learned scorer's artifact names them too).
FEATURES = (
    "centrality",
    "shared_centrality",
    "title_overlap",
    "entity_coverage",
    "log_length",
    "quoted",
    "dependent_opener",
    "word_frequency",
)


@dataclass(slots=True)
class StoryFeatures:
    """Per story sentence, the features (``matrix``, columns ``FEATURES``) and what selection reuses."""

    matrix: np.ndarray
    similarity: np.ndarray  # TF-IDF cosine between story sentences
    title_overlap: np.ndarray  # TF-IDF cosine of each with the title
    centrality: np.ndarray  # LexRank over cosine, scaled to [0, 1]
    content_words: np.ndarray  # number of content lemmas
    paragraph_alone: np.ndarray  # the sentence is a paragraph of its own (wire style)


def story_features(doc: Doc, extraction: Extraction, story: list[BodySentence], lemmas: list[str]) -> StoryFeatures:
    """The features of the story sentences of a parsed article (``lemmas`` from ``TokenTable.content_lemmas``)."""
    bags = [[lemma for lemma in lemmas[item.tokens.start : item.tokens.end] if lemma] for item in story]
    title_end = doc._.newsx_title_end
    title_tokens = doc.char_span(0, title_end, alignment_mode="expand") if title_end else None
    title_bag = [lemma for lemma in lemmas[: title_tokens.end] if lemma] if title_tokens is not None else []
    vectors, title_vector = tfidf_matrix(bags, title_bag)
    similarity = vectors @ vectors.T
    lengths = [len(bag) for bag in bags]
    centrality = scaled(lexrank(similarity))
    title_overlap = vectors @ title_vector
    matrix = np.column_stack(
        [
            centrality,
            scaled(lexrank(overlap_similarity(vectors, lengths))),
            title_overlap,
            scaled(entity_coverage(doc, extraction, story)),
            np.log1p(lengths),
            [mostly_quoted(item.text) for item in story],
            [points_back(item.tokens) for item in story],
            word_frequency([item.text for item in story]),
        ]
    ).astype(float)
    if len(matrix):
        matrix[0, FEATURES.index("dependent_opener")] = 0.0  # the lead has nothing to point back to
    sizes = Counter(item.paragraph for item in story)
    alone = np.array([sizes[item.paragraph] == 1 for item in story], dtype=bool)
    return StoryFeatures(matrix, similarity, title_overlap, centrality, np.array(lengths), alone)
