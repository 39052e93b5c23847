"""The vote weights of the type decision, read from ``data/weights.yaml`` (one row per weight).

How much each piece of evidence counts for a type of its referent: the model's label, cue words,
the layout of the line, the name's own words, the gazetteer; and how salience mixes its parts.
"""

from __future__ import annotations

from pathlib import Path

from newsx.service.domain import EntityType
from newsx.service.extract.rules import RuleRow, load_rows

WEIGHTS_FILE = Path(__file__).resolve().parent / "data" / "weights.yaml"


class WeightRow(RuleRow):
    """One weight: its id names what it weighs; examples show it deciding a type."""

    weight: float


def weight_rows() -> list[WeightRow]:
    return load_rows(WEIGHTS_FILE, WeightRow)


_WEIGHTS = {row.id: row.weight for row in weight_rows()}

MODEL_VOTE = _WEIGHTS["model"]
HEADLINE_MODEL_VOTE = _WEIGHTS["headline_model"]
SHORT_FORM_MODEL_VOTE = _WEIGHTS["short_form_model"]
PERSON_CUE_VOTE = _WEIGHTS["person_cue"]
ORG_CUE_VOTE = _WEIGHTS["org_cue"]
PLACE_CUE_VOTE = _WEIGHTS["place_cue"]
LANGUAGE_CUE_VOTE = _WEIGHTS["language_cue"]
DATELINE_VOTE = _WEIGHTS["dateline"]
RESULTS_TABLE_VOTE = _WEIGHTS["results_table"]
TABLE_COLUMN_VOTE = _WEIGHTS["table_column"]
NAME_WORD_VOTE = _WEIGHTS["name_word"]
LANGUAGE_NAME_VOTE = _WEIGHTS["language_name"]
UNINTRODUCED_PERSON_DISCOUNT = _WEIGHTS["unintroduced_person_discount"]
GAZETTEER_KINDS = ("country", "demonym", "region", "state", "city")
GAZETTEER_VOTES = {kind: _WEIGHTS[f"gazetteer_{kind}"] for kind in GAZETTEER_KINDS}
GAZETTEER_TYPES = {
    "country": EntityType.GPE,
    "state": EntityType.GPE,
    "city": EntityType.GPE,
    "region": EntityType.LOCATION,
    "demonym": EntityType.GROUP,
}
# Salience weights (they add up to 1, so salience stays in [0, 1]).
SALIENCE_WEIGHTS = {part: _WEIGHTS[f"salience_{part}"] for part in ("count", "position", "title", "subject")}
# The learned classifier's answer replaces the vote when its probability is at least this.
LEARNED_CONFIDENCE = _WEIGHTS["learned_confidence"]
LEARNED_DROP = _WEIGHTS["learned_drop"]
