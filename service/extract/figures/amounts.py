"""Atoms that make one amount together, and what an amount takes from its neighbours.

Decisions: a major and a minor unit are one amount ("8 dollars and 50 cents" is 8.5, "3 dollars 50
cents", "£3 and 20p"), and so is a currency amount and a bare number under 100 closing the phrase
("thirteen dollars forty five" is 13.45); compound measures are one quantity in the larger unit ("6ft
2in" is 6.1667 foot, "7lb 4oz"); rows of three or more bare numbers on one line are table cells, not
figures; a bare scaled number compared with a scaled figure takes its meaning ("8.1 billion euros
from 8.6 billion": both EUR); a bare "$" is the one non-US dollar the article names, else USD.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsx.service.domain import FigureKind
from newsx.service.extract.figures.atoms import Atom
from newsx.service.extract.figures.grammar import Grammar

if TYPE_CHECKING:
    from newsx.service.extract.figures.joining import Candidate

_SPACES = re.compile(r"\s+")
_DOLLAR = re.compile(r"\$|(?i:dollars?)\b")
_PHRASE_END = re.compile(r"\s*(?:[.,;:!?)\]]|$)")


def join_parts(text: str, atoms: list[Atom], grammar: Grammar) -> list[Atom]:
    """Atoms with the parts of one amount or measure joined ("8 dollars and 50 cents", "6ft 2in")."""
    joined: list[Atom] = []
    for atom in atoms:
        last = joined[-1] if joined else None
        value = None
        if last is not None and (
            grammar.and_join.fullmatch(text, last.end, atom.start) or _SPACES.fullmatch(text, last.end, atom.start)
        ):
            value = _minor_amount(text, last, atom) if _is_money(last) else _compound(last, atom, grammar)
        if last is None or value is None:
            joined.append(atom)
            continue
        joined[-1] = Atom(
            last.start,
            atom.end,
            last.number_start,
            atom.number_end,
            value,
            last.digits,
            last.suffix,
            last.currency,
            last.multiplier,
            text[last.number_start : atom.number_end],
        )
    return joined


def _is_money(atom: Atom) -> bool:
    return bool(atom.currency) or (atom.suffix is not None and atom.suffix.kind is FigureKind.MONEY)


def _minor_amount(text: str, major: Atom, minor: Atom) -> float | None:
    """The whole amount when ``minor`` is the minor part of ``major``: "50 cents" (a minor unit), or a
    bare number under 100 that closes the phrase ("15 dollars 50.", "c$ 100 and fifty")."""
    if major.multiplier != 1.0 or (major.suffix is not None and major.suffix.factor < 1):
        return None
    if minor.suffix is not None and minor.suffix.kind is FigureKind.MONEY and minor.suffix.factor < 1:
        return major.value + minor.value if 0 < minor.value < 1 else None
    bare = minor.suffix is None and not minor.currency and minor.multiplier == 1.0
    whole = major.value.is_integer() and minor.value.is_integer()
    if bare and whole and 0 < minor.value < 100 and _PHRASE_END.match(text, minor.end):
        return major.value + minor.value / 100
    return None


def _compound(major: Atom, minor: Atom, grammar: Grammar) -> float | None:
    """A measure in two units ("5 feet and 2 inches", "7lb 4oz") in the larger one."""
    if major.suffix is None or minor.suffix is None or major.multiplier != 1.0:
        return None
    share = grammar.lex.compounds.get((major.suffix.unit, minor.suffix.unit))
    if share is None or not 0 <= minor.value * share < 1:
        return None
    return major.value + minor.value * share


def table_cells(text: str, atoms: list[Atom]) -> set[int]:
    """Ids of bare numbers in runs of three or more on one line with only spaces between them:
    rows of results tables ("PSV Eindhoven 24 18 4 2 61 19 58")."""
    cells: set[int] = set()
    run: list[Atom] = []
    for atom in [*atoms, None]:
        bare = atom is not None and atom.digits and not atom.suffix and not atom.currency
        if atom is not None and bare and run and text[run[-1].end : atom.start].strip(" \t") == "":
            run.append(atom)
            continue
        if len(run) >= 3:
            cells.update(id(cell) for cell in run)
        run = [atom] if atom is not None and bare else []
    return cells


def inherit_meaning(text: str, candidates: list[Candidate], grammar: Grammar) -> None:
    """A bare scaled number compared with a scaled figure means the same: "8.1 billion euros from 8.6
    billion" -> both EUR. Both need a multiplier, so "rose 3% to 4,000" stays two kinds."""
    for before, after in zip(candidates, candidates[1:]):
        if not grammar.comparison_join.fullmatch(text, before.end, after.start):
            continue
        for bare, stated in ((after, before), (before, after)):
            scaled = bare.atoms[0].multiplier != 1.0 and stated.atoms[-1].multiplier != 1.0
            if bare.kind is FigureKind.COUNT and stated.kind is not FigureKind.COUNT and scaled:
                bare.kind, bare.unit, bare.currency = stated.kind, stated.unit, stated.currency


def article_dollar(text: str, grammar: Grammar) -> str:
    """The dollar a bare "$" means: the one non-US dollar the article names explicitly ("Australian
    dollars", "A$", "HK$"), else USD."""
    if "$" not in text and "dollar" not in text.lower():
        return "USD"  # no dollar to resolve: skip the name scan
    named = set()
    for mark in _DOLLAR.finditer(text):  # the names end "dollar(s)", the symbols "$": look just before
        found = grammar.other_dollar.search(text, max(0, mark.start() - 40), mark.end() + 1)
        if found is not None:
            spelling = " ".join(found.group().split())
            named.add(grammar.other_dollars.get(spelling) or grammar.other_dollars[spelling.lower()])
    return named.pop() if len(named) == 1 else "USD"
