"""Grouping mentions into referents (same name, one country, short forms, acronyms) and finding
further mentions of known names and gazetteer places that the model missed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy
from spacy.tokens import Doc

from newsx.service.domain import EntityType
from newsx.service.extract.entities import lexicon, weights
from newsx.service.extract.entities.gazetteer import Place, name_key
from newsx.service.extract.entities.knowledge import Resources
from newsx.service.extract.entities.layout import Layout, in_ranges
from newsx.service.extract.entities.spans import (
    MentionCandidate,
    acronym_of,
    designation_end,
    is_acronym,
    is_short_form,
    make_candidate,
    name_word_type,
    span_text,
    token_flags,
)
from newsx.service.extract.entities.tagged import TAGGER_TYPES

_MAX_NAME_TOKENS = 6  # longest token run looked up when searching names the model missed


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


def group_candidates(
    doc: Doc, candidates: list[MentionCandidate], gazetteer: dict[str, Place]
) -> list[list[MentionCandidate]]:
    """Join candidates that name one referent: same key, same country, short form, acronym."""
    groups = _Groups(len(candidates))
    first_by_key: dict[str, int] = {}
    by_start = {c.start: index for index, c in enumerate(candidates)}
    for index, candidate in enumerate(candidates):
        place = gazetteer.get(candidate.key)
        key = _sense_key(candidate, place, _qualifier(doc, candidate.end, gazetteer) if place is not None else "")
        if key in first_by_key:
            groups.union(first_by_key[key], index)
        else:
            first_by_key[key] = index
        # "the Islamic Revolutionary Guard Corps (IRGC)": the bracketed acronym is the same referent
        # (but not the country in "Greg Norman (Australia)").
        end = candidate.end
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and end + 1 in by_start:
            bracketed = candidates[by_start[end + 1]]
            if bracketed.end == end + 2 and is_acronym(doc[end + 1].text) and bracketed.key not in gazetteer:
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
        linked = {other for handle in {words[0], words[-1]} for other in full_forms.get(handle, ())}
        fulls = [
            other
            for other in linked
            if is_short_form(words, words_of[other])
            and (_may_be_short_form(candidate, gazetteer) or _surname_of(candidate, candidates[other], gazetteer))
        ]
        if fulls:
            best = max(fulls, key=lambda other: _full_form_rank(candidate, candidates[other], mentions))
            groups.union(best, index)
    by_root: dict[int, list[MentionCandidate]] = {}
    for index, candidate in enumerate(candidates):
        by_root.setdefault(groups.find(index), []).append(candidate)
    return list(by_root.values())


def _qualifier(doc: Doc, end: int, gazetteer: dict[str, Place]) -> str:
    """The country or state written after a place's name and a comma ("Perth, Scotland"), if any."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return ""
    for size in (2, 1):
        if end + 1 + size > len(doc) or not doc[end + 1].is_title:
            continue
        key = name_key(span_text(doc, end + 1, end + 1 + size))
        place = gazetteer.get(key)
        if place is not None and place.kind in ("country", "state"):
            return key
    return ""


def _place_group_key(key: str, place: Place | None) -> str:
    """Mentions of one country are one referent whatever their spelling."""
    return f"country:{place.country_code}" if place is not None and place.kind == "country" else key


def _sense_key(candidate: MentionCandidate, place: Place | None, qualifier: str = "") -> str:
    """The group key of a mention, with the sense of a name that has two: a town qualified by its
    country or state ("Perth, Scotland") is that town; a town's name the tagger reads as an
    organisation is its club or team, a nationality that a cue makes a language ("speak Welsh")
    is the language, apart from the town and the people."""
    key = _place_group_key(candidate.key, place)
    if qualifier:
        return f"{key}, {qualifier}"
    if place is not None and place.kind in ("city", "state") and candidate.tagger_label == "ORG":
        return f"team:{key}"
    if candidate.votes.get(EntityType.LANGUAGE, 0) > 0 and place is not None and place.kind == "demonym":
        return f"language:{key}"
    return key


def _may_be_short_form(candidate: MentionCandidate, gazetteer: dict[str, Place]) -> bool:
    """Places keep their own referent ("Madrid" is not "Real Madrid") unless cues say person."""
    place = gazetteer.get(candidate.key)
    if place is None:
        return True
    if place.kind in ("country", "demonym", "region"):
        return False
    # A headline mention has no votes yet: the model's label says how it leans.
    top = max(candidate.votes.items(), key=lambda item: item[1], default=(candidate.model_label, 0))[0]
    return top not in (EntityType.GPE, EntityType.LOCATION)


def _surname_of(short: MentionCandidate, full: MentionCandidate, gazetteer: dict[str, Place]) -> bool:
    """A town's name after a person's full name that ends in it is that person ("Mendoza" after
    "Carlos Mendoza"), as news names people in full first."""
    place = gazetteer.get(short.key)
    leans = full.model_label or TAGGER_TYPES.get(full.tagger_label)
    return (
        place is not None
        and place.kind in ("city", "state")
        and leans is EntityType.PERSON
        and full.start < short.start
        and full.key.split()[-1] == short.key
    )


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
    _space, upper, alpha, _number, title = token_flags(doc).T.astype(bool)
    starts = numpy.flatnonzero((title | upper) & alpha & ~covered).tolist()
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
        designated = designation_end(doc, start, end)
        if designated > end and key not in gazetteer and doc[start].idx not in layout.cells:
            # "Gliese 12 b" beside "Gliese 12": a thing of its own, not a mention of the name it starts with
            candidate = make_candidate(doc, layout, start, designated, headline)
            candidate.votes = sum((c.votes for c in group or ()), Counter())
            new_groups.setdefault(candidate.key, []).append(candidate)
            next_free = designated
            continue
        candidate = make_candidate(doc, layout, start, end, headline)
        if group is None:
            place = gazetteer[key]
            candidate.votes[weights.GAZETTEER_TYPES[place.kind]] += weights.gazetteer_vote(
                place.kind, place.recoverable
            )
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
            if is_acronym(doc[full.start].text):
                names.by_acronym.setdefault(doc[full.start].text, group)
            continue
        leaning = _leaning(group)
        short_forms = []
        if leaning is EntityType.PERSON:
            short_forms = [words[0], words[-1]]
        for short in short_forms:
            if len(short) > 2 and short not in lexicon.NAME_PARTICLES and short not in names.by_key:
                names.by_key[short] = group
        if leaning is not EntityType.PERSON:
            for acronym in acronym_of(layout.text[full.start_char : full.end_char]):
                names.by_initials.setdefault(acronym, group)
    return names


def _leaning(group: list[MentionCandidate]) -> EntityType | None:
    """The type the group's votes favour: their sum as ``sum(votes, Counter())`` gives it (each
    step keeps only positive totals), written out because Counter's ``+`` is slow."""
    votes: dict[EntityType, float] = {}
    for candidate in group:
        other = candidate.votes
        total = {label: count for label, vote in votes.items() if (count := vote + other.get(label, 0)) > 0}
        total.update((label, vote) for label, vote in other.items() if label not in votes and vote > 0)
        votes = total
    return max(votes, key=votes.__getitem__) if votes else None


def _longest_match(doc, start, covered, names: _KnownNames, gazetteer, headline: bool):
    """(end, key, group) of the longest known name or place starting at ``start``, or None."""
    words = []  # the tokens a name can span from ``start``: up to a covered token or blank space
    for i in range(start, min(len(doc), start + _MAX_NAME_TOKENS)):
        token = doc[i]
        if covered[i] or token.is_space:
            break
        words.append(token)
    if not words:
        return None
    first = words[0]
    for stop in range(start + len(words), start, -1):
        last = words[stop - start - 1]
        if not (last.is_title or last.is_upper):
            continue
        text = span_text(doc, start, stop)
        key = name_key(text)
        group = names.by_key.get(key)
        if group is not None and (stop - start > 1 or _proper_noun_here(first, headline)):
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
            # a headline's words are all capitalised: a town or state there is one the body names
            and (place.kind not in ("city", "state") or (not headline and _proper_noun_here(first, headline)))
        ):
            return stop, key, None
    return None


def _proper_noun_here(token, headline: bool) -> bool:
    """Whether a capitalised word names something: mid-sentence in running text it does; at the
    start of a sentence only if the tagger calls it a proper noun ("Nice" in "Nice weather" is
    not); on headline lines every word is capitalised, so we trust the name."""
    return headline or not token.is_sent_start or token.pos_ == "PROPN"
