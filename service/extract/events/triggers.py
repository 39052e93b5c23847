"""Finding the words that name events: lexicon lookup by lemma and part of speech, then the sense
whose context conditions hold."""

from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from newsx.service.extract import document
from newsx.service.extract.events.links import Links, token_kinds
from newsx.service.extract.events.syntax import (
    NOUN_POS,
    VERB_POS,
    carried_by,
    context_words,
    governor,
    is_reported_speech,
    object_of,
    subject_of,
)
from newsx.service.extract.events.tables import Domain, Entry, Lexicon, Sense

CRIME = "GenericCrime.GenericCrime.GenericCrime"


@dataclass(slots=True)
class TriggerMatch:
    """A word read as an event of one type, with the extra tokens of a phrasal trigger."""

    token: Token
    type: str
    start: int
    end: int
    confidence: float
    conditioned: bool = False  # read by a sense with context conditions, not by a word's fallback sense


def find_triggers(doc: Doc, links: Links) -> list[TriggerMatch]:
    """Every word that names an event, typed by its lexicon entry and context.

    An ambiguous word read by its fallback sense takes the sense an earlier, clearer mention of the
    same word, as the same part of speech, had in the article (one sense per discourse: "went on strike
    ... the strike lasted"; "they'd fire me" does not make a later "the fire" a dismissal).
    """
    lexicon = links.lexicon
    matches = []
    discourse_sense: dict[tuple[str, str], str] = {}  # (part of speech, lemma) -> type
    lemmas = doc.to_array(LEMMA)  # ints: cheaper than a Token object per word
    blocked: dict[int, frozenset[str]] = {}  # sentence start -> trigger lemmas its domain reads otherwise
    domain_cues: DomainCues | None = None  # made at the first trigger word: most words are none
    story_blocked: frozenset[str] = frozenset()
    for index in numpy.flatnonzero(numpy.isin(lemmas, lexicon.trigger_lemma_ids)).tolist():
        token = doc[index]
        pos = trigger_pos(token)
        if pos is None:
            continue
        lemma = token.lemma_.lower()
        sentence = token.sent
        if domain_cues is None:
            domain_cues = DomainCues(doc)
            story_blocked = domain_cues.story_blocks(lexicon)
        if sentence.start not in blocked:
            blocked[sentence.start] = story_blocked | domain_cues.domain_blocks(sentence, lexicon)
        if lemma in blocked[sentence.start] or in_label(token):
            continue
        entry = lexicon.triggers[pos].get(lemma)
        if entry is None or not _may_trigger(token, entry, pos, lexicon):
            continue
        match = _match_sense(token, entry, links)
        if match is None:
            continue
        if isinstance(entry, tuple):
            if match.conditioned:
                discourse_sense[pos, lemma] = match.type
            elif (pos, lemma) in discourse_sense:
                match.type = discourse_sense[pos, lemma]
        matches.append(match)
    return matches


class DomainCues:
    """Where a document's words cue a domain (their lower case or lower-cased lemma is a cue word),
    read from its token arrays once per document and cue list: walking a sentence's tokens built
    a Token object and two strings per word, for every domain."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.lower = doc.to_array(LOWER)
        lemmas, positions = numpy.unique(doc.to_array(LEMMA), return_inverse=True)
        strings = doc.vocab.strings
        lowered = [get_string_id(strings[int(lemma)].lower()) for lemma in lemmas.tolist()]
        self.lemma_lower = numpy.array(lowered, dtype=numpy.uint64)[positions.reshape(-1)]
        self.sentences = document.sentences(doc)
        self.text = document.doc_text(doc)
        self._flags: dict[frozenset[str], numpy.ndarray] = {}

    def cued(self, sentence: Span, cues: frozenset[str], domain: Domain) -> bool:
        """Whether a sentence has one of the cue words or matches the domain's pattern."""
        flags = self._flags.get(cues)
        if flags is None:
            hashes = numpy.array([get_string_id(word) for word in cues], dtype=numpy.uint64)
            flags = self._flags[cues] = numpy.isin(self.lower, hashes) | numpy.isin(self.lemma_lower, hashes)
        return bool(flags[sentence.start : sentence.end].any()) or (
            domain.pattern is not None
            and domain.pattern.search(self.text[sentence.start_char : sentence.end_char]) is not None
        )

    def domain_blocks(self, sentence: Span, lexicon: Lexicon) -> frozenset[str]:
        """The trigger lemmas that name no event in this sentence, by the domains its words cue."""
        blocked: frozenset[str] = frozenset()
        for domain in lexicon.domains:
            if self.cued(sentence, domain.cues, domain):
                blocked |= domain.lemmas
        return blocked

    def story_blocks(self, lexicon: Lexicon) -> frozenset[str]:
        """The trigger lemmas that name no event anywhere in the article: a domain cued in enough
        of its sentences is the kind of story it is (a match report's "victory" needs no score)."""
        blocked: frozenset[str] = frozenset()
        for domain in lexicon.domains:
            if domain.story_sentences:
                cued = sum(self.cued(sentence, domain.story_cues, domain) for sentence in self.sentences)
                if cued >= domain.story_sentences:
                    blocked |= domain.story_lemmas
        return blocked


HEADING_MARK = "=="
BULLETS = ("*", "\u2022", "-")


def in_label(token: Token) -> bool:
    """Whether a word is part of a section heading ("== The attack ==") or of a list item without a
    verb ("* 2014 Bagram Airfield bombing"): such lines name topics, they do not report events."""
    doc = token.doc
    text = document.doc_text(doc)
    line_start = text.rfind("\n", 0, token.idx) + 1
    line_end = text.find("\n", token.idx)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    before, after = text[line_start : token.idx], line[token.idx - line_start :]
    if HEADING_MARK in before and HEADING_MARK in after and before.count(HEADING_MARK) % 2 == 1:
        return True
    if not line.lstrip().startswith(BULLETS):
        return False
    words = doc.char_span(line_start, line_start + len(line), alignment_mode="contract")
    return words is None or not any(word.pos_ in VERB_POS and word.tag_ != "VBN" for word in words)


def trigger_pos(token: Token) -> str | None:
    """Which trigger table a word is looked up in; adjectival passives count as verbs."""
    if token.pos_ in VERB_POS or (token.pos_ == "ADJ" and token.tag_ == "VBN"):
        return "verb"
    if token.pos_ in NOUN_POS:
        return "noun"
    if token.pos_ == "ADJ":
        return "adjective"
    return None


def _may_trigger(token: Token, entry: Entry, pos: str, lexicon: Lexicon) -> bool:
    """Rule out uses that never name an event of the word's types."""
    if pos == "verb":
        return not _is_light_verb_use(token, lexicon)
    if pos == "noun":
        if token.dep_ == "compound" and token.head.lemma_.lower() not in lexicon.compound_heads:
            return False  # "suicide bomber", "fire officials": the head noun is what is meant
        crime = entry == CRIME
        return not (crime and token.dep_ == "pobj" and token.head.lower_ in lexicon.crime_argument_preps)
    return True


def _is_light_verb_use(token: Token, lexicon: Lexicon) -> bool:
    """ "launched an attack": the noun is the trigger, the verb only carries it."""
    return token.lemma_.lower() in lexicon.light_verbs and any(
        child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in lexicon.triggers["noun"]
        for child in token.children
    )


def _match_sense(token: Token, entry: Entry, links: Links) -> TriggerMatch | None:
    """The first sense of the word whose conditions hold here (a plain type always holds)."""
    if isinstance(entry, str):
        confidence = 0.85 if token.pos_ in VERB_POS else 0.75
        return TriggerMatch(token, entry, token.i, token.i + 1, confidence)
    for sense in entry:
        if sense_holds(sense, token, links):
            start, end = _phrase_extent(token, sense)
            return TriggerMatch(token, sense.type, start, end, sense.confidence, sense.conditioned)
    return None


def sense_holds(sense: Sense, token: Token, links: Links) -> bool:
    """Whether a trigger word's context meets every condition of one of its senses."""
    words = context_words(token) if sense.with_words or sense.without_words else set()
    if sense.without_words and words & sense.without_words:
        return False
    if sense.with_words and not words & sense.with_words:
        return False
    if sense.forms and token.lower_ not in sense.forms:
        return False
    if sense.goal_kinds and not _has_goal(token, sense.goal_kinds, links):
        return False
    if (sense.objects or sense.object_kinds) and not _fits(object_of(token), sense.objects, sense.object_kinds, links):
        return False
    if (sense.subjects or sense.subject_kinds) and not _fits(
        _subject(token, links.lexicon), sense.subjects, sense.subject_kinds, links
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


def _subject(token: Token, lexicon: Lexicon) -> Token | None:
    """A verb's subject; for a noun, the subject of the light verb carrying it ("police launched raids")."""
    if token.pos_ in NOUN_POS:
        return subject_of(token.head) if carried_by(token, token.head, lexicon) else None
    return subject_of(token)


WAY_PREPS = frozenset({"to", "into", "toward", "towards", "from", "in", "at", "for", "across", "through"})


def _has_goal(token: Token, kinds: frozenset[str], links: Links) -> bool:
    """Whether the trigger moves to, from, across or into a place of these kinds ("came to the shop",
    "arrived in Kabul", "flew back to Madrid", "left for Paris")."""
    hosts = [token, *(child for child in token.children if child.dep_ == "advmod")]
    for host in hosts:
        for child in host.children:
            if child.dep_ == "prep" and child.lower_ in WAY_PREPS:
                if any(_is_place(goal, child.lower_, kinds, links) for goal in child.children if goal.dep_ == "pobj"):
                    return True
    return False


def _is_place(goal: Token, prep: str, kinds: frozenset[str], links: Links) -> bool:
    """Whether a word is a place of these kinds; a name of no known kind where a journey goes from or
    to is a place ("travelling from Douentza to Hombori")."""
    found = token_kinds(goal, links)
    return bool(set(found) & kinds) or (not found and goal.pos_ == "PROPN" and prep in ("from", "to", "into"))


def _fits(word: Token | None, words: frozenset[str], kinds: frozenset[str], links: Links) -> bool:
    """Whether a subject or object exists and is one of ``words`` (by lemma or form) and of ``kinds``."""
    if word is None:
        return False
    if words and word.lemma_.lower() not in words and word.lower_ not in words:
        return False
    return not kinds or bool(set(token_kinds(word, links)) & kinds)


def _phrase_extent(token: Token, sense: Sense) -> tuple[int, int]:
    """Token range of a phrasal trigger: the verb with its particle or condition object ("took office")."""
    start, end = token.i, token.i + 1
    for child in token.children:
        adjacent = abs(child.i - token.i) <= 2
        if adjacent and (
            child.dep_ == "prt" or (sense.phrasal and child.dep_ == "dobj" and child.lemma_.lower() in sense.objects)
        ):
            start, end = min(start, child.i), max(end, child.i + 1)
    return start, end
