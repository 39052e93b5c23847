"""Building and running the gRPC server: health, reflection, graceful shutdown.

``create_server`` builds and binds a server (port 0 picks a free port); ``in_process`` gives one
with its own engine to a program that serves from its own process (tests, the evaluation);
``serve`` is the command. The server is a thin front: its threads validate and
translate messages, while ``service.engine.Engine`` runs the spaCy pipelines in worker processes.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent import futures
from typing import NoReturn

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from newsx.service import errors, language, security
from newsx.service.config import Settings
from newsx.service.engine import POLL_SECONDS, Engine
from newsx.service.observability import (
    EngineCollector,
    Metrics,
    ObservabilityInterceptor,
    configure_logging,
    flush_logs,
)
from newsx.service.servicer import ExtractionServicer
from newsx.v1 import extraction_pb2, extraction_pb2_grpc

log = logging.getLogger(__name__)

SERVICE_NAME = extraction_pb2.DESCRIPTOR.services_by_name["ExtractionService"].full_name
_HEALTH_NAMES = ("", SERVICE_NAME)
ANSWER_SECONDS = 0.5  # after the grace period, time to send UNAVAILABLE to what could not finish


class StartupError(Exception):
    """A setting that passed validation but cannot be used (port taken, model missing): exit 2."""


class Serving:
    """A started server and the handles needed to make it ready and to drain it."""

    def __init__(
        self,
        server: grpc.Server,
        port: int,
        health_servicer: health.HealthServicer,
        servicer: ExtractionServicer,
        metrics: Metrics,
    ):
        self.server = server
        self.port = port
        self.health = health_servicer
        self.metrics = metrics
        self._servicer = servicer

    def set_serving(self, engine: Engine) -> None:
        """Start answering extraction calls with a started engine; health says SERVING."""
        language.load()
        engine.on_batch = self.metrics.batch_size.observe
        self.metrics.registry.register(EngineCollector(engine))
        self._servicer.engine = engine
        for name in _HEALTH_NAMES:
            self.health.set(name, health_pb2.HealthCheckResponse.SERVING)

    def drain(self, grace: float) -> None:
        """Report NOT_SERVING (health keeps answering) and refuse new calls and stream items with
        UNAVAILABLE; let the calls in flight finish within ``grace`` seconds; then answer what is
        still queued or being analysed UNAVAILABLE (clients retry elsewhere) and stop the server,
        at most about ``ANSWER_SECONDS`` later."""
        self.health.enter_graceful_shutdown()
        if not self._servicer.drain(grace):
            engine = self._servicer.engine
            if engine is not None:
                failed = engine.fail_all(errors.ShuttingDown())
                log.warning("grace period over: %d articles answered UNAVAILABLE", failed)
            self._servicer.drain(ANSWER_SECONDS)
        # A grace, not 0: a handler that has returned may not have sent its answer yet, and
        # stop(0) would cancel it (the client saw UNAVAILABLE for an article analysed in time).
        self.server.stop(ANSWER_SECONDS).wait(2 * ANSWER_SECONDS)


def create_server(settings: Settings) -> Serving:
    """Build, bind and start a server. Until ``set_serving`` gives it an engine, health says
    NOT_SERVING and extraction calls are answered UNAVAILABLE, so probes see a loading server."""
    options = [
        ("grpc.max_receive_message_length", settings.max_message_bytes),
        ("grpc.max_send_message_length", settings.max_message_bytes),
        ("grpc.so_reuseport", 0),
    ]
    metrics = Metrics()
    interceptors = [ObservabilityInterceptor(metrics, log_article_text=settings.log_article_text)]
    if settings.auth_token:
        interceptors.append(security.TokenAuthInterceptor(settings.auth_token))
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=settings.max_concurrent_calls, thread_name_prefix="newsx-rpc"),
        options=options,
        interceptors=interceptors,
        maximum_concurrent_rpcs=settings.max_concurrent_calls,
    )
    health_servicer = health.HealthServicer(experimental_non_blocking=True)
    for name in _HEALTH_NAMES:
        health_servicer.set(name, health_pb2.HealthCheckResponse.NOT_SERVING)
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    servicer = ExtractionServicer(None, settings)
    extraction_pb2_grpc.add_ExtractionServiceServicer_to_server(servicer, server)
    reflection.enable_server_reflection((SERVICE_NAME, health.SERVICE_NAME, reflection.SERVICE_NAME), server)
    try:
        credentials = security.server_credentials(settings)
    except (OSError, ValueError) as error:
        raise StartupError(f"tls_cert_file/tls_key_file/tls_client_ca_file: {error}") from None
    try:
        if credentials is None:
            port = server.add_insecure_port(settings.address)
        else:
            port = server.add_secure_port(settings.address, credentials)
    except RuntimeError:
        port = 0
    if port == 0:
        raise StartupError(f"address: could not listen on {settings.address}")
    server.start()
    return Serving(server, port, health_servicer, servicer, metrics)


@contextlib.contextmanager
def in_process(settings: Settings, grace: float = 1.0) -> Iterator[tuple[Serving, Engine]]:
    """A server in this process, SERVING with an engine of its own; on exit it is drained (within
    ``grace`` seconds) and the engine's workers closed, whatever the body raised."""
    engine = Engine(settings)
    engine.start()
    try:
        serving = create_server(settings)
        try:
            serving.set_serving(engine)
            yield serving, engine
        finally:
            serving.drain(grace)
    finally:
        engine.close()


def run(settings: Settings) -> NoReturn:
    """The server process (``newsx serve``, ``python -m newsx.service``): serve until SIGTERM or
    SIGINT, drain, then exit at once: gRPC's handler threads are not waited for (every call was
    answered in the drain) and the log gets at most a moment to flush, so the process is gone
    within the grace period and about a second, whatever is in flight or a stalled log reader.
    Raises ``StartupError`` before serving."""
    code = serve(settings)
    flush_logs(timeout=ANSWER_SECONDS)
    os._exit(code)


def serve(settings: Settings) -> int:
    """Run until SIGTERM/SIGINT, then drain calls within the grace period; exit code 0.

    A signal during start-up stops it at once (workers killed). Raises ``StartupError`` naming
    the setting that cannot be used.
    """
    configure_logging(settings.log_level, settings.log_format)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    serving = create_server(settings)
    addresses = [f"{settings.address.rsplit(':', 1)[0]}:{serving.port}"]
    if settings.metrics_address:
        try:
            metrics_port = serving.metrics.serve(settings.metrics_address)
        except (OSError, ValueError) as error:
            serving.server.stop(0)
            raise StartupError(f"metrics_address: could not listen on {settings.metrics_address}: {error}") from None
        addresses.append(f"{settings.metrics_address.rsplit(':', 1)[0]}:{metrics_port}")
        log.info("metrics on %s/metrics", addresses[1])
    log.info("loading %s in %d pipeline workers", settings.model, settings.workers)
    engine = Engine(settings)
    try:
        started = engine.start(stopped=stop.is_set)
    except RuntimeError as error:
        serving.server.stop(0)
        raise StartupError(f"model: {settings.model!r} could not be loaded ({error}); see the log above") from None
    if not started:
        log.info("stopped during start-up")
        serving.server.stop(0)
        return 0
    serving.set_serving(engine)
    log.info("serving %s on %s with %d pipeline workers", engine.model, addresses[0], settings.workers)
    if settings.address_file:
        _write_lines(settings.address_file, addresses)
    while not stop.wait(POLL_SECONDS):
        pass  # a timed wait: the kernel may hand SIGTERM to a gRPC thread, and an untimed wait would
        # keep the main thread from ever running the handler
    log.info("draining (grace %.1f s)", settings.grace_seconds)
    began = time.monotonic()
    serving.drain(settings.grace_seconds)
    engine.close(timeout=ANSWER_SECONDS)
    log.info("stopped %.1f s after the signal", time.monotonic() - began)
    return 0


def _write_lines(path: str, lines: list[str]) -> None:
    """Write the file whole or not at all (a reader polling for it never sees half of it)."""
    tmp = path + ".tmp"
    with open(tmp, "w") as handle:
        handle.write("".join(line + "\n" for line in lines))
    os.replace(tmp, path)
