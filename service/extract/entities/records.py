"""From groups of mentions to entity records: the type by weighted vote (and the learned
classifier), the canonical name, country code, map point, salience and confidence."""

from __future__ import annotations

import math
from collections import Counter

from spacy.tokens import Doc

from newsx.service.domain import Entity, EntityType, Mention
from newsx.service.domain import Span as TextSpan
from newsx.service.extract import document
from newsx.service.extract.entities import lexicon, weights
from newsx.service.extract.entities.features import document_features, group_features
from newsx.service.extract.entities.gazetteer import Place, name_key
from newsx.service.extract.entities.geo import locate
from newsx.service.extract.entities.knowledge import Resources
from newsx.service.extract.entities.layout import Layout
from newsx.service.extract.entities.learned import LABELS
from newsx.service.extract.entities.spans import MentionCandidate, name_word_type

CONLL_TYPES = {"PER": EntityType.PERSON, "ORG": EntityType.ORGANIZATION}
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


def type_votes(group: list[MentionCandidate], gazetteer: dict[str, Place]) -> Counter:
    """Every type's vote for the referent (positive votes only)."""
    votes: Counter = Counter()
    longest_words = max(len(c.key.split()) for c in group)
    for candidate in group:
        votes.update(candidate.votes)
        label = candidate.model_label
        # Short forms ("Pezeshkian" beside "Masud Pezeshkian") count less than the full name.
        if label is not None and not candidate.headline and len(candidate.key.split()) < longest_words:
            votes[label] -= weights.MODEL_VOTE - weights.SHORT_FORM_MODEL_VOTE
    longest = max(group, key=lambda c: len(c.key.split()))
    word_type = name_word_type(longest.key.split())
    if word_type is not None:
        votes[word_type] += weights.NAME_WORD_VOTE
    keys = {c.key for c in group}
    kinds = {place.kind for key in keys if (place := gazetteer.get(key)) is not None}
    for kind in kinds:
        votes[weights.GAZETTEER_TYPES[kind]] += weights.gazetteer_vote(kind)
    if longest_words == 1 and kinds & {"city", "state"}:
        # News introduces people by full name; a town's name never so introduced is rarely a person.
        persons = sum(c.model_label is EntityType.PERSON for c in group)
        votes[EntityType.PERSON] -= weights.UNINTRODUCED_PERSON_DISCOUNT * persons
    return Counter({label: vote for label, vote in votes.items() if vote > 0})


def resolve_type(group: list[MentionCandidate], votes: Counter) -> tuple[EntityType, float]:
    """The referent's type by weighted vote, and the share of the votes it won."""
    if not votes:
        return EntityType.ORGANIZATION, 0.0
    # Ties go to the model's label of the fullest mention.
    longest = max(group, key=lambda c: len(c.key.split()))
    winner, top = max(votes.items(), key=lambda item: (item[1], item[0] == longest.model_label))
    return winner, top / sum(votes.values())


def learned_type(
    entity_type: EntityType, agreement: float, votes: Counter, probabilities, country: bool = False
) -> tuple[EntityType | None, float]:
    """The classifier's answer, in our types, where it is sure; None drops a referent it is sure is
    no name. A country or region, or a town someone goes to, stays a place (a national team is
    its country, as CoNLL has it). PER and ORG are ours; LOC keeps the vote's best place type (none without place evidence); MISC keeps the
    vote's type if that is not a person, organisation or place, else its best such vote."""
    best = int(probabilities.argmax())
    label, probability = LABELS[best], float(probabilities[best])
    if label == "O":
        return (None, 0.0) if probability >= weights.LEARNED_DROP else (entity_type, agreement)
    if probability < weights.LEARNED_CONFIDENCE or (country and label in CONLL_TYPES):
        return entity_type, agreement
    if label in CONLL_TYPES:
        chosen = CONLL_TYPES[label]
    elif label == "LOC":
        places = [t for t in votes if t in PLACE_TYPES]
        chosen = entity_type if entity_type in PLACE_TYPES else max(places, key=lambda t: votes[t], default=entity_type)
    else:
        others = [t for t in votes if t in MISC_TYPES]
        chosen = entity_type if entity_type in MISC_TYPES else max(others, key=lambda t: votes[t], default=entity_type)
    return chosen, max(agreement, probability) if chosen is entity_type else probability


def build_entities(
    doc: Doc, layout: Layout, groups: list[list[MentionCandidate]], resources: Resources
) -> list[Entity]:
    """Entity records sorted by salience, ids in that order."""
    gazetteer, model = resources.gazetteer, resources.type_model
    text = layout.text
    title_end = document.state(doc).title_end
    context = document_features(layout) if model is not None else []
    drafts = []
    for group in groups:
        group.sort(key=lambda c: c.start)
        votes = type_votes(group, gazetteer)
        entity_type, agreement = resolve_type(group, votes)
        if model is not None:
            features = group_features(doc, layout, group, votes, gazetteer, context)
            country = any(_placed(doc, c, gazetteer) for c in group)
            probabilities = model.probabilities(features)
            chosen, agreement = learned_type(entity_type, agreement, votes, probabilities, country)
            if chosen is None:
                continue
            entity_type = chosen
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
            country_code=_country_code(entity_type, [name_key(name)] + [c.key for c in group], gazetteer),
            confidence=_confidence(agreement, group),
        )
        # A name's head is its last token ("Vladimir Putin" -> "Putin").
        subject = any(doc[c.end - 1].dep_ in lexicon.SUBJECT_DEPENDENCIES for c in group)
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
        locate(entities, [name_key(text[start:end]) for start, end in layout.datelines], resources.geo, text)
    return entities


def _placed(doc: Doc, candidate: MentionCandidate, gazetteer: dict[str, Place]) -> bool:
    """A country, region or US state, or a town the text puts someone in ("travelled to Nice"): a place,
    whatever clubs share its name."""
    kind = getattr(gazetteer.get(candidate.key), "kind", "")
    if kind in ("country", "region") or (
        kind == "state" and getattr(gazetteer.get(candidate.key), "country_code", "") == "US"
    ):
        return True
    start = candidate.start
    if kind not in ("city", "state") or start == 0:
        return False
    before = doc[start - 1].lower_
    return before in lexicon.PLACE_PREPOSITIONS or (
        before == "to" and start > 1 and doc[start - 2].lemma_ in lexicon.MOTION_VERBS
    )


def canonical_name(texts: list[str]) -> str:
    """The most complete proper form: most words, mixed case preferred, then most frequent."""
    counts = Counter(texts)
    return max(counts, key=lambda text: (len(text.split()), not text.isupper(), len(text), counts[text]))


def _country_code(entity_type: EntityType, keys: list[str], gazetteer: dict[str, Place]) -> str:
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
    parts = weights.SALIENCE_WEIGHTS
    score = (
        parts["count"] * (math.log1p(count) / math.log1p(max_count))
        + parts["position"] * (1.0 - min(max(first_position, 0.0), 1.0))
        + parts["title"] * in_title
        + parts["subject"] * subject
    )
    return round(min(max(score, 0.0), 1.0), 4)
