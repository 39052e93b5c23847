"""The domain service: articles in, extractions and summaries out, through one spaCy pipeline.

Concurrent articles are gathered for a few milliseconds into one ``nlp.pipe`` batch (spaCy is
much faster per article in batches), on one pipeline thread, behind a bounded queue: when the
queue is full the caller is told to come back later instead of memory growing without bound.
Articles whose caller has gone (cancelled, deadline passed) are dropped before they are parsed.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future

from spacy.language import Language
from spacy.tokens import Doc

from service import errors, summarize
from service.config import Settings
from service.domain import ArticleInput, Extraction
from service.extract import document
from service.pipeline import model_name, to_extraction, with_min_confidence

log = logging.getLogger(__name__)

WARM_UP_ARTICLE = ArticleInput(
    title="Officials Meet in Geneva",
    text="Officials from France and Germany met in Geneva on Monday to discuss a $2 billion deal. "
    "About 40 people attended the talks, which lasted three hours.",
)


class _Job:
    """One article waiting for the pipeline, with the means to tell whether anyone still waits."""

    __slots__ = ("article", "future", "is_active", "deadline")

    def __init__(self, article: ArticleInput, is_active: Callable[[], bool], deadline: float):
        self.article = article
        self.future: Future[Doc] = Future()
        self.is_active = is_active
        self.deadline = deadline


class Analyzer:
    """Owns a loaded pipeline and the thread that feeds it batches."""

    def __init__(self, nlp: Language, settings: Settings):
        self.nlp = nlp
        self.model = model_name(nlp)
        self._settings = settings
        # Articles within our own size limit are parsed whole, even past spaCy's default max_length.
        nlp.max_length = max(nlp.max_length, 2 * settings.max_article_chars + len(document.TITLE_SEPARATOR))
        self._queue: queue.Queue[_Job] = queue.Queue(maxsize=settings.max_queued_articles)
        self._seconds_per_article = 0.05  # running estimate, for the retry delay told to callers
        self._thread = threading.Thread(target=self._run, name="newsx-pipeline", daemon=True)

    def start(self) -> None:
        """Parse one article to warm the pipeline up, then start taking work."""
        to_extraction(self.nlp(document.make_doc(self.nlp, WARM_UP_ARTICLE)), WARM_UP_ARTICLE, self.model)
        self._thread.start()

    # -- public domain calls -------------------------------------------------------------------

    def submit(self, article: ArticleInput, *, is_active: Callable[[], bool] = lambda: True, timeout: float) -> Future:
        """Queue an article; the future gives its parsed Doc. Raises Overloaded when the queue is full."""
        job = _Job(article, is_active, time.monotonic() + timeout)
        try:
            self._queue.put_nowait(job)
        except queue.Full:
            retry_after = max(0.1, self._queue.qsize() * self._seconds_per_article)
            raise errors.Overloaded(
                f"the server has {self._queue.qsize()} articles waiting; retry in {retry_after:.1f} s",
                retry_after=retry_after,
                metadata={"max_queued_articles": str(self._settings.max_queued_articles)},
            ) from None
        return job.future

    def wait(self, future: Future, timeout: float) -> Doc:
        """The parsed Doc of a submitted article; on timeout the article is dropped if not yet parsed."""
        try:
            return future.result(timeout=timeout)
        except TimeoutError:
            future.cancel()
            raise errors.TimedOut(f"the article was not analysed within {timeout:.1f} s") from None

    def extract(
        self, article: ArticleInput, *, min_confidence: float = 0.0, is_active=lambda: True, timeout: float
    ) -> Extraction:
        doc = self.wait(self.submit(article, is_active=is_active, timeout=timeout), timeout)
        return self.extraction(doc, article, min_confidence)

    def extraction(self, doc: Doc, article: ArticleInput, min_confidence: float = 0.0) -> Extraction:
        return with_min_confidence(to_extraction(doc, article, self.model), min_confidence)

    def summarize(
        self,
        article: ArticleInput,
        *,
        min_confidence: float = 0.0,
        is_active=lambda: True,
        timeout: float,
        **options,
    ) -> tuple[summarize.Summary, Extraction]:
        """Summary options (method, max_sentences, max_characters, ratio) go to ``summarize.summarize``."""
        doc = self.wait(self.submit(article, is_active=is_active, timeout=timeout), timeout)
        extraction = self.extraction(doc, article, min_confidence)
        return summarize.summarize(doc, extraction, **options), extraction

    # -- the pipeline thread -------------------------------------------------------------------

    def _next_batch(self) -> list[_Job]:
        batch = [self._queue.get()]
        window_end = time.monotonic() + self._settings.batch_window_ms / 1000
        while len(batch) < self._settings.batch_size:
            remaining = window_end - time.monotonic()
            try:
                batch.append(self._queue.get(timeout=remaining) if remaining > 0 else self._queue.get_nowait())
            except queue.Empty:
                break
        return batch

    def _live(self, batch: list[_Job]) -> list[_Job]:
        """Drop jobs nobody waits for any more, telling their futures why."""
        now = time.monotonic()
        live = []
        for job in batch:
            if not job.future.set_running_or_notify_cancel():
                continue
            if not job.is_active():
                job.future.set_exception(errors.Cancelled("the call was cancelled before analysis"))
            elif now >= job.deadline:
                job.future.set_exception(errors.TimedOut("the deadline passed before analysis"))
            else:
                live.append(job)
        return live

    def _parse(self, jobs: list[_Job]) -> None:
        started = time.perf_counter()
        try:
            docs = list(self.nlp.pipe(document.make_doc(self.nlp, job.article) for job in jobs))
        except Exception:  # noqa: BLE001 - isolate the article that broke the batch
            if len(jobs) == 1:
                log.exception("pipeline failed on article id=%r", jobs[0].article.id)
                jobs[0].future.set_exception(errors.NewsxError("the article could not be analysed"))
                return
            for job in jobs:
                self._parse([job])
            return
        elapsed = time.perf_counter() - started
        self._seconds_per_article = 0.8 * self._seconds_per_article + 0.2 * elapsed / len(jobs)
        for job, doc in zip(jobs, docs):
            job.future.set_result(doc)

    def _run(self) -> None:
        while True:
            live = self._live(self._next_batch())
            if live:
                self._parse(live)
