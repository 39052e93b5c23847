"""Context checks: whether a grammar match is a time expression where it stands ("in May" is a
date, "May I ask" is not). Rows of ``data/patterns.yaml`` name them in ``check``; each takes the
match (over the lower-cased text), the original text and the lexicon."""

from __future__ import annotations

import re

from newsx.service.extract.times.context import Check, before, is_frequency, is_rate, norm, previous_word
from newsx.service.extract.times.lexicon import Lexicon


def bare_month(match: re.Match, text: str, lexicon: Lexicon) -> bool:
    """A month name alone is a date only after a relative word or a date preposition ("in May")."""
    return bool(match["rel"]) or previous_word(text, match.start()) in lexicon.words("month_preceders")


def the_unit(match: re.Match, text: str, lexicon: Lexicon) -> bool:
    """ "the week", "the year before" are dates; "the week of ...", "the day" alone are not, nor "the
    day before the vote", which an event anchors."""
    if match["rel"]:
        anchored = norm(match["rel"]) in lexicon.words("event_anchored_relations")
        return not (anchored and re.match(r"\s+(?:to\s+)?[\w$]", text[match.end() : match.end() + 30]))
    if match["unit"].lower() == "day":
        return True  # "the day" is decided by the day_in_focus veto, which no model entity overrides
    return not lexicon.contexts["not_after_the_unit"].match(text, match.end(), match.end() + 10)


def day_in_focus(match: re.Match, text: str, lexicon: Lexicon) -> bool:
    """ "the day" alone is a date only in "earlier in the day", "later in the day", even where the
    model calls it one ("the day belonged to the Czechs", "during the day Friday"; TBAQ: 0 of 3)."""
    if match["unit"].lower() != "day" or match["rel"]:
        return True
    text_before = before(text, match.start(), 12)
    return any(text_before.endswith(words + " ") for words in lexicon.words("day_in_focus_preceders"))


def frequency(match: re.Match, text: str, lexicon: Lexicon) -> bool:
    """ "per year" always, "a year" after a count of times ("twice a year") is a frequency."""
    return match.group().lower().startswith("per") or is_frequency(text, match.start(), lexicon)


def not_a_rate(match: re.Match, text: str, lexicon: Lexicon) -> bool:
    """A unit after an amount ("$5 million a year", "3% per year", "20% annually", "700 seats a
    week") makes a rate of the amount: no time of its own (TimeBank+AQUAINT: 3 of 14 annotated).
    Counts of times stay sets ("twice a year", "seven days a week": their own rule)."""
    bare_unit = re.fullmatch(r"(?:per|an?)\s+\w+|\w+ly", match.group().lower())
    return not (bare_unit and is_rate(text, match.start(), lexicon))


def duration(match: re.Match, text: str, lexicon: Lexicon) -> bool:
    """ "a second term" is not a duration: seconds need a real number."""
    return not (lexicon.unit_of(match["unit"]) in lexicon.words("ordinal_units") and norm(match["n"]) in ("a", "an"))


def not_age(match: re.Match, text: str, lexicon: Lexicon) -> bool:
    """An amount of time before "old" or "of age", or after "aged", is an age ("45 years old", "a
    62-year-old", "10 years of age", "aged 7 months"): a figure, not a time."""
    return not (
        lexicon.contexts["age_after"].match(text, match.end())
        or lexicon.contexts["age_before"].search(before(text, match.start(), 40))
    )


def vague_duration(match: re.Match, text: str, lexicon: Lexicon) -> bool:
    """ "for years", "recent months", "weeks of talks", "the days ahead" are durations; "years" alone
    may be anything."""
    after = text[match.end() : match.end() + 20].lower()
    return (
        bool(match["mod"])
        or bool(match.groupdict().get("ahead") and match[0].lower().startswith("the"))
        or previous_word(text, match.start()) in lexicon.words("vague_duration_prepositions")
        or any(after.startswith(f" {word} ") for word in lexicon.words("vague_duration_followers"))
    )


def not_a_gap(match: re.Match, text: str, lexicon: Lexicon) -> bool:
    """ "minutes apart", "years apart": the gap between two events, no time of its own (TBAQ: 0 of 2)."""
    return not lexicon.contexts["gap_after"].match(text, match.end())


def not_compound(match: re.Match, text: str, lexicon: Lexicon) -> bool:
    """ "after-hours trading", "round-the-clock": a unit glued to a word before it is no time."""
    return text[match.start() - 1 : match.start()] != "-"


def not_of_a_match(match: re.Match, text: str, lexicon: Lexicon) -> bool:
    """ "a second-half goal", "a fourth-quarter touchdown" are halves and quarters of a game."""
    following = text[match.end() : match.end() + 20].lower().split()
    return not following or not any(
        " ".join(following[: len(noun.split())]).strip(".,;:!?") == noun for noun in lexicon.words("match_nouns")
    )


def reference_word(match: re.Match, text: str, lexicon: Lexicon) -> bool:
    """Not "current" in "current account", "soon" in "as soon as", nor "future" in "his future"."""
    word = norm(match["w"])
    if word in lexicon.words("prospect_words"):
        previous = previous_word(text, match.start())
        return previous not in lexicon.words("possessives") and not previous.endswith("'s")
    return not any(
        _phrase_at(text, match.start(), phrase, word) for phrase in lexicon.groups("non_temporal_phrases").get(word, ())
    )


def _phrase_at(text: str, start: int, phrase: str, word: str) -> bool:
    """Whether ``phrase`` stands in the text with its ``word`` at ``start`` (any spacing, any case)."""
    words = phrase.split()
    position = words.index(word.split()[0])
    before_words = re.findall(r"\S+", text[max(0, start - 40) : start])[-position:] if position else []
    after = re.findall(r"\S+", text[start : start + 60])[: len(words) - position]
    found = [w.strip(".,;:!?\"'`\u201c\u201d\u2018\u2019").lower() for w in before_words + after]
    return found == words


def not_generic_era(match: re.Match, text: str, lexicon: Lexicon) -> bool:
    """ "today's youth", "today's personal computers", "the people of tomorrow" name an age, not a day."""
    eras = lexicon.words("era_nouns")
    after = re.match(r"'s\s+([a-z-]+)(?:\s+([a-z]+))?", text[match.end() : match.end() + 40].lower())
    if after and not eras.isdisjoint(after.groups()):
        return False
    of = re.search(r"([a-z]+)\s+of\s+$", before(text, match.start()))
    return not (of and of.group(1) in eras)


def year(match: re.Match, text: str, lexicon: Lexicon) -> bool:
    """A bare four-digit number is a year after a date preposition ("in 2019", "mid-2023")."""
    return previous_word(text, match.start()) in lexicon.words("year_preceders")


def season(match: re.Match, text: str, lexicon: Lexicon) -> bool:
    """ "this spring", "spring 2023", "in summer" are dates; "the fall of Kabul" is not."""
    relation = norm(match["rel"])
    if match["y"] or relation in lexicon.numbers("relative_shifts"):
        return True
    if re.match(r"\s+of\b", text[match.end() : match.end() + 5], re.I):
        return False
    if match["s"].lower() in lexicon.words("ambiguous_seasons"):
        return relation in lexicon.words("edge_modifiers")
    return bool(relation) or previous_word(text, match.start()) in lexicon.words("month_preceders")


CHECKS: dict[str, Check] = {
    function.__name__: function
    for function in (
        bare_month,
        the_unit,
        day_in_focus,
        frequency,
        not_a_rate,
        duration,
        not_age,
        not_compound,
        not_a_gap,
        vague_duration,
        not_of_a_match,
        reference_word,
        not_generic_era,
        year,
        season,
    )
}
