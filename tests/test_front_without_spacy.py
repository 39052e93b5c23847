"""The gRPC front imports only protobuf, gRPC and the domain: spaCy lives in the worker processes."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import MODEL, SEED

FRONT = textwrap.dedent(
    """
    import sys
    from newsx.client.client import NewsxClient
    from newsx.service.config import Settings
    from newsx.service.server import in_process
    from newsx.v1 import extraction_pb2 as pb

    settings = Settings(address="127.0.0.1:0", model=sys.argv[1], workers=1, grace_seconds=2)
    text = open(sys.argv[2], encoding="utf-8").read()
    article = pb.Article(text=text, published_at="2024-10-09")
    with in_process(settings) as (serving, _), NewsxClient(f"127.0.0.1:{serving.port}", timeout=120) as client:
        assert client.extract(article).entities
        assert client.summarize(article).sentences
        assert all(a.HasField("response") for a in client.stream_extract([pb.ExtractRequest(article=article)]))
        summaries = client.stream_summarize([pb.SummarizeRequest(article=article)])
        assert all(a.HasField("response") for a in summaries)
    print(sorted({name.split(".")[0] for name in sys.modules} & {"spacy", "thinc", "numpy"}))
    """
)


def test_front_serves_every_rpc_without_loading_spacy_or_thinc():
    result = subprocess.run(
        [sys.executable, "-c", FRONT, MODEL, str(SEED)], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    loaded = result.stdout.strip().splitlines()[-1]
    assert "spacy" not in loaded and "thinc" not in loaded, loaded
