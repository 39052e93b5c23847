"""Reporting periods: quarters, halves and fiscal years, and the anaphora of financial news
("the quarter", "the latest period", "the year-ago quarter", "the 1988 period") that refer to
the period the report is about."""

from __future__ import annotations

import re

from newsx.service.domain import TimeType
from newsx.service.extract.times.context import Anchor, Resolved, Resolver, norm, period_in_focus
from newsx.service.extract.times.lexicon import Lexicon
from newsx.service.extract.times.resolvers import cyclic_value, shift_of
from newsx.service.extract.times.values import (
    Bounds,
    add_months,
    duration_value,
    months_bounds,
    shift_calendar_value,
)


def _year_of_relation(relation: str, anchor: Anchor) -> int | None:
    """Year named by "this year", "last year", "2023", "fiscal 2023"."""
    digits = re.search(r"\d{4}", relation)
    if digits:
        return int(digits.group())
    if anchor.reference is None:
        return None
    return anchor.reference.year + (shift_of(anchor.lexicon, relation.split()[0]) or 0)


def _period_of_year(match: re.Match, anchor: Anchor, code: str, first_month: int, count: int) -> Resolved:
    relation = norm(match["yr"])
    if not relation:
        bounds: Bounds = lambda y: months_bounds(y, first_month, count)  # noqa: E731
        return TimeType.DATE, cyclic_value(anchor, bounds, "", lambda y: f"{y:04d}-{code}", f"XXXX-{code}", True)
    year = _year_of_relation(relation, anchor)
    return TimeType.DATE, f"{year:04d}-{code}" if year is not None else f"XXXX-{code}"


def quarter(match: re.Match, anchor: Anchor) -> Resolved:
    number = int(match["q"]) if match["q"] else anchor.lexicon.numbers("ordinals")[match["o"].lower()]
    return _period_of_year(match, anchor, f"Q{number}", 3 * number - 2, 3)


def half(match: re.Match, anchor: Anchor) -> Resolved:
    number = anchor.lexicon.numbers("half_ordinals")[(match["o"] or match["adj"]).lower()]
    return _period_of_year(match, anchor, f"H{number}", 6 * number - 5, 6)


def fiscal_year(match: re.Match, anchor: Anchor) -> Resolved:
    number = int(match["y"])
    return TimeType.DATE, f"{number + 2000 if number < 100 else number:04d}"  # TimeBank: "fiscal 1989" is 1989


def _last_completed(anchor: Anchor, unit: str) -> str | None:
    """The last quarter (or half) that ended before the reference: what a report is about."""
    if anchor.reference is None:
        return None
    months = 6 if unit == "half" else 3
    year, month = add_months(anchor.reference.year, anchor.reference.month, -months)
    return f"{year:04d}-H{(month - 1) // 6 + 1}" if months == 6 else f"{year:04d}-Q{(month - 1) // 3 + 1}"


def reporting_period(match: re.Match, anchor: Anchor) -> Resolved:
    """ "the latest quarter", "the year-ago period", "the 1988 third quarter", "last year's
    quarter", "the corresponding period last year": the period in focus, or the numbered one, in
    the year named or a year before."""
    lexicon = anchor.lexicon
    relations = [norm(match["rel"]), norm(match["rel2"])]
    unit = norm(match["unit"])
    if unit.endswith("months"):  # "the year-earlier nine months": a reporting span
        return TimeType.DURATION, duration_value(lexicon.parse_amount(unit.split()[0]), "M")
    back = int(year_back(match.groupdict(), lexicon))
    year: int | None = None
    digits = re.search(r"\d{4}", relations[0])
    if digits:
        year = int(digits.group())
    elif relations[0].endswith("year's") and anchor.reference is not None:
        year = anchor.reference.year + (shift_of(lexicon, relations[0].split()[0]) or 0)
    focus = period_in_focus(anchor, unit)
    if match["o"]:
        number = lexicon.numbers("ordinals")[match["o"].lower()]
        code = f"H{number}" if unit == "half" else f"Q{number}"
        base = year if year is not None else (int(focus[:4]) if focus else None)
        if base is None and anchor.reference is not None:
            base = anchor.reference.year
        return TimeType.DATE, f"{base - back:04d}-{code}" if base is not None else f"XXXX-{code}"
    if focus is None and year is None and unit == "period" and back:  # "the same period last year", none named
        if anchor.reference is None:
            return TimeType.DATE, "XXXX"
        year = anchor.reference.year
    if focus is None and year is not None:
        return TimeType.DATE, f"{year - back:04d}"
    value = focus or _last_completed(anchor, "half" if unit == "half" else "quarter")
    if value is None:
        return TimeType.DATE, "XXXX-HX" if unit == "half" else "XXXX-QX"
    if year is not None:
        value = f"{year:04d}{value[4:]}"
    return TimeType.DATE, (shift_calendar_value(value, "year", -back) or value) if back else value


def quarters(match: re.Match, anchor: Anchor) -> Resolved:
    """ "the past two quarters" P2Q, "recent quarters" PXQ: a span of reporting quarters."""
    amount = anchor.lexicon.parse_amount(match["n"]) if match["n"] else None
    return TimeType.DURATION, duration_value(amount, "Q")


PERIOD_RESOLVERS: dict[str, Resolver] = {
    function.__name__: function for function in (quarter, half, fiscal_year, reporting_period, quarters)
}


def year_back(groups: dict, lexicon: Lexicon) -> bool:
    """Whether a reporting period is the one a year before the period in focus ("the year-ago quarter")."""
    before = lexicon.words("year_before_words")
    return bool(groups.get("back")) or norm(groups.get("rel")) in before or norm(groups.get("rel2")) in before
