"""What a grammar match means: its TIMEX3 type and value (``RESOLVERS``; the checks of whether it
is a time at all are in ``checks``). Rows of ``data/patterns.yaml`` name them in ``value``.

Values count from the reference (publication) date, or, for anaphoric expressions ("a year
earlier", "the following week", "the quarter"), from the date in focus; underspecified dates
("Friday", "October 11") take the direction the tense of their verb gives (``Anchor.direction``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from newsx.service.domain import TimeType
from newsx.service.extract.times.context import (
    Anchor,
    Resolved,
    Resolver,
    discourse_focus,
    is_frequency,
    last_date_within,
    norm,
    period_in_focus,
    previous_word,
)
from newsx.service.extract.times.lexicon import Lexicon
from newsx.service.extract.times.values import (
    PLACEHOLDERS,
    Bounds,
    Direction,
    choose_year,
    day_value,
    duration_value,
    granularity,
    month_bounds,
    month_value,
    months_bounds,
    shift_calendar_value,
    shifted_value,
    truncate_value,
    week_value,
    weekday_date,
)


def shift_of(lexicon: Lexicon, relation: str) -> int | None:
    return lexicon.numbers("relative_shifts").get(relation)


def cyclic_value(
    anchor: Anchor,
    bounds: Bounds,
    relation: str,
    render: Callable[[int], str],
    placeholder: str,
    reporting: bool = False,
) -> str:
    """Value of a yearly period ("October 11", "this spring") chosen by relation or tense.

    A ``reporting`` period (a quarter, a half) under a future verb is the nearest one:
    "expects to report third-quarter results" in October is this year's third quarter."""
    if anchor.reference is None:
        return placeholder
    shift = shift_of(anchor.lexicon, relation)
    if shift == 0:
        year: int | None = anchor.reference.year
    elif shift is not None:
        year = choose_year(anchor.reference, Direction.PAST if shift < 0 else Direction.FUTURE, bounds, strict=True)
    else:
        direction = anchor.direction()
        if reporting and direction is Direction.FUTURE:
            direction = Direction.NEAREST
        year = choose_year(anchor.reference, direction, bounds)
    return render(year) if year is not None else placeholder


def _day_of_year(month: int, day: int, year: str | None, anchor: Anchor) -> Resolved:
    """A month and day, in the given year or the one the tense picks."""
    if year:
        return TimeType.DATE, f"{int(year):04d}-{month:02d}-{day:02d}"

    def bounds(year: int) -> tuple[dt.date, dt.date] | None:
        try:
            day_in_year = dt.date(year, month, day)
        except ValueError:
            return None
        return day_in_year, day_in_year

    value = cyclic_value(anchor, bounds, "", lambda y: f"{y:04d}-{month:02d}-{day:02d}", f"XXXX-{month:02d}-{day:02d}")
    return TimeType.DATE, value


def full_date(match: re.Match, anchor: Anchor) -> Resolved:
    day = int(re.match(r"\d+", match["d"]).group())  # type: ignore[union-attr]  # the pattern starts with digits
    return _day_of_year(anchor.lexicon.month_number(match["mon"]), day, match["y"], anchor)


def numeric_date(match: re.Match, anchor: Anchor) -> Resolved | None:
    """ "2024-03-15"; "10/02/2024" month first as in US news, unless the first number cannot be a
    month ("25/12/2023"); "14.03.2024" day first, as written in Europe."""
    groups = match.groupdict()
    if groups.get("m"):
        month, day = int(groups["m"]), int(groups["d"])
    else:
        first, second = int(groups["a"]), int(groups["b"])
        day_first = groups["sep"] == "." or first > 12
        month, day = (second, first) if day_first else (first, second)
    try:
        return TimeType.DATE, day_value(dt.date(int(match["y"]), month, day))
    except ValueError:
        return None


def month_year(match: re.Match, anchor: Anchor) -> Resolved:
    return TimeType.DATE, month_value(int(match["y"]), anchor.lexicon.month_number(match["mon"]))


def month_of_year(match: re.Match, anchor: Anchor) -> Resolved:
    """ "January this year", "June last year": the month of the year named relative to publication."""
    number = anchor.lexicon.month_number(match["mon"])
    if anchor.reference is None:
        return TimeType.DATE, f"XXXX-{number:02d}"
    return TimeType.DATE, month_value(
        anchor.reference.year + (shift_of(anchor.lexicon, norm(match["rel"])) or 0), number
    )


def month(match: re.Match, anchor: Anchor) -> Resolved:
    number = anchor.lexicon.month_number(match["mon"])
    value = cyclic_value(
        anchor,
        lambda y: month_bounds(y, number),
        norm(match["rel"]),
        lambda y: month_value(y, number),
        f"XXXX-{number:02d}",
    )
    return TimeType.DATE, value


def weekday(match: re.Match, anchor: Anchor) -> Resolved:
    lexicon = anchor.lexicon
    number = lexicon.numbers("weekdays")[match["wd"].lower()]
    part = lexicon.codes("parts_of_day").get(norm(match["part"]), "")
    kind = TimeType.TIME if part else TimeType.DATE
    suffix = f"T{part}" if part else ""
    if anchor.reference is None:
        return kind, f"XXXX-WXX-{number}{suffix}"
    relation = norm(match["rel"])
    shift = shift_of(lexicon, relation.removeprefix("the "))
    focus = (discourse_focus(anchor, "day") or last_date_within(anchor, "day")) if relation.startswith("the ") else None
    if focus and shift and granularity(focus) == "day":  # "the previous Friday": from the day in focus
        direction = Direction.PAST if shift < 0 else Direction.FUTURE
        return kind, day_value(weekday_date(dt.date.fromisoformat(focus), number, direction, strict=True)) + suffix
    if shift == 0:
        day = anchor.reference + dt.timedelta(days=number - anchor.reference.isoweekday())
    elif shift is not None:
        day = weekday_date(anchor.reference, number, Direction.PAST if shift < 0 else Direction.FUTURE, strict=True)
    else:
        day = weekday_date(anchor.reference, number, anchor.direction())
    return kind, day_value(day) + suffix


def day_word(match: re.Match, anchor: Anchor) -> Resolved:
    lexicon = anchor.lexicon
    word = match["w"].lower()
    part = lexicon.codes("day_word_parts").get(word) or lexicon.codes("parts_of_day").get(norm(match["part"]), "")
    day = shifted_value(anchor.reference, "day", lexicon.numbers("day_words")[word])
    return (TimeType.TIME, f"{day}T{part}") if part else (TimeType.DATE, day)


def part_of_day(match: re.Match, anchor: Anchor) -> Resolved:
    lexicon = anchor.lexicon
    relation = norm(match["rel"])
    shift = lexicon.numbers("day_words").get(relation, shift_of(lexicon, relation) or 0)
    part = lexicon.codes("parts_of_day")[match["part"].lower()]
    return TimeType.TIME, f"{shifted_value(anchor.reference, 'day', shift)}T{part}"


def relative_unit(match: re.Match, anchor: Anchor) -> Resolved:
    lexicon = anchor.lexicon
    relation, unit = norm(match["rel"]), norm(match["unit"]).removeprefix("fiscal ")
    shift = shift_of(lexicon, relation) or 0
    if relation in lexicon.words("anaphoric_relations") and unit in ("week", "month", "quarter", "year"):
        focus = discourse_focus(anchor, unit, days=True) or last_date_within(anchor, unit)
        shifted = _shifted_focus(focus, unit, shift) if focus else None
        if shifted:
            return TimeType.DATE, shifted
    if (
        unit in lexicon.codes("duration_units")
        and unit != "weekend"
        and not match["the"]
        and relation in lexicon.words("durations_without_article")
    ):
        code = lexicon.codes("duration_units")[unit]
        return TimeType.DURATION, duration_value(1, code)
    return TimeType.DATE, shifted_value(anchor.reference, unit, shift)


def the_unit(match: re.Match, anchor: Anchor) -> Resolved:
    """ "the year before" counts from the date in focus; "the month" (or week, quarter) is the one
    named in the sentence or the one before ("Last month was the hottest July ... much of the
    month") unless it lies ahead; else the publication's own."""
    unit = match["unit"].lower()
    relation = norm(match["rel"])
    shift = shift_of(anchor.lexicon, relation) or 0
    following = re.match(r"\s+(\w+)", anchor.text[match.end() : match.end() + 12])
    if following and following[1].lower() in anchor.lexicon.words("period_end_words"):  # "the year ended June 30"
        return TimeType.DURATION, duration_value(1, anchor.lexicon.codes("duration_units")[unit])
    if unit == "weekend" and not relation and anchor.reference is not None:  # "over the weekend": the tense says which
        saturday = weekday_date(anchor.reference, 6, anchor.direction())
        return TimeType.DATE, week_value(saturday) + "-WE"
    focus = discourse_focus(anchor, unit) if unit in ("day", "week", "month", "quarter", "year") else None
    if focus is not None and not relation:
        near = any(value == focus and distance <= 1 for value, distance in anchor.recent)
        ahead = anchor.direction() is Direction.FUTURE or previous_word(
            anchor.text, anchor.start
        ) in anchor.lexicon.words("deadline_prepositions")
        if not (near and granularity(focus) == unit != "year" and not ahead):
            focus = None
    if focus is not None:
        shifted = _shifted_focus(focus, unit, shift)
        if shifted:
            return TimeType.DATE, shifted
    return TimeType.DATE, shifted_value(anchor.reference, unit, shift)


def _shifted_focus(focus: str, unit: str, shift: int) -> str | None:
    """The ``unit`` holding the date in focus, ``shift`` units on ("the following week")."""
    value = truncate_value(focus, unit)
    return shift_calendar_value(value, unit, shift) if value else None


def ago(match: re.Match, anchor: Anchor) -> Resolved:
    lexicon = anchor.lexicon
    unit = lexicon.unit_of(match["unit"])
    direction = norm(match["dir"])
    sign = lexicon.numbers("ago_directions")[direction]
    amount: float | None
    if match["n"]:
        amount = lexicon.parse_amount(match["n"])
    else:  # "the year-ago quarter" is one year; "years ago" is vague
        amount = None if match["unit"].lower().endswith("s") else 1
    weeks = lexicon.numbers("counted_in_weeks").get(unit)
    if weeks is not None:  # "a fortnight ago", "two weekends ago"
        unit, amount = "week", (None if amount is None else amount * weeks)
    if amount is None:
        return TimeType.DATE, "FUTURE_REF" if sign > 0 else "PAST_REF"
    if lexicon.codes("duration_units").get(unit, "").startswith("T"):  # hours ago: still today
        unit, amount = "day", 0
    # "earlier"/"later" count from the date in focus; "ago" from publication, though a year-on-year
    # comparison of a period in focus keeps its granularity ("the third quarter ... a year ago").
    focus: str | None
    if direction in lexicon.words("anaphoric_directions"):
        focus = discourse_focus(anchor, unit)
    else:
        focus = discourse_focus(anchor, unit) if unit == "year" and amount == 1 else None
        focus = focus if focus is not None and granularity(focus) in ("quarter", "half") else None
    if focus is None and unit == "year" and amount == 1:
        focus = period_in_focus(anchor, "period")  # "a year ago" in a report about a quarter: that quarter
    shifted = shift_calendar_value(focus, unit, sign * round(amount)) if focus else None
    return TimeType.DATE, shifted or shifted_value(anchor.reference, unit, sign * round(amount))


def duration(match: re.Match, anchor: Anchor) -> Resolved:
    lexicon = anchor.lexicon
    code = lexicon.codes("duration_units")[lexicon.unit_of(match["unit"])]
    bare_article = norm(match["n"]) in ("a", "an") and not match["the"] and not match["q"]
    if bare_article and is_frequency(anchor.text, anchor.start, lexicon) and not match.groupdict().get("half"):
        return TimeType.SET, duration_value(1, code)
    amount = lexicon.parse_amount(match["n"])
    if amount is not None and match.groupdict().get("half"):  # "a minute and a half"
        amount += 0.5
    return TimeType.DURATION, duration_value(amount, code)


def vague_duration(match: re.Match, anchor: Anchor) -> Resolved:
    lexicon = anchor.lexicon
    period = lexicon.codes("vague_past_periods").get(f"{norm(match['mod'])} {match['unit'].lower()}")
    if period:
        return TimeType.DATE, period
    return TimeType.DURATION, duration_value(None, lexicon.codes("duration_units")[lexicon.unit_of(match["unit"])])


def reference_word(match: re.Match, anchor: Anchor) -> Resolved:
    return TimeType.DATE, anchor.lexicon.codes("reference_words")[norm(match["w"])]


def year(match: re.Match, anchor: Anchor) -> Resolved:
    return TimeType.DATE, match["y"]


def that_unit(match: re.Match, anchor: Anchor) -> Resolved | None:
    """ "that year", "later that day", "that same quarter": the unit holding the date in focus
    (no time at all without one: "strong redemptions that day" is generic)."""
    unit = match["unit"].lower()
    focus = discourse_focus(anchor, unit)
    value = truncate_value(focus, unit) if focus else None
    return (TimeType.DATE, value) if value else None


def year_end(match: re.Match, anchor: Anchor) -> Resolved:
    """ "by year-end" is this year's end, "since year-end" the last one (TIMEX3 writes the year)."""
    if anchor.reference is None:
        return TimeType.DATE, PLACEHOLDERS["year"]
    past = anchor.direction() is Direction.PAST and (anchor.reference.month, anchor.reference.day) != (12, 31)
    return TimeType.DATE, f"{anchor.reference.year - past:04d}"


def spoken_year(match: re.Match, anchor: Anchor) -> Resolved | None:
    """ "nineteen ninety-six" -> 1996, "two thousand and one" -> 2001 (broadcast transcripts)."""
    words = match["rest"] or match["rest2"]
    rest = anchor.lexicon.parse_amount(words) if words else 0.0
    if rest is None or rest != int(rest):
        return None
    if match["c"]:
        century = anchor.lexicon.numbers("number_words")[match["c"].lower()]
        return (TimeType.DATE, f"{century * 100 + int(rest):04d}") if 10 <= rest <= 99 else None
    return (TimeType.DATE, f"{2000 + int(rest):04d}") if rest < 100 else None


def decade_word(match: re.Match, anchor: Anchor) -> Resolved:
    return TimeType.DATE, f"19{anchor.lexicon.numbers('decade_words')[match['w'].lower()]}"


def decade(match: re.Match, anchor: Anchor) -> Resolved:
    if match["c"]:
        return TimeType.DATE, f"{match['c']}{match['d']}"
    digit = match["d2"] or match["d3"]
    return TimeType.DATE, ("20" if digit in "01" and match["d2"] else "19") + digit


def century(match: re.Match, anchor: Anchor) -> Resolved:
    return TimeType.DATE, f"{int(match['n']) - 1:02d}"


def season(match: re.Match, anchor: Anchor) -> Resolved:
    lexicon = anchor.lexicon
    code = lexicon.codes("seasons")[match["s"].lower()]
    if match["y"]:
        return TimeType.DATE, f"{match['y']}-{code}"
    first_month = lexicon.numbers("season_first_months")[code]
    value = cyclic_value(
        anchor,
        lambda y: months_bounds(y, first_month, 3),
        norm(match["rel"]),
        lambda y: f"{y:04d}-{code}",
        f"XXXX-{code}",
    )
    return TimeType.DATE, value


RESOLVERS: dict[str, Resolver] = {
    function.__name__: function
    for function in (
        numeric_date,
        full_date,
        month_year,
        month_of_year,
        month,
        weekday,
        day_word,
        part_of_day,
        ago,
        relative_unit,
        the_unit,
        duration,
        vague_duration,
        reference_word,
        year,
        decade,
        decade_word,
        that_unit,
        year_end,
        spoken_year,
        century,
        season,
    )
}
