"""The pipeline worker process: loads the spaCy pipeline once, then parses the micro-batches the
front (``service.engine``) sends it and sends back plain domain records."""

from __future__ import annotations

import logging
import signal
import time
from dataclasses import dataclass

from newsx.service import errors
from newsx.service.config import Settings
from newsx.service.domain import ArticleInput, Extraction, Summary

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Analysis:
    """What a worker returns for one article: the extraction, and the summary when asked for."""

    extraction: Extraction
    summary: Summary | None = None


def article_chars(article: ArticleInput) -> int:
    """What an article weighs in a batch: its characters, title included."""
    return len(article.text) + len(article.title)


def worker_main(connection, settings: Settings) -> None:
    """Load the pipeline, then parse batches of what the front sends until told to stop."""
    from newsx.service.observability import configure_logging

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the front decides when workers stop
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    configure_logging(settings.log_level, settings.log_format)
    analyser = BatchAnalyser(settings)
    connection.send(("ready", analyser.model, analyser.nlp.lang))
    stop = False
    while not stop:
        try:
            first = connection.recv()
        except (EOFError, OSError):
            return  # the front is gone
        if first is None:
            return
        batch, stop = _gather(connection, first, settings)
        started = time.perf_counter()
        outcomes = analyser.run(batch)
        connection.send(("batch", outcomes, (time.perf_counter() - started) / len(batch)))


def _gather(connection, first: tuple, settings: Settings) -> tuple[list[tuple], bool]:
    """A batch starting with ``first``; True as well when the front asked the worker to stop.

    A lone article is parsed at once (no added latency at concurrency 1). When others are
    already waiting, the worker gathers for up to ``batch_window_ms``, until ``batch_size``
    articles or ``batch_max_chars`` characters (which bounds a worker's memory).
    """
    batch, chars = [first], article_chars(first[1])
    if not connection.poll(0):
        return batch, False
    window_end = time.monotonic() + settings.batch_window_ms / 1000
    while (
        len(batch) < settings.batch_size
        and chars < settings.batch_max_chars
        and connection.poll(max(0.0, window_end - time.monotonic()))
    ):
        item = connection.recv()
        if item is None:
            return batch, True
        batch.append(item)
        chars += article_chars(item[1])
    return batch, False


class BatchAnalyser:
    """Worker side: one loaded pipeline; a batch of articles in, ``Analysis`` records out."""

    def __init__(self, settings: Settings):
        from newsx.service.pipeline import build_pipeline, freeze_loaded_objects, model_name

        self.nlp = build_pipeline(settings.model)
        self.model = model_name(self.nlp)
        self._chunk_chars = settings.chunk_chars  # longer articles are parsed in parts of this size
        self.nlp.max_length = max(self.nlp.max_length, settings.chunk_chars)
        self.run([(-1, WARM_UP_ARTICLE, {"max_sentences": 3}, time.monotonic() + 60)])
        freeze_loaded_objects()

    def run(self, batch: list[tuple]) -> list[tuple[int, object]]:
        """(job id, Analysis or error) for each article of the batch."""
        from newsx.service.pipeline import parse

        now = time.monotonic()
        live = [item for item in batch if item[3] > now]
        results: list[tuple[int, object]] = [
            (item[0], errors.TimedOut("the deadline passed before analysis")) for item in batch if item[3] <= now
        ]
        if not live:
            return results
        try:
            docs = parse(self.nlp, [item[1] for item in live], chunk_chars=self._chunk_chars)
        except Exception:  # noqa: BLE001 - isolate the article that broke the batch
            if len(live) == 1:
                log.exception("pipeline failed on article id=%r", live[0][1].id)
                return results + [(live[0][0], errors.NewsxError("the article could not be analysed"))]
            return results + [r for item in live for r in self.run([item])]
        results.extend((item[0], self._analysis(doc, item[1], item[2])) for item, doc in zip(live, docs))
        return results

    def _analysis(self, doc, article: ArticleInput, summary_options: dict | None) -> Analysis | Exception:
        from newsx.service import summarize
        from newsx.service.pipeline import to_extraction

        try:
            extraction = to_extraction(doc, article, self.model)
            summary = summarize.summarize(doc, extraction, **summary_options) if summary_options else None
            return Analysis(extraction, summary)
        except Exception:  # noqa: BLE001 - one article's failure is that article's error
            log.exception("post-processing failed on article id=%r", article.id)
            return errors.NewsxError("the article could not be analysed")


WARM_UP_ARTICLE = ArticleInput(
    title="Officials Meet in Geneva",
    text="Officials from France and Germany met in Geneva on Monday to discuss a $2 billion deal. "
    "About 40 people attended the talks, which lasted three hours.",
)
