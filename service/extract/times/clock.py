"""Clock times: "3 p.m.", "14:30 GMT", "1900 GMT", "noon", a race time "2:09:51", on the day in
focus or the publication day."""

from __future__ import annotations

import re

from newsx.service.domain import TimeType
from newsx.service.extract.times.context import Anchor, Resolved, Resolver, norm, previous_word
from newsx.service.extract.times.values import shifted_value


def clock_time(match: re.Match, anchor: Anchor) -> Resolved:
    groups = match.groupdict()
    word = norm(groups.get("w"))
    if word:
        clock = anchor.lexicon.codes("clock_words")[word]
    else:
        hour, minute = int(groups["h"]), int(groups["mi"] or 0)
        if groups.get("ap"):
            hour = hour % 12 + (12 if groups["ap"].lower() == "p" else 0)
        clock = f"{hour:02d}:{minute:02d}"
    return TimeType.TIME, f"{_clock_day(anchor)}T{clock}"


def clock_day_part(match: re.Match, anchor: Anchor) -> Resolved | None:
    """ "4 in the morning", "nine at night": an hour of the clock whose part of the day says a.m. or p.m."""
    hour = anchor.lexicon.parse_amount(match["hw"])
    if hour is None or not 1 <= hour <= 12 or hour != int(hour):
        return None
    meridiem = anchor.lexicon.codes("clock_day_parts")[norm(match["dp"])]
    return TimeType.TIME, f"{_clock_day(anchor)}T{int(hour) % 12 + (12 if meridiem == 'p' else 0):02d}:00"


def clock_part_of_day(match: re.Match, anchor: Anchor) -> Resolved:
    """ "mid-afternoon": a part of the day in focus, else of the publication day."""
    return TimeType.TIME, f"{_clock_day(anchor)}T{anchor.lexicon.codes('parts_of_day')[match['part'].lower()]}"


def _clock_day(anchor: Anchor) -> str:
    """The day a bare clock time falls on: the day in focus, else the publication day."""
    return anchor.day or shifted_value(anchor.reference, "day", 0)


def stopwatch(match: re.Match, anchor: Anchor) -> Resolved:
    """A race or record time ("in 2:09:51") is a duration of hours, minutes and seconds; after
    "at" or before a time zone ("at 04:12:35 local time") it is the time of day."""
    hours, minutes, seconds = int(match["h"]), int(match["mi"]), int(match["se"])
    lexicon = anchor.lexicon
    if previous_word(anchor.text, anchor.start) in lexicon.words("clock_preceders") or lexicon.contexts[
        "time_zone_after"
    ].match(anchor.text, match.end()):
        if hours < 24:
            return TimeType.TIME, f"{_clock_day(anchor)}T{hours:02d}:{minutes:02d}:{seconds:02d}"
    parts = "".join(f"{amount}{code}" for amount, code in zip((hours, minutes, seconds), "HMS") if amount)
    return TimeType.DURATION, "PT" + (parts or "0S")


CLOCK_RESOLVERS: dict[str, Resolver] = {
    "clock_time": clock_time,
    "clock_day_part": clock_day_part,
    "clock_part_of_day": clock_part_of_day,
    "stopwatch": stopwatch,
}
