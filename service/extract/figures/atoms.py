"""Atoms: the numbers the grammar matches, read into values with their currency and suffix."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsx.service.domain import FigureKind
from newsx.service.extract.figures.grammar import Grammar
from newsx.service.extract.figures.lexicon import ARTICLE_DOLLAR, Suffix
from newsx.service.extract.figures.values import parse_number

LOWER_WORD = re.compile(r"[a-z]+")


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
    """Every number atom in the text, left to right, outside phone numbers."""
    phones = [m.span() for m in grammar.phone.finditer(text)]
    atoms = []
    for match in grammar.atom.finditer(text):
        if any(start <= match.start() < end for start, end in phones):
            continue
        atom = read_atom(match, text, grammar)
        if atom is not None:
            atoms.append(atom)
    return atoms


def read_atom(match: re.Match[str], text: str, grammar: Grammar) -> Atom | None:
    """Interpret one atom match; None when it is no number (letters glued on, bad fraction ...)."""
    lex = grammar.lex
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
    value = parse_number(raw, grammar)
    if value is None:
        return None
    symbol = (match.group("symbol") or "").strip()
    if symbol and symbol in lex.tight_symbols and match.group("symbol") != symbol:
        return None
    currency = ARTICLE_DOLLAR if symbol == "$" else lex.currency_symbols.get(symbol, "")
    multiplier = match.group("multiplier") or ""
    suffix_text = match.group("suffix") or ""
    suffix = _lookup_suffix(suffix_text, grammar) if suffix_text else None
    unit = lex.shadowed_units.get(suffix_text.lower())
    if unit is not None and not multiplier and _weight_context(text, match, grammar):
        suffix = unit  # "weighs 10 pounds": the unit a currency name shadows
    if not suffix_text and lex.fractions.get(raw.lower().split()[0]) == 2 and len(raw.split()) == 2:
        return None  # "half a day": no unit after "half a"
    digits = raw[0].isdigit() or raw[0] in "." + grammar.fraction_marks
    if multiplier:
        key = multiplier.lower()
        if multiplier in ("M", "B") and not suffix and not currency:
            if not _counts_things(text, end, grammar):
                return None  # "3M", "4B Baker Street": names and labels (metres are a lower-case "m")
            # "5M people", "2B users": capitals before what they count are million and billion
        elif key in lex.currency_only_multipliers and not currency and not (suffix and suffix.kind is FigureKind.MONEY):
            if key != "m" or suffix:
                return None
            if not _counts_millions(text, end, value, grammar):
                suffix = lex.suffixes["m"]  # "100m", "5 m": metres
                multiplier = ""
    scale = lex.multipliers[multiplier.lower()] if multiplier else 1.0
    value *= scale
    if suffix is not None:
        if not _suffix_fits(suffix_text, match, digits, value, grammar):
            suffix, end = None, match.start("suffix_gap") if match.group("suffix_gap") else match.start("suffix")
            if end < len(text) and text[end].isalnum():
                return None
        else:
            value *= suffix.factor
            if suffix.kind is FigureKind.MONEY and currency in ("", ARTICLE_DOLLAR):
                currency = suffix.currency or ARTICLE_DOLLAR  # "$5 Australian dollars", "50 cents"
    if match.group("sign"):
        value = -value
    return Atom(start, end, match.start("number"), match.end("number"), value, digits, suffix, currency, scale, raw)


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


def _weight_context(text: str, match: re.Match[str], grammar: Grammar) -> bool:
    """Whether a currency name that is a mass unit too is a weight here: a weight word before it
    or "of" after it ("weighs 10 pounds", "10 pounds of flour")."""
    words = LOWER_WORD.findall(text[max(0, match.start() - 40) : match.start()].lower())
    after = LOWER_WORD.findall(text[match.end() : match.end() + 12].lower())[:1]
    return bool(grammar.lex.group("weight_cues").intersection(words)) or after == ["of"]


def _lookup_suffix(spelling: str, grammar: Grammar) -> Suffix | None:
    normal = " ".join(spelling.split())
    return grammar.lex.suffixes.get(normal) or grammar.lowercase_suffixes.get(normal.lower())


def _suffix_fits(spelling: str, match: re.Match[str], digits: bool, value: float, grammar: Grammar) -> bool:
    """Whether a suffix really belongs to the number (tight symbols glued on, weak words after digits)."""
    lex = grammar.lex
    normal = " ".join(spelling.split())
    gap = match.group("suffix_gap") or ""
    if normal in lex.tight_units and (gap or match.group("multiplier")):
        return False
    if " of " in f" {gap.lower()} " and value >= 1:
        return False  # "of a" only joins fractions to units: "a quarter of a percentage point"
    if normal.lower() in lex.wordy_units and not digits:
        return False
    if normal.lower() in lex.glued_money_words and gap:
        return False
    threshold = lex.weak_currency_words.get(normal.lower())
    return threshold is None or value >= threshold
