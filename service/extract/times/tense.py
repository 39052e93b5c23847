"""Tense: does an underspecified date ("Friday", "October 11") lie before or after publication?

The governing verb's tense and modality decide ("was killed on Monday" PAST, "will meet on
Friday" FUTURE), with the exceptions news needs: schedules under a past verb ("declared a dividend
payable Dec. 15"), a perfect or passive holding until a date, and headlines, whose present tense
tells past events. The cue words are in ``data/tense.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsx.service.extract.document import in_title
from newsx.service.extract.times.lexicon import Lexicon
from newsx.service.extract.times.values import Direction


@dataclass(frozen=True, slots=True)
class TenseCues:
    """The word sets of ``data/tense.yaml``."""

    future_cues: frozenset[str]
    intentions: frozenset[str]
    scheduling: frozenset[str]
    directives: frozenset[str]
    reporting: frozenset[str]
    deadlines: frozenset[str]
    future_auxiliaries: frozenset[str]
    possible_auxiliaries: frozenset[str]
    deferrals: frozenset[str]
    deferral_prepositions: frozenset[str]
    present_auxiliaries: frozenset[str]
    perfect_auxiliaries: frozenset[str]
    perfect_modals: frozenset[str]
    open_auxiliaries: frozenset[str]
    infinitive_markers: frozenset[str]
    past_prepositions: frozenset[str]
    unchanged_pasts: frozenset[str]

    @classmethod
    def load(cls, lexicon: Lexicon) -> TenseCues:
        future = lexicon.words("future_cue_lemmas")
        return cls(
            future_cues=future,
            intentions=lexicon.words("intention_lemmas"),
            scheduling=future | lexicon.words("scheduling_words"),
            directives=lexicon.words("directive_lemmas"),
            reporting=lexicon.words("reporting_lemmas"),
            deadlines=lexicon.words("deadline_prepositions"),
            future_auxiliaries=lexicon.words("future_auxiliaries"),
            possible_auxiliaries=lexicon.words("possible_auxiliaries"),
            deferrals=lexicon.words("deferral_lemmas"),
            deferral_prepositions=lexicon.words("deferral_prepositions"),
            present_auxiliaries=lexicon.words("present_auxiliaries"),
            perfect_auxiliaries=lexicon.words("perfect_auxiliaries"),
            perfect_modals=lexicon.words("perfect_modals"),
            open_auxiliaries=lexicon.words("open_auxiliaries"),
            infinitive_markers=lexicon.words("infinitive_markers"),
            past_prepositions=lexicon.words("past_prepositions"),
            unchanged_pasts=lexicon.words("unchanged_past_lemmas"),
        )


def is_a(token: Token, lemmas: frozenset[str]) -> bool:
    """Whether a word is one of ``lemmas``, trusting its lemma or a plain inflection of it (the small
    model lemmatises "hoped" as "hop")."""
    word = token.lower_
    forms = {token.lemma_.lower(), word, word.removesuffix("d"), word.removesuffix("ed"), word.removesuffix("s")}
    return not forms.isdisjoint(lemmas)


def governing_verb(span: SpacySpan) -> Token | None:
    """The nearest verb above the expression in the parse ("met ... on Monday" -> "met")."""
    return governing_verb_of(span.root)


def governing_verb_of(token: Token) -> Token | None:
    """The token itself if a verb, else the nearest verb above it."""
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def verb_direction(verb: Token, cues: TenseCues, depth: int = 0) -> Direction:
    """Tense and modality of a verb group: "was killed" PAST, "will meet", "is scheduled to" FUTURE."""
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if not auxiliaries and verb.dep_ == "conj" and verb.tag_ == "VB" and depth < 3:
        return verb_direction(verb.head, cues, depth + 1)  # "will begin ... and end on Friday"
    aux_words = {aux.lower_ for aux in auxiliaries}
    if verb.tag_ == "VBN" and aux_words & cues.perfect_modals and aux_words & cues.perfect_auxiliaries:
        return Direction.PAST  # "may have been", "could have caused": a modal of the past
    if aux_words & cues.future_auxiliaries:
        return Direction.FUTURE
    if aux_words & cues.possible_auxiliaries:
        return Direction.NEAREST  # "could be located Wednesday", "the vote could come Friday"
    if not auxiliaries and verb.tag_ in ("VBN", "VBG") and verb.dep_ in ("acl", "advcl", "relcl") and depth < 3:
        planned = is_a(verb, cues.future_cues)
        above = governing_verb_of(verb.head) if verb.head.i != verb.i else None
        if verb.tag_ == "VBN" and not planned:
            return Direction.PAST  # "the injunction issued Thursday", "shares bought to Thursday"
        if above is not None:  # the clause's time: "a service planned for Saturday was canceled"
            direction = verb_direction(above, cues, depth + 1)
            if planned:
                return Direction.NEAREST if direction is Direction.PAST else Direction.FUTURE
            return direction
    past_aux = any(aux.tag_ == "VBD" for aux in auxiliaries)
    cue = is_a(verb, cues.future_cues) or any(
        is_a(child, cues.future_cues) for child in verb.children if child.dep_ in ("acomp", "attr", "amod")
    )
    past = verb.tag_ == "VBD" or (not auxiliaries and _past_read_as_present(verb, cues))
    if past or past_aux or (verb.tag_ == "VBN" and aux_words & cues.perfect_auxiliaries):
        # an intention in the past points ahead only through what it governs: "threatened to strike on
        # Friday" may lie ahead, "threatened staff on Friday" is past
        intended = is_a(verb, cues.intentions) and not any(
            child.dep_ in ("xcomp", "ccomp") or (child.dep_ == "prep" and child.lower_ == "for")
            for child in verb.children
        )
        return Direction.NEAREST if cue and not intended else Direction.PAST
    if cue:
        return Direction.FUTURE
    if verb.tag_ == "VB" and aux_words & cues.infinitive_markers and verb.head.i != verb.i and depth < 3:
        head = verb.head
        if head.pos_ in ("VERB", "AUX"):
            direction = verb_direction(head, cues, depth + 1)
            if direction is Direction.PAST and (
                verb.dep_ == "advcl" or (verb.dep_ == "xcomp" and is_a(head, cues.directives))
            ):
                # "ordered him to report by April 1", "booked a stadium to stage the final on June 18":
                # what was ordered or meant may lie ahead
                return Direction.NEAREST
            return direction
        return Direction.FUTURE if is_a(head, cues.future_cues) else Direction.NEAREST
    if verb.tag_ == "VBG" and aux_words & cues.present_auxiliaries:
        return Direction.FUTURE
    if verb.tag_ == "VBN" and not auxiliaries and verb.dep_ in ("acl", "amod", "advcl"):
        return Direction.PAST
    if verb.tag_ in ("VBZ", "VBP") or (auxiliaries and auxiliaries[0].tag_ in ("VBZ", "VBP")):
        return Direction.FUTURE  # a dated present in news is a schedule: "the court rules on Monday"
    return Direction.NEAREST


def _past_read_as_present(verb: Token, cues: TenseCues) -> bool:
    """A verb whose past is spelt like its present, tagged present (VBP) after one singular common
    noun ("Weakness in big stocks hurt the index"): a VBP cannot agree with it, so it is the past;
    not in a clause opened by "if" or "that", where it may be a subjunctive ("ordered that he quit")."""
    if verb.tag_ != "VBP" or verb.lower_ not in cues.unchanged_pasts or any(c.dep_ == "mark" for c in verb.children):
        return False
    subjects = [child for child in verb.children if child.dep_ == "nsubj"]
    return any(s.tag_ == "NN" and not any(c.dep_ == "conj" for c in s.children) for s in subjects)


def direction_of(span: SpacySpan, cues: TenseCues) -> Direction:
    """Direction for an expression in a parsed sentence: "since" or a past verb -> PAST.

    Headlines use the present for past events, so a present tense there decides nothing.
    """
    doc = span.doc
    if _after_past_preposition(span, cues) or _possessive(span):
        return Direction.PAST  # "since July", "since shortly after the Sept. 30 landslide", "Friday's close"
    verb = governing_verb(span)
    if verb is None:
        return Direction.NEAREST
    direction = verb_direction(verb, cues)
    if direction is Direction.PAST and _deferred_to(span, verb, cues) and not _past_perfect(verb):
        return Direction.FUTURE  # "postponed until Tuesday": a deadline moved is put after the moving
    if direction is Direction.PAST and (
        _scheduled_on_the_way(span.root, verb, cues) or _open_until(span, verb, cues) or _deferred_to(span, verb, cues)
    ):
        # "declared a dividend payable Dec. 15", "was remanded until March 23": the date may be ahead.
        return Direction.NEAREST
    if direction is Direction.FUTURE and in_title(doc, span.start_char) and not _explicit_future(verb, cues):
        return Direction.NEAREST
    if direction is Direction.FUTURE and _names_an_event(span) and not _future_auxiliary(verb, cues):
        # "is not linked with the August 7 bombings", "under a June agreement": a present tense says
        # nothing of when the named event was
        return Direction.NEAREST
    return direction


def _past_perfect(verb: Token) -> bool:
    """ "had extended": a past perfect (the auxiliary "have" in the past tense) sets the deferral
    before some other past event."""
    return any(
        child.lemma_ == "have" and child.tag_ == "VBD" for child in verb.children if child.dep_ in ("aux", "auxpass")
    )


def _names_an_event(span: SpacySpan) -> bool:
    """Whether the expression dates the noun after it ("the August 7 bombings", "a June agreement")."""
    root = span.root
    return root.dep_ in ("compound", "nmod") and root.head.i >= span.end and root.head.pos_ == "NOUN"


def _future_auxiliary(verb: Token, cues: TenseCues) -> bool:
    """ "will", "shall" (or a modal like them) on the verb."""
    return any(child.lower_ in cues.future_auxiliaries for child in verb.children if child.dep_ in ("aux", "auxpass"))


def _after_past_preposition(span: SpacySpan, cues: TenseCues) -> bool:
    """Whether "since" opens the phrase of the expression ("since July", "since shortly after the
    Sept. 30 landslide"): a few words back, with no verb or punctuation between."""
    doc = span.doc
    for token in reversed(doc[max(0, span.start - 6) : span.start]):
        if token.lower_ in cues.past_prepositions:
            return True
        if token.pos_ in ("VERB", "AUX", "PUNCT"):
            return False
    return False


def _possessive(span: SpacySpan) -> bool:
    """ "Friday's purchases", "Tuesday's declaration": an event already dated."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].tag_ == "POS"


def _deferred_to(span: SpacySpan, verb: Token, cues: TenseCues) -> bool:
    """A deadline moved or granted ("extended to Nov. 20", "gave him until mid-November") may lie ahead."""
    doc = span.doc
    return span.start > 0 and doc[span.start - 1].lower_ in cues.deferral_prepositions and is_a(verb, cues.deferrals)


def _scheduled_on_the_way(token: Token, verb: Token, cues: TenseCues) -> bool:
    """Whether a word between the expression and its verb, or a modifier of one, schedules it
    ("payable", "due", "upcoming"): the verb's tense then says nothing about the date."""
    while token.i != verb.i and token.head.i != token.i:
        token = token.head
        if token.i == verb.i:
            return False
        if is_a(token, cues.scheduling) or any(
            child.dep_ == "amod" and is_a(child, cues.scheduling) for child in token.children
        ):
            return True
    return False


def _open_until(span: SpacySpan, verb: Token, cues: TenseCues) -> bool:
    """A passive or perfect verb holding until a date ("was remanded until March 23", "has been
    postponed until May") states something still going on; "lasted until November" does not."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].lower_ not in cues.deadlines:
        return False
    return any(child.dep_ == "auxpass" or child.lower_ in cues.open_auxiliaries for child in verb.children)


def dates_a_report(span: SpacySpan, cues: TenseCues) -> bool:
    """Whether the expression dates a statement ("officials said Friday") rather than an event."""
    verb = governing_verb(span)
    return verb is not None and is_a(verb, cues.reporting)


def _explicit_future(verb: Token, cues: TenseCues) -> bool:
    """ "will"/"to" or a scheduling verb marks the future even in a headline."""
    return is_a(verb, cues.future_cues) or any(
        child.lower_ in cues.future_auxiliaries or child.lower_ in cues.infinitive_markers for child in verb.children
    )
