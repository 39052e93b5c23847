"""The brief: the article's main event as one readable sentence, its most salient entities and key figures.

The sentence is the KAIROS ontology's own template of the event's type (``<arg1> attacked <arg2>
using <arg3> at <arg4> place``) with its arguments filled in: a filled placeholder loses its gloss
("place"), an empty one goes with the linking words before it ("using"), and a clause whose
placeholders are all empty goes whole (", killed by <arg3> killer"). The time and the status
follow ("on 2024-10-11", "(planned)"). Which words are glosses, links or pronouns is data
(``data/brief.yaml``); the templates are read from the events extractor's ontology files.
"""

from __future__ import annotations

import json
import re
from functools import cache

from spacy.tokens import Doc

from newsx.service.domain import (
    Brief,
    Event,
    EventArgument,
    EventStatus,
    Extraction,
    FigureKind,
    SummarySentence,
    TimeExpression,
)
from newsx.service.extract.events.ontology import DATA_DIR, ONTOLOGY_FILES
from newsx.service.summarize.resources import brief_words, weights

_PLACEHOLDER = re.compile(r"<arg(\d+)>")
_NOTE = re.compile(r"\s*\([^)]*\)")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}|-W\d{2}|-Q\d)?$")


@cache
def templates() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Event type -> (template, roles) for every type of the ontology files."""
    found: dict[str, tuple[str, tuple[str, ...]]] = {}
    for name in ONTOLOGY_FILES:
        for event_type, spec in json.loads((DATA_DIR / name).read_text(encoding="utf-8")).items():
            found[event_type] = (spec["template"], tuple(spec["roles"]))
    return found


def realise(template: str, fillers: dict[int, str]) -> str:
    """The template with placeholders replaced by ``fillers`` (placeholder number -> text); "" when
    the clause's first placeholder (its subject) has no filler."""
    table = brief_words()
    clauses = [clause.split() for clause in _NOTE.sub("", template).split(",")]
    out: list[str] = []
    for number, words in enumerate(clauses):
        placeholders = [int(m.group(1)) for word in words for m in [_PLACEHOLDER.fullmatch(word)] if m]
        if not any(p in fillers for p in placeholders):
            if number == 0:
                return ""
            continue
        kept: list[str] = []
        i = 0
        while i < len(words):
            match = _PLACEHOLDER.fullmatch(words[i])
            if match is None:
                kept.append(words[i])
                i += 1
                continue
            end = i + 1 + _gloss_length(words[i + 1 :], table.argument_glosses)
            filler = fillers.get(int(match.group(1)))
            if filler:
                kept.append(filler)
            elif not kept and number == 0:
                return ""  # the subject is missing: no sentence to say
            else:
                while kept and kept[-1].lower() in table.linking_words:
                    kept.pop()
            i = end
        out.append(" ".join(kept))
    return ", ".join(part for part in out if part)


def _gloss_length(words: list[str], glosses: frozenset[str]) -> int:
    """How many of ``words`` (those after a placeholder) are its gloss, longest gloss first."""
    for size in (3, 2, 1):
        if len(words) >= size and " ".join(words[:size]).lower() in glosses:
            return size
    return 0


def event_sentence(event: Event, extraction: Extraction) -> str:
    """The event in the ontology's words, with its time and status; "" when it cannot be said."""
    spec = templates().get(event.type)
    if spec is None:
        return ""
    template, roles = spec
    names = {entity.id: entity.name for entity in extraction.entities}
    pronouns = brief_words().pronouns
    by_role: dict[str, list[str]] = {}
    for argument in sorted(event.arguments, key=lambda a: a.span.start):
        text = _argument_text(argument, names)
        if text and text.lower() not in pronouns and text not in by_role.get(argument.role, []):
            by_role.setdefault(argument.role, []).append(text)
    fillers: dict[int, str] = {}
    for number, role in enumerate(roles, 1):
        if by_role.get(role):
            fillers[number] = by_role[role].pop(0)  # a role named twice (Participant) takes them in turn
    sentence = realise(template, fillers)
    if not sentence or len(fillers) < weights().min_brief_arguments:
        return ""  # "Vela communicated" says less than the best sentence
    times = {time.id: time for time in extraction.times}
    when = _when(times.get(event.time_id))
    notes = [event.status.value.lower()] if event.status is not EventStatus.ASSERTED else []
    if event.negated:
        notes.append("not")
    return " ".join([sentence, when] + ([f"({', '.join(notes)})"] if notes else [])).replace("  ", " ").strip()


def _argument_text(argument: EventArgument, names: dict[str, str]) -> str:
    return names.get(argument.entity_id, "") or argument.text.strip()


def _when(time: TimeExpression | None) -> str:
    if time is None:
        return ""
    if _FULL_DATE.match(time.value):
        return f"on {time.value}"
    if _PARTIAL_DATE.match(time.value):
        return f"in {time.value}"
    return ""


def main_event(extraction: Extraction, body_position: dict[int, int]) -> tuple[Event, str] | None:
    """The event with the best confidence x salience of its arguments, earlier sentences preferred,
    among those the ontology's template can say; with its sentence. An event that reports speech
    ("said") is the story's source, not the story, and weighs less."""
    salience = {entity.id: entity.salience for entity in extraction.entities}
    table = weights()
    reporting = brief_words().reporting_triggers

    def weight(event: Event) -> float:
        arguments = {argument.entity_id for argument in event.arguments if argument.entity_id}
        position = body_position.get(event.sentence_index, 0)
        penalty = table.negated_event_factor if event.negated else 1.0
        if event.trigger.text.lower() in reporting:
            penalty *= table.reporting_event_factor
        score = event.confidence * penalty * (1 + sum(salience.get(i, 0.0) for i in arguments))
        return score / (1 + table.event_position_decay * position)

    said = ((event, event_sentence(event, extraction)) for event in sorted(extraction.events, key=weight, reverse=True))
    return next(((event, sentence) for event, sentence in said if sentence), None)


def brief(doc: Doc, extraction: Extraction, scored: list[SummarySentence], chosen: list[SummarySentence]) -> Brief:
    """Main event, most salient entities and key figures; the best sentence stands in for an event."""
    body_position = {item.index: position for position, item in enumerate(scored)}
    found = main_event(extraction, body_position)
    best = max(chosen or scored, key=lambda s: s.score, default=None)
    headline = found[1] if found is not None else (best.text if best is not None else "")
    entities = sorted(extraction.entities, key=lambda e: -e.salience)[:3]
    weight = {s.index: s.score for s in scored}
    title_end = doc._.newsx_title_end
    figures = [
        figure
        for figure in extraction.figures
        if figure.kind != FigureKind.ORDINAL and (figure.span.start < title_end or figure.sentence_index in weight)
    ]
    figures.sort(key=lambda f: (-(1.0 if f.span.start < title_end else weight[f.sentence_index]), f.span.start))
    return Brief(
        headline=headline,
        event_id=found[0].id if found is not None else "",
        entity_ids=[entity.id for entity in entities],
        figure_ids=[figure.id for figure in figures[:3]],
    )
