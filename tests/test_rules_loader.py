"""The rule-table loader: schema errors name the file and the row."""

from __future__ import annotations

import pytest

from newsx.service.extract.rules import RuleFileError, RuleRow, load_rows, load_section


def write(tmp_path, text):
    path = tmp_path / "table.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_rules_loader_reads_rows_and_examples(tmp_path):
    path = write(tmp_path, "weights: {a: 1}\nrules:\n  - id: one\n    examples: [{text: 'x', expect: 1}]\n")
    rows = load_rows(path, RuleRow)
    assert [row.id for row in rows] == ["one"]
    assert rows[0].examples[0].expect == 1
    assert load_section(path, "weights") == {"a": 1}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rules:\n  - id: one\n    colour: red\n", "row 1 (one): colour"),
        ("rules:\n  - id: one\n  - id: one\n", "row 2: duplicate id 'one'"),
        ("rules: 3\n", "'rules' must be a list"),
        ("- just a list\n", "must be a mapping"),
        ("rules: [\n", "cannot be read as YAML"),
    ],
)
def test_rules_loader_error_names_file_and_row(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(RuleFileError) as error:
        load_rows(path, RuleRow)
    assert str(path) in str(error.value)
    assert message in str(error.value)
