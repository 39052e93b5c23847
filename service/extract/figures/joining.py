"""From atoms to candidate figures, on the text alone: ranges, comparators, scores.

Decisions: a range needs its first value below the second and one meaning ("3% to $88.40" is no
range); "from 20 to 30" is a range, but a change ("rose from 5% to 7%", "rose 5% to 7%", "raised ...
by 3 cents to 41 cents") is two figures ("grow by 2 to 3 percent" is one); a lower and an upper
bound joined by "and" are a range ("more than 10 and less than 20"); a hyphenated pair of bare
integers with a word of a contest near is a score or tally ("won 3-1", "voted 52-48"), one SCORE
figure with both sides; without such a word, one whose first is not the smaller gives one count a side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from newsx.service.domain import Comparator, FigureKind
from newsx.service.extract.figures.amounts import inherit_meaning, join_parts, table_cells
from newsx.service.extract.figures.atoms import LOWER_WORD, Atom
from newsx.service.extract.figures.grammar import Grammar
from newsx.service.extract.figures.lexicon import ARTICLE_DOLLAR

_DASHES = ("-", "–", "—")
_LOWER = {Comparator.MORE_THAN, Comparator.AT_LEAST}
_UPPER = {Comparator.LESS_THAN, Comparator.AT_MOST}
_FOLLOWER = re.compile(r"\s+([a-z]+)\b")  # the lower-case word right after a pair of numbers
_MOST_POINTS = 1000  # a score's side is a small whole number: goals, points, sets, games or votes
_INCLUSIVE = {Comparator.MORE_THAN: Comparator.AT_LEAST, Comparator.LESS_THAN: Comparator.AT_MOST}


@dataclass(slots=True)
class Candidate:
    """A figure before token checks: text offsets and meaning."""

    start: int
    end: int
    number_start: int
    number_end: int
    kind: FigureKind
    value: float
    value_max: float | None
    comparator: Comparator
    unit: str
    currency: str
    atoms: list[Atom]
    score: bool = False  # a score or tally ("3-1") or one side of it: no label, however it is preceded
    opponent: float | None = None  # a score's other side ("3-1" -> 1)


def join_figures(text: str, atoms: list[Atom], grammar: Grammar, dollar: str = "USD") -> list[Candidate]:
    """Join atoms into ranges, attach comparators before and after, and classify each figure."""
    candidates: list[Candidate] = []
    cells = table_cells(text, atoms)
    atoms = join_parts(text, [atom for atom in atoms if id(atom) not in cells], grammar)
    index = 0
    while index < len(atoms):
        first = atoms[index]
        group = [first]
        index += 1
        opener = grammar.comparator_before(text, first.start)
        opener_word = " ".join(opener.group("word").lower().split()) if opener else ""
        if index < len(atoms):
            following = atoms[index]
            join = grammar.range_join.fullmatch(text, first.end, following.start)
            joiner = join.group().strip().lower() if join else ""
            contest = is_score(text, first, following, grammar) if joiner in _DASHES else None
            if contest is not None:
                candidates += _score(first, following) if contest else _sides(first, following, dollar)
                index += 1
                continue  # "won 3-1", "a 20-15 vote": one SCORE; "a 24-7 line": one count a side
            between = opener_word in grammar.lex.group("and_openers")
            if joiner and _is_range(first, following, joiner, between, _changed(text, first, grammar)):
                group.append(following)
                index += 1
        candidate = _classify(group, dollar)
        _read_around(text, candidate, opener, grammar)
        candidates.append(candidate)
    candidates = _join_bounds(text, candidates, grammar)
    inherit_meaning(text, candidates, grammar)
    return candidates


def _read_around(text: str, candidate: Candidate, opener: re.Match[str] | None, grammar: Grammar) -> None:
    """Attach the comparator before ("at least"), the unit before ("magnitude 7.1", "aged 45") and
    the comparator after ("200-plus", "50 or more"; "or equal to" makes a strict one inclusive)."""
    lex = grammar.lex
    first = candidate.atoms[0]
    if opener:
        word = " ".join(opener.group("word").lower().split())
        if word not in lex.group("range_openers"):
            candidate.start, candidate.comparator = opener.start("word"), lex.comparators[word]
        elif len(candidate.atoms) > 1:
            candidate.start = opener.start("word")
    before = opener.start("word") if opener else first.start
    unit_before = grammar.unit_before(text, before)
    if unit_before and candidate.kind is FigureKind.COUNT:
        suffix = lex.prefix_units[" ".join(unit_before.group("unit").lower().split())]
        follower = grammar.unit_follower.match(text, candidate.end)
        written = lex.prefix_followers[follower.group("unit").lower()] if follower else None
        if follower and written is not None and written.kind is suffix.kind:  # "aged 7 months"
            suffix, candidate.end = written, follower.end()
        candidate.kind, candidate.unit = suffix.kind, suffix.unit
        candidate.value *= suffix.factor
        candidate.value_max = None if candidate.value_max is None else candidate.value_max * suffix.factor
        candidate.start = unit_before.start()
        ahead = None if opener else grammar.comparator_before(text, unit_before.start())
        if ahead and " ".join(ahead.group("word").lower().split()) in lex.comparators:
            word = " ".join(ahead.group("word").lower().split())
            candidate.start, candidate.comparator = ahead.start("word"), lex.comparators[word]  # "over the age of 65"
    trailing = grammar.trailing.match(text, candidate.end)
    if trailing and candidate.value_max is None:
        comparator = lex.trailing_comparators[" ".join(trailing.group().lower().replace("-", " ").split())]
        if comparator is Comparator.EXACT:
            candidate.comparator = _INCLUSIVE.get(candidate.comparator, candidate.comparator)
        else:
            candidate.comparator = comparator
        candidate.end = trailing.end()


def _join_bounds(text: str, candidates: list[Candidate], grammar: Grammar) -> list[Candidate]:
    """A lower and an upper bound joined by "and" or "but" are one range when the lower is below
    the upper: "more than 10 and less than 20", "at most 60 and at least 15"."""
    joined: list[Candidate] = []
    for candidate in candidates:
        last = joined[-1] if joined else None
        if last is None or not grammar.bound_join.fullmatch(text, last.end, candidate.start):
            joined.append(candidate)
            continue
        bounds = {last.comparator, candidate.comparator}
        low, high = (last, candidate) if last.comparator in _LOWER else (candidate, last)
        kinds = {last.kind, candidate.kind} - {FigureKind.COUNT}
        if not (bounds & _LOWER and bounds & _UPPER and low.value < high.value and len(kinds) <= 1):
            joined.append(candidate)
            continue
        stated = last if last.kind is not FigureKind.COUNT else candidate
        joined[-1] = Candidate(
            start=last.start,
            end=candidate.end,
            number_start=last.number_start,
            number_end=candidate.number_end,
            kind=stated.kind,
            value=low.value,
            value_max=high.value,
            comparator=Comparator.EXACT,
            unit=stated.unit,
            currency=stated.currency,
            atoms=last.atoms + candidate.atoms,
        )
    return joined


def _changed(text: str, first: Atom, grammar: Grammar) -> bool:
    """A change ("rose 5% to 7%"), or "raised ... by 3 cents to 41 cents" (the change, then the new
    level): two figures, not a range; "grow by 2 to 3 percent" stays a range."""
    changes = grammar.lex.group("change_words")
    words_before = LOWER_WORD.findall(text[max(0, first.start - 50) : first.start].lower())[-6:]
    return bool(changes.intersection(words_before[-3:])) or (
        bool(grammar.lex.group("change_amount").intersection(words_before[-1:]))
        and bool(changes.intersection(words_before))
    )


def _is_range(first: Atom, second: Atom, joiner: str, between: bool, changed: bool) -> bool:
    if joiner == "and" and not between:
        return False  # "and" joins a range only after "between"
    if first.value >= second.value:
        return False
    first_meaning, second_meaning = _meaning(first), _meaning(second)
    if first_meaning and second_meaning and first_meaning != second_meaning:
        return False  # "3% to $88.40", "5 kg to 3 km"
    return not (joiner == "to" and changed)  # "rose (from) 5% to 7%": two figures; "from 20 to 30" one


def _meaning(atom: Atom) -> tuple[FigureKind, str, str] | None:
    """(kind, unit, currency) an atom states by itself, None for a bare number."""
    if atom.currency:
        return FigureKind.MONEY, "", atom.currency
    if atom.suffix:
        return atom.suffix.kind, atom.suffix.unit, ""
    return None


def is_score(text: str, first: Atom, second: Atom, grammar: Grammar) -> bool | None:
    """A hyphenated pair of small bare whole numbers read side by side: a score or tally (True) when
    a word of a contest stands near ("won 3-1", "lost 1-2", "a 20-15 vote", "1-0 up"), unless a
    counted noun follows a rising pair ("led 5-10 people away"); one count a side (False) when there
    is no such word but the first is not the smaller ("a 24-7 line", no range); None when it is no
    such pair ("5-10 people" is a range, "2,000-1,500" no score)."""
    if first.suffix or second.suffix or first.currency or second.currency or not (first.digits and second.digits):
        return None
    if not all(atom.value == int(atom.value) and 0 <= atom.value < _MOST_POINTS for atom in (first, second)):
        return None
    window = LOWER_WORD.findall(text[max(0, first.start - 40) : second.end + 20].lower())
    follower = _FOLLOWER.match(text, second.end)
    after = follower.group(1) if follower else ""
    lex = grammar.lex
    if lex.group("score_states").intersection([after]):
        return True
    cues = lex.group("score_cues")
    # a function word, a cue or a time word is no counted noun: "lost 2-3 to", "a 3-2 win", "won 2-1 today"
    function_word = after in STOP_WORDS or after in cues or after in lex.group("time_words")
    counted = first.value < second.value and bool(after) and not function_word
    if cues.intersection(window) and not counted:
        return True  # but "led 5-10 people away" counts people: a range
    return False if first.value >= second.value else None


def _score(first: Atom, second: Atom) -> list[Candidate]:
    """One SCORE figure for both sides: "3-2" has value 3 and opponent 2, no unit."""
    score = _classify([first, second], "")
    score.kind, score.value_max, score.opponent, score.score = FigureKind.SCORE, None, second.value, True
    return [score]


def _sides(first: Atom, second: Atom, dollar: str) -> list[Candidate]:
    """One COUNT a side, read as no label however it is preceded."""
    sides = [_classify([first], dollar), _classify([second], dollar)]
    for side in sides:
        side.score = True
    return sides


def _classify(group: list[Atom], dollar: str) -> Candidate:
    first, last = group[0], group[-1]
    suffix = last.suffix or first.suffix
    currency = last.currency or first.currency
    value = first.value
    if len(group) > 1 and last.multiplier != 1.0 and first.multiplier == 1.0:
        if first.value * last.multiplier <= last.value:
            value = first.value * last.multiplier  # "$2-3 billion", "20 to 30 million"
    if len(group) > 1 and last.suffix and not first.suffix:
        value *= last.suffix.factor
    if currency == ARTICLE_DOLLAR:
        currency = dollar
    if currency:
        kind = FigureKind.MONEY
    elif suffix:
        kind = suffix.kind
    else:
        kind = FigureKind.COUNT
    return Candidate(
        start=first.start,
        end=last.end,
        number_start=first.number_start,
        number_end=last.number_end,
        kind=kind,
        value=value,
        value_max=last.value if len(group) > 1 else None,
        comparator=Comparator.EXACT,
        unit=suffix.unit if suffix and kind is not FigureKind.MONEY else "",
        currency=currency,
        atoms=group,
    )
