"""An event's modality and negation, read along its clause chain, and the time attached to it."""

from __future__ import annotations

from spacy.tokens import Token

from newsx.service.domain import EventStatus
from newsx.service.extract.events.links import Linked, Links
from newsx.service.extract.events.syntax import NOUN_POS, SUBJECT_DEPS, VERB_POS, carried_by, governor
from newsx.service.extract.events.tables import Lexicon
from newsx.service.extract.events.triggers import TriggerMatch


def clause_chain(token: Token, lexicon: Lexicon) -> list[Token]:
    """The trigger (or the verb carrying a nominal trigger), then the verbs it is a complement or conjunct of."""
    chain = [token]
    current = token
    if token.pos_ in NOUN_POS:
        head = governor(token)
        carried = token.dep_ in ("dobj", "nsubjpass", "attr", "oprd") or carried_by(token, head, lexicon)
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


def event_status(match: TriggerMatch, chain: list[Token], links: Links) -> tuple[EventStatus, bool]:
    """Modality (asserted, planned, intended, threatened, hypothetical) and negation of a trigger.

    ``chain`` is ``clause_chain(match.token)``: the modality may sit on any verb of it.
    """
    cue = links.lexicon
    token = match.token
    status = EventStatus.ASSERTED
    negated = False
    for child in token.children:
        word = child.lower_
        if child.dep_ in ("amod", "acl") and (word in cue.planned_modifiers or child.lemma_ in cue.planning_verbs):
            status = EventStatus.PLANNED
        elif child.dep_ == "amod" and word in cue.hypothetical_modifiers:
            status = EventStatus.HYPOTHETICAL
        elif child.dep_ == "det" and word in cue.negation_determiners:
            negated = True
        elif child.dep_ in ("nsubj", "nsubjpass", "dobj") and word in cue.negative_pronouns:
            negated = True  # "nobody was injured"
    if token.pos_ in NOUN_POS and token.dep_ in ("nsubj", "nsubjpass"):
        chain = [*chain, token.head]
    reported = False  # above a "that" clause only threats and intentions still tell the status
    for depth, verb in enumerate(chain):
        lemma = verb.lemma_.lower()
        reported = reported or (depth > 0 and chain[depth - 1].dep_ == "ccomp")
        if depth > 0 and chain[depth - 1].dep_ != "conj":  # a conjunct shares auxiliaries, not its head's meaning
            if lemma in cue.threat_verbs:
                status = EventStatus.THREATENED
            elif lemma in cue.intent_verbs and status is EventStatus.ASSERTED:
                status = EventStatus.INTENDED
            elif reported:
                continue
            elif lemma in cue.planning_verbs and status is EventStatus.ASSERTED:
                status = EventStatus.PLANNED
            elif lemma in cue.denial_verbs:
                negated = True
        for dep, word in links.modality_cues.get(verb.i, ()):
            if dep == "neg":
                negated = True
            elif dep == "aux" and word in cue.future_auxiliaries and status is EventStatus.ASSERTED:
                status = EventStatus.PLANNED
            elif dep == "aux" and word in cue.hypothetical_auxiliaries:
                status = EventStatus.HYPOTHETICAL
            elif dep == "mark" and word in cue.conditional_markers:
                status = EventStatus.HYPOTHETICAL
    return status, negated


def find_time(match: TriggerMatch, links: Links, chain: list[Token]) -> Linked | None:
    """The time expression attached to the trigger, or to the verb that carries a nominal trigger."""
    anchors = {token.i for token in chain[:2]}
    anchors.add(match.token.i)
    return next((time for time in links.times if time.attached_to & anchors), None)
