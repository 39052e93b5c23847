"""Scale-out: one client spreading calls round-robin over two servers survives losing one."""

from __future__ import annotations

import contextlib
import signal
import urllib.request

from newsx.client.client import NewsxClient
from newsx.v1 import extraction_pb2 as pb
from tests.conftest import server_process


def _served_ok(metrics_address: str) -> float:
    with urllib.request.urlopen(f"http://{metrics_address}/metrics", timeout=5) as reply:
        page = reply.read().decode()
    line = next(
        (row for row in page.splitlines() if row.startswith('newsx_calls_total{code="OK",method="Extract"}')), None
    )
    return float(line.rsplit(" ", 1)[1]) if line else 0.0


def test_scale_round_robin_over_two_servers_survives_one_killed():
    flags = ("--workers", "1", "--metrics-address", "127.0.0.1:0", "--log-level", "WARNING")
    with contextlib.ExitStack() as servers:
        server_a, server_b = (servers.enter_context(server_process(*flags)) for _ in range(2))
        a, b = server_a.process, server_b.process
        metrics_a, metrics_b = server_a.metrics_address, server_b.metrics_address
        answered = 0
        with NewsxClient([server_a.address, server_b.address], timeout=30) as client:
            for call in range(200):
                if call == 100:
                    served_by_a = _served_ok(metrics_a)
                    a.send_signal(signal.SIGKILL)
                response = client.extract(pb.Article(id=str(call), text=f"Call {call}: Airbus sold jets to Qantas."))
                answered += response.article_id == str(call)
        assert answered == 200
        served_by_b = _served_ok(metrics_b)
        assert served_by_a > 0 and served_by_b > 0, (served_by_a, served_by_b)
        assert served_by_a + served_by_b >= 200
        b.terminate()
        assert b.wait(timeout=30) == 0
