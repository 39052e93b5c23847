"""Events in the KAIROS ontology: component ``newsx_events_v1``.

Triggers are found by lemma and part of speech, with context conditions for ambiguous words
(``triggers``); arguments come from the dependency parse (subjects, objects, passive agents,
possessives, prepositions, counts), are checked against the role's entity kinds and linked to the
entities, figures and times of the earlier newsx components when those exist (``arguments``,
``links``); status and negation are read along the clause (``status``); mentions of the same event
in several sentences are merged into one record (``records``). The language knowledge is in the YAML
tables of ``data/`` (``tables``); the records go to ``document.state(doc).events``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from newsx.service.extract import document
from newsx.service.extract.events.ontology import DATA_DIR, ONTOLOGY_FILES
from newsx.service.extract.events.records import extract_events
from newsx.service.extract.events.tables import TABLES, Lexicon, load_lexicon, table_path
from newsx.service.extract.headline_words import HeadlineWords

# spaCy forbids "." in factory names, so the brief's "newsx.events.v1" is spelt with underscores.
FACTORY_NAME = "newsx_events_v1"


class EventExtractor:
    """Finds events and sets ``document.state(doc).events``."""

    def __init__(self, nlp: Language, name: str, *, tables: str) -> None:
        self.name = name
        self.tables = tables
        self.words = HeadlineWords(nlp)  # English verbs (agent nouns) and the words of headlines
        self.lexicon = load_lexicon(Path(tables))  # at load time: a bad table fails before any request

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        """Read the tables from ``self.tables`` (set anew by ``from_disk``)."""
        self.lexicon = load_lexicon(Path(self.tables))

    def __call__(self, doc: Doc) -> Doc:
        document.state(doc).events = extract_events(doc, self.lexicon, self.words)
        return doc

    def to_disk(self, path, *, exclude=()) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        source = Path(self.tables)
        for name in TABLES:
            shutil.copyfile(table_path(source, name), table_path(folder, name))
        for name in ONTOLOGY_FILES:
            shutil.copyfile(source / name, folder / name)

    def from_disk(self, path, *, exclude=()) -> EventExtractor:
        self.tables = str(path)
        self.initialize()
        return self


@Language.factory(
    FACTORY_NAME,
    default_config={"tables": str(DATA_DIR)},
    requires=[
        "token.dep",
        "token.lemma",
        "doc._.newsx_entities",
        "doc._.newsx_styled_lines",
        "doc._.newsx_times",
        "doc._.newsx_figures",
    ],
    assigns=["doc._.newsx_events"],
)
def make_event_extractor(nlp: Language, name: str, tables: str) -> EventExtractor:
    """``tables``: the folder of the rule tables and ontology files (default: the package's ``data/``)."""
    return EventExtractor(nlp, name, tables=tables)


__all__ = ["FACTORY_NAME", "EventExtractor", "Lexicon", "extract_events", "make_event_extractor"]
