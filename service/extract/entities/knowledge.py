"""The look-up tables one extractor instance holds: the place gazetteer, language names, the
GeoNames index for map points, and the learned name tagger and type classifier (each absent when
not trained)."""

from __future__ import annotations

from dataclasses import dataclass

from newsx.service.extract.entities.gazetteer import Place, language_names, place_gazetteer
from newsx.service.extract.entities.geo import GeoIndex, geo_index
from newsx.service.extract.entities.learned import TypeModel
from newsx.service.extract.entities.tagger import NameTagger, PlaceWords
from newsx.service.extract.headline_words import HeadlineWords


@dataclass(frozen=True, slots=True)
class Resources:
    """Look-up tables the extractor needs, built once per pipeline."""

    gazetteer: dict[str, Place]
    languages: frozenset[str] = frozenset()
    type_model: TypeModel | None = None
    geo: GeoIndex | None = None
    tagger: NameTagger | None = None
    place_words: PlaceWords | None = None  # the gazetteer's words as the tagger reads them
    regions: frozenset[str] = frozenset()  # keys of names that are no point on the map ("Africa", "El Nino")
    headline_words: HeadlineWords | None = None  # the pipeline's reading of headline verbs

    @classmethod
    def load(
        cls,
        type_model: TypeModel | None = None,
        tagger: NameTagger | None = None,
        headline_words: HeadlineWords | None = None,
    ) -> Resources:
        gazetteer = place_gazetteer()
        regions = frozenset(key for key, place in gazetteer.items() if place.kind in ("region", "phenomenon"))
        places = PlaceWords.build(gazetteer)
        return cls(gazetteer, language_names(), type_model, geo_index(), tagger, places, regions, headline_words)

    def tagged(self, doc) -> list:
        """The name tagger's spans (none without a tagger)."""
        if self.tagger is None or self.place_words is None:
            return []
        return self.tagger.spans(doc, self.place_words)
