"""The fixed benchmark corpus: articles of 100 to 3,000 words built from the project's own articles.

Paragraphs of ``tests/articles`` and ``seeds`` are laid end to end in a fixed rotation until an
article reaches its target length, so every run measures the same text.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parents[1]
SOURCES = sorted((ROOT / "tests" / "articles").glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
LENGTHS = (100, 150, 250, 400, 600, 600, 800, 1000, 1500, 2000, 2500, 3000)


def word_count(text: str) -> int:
    return len(text.split())


def _paragraphs() -> list[str]:
    paragraphs = []
    for path in SOURCES:
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            if word_count(paragraph) >= 15:  # body paragraphs, not headlines or source lists
                paragraphs.append(paragraph.strip())
    return paragraphs


def build_corpus(count: int, lengths: tuple[int, ...] = LENGTHS) -> list[tuple[str, str]]:
    """``count`` (id, text) articles cycling through ``lengths`` words (cut at a paragraph end)."""
    paragraphs = _paragraphs()
    articles = []
    for index in range(count):
        target = lengths[index % len(lengths)]
        chosen, words, cursor = [], 0, index * 7
        while words < target:
            paragraph = paragraphs[cursor % len(paragraphs)]
            chosen.append(paragraph)
            words += word_count(paragraph)
            cursor += 1
        articles.append((f"bench-{index:03d}-{target}w", "\n\n".join(chosen)))
    return articles
