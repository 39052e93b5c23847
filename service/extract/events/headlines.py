"""Trigger words in headlines written in Title Case or capitals ("Court Convicts Aide in Bribery
Case", "MILITANTS KILL SEVEN"): the tagger reads the capitalised words there as names or nouns
("Convicts" as convicts), so no trigger table matches a headline's verbs. A capitalised noun or
name that no other reading took is looked up by its lower case, lemmatised as a verb and then as
a noun; only words with one plain type are read, since the context conditions of a sense need a
parse that a headline does not get."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsx.service.extract import document
from newsx.service.extract.events.tables import Lexicon
from newsx.service.extract.events.triggers import DomainCues, TriggerMatch, may_trigger

HEADLINE_CONFIDENCE = 0.6  # a word read without its context
NOUN_TAGS = frozenset(("NN", "NNS", "NNP", "NNPS"))  # what a headline word is tagged

Lemmatize = Callable[[str, str], list[str]]  # (lower-case word, "VERB" or "NOUN") -> its lemmas


def pipeline_lemmatizer(nlp: Language) -> Lemmatize | None:
    """The lemmas the pipeline's rule lemmatizer gives a word as a part of speech (None when the
    pipeline has no rule lemmatizer)."""
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", "") != "rule":
        return None

    def lemmatize(word: str, pos: str) -> list[str]:
        return list(lemmatizer.rule_lemmatize(Doc(nlp.vocab, words=[word], pos=[pos])[0]))  # type: ignore[attr-defined]

    return lemmatize


def headline_triggers(doc: Doc, lexicon: Lexicon, lemmatize: Lemmatize | None, read: set[int]) -> list[TriggerMatch]:
    """Trigger words that headline styling hid from the tagger, outside the article's names
    (``read``: the tokens other readings already made triggers)."""
    state = document.state(doc)
    if lemmatize is None or not state.headlines:
        return []
    candidates = [
        token
        for start, end in state.headlines
        for token in doc.char_span(start, end, alignment_mode="contract") or ()
        if token.tag_ in NOUN_TAGS and token.text[:1].isupper() and token.i not in read
    ]
    if not candidates:
        return []
    names = [m.span for entity in state.entities or () for m in entity.mentions]
    capitalised = _capitalised_in_prose(doc, state.headlines)
    cues = DomainCues(doc)  # a match report's "ROVERS SEAL 3-0 VICTORY" is play, as in its prose
    story_blocked = cues.story_blocks(lexicon)
    matches = []
    for token in candidates:
        if token.lower_ in capitalised or any(name.start <= token.idx < name.end for name in names):
            continue
        blocked = story_blocked | cues.domain_blocks(token.sent, lexicon)
        match = _plain_trigger(token, lexicon, lemmatize, blocked)
        if match is not None:
            matches.append(match)
    return matches


def _capitalised_in_prose(doc: Doc, headlines: list[tuple[int, int]]) -> set[str]:
    """Words written capitalised inside sentences of running text, in lower case: names there
    ("Shell said"), so names in a headline too ("SHELL PROFITS RISE"), where the entity recogniser
    missed them."""
    return {
        token.lower_
        for token in doc
        if token.is_title and not token.is_sent_start and not any(start <= token.idx < end for start, end in headlines)
    }


def _plain_trigger(
    token: Token, lexicon: Lexicon, lemmatize: Lemmatize, blocked: frozenset[str]
) -> TriggerMatch | None:
    """The word's plain type as a verb ("Convicts"), else as a noun ("Bombing"), if it has one and
    its story or sentence does not read it otherwise (``blocked``)."""
    for pos, tag in (("verb", "VERB"), ("noun", "NOUN")):
        for lemma in lemmatize(token.lower_, tag):
            entry = lexicon.triggers[pos].get(lemma) if lemma not in blocked else None
            if isinstance(entry, str) and may_trigger(token, entry, pos, lexicon):
                return TriggerMatch(token, entry, token.i, token.i + 1, HEADLINE_CONFIDENCE)
    return None
