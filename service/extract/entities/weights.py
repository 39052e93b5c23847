"""The weights of the entity extractor, read from ``data/weights.yaml`` and ``data/salience.yaml``
(one row per weight; each constant is its row's id in capitals).

How much each piece of evidence counts for a type of its referent (the model's label, cue words,
the layout of the line, the name's own words, the gazetteer), when the learned classifier's answer
is taken, the populations and ratios that settle a place name, and how salience mixes its parts.
Other modules read them as ``weights.NAME`` when they use them, so a test can switch one off.
"""

from __future__ import annotations

from pathlib import Path

from newsx.service.domain import EntityType
from newsx.service.extract.rules import RuleRow, load_rows

DATA = Path(__file__).resolve().parent / "data"
WEIGHTS_FILE = DATA / "weights.yaml"
SALIENCE_FILE = DATA / "salience.yaml"


class WeightRow(RuleRow):
    """One weight: its id names what it weighs; examples show it deciding. ``neutral`` is the value
    that switches its rule off (0 for a vote, 1 for a ratio, unreachable for a threshold)."""

    weight: float
    neutral: float = 0.0


def weight_rows(path: Path = WEIGHTS_FILE) -> list[WeightRow]:
    return load_rows(path, WeightRow)


_WEIGHTS = {row.id: row.weight for row in weight_rows()}

# Votes for a type: the model's label (less for short forms of a name; none on headline lines).
MODEL_VOTE = _WEIGHTS["model_vote"]
# Words around a mention ("President X", "X spokesman", "the town of X", "speak X").
PERSON_CUE_VOTE = _WEIGHTS["person_cue_vote"]
ORG_CUE_VOTE = _WEIGHTS["org_cue_vote"]
PLACE_CUE_VOTE = _WEIGHTS["place_cue_vote"]
LANGUAGE_CUE_VOTE = _WEIGHTS["language_cue_vote"]
PRONOUN_CUE_VOTE = _WEIGHTS["pronoun_cue_vote"]
TITLE_ARTICLE_VOTE = _WEIGHTS["title_article_vote"]
# A mixed-case initialism nothing else took for a name ("PwC", "KfW"): an organisation's short name.
INITIALISM_VOTE = _WEIGHTS["initialism_vote"]
# The layout of the line: a dateline's place, a team in a score line, a column of a table.
DATELINE_VOTE = _WEIGHTS["dateline_vote"]
RESULTS_TABLE_VOTE = _WEIGHTS["results_table_vote"]
# The name itself: its last or first word ("... Party", "Lake ...").
NAME_WORD_VOTE = _WEIGHTS["name_word_vote"]
# The name tagger's class, times its probability.
TAGGER_VOTE = _WEIGHTS["tagger_vote"]
# A one-word name is a person without introduction only where the tagger is this sure it is one.
SURE_PERSON_TAGGER = _WEIGHTS["sure_person_tagger"]
# Taken off the person vote of a one-word town name the model calls a person.
# The gazetteer, by kind of place.
GAZETTEER_COUNTRY_VOTE = _WEIGHTS["gazetteer_country_vote"]
GAZETTEER_DEMONYM_VOTE = _WEIGHTS["gazetteer_demonym_vote"]
GAZETTEER_REGION_VOTE = _WEIGHTS["gazetteer_region_vote"]
GAZETTEER_STATE_VOTE = _WEIGHTS["gazetteer_state_vote"]
GAZETTEER_CITY_VOTE = _WEIGHTS["gazetteer_city_vote"]
GAZETTEER_TOWN_VOTE = _WEIGHTS["gazetteer_town_vote"]  # a city too small to be recovered unasked
GAZETTEER_PHENOMENON_VOTE = _WEIGHTS["gazetteer_phenomenon_vote"]
GAZETTEER_TYPES = {
    "country": EntityType.GPE,
    "state": EntityType.GPE,
    "city": EntityType.GPE,
    "region": EntityType.LOCATION,
    "demonym": EntityType.GROUP,
    "phenomenon": EntityType.EVENT,
}
# The learned classifier's answer replaces the vote when its probability is at least this; it
# drops a referent it is this sure is no name.
LEARNED_CONFIDENCE = _WEIGHTS["learned_confidence"]
LEARNED_DROP = _WEIGHTS["learned_drop"]
# Cities below this population are not recovered when the model missed them (they are still used
# to confirm a GPE label and to find a country code).
RECOVERY_MIN_CITY_POPULATION = _WEIGHTS["recovery_min_city_population"]
# On the map, a town in a country the article names beats one up to this many times larger
# elsewhere; one in the dateline's country, up to its own ratio.
NAMED_COUNTRY_RATIO = _WEIGHTS["named_country_ratio"]
DATELINE_COUNTRY_RATIO = _WEIGHTS["dateline_country_ratio"]
SENTENCE_COUNTRY_RATIO = _WEIGHTS["sentence_country_ratio"]
# A province's name shadows its namesake towns abroad when none of them is this large.
SHADOWED_TOWN_POPULATION = _WEIGHTS["shadowed_town_population"]
# Salience weights (they add up to 1, so salience stays in [0, 1]).
SALIENCE_WEIGHTS = {row.id: row.weight for row in weight_rows(SALIENCE_FILE)}


def gazetteer_vote(kind: str, large: bool = True) -> float:
    """The gazetteer's vote for a name of this kind of place (``large``: a city worth recovering)."""
    if kind == "city" and not large:
        return GAZETTEER_TOWN_VOTE
    return {
        "country": GAZETTEER_COUNTRY_VOTE,
        "demonym": GAZETTEER_DEMONYM_VOTE,
        "region": GAZETTEER_REGION_VOTE,
        "state": GAZETTEER_STATE_VOTE,
        "city": GAZETTEER_CITY_VOTE,
        "phenomenon": GAZETTEER_PHENOMENON_VOTE,
    }[kind]
