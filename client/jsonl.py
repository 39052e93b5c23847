"""Batches over one stream: every article gets one JSONL record, in input order, written as it
is answered, so an interrupted batch keeps what was done and ``--resume`` redoes nothing.

Records go to the output handle given (stdout or ``--output``); the progress bar draws on
stderr only and never captures stdout.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from google.rpc import code_pb2

from newsx.client.articles import Item
from newsx.client.client import NewsxClient, to_dict

# Outcomes that may differ when asked again: such records are redone by --resume.
TRANSIENT_CODES = frozenset(
    {"UNAVAILABLE", "DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED", "ABORTED", "INTERNAL", "UNKNOWN", "CANCELLED"}
)
UNANSWERED = "the stream ended before this article was answered; send it again (--resume)"


@dataclass(frozen=True)
class Outcome:
    """One item's answer: the response, or an error as ``{"code": NAME, "message", "details"}``."""

    item: Item
    response: object | None
    error: dict | None


def outcomes(client: NewsxClient, kind: str, items: Iterable[Item], timeout: float | None) -> Iterator[Outcome]:
    """Every item's outcome in order: those with a request answered over one stream, the others
    (unreadable files, bad lines) in their place."""
    order: deque[Item] = deque()  # read, not yet reported; filled by the stream's sending thread

    def requests() -> Iterator:
        for item in items:
            order.append(item)
            if item.request is not None:
                yield item.request

    def unsent() -> Iterator[Outcome]:
        while order and order[0].request is None:
            item = order.popleft()
            yield Outcome(item, None, {"code": "INVALID_ARGUMENT", "message": item.problem})

    stream = client.stream_extract if kind == "extract" else client.stream_summarize
    for answer in stream(requests(), timeout=timeout):
        yield from unsent()
        item = order.popleft()
        if answer.HasField("error"):
            yield Outcome(item, None, _error(answer.error))
        else:
            yield Outcome(item, answer.response, None)
    yield from unsent()
    while order:  # sent, but the server ended the stream first (its article limit)
        yield Outcome(order.popleft(), None, {"code": "UNAVAILABLE", "message": UNANSWERED})
        yield from unsent()


def _error(status) -> dict:
    error = to_dict(status)
    error["code"] = code_pb2.Code.Name(status.code)
    return error


def record(outcome: Outcome) -> dict:
    """The JSONL record: ``index`` (``path``) and ``article_id``, then the response's fields or
    the error. Every record names its article, summaries too, for ``--resume`` and for joins."""
    item = outcome.item
    head: dict = {"index": item.index} | ({"path": item.path} if item.path else {}) | {"article_id": item.article_id}
    if outcome.error is not None:
        return head | {"error": outcome.error}
    return head | to_dict(outcome.response)


@contextlib.contextmanager
def progress_bar(total: int | None, label: str, out: IO[str]) -> Iterator[Callable[[], None]]:
    """A transient rich bar on stderr when it is a terminal and the records go elsewhere (a bar
    redrawn on the terminal the records scroll through would erase some of them); yields the
    function that advances it."""
    if not sys.stderr.isatty() or out.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    # redirect_stdout=False: a bar that captured stdout sent the records to the terminal.
    bar = Progress(transient=True, console=Console(stderr=True), redirect_stdout=False, redirect_stderr=False)
    with bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)


def write_records(
    client: NewsxClient,
    kind: str,
    items: Iterable[Item],
    out: IO[str],
    *,
    total: int | None,
    timeout: float | None,
) -> int:
    """Stream the items, one record per line (flushed), in order; exit code 1 when any failed."""
    failed = done = 0
    label = "extracting" if kind == "extract" else "summarizing"
    with progress_bar(total, label, out) as advance:
        for outcome in outcomes(client, kind, items, timeout):
            out.write(json.dumps(record(outcome), ensure_ascii=False) + "\n")
            out.flush()
            failed += outcome.error is not None
            done += 1
            advance()
    if failed:
        print(f"{failed} of {done} articles failed", file=sys.stderr)
    return 1 if failed else 0


class Resume:
    """What an earlier run's output already answers (ids, and the indices of id-less lines), to
    skip; ``skipped`` counts the items passed over.

    The output is read line by line (it may hold a million records) and tidied so that the
    records appended after it stay one per article and one per line: records of transient errors
    (to be redone) and a last line cut short by the interruption are removed.
    """

    def __init__(self, path: str):
        self.ids: set[str] = set()
        self.indices: set[int] = set()
        self.skipped = 0
        try:
            complete, redo = self._read(path)
        except FileNotFoundError:
            return
        if redo:
            _drop_redone(path)
        elif complete < os.path.getsize(path):
            os.truncate(path, complete)

    def _read(self, path: str) -> tuple[int, bool]:
        """Bytes of complete lines, and whether any record is to be redone."""
        complete, redo = 0, False
        with open(path, "rb") as handle:
            for line in handle:
                if not line.endswith(b"\n"):
                    break
                complete += len(line)
                previous = _record(line)
                if _redone(previous):
                    redo = True
                elif isinstance(previous.get("article_id"), str) and previous["article_id"]:
                    self.ids.add(previous["article_id"])
                elif isinstance(previous.get("index"), int):
                    self.indices.add(previous["index"])
        return complete, redo

    def remaining(self, items: Iterable[Item]) -> Iterator[Item]:
        for item in items:
            if item.article_id in self.ids if item.article_id else item.index in self.indices:
                self.skipped += 1
            else:
                yield item


def _record(line: bytes) -> dict:
    """One line of an earlier output as a record (empty when it is not one)."""
    try:
        value = json.loads(line)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _redone(previous: dict) -> bool:
    error = previous.get("error")
    return isinstance(error, dict) and error.get("code") in TRANSIENT_CODES


def _drop_redone(path: str) -> None:
    """Rewrite the output without the records to redo and without a last line cut short."""
    temporary = f"{path}.resume-tmp"
    with open(path, "rb") as source, open(temporary, "wb") as target:
        for line in source:
            if line.endswith(b"\n") and not _redone(_record(line)):
                target.write(line)
    os.replace(temporary, path)
