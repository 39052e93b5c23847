"""Word lists and unit tables for figures in English text (news and plain prose); nothing article-specific.

Units are named by one scheme: singular American English names ("kilometer", "square kilometer",
"liter", "degree Celsius", "megawatt", "gigabyte"), except "tonne" (metric ton) beside "ton" (short
ton). Time units are not here on purpose: durations ("a 90-minute match", "three years") are time
expressions of ``newsx.times.v1``, never figures; they appear only inside rates such as "km/h".
"""

from __future__ import annotations

from newsx.service.domain import Comparator

# --------------------------------------------------------------------------------------------
# Numbers written as words
# --------------------------------------------------------------------------------------------

SMALL_NUMBERS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
SCALE_WORDS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

# Multipliers written after a number: "3bn", "€20m", "1.5k", "2 lakh".
MULTIPLIERS = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "mil": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
# Units written before the number: "a magnitude 7.1 earthquake".
PREFIX_UNITS = {"magnitude": "magnitude"}
# Single letters that are multipliers only beside a currency ("$5m", "£3b"); elsewhere "5m" is metres.
CURRENCY_ONLY_MULTIPLIERS = frozenset({"m", "b"})

# Fraction words: "one-third", "two thirds", "a quarter of", "half a million".
FRACTION_WORDS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "eighth": 8,
    "eighths": 8,
    "tenth": 10,
    "tenths": 10,
}
UNICODE_FRACTIONS = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125}

ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "hundredth": 100,
}
# Words after an ordinal that make it rank something measurable: "third-largest", "5th place".
RANKING_WORDS = frozenset(
    {
        "place",
        "position",
        "spot",
        "seed",
        "ranked",
        "largest",
        "biggest",
        "highest",
        "lowest",
        "smallest",
        "most",
        "least",
        "best",
        "worst",
        "richest",
        "poorest",
        "busiest",
        "fastest",
        "strongest",
        "longest",
        "oldest",
        "deadliest",
        "populous",
        "straight",
        "consecutive",
    }
)
# Words before an ordinal that rank: "finished third", "ranked 5th".
RANKING_VERBS = frozenset({"finished", "finish", "finishes", "placed", "came", "ranked", "ranks", "rank"})

# --------------------------------------------------------------------------------------------
# Comparators (matched, lower-cased, right before the number; longest first)
# --------------------------------------------------------------------------------------------

COMPARATORS = {
    "up to": Comparator.AT_MOST,
    "at most": Comparator.AT_MOST,
    "no more than": Comparator.AT_MOST,
    "not more than": Comparator.AT_MOST,
    "a maximum of": Comparator.AT_MOST,
    "as many as": Comparator.AT_MOST,
    "as much as": Comparator.AT_MOST,
    "a maximum": Comparator.AT_MOST,
    "at least": Comparator.AT_LEAST,
    "no fewer than": Comparator.AT_LEAST,
    "no less than": Comparator.AT_LEAST,
    "a minimum of": Comparator.AT_LEAST,
    "not less than": Comparator.AT_LEAST,
    "more than": Comparator.MORE_THAN,
    "over": Comparator.MORE_THAN,
    "above": Comparator.MORE_THAN,
    "just over": Comparator.MORE_THAN,
    "in excess of": Comparator.MORE_THAN,
    "upwards of": Comparator.MORE_THAN,
    "greater than": Comparator.MORE_THAN,
    "higher than": Comparator.MORE_THAN,
    "exceeding": Comparator.MORE_THAN,
    "fewer than": Comparator.LESS_THAN,
    "less than": Comparator.LESS_THAN,
    "under": Comparator.LESS_THAN,
    "below": Comparator.LESS_THAN,
    "just under": Comparator.LESS_THAN,
    "lower than": Comparator.LESS_THAN,
    "nearly": Comparator.APPROXIMATE,
    "almost": Comparator.APPROXIMATE,
    "about": Comparator.APPROXIMATE,
    "around": Comparator.APPROXIMATE,
    "approximately": Comparator.APPROXIMATE,
    "approx.": Comparator.APPROXIMATE,
    "some": Comparator.APPROXIMATE,
    "roughly": Comparator.APPROXIMATE,
    "an estimated": Comparator.APPROXIMATE,
    "estimated": Comparator.APPROXIMATE,
    "close to": Comparator.APPROXIMATE,
    "circa": Comparator.APPROXIMATE,
    "c.": Comparator.APPROXIMATE,
    "~": Comparator.APPROXIMATE,
    "almost exactly": Comparator.EXACT,
    "exactly": Comparator.EXACT,
    "precisely": Comparator.EXACT,
}
# Comparators written after the number: "200-plus", "200+", "50 or more", "100 or so".
TRAILING_COMPARATORS = {
    "or more": Comparator.AT_LEAST,
    "or above": Comparator.AT_LEAST,
    "and above": Comparator.AT_LEAST,
    "plus": Comparator.AT_LEAST,
    "+": Comparator.AT_LEAST,
    "or less": Comparator.AT_MOST,
    "or fewer": Comparator.AT_MOST,
    "or so": Comparator.APPROXIMATE,
}
RANGE_OPENERS = ("between", "from")

# --------------------------------------------------------------------------------------------
# Percentages
# --------------------------------------------------------------------------------------------

# Spelling -> (unit, factor to percentage points).
PERCENT_WORDS = {
    "%": ("", 1.0),
    "per cent": ("", 1.0),
    "percent": ("", 1.0),
    "pct": ("", 1.0),
    "pc": ("", 1.0),
    "percentage point": ("percentage point", 1.0),
    "percentage points": ("percentage point", 1.0),
    "percentage pts": ("percentage point", 1.0),
    "basis point": ("percentage point", 0.01),
    "basis points": ("percentage point", 0.01),
    "bps": ("percentage point", 0.01),
    "bp": ("percentage point", 0.01),
}

# --------------------------------------------------------------------------------------------
# Money. Qualified names and symbols ("Australian dollars", "HK$") come from babel's CLDR data in
# figures.py; these are the bare words and extra spellings news uses.
# --------------------------------------------------------------------------------------------

# Bare currency nouns -> ISO 4217; "$" marks a dollar of the article (USD unless it names another one).
CURRENCY_WORDS = {
    "dollar": "$",
    "dollars": "$",
    "buck": "$",
    "bucks": "$",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "us dollar": "USD",
    "u.s. dollar": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "pound sterling": "GBP",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "quid": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupee": "INR",
    "rupees": "INR",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "franc": "CHF",
    "francs": "CHF",
    "won": "KRW",
    "lira": "TRY",
    "liras": "TRY",
    "shekel": "ILS",
    "shekels": "ILS",
    "rand": "ZAR",
    "naira": "NGN",
    "peso": "MXN",
    "pesos": "MXN",
    "real": "BRL",
    "reais": "BRL",
    "riyal": "SAR",
    "riyals": "SAR",
    "dirham": "AED",
    "dirhams": "AED",
    "zloty": "PLN",
    "zlotys": "PLN",
    "forint": "HUF",
    "baht": "THB",
    "ringgit": "MYR",
    "rupiah": "IDR",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "dong": "VND",
    "krona": "SEK",
    "kronor": "SEK",
    "krone": "NOK",
    "kroner": "NOK",
    "rial": "IRR",
    "rials": "IRR",
    "dinar": "IQD",
    "dinars": "IQD",
    "shilling": "KES",
    "shillings": "KES",
    "cedi": "GHS",
    "cedis": "GHS",
    "bitcoin": "XBT",
    "bitcoins": "XBT",
}
# Minor units: word -> (ISO code or "" for the article's dollar, fraction of the major unit).
MINOR_CURRENCY_WORDS = {
    "cent": ("", 0.01),
    "cents": ("", 0.01),
    "penny": ("GBP", 0.01),
    "pence": ("GBP", 0.01),
    "p": ("GBP", 0.01),
}
# Currency words that are real words too and count as money only after a number of this size.
WEAK_CURRENCY_WORDS = {"won": 100, "real": 100, "dong": 100, "rand": 10, "sterling": 0, "p": 0}
# Symbols written before the number, beyond babel's: spelling -> ISO 4217.
CURRENCY_SYMBOLS = {
    "$": "$",
    "US$": "USD",
    "U.S.$": "USD",
    "USD$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "Rs": "INR",
    "Rs.": "INR",
    "₽": "RUB",
    "₩": "KRW",
    "₺": "TRY",
    "₪": "ILS",
    "₦": "NGN",
    "฿": "THB",
    "₴": "UAH",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "Can$": "CAD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "S$": "SGD",
    "R$": "BRL",
    "MX$": "MXN",
    "NT$": "TWD",
    "CN¥": "CNY",
    "RMB": "CNY",
    "Fr.": "CHF",
    "R": "ZAR",
    "Rp": "IDR",
    "Rp.": "IDR",
    "RM": "MYR",
    "KSh": "KES",
    "Ksh": "KES",
}
# Symbols also written after the number in plain prose: "20€", "5$".
TRAILING_CURRENCY_SYMBOLS = ("$", "€", "£", "¥", "₹")
# Symbols that need a digit right after them (no space) to count: "R5 million" but not "R 5".
TIGHT_SYMBOLS = frozenset({"R", "Fr."})
# Country cues in the text that make the ambiguous "$" a dollar other than the US one.
DOLLAR_CODES = frozenset(
    {"AUD", "CAD", "HKD", "NZD", "SGD", "TWD", "USD", "ZWL", "JMD", "FJD", "BSD", "BBD", "LRD", "NAD"}
)

# Words around "pounds" that make it a weight rather than money.
WEIGHT_CUES = frozenset(
    {
        "weigh",
        "weighs",
        "weighed",
        "weighing",
        "weight",
        "heavy",
        "heavier",
        "lose",
        "lost",
        "gain",
        "gained",
        "lift",
        "lifted",
    }
)

# --------------------------------------------------------------------------------------------
# Units of measurement: canonical name -> (dimension, spellings). Spellings are matched without
# regard to case unless they are in UNIT_SYMBOLS (case matters: "m" metre vs "M" million).
# --------------------------------------------------------------------------------------------

LENGTH_UNITS = {
    "millimeter": ("mm", "millimeter", "millimeters", "millimetre", "millimetres"),
    "centimeter": ("cm", "cms", "centimeter", "centimeters", "centimetre", "centimetres"),
    "meter": ("m", "meter", "meters", "metre", "metres", "mtr", "mtrs"),
    "kilometer": ("km", "kms", "kilometer", "kilometers", "kilometre", "kilometres", "klick", "klicks"),
    "micrometer": ("µm", "micrometer", "micrometers", "micrometre", "micrometres", "micron", "microns"),
    "nanometer": ("nm", "nanometer", "nanometers", "nanometre", "nanometres"),
    "inch": ("inch", "inches", "in.", "″"),
    "foot": ("ft", "foot", "feet", "′"),
    "yard": ("yd", "yds", "yard", "yards"),
    "mile": ("mi", "mile", "miles"),
    "nautical mile": ("nautical mile", "nautical miles", "nmi"),
    "light year": ("light year", "light years", "light-year", "light-years"),
}
# Symbols built from length symbols for area and volume ("km²", "km2", "m3").
AREA_SYMBOL_SUFFIXES = ("²", "2")
VOLUME_SYMBOL_SUFFIXES = ("³", "3")

OTHER_UNITS = {
    # area beyond "square <length>"
    "hectare": ("area", ("ha", "hectare", "hectares")),
    "acre": ("area", ("acre", "acres")),
    # mass
    "milligram": ("mass", ("mg", "milligram", "milligrams", "milligramme", "milligrammes")),
    "gram": ("mass", ("g", "gm", "gms", "gr", "gram", "grams", "gramme", "grammes")),
    "kilogram": ("mass", ("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme", "kilogrammes")),
    "tonne": ("mass", ("t", "tonne", "tonnes", "metric ton", "metric tons", "metric tonne", "metric tonnes")),
    "ton": ("mass", ("ton", "tons", "short ton", "short tons")),
    "pound": ("mass", ("lb", "lbs", "pound", "pounds")),
    "ounce": ("mass", ("oz", "ounce", "ounces")),
    "stone": ("mass", ("stone", "stones")),
    "carat": ("mass", ("ct", "carat", "carats")),
    # volume
    "milliliter": ("volume", ("ml", "mL", "milliliter", "milliliters", "millilitre", "millilitres")),
    "centiliter": ("volume", ("cl", "cL", "centiliter", "centiliters", "centilitre", "centilitres")),
    "liter": ("volume", ("l", "L", "ltr", "ltrs", "liter", "liters", "litre", "litres")),
    "hectoliter": ("volume", ("hl", "hectoliter", "hectoliters", "hectolitre", "hectolitres")),
    "gallon": ("volume", ("gal", "gals", "gallon", "gallons")),
    "pint": ("volume", ("pt", "pint", "pints")),
    "quart": ("volume", ("qt", "quart", "quarts")),
    "fluid ounce": ("volume", ("fl oz", "fl. oz.", "fluid ounce", "fluid ounces")),
    "cup": ("volume", ("cup", "cups")),
    "tablespoon": ("volume", ("tbsp", "tablespoon", "tablespoons")),
    "teaspoon": ("volume", ("tsp", "teaspoon", "teaspoons")),
    "barrel": ("volume", ("bbl", "barrel", "barrels")),
    "cubic centimeter": (
        "volume",
        ("cc", "cubic centimeter", "cubic centimeters", "cubic centimetre", "cubic centimetres"),
    ),
    # speed
    "kilometer per hour": (
        "speed",
        (
            "km/h",
            "km/hr",
            "kmh",
            "kph",
            "km per hour",
            "kilometers per hour",
            "kilometres per hour",
            "kilometers an hour",
            "kilometres an hour",
            "kilometer per hour",
            "kilometre per hour",
        ),
    ),
    "mile per hour": ("speed", ("mph", "miles per hour", "miles an hour", "mile per hour", "mi/h")),
    "meter per second": (
        "speed",
        ("m/s", "meters per second", "metres per second", "meter per second", "metre per second"),
    ),
    "knot": ("speed", ("kn", "kt", "kts", "knot", "knots")),
    # temperature
    "degree Celsius": (
        "temperature",
        (
            "°C",
            "ºC",
            "° C",
            "C",
            "degrees Celsius",
            "degree Celsius",
            "degrees celsius",
            "degrees C",
            "degrees centigrade",
            "Celsius",
            "centigrade",
        ),
    ),
    "degree Fahrenheit": (
        "temperature",
        (
            "°F",
            "ºF",
            "° F",
            "F",
            "degrees Fahrenheit",
            "degree Fahrenheit",
            "degrees F",
            "Fahrenheit",
        ),
    ),
    "kelvin": ("temperature", ("kelvin", "kelvins")),
    "degree": ("angle", ("°", "º", "degree", "degrees")),
    # energy
    "joule": ("energy", ("J", "joule", "joules")),
    "kilojoule": ("energy", ("kJ", "kilojoule", "kilojoules")),
    "megajoule": ("energy", ("MJ", "megajoule", "megajoules")),
    "calorie": ("energy", ("cal", "calorie", "calories")),
    "kilocalorie": ("energy", ("kcal", "kilocalorie", "kilocalories")),
    "kilowatt hour": ("energy", ("kWh", "kwh", "kilowatt hour", "kilowatt hours", "kilowatt-hour", "kilowatt-hours")),
    "megawatt hour": ("energy", ("MWh", "megawatt hour", "megawatt hours", "megawatt-hour", "megawatt-hours")),
    "gigawatt hour": ("energy", ("GWh", "gigawatt hour", "gigawatt hours", "gigawatt-hour", "gigawatt-hours")),
    "terawatt hour": ("energy", ("TWh", "terawatt hour", "terawatt hours", "terawatt-hour", "terawatt-hours")),
    "British thermal unit": ("energy", ("BTU", "Btu", "BTUs", "British thermal units")),
    # power
    "watt": ("power", ("W", "watt", "watts")),
    "kilowatt": ("power", ("kW", "kilowatt", "kilowatts")),
    "megawatt": ("power", ("MW", "megawatt", "megawatts")),
    "gigawatt": ("power", ("GW", "gigawatt", "gigawatts")),
    "terawatt": ("power", ("TW", "terawatt", "terawatts")),
    "horsepower": ("power", ("hp", "bhp", "horsepower", "horse power")),
    # data and data rates
    "bit": ("data", ("bit", "bits")),
    "byte": ("data", ("byte", "bytes")),
    "kilobyte": ("data", ("KB", "kB", "kilobyte", "kilobytes")),
    "megabyte": ("data", ("MB", "megabyte", "megabytes")),
    "gigabyte": ("data", ("GB", "gigabyte", "gigabytes", "gig", "gigs")),
    "terabyte": ("data", ("TB", "terabyte", "terabytes")),
    "petabyte": ("data", ("PB", "petabyte", "petabytes")),
    "megabit": ("data", ("Mb", "megabit", "megabits")),
    "gigabit": ("data", ("Gb", "gigabit", "gigabits")),
    "kilobit per second": ("data rate", ("kbps", "kbit/s", "kilobits per second")),
    "megabit per second": ("data rate", ("Mbps", "mbps", "Mbit/s", "Mb/s", "megabits per second")),
    "gigabit per second": ("data rate", ("Gbps", "gbps", "Gbit/s", "Gb/s", "gigabits per second")),
    # electricity, frequency, sound, earthquakes
    "volt": ("voltage", ("V", "volt", "volts")),
    "kilovolt": ("voltage", ("kV", "kilovolt", "kilovolts")),
    "ampere": ("current", ("A", "amp", "amps", "ampere", "amperes")),
    "milliampere hour": ("charge", ("mAh",)),
    "hertz": ("frequency", ("Hz", "hertz")),
    "kilohertz": ("frequency", ("kHz", "kilohertz")),
    "megahertz": ("frequency", ("MHz", "megahertz")),
    "gigahertz": ("frequency", ("GHz", "gigahertz")),
    "decibel": ("sound", ("dB", "decibel", "decibels")),
    "magnitude": ("seismic", ("magnitude",)),
}
# Spellings whose case matters (symbols), and those that need the number right before them with
# no space, because alone they are common words or letters ("in", "C", "A", "t").
TIGHT_UNITS = frozenset({"C", "F", "A", "V", "W", "J", "t", "g", "gr", "L", "kn", "kt", "ct", "pt", "″", "′", "in."})
# Units that also name everyday things; they count only after a digit, not a number word
# ("two cups" is a count of cups, "2 cups" a volume).
WORDY_UNITS = frozenset(
    {"cup", "cups", "stone", "stones", "degree", "degrees", "gig", "gigs", "klick", "klicks", "bit", "bits"}
)

# --------------------------------------------------------------------------------------------
# Numbers that are not figures
# --------------------------------------------------------------------------------------------

# Words right before a bare number that make it a label or identifier ("Section 3", "No. 5").
LABEL_WORDS = frozenset(
    {
        "no",
        "no.",
        "nos",
        "number",
        "#",
        "section",
        "article",
        "chapter",
        "page",
        "pages",
        "p.",
        "pp.",
        "figure",
        "fig.",
        "table",
        "item",
        "part",
        "paragraph",
        "clause",
        "rule",
        "phase",
        "stage",
        "level",
        "round",
        "game",
        "episode",
        "season",
        "volume",
        "vol.",
        "issue",
        "flight",
        "route",
        "room",
        "gate",
        "terminal",
        "platform",
        "highway",
        "interstate",
        "block",
        "unit",
        "ward",
        "district",
        "zone",
        "lot",
        "version",
        "v",
        "source",
        "step",
        "grade",
        "class",
        "category",
        "resolution",
        "amendment",
        "model",
        "type",
        "line",
        "track",
        "row",
        "seat",
        "act",
        "tier",
        "division",
        "bus",
        "apartment",
        "floor",
        "exit",
        "pier",
        "channel",
        "code",
        "id",
        "ref",
    }
)
# Words near "3-1" that make it a sports score, not a range.
SCORE_CUES = frozenset(
    {
        "set",
        "sets",
        "tiebreak",
        "tiebreaker",
        "beating",
        "wicket",
        "wickets",
        "runs",
        "innings",
        "goals",
        "won",
        "win",
        "wins",
        "beat",
        "beats",
        "beaten",
        "lost",
        "lose",
        "loses",
        "defeat",
        "defeated",
        "defeats",
        "victory",
        "draw",
        "drew",
        "drawn",
        "lead",
        "led",
        "leads",
        "score",
        "scored",
        "scoreline",
        "thrashing",
        "triumph",
        "hammered",
        "edged",
        "trail",
        "trailed",
        "trailing",
        "aggregate",
    }
)
# Prepositions that make a bare four-digit number a year: "in 1990", "since 2022".
YEAR_PREPOSITIONS = frozenset(
    {
        "in",
        "since",
        "by",
        "until",
        "till",
        "before",
        "after",
        "during",
        "of",
        "from",
        "to",
        "through",
        "early",
        "late",
        "mid",
        "circa",
    }
)
# spaCy entity labels of names: a number inside one belongs to the name (when newsx entities are absent).
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "NORP", "LANGUAGE"}
)
# spaCy labels of time expressions (used when newsx times are absent).
TIME_LABELS = frozenset({"DATE", "TIME"})
# Dependency labels through which a number or unit modifies the noun it counts or measures.
MODIFIER_DEPS = frozenset({"nummod", "compound", "amod", "nmod", "quantmod", "npadvmod", "det", "appos", "poss"})
# Verbs (lemmas) whose subject is what a figure after them measures: "the death toll rose to 45".
MEASURE_VERBS = frozenset(
    {
        "be",
        "rise",
        "fall",
        "reach",
        "hit",
        "total",
        "stand",
        "cost",
        "weigh",
        "climb",
        "drop",
        "jump",
        "grow",
        "increase",
        "decrease",
        "exceed",
        "top",
        "surge",
        "plunge",
        "soar",
        "slip",
        "ease",
        "double",
        "measure",
        "cover",
        "span",
        "hold",
        "close",
        "end",
        "gain",
        "lose",
        "decline",
        "shrink",
        "slide",
        "tumble",
        "amount",
        "number",
        "come",
        "produce",
        "generate",
        "use",
        "need",
        "carry",
    }
)
# Denominators of written fractions ("1/2", "3/8"); others are dates or ratios ("9/11", "24/7").
FRACTION_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 8, 10, 16, 32, 64, 100})
# Words that make a spaCy DATE/TIME entity a real time expression (used when newsx times are absent).
TIME_WORDS = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "hour",
        "hours",
        "minute",
        "minutes",
        "second",
        "seconds",
        "decade",
        "decades",
        "century",
        "centuries",
        "today",
        "yesterday",
        "tomorrow",
        "ago",
        "night",
        "nights",
        "morning",
        "evening",
        "afternoon",
        "am",
        "pm",
        "a.m.",
        "p.m.",
        "weekend",
        "annual",
        "daily",
        "weekly",
        "monthly",
        "season",
        "noon",
        "midnight",
        "fiscal",
        "s",
        "'s",
        "1990s",
        "old",
    }
)
# Plural nouns without "s" that follow "1.1m" when it means millions.
IRREGULAR_PLURALS = frozenset({"people", "children", "men", "women", "cattle", "sheep", "fish", "staff", "police"})
# ISO codes that stand for money beside a number ("USD 5m", "5 EUR"); rarer codes are also words or
# names ("COP29", "ALL", "TOP"), so they count only in babel's qualified names.
COMMON_CURRENCY_CODES = frozenset(
    {
        "USD",
        "EUR",
        "GBP",
        "JPY",
        "CNY",
        "CHF",
        "CAD",
        "AUD",
        "HKD",
        "NZD",
        "SGD",
        "INR",
        "RUB",
        "KRW",
        "BRL",
        "MXN",
        "ZAR",
        "SEK",
        "NOK",
        "DKK",
        "PLN",
        "TRY",
        "SAR",
        "AED",
        "ILS",
        "TWD",
        "THB",
        "IDR",
        "MYR",
        "PKR",
        "NGN",
        "EGP",
        "UAH",
        "CZK",
        "HUF",
        "ARS",
        "CLP",
        "KES",
    }
)
# Words right before "5% to 7%" that make it a change between two figures, not a range.
CHANGE_WORDS = frozenset(
    {
        "rose",
        "rise",
        "rises",
        "rising",
        "fell",
        "fall",
        "falls",
        "falling",
        "climbed",
        "climb",
        "dropped",
        "drop",
        "jumped",
        "jump",
        "gained",
        "gain",
        "lost",
        "slipped",
        "slid",
        "increased",
        "decreased",
        "raised",
        "cut",
        "lowered",
        "grew",
        "shrank",
        "surged",
        "plunged",
        "soared",
        "tumbled",
        "eased",
        "up",
        "down",
        "declined",
        "advanced",
        "added",
        "shed",
    }
)
