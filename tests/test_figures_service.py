"""Figures through the real server and client, and the figure's conversion to the proto: scores of
matches and votes (one KIND_SCORE figure with both sides) and match minutes (issue 16)."""

from __future__ import annotations

from google.protobuf import json_format

from newsx.service import convert, domain
from newsx.v1 import extraction_pb2 as pb


def test_figures_service_reads_a_score_as_one_figure_with_both_sides(client):
    text = "Kane scored in the 94th minute as Spurs won 3-2 at White Hart Lane."
    response = client.extract(pb.Article(text=text, published_at="2024-10-09"))
    score = [f for f in response.figures if f.kind == pb.Figure.KIND_SCORE]
    assert [(f.text, f.value, f.value_opponent, f.unit, f.subject) for f in score] == [("3-2", 3, 2, "", "")]
    assert not score[0].HasField("value_max")
    # the two sides are no counts of their own
    assert not [f for f in response.figures if f.kind == pb.Figure.KIND_COUNT]
    minute = [f for f in response.figures if f.kind == pb.Figure.KIND_ORDINAL]
    assert [(f.text, f.value, f.subject) for f in minute] == [("94th", 94, "minute")]


def test_figures_service_reads_a_vote_tally_and_keeps_a_range_of_people(client):
    text = "The Senate voted 52-48 to pass the bill, and 5-10 people protested outside."
    response = client.extract(pb.Article(text=text, published_at="2024-10-09"))
    found = [
        (f.text, pb.Figure.Kind.Name(f.kind), f.value, f.value_opponent if f.HasField("value_opponent") else None)
        for f in response.figures
    ]
    assert found == [("52-48", "KIND_SCORE", 52, 48), ("5-10", "KIND_COUNT", 5, None)]
    assert response.figures[1].value_max == 10


def test_figures_score_converts_to_the_proto_and_back_through_json():
    text = "Arsenal won 2-1."
    score = domain.Figure(
        id="f1",
        kind=domain.FigureKind.SCORE,
        text="2-1",
        span=domain.Span(12, 15),
        value=2,
        sentence_index=0,
        value_opponent=1,
    )
    count = domain.Figure(
        id="f2", kind=domain.FigureKind.COUNT, text="2", span=domain.Span(12, 13), value=2, sentence_index=0
    )
    extraction = domain.Extraction("a1", text, [], [], [score, count], [], [], "test")
    response = convert.extraction_to_proto(extraction, text, pb.OFFSET_ENCODING_UNSPECIFIED)
    as_json = json_format.MessageToDict(response.figures[0])
    assert as_json["kind"] == "KIND_SCORE"
    assert (as_json["value"], as_json["valueOpponent"]) == (2, 1)
    back = json_format.ParseDict(as_json, pb.Figure())
    assert back == response.figures[0]
    assert not response.figures[1].HasField("value_opponent")  # unset for every other kind
