"""Readable tables of a response, for a terminal (rich)."""

from __future__ import annotations

from typing import IO

from newsx.v1 import extraction_pb2 as pb


def console(file: IO[str] | None = None, stderr: bool = False):
    from rich.console import Console

    return Console(file=file, stderr=stderr, highlight=False)


def coordinates(entity: pb.Entity) -> str:
    """Latitude, longitude in degrees (north and east positive), for places that have them."""
    if not entity.HasField("geo"):
        return ""
    return f"{entity.geo.latitude:.4f}, {entity.geo.longitude:.4f}"


def print_extraction(response: pb.ExtractResponse, title: str, out: IO[str] | None = None) -> None:
    """Entities (with salience and coordinates), events, figures and times."""
    from rich.table import Table

    screen = console(out)
    screen.rule(title)
    entities = Table(
        "name", "type", "mentions", "salience", "country", "coordinates", title="Entities", title_justify="left"
    )
    for entity in response.entities:
        entities.add_row(
            entity.name,
            pb.Entity.Type.Name(entity.type).removeprefix("TYPE_"),
            str(len(entity.mentions)),
            f"{entity.salience:.2f}",
            entity.country_code,
            coordinates(entity),
        )
    events = Table("event", "status", title="Events", title_justify="left")
    for event in response.events:
        status = pb.Event.Status.Name(event.status).removeprefix("STATUS_")
        events.add_row(event.description or event.type, status + (" (negated)" if event.negated else ""))
    figures = Table("text", "kind", "value", "comparator", "unit", "subject", title="Figures", title_justify="left")
    for figure in response.figures:
        figures.add_row(
            figure.text,
            pb.Figure.Kind.Name(figure.kind).removeprefix("KIND_"),
            figure_value(figure),
            pb.Figure.Comparator.Name(figure.comparator).removeprefix("COMPARATOR_"),
            figure.currency or figure.unit,
            figure.subject,
        )
    times = Table("text", "type", "value", title="Times", title_justify="left")
    for time_expression in response.times:
        times.add_row(
            time_expression.text,
            pb.TimeExpression.Type.Name(time_expression.type).removeprefix("TYPE_"),
            time_expression.value,
        )
    for table in (entities, events, figures, times):
        screen.print(table)


def figure_value(figure: pb.Figure) -> str:
    """``1,200``, ``10 to 12`` or a score ``3-2``; empty when the figure has no numeric value."""
    value = "" if not figure.HasField("value") else f"{figure.value:,.10g}"
    if figure.HasField("value_opponent"):
        value += f"-{figure.value_opponent:,.10g}"
    if figure.HasField("value_max"):
        value += f" to {figure.value_max:,.10g}"
    return value


def print_summary(response: pb.SummarizeResponse, title: str, out: IO[str] | None = None) -> None:
    """Brief, sentences with scores, key phrases; then the extraction's tables when it was asked for."""
    from rich.markup import escape

    screen = console(out)
    screen.rule(title)
    screen.print(f"[bold]Brief:[/bold] {escape(response.brief.headline)}")
    for sentence in response.sentences:
        screen.print(f"• {escape(sentence.text)}  [dim]({sentence.score:.2f})[/dim]")
    screen.print("[bold]Key phrases:[/bold] " + escape(", ".join(k.text for k in response.key_phrases)))
    if response.HasField("extraction"):
        print_extraction(response.extraction, f"{title}: extraction", out)
