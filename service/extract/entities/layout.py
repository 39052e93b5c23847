"""Where the analysed text is not running prose: headline lines, ALL CAPS runs, datelines and tables
of results, found from the characters alone (capitalisation says nothing about names there)."""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field

from newsx.service.extract.entities import lexicon

_MOSTLY = 0.5
_MAX_HEADLINE_CHARS = 200  # longer lines are paragraphs, neither headlines nor table rows
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[a-z0-9)\]] ?[.!?][\"'’”]?\s*$")  # "... on Monday." ends prose, "Trump Jr." does not
_DATELINE = re.compile(r"^\s*([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2})(?:\s*,\s*[A-Z][\w.' ]*?)?\s*(\d|\(|-+\s|—)")
# Three or more words without lower-case letters in a row, e.g. a headline run into its body. (The
# pattern opens with a character class, not a look-behind, so that the engine skips ahead fast.)
_CAPS_RUN = re.compile(r"[^\sa-z](?<!\S[^\sa-z])[^\sa-z]*\s+(?:[^\sa-z]+\s+)+[^\sa-z]+(?!\S)")
_CAPS_WORD = re.compile(r"(?<!\S)[A-Z][A-Z'.&-]+(?!\S)")
_ISO_DATELINE = re.compile(
    r"(?<!\S)([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2})(?:\s*,\s*[A-Z][\w.' ]*?)?\s+\d{4}-\d\d-\d\d\b"
)
_ISO_DATE_HINT = re.compile(r"-\d\d-")  # a literal first: lines without it are skipped at once
_LOWER_WORD = re.compile(r"\s*\S*[a-z]")
_TABLE_NUMBER = re.compile(r"^[\d.,:/+-]*\d[\d.,:/+-]*$")
_TABLE_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.)$")


@dataclass(slots=True)
class Layout:
    """The analysed text (``doc.text`` is rebuilt on every access), and where it is not running
    prose: headline lines, ALL CAPS lines, datelines, tables."""

    text: str
    headlines: list[tuple[int, int]]  # title, ALL CAPS and Title Case lines
    styled: list[tuple[int, int]]  # ALL CAPS and Title Case lines and runs, digits and commas allowed
    all_caps: list[tuple[int, int]]
    datelines: list[tuple[int, int]]  # the place at the start of a dateline
    table_names: list[tuple[int, int, bool]]  # name cells of result tables; True when a score line
    cells: dict[int, bool] = field(default_factory=dict)  # the same cells by their first character


def text_layout(text: str, title_end: int = 0) -> Layout:
    """Find headline-styled lines, datelines and tables of results in the analysed text.

    On ALL CAPS and Title Case lines capitalisation says nothing about names. A Title Case line has
    at least three longer words, nearly all capitalised; as a headline, also neither digits nor
    commas (a table of scores or a list of names is not one), while ``styled`` takes it either
    way. Text whose line breaks were lost still shows ALL CAPS headlines as runs of capitalised
    words, and datelines as a place before an ISO date.
    """
    layout = Layout(text, [], [], [], [], [])
    for line in _LINE.finditer(text):
        line_text = line.group()
        start = line.start()
        all_caps = line_text.isupper() and sum(ch.isalpha() for ch in line_text) >= 4
        dateline = _DATELINE.match(line_text)
        # "LONDON 1996-08-30", "BONN (Reuters) -", and "PARIS - ..." before running text (an ALL CAPS
        # "SOCCER - JAPAN WIN" is a headline with its topic, not a dateline).
        running_text = _LOWER_WORD.match(line_text, dateline.end()) if dateline else None
        if dateline and (dateline.group(2)[0].isdigit() or dateline.group(2) == "(" or running_text):
            layout.datelines.append((start + dateline.start(1), start + dateline.end(1)))
        if all_caps:
            layout.all_caps.append(line.span())
            layout.headlines.append(line.span())
            continue
        for run in _CAPS_RUN.finditer(line_text) if start >= title_end else ():
            if len(_CAPS_WORD.findall(run.group())) >= 3:
                span = (start + run.start(), start + run.end())
                layout.all_caps.append(span)
                layout.headlines.append(span)
        for place in (
            _ISO_DATELINE.finditer(line_text, 1 if dateline else 0) if _ISO_DATE_HINT.search(line_text) else ()
        ):
            layout.datelines.append((start + place.start(1), start + place.end(1)))
        if len(line_text) > _MAX_HEADLINE_CHARS and start >= title_end:
            continue  # a paragraph of running text
        has_digit = _DIGIT.search(line_text) is not None
        title_case = _title_case(line_text, text)
        if title_case:
            layout.styled.append(line.span())
        if start < title_end or (not has_digit and "," not in line_text and title_case):
            layout.headlines.append(line.span())
        elif has_digit:
            layout.table_names.extend(table_name_cells(line_text, start))
    caps_chars = sum(end - start for start, end in layout.all_caps)
    if caps_chars > _MOSTLY * len(text):
        # A text written all in capitals has no headlines to tell apart: all of it is the body
        # (its words stay ALL CAPS, so none of them counts as an acronym).
        caps = set(layout.all_caps)
        layout.headlines = [r for r in layout.headlines if r not in caps or r[0] < title_end]
    else:
        layout.styled += layout.all_caps
    layout.headlines = _merged(layout.headlines)
    layout.styled = _merged(layout.styled)
    layout.all_caps = _merged(layout.all_caps)
    layout.datelines.sort()
    layout.cells = {start: score for start, _end, score in layout.table_names}
    return layout


def _title_case(line: str, text: str) -> bool:
    """Whether a line is written in Title Case: at least three longer words, nearly all capitalised,
    and not a sentence full of names."""
    long_words = [word for word in _WORD.findall(line) if len(word) >= 4]
    return (
        len(long_words) >= 3
        and sum(word[0].isupper() for word in long_words) >= 0.8 * len(long_words)
        and not (
            # A sentence full of names ("Angela Merkel visited Paris on Monday.") is prose: it ends
            # like one and keeps a lower-case word; and text that is one line has no body to head.
            (_SENTENCE_END.search(line) and _has_lower_content_word(line)) or line.strip() == text.strip()
        )
    )


def _has_lower_content_word(line: str) -> bool:
    """Whether the line keeps a lower-case word ("met", "in"), as Title Case headlines hardly do."""
    return any(word[0].islower() for word in _WORD.findall(line))


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint ranges covering the same characters."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def table_name_cells(line: str, offset: int = 0) -> list[tuple[int, int, bool]]:
    """Name cells of a line made only of capitalised names, numbers and punctuation.

    "Ajax Amsterdam 3 Feyenoord 1" gives two cells, flagged as a score line (name, number, name,
    number), as is a standings row (a name and five or more numbers) whose names are teams.
    """
    cells: list[tuple[int, int]] = []
    pattern: list[str] = []
    current: list[int] | None = None
    for match in re.finditer(r"\S+", line):
        word = match.group()
        if _TABLE_NAME_WORD.match(word) or (current is not None and word.lower() in lexicon.NAME_PARTICLES):
            if current is None:
                current = [match.start(), match.end()]
                pattern.append("N")
            else:
                current[1] = match.end()
            continue
        if current is not None:
            cells.append((current[0], current[1]))
            current = None
        if _TABLE_NUMBER.match(word):
            pattern.append("9")
        elif any(ch.isalnum() for ch in word):
            return []
    if current is not None:
        cells.append((current[0], current[1]))
    shape = "".join(pattern)
    if not cells or "9" not in shape:
        return []
    names = {line[start:end] for start, end in cells}
    scores = (shape == "N9N9" and len(names) == 2) or (shape.startswith("N99999") and shape.count("N") == 1)
    return [(offset + start, offset + end, scores) for start, end in cells]


def in_ranges(ranges: list[tuple[int, int]], char: int) -> bool:
    """Whether a character offset lies in one of the sorted, disjoint ranges."""
    position = bisect.bisect_right(ranges, (char, math.inf)) - 1
    return position >= 0 and ranges[position][0] <= char < ranges[position][1]
