"""Unit tests of the entity helpers on small texts (tokenizer only, no statistical model)."""

from __future__ import annotations

import pytest
import spacy

from newsx.service.domain import EntityType
from newsx.service.extract.entities import gazetteer, records, spans
from newsx.service.extract.entities import layout as entity_layout


@pytest.fixture(scope="module")
def tokenizer():
    return spacy.blank("en")


def test_entities_layout_marks_title_caps_lines_and_datelines():
    text = "Putin and Pezeshkian Meet\n\nLONDON 1996-08-30\n\nSOCCER - JAPAN GET LUCKY WIN .\n\nShares rose on Friday."
    layout = entity_layout.text_layout(text, title_end=25)
    assert layout.headlines == [(0, 25), (27, 44), (46, 76)]
    assert layout.all_caps == [(27, 44), (46, 76)]
    assert layout.datelines == [(27, 33)]  # "LONDON"; "SOCCER -" starts an ALL CAPS headline
    assert text[27:33] == "LONDON"


def test_entities_layout_title_case_line_in_body_is_a_headline():
    text = "Body sentence here.\nGrowing Tensions Over Nuclear Talks\nAnother plain sentence follows here."
    layout = entity_layout.text_layout(text)
    assert layout.headlines == [(20, 55)]
    assert layout.all_caps == []


@pytest.mark.parametrize(
    "text",
    [
        "Angela Merkel visited Paris on Monday.",  # the only line: no body to head
        "Shares fell in Tokyo.\nAngela Merkel visited Paris on Monday.\nShe met the French president there.",
        "Shares fell in Tokyo.\nBoris Johnson met Emmanuel Macron in London!\nThey spoke for an hour.",
        "Shares fell in Tokyo .\nAjax Amsterdam beat Feyenoord Rotterdam .\nThey lead the league .",  # tokenized
    ],
)
def test_entities_layout_sentence_full_of_names_is_not_a_headline(text):
    assert entity_layout.text_layout(text).headlines == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Ajax Amsterdam 3 Feyenoord 1", [(0, 14, True), (17, 26, True)]),
        ("PSV Eindhoven 24 18 4 2 61 19 58", [(0, 13, True)]),
        ("133 Greg Norman ( Australia ) 67 66", [(4, 15, False), (18, 27, False)]),
        ("Source 1 Source 2", [(0, 6, False), (9, 15, False)]),  # a team does not play itself
        ("Kent won by 5 wickets", []),
        ("Manchester United beat Chelsea", []),
    ],
)
def test_entities_table_name_cells(line, expected):
    assert entity_layout.table_name_cells(line) == expected


@pytest.mark.parametrize(
    ("ranges", "char", "expected"),
    [([(0, 10), (20, 30)], 0, True), ([(0, 10), (20, 30)], 10, False), ([(0, 10), (20, 30)], 29, True), ([], 5, False)],
)
def test_entities_in_ranges(ranges, char, expected):
    assert entity_layout.in_ranges(ranges, char) is expected


@pytest.mark.parametrize(
    ("text", "start", "end", "entity_type", "expected"),
    [
        ("the European Union 's leaders", 0, 4, EntityType.ORGANIZATION, "European Union"),
        ("Manchester United 3 Liverpool", 0, 3, EntityType.ORGANIZATION, "Manchester United"),
        ("at the Oval on Saturday", 2, 4, EntityType.FACILITY, "Oval"),
        ("Ursula von der Leyen", 1, 4, EntityType.PERSON, "von der Leyen"),
        ("Park Jae-hoon said", 0, 4, EntityType.PERSON, "Park Jae-hoon"),
        ("The Last Witness won", 0, 3, EntityType.WORK_OF_ART, "The Last Witness"),
        ("LONDON 1996-08-30", 0, 2, EntityType.GPE, "LONDON"),
    ],
)
def test_entities_trim_span(tokenizer, text, start, end, entity_type, expected):
    doc = tokenizer(text)
    trimmed_start, trimmed_end = spans.trim_span(doc, start, end, entity_type)
    assert doc[trimmed_start:trimmed_end].text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("World Health Organization (WHO", ["World Health Organization", "WHO"]),
        ("Children's Online Privacy Protection Act", ["Children's Online Privacy Protection Act"]),
        ("X.\n\nRete Ferroviaria Italiana", ["X.", "Rete Ferroviaria Italiana"]),
    ],
)
def test_entities_split_span(tokenizer, text, expected):
    doc = tokenizer(text)
    assert [doc[s:e].text for s, e in spans.split_span(doc, 0, len(doc))] == expected


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("Russian President Vladimir Putin arrived", 2, 4, True),
        ("following the death of his predecessor, Ebrahim Raisi.", 7, 9, True),
        ("Tim Cook, Apple's chief executive, said", 0, 2, True),
        ("Kremlin spokesman Dmitry Peskov said", 0, 1, False),
        ("Ashgabat, Turkmenistan, as tensions rose", 0, 1, False),
    ],
)
def test_entities_person_cue(tokenizer, text, start, end, expected):
    assert spans.person_cue(tokenizer(text), start, end) is expected


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("Kremlin spokesman Dmitry Peskov", 1, True),
        ("at the upcoming BRICS summit in Kazan", 4, True),
        ("Iran launched missiles", 1, False),
    ],
)
def test_entities_org_follower_cue(tokenizer, text, end, expected):
    assert spans.org_follower_cue(tokenizer(text), end) is expected


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("near the town of Pioltello on Thursday", 4, 5, True),
        ("in Elazig province", 1, 2, True),
        ("Erdogan visited the area", 0, 1, False),
    ],
)
def test_entities_place_noun_cue(tokenizer, text, start, end, expected):
    assert spans.place_noun_cue(tokenizer(text), start, end) is expected


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("people who speak Welsh today", 3, True),
        ("taught in Welsh-medium schools", 2, True),
        ("the Welsh government", 1, False),
    ],
)
def test_entities_language_cue(tokenizer, text, start, expected):
    assert spans.language_cue(tokenizer(text), start, start + 1) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("European Union", {"EU"}),
        ("Islamic Revolutionary Guard Corps", {"IRGC"}),
        ("Bank of England", {"BE", "BOE"}),
        ("Hamas", set()),
    ],
)
def test_entities_acronym_of(name, expected):
    assert spans.acronym_of(name) == expected


@pytest.mark.parametrize(
    ("short", "full", "expected"),
    [
        ("putin", "vladimir putin", True),
        ("alcaraz", "carlos alcaraz", True),
        ("halvorsen", "halvorsen semiconductor inc", True),
        ("eu", "european union", True),
        ("semiconductor", "halvorsen semiconductor inc", False),
        ("vladimir putin", "putin", False),
        ("putin", "putin", False),
    ],
)
def test_entities_is_short_form(short, full, expected):
    assert spans.is_short_form(short.split(), full.split()) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Labour Party", EntityType.ORGANIZATION),
        ("Kids Online Safety Act", EntityType.LAW),
        ("Arthur Ashe Stadium", EntityType.FACILITY),
        ("Lake Victoria", EntityType.LOCATION),
        ("Jezero Crater", EntityType.LOCATION),
        ("US Open", EntityType.EVENT),
        ("Gyeonggi Province", EntityType.GPE),
        ("Vladimir Putin", None),
        ("Party", None),
    ],
)
def test_entities_name_word_type(name, expected):
    assert spans.name_word_type(name.split()) is expected


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["Putin", "Vladimir Putin", "Putin"], "Vladimir Putin"),
        (["U.S.", "United States", "U.S."], "United States"),
        (["LONDON", "London"], "London"),
    ],
)
def test_entities_canonical_name(texts, expected):
    assert records.canonical_name(texts) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((1, 1, 0.0, True, True), 1.0),
        ((1, 10, 1.0, False, False), 0.1301),  # 0.45 * ln 2 / ln 11
        ((10, 10, 0.5, False, True), 0.725),  # 0.45 + 0.25 * 0.5 + 0.15
    ],
)
def test_entities_salience(args, expected):
    assert records.salience(*args) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("U.S.", "us"), ("Málaga", "malaga"), ("İzmit", "izmit"), ("Hamas'", "hamas"), ("New  York", "new york")],
)
def test_entities_name_key(text, expected):
    assert gazetteer.name_key(text) == expected


@pytest.mark.parametrize(
    ("name", "kind", "country_code"),
    [
        ("iran", "country", "IR"),
        ("united states", "country", "US"),
        ("uk", "country", "GB"),
        ("turkmenistan", "country", "TM"),
        ("iranian", "demonym", "IR"),
        ("russian", "demonym", "RU"),
        ("tehran", "city", "IR"),
        ("moscow", "city", ""),  # Moscow, Russia, and Moscow, Idaho: the map settles it (test_geo)
        ("ashgabat", "city", "TM"),
        ("texas", "state", "US"),
        ("middle east", "region", ""),
    ],
)
def test_entities_gazetteer_places(name, kind, country_code):
    place = gazetteer.place_gazetteer()[name]
    assert (place.kind, place.country_code) == (kind, country_code)


@pytest.mark.parametrize(
    ("name", "recoverable"),
    [("marbella", True), ("ashgabat", True), ("treviglio", False), ("iran", True), ("middle east", True)],
)
def test_entities_gazetteer_recovers_only_large_places(name, recoverable):
    assert gazetteer.place_gazetteer()[name].recoverable is recoverable


def test_entities_gazetteer_has_no_two_letter_towns():
    assert "un" not in gazetteer.place_gazetteer()  # "Un", India, would swallow the acronym


def test_entities_layout_text_all_in_capitals_has_no_headlines():
    text = "PUTIN MET PEZESHKIAN IN ASHGABAT .\nTHE TWO LEADERS DISCUSSED THE CRISIS .\nshort note"
    layout = entity_layout.text_layout(text)
    assert layout.headlines == []
    assert layout.all_caps == [(0, 34), (35, 73)]
