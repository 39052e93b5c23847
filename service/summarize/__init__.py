"""Extractive summaries, key phrases and a structured brief of one parsed article.

A pure module (not a pipeline component): it reads the parsed ``Doc`` and the ``Extraction`` built
from it and chooses whole body sentences, never the title, in article order. Sentences are compared
by TF-IDF cosine over content lemmas (the small English model has no real word vectors) and ranked
by LexRank centrality; the AUTO method adds the lead prior of news writing, overlap with the title
and coverage of salient entities, and keeps redundant sentences out with maximal marginal relevance.
The longer the summary asked for (as a share of the article), the more AUTO also weighs coverage:
TextRank-style centrality over shared words, which favours the long sentences that carry most facts;
and a long summary may continue a chosen sentence with one that points back to it ("It said ...").
Mostly quoted sentences are colour rather than facts and weigh less.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IS_PUNCT, IS_STOP, LEMMA, POS
from spacy.symbols import IDS
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsx.service.domain import (
    Brief,
    Event,
    Extraction,
    FigureKind,
    KeyPhrase,
    Method,
    Span,
    Summary,
    SummarySentence,
)
from newsx.service.extract.document import sentence_index

# -- language resources (general English news) --------------------------------------------------

# Lines that belong to the page, not the story: source lists, bylines, credits, calls to action.
BOILERPLATE_START = re.compile(
    r"""^\W*(?:
        related(?:\s+(?:sources?|articles?|stories|coverage|content|links?|reading|topics?))?\s*:
      | (?:sources?|references?|tags?|topics?)\s*:
      | read\s+(?:more|also|next|the\s+full)\b | see\s+also\b | more\s+on\s+this\b | click\s+here\b
      | (?:photo|image|picture|video|graphic|illustration|file\s+photo)s?(?:\s+credit)?\s*[:/]
      | credit\s*: | (?:additional\s+)?reporting\s+by\b | (?:writing|editing|edited|compiled)\s+by\b
      | copyright\b | \u00a9 | all\s+rights\s+reserved\b | advertisement\b | sponsored\b
      | (?:subscribe|sign\s+up|follow\s+us|share\s+this|listen\s+to\s+this|scroll\s+down|watch\s*:)\b
      | (?:published|updated|last\s+updated|posted)\s*[:.]
      | (?:last\s+)?(?:updated|modified|published|posted)\s+(?:at|on)\s+\d
    )""",
    re.IGNORECASE | re.VERBOSE,
)
BYLINE = re.compile(r"^\W*by\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\s*(?:[,|/-].*)?$")
CONTRIBUTION = re.compile(r"\b(?:contributed\s+(?:to\s+)?(?:this|the)\s+report|contributed\s+reporting)\b", re.I)
LIST_MARKS = re.compile(r"[\u2022\u00b7\u25aa\u25cf\u2023|\u00bb]")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
SENTENCE_END = re.compile(r"""[.!?]["'\u201d\u2019)\]]*$""")

# Modifiers that say nothing about the article when they open a noun phrase.
VAGUE_MODIFIERS = frozenset(
    "recent latest current ongoing new certain possible potential so-called particular key major "
    "such other another same own various several many few whole entire upcoming impending".split()
)
NAME_LABELS = frozenset("PERSON NORP ORG GPE LOC FAC EVENT PRODUCT WORK_OF_ART LAW".split())
# Openers that lean on an earlier sentence ("This meeting...", "They said...", "However,..."):
# such a sentence reads badly out of its context.
DEPENDENT_OPENERS = frozenset(
    "this these that those it its they them their he his she her however but instead also meanwhile "
    "still yet besides moreover furthermore".split()
)
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_CONTENT_POS_IDS = np.array([IDS[pos] for pos in CONTENT_POS], dtype=np.uint64)

# -- tuning (measured on tests/corpus/summaries and summaries-long with evaluation/summaries.py) ---

LEXRANK_DAMPING = 0.85
LEAD_WEIGHT = 1.1  # weight of the position prior against centrality (1.0)
LEAD_DECAY = 3.0  # sentences over which the position prior falls by 1/e
COVERAGE_WEIGHT = 5.0  # weight of shared-word centrality per unit of the summary's share of the article
TITLE_WEIGHT = 0.5
ENTITY_WEIGHT = 0.1  # kept light: more weight favoured long name-heavy sentences in our corpus
DEPENDENT_OPENER_FACTOR = 0.8  # score kept by a sentence that opens by pointing back (unless its predecessor is chosen)
CONTEXT_MIN_SHARE = 0.25  # from this share of the article on, a summary may continue a chosen sentence
QUOTE_FACTOR = 0.7  # score kept by a sentence that is mostly direct speech: colour rather than facts
QUOTED_SHARE = 0.5  # share of a sentence's characters inside quotation marks that makes it a quote
SHORT_LINE_WORDS = 12  # a line shorter than this without a verb or a final stop is page furniture
SHORT_SENTENCE_WORDS = 6  # content words below which a sentence is too thin to summarise alone
MMR_PENALTY = 0.8  # how much similarity to a chosen sentence costs
REDUNDANT_SIMILARITY = 0.5  # above this cosine a sentence says what a chosen one says
SAME_PARAGRAPH_OVERLAP = 0.3  # a news paragraph holds one idea: its sentences count as this similar
MAX_KEY_PHRASES = 10
MAX_PHRASE_TOKENS = 5


# -- body sentences ------------------------------------------------------------------------------


@dataclass(slots=True)
class BodySentence:
    """A body sentence as the summariser sees it: ``tokens`` is the story part, furniture trimmed."""

    index: int
    tokens: SpacySpan
    text: str
    span: Span
    boilerplate: bool


def body_sentences(doc: Doc) -> list[BodySentence]:
    """Every sentence after the title, trimmed of whitespace and of furniture paragraphs it swallowed.

    The parser sometimes runs a sentence across a paragraph break (a byline into the lead, a
    closing quote mark into the next paragraph); such paragraphs are cut off the sentence's ends.
    """
    title_end = doc._.newsx_title_end
    body = []
    analysed = doc.text  # Doc.text joins every token: read it once
    for index, sent in enumerate(doc.sents):
        stripped = analysed[sent.start_char : sent.end_char].strip()
        if sent.start_char < title_end or not stripped:
            continue
        parts = _paragraph_parts(sent) if "\n" in stripped else [sent]
        story = [part for part in parts if not is_boilerplate(part, analysed[part.start_char : part.end_char].strip())]
        if story:
            part, boilerplate = doc[story[0].start : story[-1].end], False
        else:
            part, boilerplate = sent, True
        raw = analysed[part.start_char : part.end_char]
        text = raw.strip()
        start = part.start_char + len(raw) - len(raw.lstrip())
        body.append(BodySentence(index, part, text, Span(start, start + len(text)), boilerplate))
    return body


def _paragraph_parts(sent: SpacySpan) -> list[SpacySpan]:
    """The sentence split at paragraph breaks (whitespace tokens holding a blank line)."""
    parts, start = [], sent.start
    for token in sent:
        if token.is_space and PARAGRAPH_BREAK.search(token.text):
            if token.i > start:
                parts.append(sent.doc[start : token.i])
            start = token.i + 1
    if sent.end > start:
        parts.append(sent.doc[start : sent.end])
    return [part for part in parts if part.text.strip()]


def is_boilerplate(part: SpacySpan, text: str) -> bool:
    """Page furniture rather than story: source lists, bylines, credits, headers, calls to action.

    ``text`` is the part's text without surrounding whitespace.
    """
    if BOILERPLATE_START.search(text) or CONTRIBUTION.search(text) or len(LIST_MARKS.findall(text)) >= 2:
        return True
    if len(text.split()) > 2 * SHORT_LINE_WORDS:
        return False  # far too long for a header or a credit line
    words = sum(1 for token in part if not token.is_punct and not token.is_space)
    if words < SHORT_LINE_WORDS and BYLINE.match(text):
        return True
    has_verb = any(token.pos_ in ("VERB", "AUX") for token in part)
    # A short line without a verb or without a closing stop is a header, dateline, credit or stray quote mark.
    return words < SHORT_LINE_WORDS and (not has_verb or not SENTENCE_END.search(text))


# -- sentence features ---------------------------------------------------------------------------


def content_lemmas(doc: Doc) -> list[str]:
    """Per token, its lower-case lemma if it carries content (noun, name, verb, adjective, number), else ""."""
    table = doc.to_array([POS, IS_STOP, IS_PUNCT, LEMMA])
    wanted = np.isin(table[:, 0], _CONTENT_POS_IDS) & (table[:, 1] == 0) & (table[:, 2] == 0)
    lemmas = [""] * len(doc)
    strings = doc.vocab.strings
    for i in np.flatnonzero(wanted):
        lemmas[i] = strings[int(table[i, 3])].lower()
    return lemmas


def tfidf_matrix(bags: list[list[str]], extra: list[str] | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    """L2-normalised TF-IDF rows for the sentence bags (IDF over these sentences), and for ``extra``."""
    vocabulary: dict[str, int] = {}
    for bag in bags:
        for word in bag:
            vocabulary.setdefault(word, len(vocabulary))
    counts = np.zeros((len(bags), max(len(vocabulary), 1)))
    for row, bag in enumerate(bags):
        for word in bag:
            counts[row, vocabulary[word]] += 1
    document_frequency = (counts > 0).sum(axis=0)
    idf = np.log((1 + len(bags)) / (1 + document_frequency)) + 1
    weights = np.log1p(counts) * idf
    norms = np.linalg.norm(weights, axis=1, keepdims=True)
    weights = np.divide(weights, norms, out=np.zeros_like(weights), where=norms > 0)
    if extra is None:
        return weights, None
    extra_row = np.zeros(weights.shape[1])
    for word in extra:
        if word in vocabulary:
            extra_row[vocabulary[word]] += 1
    extra_row = np.log1p(extra_row) * idf
    norm = np.linalg.norm(extra_row)
    return weights, extra_row / norm if norm > 0 else extra_row


def overlap_similarity(vectors: np.ndarray, lengths: list[int]) -> np.ndarray:
    """TextRank's sentence similarity: shared words over the sum of the log lengths (unlike cosine,
    it grows with the length of the sentences, so long, fact-dense sentences become central).
    ``vectors`` are the sentences' TF-IDF rows (only which words they hold counts), ``lengths``
    their numbers of content words."""
    present = (vectors > 0).astype(np.float32)
    logs = np.log(np.maximum(lengths, 1))
    norms = logs[:, None] + logs[None, :]
    shared = present @ present.T
    return np.divide(shared, norms, out=np.zeros_like(shared), where=norms > 0)


def lexrank(similarity: np.ndarray) -> np.ndarray:
    """Stationary distribution of a random walk over the sentence-similarity graph (continuous LexRank)."""
    n = similarity.shape[0]
    if n == 0:
        return np.zeros(0)
    graph = similarity.copy()
    np.fill_diagonal(graph, 0.0)
    row_sums = graph.sum(axis=1, keepdims=True)
    transition = np.where(row_sums > 0, graph / np.where(row_sums > 0, row_sums, 1), 1.0 / n)
    system = np.eye(n) - LEXRANK_DAMPING * transition.T
    scores = np.linalg.solve(system, np.full(n, (1 - LEXRANK_DAMPING) / n))
    return scores


def _scaled(values: np.ndarray) -> np.ndarray:
    """Values divided by their maximum (all zeros stay zeros)."""
    top = values.max() if values.size else 0.0
    return values / top if top > 0 else np.zeros_like(values)


def _entity_coverage(doc: Doc, extraction: Extraction, body: list[BodySentence]) -> np.ndarray:
    """Per body sentence, the summed salience of the distinct entities it mentions.

    Without extracted entities, the model's named entities stand in, weighted by frequency.
    """
    salience_by_sentence: dict[int, dict[str, float]] = defaultdict(dict)
    if extraction.entities:
        for entity in extraction.entities:
            for mention in entity.mentions:
                salience_by_sentence[mention.sentence_index][entity.id] = entity.salience
    else:
        names = [ent for ent in doc.ents if ent.label_ in NAME_LABELS]
        frequency = Counter(ent.text.lower() for ent in names)
        top = max(frequency.values(), default=1)
        for ent in names:
            salience_by_sentence[sentence_index(doc, ent.start)][ent.text.lower()] = frequency[ent.text.lower()] / top
    return np.array([sum(salience_by_sentence[item.index].values()) for item in body])


def paragraph_of(doc: Doc, char_offset: int) -> int:
    """Number of paragraph breaks before an offset (cached per Doc)."""
    breaks = doc.user_data.get("newsx_paragraph_breaks")
    if breaks is None:
        breaks = [match.start() for match in PARAGRAPH_BREAK.finditer(doc.text)]
        doc.user_data["newsx_paragraph_breaks"] = breaks
    return bisect.bisect_right(breaks, char_offset)


def _standalone_factor(sent: SpacySpan) -> float:
    """Lower weight for a sentence whose first word points back to an earlier one."""
    first = next((token for token in sent if not token.is_punct and not token.is_space), None)
    return DEPENDENT_OPENER_FACTOR if first is not None and first.lower_ in DEPENDENT_OPENERS else 1.0


_QUOTED = re.compile(r"[\"\u201c][^\"\u201c\u201d]*[\"\u201d]?")


def _quote_factor(text: str) -> float:
    """Lower weight for a sentence that is mostly a direct quotation ('"It was chaos," she said.').
    Double quotation marks only: a single one is as often an apostrophe."""
    quoted = sum(len(match.group()) for match in _QUOTED.finditer(text))
    return QUOTE_FACTOR if text and quoted / len(text) >= QUOTED_SHARE else 1.0


def _position_prior(count: int) -> np.ndarray:
    """The lead of a news story carries its point; the prior decays over the first few sentences."""
    return np.exp(-np.arange(count) / LEAD_DECAY)


# -- selection -------------------------------------------------------------------------------------


def _budget(count: int, max_sentences: int, ratio: float) -> int:
    if ratio > 0:
        return max(1, round(ratio * count))
    return max(max_sentences, 0)


def _select(
    ranked: list[int],
    scores: np.ndarray,
    texts: list[str],
    limit: int,
    max_characters: int,
    similarity: np.ndarray | None,
    title_similarity: np.ndarray | None = None,
    in_context: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[int]:
    """Greedy choice in rank order; with ``similarity``, maximal marginal relevance against redundancy.

    Once one sentence is chosen, restating the title counts as redundancy too: the summary is read
    under its headline, so later sentences should add what the title does not say. ``in_context``
    is (the score each sentence has when the one before it is chosen, the position of that one).
    """
    chosen: list[int] = []
    used = 0
    candidates = list(ranked)
    while candidates and len(chosen) < limit:
        if similarity is not None and chosen:
            overlap = similarity[np.ix_(candidates, chosen)].max(axis=1)
            covered = overlap if title_similarity is None else np.maximum(overlap, title_similarity[candidates])
            value = scores[candidates]
            if in_context is not None:
                lifted, previous = in_context
                value = np.where(np.isin(previous[candidates], chosen), lifted[candidates], value)
            value = value - MMR_PENALTY * covered
            order = [candidates[i] for i in np.argsort(-value, kind="stable") if overlap[i] <= REDUNDANT_SIMILARITY]
        else:
            order = candidates
        pick = None
        for candidate in order:
            cost = len(texts[candidate]) + (1 if chosen else 0)
            if not max_characters or used + cost <= max_characters:
                pick = candidate
                break
        if pick is None:
            break
        chosen.append(pick)
        used += len(texts[pick]) + (1 if len(chosen) > 1 else 0)
        candidates.remove(pick)
    return sorted(chosen)


# -- key phrases -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Candidate:
    forms: Counter
    weight: float = 0.0
    entity_id: str = ""
    is_name: bool = False
    occurrences: int = 0
    words: int = 1
    echo: float = 1.0  # how much the article repeats the phrase's words
    lemmas: frozenset = frozenset()  # for dedup: "interest rates" is inside "main interest rate"


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
        or tokens[start].lower_ in VAGUE_MODIFIERS
        or _hyphen_joined(tokens[start])  # the rest of a dropped number: "48-hour" leaves no "hour"
    ):
        start += 1
    end = len(tokens)
    while end > start and (tokens[end - 1].is_punct or tokens[end - 1].is_space or tokens[end - 1].like_num):
        end -= 1
    kept = tokens[start:end]
    if not kept or len(kept) > MAX_PHRASE_TOKENS:
        return None
    if any(t.pos_ in ("PRON", "DET") or t.is_space or t.like_num for t in kept):
        return None  # "times the size", "it", numbers: not a phrase a reader would list
    if not any(t.pos_ in ("NOUN", "PROPN") and not t.is_stop for t in kept):
        return None
    return chunk.doc[kept[0].i : kept[-1].i + 1]


def _hyphen_joined(token) -> bool:
    """Whether the token is glued by a hyphen to the word before it."""
    if token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return before.text in ("-", "\u2013") and not before.whitespace_


def _fold_short_names(candidates: dict[object, _Candidate]) -> None:
    """Count a short name ("Putin") towards the longer name holding all its words ("Vladimir Putin")."""
    names = [(key, c, set(c.forms.most_common(1)[0][0].lower().split())) for key, c in candidates.items() if c.is_name]
    for key, short, words in names:
        if short.entity_id:
            continue  # extracted entities have already merged their mentions
        longer = [c for other, c, other_words in names if other != key and words < other_words]
        if longer:
            target = max(longer, key=lambda c: c.occurrences)
            target.weight += short.weight
            target.occurrences += short.occurrences
            del candidates[key]


def key_phrases(
    doc: Doc,
    extraction: Extraction,
    story: list[SummarySentence],
    recurrence: Counter,
    limit: int = MAX_KEY_PHRASES,
) -> list[KeyPhrase]:
    """Names and noun phrases ranked by the weight of the story sentences they occur in, deduplicated."""
    title_end = doc._.newsx_title_end
    sentence_weight = {sentence.index: sentence.score for sentence in story}
    story_spans = [sentence.span for sentence in story]
    story_starts = [span.start for span in story_spans]
    candidates: dict[object, _Candidate] = {}

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
        candidate = candidates.setdefault(entity.id, _Candidate(Counter(), entity_id=entity.id, is_name=True))
        for mention in entity.mentions:
            span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
            if span is not None:
                candidate.weight += weight_of(span)
                candidate.occurrences += 1
        candidate.forms[entity.name] += 1
        candidate.words = len(entity.name.split())
    if not extraction.entities:
        for ent in doc.ents:
            if ent.label_ not in NAME_LABELS or ent.label_ == "NORP":
                continue
            trimmed = trim_phrase(ent)
            if trimmed is None:
                continue
            key = ("name", trimmed.text.lower())
            candidate = candidates.setdefault(key, _Candidate(Counter(), is_name=True, words=len(trimmed)))
            candidate.forms[trimmed.text] += 1
            candidate.weight += weight_of(trimmed)
            candidate.occurrences += 1

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
            candidates[key] = _Candidate(Counter(), words=len(phrase), echo=echo, lemmas=frozenset(key))
        candidate = candidates[key]
        candidate.forms[phrase.text] += 1
        candidate.weight += weight_of(phrase)
        candidate.occurrences += 1

    _fold_short_names(candidates)
    ranked: list[tuple[float, _Candidate]] = []
    for candidate in candidates.values():
        if candidate.weight <= 0:
            continue  # seen only outside the story (a byline, a credit) or in sentences scored zero
        if not candidate.is_name and candidate.words == 1 and candidate.occurrences < 2:
            continue  # one lone common noun is rarely what an article is about
        score = candidate.weight * candidate.echo * (1 + 0.3 * min(candidate.words - 1, 2))
        if candidate.is_name and candidate.entity_id:
            score *= 0.5 + by_id[candidate.entity_id].salience
        elif not candidate.is_name and candidate.words == 1:
            score *= 0.6
        ranked.append((score, candidate))
    ranked.sort(key=lambda pair: -pair[0])

    chosen: list[tuple[float, _Candidate, str]] = []
    for score, candidate in ranked:
        text = candidate.forms.most_common(1)[0][0]
        words = candidate.lemmas or frozenset(text.lower().split())
        if any(
            words <= other or words >= other
            for other in (c.lemmas or frozenset(t.lower().split()) for _, c, t in chosen)
        ):
            continue  # contained in a name or phrase already listed (or containing one)
        chosen.append((score, candidate, text))
        if len(chosen) == limit:
            break
    top = chosen[0][0] if chosen and chosen[0][0] > 0 else 1.0
    return [KeyPhrase(text, round(score / top, 4), candidate.entity_id) for score, candidate, text in chosen]


# -- brief -----------------------------------------------------------------------------------------


def main_event(extraction: Extraction, body_position: dict[int, int]) -> Event | None:
    """The event with the best confidence x salience of its arguments, earlier sentences preferred."""
    salience = {entity.id: entity.salience for entity in extraction.entities}

    def weight(event: Event) -> float:
        arguments = {argument.entity_id for argument in event.arguments if argument.entity_id}
        position = body_position.get(event.sentence_index, 0)
        penalty = 0.5 if event.negated else 1.0
        return event.confidence * penalty * (1 + sum(salience.get(i, 0.0) for i in arguments)) / (1 + 0.15 * position)

    return max(extraction.events, key=weight, default=None)


def brief(doc: Doc, extraction: Extraction, scored: list[SummarySentence], chosen: list[SummarySentence]) -> Brief:
    """Main event, most salient entities and key figures; the best sentence stands in for an event."""
    body_position = {item.index: position for position, item in enumerate(scored)}
    event = main_event(extraction, body_position)
    best = max(chosen or scored, key=lambda s: s.score, default=None)
    headline = event.description.strip() if event is not None else ""
    if not headline:
        headline = best.text if best is not None else ""
    entities = sorted(extraction.entities, key=lambda e: -e.salience)[:3]
    weight = {s.index: s.score for s in scored}
    title_end = doc._.newsx_title_end
    figures = [
        figure
        for figure in extraction.figures
        if figure.kind != FigureKind.ORDINAL and (figure.span.start < title_end or figure.sentence_index in weight)
    ]
    figures.sort(key=lambda f: (-(1.0 if f.span.start < title_end else weight[f.sentence_index]), f.span.start))
    return Brief(
        headline=headline,
        event_id=event.id if event is not None else "",
        entity_ids=[entity.id for entity in entities],
        figure_ids=[figure.id for figure in figures[:3]],
    )


def _auto_scores(
    doc: Doc,
    extraction: Extraction,
    story: list[BodySentence],
    bags: list[list[str]],
    centrality: np.ndarray,
    shared_centrality: np.ndarray,
    title_overlap: np.ndarray,
    share: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Centrality blended with the lead prior, title overlap and entity coverage, scaled to [0, 1];
    and the same scores without the damping of sentences that point back, for when the sentence
    they point back to is in the summary too.

    ``share`` is the summary's share of the story's sentences: a long summary needs coverage more
    than a lead, so ``shared_centrality`` (TextRank's, over shared words) weighs more. Sentences that lean on an earlier one, are
    mostly a quotation or carry few content words are damped.
    """
    standalone = np.array([_standalone_factor(item.tokens) for item in story])
    standalone[0] = 1.0  # the lead has nothing to point back to
    damping = np.array(
        [_quote_factor(item.text) * min(1.0, len(bag) / SHORT_SENTENCE_WORDS) for item, bag in zip(story, bags)]
    )
    coverage = _scaled(_entity_coverage(doc, extraction, story))
    weight = COVERAGE_WEIGHT * share
    centrality = (centrality + weight * shared_centrality) / (1 + weight)
    blend = (
        centrality + LEAD_WEIGHT * _position_prior(len(story)) + TITLE_WEIGHT * title_overlap + ENTITY_WEIGHT * coverage
    )
    top = (standalone * damping * blend).max()
    if top <= 0:
        return np.zeros(len(story)), np.zeros(len(story))
    return standalone * damping * blend / top, np.minimum(1.0, damping * blend / top)


# -- entry point -----------------------------------------------------------------------------------


def summarize(
    doc: Doc,
    extraction: Extraction,
    *,
    method: Method = Method.AUTO,
    max_sentences: int = 3,
    max_characters: int = 0,
    ratio: float = 0.0,
) -> Summary:
    """Choose whole body sentences (never the title), returned in article order with their scores."""
    method = Method(method)
    body = body_sentences(doc)
    story = [position for position, item in enumerate(body) if not item.boilerplate]
    lemmas = content_lemmas(doc)
    scores = np.zeros(len(body))
    similarity = title_similarity = in_context = None
    limit = _budget(len(story), max_sentences, ratio)
    if story and method is Method.LEAD:
        scores[story] = 1.0 / (1.0 + np.arange(len(story)))
    elif story:
        bags = [[lemma for lemma in lemmas[body[p].tokens.start : body[p].tokens.end] if lemma] for p in story]
        title_end = doc._.newsx_title_end
        title_tokens = doc.char_span(0, title_end, alignment_mode="expand") if title_end else None
        title_bag = [lemma for lemma in lemmas[: title_tokens.end] if lemma] if title_tokens is not None else []
        vectors, title_vector = tfidf_matrix(bags, title_bag)
        story_similarity = vectors @ vectors.T
        centrality = _scaled(lexrank(story_similarity))
        if method is Method.CENTRALITY:
            scores[story] = centrality
        else:
            title_overlap = vectors @ title_vector
            share = min(1.0, limit / len(story))
            lifted = np.zeros(len(body))
            shared_centrality = _scaled(lexrank(overlap_similarity(vectors, [len(bag) for bag in bags])))
            scores[story], lifted[story] = _auto_scores(
                doc, extraction, [body[p] for p in story], bags, centrality, shared_centrality, title_overlap, share
            )
            if share >= CONTEXT_MIN_SHARE:
                previous = np.full(len(body), -1)
                previous[story[1:]] = story[:-1]
                in_context = (lifted, previous)
            title_similarity = np.zeros(len(body))
            title_similarity[story] = title_overlap
            similarity = np.zeros((len(body), len(body)))
            similarity[np.ix_(story, story)] = story_similarity
            paragraphs = np.array([paragraph_of(doc, item.span.start) for item in body])
            same_paragraph = paragraphs[:, None] == paragraphs[None, :]
            similarity = np.where(same_paragraph, np.maximum(similarity, SAME_PARAGRAPH_OVERLAP), similarity)
    ranked = sorted(story, key=lambda p: (-scores[p], p))
    picked = _select(
        ranked, scores, [item.text for item in body], limit, max_characters, similarity, title_similarity, in_context
    )

    scored = [
        SummarySentence(item.index, item.text, item.span, round(float(scores[p]), 4)) for p, item in enumerate(body)
    ]
    chosen = [scored[p] for p in picked]
    return Summary(
        sentences=chosen,
        scored=scored,
        key_phrases=key_phrases(doc, extraction, [scored[p] for p in story], Counter(filter(None, lemmas))),
        brief=brief(doc, extraction, scored, chosen),
        method=method,
    )
