"""Holidays: fixed ones ("Christmas Eve": 12-24) and movable ones ("Thanksgiving": the fourth
Thursday of November; "Good Friday": two days before Easter), dated in the year the relation or
the tense picks. The dates are rows of ``data/lexicon.yaml``."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from newsx.service.domain import TimeType
from newsx.service.extract.times.context import Anchor, Resolved, Resolver, norm
from newsx.service.extract.times.resolvers import cyclic_value

_NTH_WEEKDAY = re.compile(r"(?P<month>\d\d)-(?P<nth>[1-5L])-(?P<weekday>[1-7])(?P<offset>[+-]\d+)?")
_EASTER = re.compile(r"E(?P<offset>[+-]\d+)?")


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741  (the computus's own name)
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return dt.date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def holiday_date(rule: str, year: int) -> dt.date | None:
    """The date of a holiday in a year: "12-25", "11-4-4" (4th Thursday of November), "05-L-1"
    (last Monday of May), "11-1-1+1" (the day after the first Monday), "E-2" (Easter - 2 days)."""
    found = _EASTER.fullmatch(rule)
    if found:
        return easter(year) + dt.timedelta(days=int(found["offset"] or 0))
    found = _NTH_WEEKDAY.fullmatch(rule)
    if found:
        month, weekday = int(found["month"]), int(found["weekday"])
        days = [day for day in range(1, calendar.monthrange(year, month)[1] + 1)]
        matching = [day for day in days if dt.date(year, month, day).isoweekday() == weekday]
        day = matching[-1] if found["nth"] == "L" else matching[int(found["nth"]) - 1]
        return dt.date(year, month, day) + dt.timedelta(days=int(found["offset"] or 0))
    month, day = (int(part) for part in rule.split("-"))
    try:
        return dt.date(year, month, day)
    except ValueError:  # 29 February in a common year
        return None


def holiday(match: re.Match, anchor: Anchor) -> Resolved:
    rule = anchor.lexicon.codes("holidays")[norm(match["h"])]
    relation = norm(match.groupdict().get("rel"))

    def bounds(year: int) -> tuple[dt.date, dt.date] | None:
        day = holiday_date(rule, year)
        return (day, day) if day else None

    fixed = re.fullmatch(r"\d\d-\d\d", rule)
    placeholder = f"XXXX-{rule}" if fixed else "XXXX-XX-XX"
    value = cyclic_value(
        anchor, bounds, relation, lambda y: (holiday_date(rule, y) or dt.date(y, 1, 1)).isoformat(), placeholder
    )
    return TimeType.DATE, value


HOLIDAY_RESOLVERS: dict[str, Resolver] = {"holiday": holiday}
