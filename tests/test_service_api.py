"""The gRPC contract end to end: a real server on a free port, called through the real client."""

from __future__ import annotations

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

from newsx.client.client import NewsxError
from newsx.v1 import extraction_pb2 as pb

SEED_PUBLISHED_AT = "2024-10-09"


def _entity(response: pb.ExtractResponse, name: str) -> pb.Entity:
    return next(e for e in response.entities if e.name == name)


def test_service_extract_seed_person_with_every_mention(client, seed_article):
    title, text = seed_article
    response = client.extract(pb.Article(id="seed", title=title, text=text, published_at=SEED_PUBLISHED_AT))
    assert response.article_id == "seed"
    assert response.text == f"{title}\n\n{text}"  # the analysed text, since a title was given
    putin = _entity(response, "Vladimir Putin")
    assert putin.type == pb.Entity.TYPE_PERSON
    # "Putin" in the title, "Vladimir Putin" in the first sentence: counted by hand in the seed.
    assert [m.text for m in putin.mentions] == ["Putin", "Vladimir Putin"]
    assert putin.mentions[0].in_title and not putin.mentions[1].in_title
    for mention in putin.mentions:
        assert response.text[mention.span.start : mention.span.end] == mention.text
    assert response.model.startswith("en_core_web_sm")
    assert response.sentences[0].in_title and not response.sentences[1].in_title
    october_11 = next(t for t in response.times if t.text == "October 11")
    assert october_11.value == "2024-10-11"


def test_service_extract_without_title_keeps_input_text(client):
    response = client.extract(pb.Article(text="Ford cut 3,000 jobs in Detroit on Friday."))
    assert response.text == ""  # the analysed text is the input text
    assert response.offset_encoding == pb.OFFSET_ENCODING_CODE_POINT


def test_service_summarize_returns_body_sentences_in_order(client, seed_article):
    title, text = seed_article
    response = client.summarize(
        pb.Article(title=title, text=text, published_at=SEED_PUBLISHED_AT), max_sentences=3, include_extraction=True
    )
    assert 1 <= len(response.sentences) <= 3
    indexes = [s.index for s in response.sentences]
    assert indexes == sorted(indexes) and 0 not in indexes  # article order, never the title
    for sentence in response.sentences:
        assert response.text[sentence.span.start : sentence.span.end] == sentence.text
        assert "Source 1" not in sentence.text
    assert response.summary == " ".join(s.text for s in response.sentences)
    assert response.method != pb.SUMMARY_METHOD_UNSPECIFIED
    assert response.extraction.entities  # the embedded extraction from the same parse
    assert set(response.brief.entity_ids) <= {e.id for e in response.extraction.entities}


def test_service_summarize_lead_takes_first_body_sentences(client, test_articles):
    title, text = test_articles["crime-bank-robbery"]
    response = client.summarize(pb.Article(title=title, text=text), max_sentences=2, method=pb.SUMMARY_METHOD_LEAD)
    assert response.method == pb.SUMMARY_METHOD_LEAD
    assert [s.text.split()[:3] for s in response.sentences] == [
        ["Police", "in", "Manchester"],
        ["The", "suspects,", "aged"],
    ]


def test_service_stream_extract_answers_in_order_and_isolates_a_bad_article(client, test_articles):
    texts = [text for _, text in test_articles.values()]
    requests = [pb.ExtractRequest(article=pb.Article(id=f"a{i}", text=t)) for i, t in enumerate(texts)]
    requests.insert(3, pb.ExtractRequest(article=pb.Article(id="bad", text="   ")))
    answers = list(client.stream_extract(requests))
    assert [a.index for a in answers] == list(range(len(requests)))
    assert [a.article_id for a in answers] == [r.article.id for r in requests]
    bad = answers[3]
    assert bad.HasField("error") and bad.error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert all(a.HasField("response") and a.response.entities for i, a in enumerate(answers) if i != 3)


def test_service_stream_summarize_answers_in_order_each_like_summarize(client, test_articles):
    articles = [pb.Article(id=name, title=title, text=text) for name, (title, text) in test_articles.items()]
    requests = [pb.SummarizeRequest(article=article, max_sentences=2) for article in articles]
    requests.insert(2, pb.SummarizeRequest(article=pb.Article(id="bad", text="x"), max_sentences=-1))
    answers = list(client.stream_summarize(requests))
    assert [a.article_id for a in answers] == [r.article.id for r in requests]
    assert [a.index for a in answers] == list(range(len(requests)))
    bad = answers[2]
    assert bad.HasField("error") and bad.error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    for request, answer in zip(requests, answers):
        if request.article.id == "bad":
            continue
        single = client.summarize(request.article, max_sentences=2)
        assert answer.response.summary == single.summary and len(answer.response.sentences) == 2


def _health(address: str, service: str = "newsx.v1.ExtractionService") -> int:
    with grpc.insecure_channel(address) as channel:
        return (
            health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(service=service), timeout=5).status
        )


def test_service_health_not_serving_until_pipeline_attached_then_serving(engine, server_settings, test_articles):
    from newsx.client.client import NewsxClient
    from newsx.service.server import create_server

    serving = create_server(server_settings)
    address = f"127.0.0.1:{serving.port}"
    try:
        assert _health(address) == health_pb2.HealthCheckResponse.NOT_SERVING
        with NewsxClient(address, timeout=5) as client:
            with pytest.raises(NewsxError) as loading:
                client.extract(pb.Article(text="Paris is in France."))
            assert loading.value.code == grpc.StatusCode.UNAVAILABLE and loading.value.reason == "NOT_READY"
            serving.set_serving(engine)
            assert client.health() == "SERVING"
            for _, text in test_articles.values():  # some load, then health again
                client.extract(pb.Article(text=text))
            assert client.health() == "SERVING"
            assert _health(address, service="") == health_pb2.HealthCheckResponse.SERVING
    finally:
        serving.drain(1.0)


def test_service_reflection_lists_extraction_service(server_address):
    with grpc.insecure_channel(server_address) as channel:
        database = ProtoReflectionDescriptorDatabase(channel)
        services = database.get_services()
        assert "newsx.v1.ExtractionService" in services
        assert "grpc.health.v1.Health" in services
        method_names = {
            m.name for m in database.FindFileContainingSymbol("newsx.v1.ExtractionService").service[0].method
        }
        assert method_names == {"Extract", "Summarize", "StreamExtract", "StreamSummarize"}


def _violations(error: NewsxError) -> list[str]:
    return [field for field, _ in error.field_violations]


@pytest.mark.parametrize(
    ("article", "reason", "field"),
    [
        (pb.Article(text=""), "EMPTY_ARTICLE", "article.text"),
        (pb.Article(text=" \n\t "), "EMPTY_ARTICLE", "article.text"),
        (pb.Article(text="Some text.", html="<p>Some text.</p>"), "TEXT_AND_HTML", "article.html"),
        (pb.Article(text="Some text.", published_at="yesterday"), "INVALID_PUBLISHED_AT", "article.published_at"),
        (pb.Article(text="Some text.", published_at="2024-13-45"), "INVALID_PUBLISHED_AT", "article.published_at"),
        (pb.Article(text="x" * 50_001), "ARTICLE_TOO_LARGE", "article.text"),
        (pb.Article(id="i" * 257, text="Some text."), "INVALID_ARTICLE_ID", "article.id"),
        (
            pb.Article(html="<html><head></head><body><script>var a;</script></body></html>"),
            "EMPTY_ARTICLE",
            "article.html",
        ),
    ],
)
def test_service_extract_invalid_article_is_invalid_argument(client, article, reason, field):
    with pytest.raises(NewsxError) as raised:
        client.extract(article)
    error = raised.value
    assert error.code == grpc.StatusCode.INVALID_ARGUMENT
    assert error.reason == reason
    assert _violations(error) == [field]
    assert any(isinstance(d, error_details_pb2.ErrorInfo) and d.domain == "newsx.v1" for d in error.details)


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"max_sentences": -1}, "max_sentences"),
        ({"max_characters": -5}, "max_characters"),
        ({"ratio": 1.5}, "ratio"),
        ({"min_confidence": -0.1}, "min_confidence"),
        ({"method": 99}, "method"),  # a number this server's enum does not know
        ({"offset_encoding": 7}, "offset_encoding"),
    ],
)
def test_service_summarize_invalid_option_is_invalid_argument(client, options, field):
    with pytest.raises(NewsxError) as raised:
        client.summarize(pb.Article(text="Prices rose. Sales fell."), **options)
    assert raised.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert _violations(raised.value) == [field]


def test_service_extract_min_confidence_out_of_range_is_invalid_argument(client):
    with pytest.raises(NewsxError) as raised:
        client.extract(pb.Article(text="Prices rose."), min_confidence=2.0)
    assert raised.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert _violations(raised.value) == ["min_confidence"]


def test_service_extract_unknown_offset_encoding_is_invalid_argument(client):
    with pytest.raises(NewsxError) as raised:
        client.extract(pb.Article(text="Prices rose."), offset_encoding=9)
    assert raised.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert _violations(raised.value) == ["offset_encoding"]


def test_service_stream_extract_unknown_offset_encoding_answers_that_item(client):
    requests = [
        pb.ExtractRequest(article=pb.Article(id="bad", text="Prices rose in Paris."), offset_encoding=9),
        pb.ExtractRequest(article=pb.Article(id="good", text="Prices rose in Paris.")),
    ]
    answers = list(client.stream_extract(requests))
    assert [a.article_id for a in answers] == ["bad", "good"]
    assert answers[0].error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert [e.name for e in answers[1].response.entities] == ["Paris"]


def test_service_summarize_min_confidence_links_only_kept_entities_and_events(client, seed_article):
    title, text = seed_article
    article = pb.Article(title=title, text=text, published_at=SEED_PUBLISHED_AT)
    everything = client.summarize(article, include_extraction=True)
    confident = client.summarize(article, include_extraction=True, min_confidence=0.92)  # the people score 0.9
    kept_entities = {e.id for e in confident.extraction.entities}
    kept_events = {v.id for v in confident.extraction.events}
    linked = {k.entity_id for k in everything.key_phrases} | set(everything.brief.entity_ids)
    assert linked - {""} - kept_entities  # the unfiltered summary links some entity the filter drops
    assert {k.entity_id for k in confident.key_phrases} - {""} <= kept_entities
    assert set(confident.brief.entity_ids) <= kept_entities
    assert not confident.brief.event_id or confident.brief.event_id in kept_events


def test_service_extract_min_confidence_filters_entities_events_and_arguments(client, seed_article):
    title, text = seed_article
    article = pb.Article(title=title, text=text, published_at=SEED_PUBLISHED_AT)
    everything = client.extract(article)
    confident = client.extract(article, min_confidence=0.8)
    entity_ids = {e.id for e in confident.entities}
    assert all(e.confidence >= 0.8 for e in confident.entities)
    assert all(v.confidence >= 0.8 for v in confident.events)
    for event in confident.events:
        for argument in event.arguments:
            assert argument.confidence >= 0.8
            assert not argument.entity_id or argument.entity_id in entity_ids  # no link to a dropped entity
    dropped = sum(e.confidence < 0.8 for e in everything.entities) + sum(v.confidence < 0.8 for v in everything.events)
    assert dropped > 0  # the seed has less certain entities and events: the filter is exercised
    assert (
        len(confident.entities) + len(confident.events) == len(everything.entities) + len(everything.events) - dropped
    )
