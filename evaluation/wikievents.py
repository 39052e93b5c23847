"""WikiEvents (the KAIROS public dev set, ``public_dev("wikievents")``) read back into text with
character ranges: its documents come as tokens, which are typeset again the way the text was."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

Range = tuple[int, int]
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "”", "-", "/"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "“", "-", "/"}
CLITICS = {"s", "t", "re", "ve", "ll", "d", "m"}


def _glued(words: list[str], position: int, open_quote: bool) -> bool:
    """Whether the word at ``position`` follows the previous one with no space, as typeset."""
    word, before = words[position], words[position - 1]
    if word in NO_SPACE_BEFORE or before in NO_SPACE_AFTER:
        return word != "-" or before != "-"
    if word in ("'", "’"):
        return position + 1 < len(words) and words[position + 1].lower() in CLITICS
    if before in ("'", "’") and word.lower() in CLITICS:
        return True
    if before == '"' or word == '"':
        return (before == '"') == open_quote if before == '"' else open_quote
    if before == ":" and word.isdigit():
        return position > 1 and words[position - 2].isdigit()
    # "p . m ." and "U . S ." are abbreviations
    return len(word) == 1 and word.isalpha() and before == "." and position > 1 and len(words[position - 2]) == 1


def detokenise(sentences: list[list[str]]) -> tuple[str, list[Range]]:
    """A readable text for the tokens and each token's character range: a sentence without final
    punctuation (a headline) ends a paragraph, the others are run together."""
    text, ranges = "", []
    for words in sentences:
        if text:
            text += " " if text[-1] in '.!?"”' else "\n\n"
        open_quote = False
        for position, word in enumerate(words):
            if position and not _glued(words, position, open_quote):
                text += " "
            if word == '"':
                open_quote = not open_quote
            ranges.append((len(text), len(text) + len(word)))
            text += word
    return text, ranges


@dataclass(frozen=True)
class PublicMention:
    trigger: Range
    type: str
    arguments: tuple[tuple[str, frozenset[Range]], ...]  # role, every mention of the argument's entity


def read_wikievents(folder: Path) -> list[tuple[str, str, list[PublicMention]]]:
    """(doc id, text, gold mentions) of every document; an argument stands for its coreference cluster."""
    clusters: dict[str, list[str]] = {}
    for line in (folder / "coref" / "dev.jsonlines").read_text(encoding="utf-8").splitlines():
        for cluster in json.loads(line)["clusters"]:
            clusters |= {member: cluster for member in cluster}
    documents = []
    for line in (folder / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        text, ranges = detokenise([[word for word, _, _ in sentence[0]] for sentence in item["sentences"]])
        assert len(ranges) == len(item["tokens"]), item["doc_id"]
        place = {m["id"]: (ranges[m["start"]][0], ranges[m["end"] - 1][1]) for m in item["entity_mentions"]}
        gold = []
        for event in item["event_mentions"]:
            trigger = (ranges[event["trigger"]["start"]][0], ranges[event["trigger"]["end"] - 1][1])
            arguments = tuple(
                (a["role"], frozenset(place[m] for m in clusters.get(a["entity_id"], [a["entity_id"]]) if m in place))
                for a in event["arguments"]
            )
            gold.append(PublicMention(trigger, event["event_type"], arguments))
        documents.append((item["doc_id"], text, gold))
    return documents
