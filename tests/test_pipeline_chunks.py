"""Long articles are parsed in parts and joined back: same text, same offsets, one document."""

from __future__ import annotations

import pytest

from newsx.service.domain import ArticleInput
from newsx.service.pipeline import parse, split_text


@pytest.mark.parametrize(
    ("text", "limit", "parts"),
    [
        ("one.\n\ntwo.\n\nthree.", 12, ["one.\n\ntwo.\n\n", "three."]),
        ("alpha beta gamma", 11, ["alpha beta ", "gamma"]),
        ("a. b. c. d.", 6, ["a. b. ", "c. d."]),
        ("x" * 25, 10, ["x" * 10, "x" * 10, "x" * 5]),  # one long token is cut where it must be
        ("short", 100, ["short"]),
    ],
)
def test_pipeline_split_text_joins_back(text, limit, parts):
    assert split_text(text, limit) == parts
    assert "".join(parts) == text


def test_pipeline_parse_long_article_keeps_offsets_and_groups_mentions(nlp):
    paragraph = (
        "Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Monday. "
        "Scholz said the talks with Macron were useful.\n\n"
    )
    article = ArticleInput(title="Scholz Visits Paris", text=paragraph * 40)
    [whole] = parse(nlp, [article], chunk_chars=1_000)  # forced into about 7 parts
    assert whole.text == "Scholz Visits Paris\n\n" + paragraph * 40
    scholz = next(e for e in whole._.newsx_entities if e.name == "Olaf Scholz")
    assert len([m for m in scholz.mentions if not m.in_title]) == 80  # 2 per paragraph, all in one entity
    for mention in scholz.mentions:
        assert whole.text[mention.span.start : mention.span.end] == mention.text
    assert list(whole.sents)[0].text.strip() == "Scholz Visits Paris"
