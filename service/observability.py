"""Metrics (Prometheus), structured JSON logs and the interceptor that feeds both.

Every newsx.v1 call is counted by method and status code, timed, and logged once as a JSON line
with a request id (the caller's ``x-request-id`` metadata, else a new one). Article text is never
logged unless ``log_article_text`` is set.

The books balance: each call and each article (a unary call's one, every item of a stream) is
counted when it comes in (``newsx_calls_received_total``, ``newsx_articles_received_total``) and
again by outcome when it is answered (``newsx_calls_total``, ``newsx_articles_total``, by code);
when no call is in flight, what came in equals what went out. Calls gRPC itself refuses before
any handler runs (past ``max_concurrent_calls``) are not seen here.
"""

from __future__ import annotations

import atexit
import contextvars
import json
import logging
import logging.handlers
import os
import queue
import sys
import threading
import time
import uuid

import grpc
from google.rpc import code_pb2
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
_SIZE_BUCKETS = (500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 200_000)

log = logging.getLogger("newsx.access")

LOG_QUEUE_LINES = 10_000  # log lines held while the sink is slow; past it lines are dropped and counted


class DroppingQueueHandler(logging.handlers.QueueHandler):
    """Hands records to a background writer; never blocks: when the queue is full the line is
    dropped and counted, so a stalled stderr reader cannot stall a call."""

    dropped = 0  # lines lost since start, exported as newsx_log_lines_dropped_total

    def enqueue(self, record: logging.LogRecord) -> None:
        try:
            self.queue.put_nowait(record)
        except queue.Full:
            DroppingQueueHandler.dropped += 1


_listener: logging.handlers.QueueListener | None = None


class _DroppedLines(Collector):
    def collect(self):
        yield CounterMetricFamily(
            "newsx_log_lines_dropped", "Log lines dropped because the log sink was slow", DroppingQueueHandler.dropped
        )


class Metrics:
    """The service's metrics, on a registry of their own (several servers may share a process)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.calls_received = Counter(
            "newsx_calls_received", "Calls received by RPC method", ("method",), registry=self.registry
        )
        self.calls = Counter(
            "newsx_calls",
            "Calls answered by RPC method and gRPC status code",
            ("method", "code"),
            registry=self.registry,
        )
        self.articles_received = Counter(
            "newsx_articles_received",
            "Articles received by RPC method (each item of a stream counted)",
            ("method",),
            registry=self.registry,
        )
        self.latency = Histogram(
            "newsx_call_seconds",
            "Call latency by RPC method",
            ("method",),
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.in_flight = Gauge("newsx_calls_in_flight", "Calls being served", ("method",), registry=self.registry)
        self.batch_size = Histogram(
            "newsx_batch_articles",
            "Articles per pipeline batch",
            buckets=(1, 2, 4, 8, 16, 32, 64),
            registry=self.registry,
        )
        self.articles = Counter(
            "newsx_articles",
            "Articles answered by RPC method and outcome code (each item of a stream counted)",
            ("method", "code"),
            registry=self.registry,
        )
        self.registry.register(_DroppedLines())
        self.article_chars = Histogram(
            "newsx_article_chars",
            "Size of analysed articles in characters",
            buckets=_SIZE_BUCKETS,
            registry=self.registry,
        )

    def serve(self, address: str) -> int:
        """Expose ``/metrics`` over HTTP at host:port (port 0 picks one); returns the port."""
        host, port = address.rsplit(":", 1)
        server, _ = start_http_server(int(port), addr=host.strip("[]") or "0.0.0.0", registry=self.registry)
        return server.server_port


class EngineCollector(Collector):
    """The pipeline pool's state, read when scraped: queue depth, worker restarts, worker RSS."""

    def __init__(self, engine) -> None:
        self._engine = engine

    def collect(self):
        yield GaugeMetricFamily(
            "newsx_queued_articles", "Articles waiting for a pipeline worker", self._engine.queue_depth()
        )
        yield CounterMetricFamily(
            "newsx_worker_restarts", "Pipeline workers replaced after dying", self._engine.restarts
        )
        rss = GaugeMetricFamily("newsx_worker_rss_bytes", "Resident memory of each pipeline worker", labels=("worker",))
        for index, pid in enumerate(self._engine.worker_pids()):
            rss.add_metric((str(index),), _rss_bytes(pid))
        yield rss


def _rss_bytes(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return float(int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE"))
    except (OSError, ValueError, IndexError):
        return 0.0


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id and any extra fields."""

    _STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "process": record.process,
            "message": record.getMessage(),
        }
        if request_id.get():
            entry["request_id"] = request_id.get()
        entry.update({k: v for k, v in vars(record).items() if k not in self._STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _article_chars(request) -> int:
    article = getattr(request, "article", None) or getattr(getattr(request, "request", None), "article", None)
    return len(article.text) + len(article.html) if article is not None else 0


class ObservabilityInterceptor(grpc.ServerInterceptor):
    """Counts, times and logs every call of the newsx.v1 service."""

    def __init__(self, metrics: Metrics, *, log_article_text: bool = False):
        self._metrics = metrics
        self._log_text = log_article_text

    def intercept_service(self, continuation, handler_call_details):
        handler = continuation(handler_call_details)
        if handler is None or not handler_call_details.method.startswith("/newsx.v1."):
            return handler
        method = handler_call_details.method.rsplit("/", 1)[-1]
        metadata = dict(handler_call_details.invocation_metadata or ())
        call_id = metadata.get("x-request-id") or uuid.uuid4().hex
        if handler.unary_unary:
            return grpc.unary_unary_rpc_method_handler(
                self._unary(handler.unary_unary, method, call_id),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.stream_stream:
            return grpc.stream_stream_rpc_method_handler(
                self._stream(handler.stream_stream, method, call_id),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        return handler

    def _observe(self, method: str, article_request) -> int:
        self._metrics.articles_received.labels(method).inc()
        chars = _article_chars(article_request)
        self._metrics.article_chars.observe(chars)
        return chars

    def _finish(self, method: str, context, started: float, extra: dict, completed: bool) -> str:
        code_name = _outcome(context, completed)
        elapsed = time.perf_counter() - started
        self._metrics.calls.labels(method, code_name).inc()
        self._metrics.latency.labels(method).observe(elapsed)
        self._metrics.in_flight.labels(method).dec()
        log.info("call", extra={"method": method, "code": code_name, "ms": round(1000 * elapsed, 1), **extra})
        return code_name

    def _unary(self, behaviour, method: str, call_id: str):
        def wrapped(request, context):
            request_id.set(call_id)
            self._metrics.calls_received.labels(method).inc()
            self._metrics.in_flight.labels(method).inc()
            started = time.perf_counter()
            extra = {"article_chars": self._observe(method, request)}
            if self._log_text:
                extra["article_text"] = request.article.text
            completed = False
            try:
                response = behaviour(request, context)
                completed = True
                return response
            finally:
                self._metrics.articles.labels(method, self._finish(method, context, started, extra, completed)).inc()

        return wrapped

    def _stream(self, behaviour, method: str, call_id: str):
        def wrapped(request_iterator, context):
            request_id.set(call_id)
            self._metrics.calls_received.labels(method).inc()
            self._metrics.in_flight.labels(method).inc()
            started = time.perf_counter()
            books = _StreamBooks()

            def observed():
                for item in request_iterator:
                    if not books.take():
                        return  # the call has ended: the item was never taken in
                    self._observe(method, item)
                    yield item

            complete = False
            try:
                for response in behaviour(observed(), context):
                    code = code_pb2.Code.Name(response.error.code if response.HasField("error") else 0)
                    yield response
                    # resumed: gRPC has sent the answer (a failed send closes this generator instead)
                    self._metrics.articles.labels(method, code).inc()
                    books.answered += 1
                complete = True
            finally:
                unanswered = books.close()
                counts = {"articles": books.taken, "answered": books.answered}
                code = self._finish(method, context, started, counts, complete)
                self._metrics.articles.labels(method, code).inc(unanswered)  # they end with the call

        return wrapped


class _StreamBooks:
    """The items of one stream taken in and answered; none is taken in once the call has ended."""

    def __init__(self) -> None:
        self.taken = 0
        self.answered = 0
        self._open = True
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            self.taken += self._open
            return self._open

    def close(self) -> int:
        """End the books; returns how many items were taken in and not answered."""
        with self._lock:
            self._open = False
            return self.taken - self.answered


def _outcome(context, completed: bool) -> str:
    """The status code name the caller got: the one the handler set; else OK for a handler that
    completed while the caller was there, DEADLINE_EXCEEDED or CANCELLED for one it left, and
    UNKNOWN for a handler that raised."""
    code = context.code()
    if code is not None:  # abort_with_status leaves the code as a number on some grpcio versions
        return code_pb2.Code.Name(code) if isinstance(code, int) else code.name
    if context.is_active():
        return "OK" if completed else "UNKNOWN"
    remaining = context.time_remaining()
    return "DEADLINE_EXCEEDED" if remaining is not None and remaining <= 0 else "CANCELLED"


def configure_logging(level: str, fmt: str = "json", queue_lines: int = LOG_QUEUE_LINES) -> None:
    """JSON lines on stderr (``fmt="json"``) or plain text for people (``fmt="text"``), written by
    a background thread from a bounded queue (``queue_lines``), off the request path."""
    global _listener
    formatter: logging.Formatter = JsonFormatter()
    if fmt != "json":
        formatter = logging.Formatter("%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s")
    writer = logging.StreamHandler(sys.stderr)
    handler = DroppingQueueHandler(queue.Queue(maxsize=queue_lines))
    handler.setFormatter(formatter)  # formatted in the calling thread, where the request id is known
    if _listener is not None:
        _listener.stop()
    _listener = logging.handlers.QueueListener(handler.queue, writer)
    _listener.start()
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    logging.captureWarnings(True)  # warnings (spaCy's, say) go through the queue, not straight to stderr


@atexit.register
def flush_logs(timeout: float = 1.0) -> None:
    """Write what is queued, waiting at most ``timeout`` seconds (the sink may be stalled)."""
    global _listener
    if _listener is None:
        return
    try:
        _listener.enqueue_sentinel()
    except queue.Full:
        return
    thread = getattr(_listener, "_thread", None)
    if thread is not None:
        thread.join(timeout)
    _listener = None
