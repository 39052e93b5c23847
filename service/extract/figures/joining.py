"""From atoms to candidate figures, on the text alone: ranges, comparators, scores, table cells.

Decisions: a range needs its first value below the second and one meaning ("3% to $88.40" is no
range); "from X to Y", "rose X to Y" and "raised ... by X to Y" are two figures ("grow by 2 to 3
percent" is one); a hyphenated pair of bare integers whose first is not the smaller, or with a
sports word near, is a score ("won 3-1"), no figure; rows of three or more bare numbers on one line
are table cells; a bare scaled number compared with a scaled figure takes its meaning ("8.1 billion
euros from 8.6 billion": both EUR).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsx.service.domain import Comparator, FigureKind
from newsx.service.extract.figures.atoms import LOWER_WORD, Atom
from newsx.service.extract.figures.grammar import Grammar
from newsx.service.extract.figures.lexicon import ARTICLE_DOLLAR


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


def join_figures(text: str, atoms: list[Atom], grammar: Grammar, dollar: str = "USD") -> list[Candidate]:
    """Join atoms into ranges, attach comparators before and after, and classify each figure."""
    lex = grammar.lex
    candidates: list[Candidate] = []
    cells = _table_cells(text, atoms)
    atoms = _join_minor_units(text, [atom for atom in atoms if id(atom) not in cells], grammar)
    openers = lex.group("range_openers")
    index = 0
    while index < len(atoms):
        first = atoms[index]
        group = [first]
        index += 1
        opener = grammar.comparator_before.search(text, max(0, first.start - 30), first.start)
        opener_word = opener.group("word").lower() if opener else ""
        if index < len(atoms):
            following = atoms[index]
            join = grammar.range_join.fullmatch(text, first.end, following.start)
            joiner = join.group().strip().lower() if join else ""
            if joiner in ("-", "–", "—") and is_score(text, first, following, grammar):
                index += 1
                continue  # a score or vote tally: "won 3-1", "a 20-15 vote"
            if joiner and _is_range(first, following, joiner, opener_word, _changed(text, first, grammar)):
                group.append(following)
                index += 1
        candidate = _classify(group, dollar)
        unit_before = grammar.unit_before.search(text, max(0, first.start - 15), first.start)
        if unit_before and candidate.kind is FigureKind.COUNT:
            candidate.kind, candidate.unit = FigureKind.QUANTITY, lex.prefix_units[unit_before.group("unit").lower()]
            candidate.start = unit_before.start()
        if opener:
            candidate.start = opener.start("word")
            if opener_word not in openers:
                candidate.comparator = lex.comparators[" ".join(opener_word.split())]
            elif len(group) == 1:
                candidate.start = first.start
        trailing = grammar.trailing.match(text, candidate.end)
        if trailing and candidate.value_max is None:
            word = " ".join(trailing.group().lower().replace("-", " ").split())
            candidate.comparator = lex.trailing_comparators[word]
            candidate.end = trailing.end()
        candidates.append(candidate)
    _inherit_meaning(text, candidates, grammar)
    return candidates


def _changed(text: str, first: Atom, grammar: Grammar) -> bool:
    """A change ("rose 5% to 7%"), or "raised ... by 3 cents to 41 cents" (the change, then the new
    level): two figures, not a range; "grow by 2 to 3 percent" stays a range."""
    changes = grammar.lex.group("change_words")
    words_before = LOWER_WORD.findall(text[max(0, first.start - 50) : first.start].lower())[-6:]
    return bool(changes.intersection(words_before[-3:])) or (
        bool(grammar.lex.group("change_amount").intersection(words_before[-1:]))
        and bool(changes.intersection(words_before))
    )


def _join_minor_units(text: str, atoms: list[Atom], grammar: Grammar) -> list[Atom]:
    """One amount from a major and a minor unit: "8 dollars and 50 cents" -> 8.5, "£3 and 20p"."""
    joined: list[Atom] = []
    for atom in atoms:
        last = joined[-1] if joined else None
        minor = atom.suffix is not None and atom.suffix.kind is FigureKind.MONEY and atom.suffix.factor < 1
        if (
            last is not None
            and minor
            and (last.currency or (last.suffix and last.suffix.kind is FigureKind.MONEY))
            and last.multiplier == 1.0
            and not (last.suffix and last.suffix.factor < 1)
            and atom.value < 1
            and grammar.and_join.fullmatch(text, last.end, atom.start)
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


def _inherit_meaning(text: str, candidates: list[Candidate], grammar: Grammar) -> None:
    """A bare scaled number compared with a scaled figure means the same: "8.1 billion euros from 8.6
    billion" -> both EUR. Both need a multiplier, so "rose 3% to 4,000" stays two kinds."""
    for before, after in zip(candidates, candidates[1:]):
        if not grammar.comparison_join.fullmatch(text, before.end, after.start):
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
    for atom in [*atoms, None]:
        bare = atom is not None and atom.digits and not atom.suffix and not atom.currency
        if atom is not None and bare and run and text[run[-1].end : atom.start].strip(" \t") == "":
            run.append(atom)
            continue
        if len(run) >= 3:
            cells.update(id(cell) for cell in run)
        run = [atom] if atom is not None and bare else []
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


def is_score(text: str, first: Atom, second: Atom, grammar: Grammar) -> bool:
    """A hyphenated pair of bare integers that is a score or tally: the first is not the smaller, or a
    sports word stands near ("won 3-1", "lost 1-2", "a 20-15 vote")."""
    if first.suffix or second.suffix or first.currency or second.currency or not (first.digits and second.digits):
        return False
    if first.value >= second.value:
        return True
    window = LOWER_WORD.findall(text[max(0, first.start - 40) : second.end + 20].lower())
    return bool(grammar.lex.group("score_cues").intersection(window))


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
    if currency == ARTICLE_DOLLAR:
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


def article_dollar(text: str, grammar: Grammar) -> str:
    """The dollar a bare "$" means: the one non-US dollar the article names explicitly, else USD."""
    lex = grammar.lex
    lowered = text.lower()
    if "$" not in text and "dollar" not in lowered:
        return "USD"  # no dollar to resolve: skip the name scan
    named = set()
    for name, code in lex.currency_names.items():
        if code in lex.dollar_codes and code != "USD" and " " in name and name in lowered:
            named.add(code)
    for symbol, code in lex.currency_symbols.items():
        if code in lex.dollar_codes and code != "USD" and len(symbol) > 1 and symbol.endswith("$") and symbol in text:
            named.add(code)
    return named.pop() if len(named) == 1 else "USD"
