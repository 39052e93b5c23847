"""Syntactic slots around a trigger: its subject, object, possessor, modifiers, prepositional
objects, and those of the verb or series that carries a nominal trigger; arguments.py maps them to roles."""

from __future__ import annotations

from spacy.tokens import Token

from newsx.service.extract.events.syntax import NOUN_POS, carried_by, governor, object_of, subject_of
from newsx.service.extract.events.tables import Lexicon
from newsx.service.extract.events.triggers import TriggerMatch


def syntactic_slots(match: TriggerMatch, lexicon: Lexicon) -> list[tuple[str, Token]]:
    """(slot, head) pairs around a trigger: subject, object, possessor, modifier, count, place, prep:<p>."""
    token = match.token
    if token.pos_ in NOUN_POS:
        slots = _noun_slots(token, lexicon)
    elif token.pos_ == "ADJ" and token.tag_ != "VBN":
        slots = _adjective_slots(token)
    else:
        subj = subject_of(token)
        obj = object_of(token)
        slots = _absolute_patient(token) if obj is None else []
        if subj is not None and not slots and (obj is None or subj.i != obj.i):
            slots.append(("subject", subj))
        if obj is not None:
            slots.append(("object", obj))
        slots += _prep_slots(token) + _consequence_places(token, lexicon)
    slots += _shared_patient(token, slots) + _relative_place(token)
    return _expanded(slots, lexicon)


def _expanded(slots: list[tuple[str, Token]], lexicon: Lexicon) -> list[tuple[str, Token]]:
    """Each argument with its conjuncts ("Putin and Pezeshkian"), the members it lists ("arrested,
    including Eva Forest"), and the places it is in ("sites in Yemen"). Of "between X and Y" the
    second side is the patient ("a battle between soldiers and bandits")."""
    expanded = []
    places = []
    for slot, head in slots:
        if slot.startswith("prep:") and slot[5:] in lexicon.listing_preps:
            slot = "object"  # the trigger's own "including": members of its patient
        pending = [head]
        for current in pending:
            side = "object" if slot == "prep:between" and current.i != head.i else slot
            expanded.append((side, current))
            for child in current.children:
                if child.dep_ == "conj":
                    pending.append(child)
                elif child.dep_ == "prep" and child.lower_ in lexicon.listing_preps:
                    pending += [member for member in child.children if member.dep_ == "pobj"]
                elif child.dep_ == "prep" and child.lower_ in lexicon.place_preps:
                    # Where an argument is: "sites in Yemen", "a market in Baghdad", "authorities in Minsk".
                    places += [("place", place) for place in child.children if place.dep_ == "pobj"]
    return expanded + places


def _consequence_places(token: Token, lexicon: Lexicon) -> list[tuple[str, Token]]:
    """ "A package exploded, wounding eight people on a narrow street": where its consequence was, the event was
    (the parser hangs the place on the consequence or on its object)."""
    places = []
    for clause in token.children:
        if clause.dep_ != "advcl" or clause.tag_ != "VBG":
            continue
        for holder in [clause, *(child for child in clause.children if child.dep_ == "dobj")]:
            for prep in holder.children:
                if prep.dep_ == "prep" and prep.lower_ in lexicon.place_preps:
                    places += [("place", place) for place in prep.children if place.dep_ == "pobj"]
    return places


def _absolute_patient(token: Token) -> list[tuple[str, Token]]:
    """ "Six were killed, with two others injured": the participle's patient is the object of the
    "with" before it (the parser hangs both on the main verb), and the main verb's subject is not its own."""
    if token.tag_ not in ("VBN", "VBD") or token.dep_ != "advcl":
        return []
    if any(child.dep_ in ("nsubj", "nsubjpass", "mark") for child in token.children):
        return []  # "... before he fled": a clause with its own subject
    for prep in token.head.children:
        if prep.dep_ == "prep" and prep.lower_ == "with" and prep.i < token.i:
            return [("object", patient) for patient in prep.children if patient.dep_ == "pobj"]
    return []


def _relative_place(token: Token) -> list[tuple[str, Token]]:
    """ "the bus station, where six people were killed": the noun a "where" clause describes."""
    if token.dep_ == "relcl" and any(child.dep_ == "advmod" and child.lower_ == "where" for child in token.children):
        return [("place", token.head)]
    return []


def _shared_patient(token: Token, slots: list[tuple[str, Token]]) -> list[tuple[str, Token]]:
    """The patient of a coordinated trigger, shared: "killed and injured 30 people", "the slaughter
    and maiming of men" (the parser hangs it on one conjunct only)."""
    if any(slot in ("object", "prep:of") for slot, _ in slots):
        return []
    partners = [token.head] if token.dep_ == "conj" else []
    partners += [child for child in token.children if child.dep_ == "conj"]
    for partner in partners:
        if partner.pos_ != token.pos_:
            continue
        second = token if token.dep_ == "conj" else partner
        if token.pos_ in NOUN_POS and any(child.dep_ in ("det", "poss") for child in second.children):
            continue  # "the fatalities and the abduction of 250 people": two phrases, two patients
        if token.pos_ in NOUN_POS:
            shared = [("prep:of", obj) for slot, obj in _prep_slots(partner) if slot == "prep:of"]
        else:
            patient = object_of(partner)
            shared = [("object", patient)] if patient is not None else []
        if shared:
            return shared
    return []


def _noun_slots(token: Token, lexicon: Lexicon) -> list[tuple[str, Token]]:
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
    anchor = _series_of(token, lexicon)  # the noun, or the series it is one of
    slots += _prep_slots(anchor) if anchor.lemma_.lower() in lexicon.series_nouns else []
    carrier = governor(anchor) if anchor.dep_ == "pobj" else anchor.head
    lemma = carrier.lemma_.lower()
    if carried_by(anchor, carrier, lexicon):
        subj = subject_of(carrier)
        if subj is not None:
            slots.append(("object" if lemma in lexicon.patient_light_verbs else "subject", subj))
        if anchor.dep_ == "dobj":  # "he was given an ultimatum": who is given it receives it
            slots += [("prep:to", child) for child in carrier.children if child.dep_ == "nsubjpass"]
        slots += [slot for slot in _prep_slots(carrier) if slot[1].i != anchor.i]
        slots += _consequence_places(carrier, lexicon)
    elif anchor.dep_ == "nsubj" and lemma in lexicon.happening_verbs:
        slots += _prep_slots(carrier)
    elif anchor.dep_ == "nsubj" and lemma in lexicon.aiming_verbs:
        obj = object_of(carrier)
        if obj is not None:
            slots.append(("target", obj))  # "the explosion targeted a bakery"
    described = [*token.children, *(anchor.children if anchor.i != token.i else ())]
    for child in described:  # "attacks carried out by militants", "bombings targeted at the military"
        if child.dep_ == "acl" and child.lemma_.lower() in lexicon.light_verbs | lexicon.aiming_verbs:
            agent = subject_of(child)
            slots += [("subject", agent)] if agent is not None and agent.i not in (token.i, anchor.i) else []
            slots += [("target", obj) for prep, obj in _prep_slots(child) if prep in ("prep:at", "prep:against")]
    return slots + _claimant(anchor, lexicon)


def _series_of(token: Token, lexicon: Lexicon) -> Token:
    """ "launched a wave of attacks", "a series of shootings broke out": the series stands for its events."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in lexicon.series_nouns:
        return token.head.head
    return token


def _claimant(token: Token, lexicon: Lexicon) -> list[tuple[str, Token]]:
    """ "ETA accepted responsibility for the blasts", "he was responsible for the attack":
    who claims (or is given) the responsibility is the event's agent."""
    if (
        token.dep_ != "pobj"
        or token.head.lower_ != "for"
        or token.head.head.lemma_.lower() not in lexicon.claiming_words
    ):
        return []
    word = token.head.head
    if word.dep_ in ("dobj", "acomp", "attr"):
        agent = subject_of(word.head)
        return [("subject", agent)] if agent is not None else []
    return []


def _adjective_slots(token: Token) -> list[tuple[str, Token]]:
    """ "found dead", "shot him dead", "five people are dead", "dead soldiers": whom the adjective describes."""
    head = token.head
    if token.dep_ == "amod":
        described: Token | None = head
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
