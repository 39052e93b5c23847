"""Word lists for time expressions in English news (TIMEX3 conventions); no article-specific words."""

from __future__ import annotations

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# Full month names (capitalised in news), and abbreviations that need a day or a year beside them.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec")

# Fixed-date holidays common in English news -> (month, day).
HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "boxing day": (12, 26),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
    "independence day": (7, 4),
}

WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}

# TIMEX3 season codes.
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
# (first month, number of months) of each season; winter runs into the next year.
SEASON_MONTHS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3)}

# TIMEX3 parts of the day.
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a couple of": 2,
    "a dozen": 12,
}
# Amounts that TIMEX3 writes as "X" ("several years" -> PXY).
VAGUE_AMOUNTS = ("a few", "few", "several", "many", "dozens of", "hundreds of", "some")

ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "final": 4,
}

# Unit word -> TIMEX3 duration unit, and whether it belongs after the "T" of a duration.
DURATION_UNITS = {
    "second": ("S", True),
    "minute": ("M", True),
    "hour": ("H", True),
    "day": ("D", False),
    "week": ("W", False),
    "month": ("M", False),
    "year": ("Y", False),
    "decade": ("DE", False),
    "century": ("CE", False),
    "weekend": ("WE", False),
    "fortnight": ("W", False),
}
UNIT_PLURALS = {"centuries": "century"}

# Words that are the reference point itself, or an unspecified time before or after it.
REFERENCE_WORDS = {
    "now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "presently": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "at the moment": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "recent": "PAST_REF",
    "recently": "PAST_REF",
    "former": "PAST_REF",
    "formerly": "PAST_REF",
    "previously": "PAST_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF",
    "future": "FUTURE_REF",
    "the future": "FUTURE_REF",
    "soon": "FUTURE_REF",
}
# Nouns after "current" that make it a non-temporal word ("current account").
NON_TEMPORAL_AFTER_CURRENT = ("account", "accounts", "affairs", "flows", "flow", "sea", "electrical")

# Frequency adverbs and adjectives -> TIMEX3 SET value.
FREQUENCY_WORDS = {
    "hourly": "PT1H",
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "biweekly": "P2W",
    "monthly": "P1M",
    "quarterly": "P3M",
    "annually": "P1Y",
    "annual": "P1Y",
    "yearly": "P1Y",
}

# Words before a bare month name that make it a date rather than a name ("in May", "last June").
MONTH_PRECEDERS = (
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "during",
    "before",
    "after",
    "through",
    "throughout",
    "of",
    "early",
    "late",
    "mid",
    "between",
    "and",
    "to",
    "around",
    "last",
    "this",
    "next",
    "circa",
    "starting",
    "beginning",
    "ending",
    "end",
)
# Words before a bare four-digit number that make it a year ("in 2019"; not "to 1500 investors").
YEAR_PRECEDERS = (
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "during",
    "before",
    "after",
    "through",
    "throughout",
    "of",
    "early",
    "late",
    "mid",
    "circa",
    "end",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
)
# Words before a bare plural unit that make it a vague duration ("for years", "after months of").
VAGUE_DURATION_PREPOSITIONS = ("for", "over", "within", "after", "than", "took", "takes", "spent", "last")
# Words before "a day", "a year" that make it a frequency ("$5 billion a year", "twice a day").
FREQUENCY_PRECEDERS = (
    "times",
    "twice",
    "once",
    "thrice",
    "million",
    "billion",
    "trillion",
    "percent",
    "%",
    "cents",
    "dollars",
)

# Value-neutral modifiers that TimeML keeps inside the extent ("early October", "the end of 2023").
EDGE_MODIFIERS = (
    "early",
    "late",
    "mid",
    "earlier",
    "later",
    "the end of",
    "the start of",
    "the beginning of",
    "the middle of",
    "the rest of",
    "the turn of",
    "the close of",
    "the first half of",
    "the second half of",
    "end of",
    "start of",
)
# Quantity words inside a duration extent ("about three years", "more than a decade").
DURATION_QUANTIFIERS = (
    "about",
    "around",
    "nearly",
    "almost",
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "some",
    "roughly",
    "approximately",
    "just",
    "only",
    "up to",
    "another",
    "an additional",
    "over",
)

# Lemmas that make a governed date lie ahead of the reference ("is scheduled to meet on ...").
FUTURE_CUE_LEMMAS = frozenset(
    {
        "schedule",
        "plan",
        "expect",
        "set",
        "due",
        "intend",
        "prepare",
        "aim",
        "hope",
        "propose",
        "slate",
        "promise",
        "vow",
        "pledge",
        "threaten",
        "poise",
        "upcoming",
        "forthcoming",
        "next",
        "go",
        "agree",
        "want",
        "seek",
        "likely",
        "await",
    }
)
# Words between a date and its verb that make the date a schedule or an expectation, whatever the
# verb's tense ("declared a dividend payable Dec. 15", "cut its forecast for the fourth quarter").
SCHEDULING_WORDS = FUTURE_CUE_LEMMAS | {"payable", "forecast", "outlook", "projection", "target", "deadline"}
# Verbs whose infinitive complement is done after them ("urged them to vote", "ordered him to report").
# Only verbs whose complement may still lie ahead: "forced to resign", "decided to quit" happened.
DIRECTIVE_LEMMAS = frozenset(
    {
        "order",
        "urge",
        "ask",
        "tell",
        "call",
        "press",
        "instruct",
        "direct",
        "invite",
        "encourage",
        "warn",
        "advise",
        "demand",
        "plan",
        "vow",
        "promise",
        "pledge",
        "threaten",
        "intend",
        "expect",
        "want",
    }
)
# Verbs of saying: a day they govern ("police said Friday") dates the report, not the events reported.
REPORTING_LEMMAS = frozenset("say tell announce report confirm add state claim insist explain note warn".split())
# Prepositions before the end of a period ("remanded until March 23"): a past verb does not place it.
DEADLINE_PREPOSITIONS = frozenset({"until", "till", "through", "by"})
FUTURE_AUXILIARIES = frozenset({"will", "'ll", "shall", "wo", "ll", "can", "may", "might", "must", "should", "could"})
PRESENT_AUXILIARIES = frozenset({"is", "are", "am", "'s", "'re", "'m"})
PAST_PREPOSITIONS = frozenset({"since"})
# Determiners that make "future" a noun for prospects ("his future") rather than a time.
POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your", "whose"})
