"""Loading the spaCy pipeline with the newsx components, and running articles through it.

This is the domain entry point the servicer calls: articles in, ``Extraction`` records out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from service.domain import ArticleInput, Extraction, Sentence, Span
from service.extract import document

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
    from service.extract import entities, events, figures, times  # noqa: F401  (registers factories)

    nlp = spacy.load(model)
    for name, factory in NEWSX_COMPONENTS:
        nlp.add_pipe(factory, name=name)
    return nlp


def model_name(nlp: Language) -> str:
    """The pipeline's name and version as reported to callers, e.g. ``en_core_web_sm@3.8.0``."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}@{meta.get('version', '0')}"


def parse(nlp: Language, articles: Iterable[ArticleInput], batch_size: int = 16) -> Iterator[Doc]:
    """Run articles through the whole pipeline in batches, in order."""
    docs = (document.make_doc(nlp, article) for article in articles)
    yield from nlp.pipe(docs, batch_size=batch_size)


def to_extraction(doc: Doc, article: ArticleInput, model: str) -> Extraction:
    """Collect the components' results from a parsed ``Doc``."""
    title_end = doc._.newsx_title_end
    sentences = [
        Sentence(index=i, span=Span(sent.start_char, sent.end_char), in_title=sent.start_char < title_end)
        for i, sent in enumerate(doc.sents)
    ]
    return Extraction(
        article_id=article.id,
        text=doc.text,
        entities=list(doc._.newsx_entities or []),
        events=list(doc._.newsx_events or []),
        figures=list(doc._.newsx_figures or []),
        times=list(doc._.newsx_times or []),
        sentences=sentences,
        model=model,
    )

