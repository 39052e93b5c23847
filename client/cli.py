"""The ``newsx`` command: extract, summarize, health and serve.

Exit codes: 0 success, 2 usage error, 1 a failed call (status name and message on stderr).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from google.rpc import code_pb2

from newsx.client.client import DEFAULT_SERVER, DEFAULT_TIMEOUT, NewsxClient, NewsxError, tls_credentials, to_json
from newsx.v1 import extraction_pb2 as pb

ENCODINGS = {
    "code-point": pb.OFFSET_ENCODING_CODE_POINT,
    "utf-8": pb.OFFSET_ENCODING_UTF8,
    "utf-16": pb.OFFSET_ENCODING_UTF16,
}
METHODS = {"auto": pb.SUMMARY_METHOD_AUTO, "lead": pb.SUMMARY_METHOD_LEAD, "centrality": pb.SUMMARY_METHOD_CENTRALITY}
HEADLINE_MAX_CHARS = 200


class UsageError(Exception):
    """Bad command-line input (exit code 2)."""


def read_article(path: str, args: argparse.Namespace) -> pb.Article:
    """An article from a file (``-`` is stdin); ``.html`` files are sent as HTML.

    A plain-text file whose first paragraph is one short line without closing punctuation is
    taken as headline + body, unless ``--title`` is given or ``--no-headline`` is set.
    """
    try:
        raw = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read {path}: {error}") from None
    article = pb.Article(id=Path(path).name if path != "-" else "", published_at=args.published_at or "")
    if path.lower().endswith((".html", ".htm")):
        article.html = raw
        article.title = args.title or ""
        return article
    title, body = args.title or "", raw
    if not title and not args.no_headline:
        first, sep, rest = raw.lstrip().partition("\n\n")
        if sep and "\n" not in first and len(first) <= HEADLINE_MAX_CHARS and first.rstrip()[-1:] not in ".!?:;\"'":
            title, body = first.strip(), rest
    article.title, article.text = title, body.strip()
    return article


def jsonl_requests(path: str, args: argparse.Namespace) -> list[pb.ExtractRequest | str]:
    """One ExtractRequest per line, or the reason a line cannot be sent (answered in place)."""
    handle = sys.stdin if path == "-" else open(path, encoding="utf-8")
    items: list[pb.ExtractRequest | str] = []
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")
                article = pb.Article(
                    id=str(record.get("id", "")),
                    title=record.get("title", "") or "",
                    text=record.get("text", "") or "",
                    html=record.get("html", "") or "",
                    published_at=record.get("published_at", "") or args.published_at or "",
                )
            except (ValueError, TypeError, AttributeError) as error:
                items.append(f"line {number}: {error}")
                continue
            items.append(
                pb.ExtractRequest(
                    article=article, offset_encoding=ENCODINGS[args.offset_encoding], min_confidence=args.min_confidence
                )
            )
    return items


def _progress(total: int):
    """A rich progress bar on stderr when it is a terminal, else nothing."""
    if not sys.stderr.isatty():
        return None
    from rich.progress import Progress

    progress = Progress(transient=True, console=_console(stderr=True))
    progress.start()
    return progress, progress.add_task("extracting", total=total)


def run_jsonl(client: NewsxClient, args: argparse.Namespace) -> int:
    items = jsonl_requests(args.jsonl, args)
    requests = [item for item in items if not isinstance(item, str)]
    answers: Iterator[pb.StreamExtractResponse] = client.stream_extract(iter(requests), timeout=args.stream_timeout)
    progress = _progress(len(items))
    failed = 0
    try:
        for index, item in enumerate(items):
            if isinstance(item, str):
                record = {"index": index, "error": {"code": "INVALID_ARGUMENT", "message": item}}
            else:
                answer = next(answers)
                if answer.HasField("error"):
                    record = {
                        "index": index,
                        "article_id": answer.article_id,
                        "error": json.loads(to_json(answer.error, indent=None)),
                    }
                    record["error"]["code"] = code_pb2.Code.Name(answer.error.code)
                else:
                    record = json.loads(to_json(answer.response, indent=None))
            failed += "error" in record
            print(json.dumps(record, ensure_ascii=False), flush=True)
            if progress:
                progress[0].advance(progress[1])
    finally:
        if progress:
            progress[0].stop()
    if failed:
        print(f"{failed} of {len(items)} articles failed", file=sys.stderr)
    return 1 if failed else 0


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def print_extraction(response: pb.ExtractResponse, title: str) -> None:
    """Readable tables: entities (with salience), events, figures and times."""
    from rich.table import Table

    console = _console()
    console.rule(title)
    entities = Table("name", "type", "mentions", "salience", "country", title="Entities", title_justify="left")
    for entity in response.entities:
        entities.add_row(
            entity.name,
            pb.Entity.Type.Name(entity.type).removeprefix("TYPE_"),
            str(len(entity.mentions)),
            f"{entity.salience:.2f}",
            entity.country_code,
        )
    events = Table("event", "status", title="Events", title_justify="left")
    for event in response.events:
        status = pb.Event.Status.Name(event.status).removeprefix("STATUS_")
        events.add_row(event.description or event.type, status + (" (negated)" if event.negated else ""))
    figures = Table("text", "kind", "value", "comparator", "unit", "subject", title="Figures", title_justify="left")
    for figure in response.figures:
        value = "" if not figure.HasField("value") else f"{figure.value:,.10g}"
        if figure.HasField("value_max"):
            value += f" to {figure.value_max:,.10g}"
        figures.add_row(
            figure.text,
            pb.Figure.Kind.Name(figure.kind).removeprefix("KIND_"),
            value,
            pb.Figure.Comparator.Name(figure.comparator).removeprefix("COMPARATOR_"),
            figure.currency or figure.unit,
            figure.subject,
        )
    times = Table("text", "type", "value", title="Times", title_justify="left")
    for time_expression in response.times:
        times.add_row(
            time_expression.text,
            pb.TimeExpression.Type.Name(time_expression.type).removeprefix("TYPE_"),
            time_expression.value,
        )
    for table in (entities, events, figures, times):
        console.print(table)


def print_summary(response: pb.SummarizeResponse, title: str) -> None:
    console = _console()
    console.rule(title)
    console.print(f"[bold]Brief:[/bold] {response.brief.headline}")
    for sentence in response.sentences:
        console.print(f"• {sentence.text}  [dim]({sentence.score:.2f})[/dim]")
    console.print("[bold]Key phrases:[/bold] " + ", ".join(k.text for k in response.key_phrases))


def _use_table(args: argparse.Namespace) -> bool:
    return args.format == "table" or (args.format is None and sys.stdout.isatty())


def cmd_extract(args: argparse.Namespace) -> int:
    if bool(args.jsonl) == bool(args.paths):
        raise UsageError("give either article files (or - for stdin) or --jsonl FILE")
    with _client(args) as client:
        if args.jsonl:
            return run_jsonl(client, args)
        for path in args.paths:
            response = client.extract(
                read_article(path, args),
                offset_encoding=ENCODINGS[args.offset_encoding],
                min_confidence=args.min_confidence,
                timeout=args.timeout,
            )
            print_extraction(response, path) if _use_table(args) else print(to_json(response))
    return 0


def cmd_summarize(args: argparse.Namespace) -> int:
    if not args.paths:
        raise UsageError("give article files (or - for stdin)")
    with _client(args) as client:
        for path in args.paths:
            response = client.summarize(
                read_article(path, args),
                timeout=args.timeout,
                max_sentences=args.max_sentences,
                max_characters=args.max_characters,
                ratio=args.ratio,
                method=METHODS[args.method],
                include_extraction=args.include_extraction,
            )
            print_summary(response, path) if _use_table(args) else print(to_json(response))
    return 0


def cmd_health(args: argparse.Namespace) -> int:
    """Exit 0 only when the server answers SERVING (within --wait seconds, if given)."""
    deadline = time.monotonic() + args.wait
    with _client(args) as client:
        while True:
            try:
                status = client.health(timeout=min(args.timeout, max(args.wait, 1.0)))
            except NewsxError as error:
                status = error.code.name
            if status == "SERVING" or time.monotonic() >= deadline:
                break
            time.sleep(0.25)
    print(status)
    return 0 if status == "SERVING" else 1


def cmd_serve(args: argparse.Namespace) -> int:
    from newsx.service import config, server

    try:
        settings = config.from_arguments(args)
    except ValueError as error:  # a setting that cannot work, from a flag or NEWSX_* variable
        raise UsageError(str(error)) from None
    return server.serve(settings)


def _client(args: argparse.Namespace) -> NewsxClient:
    tls = args.tls or args.tls_ca or args.tls_cert
    if bool(args.tls_cert) != bool(args.tls_key):
        raise UsageError("--tls-cert and --tls-key go together")
    try:
        credentials = tls_credentials(args.tls_ca, args.tls_cert, args.tls_key) if tls else None
    except OSError as error:
        raise UsageError(f"cannot read a TLS file: {error}") from None
    return NewsxClient(args.server, timeout=args.timeout, credentials=credentials, token=args.token)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsx", description="Turn news articles into structured data with a newsx server."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_connection(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--server",
            default=os.environ.get("NEWSX_SERVER", DEFAULT_SERVER),
            help="host:port, comma-separated IP:port list, or dns:///name:port "
            f"(default: $NEWSX_SERVER, else {DEFAULT_SERVER})",
        )
        sub.add_argument(
            "--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds allowed per call (default %(default)s)"
        )
        sub.add_argument("--tls", action="store_true", help="connect with TLS, trusting the system's root certificates")
        sub.add_argument("--tls-ca", default="", metavar="PEM", help="connect with TLS, trusting this CA certificate")
        sub.add_argument(
            "--tls-cert", default="", metavar="PEM", help="client certificate for mutual TLS (with --tls-key)"
        )
        sub.add_argument("--tls-key", default="", metavar="PEM", help="private key of the client certificate")
        sub.add_argument(
            "--token",
            default=os.environ.get("NEWSX_TOKEN", ""),
            help="bearer token for servers that require one (default: $NEWSX_TOKEN)",
        )

    def with_article(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("paths", nargs="*", metavar="PATH", help="article files (.txt or .html); - reads stdin")
        sub.add_argument("--title", help="the headline (default: the file's first line when it looks like one)")
        sub.add_argument("--no-headline", action="store_true", help="never take the first line as the headline")
        sub.add_argument("--published-at", help="ISO 8601 publication date, the anchor of relative dates")
        sub.add_argument(
            "--format", choices=("table", "json"), help="output format (default: table on a terminal, else JSON)"
        )
        sub.add_argument("--min-confidence", type=float, default=0.0, help="drop entities and events below this (0-1)")
        sub.add_argument(
            "--offset-encoding",
            choices=tuple(ENCODINGS),
            default="code-point",
            help="unit of the offsets in the output (default %(default)s)",
        )

    extract = commands.add_parser("extract", help="entities, events, figures and times of articles")
    with_connection(extract)
    with_article(extract)
    extract.add_argument(
        "--jsonl",
        metavar="FILE",
        help="one JSON article per line (id, title, text or html, published_at); - is stdin; "
        "one JSON result or error record per line out, in order",
    )
    extract.add_argument(
        "--stream-timeout", type=float, default=None, help="seconds allowed for the whole --jsonl stream"
    )
    extract.set_defaults(run=cmd_extract)

    summarize = commands.add_parser("summarize", help="extractive summary, key phrases and brief of articles")
    with_connection(summarize)
    with_article(summarize)
    summarize.add_argument(
        "--max-sentences", type=int, default=3, help="sentences in the summary (default %(default)s)"
    )
    summarize.add_argument(
        "--max-characters", type=int, default=0, help="longest summary in characters, whole sentences (0: no limit)"
    )
    summarize.add_argument(
        "--ratio",
        type=float,
        default=0.0,
        help="summary length as a fraction of the sentences (instead of --max-sentences)",
    )
    summarize.add_argument(
        "--method", choices=tuple(METHODS), default="auto", help="summarisation method (default %(default)s)"
    )
    summarize.add_argument(
        "--include-extraction", action="store_true", help="also return the full extraction (JSON output)"
    )
    summarize.set_defaults(run=cmd_summarize)

    health = commands.add_parser("health", help="exit 0 when the server is SERVING")
    with_connection(health)
    health.add_argument("--wait", type=float, default=0.0, help="keep asking for up to this many seconds")
    health.set_defaults(run=cmd_health)

    serve = commands.add_parser("serve", help="run the server (same as python -m newsx.service)")
    from newsx.service import config

    config.add_arguments(serve)
    serve.set_defaults(run=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except UsageError as error:
        parser.error(str(error))
    except NewsxError as error:
        print(f"{error.code.name}: {error.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
