"""Syntactic slots around a trigger: its subject, object, possessor, modifiers, prepositional
objects, and those of the verb or series that carries a nominal trigger; arguments.py maps them to roles."""

from __future__ import annotations

from spacy.tokens import Token

from newsx.service.extract.events.syntax import (
    NOUN_POS,
    VERB_POS,
    carried_by,
    governor,
    has_child,
    object_of,
    subject_of,
)
from newsx.service.extract.events.tables import Lexicon
from newsx.service.extract.events.triggers import TriggerMatch

RELATIVE_TAGS = frozenset({"WDT", "WP"})  # "which", "that", "who": the trigger itself


def syntactic_slots(match: TriggerMatch, lexicon: Lexicon) -> list[tuple[str, Token]]:
    """(slot, head) pairs around a trigger: subject, object, possessor, modifier, count, place, prep:<p>."""
    token = match.token
    causes = ".".join(match.type.split(".")[:2]) in lexicon.causing_types
    if token.pos_ in NOUN_POS:
        slots = _noun_slots(token, lexicon, causes)
    elif token.pos_ == "ADJ" and token.tag_ != "VBN":
        slots = _adjective_slots(token, lexicon)
    else:
        subj = _agent_of(token, lexicon)
        obj = object_of(token)
        slots = _absolute_patient(token) if obj is None else []
        if subj is not None and not slots and (obj is None or subj.i != obj.i):
            slots.append(("subject", subj))
        if obj is not None:
            slots.append(("object", obj))
        slots += _prep_slots(token) + (_consequence_places(token, lexicon) if causes else [])
    if token.pos_ not in NOUN_POS:
        slots += _group_members(token, lexicon)
    slots += _shared_patient(token, slots) + _relative_place(token)
    return _expanded(slots, lexicon)


def _group_members(token: Token, lexicon: Lexicon) -> list[tuple[str, Token]]:
    """ "11 of the injured", "two children were among the dead", "the wounded included two officers":
    a participle or adjective used as a noun stands for its patients, and whoever is counted in it is one."""
    if not any(child.dep_ == "det" for child in token.children):
        return []
    head = token.head
    member: Token | None = None
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.like_num:
        member = head.head
    elif token.dep_ == "pobj" and head.lower_ == "among" and head.head.pos_ in VERB_POS:
        member = subject_of(head.head)
    elif token.dep_ == "nsubj" and head.lemma_.lower() in lexicon.membership_verbs:
        member = object_of(head)
    return [("object", member)] if member is not None else []


def _tally_counts(token: Token) -> list[tuple[str, Token]]:
    """ "a death toll of 11", "the death toll rose to 50", "put the death toll at 11": the number of the
    tally a trigger names counts the event's patients."""
    tally = token.head
    numbers = [obj for prep, obj in _prep_slots(tally) if prep == "prep:of"]
    if tally.dep_ in ("nsubj", "nsubjpass", "dobj"):
        verb = tally.head
        numbers += [obj for prep, obj in _prep_slots(verb) if prep in ("prep:to", "prep:at")]
        numbers += [child for child in verb.children if child.dep_ == "dobj" and child.i != tally.i]
    return [("count", number) for number in numbers if number.like_num]


def _agent_of(verb: Token, lexicon: Lexicon) -> Token | None:
    """A verb's subject; for an infinitive that completes a noun of intent, the noun's possessor
    ("the IRA's decision to carry out the attacks", "Russia's attempt to seize Kyiv")."""
    found = subject_of(verb)
    if found is not None:
        return found
    clause = verb
    while clause.dep_ == "xcomp":  # "their plan to try to storm the building"
        clause = clause.head
    noun = clause.head
    if clause.dep_ == "acl" and has_child(clause, ("aux",)) and noun.lemma_.lower() in lexicon.control_nouns:
        return next((child for child in noun.children if child.dep_ == "poss"), None)
    return None


def _expanded(slots: list[tuple[str, Token]], lexicon: Lexicon) -> list[tuple[str, Token]]:
    """Each argument with its conjuncts ("Putin and Pezeshkian"), the members it lists ("arrested,
    including Eva Forest"), and the places it is in ("sites in Yemen"), unless it is an event noun:
    in "killed in blasts in Afghanistan" the place is the blasts' own. Of "between X and Y" the
    second side is the patient ("a battle between troops and terrorists")."""
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
                elif (
                    child.dep_ == "prep"
                    and child.lower_ in lexicon.place_preps
                    and not _is_event_noun(current, lexicon)
                ):
                    # Where an argument is: "sites in Yemen", "a market in Baghdad", "authorities in Minsk".
                    places += [("place", place) for place in child.children if place.dep_ == "pobj"]
    return expanded + places


def _is_event_noun(token: Token, lexicon: Lexicon) -> bool:
    return token.pos_ in NOUN_POS and token.lemma_.lower() in lexicon.triggers.get("noun", {})


def _consequence_places(token: Token, lexicon: Lexicon) -> list[tuple[str, Token]]:
    """ "A bomb exploded, wounding 13 people on a busy street": where its consequence was, the event was
    (the parser hangs the place on the consequence or on its object). Only for events that cause harm
    (syntax.yaml causing_types): a hunt is not where the wounding it is hung on happened."""
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


def _noun_slots(token: Token, lexicon: Lexicon, causes: bool) -> list[tuple[str, Token]]:
    """Slots of a nominal trigger, and of the verb that carries it ("Iran launched an attack on ...");
    ``causes``: whether the trigger's type has consequences whose place is its own."""
    slots: list[tuple[str, Token]] = []
    for child in token.children:
        if child.dep_ == "poss":
            slots.append(("possessor", child))
        elif child.dep_ in ("compound", "amod", "nmod") and child.pos_ in ("PROPN", "ADJ", "NOUN"):
            slots.append(("modifier", child))
        elif child.dep_ == "nummod":
            slots.append(("count", child))
    slots += _prep_slots(token)
    if token.dep_ == "compound" and token.head.lemma_.lower() in lexicon.tally_nouns:
        slots += _tally_counts(token)
    anchor = _series_of(token, lexicon)  # the noun, or the series it is one of
    slots += _prep_slots(anchor) if anchor.lemma_.lower() in lexicon.series_nouns else []
    carrier = governor(anchor) if anchor.dep_ == "pobj" else anchor.head
    lemma = carrier.lemma_.lower()
    if carried_by(anchor, carrier, lexicon):
        subj = _agent_of(carrier, lexicon)
        if subj is not None:
            slots.append(("object" if lemma in lexicon.patient_light_verbs else "subject", subj))
        if anchor.dep_ == "dobj":  # "he was given an ultimatum": who is given it receives it
            slots += [("prep:to", child) for child in carrier.children if child.dep_ == "nsubjpass"]
        slots += [slot for slot in _prep_slots(carrier) if slot[1].i != anchor.i]
        slots += _consequence_places(carrier, lexicon) if causes else []
    elif anchor.dep_ == "dobj" and lemma in lexicon.witnessing_verbs:
        scene = subject_of(carrier)  # "Iraq has witnessed a wave of bombings": where they happened
        slots += [("place", scene)] if scene is not None and scene.pos_ != "PRON" else []
    elif anchor.dep_ == "nsubj" and lemma in lexicon.happening_verbs:
        slots += _prep_slots(carrier)
    elif anchor.dep_ == "nsubj" and lemma in lexicon.aiming_verbs:
        obj = object_of(carrier)
        if obj is not None:
            slots.append(("target", obj))  # "the explosion targeted a bakery"
    described = [*token.children, *(anchor.children if anchor.i != token.i else ())]
    for child in described:
        if child.dep_ in ("acl", "relcl"):
            slots += _describing_clause(child, (token.i, anchor.i), lexicon)
    return slots + _claimant(anchor, lexicon)


def _describing_clause(clause: Token, trigger: tuple[int, int], lexicon: Lexicon) -> list[tuple[str, Token]]:
    """ "attacks carried out by militants", "bombings targeted at the military", "the attack, which
    targeted a police station", "the bombings, which seemed to be aimed at civilians": a clause on the
    trigger whose verb only carries or aims it tells its agent and target."""
    carriers = lexicon.light_verbs | lexicon.aiming_verbs
    verb = clause
    while verb.lemma_.lower() not in carriers:  # through "seemed to be", "appeared to have been"
        complement = next((child for child in verb.children if child.dep_ == "xcomp"), None)
        if complement is None:
            return []
        verb = complement
    slots: list[tuple[str, Token]] = []
    agent = subject_of(verb)
    if agent is not None and agent.i not in trigger and agent.tag_ not in RELATIVE_TAGS:
        slots.append(("subject", agent))
    slots += [("target", obj) for prep, obj in _prep_slots(verb) if prep in ("prep:at", "prep:against")]
    aimed = object_of(verb) if verb.lemma_.lower() in lexicon.aiming_verbs else None
    if aimed is not None and aimed.i not in trigger and aimed.tag_ not in RELATIVE_TAGS:
        slots.append(("target", aimed))
    return slots


def _series_of(token: Token, lexicon: Lexicon) -> Token:
    """ "launched a series of attacks", "a wave of shooting broke out": the series stands for its events."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in lexicon.series_nouns:
        return token.head.head
    return token


def _claimant(token: Token, lexicon: Lexicon) -> list[tuple[str, Token]]:
    """ "The IRA accepted responsibility for the bombings", "he was responsible for the attack":
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


def _adjective_slots(token: Token, lexicon: Lexicon) -> list[tuple[str, Token]]:
    """ "found dead", "shot him dead", "five people are dead", "dead soldiers": whom the adjective
    describes; and, when the verb it completes is an event ("shot dead by police"; not "found dead"),
    the verb's agent."""
    head = token.head
    if token.dep_ == "amod":
        described: Token | None = head
    elif token.dep_ == "oprd":
        described = object_of(head)
        agent = subject_of(head) if head.lemma_.lower() in lexicon.triggers["verb"] else None
        if agent is not None and (described is None or agent.i != described.i):
            return [("prep:by", agent)] + ([("object", described)] if described is not None else [])
    elif token.dep_ == "acomp":
        described = subject_of(head)
    else:
        described = None
    return [("object", described)] if described is not None else []


def _prep_slots(token: Token) -> list[tuple[str, Token]]:
    """Prepositional objects of a word, and of its adverb particle ("flew back to Belfast")."""
    slots = []
    for child in token.children:
        if child.dep_ in ("advmod", "prt") and child.pos_ in ("ADV", "ADP") and token.pos_ in VERB_POS:
            slots += [slot for slot in _prep_slots(child) if slot[0] != "prep:of"]
        elif child.dep_ in ("prep", "agent"):
            objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
            prep = "by" if child.dep_ == "agent" else child.lower_
            slots += [("prep:" + prep, obj) for obj in objects]
        elif child.dep_ == "dative":  # "told him", or "sold drones to Kuwait" with "to" as the dative
            recipients = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
            slots += [("prep:to", recipient) for recipient in (recipients if child.pos_ == "ADP" else [child])]
    return slots
