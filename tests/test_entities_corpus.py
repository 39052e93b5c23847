"""The hand-annotated entity corpus: every annotation resolves, and newsx beats bare spaCy on it."""

from __future__ import annotations

import json
import re

import pytest
import spacy

from evaluation import entities as evaluation
from newsx.service.domain import EntityType
from newsx.service.extract import document, entities

WORD = re.compile(r"[A-Za-z0-9][\w'.-]*")


def test_entities_corpus_size_and_lengths():
    articles = evaluation.load_corpus()
    assert len(articles) >= 20
    for article in articles:
        words = len(WORD.findall(article.article.title + " " + article.article.text))
        assert 120 <= words <= 400, (article.id, words)


def test_entities_corpus_annotations_resolve_without_overlap():
    for path in sorted(evaluation.CORPUS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text = (data["title"] + "\n\n" + data["text"]) if data["title"] else data["text"]
        spans = sorted(evaluation.resolve_annotations(text, data["entities"]))
        for (start, end, label), following in zip(spans, spans[1:] + [(len(text) + 1, 0, "")]):
            assert end <= following[0], (path.name, text[start:end])
            assert EntityType(label)
            assert text[start:end].strip() == text[start:end] and text[start:end]


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        # "Putin" is at 0-5, "Vladimir Putin" at 10-24.
        ([{"text": "Putin", "type": "PERSON"}], {(0, 5, "PERSON"), (19, 24, "PERSON")}),
        (
            [{"text": "Vladimir Putin", "type": "PERSON"}, {"text": "Putin", "type": "PERSON"}],
            {(0, 5, "PERSON"), (10, 24, "PERSON")},
        ),
        ([{"text": "Putin", "type": "PERSON", "occurrence": 2}], {(19, 24, "PERSON")}),
    ],
)
def test_entities_resolve_annotations(entries, expected):
    assert evaluation.resolve_annotations("Putin met Vladimir Putin", entries) == expected


@pytest.mark.parametrize(
    "entries",
    [
        [{"text": "Medvedev", "type": "PERSON"}],
        [{"text": "Putin", "type": "PERSON", "occurrence": 3}],
        [{"text": "Putin", "type": "LEADER"}],
    ],
)
def test_entities_resolve_annotations_rejects_bad_entries(entries):
    with pytest.raises(ValueError):
        evaluation.resolve_annotations("Putin met Vladimir Putin", entries)


def test_entities_newsx_beats_bare_model_on_corpus():
    articles = evaluation.load_corpus()
    bare = spacy.load(evaluation.MODEL)
    newsx = spacy.load(evaluation.MODEL)
    newsx.add_pipe(entities.FACTORY_NAME, name="newsx_entities")
    scores = {"bare": evaluation.Score.empty(), "newsx": evaluation.Score.empty()}
    for name, nlp, spans in (("bare", bare, evaluation.bare_spans), ("newsx", newsx, evaluation.newsx_spans)):
        for article, doc in zip(articles, nlp.pipe(document.make_doc(nlp, a.article) for a in articles)):
            scores[name].add(evaluation.to_newswire(spans(doc)), evaluation.to_newswire(set(article.gold)))
    assert scores["newsx"].prf()[2] >= scores["bare"].prf()[2] + 10
