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


def test_scale_round_robin_over_two_servers_survives_one_killed(tmp_path):
    flags = ("--workers", "1", "--metrics-address", "127.0.0.1:0", "--log-level", "WARNING")
    with contextlib.ExitStack() as servers:
        (a, (address_a, metrics_a)), (b, (address_b, metrics_b)) = (
            servers.enter_context(server_process(tmp_path / name, *flags)) for name in ("a", "b")
        )
        answered = 0
        with NewsxClient([address_a, address_b], timeout=30) as client:
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
