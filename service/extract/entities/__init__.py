"""Named entities: one record per real-world referent, with every mention of it.

spaCy's small model finds most names but types them unevenly within one article, misses acronyms
and places, and invents organisations in Title Case or ALL CAPS headlines. This component takes its
spans as one source of evidence and decides at document level:

1. clean the model's spans and add names it missed: acronyms acting as organisations, places of
   datelines, names in tables of results (``candidates``, on the ``layout`` of the text);
2. keep names from headline-styled lines only when the body, the gazetteer or a cue confirms them;
3. group mentions of one referent and find further mentions the model missed (``grouping``);
4. type each referent by weighted vote (weights in ``data/weights.yaml``) and, where it is sure,
   by the classifier learnt from CoNLL-2003 (``learned``);
5. score salience and confidence, attach country codes and map points (``records``, ``geo``).

The records go to ``document.state(doc).entities``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from newsx.service.extract import document
from newsx.service.extract.entities.candidates import (
    add_cue_votes,
    confirmed_candidates,
    initialism_candidates,
    join_name_particles,
    layout_candidates,
    model_candidates,
    with_designations,
)
from newsx.service.extract.entities.grouping import find_missed_mentions, group_candidates
from newsx.service.extract.entities.knowledge import Resources
from newsx.service.extract.entities.layout import Layout, text_layout
from newsx.service.extract.entities.learned import TypeModel
from newsx.service.extract.entities.records import build_entities
from newsx.service.extract.entities.spans import MentionCandidate
from newsx.service.extract.entities.tagged import tagged_candidates
from newsx.service.extract.entities.tagger import NameTagger, TaggedSpan
from newsx.service.extract.headline_words import HeadlineWords

# spaCy forbids "." in factory names, so the brief's "newsx.entities.v1" is spelt with underscores.
FACTORY_NAME = "newsx_entities_v1"
DATA = Path(__file__).resolve().parent / "data"
DEFAULT_TYPE_MODEL = DATA / "type_model.npz"
DEFAULT_NAME_TAGGER = DATA / "name_tagger.npz"
# The learned files a saved pipeline keeps, by setting: (setting, file name in the saved folder).
_SAVED = (("type_model", "type_model.npz"), ("name_tagger", "name_tagger.npz"))


class EntityExtractor:
    """Finds entities and sets ``document.state(doc).entities``."""

    def __init__(self, nlp: Language, name: str, *, type_model: str, name_tagger: str) -> None:
        self.name = name
        self.type_model = type_model
        self.name_tagger = name_tagger
        self.headline_words = HeadlineWords(nlp)
        self.resources = _load_resources(type_model, name_tagger, self.headline_words)

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        """Reload the gazetteer and the learned models (those whose file is set and exists)."""
        self.resources = _load_resources(self.type_model, self.name_tagger, self.headline_words)

    def __call__(self, doc: Doc) -> Doc:
        layout, groups = referent_groups(doc, self.resources)
        state = document.state(doc)
        state.styled_lines = layout.styled
        state.entities = build_entities(doc, layout, groups, self.resources)
        return doc

    def to_disk(self, path, *, exclude=()) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for setting, file_name in _SAVED:
            source = getattr(self, setting)
            if source and Path(source).exists():
                shutil.copyfile(source, folder / file_name)

    def from_disk(self, path, *, exclude=()) -> EntityExtractor:
        for setting, file_name in _SAVED:
            saved = Path(path) / file_name
            setattr(self, setting, str(saved) if saved.exists() else "")
        self.initialize()
        return self


@Language.factory(
    FACTORY_NAME,
    default_config={"type_model": str(DEFAULT_TYPE_MODEL), "name_tagger": str(DEFAULT_NAME_TAGGER)},
    requires=["doc._.newsx_title_end"],
    assigns=["doc._.newsx_entities", "doc._.newsx_styled_lines"],
)
def make_entity_extractor(nlp: Language, name: str, type_model: str, name_tagger: str) -> EntityExtractor:
    """``type_model``: the learned referent classifier's file; ``name_tagger``: the learned name
    tagger's file (either empty: the component works without it)."""
    return EntityExtractor(nlp, name, type_model=type_model, name_tagger=name_tagger)


def _load_resources(type_model: str, name_tagger: str, headline_words: HeadlineWords) -> Resources:
    """Loaded when the component is made, so that no article pays for it."""
    model_path, tagger_path = Path(type_model or "-"), Path(name_tagger or "-")
    return Resources.load(
        TypeModel.load(model_path) if type_model and model_path.exists() else None,
        NameTagger.load(tagger_path) if name_tagger and tagger_path.exists() else None,
        headline_words,
    )


def referent_groups(
    doc: Doc, resources: Resources, tagged: list[TaggedSpan] | None = None
) -> tuple[Layout, list[list[MentionCandidate]]]:
    """The document's layout and its mention candidates grouped by referent, before typing
    (``tagged``: the name tagger's spans, when they come from elsewhere, as in training)."""
    gazetteer = resources.gazetteer
    if tagged is None:
        tagged = resources.tagged(doc)
    layout = text_layout(document.doc_text(doc), document.state(doc).title_end)
    candidates = join_name_particles(doc, layout, model_candidates(doc, layout))
    candidates = tagged_candidates(doc, layout, candidates, tagged, gazetteer)
    candidates = initialism_candidates(doc, layout, candidates, gazetteer)
    candidates = with_designations(doc, layout, candidates, gazetteer)
    candidates = layout_candidates(doc, layout, candidates, gazetteer)
    for candidate in candidates:
        add_cue_votes(doc, candidate, layout, resources)
    candidates = confirmed_candidates(doc, layout, candidates, gazetteer, resources.headline_words)
    groups = group_candidates(doc, candidates, gazetteer)
    return layout, find_missed_mentions(doc, layout, groups, resources)
