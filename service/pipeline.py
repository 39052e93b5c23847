"""Loading the spaCy pipeline with the newsx components, and running articles through it.

This is the domain entry point the servicer calls: articles in, ``Extraction`` records out.
"""

from __future__ import annotations

import gc

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsx.service.domain import ArticleInput, Extraction, Sentence, Span
from newsx.service.extract import document

# (component name, registered factory) in the order they run: later ones read earlier results.
# Factory names carry a version so behaviour can change without breaking configs (spaCy forbids
# dots in factory names, hence underscores).
NEWSX_COMPONENTS = (
    ("newsx_entities", "newsx_entities_v1"),
    ("newsx_times", "newsx_times_v1"),
    ("newsx_figures", "newsx_figures_v1"),
    ("newsx_events", "newsx_events_v1"),
)


def build_pipeline(model: str) -> Language:
    """Load any installed spaCy pipeline by package name or path and add the newsx components."""
    from newsx.service.extract import entities, events, figures, times  # noqa: F401  (registers factories)

    nlp = spacy.load(model)
    for name, factory in NEWSX_COMPONENTS:
        nlp.add_pipe(factory, name=name)
    return nlp


def freeze_loaded_objects() -> None:
    """Take what is loaded so far (the pipeline, its vocabulary, the gazetteers and tables) out of
    the garbage collector's walks: it lives as long as the worker, and each full collection would
    otherwise visit its ~180,000 objects again (measured: a full collection during a batch took
    ~240 ms before, ~50 ms after)."""
    gc.collect()
    gc.freeze()


def model_name(nlp: Language) -> str:
    """The pipeline's name and version as reported to callers, e.g. ``en_core_web_sm@3.8.0``."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}@{meta.get('version', '0')}"


def parse(nlp: Language, articles: list[ArticleInput], *, chunk_chars: int) -> list[Doc]:
    """Run articles through the whole pipeline, in order: short ones in one ``nlp.pipe`` batch,
    longer ones than ``chunk_chars`` in parts (see ``parse_long``)."""
    short = [i for i, article in enumerate(articles) if len(document.analysed_text(article)) <= chunk_chars]
    docs = dict(zip(short, nlp.pipe(document.make_doc(nlp, articles[i]) for i in short)))
    return [docs[i] if i in docs else parse_long(nlp, article, chunk_chars) for i, article in enumerate(articles)]


def parse_long(nlp: Language, article: ArticleInput, chunk_chars: int) -> Doc:
    """A long article whole, with the statistical parse done in parts of at most ``chunk_chars``.

    The parser and tagger need memory in proportion to a text's length, so the base pipeline runs
    on paragraph-sized parts, which are joined back into one Doc whose text (and so every offset)
    is the article's; the newsx components then run on the whole document, so mentions are still
    grouped across the article.
    """
    text = document.analysed_text(article)
    parts = split_text(text, chunk_chars)
    newsx = [name for name, _ in NEWSX_COMPONENTS if name in nlp.pipe_names]
    with nlp.select_pipes(disable=newsx):
        docs = list(nlp.pipe(document.make_doc(nlp, article, part) for part in parts))
    doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["user_data"])  # type: ignore[call-arg]  # stub lags
    document.annotate(doc, article)
    for name in newsx:
        doc = nlp.get_pipe(name)(doc)
    return doc


def split_text(text: str, limit: int) -> list[str]:
    """Consecutive parts of at most ``limit`` characters that join back to ``text`` exactly, cut
    after a paragraph break where possible, else a line break, a sentence end or a space."""
    parts, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = next(
            (window.rfind(mark) + len(mark) for mark in ("\n\n", "\n", ". ", " ") if window.rfind(mark) > 0), limit
        )
        parts.append(text[start : start + cut])
        start += cut
    parts.append(text[start:])
    return parts


def to_extraction(doc: Doc, article: ArticleInput, model: str) -> Extraction:
    """Collect the components' results from a parsed ``Doc``."""
    title_end = doc._.newsx_title_end
    text = document.doc_text(doc)
    sentences = []
    for index, sent in enumerate(document.sentences(doc)):  # without the blank space spaCy attaches
        raw = text[sent.start_char : sent.end_char]
        start = sent.start_char + len(raw) - len(raw.lstrip())
        end = max(start, sent.start_char + len(raw.rstrip()))
        sentences.append(Sentence(index=index, span=Span(start, end), in_title=sent.start_char < title_end))
    return Extraction(
        article_id=article.id,
        text=text,
        entities=list(doc._.newsx_entities or []),
        events=list(doc._.newsx_events or []),
        figures=list(doc._.newsx_figures or []),
        times=list(doc._.newsx_times or []),
        sentences=sentences,
        model=model,
    )
