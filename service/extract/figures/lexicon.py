"""The figures' language knowledge, read from the YAML tables in ``data/`` (one pydantic row model each).

Every table is a list of rows under a section of a file; every row has an ``id`` and ``examples``: a
sentence and the figures the component must find in it (``tests/test_figures_rules.py`` runs them all).
``Lexicon.load(folder)`` validates every row (errors name the file and the row) and builds the lookup
tables the engine uses; currency names and symbols beyond the tables come from CLDR (babel) and
ISO 4217 (pycountry).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

import pycountry
from babel import Locale
from babel.numbers import get_currency_name
from pydantic import BaseModel, ConfigDict, model_validator

from newsx.service.domain import Comparator, FigureKind
from newsx.service.extract.rules import Example, RuleRow, load_rows

DATA = Path(__file__).resolve().parent / "data"
# Currency of a bare "$", "dollars" or "cents" until the article's dollar is known.
ARTICLE_DOLLAR = "$"


class ExpectedFigure(BaseModel):
    """A figure an example must produce: its text, and any of the fields to check."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    kind: FigureKind | None = None
    value: float | None = None
    value_max: float | None = None
    value_opponent: float | None = None
    comparator: Comparator | None = None
    unit: str | None = None
    currency: str | None = None
    subject: str | None = None


class FigureExample(Example):
    """A sentence and every figure found in it, in order (an empty list: no figure at all)."""

    expect: tuple[ExpectedFigure, ...]


class FigureRow(RuleRow):
    """A row of a figures table: its examples are sentences and the figures found in them."""

    examples: tuple[FigureExample, ...] = ()


class WordsRow(FigureRow):
    """A group of words that play one part (label words, score cues, measure verbs ...)."""

    words: tuple[str, ...]


class CardinalRow(FigureRow):
    """Number words: ``small`` (0-19), ``ten`` (20-90), ``scale`` (hundred ...) or ``group`` (a word
    counting a group, "dozen", that closes a number: "three dozen")."""

    role: Literal["small", "ten", "scale", "group"]
    words: dict[str, float]


class MultiplierRow(FigureRow):
    """Words and letters after a number that multiply it ("3bn", "2 lakh"); ``currency_only``
    spellings multiply only beside a currency ("$5m"; elsewhere "5m" is metres); ``exact`` ones
    only in the case written ("1MM": "mm" is millimetres)."""

    factor: float
    spellings: tuple[str, ...] = ()
    currency_only: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()


class FractionRow(FigureRow):
    """A denominator: its words ("third", "thirds"), its Unicode symbols with their numerators,
    whether "n/d" in digits is a fraction with it, and whether it ends "two and a third"."""

    denominator: int
    words: tuple[str, ...] = ()
    symbols: dict[str, int] = {}
    digits: bool = False
    mixed: bool = False


class OrdinalRow(FigureRow):
    words: dict[str, int]


class UnitRow(FigureRow):
    """A unit (``id`` is its canonical name) and its spellings after a number. ``tight`` spellings
    need the number right before them ("30C"), ``wordy`` ones a number in digits ("2 cups"),
    ``before`` ones are written before the number ("magnitude 7.1"), and ``after_before`` ones name
    the unit after a number only when a unit of the same kind stands before it ("aged 7 months")."""

    kind: FigureKind = FigureKind.QUANTITY
    unit: str | None = None  # the name figures carry, when not the id ("" for plain percentages)
    dimension: str
    factor: float = 1.0
    spellings: tuple[str, ...]
    tight: tuple[str, ...] = ()
    wordy: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    after_before: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _subsets(self) -> UnitRow:
        if self.kind not in (FigureKind.QUANTITY, FigureKind.PERCENT, FigureKind.AGE):
            raise ValueError("a unit's kind is QUANTITY, PERCENT or AGE")
        stray = (set(self.tight) | set(self.wordy)) - set(self.spellings)
        if stray:
            raise ValueError(f"tight or wordy spellings not among the spellings: {sorted(stray)}")
        return self


class CompoundRow(FigureRow):
    """A measure written in two units, the smaller one's share of the larger ("6ft 2in", "7lb 4oz")."""

    major: str
    minor: str
    share: float


class PowerRow(FigureRow):
    """Square or cubic units built from the length units: word prefixes and marks after a symbol."""

    prefixes: tuple[str, ...]
    marks: tuple[str, ...]


class CurrencyRow(FigureRow):
    """A currency (``code``: ISO 4217, or "$" for the dollar the article means) and how news writes
    it: names after a number, symbols before it (``tight_symbols`` glued to the digits), whether
    the code itself is written (``word_code``: only in capitals, the code being a word too: "TRY"),
    and ``weak`` names that are ordinary words too and count only after a number of this size."""

    code: str
    words: tuple[str, ...] = ()
    symbols: tuple[str, ...] = ()
    tight_symbols: tuple[str, ...] = ()
    written_code: bool = False
    word_code: bool = False
    weak: dict[str, float] = {}


class MinorUnitRow(FigureRow):
    """A minor unit of money and its share of the major unit (code "" is the article's dollar);
    ``glued`` words count only right after the digits ("245p")."""

    code: str
    factor: float
    words: tuple[str, ...]
    glued: tuple[str, ...] = ()


class ComparatorRow(FigureRow):
    """Phrases right before (``before``) or after (``after``) a number that bound it."""

    comparator: Comparator
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


Row = TypeVar("Row", bound=FigureRow)

# (file, section) -> row model: every table of the package, in the order the engine reads them.
TABLES: dict[tuple[str, str], type[FigureRow]] = {
    ("numbers.yaml", "cardinals"): CardinalRow,
    ("numbers.yaml", "multipliers"): MultiplierRow,
    ("numbers.yaml", "fractions"): FractionRow,
    ("numbers.yaml", "ordinals"): OrdinalRow,
    ("numbers.yaml", "words"): WordsRow,
    ("units.yaml", "units"): UnitRow,
    ("units.yaml", "powers"): PowerRow,
    ("units.yaml", "compounds"): CompoundRow,
    ("units.yaml", "words"): WordsRow,
    ("units.yaml", "rates"): WordsRow,
    ("money.yaml", "currencies"): CurrencyRow,
    ("money.yaml", "minor_units"): MinorUnitRow,
    ("money.yaml", "words"): WordsRow,
    ("comparators.yaml", "comparators"): ComparatorRow,
    ("comparators.yaml", "words"): WordsRow,
    ("context.yaml", "words"): WordsRow,
}


@dataclass(frozen=True, slots=True)
class Suffix:
    """What a word after a number means: a kind, a unit or currency, and a factor to the base unit."""

    kind: FigureKind
    unit: str = ""
    currency: str = ""
    factor: float = 1.0


@dataclass(slots=True)
class Lexicon:
    """Lookup tables built from the rows; ``group(name)`` is a word group of the ``words`` sections."""

    small: tuple[str, ...] = ()  # "zero" ... "nineteen", by value
    tens: tuple[str, ...] = ()  # "twenty" ... "ninety", by value
    cardinals: dict[str, float] = field(default_factory=dict)  # the value of each of them
    scales: dict[str, float] = field(default_factory=dict)
    groups: dict[str, float] = field(default_factory=dict)
    multipliers: dict[str, float] = field(default_factory=dict)
    exact_multipliers: dict[str, float] = field(default_factory=dict)
    currency_only_multipliers: frozenset[str] = frozenset()
    fractions: dict[str, int] = field(default_factory=dict)
    unicode_fractions: dict[str, float] = field(default_factory=dict)
    digit_denominators: frozenset[int] = frozenset()
    mixed_fractions: tuple[str, ...] = ()
    ordinals: dict[str, int] = field(default_factory=dict)
    suffixes: dict[str, Suffix] = field(default_factory=dict)
    shadowed_units: dict[str, Suffix] = field(default_factory=dict)
    prefix_units: dict[str, Suffix] = field(default_factory=dict)
    prefix_followers: dict[str, Suffix] = field(default_factory=dict)  # "months" in "aged 7 months"
    compounds: dict[tuple[str, str], float] = field(default_factory=dict)
    rate_bases: frozenset[str] = frozenset()  # units a rate may divide ("meter" in "meter per second")
    rate_times: dict[str, str] = field(default_factory=dict)  # spellings of the time after "per" or "/"
    tight_units: frozenset[str] = frozenset()
    wordy_units: frozenset[str] = frozenset()
    currency_names: dict[str, str] = field(default_factory=dict)
    currency_symbols: dict[str, str] = field(default_factory=dict)
    tight_symbols: frozenset[str] = frozenset()
    trailing_symbols: tuple[str, ...] = ()
    weak_currency_words: dict[str, float] = field(default_factory=dict)
    glued_money_words: frozenset[str] = frozenset()
    dollar_codes: frozenset[str] = frozenset()
    comparators: dict[str, Comparator] = field(default_factory=dict)
    trailing_comparators: dict[str, Comparator] = field(default_factory=dict)
    words: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path = DATA) -> Lexicon:
        """Read and check every table of ``folder``; a bad row raises ``RuleFileError``."""
        lexicon = cls()
        rows = {key: load_rows(folder / key[0], model, key[1]) for key, model in TABLES.items()}
        for (_name, section), table in rows.items():
            if section == "words":
                for words in _typed(table, WordsRow):
                    group = words.id.split(":")[0]
                    lexicon.words[group] = lexicon.group(group) | frozenset(words.words)
        lexicon._read_numbers(rows)
        currencies = _typed(rows[("money.yaml", "currencies")], CurrencyRow)
        lexicon._read_currencies(currencies)
        lexicon._read_suffixes(
            _typed(rows[("units.yaml", "units")], UnitRow),
            _typed(rows[("units.yaml", "powers")], PowerRow),
            currencies,
            _typed(rows[("money.yaml", "minor_units")], MinorUnitRow),
        )
        for rate in _typed(rows[("units.yaml", "rates")], WordsRow):
            lexicon.rate_times.update({word.lower(): rate.id for word in rate.words})
        for compound in _typed(rows[("units.yaml", "compounds")], CompoundRow):
            lexicon.compounds[(compound.major, compound.minor)] = compound.share
        for row in _typed(rows[("comparators.yaml", "comparators")], ComparatorRow):
            lexicon.comparators.update(dict.fromkeys(row.before, row.comparator))
            lexicon.trailing_comparators.update(dict.fromkeys(row.after, row.comparator))
        return lexicon

    def group(self, name: str) -> frozenset[str]:
        """The words of every ``words`` row whose id is ``name`` or ``name:<part>``."""
        return self.words.get(name, frozenset())

    def _read_numbers(self, rows: dict[tuple[str, str], list[FigureRow]]) -> None:
        for cardinal in _typed(rows[("numbers.yaml", "cardinals")], CardinalRow):
            ordered = tuple(sorted(cardinal.words, key=cardinal.words.__getitem__))
            if cardinal.role == "small":
                self.small = ordered
                self.cardinals.update(cardinal.words)
            elif cardinal.role == "ten":
                self.tens = ordered
                self.cardinals.update(cardinal.words)
            elif cardinal.role == "group":
                self.groups.update(cardinal.words)
            else:
                self.scales.update(cardinal.words)
        for multiplier in _typed(rows[("numbers.yaml", "multipliers")], MultiplierRow):
            self.multipliers.update(dict.fromkeys((s.lower() for s in multiplier.spellings), multiplier.factor))
            self.currency_only_multipliers |= frozenset(multiplier.currency_only)
            self.exact_multipliers.update(dict.fromkeys(multiplier.exact, multiplier.factor))
        denominators = set()
        for fraction in _typed(rows[("numbers.yaml", "fractions")], FractionRow):
            self.fractions.update(dict.fromkeys(fraction.words, fraction.denominator))
            self.unicode_fractions.update({s: n / fraction.denominator for s, n in fraction.symbols.items()})
            if fraction.digits:
                denominators.add(fraction.denominator)
            if fraction.mixed:
                self.mixed_fractions += fraction.words[:1]
        self.digit_denominators = frozenset(denominators)
        for ordinal in _typed(rows[("numbers.yaml", "ordinals")], OrdinalRow):
            self.ordinals.update(ordinal.words)

    def _read_currencies(self, currencies: list[CurrencyRow]) -> None:
        """CLDR's qualified names ("Australian dollars") and symbols, then the table's bare words and
        extra spellings, which win; the dollars are the currencies CLDR names so."""
        english = Locale("en")
        codes = {c.alpha_3 for c in pycountry.currencies if not c.alpha_3.startswith("X")}
        for code in codes:
            for name in (english.currencies.get(code, ""), get_currency_name(code, count=2, locale="en")):
                if " " in name:  # qualified names only: bare words such as "Sol" or "Real" are ordinary words
                    self.currency_names[name.lower()] = code
            symbol = english.currency_symbols.get(code, code)
            if symbol != code and not symbol.isalpha():
                self.currency_symbols[symbol] = code
        self.dollar_codes = frozenset(c for c in codes if "dollar" in english.currencies.get(c, "").lower())
        for currency in currencies:
            self.currency_names.update(dict.fromkeys(currency.words, currency.code))
            self.currency_symbols.update(dict.fromkeys(currency.symbols, currency.code))
            self.tight_symbols |= frozenset(currency.tight_symbols)
            self.weak_currency_words.update(currency.weak)
        self.currency_symbols.update({c.code: c.code for c in currencies if c.written_code})
        # "C $", "hk$", "hk $": dollar symbols spaced or lower-cased; "a $5" and "it's $5" stay plain
        for symbol, code in list(self.currency_symbols.items()):
            prefix = symbol[:-1]
            if symbol.endswith("$") and prefix.replace(".", "").isalpha():
                spaced = (
                    ()
                    if prefix.lower() in self.group("symbol_prefix_words")
                    else (f"{prefix} $", f"{prefix.lower()} $")
                )
                for variant in (f"{prefix.lower()}$", *spaced):
                    self.currency_symbols.setdefault(variant, code)
        # one-character symbols are written after the number too: "20€", "100 ₡"
        self.trailing_symbols = tuple(s for s in self.currency_symbols if len(s) == 1 and not s.isalnum())

    def _read_suffixes(
        self, units: list[UnitRow], powers: list[PowerRow], currencies: list[CurrencyRow], minors: list[MinorUnitRow]
    ) -> None:
        """Every spelling that may follow a number, mapped to its meaning. Later tables win: units,
        then currency names (a weight cue turns "pounds" back into the mass unit), then minor
        units; written codes and trailing symbols fill in what is left."""
        table = self.suffixes
        for unit in units:
            name = unit.id if unit.unit is None else unit.unit
            table.update(dict.fromkeys(unit.spellings, Suffix(unit.kind, unit=name, factor=unit.factor)))
            if unit.dimension == "length":
                for power in powers:
                    powered = Suffix(FigureKind.QUANTITY, unit=f"{power.id} {name}")
                    self.rate_bases |= {powered.unit}
                    for spelling in unit.spellings:
                        if not spelling.endswith((".", "\u2033", "\u2032")):
                            table.update({f"{prefix} {spelling}": powered for prefix in power.prefixes})
                    table.update({unit.spellings[0] + mark: powered for mark in power.marks})
            self.prefix_units.update(dict.fromkeys(unit.before, Suffix(unit.kind, unit=name, factor=unit.factor)))
            self.prefix_followers.update(
                dict.fromkeys(unit.after_before, Suffix(unit.kind, unit=name, factor=unit.factor))
            )
            if unit.dimension in ("length", "volume"):
                self.rate_bases |= {name}
            self.tight_units |= frozenset(unit.tight)
            self.wordy_units |= frozenset(unit.wordy)
        for name, code in self.currency_names.items():
            if name in table and table[name].kind is FigureKind.QUANTITY:
                self.shadowed_units[name] = table[name]  # "pounds": money unless a weight cue says mass
            table[name] = Suffix(FigureKind.MONEY, currency=code)
        for minor in minors:
            self.glued_money_words |= frozenset(minor.glued)
            table.update(dict.fromkeys(minor.words, Suffix(FigureKind.MONEY, currency=minor.code, factor=minor.factor)))
        for currency in currencies:
            if currency.written_code:  # "5 USD", "20 usd"
                codes = (currency.code,) if currency.word_code else (currency.code, currency.code.lower())
                table.update(
                    {code: Suffix(FigureKind.MONEY, currency=currency.code) for code in codes if code not in table}
                )
        for symbol in self.trailing_symbols:
            table.setdefault(symbol, Suffix(FigureKind.MONEY, currency=self.currency_symbols[symbol]))


def _typed(rows: Iterable[FigureRow], model: type[Row]) -> list[Row]:
    return [row for row in rows if isinstance(row, model)]


def table_rows(folder: Path = DATA) -> list[tuple[str, FigureRow]]:
    """Every row of every table as (``file#section``, row): what the rule test runs."""
    return [
        (f"{name}#{section}", row)
        for (name, section), model in TABLES.items()
        for row in load_rows(folder / name, model, section)
    ]
