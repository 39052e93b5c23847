"""Sets: recurring times ("every Monday", "twice a year", "weekly", "on Mondays") as TIMEX3 SET
values."""

from __future__ import annotations

import re

from newsx.service.domain import TimeType
from newsx.service.extract.times.context import Anchor, Resolved, Resolver, norm
from newsx.service.extract.times.values import PLACEHOLDERS, duration_value


def every(match: re.Match, anchor: Anchor) -> Resolved:
    lexicon = anchor.lexicon
    unit = lexicon.unit_of(match["unit"])
    if unit in lexicon.numbers("weekdays"):
        return TimeType.SET, f"XXXX-WXX-{lexicon.numbers('weekdays')[unit]}"
    if unit in lexicon.codes("parts_of_day"):
        return TimeType.SET, f"XXXX-XX-XXT{lexicon.codes('parts_of_day')[unit]}"
    if unit == "weekend":
        return TimeType.SET, PLACEHOLDERS["weekend"]
    if unit in lexicon.numbers("months"):
        return TimeType.SET, f"XXXX-{lexicon.month_number(unit):02d}"
    count = norm(match["n"])
    amount = lexicon.numbers("every_counts").get(count) or (lexicon.parse_amount(count) if count else 1)
    return TimeType.SET, duration_value(amount, lexicon.codes("duration_units")[unit])


def frequency_word(match: re.Match, anchor: Anchor) -> Resolved:
    return TimeType.SET, anchor.lexicon.codes("frequency_words")[match["w"]]


def weekday_plural(match: re.Match, anchor: Anchor) -> Resolved:
    lexicon = anchor.lexicon
    part = f"T{lexicon.codes('parts_of_day')[match['part'].lower()[:-1]]}" if match["part"] else ""
    return TimeType.SET, f"XXXX-WXX-{lexicon.numbers('weekdays')[match['wd'].lower()]}{part}"


def per_unit(match: re.Match, anchor: Anchor) -> Resolved:
    return TimeType.SET, duration_value(1, anchor.lexicon.codes("duration_units")[match["unit"].lower()])


SET_RESOLVERS: dict[str, Resolver] = {
    function.__name__: function for function in (every, frequency_word, weekday_plural, per_unit)
}
