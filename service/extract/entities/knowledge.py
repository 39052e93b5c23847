"""The look-up tables one extractor instance holds: the place gazetteer, language names, the
GeoNames index for map points and the learned type classifier (absent when not trained)."""

from __future__ import annotations

from dataclasses import dataclass

from newsx.service.extract.entities.gazetteer import Place, language_names, place_gazetteer
from newsx.service.extract.entities.geo import GeoIndex, geo_index
from newsx.service.extract.entities.learned import TypeModel


@dataclass(frozen=True, slots=True)
class Resources:
    """Look-up tables the extractor needs, built once per pipeline."""

    gazetteer: dict[str, Place]
    languages: frozenset[str] = frozenset()
    type_model: TypeModel | None = None
    geo: GeoIndex | None = None

    @classmethod
    def load(cls, type_model: TypeModel | None = None) -> Resources:
        return cls(place_gazetteer(), language_names(), type_model, geo_index())
