"""Figures in the full newsx pipeline: the seed article and cooperation with times and entities."""

from __future__ import annotations

import pytest

from newsx.service.domain import Comparator, FigureKind


def test_figures_seed_article(analyse, seed_article):
    title, text = seed_article
    doc = analyse(text, title=title, published_at="2024-10-09")
    found = [(f.text, f.kind, f.value, f.comparator, f.subject) for f in doc._.newsx_figures]
    assert found == [
        ("two", FigureKind.COUNT, 2, Comparator.EXACT, "leaders"),
        ("approximately 200", FigureKind.COUNT, 200, Comparator.APPROXIMATE, "missiles"),
        ("approximately 1,200", FigureKind.COUNT, 1200, Comparator.APPROXIMATE, "fatalities"),
        ("around 250", FigureKind.COUNT, 250, Comparator.APPROXIMATE, "people"),
    ]
    for figure in doc._.newsx_figures:
        assert doc.text[figure.span.start : figure.span.end] == figure.text
        assert not figure.text.startswith(("first", "Source"))
    assert [f.id for f in doc._.newsx_figures] == ["f1", "f2", "f3", "f4"]
    assert "newsx_figures" not in doc.spans  # the typed state is the one record


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks resume on October 11 after a pause since July 30.", []),
        ("Russia invaded Ukraine in February 2022, and 5,000 troops moved.", [("5,000", 5000)]),
        ("The 90-minute match drew 40,000 fans.", [("40,000", 40000)]),
        ("The G7 pledged $600 billion over five years.", [("$600 billion", 600e9)]),
        ("Boeing 737 orders rose 12% in 2023.", [("12%", 12)]),
    ],
)
def test_figures_skip_times_and_names(analyse, text, expected):
    doc = analyse(text, published_at="2024-10-09")
    assert [(f.text, f.value) for f in doc._.newsx_figures] == expected


def test_figures_sentence_index_counts_the_title(analyse):
    doc = analyse("Officials said 300 homes were lost.", title="Storm Hits Coast")
    (figure,) = doc._.newsx_figures
    assert figure.sentence_index == 1
    assert figure.subject == "homes"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a score: one figure for both sides (value_opponent 2), no subject, even after a name ("Chelsea 3")
        ("Arsenal beat Chelsea 3-2 on Sunday.", [("3-2", FigureKind.SCORE, 3, "")]),
        # an age, though times reads "nine years old" as a duration too
        ("When he was nine years old, he moved abroad.", [("nine years old", FigureKind.AGE, 9, "")]),
        # a match minute ranks inside a time expression
        ("He scored the winner in the 94th minute.", [("94th", FigureKind.ORDINAL, 94, "minute")]),
        # a currency named by its bare plural, and the conversion after it measures the same fine
        (
            "A fine of 250 million soles ($67 million) was imposed on the miner.",
            [("250 million soles", FigureKind.MONEY, 250e6, "fine"), ("$67 million", FigureKind.MONEY, 67e6, "fine")],
        ),
        ("The planet is 3.9 Earth masses.", [("3.9 Earth masses", FigureKind.QUANTITY, 3.9, "planet")]),
        # a unit glued before its number by a hyphen is no identifier
        ("Tuesday's magnitude-6.2 quake shook the city.", [("magnitude-6.2", FigureKind.QUANTITY, 6.2, "quake")]),
    ],
)
def test_figures_new_user_classes(analyse, text, expected):
    doc = analyse(text, published_at="2024-10-09")
    assert [(f.text, f.kind, f.value, f.subject) for f in doc._.newsx_figures] == expected
