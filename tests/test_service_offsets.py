"""Every span in a response slices its own text out of the analysed text, in all three encodings."""

from __future__ import annotations

import pytest

from newsx.service import domain
from newsx.service.convert import OffsetMapper
from newsx.v1 import extraction_pb2 as pb

# Accents, an emoji outside the BMP (two UTF-16 units, four UTF-8 bytes) and a combining mark.
TITLE = "Société Générale 🚀 Profit Jumps"
TEXT = (
    "Société Générale said on Tuesday that its profit rose 12% to €1.2 billion 📈 in the third quarter. "
    "Chief executive Slawomir Krupa 👔 told analysts in Paris that 2,000 jobs would be cut by 2026. "
    "José Álvarez, a trader in Madrid, called the result “remarkable” 🎉. "
    "The bank's shares gained 5 percent in Frankfurt, while Deutsche Bank fell."
)

UNIT_CODECS = {pb.OFFSET_ENCODING_UTF8: ("utf-8", 1), pb.OFFSET_ENCODING_UTF16: ("utf-16-le", 2)}


def _slice(text: str, span: pb.TextSpan, encoding: int) -> str:
    if encoding == pb.OFFSET_ENCODING_CODE_POINT:
        return text[span.start : span.end]
    codec, unit = UNIT_CODECS[encoding]
    return text.encode(codec)[span.start * unit : span.end * unit].decode(codec)


def _spans(response: pb.ExtractResponse):
    for entity in response.entities:
        for mention in entity.mentions:
            yield mention.text, mention.span
    for figure in response.figures:
        yield figure.text, figure.span
    for time_expression in response.times:
        yield time_expression.text, time_expression.span
    for event in response.events:
        for trigger in event.mentions:
            yield trigger.text, trigger.span
        for argument in event.arguments:
            yield argument.text, argument.span


@pytest.mark.parametrize("encoding", [pb.OFFSET_ENCODING_CODE_POINT, pb.OFFSET_ENCODING_UTF8, pb.OFFSET_ENCODING_UTF16])
def test_offsets_slice_every_span_in_every_encoding(client, encoding):
    response = client.extract(pb.Article(title=TITLE, text=TEXT, published_at="2024-10-22"), offset_encoding=encoding)
    assert response.offset_encoding == encoding
    spans = list(_spans(response))
    kinds = (len(response.entities), len(response.figures), len(response.times))
    assert all(kinds), f"expected entities, figures and times, got {kinds}"
    for text, span in spans:
        assert _slice(response.text, span, encoding) == text
    for sentence in response.sentences:
        assert _slice(response.text, sentence.span, encoding).strip()


@pytest.mark.parametrize(
    ("text", "span", "utf8", "utf16"),
    [
        ("abc", (1, 2), (1, 2), (1, 2)),
        ("é1", (1, 2), (2, 3), (1, 2)),  # é is 2 bytes, 1 UTF-16 unit
        ("🚀x", (1, 2), (4, 5), (2, 3)),  # the rocket is 4 bytes, 2 UTF-16 units
        ("a\u0301b", (2, 3), (3, 4), (2, 3)),  # a combining acute accent is its own code point
    ],
)
def test_offsets_mapper_converts_code_points(text, span, utf8, utf16):
    code_points = domain.Span(*span)
    for encoding, expected in ((pb.OFFSET_ENCODING_UTF8, utf8), (pb.OFFSET_ENCODING_UTF16, utf16)):
        converted = OffsetMapper(text, encoding).span(code_points)
        assert (converted.start, converted.end) == expected
