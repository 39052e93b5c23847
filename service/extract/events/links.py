"""What the events read from the earlier components, indexed by token, and the kinds of argument heads."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy
from spacy.attrs import DEP, HEAD, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsx.service.domain import Figure, FigureKind, Span, TimeType
from newsx.service.extract import document
from newsx.service.extract.events.tables import Lexicon

# Entity labels (newsx EntityType names and spaCy NER labels) as ontology kinds.
ENTITY_KINDS = {
    "PERSON": "per",
    "ORGANIZATION": "org",
    "ORG": "org",
    "GPE": "gpe",
    "LOCATION": "loc",
    "LOC": "loc",
    "FACILITY": "fac",
    "FAC": "fac",
    "GROUP": "sid",
    "NORP": "sid",
    "PRODUCT": "com",
    "MONEY": "mon",
    "EVENT": "event",
    "LAW": "law",
}


EVENT_TIME_TYPES = frozenset({TimeType.DATE, TimeType.TIME})
# Figures that measure something (a distance, a share, an age, a rank) cannot be a participant.
MEASURE_KINDS = frozenset(
    {FigureKind.QUANTITY.value, FigureKind.PERCENT.value, FigureKind.AGE.value, FigureKind.ORDINAL.value}
)


@dataclass(slots=True)
class Linked:
    """A span of an earlier component: token range, record id, and kind (entity kind, figure kind, time text)."""

    start: int
    end: int
    id: str
    kind: str
    attached_to: frozenset[int] = frozenset()  # for times: the tokens the expression modifies


@dataclass(slots=True)
class Links:
    """One document's context: the lexicon, and the entities, figures and times of the state by token."""

    lexicon: Lexicon
    entities: dict[int, Linked] = field(default_factory=dict)
    figures: dict[int, Linked] = field(default_factory=dict)
    times: list[Linked] = field(default_factory=list)
    figure_records: dict[str, Figure] = field(default_factory=dict)
    time_values: dict[str, str] = field(default_factory=dict)
    verbs: frozenset[str] = frozenset()  # English verb lemmas, to recognise agent nouns ("bomber")
    modality_cues: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    kinds: dict[int, tuple[str, ...]] = field(default_factory=dict)  # token_kinds, filled as asked


def collect_links(doc: Doc, lexicon: Lexicon, verbs: frozenset[str] = frozenset()) -> Links:
    """Index the entities, figures and times of the state by token; spaCy's own entities and dates
    stand in when the newsx components did not run."""
    links = Links(lexicon, verbs=verbs, modality_cues=modality_cues(doc))
    state = document.state(doc)
    if state.entities:
        mentions = [
            (mention.span, entity.id, entity.type.value) for entity in state.entities for mention in entity.mentions
        ]
    else:
        mentions = [(Span(ent.start_char, ent.end_char), "", ent.label_) for ent in doc.ents]
    for place, record_id, label in sorted(mentions, key=lambda item: item[0].start):
        kind = ENTITY_KINDS.get(label)
        tokens = document.token_span(doc, place)
        if kind is None or tokens is None:
            continue
        kind = _named_place_kind(tokens, kind, lexicon)
        linked = Linked(tokens.start, tokens.end, record_id, kind)
        for i in range(tokens.start, tokens.end):
            links.entities.setdefault(i, linked)
    for figure in state.figures or ():
        tokens = document.token_span(doc, figure.span)
        if tokens is not None:
            linked = Linked(tokens.start, tokens.end, figure.id, figure.kind.value)
            for i in range(tokens.start, tokens.end):
                links.figures.setdefault(i, linked)
    links.figure_records = {figure.id: figure for figure in state.figures or ()}
    if state.times:
        for time in state.times:
            if time.type not in EVENT_TIME_TYPES:
                continue  # "for 18 months", "every week": how long or how often, not when
            tokens = document.token_span(doc, time.span)
            if tokens is not None:
                links.times.append(Linked(tokens.start, tokens.end, time.id, time.text, _attachment(tokens)))
        links.time_values = {time.id: time.value or time.text for time in state.times}
    else:
        links.times = [
            Linked(ent.start, ent.end, "", ent.text, _attachment(ent))
            for ent in doc.ents
            if ent.label_ in ("DATE", "TIME")
        ]
    return links


def _named_place_kind(tokens: SpacySpan, kind: str, lexicon: Lexicon) -> str:
    """ "Oxford Street", "Cavehill Road", "Aragua Central Hospital": a name ending in a place or
    facility noun names that place, whatever organisation the recogniser took it for."""
    if kind != "org":
        return kind
    last = tokens[-1].lower_
    if last in lexicon.place_nouns:
        return "loc"
    if last in lexicon.facility_nouns and last not in lexicon.organization_nouns:
        return "fac"
    return kind


def _attachment(span: SpacySpan) -> frozenset[int]:
    """The word a time expression modifies, through a preposition ("met on Friday" -> met)."""
    root = span.root
    head = root.head
    if head.dep_ in ("prep", "npadvmod") and head.head.i != head.i:
        return frozenset({head.i, head.head.i})
    return frozenset({head.i})


_CUE_DEPS = {get_string_id(dep): dep for dep in ("neg", "aux", "mark")}


def modality_cues(doc: Doc) -> dict[int, list[tuple[str, str]]]:
    """Head index -> (dependency, lower-case word) of its negation, auxiliary and subordinator children.

    Read from arrays in one pass, because every trigger's clause asks for them.
    """
    cues: dict[int, list[tuple[str, str]]] = {}
    table = doc.to_array([HEAD, DEP, LOWER])
    strings = doc.vocab.strings
    rows = numpy.flatnonzero(numpy.isin(table[:, 1], numpy.array(list(_CUE_DEPS), dtype=table.dtype)))
    for i in rows.tolist():
        head = i + int(table[i, 0].astype("int64"))
        cues.setdefault(head, []).append((_CUE_DEPS[int(table[i, 1])], strings[int(table[i, 2])]))
    return cues


def token_kinds(token: Token, links: Links) -> tuple[str, ...]:
    """The ontology kinds a noun phrase head may have (per, org, gpe, wea ...), likeliest first."""
    kinds = links.kinds.get(token.i)
    if kinds is None:
        kinds = links.kinds[token.i] = _token_kinds(token, links)
    return kinds


def _token_kinds(token: Token, links: Links) -> tuple[str, ...]:
    linked = links.entities.get(token.i)
    if linked is not None:
        return (linked.kind,)
    figure = links.figures.get(token.i)
    if figure is not None and figure.kind == "MONEY":
        return ("mon",)
    lexicon = links.lexicon
    lower = token.lower_
    if token.pos_ == "PRON":
        return lexicon.pronoun_kinds.get(lower, ())
    if token.like_num:
        return ("num",)
    if token.pos_ not in ("NOUN", "PROPN"):
        return ()
    lemma = token.lemma_.lower()
    if lemma in lexicon.quantity_nouns or lower in lexicon.quantity_nouns:
        counted = of_object(token)
        return token_kinds(counted, links) if counted is not None else ("per",)
    kinds = tuple(kind for nouns, kind in lexicon.noun_classes if lemma in nouns or lower in nouns)
    if lemma in lexicon.triggers["noun"] and "event" not in kinds:
        kinds += ("event",)  # "arrested over the attack": an event noun can be the Crime
    if kinds:
        return kinds
    if token.pos_ == "NOUN" and is_agent_noun(lemma, links):
        return ("per",)
    return ()


def is_agent_noun(lemma: str, links: Links) -> bool:
    """ "bomber", "protester", "negotiator", "activist": someone who does something."""
    if lemma.endswith(links.lexicon.person_suffixes):
        return True
    verbs = links.verbs
    for suffix in ("er", "or", "r"):
        if lemma.endswith(suffix) and len(lemma) > len(suffix) + 2:
            stem = lemma[: -len(suffix)]
            if stem in verbs or stem + "e" in verbs or (len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in verbs):
                return True
    return False


def of_object(token: Token) -> Token | None:
    """The object of a noun's "of" phrase ("thousands of residents" -> residents)."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((grandchild for grandchild in child.children if grandchild.dep_ == "pobj"), None)
    return None
