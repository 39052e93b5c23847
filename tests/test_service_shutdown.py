"""Graceful shutdown of a real server process: a call in flight at SIGTERM completes, exit 0."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from newsx.client.client import NewsxClient
from newsx.v1 import extraction_pb2 as pb
from tests.conftest import MODEL, read_article_file

ARTICLES = Path(__file__).parent / "articles"


def _start_server(tmp_path: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    address_file = tmp_path / "address"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsx.service",
            "--address",
            "127.0.0.1:0",
            "--address-file",
            str(address_file),
            "--model",
            MODEL,
            *extra,
        ],
        cwd=Path(__file__).parents[1],
    )
    deadline = time.monotonic() + 60
    while not address_file.exists():
        assert process.poll() is None, "server exited during start-up"
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.1)
    return process, address_file.read_text().strip()


def test_shutdown_sigterm_lets_call_in_flight_finish_and_exits_zero(tmp_path):
    long_text = "\n\n".join(read_article_file(p)[1] for p in sorted(ARTICLES.glob("*.txt")))
    long_text = "\n\n".join([long_text] * 8)  # about 60,000 characters: a parse of a few seconds
    process, address = _start_server(
        tmp_path, "--workers", "1", "--grace-seconds", "60", "--max-article-chars", "100000"
    )
    try:
        with NewsxClient(address, timeout=120) as client:
            assert client.health() == "SERVING"
            result = {}
            call = threading.Thread(target=lambda: result.update(response=client.extract(pb.Article(text=long_text))))
            call.start()
            time.sleep(0.5)  # the call is now being parsed
            os.kill(process.pid, signal.SIGTERM)
            call.join(timeout=120)
            assert len(result["response"].entities) > 20
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
