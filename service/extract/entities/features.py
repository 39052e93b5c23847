"""What the learned classifier sees of one referent: string features of its votes, its words and
the surroundings of its mentions (the words next to them and the layout of their lines)."""

from __future__ import annotations

import bisect
import re
from collections import Counter

from spacy.tokens import Doc

from newsx.service.extract.entities.gazetteer import Place, name_key
from newsx.service.extract.entities.layout import Layout, in_ranges
from newsx.service.extract.entities.learned import MAX_MENTIONS
from newsx.service.extract.entities.spans import MentionCandidate

_DIGITS = re.compile(r"\d")


def shape(text: str) -> str:
    """Word shape with runs squeezed: "McLaren" -> "XxXx", "U.S." -> "X.X.", "1996" -> "d"."""
    out: list[str] = []
    for ch in text:
        mark = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != mark:
            out.append(mark)
    return "".join(out)[:8]


def _near(doc: Doc, i: int) -> str:
    if i < 0:
        return "<s>"
    if i >= len(doc):
        return "</s>"
    token = doc[i]
    if token.is_space:
        return "<nl>"
    return "<d>" if _DIGITS.search(token.text) and not token.is_alpha else token.lower_


def document_features(layout: Layout) -> list[str]:
    """The kind of text: how much of it is tables of results."""
    lines = max(1, layout.text.count("\n") + 1)
    scores = sum(1 for _s, _e, score in layout.table_names if score)
    cells = len(layout.table_names)
    return [f"doc:score-lines:{min(4, scores * 10 // lines)}", f"doc:cells:{min(4, cells * 5 // lines)}"]


def group_features(
    doc: Doc,
    layout: Layout,
    group: list[MentionCandidate],
    votes: Counter,
    gazetteer: dict[str, Place],
    context: list[str],
) -> list[str]:
    """Features of one referent (``votes`` as the vote left them; ``context`` from the document)."""
    longest = max(group, key=lambda c: len(c.key.split()))
    words = layout.text[longest.start_char : longest.end_char].split()
    total = sum(votes.values()) or 1.0
    features = ["bias", f"n:{min(len(words), 4)}", f"mentions:{min(len(group), 4)}", *context]
    if votes:
        winner = max(votes, key=lambda t: votes[t])
        features.append(f"win:{winner.value}")
    features += [f"vote:{label.value}:{round(4 * vote / total)}" for label, vote in votes.items()]
    features += [f"w:{word.lower()}" for word in words]
    features += [f"first:{words[0].lower()}", f"last:{words[-1].lower()}", f"shape:{shape(' '.join(words))}"]
    features += [f"suffix:{words[-1][-3:].lower()}"]
    place = gazetteer.get(longest.key)
    features.append(f"gaz:{place.kind if place else '-'}")
    if len(words) > 1:
        features.append(f"gaz-last:{getattr(gazetteer.get(name_key(words[-1])), 'kind', '-')}")
    cells = {start: score for start, _end, score in layout.table_names}
    dateline_starts = [start for start, _end in layout.datelines]
    for candidate in group[:MAX_MENTIONS]:
        start, end = candidate.start, candidate.end
        features += [
            f"model:{candidate.model_label.value if candidate.model_label else '-'}",
            f"L1:{_near(doc, start - 1)}",
            f"R1:{_near(doc, end)}",
            f"L2:{_near(doc, start - 2)}|{_near(doc, start - 1)}",
            f"R2:{_near(doc, end)}|{_near(doc, end + 1)}",
            f"L1R1:{_near(doc, start - 1)}|{_near(doc, end)}",
        ]
        if candidate.headline:
            features.append("headline")
        if in_ranges(layout.all_caps, candidate.start_char):
            features.append("all-caps")
        if candidate.start_char in cells:
            features.append(f"cell:{cells[candidate.start_char]}")
        position = bisect.bisect_left(dateline_starts, candidate.start_char)
        if position < len(dateline_starts) and dateline_starts[position] == candidate.start_char:
            features.append("dateline")
        if doc[start].is_sent_start:
            features.append("sent-start")
        if candidate.key != longest.key:
            features.append("short-form")
    return features
