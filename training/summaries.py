"""Train the summariser's sentence scorer on the BBC News Summary development half.

``python -m training summaries`` (part of ``make train``): parses the 1,117 articles of
``../shared/public-dev/bbc-news-summary`` with every newsx component, labels each story sentence
by whether the article's extractive reference keeps it, and fits the logistic regression of
``newsx.service.summarize.learned`` (deterministic, CPU). Five folds by article (each category
spread over the folds) measure it: each fold's articles are summarised by AUTO with the scorer
fitted on the other four, at the reference's number of sentences, and scored with ROUGE-2 F.
Writes ``service/summarize/data/sentence_scorer.npz`` and its sidecar JSON (command, data SHA-256,
cross-validated scores, sentence counts).
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from rouge_score import rouge_scorer
from spacy.language import Language
from spacy.tokens import Doc

from evaluation.service import public_dev
from evaluation.summaries import BBC, MODEL, BbcArticle, load_bbc
from newsx.service.domain import ArticleInput, Extraction
from newsx.service.extract import document
from newsx.service.pipeline import build_pipeline, to_extraction
from newsx.service.summarize import body_sentences, summarize
from newsx.service.summarize.features import story_features
from newsx.service.summarize.learned import DEFAULT_SCORER, SentenceScorer, fit
from newsx.service.summarize.tokens import TokenTable

FOLDS = 5
L2 = 1.0
COMMAND = "make train (python -m training summaries)"


@dataclass
class Parsed:
    """One article parsed, with its story sentences' features and labels."""

    article: BbcArticle
    doc: Doc
    extraction: Extraction
    matrix: np.ndarray
    labels: np.ndarray


def parse_all(nlp: Language, articles: list[BbcArticle]) -> Iterator[Parsed]:
    """Every article through the whole pipeline, then its story features and reference labels."""
    inputs = [ArticleInput(text=a.body, title=a.title, id=a.id) for a in articles]
    docs = nlp.pipe(document.make_doc(nlp, source) for source in inputs)
    for article, source, doc in zip(articles, inputs, docs):
        extraction = to_extraction(doc, source, MODEL)
        story = [item for item in body_sentences(doc) if not item.boilerplate]
        features = story_features(doc, extraction, story, TokenTable(doc).content_lemmas())
        labels = np.array([article.chosen(item.text) for item in story], dtype=float)
        yield Parsed(article, doc, extraction, features.matrix, labels)


def folds(parsed: list[Parsed]) -> list[list[int]]:
    """Article folds, each category dealt round-robin over them in id order (deterministic)."""
    order = sorted(range(len(parsed)), key=lambda i: parsed[i].article.id)
    return [order[k::FOLDS] for k in range(FOLDS)]


def train(parsed: Iterable[Parsed]) -> SentenceScorer:
    items = list(parsed)
    return fit(np.concatenate([p.matrix for p in items]), np.concatenate([p.labels for p in items]), L2)


def rouge2(items: list[Parsed], scorer: SentenceScorer) -> float:
    """Mean ROUGE-2 F (stemmed, %) of AUTO with ``scorer`` at each reference's number of sentences."""
    rouge = rouge_scorer.RougeScorer(["rouge2"], use_stemmer=True)
    total = 0.0
    for item in items:
        count = len(item.article.reference_sentences())
        summary = summarize(item.doc, item.extraction, max_sentences=count, scorer=scorer)
        candidate = "\n".join(sentence.text for sentence in summary.sentences)
        total += rouge.score(item.article.reference, candidate)["rouge2"].fmeasure
    return 100 * total / max(len(items), 1)


def cross_validate(parsed: list[Parsed]) -> list[float]:
    """ROUGE-2 F of AUTO on each fold, with the scorer fitted on the other folds."""
    scores = []
    for held in folds(parsed):
        kept = set(held)
        scorer = train(p for i, p in enumerate(parsed) if i not in kept)
        scores.append(rouge2([parsed[i] for i in held], scorer))
    return scores


def data_hash(articles: list[BbcArticle]) -> str:
    digest = hashlib.sha256()
    for article in articles:
        for part in (article.id, article.title, article.body, article.reference):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
    return digest.hexdigest()


def main() -> int:
    folder = public_dev(BBC)
    if folder is None:
        print(f"summaries: {BBC} is absent; the scorer is left as it is")
        return 0
    started = time.perf_counter()
    articles = load_bbc(folder)
    parsed = list(parse_all(build_pipeline(MODEL), articles))
    cv = cross_validate(parsed)
    scorer = train(parsed)
    scorer.save(DEFAULT_SCORER)
    sidecar = {
        "command": COMMAND,
        "data": f"{BBC} development half ({len(articles)} articles)",
        "data_sha256": data_hash(articles),
        "model": MODEL,
        "sentences": int(sum(len(p.labels) for p in parsed)),
        "kept_by_reference": int(sum(p.labels.sum() for p in parsed)),
        "l2": L2,
        "cross_validation": {
            "folds": FOLDS,
            "metric": "AUTO ROUGE-2 F (stemmed, %) at the reference's number of sentences, per fold",
            "scores": [round(score, 2) for score in cv],
            "mean": round(float(np.mean(cv)), 2),
        },
        "features": list(scorer.features),
        "weights": [round(float(w), 4) for w in scorer.weights],
        "seconds": round(time.perf_counter() - started),
    }
    DEFAULT_SCORER.with_suffix(".json").write_text(json.dumps(sidecar, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(sidecar["cross_validation"]), f"-> {DEFAULT_SCORER}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
