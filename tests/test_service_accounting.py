"""The books balance: calls and articles counted in equal those answered, by status code, streams
included, and an interrupted stream is logged and counted CANCELLED."""

from __future__ import annotations

import logging
import threading
import time

import pytest

from newsx.client.client import NewsxError
from newsx.v1 import extraction_pb2 as pb

METHODS = ("Extract", "StreamExtract")
CODES = ("OK", "INVALID_ARGUMENT", "CANCELLED")


def _books(registry) -> dict[tuple, float]:
    books = {}
    for method in METHODS:
        books["calls in", method] = registry.get_sample_value("newsx_calls_received_total", {"method": method}) or 0
        books["articles in", method] = (
            registry.get_sample_value("newsx_articles_received_total", {"method": method}) or 0
        )
        for code in CODES:
            labels = {"method": method, "code": code}
            books["calls out", method, code] = registry.get_sample_value("newsx_calls_total", labels) or 0
            books["articles out", method, code] = registry.get_sample_value("newsx_articles_total", labels) or 0
    return books


def test_books_balance_by_code_with_an_interrupted_stream(serving, client, caplog, test_articles):
    registry = serving.metrics.registry
    before = _books(registry)
    valid = pb.Article(text="Apple opened a store in Mumbai on Tuesday.")
    client.extract(valid)
    with pytest.raises(NewsxError):
        client.extract(pb.Article(text=""))
    answers = list(client.stream_extract([pb.ExtractRequest(article=a) for a in (valid, pb.Article(), valid)]))
    assert [a.HasField("response") for a in answers] == [True, False, True]

    long_text = "\n\n".join(text for _, text in test_articles.values()) * 6  # some 45,000 characters: seconds
    sent_both, left = threading.Event(), threading.Event()

    def interrupted_requests():
        yield pb.ExtractRequest(article=valid)
        yield pb.ExtractRequest(article=pb.Article(text=long_text))
        sent_both.set()
        left.wait(60)  # the caller has more to send, but leaves first

    with caplog.at_level(logging.INFO, logger="newsx.access"):
        stream = client.stream_extract(interrupted_requests())
        assert next(stream).HasField("response")
        assert sent_both.wait(10)
        time.sleep(0.5)  # the server has taken the long article in
        stream.close()  # cancels the call while the long article is being analysed
        left.set()
        deadline = time.monotonic() + 30
        while registry.get_sample_value("newsx_calls_in_flight", {"method": "StreamExtract"}):
            assert time.monotonic() < deadline, "the interrupted stream was never closed"
            time.sleep(0.1)
    after = _books(registry)
    moved = {key: after[key] - before[key] for key in after if after[key] != before[key]}
    assert moved == {
        ("calls in", "Extract"): 2,
        ("calls out", "Extract", "OK"): 1,
        ("calls out", "Extract", "INVALID_ARGUMENT"): 1,
        ("articles in", "Extract"): 2,
        ("articles out", "Extract", "OK"): 1,
        ("articles out", "Extract", "INVALID_ARGUMENT"): 1,
        ("calls in", "StreamExtract"): 2,
        ("calls out", "StreamExtract", "OK"): 1,
        ("calls out", "StreamExtract", "CANCELLED"): 1,
        ("articles in", "StreamExtract"): 5,
        ("articles out", "StreamExtract", "OK"): 3,
        ("articles out", "StreamExtract", "INVALID_ARGUMENT"): 1,
        ("articles out", "StreamExtract", "CANCELLED"): 1,
    }
    logged = [r for r in caplog.records if getattr(r, "method", "") == "StreamExtract"][-1]
    assert (logged.code, logged.articles, logged.answered) == ("CANCELLED", 2, 1)
