"""Articles from files and JSONL lines, and the requests the command line sends for them.

Everything a server would refuse for the CLI's own reasons (a line that is not JSON, a lone
surrogate, an id that is not a string) is caught here, so it is reported in place and by name.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsx.v1 import extraction_pb2 as pb

ENCODINGS = {
    "code-point": pb.OFFSET_ENCODING_CODE_POINT,
    "utf-8": pb.OFFSET_ENCODING_UTF8,
    "utf-16": pb.OFFSET_ENCODING_UTF16,
}
METHODS = {"auto": pb.SUMMARY_METHOD_AUTO, "lead": pb.SUMMARY_METHOD_LEAD, "centrality": pb.SUMMARY_METHOD_CENTRALITY}
HEADLINE_MAX_CHARS = 200
# A line ending in one of these (closing quotes and brackets aside) is a sentence, not a headline.
SENTENCE_END = ".!?:;…"
CLOSING = "\"'”’»)]"
JSONL_FIELDS = ("id", "title", "text", "html", "published_at", "language", "url")

# Well-formed BCP 47 (RFC 5646 section 2.1): language[-extlang][-script][-region][-variant]*
# [-extension]*[-privateuse], or a private-use tag alone. Registry membership is the server's.
_BCP47 = re.compile(
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?"
    r"|x(?:-[a-z\d]{1,8})+",
    re.IGNORECASE,
)


class UsageError(Exception):
    """Bad command-line input (exit code 2)."""


@dataclass(frozen=True)
class Item:
    """One article of a batch: its position, the request to send or why it cannot be sent, and
    the name it is reported by (the file's path, or the line's id)."""

    index: int
    request: pb.ExtractRequest | pb.SummarizeRequest | None
    problem: str = ""
    path: str = ""
    article_id: str = ""


def _surrogate_at(value: str) -> int | None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        return error.start
    return None


def check_unicode(value: str, field: str) -> None:
    """Refuse text the wire cannot carry, naming the field and the place, rather than let the
    protobuf library raise UnicodeEncodeError: a lone surrogate, which is what a JSON escape such
    as ``\\ud800`` decodes to, and how Python keeps a byte that is not UTF-8 (U+DC80-U+DCFF)."""
    at = _surrogate_at(value)
    if at is None:
        return
    code = ord(value[at])
    cause = f"an unpaired \\u{code:04x} escape"
    if 0xDC80 <= code <= 0xDCFF:
        cause = f"a byte 0x{code - 0xDC00:02X} that is not UTF-8, or {cause}"
    raise ValueError(f"{field} is not valid Unicode at character {at}: a lone surrogate U+{code:04X} ({cause})")


def check_language(tag: str) -> None:
    if tag and not _BCP47.fullmatch(tag):
        raise UsageError(f"--language {tag!r} is not a BCP 47 language tag (such as en, en-GB, pt-BR)")


def looks_like_headline(paragraph: str) -> bool:
    """One short line that does not end a sentence; ``“We are ready.”`` ends one."""
    line = paragraph.strip()
    if not line or "\n" in line or len(line) > HEADLINE_MAX_CHARS:
        return False
    return line.rstrip(CLOSING).rstrip()[-1:] not in SENTENCE_END


def read_article(path: str, args: argparse.Namespace) -> pb.Article:
    """An article from a file (``-`` is stdin); ``.html`` files are sent as HTML.

    A plain-text file whose first paragraph looks like a headline is taken as headline + body,
    unless ``--title`` is given or ``--no-headline`` is set.
    """
    try:
        raw = (sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()).decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:  # strict UTF-8: no lone surrogate gets through
        raise UsageError(f"cannot read {path}: {error}") from None
    article = pb.Article(
        id=Path(path).name if path != "-" else "", published_at=args.published_at or "", language=args.language or ""
    )
    if path.lower().endswith((".html", ".htm")):
        article.html = raw
        article.title = args.title or ""
        return article
    title, body = args.title or "", raw
    if not title and not args.no_headline:
        first, sep, rest = raw.lstrip().partition("\n\n")
        if sep and looks_like_headline(first):
            title, body = first.strip(), rest
    article.title, article.text = title, body.strip()
    return article


def article_from_record(record: object, args: argparse.Namespace) -> pb.Article:
    """The Article of one JSONL record; a null field is an absent one, never the text "None"."""
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    values: dict[str, str] = {"published_at": args.published_at or "", "language": args.language or ""}
    for field in JSONL_FIELDS:
        value = record.get(field)
        if value is None:
            continue
        if field == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ValueError(f"{field} must be a string, not {type(value).__name__}")
        check_unicode(value, field)
        values[field] = value
    return pb.Article(**values)


def make_request(kind: str, article: pb.Article, args: argparse.Namespace) -> pb.ExtractRequest | pb.SummarizeRequest:
    """The request for one article with every option of the command line."""
    common = {
        "article": article,
        "offset_encoding": ENCODINGS[args.offset_encoding or "code-point"],
        "min_confidence": args.min_confidence,
    }
    if kind == "extract":
        return pb.ExtractRequest(**common)
    return pb.SummarizeRequest(
        **common,
        max_sentences=args.max_sentences,
        max_characters=args.max_characters,
        ratio=args.ratio,
        method=METHODS[args.method],
        include_extraction=args.include_extraction or args.format == "html",
    )


def file_items(kind: str, args: argparse.Namespace) -> Iterator[Item]:
    """The files of the command line, read as the stream asks for them; one unreadable is an item too."""
    for index, path in enumerate(args.paths):
        try:
            article = read_article(path, args)
        except UsageError as error:
            yield Item(index, None, str(error), path=path, article_id=Path(path).name)
            continue
        yield Item(index, make_request(kind, article, args), path=path, article_id=article.id)


def jsonl_items(kind: str, args: argparse.Namespace) -> Iterator[Item]:
    """One item per non-blank line, read lazily (a batch can be larger than memory)."""
    # A byte that is not UTF-8 is kept as a surrogate, for check_unicode to report on its line.
    if args.jsonl == "-":
        handle = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="surrogateescape")
    else:
        handle = open(args.jsonl, encoding="utf-8", errors="surrogateescape")
    with handle:
        index = 0
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                article = article_from_record(json.loads(line), args)
            except ValueError as error:  # json.JSONDecodeError is one
                yield Item(index, None, f"line {number}: {error}", article_id=_loose_id(line))
            else:
                yield Item(index, make_request(kind, article, args), article_id=article.id)
            index += 1


def _loose_id(line: str) -> str:
    """The id of a line that could not be used, when it can still be read, to name its error."""
    try:
        value = json.loads(line).get("id")
    except (ValueError, AttributeError):
        return ""
    return value if isinstance(value, str) and _surrogate_at(value) is None else ""


def count_lines(path: str) -> int | None:
    """Non-blank lines of a JSONL file (the progress bar's total); None for stdin."""
    if path == "-":
        return None
    try:
        with open(path, "rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error}") from None
