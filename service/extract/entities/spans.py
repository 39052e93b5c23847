"""Mention candidates and the token-level tests on them: cutting and trimming spans, cue words
around a name, the type a name's own words imply, and short forms of a full name."""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy
from spacy.attrs import DEP, HEAD, IS_ALPHA, IS_SPACE, IS_TITLE, IS_UPPER, LIKE_NUM, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc

from newsx.service.domain import EntityType
from newsx.service.extract import document
from newsx.service.extract.entities import lexicon
from newsx.service.extract.entities.gazetteer import demonyms, name_key
from newsx.service.extract.entities.layout import Layout

_SPLIT_TOKENS = frozenset({"(", ")", "[", "]", ";", "|"})
_PRONOUN_WINDOW = 15
_APPOSITION_WORDS = frozenset(
    {"DET", "ADJ", "NOUN", "PROPN", "NUM"}
)  # before the role noun of an apposition  # tokens after a subject searched for the pronoun that refers back to it

# Types whose mentions keep lower-case words and numbers ("Treaty of Rome", "Apollo 11"); titles of
# works also keep a capitalised leading "The" ("The Last Witness").
TITLED_TYPES = frozenset({EntityType.WORK_OF_ART, EntityType.LAW, EntityType.EVENT, EntityType.PRODUCT})
# Our types that newswire benchmarks count as a place (LOC), and those they count as MISC.
PLACE_TYPES = frozenset({EntityType.GPE, EntityType.LOCATION, EntityType.FACILITY})
MISC_TYPES = frozenset(
    {
        EntityType.GROUP,
        EntityType.EVENT,
        EntityType.PRODUCT,
        EntityType.WORK_OF_ART,
        EntityType.LAW,
        EntityType.LANGUAGE,
    }
)
# The type of a place, or of a MISC name, when nothing says which kind it is.
DEFAULT_PLACE_TYPE, DEFAULT_MISC_TYPE = EntityType.GPE, EntityType.EVENT

_LETTER = re.compile(r"[^\W\d_]")  # any letter, in any script
# An empty Counter made without Counter.__init__'s Python frames: a candidate is made for every
# name the model, the tagger or the layout proposes, and most never get a vote.
_NO_VOTES = functools.partial(dict.__new__, Counter)


@dataclass(slots=True)
class MentionCandidate:
    """A token span that may name an entity, with the evidence gathered for its type."""

    start: int  # token offsets
    end: int
    start_char: int
    end_char: int
    key: str
    headline: bool
    votes: Counter = field(default_factory=_NO_VOTES)
    model_label: EntityType | None = None
    tagger_label: str = ""  # the name tagger's class (PER, ORG, LOC, MISC; O: no name; "": no tagger)
    tagger_probability: float = 0.0
    pronoun: str = ""  # how the text refers back to it: "person", "thing" or "" (pronoun_cue)
    cued: EntityType | None = None  # what a title or role, or a noun like "spokesman" after it, says it is


def split_span(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a model span at brackets and line breaks: "World Health Organization (WHO" -> two
    names (the name tagger's spans settle the rest: "Meghna near Chandpur", "Samsung's Galaxy")."""
    pieces, piece_start = [], start
    for i in range(start, end):
        token = doc[i]
        if token.text in _SPLIT_TOKENS or (token.is_space and "\n" in token.text):
            pieces.append((piece_start, i))
            piece_start = i + 1
    pieces.append((piece_start, end))
    return [(s, e) for s, e in pieces if s < e]


def trim_span(doc: Doc, start: int, end: int, entity_type: EntityType | None) -> tuple[int, int]:
    """Token bounds without leading articles, possessive markers, edge punctuation or numbers.

    Names of people, organisations and places also lose lower-case edge words ("Oval on",
    "Elazig province"), except particles such as "von"; titles of works keep them.
    """
    first, last = doc[start], doc[end - 1]
    if (  # the common case, at no cost: capitalised words at both edges
        first.is_alpha
        and last.is_alpha
        and not first.is_lower
        and not last.is_lower
        and (entity_type is not EntityType.PERSON or end - start == 1)
        and first.lower_ not in lexicon.LEADING_ARTICLES
    ):
        return start, end
    titled = entity_type in TITLED_TYPES

    def removable(token, leading: bool) -> bool:
        lower = token.lower_
        if (
            leading
            and lower in lexicon.LEADING_ARTICLES
            and not (entity_type is EntityType.WORK_OF_ART and token.is_title)
        ):
            return True
        if token.is_punct or token.is_space:
            return True
        attached = not leading and token.i > 0 and not doc[token.i - 1].whitespace_  # "Jae-hoon"
        if not titled and token.is_lower and not attached and not (leading and lower in lexicon.NAME_PARTICLES):
            return True
        return not titled and _LETTER.search(token.text) is None

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


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` read from the text: a Span object costs far more than the slice."""
    if start >= end:
        return ""
    last = doc[end - 1]
    return document.doc_text(doc)[doc[start].idx : last.idx + len(last)]


def looks_like_name(text: str) -> bool:
    """A name has a capital letter and at least two letters (drops "the", "3-1", "o")."""
    return any(map(str.isupper, text)) and sum(map(str.isalpha, text)) >= 2


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
    """Title or role before the name ("President X", "his predecessor, X"), or a role in an
    apposition after it ("X, the former chief executive"; not "X, kept the leader's jersey")."""
    if start > 0 and lexicon.person_title(doc[start - 1].lower_):
        return True
    if start > 1 and doc[start - 1].text == "," and doc[start - 2].lower_ in lexicon.PERSON_ROLES:
        return True
    if end < len(doc) and doc[end].text == ",":
        for token in map(doc.__getitem__, range(end + 1, min(end + 5, len(doc)))):
            if token.lower_ in lexicon.PERSON_ROLES:
                return True
            if token.is_punct or (token.pos_ and token.pos_ not in _APPOSITION_WORDS):  # no tags: no check
                break
    return plays_for_cue(doc, end)


def plays_for_cue(doc: Doc, end: int) -> bool:
    """The subject of a verb of playing for a named side ("X scored twice for Leeds", "X, who
    plays for Chelsea"): a player, a person; a side plays against others, not for a named one."""
    head = doc[end - 1]
    verbs = [head.head] if head.dep_ in lexicon.SUBJECT_DEPENDENCIES else []
    verbs += [doc[i] for i in dependents(doc, "relcl").get(head.i, ())]
    if not verbs:
        return False  # most names: neither a subject nor qualified by a relative clause
    return any(
        preposition.lower_ == "for" and any(name.pos_ == "PROPN" for name in preposition.children)
        for verb in verbs
        if verb.lemma_ in lexicon.PERSON_FOR_VERBS
        for preposition in verb.children
        if preposition.dep_ == "prep"
    )


# The word flags ``token_flags`` reads, in the order of its columns.
TOKEN_FLAGS = (IS_SPACE, IS_UPPER, IS_ALPHA, LIKE_NUM, IS_TITLE)


def token_flags(doc: Doc) -> numpy.ndarray:
    """Tokens x ``TOKEN_FLAGS`` (1 where set), read once per Doc: the name tagger and the search
    for missed names both need them, and ``Doc.to_array`` pays a pass over the tokens per flag."""
    found = doc.user_data.get("newsx_token_flags")
    if found is None:
        found = doc.user_data["newsx_token_flags"] = doc.to_array(list(TOKEN_FLAGS))
    return found


# The dependencies whose dependents the cues look up (``dependents``).
_LOOKED_UP_DEPENDENCIES = ("relcl", "conj")


def dependents(doc: Doc, label: str) -> dict[int, list[int]]:
    """The tokens attached by the dependency ``label`` (one of ``_LOOKED_UP_DEPENDENCIES``), in order,
    by the token they hang on; found once per Doc (walking a token's children builds a Token object
    for each)."""
    found = doc.user_data.get("newsx_dependents")
    if found is None:
        table = doc.to_array([DEP, HEAD])
        deps, heads = table[:, 0], table[:, 1].astype(numpy.int64)  # heads: offsets to the head
        found = doc.user_data["newsx_dependents"] = {}
        for name in _LOOKED_UP_DEPENDENCIES:
            by_head: dict[int, list[int]] = found.setdefault(name, {})
            for i in numpy.flatnonzero(deps == get_string_id(name)).tolist():
                by_head.setdefault(i + int(heads[i]), []).append(i)
    return found[label]


def pronoun_cue(doc: Doc, start: int, end: int) -> bool | None:
    """How the text refers back to a name: True as a person ("Smith said he ..."), False as a thing
    ("Barclays said its ...", "Adidas, which ..."), None when it does not say. A subject's next
    pronoun in its sentence is taken to be it."""
    positions, kinds = _pronouns(doc)
    if kinds.get(end + 1) is False and doc[end].text == ",":
        return False
    head = doc[end - 1]
    if head.dep_ not in lexicon.SUBJECT_DEPENDENCIES:
        return None
    at = bisect.bisect_left(positions, end)
    if at == len(positions) or positions[at] >= min(document.sentence_end(doc, head.i), end + _PRONOUN_WINDOW):
        return None
    return kinds[positions[at]]


@functools.lru_cache(maxsize=8)
def hashes_of(words: frozenset[str]) -> numpy.ndarray:
    """The strings as spaCy hashes them, sorted for ``is_among``; worked out once per table."""
    return numpy.sort(numpy.array([get_string_id(word) for word in words], dtype=numpy.uint64))


def is_among(values: numpy.ndarray, hashes: numpy.ndarray) -> numpy.ndarray:
    """``numpy.isin(values, hashes)`` for sorted ``hashes`` (``hashes_of``) by binary search, at a
    quarter of its cost on a document's tokens."""
    if not len(hashes):
        return numpy.zeros(len(values), dtype=bool)
    return hashes[numpy.minimum(numpy.searchsorted(hashes, values), len(hashes) - 1)] == values


def _pronouns(doc: Doc) -> tuple[list[int], dict[int, bool]]:
    """Where the document's person and thing pronouns are (True: a person's), found once per Doc."""
    found = doc.user_data.get("newsx_pronouns")
    if found is None:
        lowers = doc.to_array(LOWER)
        kinds: dict[int, bool] = {}
        for words, kind in ((lexicon.PERSON_PRONOUNS, True), (lexicon.THING_PRONOUNS, False)):
            kinds.update((i, kind) for i in numpy.flatnonzero(is_among(lowers, hashes_of(words))).tolist())
        found = doc.user_data["newsx_pronouns"] = (sorted(kinds), kinds)
    return found


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
    """ "speak Welsh", "Welsh-medium", "Irish speakers"; "written in Latin", "translated into
    Hindi", where no noun follows (in "in Chinese cities" the name is an adjective)."""
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in lexicon.LANGUAGE_BEFORE:
        return True
    if before in lexicon.LANGUAGE_PREPOSITIONS and (end == len(doc) or doc[end].pos_ not in ("NOUN", "PROPN", "ADJ")):
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
    if full[-size:] == words:
        return True
    if full[:size] == words:
        # "Gliese 12" is not short for "Gliese 12 b": a number or letter after a name designates another thing.
        return not all(word.isdigit() or len(word) == 1 for word in full[size:])
    return size == 1 and len(words[0]) >= 2 and words[0].upper() in acronym_of(" ".join(full))


def designation_end(doc: Doc, start: int, end: int) -> int:
    """Where a name at ``start:end`` ends with the number, and letter, that designate one thing of
    its kind ("Gliese 12 b orbits", "the S&P 500 fell", "the FTSE 100 index", "the star Gliese
    12."); ``end`` itself when no such number follows, or the number counts something ("3 points")
    or closes a line or a list of results ("Dharmasena 13 .", "Els 66 , Norman 68")."""
    if end >= len(doc) or not doc[end].text.isdigit() or not doc[end - 1].whitespace_:
        return end
    after = doc[end + 1] if end + 1 < len(doc) else None
    if after is not None and len(after.text) == 1 and after.is_alpha and after.is_lower:
        return end + 2
    if start > 0 and doc[start - 1].lower_ in lexicon.DESIGNATED_KINDS:
        return end + 1  # a kind named with numbers comes before it
    if after is None:
        return end
    designates = after.pos_ in ("VERB", "AUX", "NOUN") and after.tag_ != "NNS" and after.is_lower
    return end + 1 if designates and after.lower_ not in lexicon.COUNT_WORDS else end


def make_candidate(doc: Doc, layout: Layout, start: int, end: int, headline: bool) -> MentionCandidate:
    last = doc[end - 1]
    start_char, end_char = doc[start].idx, last.idx + len(last)
    return MentionCandidate(start, end, start_char, end_char, name_key(layout.text[start_char:end_char]), headline)


def is_acronym(text: str) -> bool:
    return 2 <= len(text) <= 6 and text.isalpha() and text.isupper() and text not in lexicon.COMMON_ABBREVIATIONS
