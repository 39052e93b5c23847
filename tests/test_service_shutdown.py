"""The server process: start-up bounded and deaf to nothing, shutdown within the grace period
whatever is in flight, bad settings refused by name, and a log reader that stops reading stalls
nothing. Each test runs a real ``python -m newsx.service`` process and talks to it with the client."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import termios
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import grpc
import pytest

from newsx.client.client import NewsxClient, NewsxError
from newsx.v1 import extraction_pb2 as pb
from tests.conftest import MODEL, ROOT, read_article_file, server_process

ARTICLES = Path(__file__).parent / "articles"
ENTRY_POINTS = [("-m", "newsx.service"), ("-m", "newsx.client.cli", "serve")]  # python -m newsx.service, newsx serve
ALL_ARTICLES = "\n\n".join(read_article_file(p)[1] for p in sorted(ARTICLES.glob("*.txt")))  # ~7,500 characters


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1].startswith("Z")  # a zombie is gone


def _in_flight(metrics: str, method: str) -> float:
    with urllib.request.urlopen(f"http://{metrics}/metrics", timeout=10) as reply:
        page = reply.read().decode()
    prefix = f'newsx_calls_in_flight{{method="{method}"}} '
    return next((float(line[len(prefix) :]) for line in page.splitlines() if line.startswith(prefix)), 0.0)


def test_shutdown_sigterm_lets_call_in_flight_finish_and_exits_zero():
    long_text = "\n\n".join([ALL_ARTICLES] * 8)  # about 60,000 characters: a parse of a few seconds
    flags = ("--workers", "1", "--grace-seconds", "60", "--max-article-chars", "100000")
    flags += ("--metrics-address", "127.0.0.1:0")
    with server_process(*flags) as server, NewsxClient(server.address, timeout=120) as client:
        process = server.process
        assert client.health() == "SERVING"
        result = {}
        call = threading.Thread(target=lambda: result.update(response=client.extract(pb.Article(text=long_text))))
        call.start()
        deadline = time.monotonic() + 60
        while not _in_flight(server.metrics_address, "Extract"):  # the server has taken the call in
            assert time.monotonic() < deadline and call.is_alive(), result
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGTERM)
        call.join(timeout=120)
        assert len(result["response"].entities) > 20
        assert process.wait(timeout=60) == 0


def test_shutdown_sigterm_with_a_stream_and_queued_calls_exits_within_grace_answering_unavailable():
    grace = 3.0
    flags = ("--workers", "1", "--grace-seconds", str(grace), "--max-article-chars", "100000")
    requests = [pb.ExtractRequest(article=pb.Article(id=f"s{i}", text=ALL_ARTICLES)) for i in range(60)]
    with server_process(*flags) as server, NewsxClient(server.address, timeout=60) as client:
        process, address = server.process, server.address
        answers: list[pb.StreamExtractResponse] = []
        ended: list[NewsxError] = []

        def stream() -> None:
            try:
                answers.extend(client.stream_extract(requests, retries=0))  # no retry: the raw answers
            except NewsxError as error:
                ended.append(error)

        def call(index: int) -> str:
            try:
                client.extract(pb.Article(id=f"u{index}", text=ALL_ARTICLES))
                return "OK"
            except NewsxError as error:
                return error.code.name

        streaming = threading.Thread(target=stream)
        streaming.start()
        deadline = time.monotonic() + 120
        while not answers:  # the stream is under way
            assert time.monotonic() < deadline and streaming.is_alive(), ended
            time.sleep(0.05)
        with ThreadPoolExecutor(12) as pool, NewsxClient(address, timeout=5) as prober:
            unary = [pool.submit(call, index) for index in range(12)]
            time.sleep(0.5)  # the 12 calls wait behind the stream's items
            sent = time.monotonic()
            os.kill(process.pid, signal.SIGTERM)
            health = set()
            while process.poll() is None and time.monotonic() - sent < 30:  # fails below, never hangs
                try:
                    health.add(prober.health(timeout=1))
                except NewsxError as error:
                    health.add(error.code.name)
                time.sleep(0.1)
            exited = time.monotonic() - sent
            outcomes = [future.result() for future in unary]
        streaming.join(timeout=60)
    print(f"exited {exited:.2f} s after SIGTERM (grace {grace} s); unary {outcomes}; {len(answers)} stream answers")
    assert process.returncode == 0
    assert exited < grace + 2, f"exited {exited:.1f} s after SIGTERM"
    assert "NOT_SERVING" in health, health  # the probe was answered while draining
    assert set(outcomes) <= {"OK", "UNAVAILABLE"} and "UNAVAILABLE" in outcomes, outcomes
    assert all(a.HasField("response") or a.error.code == grpc.StatusCode.UNAVAILABLE.value[0] for a in answers)
    assert len(answers) < len(requests) and ended and ended[0].code == grpc.StatusCode.UNAVAILABLE


@pytest.mark.parametrize("command", ENTRY_POINTS)
def test_startup_sigterm_while_the_workers_load_exits_at_once(command):
    process = subprocess.Popen(
        [sys.executable, *command, "--address", "127.0.0.1:0", "--model", MODEL, "--workers", "2"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        for line in process.stderr:  # JSON log lines; the workers are started right after this one
            if json.loads(line)["message"].startswith("loading"):
                break
        time.sleep(0.3)
        workers = _children(process.pid)
        assert workers, "no pipeline worker was started"
        sent = time.monotonic()
        os.kill(process.pid, signal.SIGTERM)
        code = process.wait(timeout=30)
        exited = time.monotonic() - sent
        print(f"exited {exited:.2f} s after SIGTERM during start-up")
        assert code == 0
        assert exited < 2.0, f"exited {exited:.1f} s after SIGTERM"
        deadline = time.monotonic() + 5
        while not all(_gone(pid) for pid in workers):  # killed with the front, not left behind
            assert time.monotonic() < deadline, [pid for pid in workers if not _gone(pid)]
            time.sleep(0.1)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


BAD_SETTINGS = {
    "--workers": "1000000",
    "--address": "bogus",
    "--metrics-address": ":99999",
    "--max-call-seconds": "nan",
    "--grace-seconds": "inf",
    "--model": "nonexistent",
    "--tls-cert-file": "/nonexistent/server.pem",
    "--tls-key-file": "/nonexistent/server.key",
}


@pytest.mark.parametrize("command", ENTRY_POINTS)
def test_startup_settings_that_cannot_work_exit_two_naming_each(command):
    flags = [part for flag, value in BAD_SETTINGS.items() for part in (flag, value)]
    done = subprocess.run([sys.executable, *command, *flags], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    for flag in BAD_SETTINGS:
        assert flag[2:].replace("-", "_") in done.stderr, flag
    assert "workers must be at most max_workers (64), not 1000000" in done.stderr
    assert "address must be host:port, not 'bogus'" in done.stderr


def test_startup_failure_is_raised_by_the_launcher_with_the_exit_code():
    with pytest.raises(RuntimeError, match=r"exited during start-up \(exit code 2\)"):
        server_process("--grace-seconds", "inf")


@pytest.mark.parametrize("command", ENTRY_POINTS)
def test_startup_address_in_use_exits_two_naming_it(command):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        done = subprocess.run(
            [sys.executable, *command, "--address", address, "--model", MODEL],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and f"address: could not listen on {address}" in done.stderr


def test_log_reader_that_stops_reading_stalls_no_call_and_no_shutdown():
    grace = 2.0
    flags = ("--workers", "1", "--grace-seconds", str(grace), "--metrics-address", "127.0.0.1:0")
    newsx_serve = ENTRY_POINTS[1]  # the container's entry point
    with server_process(*flags, stderr=subprocess.PIPE, command=newsx_serve) as server:
        process, metrics = server.process, server.metrics_address
        with NewsxClient(server.address, timeout=120) as client, ThreadPoolExecutor(8) as pool:
            answers = list(
                pool.map(
                    lambda i: client.extract(pb.Article(id=str(i), text=f"Reuters said {i} people met in Oslo.")),
                    range(500),
                )
            )
        assert [answer.article_id for answer in answers] == [str(i) for i in range(500)]
        unread = bytearray(4)
        fcntl.ioctl(process.stderr.fileno(), termios.FIONREAD, unread)
        assert int.from_bytes(unread, sys.byteorder) >= 60_000  # the pipe is full: the log writer is stuck
        with urllib.request.urlopen(f"http://{metrics}/metrics", timeout=10) as reply:
            page = reply.read().decode()
        assert 'newsx_calls_total{code="OK",method="Extract"} 500.0' in page
        sent = time.monotonic()
        os.kill(process.pid, signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        exited = time.monotonic() - sent
    print(f"500 calls answered with {int.from_bytes(unread, sys.byteorder)} bytes unread; exited {exited:.2f} s")
    assert exited < grace + 2, f"exited {exited:.1f} s after SIGTERM"
