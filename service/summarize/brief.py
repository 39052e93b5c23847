"""The brief: the article's main event, its most salient entities and its key figures."""

from __future__ import annotations

from spacy.tokens import Doc

from newsx.service.domain import Brief, Event, Extraction, FigureKind, SummarySentence
from newsx.service.summarize.resources import weights


def main_event(extraction: Extraction, body_position: dict[int, int]) -> Event | None:
    """The event with the best confidence x salience of its arguments, earlier sentences preferred."""
    salience = {entity.id: entity.salience for entity in extraction.entities}
    table = weights()

    def weight(event: Event) -> float:
        arguments = {argument.entity_id for argument in event.arguments if argument.entity_id}
        position = body_position.get(event.sentence_index, 0)
        penalty = table.negated_event_factor if event.negated else 1.0
        score = event.confidence * penalty * (1 + sum(salience.get(i, 0.0) for i in arguments))
        return score / (1 + table.event_position_decay * position)

    return max(extraction.events, key=weight, default=None)


def brief(doc: Doc, extraction: Extraction, scored: list[SummarySentence], chosen: list[SummarySentence]) -> Brief:
    """Main event, most salient entities and key figures; the best sentence stands in for an event."""
    body_position = {item.index: position for position, item in enumerate(scored)}
    event = main_event(extraction, body_position)
    best = max(chosen or scored, key=lambda s: s.score, default=None)
    headline = event.description.strip() if event is not None else ""
    if not headline:
        headline = best.text if best is not None else ""
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
        event_id=event.id if event is not None else "",
        entity_ids=[entity.id for entity in entities],
        figure_ids=[figure.id for figure in figures[:3]],
    )
