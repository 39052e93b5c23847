"""Events in the KAIROS ontology: component ``newsx.events.v1`` and the pure helpers it runs.

Triggers are found by lemma and part of speech (``lexicon``), with context conditions for
ambiguous words; arguments come from the dependency parse (subjects, objects, passive agents,
possessives, prepositions, counts), are checked against the role's entity types and linked to the
entities, figures and times of the earlier newsx components when those exist. Mentions of the same
event in several sentences are merged into one record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, LOWER
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, SpanGroup, Token
from spacy.tokens import Span as SpacySpan

from newsx.service.domain import Comparator, Event, EventArgument, EventStatus, Figure, Span, Trigger
from newsx.service.extract import document
from newsx.service.extract.document import sentence_index
from newsx.service.extract.events import lexicon as lex

SPAN_GROUP = "newsx_events"
NOUN_POS = frozenset({"NOUN"})
VERB_POS = frozenset({"VERB", "AUX"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PLACE_KINDS = frozenset({"loc", "gpe", "fac"})
MERGE_WINDOW = 50  # earlier events a mention may be merged into
APPROXIMATE_SIGNS = {
    Comparator.APPROXIMATE: "~",
    Comparator.AT_LEAST: ">=",
    Comparator.AT_MOST: "<=",
    Comparator.MORE_THAN: ">",
    Comparator.LESS_THAN: "<",
}


# ---------------------------------------------------------------- links to earlier components
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
    """Token-indexed views of the entity, figure and time span groups (empty when a group is absent)."""

    entities: dict[int, Linked] = field(default_factory=dict)
    figures: dict[int, Linked] = field(default_factory=dict)
    times: list[Linked] = field(default_factory=list)
    figure_records: dict[str, Figure] = field(default_factory=dict)
    time_values: dict[str, str] = field(default_factory=dict)
    verbs: frozenset[str] = frozenset()  # English verb lemmas, to recognise agent nouns ("bomber")
    modality_cues: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    kinds: dict[int, tuple[str, ...]] = field(default_factory=dict)  # token_kinds, filled as asked


def collect_links(doc: Doc, verbs: frozenset[str] = frozenset()) -> Links:
    """Index the entities, figures and times of the state by token; spaCy's own entities and dates
    stand in when the newsx components did not run."""
    links = Links(verbs=verbs, modality_cues=modality_cues(doc))
    state = document.state(doc)
    if state.entities:
        mentions = [
            (mention.span, entity.id, entity.type.value) for entity in state.entities for mention in entity.mentions
        ]
    else:
        mentions = [(Span(ent.start_char, ent.end_char), "", ent.label_) for ent in doc.ents]
    for place, record_id, label in sorted(mentions, key=lambda item: item[0].start):
        kind = lex.ENTITY_KINDS.get(label)
        tokens = document.token_span(doc, place)
        if kind is None or tokens is None:
            continue
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
    lower = token.lower_
    if token.pos_ == "PRON":
        return lex.PRONOUN_KINDS.get(lower, ())
    if token.like_num:
        return ("num",)
    if token.pos_ not in ("NOUN", "PROPN"):
        return ()
    lemma = token.lemma_.lower()
    if lemma in lex.QUANTITY_NOUNS or lower in lex.QUANTITY_NOUNS:
        counted = _of_object(token)
        return token_kinds(counted, links) if counted is not None else ("per",)
    kinds = tuple(kind for nouns, kind in _NOUN_CLASSES if lemma in nouns or lower in nouns)
    if lemma in lex.NOUN_TRIGGERS and "event" not in kinds:
        kinds += ("event",)  # "arrested over the attack": an event noun can be the Crime
    if kinds:
        return kinds
    if token.pos_ == "NOUN" and _is_agent_noun(lemma, links.verbs):
        return ("per",)
    return ()


def _is_agent_noun(lemma: str, verbs: frozenset[str]) -> bool:
    """ "bomber", "protester", "negotiator", "activist": someone who does something."""
    if lemma.endswith(lex.PERSON_SUFFIXES):
        return True
    for suffix in ("er", "or", "r"):
        if lemma.endswith(suffix) and len(lemma) > len(suffix) + 2:
            stem = lemma[: -len(suffix)]
            if stem in verbs or stem + "e" in verbs or (len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in verbs):
                return True
    return False


def _of_object(token: Token) -> Token | None:
    """The object of a noun's "of" phrase ("thousands of residents" -> residents)."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((grandchild for grandchild in child.children if grandchild.dep_ == "pobj"), None)
    return None


_NOUN_CLASSES = (
    (lex.WEAPON_NOUNS, "wea"),
    (lex.VEHICLE_NOUNS, "veh"),
    (lex.PERSON_NOUNS, "per"),
    (lex.ORGANIZATION_NOUNS, "org"),
    (lex.FACILITY_NOUNS, "fac"),
    (lex.PLACE_NOUNS, "loc"),
    (lex.DISEASE_NOUNS, "mhi"),
    (lex.GOODS_NOUNS, "com"),
    (lex.TITLE_NOUNS, "ttl"),
    (lex.SENTENCE_NOUNS, "sen"),
    (lex.BODY_PARTS, "bod"),
    (lex.CONDITION_NOUNS, "mhi"),
    (lex.CRIME_NOUNS, "event"),
)


# ---------------------------------------------------------------- triggers
@dataclass(slots=True)
class TriggerMatch:
    """A word read as an event of one type, with the extra tokens of a phrasal trigger."""

    token: Token
    type: str
    start: int
    end: int
    confidence: float
    conditioned: bool = False  # read by a sense with context conditions, not by a word's fallback sense


def _has_child(token: Token, deps: frozenset[str] | tuple[str, ...]) -> bool:
    return any(child.dep_ in deps for child in token.children)


def is_reduced_passive(token: Token) -> bool:
    """A past participle with a subject but no auxiliary is a passive ("Senator indicted on charges")."""
    return token.tag_ == "VBN" and _has_child(token, SUBJECT_DEPS) and not _has_child(token, ("aux", "auxpass", "dobj"))


def subject_of(token: Token) -> Token | None:
    """The subject of a verb, inherited through control verbs, coordination and participles."""
    for child in token.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
        if child.dep_ == "agent":
            return next((grandchild for grandchild in child.children if grandchild.dep_ == "pobj"), None)
    head = token.head
    if head.i == token.i or _has_child(token, ("nsubjpass",)):
        return None
    if token.dep_ == "xcomp":
        controller = next((child for child in head.children if child.dep_ in ("dobj", "nsubjpass")), None)
        return controller or subject_of(head)
    if token.dep_ == "conj" and head.pos_ in VERB_POS:
        # "survived and were treated": a passive conjunct's shared subject is its patient.
        return None if _has_child(token, ("auxpass",)) else subject_of(head)
    if token.dep_ == "advcl" and head.pos_ in VERB_POS and (token.tag_ == "VBG" or _has_child(token, ("aux",))):
        return subject_of(head)  # "..., killing five people"; "met in Cairo to discuss a ceasefire"
    if token.dep_ in ("acl", "relcl") and token.tag_ == "VBG":
        return head
    if token.dep_ == "relcl" and any(child.dep_ == "nsubj" and child.tag_ in ("WDT", "WP") for child in token.children):
        return head
    if token.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in VERB_POS:
        verb = head.head
        passive = verb.tag_ == "VBN" and (verb.dep_ == "acl" or _has_child(verb, ("nsubjpass",)))
        return object_of(verb) if passive else subject_of(verb)
    return None


def object_of(token: Token) -> Token | None:
    """The patient of a trigger: a verb's object or passive subject, a noun's "of" object or possessor."""
    if token.pos_ in NOUN_POS:
        return _of_object(token) or next((child for child in token.children if child.dep_ == "poss"), None)
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    if is_reduced_passive(token):
        return next(child for child in token.children if child.dep_ in SUBJECT_DEPS)
    if token.dep_ == "acl" and token.tag_ == "VBN":
        return token.head
    if token.dep_ == "relcl" and any(child.dep_ == "dobj" and child.tag_ in ("WDT", "WP") for child in token.children):
        return token.head
    if token.dep_ == "conj" and token.head.pos_ in VERB_POS and _has_child(token, ("auxpass",)):
        return subject_of(token.head) or object_of(token.head)
    if token.dep_ == "conj" and token.tag_ == "VBN" and token.head.pos_ in VERB_POS:
        return object_of(token.head)
    return None


def governor(token: Token) -> Token:
    """The word a trigger depends on, looking through a preposition ("went on strike" -> go)."""
    head = token.head
    if token.dep_ == "pobj" and head.head.i != head.i:
        return head.head
    return head


def context_words(token: Token) -> set[str]:
    """Lemmas of the trigger's children and of their prepositional objects, leaving out time phrases."""
    words = set()
    for child in token.children:
        if child.dep_ == "prep" and any(grandchild.ent_type_ in ("DATE", "TIME") for grandchild in child.children):
            continue  # "on Friday" says when, not what
        words.add(child.lemma_.lower())
        words.add(child.lower_)
        if child.dep_ in ("prep", "agent", "dobj", "compound"):
            words.update(
                grandchild.lemma_.lower() for grandchild in child.children if grandchild.dep_ in ("pobj", "compound")
            )
    return words


def sense_holds(sense: lex.Sense, token: Token, links: Links) -> bool:
    """Whether a trigger word's context meets every condition of one of its senses."""
    words = context_words(token) if sense.with_words or sense.without_words else set()
    if sense.without_words and words & sense.without_words:
        return False
    if sense.with_words and not words & sense.with_words:
        return False
    if (sense.objects or sense.object_kinds) and not _fits(object_of(token), sense.objects, sense.object_kinds, links):
        return False
    if (sense.subjects or sense.subject_kinds) and not _fits(
        subject_of(token), sense.subjects, sense.subject_kinds, links
    ):
        # A reporting verb whose speaker the parser lost ("..., police and officials said") still reports.
        if not (sense.speech and subject_of(token) is None):
            return False
    if sense.speech and not is_reported_speech(token):
        return False
    heads = {token.head.lemma_.lower(), governor(token).lemma_.lower()}
    if sense.heads and not heads & sense.heads:
        return False
    return not heads & sense.without_heads


def _fits(word, words, kinds, links) -> bool:
    """Whether a subject or object exists and is one of ``words`` (by lemma or form) and of ``kinds``."""
    if word is None:
        return False
    if words and word.lemma_.lower() not in words and word.lower_ not in words:
        return False
    return not kinds or bool(set(token_kinds(word, links)) & kinds)


def is_reported_speech(token: Token) -> bool:
    """A reporting verb reports speech when a clause or a quotation depends on it (or it on one), or
    when its clause follows the reported one after a comma ("..., a charity said on Wednesday")."""
    if token.dep_ == "parataxis" or _has_child(token, ("ccomp", "parataxis")):
        return True
    left = token.left_edge.i
    if left > token.sent.start + 2 and token.doc[left - 1].text == ",":
        return True
    return any((t.dep_ == "mark" and t.lower_ == "that") or t.text in ('"', "\u201c", "\u201d") for t in token.subtree)


def find_triggers(doc: Doc, links: Links) -> list[TriggerMatch]:
    """Every word that names an event, typed by its lexicon entry and context.

    An ambiguous word read by its fallback sense takes the sense an earlier, clearer mention of the
    same word had in the article (one sense per discourse: "went on strike ... the strike lasted").
    """
    matches = []
    discourse_sense: dict[str, str] = {}
    lemmas = doc.to_array(LEMMA)  # ints: cheaper than a Token object per word
    for index in numpy.flatnonzero(numpy.isin(lemmas, _TRIGGER_LEMMA_ARRAY)).tolist():
        token = doc[index]
        table = _trigger_table(token)
        if table is None:
            continue
        lemma = token.lemma_.lower()
        entry = table.get(lemma)
        if entry is None or not _may_trigger(token, entry, table):
            continue
        match = _match_sense(token, entry, links)
        if match is None:
            continue
        if isinstance(entry, tuple):
            if match.conditioned:
                discourse_sense[lemma] = match.type
            elif lemma in discourse_sense:
                match.type = discourse_sense[lemma]
        matches.append(match)
    return matches


# Hashes of every trigger lemma (and its capitalised form), to skip other tokens cheaply.
_TRIGGER_LEMMA_ARRAY = numpy.array(
    sorted(
        {
            get_string_id(form)
            for table in (lex.VERB_TRIGGERS, lex.NOUN_TRIGGERS, lex.ADJECTIVE_TRIGGERS)
            for lemma in table
            for form in (lemma, lemma.capitalize())
        }
    ),
    dtype=numpy.uint64,
)


def _trigger_table(token: Token) -> dict | None:
    if token.pos_ in VERB_POS or (token.pos_ == "ADJ" and token.tag_ == "VBN"):
        return lex.VERB_TRIGGERS
    if token.pos_ in NOUN_POS:
        return lex.NOUN_TRIGGERS
    if token.pos_ == "ADJ":
        return lex.ADJECTIVE_TRIGGERS
    return None


def _may_trigger(token: Token, entry: str | tuple[lex.Sense, ...], table: dict) -> bool:
    """Rule out uses that never name an event of the word's types."""
    if table is lex.VERB_TRIGGERS:
        return not _is_light_verb_use(token)
    if table is lex.NOUN_TRIGGERS:
        if token.dep_ == "compound" and token.head.lemma_.lower() not in lex.EFFORT_NOUNS:
            return False  # "suicide bomber", "fire officials": the head noun is what is meant
        crime = entry == lex.CRIME
        return not (crime and token.dep_ == "pobj" and token.head.lower_ in lex.CRIME_ARGUMENT_PREPS)
    return True


def _is_light_verb_use(token: Token) -> bool:
    """ "launched an attack": the noun is the trigger, the verb only carries it."""
    return token.lemma_.lower() in lex.LIGHT_VERBS and any(
        child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in lex.NOUN_TRIGGERS for child in token.children
    )


def _match_sense(token: Token, entry: str | tuple[lex.Sense, ...], links: Links) -> TriggerMatch | None:
    """The first sense of the word whose conditions hold here (a plain type always holds)."""
    if isinstance(entry, str):
        confidence = 0.85 if token.pos_ in VERB_POS else 0.75
        return TriggerMatch(token, entry, token.i, token.i + 1, confidence)
    for sense in entry:
        if sense_holds(sense, token, links):
            start, end = _phrase_extent(token, sense)
            conditioned = bool(
                sense.objects
                or sense.object_kinds
                or sense.subjects
                or sense.subject_kinds
                or sense.with_words
                or sense.heads
            )
            return TriggerMatch(token, sense.type, start, end, sense.confidence, conditioned)
    return None


def _phrase_extent(token: Token, sense: lex.Sense) -> tuple[int, int]:
    """Token range of a phrasal trigger: the verb with its particle or condition object ("took office")."""
    start, end = token.i, token.i + 1
    for child in token.children:
        adjacent = abs(child.i - token.i) <= 2
        if adjacent and (
            child.dep_ == "prt" or (sense.phrasal and child.dep_ == "dobj" and child.lemma_.lower() in sense.objects)
        ):
            start, end = min(start, child.i), max(end, child.i + 1)
    return start, end


# ---------------------------------------------------------------- arguments
def frame_for(match: TriggerMatch) -> lex.Frame:
    """The lemma's own frame for this type if it has one, else the type's."""
    lemma = match.token.lemma_.lower()
    return lex.LEMMA_FRAMES.get((lemma, match.type)) or lex.FRAMES.get(match.type) or _default_frame(match.type)


def _default_frame(event_type: str) -> lex.Frame:
    """For a type without a frame: the first role is the subject's, the second the object's."""
    roles = lex.event_types()[event_type].roles
    subject = roles[0]
    obj = roles[1] if len(roles) > 1 and roles[1] != "Place" else ""
    return lex.Frame(subject, obj, subject, {**lex.PLACE_PREPS, "by": subject, "of": obj})


def syntactic_slots(match: TriggerMatch) -> list[tuple[str, Token]]:
    """(slot, head) pairs around a trigger: subject, object, possessor, modifier, count, place, prep:<p>."""
    token = match.token
    if token.pos_ in NOUN_POS:
        slots = _noun_slots(token)
    elif token.pos_ == "ADJ" and token.tag_ != "VBN":
        slots = _adjective_slots(token)
    else:
        slots = []
        subj = subject_of(token)
        obj = object_of(token)
        if subj is not None and (obj is None or subj.i != obj.i):
            slots.append(("subject", subj))
        if obj is not None:
            slots.append(("object", obj))
        slots += _prep_slots(token)
    expanded = []
    places = []
    for slot, head in slots:
        pending = [head]
        for current in pending:  # the argument and its conjuncts ("Putin and Pezeshkian", "Egypt, Qatar and the US")
            expanded.append((slot, current))
            for child in current.children:
                if child.dep_ == "conj":
                    pending.append(child)
                elif child.dep_ == "prep" and child.lower_ in lex.PLACE_PREPS:
                    # Where an argument is: "sites in Yemen", "a market in Baghdad", "authorities in Minsk".
                    places += [("place", place) for place in child.children if place.dep_ == "pobj"]
    return expanded + places


def _noun_slots(token: Token) -> list[tuple[str, Token]]:
    """Slots of a nominal trigger, and of the verb that carries it ("Iran launched an attack on ...")."""
    slots: list[tuple[str, Token]] = []
    for child in token.children:
        if child.dep_ == "poss":
            slots.append(("possessor", child))
        elif child.dep_ in ("compound", "amod", "nmod") and child.pos_ in ("PROPN", "ADJ", "NOUN"):
            slots.append(("modifier", child))
        elif child.dep_ == "nummod":
            slots.append(("count", child))
    slots += _prep_slots(token)
    carrier = governor(token) if token.dep_ == "pobj" else token.head
    lemma = carrier.lemma_.lower()
    if _carried_by(token, carrier):
        subj = subject_of(carrier)
        if subj is not None:
            slots.append(("object" if lemma in lex.PATIENT_LIGHT_VERBS else "subject", subj))
        slots += [slot for slot in _prep_slots(carrier) if slot[1].i != token.i]
    elif token.dep_ == "nsubj" and lemma in lex.HAPPENING_VERBS:
        slots += _prep_slots(carrier)
    elif token.dep_ == "nsubj" and lemma in lex.AIMING_VERBS:
        obj = object_of(carrier)
        if obj is not None:
            slots.append(("object", obj))
    return slots


def _carried_by(noun: Token, verb: Token) -> bool:
    """Whether a verb only carries a nominal trigger: "launched an attack", "went on strike"."""
    lemma = verb.lemma_.lower()
    if noun.dep_ in ("dobj", "nsubjpass"):
        return lemma in lex.LIGHT_VERBS
    return noun.dep_ == "pobj" and lemma in lex.ENTERING_VERBS


def _adjective_slots(token: Token) -> list[tuple[str, Token]]:
    """ "found dead", "shot him dead", "five people are dead", "dead soldiers": whom the adjective describes."""
    head = token.head
    if token.dep_ == "amod":
        described = head
    elif token.dep_ == "oprd":
        described = object_of(head)
    elif token.dep_ == "acomp":
        described = subject_of(head)
    else:
        described = None
    return [("object", described)] if described is not None else []


def _prep_slots(token: Token) -> list[tuple[str, Token]]:
    slots = []
    for child in token.children:
        if child.dep_ in ("prep", "agent"):
            objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
            prep = "by" if child.dep_ == "agent" else child.lower_
            slots += [("prep:" + prep, obj) for obj in objects]
        elif child.dep_ == "dative":  # "told him", or "sold drones to Kuwait" with "to" as the dative
            recipients = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
            slots += [("prep:to", recipient) for recipient in (recipients if child.pos_ == "ADP" else [child])]
    return slots


def _frame_role(frame: lex.Frame, slot: str) -> str:
    if slot == "subject":
        return frame.subject
    if slot == "object":
        return frame.object
    if slot == "possessor":
        return frame.possessor
    if slot.startswith("prep:"):
        return frame.preps.get(slot[5:], "")
    return ""


def _named_head(head: Token, links: Links) -> Token:
    """Prefer the name given to a common noun: "his counterpart, Masud Pezeshkian", "the city of Rafah",
    and the noun a relative pronoun stands for ("an official who spoke")."""
    if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
        head = head.head.head
    if head.i in links.entities:
        return head
    for child in head.children:
        if child.dep_ == "appos" and child.i in links.entities:
            return child
    lemma = head.lemma_.lower()
    if lemma in lex.PLACE_NOUNS or lemma in lex.FACILITY_NOUNS:
        named = _of_object(head)
        if named is not None and named.i in links.entities:
            return named
    return head


def argument_extent(head: Token, links: Links) -> tuple[int, int, str]:
    """Token range and entity id of an argument: the entity mention, else the noun with its modifiers."""
    linked = links.entities.get(head.i)
    if linked is not None:
        return linked.start, linked.end, linked.id
    start, end = head.i, head.i + 1
    for child in reversed(list(head.lefts)):
        if child.dep_ not in ("compound", "amod", "nummod", "quantmod", "nmod") or child.right_edge.i != start - 1:
            break
        start = child.left_edge.i
    if head.lemma_.lower() in lex.QUANTITY_NOUNS or head.lower_ in lex.QUANTITY_NOUNS:
        counted = _of_object(head)
        if counted is not None:
            end = counted.i + 1
    return start, end, ""


def _figure_id(start: int, end: int, links: Links) -> str:
    for i in range(start, end):
        linked = links.figures.get(i)
        if linked is not None:
            return linked.id
    return ""


def find_arguments(match: TriggerMatch, links: Links) -> list[EventArgument]:
    """The trigger's participants mapped to roles of its type, each checked against the role's kinds."""
    doc = match.token.doc
    spec = lex.event_types()[match.type]
    frame = frame_for(match)
    slots = syntactic_slots(match)
    has_object = any(slot == "object" for slot, _ in slots)
    arguments: list[EventArgument] = []
    taken: set[int] = set()
    for slot, raw_head in slots:
        role, head = "", raw_head
        named = _named_head(raw_head, links)
        for head in (named, raw_head) if named.i != raw_head.i else (raw_head,):
            if head.i in taken or match.start <= head.i < match.end:
                continue
            role = choose_role(slot, token_kinds(head, links), frame, spec, head, has_object)
            if role:
                break
        if not role:
            continue
        start, end, entity_id = _count_extent(head, links) if slot == "count" else argument_extent(head, links)
        figure_id = _figure_id(start, end, links)
        confidence = 0.9 if entity_id else (0.6 if head.pos_ == "PRON" else 0.7)
        taken.add(head.i)
        span = doc[start:end]
        arguments.append(
            EventArgument(role, span.text, Span(span.start_char, span.end_char), entity_id, figure_id, confidence)
        )
    return arguments


def _count_extent(number: Token, links: Links) -> tuple[int, int, str]:
    """The count before a trigger noun ("approximately 1,200" of "approximately 1,200 fatalities")."""
    linked = links.figures.get(number.i)
    modifiers = [child.left_edge.i for child in number.lefts if child.dep_ in ("advmod", "quantmod")]
    start = min([number.i, *modifiers] + ([linked.start] if linked is not None else []))
    return start, number.i + 1, ""


def choose_role(
    slot: str,
    kinds: tuple[str, ...],
    frame: lex.Frame,
    spec: lex.EventTypeSpec,
    head: Token,
    has_object: bool = False,
) -> str:
    """The role a syntactic slot fills for this type, if the argument's kinds fit it."""
    if slot == "count":
        return _first_fitting((frame.object, frame.possessor), ("num",), spec, head) if head.like_num else ""
    if slot == "place":
        return _first_fitting(("Place",), kinds, spec, head) if set(kinds) & PLACE_KINDS else ""
    if slot == "modifier":
        return _modifier_role(kinds, frame, spec, head)
    role = _frame_role(frame, slot)
    if role == frame.object and slot.startswith("prep:") and has_object:
        role = "Place"  # "attacked passengers at the station": the object is the target already
    if (
        role == "Target"
        and slot == "prep:at"
        and set(kinds) & {"fac", "loc"}
        and not set(kinds) & {"per", "org", "gpe"}
    ):
        role = "Place"  # "opened fire at a bowling alley", "detonated explosives at a market"
    if (
        "veh" in kinds
        and "Vehicle" in spec.role_types
        and slot in ("object", "prep:in", "prep:on", "prep:by", "prep:aboard")
    ):
        role = "Vehicle"  # "drove a van", "flew them in a helicopter"
    if (
        slot in ("prep:at", "prep:in")
        and "org" in kinds
        and "JudgeCourt" in spec.role_types
        and head.lemma_.lower() == "court"
    ):
        role = "JudgeCourt"  # "convicted at Leeds Crown Court"
    if role and _first_fitting((role,), kinds, spec, head, core=slot in ("object", "prep:with")):
        return role
    if slot == "subject":
        fallback = lex.THING_FALLBACK_ROLES + ((frame.object,) if not has_object else ())
        return _first_fitting(fallback, kinds, spec, head)
    if slot in ("prep:in", "prep:at", "prep:near", "prep:on") and set(kinds) & PLACE_KINDS:
        return _first_fitting(("Place",), kinds, spec, head)
    return ""


def _modifier_role(kinds: tuple[str, ...], frame: lex.Frame, spec: lex.EventTypeSpec, head: Token) -> str:
    """ "Hamas attack", "Israeli strikes", "Gaza attack", "missile strikes", "cholera outbreak"."""
    kind_set = set(kinds)
    if kind_set & {"loc", "fac"} or ("gpe" in kind_set and head.pos_ == "PROPN" and head.dep_ == "compound"):
        return _first_fitting(("Place",), kinds, spec, head)
    if kind_set & {"per", "org", "sid", "gpe"}:
        return _first_fitting((frame.possessor,), kinds, spec, head)
    if kind_set & {"wea", "veh", "com", "mhi"}:
        return _first_fitting(lex.THING_FALLBACK_ROLES + ("Disease", "MedicalIssue"), kinds, spec, head)
    return ""


def _first_fitting(roles, kinds: tuple[str, ...], spec: lex.EventTypeSpec, head: Token, core: bool = False) -> str:
    """The first of the roles that exists for the type and accepts one of the kinds.

    An object of unknown kind is accepted for a role that takes things or only living beings.
    """
    for role in roles:
        accepted = spec.role_types.get(role)
        if not role or accepted is None:
            continue
        if "num" in kinds:
            if role in lex.COUNT_ROLES:
                return role
            continue
        if any(kind in accepted or (kind == "sid" and accepted & {"per", "org", "gpe"}) for kind in kinds):
            return role
        # An object of unknown kind: the verb tells what it is ("killed his neighbour", "seized the cargo").
        if (
            core
            and not kinds
            and head.pos_ == "NOUN"
            and (role in lex.THING_ROLES or accepted & lex.THING_KINDS or accepted <= lex.ANIMATE_KINDS)
        ):
            return role
    return ""


# ---------------------------------------------------------------- status, negation, time
def clause_chain(token: Token) -> list[Token]:
    """The trigger (or the verb carrying a nominal trigger), then the verbs it is a complement or conjunct of."""
    chain = [token]
    current = token
    if token.pos_ in NOUN_POS:
        head = governor(token)
        carried = token.dep_ in ("dobj", "nsubjpass", "attr", "oprd") or _carried_by(token, head)
        if head.i != token.i and head.pos_ in VERB_POS and carried:
            chain.append(head)
            current = head
    while _is_complement(current) and len(chain) < 5:
        current = current.head
        chain.append(current)
    return chain


def _is_complement(verb: Token) -> bool:
    """Whether a verb's modality comes from its head: a complement, or a conjunct sharing the subject."""
    if verb.head.i == verb.i:
        return False
    if verb.dep_ == "conj":
        return not any(child.dep_ in SUBJECT_DEPS or child.dep_ == "nsubjpass" for child in verb.children)
    return verb.dep_ in ("xcomp", "ccomp", "pcomp")


def event_status(
    match: TriggerMatch, chain: list[Token], modality_cues: dict[int, list[tuple[str, str]]]
) -> tuple[EventStatus, bool]:
    """Modality (asserted, planned, intended, threatened, hypothetical) and negation of a trigger.

    ``chain`` is ``clause_chain(match.token)``: the modality may sit on any verb of it;
    ``modality_cues`` is ``modality_cues(doc)``.
    """
    token = match.token
    status = EventStatus.ASSERTED
    negated = False
    for child in token.children:
        word = child.lower_
        if child.dep_ in ("amod", "acl") and (word in lex.PLANNED_MODIFIERS or child.lemma_ in lex.PLANNING_VERBS):
            status = EventStatus.PLANNED
        elif child.dep_ == "amod" and word in lex.HYPOTHETICAL_MODIFIERS:
            status = EventStatus.HYPOTHETICAL
        elif child.dep_ == "det" and word in lex.NEGATION_DETERMINERS:
            negated = True
        elif child.dep_ in ("nsubj", "nsubjpass", "dobj") and word in lex.NEGATIVE_PRONOUNS:
            negated = True  # "nobody was injured"
    if token.pos_ in NOUN_POS and token.dep_ in ("nsubj", "nsubjpass"):
        chain = [*chain, token.head]
    reported = False  # above a "that" clause only threats and intentions still tell the status
    for depth, verb in enumerate(chain):
        lemma = verb.lemma_.lower()
        reported = reported or (depth > 0 and chain[depth - 1].dep_ == "ccomp")
        if depth > 0 and chain[depth - 1].dep_ != "conj":  # a conjunct shares auxiliaries, not its head's meaning
            if lemma in lex.THREAT_VERBS:
                status = EventStatus.THREATENED
            elif lemma in lex.INTENT_VERBS and status is EventStatus.ASSERTED:
                status = EventStatus.INTENDED
            elif reported:
                continue
            elif lemma in lex.PLANNING_VERBS and status is EventStatus.ASSERTED:
                status = EventStatus.PLANNED
            elif lemma in lex.DENIAL_VERBS:
                negated = True
        for dep, word in modality_cues.get(verb.i, ()):
            if dep == "neg":
                negated = True
            elif dep == "aux" and word in lex.FUTURE_AUXILIARIES and status is EventStatus.ASSERTED:
                status = EventStatus.PLANNED
            elif dep == "aux" and word in lex.HYPOTHETICAL_AUXILIARIES:
                status = EventStatus.HYPOTHETICAL
            elif dep == "mark" and word in lex.CONDITIONAL_MARKERS:
                status = EventStatus.HYPOTHETICAL
    return status, negated


def find_time(match: TriggerMatch, links: Links, chain: list[Token]) -> Linked | None:
    """The time expression attached to the trigger, or to the verb that carries a nominal trigger."""
    anchors = {token.i for token in chain[:2]}
    anchors.add(match.token.i)
    return next((time for time in links.times if time.attached_to & anchors), None)


# ---------------------------------------------------------------- records, merging, description
@dataclass(slots=True)
class _Draft:
    """An event while it is being built: its record plus what merging needs."""

    event: Event
    match: TriggerMatch
    time: Linked | None
    anaphoric: bool
    same_as: int | None  # token of a trigger this one is predicated of ("this meeting marks the first encounter")
    tokens: set[int] = field(default_factory=set)  # trigger head tokens of every mention
    ranges: list[tuple[int, int]] = field(default_factory=list)  # trigger token ranges of every mention


def build_event(match: TriggerMatch, links: Links, number: int) -> _Draft:
    """One trigger mention as an event record with its arguments, status, time and confidence."""
    doc = match.token.doc
    span = doc[match.start : match.end]
    sentence = sentence_index(doc, match.token.i)
    trigger = Trigger(span.text, Span(span.start_char, span.end_char), match.token.lemma_.lower(), sentence)
    arguments = find_arguments(match, links)
    chain = clause_chain(match.token)
    status, negated = event_status(match, chain, links.modality_cues)
    time = find_time(match, links, chain)
    linked_share = sum(1 for argument in arguments if argument.entity_id) / max(len(arguments), 1)
    confidence = round(min(0.95, match.confidence + 0.1 * linked_share), 2)
    event = Event(
        id=f"v{number}",
        type=match.type,
        trigger=trigger,
        arguments=arguments,
        sentence_index=sentence,
        status=status,
        negated=negated,
        time_id=time.id if time else "",
        confidence=confidence,
        mentions=[trigger],
    )
    anaphoric = is_anaphoric(match.token, bool(arguments))
    return _Draft(
        event, match, time, anaphoric, predicated_of(match.token), {match.token.i}, [(match.start, match.end)]
    )


def is_anaphoric(token: Token, has_arguments: bool) -> bool:
    """A nominal trigger that refers back: "this meeting", or "the attack" without participants of its
    own; not "the next summit" or "another meeting"."""
    if token.pos_ not in NOUN_POS:
        return False
    children = list(token.children)
    if any(child.lower_ in lex.DISTINCT_MODIFIERS for child in children):
        return False
    return any(
        child.dep_ == "det" and (child.lower_ in lex.DEMONSTRATIVES or (child.lower_ == "the" and not has_arguments))
        for child in children
    )


def predicated_of(token: Token) -> int | None:
    """The trigger a nominal trigger restates: the subject of a copular or "mark"-like verb of which it is
    the predicate, or the verb it is the medium of ("said in a statement")."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in lex.MEDIUM_PREPS:  # "said in a statement"
        return governor(token).i
    if token.dep_ not in ("attr", "dobj") or head.lemma_.lower() not in lex.EQUATING_VERBS:
        return None
    subject = next((child for child in head.children if child.dep_ in SUBJECT_DEPS), None)
    return subject.i if subject is not None else None


def _entity_ids(event: Event, roles: set[str] | None = None) -> set[str]:
    return {a.entity_id for a in event.arguments if a.entity_id and (roles is None or a.role in roles)}


def compatible(first: _Draft, second: _Draft, links: Links) -> bool:
    """Same type, no clash of time, place or patient: they may be one event."""
    if first.event.type != second.event.type or first.event.negated != second.event.negated:
        return False
    if (
        first.time
        and second.time
        and _specific(first.time, links)
        and _specific(second.time, links)
        and (_time_key(first.time) != _time_key(second.time))
    ):
        return False
    frame = lex.FRAMES.get(first.event.type)
    patient_roles = {"Place"} | ({frame.object} if frame and frame.object else set())
    for role in patient_roles:
        a, b = _entity_ids(first.event, {role}), _entity_ids(second.event, {role})
        if a and b and not a & b:
            return False
    return True


def _time_key(time: Linked) -> str:
    return time.id or time.kind


def _specific(time: Linked, links: Links) -> bool:
    """A dated time ("2024-10-01"), not a vague one ("recently" = PAST_REF) that fits any event."""
    value = links.time_values.get(time.id, "") if time.id else time.kind
    return value[:1].isdigit() or not time.id


def merge_events(drafts: list[_Draft], links: Links) -> list[_Draft]:
    """Fold each mention into an earlier compatible event it refers back to or shares a participant with.

    Statements, requests and threats are repeated acts: sharing a speaker does not make them one.
    Only the last ``MERGE_WINDOW`` events are candidates, which keeps long articles linear.
    """
    merged: list[_Draft] = []
    for draft in drafts:
        target = None
        for earlier in reversed(merged[-MERGE_WINDOW:]):
            if not compatible(earlier, draft, links):
                continue
            if draft.same_as in earlier.tokens:
                target = earlier
                break
            shares = _entity_ids(earlier.event) & _entity_ids(draft.event)
            if draft.anaphoric or (shares and draft.event.type not in lex.REPEATED_TYPES):
                target = earlier
                break
        if target is None:
            merged.append(draft)
            continue
        _absorb(target, draft, links)
    return merged


def _absorb(target: _Draft, draft: _Draft, links: Links) -> None:
    """Add a later mention to an event: its trigger, argument mentions and a more specific time."""
    event = target.event
    event.mentions.append(draft.event.trigger)
    target.tokens |= draft.tokens
    target.ranges += draft.ranges
    # Every mention keeps its own argument mentions; the description shows each participant once.
    known = {(a.role, a.span) for a in event.arguments}
    event.arguments += [a for a in draft.event.arguments if (a.role, a.span) not in known]
    if draft.time is not None and (
        target.time is None or (_specific(draft.time, links) and not _specific(target.time, links))
    ):
        target.time = draft.time
        event.time_id = draft.time.id
    event.confidence = round(min(0.95, max(event.confidence, draft.event.confidence) + 0.05), 2)


def _same_filler(first: EventArgument, second: EventArgument) -> bool:
    """Same entity, or unnamed phrases with the same head word ("missile", "200 missiles")."""
    if first.entity_id or second.entity_id:
        return first.entity_id == second.entity_id
    return first.text.split()[-1].lower().rstrip("s") == second.text.split()[-1].lower().rstrip("s")


def distinct_participants(arguments: list[EventArgument]) -> list[EventArgument]:
    """One argument per participant and role: the first mention of an entity; among unnamed phrases
    with the same head word the one carrying a count ("approximately 200 missiles" over "missile");
    none for an unnamed phrase of a role that has names ("the two leaders" beside Putin)."""
    named_roles = {a.role for a in arguments if a.entity_id}
    chosen: list[EventArgument] = []
    for argument in arguments:
        if not argument.entity_id and argument.role in named_roles:
            continue
        same = next((i for i, a in enumerate(chosen) if a.role == argument.role and _same_filler(a, argument)), None)
        if same is None:
            chosen.append(argument)
        elif (bool(argument.figure_id), len(argument.text)) > (bool(chosen[same].figure_id), len(chosen[same].text)):
            chosen[same] = argument
    return chosen


def describe(event: Event, time: Linked | None, links: Links) -> str:
    """A readable line: type, agent -> patient, (instrument, counts), time, place, status.

    e.g. ``Conflict.Attack  Iran -> Israel  (missiles, ~200)  2024-10-01``.
    """
    agent_role, patient_role = lex.DESCRIPTION_ROLES.get(event.type, (None, None))
    frame = lex.FRAMES.get(event.type)
    if agent_role is None:
        agent_role, patient_role = (frame.subject, frame.object) if frame else ("", "")
    by_role: dict[str, list[str]] = {}
    for argument in distinct_participants(event.arguments):
        by_role.setdefault(argument.role, []).append(_argument_label(argument, links))
    parts = [event.type.removesuffix(".Unspecified")]  # "Conflict.Attack", as people read it
    if agent_role and agent_role == patient_role:
        if by_role.get(agent_role):
            parts.append(" & ".join(by_role[agent_role]))
    elif by_role.get(agent_role) or by_role.get(patient_role):
        parts.append(f"{', '.join(by_role.get(agent_role, []))} -> {', '.join(by_role.get(patient_role, []))}".strip())
    extras = [label for role in ("Instrument", "ExplosiveDevice", "AcquiredEntity") for label in by_role.get(role, [])]
    extras += [
        _figure_label(a, links)
        for a in distinct_participants(event.arguments)
        if a.figure_id and a.role not in ("Instrument", "ExplosiveDevice")
    ]
    if extras:
        parts.append(f"({', '.join(extras)})")
    if time is not None:
        parts.append(links.time_values.get(time.id) or time.kind if time.id else time.kind)
    if by_role.get("Place"):
        parts.append(by_role["Place"][0])
    if event.status is not EventStatus.ASSERTED:
        parts.append(event.status.value.lower())
    if event.negated:
        parts.append("not")
    return "  ".join(part for part in parts if part)


def _argument_label(argument: EventArgument, links: Links) -> str:
    if argument.figure_id and argument.role in ("Instrument", "ExplosiveDevice"):
        return f"{argument.text.split()[-1]}, {_figure_label(argument, links)}"
    return argument.text


def _figure_label(argument: EventArgument, links: Links) -> str:
    figure = links.figure_records.get(argument.figure_id)
    if figure is None or figure.value is None:
        return argument.text
    value = f"{figure.value:,.0f}" if float(figure.value).is_integer() else f"{figure.value:,}"
    return APPROXIMATE_SIGNS.get(figure.comparator, "") + value


def extract_events(doc: Doc, verbs: frozenset[str] = frozenset()) -> tuple[list[Event], list[SpacySpan]]:
    """Events of a parsed Doc and one labelled span per trigger mention (``verbs``: English verb lemmas)."""
    links = collect_links(doc, verbs)
    drafts = [build_event(match, links, i + 1) for i, match in enumerate(find_triggers(doc, links))]
    merged = merge_events(drafts, links)
    events, spans = [], []
    for number, draft in enumerate(merged, start=1):
        event = draft.event
        event.id = f"v{number}"
        event.description = describe(event, draft.time, links)
        events.append(event)
        spans += [SpacySpan(doc, start, end, label=event.type, span_id=event.id) for start, end in draft.ranges]
    return events, spans


class EventExtractor:
    """Finds events and sets ``doc._.newsx_events`` and ``doc.spans["newsx_events"]``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.verbs = english_verbs(nlp)
        lex.event_types()  # read the ontology once, at load time

    def __call__(self, doc: Doc) -> Doc:
        events, spans = extract_events(doc, self.verbs)
        doc._.newsx_events = events
        doc.spans[SPAN_GROUP] = SpanGroup(doc, name=SPAN_GROUP, spans=spans)
        return doc


def english_verbs(nlp: Language) -> frozenset[str]:
    """Verb lemmas from the pipeline's lemmatizer tables (empty when it has none)."""
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, AttributeError):
        return frozenset()
    return frozenset(table.get("verb", ()))


# spaCy forbids "." in factory names, so the brief's "newsx.events.v1" is spelt with underscores.
FACTORY_NAME = "newsx_events_v1"


@Language.factory(FACTORY_NAME, default_config={})
def make_event_extractor(nlp: Language, name: str) -> EventExtractor:
    return EventExtractor(nlp, name)
