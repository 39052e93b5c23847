"""Time expressions with TIMEX3 values: component ``newsx.times.v1``.

Spans come from a small grammar of regular expressions (dates, weekdays, relative units, durations,
sets, reference words such as "now" or "recently"). For speed each rule runs only in short windows
around its trigger words (a month name, a unit, a four-digit number ...) over an ASCII-lower-cased
copy of the text; the model's DATE/TIME entities vouch for matches whose context check would fail.
Values are computed by the pure helpers below from the publication date
(``doc._.newsx_reference_time``) and the tense of the governing verb, which decides whether a
bare "October 11" or "Friday" lies before or after publication.

Conventions (TimeML / TimeBank):
- Extents leave out prepositions ("on", "in", "for", "since") and possessive "'s", keep
  determiners and relative words ("the past three years", "last week") and keep value-neutral
  modifiers ("early October", "mid-2023", "the end of the year"); such modifiers do not change the
  value (TIMEX3 would carry them in ``mod``, which the domain record has no field for).
- Anaphoric expressions count from the date in focus, not from publication: "a year earlier"
  after "the third quarter" is the same quarter a year before, "the following week" the week
  after the last dated day, "the quarter" the quarter just named (``discourse_focus``).
- Without a publication date, explicit dates are still resolved and relative ones keep "X"
  placeholders (``XXXX-10-11``, ``XXXX-WXX-5``, ``XXXX``); the server's clock is never used.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import enum
import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from text_to_num import text2num

from newsx.service.domain import Span, TimeExpression, TimeType
from newsx.service.extract.document import doc_text, in_title, reference_date, sentence_index
from newsx.service.extract.times import resources as res


class Direction(enum.Enum):
    """Where an underspecified date lies relative to the publication date."""

    PAST = "PAST"
    FUTURE = "FUTURE"
    NEAREST = "NEAREST"


# --------------------------------------------------------------------------------------------
# TIMEX3 value arithmetic (pure)
# --------------------------------------------------------------------------------------------

# Placeholder values by granularity, for relative expressions without a publication date.
PLACEHOLDERS = {
    "day": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "weekend": "XXXX-WXX-WE",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
    "fiscal year": "FYXXXX",
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
    if unit == "fiscal year":
        return f"FY{reference.year + amount:04d}"
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
    ("fiscal year", re.compile(r"FY(\d{4})")),
    ("year", re.compile(r"(\d{4})")),
)
_UNIT_SIZE = {"day": 0, "week": 1, "month": 2, "quarter": 3, "half": 4, "fiscal year": 5, "year": 5, "decade": 6}


def granularity(value: str) -> str | None:
    """The calendar unit a TIMEX3 date value names ("1989-Q3" -> "quarter"); None for other values."""
    for unit, pattern in _GRANULARITY_PATTERNS:
        if pattern.fullmatch(value):
            return unit
    return None


def shift_calendar_value(value: str, unit: str, amount: int) -> str | None:
    """``value`` moved by ``amount`` units, at its own granularity ("1989-Q3", "year", -1 ->
    "1988-Q3"); None when the unit is finer than the value or does not divide it."""
    kind = granularity(value)
    if kind is None or unit not in _UNIT_SIZE or _UNIT_SIZE[unit] < _UNIT_SIZE[kind]:
        return None
    parts = [int(part) for part in next(p for k, p in _GRANULARITY_PATTERNS if k == kind).fullmatch(value).groups()]
    months = {"month": 1, "quarter": 3, "year": 12, "fiscal year": 12, "decade": 120}.get(unit)
    if kind == "day":
        day = dt.date(*parts)
        if unit in ("day", "week"):
            return day_value(day + dt.timedelta(days=amount * (7 if unit == "week" else 1)))
        year, month = add_months(day.year, day.month, amount * months)
        return day_value(dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1])))
    if kind == "week":
        if unit == "week":
            return week_value(dt.date.fromisocalendar(parts[0], parts[1], 1) + dt.timedelta(weeks=amount))
        return f"{parts[0] + amount * months // 12:04d}-W{parts[1]:02d}" if months % 12 == 0 else None
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
    return f"FY{year:04d}" if kind == "fiscal year" else f"{year:04d}"


def truncate_value(value: str, unit: str) -> str | None:
    """A day, week or month value cut to the coarser calendar ``unit`` that holds it."""
    kind = granularity(value)
    if kind is None or _UNIT_SIZE.get(unit, -1) < _UNIT_SIZE[kind]:
        return None
    if unit == kind:
        return value
    if kind == "day" and unit == "week":
        return week_value(dt.date.fromisoformat(value))
    if unit == "month" and kind == "day":
        return value[:7]
    if unit == "quarter" and kind in ("day", "month"):
        return f"{value[:4]}-Q{(int(value[5:7]) - 1) // 3 + 1}"
    if unit == "year" and kind != "fiscal year":
        return value[:4]
    return None


def choose_year(
    reference: dt.date,
    direction: Direction,
    bounds: Callable[[int], tuple[dt.date, dt.date] | None],
    strict: bool = False,
) -> int | None:
    """Year of a yearly recurring period ("October 11", "spring", "Q3") seen from the reference.

    PAST takes the latest occurrence that has started by the reference, FUTURE the earliest that
    has not ended, NEAREST the closest one; ``strict`` excludes the occurrence holding the reference
    ("last October", "next spring").
    """
    options = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
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


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: (3, "year") -> "P3Y", (2, "hour") -> "PT2H", (None, "month") -> "PXM"."""
    if unit == "fortnight":
        amount, unit = (None if amount is None else 2 * amount), "week"
    code, is_time = res.DURATION_UNITS[unit]
    if amount is None:
        number = "X"
    else:
        number = str(int(amount)) if float(amount).is_integer() else f"{amount:g}"
    return f"P{'T' if is_time else ''}{number}{code}"


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


@functools.lru_cache(maxsize=512)
def parse_amount(words: str) -> float | None:
    """Number in a duration: "3" -> 3, "twenty-five" -> 25, "a" -> 1, "several" -> None (vague)."""
    norm = " ".join(words.lower().split())
    if norm.replace(",", "").replace(".", "", 1).isdigit():
        return float(norm.replace(",", ""))
    if norm in res.NUMBER_WORDS:
        return float(res.NUMBER_WORDS[norm])
    if norm in res.VAGUE_AMOUNTS:
        return None
    try:
        return float(text2num(norm.replace("-", " ").replace(" and ", " "), "en"))
    except ValueError:
        return None


def unit_of(word: str) -> str:
    """Singular unit name from a unit word: "Years" -> "year", "centuries" -> "century"."""
    word = word.lower()
    word = res.UNIT_PLURALS.get(word, word)
    return word[:-1] if word.endswith("s") else word


def month_number(word: str) -> int:
    return res.MONTHS[word.lower().rstrip(".")]


def day_number(word: str) -> int:
    return int(re.match(r"\d+", word).group())


# --------------------------------------------------------------------------------------------
# The grammar: one rule per family of expressions
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Anchor:
    """What a rule may consult to compute a value: publication date, tense, surrounding text."""

    reference: dt.date | None
    direction: Callable[[], Direction]
    text: str
    start: int
    day: str | None = None  # the day of the last dated event nearby, for a bare "at 3 p.m."
    # Calendar dates of the last sentences, most recent first, each with how many sentences back
    # it lies: what "a year earlier", "the following week" or "the quarter" refer to.
    recent: tuple[tuple[str, int], ...] = ()


def discourse_focus(anchor: Anchor, unit: str, same_sentence: bool = False) -> str | None:
    """The recent date an anaphoric expression counts from: for days and weeks the last dated
    day or week, for longer units the last period ("the third quarter ... a year earlier"), as a
    reporting day ("said Tuesday") is rarely what a comparison over months or years is about."""
    size = _UNIT_SIZE.get(unit, 0)
    for value, distance in anchor.recent:
        if same_sentence and distance:
            return None
        kind_size = _UNIT_SIZE[granularity(value)]
        if (kind_size <= size) if size <= _UNIT_SIZE["week"] else (_UNIT_SIZE["week"] < kind_size <= size):
            return value
    return None


Resolved = tuple[TimeType, str]


def _words(words) -> str:
    """Regex alternation of words and phrases, longest first, any whitespace between words."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _before(text: str, start: int, size: int = 30) -> str:
    """Lower-cased text just before a match, for context checks."""
    return text[max(0, start - size) : start].lower()


def _previous_word(text: str, start: int) -> str:
    match = re.search(r"([\w%']+)[\s-]*$", _before(text, start))
    return match.group(1) if match else ""


# Patterns run over an ASCII-lower-cased copy of the text (far faster than re.IGNORECASE); rules
# check the case of names ("May", "Monday") in the original text.
_MONTH = rf"(?:(?:{'|'.join(res.MONTH_NAMES)})|(?:{'|'.join(res.MONTH_ABBREVIATIONS)})\.?)".lower()
_MONTH_FULL = rf"(?:{'|'.join(res.MONTH_NAMES)})".lower()
_WEEKDAY = rf"(?:{'|'.join(res.WEEKDAYS)})"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_NUMBER_PHRASES = tuple(w for w in res.NUMBER_WORDS if " " in w)
_NUMBER_WORD = _words(w for w in res.NUMBER_WORDS if " " not in w and w not in ("a", "an"))
_AMOUNT = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{_words(res.VAGUE_AMOUNTS + _NUMBER_PHRASES)}"
    rf"|(?:{_NUMBER_WORD})(?:[\s-]+(?:and\s+)?(?:{_NUMBER_WORD}))*|an?)"
)
_UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|weekends?|fortnights?|months?|years?|decades?|century|centuries)"
_DURATION_ADJECTIVE = r"(?:\s+(?:straight|consecutive|successive|full|whole|long|more|additional|further))?"
_QUANTIFIER = _words(res.DURATION_QUANTIFIERS)
_COUNTED_NOUN = re.compile(rf"\b(?:\d[\d,.]*|{_NUMBER_WORD})(?:\s+(?:thousand|million|billion))?\s+[a-z]+$")
_PART = r"(?:morning|afternoon|evening|night)"
_YEAR_RELATION = rf"(?:(?:this|last|next)\s+year|the\s+year|(?:fiscal\s+)?{_YEAR})"
_RELATIVE_SHIFT = {
    "last": -1,
    "previous": -1,
    "past": -1,
    "this past": -1,
    "before": -1,
    "earlier": -1,
    "prior": -1,
    "next": 1,
    "coming": 1,
    "following": 1,
    "after": 1,
    "later": 1,
    "this": 0,
    "current": 0,
    "same": 0,
}


def _norm(word: str | None) -> str:
    return " ".join(word.lower().split()) if word else ""


def _year_of_relation(relation: str | None, reference: dt.date | None) -> int | None | str:
    """Year named by "this year", "last year", "2023", "fiscal 2023"; "" when nothing is named."""
    relation = _norm(relation)
    if not relation:
        return ""
    digits = re.search(r"\d{4}", relation)
    if digits:
        return int(digits.group())
    if reference is None:
        return None
    return reference.year + _RELATIVE_SHIFT.get(relation.split()[0], 0)


def _cyclic_value(
    anchor: Anchor,
    bounds: Callable[[int], tuple[dt.date, dt.date] | None],
    relation: str,
    render: Callable[[int], str],
    placeholder: str,
) -> str:
    """Value of a yearly period ("October 11", "this spring") chosen by relation or tense."""
    if anchor.reference is None:
        return placeholder
    if relation == "this":
        year = anchor.reference.year
    elif relation in ("last", "past", "this past", "previous"):
        year = choose_year(anchor.reference, Direction.PAST, bounds, strict=True)
    elif relation in ("next", "coming", "following"):
        year = choose_year(anchor.reference, Direction.FUTURE, bounds, strict=True)
    else:
        year = choose_year(anchor.reference, anchor.direction(), bounds)
    return render(year) if year is not None else placeholder


def _full_date(match: re.Match, anchor: Anchor) -> Resolved:
    return _day_of_year(month_number(match["mon"]), day_number(match["d"]), match["y"], anchor)


def _holiday(match: re.Match, anchor: Anchor) -> Resolved:
    month, day = res.HOLIDAYS[_norm(match["h"])]
    return _day_of_year(month, day, None, anchor)


def _day_of_year(month: int, day: int, year: str | None, anchor: Anchor) -> Resolved:
    """A month and day, in the given year or the one the tense picks."""
    if year:
        return TimeType.DATE, f"{int(year):04d}-{month:02d}-{day:02d}"

    def bounds(year: int):
        try:
            day_in_year = dt.date(year, month, day)
        except ValueError:
            return None
        return day_in_year, day_in_year

    value = _cyclic_value(anchor, bounds, "", lambda y: f"{y:04d}-{month:02d}-{day:02d}", f"XXXX-{month:02d}-{day:02d}")
    return TimeType.DATE, value


def _numeric_date(match: re.Match, anchor: Anchor) -> Resolved | None:
    try:
        day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    return TimeType.DATE, day_value(day)


def _month_year(match: re.Match, anchor: Anchor) -> Resolved:
    return TimeType.DATE, month_value(int(match["y"]), month_number(match["mon"]))


def _month(match: re.Match, anchor: Anchor) -> Resolved:
    month = month_number(match["mon"])
    value = _cyclic_value(
        anchor,
        lambda y: month_bounds(y, month),
        _norm(match["rel"]),
        lambda y: month_value(y, month),
        f"XXXX-{month:02d}",
    )
    return TimeType.DATE, value


def _bare_month_is_date(match: re.Match, text: str) -> bool:
    """A month name alone is a date only after a relative word or a date preposition ("in May")."""
    return bool(match["rel"]) or _previous_word(text, match.start()) in res.MONTH_PRECEDERS


def _weekday(match: re.Match, anchor: Anchor) -> Resolved:
    weekday = res.WEEKDAYS[match["wd"].lower()]
    part = res.PARTS_OF_DAY.get(_norm(match["part"]), "")
    kind = TimeType.TIME if part else TimeType.DATE
    if anchor.reference is None:
        return kind, f"XXXX-WXX-{weekday}" + (f"T{part}" if part else "")
    relation = _norm(match["rel"])
    if relation == "this":
        monday = anchor.reference - dt.timedelta(days=anchor.reference.isoweekday() - 1)
        day = monday + dt.timedelta(days=weekday - 1)
    elif relation in ("last", "past", "this past"):
        day = weekday_date(anchor.reference, weekday, Direction.PAST, strict=True)
    elif relation in ("next", "coming"):
        day = weekday_date(anchor.reference, weekday, Direction.FUTURE, strict=True)
    else:
        day = weekday_date(anchor.reference, weekday, anchor.direction())
    return kind, day_value(day) + (f"T{part}" if part else "")


_DAY_WORD_SHIFT = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _day_word(match: re.Match, anchor: Anchor) -> Resolved:
    word = match["w"].lower()
    part = "NI" if word == "tonight" else res.PARTS_OF_DAY.get(_norm(match["part"]), "")
    day = shifted_value(anchor.reference, "day", _DAY_WORD_SHIFT[word])
    return (TimeType.TIME, f"{day}T{part}") if part else (TimeType.DATE, day)


def _part_of_day(match: re.Match, anchor: Anchor) -> Resolved:
    relation = _norm(match["rel"])
    shift = -1 if relation in ("last", "yesterday") else 1 if relation == "tomorrow" else 0
    part = res.PARTS_OF_DAY[match["part"].lower()]
    return TimeType.TIME, f"{shifted_value(anchor.reference, 'day', shift)}T{part}"


def _relative_unit(match: re.Match, anchor: Anchor) -> Resolved:
    relation, unit = _norm(match["rel"]), _norm(match["unit"])
    if relation in ("following", "previous") and unit in ("week", "month", "quarter", "year"):
        focus = discourse_focus(anchor, unit)
        shifted = _shifted_focus(focus, unit, _RELATIVE_SHIFT[relation]) if focus else None
        if shifted:
            return TimeType.DATE, shifted
    if unit != "weekend" and (
        (match["the"] and relation in ("last", "next", "coming", "past")) or (relation == "past")
    ):
        return TimeType.DURATION, duration_value(1, unit if unit in res.DURATION_UNITS else "year")
    return TimeType.DATE, shifted_value(anchor.reference, unit, _RELATIVE_SHIFT[relation])


def _the_unit(match: re.Match, anchor: Anchor) -> Resolved:
    """ "the year before" counts from the date in focus; "the quarter" is the quarter in focus (a
    report's quarter; "the month" or "the year" is too often the publication's own)."""
    unit = match["unit"].lower()
    relation = _norm(match["rel"])
    shift = _RELATIVE_SHIFT.get(relation, 0)
    focus = discourse_focus(anchor, unit) if unit in ("day", "week", "month", "quarter", "year") else None
    if focus is not None and (relation or granularity(focus) == unit == "quarter"):
        shifted = _shifted_focus(focus, unit, shift)
        if shifted:
            return TimeType.DATE, shifted
    return TimeType.DATE, shifted_value(anchor.reference, unit, shift)


def _shifted_focus(focus: str, unit: str, shift: int) -> str | None:
    """The ``unit`` holding the date in focus, ``shift`` units on ("the following week")."""
    value = truncate_value(focus, unit)
    return shift_calendar_value(value, unit, shift) if value else None


_NOT_AFTER_THE_UNIT = re.compile(r"\s+(?:of|in|that|when|which|where|to|as|with|ahead|through)\b", re.IGNORECASE)


def _the_unit_is_date(match: re.Match, text: str) -> bool:
    """ "the week", "the year before" are dates; "the week of ...", "the day" alone are not."""
    if match["rel"]:
        return True
    if match["unit"].lower() == "day":  # only "earlier in the day", "later in the day"
        return _before(text, match.start(), 12).endswith(("earlier in ", "later in "))
    return not _NOT_AFTER_THE_UNIT.match(text, match.end(), match.end() + 10)


def _ago(match: re.Match, anchor: Anchor) -> Resolved:
    unit = unit_of(match["unit"])
    sign = 1 if _norm(match["dir"]) in ("later", "from now", "hence") else -1
    if match["n"]:
        amount = parse_amount(match["n"])
    else:  # "the year-ago quarter" is one year; "years ago" is vague
        amount = None if match["unit"].lower().endswith("s") else 1
    if unit in ("fortnight", "weekend"):
        unit, amount = "week", (None if amount is None else amount * (2 if unit == "fortnight" else 1))
    if amount is None:
        return TimeType.DATE, "FUTURE_REF" if sign > 0 else "PAST_REF"
    if unit in ("second", "minute", "hour"):
        unit, amount = "day", 0
    # "earlier"/"later" count from the date in focus; "ago" from publication, though a year-on-year
    # comparison of a period in the same sentence keeps its granularity ("the quarter ... a year ago").
    if _norm(match["dir"]) in ("earlier", "later"):
        focus = discourse_focus(anchor, unit)
    else:
        focus = discourse_focus(anchor, unit, same_sentence=True) if unit == "year" else None
        focus = focus if focus is not None and granularity(focus) in ("quarter", "half") else None
    shifted = shift_calendar_value(focus, unit, sign * round(amount)) if focus else None
    return TimeType.DATE, shifted or shifted_value(anchor.reference, unit, sign * round(amount))


def _duration(match: re.Match, anchor: Anchor) -> Resolved:
    unit = unit_of(match["unit"])
    amount = parse_amount(match["n"])
    bare_article = _norm(match["n"]) in ("a", "an") and not match["the"] and not match["q"]
    if bare_article and _is_frequency(anchor.text, anchor.start):
        return TimeType.SET, duration_value(1, unit)
    return TimeType.DURATION, duration_value(amount, unit)


def _is_frequency(text: str, start: int) -> bool:
    """ "a year" after an amount ("$5 billion a year", "twice a day") means "per year"."""
    before = _before(text, start, 30).rstrip()
    return bool(before) and (
        before[-1].isdigit()
        or before.endswith("%")
        or _previous_word(text, start) in res.FREQUENCY_PRECEDERS
        or _COUNTED_NOUN.search(before) is not None  # "one train an hour", "200 flights a day"
    )


def _duration_is_time(match: re.Match, text: str) -> bool:
    """ "a second term" is not a duration: seconds need a real number."""
    return not (unit_of(match["unit"]) == "second" and _norm(match["n"]) in ("a", "an"))


def _vague_duration(match: re.Match, anchor: Anchor) -> Resolved:
    return TimeType.DURATION, duration_value(None, unit_of(match["unit"]))


def _vague_duration_is_time(match: re.Match, text: str) -> bool:
    """ "for years", "recent months", "weeks of talks" are durations; "years" alone may be anything."""
    return (
        bool(match["mod"])
        or _previous_word(text, match.start()) in res.VAGUE_DURATION_PREPOSITIONS
        or text[match.end() : match.end() + 4].lower() == " of "
    )


def _reference_word(match: re.Match, anchor: Anchor) -> Resolved:
    return TimeType.DATE, res.REFERENCE_WORDS[_norm(match["w"])]


def _reference_word_is_time(match: re.Match, text: str) -> bool:
    """Not "current" in "current account", nor "future" in "his future" (his prospects)."""
    word = _norm(match["w"])
    if word == "future":
        previous = _previous_word(text, match.start())
        return previous not in res.POSSESSIVES and not previous.endswith("'s")
    if word != "current":
        return True
    following = re.match(r"\s+(\w+)", text[match.end() : match.end() + 20])
    return not (following and following.group(1).lower() in res.NON_TEMPORAL_AFTER_CURRENT)


def _year(match: re.Match, anchor: Anchor) -> Resolved:
    return TimeType.DATE, match["y"]


def _decade(match: re.Match, anchor: Anchor) -> Resolved:
    if match["c"]:
        return TimeType.DATE, f"{match['c']}{match['d']}"
    digit = match["d2"] or match["d3"]
    return TimeType.DATE, ("20" if digit in "01" and match["d2"] else "19") + digit


def _century(match: re.Match, anchor: Anchor) -> Resolved:
    return TimeType.DATE, f"{int(match['n']) - 1:02d}"


def _season(match: re.Match, anchor: Anchor) -> Resolved:
    code = res.SEASONS[match["s"].lower()]
    if match["y"]:
        return TimeType.DATE, f"{match['y']}-{code}"
    first_month, count = res.SEASON_MONTHS[code]
    value = _cyclic_value(
        anchor,
        lambda y: months_bounds(y, first_month, count),
        _norm(match["rel"]),
        lambda y: f"{y:04d}-{code}",
        f"XXXX-{code}",
    )
    return TimeType.DATE, value


def _season_is_time(match: re.Match, text: str) -> bool:
    """ "this spring", "spring 2023", "in summer" are dates; "the fall of Kabul" is not."""
    relation = _norm(match["rel"])
    if match["y"] or relation in ("this", "last", "next"):
        return True
    if re.match(r"\s+of\b", text[match.end() : match.end() + 5], re.I):
        return False
    if match["s"].lower() == "fall":
        return relation in ("early", "late", "mid")
    return bool(relation) or _previous_word(text, match.start()) in res.MONTH_PRECEDERS


def _period_of_year(match: re.Match, anchor: Anchor, code: str, first_month: int, count: int) -> Resolved:
    year = _year_of_relation(match["yr"], anchor.reference)
    if year == "":
        value = _cyclic_value(
            anchor, lambda y: months_bounds(y, first_month, count), "", lambda y: f"{y:04d}-{code}", f"XXXX-{code}"
        )
    else:
        value = f"{year:04d}-{code}" if year is not None else f"XXXX-{code}"
    return TimeType.DATE, value


def _quarter(match: re.Match, anchor: Anchor) -> Resolved:
    number = int(match["q"]) if match["q"] else res.ORDINALS[match["o"].lower()]
    return _period_of_year(match, anchor, f"Q{number}", 3 * number - 2, 3)


def _half(match: re.Match, anchor: Anchor) -> Resolved:
    number = res.ORDINALS[(match["o"] or match["adj"]).lower()]
    return _period_of_year(match, anchor, f"H{number}", 6 * number - 5, 6)


def _fiscal_year(match: re.Match, anchor: Anchor) -> Resolved:
    year = int(match["y"])
    return TimeType.DATE, f"FY{year + 2000 if year < 100 else year:04d}"


def _clock_time(match: re.Match, anchor: Anchor) -> Resolved:
    groups = match.groupdict()
    word = _norm(groups.get("w"))
    if word:
        clock = "12:00" if word in ("noon", "midday") else "24:00"
    else:
        hour, minute = int(groups["h"]), int(groups["mi"] or 0)
        if groups.get("ap"):
            hour = hour % 12 + (12 if groups["ap"].lower() == "p" else 0)
        clock = f"{hour:02d}:{minute:02d}"
    return TimeType.TIME, f"{_clock_day(anchor)}T{clock}"


def _clock_day(anchor: Anchor) -> str:
    """The day a bare clock time falls on: the day in focus, else the publication day."""
    return anchor.day or shifted_value(anchor.reference, "day", 0)


_CLOCK_WITH_SECONDS_BEFORE = frozenset({"at", "around", "about", "by", "until", "till", "since", "from"})
_TIME_ZONE_AFTER = re.compile(r"\s*(?:local|gmt|utc|[a-z]{1,2}st|[a-z]dt|cet|hrs?\b|hours\b)", re.IGNORECASE)


def _stopwatch(match: re.Match, anchor: Anchor) -> Resolved:
    """A race or record time ("in 2:09:51") is a duration of hours, minutes and seconds; after
    "at" or before a time zone ("at 04:12:35 local time") it is the time of day."""
    hours, minutes, seconds = int(match["h"]), int(match["mi"]), int(match["se"])
    if _previous_word(anchor.text, anchor.start) in _CLOCK_WITH_SECONDS_BEFORE or _TIME_ZONE_AFTER.match(
        anchor.text, match.end()
    ):
        if hours < 24:
            return TimeType.TIME, f"{_clock_day(anchor)}T{hours:02d}:{minutes:02d}:{seconds:02d}"
    parts = "".join(f"{amount}{code}" for amount, code in zip((hours, minutes, seconds), "HMS") if amount)
    return TimeType.DURATION, "PT" + (parts or "0S")


def _every(match: re.Match, anchor: Anchor) -> Resolved:
    unit = unit_of(match["unit"])
    if unit in res.WEEKDAYS:
        return TimeType.SET, f"XXXX-WXX-{res.WEEKDAYS[unit]}"
    if unit in res.PARTS_OF_DAY:
        return TimeType.SET, f"XXXX-XX-XXT{res.PARTS_OF_DAY[unit]}"
    if unit == "weekend":
        return TimeType.SET, "XXXX-WXX-WE"
    if unit in res.MONTHS:
        return TimeType.SET, f"XXXX-{month_number(unit):02d}"
    count = _norm(match["n"])
    amount = 2 if count == "other" else (parse_amount(count) if count else 1)
    return TimeType.SET, duration_value(amount, unit)


def _frequency_word(match: re.Match, anchor: Anchor) -> Resolved:
    return TimeType.SET, res.FREQUENCY_WORDS[match["w"]]


def _weekday_plural(match: re.Match, anchor: Anchor) -> Resolved:
    return TimeType.SET, f"XXXX-WXX-{res.WEEKDAYS[match['wd'].lower()]}"


def _per_unit(match: re.Match, anchor: Anchor) -> Resolved:
    return TimeType.SET, duration_value(1, match["unit"].lower())


def _per_unit_is_frequency(match: re.Match, text: str) -> bool:
    return match.group().lower().startswith("per") or _is_frequency(text, match.start())


@dataclass(frozen=True, slots=True)
class Rule:
    """One family of time expressions: where it is found, when it counts, what value it has."""

    name: str
    pattern: re.Pattern
    resolve: Callable[[re.Match, Anchor], Resolved | None]
    accept: Callable[[re.Match, str], bool] | None = None
    trust_entities: bool = False  # a model DATE/TIME entity replaces the context check
    capitalised: tuple[str, ...] = ()  # groups that must start with a capital in the original text
    lower_case: tuple[str, ...] = ()  # groups that must be lower case ("daily", not "Daily Mail")

    def holds(self, match: re.Match, text: str, trusted: bool = False) -> bool:
        """Whether a pattern match is a time expression in the original text.

        ``trusted`` matches lie inside a DATE/TIME entity of the model, which replaces the
        context check ("July was the hottest month" has no preposition before "July").
        """
        for group in self.capitalised:
            if match.group(group) and not text[match.start(group)].isupper():
                return False
        for group in self.lower_case:
            word = match.group(group) and text[match.start(group) : match.end(group)]
            if word and not word.islower() and not _sentence_start(text, match.start(group)):
                return False
        return (trusted and self.trust_entities) or self.accept is None or self.accept(match, text)


def _sentence_start(text: str, start: int) -> bool:
    """Whether a word opens a sentence, where a capital says nothing ("Daily infections ...")."""
    before = text[max(0, start - 3) : start].rstrip()
    return not before or before[-1] in ".!?\n\"'"


def _rule(name, pattern, resolve, accept=None, trust_entities=False, capitalised=(), lower_case=()) -> Rule:
    return Rule(name, re.compile(pattern), resolve, accept, trust_entities, capitalised, lower_case)


def _year_is_date(match: re.Match, text: str) -> bool:
    """A bare four-digit number is a year after a date preposition ("in 2019", "the year 2000")."""
    before = _before(text, match.start(), 12)
    return _previous_word(text, match.start()) in res.YEAR_PRECEDERS or before.endswith(("the year ", "mid-"))


_THE_PAST_NEXT = r"(?P<the>the\s+)(?P<rel>past|last|next|coming|previous|first|final|following|remaining)\s+"
_ORDINAL = r"(?P<o>first|second|third|fourth|final|1st|2nd|3rd|4th)"

# Earlier rules win ties between matches of the same extent.
RULES: tuple[Rule, ...] = (
    _rule("iso_date", rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b", _numeric_date),
    _rule("numeric_date", rf"\b(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/(?P<y>{_YEAR})\b", _numeric_date),
    _rule(
        "month_day",
        rf"\b(?P<mon>{_MONTH})\s+(?P<d>{_DAY})\b(?:,?\s+(?P<y>{_YEAR})\b)?",
        _full_date,
        capitalised=("mon",),
    ),
    _rule(
        "day_month",
        rf"\b(?P<d>{_DAY})(?:\s+of)?\s+(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b",
        _full_date,
        capitalised=("mon",),
    ),
    _rule("month_year", rf"\b(?P<mon>{_MONTH}),?\s+(?:of\s+)?(?P<y>{_YEAR})\b", _month_year, capitalised=("mon",)),
    _rule("holiday", rf"\b(?P<h>{_words(res.HOLIDAYS)})\b", _holiday, capitalised=("h",)),
    _rule(
        "month",
        rf"\b(?:(?P<rel>last|next|this|coming|this\s+past|past)\s+)?(?P<mon>{_MONTH_FULL})\b",
        _month,
        _bare_month_is_date,
        trust_entities=True,
        capitalised=("mon",),
    ),
    _rule(
        "weekday",
        rf"\b(?:(?P<rel>last|next|this\s+past|this|coming|past)\s+)?(?P<wd>{_WEEKDAY})(?:\s+(?P<part>{_PART}))?\b",
        _weekday,
        capitalised=("wd",),
    ),
    _rule("day_word", rf"(?<!usa )\b(?P<w>today|yesterday|tomorrow|tonight)(?:\s+(?P<part>{_PART}))?\b", _day_word),
    _rule("part_of_day", rf"\b(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>{_PART})\b", _part_of_day),
    _rule(
        "ago",
        rf"\b(?:(?P<q>{_QUANTIFIER})\s+)?(?:(?P<n>{_AMOUNT})[\s-]+)?(?P<unit>{_UNIT})"
        r"[\s-]+(?P<dir>ago|earlier|later|from\s+now|hence)\b",
        _ago,
    ),
    _rule(
        "relative_unit",
        r"\b(?P<the>the\s+)?(?P<rel>this\s+past|last|next|this|coming|previous|past|following|current|same)"
        r"\s+(?P<unit>week|weekend|month|year|quarter|decade|century|fiscal\s+year)\b",
        _relative_unit,
    ),
    _rule(
        "the_unit",
        r"\bthe\s+(?P<unit>week|weekend|month|year|quarter|decade|century|day)"
        r"(?:\s+(?P<rel>before|earlier|after|later|prior))?\b(?!-)",
        _the_unit,
        _the_unit_is_date,
        trust_entities=True,
    ),
    _rule("per_unit", r"\b(?:per|an?)\s+(?P<unit>hour|day|week|month|year)\b", _per_unit, _per_unit_is_frequency),
    _rule(
        "times_per_unit",
        rf"\b(?:(?:{_AMOUNT})\s+(?:times|days|nights|hours)|twice|once|thrice)"
        r"\s+(?:a|an|per)\s+(?P<unit>hour|day|week|month|year)\b",
        _per_unit,
    ),
    _rule(
        "duration",
        rf"\b(?:{_THE_PAST_NEXT})?(?:(?P<q>{_QUANTIFIER})\s+)?(?P<n>{_AMOUNT})"
        rf"(?:[\s-]+|{_DURATION_ADJECTIVE}\s+)(?P<unit>{_UNIT})(?:[\s-]+old)?\b",
        _duration,
        _duration_is_time,
    ),
    _rule(
        "vague_duration",
        r"\b(?:(?:the\s+)?(?P<mod>recent|coming|past|next|last|following|previous)\s+)?"
        r"(?P<unit>minutes|hours|days|weeks|months|years|decades|centuries)\b",
        _vague_duration,
        _vague_duration_is_time,
        trust_entities=True,
    ),
    _rule("reference_word", rf"\b(?P<w>{_words(res.REFERENCE_WORDS)})\b", _reference_word, _reference_word_is_time),
    _rule("year", rf"\b(?P<y>{_YEAR})\b(?!-\d)", _year, _year_is_date, trust_entities=True),
    _rule(
        "decade",
        r"(?:\b(?P<the>the\s+))?(?:\b(?:early|late|mid)[\s-]+)?"
        r"(?:\b(?P<c>1[5-9]|20)(?P<d>\d)0s|'(?P<d2>\d)0s|(?<=the )(?P<d3>[2-9])0s)\b",
        _decade,
    ),
    _rule("century", r"\b(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century\b", _century),
    _rule(
        "season",
        r"\b(?:(?P<rel>this|last|next|the|early|late|mid)[\s-]+)?(?P<s>spring|summer|autumn|fall|winter)"
        rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?\b",
        _season,
        _season_is_time,
        trust_entities=True,
    ),
    _rule(
        "quarter",
        rf"(?:\b(?:the\s+)?{_ORDINAL}[\s-]+quarter|\b(?P<qq>q)(?P<q>[1-4]))\b"
        rf"(?:\s+(?:of\s+)?(?P<yr>{_YEAR_RELATION}))?",
        _quarter,
        capitalised=("qq",),
    ),
    _rule(
        "half",
        rf"\b(?:(?:the\s+)?(?P<o>first|second)\s+half\s+of\s+(?P<yr>{_YEAR_RELATION})|(?P<adj>first|second)-half)\b",
        _half,
    ),
    _rule(
        "fiscal_year",
        rf"\b(?:fiscal(?:\s+year)?\s+|(?P<fy>fy)\s?)(?P<y>{_YEAR}|\d\d)\b",
        _fiscal_year,
        capitalised=("fy",),
    ),
    _rule(
        "clock_time",
        r"\b(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[ap])\.?\s?m\b\.?|(?P<w>noon|midday|midnight)\b)",
        _clock_time,
    ),
    _rule("clock_24h", r"(?<!:)\b(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)\b(?!:)", _clock_time),
    _rule(
        "stopwatch",
        r"(?<!:)\b(?P<h>\d{1,2}):(?P<mi>[0-5]\d):(?P<se>[0-5]\d)(?:\.\d+)?\b(?!\s*[ap]\.?\s?m\b)",
        _stopwatch,
    ),
    _rule(
        "every",
        rf"\b(?:every|each)\s+(?:(?P<n>other|{_AMOUNT})\s+)?"
        rf"(?P<unit>days?|weeks?|months?|years?|decades?|hours?|{_PART}|weekends?|{_WEEKDAY}|{_MONTH_FULL})\b",
        _every,
    ),
    _rule(
        "frequency_word",
        rf"\b(?P<w>{_words(res.FREQUENCY_WORDS)})\b",
        _frequency_word,
        lower_case=("w",),
    ),
    _rule("weekday_plural", rf"\b(?P<wd>{_WEEKDAY})s\b", _weekday_plural, capitalised=("wd",)),
)

_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
FOCUS_SENTENCES = 2  # how far back a date stays in focus for "a year earlier", "the quarter" ...
_CLOCK_RULES = ("clock_time", "clock_24h")
_FULL_DATE_RULES = ("month_day", "day_month")
_DAY_RULES = ("iso_date", "numeric_date", "month_day", "day_month", "weekday", "day_word", "holiday")
_EDGE_MODIFIER = re.compile(rf"\b(?:{_words(res.EDGE_MODIFIERS)})[\s-]*$")
# Lower-cases ASCII and straightens typographic apostrophes ("New Year’s", "’90s"), keeping offsets.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ\u2019\u2018", "abcdefghijklmnopqrstuvwxyz''")
# Every expression holds one of these trigger words; each kind of trigger names the rules that can
# match around it, so that a rule only runs near its own triggers.
_TRIGGERS = {
    "month": (tuple(res.MONTHS), ("month_day", "day_month", "month_year", "month", "every")),
    "weekday": (tuple(res.WEEKDAYS) + tuple(w + "s" for w in res.WEEKDAYS), ("weekday", "weekday_plural", "every")),
    "unit": (
        tuple(res.DURATION_UNITS) + tuple(u + "s" for u in res.DURATION_UNITS) + ("centuries", "fortnights"),
        (
            "ago",
            "relative_unit",
            "the_unit",
            "per_unit",
            "times_per_unit",
            "duration",
            "vague_duration",
            "every",
            "century",
            "holiday",
        ),
    ),
    "reference": (tuple({w.split()[-1] for w in res.REFERENCE_WORDS}), ("reference_word",)),
    "day": (("today", "yesterday", "tomorrow", "tonight"), ("day_word", "part_of_day")),
    "part": (tuple(res.PARTS_OF_DAY), ("part_of_day", "weekday", "day_word", "every")),
    "season": (tuple(res.SEASONS), ("season",)),
    "quarter": (("quarter", "q1", "q2", "q3", "q4"), ("quarter", "relative_unit", "the_unit")),
    "half": (("half",), ("half",)),
    "fiscal": (("fiscal", "fy"), ("fiscal_year", "relative_unit", "quarter")),
    "clock": (("noon", "midday", "midnight"), ("clock_time", "clock_24h", "stopwatch")),
    "year": (
        (),  # four-digit numbers, see _number_trigger
        (
            "year",
            "month_year",
            "iso_date",
            "numeric_date",
            "month_day",
            "day_month",
            "fiscal_year",
            "quarter",
            "season",
            "half",
            "decade",
        ),
    ),
    "decade": ((), ("decade",)),
    "every": (("every", "each", "per"), ("every", "per_unit")),
    "frequency": (tuple(res.FREQUENCY_WORDS), ("frequency_word",)),
    "holiday": (("christmas", "halloween", "valentine", "boxing", "eve", "independence"), ("holiday",)),
}
_RULE_ORDER = {rule.name: order for order, rule in enumerate(RULES)}
_ENTITY_RULES = tuple(order for order, rule in enumerate(RULES) if rule.trust_entities)
_TRIGGER_RULES = {kind: tuple(_RULE_ORDER[name] for name in names) for kind, (_, names) in _TRIGGERS.items()}
_TRIGGER_WORDS: dict[str, tuple[int, ...]] = {}
for _kind, (_trigger_words, _) in _TRIGGERS.items():
    for _word in _trigger_words:
        _TRIGGER_WORDS[_word] = tuple(sorted(set(_TRIGGER_WORDS.get(_word, ()) + _TRIGGER_RULES[_kind])))
_WORD = re.compile(r"[a-z]+\d*|\d[\d:/]*s?")
_AFTER_CLOCK_NUMBER = re.compile(r"\s?[ap]\.?\s?m\b")


def _number_trigger(word: str, lowered: str, end: int) -> tuple[int, ...]:
    """Rules a number can start: a year, a decade, a clock time, a numeric date."""
    if ":" in word or _AFTER_CLOCK_NUMBER.match(lowered, end):
        return _TRIGGER_RULES["clock"]
    if "/" in word or (len(word) == 4 and word.isdigit()):
        return _TRIGGER_RULES["year"]
    if word.endswith("0s"):
        return _TRIGGER_RULES["decade"]
    return ()


_WINDOW = 36
_TIME_DATE_GAP = re.compile(r"^\s*,?\s*(?:(?:on|at)\s+)?$")
_DURATION_JOIN = re.compile(r",?\s+(?:and\s+)?")


@dataclass(slots=True)
class Found:
    """A time expression found in the text: its extent and how to compute its value."""

    start: int
    end: int
    rule: Rule
    match: re.Match
    date: Found | None = None  # a day-level date merged into a clock time ("3 p.m. Monday")
    parts: tuple[Found, ...] = ()  # further durations joined to this one ("2 hours, 19 minutes")


def rule_windows(lowered: str, entities: Sequence[tuple[int, int]] = ()) -> dict[int, list[tuple[int, int]]]:
    """For each rule (by order), the merged stretches of text around its triggers.

    Rules that trust the model's entities also run over each DATE/TIME entity.
    """
    spans: dict[int, list[tuple[int, int]]] = {}
    for word in _WORD.finditer(lowered):
        token = word.group()
        if token[0].isdigit():
            orders = _number_trigger(token, lowered, word.end())
        else:
            orders = _TRIGGER_WORDS.get(token) or (_TRIGGER_RULES["fiscal"] if token.startswith("fy") else ())
        for order in orders:
            spans.setdefault(order, []).append(word.span())
    if entities:
        for order in _ENTITY_RULES:
            spans.setdefault(order, []).extend(entities)
    windows: dict[int, list[tuple[int, int]]] = {}
    for order, places in spans.items():
        merged: list[tuple[int, int]] = []
        for span_start, span_end in sorted(places):
            start, end = max(0, span_start - _WINDOW), span_end + _WINDOW
            space = lowered.find(" ", end)
            end = len(lowered) if space < 0 else space
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        if merged:
            windows[order] = merged
    return windows


def find_time_expressions(text: str, entities: Sequence[tuple[int, int]] = ()) -> list[Found]:
    """All grammar matches in text order, longest first where they overlap, edges widened.

    ``entities`` are the (start, end) offsets of the model's DATE/TIME entities.
    """
    lowered = text.translate(_ASCII_LOWER)
    spans = sorted(entities)
    span_starts = [start for start, _ in spans]
    candidates = []
    for order, windows in rule_windows(lowered, entities).items():
        rule = RULES[order]
        for window_start, window_end in windows:
            for match in rule.pattern.finditer(lowered, window_start, window_end):
                if match.end() > match.start() and rule.holds(match, text, _inside(spans, span_starts, match)):
                    found = Found(match.start(), match.end(), rule, match)
                    candidates.append((match.start(), -(match.end() - match.start()), order, found))
    candidates.sort(key=lambda c: (c[1], c[0], c[2]))  # longest first, then leftmost, then rule order
    chosen: list[Found] = []
    taken = numpy.zeros(len(text) + 1, dtype=bool)  # characters already in a chosen expression
    for start, negative_length, _, found in candidates:
        end = start - negative_length
        if not taken[start:end].any():
            taken[start:end] = True
            chosen.append(found)
    chosen.sort(key=lambda f: f.start)
    _widen_edges(lowered, chosen)
    return _merge_neighbours(text, chosen)


def _inside(spans: list[tuple[int, int]], starts: list[int], match: re.Match) -> bool:
    """Whether a match lies inside one of the sorted, non-overlapping entity spans."""
    position = bisect.bisect_right(starts, match.start()) - 1
    return position >= 0 and match.end() <= spans[position][1]


def _widen_edges(lowered: str, found: list[Found]) -> None:
    """Take value-neutral modifiers into the extent: "early October", "the end of the year"."""
    previous_end = 0
    for item in found:
        modifier = _EDGE_MODIFIER.search(lowered, max(previous_end, item.start - 24), item.start)
        if modifier and modifier.end() == item.start:
            item.start = modifier.start()
        previous_end = item.end


def _merge_neighbours(text: str, found: list[Found]) -> list[Found]:
    """One expression from neighbours: "Monday, July 30" is a date, "3 p.m. Monday" one TIME."""
    merged: list[Found] = []
    for item in found:
        last = merged[-1] if merged else None
        if last is not None and _joins_duration(text, last, item):
            last.end, last.parts = item.end, last.parts + (item,)
        elif last is None or last.date is not None or not _TIME_DATE_GAP.match(text[last.end : item.start]):
            merged.append(item)
        elif last.rule.name == "weekday" and item.rule.name in _FULL_DATE_RULES and not last.match["rel"]:
            merged[-1] = Found(last.start, item.end, item.rule, item.match)
        elif last.rule.name in _CLOCK_RULES and item.rule.name in _DAY_RULES:
            merged[-1] = Found(last.start, item.end, last.rule, last.match, date=item)
        elif last.rule.name in _DAY_RULES and item.rule.name in _CLOCK_RULES:
            merged[-1] = Found(last.start, item.end, item.rule, item.match, date=last)
        else:
            merged.append(item)
    return merged


# Units that combine into one ISO 8601 duration ("P2Y6M", "PT3H20M"); weeks, decades and centuries do not.
_FALLING_UNITS = ("year", "month", "day", "hour", "minute", "second")


def _joins_duration(text: str, last: Found, item: Found) -> bool:
    """Whether a duration continues the one before in a smaller unit: "2 hours, 19 minutes"."""
    if not (last.rule.name == item.rule.name == "duration" and _DURATION_JOIN.fullmatch(text, last.end, item.start)):
        return False
    previous = (last.parts[-1] if last.parts else last).match["unit"]
    units = [unit_of(previous), unit_of(item.match["unit"])]
    return all(u in _FALLING_UNITS for u in units) and _FALLING_UNITS.index(units[0]) < _FALLING_UNITS.index(units[1])


def resolve(found: Found, anchor: Anchor) -> Resolved | None:
    """TIMEX3 type and value of a grammar match."""
    resolved = found.rule.resolve(found.match, anchor)
    if found.parts and resolved is not None:
        values = [resolved[1]] + [part.rule.resolve(part.match, anchor)[1] for part in found.parts]
        return TimeType.DURATION, combined_duration(values) or resolved[1]
    if resolved is None or found.date is None:
        return resolved
    date_anchor = Anchor(anchor.reference, anchor.direction, anchor.text, found.date.start)
    day = found.date.rule.resolve(found.date.match, date_anchor)
    if day is None:
        return resolved
    return TimeType.TIME, day[1].split("T")[0] + "T" + resolved[1].split("T", 1)[1]


# --------------------------------------------------------------------------------------------
# Tense: does an underspecified date lie before or after publication?
# --------------------------------------------------------------------------------------------


def governing_verb(span: SpacySpan):
    """The nearest verb above the expression in the parse ("met ... on Monday" -> "met")."""
    token = span.root
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def verb_direction(verb, depth: int = 0) -> Direction:
    """Tense and modality of a verb group: "was killed" PAST, "will meet", "is scheduled to" FUTURE."""
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if not auxiliaries and verb.dep_ == "conj" and verb.tag_ == "VB" and depth < 3:
        return verb_direction(verb.head, depth + 1)  # "will begin ... and end on Friday"
    aux_words = {aux.lower_ for aux in auxiliaries}
    if aux_words & res.FUTURE_AUXILIARIES:
        return Direction.FUTURE
    past_aux = any(aux.tag_ == "VBD" for aux in auxiliaries)
    cue = verb.lemma_.lower() in res.FUTURE_CUE_LEMMAS or any(
        child.lemma_.lower() in res.FUTURE_CUE_LEMMAS
        for child in verb.children
        if child.dep_ in ("acomp", "attr", "amod")
    )
    if verb.tag_ == "VBD" or past_aux or (verb.tag_ == "VBN" and aux_words & {"has", "have", "had", "'ve"}):
        return Direction.NEAREST if cue else Direction.PAST
    if cue:
        return Direction.FUTURE
    if verb.tag_ == "VB" and "to" in aux_words and verb.head.i != verb.i and depth < 3:
        head = verb.head
        if head.pos_ in ("VERB", "AUX"):
            direction = verb_direction(head, depth + 1)
            if direction is Direction.PAST and verb.dep_ == "xcomp" and head.lemma_.lower() in res.DIRECTIVE_LEMMAS:
                return Direction.NEAREST  # "ordered him to report by April 1": what was ordered may lie ahead
            return direction
        return Direction.FUTURE if head.lemma_.lower() in res.FUTURE_CUE_LEMMAS else Direction.NEAREST
    if verb.tag_ == "VBG" and aux_words & res.PRESENT_AUXILIARIES:
        return Direction.FUTURE
    if verb.tag_ == "VBN" and not auxiliaries and verb.dep_ in ("acl", "amod", "advcl"):
        return Direction.PAST
    if verb.tag_ in ("VBZ", "VBP") or (auxiliaries and auxiliaries[0].tag_ in ("VBZ", "VBP")):
        return Direction.FUTURE  # a dated present in news is a schedule: "the court rules on Monday"
    return Direction.NEAREST


def direction_of(span: SpacySpan) -> Direction:
    """Direction for an expression in a parsed sentence: "since" or a past verb -> PAST.

    Headlines use the present for past events, so a present tense there decides nothing.
    """
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in res.PAST_PREPOSITIONS:
        return Direction.PAST
    verb = governing_verb(span)
    if verb is None:
        return Direction.NEAREST
    direction = verb_direction(verb)
    if direction is Direction.PAST and (_scheduled_on_the_way(span.root, verb) or _open_until(span, verb)):
        # "declared a dividend payable Dec. 15", "was remanded until March 23": the date may be ahead.
        return Direction.NEAREST
    if direction is Direction.FUTURE and in_title(doc, span.start_char) and not _explicit_future(verb):
        return Direction.NEAREST
    return direction


def _scheduled_on_the_way(token, verb) -> bool:
    """Whether a word between the expression and its verb, or a modifier of one, schedules it
    ("payable", "due", "upcoming"): the verb's tense then says nothing about the date."""
    while token.i != verb.i and token.head.i != token.i:
        token = token.head
        if token.i == verb.i:
            return False
        if token.lemma_.lower() in res.SCHEDULING_WORDS or any(
            child.dep_ == "amod" and child.lemma_.lower() in res.SCHEDULING_WORDS for child in token.children
        ):
            return True
    return False


def _open_until(span: SpacySpan, verb) -> bool:
    """A passive or perfect verb holding until a date ("was remanded until March 23", "has been
    postponed until May") states something still going on; "lasted until November" does not."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].lower_ not in res.DEADLINE_PREPOSITIONS:
        return False
    return any(child.dep_ == "auxpass" or child.lower_ in ("has", "have") for child in verb.children)


def _dates_a_report(span: SpacySpan) -> bool:
    """Whether the expression dates a statement ("officials said Friday") rather than an event."""
    verb = governing_verb(span)
    return verb is not None and verb.lemma_.lower() in res.REPORTING_LEMMAS


def _explicit_future(verb) -> bool:
    """ "will"/"to" or a scheduling verb marks the future even in a headline."""
    return verb.lemma_.lower() in res.FUTURE_CUE_LEMMAS or any(
        child.lower_ in res.FUTURE_AUXILIARIES or child.lower_ == "to" for child in verb.children
    )


# --------------------------------------------------------------------------------------------
# The component
# --------------------------------------------------------------------------------------------


def time_entity_offsets(doc: Doc) -> list[tuple[int, int]]:
    """Character offsets of the model's DATE/TIME entities (read as arrays: ``doc.ents`` is slow)."""
    if not len(doc):
        return []
    labels = (doc.vocab.strings.add("DATE"), doc.vocab.strings.add("TIME"))
    iob, label = doc.to_array([ENT_IOB, ENT_TYPE]).T
    starts = numpy.flatnonzero((iob == 3) & numpy.isin(label, labels))
    offsets = []
    for start in starts:
        outside = numpy.flatnonzero(iob[start + 1 :] != 1)
        last = doc[int(start + outside[0]) if len(outside) else len(doc) - 1]
        offsets.append((doc[int(start)].idx, last.idx + len(last)))
    return offsets


class TimeExtractor:
    """Finds time expressions and sets ``doc._.newsx_times`` and ``doc.spans["newsx_times"]``.

    ``use_entities``: let the model's DATE/TIME entities vouch for expressions whose context
    check would reject them ("July was the hottest month", "except 2020").
    """

    def __init__(self, *, use_entities: bool = True):
        self.use_entities = use_entities

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        entities = time_entity_offsets(doc) if self.use_entities else []
        found = find_time_expressions(text, entities)
        reference = reference_date(doc)
        records: list[TimeExpression] = []
        spans: list[SpacySpan] = []
        last_token_end = 0
        dates: list[tuple[str, int]] = []  # (calendar value, sentence) of the dates so far, in order
        event_day: str | None = None  # the last day of the events told, not of the telling ("said Friday")
        for item in found:
            span = doc.char_span(item.start, item.end, alignment_mode="expand")
            if span is None or span.start < last_token_end:
                continue
            sentence = sentence_index(doc, span.start)
            recent = tuple(
                itertools.takewhile(
                    lambda date: date[1] <= FOCUS_SENTENCES, ((v, sentence - s) for v, s in reversed(dates))
                )
            )
            # A bare clock time belongs to the day of the events told, else to a day named just before.
            day = event_day or next((v for v, distance in recent if distance <= 1 and granularity(v) == "day"), None)
            anchor = Anchor(reference, functools.partial(direction_of, span), text, item.start, day, recent)
            resolved = resolve(item, anchor)
            if resolved is None:
                continue
            kind, value = resolved
            calendar_value = value[:10] if _DAY_VALUE.match(value) else value
            unit = granularity(calendar_value)
            # Dates of comparison ("a year earlier") are not what the story is about: they stay out of focus.
            compared = item.rule.name == "ago" and (
                _norm(item.match["dir"]) in ("earlier", "later") or unit in ("quarter", "half")
            )
            if kind in (TimeType.DATE, TimeType.TIME) and not compared and unit:
                dates.append((calendar_value, sentence))
                if unit == "day" and not _dates_a_report(span):
                    event_day = calendar_value
            record = TimeExpression(
                id=f"t{len(records) + 1}",
                type=kind,
                text=span.text,
                span=Span(span.start_char, span.end_char),
                value=value,
                sentence_index=sentence,
            )
            records.append(record)
            spans.append(SpacySpan(doc, span.start, span.end, label=kind.value, span_id=record.id))
            last_token_end = span.end
        doc._.newsx_times = records
        doc.spans["newsx_times"] = spans
        return doc


# spaCy forbids "." in factory names, so the brief's "newsx.times.v1" is spelt with underscores.
FACTORY_NAME = "newsx_times_v1"


@Language.factory(FACTORY_NAME, default_config={"use_entities": True})
def make_time_extractor(nlp: Language, name: str, use_entities: bool) -> TimeExtractor:
    return TimeExtractor(use_entities=use_entities)
