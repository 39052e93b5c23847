"""From groups of mentions to entity records: the type by weighted vote (and the learned
classifier), the canonical name, country code, map point, salience and confidence."""

from __future__ import annotations

import math

from spacy.attrs import DEP
from spacy.tokens import Doc

from newsx.service.domain import Entity, EntityType, Mention
from newsx.service.domain import Span as TextSpan
from newsx.service.extract import document
from newsx.service.extract.entities import lexicon, weights
from newsx.service.extract.entities.features import DocumentView, group_features
from newsx.service.extract.entities.gazetteer import Place, name_key
from newsx.service.extract.entities.geo import locate
from newsx.service.extract.entities.knowledge import Resources
from newsx.service.extract.entities.layout import Layout
from newsx.service.extract.entities.learned import LABELS
from newsx.service.extract.entities.spans import (
    DEFAULT_MISC_TYPE,
    DEFAULT_PLACE_TYPE,
    MISC_TYPES,
    PLACE_TYPES,
    MentionCandidate,
    dependents,
    hashes_of,
    is_among,
    name_word_type,
    person_cue,
    team_cue,
)

CONLL_TYPES = {"PER": EntityType.PERSON, "ORG": EntityType.ORGANIZATION}
_SUBJECT_HASHES = hashes_of(lexicon.SUBJECT_DEPENDENCIES)


def type_votes(group: list[MentionCandidate], gazetteer: dict[str, Place]) -> dict[EntityType, float]:
    """Every type's vote for the referent (positive votes only)."""
    votes: dict[EntityType, float] = {}  # a plain dict: Counter's arithmetic costs a Python call a vote
    sizes = [len(c.key.split()) for c in group]
    longest_words = max(sizes)
    for candidate, size in zip(group, sizes):
        for label, vote in candidate.votes.items():
            votes[label] = vote + votes.get(label, 0)
        label = candidate.model_label
        # Short forms ("Pezeshkian" beside "Masud Pezeshkian"): the full name's label counts, not theirs.
        if label is not None and not candidate.headline and size < longest_words:
            votes[label] = votes.get(label, 0) - weights.MODEL_VOTE
    longest = group[sizes.index(longest_words)]
    word_type = name_word_type(longest.key.split())
    if word_type is not None:
        votes[word_type] = votes.get(word_type, 0) + weights.NAME_WORD_VOTE
    keys = {c.key for c in group}
    places = {(place.kind, place.recoverable) for key in keys if (place := gazetteer.get(key)) is not None}
    for kind, large in places:
        label = weights.GAZETTEER_TYPES[kind]
        votes[label] = votes.get(label, 0) + weights.gazetteer_vote(kind, large)
    return {label: vote for label, vote in votes.items() if vote > 0}


def fullest(group: list[MentionCandidate]) -> MentionCandidate:
    """The mention with the most words (the first of them)."""
    return max(group, key=lambda c: len(c.key.split()))


def resolve_type(votes: dict[EntityType, float], longest: MentionCandidate) -> tuple[EntityType, float]:
    """The referent's type by weighted vote, and the share of the votes it won (``longest``: its
    fullest mention)."""
    if not votes:
        return EntityType.ORGANIZATION, 0.0
    # Ties go to the model's label of the fullest mention.
    winner, top = max(votes.items(), key=lambda item: (item[1], item[0] == longest.model_label))
    return winner, top / sum(votes.values())


def learned_type(
    entity_type: EntityType,
    agreement: float,
    votes: dict[EntityType, float],
    probabilities,
    country: bool = False,
    word_type: EntityType | None = None,
    cued: frozenset[EntityType] = frozenset(),
) -> tuple[EntityType | None, float]:
    """The classifier's answer, in our types, where it is sure; None drops a referent it is sure is
    no name. A country or region, or a town someone goes to, stays a place (a national team is
    its country, as CoNLL has it). PER and ORG are ours; LOC keeps the vote's place type, else takes
    its best voted place type (or the default); MISC likewise among the other types."""
    best = int(probabilities.argmax())
    label, probability = LABELS[best], float(probabilities[best])
    if label == "O":
        return (None, 0.0) if probability >= weights.LEARNED_DROP else (entity_type, agreement)
    if probability < weights.LEARNED_CONFIDENCE or (country and label in CONLL_TYPES):
        return entity_type, agreement
    if any(_class_of(said) != label for said in ({word_type} | cued) - {None}):
        # the name's own word ("... Electronics", "... Stadium") or a cue ("Kremlin spokesman") says what it is
        return entity_type, agreement
    if label in CONLL_TYPES:
        chosen = CONLL_TYPES[label]
    elif label == "LOC":
        places = [t for t in votes if t in PLACE_TYPES]
        chosen = (
            entity_type
            if entity_type in PLACE_TYPES
            else max(places, key=lambda t: votes[t], default=DEFAULT_PLACE_TYPE)
        )
    else:
        others = [t for t in votes if t in MISC_TYPES]
        chosen = (
            entity_type if entity_type in MISC_TYPES else max(others, key=lambda t: votes[t], default=DEFAULT_MISC_TYPE)
        )
    return chosen, max(agreement, probability) if chosen is entity_type else probability


def _class_of(entity_type: EntityType) -> str:
    """The newswire class (PER, ORG, LOC, MISC) of one of our types."""
    if entity_type in PLACE_TYPES:
        return "LOC"
    return next((name for name, t in CONLL_TYPES.items() if t is entity_type), "MISC")


def build_entities(
    doc: Doc, layout: Layout, groups: list[list[MentionCandidate]], resources: Resources
) -> list[Entity]:
    """Entity records sorted by salience, ids in that order."""
    gazetteer, model = resources.gazetteer, resources.type_model
    text = layout.text
    title_end = document.state(doc).title_end
    subjects = is_among(doc.to_array(DEP), _SUBJECT_HASHES).tolist()
    sentences = document.token_sentences(doc)
    voted = []
    for group in groups:
        group.sort(key=lambda c: c.start)
        votes, longest = type_votes(group, gazetteer), fullest(group)
        voted.append((group, votes, longest, *resolve_type(votes, longest)))
    if model is not None:
        view = DocumentView.of(doc, layout)
        features = [group_features(doc, layout, group, votes, gazetteer, view) for group, votes, _, _, _ in voted]
        probabilities = model.probabilities_of_many(features)
    drafts = []
    for index, (group, votes, longest, entity_type, agreement) in enumerate(voted):
        # the type the fullest mention's own words give, unless the name is a known place ("Mexico City")
        word_type = None if longest.key in gazetteer else name_word_type(longest.key.split())
        if model is not None:
            country = any(_placed(doc, c, gazetteer) for c in group)
            chosen, agreement = learned_type(
                entity_type,
                agreement,
                votes,
                probabilities[index],
                country,
                word_type,
                frozenset(c.cued for c in group if c.cued is not None),
            )
            if chosen is None:
                continue
            entity_type = chosen
        town = _placed_town(doc, group, gazetteer) if entity_type in CONLL_TYPES.values() else None
        entity_type = town or entity_type
        designated = _designated(group)
        if entity_type is EntityType.PERSON and (designated or _unintroduced(doc, layout, group)):
            default = EntityType.PRODUCT if designated else EntityType.ORGANIZATION
            entity_type = max((t for t in votes if t is not EntityType.PERSON), key=lambda t: votes[t], default=default)
        if designated and entity_type is DEFAULT_MISC_TYPE and word_type is None:
            entity_type = EntityType.PRODUCT  # "S&P 500", "Boeing 737": a numbered thing of a kind
        mentions = [
            Mention(
                text[c.start_char : c.end_char],
                TextSpan(c.start_char, c.end_char),
                sentences[c.start],
                c.start_char < title_end,
            )
            for c in group
        ]
        name = canonical_name([m.text for m in mentions])
        entity = Entity(
            id="",
            type=entity_type,
            name=name,
            mentions=mentions,
            country_code=_country_code(entity_type, name, group, gazetteer),
            confidence=_confidence(agreement, group),
        )
        # A name's head is its last token ("Vladimir Putin" -> "Putin").
        subject = any(subjects[c.end - 1] for c in group)
        drafts.append((entity, group, subject))
    if not drafts:
        return []
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
    entities = []
    for number, (entity, _group, _) in enumerate(drafts, start=1):
        entity.id = f"e{number}"
        entities.append(entity)
    if resources.geo is not None:
        datelines = [name_key(text[start:end]) for start, end in layout.datelines]
        locate(entities, datelines, resources.geo, text, resources.regions)
    return entities


def _placed(doc: Doc, candidate: MentionCandidate, gazetteer: dict[str, Place]) -> bool:
    """A country or region, or a town or state the text puts someone in ("travelled to Nice"): a
    place, whatever clubs share its name."""
    kind = getattr(gazetteer.get(candidate.key), "kind", "")
    if kind in ("country", "region"):
        return True
    start = candidate.start
    if kind not in ("city", "state") or start == 0:
        return False
    before = doc[start - 1].lower_
    return (
        before in lexicon.PLACE_PREPOSITIONS
        or (before == "to" and start > 1 and doc[start - 2].lemma_ in lexicon.MOTION_VERBS)
        or (before == "against" and not team_cue(doc, candidate.end))
        or _coordinated_with_place(doc, candidate.end - 1)
    )


def _coordinated_with_place(doc: Doc, index: int) -> bool:
    """A name joined by "and" to a place that a preposition puts as one ("between Milan and
    Treviglio", "in Gwynedd and Anglesey") is a place too."""
    token = doc[index]
    partners = [token.head.i] if token.dep_ == "conj" else []
    partners += dependents(doc, "conj").get(index, ())
    first = min([index, *partners])
    return bool(partners) and first > 0 and doc[first - 1].lower_ in lexicon.PLACE_PREPOSITIONS


def _placed_town(doc: Doc, group: list[MentionCandidate], gazetteer: dict[str, Place]) -> EntityType | None:
    """The place type of a town or state that the text puts as a place (clubs and people named
    like towns are not written "in Derby", "between Milan and Treviglio"), else None."""
    for candidate in group:
        place = gazetteer.get(candidate.key)
        if place is not None and place.kind in ("city", "state") and _placed(doc, candidate, gazetteer):
            return weights.GAZETTEER_TYPES[place.kind]
    return None


def _designated(group: list[MentionCandidate]) -> bool:
    """A name that carries a number designating one of its kind ("Gliese 12 b", "S&P 500"): no person."""
    return any(word.isdigit() for c in group for word in c.key.split()[1:])


def _unintroduced(doc: Doc, layout: Layout, group: list[MentionCandidate]) -> bool:
    """A one-word name that the article never gives in full, no title, role or "he"/"she"
    introduces and the tagger is not sure is a person (or that the text calls "it"): news introduces people by their
    full name ("Pirelli said its", "made by Qualcomm" are companies); sports results and
    scorecards list surnames alone ("(Stewart 67)"), where the tagger, trained on them, is sure."""
    return all(
        len(c.key.split()) == 1
        and c.start_char not in layout.cells
        and not (c.end < len(doc) and doc[c.end].like_num)
        and not (
            c.tagger_label == "PER" and c.tagger_probability >= weights.SURE_PERSON_TAGGER and c.pronoun != "thing"
        )
        and c.pronoun != "person"  # "Marchetti said she would appeal"
        and not person_cue(doc, c.start, c.end)
        for c in group
    )


def canonical_name(texts: list[str]) -> str:
    """The most complete proper form: most words, mixed case preferred, then most frequent."""
    counts: dict[str, int] = {}
    for text in texts:
        counts[text] = counts.get(text, 0) + 1
    return max(counts, key=lambda text: (len(text.split()), not text.isupper(), len(text), counts[text]))


def _country_code(
    entity_type: EntityType, name: str, group: list[MentionCandidate], gazetteer: dict[str, Place]
) -> str:
    """The country of a place or a nationality: of its canonical name, else of one of its mentions."""
    if entity_type not in (EntityType.GPE, EntityType.LOCATION, EntityType.GROUP):
        return ""
    for key in [name_key(name)] + [c.key for c in group]:
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
    parts = weights.SALIENCE_WEIGHTS
    score = (
        parts["count"] * (math.log1p(count) / math.log1p(max_count))
        + parts["position"] * (1.0 - min(max(first_position, 0.0), 1.0))
        + parts["title"] * in_title
        + parts["subject"] * subject
    )
    return round(min(max(score, 0.0), 1.0), 4)
