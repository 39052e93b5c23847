"""Score figure extraction on Recognizers-Text's English specs (``evaluation.figures`` runs it).

The specs (``public_dev("recognizers-specs")``: ``Number/English`` and ``NumberWithUnit/English``
JSON lists of ``Input`` and ``Results``) are scored end to end through the service, one input an
article, with the specs' protocol: a gold result is *found* when a figure's span overlaps it
(``End`` is inclusive), *valued right* when an overlapping figure has its value: numbers compared
with a relative tolerance of 1e-6, ranges as the spec's interval (``[20,30)`` is value 20,
value_max 30; ``(50,)`` is MORE_THAN 50, ``[50,)`` AT_LEAST, ``(,50)`` LESS_THAN, ``(,50]`` AT_MOST;
``[20,20]`` is exactly 20; a two-sided interval's open or closed ends are not told apart, newsx has
one comparator), the ISO code where the spec gives ``isoCurrency`` (a bare "Dollar" is USD), the unit
for dimensions, temperatures and ages. How the specs' conventions map onto newsx's kinds:

- The file names the kind: NumberModel -> number, PercentModel -> percent, OrdinalModel -> ordinal,
  NumberRangeModel -> range, CurrencyModel -> currency, DimensionModel -> dimension,
  TemperatureModel -> temperature, AgeModel -> age.
- Precision counts the figures of the file's kind only (a count in a currency sentence is no false
  positive of the currency model): number -> every figure (the number model reads the number in
  "$5" too), percent -> PERCENT, ordinal -> ORDINAL, range -> figures with value_max or a bound
  comparator, currency -> MONEY, dimension -> QUANTITY not in degrees of temperature, temperature ->
  QUANTITY in degrees Celsius/Fahrenheit, age -> AGE. A counted figure is right when it overlaps a gold
  result of its input.
- Relative ordinals ("last", "next", "the one before") are references, not figures, in news: they
  are left out of the gold, and figures on them are not counted; so are results without a value (a
  unit named alone, "convert 200 celsius into fahrenheit": no quantity is stated; the specs write it
  null or "null").
- Only the range model reads ranges: for the other models a newsx range is valued right when it or
  its upper bound alone has the gold value ("eight to 10 feet": the dimension spec marks "10 feet").
- A rate's unit is compared on the part the gold covers: "500,000 barrels" of "500,000 barrels a
  day" is "barrel", though newsx reads "barrel per day".
- Minor currency units: the spec values "50 cents" as 50 Cent, newsx as 0.5 of the major unit: the
  gold value of a Cent/Penny/Pence result is divided by 100. Ages are in years in newsx: the gold
  value is converted from its unit (a month is 1/12 year, a week 7/365.25, a day 1/365.25), compared
  with a relative tolerance of 1e-3.
- Units are compared by canonical name, lower-case (the spec's "Kilometer per hour" is newsx's
  "kilometer per hour"; "Metric ton" is "tonne"; temperatures "C"/"F" are "degree Celsius"/"degree
  Fahrenheit", a bare "Degree" temperature is "degree").
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from evaluation.report import Score
from evaluation.service import extract_all, served
from newsx.v1 import extraction_pb2 as pb

SPECS = "Recognizers-Text specs (English)"
SPEC_KINDS = {
    "NumberModel": "number",
    "PercentModel": "percent",
    "OrdinalModel": "ordinal",
    "NumberRangeModel": "range",
    "CurrencyModel": "currency",
    "DimensionModel": "dimension",
    "TemperatureModel": "temperature",
    "AgeModel": "age",
}
KIND_ORDER = tuple(SPEC_KINDS.values())
MINOR_UNITS = {"cent", "penny", "pence"}
AGE_YEARS = {"year": 1.0, "month": 1 / 12, "week": 7 / 365.25, "day": 1 / 365.25}
UNIT_NAMES = {"metric ton": "tonne", "c": "degree celsius", "f": "degree fahrenheit"}
TEMPERATURE_UNITS = {"degree celsius", "degree fahrenheit", "kelvin"}
BOUND_COMPARATORS = {
    pb.Figure.COMPARATOR_AT_LEAST,
    pb.Figure.COMPARATOR_AT_MOST,
    pb.Figure.COMPARATOR_MORE_THAN,
    pb.Figure.COMPARATOR_LESS_THAN,
}


@dataclass(frozen=True)
class SpecFigure:
    start: int
    end: int  # exclusive
    text: str
    resolution: dict


@dataclass(frozen=True)
class SpecCase:
    kind: str
    input: str
    gold: tuple[SpecFigure, ...]
    ignored: tuple[SpecFigure, ...]  # relative ordinals, bare units: neither gold nor false positives


def read_specs(folder: Path) -> list[SpecCase]:
    cases = []
    for path in sorted(folder.glob("*/English/*.json")):
        kind = SPEC_KINDS.get(path.stem)
        if kind is None:
            continue
        for entry in json.loads(path.read_text(encoding="utf-8-sig")):
            results = [
                (r.get("TypeName", ""), SpecFigure(r["Start"], r["End"] + 1, r["Text"], r.get("Resolution") or {}))
                for r in entry.get("Results", [])
            ]
            ignore = [name == "ordinal.relative" or f.resolution.get("value") in (None, "null") for name, f in results]
            gold = tuple(f for (_name, f), skip in zip(results, ignore, strict=True) if not skip)
            ignored = tuple(f for (_name, f), skip in zip(results, ignore, strict=True) if skip)
            cases.append(SpecCase(kind, entry["Input"], gold, ignored))
    return cases


def _number(text: str) -> float:
    return float(text.replace(",", "").rstrip("%"))


def _close(a: float | None, b: float, tolerance: float = 1e-6) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=tolerance, abs_tol=1e-9)


def _unit(name: str) -> str:
    name = name.lower()
    return UNIT_NAMES.get(name, name)


def valued_right(kind: str, gold: SpecFigure, figure: pb.Figure) -> bool:
    """Whether the figure has the gold result's value (and its currency or unit)."""
    resolution = gold.resolution
    value = figure.value if figure.HasField("value") else None
    value_max = figure.value_max if figure.HasField("value_max") else None
    if kind == "range":
        low, high = resolution["value"][1:-1].split(",")
        if not low:
            wanted = (
                pb.Figure.COMPARATOR_AT_MOST if resolution["value"].endswith("]") else pb.Figure.COMPARATOR_LESS_THAN
            )
            return figure.comparator == wanted and _close(value, _number(high))
        if not high:
            wanted = (
                pb.Figure.COMPARATOR_AT_LEAST if resolution["value"].startswith("[") else pb.Figure.COMPARATOR_MORE_THAN
            )
            return figure.comparator == wanted and _close(value, _number(low))
        if low == high:
            return _close(value, _number(low)) and value_max is None
        return _close(value, _number(low)) and _close(value_max, _number(high))
    wanted_value = _number(resolution["value"])
    unit = _unit(resolution.get("unit", ""))
    if kind == "currency":
        if unit in MINOR_UNITS:
            wanted_value /= 100
        code = resolution.get("isoCurrency") or ("USD" if unit == "dollar" else "")
        return _close(value, wanted_value) and (not code or figure.currency == code)
    if kind == "age":
        factor = AGE_YEARS.get(unit, 1.0)
        return _close(value, wanted_value * factor, 1e-3) and (unit not in AGE_YEARS or figure.unit == unit)
    if kind in ("dimension", "temperature"):
        return _close(value, wanted_value) and _unit_read(gold, figure) == unit
    return _close(value, wanted_value)


def _unit_read(gold: SpecFigure, figure: pb.Figure) -> str:
    """The figure's unit, or the part of a rate the gold text covers: the specs mark "500,000 barrels"
    in "500,000 barrels a day", and newsx reads the rate "barrel per day"."""
    unit = figure.unit.lower()
    per = unit.find(" per ")
    covered = gold.text.lower().replace(" ", "")
    if per > 0 and not any(word in covered for word in ("per", "/")) and not figure.text.endswith(gold.text):
        return unit[:per]
    return unit


def _bounds(kind: str, figure: pb.Figure) -> list[pb.Figure]:
    """The figure, and for a range outside the range model its upper bound alone: the specs' other
    models read no ranges, only the number that carries the unit ("eight to 10 feet" is "10 feet")."""
    if kind == "range" or not figure.HasField("value_max"):
        return [figure]
    upper = pb.Figure()
    upper.CopyFrom(figure)
    upper.value = figure.value_max
    upper.ClearField("value_max")
    return [figure, upper]


def counted(kind: str, figure: pb.Figure) -> bool:
    """Whether precision counts the figure for a file of this kind."""
    if kind == "number":
        return True
    if kind == "range":
        return figure.HasField("value_max") or figure.comparator in BOUND_COMPARATORS
    if kind in ("dimension", "temperature"):
        is_temperature = figure.unit.lower() in TEMPERATURE_UNITS
        return figure.kind == pb.Figure.KIND_QUANTITY and is_temperature == (kind == "temperature")
    wanted = {
        "percent": pb.Figure.KIND_PERCENT,
        "ordinal": pb.Figure.KIND_ORDINAL,
        "currency": pb.Figure.KIND_MONEY,
        "age": pb.Figure.KIND_AGE,
    }
    return figure.kind == wanted[kind]


def _overlaps(start: int, end: int, gold: SpecFigure) -> bool:
    return start < gold.end and gold.start < end


def spec_figures(cases: list[SpecCase]) -> list[list[tuple[int, int, pb.Figure]]]:
    """Each input's figures through the service, with offsets into the input."""
    with served() as client:
        answers = extract_all(client, (pb.Article(id=str(i), text=case.input) for i, case in enumerate(cases)))
    found = []
    for case, answer in zip(cases, answers, strict=True):
        shift = max(case.input.find(answer.text), 0)
        found.append([(f.span.start + shift, f.span.end + shift, f) for f in answer.figures])
    return found


def score_specs(cases: list[SpecCase], predictions: list[list[tuple[int, int, pb.Figure]]], show_errors: bool) -> dict:
    """By kind: Counter of gold, valued, found, counted predictions and right predictions."""
    totals: dict[str, Counter] = {kind: Counter() for kind in KIND_ORDER}
    for case, figures in zip(cases, predictions, strict=True):
        tally = totals[case.kind]
        for gold in case.gold:
            near = [f for start, end, f in figures if _overlaps(start, end, gold)]
            tally["gold"] += 1
            tally["found"] += bool(near)
            right = any(valued_right(case.kind, gold, bound) for f in near for bound in _bounds(case.kind, f))
            tally["valued"] += right
            if show_errors and not right:
                got = "; ".join(f"{f.text!r} {f.value:g} {f.unit or f.currency}" for f in near) or "nothing"
                print(f"  {case.kind:<12} {gold.text!r} {gold.resolution} in {case.input[:80]!r}: got {got}")
        for start, end, figure in figures:
            if not counted(case.kind, figure) or any(_overlaps(start, end, g) for g in case.ignored):
                continue
            tally["predicted"] += 1
            tally["right"] += any(_overlaps(start, end, g) for g in case.gold)
            if show_errors and not any(_overlaps(start, end, g) for g in case.gold):
                print(f"  {case.kind:<12} spurious {figure.text!r} in {case.input[:80]!r}")
    return totals


def spec_scores(folder: Path, show_errors: bool = False) -> list[Score]:
    cases = read_specs(folder)
    totals = score_specs(cases, spec_figures(cases), show_errors)
    totals["all"] = sum(totals.values(), Counter())
    print(f"\nfigures, {SPECS}, dev: {len(cases)} inputs")
    print(f"{'kind':<13}{'gold':>6}{'value acc':>11}{'found':>8}{'precision':>11}")
    found = []
    for kind, tally in totals.items():
        measured = {
            "value accuracy": 100 * tally["valued"] / tally["gold"] if tally["gold"] else 0.0,
            "found": 100 * tally["found"] / tally["gold"] if tally["gold"] else 0.0,
            "precision": 100 * tally["right"] / tally["predicted"] if tally["predicted"] else 100.0,
        }
        print(
            f"{kind:<13}{tally['gold']:>6}{measured['value accuracy']:>10.1f}%{measured['found']:>7.1f}%"
            f"{measured['precision']:>10.1f}%"
        )
        found += [
            Score("figures", SPECS, "public-dev", "dev", "newsx", f"{metric} ({kind})", value)
            for metric, value in measured.items()
        ]
    return found
