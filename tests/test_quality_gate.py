"""The quality gate: our corpora score at or above their floors, and README shows the report.

The floors (evaluation/floors/<task>.json) cover our own corpora only, so this runs on a clone
without the public development sets; ``make eval`` scores those too and writes the report.
"""

from __future__ import annotations

import importlib

import pytest

from evaluation import report
from evaluation.__main__ import TASKS


def test_quality_readme_table_is_the_report():
    scores, skipped = report.read_report()
    readme = report.README.read_text(encoding="utf-8")
    assert report.readme_with_table(readme, report.render_table(scores, skipped)) == readme


def test_quality_floors_sit_at_most_margin_under_the_report():
    measured = {score.key: score for score in report.read_report()[0]}
    floors = report.read_floors()
    assert {key.split("|")[0] for key in floors} == set(TASKS)
    for key, floor in floors.items():
        assert key in measured, f"floor {key} has no score in the report"
        assert measured[key].source == "own", f"floor {key} is on a public set"
        assert measured[key].value - report.FLOOR_MARGIN <= floor <= measured[key].value, key


@pytest.mark.slow
@pytest.mark.parametrize("task", TASKS)
def test_quality_own_corpora_at_or_above_floors(task):
    scores, _ = importlib.import_module(f"evaluation.{task}").scores(public=False)
    floors = {key: value for key, value in report.read_floors().items() if key.startswith(task + "|")}
    assert floors, f"no floors for {task}"
    assert report.floor_violations(scores, floors) == []
