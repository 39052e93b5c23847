"""Trigger words in headlines written in Title Case or capitals ("Court Convicts Aide in Bribery
Case", "MILITANTS KILL SEVEN"): the tagger reads the capitalised words there as names or nouns
("Convicts" as convicts), so no trigger table matches a headline's verbs. A capitalised noun or
name that no other reading took is looked up by its lower case; only words with one plain type
are read, since the context conditions of a sense need a parse that a headline does not get.

Without a parse, word order decides: a verb follows its subject, so a headline's first word is
never read as a verb, and a bare form ("Kill") only after a plural ("Militants Kill"); a noun
before another noun modifies it ("Crash Course", "Email Scandal") and is read only when the
lexicon lets that noun be headed so ("Bombing Suspect")."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsx.service.extract import document
from newsx.service.extract.events.tables import Lexicon
from newsx.service.extract.events.triggers import DomainCues, TriggerMatch, in_label
from newsx.service.extract.headline_words import HeadlineWords

HEADLINE_CONFIDENCE = 0.6  # a word read without its context
NOUN_TAGS = frozenset(("NN", "NNS", "NNP", "NNPS"))  # what a headline word is tagged


def headline_triggers(doc: Doc, lexicon: Lexicon, words: HeadlineWords, read: set[int]) -> list[TriggerMatch]:
    """Trigger words that headline styling hid from the tagger, outside the article's names, dates
    and section labels (``read``: the tokens other readings took)."""
    state = document.state(doc)
    if not state.styled_lines:
        return []
    lines = [doc.char_span(start, end, alignment_mode="contract") for start, end in state.styled_lines]
    candidates = [
        (line, token)
        for line in lines
        if line is not None
        for token in line
        if token.tag_ in NOUN_TAGS and token.text[:1].isupper() and token.i not in read
    ]
    if not candidates:
        return []
    taken = [m.span for entity in state.entities or () for m in entity.mentions]
    taken += [time.span for time in state.times or ()]
    capitalised = _capitalised_in_prose(doc, state.styled_lines)
    cues = DomainCues(doc)  # a match report's "ROVERS SEAL 3-0 VICTORY" is play, as in its prose
    story_blocked = cues.story_blocks(lexicon)
    reader = _HeadlineReader(lexicon, words)
    matches = []
    for line, token in candidates:
        if token.lower_ in capitalised or any(span.start <= token.idx < span.end for span in taken) or in_label(token):
            continue
        match = reader.read(line, token, story_blocked | cues.domain_blocks(token.sent, lexicon))
        if match is not None:
            matches.append(match)
    return matches


class _HeadlineReader:
    """Reads one headline word by its lower case and its neighbours' forms."""

    def __init__(self, lexicon: Lexicon, words: HeadlineWords) -> None:
        self.lexicon = lexicon
        self.words = words

    def read(self, line: Span, token: Token, blocked: frozenset[str]) -> TriggerMatch | None:
        """The word's plain type as a verb ("Convicts"), else as a noun ("Bombing"), if its place
        in the headline allows that reading and its story does not read it otherwise."""
        if self.words.verb_here(token):
            entry = self.plain_type("verb", token, blocked)
            if entry:
                return TriggerMatch(token, entry, token.i, token.i + 1, HEADLINE_CONFIDENCE)
        position = token.i - line.start
        after = line[position + 1] if position + 1 < len(line) else None
        if after is not None and after.is_alpha and not self.words.inflected_verb(after):
            if not set(self.words.lemmas(after.lower_, "NOUN")) & self.lexicon.compound_heads:
                return None  # "Crash Course": the word modifies the next one
        entry = self.plain_type("noun", token, blocked)
        return TriggerMatch(token, entry, token.i, token.i + 1, HEADLINE_CONFIDENCE) if entry else None

    def plain_type(self, pos: str, token: Token, blocked: frozenset[str]) -> str:
        """The one plain type of the word's lemma as ``pos`` ("" when it has none or several senses)."""
        for lemma in self.words.lemmas(token.lower_, pos.upper()):
            entry = self.lexicon.triggers[pos].get(lemma) if lemma not in blocked else None
            if isinstance(entry, str):
                return entry
        return ""


def _capitalised_in_prose(doc: Doc, styled_lines: list[tuple[int, int]]) -> set[str]:
    """Words written capitalised inside sentences of running text, in lower case: names there
    ("Shell said"), so names in a headline too ("SHELL PROFITS RISE"), where the entity recogniser
    missed them."""
    return {
        token.lower_
        for token in doc
        if token.is_title
        and not token.is_sent_start
        and not any(start <= token.idx < end for start, end in styled_lines)
    }
