"""Mention candidates of one document: the model's spans cleaned, cells of tables and datelines,
acronyms the model missed, the votes of the cue words around each, and headline names confirmed."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from newsx.service.domain import EntityType
from newsx.service.extract.entities import lexicon, weights
from newsx.service.extract.entities.gazetteer import Place, name_key
from newsx.service.extract.entities.knowledge import Resources
from newsx.service.extract.entities.layout import Layout, in_ranges
from newsx.service.extract.entities.spans import (
    MentionCandidate,
    designation_end,
    is_acronym,
    is_short_form,
    language_cue,
    looks_like_name,
    make_candidate,
    name_word_type,
    org_follower_cue,
    person_cue,
    place_noun_cue,
    pronoun_cue,
    span_text,
    split_span,
    team_cue,
    trim_span,
)
from newsx.service.extract.entities.tagged import tagger_vote
from newsx.service.extract.headline_words import HeadlineWords

_EXTENDING_TYPES = frozenset({EntityType.EVENT, EntityType.ORGANIZATION, EntityType.LAW})
_MAX_PARTICLES = 3


def model_candidates(doc: Doc, layout: Layout) -> list[MentionCandidate]:
    """The model's entity spans of our types, split and trimmed."""
    candidates = []
    for ent in doc.ents:
        entity_type = lexicon.MODEL_LABEL_TYPES.get(ent.label_)
        if entity_type is None:
            continue
        for piece_start, piece_end in split_span(doc, ent.start, ent.end):
            start, end = trim_span(doc, piece_start, piece_end, entity_type)
            if start >= end:
                continue
            candidate = make_candidate(doc, layout, start, end, False)
            if looks_like_name(layout.text[candidate.start_char : candidate.end_char]):
                candidate.headline = in_ranges(layout.headlines, candidate.start_char)
                candidate.model_label = entity_type
                if not candidate.headline:  # on headline lines a label must be confirmed (confirmed_candidates)
                    candidate.votes[entity_type] += weights.MODEL_VOTE
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
            and lexicon.last_word_type(doc[end].text) in _EXTENDING_TYPES
        ):
            extended = make_candidate(doc, layout, candidate.start, end + 1, False)
            extended.votes, extended.model_label = candidate.votes, candidate.model_label
            candidate = extended
        previous = joined[-1] if joined else None
        # Particles between two pieces of a name are a few words at most ("von der", "bin").
        close = previous is not None and candidate.start - previous.end <= _MAX_PARTICLES
        between = [t.lower_ for t in doc[previous.end : candidate.start]] if previous is not None and close else []
        if (
            previous is not None
            and between == ["of"]
            and lexicon.last_word_type(doc[previous.end - 1].text) is EntityType.ORGANIZATION
            and not candidate.headline
        ):
            # "National Observatory" + "of" + "Athens": one organisation named after its place.
            merged = make_candidate(doc, layout, previous.start, candidate.end, previous.headline)
            merged.votes = Counter({EntityType.ORGANIZATION: weights.ORG_CUE_VOTE + weights.NAME_WORD_VOTE})
            merged.model_label = EntityType.ORGANIZATION
            joined[-1] = merged
        elif previous is not None and between and all(word in lexicon.NAME_PARTICLES for word in between):
            merged = make_candidate(doc, layout, previous.start, candidate.end, previous.headline)
            merged.votes = previous.votes + candidate.votes + Counter({EntityType.PERSON: weights.PERSON_CUE_VOTE})
            merged.model_label = EntityType.PERSON
            joined[-1] = merged
        else:
            joined.append(candidate)
    return joined


# A mixed-case initialism: three to six letters, capital at both ends, a small letter between ("PwC",
# "KfW"). The pattern opens with its capital, not a look-behind, so that the engine skips ahead fast.
_INITIALISM = re.compile(r"[A-Z](?<![\w&.-][A-Z])(?=[A-Za-z]{2,5}(?![\w&-]))[A-Za-z]*[a-z][A-Za-z]*[A-Z](?![\w&-])")


def initialism_candidates(
    doc: Doc, layout: Layout, candidates: list[MentionCandidate], gazetteer: dict[str, Place]
) -> list[MentionCandidate]:
    """The mixed-case initialisms of running text as organisations' short names ("PwC audited",
    "KfW said"): added where neither the model nor the tagger took them for names, voted for where
    one did (places are not written so)."""
    at = {i: c for c in candidates for i in range(c.start, c.end)}  # token -> candidate
    added = []
    for match in _INITIALISM.finditer(layout.text):
        span = doc.char_span(match.start(), match.end())
        if span is None or match.group() in lexicon.COMMON_ABBREVIATIONS or in_ranges(layout.headlines, match.start()):
            continue
        taken = at.get(span.start)
        if taken is not None:
            if (taken.start, taken.end) == (span.start, span.end) and taken.key not in gazetteer:
                taken.votes[EntityType.ORGANIZATION] += weights.INITIALISM_VOTE  # "PwC" the model calls a place
            continue
        candidate = make_candidate(doc, layout, span.start, span.end, False)
        candidate.votes[EntityType.ORGANIZATION] += weights.INITIALISM_VOTE
        if sum(candidate.votes.values()) > 0:  # a candidate with no evidence is none
            added.append(candidate)
    return sorted(candidates + added, key=lambda c: c.start) if added else candidates


def with_designations(
    doc: Doc, layout: Layout, candidates: list[MentionCandidate], gazetteer: dict[str, Place]
) -> list[MentionCandidate]:
    """Names extended over the number, and letter, that designate one thing of their kind
    (``designation_end``); not places ("Japan 2"), nor cells of tables."""
    extended = []
    for candidate in candidates:
        end = designation_end(doc, candidate.start, candidate.end)
        if end > candidate.end and candidate.start_char not in layout.cells and candidate.key not in gazetteer:
            longer = make_candidate(doc, layout, candidate.start, end, candidate.headline)
            longer.votes, longer.model_label = candidate.votes, candidate.model_label
            longer.tagger_label, longer.tagger_probability = candidate.tagger_label, candidate.tagger_probability
            candidate = longer
        extended.append(candidate)
    return extended


def layout_candidates(
    doc: Doc, layout: Layout, candidates: list[MentionCandidate], gazetteer: dict[str, Place]
) -> list[MentionCandidate]:
    """Replace model spans inside table cells and datelines by the whole cell or place.

    A cell keeps the model labels of the spans it replaces as votes; the place of a dateline is
    a GPE, a team in a score line an organisation, and a cell the model missed gets the type the
    model gave most table names that are not places (players' names in a leaderboard).
    """
    cells = [(start, end, weights.DATELINE_VOTE, EntityType.GPE) for start, end in layout.datelines]
    cells += [
        (start, end, weights.RESULTS_TABLE_VOTE if scores else 0.0, _team_type(layout.text[start:end], gazetteer))
        for start, end, scores in layout.table_names
    ]
    if not cells:
        return candidates
    kept, made = list(candidates), list[MentionCandidate]()
    for start_char, end_char, vote, entity_type in cells:
        span = doc.char_span(start_char, end_char, alignment_mode="contract")
        if span is None:
            continue
        start, end = trim_span(doc, span.start, span.end, None)
        if start >= end or not looks_like_name(span_text(doc, start, end)):
            continue
        if any(other.start < end and start < other.end for other in made):
            continue  # a dateline in a table-like line
        cell = make_candidate(doc, layout, start, end, in_ranges(layout.headlines, doc[start].idx))
        for candidate in kept:
            if candidate.start < end and start < candidate.end:
                cell.votes.update(candidate.votes)
                cell.model_label = cell.model_label or candidate.model_label
                cell.tagger_label = cell.tagger_label or candidate.tagger_label
                cell.tagger_probability = max(cell.tagger_probability, candidate.tagger_probability)
        if vote:
            cell.votes[entity_type] += vote
        kept = [c for c in kept if not (c.start < end and start < c.end)]
        made.append(cell)
    kept += [cell for cell in made if cell.votes]
    kept.sort(key=lambda c: c.start)
    return kept


def _team_type(name: str, gazetteer: dict[str, Place]) -> EntityType:
    """A team in a results table is an organisation, but a national team is its country (GPE), as
    newswire annotation has it ("Japan 2 Syria 1")."""
    place = gazetteer.get(name_key(name))
    return EntityType.GPE if place is not None and place.kind == "country" else EntityType.ORGANIZATION


def add_cue_votes(doc: Doc, candidate: MentionCandidate, layout: Layout, resources: Resources) -> None:
    """Votes from the words around one mention, and for an acronym in a Title Case headline."""
    start, end, votes = candidate.start, candidate.end, candidate.votes
    gazetteer = resources.gazetteer
    if person_cue(doc, start, end):
        votes[EntityType.PERSON] += weights.PERSON_CUE_VOTE
        candidate.cued = EntityType.PERSON
    if org_follower_cue(doc, end):
        votes[EntityType.ORGANIZATION] += weights.ORG_CUE_VOTE
        candidate.cued = EntityType.ORGANIZATION
    place = gazetteer.get(candidate.key)
    if (
        start > 0
        and doc[start - 1].text == "The"
        and not doc[start - 1].is_sent_start
        and not (place is not None and place.kind in ("country", "state", "city"))  # "The Hague"
    ):
        votes[EntityType.ORGANIZATION] += weights.TITLE_ARTICLE_VOTE  # "told The Sun", "in The Times"
    refers = pronoun_cue(doc, start, end)
    candidate.pronoun = "" if refers is None else "person" if refers else "thing"
    if refers is not None:
        votes[EntityType.PERSON if refers else EntityType.ORGANIZATION] += weights.PRONOUN_CUE_VOTE
    if place_noun_cue(doc, start, end) or (
        place is not None
        and place.kind in ("country", "state", "city")
        and start > 0
        and doc[start - 1].lower_ in lexicon.PLACE_PREPOSITIONS
    ):
        votes[EntityType.GPE] += weights.PLACE_CUE_VOTE
    if place is not None and place.kind in ("city", "state") and team_cue(doc, end):
        votes[EntityType.ORGANIZATION] += weights.ORG_CUE_VOTE
    if candidate.key in resources.languages and language_cue(doc, start, end):
        votes[EntityType.LANGUAGE] += weights.LANGUAGE_CUE_VOTE
    token = doc[start]
    if (
        candidate.model_label is not None
        and candidate.headline
        and end - start == 1
        and is_acronym(token.text)
        and candidate.key not in gazetteer
        and not in_ranges(layout.all_caps, token.idx)
    ):
        votes[EntityType.ORGANIZATION] += weights.ORG_CUE_VOTE


def confirmed_candidates(
    doc: Doc,
    layout: Layout,
    candidates: list[MentionCandidate],
    gazetteer: dict[str, Place],
    headline_words: HeadlineWords | None,
) -> list[MentionCandidate]:
    """Drop names on headline lines that nothing confirms.

    Confirmation: the same name or its full form in the body, the gazetteer (a country, region
    or nationality; a town must be in the body), a cue word, or a
    last word typical of names ("Party", "Inc"). A headline span that holds a body name among
    other words ("Brussels Summit" beside "Brussels") ran too far: it goes, and the body name is
    found again in the headline later; so is one cut from a body name whose first words precede
    it ("EAST" of "MIDDLE EAST"). One that holds the word the headline's word order makes its verb
    ("Minister Resigns Amid Expenses Scandal") is no name, whatever cue precedes it; a company
    named after the verb stays ("Court Fines Boots Plc").
    """
    body_keys = {c.key for c in candidates if not c.headline}
    body_words = [key.split() for key in body_keys]
    kept = []
    for candidate in candidates:
        place = gazetteer.get(candidate.key)
        # Towns named like common words ("Man", "Reading") need the body; countries and regions do not.
        known = place is not None and place.kind not in ("city", "state")
        if not candidate.headline or candidate.key in body_keys or known:
            kept.append(candidate)
            continue
        words = candidate.key.split()
        if any(_contains_run(words, body) or _cut_from(doc, candidate, words, body) for body in body_words):
            continue
        if headline_words is not None and (verb := _clause_verb(doc, candidate, headline_words)) is not None:
            # "Minister Resigns Amid Expenses Scandal": the span ran over its clause's verb; what
            # follows the verb stands as a name when a company suffix says so ("Fines Boots Plc").
            rest = make_candidate(doc, layout, verb + 1, candidate.end, True) if candidate.end - verb > 2 else None
            if rest is not None and name_word_type(rest.key.split()) is EntityType.ORGANIZATION:
                kept.append(rest)
            continue
        # The tagger's own vote confirms nothing: on a Title Case line every word looks like a name.
        tagged = tagger_vote(candidate.tagger_probability) if candidate.tagger_label not in ("", "O") else 0.0
        cued = sum(candidate.votes.values()) - tagged > 1e-9
        named = len(words) <= 4 and name_word_type(words) is not None
        if cued or named or any(is_short_form(words, full) for full in body_words):
            kept.append(candidate)
    return kept


def _clause_verb(doc: Doc, candidate: MentionCandidate, headline_words: HeadlineWords) -> int | None:
    """The token of a headline span that is its clause's verb, if it holds one."""
    return next((i for i in range(candidate.start, candidate.end) if headline_words.verb_here(doc[i])), None)


def _cut_from(doc: Doc, candidate: MentionCandidate, words: list[str], body: list[str]) -> bool:
    """Whether the words before a headline span complete it to the body name ``body``."""
    size = len(body) - len(words)
    if size <= 0 or body[size:] != words or candidate.start < size:
        return False
    return [token.lower_ for token in doc[candidate.start - size : candidate.start]] == body[:size]


def _contains_run(words: list[str], part: list[str]) -> bool:
    """Whether ``part`` occurs as a contiguous, shorter run of ``words``."""
    size = len(part)
    return size < len(words) and any(words[i : i + size] == part for i in range(len(words) - size + 1))
