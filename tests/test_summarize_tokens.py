"""The summariser's token arrays agree with what spaCy computes token by token."""

from __future__ import annotations

import pytest

from newsx.service.summarize.tokens import TokenTable

TEXTS = [
    "The central bank of Norland cut its main interest rate by a quarter of a point on Thursday, "
    "and economists, traders and the finance minister welcomed the move. Mortgage lenders said they "
    "would pass on the cut to borrowers with variable-rate loans.",
    'Dock workers at the port of Varna walked out on Monday. "We will not go back for crumbs," said '
    "union leader Ivan Petrov, whose members and their families have marched through the city.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_summarize_token_table_noun_chunks_are_spacys(nlp, text):
    doc = nlp(text)
    chunks = list(TokenTable(doc).noun_chunks())
    assert chunks == [(chunk.start, chunk.end) for chunk in doc.noun_chunks]
    assert len(chunks) >= 8


@pytest.mark.parametrize(
    ("text", "content"), list(zip(TEXTS, [{"bank", "cut", "rate", "lender"}, {"worker", "walk", "march"}]))
)
def test_summarize_token_table_roots_and_lemmas_are_spacys(nlp, text, content):
    doc = nlp(text)
    table = TokenTable(doc)
    spans = [*doc.noun_chunks, *doc.ents, *(doc[i : i + 3] for i in range(len(doc) - 2))]
    assert [table.root(span.start, span.end) for span in spans] == [span.root.i for span in spans]
    assert table.lemmas(0, len(doc)) == [token.lemma_.lower() for token in doc]
    lemmas = table.content_lemmas()
    assert content <= set(lemmas)
    assert all(lemma == "" for lemma, token in zip(lemmas, doc) if token.is_stop or token.is_punct)


@pytest.mark.parametrize("text", TEXTS)
def test_summarize_token_table_expand_is_char_span_expand(nlp, text):
    doc = nlp(text + "  ")  # a trailing whitespace token too
    table = TokenTable(doc)
    edges = sorted({0, len(doc.text)} | {t.idx for t in doc} | {t.idx + len(t) for t in doc} | {t.idx + 1 for t in doc})
    pairs = [(start, end) for start in edges for end in edges if start < end] + [(0, len(doc.text) + 1), (-1, 3)]
    for start, end in pairs:
        span = doc.char_span(start, end, alignment_mode="expand") if start >= 0 else None
        assert table.expand(start, end) == (None if span is None else (span.start, span.end)), (start, end)
    # "Norland" and "Varna" start one character after a space: the space is not taken in.
    name = "Norland" if "Norland" in text else "Varna"
    start = text.index(name)
    assert doc[slice(*table.expand(start - 1, start + len(name)))].text == name
