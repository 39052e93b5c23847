"""Named entities: one record per real-world referent, with every mention of it.

spaCy's small model finds most names but types them unevenly within one article, misses acronyms
and places, and invents organisations in Title Case or ALL CAPS headlines. This component takes its
spans as one source of evidence and decides at document level:

1. clean the model's spans (no leading "the", no possessive "'s", no trailing scores, split at
   brackets and line breaks) and add names it missed: acronyms acting as organisations, places of
   datelines, names in tables of results;
2. keep names from headline-styled lines only when the body, the gazetteer or a cue confirms them;
3. group mentions of one referent (same name, one country, short forms of a full name, acronyms);
4. find further mentions of known names and gazetteer places the model missed;
5. type each referent by weighted vote: model labels, cue words around its mentions, its name's
   last word, the gazetteer;
6. score salience and confidence and attach country codes.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy
from spacy.attrs import IS_ALPHA, IS_TITLE, IS_UPPER
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from newsx.service.domain import Entity, EntityType, Mention
from newsx.service.domain import Span as TextSpan
from newsx.service.extract import document
from newsx.service.extract.entities import resources as res

SPAN_GROUP = "newsx_entities"

# Vote weights: how much each piece of evidence counts for a type of its referent.
MODEL_VOTE = 1.0
HEADLINE_MODEL_VOTE = 0.5  # the model is unreliable on Title Case and ALL CAPS lines
SHORT_FORM_MODEL_VOTE = 0.5  # "Pezeshkian" alone is often mistyped; its full name decides
PERSON_CUE_VOTE = 2.0
ORG_CUE_VOTE = 1.5
PLACE_CUE_VOTE = 1.5
LANGUAGE_CUE_VOTE = 2.0
DATELINE_VOTE = 3.0
RESULTS_TABLE_VOTE = 2.0
TABLE_COLUMN_VOTE = 0.5  # a name cell the model missed takes the usual type of the table's names
NAME_WORD_VOTE = 2.0
LANGUAGE_NAME_VOTE = 0.5
UNINTRODUCED_PERSON_DISCOUNT = 0.5  # per model PERSON label of a one-word name that is a town
GAZETTEER_VOTES = {"country": 3.0, "demonym": 3.0, "region": 3.0, "state": 1.5, "city": 1.25}
GAZETTEER_TYPES = {
    "country": EntityType.GPE,
    "state": EntityType.GPE,
    "city": EntityType.GPE,
    "region": EntityType.LOCATION,
    "demonym": EntityType.GROUP,
}

# Salience weights (they add up to 1, so salience stays in [0, 1]).
SALIENCE_WEIGHTS = {"count": 0.45, "position": 0.25, "title": 0.15, "subject": 0.15}

# Types whose mentions keep lower-case words and numbers ("Treaty of Rome", "Apollo 11"); titles of
# works also keep a capitalised leading "The" ("The Last Witness").
TITLED_TYPES = frozenset({EntityType.WORK_OF_ART, EntityType.LAW, EntityType.EVENT, EntityType.PRODUCT})

_MAX_NAME_TOKENS = 6  # longest token run looked up when searching names the model missed
_MOSTLY = 0.5
_MAX_HEADLINE_CHARS = 200  # longer lines are paragraphs, neither headlines nor table rows
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[a-z0-9)\]] ?[.!?][\"'’”]?\s*$")  # "... on Monday." ends prose, "Trump Jr." does not
_DATELINE = re.compile(r"^\s*([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2})(?:\s*,\s*[A-Z][\w.' ]*?)?\s*(\d|\(|-+\s|—)")
# Three or more words without lower-case letters in a row, e.g. a headline run into its body.
_CAPS_RUN = re.compile(r"(?<!\S)(?:[^\sa-z]+\s+){2,}[^\sa-z]+(?!\S)")
_CAPS_WORD = re.compile(r"(?<!\S)[A-Z][A-Z'.&-]+(?!\S)")
_ISO_DATELINE = re.compile(
    r"(?<!\S)([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2})(?:\s*,\s*[A-Z][\w.' ]*?)?\s+\d{4}-\d\d-\d\d\b"
)
_LOWER_WORD = re.compile(r"\s*\S*[a-z]")
_TABLE_NUMBER = re.compile(r"^[\d.,:/+-]*\d[\d.,:/+-]*$")
_TABLE_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.)$")
_SPLIT_TOKENS = frozenset({"(", ")", "[", "]", ";", "|"})
_EXTENDING_TYPES = frozenset({EntityType.EVENT, EntityType.ORGANIZATION, EntityType.LAW})


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


@dataclass(slots=True)
class Layout:
    """The analysed text (``doc.text`` is rebuilt on every access), and where it is not running
    prose: headline lines, ALL CAPS lines, datelines, tables."""

    text: str
    headlines: list[tuple[int, int]]  # title, ALL CAPS and Title Case lines
    all_caps: list[tuple[int, int]]
    datelines: list[tuple[int, int]]  # the place at the start of a dateline
    table_names: list[tuple[int, int, bool]]  # name cells of result tables; True when a score line


def text_layout(text: str, title_end: int = 0) -> Layout:
    """Find headline-styled lines, datelines and tables of results in the analysed text.

    On ALL CAPS and Title Case lines capitalisation says nothing about names. A Title Case line has
    at least three longer words, nearly all capitalised, and neither digits nor commas (a table of
    scores or a list of names is not a headline). Text whose line breaks were lost still shows ALL CAPS headlines as runs
    of capitalised words, and datelines as a place before an ISO date.
    """
    layout = Layout(text, [], [], [], [])
    for line in _LINE.finditer(text):
        line_text = line.group()
        start = line.start()
        all_caps = line_text.isupper() and sum(ch.isalpha() for ch in line_text) >= 4
        dateline = _DATELINE.match(line_text)
        # "LONDON 1996-08-30", "BONN (Reuters) -", and "PARIS - ..." before running text (an ALL CAPS
        # "SOCCER - JAPAN WIN" is a headline with its topic, not a dateline).
        running_text = _LOWER_WORD.match(line_text, dateline.end()) if dateline else None
        if dateline and (dateline.group(2)[0].isdigit() or dateline.group(2) == "(" or running_text):
            layout.datelines.append((start + dateline.start(1), start + dateline.end(1)))
        if all_caps:
            layout.all_caps.append(line.span())
            layout.headlines.append(line.span())
            continue
        for run in _CAPS_RUN.finditer(line_text) if start >= title_end else ():
            if len(_CAPS_WORD.findall(run.group())) >= 3:
                span = (start + run.start(), start + run.end())
                layout.all_caps.append(span)
                layout.headlines.append(span)
        for place in _ISO_DATELINE.finditer(line_text, 1 if dateline else 0):
            layout.datelines.append((start + place.start(1), start + place.end(1)))
        if len(line_text) > _MAX_HEADLINE_CHARS and start >= title_end:
            continue  # a paragraph of running text
        long_words = [word for word in _WORD.findall(line_text) if len(word) >= 4]
        capitalised = sum(word[0].isupper() for word in long_words)
        has_digit = _DIGIT.search(line_text) is not None
        title_case = (
            len(long_words) >= 3
            and capitalised >= 0.8 * len(long_words)
            and not (
                # A sentence full of names ("Angela Merkel visited Paris on Monday.") is prose: it ends
                # like one and keeps a lower-case word; and text that is one line has no body to head.
                (_SENTENCE_END.search(line_text) and _has_lower_content_word(line_text))
                or line_text.strip() == text.strip()
            )
        )
        if start < title_end or (title_case and not has_digit and "," not in line_text):
            layout.headlines.append(line.span())
        elif has_digit:
            layout.table_names.extend(table_name_cells(line_text, start))
    caps_chars = sum(end - start for start, end in layout.all_caps)
    if caps_chars > _MOSTLY * len(text):
        # A text written all in capitals has no headlines to tell apart: all of it is the body
        # (its words stay ALL CAPS, so none of them counts as an acronym).
        caps = set(layout.all_caps)
        layout.headlines = [r for r in layout.headlines if r not in caps or r[0] < title_end]
    layout.headlines = _merged(layout.headlines)
    layout.all_caps = _merged(layout.all_caps)
    layout.datelines.sort()
    return layout


_TITLE_CASE_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of off on onto or per the to up via vs with".split()
)


def _has_lower_content_word(line: str) -> bool:
    """Whether the line keeps a lower-case word that Title Case would capitalise ("met", "visited")."""
    return any(word[0].islower() and word not in _TITLE_CASE_SMALL_WORDS for word in _WORD.findall(line))


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint ranges covering the same characters."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def table_name_cells(line: str, offset: int = 0) -> list[tuple[int, int, bool]]:
    """Name cells of a line made only of capitalised names, numbers and punctuation.

    "Ajax Amsterdam 3 Feyenoord 1" gives two cells, flagged as a score line (name, number, name,
    number), as is a standings row (a name and five or more numbers) whose names are teams.
    """
    cells: list[tuple[int, int]] = []
    pattern: list[str] = []
    current: list[int] | None = None
    for match in re.finditer(r"\S+", line):
        word = match.group()
        if _TABLE_NAME_WORD.match(word) or (current is not None and word.lower() in res.NAME_PARTICLES):
            if current is None:
                current = [match.start(), match.end()]
                pattern.append("N")
            else:
                current[1] = match.end()
            continue
        if current is not None:
            cells.append((current[0], current[1]))
            current = None
        if _TABLE_NUMBER.match(word):
            pattern.append("9")
        elif any(ch.isalnum() for ch in word):
            return []
    if current is not None:
        cells.append((current[0], current[1]))
    shape = "".join(pattern)
    if not cells or "9" not in shape:
        return []
    names = {line[start:end] for start, end in cells}
    scores = (shape == "N9N9" and len(names) == 2) or (shape.startswith("N99999") and shape.count("N") == 1)
    return [(offset + start, offset + end, scores) for start, end in cells]


def in_ranges(ranges: list[tuple[int, int]], char: int) -> bool:
    """Whether a character offset lies in one of the sorted, disjoint ranges."""
    position = bisect.bisect_right(ranges, (char, math.inf)) - 1
    return position >= 0 and ranges[position][0] <= char < ranges[position][1]


def split_span(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a model span at brackets, line breaks, a preposition no name holds, and an inner
    possessive before a capital.

    "World Health Organization (WHO" -> two names; "Samsung's Galaxy" -> "Samsung", "Galaxy";
    "Meghna near Chandpur" -> two places; "Swedish People's Party" stays whole.
    """
    pieces, piece_start = [], start
    last_type = last_word_type(doc[end - 1].text)
    titled_name = last_type in (EntityType.LAW, EntityType.EVENT)
    for i in range(start, end):
        token = doc[i]
        cut = token.text in _SPLIT_TOKENS or (token.is_space and "\n" in token.text)
        cut = cut or (not titled_name and token.lower_ in res.NAME_BREAKING_WORDS and token.is_lower)
        cut = cut or (
            not titled_name
            and token.lower_ in res.POSSESSIVE_MARKERS
            and i + 1 < end
            and doc[i + 1].text[:1].isupper()
            and not (i > start and doc[i - 1].lower_ in res.POSSESSIVE_NAME_WORDS and last_type is not None)
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
        if leading and lower in res.LEADING_ARTICLES and not (entity_type is EntityType.WORK_OF_ART and token.is_title):
            return True
        if not leading and lower in res.POSSESSIVE_MARKERS:
            return True
        if token.is_punct or token.is_space:
            return True
        attached = not leading and token.i > 0 and not doc[token.i - 1].whitespace_  # "Jae-hoon"
        if not titled and token.is_lower and not attached and not (leading and lower in res.NAME_PARTICLES):
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
            doc[start].lower_ in res.PERSON_TITLES
            or (end - start > 2 and len(doc[start].text) > 4 and res.name_key(doc[start].text) in res.demonyms())
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
    content = "".join(word[0] for word in words if word.lower() not in res.ACRONYM_SKIP_WORDS)
    every = "".join(word[0] for word in words)
    return frozenset({content.upper(), every.upper()})


def person_cue(doc: Doc, start: int, end: int) -> bool:
    """Title or role before the name ("President X", "his predecessor, X"), or a role after it."""
    if start > 0 and doc[start - 1].lower_ in res.PERSON_TITLES:
        return True
    if start > 1 and doc[start - 1].text == "," and doc[start - 2].lower_ in res.PERSON_ROLE_NOUNS:
        return True
    if end < len(doc) and doc[end].text == ",":
        for token in doc[end + 1 : end + 5]:
            if token.is_punct:
                break
            if token.lower_ in res.PERSON_ROLE_NOUNS:
                return True
    return False


def org_follower_cue(doc: Doc, end: int) -> bool:
    """A noun after the name that belongs to organisations ("Kremlin spokesman", "BRICS summit")."""
    return end < len(doc) and doc[end].lower_ in res.ORG_FOLLOWERS


def place_noun_cue(doc: Doc, start: int, end: int) -> bool:
    """ "the town of X" or "X province": the name is a political place."""
    before = start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in res.PLACE_NOUNS
    after = end < len(doc) and doc[end].lower_ in res.GPE_SUFFIXES
    return before or after


def team_cue(doc: Doc, end: int) -> bool:
    """The name beats, loses to or plays against someone: a team named after its town."""
    head = doc[end - 1]
    if head.dep_ in ("nsubj", "dobj") and head.head.lemma_ in res.CONTEST_VERBS:
        return True
    return (
        head.dep_ == "pobj"
        and head.head.lower_ in ("against", "over")
        and head.head.head.lemma_ not in res.NON_CONTEST_HEADS
    )


def language_cue(doc: Doc, start: int, end: int) -> bool:
    """ "speak Welsh", "Welsh-medium", "Irish speakers"."""
    if start > 0 and doc[start - 1].lower_ in res.LANGUAGE_BEFORE:
        return True
    following = doc[end : end + 2]
    return any(token.lower_ in res.LANGUAGE_AFTER for token in following)


_SUFFIX_TYPES = (
    (res.ORG_SUFFIXES, EntityType.ORGANIZATION),
    (res.LAW_SUFFIXES, EntityType.LAW),
    (res.EVENT_SUFFIXES, EntityType.EVENT),
    (res.GPE_SUFFIXES, EntityType.GPE),
    (res.LOCATION_SUFFIXES, EntityType.LOCATION),
    (res.FACILITY_SUFFIXES, EntityType.FACILITY),
)


def last_word_type(word: str) -> EntityType | None:
    """The type a name ending in this word has ("... Party", "... Act", "... Stadium")."""
    lower = word.lower()
    return next((entity_type for words, entity_type in _SUFFIX_TYPES if lower in words), None)


def name_word_type(words: list[str]) -> EntityType | None:
    """The type that the first or last word of a multi-word name implies, if any."""
    if len(words) < 2:
        return None
    if words[0].lower() in res.LOCATION_PREFIXES:
        return EntityType.LOCATION
    return last_word_type(words[-1])


def is_short_form(words: list[str], full: list[str]) -> bool:
    """Whether ``words`` shorten ``full``: its last words (a surname), its first words ("Halvorsen"
    of "Halvorsen Semiconductor Inc"), or its initials ("EU")."""
    size = len(words)
    if size >= len(full):
        return False
    if full[:size] == words or full[-size:] == words:
        return True
    return size == 1 and len(words[0]) >= 2 and words[0].upper() in acronym_of(" ".join(full))


class _Groups:
    """Union-find over mention candidates: each root is one referent."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, keep: int, other: int) -> None:
        keep_root, other_root = self.find(keep), self.find(other)
        if keep_root != other_root:
            self.parent[other_root] = keep_root


@dataclass(frozen=True, slots=True)
class Resources:
    """Look-up tables the extractor needs, built once per pipeline."""

    gazetteer: dict[str, res.Place]
    languages: frozenset[str] = frozenset()

    @classmethod
    def load(cls) -> Resources:
        return cls(res.place_gazetteer(), res.language_names())


class EntityExtractor:
    """Finds entities and sets ``doc._.newsx_entities`` and ``doc.spans["newsx_entities"]``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.resources = Resources.load()

    def __call__(self, doc: Doc) -> Doc:
        entities, spans = extract_entities(doc, self.resources)
        doc._.newsx_entities = entities
        doc.spans[SPAN_GROUP] = SpanGroup(doc, name=SPAN_GROUP, spans=spans)
        return doc


# spaCy forbids "." in factory names, so the brief's "newsx.entities.v1" is spelt with underscores.
FACTORY_NAME = "newsx_entities_v1"


@Language.factory(FACTORY_NAME, default_config={})
def make_entity_extractor(nlp: Language, name: str) -> EntityExtractor:
    return EntityExtractor(nlp, name)


def extract_entities(doc: Doc, resources: Resources) -> tuple[list[Entity], list[Span]]:
    """Entities of a parsed Doc (sorted by salience) and one labelled span per mention."""
    gazetteer = resources.gazetteer
    layout = text_layout(document.doc_text(doc), doc._.newsx_title_end)
    candidates = join_name_particles(doc, layout, model_candidates(doc, layout))
    candidates = layout_candidates(doc, layout, candidates, gazetteer)
    candidates += acronym_candidates(doc, layout, candidates, gazetteer)
    for candidate in candidates:
        add_cue_votes(doc, candidate, layout, resources)
    candidates = confirmed_candidates(candidates, gazetteer)
    groups = group_candidates(doc, candidates, gazetteer)
    groups = find_missed_mentions(doc, layout, groups, resources)
    return build_entities(doc, groups, resources)


def model_candidates(doc: Doc, layout: Layout) -> list[MentionCandidate]:
    """The model's entity spans of our types, split and trimmed."""
    candidates = []
    for ent in doc.ents:
        entity_type = res.MODEL_LABEL_TYPES.get(ent.label_)
        if entity_type is None:
            continue
        for piece_start, piece_end in split_span(doc, ent.start, ent.end):
            start, end = trim_span(doc, piece_start, piece_end, entity_type)
            if start >= end:
                continue
            candidate = _candidate(doc, layout, start, end, False)
            if looks_like_name(layout.text[candidate.start_char : candidate.end_char]):
                candidate.headline = in_ranges(layout.headlines, candidate.start_char)
                candidate.model_label = entity_type
                candidate.votes[entity_type] += HEADLINE_MODEL_VOTE if candidate.headline else MODEL_VOTE
                candidates.append(candidate)
    return candidates


def join_name_particles(doc: Doc, layout: Layout, candidates: list[MentionCandidate]) -> list[MentionCandidate]:
    """Rejoin a name the model cut at its particles ("Ursula von der" + "Leyen"), and extend one
    it cut before a typical last word of names ("U.S." + "Open", "U.S." + "Senate")."""
    starts = {candidate.start for candidate in candidates}
    joined: list[MentionCandidate] = []
    for candidate in candidates:
        end = candidate.end
        if (
            not candidate.headline
            and end < len(doc)
            and end not in starts
            and doc[end].is_title
            and last_word_type(doc[end].text) in _EXTENDING_TYPES
        ):
            extended = _candidate(doc, layout, candidate.start, end + 1, False)
            extended.votes, extended.model_label = candidate.votes, candidate.model_label
            candidate = extended
        previous = joined[-1] if joined else None
        between = doc[previous.end : candidate.start] if previous is not None else None
        if (
            between is not None
            and [t.lower_ for t in between] == ["of"]
            and last_word_type(doc[previous.end - 1].text) is EntityType.ORGANIZATION
            and not candidate.headline
        ):
            # "National Observatory" + "of" + "Athens": one organisation named after its place.
            merged = _candidate(doc, layout, previous.start, candidate.end, previous.headline)
            merged.votes = Counter({EntityType.ORGANIZATION: ORG_CUE_VOTE + NAME_WORD_VOTE})
            merged.model_label = EntityType.ORGANIZATION
            joined[-1] = merged
        elif between is not None and len(between) and all(t.lower_ in res.NAME_PARTICLES for t in between):
            merged = _candidate(doc, layout, previous.start, candidate.end, previous.headline)
            merged.votes = previous.votes + candidate.votes + Counter({EntityType.PERSON: PERSON_CUE_VOTE})
            merged.model_label = EntityType.PERSON
            joined[-1] = merged
        else:
            joined.append(candidate)
    return joined


def _candidate(doc: Doc, layout: Layout, start: int, end: int, headline: bool) -> MentionCandidate:
    last = doc[end - 1]
    start_char, end_char = doc[start].idx, last.idx + len(last)
    return MentionCandidate(start, end, start_char, end_char, res.name_key(layout.text[start_char:end_char]), headline)


def layout_candidates(
    doc: Doc, layout: Layout, candidates: list[MentionCandidate], gazetteer: dict[str, res.Place]
) -> list[MentionCandidate]:
    """Replace model spans inside table cells and datelines by the whole cell or place.

    A cell keeps the model labels of the spans it replaces as votes; the place of a dateline is
    a GPE, a team in a score line an organisation, and a cell the model missed gets the type the
    model gave most table names that are not places (players' names in a leaderboard).
    """
    cells = [(start, end, DATELINE_VOTE, EntityType.GPE) for start, end in layout.datelines]
    cells += [
        (start, end, RESULTS_TABLE_VOTE if scores else 0.0, _team_type(layout.text[start:end], gazetteer))
        for start, end, scores in layout.table_names
    ]
    if not cells:
        return candidates
    kept, made = list(candidates), []
    for start_char, end_char, vote, entity_type in cells:
        span = doc.char_span(start_char, end_char, alignment_mode="contract")
        if span is None:
            continue
        start, end = trim_span(doc, span.start, span.end, None)
        if start >= end or not looks_like_name(doc[start:end].text):
            continue
        if any(other.start < end and start < other.end for other in made):
            continue  # a dateline in a table-like line
        cell = _candidate(doc, layout, start, end, in_ranges(layout.headlines, doc[start].idx))
        for candidate in kept:
            if candidate.start < end and start < candidate.end:
                cell.votes.update(candidate.votes)
                cell.model_label = cell.model_label or candidate.model_label
        if vote:
            cell.votes[entity_type] += vote
        kept = [c for c in kept if not (c.start < end and start < c.end)]
        made.append(cell)
    labels = Counter(c.model_label for c in made if c.model_label is not None and c.key not in gazetteer)
    if labels:
        column_label = labels.most_common(1)[0][0]
        for cell in made:
            if not cell.votes:
                cell.votes[column_label] += TABLE_COLUMN_VOTE
    kept += [cell for cell in made if cell.votes]
    kept.sort(key=lambda c: c.start)
    return kept


def _team_type(name: str, gazetteer: dict[str, res.Place]) -> EntityType:
    """A team in a results table is an organisation, but a national team is its country (GPE), as
    newswire annotation has it ("Japan 2 Syria 1")."""
    place = gazetteer.get(res.name_key(name))
    return EntityType.GPE if place is not None and place.kind == "country" else EntityType.ORGANIZATION


def acronym_candidates(
    doc: Doc, layout: Layout, found: list[MentionCandidate], gazetteer: dict[str, res.Place]
) -> list[MentionCandidate]:
    """All-caps acronyms the model missed, when they act as an organisation.

    Acting as one: defined in brackets after a name ("... Corps (IRGC)"), followed by an
    organisation noun ("BRICS summit"), preceded by "the", the subject of a verb, or standing out
    in a Title Case headline ("NASA and ESA Delay ...").
    """
    covered = numpy.zeros(len(doc), dtype=bool)
    for candidate in found:
        covered[candidate.start : candidate.end] = True
    flags = doc.to_array([IS_UPPER, IS_ALPHA])
    positions = numpy.flatnonzero(flags[:, 0] & flags[:, 1] & ~covered)
    result = []
    for i in positions.tolist():
        token = doc[i]
        if not 2 <= len(token.text) <= 6 or token.text in res.COMMON_ABBREVIATIONS:
            continue
        if in_ranges(layout.all_caps, token.idx) or res.name_key(token.text) in gazetteer:
            continue
        acting = (
            in_ranges(layout.headlines, token.idx)
            or org_follower_cue(doc, i + 1)
            or (i > 0 and doc[i - 1].lower_ in ("the", "("))
            or token.dep_ in res.SUBJECT_DEPENDENCIES
        )
        if acting:
            candidate = _candidate(doc, layout, i, i + 1, in_ranges(layout.headlines, token.idx))
            candidate.votes[EntityType.ORGANIZATION] += ORG_CUE_VOTE
            result.append(candidate)
    return result


def add_cue_votes(doc: Doc, candidate: MentionCandidate, layout: Layout, resources: Resources) -> None:
    """Votes from the words around one mention, and for an acronym in a Title Case headline."""
    start, end, votes = candidate.start, candidate.end, candidate.votes
    gazetteer = resources.gazetteer
    if person_cue(doc, start, end):
        votes[EntityType.PERSON] += PERSON_CUE_VOTE
    if org_follower_cue(doc, end):
        votes[EntityType.ORGANIZATION] += ORG_CUE_VOTE
    place = gazetteer.get(candidate.key)
    if place_noun_cue(doc, start, end) or (
        place is not None
        and place.kind in ("country", "state", "city")
        and start > 0
        and doc[start - 1].lower_ in res.PLACE_PREPOSITIONS
    ):
        votes[EntityType.GPE] += PLACE_CUE_VOTE
    if place is not None and place.kind in ("city", "state") and team_cue(doc, end):
        votes[EntityType.ORGANIZATION] += ORG_CUE_VOTE
    if candidate.key in resources.languages and language_cue(doc, start, end):
        votes[EntityType.LANGUAGE] += LANGUAGE_CUE_VOTE
    token = doc[start]
    if (
        candidate.model_label is not None
        and candidate.headline
        and end - start == 1
        and _is_acronym(token.text)
        and candidate.key not in gazetteer
        and not in_ranges(layout.all_caps, token.idx)
    ):
        votes[EntityType.ORGANIZATION] += ORG_CUE_VOTE


def _is_acronym(text: str) -> bool:
    return 2 <= len(text) <= 6 and text.isalpha() and text.isupper() and text not in res.COMMON_ABBREVIATIONS


def confirmed_candidates(candidates: list[MentionCandidate], gazetteer: dict[str, res.Place]) -> list[MentionCandidate]:
    """Drop names on headline lines that nothing confirms.

    Confirmation: the same name or its full form in the body, the gazetteer, a cue word, or a
    last word typical of names ("Party", "Inc"). A headline span that holds a body name among
    other words ("Brussels Summit" beside "Brussels") ran too far: it goes, and the body name is
    found again in the headline later.
    """
    body_keys = {c.key for c in candidates if not c.headline}
    body_words = [key.split() for key in body_keys]
    kept = []
    for candidate in candidates:
        if not candidate.headline or candidate.key in body_keys or candidate.key in gazetteer:
            kept.append(candidate)
            continue
        words = candidate.key.split()
        if any(_contains_run(words, body) for body in body_words):
            continue
        model_vote = HEADLINE_MODEL_VOTE if candidate.model_label is not None else 0.0
        cued = sum(candidate.votes.values()) > model_vote
        named = len(words) <= 4 and name_word_type(words) is not None
        if cued or named or any(is_short_form(words, full) for full in body_words):
            kept.append(candidate)
    return kept


def _contains_run(words: list[str], part: list[str]) -> bool:
    """Whether ``part`` occurs as a contiguous, shorter run of ``words``."""
    size = len(part)
    return size < len(words) and any(words[i : i + size] == part for i in range(len(words) - size + 1))


def group_candidates(
    doc: Doc, candidates: list[MentionCandidate], gazetteer: dict[str, res.Place]
) -> list[list[MentionCandidate]]:
    """Join candidates that name one referent: same key, same country, short form, acronym."""
    groups = _Groups(len(candidates))
    first_by_key: dict[str, int] = {}
    by_start = {c.start: index for index, c in enumerate(candidates)}
    for index, candidate in enumerate(candidates):
        place = gazetteer.get(candidate.key)
        key = _place_group_key(candidate.key, place)
        if key in first_by_key:
            groups.union(first_by_key[key], index)
        else:
            first_by_key[key] = index
        # "the Islamic Revolutionary Guard Corps (IRGC)": the bracketed acronym is the same referent
        # (but not the country in "Greg Norman (Australia)").
        end = candidate.end
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and end + 1 in by_start:
            bracketed = candidates[by_start[end + 1]]
            if bracketed.end == end + 2 and _is_acronym(doc[end + 1].text) and bracketed.key not in gazetteer:
                groups.union(index, by_start[end + 1])

    words_of = {index: candidates[index].key.split() for index in first_by_key.values()}
    mentions = Counter(candidate.key for candidate in candidates)
    # Possible full forms, indexed by their first word, last word and acronyms.
    full_forms: dict[str, list[int]] = {}
    for index, words in words_of.items():
        if len(words) > 1:
            for handle in {words[0], words[-1], *(a.lower() for a in acronym_of(candidates[index].key))}:
                full_forms.setdefault(handle, []).append(index)
    for index in sorted(words_of, key=lambda i: len(words_of[i])):
        candidate, words = candidates[index], words_of[index]
        if not _may_be_short_form(candidate, gazetteer):
            continue
        fulls = {other for handle in {words[0], words[-1]} for other in full_forms.get(handle, ())}
        fulls = [other for other in fulls if is_short_form(words, words_of[other])]
        if fulls:
            best = max(fulls, key=lambda other: _full_form_rank(candidate, candidates[other], mentions))
            groups.union(best, index)
    by_root: dict[int, list[MentionCandidate]] = {}
    for index, candidate in enumerate(candidates):
        by_root.setdefault(groups.find(index), []).append(candidate)
    return list(by_root.values())


def _place_group_key(key: str, place: res.Place | None) -> str:
    return f"country:{place.country_code}" if place is not None and place.kind == "country" else key


def _may_be_short_form(candidate: MentionCandidate, gazetteer: dict[str, res.Place]) -> bool:
    """Places keep their own referent ("Madrid" is not "Real Madrid") unless cues say person."""
    place = gazetteer.get(candidate.key)
    if place is None:
        return True
    if place.kind in ("country", "demonym", "region"):
        return False
    top = max(candidate.votes.items(), key=lambda item: item[1], default=(None, 0))[0]
    return top not in (EntityType.GPE, EntityType.LOCATION)


def _full_form_rank(short: MentionCandidate, full: MentionCandidate, mentions: Counter):
    """Prefer the full form of the same model label, then a typical name word, then frequency."""
    same_label = short.model_label is not None and short.model_label == full.model_label
    return (same_label, name_word_type(full.key.split()) is not None, mentions[full.key], -full.start)


def find_missed_mentions(
    doc: Doc, layout: Layout, groups: list[list[MentionCandidate]], resources: Resources
) -> list[list[MentionCandidate]]:
    """Add capitalised token runs that repeat a known name, a short form or acronym of one, or
    name a gazetteer place.

    The longest match wins; names must start and end with a capitalised token so that common
    words ("may", "us") in running text never match.
    """
    gazetteer = resources.gazetteer
    names = _known_names(doc, layout, groups)
    covered = numpy.zeros(len(doc), dtype=bool)
    for group in groups:
        for candidate in group:
            covered[candidate.start : candidate.end] = True
    flags = doc.to_array([IS_TITLE, IS_UPPER, IS_ALPHA])
    starts = numpy.flatnonzero((flags[:, 0] | flags[:, 1]) & flags[:, 2] & ~covered).tolist()
    new_groups: dict[str, list[MentionCandidate]] = {}
    next_free = 0
    for start in starts:
        if start < next_free:
            continue
        headline = in_ranges(layout.headlines, doc[start].idx)
        match = _longest_match(doc, start, covered, names, gazetteer, headline)
        if match is None:
            continue
        end, key, group = match
        candidate = _candidate(doc, layout, start, end, headline)
        if group is None:
            place = gazetteer[key]
            candidate.votes[GAZETTEER_TYPES[place.kind]] += GAZETTEER_VOTES[place.kind]
            group = new_groups.setdefault(_place_group_key(key, place), [])
        group.append(candidate)
        next_free = end
    return groups + list(new_groups.values())


@dataclass(slots=True)
class _KnownNames:
    by_key: dict[str, list[MentionCandidate]]  # full names and their short forms
    by_initials: dict[str, list[MentionCandidate]]  # "EU" -> the group named "European Union"
    by_acronym: dict[str, list[MentionCandidate]]  # acronyms seen in the text -> their group


def _known_names(doc: Doc, layout: Layout, groups: list[list[MentionCandidate]]) -> _KnownNames:
    """Names to look for: every mention's key, the surname and first name of people, the first
    word of companies ("Daesung" for "Daesung Microsystems Ltd"), and acronyms both ways."""
    names = _KnownNames({}, {}, {})
    for group in groups:
        for candidate in group:
            names.by_key.setdefault(candidate.key, group)
    for group in groups:
        full = max(group, key=lambda c: len(c.key.split()))
        words = full.key.split()
        if len(words) == 1:
            if _is_acronym(doc[full.start].text):
                names.by_acronym.setdefault(doc[full.start].text, group)
            continue
        leaning = _leaning(group)
        short_forms = []
        if leaning is EntityType.PERSON:
            short_forms = [words[0], words[-1]]
        elif leaning is EntityType.ORGANIZATION and words[-1] in res.CORPORATE_SUFFIXES:
            untailed = list(words)
            while len(untailed) > 1 and untailed[-1] in res.CORPORATE_SUFFIXES:
                untailed.pop()
            short_forms = [words[0], " ".join(untailed)]
        for short in short_forms:
            if len(short) > 2 and short not in res.NAME_PARTICLES and short not in names.by_key:
                names.by_key[short] = group
        if leaning is not EntityType.PERSON:
            for acronym in acronym_of(layout.text[full.start_char : full.end_char]):
                names.by_initials.setdefault(acronym, group)
    return names


def _leaning(group: list[MentionCandidate]) -> EntityType | None:
    votes = sum((candidate.votes for candidate in group), Counter())
    return max(votes, key=votes.get) if votes else None


def _longest_match(doc, start, covered, names: _KnownNames, gazetteer, headline: bool):
    """(end, key, group) of the longest known name or place starting at ``start``, or None."""
    limit = min(len(doc), start + _MAX_NAME_TOKENS)
    end = start
    while end < limit and not covered[end] and not doc[end].is_space:
        end += 1
    for stop in range(end, start, -1):
        last = doc[stop - 1]
        if not (last.is_title or last.is_upper):
            continue
        text = doc[start:stop].text
        key = res.name_key(text)
        group = names.by_key.get(key)
        if group is not None and (stop - start > 1 or _proper_noun_here(doc[start], headline)):
            return stop, key, group
        if stop - start == 1 and text in names.by_initials:
            return stop, key, names.by_initials[text]
        if stop - start > 1 and not headline:
            group = next((names.by_acronym[a] for a in acronym_of(text) if a in names.by_acronym), None)
            if group is not None:
                return stop, key, group
        place = gazetteer.get(key)
        if (
            place is not None
            and place.recoverable
            and (place.kind not in ("city", "state") or _proper_noun_here(doc[start], headline))
        ):
            return stop, key, None
    return None


def _proper_noun_here(token, headline: bool) -> bool:
    """Whether a capitalised word names something: mid-sentence in running text it does; at the
    start of a sentence only if the tagger calls it a proper noun ("Nice" in "Nice weather" is
    not); on headline lines every word is capitalised, so we trust the name."""
    return headline or not token.is_sent_start or token.pos_ == "PROPN"


def resolve_type(
    group: list[MentionCandidate], gazetteer: dict[str, res.Place], languages: frozenset[str] = frozenset()
) -> tuple[EntityType, float]:
    """The referent's type by weighted vote, and the share of the votes it won."""
    votes: Counter = Counter()
    longest_words = max(len(c.key.split()) for c in group)
    for candidate in group:
        votes.update(candidate.votes)
        label = candidate.model_label
        # Short forms ("Pezeshkian" beside "Masud Pezeshkian") count less than the full name.
        if label is not None and not candidate.headline and len(candidate.key.split()) < longest_words:
            votes[label] -= MODEL_VOTE - SHORT_FORM_MODEL_VOTE
    longest = max(group, key=lambda c: len(c.key.split()))
    word_type = name_word_type(longest.key.split())
    if word_type is not None:
        votes[word_type] += NAME_WORD_VOTE
    keys = {c.key for c in group}
    kinds = {place.kind for key in keys if (place := gazetteer.get(key)) is not None}
    for kind in kinds:
        votes[GAZETTEER_TYPES[kind]] += GAZETTEER_VOTES[kind]
    if longest_words == 1 and kinds & {"city", "state"}:
        # News introduces people by full name; a town's name never so introduced is rarely a person.
        persons = sum(c.model_label is EntityType.PERSON for c in group)
        votes[EntityType.PERSON] -= UNINTRODUCED_PERSON_DISCOUNT * persons
    if keys & languages:
        votes[EntityType.LANGUAGE] += LANGUAGE_NAME_VOTE
    votes = Counter({label: vote for label, vote in votes.items() if vote > 0})
    if not votes:
        return EntityType.ORGANIZATION, 0.0
    # Ties go to the model's label of the fullest mention.
    winner, top = max(votes.items(), key=lambda item: (item[1], item[0] == longest.model_label))
    return winner, top / sum(votes.values())


def build_entities(
    doc: Doc, groups: list[list[MentionCandidate]], resources: Resources
) -> tuple[list[Entity], list[Span]]:
    """Entity records sorted by salience, ids in that order, and their mention spans."""
    gazetteer = resources.gazetteer
    text = document.doc_text(doc)
    title_end = doc._.newsx_title_end  # document.in_title, without an extension look-up per mention
    drafts = []
    for group in groups:
        group.sort(key=lambda c: c.start)
        entity_type, agreement = resolve_type(group, gazetteer, resources.languages)
        mentions = [
            Mention(
                text=text[c.start_char : c.end_char],
                span=TextSpan(c.start_char, c.end_char),
                sentence_index=document.sentence_index(doc, c.start),
                in_title=c.start_char < title_end,
            )
            for c in group
        ]
        name = canonical_name([m.text for m in mentions])
        entity = Entity(
            id="",
            type=entity_type,
            name=name,
            mentions=mentions,
            country_code=_country_code(entity_type, [res.name_key(name)] + [c.key for c in group], gazetteer),
            confidence=_confidence(agreement, group),
        )
        # A name's head is its last token ("Vladimir Putin" -> "Putin").
        subject = any(doc[c.end - 1].dep_ in res.SUBJECT_DEPENDENCIES for c in group)
        drafts.append((entity, group, subject))
    if not drafts:
        return [], []
    max_count = max(len(entity.mentions) for entity, _, _ in drafts)
    length = max(len(text), 1)
    for entity, _, subject in drafts:
        entity.salience = salience(
            len(entity.mentions),
            max_count,
            entity.mentions[0].span.start / length,
            any(m.in_title for m in entity.mentions),
            subject,
        )
    drafts.sort(key=lambda draft: (-draft[0].salience, draft[0].mentions[0].span.start))
    entities, spans = [], []
    for number, (entity, group, _) in enumerate(drafts, start=1):
        entity.id = f"e{number}"
        entities.append(entity)
        spans.extend(Span(doc, c.start, c.end, label=entity.type.value, span_id=entity.id) for c in group)
    spans.sort(key=lambda span: span.start)
    return entities, spans


def canonical_name(texts: list[str]) -> str:
    """The most complete proper form: most words, mixed case preferred, then most frequent."""
    counts = Counter(texts)
    return max(counts, key=lambda text: (len(text.split()), not text.isupper(), len(text), counts[text]))


def _country_code(entity_type: EntityType, keys: list[str], gazetteer: dict[str, res.Place]) -> str:
    if entity_type not in (EntityType.GPE, EntityType.LOCATION, EntityType.GROUP):
        return ""
    for key in keys:
        place = gazetteer.get(key)
        if place is None or not place.country_code:
            continue
        if (entity_type is EntityType.GROUP) == (place.kind == "demonym"):
            return place.country_code
    return ""


def _confidence(agreement: float, group: list[MentionCandidate]) -> float:
    """Agreement of the evidence, and how much evidence there is (mentions the model saw)."""
    seen_by_model = sum(candidate.model_label is not None for candidate in group)
    support = min(1.0, (seen_by_model + 0.5 * (len(group) - seen_by_model)) / 3)
    return round(0.3 + 0.4 * agreement + 0.3 * support, 3)


def salience(count: int, max_count: int, first_position: float, in_title: bool, subject: bool) -> float:
    """Weighted mix of frequency, earliness, presence in the title and subject role, in [0, 1]."""
    weights = SALIENCE_WEIGHTS
    score = (
        weights["count"] * (math.log1p(count) / math.log1p(max_count))
        + weights["position"] * (1.0 - min(max(first_position, 0.0), 1.0))
        + weights["title"] * in_title
        + weights["subject"] * subject
    )
    return round(min(max(score, 0.0), 1.0), 4)
