"""HTML pages to article text, with trafilatura doing the main-content extraction."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura


@dataclass(frozen=True)
class PageText:
    """The main text of a page, with the title and date the page states (empty when it has none)."""

    text: str
    title: str
    published: str


def page_text(html: str) -> PageText:
    """Reduce a page to its article: boilerplate (navigation, footers, ads) is left out.

    Paragraphs are separated by blank lines; a first paragraph that repeats the title is dropped,
    since the title is analysed on its own.
    """
    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if document is None or not document.text:
        return PageText("", "", "")
    title = (document.title or "").strip()
    paragraphs = [line.strip() for line in document.text.splitlines() if line.strip()]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return PageText("\n\n".join(paragraphs), title, document.date or "")
