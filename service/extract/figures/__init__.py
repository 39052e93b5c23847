"""Figures: counts, money, percentages, quantities and ranked ordinals; component ``newsx_figures_v1``.

A regular grammar run once over the text finds number "atoms" (an optional sign and currency symbol,
a number in digits, words or fractions, an optional multiplier such as "bn", and an optional
suffix: percent sign, currency name or unit). Pure helpers then join atoms into ranges, attach
comparator words, drop numbers that are no figures, and read the subject from the parse.

Decisions (general rules, documented here because callers rely on them):
- Values: PERCENT in percentage points ("40%" -> 40, "50 basis points" -> 0.5); MONEY in the
  currency's major unit ("50 cents" -> 0.5); QUANTITY in the unit as written (no conversion).
- Currency: ISO 4217. A bare "$" or "dollars" is USD unless the article explicitly names exactly
  one other dollar ("Australian dollars", "A$", "HK$" ...), which it then means. "pounds" is GBP
  unless a weight cue ("weighs", "of" after it ...) makes it the mass unit.
- Durations ("a 90-minute match", "three years") are time expressions of ``newsx.times.v1``, never
  figures; any number inside a time expression (years, days, clock times) is skipped.
- Not figures: numbers inside names (entity spans; "G7", "COVID-19", "Boeing 737"), labels after a
  label word or a capitalised word ("Section 3", "Source 2", "Apollo 11"), list labels ("1."),
  phone numbers, numbers with leading zeros, sports scores and other "a-b" pairs whose first number
  is not the smaller ("won 3-1", "a 20-15 vote"), fractions that look like dates ("9/11", "24/7").
- ORDINAL only when it ranks something measurable: followed by a ranking word ("third-largest",
  "5th place", "second most populous") or after a ranking verb ("finished third"). Plain "the first
  meeting" is no figure.
- A bare word "one" counts only as a number modifier ("one soldier"), not as a pronoun ("one of").
- "a third" without "of" is a share only after "by" or a comparator ("fell by a third", "nearly a
  quarter") or as a subject ("a fifth said"); otherwise it is an ordinal whose noun is left out
  ("added a third late on"). "two and a half" is 2.5, "seven point five" 7.5, "8 dollars and 50
  cents" 8.5, "12 500" 12,500; a capital "M" or "B" is million or billion ("5M units"), a
  lower-case "m" after a bare number metres.
- A bare scaled number compared with a scaled figure takes its meaning ("8.1 billion euros from
  8.6 billion": both EUR). "from X to Y", "rose X to Y" and "raised ... by X to Y" are two figures,
  not a range ("grow by 2 to 3 percent" is one); a range
  needs its first value below the second and one meaning ("3% to $88.40" is no range).
- Rows of three or more bare numbers on one line are table cells, not figures.
- ``subject``: surface form as written (plural kept) of the noun the figure counts or measures,
  with its compound modifiers ("death toll"): the noun the number modifies, else the object of
  "of" after it, else the subject of the verb it completes ("the death toll rose to 45").
- Spans cover comparator words, currency, number(s) and unit ("approximately 200", "$3.5bn",
  "between 20 and 30 per cent"), never the counted noun.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy
import pycountry
from babel import Locale
from babel.numbers import get_currency_name
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, SpanGroup
from spacy.tokens import Span as SpacySpan
from text_to_num import text2num

from newsx.service.domain import Comparator, Figure, FigureKind, Span
from newsx.service.extract import document
from newsx.service.extract.document import doc_text, in_title, sentence_index
from newsx.service.extract.figures import resources as res

SPAN_GROUP = "newsx_figures"
# Currency of a bare "$", "dollars" or "cents" until the article's dollar is known.
AMBIGUOUS_DOLLAR = "$"
# spaCy forbids "." in factory names, so the brief's "newsx.figures.v1" is spelt with underscores.
FACTORY_NAME = "newsx_figures_v1"


# --------------------------------------------------------------------------------------------
# Tables built once from the resources and CLDR (babel) / ISO 4217 (pycountry)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Suffix:
    """What a word after a number means: a kind, a unit or currency, and a factor to the base unit."""

    kind: FigureKind
    unit: str = ""
    currency: str = ""
    factor: float = 1.0


@functools.cache
def currency_tables() -> tuple[dict[str, str], dict[str, str]]:
    """(currency names -> ISO code, symbols written before numbers -> ISO code)."""
    codes = {c.alpha_3 for c in pycountry.currencies if not c.alpha_3.startswith("X")}
    english = Locale("en")
    names: dict[str, str] = {}
    symbols: dict[str, str] = {}
    for code in codes:
        for name in (english.currencies.get(code, ""), get_currency_name(code, count=2, locale="en")):
            if " " in name:  # qualified names only: bare words such as "Sol" or "Real" are ordinary words
                names[name.lower()] = code
        symbol = english.currency_symbols.get(code, code)
        if symbol != code and not symbol.isalpha():
            symbols[symbol] = code
    names.update(res.CURRENCY_WORDS)
    symbols.update(res.CURRENCY_SYMBOLS)
    symbols.update({code: code for code in res.COMMON_CURRENCY_CODES})
    return names, symbols


@functools.cache
def suffix_table() -> dict[str, Suffix]:
    """Every spelling that may follow a number, mapped to its meaning (keys as in the resources)."""
    table: dict[str, Suffix] = {}
    for spelling, (unit, factor) in res.PERCENT_WORDS.items():
        table[spelling] = Suffix(FigureKind.PERCENT, unit=unit, factor=factor)
    for canonical, spellings in res.LENGTH_UNITS.items():
        for spelling in spellings:
            table[spelling] = Suffix(FigureKind.QUANTITY, unit=canonical)
            if not spelling.endswith((".", "″", "′")):
                for prefix in ("square ", "sq ", "sq. "):
                    table[prefix + spelling] = Suffix(FigureKind.QUANTITY, unit="square " + canonical)
                for prefix in ("cubic ", "cu "):
                    table[prefix + spelling] = Suffix(FigureKind.QUANTITY, unit="cubic " + canonical)
        symbol = spellings[0]
        for mark in res.AREA_SYMBOL_SUFFIXES:
            table[symbol + mark] = Suffix(FigureKind.QUANTITY, unit="square " + canonical)
        for mark in res.VOLUME_SYMBOL_SUFFIXES:
            table[symbol + mark] = Suffix(FigureKind.QUANTITY, unit="cubic " + canonical)
    for canonical, (_dimension, spellings) in res.OTHER_UNITS.items():
        for spelling in spellings:
            table[spelling] = Suffix(FigureKind.QUANTITY, unit=canonical)
    names, _symbols = currency_tables()
    for name, code in names.items():
        table[name] = Suffix(FigureKind.MONEY, currency=code)
    for word, (code, factor) in res.MINOR_CURRENCY_WORDS.items():
        table[word] = Suffix(FigureKind.MONEY, currency=code, factor=factor)
    symbols = currency_tables()[1]
    for spelling in (*res.COMMON_CURRENCY_CODES, *res.TRAILING_CURRENCY_SYMBOLS):  # "5 USD", "20€"
        table.setdefault(spelling, Suffix(FigureKind.MONEY, currency=symbols[spelling]))
    return table


def _case_sensitive(spelling: str) -> bool:
    """Short symbols keep their case ("m" metre vs "M" million, "MB" vs "Mb"); words do not."""
    return len(spelling) <= 3


def _alternation(spellings, keep_case: bool = True) -> str:
    """A regex alternation of spellings, longest first, spaces matching any whitespace."""
    parts = []
    for spelling in sorted(set(spellings), key=len, reverse=True):
        pattern = re.escape(spelling).replace(r"\ ", r"\s+")
        parts.append(f"(?-i:{pattern})" if keep_case and _case_sensitive(spelling) else pattern)
    return "|".join(parts)


# --------------------------------------------------------------------------------------------
# The atom grammar
# --------------------------------------------------------------------------------------------

_SMALL = "|".join(res.SMALL_NUMBERS)
_TENS = "|".join(res.TENS)
_DIGIT_WORDS = "|".join(res.SMALL_NUMBERS[1:10])
_WORD_UNIT = rf"(?:(?:{_TENS})(?:[-\s](?:{_DIGIT_WORDS}))?|(?:{_SMALL}))"
_SCALES = "hundred|thousand|million|billion|trillion|dozen"
_FRACTION_NAMES = "|".join(sorted(res.FRACTION_WORDS, key=len, reverse=True))
# "3 and a quarter", "1 and 1/2": a whole number in digits and a fraction.
MIXED_NUMBER = r"\d+\s+and\s+(?:(?i:an?\s+(?:half|quarter|third))\b|\d+/\d+(?![\d/]))"
# After a number in words: "two and a half", or decimals read aloud ("seven point five").
_DECIMAL_WORDS = "zero|oh|" + "|".join(res.SMALL_NUMBERS[1:10])
_WORD_TAIL = rf"(?:\s+and\s+an?\s+(?:half|quarter|third)\b|\s+point(?:\s+(?:{_DECIMAL_WORDS})\b)+)?"
# "a dollar", "a pound of flour": the article as one unit of money or weight.
_ONE_UNIT = (
    r"(?i:\ban?(?=\s+(?:dollar|euro|pound|yen|rupee|franc|cent|penny)\b"
    r"(?!\s+(?:zone|store|shop|sign|bill|coin|note|value|amount|figure|index|market|rate|strength)\b)))"
)
WORD_NUMBER = (
    rf"{_ONE_UNIT}|(?i:\bhalf\s+an?\s+(?:{_SCALES})\b|\bhalf\s+an?(?=\s)"
    rf"|\b(?:{_SMALL})[\s-](?:{_FRACTION_NAMES})\b|\ban?\s(?:{_FRACTION_NAMES})\b(?![-\u2013])"
    rf"|\ban?\s+(?:{_SCALES})(?:[\s-]+(?:and\s+)?(?:{_WORD_UNIT}|{_SCALES})\b)*"
    rf"|\b{_WORD_UNIT}(?:[\s-]+(?:and\s+)?(?:{_WORD_UNIT}|{_SCALES})\b)*\b{_WORD_TAIL})"
)
DIGIT_NUMBER = (
    r"\d+\s\d+/\d+(?!\d)|\d+/\d+(?![\d/])|(?:\d+\s?)?[½⅓⅔¼¾⅕⅛]"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)"
    r"|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d,.]?\d)"  # "12 500": spaces between thousands
    r"|\d+(?:\.\d+)?|\.\d+"
)
_MULTIPLIERS = _alternation(res.MULTIPLIERS, keep_case=False)


@functools.cache
def atom_pattern() -> re.Pattern:
    """One number with its sign, currency symbol, multiplier and suffix (percent, currency, unit)."""
    suffixes = _alternation(suffix_table())
    symbols = _alternation(currency_tables()[1])
    return re.compile(
        rf"(?<![A-Za-z0-9_])(?P<sign>(?<![\w.])[-−](?=[\d.$€£¥₹])|(?i:minus|negative)\s+)?"
        rf"(?P<symbol>(?:{symbols})\s?)?"
        rf"(?P<number>{MIXED_NUMBER}|{DIGIT_NUMBER}|{WORD_NUMBER})"
        rf"(?:(?P<multiplier_gap>\s|-)?(?P<multiplier>(?i:{_MULTIPLIERS}))(?![A-Za-z0-9/]))?"
        rf"(?:(?P<suffix_gap>\s|-|\s-\s|\s+of\s+an?\s+)?(?P<suffix>(?i:{suffixes}))(?![A-Za-z0-9²³]))?"
    )


_COMPARATOR_BEFORE = re.compile(
    rf"(?i:(?<![\w])(?P<word>{_alternation(res.COMPARATORS, keep_case=False)}|{'|'.join(res.RANGE_OPENERS)}))\s*$"
)
_TRAILING = re.compile(
    r"(?i:\s*(?P<word>\+)|-plus\b|\s+(?:plus|or\s+more|or\s+above|and\s+above|or\s+less|or\s+fewer|or\s+so)\b)"
)
_RANGE_JOIN = re.compile(r"(?i:\s*[-–—]\s*|\s+(?:to|and|or)\s+)")
_PHONE = re.compile(
    r"(?<![\w])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?)?\d{2,4}(?:[.-]\d{2,4}){2,}(?![\w])|\+\d[\d\s-]{7,}\d|\b\d{3}-\d{4}\b"
    r"|(?<![\w])0\d{1,4}(?:\s\d{3,4}){2}(?![\w])"  # a trunk prefix and two groups: "020 7946 0958"
)
_AND = re.compile(r",?\s+and\s+")  # between the parts of one amount: "two and a half", "8 dollars and 50 cents"
_POINT_WORD = re.compile(r"\s+point\s+")
_DIGIT_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$", re.IGNORECASE)
_ORDINAL_WORD_IDS = numpy.array([get_string_id(word) for word in res.ORDINAL_WORDS], dtype=numpy.uint64)
_DIGIT_ORDINAL_IN_TEXT = re.compile(r"(?<![\w])\d+(?:st|nd|rd|th)(?![\w])", re.IGNORECASE)
_WORD_SPLIT = re.compile(r"[\s-]+")
_LOWER_WORD = re.compile(r"[a-z]+")
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z&.'-]*")
_UNIT_BEFORE = re.compile(rf"(?i:\b(?P<unit>{'|'.join(res.PREFIX_UNITS)})[\s-]*)$")


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


# --------------------------------------------------------------------------------------------
# Values (pure)
# --------------------------------------------------------------------------------------------


def parse_number(text: str) -> float | None:
    """Value of a number in digits, fractions or English words ("1,200", "3 1/2", "two-thirds")."""
    text = text.strip()
    if not text:
        return None
    joined = _AND.split(text.lower(), maxsplit=1)
    if len(joined) == 2 and (joined[1].startswith(("a ", "an ")) or "/" in joined[1]):  # "two and a half", "1 and 1/2"
        base, part = parse_number(joined[0]), parse_number(" ".join(joined[1].split()))
        return None if base is None or part is None else base + part
    spoken = _POINT_WORD.split(text.lower(), maxsplit=1)
    if len(spoken) == 2:  # "seven point five"
        base = parse_number_words(spoken[0])
        digits = "".join("0" if word == "oh" else str(res.SMALL_NUMBERS.index(word)) for word in spoken[1].split())
        return None if base is None else base + float("0." + digits)
    if text[-1] in res.UNICODE_FRACTIONS:
        whole = text[:-1].strip()
        return (float(whole) if whole else 0.0) + res.UNICODE_FRACTIONS[text[-1]]
    if "/" in text:
        whole, _, fraction = text.rpartition(" ")
        numerator, _, denominator = fraction.partition("/")
        top, bottom = int(numerator), int(denominator)
        if top >= bottom or bottom not in res.FRACTION_DENOMINATORS:
            return None  # "24/7", "9/11", "3/2022": not fractions
        return (float(whole) if whole else 0.0) + top / bottom
    if text[0].isdigit() or text[0] == ".":
        return float("".join(ch for ch in text if ch.isdigit() or ch == "."))
    return parse_number_words(text)


def parse_number_words(text: str) -> float | None:
    """English number words, with "a dozen", "half a million" and fractions ("a third", "two-thirds")."""
    words = _WORD_SPLIT.split(text.lower())
    if words[0] == "half" and len(words) == 2:
        return 0.5  # "half a" before a unit: "half a litre"
    if words[0] == "half" and len(words) == 3:
        return 0.5 * (12.0 if words[2] == "dozen" else res.SCALE_WORDS[words[2]])
    if len(words) == 2 and words[1] in res.FRACTION_WORDS:
        numerator = 1.0 if words[0] in ("a", "an") else parse_number_words(words[0])
        return None if numerator is None else numerator / res.FRACTION_WORDS[words[1]]
    if words[0] in ("a", "an"):
        words[0] = "one"
    dozens = 1.0
    if "dozen" in words:
        position = words.index("dozen")
        if position != len(words) - 1:
            return None
        words, dozens = words[:position], 12.0
    if not words:
        return dozens
    try:
        return float(text2num(" ".join(words), "en")) * dozens
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------
# Finding atoms and joining them into figures (pure, on text)
# --------------------------------------------------------------------------------------------


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


def read_atom(match: re.Match, text: str) -> Atom | None:
    """Interpret one atom match; None when it is no number (letters glued on, bad fraction ...)."""
    start, end = match.span()
    before = text[start - 1] if start else " "
    if before.isalnum() or before in "_#@/\\:." or (before in "-–" and start > 1 and text[start - 2].isalpha()):
        return None
    if end < len(text) and (
        text[end].isalnum() or (text[end] in ":/" and end + 1 < len(text) and text[end + 1].isdigit())
    ):
        return None
    if end + 1 < len(text) and text[end] in ".," and text[end + 1].isdigit():
        return None  # "1.2.3", "10,00": identifiers or foreign formats
    raw = match.group("number")
    if raw[0] == "0" and len(raw) > 1 and raw[1].isdigit():
        return None  # "007", "01": codes
    value = parse_number(raw)
    if value is None:
        return None
    symbol = (match.group("symbol") or "").strip()
    if symbol and symbol in res.TIGHT_SYMBOLS and match.group("symbol") != symbol:
        return None
    _names, symbols = currency_tables()
    currency = AMBIGUOUS_DOLLAR if symbol == "$" else symbols.get(symbol, "")
    multiplier = match.group("multiplier") or ""
    suffix_text = match.group("suffix") or ""
    suffix = _lookup_suffix(suffix_text) if suffix_text else None
    if suffix_text.lower() in ("pound", "pounds") and not multiplier and _weight_context(text, match):
        suffix = Suffix(FigureKind.QUANTITY, unit="pound")
    if not suffix_text and raw.lower().startswith("half") and len(raw.split()) == 2:
        return None  # "half a day": no unit after "half a"
    digits = raw[0].isdigit() or raw[0] in ".½⅓⅔¼¾⅕⅛"
    if multiplier:
        key = multiplier.lower()
        if multiplier in ("M", "B") and not suffix and not currency:
            if not _counts_things(text, end):
                return None  # "3M", "4B Baker Street": names and labels (metres are a lower-case "m")
            # "5M people", "2B users": capitals before what they count are million and billion
        elif key in res.CURRENCY_ONLY_MULTIPLIERS and not currency and not (suffix and suffix.kind is FigureKind.MONEY):
            if key != "m" or suffix:
                return None
            if not _counts_millions(text, end, value):
                suffix = Suffix(FigureKind.QUANTITY, unit="meter")  # "100m", "5 m": metres
                multiplier = ""
    scale = res.MULTIPLIERS[multiplier.lower()] if multiplier else 1.0
    value *= scale
    if suffix is not None:
        if not _suffix_fits(suffix_text, match, digits, value):
            suffix, end = None, match.start("suffix_gap") if match.group("suffix_gap") else match.start("suffix")
            if end < len(text) and text[end].isalnum():
                return None
        else:
            value *= suffix.factor
            if suffix.kind is FigureKind.MONEY and currency in ("", AMBIGUOUS_DOLLAR):
                currency = suffix.currency or AMBIGUOUS_DOLLAR  # "$5 Australian dollars", "50 cents"
    if match.group("sign"):
        value = -value
    return Atom(start, end, match.start("number"), match.end("number"), value, digits, suffix, currency, scale, raw)


def _counts_millions(text: str, end: int, value: float) -> bool:
    """Whether "m" after a small number is "million" rather than metres: "1.1m people", "3m homes"."""
    return value < 100 and _counts_things(text, end)


def _counts_things(text: str, end: int) -> bool:
    """Whether a lower-case plural follows: what a scaled number counts ("3m homes", "5M units")."""
    following = _LOWER_WORD.match(text, end + 1 if text[end : end + 1] == " " else end)
    if following is None:
        return False
    word = following.group()
    return word.endswith("s") or word in res.IRREGULAR_PLURALS


def _weight_context(text: str, match: re.Match) -> bool:
    """Whether "pounds" after this number is a weight: a weight word before it or "of" after it."""
    words = _LOWER_WORD.findall(text[max(0, match.start() - 40) : match.start()].lower())
    after = _LOWER_WORD.findall(text[match.end() : match.end() + 12].lower())[:1]
    return bool(res.WEIGHT_CUES.intersection(words)) or after == ["of"]


@functools.cache
def _lowercase_suffixes() -> dict[str, Suffix]:
    """Suffixes by lower-cased spelling, for words matched without regard to case ("degrees fahrenheit")."""
    table: dict[str, Suffix] = {}
    for spelling, suffix in suffix_table().items():
        table.setdefault(spelling.lower(), suffix)
    return table


def _lookup_suffix(spelling: str) -> Suffix | None:
    normal = " ".join(spelling.split())
    return suffix_table().get(normal) or _lowercase_suffixes().get(normal.lower())


def _suffix_fits(spelling: str, match: re.Match, digits: bool, value: float) -> bool:
    """Whether a suffix really belongs to the number (tight symbols glued on, weak words after digits)."""
    normal = " ".join(spelling.split())
    gap = match.group("suffix_gap") or ""
    if normal in res.TIGHT_UNITS and (gap or match.group("multiplier")):
        return False
    if " of " in f" {gap.lower()} " and value >= 1:
        return False  # "of a" only joins fractions to units: "a quarter of a percentage point"
    if normal.lower() in res.WORDY_UNITS and not digits:
        return False
    threshold = res.WEAK_CURRENCY_WORDS.get(normal.lower())
    if threshold is not None and (value < threshold or (normal.lower() in ("p",) and gap)):
        return False
    return True


def find_atoms(text: str) -> list[Atom]:
    """Every number atom in the text, left to right, outside phone numbers."""
    phones = [m.span() for m in _PHONE.finditer(text)]
    atoms = []
    for match in atom_pattern().finditer(text):
        if any(start <= match.start() < end for start, end in phones):
            continue
        atom = read_atom(match, text)
        if atom is not None:
            atoms.append(atom)
    return atoms


def join_figures(text: str, atoms: list[Atom], dollar: str = "USD") -> list[Candidate]:
    """Join atoms into ranges, attach comparators before and after, and classify each figure."""
    candidates: list[Candidate] = []
    cells = _table_cells(text, atoms)
    atoms = _join_minor_units(text, [atom for atom in atoms if id(atom) not in cells])
    index = 0
    while index < len(atoms):
        first = atoms[index]
        group = [first]
        index += 1
        opener = _COMPARATOR_BEFORE.search(text, max(0, first.start - 30), first.start)
        opener_word = opener.group("word").lower() if opener else ""
        if index < len(atoms):
            join = _RANGE_JOIN.fullmatch(text, first.end, atoms[index].start)
            if join and join.group().strip() in "-–—" and is_score(text, first, atoms[index]):
                index += 1
                continue  # a score or vote tally: "won 3-1", "a 20-15 vote"
            words_before = _LOWER_WORD.findall(text[max(0, first.start - 50) : first.start].lower())[-6:]
            # A change ("rose 5% to 7%"), or "raised ... by 3 cents to 41 cents" (the change, then the
            # new level): two figures, not a range; "grow by 2 to 3 percent" stays a range.
            changed = bool(res.CHANGE_WORDS.intersection(words_before[-3:])) or (
                words_before[-1:] == ["by"] and bool(res.CHANGE_WORDS.intersection(words_before))
            )
            if join and _is_range(first, atoms[index], join.group().strip().lower(), opener_word, changed):
                group.append(atoms[index])
                index += 1
        candidate = _classify(group, dollar)
        unit_before = _UNIT_BEFORE.search(text, max(0, first.start - 15), first.start)
        if unit_before and candidate.kind is FigureKind.COUNT:
            candidate.kind, candidate.unit = FigureKind.QUANTITY, res.PREFIX_UNITS[unit_before.group("unit").lower()]
            candidate.start = unit_before.start()
        if opener:
            candidate.start = opener.start("word")
            if opener_word not in res.RANGE_OPENERS:
                candidate.comparator = res.COMPARATORS[" ".join(opener_word.split())]
            elif len(group) == 1:
                candidate.start = first.start
        trailing = _TRAILING.match(text, candidate.end)
        if trailing and candidate.value_max is None:
            word = " ".join(trailing.group().lower().replace("-", " ").split())
            candidate.comparator = res.TRAILING_COMPARATORS[word]
            candidate.end = trailing.end()
        candidates.append(candidate)
    _inherit_meaning(text, candidates)
    return candidates


def _join_minor_units(text: str, atoms: list[Atom]) -> list[Atom]:
    """One amount from a major and a minor unit: "8 dollars and 50 cents" -> 8.5, "£3 and 20p"."""
    joined: list[Atom] = []
    for atom in atoms:
        last = joined[-1] if joined else None
        minor = atom.suffix is not None and atom.suffix.kind is FigureKind.MONEY and atom.suffix.factor < 1
        major = last is not None and (last.currency or (last.suffix and last.suffix.kind is FigureKind.MONEY))
        if (
            minor
            and major
            and last.multiplier == 1.0
            and not (last.suffix and last.suffix.factor < 1)
            and atom.value < 1
            and _AND.fullmatch(text, last.end, atom.start)
        ):
            joined[-1] = Atom(
                last.start,
                atom.end,
                last.number_start,
                atom.number_end,
                last.value + atom.value,
                last.digits,
                last.suffix,
                last.currency,
                last.multiplier,
                text[last.number_start : atom.number_end],
            )
        else:
            joined.append(atom)
    return joined


_COMPARISON_JOIN = re.compile(r"(?i:\s*,?\s+(?:up\s+|down\s+)?(?:from|to|compared\s+with|against|versus|vs\.?)\s+)")


def _inherit_meaning(text: str, candidates: list[Candidate]) -> None:
    """A bare scaled number compared with a scaled figure means the same: "8.1 billion euros from 8.6
    billion" -> both EUR. Both need a multiplier, so "rose 3% to 4,000" stays two kinds."""
    for before, after in zip(candidates, candidates[1:]):
        if not _COMPARISON_JOIN.fullmatch(text, before.end, after.start):
            continue
        for bare, stated in ((after, before), (before, after)):
            scaled = bare.atoms[0].multiplier != 1.0 and stated.atoms[-1].multiplier != 1.0
            if bare.kind is FigureKind.COUNT and stated.kind is not FigureKind.COUNT and scaled:
                bare.kind, bare.unit, bare.currency = stated.kind, stated.unit, stated.currency


def _table_cells(text: str, atoms: list[Atom]) -> set[int]:
    """Ids of bare numbers in runs of three or more on one line with only spaces between them:
    rows of results tables ("PSV Eindhoven 24 18 4 2 61 19 58")."""
    cells: set[int] = set()
    run: list[Atom] = []
    for atom in atoms + [None]:
        bare = atom is not None and atom.digits and not atom.suffix and not atom.currency
        if bare and run and text[run[-1].end : atom.start].strip(" \t") == "":
            run.append(atom)
            continue
        if len(run) >= 3:
            cells.update(id(cell) for cell in run)
        run = [atom] if bare else []
    return cells


def _is_range(first: Atom, second: Atom, joiner: str, opener: str, changed: bool) -> bool:
    if joiner == "and" and opener != "between":
        return False
    if first.value >= second.value:
        return False
    first_meaning, second_meaning = _meaning(first), _meaning(second)
    if first_meaning and second_meaning and first_meaning != second_meaning:
        return False  # "3% to $88.40", "5 kg to 3 km"
    return not (joiner == "to" and (opener == "from" or changed))  # "rose (from) 5% to 7%": two figures


def _meaning(atom: Atom) -> tuple[FigureKind, str, str] | None:
    """(kind, unit, currency) an atom states by itself, None for a bare number."""
    if atom.currency:
        return FigureKind.MONEY, "", atom.currency
    if atom.suffix:
        return atom.suffix.kind, atom.suffix.unit, ""
    return None


def is_score(text: str, first: Atom, second: Atom) -> bool:
    """A hyphenated pair of bare integers that is a score or tally: the first is not the smaller, or a
    sports word stands near ("won 3-1", "lost 1-2", "a 20-15 vote")."""
    if first.suffix or second.suffix or first.currency or second.currency or not (first.digits and second.digits):
        return False
    if first.value >= second.value:
        return True
    window = _LOWER_WORD.findall(text[max(0, first.start - 40) : second.end + 20].lower())
    return bool(res.SCORE_CUES.intersection(window))


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
    if currency == AMBIGUOUS_DOLLAR:
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


def article_dollar(text: str) -> str:
    """The dollar a bare "$" means: the one non-US dollar the article names explicitly, else USD."""
    lowered = text.lower()
    if "$" not in text and "dollar" not in lowered:
        return "USD"  # no dollar to resolve: skip the name scan
    names, symbols = currency_tables()
    named = set()
    for name, code in names.items():
        if code in res.DOLLAR_CODES and code != "USD" and " " in name and name in lowered:
            named.add(code)
    for symbol, code in symbols.items():
        if code in res.DOLLAR_CODES and code != "USD" and len(symbol) > 1 and symbol.endswith("$") and symbol in text:
            named.add(code)
    return named.pop() if len(named) == 1 else "USD"


# --------------------------------------------------------------------------------------------
# Token checks and subjects (on the parsed Doc)
# --------------------------------------------------------------------------------------------


def _record_tokens(doc: Doc, places: Iterable[Span]) -> set[int]:
    """Token indices inside the spans of an earlier component's records (entity mentions, times)."""
    spans = (document.token_span(doc, place) for place in places)
    return {i for span in spans if span is not None for i in range(span.start, span.end)}


def _model_tokens(doc: Doc, labels: frozenset[str], needs_word: frozenset[str] = frozenset()) -> set[int]:
    """Without the newsx component: token indices inside spaCy entities of ``labels`` that hold one
    of ``needs_word`` or a year when such words are given (spaCy tags "Between 20 and 30" or "A
    quarter" DATE)."""
    spans = [ent for ent in doc.ents if ent.label_ in labels]
    if needs_word:
        spans = [ent for ent in spans if any(_is_time_token(t, needs_word) for t in ent)]
    return {i for span in spans for i in range(span.start, span.end)}


def _is_time_token(token, words: frozenset[str]) -> bool:
    return token.lower_ in words or ":" in token.text or (token.text.isdigit() and len(token.text) == 4)


def is_not_a_figure(doc: Doc, candidate: Candidate, times: set[int], names: set[int]) -> bool:
    """Whether a candidate is part of a time, a name, a label, a list label or a year."""
    number = doc.char_span(candidate.number_start, candidate.number_end, alignment_mode="expand")
    if number is None or len(number) == 0:
        return True
    tokens = range(number.start, number.end)
    bare = candidate.kind is FigureKind.COUNT
    if any(i in times for i in tokens) and candidate.kind is FigureKind.COUNT:
        return True
    if any(i in names for i in tokens) and candidate.kind in (FigureKind.COUNT, FigureKind.QUANTITY):
        return True
    if not bare or candidate.comparator is not Comparator.EXACT or candidate.value_max is not None:
        return False
    first = candidate.atoms[0]
    whole = doc.char_span(candidate.start, candidate.number_end, alignment_mode="expand")
    start = whole.start if whole is not None else number.start
    previous = doc[start - 1] if start > 0 else None  # before a sign word: "Minus 40" is no label
    following = doc[number.end] if number.end < len(doc) else None
    if previous is not None and previous.text == "." and start > 1:
        previous = doc[start - 2] if doc[start - 2].lower_ in res.LABEL_WORDS else previous
    if previous is not None and _is_label_word(doc, previous, following):
        return True
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, candidate.start) + 1
    if (
        text[line_start : candidate.start].strip(" \t•*-(") == ""
        and text[candidate.end : candidate.end + 1] in (".", ")")
        and first.digits
    ):
        return True  # list labels: "1. ...", "(2) ..."
    if first.digits and first.raw.isdigit() and len(first.raw) == 4 and 1000 <= first.value < 2200:
        if previous is not None and previous.lower_ in res.YEAR_PREPOSITIONS:
            return True
    if not first.digits and candidate.value == 1 and number.root.dep_ != "nummod":
        return True  # "one of them", "no one"
    if _LONE_FRACTION.fullmatch(first.raw) and not _fraction_reading(doc, number, previous, following):
        return True  # "added a third late on": an ordinal whose noun is left out
    return False


_LONE_FRACTION = re.compile(rf"(?i:an?\s+(?:{_FRACTION_NAMES}))")


def _fraction_reading(doc: Doc, number, previous, following) -> bool:
    """Whether "a third" without "of" is a share: after "by" or a comparator ("fell by a third",
    "nearly a quarter") or as the subject of a verb ("a fifth said")."""
    if following is not None and following.lower_ == "of":
        return True
    if previous is not None and (previous.lower_ in ("by", "than") or previous.lower_ in res.COMPARATORS):
        return True
    before = doc[max(0, number.start - 3) : number.start].text.lower()
    if any(before.endswith(phrase) for phrase in res.COMPARATORS if " " in phrase):
        return True
    return following is not None and following.pos_ in ("VERB", "AUX") and number.root.dep_ in ("nsubj", "nsubjpass")


def _is_label_word(doc: Doc, previous, following) -> bool:
    if previous.lower_ in res.LABEL_WORDS or previous.text == "#":
        return True
    if (
        not (previous.text[0].isupper() and _NAME_WORD.fullmatch(previous.text))
        or previous.is_stop
        or previous.pos_ == "VERB"
    ):
        return False
    if previous.lower_ in res.COMPARATORS or previous.lower_ in res.RANGE_OPENERS:
        return False
    if in_title(doc, previous.idx) and following is not None and following.tag_ in ("NNS", "NNPS"):
        return False  # headline case: "Iran Fires 200 Missiles"
    return True


def noun_phrase(token, outside: int = -1) -> str:
    """A noun with the compound modifiers right before it, as written ("death toll"), after ``outside``."""
    start = token.i
    while (
        start - 1 > outside
        and token.doc[start - 1].dep_ == "compound"
        and token.doc[start - 1].head.i in range(start, token.i + 1)
    ):
        start -= 1
    return token.doc[start : token.i + 1].text


def subject_of(span: SpacySpan) -> str:
    """The thing a figure counts or measures, from the dependency parse ("" when none is found)."""
    inside = range(span.start, span.end)
    root = span.root
    head = root.head
    if head.i not in inside and root.dep_ in res.MODIFIER_DEPS and head.pos_ in ("NOUN", "PROPN") and head.is_alpha:
        return noun_phrase(head, span.end - 1)
    for token in span:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i not in inside:
                objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
                if objects:
                    return noun_phrase(objects[0])
    if root.dep_ == "pobj" and head.dep_ == "prep":
        governor = head.head
        if head.lower_ == "of" and governor.pos_ == "NOUN" and governor.i not in inside:
            return noun_phrase(governor)
        head = governor
    elif root.dep_ not in ("dobj", "attr", "npadvmod", "oprd", "nsubj"):
        return ""
    if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in res.MEASURE_VERBS and root.dep_ != "nsubj":
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
        if subjects:
            return noun_phrase(subjects[0])
    return ""


def ranked_ordinals(doc: Doc, times: set[int]) -> list[tuple[SpacySpan, float]]:
    """Ordinals that rank something measurable ("third-largest", "5th place", "finished second")."""
    found = []
    for index in _ordinal_tokens(doc):
        token = doc[index]
        lower = token.lower_
        digit = _DIGIT_ORDINAL.match(lower)
        if token.i in times:
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and following.text in ("-", "–") and token.i + 2 < len(doc):
            following = doc[token.i + 2]
        previous = doc[token.i - 1] if token.i > 0 else None
        ranks = (following is not None and following.lower_ in res.RANKING_WORDS) or (
            previous is not None and previous.lower_ in res.RANKING_VERBS
        )
        if ranks:
            value = float(digit.group(1)) if digit else float(res.ORDINAL_WORDS[lower])
            found.append((doc[token.i : token.i + 1], value))
    return found


def _ordinal_tokens(doc: Doc) -> list[int]:
    """Indices of ordinal words and digit ordinals ("third", "5th"), found with arrays, not a token loop."""
    indices = set(numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), _ORDINAL_WORD_IDS)).tolist())
    text = doc_text(doc)
    for match in _DIGIT_ORDINAL_IN_TEXT.finditer(text):
        span = doc.char_span(match.start(), match.end())
        if span is not None and len(span) == 1:
            indices.add(span.start)
    return sorted(indices)


def _ordinal_subject(span: SpacySpan) -> str:
    token = span.root
    for _ in range(3):
        if token.head.i == token.i:
            return ""
        token = token.head
        if token.pos_ in ("NOUN", "PROPN"):
            return noun_phrase(token)
    return ""


# --------------------------------------------------------------------------------------------
# The whole extraction and the component
# --------------------------------------------------------------------------------------------


def extract_figures(doc: Doc) -> tuple[list[Figure], list[SpacySpan]]:
    """Figures of a parsed Doc in text order, with one spaCy span per figure."""
    text = doc_text(doc)
    state = document.state(doc)
    if state.times is None:
        times = _model_tokens(doc, res.TIME_LABELS, res.TIME_WORDS)
    else:
        times = _record_tokens(doc, (time.span for time in state.times))
    if state.entities is None:
        names = _model_tokens(doc, res.NAME_LABELS)
    else:
        names = _record_tokens(doc, (mention.span for entity in state.entities for mention in entity.mentions))
    found: list[tuple[int, int, SpacySpan, Candidate | None, float]] = []
    for candidate in join_figures(text, find_atoms(text), article_dollar(text)):
        span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
        if span is None or is_not_a_figure(doc, candidate, times, names):
            continue
        found.append((span.start_char, span.end_char, span, candidate, candidate.value))
    taken = {i for _s, _e, span, _c, _v in found for i in range(span.start, span.end)}
    for span, value in ranked_ordinals(doc, times):
        if span.start not in taken:
            found.append((span.start_char, span.end_char, span, None, value))
    found.sort(key=lambda item: item[0])
    figures, spans = [], []
    for number, (start, end, span, candidate, value) in enumerate(found, 1):
        figure_id = f"f{number}"
        if candidate is None:
            figure = Figure(
                id=figure_id,
                kind=FigureKind.ORDINAL,
                text=span.text,
                span=Span(start, end),
                value=value,
                sentence_index=sentence_index(doc, span.start),
                subject=_ordinal_subject(span),
            )
        else:
            figure = Figure(
                id=figure_id,
                kind=candidate.kind,
                text=text[candidate.start : candidate.end],
                span=Span(candidate.start, candidate.end),
                value=value,
                sentence_index=sentence_index(doc, span.start),
                value_max=candidate.value_max,
                comparator=candidate.comparator,
                unit=candidate.unit,
                currency=candidate.currency,
                subject=subject_of(span),
            )
        span.id_ = figure_id
        span.label_ = figure.kind.value
        figures.append(figure)
        spans.append(span)
    return figures, spans


class FigureExtractor:
    """Finds figures and sets ``doc._.newsx_figures`` and ``doc.spans["newsx_figures"]``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        atom_pattern()  # compile the grammar once, at load time

    def __call__(self, doc: Doc) -> Doc:
        figures, spans = extract_figures(doc)
        doc._.newsx_figures = figures
        doc.spans[SPAN_GROUP] = SpanGroup(doc, name=SPAN_GROUP, spans=spans)
        return doc


@Language.factory(FACTORY_NAME, default_config={})
def make_figure_extractor(nlp: Language, name: str) -> FigureExtractor:
    return FigureExtractor(nlp, name)
