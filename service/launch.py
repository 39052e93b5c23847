"""Start a newsx server as a child process on a free loopback port, for the tests, the benchmark
and scripts that need a real server of their own.

The server binds port 0 and, once SERVING, writes the addresses it got to its ``--address-file``
(``service/config.py``), so the caller waits for that file: no port is guessed and no health
call is polled.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

POLL_SECONDS = 0.02  # how often the address file is looked for (start-to-SERVING is timed to this)


@dataclass
class ServerProcess:
    """A running server process and the addresses it serves on. As a context manager it kills
    the process at the end if it is still running (a caller that wants a graceful stop sends
    SIGTERM and waits first)."""

    process: subprocess.Popen
    address: str  # the gRPC host:port
    metrics_address: str  # the Prometheus host:port, "" unless --metrics-address was given
    start_seconds: float  # from starting the process to SERVING

    def __enter__(self) -> ServerProcess:
        return self

    def __exit__(self, *exc_info: object) -> None:
        _stop(self.process)


def start_server(
    *flags: str,
    command: Sequence[str] = ("-m", "newsx.service"),
    stderr: int | IO | None = None,
    timeout: float = 120.0,
) -> ServerProcess:
    """Start ``python <command> --address 127.0.0.1:0 <flags>`` (``command`` may also be the CLI's
    ``-m newsx.client.cli serve``) and return it once SERVING. Raises ``RuntimeError`` if it exits
    during start-up or is not serving within ``timeout`` seconds (it is then killed)."""
    with tempfile.TemporaryDirectory(prefix="newsx-server-") as folder:
        address_file = Path(folder) / "address"
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, *command, "--address", "127.0.0.1:0", "--address-file", str(address_file), *flags],
            stderr=stderr,
        )
        try:
            while not address_file.exists():
                problem = _start_problem(process, time.perf_counter() - started, timeout)
                if problem:
                    raise RuntimeError(problem)
                time.sleep(POLL_SECONDS)
            start_seconds = time.perf_counter() - started
            lines = address_file.read_text().splitlines()  # written whole: never half a file
        except BaseException:  # a failed start, an interrupt, an unreadable file: no server left behind
            _stop(process)
            raise
    return ServerProcess(process, lines[0], lines[1] if len(lines) > 1 else "", start_seconds)


def _start_problem(process: subprocess.Popen, elapsed: float, timeout: float) -> str:
    """Why the wait for SERVING is over before it began serving, or "" while it may still start."""
    if process.poll() is not None:
        return f"the server exited during start-up (exit code {process.returncode})"
    if elapsed > timeout:
        return f"the server was not serving within {timeout:g} s"
    return ""


def _stop(process: subprocess.Popen) -> None:
    """Kill the process if it still runs, and close a stderr pipe the caller asked for."""
    if process.poll() is None:
        process.kill()
    process.wait()
    if process.stderr is not None:
        process.stderr.close()
