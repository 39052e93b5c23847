"""Every row of the event rule tables (service/extract/events/data/*.yaml) on its own examples, run
through the real newsx pipeline: the events each example expects, with their arguments, status and
mentions, and no event where it expects none. A row without examples fails, and so does a trigger
row with a word that none of its examples shows as a trigger."""

from __future__ import annotations

import shutil

import pytest

from newsx.service.extract.events.ontology import DATA_DIR
from newsx.service.extract.events.tables import TABLES, Expectation, TriggerRow, load_lexicon, row_model, table_path
from newsx.service.extract.rules import RuleFileError, load_rows

ROWS = [(table, row) for table in TABLES for row in load_rows(table_path(DATA_DIR, table), row_model(table))]
EXAMPLES = [
    pytest.param(row, example, id=f"{table}:{row.id}:{number}")
    for table, row in ROWS
    for number, example in enumerate(row.examples, 1)
]


@pytest.fixture(scope="module")
def events_of(analyse):
    """The events of a text, parsed once per text."""
    cache = {}

    def run(text):
        if text not in cache:
            cache[text] = analyse(text)._.newsx_events
        return cache[text]

    return run


def matching_event(events, expected: Expectation):
    """The event of the expected type with a mention on the expected words, or None."""
    return next(
        (
            event
            for event in events
            if event.type == expected.type and any(mention.text == expected.trigger for mention in event.mentions)
        ),
        None,
    )


@pytest.mark.parametrize(("row", "example"), EXAMPLES)
def test_events_rule_example(events_of, row, example):
    events = events_of(example.text)
    found = [
        (event.type, [m.text for m in event.mentions], [(a.role, a.text) for a in event.arguments]) for event in events
    ]
    for expected in example.expect:
        if expected.type is None:
            assert not any(m.text == expected.trigger for e in events for m in e.mentions), found
            continue
        event = matching_event(events, expected)
        assert event is not None, f"no {expected.type} on {expected.trigger!r}: {found}"
        arguments = {(argument.role, argument.text) for argument in event.arguments}
        for role, texts in expected.arguments.items():
            for text in [texts] if isinstance(texts, str) else texts:
                assert (role, text) in arguments, f"{role}={text!r} not in {sorted(arguments)}"
        if expected.status is not None:
            assert event.status is expected.status
        if expected.negated is not None:
            assert event.negated is expected.negated
        if expected.mentions is not None:
            assert [mention.text for mention in event.mentions] == expected.mentions
        if expected.description is not None:
            assert event.description == expected.description


def test_events_rules_every_row_has_examples():
    assert [f"{table}:{row.id}" for table, row in ROWS if not row.examples] == []


def test_events_rules_every_trigger_word_has_an_example(events_of):
    """Each lemma of a trigger row is the trigger of an event one of the row's examples expects."""
    unshown = []
    for row in (row for _, row in ROWS if isinstance(row, TriggerRow)):
        shown = set()
        for example in row.examples:
            for expected in example.expect:
                event = matching_event(events_of(example.text), expected) if expected.type else None
                if event is not None:
                    shown |= {m.lemma for m in event.mentions if m.text == expected.trigger}
        unshown += [f"{row.id}:{lemma}" for lemma in row.lemmas if lemma not in shown]
    assert unshown == []


@pytest.mark.parametrize(
    ("table", "old", "new", "message"),
    [
        ("triggers", "type: Conflict.Attack.Unspecified\n", "type: Conflict.Atack.Unspecified\n", "row verbs-attack"),
        ("triggers", "objects: ['@weapon_objects']", "objects: ['@weapon_objets']", "unknown macro @weapon_objets"),
        ("frames", "subject: Attacker\n", "subject: Atacker\n", "row attack: Conflict.Attack.Unspecified has no role"),
        ("status", "id: future_auxiliaries\n", "id: future_auxiliary\n", "missing rows future_auxiliaries"),
        ("merging", "Contact.ThreatenCoerce.Unspecified]", "Contact.Threaten.Unspecified]", "unknown event type"),
    ],
)
def test_events_tables_errors_name_file_and_row(tmp_path, table, old, new, message):
    for path in DATA_DIR.iterdir():
        if path.suffix in (".yaml", ".json"):
            shutil.copyfile(path, tmp_path / path.name)
    broken = table_path(tmp_path, table)
    text = broken.read_text(encoding="utf-8")
    assert old in text
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleFileError) as error:
        load_lexicon(tmp_path)
    assert str(broken) in str(error.value)
    assert message in str(error.value)
