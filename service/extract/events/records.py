"""Event records: one per trigger mention, then merged so that one real event is one record, with a
readable description line."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsx.service.domain import Comparator, Event, EventArgument, EventStatus, Span, Trigger
from newsx.service.extract.document import sentence_index
from newsx.service.extract.events.arguments import find_arguments
from newsx.service.extract.events.headlines import headline_triggers
from newsx.service.extract.events.links import Linked, Links, collect_links
from newsx.service.extract.events.status import clause_chain, event_status, find_time
from newsx.service.extract.events.syntax import NOUN_POS, SUBJECT_DEPS, governor
from newsx.service.extract.events.tables import Lexicon
from newsx.service.extract.events.triggers import TriggerMatch, find_triggers
from newsx.service.extract.headline_words import HeadlineWords

MERGE_WINDOW = 50  # earlier events a mention may be merged into
APPROXIMATE_SIGNS = {
    Comparator.APPROXIMATE: "~",
    Comparator.AT_LEAST: ">=",
    Comparator.AT_MOST: "<=",
    Comparator.MORE_THAN: ">",
    Comparator.LESS_THAN: "<",
}


@dataclass(slots=True)
class Draft:
    """An event while it is being built: its record plus what merging needs."""

    event: Event
    match: TriggerMatch
    time: Linked | None
    anaphoric: bool
    same_as: int | None  # token of a trigger this one is predicated of ("this meeting marks the first encounter")
    tokens: set[int] = field(default_factory=set)  # trigger head tokens of every mention
    ranges: list[tuple[int, int]] = field(default_factory=list)  # trigger token ranges of every mention


def extract_events(doc: Doc, lexicon: Lexicon, words: HeadlineWords | None = None) -> list[Event]:
    """The events of a parsed Doc (``words``: the pipeline's English verbs, to recognise agent
    nouns, and its reading of headline words; without it, neither)."""
    links = collect_links(doc, lexicon, words.verbs if words is not None else frozenset())
    matches = find_triggers(doc, links)
    read = {i for match in matches for i in range(match.start, match.end)}
    if words is not None:
        matches += headline_triggers(doc, lexicon, words, read)
    matches.sort(key=lambda match: match.start)
    drafts = [build_event(match, links, i + 1) for i, match in enumerate(matches)]
    events = []
    for number, draft in enumerate(merge_events(drafts, links), start=1):
        event = draft.event
        event.id = f"v{number}"
        event.description = describe(event, draft.time, links)
        events.append(event)
    return events


def build_event(match: TriggerMatch, links: Links, number: int) -> Draft:
    """One trigger mention as an event record with its arguments, status, time and confidence."""
    doc = match.token.doc
    span = doc[match.start : match.end]
    sentence = sentence_index(doc, match.token.i)
    trigger = Trigger(span.text, Span(span.start_char, span.end_char), match.token.lemma_.lower(), sentence)
    arguments = find_arguments(match, links)
    chain = clause_chain(match.token, links.lexicon)
    status, negated = event_status(match, chain, links)
    time = find_time(match, links, chain)
    linked_share = sum(1 for argument in arguments if argument.entity_id) / max(len(arguments), 1)
    confidence = round(min(0.95, match.confidence + 0.1 * linked_share), 2)
    event = Event(
        id=f"v{number}",
        type=match.type,
        trigger=trigger,
        arguments=arguments,
        sentence_index=sentence,
        status=status,
        negated=negated,
        time_id=time.id if time else "",
        confidence=confidence,
        mentions=[trigger],
    )
    anaphoric = is_anaphoric(match.token, bool(arguments), links.lexicon)
    same_as = predicated_of(match.token, links.lexicon)
    return Draft(event, match, time, anaphoric, same_as, {match.token.i}, [(match.start, match.end)])


def is_anaphoric(token: Token, has_arguments: bool, lexicon: Lexicon) -> bool:
    """A nominal trigger that refers back: "this meeting", or "the attack" without participants of its
    own; not "the next summit" or "another meeting"."""
    if token.pos_ not in NOUN_POS:
        return False
    children = list(token.children)
    if any(child.lower_ in lexicon.distinct_modifiers for child in children):
        return False
    return any(
        child.dep_ == "det"
        and (child.lower_ in lexicon.demonstratives or (child.lower_ == "the" and not has_arguments))
        for child in children
    )


def predicated_of(token: Token, lexicon: Lexicon) -> int | None:
    """The trigger a nominal trigger restates: the subject of a copular or "mark"-like verb of which it is
    the predicate, or the verb it is the medium of ("said in a statement")."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in lexicon.medium_preps:  # "said in a statement"
        return governor(token).i
    if token.dep_ not in ("attr", "dobj") or head.lemma_.lower() not in lexicon.equating_verbs:
        return None
    subject = next((child for child in head.children if child.dep_ in SUBJECT_DEPS), None)
    return subject.i if subject is not None else None


def _entity_ids(event: Event, roles: set[str] | None = None) -> set[str]:
    return {a.entity_id for a in event.arguments if a.entity_id and (roles is None or a.role in roles)}


def same_kind(first: str, second: str) -> bool:
    """The same type, or a type and its unspecified parent ("Conflict.Attack.Unspecified" is the
    kind of "Conflict.Attack.DetonateExplode": "the attack" can be the bombing told before)."""
    if first == second:
        return True
    parent, child = sorted((first, second), key=lambda name: not name.endswith(".Unspecified"))
    return parent.endswith(".Unspecified") and child.rsplit(".", 1)[0] == parent.rsplit(".", 1)[0]


def more_specific(first: str, second: str) -> str:
    return first if second.endswith(".Unspecified") else second


def compatible(first: Draft, second: Draft, links: Links) -> bool:
    """Types of one kind, no clash of time, place or patient: they may be one event."""
    if not same_kind(first.event.type, second.event.type) or first.event.negated != second.event.negated:
        return False
    if (
        first.time
        and second.time
        and _specific(first.time, links)
        and _specific(second.time, links)
        and (_time_key(first.time) != _time_key(second.time))
    ):
        return False
    frame = links.lexicon.frames.get(first.event.type)
    patient_roles = {"Place"} | ({frame.object} if frame and frame.object else set())
    for role in patient_roles:
        a, b = _entity_ids(first.event, {role}), _entity_ids(second.event, {role})
        if a and b and not a & b:
            return False
    return True


def _time_key(time: Linked) -> str:
    return time.id or time.kind


def _specific(time: Linked, links: Links) -> bool:
    """A dated time ("2024-10-01"), not a vague one ("recently" = PAST_REF) that fits any event."""
    value = links.time_values.get(time.id, "") if time.id else time.kind
    return value[:1].isdigit() or not time.id


def merge_events(drafts: list[Draft], links: Links) -> list[Draft]:
    """Fold each mention into an earlier compatible event it refers back to or shares a participant with.

    Statements, requests and threats are repeated acts: sharing a speaker does not make them one.
    Only the last ``MERGE_WINDOW`` events are candidates, which keeps long articles linear.
    """
    repeated = links.lexicon.repeated_types
    merged: list[Draft] = []
    for draft in drafts:
        target = None
        for earlier in reversed(merged[-MERGE_WINDOW:]):
            if not compatible(earlier, draft, links):
                continue
            if draft.same_as in earlier.tokens:
                target = earlier
                break
            # A shared participant joins mentions of one type; a mention of a more or less specific
            # type must refer back to the event ("the bombing ... the attack").
            shares = earlier.event.type == draft.event.type and _entity_ids(earlier.event) & _entity_ids(draft.event)
            if draft.anaphoric or (shares and draft.event.type not in repeated):
                target = earlier
                break
        if target is None:
            merged.append(draft)
            continue
        _absorb(target, draft, links)
    return merged


def _absorb(target: Draft, draft: Draft, links: Links) -> None:
    """Add a later mention to an event: its trigger, argument mentions and a more specific time."""
    event = target.event
    event.type = more_specific(event.type, draft.event.type)
    event.mentions.append(draft.event.trigger)
    target.tokens |= draft.tokens
    target.ranges += draft.ranges
    # Every mention keeps its own argument mentions; the description shows each participant once.
    known = {(a.role, a.span) for a in event.arguments}
    event.arguments += [a for a in draft.event.arguments if (a.role, a.span) not in known]
    if draft.time is not None and (
        target.time is None or (_specific(draft.time, links) and not _specific(target.time, links))
    ):
        target.time = draft.time
        event.time_id = draft.time.id
    event.confidence = round(min(0.95, max(event.confidence, draft.event.confidence) + 0.05), 2)


def _same_filler(first: EventArgument, second: EventArgument) -> bool:
    """Same entity, or unnamed phrases with the same head word ("missile", "200 missiles")."""
    if first.entity_id or second.entity_id:
        return first.entity_id == second.entity_id
    return first.text.split()[-1].lower().rstrip("s") == second.text.split()[-1].lower().rstrip("s")


def distinct_participants(arguments: list[EventArgument]) -> list[EventArgument]:
    """One argument per participant and role: the first mention of an entity; among unnamed phrases
    with the same head word the one carrying a count ("approximately 200 missiles" over "missile");
    none for an unnamed phrase of a role that has names ("the two leaders" beside Putin)."""
    named_roles = {a.role for a in arguments if a.entity_id}
    chosen: list[EventArgument] = []
    for argument in arguments:
        if not argument.entity_id and argument.role in named_roles:
            continue
        same = next((i for i, a in enumerate(chosen) if a.role == argument.role and _same_filler(a, argument)), None)
        if same is None:
            chosen.append(argument)
        elif (bool(argument.figure_id), len(argument.text)) > (bool(chosen[same].figure_id), len(chosen[same].text)):
            chosen[same] = argument
    return chosen


def describe(event: Event, time: Linked | None, links: Links) -> str:
    """A readable line: type, agent -> patient, (instrument, counts), time, place, status.

    e.g. ``Conflict.Attack  Iran -> Israel  (missiles, ~200)  2024-10-01``.
    """
    lexicon = links.lexicon
    agent_role, patient_role = lexicon.description_roles.get(event.type, (None, None))
    frame = lexicon.frames.get(event.type)
    if agent_role is None:
        agent_role, patient_role = (frame.subject, frame.object) if frame else ("", "")
    by_role: dict[str, list[str]] = {}
    participants = distinct_participants(event.arguments)
    for argument in participants:
        by_role.setdefault(argument.role, []).append(_argument_label(argument, links))
    parts = [event.type.removesuffix(".Unspecified")]  # "Conflict.Attack", as people read it
    if agent_role and agent_role == patient_role:
        if by_role.get(agent_role):
            parts.append(" & ".join(by_role[agent_role]))
    elif by_role.get(agent_role or "") or by_role.get(patient_role or ""):
        agents, patients = by_role.get(agent_role or "", []), by_role.get(patient_role or "", [])
        parts.append(f"{', '.join(agents)} -> {', '.join(patients)}".strip())
    extras = [label for role in ("Instrument", "ExplosiveDevice", "AcquiredEntity") for label in by_role.get(role, [])]
    extras += [
        _figure_label(a, links) for a in participants if a.figure_id and a.role not in ("Instrument", "ExplosiveDevice")
    ]
    if extras:
        parts.append(f"({', '.join(extras)})")
    if time is not None:
        parts.append(links.time_values.get(time.id) or time.kind if time.id else time.kind)
    if by_role.get("Place"):
        parts.append(by_role["Place"][0])
    if event.status is not EventStatus.ASSERTED:
        parts.append(event.status.value.lower())
    if event.negated:
        parts.append("not")
    return "  ".join(part for part in parts if part)


def _argument_label(argument: EventArgument, links: Links) -> str:
    if argument.figure_id and argument.role in ("Instrument", "ExplosiveDevice"):
        return f"{argument.text.split()[-1]}, {_figure_label(argument, links)}"
    return argument.text


def _figure_label(argument: EventArgument, links: Links) -> str:
    figure = links.figure_records.get(argument.figure_id)
    if figure is None or figure.value is None:
        return argument.text
    value = f"{figure.value:,.0f}" if float(figure.value).is_integer() else f"{figure.value:,}"
    return APPROXIMATE_SIGNS.get(figure.comparator, "") + value
