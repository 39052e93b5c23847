"""What the learned classifier sees of one referent: string features of its votes, its words and
the surroundings of its mentions (the words next to them and the layout of their lines)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from newsx.service.domain import EntityType
from newsx.service.extract.entities.gazetteer import Place, name_key
from newsx.service.extract.entities.layout import Layout, in_ranges
from newsx.service.extract.entities.learned import MAX_MENTIONS
from newsx.service.extract.entities.spans import MentionCandidate

_DIGITS = re.compile(r"\d")
_TYPE_NAMES = {entity_type: entity_type.value for entity_type in EntityType}  # Enum.value is a slow property


@functools.lru_cache(maxsize=1 << 14)
def shape(text: str) -> str:
    """Word shape with runs squeezed: "McLaren" -> "XxXx", "U.S." -> "X.X.", "1996" -> "d"."""
    out: list[str] = []
    for ch in text:
        mark = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != mark:
            out.append(mark)
    return "".join(out)[:8]


class NearWords(dict):
    """What a context feature reads of the token at an index (``near[i]``): its lower case, "<nl>"
    for blank space, "<d>" for a figure, "<s>" and "</s>" beyond the ends. Looked up when first
    asked for, then read as a plain dict (no Python call per feature)."""

    def __init__(self, doc: Doc) -> None:
        super().__init__()
        self.doc = doc

    def __missing__(self, i: int) -> str:
        if i < 0:
            word = "<s>"
        elif i >= len(self.doc):
            word = "</s>"
        else:
            token = self.doc[i]
            if token.is_space:
                word = "<nl>"
            else:
                word = "<d>" if not token.is_alpha and _DIGITS.search(token.text) else token.lower_
        self[i] = word
        return word


@dataclass(slots=True)
class DocumentView:
    """What the features read of the whole document, gathered once: the kind of text (how much of
    it is tables of results), the name cells of tables, the places of datelines, the near words."""

    context: list[str]
    cells: dict[int, bool]
    datelines: frozenset[int]
    near: NearWords

    @classmethod
    def of(cls, doc: Doc, layout: Layout) -> DocumentView:
        lines = max(1, layout.text.count("\n") + 1)
        scores = sum(1 for _s, _e, score in layout.table_names if score)
        cells = len(layout.table_names)
        context = [f"doc:score-lines:{min(4, scores * 10 // lines)}", f"doc:cells:{min(4, cells * 5 // lines)}"]
        return cls(
            context,
            layout.cells,
            frozenset(start for start, _end in layout.datelines),
            NearWords(doc),
        )


def group_features(
    doc: Doc,
    layout: Layout,
    group: list[MentionCandidate],
    votes: dict[EntityType, float],
    gazetteer: dict[str, Place],
    view: DocumentView,
) -> list[str]:
    """Features of one referent (``votes`` as the vote left them)."""
    longest = max(group, key=lambda c: len(c.key.split()))
    words = layout.text[longest.start_char : longest.end_char].split()
    total = sum(votes.values()) or 1.0
    features = ["bias", f"n:{min(len(words), 4)}", f"mentions:{min(len(group), 4)}", *view.context]
    if votes:
        winner = max(votes, key=lambda t: votes[t])
        features.append(f"win:{_TYPE_NAMES[winner]}")
    features += [f"vote:{_TYPE_NAMES[label]}:{round(4 * vote / total)}" for label, vote in votes.items()]
    features += [f"w:{word.lower()}" for word in words]
    features += [f"first:{words[0].lower()}", f"last:{words[-1].lower()}", f"shape:{shape(' '.join(words))}"]
    features += [f"suffix:{words[-1][-3:].lower()}"]
    place = gazetteer.get(longest.key)
    features.append(f"gaz:{place.kind if place else '-'}")
    if len(words) > 1:
        features.append(f"gaz-last:{getattr(gazetteer.get(name_key(words[-1])), 'kind', '-')}")
    near = view.near
    for candidate in group[:MAX_MENTIONS]:
        before, before2 = near[candidate.start - 1], near[candidate.start - 2]
        after, after2 = near[candidate.end], near[candidate.end + 1]
        features += [
            f"model:{_TYPE_NAMES[candidate.model_label] if candidate.model_label else '-'}",
            f"L1:{before}",
            f"R1:{after}",
            f"L2:{before2}|{before}",
            f"R2:{after}|{after2}",
            f"L1R1:{before}|{after}",
        ]
        if candidate.tagger_label:
            certainty = int(4 * candidate.tagger_probability)
            features += [f"tag:{candidate.tagger_label}", f"tag:{candidate.tagger_label}:{certainty}"]
        if candidate.pronoun:
            features.append(f"pronoun:{candidate.pronoun}")
        if candidate.headline:
            features.append("headline")
        if in_ranges(layout.all_caps, candidate.start_char):
            features.append("all-caps")
        if candidate.start_char in view.cells:
            features.append(f"cell:{view.cells[candidate.start_char]}")
        if candidate.start_char in view.datelines:
            features.append("dateline")
        if doc[candidate.start].is_sent_start:
            features.append("sent-start")
        if candidate.key != longest.key:
            features.append("short-form")
    return features
