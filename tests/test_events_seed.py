"""The seed article through the whole newsx pipeline: the events it must show, linked to entities."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsx.service.domain import EventStatus

SEED = Path(__file__).resolve().parent.parent / "seeds" / "putin-pezeshkian-ashgabat.txt"


@pytest.fixture(scope="module")
def seed(analyse):
    title, body = SEED.read_text(encoding="utf-8").split("\n", 1)
    doc = analyse(body.strip(), title=title, published_at="2024-10-09")
    entity_names = {entity.id: entity.name for entity in doc._.newsx_entities}
    times = {time.id: time.value for time in doc._.newsx_times}
    return doc, entity_names, times


def _find(doc, event_type, trigger):
    for event in doc._.newsx_events:
        if event.type == event_type and any(mention.text == trigger for mention in event.mentions):
            return event
    raise AssertionError(f"no {event_type} on {trigger!r}: {[e.description for e in doc._.newsx_events]}")


def _linked(event, role, entity_names):
    return {entity_names[a.entity_id] for a in event.arguments if a.role == role and a.entity_id}


def test_events_seed_planned_meeting(seed):
    doc, names, times = seed
    meeting = _find(doc, "Contact.Contact.Meet", "meet")
    assert meeting.status is EventStatus.PLANNED
    assert {"Vladimir Putin", "Masud Pezeshkian"} <= _linked(meeting, "Participant", names)
    assert _linked(meeting, "Place", names) == {"Ashgabat"}
    assert times[meeting.time_id] == "2024-10-11"
    assert "meeting" in [mention.text for mention in meeting.mentions]  # "This meeting marks ..."


def test_events_seed_missile_attack(seed):
    doc, names, times = seed
    attack = _find(doc, "Conflict.Attack.Unspecified", "launched")
    assert _linked(attack, "Attacker", names) == {"Iran"}
    assert _linked(attack, "Target", names) == {"Israel"}
    instruments = [a.text for a in attack.arguments if a.role == "Instrument"]
    assert "approximately 200 missiles" in instruments
    assert "(approximately 200 missiles)" in attack.description or "(missiles, ~200)" in attack.description
    assert times[attack.time_id] == "2024-10-01"


def test_events_seed_hamas_attack_and_deaths(seed):
    doc, names, times = seed
    attack = _find(doc, "Conflict.Attack.Unspecified", "attack")
    assert _linked(attack, "Attacker", names) == {"Hamas"}
    assert _linked(attack, "Target", names) == {"Israel"}
    assert times[attack.time_id].endswith("-10-07")
    deaths = _find(doc, "Life.Die.Unspecified", "fatalities")
    victims = [a for a in deaths.arguments if a.role == "Victim"]
    assert [a.text for a in victims] == ["approximately 1,200"]


def test_events_seed_taking_office_and_invasion(seed):
    doc, names, times = seed
    office = _find(doc, "Personnel.StartPosition.Unspecified", "took office")
    assert _linked(office, "Employee", names) == {"Masud Pezeshkian"}
    assert times[office.time_id] == "2024-07-30"
    invasion = _find(doc, "Conflict.Attack.Unspecified", "invasion")
    assert _linked(invasion, "Attacker", names) == {"Russia"}
    assert _linked(invasion, "Target", names) == {"Ukraine"}
    assert times[invasion.time_id] == "2022-02"
