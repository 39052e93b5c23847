"""Key phrases: the names and noun phrases that carry the article, ranked by the weight of the story
sentences they occur in, deduplicated. Which openers a phrase sheds and how phrases are weighed is
data (``data/words.yaml``, ``data/weights.yaml``).
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsx.service.domain import Extraction, KeyPhrase, SummarySentence
from newsx.service.extract.document import sentence_index
from newsx.service.summarize.resources import weights, words


@dataclass(slots=True)
class _Candidate:
    forms: Counter[str] = field(default_factory=Counter)  # as written in the story (never the title's casing)
    title_forms: Counter[str] = field(default_factory=Counter)  # as written in the title
    weight: float = 0.0
    entity_id: str = ""
    is_name: bool = False
    occurrences: int = 0
    words: int = 1
    echo: float = 1.0  # how much the article repeats the phrase's words
    lemmas: frozenset[str] = frozenset()  # for dedup: "interest rates" is inside "main interest rate"

    def add(self, text: str, weight: float, in_title: bool) -> None:
        """One occurrence: a headline's words count towards the weight, not as a way to write it."""
        self.weight += weight
        self.occurrences += 1
        (self.title_forms if in_title else self.forms)[text] += 1

    def name_words(self) -> set[str]:
        return set((self.forms or self.title_forms).most_common(1)[0][0].lower().split())


def _token_entities(doc: Doc, extraction: Extraction) -> dict[int, str]:
    """Token index -> id of the extracted entity whose mention covers it."""
    owner: dict[int, str] = {}
    for entity in extraction.entities:
        for mention in entity.mentions:
            span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
            if span is not None:
                for token in span:
                    owner[token.i] = entity.id
    return owner


def trim_phrase(chunk: SpacySpan) -> SpacySpan | None:
    """The chunk without its possessor, determiners, numbers and vague openers; None if nothing is left."""
    tokens = list(chunk)
    for position, token in enumerate(tokens):
        # Cut after a possessive ("Iran's missile strikes") or a spaced dash ("GENEVA - Talks").
        if token.tag_ == "POS" or token.dep_ == "case" or (token.is_punct and token.whitespace_):
            tokens = tokens[position + 1 :]
    start = 0
    while start < len(tokens) and (
        tokens[start].is_stop
        or tokens[start].pos_ in ("DET", "PRON", "NUM", "PUNCT", "ADV", "PART", "SYM")
        or tokens[start].like_num
        or tokens[start].text == "%"
        or tokens[start].lower_ in words().vague_modifiers
        or _hyphen_joined(tokens[start])  # the rest of a dropped number: "48-hour" leaves no "hour"
    ):
        start += 1
    end = len(tokens)
    while end > start and (tokens[end - 1].is_punct or tokens[end - 1].is_space or tokens[end - 1].like_num):
        end -= 1
    kept = tokens[start:end]
    if not kept or len(kept) > weights().max_phrase_tokens:
        return None
    if any(t.pos_ in ("PRON", "DET") or t.is_space or t.like_num for t in kept):
        return None  # "times the size", "it", numbers: not a phrase a reader would list
    if not any(t.pos_ in ("NOUN", "PROPN") and not t.is_stop for t in kept):
        return None
    return chunk.doc[kept[0].i : kept[-1].i + 1]


def _hyphen_joined(token: Token) -> bool:
    """Whether the token is glued by a hyphen to the word before it."""
    if token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return before.text in ("-", "\u2013") and not before.whitespace_


def _fold_short_names(candidates: dict[tuple[str, ...] | str, _Candidate]) -> None:
    """Count a short name ("Putin") towards the longer name holding all its words ("Vladimir Putin")."""
    names = [(key, c, c.name_words()) for key, c in candidates.items() if c.is_name]
    for key, short, name_words in names:
        if short.entity_id:
            continue  # extracted entities have already merged their mentions
        longer = [c for other, c, other_words in names if other != key and name_words < other_words]
        if longer:
            target = max(longer, key=lambda c: c.occurrences)
            target.weight += short.weight
            target.occurrences += short.occurrences
            del candidates[key]


def key_phrases(
    doc: Doc,
    extraction: Extraction,
    story: list[SummarySentence],
    recurrence: Counter[str],
    limit: int = 0,
) -> list[KeyPhrase]:
    """Names and noun phrases ranked by the weight of the story sentences they occur in, deduplicated
    (at most ``limit``, or ``max_key_phrases``)."""
    table = weights()
    limit = limit or table.max_key_phrases
    title_end = doc._.newsx_title_end
    sentence_weight = {sentence.index: sentence.score for sentence in story}
    story_spans = [sentence.span for sentence in story]
    story_starts = [span.start for span in story_spans]
    candidates: dict[tuple[str, ...] | str, _Candidate] = {}

    def weight_of(span: SpacySpan) -> float:
        """The sentence's weight; nothing outside the title and story text (bylines, credits)."""
        if span.start_char < title_end:
            return 1.0
        position = bisect.bisect_right(story_starts, span.start_char) - 1
        if position < 0 or span.end_char > story_spans[position].end:
            return 0.0
        return sentence_weight.get(sentence_index(doc, span.start), 0.0)

    owners = _token_entities(doc, extraction)
    by_id = {entity.id: entity for entity in extraction.entities}
    for entity in extraction.entities:
        candidate = candidates.setdefault(entity.id, _Candidate(entity_id=entity.id, is_name=True))
        for mention in entity.mentions:
            span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
            if span is not None:
                candidate.add(entity.name, weight_of(span), mention.in_title)
        candidate.words = len(entity.name.split())
    if not extraction.entities:
        for ent in doc.ents:
            if ent.label_ not in words().name_labels or ent.label_ == "NORP":
                continue
            trimmed = trim_phrase(ent)
            if trimmed is None:
                continue
            candidate = candidates.setdefault(
                ("name", trimmed.text.lower()), _Candidate(is_name=True, words=len(trimmed))
            )
            candidate.add(trimmed.text, weight_of(trimmed), trimmed.start_char < title_end)

    # Names are candidates of their own; dates, amounts and counts are not key phrases.
    entity_tokens = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    for chunk in doc.noun_chunks:
        phrase = trim_phrase(chunk)
        if phrase is None or phrase.root.i in owners or phrase.root.i in entity_tokens:
            continue
        key = tuple(token.lemma_.lower() for token in phrase)
        if key not in candidates:
            # Words the article keeps coming back to make a phrase central, one-off wording does not.
            lemmas = [token.lemma_.lower() for token in phrase if not token.is_stop]
            echo = sum(math.log1p(recurrence[lemma]) for lemma in lemmas) / max(len(lemmas), 1)
            candidates[key] = _Candidate(words=len(phrase), echo=echo, lemmas=frozenset(key))
        candidates[key].add(phrase.text, weight_of(phrase), phrase.start_char < title_end)

    _fold_short_names(candidates)
    ranked: list[tuple[float, _Candidate]] = []
    for candidate in candidates.values():
        if candidate.weight <= 0 or not candidate.forms:
            continue  # only in the headline ("Shares Surge"), outside the story (a byline) or in sentences scored zero
        if not candidate.is_name and candidate.words == 1 and candidate.occurrences < 2:
            continue  # one lone common noun is rarely what an article is about
        score = candidate.weight * candidate.echo * (1 + table.phrase_word_bonus * min(candidate.words - 1, 2))
        if candidate.is_name and candidate.entity_id:
            score *= table.phrase_salience_base + by_id[candidate.entity_id].salience
        elif not candidate.is_name and candidate.words == 1:
            score *= table.lone_noun_factor
        ranked.append((score, candidate))
    ranked.sort(key=lambda pair: -pair[0])

    chosen: list[tuple[float, _Candidate, str]] = []
    for score, candidate in ranked:
        text = candidate.forms.most_common(1)[0][0]
        phrase_lemmas = candidate.lemmas or frozenset(text.lower().split())
        if any(
            phrase_lemmas <= other or phrase_lemmas >= other
            for other in (c.lemmas or frozenset(t.lower().split()) for _, c, t in chosen)
        ):
            continue  # contained in a name or phrase already listed (or containing one)
        chosen.append((score, candidate, text))
        if len(chosen) == limit:
            break
    top = chosen[0][0] if chosen and chosen[0][0] > 0 else 1.0
    return [KeyPhrase(text, round(score / top, 4), candidate.entity_id) for score, candidate, text in chosen]
