"""TIMEX3 value arithmetic: pure functions of dates and calendar values, no language knowledge.

Values follow TIMEX3: days ``2024-10-09``, ISO weeks ``2024-W41``, months ``2024-10``, quarters
``2024-Q3``, halves ``2024-H1``, years ``2024`` (fiscal years too, as TimeBank writes them),
decades ``202``, centuries ``20``, durations ``P3Y``/``PT2H``. Without a reference date, relative values keep "X"
placeholders (``XXXX-WXX``) rather than guessing from the server's clock.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from collections.abc import Callable, Sequence


class Direction(enum.Enum):
    """Where an underspecified date lies relative to the reference date."""

    PAST = "PAST"
    FUTURE = "FUTURE"
    NEAREST = "NEAREST"


# Placeholder values by granularity, for relative expressions without a reference date.
PLACEHOLDERS = {
    "day": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "weekend": "XXXX-WXX-WE",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
}


def day_value(day: dt.date) -> str:
    return day.isoformat()


def week_value(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def months_bounds(year: int, first_month: int, count: int) -> tuple[dt.date, dt.date]:
    """First and last day of ``count`` months starting at ``first_month`` of ``year``."""
    end_year, end_month = add_months(year, first_month, count - 1)
    return dt.date(year, first_month, 1), month_bounds(end_year, end_month)[1]


def shifted_value(reference: dt.date | None, unit: str, amount: int) -> str:
    """The calendar ``unit`` that lies ``amount`` units from the reference ("last week" -> -1)."""
    if reference is None:
        return PLACEHOLDERS[unit]
    if unit == "day":
        return day_value(reference + dt.timedelta(days=amount))
    if unit in ("week", "weekend"):
        value = week_value(reference + dt.timedelta(weeks=amount))
        return value + "-WE" if unit == "weekend" else value
    if unit == "month":
        return month_value(*add_months(reference.year, reference.month, amount))
    if unit == "quarter":
        year, month = add_months(reference.year, reference.month, 3 * amount)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit == "decade":
        return f"{reference.year // 10 + amount:03d}"
    if unit == "century":
        return f"{reference.year // 100 + amount:02d}"
    return f"{reference.year + amount:04d}"


# Calendar values by granularity, finest first; a value can be shifted by its own unit or a coarser one.
_GRANULARITY_PATTERNS = (
    ("day", re.compile(r"(\d{4})-(\d\d)-(\d\d)")),
    ("week", re.compile(r"(\d{4})-W(\d\d)")),
    ("month", re.compile(r"(\d{4})-(\d\d)")),
    ("quarter", re.compile(r"(\d{4})-Q([1-4])")),
    ("half", re.compile(r"(\d{4})-H([12])")),
    ("year", re.compile(r"(\d{4})")),
)
UNIT_SIZE = {"day": 0, "week": 1, "month": 2, "quarter": 3, "half": 4, "year": 5, "decade": 6}
_MONTHS_IN = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120}


def granularity(value: str) -> str | None:
    """The calendar unit a TIMEX3 date value names ("1989-Q3" -> "quarter"); None for other values."""
    for unit, pattern in _GRANULARITY_PATTERNS:
        if pattern.fullmatch(value):
            return unit
    return None


def period_end(value: str) -> dt.date:
    """The last day of a quarter or half value ("1989-Q3" -> 1989-09-30)."""
    year, code = int(value[:4]), value[5:]
    months = 3 if code[0] == "Q" else 6
    return months_bounds(year, months * (int(code[1]) - 1) + 1, months)[1]


def _value_parts(value: str) -> tuple[str, list[int]] | None:
    for unit, pattern in _GRANULARITY_PATTERNS:
        match = pattern.fullmatch(value)
        if match:
            return unit, [int(part) for part in match.groups()]
    return None


def shift_calendar_value(value: str, unit: str, amount: int) -> str | None:
    """``value`` moved by ``amount`` units, at its own granularity ("1989-Q3", "year", -1 ->
    "1988-Q3"); None when the unit is finer than the value or does not divide it."""
    found = _value_parts(value)
    if found is None or unit not in UNIT_SIZE or UNIT_SIZE[unit] < UNIT_SIZE[found[0]]:
        return None
    kind, parts = found
    if kind == "day":
        day = dt.date(*parts)
        if unit in ("day", "week"):
            return day_value(day + dt.timedelta(days=amount * (7 if unit == "week" else 1)))
        year, month = add_months(day.year, day.month, amount * _MONTHS_IN[unit])
        return day_value(dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1])))
    if kind == "week":
        if unit == "week":
            return week_value(dt.date.fromisocalendar(parts[0], parts[1], 1) + dt.timedelta(weeks=amount))
        months = _MONTHS_IN[unit]
        return f"{parts[0] + amount * months // 12:04d}-W{parts[1]:02d}" if months % 12 == 0 else None
    months = _MONTHS_IN[unit]
    if kind == "month":
        return month_value(*add_months(parts[0], parts[1], amount * months))
    if kind in ("quarter", "half"):
        per_year = 4 if kind == "quarter" else 2
        if (months * per_year) % 12:
            return None
        index = parts[0] * per_year + parts[1] - 1 + amount * months * per_year // 12
        return f"{index // per_year:04d}-{kind[0].upper()}{index % per_year + 1}"
    if months % 12:
        return None
    year = parts[0] + amount * months // 12
    return f"{year:04d}"


def truncate_value(value: str, unit: str) -> str | None:
    """A day, week or month value cut to the coarser calendar ``unit`` that holds it."""
    kind = granularity(value)
    if kind is None or UNIT_SIZE.get(unit, -1) < UNIT_SIZE[kind]:
        return None
    if unit == kind:
        return value
    if kind == "day" and unit == "week":
        return week_value(dt.date.fromisoformat(value))
    if unit == "month" and kind == "day":
        return value[:7]
    if unit == "quarter" and kind in ("day", "month"):
        return f"{value[:4]}-Q{(int(value[5:7]) - 1) // 3 + 1}"
    if unit == "year":
        return value[:4]
    return None


Bounds = Callable[[int], "tuple[dt.date, dt.date] | None"]


def choose_year(reference: dt.date, direction: Direction, bounds: Bounds, strict: bool = False) -> int | None:
    """Year of a yearly recurring period ("October 11", "spring", "Q3") seen from the reference.

    PAST takes the latest occurrence that has started by the reference, FUTURE the earliest that
    has not ended, NEAREST the closest one; ``strict`` excludes the occurrence holding the reference
    ("last October", "next spring").
    """
    options = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        if not dt.MINYEAR <= year <= dt.MAXYEAR:
            continue
        span = bounds(year)
        if span is None:  # 29 February in a common year
            continue
        first, last = span
        holds = first <= reference <= last
        if direction is Direction.PAST and first <= reference and not (strict and holds):
            options.append((-year, year))
        elif direction is Direction.FUTURE and last >= reference and not (strict and holds):
            options.append((year, year))
        elif direction is Direction.NEAREST:
            distance = 0 if holds else min(abs((first - reference).days), abs((last - reference).days))
            options.append((distance, year))
    return min(options)[1] if options else None


def weekday_date(reference: dt.date, weekday: int, direction: Direction, strict: bool = False) -> dt.date:
    """The date of a weekday (ISO 1 = Monday) nearest the reference in the given direction."""
    back = (reference.isoweekday() - weekday) % 7
    forward = (weekday - reference.isoweekday()) % 7
    if strict:
        back, forward = back or 7, forward or 7
    if direction is Direction.PAST:
        return reference - dt.timedelta(days=back)
    if direction is Direction.FUTURE:
        return reference + dt.timedelta(days=forward)
    return reference - dt.timedelta(days=back) if back <= forward else reference + dt.timedelta(days=forward)


# A fraction of a unit is written in the next smaller one: 2 1/2 years -> P2Y6M, 5 1/2 hours -> PT5H30M.
_SMALLER_UNIT = {"Y": ("M", 12), "W": ("D", 7), "D": ("TH", 24), "TH": ("TM", 60), "TM": ("TS", 60)}


def duration_value(amount: float | None, code: str) -> str:
    """TIMEX3 duration from an amount and a unit code ("Y", "TH" for hours, "2W" for fortnights):
    (3, "Y") -> "P3Y", (2, "TH") -> "PT2H", (None, "M") -> "PXM", (2.5, "Y") -> "P2Y6M"."""
    factor = re.match(r"\d*", code).group()  # type: ignore[union-attr]  # always matches
    code = code[len(factor) :]
    if amount is None:
        return f"P{'T' if code.startswith('T') else ''}X{code.removeprefix('T')}"
    amount *= int(factor or 1)
    whole, fraction = int(amount), amount - int(amount)
    smaller = _SMALLER_UNIT.get(code)
    if fraction and smaller and float(fraction * smaller[1]).is_integer():
        parts = (
            [(whole, code), (int(fraction * smaller[1]), smaller[0])]
            if whole
            else [(int(fraction * smaller[1]), smaller[0])]
        )
        date = "".join(f"{n}{c}" for n, c in parts if not c.startswith("T"))
        clock = "".join(f"{n}{c[1:]}" for n, c in parts if c.startswith("T"))
        return "P" + date + ("T" + clock if clock else "")
    number = str(whole) if not fraction else f"{amount:g}"
    return f"P{'T' if code.startswith('T') else ''}{number}{code.removeprefix('T')}"


_DURATION_PART = re.compile(r"P(T?)(\d+(?:\.\d+)?)([A-Z]+)")
_DURATION_ORDER = ("Y", "M", "W", "D", "TH", "TM", "TS")


def combined_duration(values: Sequence[str]) -> str | None:
    """One TIMEX3 duration from parts in falling units ("PT2H", "PT19M", "PT42S" -> "PT2H19M42S");
    None unless every part is a plain number of a different unit, largest first."""
    parts = []
    for value in values:
        match = _DURATION_PART.fullmatch(value)
        if match is None or match[1] + match[3] not in _DURATION_ORDER:
            return None
        parts.append((_DURATION_ORDER.index(match[1] + match[3]), match[2], match[3]))
    if [order for order, _, _ in parts] != sorted({order for order, _, _ in parts}):
        return None
    date = "".join(number + code for order, number, code in parts if order < 4)
    clock = "".join(number + code for order, number, code in parts if order >= 4)
    return "P" + date + ("T" + clock if clock else "")
