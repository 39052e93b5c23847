"""Where the command line's results go and what they hold (issue 20, items 1 to 3), through the
real CLI against a real server: batch output kept whatever the terminal, several files as JSONL
over one stream, JSON with every field of a present message."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from newsx.client import cli

NEWSX = str(Path(sys.executable).with_name("newsx"))


def article_text(i: int) -> str:
    """A short news item of its own for each ``i`` (three sentences: names, places, a date, a figure)."""
    return (
        f"Angela Merkel met Emmanuel Macron in Paris on Monday to discuss case {i}. "
        f"The two leaders agreed to meet again in Berlin within {i + 2} weeks. "
        "Officials said the talks would cover trade and energy."
    )


def write_jsonl(path: Path, count: int, prefix: str = "a") -> Path:
    """``count`` articles, one JSON object a line, with the ids ``a0``, ``a1``, ..."""
    path.write_text("".join(json.dumps({"id": f"{prefix}{i}", "text": article_text(i)}) + "\n" for i in range(count)))
    return path


def _under_terminal(command: str, cwd: Path) -> str:
    """Run a shell command with stdin, stdout and stderr on a pseudo-terminal (``script``), as a
    person at a terminal would; what the terminal showed."""
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100")
    done = subprocess.run(
        ["script", "-qfec", command, "/dev/null"], cwd=cwd, capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.parametrize("batch", ["--jsonl in.jsonl", "a.txt b.txt c.txt"])
def test_cli_batch_output_redirected_is_complete_with_the_bar_on_the_terminal(server_address, tmp_path, batch):
    """README's ``newsx extract --jsonl in.jsonl > out.jsonl`` at a terminal: the bar draws on the
    terminal (stderr), every record goes to the file, none to the screen."""
    write_jsonl(tmp_path / "in.jsonl", 40)
    for i, name in enumerate("abc"):
        (tmp_path / f"{name}.txt").write_text(article_text(i))
    command = f"{shlex.quote(NEWSX)} extract --server {server_address} {batch} > out.jsonl"
    screen = _under_terminal(command, tmp_path)

    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    expected = 40 if batch.startswith("--jsonl") else 3
    assert [r["index"] for r in records] == list(range(expected))
    assert all(r["entities"] for r in records)
    assert "extracting" in screen  # the progress bar was on the terminal ...
    assert "article_id" not in screen and "Angela Merkel" not in screen  # ... and no record


def test_cli_batch_on_the_terminal_prints_whole_records_and_no_bar(server_address, tmp_path):
    """Records scrolling through the terminal: no bar is redrawn over them."""
    write_jsonl(tmp_path / "in.jsonl", 20)
    screen = _under_terminal(f"{shlex.quote(NEWSX)} extract --server {server_address} --jsonl in.jsonl", tmp_path)
    records = [json.loads(line) for line in screen.splitlines() if line.strip()]  # nothing else is on it
    assert [r["article_id"] for r in records] == [f"a{i}" for i in range(20)]
    assert "extracting" not in screen


def test_cli_output_flag_writes_the_results_with_the_bar_on_the_terminal(server_address, tmp_path):
    write_jsonl(tmp_path / "in.jsonl", 10)
    command = f"{shlex.quote(NEWSX)} summarize --server {server_address} --jsonl in.jsonl --output out.jsonl"
    screen = _under_terminal(command, tmp_path)
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["article_id"] for r in records] == [f"a{i}" for i in range(10)]
    assert all(r["sentences"] for r in records)
    assert "summarizing" in screen and "a0" not in screen


def test_cli_many_files_give_jsonl_per_file_over_one_stream_errors_in_place(server_address, serving, tmp_path, capsys):
    paths = []
    for i in range(100):
        path = tmp_path / f"story-{i:03d}.txt"
        path.write_text(article_text(i))
        paths.append(str(path))
    Path(paths[48]).write_text("")  # empty: the server refuses it
    Path(paths[70]).write_bytes(b"Angela Merkel \xff\xfe visited Paris.")  # not UTF-8: never sent
    registry = serving.metrics.registry

    def calls(method: str) -> float:
        return registry.get_sample_value("newsx_calls_total", {"method": method, "code": "OK"}) or 0.0

    streams, unary = calls("StreamSummarize"), calls("Summarize")
    code = cli.main(["summarize", "--server", server_address, "--format", "json", "--max-sentences", "1", *paths])
    captured = capsys.readouterr()

    records = [json.loads(line) for line in captured.out.splitlines()]  # JSONL: one object a line
    assert code == 1 and "2 of 100 articles failed" in captured.err
    assert [r["path"] for r in records] == paths
    assert [r["article_id"] for r in records] == [Path(p).name for p in paths]
    assert records[48]["error"]["code"] == "INVALID_ARGUMENT" and "no text" in records[48]["error"]["message"]
    assert records[70]["error"]["code"] == "INVALID_ARGUMENT"
    assert "story-070.txt" in records[70]["error"]["message"] and "0xff" in records[70]["error"]["message"]
    for i, record in enumerate(records):
        if i not in (48, 70):
            assert record["summary"] and record["summary"] in article_text(i)
    assert calls("StreamSummarize") - streams == 1 and calls("Summarize") == unary  # one stream, no single calls


def test_cli_json_prints_zero_and_false_fields_in_proto_order(server_address, tmp_path, capsys):
    article = tmp_path / "merkel.txt"
    article.write_text("Angela Merkel visited Paris on Monday. It rained.")
    assert cli.main(["extract", "--server", server_address, "--format", "json", "--no-headline", str(article)]) == 0
    response = json.loads(capsys.readouterr().out)

    merkel = next(e for e in response["entities"] if e["name"] == "Angela Merkel")
    mention = merkel["mentions"][0]
    assert mention["span"] == {"start": 0, "end": 13} and list(mention["span"]) == ["start", "end"]
    assert mention["sentence_index"] == 0 and mention["in_title"] is False
    assert merkel["country_code"] == ""
    first = response["sentences"][0]
    assert first == {"index": 0, "span": {"start": 0, "end": 38}, "in_title": False}
    assert list(response)[:2] == ["article_id", "text"] and response["text"] == ""


def test_cli_jsonl_records_print_zero_and_false_fields(server_address, tmp_path, capsys):
    lines = tmp_path / "in.jsonl"
    lines.write_text(json.dumps({"id": "z", "text": "Angela Merkel visited Paris on Monday."}) + "\n")
    assert cli.main(["summarize", "--server", server_address, "--jsonl", str(lines)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert list(record)[:2] == ["index", "article_id"] and record["index"] == 0 and record["article_id"] == "z"
    assert record["sentences"][0]["span"] == {"start": 0, "end": 38}
    assert record["sentences"][0]["index"] == 0
