"""What the value rules and checks consult besides the match: the anchor of a match (reference
date, tense, text, the dates in focus) and the words just before it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from newsx.service.domain import TimeType
from newsx.service.extract.times.lexicon import Lexicon
from newsx.service.extract.times.values import UNIT_SIZE, Direction, granularity, period_end


@dataclass(frozen=True, slots=True)
class Anchor:
    """What a rule may consult to compute a value: publication date, tense, surrounding text."""

    lexicon: Lexicon
    reference: dt.date | None
    direction: Callable[[], Direction]
    text: str
    start: int
    day: str | None = None  # the day of the last dated event nearby, for a bare "at 3 p.m."
    # Calendar dates of the last sentences, most recent first, each with how many sentences back
    # it lies: what "a year earlier", "the following week" or "the quarter" refer to.
    recent: tuple[tuple[str, int], ...] = ()
    history: tuple[str, ...] = ()  # every calendar date named so far in the document, latest first


Resolved = tuple[TimeType, str]
Resolver = Callable[[re.Match, Anchor], "Resolved | None"]
Check = Callable[[re.Match, str, Lexicon], bool]


def discourse_focus(anchor: Anchor, unit: str, days: bool = False) -> str | None:
    """The recent date an anaphoric expression counts from: for days and weeks the last dated
    day or week, for longer units the last period ("the third quarter ... a year earlier"), as a
    reporting day ("said Tuesday") is rarely what a comparison over months or years is about;
    ``days``: any date a unit holds counts ("On May 22, 1995 ... the following year")."""
    size = UNIT_SIZE.get(unit, 0)
    for value, _ in anchor.recent:
        kind_size = UNIT_SIZE[granularity(value) or "day"]
        if (kind_size <= size) if days or size <= UNIT_SIZE["week"] else (UNIT_SIZE["week"] < kind_size <= size):
            return value
    return None


def period_in_focus(anchor: Anchor, unit: str) -> str | None:
    """The quarter or half the document is about: the last one named that had ended by publication
    (a report is about a closed period; "a fourth-quarter charge" in November is a forecast), else
    the last one named ("period": either)."""
    kinds = ("quarter", "half") if unit == "period" else (unit,)
    named = [value for value in anchor.history if granularity(value) in kinds]
    if anchor.reference is not None:
        closed = next((value for value in named if period_end(value) < anchor.reference), None)
        if closed is not None:
            return closed
    return named[0] if named else None


def last_date_within(anchor: Anchor, unit: str) -> str | None:
    """The last date named anywhere before that a ``unit`` can hold ("On May 22, 1995 ... the
    following year"): what an anaphoric relation counts from when no date is near."""
    size = UNIT_SIZE.get(unit, 0)
    return next((value for value in anchor.history if UNIT_SIZE.get(granularity(value) or "", 99) <= size), None)


def norm(word: str | None) -> str:
    return " ".join(word.lower().split()) if word else ""


def before(text: str, start: int, size: int = 30) -> str:
    """Lower-cased text just before a match, for context checks."""
    return text[max(0, start - size) : start].lower()


def previous_word(text: str, start: int) -> str:
    match = re.search(r"([\w%']+)[\s-]*$", before(text, start))
    return match.group(1) if match else ""


def is_rate(text: str, start: int, lexicon: Lexicon) -> bool:
    """An amount just before ("$5 billion a year", "20% annually", "one train an hour"): a rate of
    that amount, which TimeBank+AQUAINT leaves unannotated (3 of 14 such rates carry a TIMEX3)."""
    text_before = before(text, start, 30).rstrip()
    return bool(text_before) and (
        text_before[-1].isdigit()
        or text_before.endswith("%")
        or previous_word(text, start) in lexicon.words("rate_preceders")
        or lexicon.contexts["counted_noun"].search(text_before) is not None
    )


def is_frequency(text: str, start: int, lexicon: Lexicon) -> bool:
    """ "a year" after an amount or a count of times ("$5 billion a year", "twice a day") means "per year"."""
    return is_rate(text, start, lexicon) or previous_word(text, start) in lexicon.words("frequency_preceders")
