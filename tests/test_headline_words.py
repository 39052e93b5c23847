"""Headline words (service/extract/headline_words.py): word order and the lemmatizer stand in for
the parse on Title Case and capitals headlines; no name there holds its clause's verb.
Through the real pipeline, on made-up articles."""

from __future__ import annotations

import pytest

from newsx.service.extract import document
from newsx.service.extract.headline_words import HeadlineWords

BODY = "Officials gave no further details on Tuesday."


@pytest.fixture(scope="module")
def words(nlp):
    return HeadlineWords(nlp)


@pytest.mark.parametrize(
    ("headline", "word", "is_verb"),
    [
        ("Court Convicts Aide in Bribery Case", "Convicts", True),  # inflected
        ("MILITANTS KILL SEVEN NEAR BORDER", "KILL", True),  # bare, after a plural
        ("Police Arrest Three After Stabbing", "Arrest", False),  # bare, after no plural
        ("Crash Course in Budgeting Draws Crowds", "Crash", False),  # a headline's first word
        ("Quake Kills Twelve in Mountain Province", "Quake", False),
        ("Phone Sales Slump in Second Quarter", "Sales", False),  # no English verb
        ("Bombing Kills Five at Crowded Market", "Bombing", False),  # -ing reads as a noun
        ("Rebels Seize Airport, Kill Two Guards", "Seize", True),  # bare, after the subject
        ("Union Accuses Amazon Inc of Spying", "Amazon", False),  # the clause has its verb
        ("Senator Banks Calls for Inquiry", "Banks", False),  # the next word is the verb
        ("Senator Banks Calls for Inquiry", "Calls", True),
        ("Investors Cheer as Sears Holdings Posts Profit", "Posts", True),  # "as" opens a clause
        ("WATCH: Arrests Follow Riot", "Arrests", False),  # first after a colon
        ("Sears Cuts Jobs at Stores", "Cuts", True),
        ("Sears Cuts Jobs at Stores", "Jobs", False),  # nearly every noun is a verb too: the tagger decides
    ],
)
def test_verb_here_reads_word_order(analyse, words, headline, word, is_verb):
    doc = analyse(headline + "\n\n" + BODY)
    token = next(token for token in doc if token.text == word)
    assert words.verb_here(token) is is_verb


def _headline_names(doc, title: str) -> list[str]:
    return [m.text for entity in document.state(doc).entities for m in entity.mentions if m.span.start < len(title)]


@pytest.mark.parametrize(
    "title",
    [
        "Minister Resigns Amid Expenses Scandal",  # a title cue before the verb
        "Storm Batters Coast as Thousands Flee",  # a place word after it
        "Rebels Seize Airport, Kill Two Guards",  # a bare verb after a plural
        "Chipmaker Plans New Plant",  # the verb inside the span
    ],
)
def test_headline_name_never_holds_its_clauses_verb(analyse, title):
    assert _headline_names(analyse(BODY, title=title), title) == []


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Union Accuses Amazon Inc of Spying", "Amazon Inc"),  # after the verb
        ("Senator Banks Calls for Inquiry", "Banks"),  # before it
        ("Union Sues Staples Inc Over Pay", "Staples Inc"),  # a company, cut from the verb
        ("Court Fines Boots Plc Over Spill", "Boots Plc"),
    ],
)
def test_headline_name_beside_the_verb_stays(analyse, title, name):
    assert name in _headline_names(analyse(BODY, title=title), title)
