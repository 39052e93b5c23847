"""Bad and odd input, deadlines, overload, dying workers, HTML pages, language and metrics."""

from __future__ import annotations

import dataclasses
import os
import random
import signal
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import grpc
import pytest

from newsx.client.client import NewsxClient, NewsxError, unpack_details
from newsx.service.server import in_process
from newsx.v1 import extraction_pb2 as pb
from newsx.v1 import extraction_pb2_grpc

GERMAN = (
    "Bundeskanzler Olaf Scholz hat am Mittwoch seinen Finanzminister Christian Lindner entlassen. "
    "Die Regierung ist damit am Ende, und im Frühjahr soll es Neuwahlen geben."
)


def _assert_offsets(response: pb.ExtractResponse, article_text: str) -> None:
    text = response.text or article_text
    for entity in response.entities:
        for mention in entity.mentions:
            assert text[mention.span.start : mention.span.end] == mention.text
    for item in list(response.figures) + list(response.times):
        assert text[item.span.start : item.span.end] == item.text
    for event in response.events:
        for trigger in event.mentions:
            assert text[trigger.span.start : trigger.span.end] == trigger.text
        for argument in event.arguments:
            assert text[argument.span.start : argument.span.end] == argument.text
    for sentence in response.sentences:
        assert 0 <= sentence.span.start <= sentence.span.end <= len(text)


def test_hardening_other_language_is_failed_precondition_naming_both(client):
    with pytest.raises(NewsxError) as raised:
        client.extract(pb.Article(text=GERMAN))
    error = raised.value
    assert error.code == grpc.StatusCode.FAILED_PRECONDITION
    assert error.reason == "LANGUAGE_NOT_SUPPORTED"
    assert error.message.startswith("the article looks like 'de' (detected with probability")
    assert "en_core_web_sm" in error.message and "set article.language to 'en'" in error.message


def test_hardening_other_language_given_by_the_caller_is_worded_as_given(client):
    with pytest.raises(NewsxError) as raised:
        client.extract(pb.Article(text="Angela Merkel visited Paris on Monday.", language="fr-CA"))
    error = raised.value
    assert error.code == grpc.StatusCode.FAILED_PRECONDITION and error.reason == "LANGUAGE_NOT_SUPPORTED"
    assert error.message.startswith("article.language is 'fr-CA', but the loaded pipeline en_core_web_sm")
    assert "detected" not in error.message and "looks like" not in error.message


@pytest.mark.parametrize("tag", ["klingon-xx-!!", "en_US", "e", "english", "zz", "en-", "en--GB", "x"])
def test_hardening_language_tag_that_is_not_bcp47_is_invalid_argument(client, tag):
    with pytest.raises(NewsxError) as raised:
        client.extract(pb.Article(text="Angela Merkel visited Paris on Monday.", language=tag))
    assert raised.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert raised.value.reason == "INVALID_LANGUAGE"
    assert [field for field, _ in raised.value.field_violations] == ["article.language"]


@pytest.mark.parametrize("tag", ["en", "EN", "en-GB", "en-Latn-US", "eng", "en-US-x-newsroom", "en-GB-oxendict"])
def test_hardening_well_formed_english_language_tag_is_analysed(client, tag):
    response = client.extract(pb.Article(text="Angela Merkel visited Paris on Monday.", language=tag))
    assert {e.name for e in response.entities} >= {"Angela Merkel", "Paris"}


def test_hardening_language_override_analyses_anyway(client):
    response = client.extract(pb.Article(text=GERMAN, language="en"))
    assert response.sentences


def test_hardening_short_deadline_is_deadline_exceeded(client, test_articles):
    long_text = "\n\n".join(text for _, text in test_articles.values()) * 3
    with pytest.raises(NewsxError) as raised:
        client.extract(pb.Article(text=long_text), timeout=0.05)
    assert raised.value.code == grpc.StatusCode.DEADLINE_EXCEEDED


def test_hardening_html_page_is_reduced_to_its_article(client):
    page = (
        "<html><head><title>Storm Hits Florida Coast</title>"
        "<meta property='article:published_time' content='2024-03-05T10:00:00Z'></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav><article><h1>Storm Hits Florida Coast</h1>"
        "<p>A powerful storm struck the coast of Florida on Monday, killing three people and leaving "
        "200,000 homes without power, officials said.</p><p>The National Hurricane Center said the storm "
        "would weaken over the next two days as it moved inland toward Georgia.</p></article>"
        "<footer>Copyright 2024 Example News</footer></body></html>"
    )
    response = client.extract(pb.Article(html=page))
    assert response.text.startswith("Storm Hits Florida Coast\n\nA powerful storm struck")
    assert "Copyright" not in response.text and "Home" not in response.text
    assert response.sentences[0].in_title
    _assert_offsets(response, "")
    monday = next(t for t in response.times if t.text == "Monday")
    assert monday.value == "2024-03-04"  # the page's own date anchors "on Monday" (a past event)


ODD_TEXTS = {
    "long token": "Officials said " + "x" * 20_000 + " on Monday.",
    "only punctuation": "!!! ??? ... ,,, ;;; --- ((( ))) ''' \"\"\" ***",
    "one word on 5,000 lines": "\n".join(["Paris"] * 5_000),
    "table of numbers": "\n".join(" | ".join(str(r * c * 37 % 1000) for c in range(8)) for r in range(200)),
    "controls and NUL": "The minister\x00 met\x07 officials\x1b in Rome\x0c on Friday.\x00",
    "zero-width characters": "Angela\u200b Merkel visited\u200d Berlin\ufeff on Tuesday\u2060.",
    "combining marks": "Zoe\u0308 Saldan\u0303a flew to Sa\u0303o Paulo on Friday.",
    "emoji": "🚀🔥 SpaceX launched 60 satellites 🛰️ from Florida on Sunday 🎉🎉",
    "right-to-left inside English": "The sign read \u202eCIGAM\u202c and שלום near Tel Aviv on Monday.",
}


@pytest.mark.parametrize("name", sorted(ODD_TEXTS))
def test_hardening_odd_text_is_answered_with_valid_offsets(client, name):
    text = ODD_TEXTS[name]
    response = client.extract(pb.Article(text=text, language="en"), timeout=120)
    _assert_offsets(response, text)


def _random_text(encoding: str, size: int = 3_000) -> str:
    noise = random.Random(19)
    return bytes(noise.randrange(256) for _ in range(size)).decode(encoding, errors="replace")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (_random_text("latin-1"), "control or replacement characters"),  # ~25% C0/C1 controls
        (_random_text("utf-8"), "control or replacement characters"),  # ~45% U+FFFD
        (_random_text("cp1252"), "control or replacement characters"),
        ("Markets rose. " + "\x00" * 200 + "Paris said on Monday that prices would rise. " * 2, "control"),
        ("=-+*/|#@~^" * 30, "letters or digits"),
        ("\ufffd" * 150 + " Paris", "replacement"),
    ],
)
def test_hardening_text_that_is_not_language_is_invalid_argument_with_a_reason(client, text, why):
    with pytest.raises(NewsxError) as raised:
        client.extract(pb.Article(text=text, language="en"))
    error = raised.value
    assert error.code == grpc.StatusCode.INVALID_ARGUMENT and error.reason == "NOT_LANGUAGE"
    [(field, description)] = error.field_violations
    assert field == "article.text" and why in description


def test_hardening_control_characters_read_as_spaces_keep_entities_and_offsets(client):
    text = "Paris\x00 said on Monday that Angela\x07Merkel would visit\x1bBerlin.\x0c"
    response = client.extract(pb.Article(text=text))
    mentions = {m.text: (m.span.start, m.span.end) for e in response.entities for m in e.mentions}
    assert mentions["Paris"] == (0, 5)
    assert mentions["Berlin"] == (text.index("Berlin"), text.index("Berlin") + 6)
    assert response.text == text.translate({0: " ", 7: " ", 0x1B: " ", 0x0C: " "})  # the analysed text
    _assert_offsets(response, text)


@pytest.mark.parametrize("depth", [300, 2_000])
def test_hardening_deeply_nested_html_still_yields_its_text(client, depth):
    page = (
        "<html><head><title>Talks Resume in Geneva</title></head><body><nav><a href='/'>Home</a></nav>"
        + "<div><span>" * depth
        + "<p>Diplomats from France and Germany met in Geneva on Monday to resume talks on a $2 billion "
        "energy deal, officials said.</p><p>The talks will continue on Tuesday.</p>"
        + "</span></div>" * depth
        + "<footer>Copyright 2024 Example News</footer></body></html>"
    )
    response = client.extract(pb.Article(html=page))
    assert response.text.startswith("Talks Resume in Geneva\n\nDiplomats from France and Germany met in Geneva")
    assert response.text.endswith("The talks will continue on Tuesday.")
    assert {e.name for e in response.entities} >= {"France", "Germany", "Geneva"}


def test_hardening_only_whitespace_is_invalid_argument(client):
    with pytest.raises(NewsxError) as raised:
        client.extract(pb.Article(text="\n \t \u3000 \n"))
    assert raised.value.code == grpc.StatusCode.INVALID_ARGUMENT


def test_hardening_long_article_is_analysed_whole(server_settings, test_articles):
    text = "\n\n".join(text for _, text in test_articles.values())  # about 6,000 characters
    settings = dataclasses.replace(server_settings, chunk_chars=1_500)
    with in_process(settings) as (serving, _), NewsxClient(f"127.0.0.1:{serving.port}", timeout=60) as client:
        response = client.extract(pb.Article(text=text))
    _assert_offsets(response, text)
    assert response.sentences[-1].span.end >= len(text.rstrip()) - 1
    assert any(e.name == "Diego Martinez" for e in response.entities)  # from the last article


def test_hardening_overload_is_resource_exhausted_with_retry_delay(server_settings, test_articles):
    text = "\n\n".join(text for _, text in test_articles.values())
    settings = dataclasses.replace(server_settings, max_queued_articles=1, batch_size=1)
    with in_process(settings) as (serving, _), NewsxClient(f"127.0.0.1:{serving.port}", timeout=60) as client:

        def call(_):
            try:
                client.extract(pb.Article(text=text))
                return "OK", None
            except NewsxError as error:
                return error.code.name, error.retry_delay

        with ThreadPoolExecutor(12) as pool:
            outcomes = list(pool.map(call, range(12)))
    codes = [code for code, _ in outcomes]
    assert set(codes) == {"OK", "RESOURCE_EXHAUSTED"}, codes
    assert all(delay and delay > 0 for code, delay in outcomes if code == "RESOURCE_EXHAUSTED")


def test_hardening_killed_worker_is_replaced_and_no_call_is_lost(server_settings, test_articles):
    settings = dataclasses.replace(server_settings, workers=2)
    texts = [text for _, text in test_articles.values()] * 4
    with in_process(settings) as (serving, pool), NewsxClient(f"127.0.0.1:{serving.port}", timeout=60) as client:
        victim = pool.worker_pids()[0]
        killer = threading.Timer(0.3, os.kill, (victim, signal.SIGKILL))
        killer.start()
        with ThreadPoolExecutor(4) as threads:
            responses = list(threads.map(lambda t: client.extract(pb.Article(text=t)), texts))
        killer.join()
        assert all(r.entities for r in responses)  # every call answered (UNAVAILABLE ones retried)
        deadline = time.monotonic() + 30
        while victim in pool.worker_pids() or len(pool.worker_pids()) != 2:
            assert time.monotonic() < deadline, "the dead worker was not replaced"
            time.sleep(0.1)
        assert client.extract(pb.Article(text=texts[0])).entities  # the pool serves on


def test_hardening_stream_items_lost_with_their_worker_are_unavailable_then_retried(server_settings, test_articles):
    """Items a dying worker held are answered UNAVAILABLE (WORKER_LOST), never INTERNAL; the
    client retries them, so with its default retries every item gets its extraction."""
    settings = dataclasses.replace(server_settings, workers=1)
    requests = [
        pb.ExtractRequest(article=pb.Article(id=str(i), text=text))
        for i, (_, text) in enumerate(test_articles.values())
    ]
    requests *= 3

    def run(client: NewsxClient, pool, retries: int) -> list[pb.StreamExtractResponse]:
        answers = []
        for answer in client.stream_extract(requests, retries=retries):
            if not answers:  # the worker now holds the next items
                os.kill(pool.worker_pids()[0], signal.SIGKILL)
            answers.append(answer)
        return answers

    with in_process(settings) as (serving, pool), NewsxClient(f"127.0.0.1:{serving.port}", timeout=60) as client:
        raw = run(client, pool, retries=0)
        lost = [answer for answer in raw if answer.HasField("error")]
        assert len(raw) == len(requests) and lost
        for answer in lost:
            assert answer.error.code == grpc.StatusCode.UNAVAILABLE.value[0], answer.error
            assert [d.reason for d in unpack_details(answer.error.details)] == ["WORKER_LOST"]
        retried = run(client, pool, retries=4)
        assert [answer.article_id for answer in retried] == [r.article.id for r in requests]
        assert all(answer.HasField("response") and answer.response.entities for answer in retried)


def test_hardening_lone_worker_killed_is_replaced_and_serves_again(server_settings):
    """With one worker there is no other to fall back on: the replacement itself must take calls."""
    settings = dataclasses.replace(server_settings, workers=1)
    with in_process(settings) as (serving, pool), NewsxClient(f"127.0.0.1:{serving.port}", timeout=60) as client:
        victim = pool.worker_pids()[0]
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while victim in pool.worker_pids():
            assert time.monotonic() < deadline, "the dead worker was not replaced"
            time.sleep(0.1)
        response = client.extract(pb.Article(text="Angela Merkel visited Paris on Monday."))
        assert {e.name for e in response.entities} >= {"Angela Merkel", "Paris"}


def test_hardening_metrics_endpoint_shows_the_calls_just_made(serving, client):
    port = serving.metrics.serve("127.0.0.1:0")

    def scrape() -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as reply:
            return reply.read().decode()

    def count(page: str, line: str) -> float:
        return next((float(row.rsplit(" ", 1)[1]) for row in page.splitlines() if row.startswith(line + " ")), 0.0)

    ok = 'newsx_calls_total{code="OK",method="Extract"}'
    invalid = 'newsx_calls_total{code="INVALID_ARGUMENT",method="Extract"}'
    before = scrape()
    client.extract(pb.Article(text="Apple opened a store in Mumbai on Tuesday."))
    client.extract(pb.Article(text="Tesla cut prices in China."))
    with pytest.raises(NewsxError):
        client.extract(pb.Article(text=""))
    after = scrape()
    assert count(after, ok) - count(before, ok) == 2
    assert count(after, invalid) - count(before, invalid) == 1
    assert "newsx_call_seconds_bucket" in after and "newsx_batch_articles_count" in after
    assert "newsx_article_chars_count" in after and "newsx_calls_in_flight" in after


def test_hardening_stream_longer_than_its_limit_ends_with_an_error_answer(server_settings):
    settings = dataclasses.replace(server_settings, max_stream_articles=3)
    requests = [
        pb.StreamExtractRequest(request=pb.ExtractRequest(article=pb.Article(id=f"s{i}", text=f"Item {i}: Oslo rose.")))
        for i in range(5)
    ]
    # The bare stub: the client library goes on past the limit in a new stream (tests/test_client_stream.py).
    with in_process(settings) as (serving, _), grpc.insecure_channel(f"127.0.0.1:{serving.port}") as channel:
        answers = list(extraction_pb2_grpc.ExtractionServiceStub(channel).StreamExtract(iter(requests), timeout=60))
    assert [a.index for a in answers] == [0, 1, 2, 3]
    assert all(a.HasField("response") for a in answers[:3])
    assert answers[3].error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert "max_stream_articles" in answers[3].error.message


class _CallerThatLeaves:
    """The part of ``grpc.ServicerContext`` the servicer reads, for a caller that goes away."""

    def __init__(self):
        self.active = True

    def is_active(self) -> bool:
        return self.active

    def time_remaining(self) -> float | None:
        return None


def test_hardening_stream_handler_ends_when_the_caller_leaves(engine, server_settings):
    """The reader gives up on a cancelled stream without queuing its end: the answering loop must still stop."""
    from newsx.service.servicer import ExtractionServicer

    caller = _CallerThatLeaves()

    def requests():
        yield pb.StreamExtractRequest(request=pb.ExtractRequest(article=pb.Article(text="Oslo rose.")))
        caller.active = False
        raise RuntimeError("the call was cancelled")  # what gRPC's request iterator does then

    answers = []
    handler = threading.Thread(
        target=lambda: answers.extend(ExtractionServicer(engine, server_settings).StreamExtract(requests(), caller)),
        daemon=True,
    )
    handler.start()
    handler.join(timeout=20)
    assert not handler.is_alive(), "the stream handler still waits for a caller that has gone"
    assert len(answers) <= 1
