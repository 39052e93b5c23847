"""The gRPC servicer: translates newsx.v1 messages to domain calls and domain errors to statuses."""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Iterator

import grpc

from newsx.service import convert, errors, language, status
from newsx.service.config import Settings
from newsx.service.domain import with_min_confidence
from newsx.service.engine import POLL_SECONDS, Engine
from newsx.v1 import extraction_pb2 as pb
from newsx.v1 import extraction_pb2_grpc

log = logging.getLogger(__name__)

_STREAM_END = object()
_STREAM_DRAINED = object()  # the server is draining: the stream takes no more items


class ExtractionServicer(extraction_pb2_grpc.ExtractionServiceServicer):
    """Serves the contract with the engine it is given (None until the pipelines are loaded).

    It counts the calls it is serving, so that a drain can wait for them: once ``drain`` is
    called, new calls and new stream items are answered UNAVAILABLE (``ShuttingDown``), which
    clients retry on another server.
    """

    def __init__(self, engine: Engine | None, settings: Settings):
        self.engine = engine  # None while the pipelines load
        self._settings = settings
        self._draining = False
        self._calls = 0  # calls being served
        self._idle = threading.Condition()

    @property
    def _engine(self) -> Engine:
        if self._draining:
            raise errors.ShuttingDown()
        if self.engine is None:
            raise errors.NotReady("the pipeline is still loading; retry shortly")
        return self.engine

    @contextlib.contextmanager
    def _serving(self) -> Iterator[None]:
        with self._idle:
            self._calls += 1
        try:
            yield
        finally:
            with self._idle:
                self._calls -= 1
                self._idle.notify_all()

    def drain(self, timeout: float) -> bool:
        """Take no new calls or stream items; True once no call is being served, False when
        ``timeout`` seconds pass first."""
        with self._idle:
            self._draining = True
            return self._idle.wait_for(lambda: self._calls == 0, timeout)

    def _timeout(self, context: grpc.ServicerContext) -> float:
        remaining = context.time_remaining()
        limit = self._settings.max_call_seconds
        return limit if remaining is None else max(0.0, min(remaining, limit))

    def _article(self, engine: Engine, article: pb.Article, field: str = "article"):
        """The validated domain article, refused when it is not in the pipeline's language."""
        parsed = convert.article_from_proto(article, self._settings, field=field)
        language.check(parsed, engine.language, engine.model)
        return parsed

    def _fail(self, context: grpc.ServicerContext, error: Exception):
        if not isinstance(error, errors.NewsxError):
            log.exception("unexpected failure", exc_info=error)
            error = errors.NewsxError("internal error while analysing the article")
        status.abort(context, error)

    def Extract(self, request: pb.ExtractRequest, context: grpc.ServicerContext) -> pb.ExtractResponse:
        with self._serving():
            return self._extract(request, context)

    def Summarize(self, request: pb.SummarizeRequest, context: grpc.ServicerContext) -> pb.SummarizeResponse:
        with self._serving():
            return self._summarize(request, context)

    def _extract(self, request: pb.ExtractRequest, context: grpc.ServicerContext) -> pb.ExtractResponse:
        try:
            engine = self._engine
            article = self._article(engine, request.article)
            minimum = convert.check_min_confidence(request.min_confidence, "min_confidence")
            convert.check_offset_encoding(request.offset_encoding, "offset_encoding")
            analysis = engine.analyse(article, is_active=context.is_active, timeout=self._timeout(context))
            extraction = with_min_confidence(analysis.extraction, minimum)
            return convert.extraction_to_proto(extraction, request.article.text, request.offset_encoding)
        except Exception as error:  # noqa: BLE001 - every failure becomes a status
            self._fail(context, error)

    def _summarize(self, request: pb.SummarizeRequest, context: grpc.ServicerContext) -> pb.SummarizeResponse:
        try:
            engine = self._engine
            article = self._article(engine, request.article)
            minimum = convert.check_min_confidence(request.min_confidence, "min_confidence")
            convert.check_offset_encoding(request.offset_encoding, "offset_encoding")
            options = convert.summary_options(request)
            analysis = engine.analyse(
                article, summary_options=options, is_active=context.is_active, timeout=self._timeout(context)
            )
            extraction = with_min_confidence(analysis.extraction, minimum)
            return convert.summary_to_proto(analysis.summary, extraction, request)
        except Exception as error:  # noqa: BLE001
            self._fail(context, error)

    def StreamExtract(
        self, request_iterator: Iterator[pb.StreamExtractRequest], context: grpc.ServicerContext
    ) -> Iterator[pb.StreamExtractResponse]:
        yield from self._stream(request_iterator, context, pb.StreamExtractResponse, self._finish_extract)

    def StreamSummarize(
        self, request_iterator: Iterator[pb.StreamSummarizeRequest], context: grpc.ServicerContext
    ) -> Iterator[pb.StreamSummarizeResponse]:
        yield from self._stream(request_iterator, context, pb.StreamSummarizeResponse, self._finish_summary)

    @staticmethod
    def _finish_extract(request: pb.ExtractRequest, minimum: float, analysis) -> pb.ExtractResponse:
        extraction = with_min_confidence(analysis.extraction, minimum)
        return convert.extraction_to_proto(extraction, request.article.text, request.offset_encoding)

    @staticmethod
    def _finish_summary(request: pb.SummarizeRequest, minimum: float, analysis) -> pb.SummarizeResponse:
        extraction = with_min_confidence(analysis.extraction, minimum)
        return convert.summary_to_proto(analysis.summary, extraction, request)

    def _stream(self, request_iterator, context: grpc.ServicerContext, answer_type, finish):
        """Items are queued as they arrive (at most ``stream_window`` in flight) and answered in
        order, each with its response or its own error, so one bad item never ends the stream.

        When the server drains, the stream takes no more items: it answers those it has started
        and ends with UNAVAILABLE, so the client reopens it elsewhere from the first unanswered.
        """
        with self._serving():
            yield from self._answer(self._read_in_background(request_iterator, context), context, answer_type, finish)

    def _read_in_background(self, request_iterator, context: grpc.ServicerContext) -> queue.Queue:
        """A thread reads and starts the stream's items; the queue holds them in order, then its end."""
        in_flight: queue.Queue = queue.Queue(maxsize=self._settings.stream_window)

        def put(entry) -> bool:
            """Wait for room in the window while the call lives; False once it is gone."""
            while context.is_active():
                try:
                    in_flight.put(entry, timeout=POLL_SECONDS)
                    return True
                except queue.Full:
                    continue
            return False

        def read() -> None:
            end = _STREAM_END
            try:
                for index, item in enumerate(request_iterator):
                    if index >= self._settings.max_stream_articles:
                        put((index, item, _stream_too_long(self._settings.max_stream_articles)))
                        break
                    started = self._start(item.request, context)
                    if isinstance(started, errors.ShuttingDown):
                        end = _STREAM_DRAINED
                        break
                    if not put((index, item, started)):
                        return  # the caller went away: stop reading, drop the rest
            except Exception as error:  # noqa: BLE001 - the client's side of the stream broke
                log.info("stream reader stopped: %s", error)
            put(end)

        threading.Thread(target=read, name="newsx-stream-reader", daemon=True).start()
        return in_flight

    def _answer(self, in_flight: queue.Queue, context: grpc.ServicerContext, answer_type, finish):
        while True:
            try:
                entry = in_flight.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if self._draining:  # nothing started is left unanswered; the caller may send more
                    entry = _STREAM_DRAINED
                elif context.is_active():
                    continue
                else:
                    return  # the caller went away while the reader waited on it
            if entry is _STREAM_END:
                return
            if entry is _STREAM_DRAINED:
                status.abort(context, errors.ShuttingDown("the server is shutting down; reopen the stream elsewhere"))
            index, item, started = entry
            answer = answer_type(index=index, article_id=item.request.article.id)
            try:
                if isinstance(started, Exception):
                    raise started
                minimum, engine, future = started
                analysis = engine.wait(future, self._timeout(context), context.is_active)
                answer.response.CopyFrom(finish(item.request, minimum, analysis))
            except errors.NewsxError as error:
                answer.error.CopyFrom(status.status_proto(error))
            except Exception:  # noqa: BLE001
                log.exception("unexpected failure in stream item %d", index)
                answer.error.CopyFrom(
                    status.status_proto(errors.NewsxError("internal error while analysing the article"))
                )
            yield answer

    def _start(self, request: pb.ExtractRequest | pb.SummarizeRequest, context: grpc.ServicerContext):
        """Validate and queue one stream item: (minimum confidence, engine, future), or the error
        to answer it with (returned, not raised, to answer in order)."""
        try:
            engine = self._engine
            article = self._article(engine, request.article, field="request.article")
            minimum = convert.check_min_confidence(request.min_confidence, "request.min_confidence")
            convert.check_offset_encoding(request.offset_encoding, "request.offset_encoding")
            options = convert.summary_options(request) if isinstance(request, pb.SummarizeRequest) else None
            future = engine.submit(
                article, summary_options=options, is_active=context.is_active, timeout=self._timeout(context)
            )
            return minimum, engine, future
        except errors.NewsxError as error:
            return error
        except Exception:  # noqa: BLE001 - a bug answers this item, the stream goes on
            log.exception("unexpected failure starting a stream item")
            return errors.NewsxError("internal error while analysing the article")


def _stream_too_long(limit: int) -> errors.InvalidArgument:
    violation = errors.FieldViolation("request", f"more than max_stream_articles ({limit}) in one stream")
    return errors.InvalidArgument("STREAM_TOO_LONG", [violation])
