"""Scale-out: one client spreading calls round-robin over two servers survives losing one."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from newsx.client.client import NewsxClient
from newsx.v1 import extraction_pb2 as pb
from tests.conftest import MODEL

ROOT = Path(__file__).parents[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _served_ok(metrics_port: int) -> float:
    with urllib.request.urlopen(f"http://127.0.0.1:{metrics_port}/metrics", timeout=5) as reply:
        page = reply.read().decode()
    line = next(
        (row for row in page.splitlines() if row.startswith('newsx_calls_total{code="OK",method="Extract"}')), None
    )
    return float(line.rsplit(" ", 1)[1]) if line else 0.0


def _start(tmp_path: Path, name: str) -> tuple[subprocess.Popen, str, int]:
    address_file, metrics_port = tmp_path / f"{name}.address", _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsx.service",
            "--address",
            "127.0.0.1:0",
            "--address-file",
            str(address_file),
            "--workers",
            "1",
            "--model",
            MODEL,
            "--metrics-address",
            f"127.0.0.1:{metrics_port}",
            "--log-level",
            "WARNING",
        ],
        cwd=ROOT,
    )
    return process, str(address_file), metrics_port


def test_scale_round_robin_over_two_servers_survives_one_killed(tmp_path):
    servers = [_start(tmp_path, name) for name in ("a", "b")]
    try:
        addresses = []
        for process, address_file, _ in servers:
            deadline = time.monotonic() + 60
            while not Path(address_file).exists():
                assert process.poll() is None and time.monotonic() < deadline, "server did not start"
                time.sleep(0.1)
            addresses.append(Path(address_file).read_text().strip())
        answered = 0
        with NewsxClient(addresses, timeout=30) as client:
            for call in range(200):
                if call == 100:
                    served_by_a = _served_ok(servers[0][2])
                    servers[0][0].send_signal(signal.SIGKILL)
                response = client.extract(pb.Article(id=str(call), text=f"Call {call}: Airbus sold jets to Qantas."))
                answered += response.article_id == str(call)
        assert answered == 200
        served_by_b = _served_ok(servers[1][2])
        assert served_by_a > 0 and served_by_b > 0, (served_by_a, served_by_b)
        assert served_by_a + served_by_b >= 200
    finally:
        for process, _, _ in servers:
            if process.poll() is None:
                process.terminate()
            process.wait(timeout=30)
