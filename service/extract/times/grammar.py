"""Finding time expressions: the rules of ``data/patterns.yaml`` compiled and run over the text.

For speed each rule runs only in short windows around its trigger words (a month name, a unit, a
four-digit number ...) over an ASCII-lower-cased copy of the text; the model's DATE/TIME entities
vouch for matches of rules that trust them. Overlapping matches keep the longest; value-neutral
modifiers widen the extent ("early October"); neighbours join ("3 p.m. Monday", "2 hours, 19
minutes").
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy
from pydantic import Field

from newsx.service.domain import TimeType
from newsx.service.extract.rules import RuleFileError, RuleRow, load_rows, load_section
from newsx.service.extract.times.checks import CHECKS
from newsx.service.extract.times.clock import CLOCK_RESOLVERS
from newsx.service.extract.times.context import Anchor, Check, Resolved, Resolver
from newsx.service.extract.times.holidays import HOLIDAY_RESOLVERS
from newsx.service.extract.times.lexicon import DATA, PATTERN_FILE, Lexicon
from newsx.service.extract.times.periods import PERIOD_RESOLVERS
from newsx.service.extract.times.resolvers import RESOLVERS as VALUE_RESOLVERS
from newsx.service.extract.times.sets import SET_RESOLVERS
from newsx.service.extract.times.tense import TenseCues
from newsx.service.extract.times.values import combined_duration

RESOLVERS = VALUE_RESOLVERS | PERIOD_RESOLVERS | HOLIDAY_RESOLVERS | SET_RESOLVERS | CLOCK_RESOLVERS
Role = Literal["day", "full_date", "weekday", "clock", "duration", "comparison"]
# Numbers trigger these kinds (see ``_number_kind``); the other kinds are words of ``triggers``.
NUMBER_KINDS = ("year", "decade", "clock")
# Units that combine into one ISO 8601 duration ("P2Y6M", "PT3H20M"); weeks, decades and centuries do not.
FALLING_UNITS = ("year", "month", "day", "hour", "minute", "second")


class PatternRow(RuleRow):
    """One family of time expressions: its pattern, value rule, check and triggers."""

    pattern: str
    value: str
    check: str | None = None
    vetoes: tuple[str, ...] = ()  # checks a match must pass even inside a DATE/TIME entity of the model
    triggers: tuple[str, ...] = Field(min_length=1)
    trust_entities: bool = False
    capitalised: tuple[str, ...] = ()
    lower_case: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    attributive: bool = True  # false: not a time where it modifies a noun ("a quarterly dividend")
    extent: str | None = None  # the named group that is the expression, when the rest is only context


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern row compiled: where it is found, when it counts, what value it has."""

    row: PatternRow
    pattern: re.Pattern
    resolve: Resolver
    accept: Check | None
    vetoes: tuple[Check, ...]

    @property
    def name(self) -> str:
        return self.row.id

    def has(self, role: Role) -> bool:
        return role in self.row.roles

    def holds(self, match: re.Match, text: str, lexicon: Lexicon, trusted: bool = False) -> bool:
        """Whether a pattern match is a time expression in the original text.

        ``trusted`` matches lie inside a DATE/TIME entity of the model, which replaces the
        context check ("July was the hottest month" has no preposition before "July").
        """
        for group in self.row.capitalised:
            if match.group(group) and not text[match.start(group)].isupper():
                return False
        for group in self.row.lower_case:
            word = match.group(group) and text[match.start(group) : match.end(group)]
            if word and not word.islower() and not _sentence_start(text, match.start(group)):
                return False
        if not all(veto(match, text, lexicon) for veto in self.vetoes):
            return False
        return (trusted and self.row.trust_entities) or self.accept is None or self.accept(match, text, lexicon)


def _sentence_start(text: str, start: int) -> bool:
    """Whether a word opens a sentence, where a capital says nothing ("Daily infections ...")."""
    text_before = text[max(0, start - 3) : start].rstrip()
    return not text_before or text_before[-1] in ".!?\n\"'"


@dataclass(slots=True)
class Found:
    """A time expression found in the text: its extent and how to compute its value."""

    start: int
    end: int
    rule: Rule
    match: re.Match
    date: Found | None = None  # a day-level date merged into a clock time ("3 p.m. Monday")
    weekday: Found | None = None  # the weekday before a month and day ("Monday, Oct. 26")
    parts: tuple[Found, ...] = ()  # further durations joined to this one ("2 hours, 19 minutes")


_WINDOW = 36
_WORD = re.compile(r"[a-z]+\d*|\d[\d:/]*s?")
# Lower-cases ASCII and straightens typographic apostrophes ("New Year’s", "’90s"), keeping offsets.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ\u2019\u2018", "abcdefghijklmnopqrstuvwxyz''")


class Grammar:
    """The lexicon and the compiled rules of one data folder, with the trigger index."""

    def __init__(self, folder: Path = DATA) -> None:
        self.lexicon = Lexicon(folder)
        self.tense = TenseCues.load(self.lexicon)
        path = folder / PATTERN_FILE
        self.rules = tuple(self._compile(path, row) for row in load_rows(path, PatternRow))
        kinds = self._trigger_kinds(path)
        self._entity_rules = tuple(order for order, rule in enumerate(self.rules) if rule.row.trust_entities)
        self._kind_rules: dict[str, tuple[int, ...]] = {}
        for order, rule in enumerate(self.rules):
            for kind in rule.row.triggers:
                if kind not in kinds:
                    raise RuleFileError(f"{path}: rule {rule.name!r}: unknown trigger kind {kind!r}")
                self._kind_rules[kind] = self._kind_rules.get(kind, ()) + (order,)
        self._word_rules: dict[str, tuple[int, ...]] = {}
        self._prefix_rules: list[tuple[str, tuple[int, ...]]] = []
        for kind, words in kinds.items():
            orders = self._kind_rules.get(kind, ())
            for word in words:
                if word.endswith("*"):
                    self._prefix_rules.append((word[:-1], orders))
                else:
                    self._word_rules[word] = tuple(sorted(set(self._word_rules.get(word, ()) + orders)))

    def _compile(self, path: Path, row: PatternRow) -> Rule:
        if row.value not in RESOLVERS:
            raise RuleFileError(f"{path}: rule {row.id!r}: unknown value rule {row.value!r}")
        for check in (row.check, *row.vetoes):
            if check is not None and check not in CHECKS:
                raise RuleFileError(f"{path}: rule {row.id!r}: unknown check {check!r}")
        try:
            pattern = re.compile(self.lexicon.expand(row.pattern, f"rule {row.id}"))
        except re.error as exc:
            raise RuleFileError(f"{path}: rule {row.id!r}: bad pattern: {exc}") from None
        accept = CHECKS[row.check] if row.check else None
        return Rule(row, pattern, RESOLVERS[row.value], accept, tuple(CHECKS[name] for name in row.vetoes))

    def _trigger_kinds(self, path: Path) -> dict[str, list[str]]:
        kinds: dict[str, list[str]] = {}
        for kind, entries in load_section(path, "triggers").items():
            words: list[str] = []
            for entry in entries:
                if entry.startswith("@"):
                    words += [phrase.split()[-1] for phrase in self.lexicon.table_words(entry[1:])]
                else:
                    words.append(entry)
            kinds[kind] = words
        missing = [kind for kind in NUMBER_KINDS if kind not in kinds]
        if missing:
            raise RuleFileError(f"{path}: triggers: missing number kinds {missing}")
        return kinds

    def _number_kind(self, word: str, lowered: str, end: int) -> tuple[int, ...]:
        """Rules a number can start: a year, a decade, a clock time, a numeric date."""
        if ":" in word or self.lexicon.contexts["after_clock_number"].match(lowered, end):
            return self._kind_rules.get("clock", ())
        if "/" in word or (len(word) == 4 and word.isdigit()):
            return self._kind_rules.get("year", ())
        if word.endswith("0s"):
            return self._kind_rules.get("decade", ())
        return ()

    def _word_kind(self, word: str) -> tuple[int, ...]:
        found = self._word_rules.get(word)
        if found:
            return found
        for prefix, orders in self._prefix_rules:
            if word.startswith(prefix):
                return orders
        return ()

    def rule_windows(self, lowered: str, entities: Sequence[tuple[int, int]] = ()) -> dict[int, list[tuple[int, int]]]:
        """For each rule (by order), the merged stretches of text around its triggers.

        Rules that trust the model's entities also run over each DATE/TIME entity.
        """
        spans: dict[int, list[tuple[int, int]]] = {}
        for word in _WORD.finditer(lowered):
            token = word.group()
            orders = self._number_kind(token, lowered, word.end()) if token[0].isdigit() else self._word_kind(token)
            for order in orders:
                spans.setdefault(order, []).append(word.span())
        if entities:
            for order in self._entity_rules:
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

    def find(self, text: str, entities: Sequence[tuple[int, int]] = ()) -> list[Found]:
        """All grammar matches in text order, longest first where they overlap, edges widened.

        ``entities`` are the (start, end) offsets of the model's DATE/TIME entities.
        """
        lowered = text.translate(_ASCII_LOWER)
        spans = sorted(entities)
        span_starts = [start for start, _ in spans]
        candidates = []
        for order, windows in self.rule_windows(lowered, entities).items():
            rule = self.rules[order]
            for window_start, window_end in windows:
                for match in rule.pattern.finditer(lowered, window_start, window_end):
                    trusted = _inside(spans, span_starts, match)
                    start, end = match.span(rule.row.extent or 0)
                    if end > start and rule.holds(match, text, self.lexicon, trusted):
                        candidates.append((start, start - end, order, Found(start, end, rule, match)))
        candidates.sort(key=lambda c: (c[1], c[0], c[2]))  # longest first, then leftmost, then rule order
        chosen: list[Found] = []
        taken = numpy.zeros(len(text) + 1, dtype=bool)  # characters already in a chosen expression
        for start, negative_length, _, found in candidates:
            end = start - negative_length
            if not taken[start:end].any():
                taken[start:end] = True
                chosen.append(found)
        chosen.sort(key=lambda f: f.start)
        self._widen_edges(lowered, chosen)
        return self._merge_neighbours(text, chosen)

    def _widen_edges(self, lowered: str, found: list[Found]) -> None:
        """Take value-neutral modifiers into the extent: "early October", "the end of the year",
        "the next year or so"."""
        edge = self.lexicon.contexts["edge_modifier"]
        trailing = self.lexicon.contexts["trailing_modifier"]
        outside_a_weekday = self.lexicon.words("outside_a_weekday")
        previous_end = 0
        for item in found:
            modifier = edge.search(lowered, max(previous_end, item.start - 24), item.start)
            if modifier and modifier.end() == item.start:
                if not (item.rule.has("weekday") and modifier.group().split()[0] in outside_a_weekday):
                    item.start = modifier.start()
            tail = trailing.match(lowered, item.end)
            if tail:
                item.end = tail.end()
            previous_end = item.end

    def _merge_neighbours(self, text: str, found: list[Found]) -> list[Found]:
        """One expression from neighbours: "Monday, July 30" is a date, "3 p.m. Monday" one TIME."""
        gap = self.lexicon.contexts["date_gap"]
        merged: list[Found] = []
        for item in found:
            last = merged[-1] if merged else None
            if last is not None and self._joins_duration(text, last, item):
                last.end, last.parts = item.end, last.parts + (item,)
            elif last is None or last.date is not None or not gap.fullmatch(text, last.end, item.start):
                merged.append(item)
            elif last.rule.has("weekday") and item.rule.has("full_date") and not last.match["rel"]:
                merged[-1] = Found(last.start, item.end, item.rule, item.match, weekday=last)
            elif last.rule.has("clock") and item.rule.has("day"):
                merged[-1] = Found(last.start, item.end, last.rule, last.match, date=item)
            elif last.rule.has("day") and item.rule.has("clock"):
                merged[-1] = Found(last.start, item.end, item.rule, item.match, date=last)
            else:
                merged.append(item)
        return merged

    def _joins_duration(self, text: str, last: Found, item: Found) -> bool:
        """Whether a duration continues the one before in a smaller unit: "2 hours, 19 minutes"."""
        join = self.lexicon.contexts["duration_join"]
        if not (last.rule.has("duration") and item.rule.has("duration") and join.fullmatch(text, last.end, item.start)):
            return False
        previous = (last.parts[-1] if last.parts else last).match["unit"]
        units = [self.lexicon.unit_of(previous), self.lexicon.unit_of(item.match["unit"])]
        return all(u in FALLING_UNITS for u in units) and FALLING_UNITS.index(units[0]) < FALLING_UNITS.index(units[1])


def _inside(spans: list[tuple[int, int]], starts: list[int], match: re.Match) -> bool:
    """Whether a match lies inside one of the sorted, non-overlapping entity spans."""
    position = bisect.bisect_right(starts, match.start()) - 1
    return position >= 0 and match.end() <= spans[position][1]


def _year_of_weekday(value: str, weekday: Found, lexicon: Lexicon) -> str:
    """The year, of those next to the one chosen, in which a month and day fall on the weekday
    written beside them ("Monday, Oct. 26" is 1998-10-26 when 1997-10-26 was a Sunday)."""
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return value
    number = lexicon.numbers("weekdays")[weekday.match["wd"].lower()]
    year, month, day = (int(part) for part in value.split("-"))
    for candidate in (year, year + 1, year - 1):
        try:
            if dt.date(candidate, month, day).isoweekday() == number:
                return f"{candidate:04d}-{month:02d}-{day:02d}"
        except ValueError:  # 29 February
            continue
    return value


# A year the calendar (and TIMEX3's four digits) cannot write: before 0001 or after 9999.
_OUT_OF_CALENDAR = re.compile(r"^(?:\d{5}|0000|-)")


def resolve_in_calendar(found: Found, anchor: Anchor) -> Resolved | None:
    """``resolve``, except that a reference at the ends of the calendar (0001-01-01 with "last
    Tuesday", 9999-12-31 with "next year") leaves the value unresolved ("XXXX-WXX-2"), as if
    there were no reference date, instead of failing or writing a year out of range."""
    try:
        resolved = resolve(found, anchor)
    except (OverflowError, ValueError):
        resolved = None
    else:
        if resolved is None or not _OUT_OF_CALENDAR.match(resolved[1]):
            return resolved
    unanchored = dataclasses.replace(anchor, reference=None, day=None, recent=(), history=())
    return resolve(found, unanchored)


def resolve(found: Found, anchor: Anchor) -> Resolved | None:
    """TIMEX3 type and value of a grammar match (and of the neighbours joined to it)."""
    resolved = found.rule.resolve(found.match, anchor)
    if found.weekday is not None and resolved is not None and not found.match["y"]:
        resolved = resolved[0], _year_of_weekday(resolved[1], found.weekday, anchor.lexicon)
    if found.parts and resolved is not None:
        values = [resolved[1]]
        for part in found.parts:
            part_value = part.rule.resolve(part.match, anchor)
            if part_value is None:
                return resolved
            values.append(part_value[1])
        return TimeType.DURATION, combined_duration(values) or resolved[1]
    if resolved is None or found.date is None:
        return resolved
    date_anchor = Anchor(anchor.lexicon, anchor.reference, anchor.direction, anchor.text, found.date.start)
    day = found.date.rule.resolve(found.date.match, date_anchor)
    if day is None:
        return resolved
    return TimeType.TIME, day[1].split("T")[0] + "T" + resolved[1].split("T", 1)[1]
