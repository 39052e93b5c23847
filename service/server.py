"""Building and running the gRPC server: health, reflection, graceful shutdown, worker processes.

``create_server`` builds one server around an analyzer and binds it (port 0 picks a free port),
so tests can run a real server in-process. ``serve`` is the command: it forks ``workers`` processes
that share one port with SO_REUSEPORT (the grpc ``multiprocessing`` example's design, chosen
because spaCy holds the GIL for much of a parse: threads cannot use a second core, processes can),
replaces a worker that dies, and on SIGTERM or SIGINT drains every worker before exiting 0.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import sys
import threading
from concurrent import futures
from dataclasses import replace

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from newsx.v1 import extraction_pb2, extraction_pb2_grpc

from service.analyzer import Analyzer
from service.config import Settings
from service.servicer import ExtractionServicer

log = logging.getLogger(__name__)

SERVICE_NAME = extraction_pb2.DESCRIPTOR.services_by_name["ExtractionService"].full_name
_HEALTH_NAMES = ("", SERVICE_NAME)


class Serving:
    """A started server and the handles needed to drain it."""

    def __init__(
        self, server: grpc.Server, port: int, health_servicer: health.HealthServicer, servicer: ExtractionServicer
    ):
        self.server = server
        self.port = port
        self.health = health_servicer
        self._servicer = servicer

    def set_serving(self, analyzer: Analyzer) -> None:
        """Start answering extraction calls with a loaded, warmed analyzer; health says SERVING."""
        self._servicer.analyzer = analyzer
        for name in _HEALTH_NAMES:
            self.health.set(name, health_pb2.HealthCheckResponse.SERVING)

    def drain(self, grace: float) -> None:
        """Report NOT_SERVING, refuse new calls, let in-flight calls finish within ``grace`` seconds."""
        self.health.enter_graceful_shutdown()
        self.server.stop(grace).wait()


def create_server(settings: Settings, *, reuse_port: bool = False) -> Serving:
    """Build, bind and start a server. Until ``set_serving`` gives it an analyzer, health says
    NOT_SERVING and extraction calls are answered UNAVAILABLE, so probes see a loading server."""
    options = [
        ("grpc.max_receive_message_length", settings.max_message_bytes),
        ("grpc.max_send_message_length", settings.max_message_bytes),
        ("grpc.so_reuseport", 1 if reuse_port else 0),
    ]
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=settings.max_concurrent_calls, thread_name_prefix="newsx-rpc"),
        options=options,
        maximum_concurrent_rpcs=settings.max_concurrent_calls,
    )
    health_servicer = health.HealthServicer(experimental_non_blocking=True)
    for name in _HEALTH_NAMES:
        health_servicer.set(name, health_pb2.HealthCheckResponse.NOT_SERVING)
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    servicer = ExtractionServicer(None, settings)
    extraction_pb2_grpc.add_ExtractionServiceServicer_to_server(servicer, server)
    reflection.enable_server_reflection((SERVICE_NAME, health.SERVICE_NAME, reflection.SERVICE_NAME), server)
    port = server.add_insecure_port(settings.address)
    if port == 0:
        raise RuntimeError(f"could not bind {settings.address}")
    server.start()
    return Serving(server, port, health_servicer, servicer)


def _host(address: str) -> str:
    return address.rsplit(":", 1)[0]


def run_worker(settings: Settings, *, reuse_port: bool = False) -> int:
    """One serving process: open the port, load the pipeline, serve until SIGTERM/SIGINT, drain."""
    from service.pipeline import build_pipeline

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    serving = create_server(settings, reuse_port=reuse_port)
    analyzer = Analyzer(build_pipeline(settings.model), settings)
    analyzer.start()
    serving.set_serving(analyzer)
    log.info("worker %d serving %s on port %d", os.getpid(), settings.model, serving.port)
    if settings.address_file and not reuse_port:
        _write_address(settings.address_file, f"{_host(settings.address)}:{serving.port}")
    stop.wait()
    log.info("worker %d draining (grace %.1f s)", os.getpid(), settings.grace_seconds)
    serving.drain(settings.grace_seconds)
    return 0


def _write_address(path: str, address: str) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w") as handle:
        handle.write(address + "\n")
    os.replace(tmp, path)


@contextlib.contextmanager
def _reserved_port(address: str):
    """Hold the port open with SO_REUSEPORT so port 0 resolves once for every worker."""
    host, port = address.rsplit(":", 1)
    host = host.strip("[]") or "::"
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, int(port)))
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()


def _worker_main(settings: Settings) -> None:
    configure_logging(settings.log_level)
    sys.exit(run_worker(settings, reuse_port=True))


def serve(settings: Settings) -> int:
    """Run the server until SIGTERM/SIGINT; the exit code is 0 after a clean drain."""
    configure_logging(settings.log_level)
    if settings.workers <= 1:
        return run_worker(settings)
    with _reserved_port(settings.address) as port:
        bound = replace(settings, address=f"{_host(settings.address)}:{port}")
        if settings.address_file:
            _write_address(settings.address_file, bound.address)
        return _supervise(bound)


def _supervise(settings: Settings) -> int:
    """Keep ``workers`` processes alive; forward SIGTERM/SIGINT to them and wait for their drain."""
    context = multiprocessing.get_context("fork")  # before any gRPC object exists in this process
    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.set())
    workers = {}

    def spawn() -> None:
        process = context.Process(target=_worker_main, args=(settings,), name="newsx-worker", daemon=False)
        process.start()
        workers[process.sentinel] = process

    for _ in range(settings.workers):
        spawn()
    log.info("serving on %s with %d workers", settings.address, settings.workers)
    while not stopping.is_set():
        ready = multiprocessing.connection.wait(list(workers), timeout=0.5)
        for sentinel in ready:
            process = workers.pop(sentinel)
            if not stopping.is_set():
                log.error("worker %d exited with %s; starting a new one", process.pid, process.exitcode)
                spawn()
    for process in workers.values():
        if process.is_alive():
            os.kill(process.pid, signal.SIGTERM)
    failed = 0
    for process in workers.values():
        process.join()
        failed += process.exitcode not in (0, None)
    return 1 if failed else 0


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=getattr(logging, level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s",
    )
