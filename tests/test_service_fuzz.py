"""Property-based: whatever text arrives, the real server answers OK or INVALID_ARGUMENT (empty, or
not language by the documented rule), and every span it returns slices its own text out of the
analysed text in the encoding asked for."""

from __future__ import annotations

import unicodedata

import grpc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsx.client.client import NewsxError
from newsx.v1 import extraction_pb2 as pb
from tests.test_service_offsets import _slice, _spans

NEWS_WORDS = st.sampled_from(
    [
        "Paris",
        "Iran",
        "the",
        "minister",
        "said",
        "on",
        "Monday",
        "$3.5bn",
        "40%",
        "1,200",
        "killed",
        "U.S.",
        "€20m",
        "October",
        "11",
        "Apple",
        "Inc.",
        "(IRGC)",
        "'s",
        "—",
        "...",
        "\n\n",
        "\n",
        "km",
        "minus",
        "5",
    ]
)
ODD_CHARACTERS = st.characters(
    codec="utf-8",
    categories=("L", "M", "N", "P", "S", "Zs", "Cc", "Cf"),  # letters to controls, incl. zero-width and RTL marks
)
TEXTS = st.one_of(
    st.text(ODD_CHARACTERS, max_size=300),
    st.lists(st.one_of(NEWS_WORDS, st.text(ODD_CHARACTERS, min_size=1, max_size=8)), max_size=80).map(" ".join),
)
ENCODINGS = st.sampled_from([pb.OFFSET_ENCODING_CODE_POINT, pb.OFFSET_ENCODING_UTF8, pb.OFFSET_ENCODING_UTF16])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.one_of(st.just(""), st.text(ODD_CHARACTERS, max_size=60)), text=TEXTS, encoding=ENCODINGS)
def test_fuzz_any_text_is_answered_with_valid_spans(client, title, text, encoding):
    article = pb.Article(title=title, text=text, language="en")
    try:
        response = client.extract(article, offset_encoding=encoding, timeout=60)
    except NewsxError as error:
        assert error.code == grpc.StatusCode.INVALID_ARGUMENT, error
        if error.reason == "NOT_LANGUAGE":  # the rule, counted by hand: see language.not_language
            visible = [ch for ch in text if not ch.isspace()]
            noise = [ch for ch in visible if ch == "\ufffd" or unicodedata.category(ch) == "Cc"]
            words = [ch for ch in visible if ch.isalnum()]
            assert len(visible) >= 100 and (len(noise) > 0.05 * len(visible) or len(words) < 0.5 * len(visible))
        else:
            assert error.reason == "EMPTY_ARTICLE" and not text.strip(), error
        return
    analysed = response.text or text
    for expected, span in _spans(response):
        assert _slice(analysed, span, encoding) == expected
