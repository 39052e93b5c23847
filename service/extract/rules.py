"""Language knowledge as data: loading rule tables (YAML) checked against a schema.

Every extractor keeps its patterns, lexicons, senses, frames and weights in YAML files under its
package's ``data/`` folder. A file is a mapping with a ``rules`` list (and optional ``macros``);
each row is validated by the extractor's pydantic model when loaded, so a typo fails at start-up
with the file and the row named instead of a rule silently never firing. Rows carry ``examples``
(input, expected output) that the extractor's rule test runs, as HeidelTime and Recognizers-Text
keep theirs; a row without an example is reported by that test.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

Row = TypeVar("Row", bound=BaseModel)


class RuleFileError(ValueError):
    """A rule file that cannot be read or does not match its schema; says which file and row."""


class Example(BaseModel):
    """One input a rule must handle and what it must produce (its meaning is the extractor's)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    expect: Any = None
    published_at: str = ""
    title: str = ""  # the article's title, for rules that read it (headlines, salience)


class RuleRow(BaseModel):
    """Fields every rule row has: a unique id and its examples."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    examples: tuple[Example, ...] = ()


@functools.cache
def _read(path: Path) -> dict[str, Any]:
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RuleFileError(f"{path}: cannot be read as YAML: {exc}") from exc
    if not isinstance(content, dict):
        raise RuleFileError(f"{path}: must be a mapping with a 'rules' list")
    return content


def load_rows(path: Path, row_model: type[Row], key: str = "rules") -> list[Row]:
    """The rows under ``key`` in ``path``, each validated by ``row_model``; ids must be unique."""
    raw = _read(path).get(key)
    if not isinstance(raw, list):
        raise RuleFileError(f"{path}: '{key}' must be a list of rows")
    rows: list[Row] = []
    seen: set[str] = set()
    for number, item in enumerate(raw, 1):
        label = item.get("id", "?") if isinstance(item, dict) else "?"
        try:
            row = row_model.model_validate(item)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            raise RuleFileError(f"{path}: row {number} ({label}): {problems}") from None
        row_id = getattr(row, "id", None)
        if row_id is not None:
            if row_id in seen:
                raise RuleFileError(f"{path}: row {number}: duplicate id {row_id!r}")
            seen.add(row_id)
        rows.append(row)
    return rows


def load_section(path: Path, key: str) -> Any:
    """A top-level section of a rule file (macros, weights, word lists) as written."""
    content = _read(path)
    if key not in content:
        raise RuleFileError(f"{path}: missing section {key!r}")
    return content[key]
