"""Translation between the newsx.v1 protobuf messages and the domain records.

Requests are validated here (every violation names its field); responses get their offsets in
the encoding the caller asked for. This is the only module that knows both worlds.
"""

from __future__ import annotations

import datetime as dt
import itertools

from newsx.service import domain, errors, html, language
from newsx.service.config import Settings
from newsx.v1 import extraction_pb2 as pb

MAX_ARTICLE_ID_CHARS = 256


def _violation(reason: str, field: str, description: str) -> errors.InvalidArgument:
    return errors.InvalidArgument(reason, [errors.FieldViolation(field, description)])


def parse_published_at(value: str, field: str) -> dt.datetime | None:
    """ISO 8601 date or date-time; a naive value is taken as UTC."""
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise _violation("INVALID_PUBLISHED_AT", field, f"not an ISO 8601 date or date-time: {value[:64]!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def article_from_proto(article: pb.Article, settings: Settings, field: str = "article") -> domain.ArticleInput:
    """Validate an Article message and turn it into the domain's input; HTML is reduced to text."""
    limit = settings.max_article_chars
    if article.text and article.html:
        raise _violation("TEXT_AND_HTML", f"{field}.html", "give either text or html, not both")
    for name in ("text", "html", "title"):
        if len(getattr(article, name)) > limit:
            raise errors.InvalidArgument(
                "ARTICLE_TOO_LARGE",
                [errors.FieldViolation(f"{field}.{name}", f"longer than max_article_chars ({limit:,} characters)")],
                metadata={"max_article_chars": str(limit)},
            )
    if len(article.id) > MAX_ARTICLE_ID_CHARS:
        raise _violation("INVALID_ARTICLE_ID", f"{field}.id", f"longer than {MAX_ARTICLE_ID_CHARS} characters")
    published_at = parse_published_at(article.published_at, f"{field}.published_at")
    text, title = article.text, article.title.strip()
    if article.html:
        page = html.page_text(article.html)
        text, title = page.text, title or page.title
        if published_at is None and page.published:
            published_at = parse_published_at(page.published, f"{field}.html")
        if not text.strip():
            raise _violation("EMPTY_ARTICLE", f"{field}.html", "no article text could be found in the page")
    if not text.strip():
        raise _violation("EMPTY_ARTICLE", f"{field}.text", "the article has no text")
    problem = language.not_language(text)
    if problem:
        raise _violation("NOT_LANGUAGE", f"{field}.{'html' if article.html else 'text'}", problem)
    if article.language:
        language.primary_language(article.language, f"{field}.language")
    return domain.ArticleInput(
        text=text, title=title, id=article.id, published_at=published_at, url=article.url, language=article.language
    )


def check_min_confidence(value: float, field: str) -> float:
    if not 0.0 <= value <= 1.0:
        raise _violation("INVALID_OPTION", field, "must be between 0 and 1")
    return value


def check_offset_encoding(value: int, field: str) -> None:
    """Refuse an encoding number this server does not know (a newer client's, or garbage)."""
    if value not in pb.OffsetEncoding.values():
        raise _violation("INVALID_OPTION", field, f"unknown offset encoding {value}")


class OffsetMapper:
    """Turns code point offsets into the caller's unit (UTF-8 bytes, UTF-16 code units)."""

    def __init__(self, text: str, encoding: int):
        self.encoding = pb.OFFSET_ENCODING_CODE_POINT if encoding == pb.OFFSET_ENCODING_UNSPECIFIED else encoding
        self._prefix: list[int] | None = None
        if self.encoding != pb.OFFSET_ENCODING_CODE_POINT and not text.isascii():
            if self.encoding == pb.OFFSET_ENCODING_UTF8:
                widths = (len(ch.encode("utf-8", "surrogatepass")) for ch in text)
            else:
                widths = (2 if ord(ch) > 0xFFFF else 1 for ch in text)
            self._prefix = list(itertools.accumulate(widths, initial=0))

    def span(self, span: domain.Span) -> pb.TextSpan:
        if self._prefix is None:
            return pb.TextSpan(start=span.start, end=span.end)
        return pb.TextSpan(start=self._prefix[span.start], end=self._prefix[span.end])


def _enum(enum_type, prefix: str, value) -> int:
    return enum_type.Value(f"{prefix}_{value.value}")


def _trigger(trigger: domain.Trigger, offsets: OffsetMapper) -> pb.EventTrigger:
    return pb.EventTrigger(
        text=trigger.text, span=offsets.span(trigger.span), lemma=trigger.lemma, sentence_index=trigger.sentence_index
    )


def extraction_to_proto(extraction: domain.Extraction, input_text: str, encoding: int) -> pb.ExtractResponse:
    offsets = OffsetMapper(extraction.text, encoding)
    response = pb.ExtractResponse(
        article_id=extraction.article_id,
        text=extraction.text if extraction.text != input_text else "",
        model=extraction.model,
        offset_encoding=offsets.encoding,
    )
    for entity in extraction.entities:
        response.entities.append(
            pb.Entity(
                id=entity.id,
                type=_enum(pb.Entity.Type, "TYPE", entity.type),
                name=entity.name,
                salience=entity.salience,
                country_code=entity.country_code,
                confidence=entity.confidence,
                geo=_geo(entity.geo),
                mentions=[
                    pb.EntityMention(
                        text=m.text, span=offsets.span(m.span), sentence_index=m.sentence_index, in_title=m.in_title
                    )
                    for m in entity.mentions
                ],
            )
        )
    for event in extraction.events:
        response.events.append(
            pb.Event(
                id=event.id,
                type=event.type,
                trigger=_trigger(event.trigger, offsets),
                mentions=[_trigger(t, offsets) for t in event.mentions],
                arguments=[
                    pb.EventArgument(
                        role=a.role,
                        text=a.text,
                        span=offsets.span(a.span),
                        entity_id=a.entity_id,
                        figure_id=a.figure_id,
                        confidence=a.confidence,
                    )
                    for a in event.arguments
                ],
                time_id=event.time_id,
                status=_enum(pb.Event.Status, "STATUS", event.status),
                negated=event.negated,
                sentence_index=event.sentence_index,
                confidence=event.confidence,
                description=event.description,
            )
        )
    for figure in extraction.figures:
        message = pb.Figure(
            id=figure.id,
            kind=_enum(pb.Figure.Kind, "KIND", figure.kind),
            text=figure.text,
            span=offsets.span(figure.span),
            comparator=_enum(pb.Figure.Comparator, "COMPARATOR", figure.comparator),
            unit=figure.unit,
            currency=figure.currency,
            subject=figure.subject,
            sentence_index=figure.sentence_index,
            confidence=figure.confidence,
        )
        if figure.value is not None:
            message.value = figure.value
        if figure.value_max is not None:
            message.value_max = figure.value_max
        if figure.value_opponent is not None:
            message.value_opponent = figure.value_opponent
        response.figures.append(message)
    for time in extraction.times:
        response.times.append(
            pb.TimeExpression(
                id=time.id,
                type=_enum(pb.TimeExpression.Type, "TYPE", time.type),
                text=time.text,
                span=offsets.span(time.span),
                value=time.value,
                sentence_index=time.sentence_index,
            )
        )
    for sentence in extraction.sentences:
        response.sentences.append(
            pb.Sentence(index=sentence.index, span=offsets.span(sentence.span), in_title=sentence.in_title)
        )
    return response


def _geo(geo: domain.Geo | None) -> pb.Geo | None:
    if geo is None:
        return None
    return pb.Geo(latitude=geo.latitude, longitude=geo.longitude, geonames_id=geo.geonames_id)


def summary_options(request: pb.SummarizeRequest) -> dict:
    """Validated summary options for ``summarize.summarize``."""
    violations = []
    if request.max_sentences < 0:
        violations.append(errors.FieldViolation("max_sentences", "must not be negative"))
    if request.max_characters < 0:
        violations.append(errors.FieldViolation("max_characters", "must not be negative"))
    if not 0.0 <= request.ratio <= 1.0:
        violations.append(errors.FieldViolation("ratio", "must be between 0 and 1"))
    if request.method not in pb.SummaryMethod.values():
        violations.append(errors.FieldViolation("method", f"unknown summary method {request.method}"))
    if violations:
        raise errors.InvalidArgument("INVALID_OPTION", violations)
    method = pb.SummaryMethod.Name(request.method or pb.SUMMARY_METHOD_AUTO).removeprefix("SUMMARY_METHOD_")
    return {
        "method": domain.Method[method],
        "max_sentences": request.max_sentences or 3,
        "max_characters": request.max_characters,
        "ratio": request.ratio,
    }


def summary_to_proto(
    summary: domain.Summary, extraction: domain.Extraction, request: pb.SummarizeRequest
) -> pb.SummarizeResponse:
    """The summary; its links go only to entities and events ``min_confidence`` kept."""
    offsets = OffsetMapper(extraction.text, request.offset_encoding)
    entity_ids = {entity.id for entity in extraction.entities}
    event_ids = {event.id for event in extraction.events}
    response = pb.SummarizeResponse(
        article_id=extraction.article_id,
        text=extraction.text if extraction.text != request.article.text else "",
        summary=" ".join(s.text for s in summary.sentences),
        sentences=[
            pb.SummarySentence(index=s.index, text=s.text, span=offsets.span(s.span), score=s.score)
            for s in summary.sentences
        ],
        key_phrases=[
            pb.KeyPhrase(text=k.text, score=k.score, entity_id=k.entity_id if k.entity_id in entity_ids else "")
            for k in summary.key_phrases
        ],
        brief=pb.Brief(
            headline=summary.brief.headline,
            event_id=summary.brief.event_id if summary.brief.event_id in event_ids else "",
            entity_ids=[entity_id for entity_id in summary.brief.entity_ids if entity_id in entity_ids],
            figure_ids=summary.brief.figure_ids,
        ),
        method=pb.SummaryMethod.Value("SUMMARY_METHOD_" + summary.method.value),
        truncated=summary.truncated,
        offset_encoding=offsets.encoding,
    )
    if request.include_extraction:
        response.extraction.CopyFrom(extraction_to_proto(extraction, request.article.text, request.offset_encoding))
    return response
