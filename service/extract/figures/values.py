"""The value of a number as written: digits, powers, fractions and English number words.

Words are read by a small parser over their tokens rather than a library, so that every convention
is ours and written in the tables: scales multiply what precedes them and may stack ("three lakh
crore"); "and a half" after a scale of a thousand or more is a share of that scale ("3 million and a
half"), elsewhere it is added ("forty two and a third"); a number before an ordinal is a fraction
("twenty-three fifths", "a hundred trillionths"), the denominator being the longest ordinal that
leaves a number before it ("one hundred thirty fifths" is 100/35, "one hundred and thirty fifths"
130/5); digits may stand before a scale word ("3 hundred and 21"). ``read_words`` reads the longest
prefix of the tokens that is one number, so "one two" yields "one" and the caller goes on after it.
"""

from __future__ import annotations

import math
import re

from newsx.service.extract.figures.lexicon import Lexicon

_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+\.?|\S")
_ARTICLES = ("a", "an")
_AND = "and"
_OF = "of"


def parse_digits(text: str, lex: Lexicon) -> float | None:
    """A number in digits: "1,200", "12,34,567.89", "3 1/2", "2½", "1.3e6", "2.5^-1"."""
    text = text.strip()
    if text[-1] in lex.unicode_fractions:
        whole = text[:-1].strip()
        return (float(whole) if whole else 0.0) + lex.unicode_fractions[text[-1]]
    if "^" in text:
        base, _, power = text.partition("^")
        return _power(float(base.replace(",", "")), float(power))
    if "/" in text:
        whole, _, fraction = text.rpartition(" ")
        numerator, _, denominator = fraction.partition("/")
        top, bottom = int(numerator), int(denominator)
        if top >= bottom or bottom not in lex.digit_denominators:
            return None  # "24/7", "9/11", "3/2022": not fractions
        return (float(whole) if whole.strip() else 0.0) + top / bottom
    if "e" in text.lower():
        return float(text.replace(",", ""))
    return float("".join(ch for ch in text if ch.isdigit() or ch == "."))


def _power(base: float, exponent: float) -> float | None:
    try:
        return base**exponent
    except (OverflowError, ZeroDivisionError):
        return None


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(lower-cased token, start, end) of a number in words; hyphens and spaces only separate."""
    return [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text) if m.group() not in "-–"]


def read_words(words: list[str], lex: Lexicon) -> tuple[float, int] | None:
    """The value of the longest prefix of ``words`` that is one number, and its length in words."""
    for size in range(len(words), 0, -1):
        if words[size - 1] in (_AND, *_ARTICLES) or (size < len(words) and _scales_next(words[size], lex)):
            continue  # "1 million and 2 million" is not "1 million and 2" and a million more
        value = _number(words[:size], lex)
        if value is not None:
            return value, size
    return None


def _scales_next(word: str, lex: Lexicon) -> bool:
    return word in lex.scales or word in lex.groups


def _number(words: list[str], lex: Lexicon) -> float | None:
    """A whole number, a fraction, or both joined by "and" ("two hundred and five and three quarters")."""
    if words[-1] in lex.groups:  # "three dozen", "3 dzs", "a dozen", "half a dozen"
        head = words[:-1]
        if not head:
            return None  # "dozens" alone counts nothing
        count = 1.0 if head in (["a"], ["an"]) else _cardinal(head, lex) or _fraction(head, lex)
        return None if count is None else count * lex.groups[words[-1]]
    whole = _cardinal(words, lex)
    if whole is not None:
        return whole
    for cut in range(len(words) - 1, 0, -1):
        # after "hundred" the "and" is inside the number: "one hundred and thirty fifths" is 130/5
        if words[cut] == _AND and cut + 1 < len(words) and lex.scales.get(words[cut - 1]) != 100:
            whole, part = _cardinal(words[:cut], lex), _number(words[cut + 1 :], lex)
            if whole is not None and part is not None and _is_share(words[cut + 1 :], lex):
                scale, closing = _last_scale(words[:cut], lex), lex.scales.get(words[-1], 1.0)
                if closing >= 1000 and scale < closing:
                    return whole * closing + part  # "one and a half million": the scale closes both
                return whole + part * (scale if scale >= 1000 and part < 1 else 1.0)
    if words[-1] in lex.scales and len(words) > 1 and _AND not in words:  # "a quarter million", "half a billion"
        # "a quarter of a million", "three quarters of a billion"
        head = words[:-3] if words[-3:-1] in ([_OF, "a"], [_OF, "an"]) else words[:-1]
        share = _fraction(head, lex) if head else None
        if share is not None:
            return share * lex.scales[words[-1]]
    return _fraction(words, lex)


def _is_share(words: list[str], lex: Lexicon) -> bool:
    """Whether the words after "and" are a fraction ("a half", "three quarters million")."""
    return any(word in lex.fractions or _ordinal_value(word, lex) for word in words)


def _last_scale(words: list[str], lex: Lexicon) -> float:
    return next((lex.scales[word] for word in reversed(words) if word in lex.scales), 1.0)


def _fraction(words: list[str], lex: Lexicon) -> float | None:
    """A numerator and a denominator ("two thirds", "a twenty-first", "one - fourth", "half a"),
    the denominator as long as it can be while a number stays before it."""
    if len(words) == 2 and words[0] in lex.fractions and lex.fractions[words[0]] == 2 and words[1] in _ARTICLES:
        return 0.5  # "half a" before a unit or scale: "half a litre", "half a million"
    if len(words) == 1 and lex.fractions.get(words[0]) in (2, 4):
        return 1 / lex.fractions[words[0]]  # "half", "quarter" before a scale: "half million"
    for cut in range(1, len(words)):
        denominator = _denominator(words[cut:], lex)
        if denominator is None:
            continue
        head = words[:cut]
        if head[-1] in lex.tens and _small(words[cut], lex) is not None and words[cut] not in lex.tens:
            continue  # "ninety five hundred fifths": a ten and a unit make one number
        numerator = 1.0 if head in (["a"], ["an"]) else _cardinal(head, lex)
        if numerator is not None:
            return numerator / denominator
    return None


def _denominator(words: list[str], lex: Lexicon) -> float | None:
    """An ordinal used as a denominator: a fraction word ("thirds", "quarter"), or an ordinal of three
    or more, alone or closing a number ("fifths", "twenty-first", "one hundred fifth", "trillionths")."""
    last = words[-1]
    if len(words) == 1 and last in lex.fractions:
        return float(lex.fractions[last])
    rank = _ordinal_value(last, lex)
    if rank is None or (len(words) == 1 and rank < 3):
        return None
    if len(words) == 1:
        return float(rank)
    before = _cardinal(words[:-1], lex)
    if before is None or (rank < 10 and before % 10 != 0) or (rank >= 100 and rank not in lex.scales.values()):
        return None
    return before * rank if rank >= 100 and before < rank else before + rank


def _ordinal_value(word: str, lex: Lexicon) -> int | None:
    """The rank of an ordinal word, singular or plural ("fifths", "hundredths")."""
    return lex.ordinals.get(word) or (lex.ordinals.get(word[:-1]) if word.endswith("s") else None)


def ordinal_words(words: list[str], lex: Lexicon) -> int | None:
    """The rank of an ordinal in words ("eleventh", "twenty-first", "one hundred twenty-fifth")."""
    rank = lex.ordinals.get(words[-1])
    if rank is None or len(words) == 1:
        return rank
    if not _ordinal_joins(words[-2], rank, lex):
        return None  # "280 million first": a number, then an ordinal of its own
    before = _cardinal(words[:-1], lex)
    if before is None or (rank < 10 and before % 10 != 0 and before < 100):
        return None
    return int(before * rank) if rank >= 100 and before < rank else int(before + rank)


def _ordinal_joins(previous: str, rank: int, lex: Lexicon) -> bool:
    """Whether an ordinal word closes the number before it: a ten before a unit ("twenty-first"),
    "hundred" before a rank below a hundred ("one hundred eleventh"), a number before a scale
    ordinal ("two hundredth", "three trillionth")."""
    if rank >= 100:
        return _small(previous, lex) is not None or previous in lex.scales
    if rank < 10:
        return previous in lex.tens or lex.scales.get(previous) == 100
    return lex.scales.get(previous) == 100


def _cardinal(words: list[str], lex: Lexicon) -> float | None:
    """A whole number in words, digits before scale words allowed ("two hundred and two thousand",
    "3 hundred and 21", "three lakh crore"); None when the words are not one number ("one two")."""
    if not words:
        return None
    total, current, last, top = 0.0, 0.0, "start", math.inf
    if words[0] in _ARTICLES:
        if len(words) == 1 or words[1] not in lex.scales:
            return None
        words, current, last = words[1:], 1.0, "unit"
    for index, word in enumerate(words):
        value = _small(word, lex)
        if value is not None:
            if last == "unit" or (last == "ten" and (value >= 10 or value == 0)) or (last == "and" and value == 0):
                return None  # "one two", "twenty thirty", "twenty twelve", "3 hundred and 0"
            if word[0].isdigit() and last == "start" and index + 1 < len(words) and words[index + 1] not in lex.scales:
                return None  # digits stand in words only before a scale: "3 hundred"
            if word[0].isdigit() and last == "ten":
                return None
            current += value
            last = "ten" if word in lex.tens else "unit"
        elif word == _AND:
            if last not in ("hundred", "scale") or index + 1 == len(words):
                return None
            last = "and"
        elif word in lex.scales:
            scale = lex.scales[word]
            if last in ("start", "and"):
                return None
            if scale < 1000:  # "hundred" multiplies the part below a thousand
                if current >= scale:
                    return None
                current, last = current * scale, "hundred"
            elif current == 0 and last == "scale" and scale > top:
                total, top = total * scale, scale  # "lakh crore": scales stack
            elif scale >= top:
                return None  # "two thousand one million"
            else:
                total, current, top, last = total + current * scale, 0.0, scale, "scale"
        else:
            return None
    if last in ("start", "and"):
        return None
    return total + current


def _small(word: str, lex: Lexicon) -> float | None:
    value = lex.cardinals.get(word)
    if value is not None:
        return float(value)
    if word[0].isdigit():
        return float(word)
    return None
