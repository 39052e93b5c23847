"""A trigger's participants: syntactic slots around it, mapped to roles by the type's (or the lemma's)
frame, each accepted only when the argument's kind fits the role."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from newsx.service.domain import EventArgument, Span
from newsx.service.extract.events.links import MEASURE_KINDS, Links, of_object, token_kinds
from newsx.service.extract.events.ontology import EventTypeSpec
from newsx.service.extract.events.slots import syntactic_slots
from newsx.service.extract.events.tables import Frame, Lexicon
from newsx.service.extract.events.triggers import TriggerMatch

PLACE_KINDS = frozenset({"loc", "gpe", "fac"})


def frame_for(match: TriggerMatch, lexicon: Lexicon) -> Frame:
    """The lemma's own frame for this type if it has one, else the type's."""
    lemma = match.token.lemma_.lower()
    found = lexicon.lemma_frames.get((lemma, match.type)) or lexicon.frames.get(match.type)
    return found or _default_frame(match.type, lexicon)


def _default_frame(event_type: str, lexicon: Lexicon) -> Frame:
    """For a type without a frame: the first role is the subject's, the second the object's."""
    roles = lexicon.event_types[event_type].roles
    subject = roles[0]
    obj = roles[1] if len(roles) > 1 and roles[1] != "Place" else ""
    return Frame(subject, obj, subject, {**lexicon.place_preps, "by": subject, "of": obj})


def _frame_role(frame: Frame, slot: str) -> str:
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
    if lemma in links.lexicon.place_nouns or lemma in links.lexicon.facility_nouns:
        named = of_object(head)
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
    quantities = links.lexicon.quantity_nouns
    if head.lemma_.lower() in quantities or head.lower_ in quantities:
        counted = of_object(head)
        if counted is not None:
            end = counted.i + 1
    if head.like_num or head.lower_ in quantities:  # "130 more", "scores more": the count and its word
        end += sum(1 for child in head.rights if child.i == end and child.lower_ in links.lexicon.additive_words)
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
    lexicon = links.lexicon
    spec = lexicon.event_types[match.type]
    frame = frame_for(match, lexicon)
    slots = syntactic_slots(match, lexicon)
    has_object = any(slot == "object" for slot, _ in slots)
    arguments: list[EventArgument] = []
    taken: set[int] = set()
    for slot, raw_head in slots:
        role, head = "", raw_head
        named = _named_head(raw_head, links)
        for head in (named, raw_head) if named.i != raw_head.i else (raw_head,):
            if head.i in taken or match.start <= head.i < match.end:
                continue
            role = choose_role(slot, token_kinds(head, links), frame, spec, head, lexicon, has_object)
            if role:
                break
        if not role:
            continue
        start, end, entity_id = _count_extent(head, links) if slot == "count" else argument_extent(head, links)
        if slot != "count" and _is_measure(start, end, links):
            continue  # "destroyed buildings within 300 metres": a distance is no participant
        figure_id = _figure_id(start, end, links)
        confidence = 0.9 if entity_id else (0.6 if head.pos_ == "PRON" else 0.7)
        taken.add(head.i)
        span = doc[start:end]
        arguments.append(
            EventArgument(role, span.text, Span(span.start_char, span.end_char), entity_id, figure_id, confidence)
        )
    return arguments


def _is_measure(start: int, end: int, links: Links) -> bool:
    """Whether the tokens are all a figure that measures (a distance, a share, an age, a rank)."""
    figures = [links.figures.get(i) for i in range(start, end)]
    return all(figure is not None and figure.kind in MEASURE_KINDS for figure in figures)


def _count_extent(number: Token, links: Links) -> tuple[int, int, str]:
    """The count before a trigger noun ("approximately 1,200" of "approximately 1,200 fatalities")."""
    linked = links.figures.get(number.i)
    modifiers = [child.left_edge.i for child in number.lefts if child.dep_ in ("advmod", "quantmod")]
    start = min([number.i, *modifiers] + ([linked.start] if linked is not None else []))
    return start, number.i + 1, ""


def choose_role(
    slot: str,
    kinds: tuple[str, ...],
    frame: Frame,
    spec: EventTypeSpec,
    head: Token,
    lexicon: Lexicon,
    has_object: bool = False,
) -> str:
    """The role a syntactic slot fills for this type, if the argument's kinds fit it."""
    fitting = _Fitting(spec, head, lexicon)
    if slot == "count":
        return fitting.first((frame.object, frame.possessor), ("num",)) if head.like_num else ""
    if slot == "place":
        return fitting.first(("Place",), kinds) if set(kinds) & PLACE_KINDS else ""
    if slot == "modifier":
        return _modifier_role(kinds, frame, fitting, head)
    role = _frame_role(frame, slot)
    if slot == "target":
        role = "Target" if "Target" in spec.role_types else frame.object
    if slot == "subject" and frame.subject_alone and not has_object:
        # "it exploded": with no object, what explodes is the device, a pronoun included.
        if head.pos_ == "PRON" or fitting.first((frame.subject_alone,), kinds, core=True):
            return frame.subject_alone
    if role == frame.object and slot.startswith("prep:") and has_object:
        role = "Place"  # "attacked passengers at the station": the object is the target already
    if (
        role == "Target"
        and slot == "prep:at"
        and set(kinds) & {"fac", "loc"}
        and not set(kinds) & {"per", "org", "gpe"}
    ):
        role = "Place"  # "opened fire at a bowling alley", "detonated explosives at a market"
    vehicle_slots = ("object", "prep:in", "prep:on", "prep:by", "prep:aboard")
    if "veh" in kinds and "Vehicle" in spec.role_types and slot in vehicle_slots:
        role = "Vehicle"  # "drove a van", "flew them in a helicopter"
    court = slot in ("prep:at", "prep:in") and "org" in kinds and head.lemma_.lower() == "court"
    if court and "JudgeCourt" in spec.role_types:
        role = "JudgeCourt"  # "convicted at Leeds Crown Court"
    if role and fitting.first((role,), kinds, core=slot in ("object", "target", "prep:with")):
        return role
    if slot == "subject" and not set(kinds) & PLACE_KINDS:  # a building or a town is no instrument
        fallback = lexicon.roles["thing_fallback_roles"] + ((frame.object,) if not has_object else ())
        return fitting.first(fallback, kinds)
    if slot in ("prep:in", "prep:at", "prep:near", "prep:on") and set(kinds) & PLACE_KINDS:
        return fitting.first(("Place",), kinds)
    return ""


def _modifier_role(kinds: tuple[str, ...], frame: Frame, fitting: _Fitting, head: Token) -> str:
    """ "Hamas attack", "Israeli strikes", "Gaza attack", "missile strikes", "cholera outbreak"."""
    kind_set = set(kinds)
    if kind_set & {"loc", "fac"} or ("gpe" in kind_set and head.pos_ == "PROPN" and head.dep_ == "compound"):
        return fitting.first(("Place",), kinds)
    if kind_set & {"per", "org", "sid", "gpe"}:
        return fitting.first((frame.possessor,), kinds)
    if kind_set & {"wea", "veh", "com", "mhi"}:
        return fitting.first(fitting.lexicon.roles["thing_fallback_roles"] + ("Disease", "MedicalIssue"), kinds)
    return ""


class _Fitting:
    """Which of some roles of a type an argument head may fill."""

    def __init__(self, spec: EventTypeSpec, head: Token, lexicon: Lexicon) -> None:
        self.spec = spec
        self.head = head
        self.lexicon = lexicon

    def first(self, roles: Iterable[str], kinds: tuple[str, ...], core: bool = False) -> str:
        """The first of the roles that exists for the type and accepts one of the kinds.

        An object of unknown kind is accepted for a role that takes things or only living beings.
        """
        roles_table = self.lexicon.roles
        for role in roles:
            accepted = self.spec.role_types.get(role)
            if not role or accepted is None:
                continue
            if "num" in kinds:
                if role in roles_table["count_roles"]:
                    return role
                continue
            if any(kind in accepted or _group_fits(kind, accepted) for kind in kinds):
                return role
            # An object of unknown kind: the verb tells what it is ("killed his neighbour", "seized the cargo").
            if (
                core
                and not kinds
                and self.head.pos_ == "NOUN"
                and (
                    role in roles_table["thing_roles"]
                    or accepted & set(roles_table["thing_kinds"])
                    or accepted <= {"per", "aml"}
                )
            ):
                return role
        return ""


def _group_fits(kind: str, accepted: frozenset[str]) -> bool:
    """A group of people (sid) may stand for people, organisations or countries, and an
    organisation ("the army", "security forces") for a group."""
    return (kind == "sid" and bool(accepted & {"per", "org", "gpe"})) or (kind == "org" and "sid" in accepted)
