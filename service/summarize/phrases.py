"""Key phrases: the names and noun phrases that carry the article, ranked by the weight of the story
sentences they occur in, deduplicated. Which openers a phrase sheds and how phrases are weighed is
data (``data/words.yaml``, ``data/weights.yaml``).
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsx.service.domain import Entity, Extraction, KeyPhrase, Mention, SummarySentence
from newsx.service.extract.document import doc_text
from newsx.service.summarize.resources import weights, words
from newsx.service.summarize.tokens import TokenTable


@dataclass(slots=True)
class _Candidate:
    forms: dict[str, int] = field(default_factory=dict)  # as written in the story (never the title's casing): count
    title_forms: dict[str, int] = field(default_factory=dict)  # as written in the title
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
        forms = self.title_forms if in_title else self.forms
        forms[text] = forms.get(text, 0) + 1

    def name_words(self) -> set[str]:
        return set(_most_common(self.forms or self.title_forms).lower().split())


def _most_common(forms: dict[str, int]) -> str:
    """The most frequent form, the first written on a tie."""
    return max(forms.items(), key=itemgetter(1))[0]


def _mention_spans(extraction: Extraction, tokens: TokenTable) -> list[tuple[Entity, Mention, int, int]]:
    """Every extracted entity mention with the bounds of the tokens it covers (mentions that align
    with none, or only with blank space, left out)."""
    found = []
    for entity in extraction.entities:
        for mention in entity.mentions:
            bounds = tokens.expand(mention.span.start, mention.span.end)
            if bounds is not None and bounds[0] < bounds[1]:
                found.append((entity, mention, *bounds))
    return found


def trim_phrase(chunk: SpacySpan, table: TokenTable | None = None) -> SpacySpan | None:
    """The chunk without its possessor, determiners, numbers and vague openers; None if nothing is left.

    ``table`` is the ``TokenTable`` of the chunk's Doc, when the caller trims many chunks."""
    bounds = (table or TokenTable(chunk.doc)).trim(chunk.start, chunk.end)
    return None if bounds is None else chunk.doc[bounds[0] : bounds[1]]


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
    tokens: TokenTable | None = None,
    limit: int = 0,
) -> list[KeyPhrase]:
    """Names and noun phrases ranked by the weight of the story sentences they occur in, deduplicated
    (at most ``limit``, or ``max_key_phrases``; ``tokens``: the Doc's ``TokenTable``, if made)."""
    table = weights()
    limit = limit or table.max_key_phrases
    title_end = doc._.newsx_title_end
    story_spans = [sentence.span for sentence in story]
    story_starts = [span.start for span in story_spans]
    candidates: dict[tuple[str, ...] | str, _Candidate] = {}

    def weight_of(start_char: int, end_char: int) -> float:
        """The weight of the story sentence holding the text ``start_char:end_char``; nothing
        outside the title and story text (bylines, credits)."""
        if start_char < title_end:
            return 1.0
        position = bisect.bisect_right(story_starts, start_char) - 1
        if position < 0 or end_char > story_spans[position].end:
            return 0.0
        return story[position].score

    tokens = tokens or TokenTable(doc)
    mentions = _mention_spans(extraction, tokens)
    owners = {i: entity.id for entity, _, start, end in mentions for i in range(start, end)}
    by_id = {entity.id: entity for entity in extraction.entities}
    for entity in extraction.entities:
        candidates.setdefault(entity.id, _Candidate(entity_id=entity.id, is_name=True, words=len(entity.name.split())))
    for entity, mention, start, end in mentions:
        weight = weight_of(tokens.start_char[start], tokens.end_char[end - 1])
        candidates[entity.id].add(entity.name, weight, mention.in_title)
    if not extraction.entities:
        for ent in doc.ents:
            if ent.label_ not in words().name_labels or ent.label_ == "NORP":
                continue
            trimmed = trim_phrase(ent, tokens)
            if trimmed is None:
                continue
            candidate = candidates.setdefault(
                ("name", trimmed.text.lower()), _Candidate(is_name=True, words=len(trimmed))
            )
            weight = weight_of(trimmed.start_char, trimmed.end_char)
            candidate.add(trimmed.text, weight, trimmed.start_char < title_end)

    # Names are candidates of their own; dates, amounts and counts are not key phrases.
    text = doc_text(doc)
    for chunk_start, chunk_end in tokens.noun_chunks():
        bounds = tokens.trim(chunk_start, chunk_end)
        if bounds is None:
            continue
        start, end = bounds
        root = tokens.root(start, end)
        if root in owners or tokens.in_entity[root]:
            continue
        chunk_lemmas = tokens.lemmas(start, end)
        key = tuple(chunk_lemmas)
        if key not in candidates:
            # Words the article keeps coming back to make a phrase central, one-off wording does not.
            lemmas = [lemma for lemma, stop in zip(chunk_lemmas, tokens.stop[start:end]) if not stop]
            echo = sum(math.log1p(recurrence[lemma]) for lemma in lemmas) / max(len(lemmas), 1)
            candidates[key] = _Candidate(words=end - start, echo=echo, lemmas=frozenset(key))
        start_char, end_char = tokens.start_char[start], tokens.end_char[end - 1]
        candidates[key].add(text[start_char:end_char], weight_of(start_char, end_char), start_char < title_end)

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
        text = _most_common(candidate.forms)
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
