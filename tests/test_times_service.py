"""Times through the real server and client: dates at the ends of the calendar (issue 19, item 4)."""

from __future__ import annotations

import pytest

from newsx.v1 import extraction_pb2 as pb


@pytest.mark.parametrize(
    ("published_at", "text", "expected"),
    [
        # A relative date that would fall before 0001-01-01 or after 9999-12-31 stays unresolved.
        ("0001-01-01", "The minister resigned last Tuesday.", [("last Tuesday", "XXXX-WXX-2")]),
        ("9999-12-31", "The vote is next Tuesday.", [("next Tuesday", "XXXX-WXX-2")]),
        ("9999-12-31", "Prices will rise next year.", [("next year", "XXXX")]),
        ("0001-01-01", "Prices fell a year ago.", [("a year ago", "XXXX")]),
        # Within the calendar the same dates resolve: 0001-01-01 was a Monday, 9999-12-31 a Friday.
        ("0001-01-01", "He resigned on Monday.", [("Monday", "0001-01-01")]),
        ("9999-12-31", "Profit rose in the fourth quarter.", [("the fourth quarter", "9999-Q4")]),
    ],
)
def test_times_service_dates_at_the_ends_of_the_calendar(client, published_at, text, expected):
    response = client.extract(pb.Article(text=text, published_at=published_at))
    assert [(t.text, t.value) for t in response.times] == expected
