"""HTML pages to article text, with trafilatura doing the main-content extraction.

trafilatura parses with libxml2 (through lxml), which gives up at 256 levels of nesting and
drops the rest of the page. A page nested that deep (generated layouts, pages built to break
parsers) is first rewritten without its excess levels: past ``MAX_NESTING`` open elements, layout
wrappers (div, span, section, ...) are left out, their text kept and a block's edges made line
breaks, while the elements that carry the article (p, h1, li, a, ...) stay; past twice that,
every element is left out.
"""

from __future__ import annotations

import html
import html.parser
from dataclasses import dataclass

import trafilatura
from lxml import etree
from lxml.html import HTMLParser
from trafilatura.settings import Document

MAX_NESTING = 100  # open elements kept in any case when a page is too deep (real pages use a few dozen)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_WRAPPERS = frozenset("article aside center div font footer form header main nav section span".split())
_BLOCK = frozenset(
    "address article aside blockquote center dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header li main nav ol p pre section table tbody td th thead tr ul".split()
)
_CLOSED_BY_SIBLING = frozenset(("p", "li", "dt", "dd", "tr", "td", "th", "option"))


@dataclass(frozen=True)
class PageText:
    """The main text of a page, with the title and date the page states (empty when it has none)."""

    text: str
    title: str
    published: str


def page_text(page: str) -> PageText:
    """Reduce a page to its article: boilerplate (navigation, footers, ads) is left out.

    Paragraphs are separated by blank lines; a first paragraph that repeats the title is dropped,
    since the title is analysed on its own.
    """
    if too_deep(page):
        page = flattened(page)
    document = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
    if not isinstance(document, Document) or not document.text:
        return PageText("", "", "")
    title = (document.title or "").strip()
    paragraphs = [line.strip() for line in document.text.splitlines() if line.strip()]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return PageText("\n\n".join(paragraphs), title, document.date or "")


def too_deep(page: str) -> bool:
    """Whether libxml2 stops short on the page (a parse of about a millisecond per 100 kB)."""
    parser = HTMLParser(encoding="utf-8", collect_ids=False)
    try:
        etree.fromstring(page.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.LxmlError, ValueError):
        return False
    return any(error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for error in parser.error_log)


def flattened(page: str, limit: int = MAX_NESTING) -> str:
    """The page with its nesting bounded to ``2 * limit`` levels (content kept; see the module)."""
    rewriter = _Flattener(limit)
    rewriter.feed(page)
    rewriter.close()
    return "".join(rewriter.out)


class _Flattener(html.parser.HTMLParser):
    """Copies a page tag by tag, leaving out the elements the nesting bound drops."""

    def __init__(self, limit: int):
        super().__init__(convert_charrefs=True)
        self.limit = limit
        self.out: list[str] = []
        self._open: list[tuple[str, bool]] = []  # open elements: (tag, whether it was written)
        self._depth = 0  # open elements written

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _VOID:
            self.out.append(self.get_starttag_text() or "")
            return
        if tag in _CLOSED_BY_SIBLING and self._open and self._open[-1][0] == tag:
            self._close(len(self._open) - 1)  # <p>one<p>two: the second closes the first
        written = self._depth < self.limit or (tag not in _WRAPPERS and self._depth < 2 * self.limit)
        if written:
            self.out.append(self.get_starttag_text() or "")
            self._depth += 1
        elif tag in _BLOCK:
            self._line_break()
        self._open.append((tag, written))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                self._close(index)
                return  # an end tag that closes nothing open is dropped

    def _close(self, index: int) -> None:
        """Close the open element at ``index`` and every element opened inside it."""
        while len(self._open) > index:
            tag, written = self._open.pop()
            if written:
                self.out.append(f"</{tag}>")
                self._depth -= 1
            elif tag in _BLOCK:
                self._line_break()

    def _line_break(self) -> None:
        """A dropped block's edge: one line break, however many edges meet there."""
        if not self.out or self.out[-1] != "<br>":
            self.out.append("<br>")

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_data(self, data: str) -> None:
        """Text comes with its character references resolved: escaped again, except in a script
        or style element, whose content is raw."""
        self.out.append(data if self.cdata_elem else html.escape(data, quote=False))

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")
