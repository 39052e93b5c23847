"""One self-contained HTML page of an analysed article (``--format html``): the text with entity
mentions highlighted by type as displaCy does, times and figures marked with their values, the
events with their trigger and arguments linked to their spans, the summary sentences marked,
and a legend. Styles are inline and nothing is fetched, so the page opens from disk.

Spans are nested marks in the text itself; a span that would cross one already placed (the
rare argument straddling an entity) keeps its entry in the lists but gets no mark.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsx.client.tables import coordinates, figure_value
from newsx.v1 import extraction_pb2 as pb

# displaCy's colours for the entity types they share, close ones for the others.
ENTITY_COLOURS = {
    "PERSON": "#aa9cfc",
    "ORGANIZATION": "#7aecec",
    "GPE": "#feca74",
    "LOCATION": "#ff9561",
    "FACILITY": "#9cc9cc",
    "GROUP": "#c887fb",
    "EVENT": "#ffeb80",
    "PRODUCT": "#bfeeb7",
    "WORK_OF_ART": "#f0d0ff",
    "LAW": "#ff8197",
    "LANGUAGE": "#dddddd",
}
TIME_COLOUR, FIGURE_COLOUR, TRIGGER_COLOUR, SUMMARY_COLOUR = "#1f8a70", "#d9480f", "#c2255c", "#fff3bf"

STYLE = """
body { font: 16px/1.6 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; margin: 2em auto;
       max-width: 60em; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; margin-bottom: .2em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
.meta { color: #666; font-size: .9em; }
.legend { display: flex; flex-wrap: wrap; gap: .4em .8em; padding: .6em; background: #f6f6f6; border-radius: .4em; }
.legend span { white-space: nowrap; font-size: .85em; }
#text { white-space: pre-wrap; line-height: 2.3; }
mark.ent { padding: .1em .3em; border-radius: .35em; color: #111; }
mark.ent::after { content: attr(data-type); font-size: .6em; font-weight: bold; margin-left: .4em;
                  text-transform: uppercase; vertical-align: middle; }
.legend mark.ent::after { margin-left: 0; }
mark.time { background: none; border-bottom: 3px solid %(time)s; }
mark.time::after { content: attr(data-value); color: %(time)s; font-size: .6em; margin-left: .3em; }
mark.figure { background: none; border-bottom: 3px double %(figure)s; }
mark.figure::after { content: attr(data-value); color: %(figure)s; font-size: .6em; margin-left: .3em; }
span.trigger { color: %(trigger)s; font-weight: bold; text-decoration: underline %(trigger)s 2px; }
span.summary { background: %(summary)s; }
span.summary::before { content: attr(data-rank); font-size: .65em; font-weight: bold; background: #e0a800;
                       color: #fff; border-radius: 50%%; padding: 0 .45em; margin-right: .3em; }
:target { outline: 3px solid #1c7ed6; outline-offset: 2px; }
table { border-collapse: collapse; font-size: .9em; } td, th { padding: .2em .6em; border-bottom: 1px solid #ddd;
text-align: left; vertical-align: top; }
ol.events li { margin-bottom: .4em; } .role { color: #666; font-size: .85em; }
"""


@dataclass
class Mark:
    """One span to mark: the element, its attributes, and the id links use to reach it."""

    start: int
    end: int
    tag: str
    attributes: dict[str, str]
    anchor: str = ""
    inner: list[Mark] = field(default_factory=list)


def anchor(start: int, end: int) -> str:
    """The id of the element marking exactly ``[start, end)``."""
    return f"t{start}-{end}"


def _crosses(a: Mark, b: Mark) -> bool:
    return a.start < b.start < a.end < b.end or b.start < a.start < b.end < a.end


class Layout:
    """Marks accepted in priority order: one is refused where it would cross an earlier one."""

    def __init__(self) -> None:
        self.marks: list[Mark] = []
        self._anchors: set[str] = set()

    def add(self, span: pb.TextSpan, tag: str, **attributes: str) -> None:
        mark = Mark(span.start, span.end, tag, {k.replace("_", "-"): v for k, v in attributes.items()})
        if mark.start >= mark.end or any(_crosses(mark, placed) for placed in self.marks):
            return
        target = anchor(mark.start, mark.end)
        if target not in self._anchors:  # the first (outermost) mark of a range carries its id
            mark.anchor = target
            self._anchors.add(target)
        self.marks.append(mark)

    def link(self, span: pb.TextSpan) -> str:
        """An anchor for a span (a bare one when nothing marks it yet): the href of its links."""
        if anchor(span.start, span.end) not in self._anchors:
            self.add(span, "span", **{"class": "anchor"})
        target = anchor(span.start, span.end)
        return f"#{target}" if target in self._anchors else ""

    def render(self, text: str) -> str:
        """The text with the marks as nested elements, outer ones first where ranges are equal."""
        order = sorted(range(len(self.marks)), key=lambda i: (self.marks[i].start, -self.marks[i].end, i))
        out: list[str] = []
        stack: list[Mark] = []
        position = 0

        def close() -> None:
            nonlocal position
            mark = stack.pop()
            out.append(html.escape(text[position : mark.end]) + f"</{mark.tag}>")
            position = mark.end

        for mark in (self.marks[i] for i in order):
            while stack and stack[-1].end <= mark.start:
                close()
            out.append(html.escape(text[position : mark.start]))
            position = mark.start
            attributes = ({"id": mark.anchor} if mark.anchor else {}) | mark.attributes
            out.append(f"<{mark.tag}" + "".join(f' {k}="{html.escape(v)}"' for k, v in attributes.items()) + ">")
            stack.append(mark)
        while stack:
            close()
        return "".join(out) + html.escape(text[position:])


def _name(enum_type, value: int, prefix: str) -> str:
    return enum_type.Name(value).removeprefix(prefix)


def page(extraction: pb.ExtractResponse, text: str, *, title: str, summary: pb.SummarizeResponse | None = None) -> str:
    """The page of one article; ``text`` is the analysed text the offsets (code points) count in."""
    if extraction.offset_encoding not in (pb.OFFSET_ENCODING_UNSPECIFIED, pb.OFFSET_ENCODING_CODE_POINT):
        raise ValueError("the HTML page needs code point offsets")
    layout = Layout()
    entity_names = {}
    for entity in extraction.entities:
        kind = _name(pb.Entity.Type, entity.type, "TYPE_")
        entity_names[entity.id] = entity.name
        for mention in entity.mentions:
            layout.add(
                mention.span,
                "mark",
                **{"class": "ent", "data_type": kind, "data_entity": entity.id, "title": entity.name},
            )
    for rank, sentence in enumerate(summary.sentences if summary else (), start=1):
        layout.add(sentence.span, "span", **{"class": "summary", "data_rank": str(rank), "title": f"summary {rank}"})
    for time in extraction.times:
        layout.add(time.span, "mark", **{"class": "time", "data_value": time.value, "title": f"TIMEX3 {time.value}"})
    for figure in extraction.figures:
        value = " ".join(filter(None, (figure_value(figure), figure.currency or figure.unit)))
        kind = _name(pb.Figure.Kind, figure.kind, "KIND_")
        layout.add(figure.span, "mark", **{"class": "figure", "data_value": value or kind, "title": kind})
    for event in extraction.events:
        layout.add(event.trigger.span, "span", **{"class": "trigger", "data_event": event.id, "title": event.type})
    events_html = _events(extraction, layout, entity_names)
    body = layout.render(text)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        "<style>"
        + STYLE % {"time": TIME_COLOUR, "figure": FIGURE_COLOUR, "trigger": TRIGGER_COLOUR, "summary": SUMMARY_COLOUR},
        "".join(f'mark.ent[data-type="{k}"] {{ background: {v}; }}\n' for k, v in ENTITY_COLOURS.items()) + "</style>",
        "</head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="meta">article {html.escape(extraction.article_id or "(no id)")} · model {html.escape(extraction.model)}</p>',
        _legend(extraction, summary),
        _summary(summary) if summary else "",
        "<h2>Article</h2>",
        f'<div id="text">{body}</div>',
        events_html,
        _entities(extraction),
        _times_and_figures(extraction),
        "</body></html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


def _legend(extraction: pb.ExtractResponse, summary: pb.SummarizeResponse | None) -> str:
    types = sorted({_name(pb.Entity.Type, e.type, "TYPE_") for e in extraction.entities})
    chips = [f'<span><mark class="ent" data-type="{t}"></mark></span>' for t in types]  # the tag, as in the text
    chips.append('<span><mark class="time" data-value="">time (TIMEX3 value)</mark></span>')
    chips.append('<span><mark class="figure" data-value="">figure (value, unit)</mark></span>')
    chips.append('<span><span class="trigger">event trigger</span></span>')
    if summary:
        chips.append('<span><span class="summary" data-rank="1">summary sentence (rank)</span></span>')
    return '<div class="legend" id="legend">' + "".join(chips) + "</div>"


def _summary(summary: pb.SummarizeResponse) -> str:
    rows = [f"<h2>Summary ({html.escape(_name(pb.SummaryMethod, summary.method, 'SUMMARY_METHOD_').lower())})</h2>"]
    if summary.brief.headline:
        rows.append(f'<p class="brief"><strong>Brief:</strong> {html.escape(summary.brief.headline)}</p>')
    rows.append('<ol class="summary">')
    for sentence in summary.sentences:
        target = anchor(sentence.span.start, sentence.span.end)
        rows.append(
            f'<li><a href="#{target}">{html.escape(sentence.text)}</a> <span class="role">{sentence.score:.2f}</span></li>'
        )
    rows.append("</ol>")
    if summary.key_phrases:
        phrases = ", ".join(html.escape(k.text) for k in summary.key_phrases)
        rows.append(f"<p><strong>Key phrases:</strong> {phrases}</p>")
    return "\n".join(rows)


def _events(extraction: pb.ExtractResponse, layout: Layout, entity_names: dict[str, str]) -> str:
    """Each event: its trigger and arguments as links to their spans in the text."""
    if not extraction.events:
        return ""
    rows = ["<h2>Events</h2>", '<ol class="events">']
    for event in extraction.events:
        status = _name(pb.Event.Status, event.status, "STATUS_").lower() + (", negated" if event.negated else "")
        trigger = (
            f'<a class="trigger-link" href="{layout.link(event.trigger.span)}">{html.escape(event.trigger.text)}</a>'
        )
        arguments = []
        for argument in event.arguments:
            named = entity_names.get(argument.entity_id, "")
            text = html.escape(argument.text) + (f" ({html.escape(named)})" if named and named != argument.text else "")
            arguments.append(
                f'<span class="role">{html.escape(argument.role)}:</span> <a href="{layout.link(argument.span)}">{text}</a>'
            )
        description = html.escape(event.description or event.type)
        rows.append(
            f'<li id="event-{html.escape(event.id)}"><strong>{description}</strong> <span class="role">{html.escape(event.type)}, {status}</span><br>'
            f"trigger {trigger}" + ("; " + "; ".join(arguments) if arguments else "") + "</li>"
        )
    rows.append("</ol>")
    return "\n".join(rows)


def _table(heading: str, columns: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    if not rows:
        return ""
    head = "".join(f"<th>{c}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<h2>{heading}</h2><table><tr>{head}</tr>{body}</table>"


def _entities(extraction: pb.ExtractResponse) -> str:
    rows = [
        (
            e.name,
            _name(pb.Entity.Type, e.type, "TYPE_"),
            str(len(e.mentions)),
            f"{e.salience:.2f}",
            e.country_code,
            coordinates(e),
        )
        for e in extraction.entities
    ]
    return _table("Entities", ("name", "type", "mentions", "salience", "country", "coordinates"), rows)


def _times_and_figures(extraction: pb.ExtractResponse) -> str:
    times = [(t.text, _name(pb.TimeExpression.Type, t.type, "TYPE_"), t.value) for t in extraction.times]
    figures = [
        (f.text, _name(pb.Figure.Kind, f.kind, "KIND_"), figure_value(f), f.currency or f.unit, f.subject)
        for f in extraction.figures
    ]
    return (
        _table("Times", ("text", "type", "value"), times)
        + "\n"
        + _table("Figures", ("text", "kind", "value", "unit", "subject"), figures)
    )
