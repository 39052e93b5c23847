"""Batches through the real CLI against real servers: a worker killed mid-run loses nothing, an
interrupted run resumes without redoing what was answered (issue 19, item 6), and 500 articles
are summarised in order with a bad line reported in place (issue 17)."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from newsx.client import cli
from newsx.service.server import in_process
from tests.test_cli_output import NEWSX, article_text, write_jsonl

pytestmark = pytest.mark.slow

STREAM = {"extract": "StreamExtract", "summarize": "StreamSummarize"}


def _wait_for_lines(path: Path, count: int, running: Callable[[], bool]) -> None:
    """Until ``path`` holds ``count`` lines; the run must still be going then."""
    deadline = time.monotonic() + 300
    while not path.exists() or path.read_bytes().count(b"\n") < count:
        assert running(), "the run ended before it could be interrupted"
        assert time.monotonic() < deadline, f"{path} never reached {count} lines"
        time.sleep(0.02)


def _articles_answered(serving, method: str) -> float:
    """Stream items the server has counted for ``method``, whatever their outcome, once no such
    call is in flight (an interrupted stream is counted when it ends)."""
    registry = serving.metrics.registry
    deadline = time.monotonic() + 30
    while registry.get_sample_value("newsx_calls_in_flight", {"method": method}):
        assert time.monotonic() < deadline, f"a {method} call is still in flight"
        time.sleep(0.05)
    return sum(
        sample.value
        for metric in registry.collect()
        if metric.name == "newsx_articles"
        for sample in metric.samples
        if sample.name == "newsx_articles_total" and sample.labels["method"] == method
    )


def test_cli_jsonl_worker_killed_mid_run_loses_nothing(server_settings, tmp_path, capsys):
    source = write_jsonl(tmp_path / "in.jsonl", 300)
    out = tmp_path / "out.jsonl"
    argv = ["extract", "--jsonl", str(source), "--output", str(out)]
    with in_process(dataclasses.replace(server_settings, workers=2)) as (serving, pool):
        result: dict = {}
        run = threading.Thread(
            target=lambda: result.update(code=cli.main([argv[0], "--server", f"127.0.0.1:{serving.port}", *argv[1:]]))
        )
        run.start()
        _wait_for_lines(out, 30, run.is_alive)
        os.kill(pool.worker_pids()[0], signal.SIGKILL)
        run.join(timeout=600)
        registry = serving.metrics.registry
        lost = registry.get_sample_value("newsx_articles_total", {"method": "StreamExtract", "code": "UNAVAILABLE"})
        retried = registry.get_sample_value("newsx_articles_total", {"method": "Extract", "code": "OK"})

    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert result["code"] == 0, capsys.readouterr().err
    assert [r["article_id"] for r in records] == [f"a{i}" for i in range(300)]
    assert all("error" not in r and r["entities"] for r in records)
    assert lost and lost > 0  # the kill took articles in flight with it ...
    assert retried == lost  # ... and each was sent again, answered once


@pytest.mark.parametrize("kind", ["extract", "summarize"])
def test_cli_jsonl_interrupted_run_resumes_without_redoing(server_address, serving, tmp_path, kind):
    source = write_jsonl(tmp_path / "in.jsonl", 300)
    out = tmp_path / "out.jsonl"
    command = [NEWSX, kind, "--server", server_address, "--jsonl", str(source)]
    first = subprocess.Popen([*command, "--output", str(out)], stderr=subprocess.DEVNULL)
    try:
        _wait_for_lines(out, 100, lambda: first.poll() is None)
    finally:
        first.kill()  # as hard as a lost machine: the last line may be cut short
        first.wait()
    before = out.read_bytes()
    kept = before[: before.rfind(b"\n") + 1].decode().splitlines()
    done = [json.loads(line)["article_id"] for line in kept]
    sent_before = _articles_answered(serving, STREAM[kind])

    second = subprocess.run([*command, "--resume", str(out)], capture_output=True, text=True, timeout=600)
    sent = _articles_answered(serving, STREAM[kind]) - sent_before

    lines = out.read_text().splitlines()
    records = [json.loads(line) for line in lines]
    assert second.returncode == 0, second.stderr
    assert f"{len(done)} articles already answered in {out}" in second.stderr
    assert lines[: len(kept)] == kept  # what was answered stays as it was
    rest = [f"a{i}" for i in range(300) if f"a{i}" not in done]
    assert [r["article_id"] for r in records[len(kept) :]] == rest  # the rest appended, in order
    assert sorted(r["article_id"] for r in records) == sorted(f"a{i}" for i in range(300))  # each once
    assert all("error" not in r for r in records)
    assert sent == len(rest)  # nothing answered before was sent again


def test_cli_resume_redoes_transient_errors_and_a_cut_line_only(server_address, tmp_path, capsys):
    source = write_jsonl(tmp_path / "in.jsonl", 4)
    answered = {"index": 0, "article_id": "a0", "entities": []}
    refused = {"index": 2, "article_id": "a2", "error": {"code": "INVALID_ARGUMENT", "message": "refused"}}
    lost = {"index": 1, "article_id": "a1", "error": {"code": "UNAVAILABLE", "message": "worker lost"}}
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r) + "\n" for r in (answered, lost, refused)) + '{"index": 3, "article_')

    code = cli.main(["extract", "--server", server_address, "--jsonl", str(source), "--resume", str(out)])
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert code == 0
    assert "2 articles already answered" in capsys.readouterr().err
    assert records[:2] == [answered, refused]  # kept as they were: a refusal would be refused again
    assert [r["article_id"] for r in records[2:]] == ["a1", "a3"]  # redone: the lost one, the cut one
    assert all(r["entities"] for r in records[2:])


def test_cli_summarize_jsonl_500_articles_keeps_order_and_reports_a_bad_line_in_place(server_address, tmp_path, capsys):
    lines = [json.dumps({"id": f"s{i}", "text": article_text(i)}) for i in range(500)]
    lines[250] = '{"id": "s250", "text": "cut short'
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n")

    code = cli.main(["summarize", "--server", server_address, "--jsonl", str(source), "--max-sentences", "2"])
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert code == 1 and "1 of 500 articles failed" in captured.err
    assert [r["index"] for r in records] == list(range(500))
    assert records[250]["error"]["code"] == "INVALID_ARGUMENT"
    assert records[250]["error"]["message"].startswith("line 251: ")  # the JSON parser says what is wrong
    for i, record in enumerate(records):
        if i != 250:
            assert record["article_id"] == f"s{i}"
            assert 1 <= len(record["sentences"]) <= 2
            assert all(s["text"] in article_text(i) for s in record["sentences"])
