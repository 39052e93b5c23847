"""Mention candidates and the token-level tests on them: cutting and trimming spans, cue words
around a name, the type a name's own words imply, and short forms of a full name."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsx.service.domain import EntityType
from newsx.service.extract.entities import lexicon
from newsx.service.extract.entities.gazetteer import demonyms, name_key
from newsx.service.extract.entities.layout import Layout

_SPLIT_TOKENS = frozenset({"(", ")", "[", "]", ";", "|"})

# Types whose mentions keep lower-case words and numbers ("Treaty of Rome", "Apollo 11"); titles of
# works also keep a capitalised leading "The" ("The Last Witness").
TITLED_TYPES = frozenset({EntityType.WORK_OF_ART, EntityType.LAW, EntityType.EVENT, EntityType.PRODUCT})


@dataclass(slots=True)
class MentionCandidate:
    """A token span that may name an entity, with the evidence gathered for its type."""

    start: int  # token offsets
    end: int
    start_char: int
    end_char: int
    key: str
    headline: bool
    votes: Counter = field(default_factory=Counter)
    model_label: EntityType | None = None


def split_span(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a model span at brackets, line breaks, a preposition no name holds, and an inner
    possessive before a capital.

    "World Health Organization (WHO" -> two names; "Samsung's Galaxy" -> "Samsung", "Galaxy";
    "Meghna near Chandpur" -> two places; "Swedish People's Party" stays whole.
    """
    pieces, piece_start = [], start
    last_type = lexicon.last_word_type(doc[end - 1].text)
    titled_name = last_type in (EntityType.LAW, EntityType.EVENT)
    for i in range(start, end):
        token = doc[i]
        cut = token.text in _SPLIT_TOKENS or (token.is_space and "\n" in token.text)
        cut = cut or (not titled_name and token.lower_ in lexicon.NAME_BREAKING_WORDS and token.is_lower)
        cut = cut or (
            not titled_name
            and token.lower_ in lexicon.POSSESSIVE_MARKERS
            and i + 1 < end
            and doc[i + 1].text[:1].isupper()
            and not (i > start and doc[i - 1].lower_ in lexicon.POSSESSIVE_NAME_WORDS and last_type is not None)
        )
        if cut:
            pieces.append((piece_start, i))
            piece_start = i + 1
    pieces.append((piece_start, end))
    return [(s, e) for s, e in pieces if s < e]


def trim_span(doc: Doc, start: int, end: int, entity_type: EntityType | None) -> tuple[int, int]:
    """Token bounds without leading articles, possessive markers, edge punctuation or numbers.

    Names of people, organisations and places also lose lower-case edge words ("Oval on",
    "Elazig province"), except particles such as "von"; titles of works keep them.
    """
    titled = entity_type in TITLED_TYPES

    def removable(token, leading: bool) -> bool:
        lower = token.lower_
        if (
            leading
            and lower in lexicon.LEADING_ARTICLES
            and not (entity_type is EntityType.WORK_OF_ART and token.is_title)
        ):
            return True
        if not leading and lower in lexicon.POSSESSIVE_MARKERS:
            return True
        if token.is_punct or token.is_space:
            return True
        attached = not leading and token.i > 0 and not doc[token.i - 1].whitespace_  # "Jae-hoon"
        if not titled and token.is_lower and not attached and not (leading and lower in lexicon.NAME_PARTICLES):
            return True
        return not titled and not any(ch.isalpha() for ch in token.text)

    while start < end and removable(doc[start], leading=True):
        start += 1
    # A capitalised role at a sentence start belongs to the sentence, not the name ("Striker Diego
    # Martinez"), and so does a nationality before a full name ("Spaniard Miguel Serrano"); short
    # demonyms are first names too ("Finn Michael Murphy") and stay.
    while (
        entity_type is EntityType.PERSON
        and end - start > 1
        and (
            lexicon.person_title(doc[start].lower_)
            or (end - start > 2 and len(doc[start].text) > 4 and name_key(doc[start].text) in demonyms())
        )
    ):
        start += 1
    while end > start and removable(doc[end - 1], leading=False):
        end -= 1
    return start, end


def looks_like_name(text: str) -> bool:
    """A name has a capital letter and at least two letters (drops "the", "3-1", "o")."""
    return any(ch.isupper() for ch in text) and sum(ch.isalpha() for ch in text) >= 2


@functools.lru_cache(maxsize=16384)
def acronym_of(text: str) -> frozenset[str]:
    """Initials a multi-word name may be abbreviated to ("European Union" -> {"EU"})."""
    words = [word for word in re.split(r"[\s-]+", text) if word]
    if len(words) < 2:
        return frozenset()
    content = "".join(word[0] for word in words if word.lower() not in lexicon.ACRONYM_SKIP_WORDS)
    every = "".join(word[0] for word in words)
    return frozenset({content.upper(), every.upper()})


def person_cue(doc: Doc, start: int, end: int) -> bool:
    """Title or role before the name ("President X", "his predecessor, X"), or a role after it."""
    if start > 0 and lexicon.person_title(doc[start - 1].lower_):
        return True
    if start > 1 and doc[start - 1].text == "," and doc[start - 2].lower_ in lexicon.PERSON_ROLES:
        return True
    if end < len(doc) and doc[end].text == ",":
        for token in doc[end + 1 : end + 5]:
            if token.is_punct:
                break
            if token.lower_ in lexicon.PERSON_ROLES:
                return True
    return False


def org_follower_cue(doc: Doc, end: int) -> bool:
    """A noun after the name that belongs to organisations ("Kremlin spokesman", "BRICS summit")."""
    return end < len(doc) and doc[end].lower_ in lexicon.ORGANISATION_FOLLOWERS


def place_noun_cue(doc: Doc, start: int, end: int) -> bool:
    """ "the town of X" or "X province": the name is a political place."""
    before = start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in lexicon.PLACE_NOUNS
    after = end < len(doc) and doc[end].lower_ in lexicon.GPE_LAST_WORDS
    return before or after


def team_cue(doc: Doc, end: int) -> bool:
    """The name plays against someone ("against Leeds", "a win over Bolton"): a team named after its town."""
    head = doc[end - 1]
    return (
        head.dep_ == "pobj"
        and head.head.lower_ in ("against", "over")
        and head.head.head.lemma_ not in lexicon.NON_CONTEST_HEADS
    )


def language_cue(doc: Doc, start: int, end: int) -> bool:
    """ "speak Welsh", "Welsh-medium", "Irish speakers"."""
    if start > 0 and doc[start - 1].lower_ in lexicon.LANGUAGE_BEFORE:
        return True
    following = doc[end : end + 2]
    return any(token.lower_ in lexicon.LANGUAGE_AFTER for token in following)


def name_word_type(words: list[str]) -> EntityType | None:
    """The type that the first or last word of a multi-word name implies, if any."""
    if len(words) < 2:
        return None
    if words[0].lower() in lexicon.LOCATION_FIRST_WORDS:
        return EntityType.LOCATION
    return lexicon.last_word_type(words[-1])


def is_short_form(words: list[str], full: list[str]) -> bool:
    """Whether ``words`` shorten ``full``: its last words (a surname), its first words ("Halvorsen"
    of "Halvorsen Semiconductor Inc"), or its initials ("EU")."""
    size = len(words)
    if size >= len(full):
        return False
    if full[:size] == words or full[-size:] == words:
        return True
    return size == 1 and len(words[0]) >= 2 and words[0].upper() in acronym_of(" ".join(full))


def make_candidate(doc: Doc, layout: Layout, start: int, end: int, headline: bool) -> MentionCandidate:
    last = doc[end - 1]
    start_char, end_char = doc[start].idx, last.idx + len(last)
    return MentionCandidate(start, end, start_char, end_char, name_key(layout.text[start_char:end_char]), headline)


def is_acronym(text: str) -> bool:
    return 2 <= len(text) <= 6 and text.isalpha() and text.isupper() and text not in lexicon.COMMON_ABBREVIATIONS
