"""Atoms: the numbers the grammar matches, read into values with their currency and suffix."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsx.service.domain import FigureKind
from newsx.service.extract.figures.grammar import Grammar
from newsx.service.extract.figures.lexicon import ARTICLE_DOLLAR, Suffix
from newsx.service.extract.figures.values import ordinal_words, parse_digits, read_words, tokens

LOWER_WORD = re.compile(r"[a-z]+")
_SENTENCE_END = re.compile(r"\s*(?:[.,;:!?)]|$)")
_ARTICLES = ("a", "an")


@dataclass(slots=True)
class Atom:
    """One matched number with what sits around it."""

    start: int
    end: int
    number_start: int
    number_end: int
    value: float
    digits: bool
    suffix: Suffix | None
    currency: str
    multiplier: float
    raw: str


def find_atoms(text: str, grammar: Grammar) -> list[Atom]:
    """Every number atom in the text, left to right, outside phone numbers. A run of words that is
    one number only in part gives that part, and the search goes on after it."""
    phones = [m.span() for m in grammar.phone.finditer(text)]
    atoms: list[Atom] = []
    position = 0
    while (match := grammar.atom.search(text, position)) is not None:
        position = match.start() + 1  # what failed as a whole may hold a number further on
        if any(start <= match.start() < end for start, end in phones):
            position = match.end()
            continue
        atom = read_atom(match, text, grammar)
        if atom is None and match.group("joined"):  # "10 in 2020" is no fraction: read "10" alone
            plain = grammar.plain_atom.match(text, match.start())
            atom = read_atom(plain, text, grammar) if plain is not None else None
        if atom is not None:
            atoms.append(atom)
            position = atom.end
    return atoms


def read_atom(match: re.Match[str], text: str, grammar: Grammar) -> Atom | None:
    """Interpret one atom match; None when it is no number (letters glued on, bad fraction ...)."""
    lex = grammar.lex
    start = match.start()
    before = text[start - 1] if start else " "
    if before.isalnum() or before in "_#@/\\:." or (before in "-–" and _identifier(text, start - 1, grammar)):
        return None  # "COVID-19", "scp2-173m", "#5", "1.2.3" ("magnitude-6.2" is a unit and its number)
    reading = _read_number(match, text, grammar)
    if reading is None:
        return None
    value, number_end, scaled = reading
    raw = text[match.start("number") : number_end]
    tail = grammar.tail_at(text, number_end)
    end = tail.end()
    if end < len(text) and (
        text[end].isalnum() or (text[end] in ":/" and end + 1 < len(text) and text[end + 1].isdigit())
    ):
        return None
    if end == number_end and end + 1 < len(text) and text[end] in ".," and text[end + 1].isdigit():
        return None  # "1.2.3", "10,00": identifiers or foreign formats
    if raw[0] == "0" and len(raw) > 1 and raw[1].isdigit():
        return None  # "007", "01": codes
    symbol = (match.group("symbol") or "").strip()
    if symbol and symbol in lex.tight_symbols and match.group("symbol") != symbol:
        return None
    currency = ARTICLE_DOLLAR if symbol == "$" else lex.currency_symbols.get(symbol, "")
    if not currency and symbol:
        currency = lex.currency_symbols.get(symbol.upper(), lex.currency_symbols.get(symbol.lower(), ""))
    multiplier = tail.group("multiplier") or ""
    suffix_text = tail.group("suffix") or ""
    suffix = _lookup_suffix(suffix_text, grammar) if suffix_text else None
    if suffix is not None and not _suffix_placed(tail, text, suffix, suffix_text, bool(symbol), grammar):
        suffix, suffix_text, end = (
            None,
            "",
            tail.start("suffix_gap") if tail.group("suffix_gap") else tail.start("suffix"),
        )
    elif suffix is not None and tail.group("close") and not (tail.group("suffix_gap") or "").strip():
        end = tail.start("close")  # "(about 5 kg)": the bracket closes the phrase, not the unit
    rate = grammar.rate.match(text, end) if suffix is not None and suffix.unit in lex.rate_bases else None
    if suffix is not None and rate is not None:  # "50 km/ms", "3 litres per second"
        suffix = Suffix(suffix.kind, unit=f"{suffix.unit} per {lex.rate_times[rate.group('time').lower()]}")
        end = rate.end()
    unit = lex.shadowed_units.get(suffix_text.lower())
    if unit is not None and not multiplier and _weight_context(text, match, end, grammar):
        suffix = unit  # "weighs 10 pounds": the unit a currency name shadows
    if raw.split()[-1].lower() in _ARTICLES and not suffix:
        return None  # "half a day": "half a" needs its unit
    if not raw[0].isdigit() and lex.fractions.get(raw.lower()) == 2 and not _compared(text, start, grammar):
        return None  # a bare "half" is a figure only after a comparator: "more than half"
    digits = raw[0].isdigit() or raw[0] in "." + grammar.fraction_marks
    if multiplier:
        key = multiplier.lower()
        if multiplier in ("M", "B") and not suffix and not currency:
            if not _counts_things(text, end, grammar) and not _SENTENCE_END.match(text, end):
                return None  # "3M", "4B Baker Street": names and labels (metres are a lower-case "m")
            # "5M people", "2B users", "I can give you 10M.": million and billion
        elif key in lex.currency_only_multipliers and not currency and not (suffix and suffix.kind is FigureKind.MONEY):
            if key != "m" or suffix:
                return None
            if not _counts_millions(text, end, value, grammar):
                suffix = lex.suffixes["m"]  # "100m", "5 m": metres
                multiplier = ""
    scale = lex.exact_multipliers.get(multiplier) or lex.multipliers.get(multiplier.lower(), 1.0) if multiplier else 1.0
    value *= scale
    if suffix is not None:
        if not _suffix_fits(suffix_text, tail, digits, value, grammar):
            suffix, end = None, tail.start("suffix_gap") if tail.group("suffix_gap") else tail.start("suffix")
            if end < len(text) and text[end].isalnum():
                return None
        else:
            value *= suffix.factor
            if suffix.kind is FigureKind.MONEY and currency in ("", ARTICLE_DOLLAR):
                currency = suffix.currency or ARTICLE_DOLLAR  # "$5 Australian dollars", "50 cents"
    if match.group("sign"):
        value = -value
    return Atom(start, end, match.start("number"), number_end, value, digits, suffix, currency, scale * scaled, raw)


def _read_number(match: re.Match[str], text: str, grammar: Grammar) -> tuple[float, int, float] | None:
    """(value, end of the number, the scale its words end with) of the matched number; a run of
    words is read to its longest valid prefix, and an ordinal in words is no number ("twenty-first")."""
    lex = grammar.lex
    raw, begin, end = match.group("number"), match.start("number"), match.end("number")
    value: float | None
    if match.group("joined"):
        value = _joined_fraction(raw, grammar)
        return None if value is None else (value, end, 1.0)
    if match.group("mixed"):  # "3 and a quarter", "1 and 1/2"
        whole, part = grammar.and_join.split(raw, maxsplit=1)
        value = _plain_value(part, grammar)
        return None if value is None else (float(whole) + value, end, 1.0)
    if not match.group("words") and not match.group("scaled"):
        value = parse_digits(raw, lex)
        return None if value is None else (value, end, 1.0)
    found = tokens(raw)
    words = [word for word, _start, _end in found]
    if words in (["a"], ["an"]):
        return 1.0, end, 1.0  # "a dollar": the article as one unit
    if words[0] in lex.fractions and len(words) == 2 and words[1] in _ARTICLES:
        return 0.5, end, 1.0  # "half a" before a unit: "half a litre"
    point = next((i for i, word in enumerate(words) if word in lex.group("point")), None)
    if point is not None:  # "seven point five"
        whole = read_words(words[:point], lex)
        if whole is None or whole[1] != point:
            return None
        zero = lex.group("spoken_zero")
        decimals = "".join("0" if word in zero else str(int(lex.cardinals[word])) for word in words[point + 1 :])
        return whole[0] + float("0." + decimals), end, 1.0
    if len(words) > 1 and ordinal_words(words, lex) is not None:
        return None  # "twenty-first", "two hundredth": ranks, read by the ordinal scanner
    reading = read_words(words, lex)
    if reading is None:
        return None
    value, used = reading
    last = words[used - 1]
    scaled = lex.scales[last] if lex.scales.get(last, 0) >= 1000 and used > 1 else 1.0
    return value, begin + found[used - 1][2], scaled


def _joined_fraction(raw: str, grammar: Grammar) -> float | None:
    """ "1 over 3", "one in five": a share when the first number is below the second (a small
    first number and no year after "in": "10 in 2020" is no share)."""
    lex = grammar.lex
    join = next(word for word in tokens(raw) if word[0] in lex.group("fraction_joins"))
    top_text, bottom_text = raw[: join[1]], raw[join[2] :]
    top, bottom = (_plain_value(part, grammar) for part in (top_text, bottom_text))
    if top is None or bottom is None or not 0 < top < bottom:
        return None
    if join[0] in lex.group("share_joins") and (top > 20 or ("," not in bottom_text and 1000 <= bottom < 2200)):
        return None
    return top / bottom


def _plain_value(text: str, grammar: Grammar) -> float | None:
    text = text.strip()
    if text[0].isdigit():
        return parse_digits(text, grammar.lex)
    words = [word for word, _start, _end in tokens(text)]
    reading = read_words(words, grammar.lex)
    return reading[0] if reading is not None and reading[1] == len(words) else None


def _identifier(text: str, dash: int, grammar: Grammar) -> bool:
    """Whether the characters glued before a dash hold a letter and are no unit: an identifier
    ("scp2-", "COVID-"), not "magnitude-"."""
    start = dash
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    word = text[start:dash]
    return any(ch.isalpha() for ch in word) and word.lower() not in grammar.lex.prefix_units


def _compared(text: str, start: int, grammar: Grammar) -> bool:
    return grammar.comparator_before(text, start) is not None


def _counts_millions(text: str, end: int, value: float, grammar: Grammar) -> bool:
    """Whether "m" after a small number is "million" rather than metres: "1.1m people", "3m homes"."""
    return value < 100 and _counts_things(text, end, grammar)


def _counts_things(text: str, end: int, grammar: Grammar) -> bool:
    """Whether a lower-case plural follows: what a scaled number counts ("3m homes", "5M units")."""
    following = LOWER_WORD.match(text, end + 1 if text[end : end + 1] == " " else end)
    if following is None:
        return False
    word = following.group()
    return word.endswith("s") or word in grammar.lex.group("plurals")


def _weight_context(text: str, match: re.Match[str], end: int, grammar: Grammar) -> bool:
    """Whether a currency name that is a mass unit too is a weight here: a weight word before it
    or "of" after it ("weighs 10 pounds", "10 pounds of flour")."""
    words = LOWER_WORD.findall(text[max(0, match.start() - 40) : match.start()].lower())
    after = LOWER_WORD.findall(text[end : end + 12].lower())[:1]
    return bool(grammar.lex.group("weight_cues").intersection(words)) or after == ["of"]


def _lookup_suffix(spelling: str, grammar: Grammar) -> Suffix | None:
    normal = " ".join(spelling.split())
    return grammar.lex.suffixes.get(normal) or grammar.lowercase_suffixes.get(normal.lower())


def _suffix_placed(
    tail: re.Match[str], text: str, suffix: Suffix, spelling: str, symbol_before: bool, grammar: Grammar
) -> bool:
    """Whether the suffix stands where it can: a bracket before it is closed after it ("20 (kg)"), a
    glued symbol is not followed by "/" ("14.7C/ share": cents), and a currency symbol after an amount
    that has one before is the next amount's ("$ 20 $ 30")."""
    gap, end = (tail.group("suffix_gap") or "").strip(), tail.end()
    if gap and gap[-1] in "([{<" and not tail.group("close"):
        return False
    if spelling in grammar.lex.tight_units and text[end : end + 1] == "/":
        return False
    return not (suffix.kind is FigureKind.MONEY and not spelling[0].isalpha() and symbol_before)


def _suffix_fits(spelling: str, tail: re.Match[str], digits: bool, value: float, grammar: Grammar) -> bool:
    """Whether a suffix really belongs to the number (tight symbols glued on, weak words after digits)."""
    lex = grammar.lex
    normal = " ".join(spelling.split())
    gap = tail.group("suffix_gap") or ""
    if normal in lex.tight_units and (gap or tail.group("multiplier")):
        return False
    if " of " in f" {gap.lower()} " and value >= 1:
        return False  # "of a" only joins fractions to units: "a quarter of a percentage point"
    if normal.lower() in lex.wordy_units and not digits:
        return False
    if normal.lower() in lex.glued_money_words and gap:
        return False
    threshold = lex.weak_currency_words.get(normal.lower())
    return threshold is None or value >= threshold


def number_value(text: str, grammar: Grammar) -> float | None:
    """The value of a number written alone ("1,200", "two-thirds", "3 1/2"); None when it is not one."""
    found = find_atoms(text, grammar)
    whole = len(found) == 1 and found[0].start == 0 and found[0].end == len(text)
    return found[0].value if whole else None
