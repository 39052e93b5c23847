"""Trigger words of headlines in Title Case or capitals, which the tagger reads as names
(service/extract/events/headlines.py), through the real pipeline on made-up articles."""

from __future__ import annotations

import pytest


def _types_at(doc, word: str) -> list[str]:
    """The types of the events with a mention on the first occurrence of ``word``."""
    start = doc.text.index(word)
    return [event.type for event in doc._.newsx_events if any(m.span.start == start for m in event.mentions)]


@pytest.mark.parametrize(
    ("title", "text", "word", "expected"),
    [
        (
            "Court Convicts Aide in Bribery Case",
            "A federal court found the former aide guilty on Tuesday.",
            "Convicts",
            "Justice.Convict.Unspecified",
        ),
        (
            "Bombing Kills Five at Crowded Market",
            "A bomb went off at a market on Monday, killing five people.",
            "Bombing",
            "Conflict.Attack.DetonateExplode",
        ),
        (
            "Bombing Kills Five at Crowded Market",
            "A bomb went off at a market on Monday, killing five people.",
            "Kills",
            "Life.Die.Unspecified",
        ),
        (
            "Quake Kills 12, Injures Dozens in Mountain Province",
            "The earthquake struck before dawn on Saturday.",
            "Kills",
            "Life.Die.Unspecified",
        ),
        (
            "",
            "MILITANTS KILL SEVEN NEAR BORDER\n\nGunmen opened fire on a checkpoint late on Sunday.",
            "KILL",
            "Life.Die.Unspecified",
        ),
    ],
)
def test_headline_trigger_word_is_read_by_its_lower_case(analyse, title, text, word, expected):
    doc = analyse(text, title=title)
    assert _types_at(doc, word) == [expected]


@pytest.mark.parametrize(
    ("title", "text", "word"),
    [
        # A name of the article: written capitalised in its running text too.
        ("Shell Profits Rise as Oil Prices Climb", "Analysts said Shell had a strong quarter.", "Shell"),
        ("", "SHELL PROFITS RISE AS OIL CLIMBS\n\nAnalysts said Shell had a strong quarter.", "SHELL"),
        # A match report's headline plays, as its prose does.
        ("", "ROVERS SEAL 3-0 VICTORY OVER CITY\n\nRovers beat City 3-0 on Saturday.", "VICTORY"),
        # A headline's first word is its subject, and a noun before a noun modifies it.
        ("Bomb Squad Clears Station After Alert", "Officers examined a suitcase for an hour.", "Bomb"),
        ("Crash Course in Budgeting Draws Big Crowds", "Hundreds came to learn how to save.", "Crash"),
        # A date, and a section label, are no events.
        ("Elections Postponed Until March", "The vote will now be held in March.", "March"),
        ("", "Police detained two men.\n\n== Arrests And Convictions Afterwards ==\n\nBoth were freed.", "Arrests"),
        # A word with several senses needs its context, which a headline's parse does not give.
        ("Club Fires Manager After Heavy Defeat", "The club dismissed its manager on Sunday.", "Fires"),
    ],
)
def test_headline_word_that_is_a_name_or_ambiguous_names_no_event(analyse, title, text, word):
    assert _types_at(analyse(text, title=title), word) == []


def test_sentence_case_title_is_read_as_prose(analyse):
    doc = analyse("The former aide was convicted on Tuesday.", title="Court convicts aide in bribery case")
    assert _types_at(doc, "convicts") == ["Justice.Convict.Unspecified"]
