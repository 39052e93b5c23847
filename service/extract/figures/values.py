"""The value of a number as written: digits, fractions, English words, decimals read aloud."""

from __future__ import annotations

import re

from text_to_num import text2num

from newsx.service.extract.figures.grammar import Grammar

_WORD_SPLIT = re.compile(r"[\s-]+")
_ARTICLES = ("a", "an")


def parse_number(text: str, grammar: Grammar) -> float | None:
    """Value of a number in digits, fractions or English words ("1,200", "3 1/2", "two-thirds")."""
    lex = grammar.lex
    text = text.strip()
    if not text:
        return None
    joined = grammar.and_join.split(text.lower(), maxsplit=1)
    if len(joined) == 2 and (joined[1].startswith(("a ", "an ")) or "/" in joined[1]):  # "two and a half", "1 and 1/2"
        base, part = parse_number(joined[0], grammar), parse_number(" ".join(joined[1].split()), grammar)
        return None if base is None or part is None else base + part
    spoken = grammar.point.split(text.lower(), maxsplit=1)
    if len(spoken) == 2:  # "seven point five"
        base = parse_number_words(spoken[0], grammar)
        zero = lex.group("spoken_zero")
        digits = "".join("0" if word in zero else str(lex.small.index(word)) for word in spoken[1].split())
        return None if base is None else base + float("0." + digits)
    if text[-1] in lex.unicode_fractions:
        whole = text[:-1].strip()
        return (float(whole) if whole else 0.0) + lex.unicode_fractions[text[-1]]
    if "/" in text:
        whole, _, fraction = text.rpartition(" ")
        numerator, _, denominator = fraction.partition("/")
        top, bottom = int(numerator), int(denominator)
        if top >= bottom or bottom not in lex.digit_denominators:
            return None  # "24/7", "9/11", "3/2022": not fractions
        return (float(whole) if whole else 0.0) + top / bottom
    if text[0].isdigit() or text[0] == ".":
        return float("".join(ch for ch in text if ch.isdigit() or ch == "."))
    return parse_number_words(text, grammar)


def parse_number_words(text: str, grammar: Grammar) -> float | None:
    """English number words, with "a dozen", "half a million" and fractions ("a third", "two-thirds")."""
    lex = grammar.lex
    words = _WORD_SPLIT.split(text.lower())
    if lex.fractions.get(words[0]) == 2 and len(words) == 2:
        return 0.5  # "half a" before a unit: "half a litre"
    if lex.fractions.get(words[0]) == 2 and len(words) == 3:
        return 0.5 * lex.groups.get(words[2], lex.scales.get(words[2], 1.0))
    if len(words) == 2 and words[1] in lex.fractions:
        numerator = 1.0 if words[0] in _ARTICLES else parse_number_words(words[0], grammar)
        return None if numerator is None else numerator / lex.fractions[words[1]]
    if words[0] in _ARTICLES:
        words[0] = lex.small[1]
    group = 1.0
    closing = [i for i, word in enumerate(words) if word in lex.groups]
    if closing:
        if closing[0] != len(words) - 1:
            return None
        words, group = words[:-1], lex.groups[words[-1]]
    if not words:
        return group
    try:
        return float(text2num(" ".join(words), "en")) * group
    except ValueError:
        return None
