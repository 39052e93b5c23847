"""Reading the dependency parse around a trigger: its subject, object, governor and context words."""

from __future__ import annotations

from spacy.tokens import Token

from newsx.service.extract.events.links import of_object
from newsx.service.extract.events.tables import Lexicon

NOUN_POS = frozenset({"NOUN"})
VERB_POS = frozenset({"VERB", "AUX"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})


def has_child(token: Token, deps: frozenset[str] | tuple[str, ...]) -> bool:
    return any(child.dep_ in deps for child in token.children)


def is_reduced_passive(token: Token) -> bool:
    """A past participle with a subject but no auxiliary is a passive ("Senator indicted on charges")."""
    return token.tag_ == "VBN" and has_child(token, SUBJECT_DEPS) and not has_child(token, ("aux", "auxpass", "dobj"))


def subject_of(token: Token) -> Token | None:
    """The subject of a verb, inherited through control verbs, coordination and participles."""
    for child in token.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
        if child.dep_ == "agent":
            return next((grandchild for grandchild in child.children if grandchild.dep_ == "pobj"), None)
    head = token.head
    if head.i == token.i or has_child(token, ("nsubjpass",)):
        return None
    if token.dep_ == "xcomp":
        controller = next((child for child in head.children if child.dep_ in ("dobj", "nsubjpass")), None)
        return controller or subject_of(head)
    if token.dep_ == "conj" and head.pos_ in VERB_POS:
        # "survived and were treated": a passive conjunct's shared subject is its patient.
        return None if has_child(token, ("auxpass",)) else subject_of(head)
    if token.dep_ == "advcl" and head.pos_ in VERB_POS and (token.tag_ == "VBG" or has_child(token, ("aux",))):
        return subject_of(head)  # "..., killing five people"; "met in Cairo to discuss a ceasefire"
    if token.dep_ in ("acl", "relcl") and token.tag_ == "VBG":
        return head
    if token.dep_ == "relcl" and any(child.dep_ == "nsubj" and child.tag_ in ("WDT", "WP") for child in token.children):
        return head
    if token.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in VERB_POS:
        verb = head.head
        passive = verb.tag_ == "VBN" and (verb.dep_ == "acl" or has_child(verb, ("nsubjpass",)))
        return object_of(verb) if passive else subject_of(verb)
    return None


def object_of(token: Token) -> Token | None:
    """The patient of a trigger: a verb's object or passive subject, a noun's "of" object or possessor."""
    if token.pos_ in NOUN_POS:
        return of_object(token) or next((child for child in token.children if child.dep_ == "poss"), None)
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    if is_reduced_passive(token):
        return next(child for child in token.children if child.dep_ in SUBJECT_DEPS)
    if token.dep_ == "acl" and token.tag_ in ("VBN", "VBD") and not has_child(token, ("nsubj", "dobj")):
        return token.head  # "the six service members killed" (a participle the tagger may read as a past)
    if token.dep_ == "relcl" and any(child.dep_ == "dobj" and child.tag_ in ("WDT", "WP") for child in token.children):
        return token.head
    if token.dep_ == "conj" and token.head.pos_ in VERB_POS and has_child(token, ("auxpass",)):
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


def carried_by(noun: Token, verb: Token, lexicon: Lexicon) -> bool:
    """Whether a verb only carries a nominal trigger: "launched an attack", "went on strike"."""
    lemma = verb.lemma_.lower()
    if noun.dep_ in ("dobj", "nsubjpass"):
        return lemma in lexicon.light_verbs or lemma in lexicon.giving_verbs
    return noun.dep_ == "pobj" and lemma in lexicon.entering_verbs


def context_words(token: Token) -> set[str]:
    """Lemmas and lower-cased forms of the trigger's children and of their prepositional objects,
    leaving out time phrases (a table may name "hostages" or "hostage")."""
    words = set()
    for child in token.children:
        if child.dep_ == "prep" and any(grandchild.ent_type_ in ("DATE", "TIME") for grandchild in child.children):
            continue  # "on Friday" says when, not what
        if child.dep_ in ("aux", "auxpass"):
            continue  # the "to" of "having to pay" or "to take" is no destination or recipient
        words.add(child.lemma_.lower())
        words.add(child.lower_)
        if child.dep_ in ("prep", "agent", "dobj", "compound"):
            for grandchild in child.children:
                if grandchild.dep_ in ("pobj", "compound"):
                    words.update((grandchild.lemma_.lower(), grandchild.lower_))
    return words


def is_reported_speech(token: Token) -> bool:
    """A reporting verb reports speech when a clause or a quotation depends on it (or it on one), or
    when its clause follows the reported one after a comma ("..., a charity said on Wednesday")."""
    if token.dep_ == "parataxis" or has_child(token, ("ccomp", "parataxis")):
        return True
    left = token.left_edge.i
    if left > token.sent.start + 2 and token.doc[left - 1].text == ",":
        return True
    return any((t.dep_ == "mark" and t.lower_ == "that") or t.text in ('"', "\u201c", "\u201d") for t in token.subtree)
