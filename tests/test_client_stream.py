"""The client library's streams against a real server with a small articles-per-stream limit: the
logical stream goes on in new gRPC streams, indices and order kept, for the library and the CLI."""

from __future__ import annotations

import dataclasses
import json

from newsx.client import cli
from newsx.client.client import NewsxClient
from newsx.service.server import in_process
from newsx.v1 import extraction_pb2 as pb
from tests.test_cli_output import article_text, write_jsonl


def test_client_stream_goes_on_past_the_servers_stream_limit(server_settings, tmp_path, capsys):
    extract = [pb.ExtractRequest(article=pb.Article(id=f"x{i}", text=article_text(i))) for i in range(8)]
    summarize = [pb.SummarizeRequest(article=pb.Article(id=f"s{i}", text=article_text(i))) for i in range(7)]
    source = write_jsonl(tmp_path / "in.jsonl", 10)
    with in_process(dataclasses.replace(server_settings, max_stream_articles=3)) as (serving, _):
        address = f"127.0.0.1:{serving.port}"
        with NewsxClient(address, timeout=60) as client:
            extracted = list(client.stream_extract(extract))
            summarised = list(client.stream_summarize(summarize))
        code = cli.main(["extract", "--server", address, "--jsonl", str(source)])
        streams = sum(
            sample.value
            for metric in serving.metrics.registry.collect()
            for sample in metric.samples
            if sample.name == "newsx_calls_total" and sample.labels["method"] == "StreamExtract"
        )

    assert [a.index for a in extracted] == list(range(8))
    assert [a.article_id for a in extracted] == [f"x{i}" for i in range(8)]
    assert all(a.HasField("response") and a.response.entities for a in extracted)
    assert [a.index for a in summarised] == list(range(7))
    for i, answer in enumerate(summarised):
        assert answer.article_id == f"s{i}" and answer.response.sentences
        assert all(s.text in article_text(i) for s in answer.response.sentences)
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0 and [r["article_id"] for r in records] == [f"a{i}" for i in range(10)]
    assert all(r["entities"] for r in records)
    assert streams == 3 + 4  # three articles a stream: 8 in 3 streams, 10 in 4
