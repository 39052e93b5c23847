"""The name tagger's spans merged with the model's candidates.

The tagger (``tagger``) knows newswire's layouts and conventions; spaCy's model knows more of
today's names and the fine types. Where they overlap the tagger's bounds usually win, but a model
span that holds the tagger's pieces of one name ("Council" + "European Union" in "Council of the
European Union", "Manchester Police" in "Greater Manchester Police") stays whole. Each candidate
records the tagger's class and gets a vote for it that grows with the tagger's certainty.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsx.service.domain import EntityType
from newsx.service.extract.entities import lexicon, weights
from newsx.service.extract.entities.gazetteer import Place
from newsx.service.extract.entities.layout import Layout, in_ranges
from newsx.service.extract.entities.spans import (
    DEFAULT_MISC_TYPE,
    DEFAULT_PLACE_TYPE,
    MISC_TYPES,
    PLACE_TYPES,
    MentionCandidate,
    looks_like_name,
    make_candidate,
    name_word_type,
    span_text,
    trim_span,
)
from newsx.service.extract.entities.tagger import TaggedSpan

# The tagger's classes as our types; a place's and a MISC name's type is settled by other evidence.
TAGGER_TYPES = {"PER": EntityType.PERSON, "ORG": EntityType.ORGANIZATION, "LOC": EntityType.GPE}


def tagged_candidates(
    doc: Doc, layout: Layout, candidates: list[MentionCandidate], tagged: list[TaggedSpan], gazetteer: dict[str, Place]
) -> list[MentionCandidate]:
    """The candidates with the tagger's spans merged in: a tagged span replaces the model's spans it
    overlaps and keeps their votes and label; every candidate records the tagger's class ("O" where
    it saw no name)."""
    if not tagged:
        return candidates
    at: dict[int, MentionCandidate] = {i: c for c in candidates for i in range(c.start, c.end)}  # token -> candidate
    for span in whole_names(doc, layout, candidates, tagged):
        start, end = span.start, span.end
        overlapping = list({id(c): c for i in range(start, end) if (c := at.get(i)) is not None}.values())
        if not overlapping and end - start == 1 and doc[start].is_sent_start and doc[start].pos_ != "PROPN":
            continue  # a capitalised word opening a sentence ("Lawyers said ...") that only the tagger reads as a name
        if span_text(doc, start, end) in lexicon.COMMON_ABBREVIATIONS:
            continue  # "CEO", "GDP": no name
        candidate = next((c for c in overlapping if (c.start, c.end) == (start, end)), None)
        if candidate is None:
            candidate = make_candidate(doc, layout, start, end, in_ranges(layout.headlines, doc[start].idx))
            for other in overlapping:
                candidate.votes.update(other.votes)
                candidate.model_label = candidate.model_label or other.model_label
                for i in range(other.start, other.end):
                    del at[i]
            at.update((i, candidate) for i in range(start, end))
        candidate.tagger_label, candidate.tagger_probability = span.label, span.probability
        entity_type = tagged_type(span.label, candidate, gazetteer)
        if entity_type is not None:
            candidate.votes[entity_type] += tagger_vote(span.probability)
    kept = sorted({id(c): c for c in at.values()}.values(), key=lambda c: c.start)
    for candidate in kept:
        candidate.tagger_label = candidate.tagger_label or "O"
    return kept


def whole_names(
    doc: Doc, layout: Layout, candidates: list[MentionCandidate], tagged: list[TaggedSpan]
) -> list[TaggedSpan]:
    """The tagger's spans trimmed, a compound's name cut from it ("Shenzhen" of "Shenzhen-based",
    with no class: the tagger's was the compound's), and the pieces of one name that a model span
    holds joined as that span (its class is its last piece's, the head of an English name)."""
    trimmed = [cut for span in tagged if (cut := _trimmed(doc, span)) is not None]
    at = {i: index for index, span in enumerate(trimmed) for i in range(span.start, span.end)}  # token -> span
    spans: list[TaggedSpan | None] = list(trimmed)
    for candidate in candidates:
        start, end = candidate.start, candidate.end
        if end - start == 1:  # most names: one token, no set to sort
            indices = [at[start]] if start in at else []
        else:
            indices = sorted({at[i] for i in range(start, end) if i in at})
        pieces = [span for index in indices if (span := spans[index]) is not None]
        if not pieces or (len(pieces) == 1 and (pieces[0].start, pieces[0].end) == (start, end)):
            continue
        if in_ranges(layout.headlines, candidate.start_char):
            continue  # on headline lines the model's spans run across words that are no name
        covered = {i for s in pieces for i in range(s.start, s.end)}
        inside = candidate.start <= pieces[0].start and pieces[-1].end <= candidate.end
        if inside and all(_holds_name(doc, i) for i in range(candidate.start, candidate.end) if i not in covered):
            probability = sum(s.probability for s in pieces) / len(pieces)
            spans[indices[0]] = TaggedSpan(candidate.start, candidate.end, pieces[-1].label, probability)
            for index in indices[1:]:
                spans[index] = None
            at.update((i, indices[0]) for i in range(candidate.start, candidate.end))
    return [span for span in spans if span is not None]


def _trimmed(doc: Doc, span: TaggedSpan) -> TaggedSpan | None:
    start, end = trim_span(doc, span.start, span.end, TAGGER_TYPES.get(span.label))
    if start >= end:
        return None
    probability = span.probability
    text = span_text(doc, start, end)
    if span.label != "PER" and "-" in text:
        for i in range(start + 1, end - 1):
            if doc[i].text == "-" and not doc[i - 1].whitespace_ and doc[i + 1].is_lower:
                end, probability = i, 0.0  # "Shenzhen-based", "Iran-backed"
                text = span_text(doc, start, end)
                break
    if not looks_like_name(text):
        return None
    if (start, end, probability) == (span.start, span.end, span.probability):
        return span  # as the tagger gave it (most spans): no new tuple
    return TaggedSpan(start, end, span.label, probability)


def _holds_name(doc: Doc, i: int) -> bool:
    """Whether a token can sit inside a name beside the tagger's pieces of it: a capitalised word,
    a connector ("of", "von"), a possessive marker or a piece joined by a hyphen."""
    token = doc[i]
    lower = token.lower_
    return (
        (token.is_alpha and not token.is_lower)
        or lower in lexicon.NAME_CONNECTORS
        or lower in lexicon.NAME_PARTICLES
        or (token.text == "-" and not token.whitespace_)
        or (i > 0 and not doc[i - 1].whitespace_ and token.is_alpha)
    )


def tagger_vote(probability: float) -> float:
    """The tagger's vote, in proportion to its certainty."""
    return weights.TAGGER_VOTE * probability


def tagged_type(label: str, candidate: MentionCandidate, gazetteer: dict[str, Place]) -> EntityType | None:
    """Our type for the tagger's class. A LOC is the kind of place the gazetteer, the model's label
    or the name's words say (else the default place type); a MISC name whose own words say what
    it is ("Olympic Stadium") gets no vote, another the MISC type the gazetteer or the model say
    (else the default MISC type)."""
    if label in ("PER", "ORG"):
        return TAGGER_TYPES[label]
    place = gazetteer.get(candidate.key)
    known = weights.GAZETTEER_TYPES[place.kind] if place is not None else None
    words = name_word_type(candidate.key.split())
    if label == "LOC":
        # the model's FACILITY stands only with a facility's word ("Olympic Stadium"): towns it misreads
        model = candidate.model_label if candidate.model_label is not EntityType.FACILITY or words else None
        return next((t for t in (known, model, words) if t in PLACE_TYPES), DEFAULT_PLACE_TYPE)
    if words is not None and words not in MISC_TYPES:
        return None
    return next((t for t in (known, candidate.model_label, words) if t in MISC_TYPES), DEFAULT_MISC_TYPE)
