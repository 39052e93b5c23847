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

import numpy
from spacy.strings import get_string_id

from newsx.service.extract.figures.lexicon import Lexicon, Suffix

# Digit groups that are phone numbers, not figures: "+44 20 7946 0958", "555-1234", "020 7946 0958".
_PHONE = re.compile(
    r"(?<![\w])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?)?\d{2,4}(?:[.-]\d{2,4}){2,}(?![\w])|\+\d[\d\s-]{7,}\d|\b\d{3}-\d{4}\b"
    r"|(?<![\w])0\d{1,4}(?:\s\d{3,4}){2}(?![\w])"
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
    phone: re.Pattern[str]
    comparator_before: re.Pattern[str]
    trailing: re.Pattern[str]
    range_join: re.Pattern[str]
    comparison_join: re.Pattern[str]
    unit_before: re.Pattern[str]
    lone_fraction: re.Pattern[str]
    digit_ordinal: re.Pattern[str]
    and_join: re.Pattern[str]
    point: re.Pattern[str]
    fraction_marks: str
    lowercase_suffixes: dict[str, Suffix]  # for words matched without regard to case ("degrees fahrenheit")
    ordinal_ids: numpy.ndarray  # string ids of the ordinal words, to find them with arrays

    @classmethod
    def build(cls, lex: Lexicon) -> Grammar:
        group = lex.group
        fraction_names = "|".join(sorted(lex.fractions, key=len, reverse=True))
        openers = "|".join(group("range_openers"))
        single = [p for p in lex.trailing_comparators if p.isalpha()]
        words_after = [p for p in lex.trailing_comparators if p[0].isalpha()]
        marks_after = [p for p in lex.trailing_comparators if not p[0].isalpha()]
        return cls(
            lex=lex,
            atom=re.compile(_atom(lex)),
            phone=_PHONE,
            comparator_before=re.compile(
                rf"(?i:(?<![\w])(?P<word>{_words(lex.comparators)}|{openers}))\s*$",
            ),
            trailing=re.compile(
                rf"(?i:\s*(?P<word>{_words(marks_after)})|-(?:{_words(single)})\b|\s+(?:{_words(words_after)})\b)"
            ),
            range_join=re.compile(rf"(?i:\s*[-–—]\s*|\s+(?:{_words(group('range_joins'))})\s+)"),
            comparison_join=re.compile(
                rf"(?i:\s*,?\s+(?:(?:{_words(group('comparison_directions'))})\s+)?"
                rf"(?:{_words(group('comparison_joins'))})\s+)"
            ),
            unit_before=re.compile(rf"(?i:\b(?P<unit>{'|'.join(lex.prefix_units)})[\s-]*)$"),
            lone_fraction=re.compile(rf"(?i:an?\s+(?:{fraction_names}))"),
            digit_ordinal=re.compile(rf"(?<![\w])(\d+)(?:{_words(group('ordinal_suffixes'))})(?![\w])", re.IGNORECASE),
            and_join=re.compile(r",?\s+and\s+"),
            point=re.compile(rf"\s+(?:{_words(group('point'))})\s+"),
            fraction_marks="".join(lex.unicode_fractions),
            lowercase_suffixes=_lowercase(lex.suffixes),
            ordinal_ids=numpy.array([get_string_id(word) for word in lex.ordinals], dtype=numpy.uint64),
        )


def _lowercase(suffixes: dict[str, Suffix]) -> dict[str, Suffix]:
    table: dict[str, Suffix] = {}
    for spelling, suffix in suffixes.items():
        table.setdefault(spelling.lower(), suffix)
    return table


def _atom(lex: Lexicon) -> str:
    """One number with its sign, currency symbol, multiplier and suffix (percent, currency, unit)."""
    small = "|".join(lex.small)
    digit_words = "|".join(lex.small[1:10])
    word_unit = rf"(?:(?:{'|'.join(lex.tens)})(?:[\s-](?:{digit_words}))?|(?:{small}))"
    scales = "|".join((*lex.scales, *lex.groups))
    fractions = "|".join(sorted(lex.fractions, key=len, reverse=True))
    mixed = "|".join(lex.mixed_fractions)
    half = "|".join(
        word for word, denominator in lex.fractions.items() if denominator == 2 and word in lex.mixed_fractions
    )
    decimals = "|".join((*lex.small[:10], *lex.group("spoken_zero")))
    point = _words(lex.group("point"))
    # "3 and a quarter", "1 and 1/2": a whole number in digits and a fraction.
    mixed_number = rf"\d+\s+and\s+(?:(?i:an?\s+(?:{mixed}))\b|\d+/\d+(?![\d/]))"
    # After a number in words: "two and a half", or decimals read aloud ("seven point five").
    word_tail = rf"(?:\s+and\s+an?\s+(?:{mixed})\b|\s+(?:{point})(?:\s+(?:{decimals})\b)+)?"
    # "a dollar", "a pound of flour": the article as one unit of money or weight.
    one_unit = (
        rf"(?i:\ban?(?=\s+(?:{_words(lex.group('one_unit'))})\b"
        rf"(?!\s+(?:{_words(lex.group('one_unit_blockers'))})\b)))"
    )
    word_number = (
        rf"{one_unit}|(?i:\b(?:{half})\s+an?\s+(?:{scales})\b|\b(?:{half})\s+an?(?=\s)"
        rf"|\b(?:{small})[\s-](?:{fractions})\b|\ban?\s(?:{fractions})\b(?![-\u2013])"
        rf"|\ban?\s+(?:{scales})(?:[\s-]+(?:and\s+)?(?:{word_unit}|{scales})\b)*"
        rf"|\b{word_unit}(?:[\s-]+(?:and\s+)?(?:{word_unit}|{scales})\b)*\b{word_tail})"
    )
    marks = "".join(lex.unicode_fractions)
    digit_number = (
        rf"\d+\s\d+/\d+(?!\d)|\d+/\d+(?![\d/])|(?:\d+\s?)?[{marks}]"
        r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)"
        r"|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d,.]?\d)"  # "12 500": spaces between thousands
        r"|\d+(?:\.\d+)?|\.\d+"
    )
    signed_symbols = re.escape("".join(dict.fromkeys(lex.trailing_symbols)))
    return (
        rf"(?<![A-Za-z0-9_])(?P<sign>(?<![\w.])[-−](?=[\d.{signed_symbols}])|(?i:{_words(lex.group('sign'))})\s+)?"
        rf"(?P<symbol>(?:{alternation(lex.currency_symbols)})\s?)?"
        rf"(?P<number>{mixed_number}|{digit_number}|{word_number})"
        rf"(?:(?P<multiplier_gap>\s|-)?(?P<multiplier>(?i:{_words(lex.multipliers)}))(?![A-Za-z0-9/]))?"
        rf"(?:(?P<suffix_gap>\s|-|\s-\s|\s+of\s+an?\s+)?(?P<suffix>(?i:{alternation(lex.suffixes)}))(?![A-Za-z0-9²³]))?"
    )
