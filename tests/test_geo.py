"""Places on the map: the seed's places and the hand-checked table of place mentions."""

from __future__ import annotations

import numpy
import pytest

from evaluation import entities as evaluation
from newsx.service.extract import document
from newsx.service.extract.entities import geo_source
from newsx.service.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(evaluation.MODEL)


@pytest.mark.parametrize(
    ("name", "geonames_id", "latitude", "longitude"),
    [
        ("Ashgabat", 162183, 37.95, 58.38333),
        ("Tehran", 112931, 35.69439, 51.42151),
        ("Kazan", 551487, 55.78874, 49.12214),
    ],
)
def test_geo_seed_places(nlp, name, geonames_id, latitude, longitude):
    doc = nlp("Pezeshkian flew from Tehran to Ashgabat, then on to Kazan for the summit.")
    entity = next(e for e in document.state(doc).entities if e.name == name)
    assert entity.geo is not None
    assert (entity.geo.geonames_id, entity.geo.latitude, entity.geo.longitude) == (geonames_id, latitude, longitude)


def test_geo_namesakes_abroad_go_to_the_largest_place(nlp):
    doc = nlp("Talks in Moscow ended on Friday.")
    moscow = next(e for e in document.state(doc).entities if e.name == "Moscow")
    assert (moscow.country_code, moscow.geo.geonames_id) == ("RU", 524901)


def test_geo_no_point_for_a_province_or_a_person(nlp):
    doc = nlp("Officials in Ontario met Masoud Pezeshkian.")
    assert all(e.geo is None for e in document.state(doc).entities)


def test_geo_table_precision_and_recall(nlp):
    rows = {score.metric: score.value for score in evaluation.geo_scores(nlp)}
    assert rows["geonames_id precision"] >= 95.0
    assert rows["geonames_id recall"] >= 94.0


def test_geo_shipped_index_is_current_and_as_built():
    """The shipped map index (read at start-up) is what the installed tables give now; when this
    fails, ``python -m training geo`` refreshes it."""
    shipped = geo_source.read_arrays()
    assert shipped is not None, "the shipped index is stale or absent"
    built = geo_source.to_arrays(geo_source.build_index())
    assert shipped.keys() == built.keys()
    for name, column in built.items():
        numpy.testing.assert_array_equal(shipped[name], column, err_msg=name)
