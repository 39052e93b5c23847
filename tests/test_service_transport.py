"""What a pipeline worker sends the front survives the trip between processes unchanged."""

from __future__ import annotations

import dataclasses
import pickle
from multiprocessing.reduction import ForkingPickler

import pytest

from newsx.service.domain import (
    Entity,
    EntityType,
    Extraction,
    Figure,
    FigureKind,
    Geo,
    Mention,
    Sentence,
    Span,
)
from newsx.service.worker import Analysis


def _analysis() -> Analysis:
    paris = Entity(
        id="E1",
        type=EntityType.GPE,
        name="Paris",
        mentions=[Mention("Paris", Span(0, 5), 0, in_title=True), Mention("Paris", Span(40, 45), 1)],
        country_code="FR",
        geo=Geo(48.85341, 2.3488, 2988507),
    )
    figure = Figure(id="F1", kind=FigureKind.MONEY, text="$2 billion", span=Span(20, 30), value=2e9, sentence_index=0)
    extraction = Extraction(
        article_id="a1",
        text="Paris",
        entities=[paris],
        events=[],
        figures=[figure],
        times=[],
        sentences=[Sentence(0, Span(0, 31), in_title=True), Sentence(1, Span(33, 46))],
        model="en_core_web_sm@3.8.0",
    )
    return Analysis(extraction)


def test_an_analysis_comes_back_equal_through_the_pipe_pickler():
    analysis = _analysis()
    back = pickle.loads(ForkingPickler.dumps(("batch", [(7, analysis)], 0.1)))
    assert back == ("batch", [(7, analysis)], 0.1)
    entity = back[1][0][1].extraction.entities[0]
    assert entity.mentions[1].span == Span(40, 45)
    assert entity.geo == Geo(48.85341, 2.3488, 2988507)
    assert back[1][0][1].extraction.figures[0].span.end == 30


def test_spans_and_points_stay_frozen_and_hashable_after_the_trip():
    span, geo = pickle.loads(pickle.dumps((Span(3, 9), Geo(1.5, -2.25, 42))))
    assert {span: "x"}[Span(3, 9)] == "x"
    assert (geo.latitude, geo.longitude, geo.geonames_id) == (1.5, -2.25, 42)
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 4  # type: ignore[misc]
