"""The regular grammar of figures, compiled once from the lexicon's words.

An *atom* is one number with what is glued to it: an optional sign and currency symbol, a number in
digits, words or fractions, an optional multiplier ("bn") and an optional suffix (percent sign,
currency name or unit). The other patterns read what stands around atoms: comparators before and
after, the joiner of a range, the joiner of a comparison, a unit written before the number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import numpy
from spacy.strings import get_string_id

from newsx.service.extract.figures.lexicon import Lexicon, Suffix

# Digit groups that are phone numbers, not figures: "+44 20 7946 0958", "555-1234", "020 7946 0958".
_FIRST_WORD = re.compile(r"[^\W\d_]+|\S")
_PHONE = re.compile(
    r"(?=[\d(+])(?:(?<![\w])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?)?\d{2,4}(?:[.-]\d{2,4}){2,}(?![\w])|\+\d[\d\s-]{7,}\d|\b\d{3}-\d{4}\b"
    r"|(?<![\w])0\d{1,4}(?:\s\d{3,4}){2}(?![\w]))"
)


def _case_sensitive(spelling: str) -> bool:
    """Short symbols keep their case ("m" metre vs "M" million, "MB" vs "Mb"); words do not."""
    return len(spelling) <= 3


def alternation(spellings: Iterable[str], keep_case: bool = True) -> str:
    """A regex alternation of spellings, longest first, spaces matching any whitespace."""
    parts = []
    for spelling in sorted(set(spellings), key=len, reverse=True):
        pattern = re.escape(spelling).replace(r"\ ", r"\s+")
        parts.append(f"(?-i:{pattern})" if keep_case and _case_sensitive(spelling) else pattern)
    return "|".join(parts)


def _words(words: Iterable[str]) -> str:
    return alternation(words, keep_case=False)


@dataclass(frozen=True, slots=True)
class Grammar:
    """The lexicon and every pattern built from it."""

    lex: Lexicon
    atom: re.Pattern[str]
    plain_atom: re.Pattern[str]  # without "1 over 3", "one in five": tried where those do not hold
    tail: re.Pattern[str]
    phone: re.Pattern[str]
    comparator_pattern: re.Pattern[str]
    trailing: re.Pattern[str]
    range_join: re.Pattern[str]
    bound_join: re.Pattern[str]  # between a lower and an upper bound: "more than 10 and less than 20"
    rate: re.Pattern[str]  # "per second", "/ms" after a unit of length or volume
    comparison_join: re.Pattern[str]
    unit_pattern: re.Pattern[str]
    unit_follower: re.Pattern[str]  # the unit after a number that a unit before it lets through
    lone_fraction: re.Pattern[str]
    digit_ordinal: re.Pattern[str]
    and_join: re.Pattern[str]
    point: re.Pattern[str]
    fraction_marks: str
    lowercase_suffixes: dict[str, Suffix]  # for words matched without regard to case ("degrees fahrenheit")
    ordinal_ids: numpy.ndarray  # string ids of the ordinal words, to find them with arrays
    follow_words: frozenset[str]  # first words of the multipliers and suffixes, lower-cased
    other_dollar: re.Pattern[str]  # the names and symbols of the dollars other than the US one
    other_dollars: dict[str, str]  # their lower-cased spellings -> ISO code
    comparator_ends: frozenset[str]  # last words of the comparators and range openers
    unit_ends: frozenset[str]  # last words of the units written before a number

    def tail_at(self, text: str, end: int) -> re.Match[str]:
        """The multiplier and suffix after a number ending at ``end`` (an empty match when the next
        word can start neither: most numbers are followed by a plain word)."""
        rest = text[end : end + 16].lstrip(" \t\n\u00a0-([{<").lower()
        word = _FIRST_WORD.match(rest)
        if word is None or word.group() in self.follow_words or rest.startswith("of "):
            return self.tail.match(text, end)  # type: ignore[return-value]  # every part is optional
        return self.tail.match(text, end, end)  # type: ignore[return-value]

    def comparator_before(self, text: str, start: int) -> re.Match[str] | None:
        """The comparator or range opener right before ``start`` ("at least", "between", ">")."""
        if not self._ends_with(text, start, self.comparator_ends, marks=True):
            return None  # most numbers follow no comparator: skip the search
        return self.comparator_pattern.search(text, max(0, start - 30), start)

    def unit_before(self, text: str, start: int) -> re.Match[str] | None:
        """The unit written right before ``start`` ("magnitude 7.1", "aged 45")."""
        if not self._ends_with(text, start, self.unit_ends, marks=False):
            return None
        return self.unit_pattern.search(text, max(0, start - 25), start)

    def _ends_with(self, text: str, start: int, ends: frozenset[str], marks: bool) -> bool:
        before = text[max(0, start - 30) : start].rstrip(" -\t\n\u00a0").lower()
        word = before.rsplit(None, 1)[-1] if before else ""
        return word in ends or (marks and bool(word) and not word[-1].isalnum())

    @classmethod
    def build(cls, lex: Lexicon) -> Grammar:
        group = lex.group
        # "a third", "a fifth": shares or ordinals whose noun is left out ("added a third late on")
        ranks = (w for w, rank in lex.ordinals.items() if rank < 100)  # "a hundredth", "a millionth": shares
        lone = "|".join(sorted((*(w for w, d in lex.fractions.items() if d != 2), *ranks), key=len, reverse=True))
        openers = "|".join(group("range_openers"))
        single = [p for p in lex.trailing_comparators if p.isalpha()]
        words_after = [p for p in lex.trailing_comparators if p[0].isalpha()]
        marks_after = [p for p in lex.trailing_comparators if not p[0].isalpha()]
        words_before = [p for p in lex.comparators if p[0].isalpha()]
        marks_before = [p for p in lex.comparators if not p[0].isalpha()]
        names = {n: c for n, c in lex.currency_names.items() if c in lex.dollar_codes and c != "USD" and " " in n}
        symbols = {
            s: c
            for s, c in lex.currency_symbols.items()
            if c in lex.dollar_codes and c != "USD" and len(s) > 1 and s.endswith("$")
        }
        return cls(
            lex=lex,
            atom=re.compile(_atom(lex)),
            plain_atom=re.compile(_atom(lex, joined_fractions=False)),
            tail=re.compile(_tail(lex)),
            phone=_PHONE,
            comparator_pattern=re.compile(
                rf"(?i:(?P<word>(?<![\w])(?:{_words(words_before)}|{openers})|{_words(marks_before)}))\s*$",
            ),
            # not followed by more of a comparison: "equal to 70 or less than 90" is two figures
            trailing=re.compile(
                rf"(?i:\s*(?P<word>{_words(marks_after)})|-(?:{_words(single)})\b|\s+(?:{_words(words_after)})\b)"
                rf"(?!\s*[\d.])(?!\s+[^\W\d_]+\s+[\d.])(?!\s+(?:{_words(group('comparison_continuers'))})\b)"
            ),
            range_join=re.compile(rf"(?i:\s*[-–—]\s*|~|\s+(?:{_words(group('range_joins'))})\s+)"),
            rate=re.compile(
                rf"(?i:\s*/\s*|\s+(?:{_words(group('rate_joins'))})\s+)(?P<time>{_words(lex.rate_times)})\b"
            ),
            bound_join=re.compile(rf"(?i:\s*,?\s+(?:{_words(group('bound_joins'))})\s+)"),
            comparison_join=re.compile(
                rf"(?i:\s*,?\s+(?:(?:{_words(group('comparison_directions'))})\s+)?"
                rf"(?:{_words(group('comparison_joins'))})\s+)"
            ),
            unit_pattern=re.compile(rf"(?i:\b(?P<unit>{_words(lex.prefix_units)})[\s-]*)$"),
            unit_follower=re.compile(rf"[\s-]+(?P<unit>(?i:{_words(lex.prefix_followers)}))\b"),
            lone_fraction=re.compile(rf"(?i:an?\s+(?:{lone}))"),
            digit_ordinal=re.compile(rf"(?<![\w])(\d+)(?:{_words(group('ordinal_suffixes'))})(?![\w])", re.IGNORECASE),
            and_join=re.compile(r",?\s+and\s+"),
            point=re.compile(rf"\s+(?:{_words(group('point'))})\s+"),
            fraction_marks="".join(lex.unicode_fractions),
            lowercase_suffixes=_lowercase(lex.suffixes),
            ordinal_ids=numpy.array([get_string_id(word) for word in lex.ordinals], dtype=numpy.uint64),
            other_dollar=re.compile(rf"(?<![A-Za-z0-9])(?:{alternation(symbols)}|(?i:{_words(names)}))(?![A-Za-z])"),
            other_dollars={**symbols, **names},
            follow_words=frozenset(
                found.group()
                for spelling in (*lex.multipliers, *lex.exact_multipliers, *lex.suffixes)
                if (found := _FIRST_WORD.match(spelling.lower())) is not None
            ),
            comparator_ends=frozenset(p.split()[-1].lower() for p in (*lex.comparators, *group("range_openers"))),
            unit_ends=frozenset(p.split()[-1].lower() for p in lex.prefix_units),
        )


def _lowercase(suffixes: dict[str, Suffix]) -> dict[str, Suffix]:
    table: dict[str, Suffix] = {}
    for spelling, suffix in suffixes.items():
        table.setdefault(spelling.lower(), suffix)
    return table


_NUMBER_SEPARATOR = r"(?:\s+|\s*[-\u2013]\s*)"


class _NumberWordParts(NamedTuple):
    """Pieces of the number-word patterns: alternations of the lexicon's words, one number word,
    and one more word or digits after a separator ("-", "and", "and a")."""

    units: str
    scales: str
    shares: str
    next_word: str


def _number_word_parts(lex: Lexicon) -> _NumberWordParts:
    units = "|".join((*lex.small, *lex.tens))
    scales = "|".join(sorted((*lex.scales, *lex.groups), key=len, reverse=True))
    shares = "|".join(sorted((*lex.fractions, *lex.ordinals, *(f"{w}s" for w in lex.ordinals)), key=len, reverse=True))
    word = rf"(?:(?:{units}|{scales})\b|(?:{shares})\b(?![-\u2013][^\W\d_]))"
    next_word = rf"{_NUMBER_SEPARATOR}(?:and\s+(?:an?\s+)?)?(?:{word}|\d+(?:\.\d+)?\b)"
    return _NumberWordParts(units, scales, shares, next_word)


def _number_words(lex: Lexicon) -> str:
    """A run of number words (cardinals, scales, fractions, ordinals as denominators, "and", "a"):
    a superset of the numbers in words, which ``values.read_words`` reads to its longest valid prefix."""
    units, scales, shares, next_word = _number_word_parts(lex)
    halves = "|".join(w for w, d in lex.fractions.items() if d in (2, 4))
    sep = _NUMBER_SEPARATOR
    # "of a" only before a scale: "a quarter of a million"
    more = rf"(?:{next_word}|\s+of\s+an?\s+(?:{scales})\b)"
    return (
        rf"(?i:(?:an?\s+(?:{scales}|(?:{units})(?={sep}(?:{shares})\b))|(?:{units}))\b{more}*"  # "two hundred and six", "a dozen"
        rf"|an?\s+(?:{shares})\b(?![-\u2013][^\W\d_]){more}*"  # "a third", "a hundred trillionths"
        rf"|(?:{halves})\s+(?=(?:an?\s+)?(?:{scales})\b)(?:an?\s+)?(?:{scales})\b)"  # "half a million", "quarter million"
    )


def _scaled_digits(lex: Lexicon) -> str:
    """Digits before scale words that go on as a number: "3 hundred and 21", "3 million and a half"
    ("2 million" alone is digits and a multiplier)."""
    _units, scales, _shares, next_word = _number_word_parts(lex)
    more = rf"(?:{next_word})"
    multiplied = "|".join(
        sorted((s for s in (*lex.scales, *lex.groups) if s not in lex.multipliers), key=len, reverse=True)
    )
    return rf"(?i:\d+(?:\.\d+)?(?:\s+(?:{multiplied})\b{more}*|\s+(?:{scales})\b{more}+))"


def _atom(lex: Lexicon, joined_fractions: bool = True) -> str:
    """One number with its sign and currency symbol; what follows it is read by ``_tail``."""
    small_words = "|".join((*lex.small, *lex.tens))
    mixed = "|".join(lex.mixed_fractions)
    half = "|".join(
        word for word, denominator in lex.fractions.items() if denominator == 2 and word in lex.mixed_fractions
    )
    decimals = "|".join((*lex.small[:10], *lex.group("spoken_zero")))
    point = _words(lex.group("point"))
    # "3 and a quarter", "1 and 1/2": a whole number in digits and a fraction.
    mixed_number = rf"(?P<mixed>\d+\s+and\s+(?:(?i:an?\s+(?:{mixed}))\b|\d+/\d+(?![\d/])))"
    # "a dollar", "a pound of flour": the article as one unit of money or weight.
    one_unit = (
        rf"(?i:\ban?(?=\s+(?:{_words(lex.group('one_unit'))})\b"
        rf"(?!\s+(?:{_words(lex.group('one_unit_blockers'))})\b)))"
    )
    word_number = (
        rf"(?P<words>{one_unit}|(?:{_number_words(lex)})(?i:\s+(?:{point})(?:\s+(?:{decimals})\b)+)?"
        rf"|(?i:\b(?:{half})\s+an?(?=\s)|\b(?:{half})\b(?!\s+an?\b)))"  # "half a litre", "more than half"
    )
    marks = "".join(lex.unicode_fractions)
    digit_number = (
        rf"\d+\s{{1,2}}\d+/\d+(?!\d)|\d+/\d+(?![\d/])|(?:\d+\s?)?[{marks}]"
        r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?![\d,]\d)"  # "12,34,567.89": lakh grouping
        r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)"
        r"|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d,.]?\d)"  # "12 500": spaces between thousands
        r"|\d+(?:\.\d+)?\^[-+]?\d+(?:\.\d+)?|\d+(?:\.\d+)?[eE][-+]?\d+(?![\w])"  # "2.5^-1", "1.3e6"
        r"|\d+(?:\.\d+)?|\.\d+"
    )
    joins = _words(lex.group("fraction_joins"))
    joined = (
        rf"(?P<joined>(?:\d+|(?i:(?:{small_words})(?:[\s-](?:{small_words}))?))\s+(?i:{joins})\s+"
        rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?i:(?:{small_words})(?:[\s-]+(?:{small_words}|{'|'.join(lex.scales)}))*)\b))|"
        if joined_fractions
        else "(?P<joined>(?!))|"  # never matches
    )
    signed_symbols = re.escape("".join(dict.fromkeys(lex.trailing_symbols)))
    # the first characters of the symbols (either case): most words are rejected before the alternation
    firsts = "".join(sorted({ch for symbol in lex.currency_symbols for ch in (symbol[0].lower(), symbol[0].upper())}))
    # what an atom can start with: a digit, a mark, a symbol or the first letter of a number word
    words = (*lex.small, *lex.tens, *lex.fractions, *lex.group("sign"), "a", "an")
    starts = firsts + "".join({ch for word in words for ch in (word[0].lower(), word[0].upper())})
    return (
        rf"(?=[\d.{re.escape(starts + marks)}\-−])"
        rf"(?<![A-Za-z0-9_])(?P<sign>(?<![\w.])[-−](?=[\d.{signed_symbols}])|(?i:{_words(lex.group('sign'))})\s+)?"
        rf"(?P<symbol>(?=[{re.escape(firsts)}])(?:{alternation(lex.currency_symbols)})\s?)?"
        rf"(?P<number>{joined}{mixed_number}|(?P<scaled>{_scaled_digits(lex)})|{digit_number}|{word_number})"
    )


def _tail(lex: Lexicon) -> str:
    """What may follow a number: a multiplier ("bn"), then a suffix (percent, currency, unit), the
    suffix possibly in brackets ("20 (kg)")."""
    exact = f"|{alternation(lex.exact_multipliers)}" if lex.exact_multipliers else ""
    return (
        rf"(?:(?P<multiplier_gap>\s|-)?(?P<multiplier>(?i:{_words(lex.multipliers)}){exact})"
        r"(?![A-Za-z0-9/]))?"
        rf"(?:(?P<suffix_gap>\s|-|\s-\s|\s+of\s+an?\s+|\s?[(\[{{<])?(?P<suffix>(?i:{alternation(lex.suffixes)}))"
        r"(?P<close>[)\]}>])?(?![A-Za-z0-9²³]))?"
    )
