"""The word tables of the times component and the regular expressions built from them.

Tables live in ``data/lexicon.yaml`` and ``data/tense.yaml`` (one ``WordTable`` row each); the
macros and context patterns in ``data/patterns.yaml``. A pattern names a macro as ``{MACRO}`` and a
table as ``{@table}``: an alternation of the table's words, longest first, any whitespace between
the words of a phrase.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import model_validator
from text_to_num import text2num

from newsx.service.extract.rules import RuleFileError, RuleRow, load_rows, load_section

DATA = Path(__file__).resolve().parent / "data"
TABLE_FILES = ("lexicon.yaml", "tense.yaml")
PATTERN_FILE = "patterns.yaml"


class WordTable(RuleRow):
    """One table: a list of ``words``, or words mapped to ``numbers``, TIMEX3 ``codes`` or word
    ``groups``; exactly one of them."""

    words: tuple[str, ...] = ()
    numbers: dict[str, int] = {}
    codes: dict[str, str] = {}
    groups: dict[str, tuple[str, ...]] = {}

    @model_validator(mode="after")
    def _one_kind(self) -> WordTable:
        if sum(bool(part) for part in (self.words, self.numbers, self.codes, self.groups)) != 1:
            raise ValueError("give exactly one of words, numbers, codes or groups")
        return self

    def entries(self) -> tuple[str, ...]:
        """The words of a list, or the keys of a mapping."""
        return self.words or tuple(self.numbers or self.codes or self.groups)


_REFERENCE = re.compile(r"\{(@?[\w+-]+)\}")


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """Regex alternation of words and phrases, longest first, any whitespace between words."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


class Lexicon:
    """The word tables by id, the macros, and the compiled context patterns."""

    def __init__(self, folder: Path = DATA) -> None:
        self.folder = folder
        self.tables: dict[str, WordTable] = {}
        for name in TABLE_FILES:
            for row in load_rows(folder / name, WordTable):
                if row.id in self.tables:
                    raise RuleFileError(f"{folder / name}: table {row.id!r} is defined twice")
                self.tables[row.id] = row
        patterns = folder / PATTERN_FILE
        self.macros: dict[str, str] = load_section(patterns, "macros")
        self.contexts = {
            name: re.compile(self.expand(pattern, f"context {name}"), re.IGNORECASE)
            for name, pattern in load_section(patterns, "contexts").items()
        }
        self._amounts: dict[str, float | None] = {}
        self._word_sets: dict[str, frozenset[str]] = {}

    def table(self, name: str) -> WordTable:
        try:
            return self.tables[name]
        except KeyError:
            raise RuleFileError(f"{self.folder}: no word table {name!r}") from None

    def words(self, name: str) -> frozenset[str]:
        found = self._word_sets.get(name)
        if found is None:
            found = self._word_sets[name] = frozenset(self.table(name).entries())
        return found

    def numbers(self, name: str) -> dict[str, int]:
        return self.table(name).numbers

    def codes(self, name: str) -> dict[str, str]:
        return self.table(name).codes

    def groups(self, name: str) -> dict[str, tuple[str, ...]]:
        return self.table(name).groups

    def table_words(self, reference: str) -> tuple[str, ...]:
        """Words of ``a``, ``a+b`` (both tables) or ``a-b`` (a's words that b lacks)."""
        name, *rest = re.split(r"([+-])", reference)
        words = list(self.table(name).entries())
        for operator, other in zip(rest[::2], rest[1::2]):
            if operator == "+":
                words += [w for w in self.table(other).entries() if w not in words]
            else:
                words = [w for w in words if w not in self.table(other).entries()]
        return tuple(words)

    def expand(self, pattern: str, where: str = "pattern", depth: int = 0) -> str:
        """A pattern with its ``{MACRO}`` and ``{@table}`` references replaced."""

        def replace(match: re.Match) -> str:
            name = match[1]
            if name.startswith("@"):
                return alternation(self.table_words(name[1:]))
            if name.isdigit():  # a regex repetition such as {4}
                return match[0]
            if name not in self.macros:
                raise RuleFileError(f"{self.folder / PATTERN_FILE}: {where}: unknown macro {name!r}")
            if depth > 8:
                raise RuleFileError(f"{self.folder / PATTERN_FILE}: {where}: macros nest too deep")
            return self.expand(self.macros[name], where, depth + 1)

        return _REFERENCE.sub(replace, pattern)

    def parse_amount(self, words: str) -> float | None:
        """Number in a duration: "3" -> 3, "twenty-five" -> 25, "a" -> 1, "several" -> None (vague)."""
        if words not in self._amounts:
            if len(self._amounts) > 4096:
                self._amounts.clear()
            self._amounts[words] = self._read_amount(" ".join(words.lower().split()))
        return self._amounts[words]

    def _read_amount(self, norm: str) -> float | None:
        for half in (" and a half", " 1/2", "-1/2"):  # "two and a half", "5 1/2"
            if norm.endswith(half):
                whole = self._read_amount(norm.removesuffix(half))
                return None if whole is None else whole + 0.5
        if norm.replace(",", "").replace(".", "", 1).isdigit():
            return float(norm.replace(",", ""))
        known = self.numbers("number_words") | self.numbers("amount_words")
        if norm in known:
            return float(known[norm])
        if norm in self.words("vague_amounts"):
            return None
        try:
            return float(text2num(norm.replace("-", " ").replace(" and ", " "), "en"))
        except ValueError:
            return None

    def unit_of(self, word: str) -> str:
        """Singular unit name from a unit word: "Years" -> "year", "centuries" -> "century"."""
        word = word.lower()
        word = self.codes("unit_plurals").get(word, word)
        return word[:-1] if word.endswith("s") else word

    def month_number(self, word: str) -> int:
        return self.numbers("months")[word.lower().rstrip(".")]
