"""The ``newsx`` command: extract, summarize, health and serve.

Exit codes: 0 success, 2 usage error, 1 a failed call (status name and message on stderr).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import time
from collections.abc import Iterator
from typing import IO

from newsx.client import articles, jsonl, render_html, tables
from newsx.client.articles import ENCODINGS, METHODS, UsageError
from newsx.client.client import DEFAULT_SERVER, DEFAULT_TIMEOUT, NewsxClient, NewsxError, tls_credentials, to_json
from newsx.v1 import extraction_pb2 as pb

SUMMARY_FIELDS = (
    "max_sentences",
    "max_characters",
    "ratio",
    "method",
    "include_extraction",
    "offset_encoding",
    "min_confidence",
)


def cmd_extract(args: argparse.Namespace) -> int:
    return _run(args, "extract")


def cmd_summarize(args: argparse.Namespace) -> int:
    return _run(args, "summarize")


def _run(args: argparse.Namespace, kind: str) -> int:
    """One file: one call, printed as JSON, tables or a page. Several files or ``--jsonl``: one
    stream, a record (or table) per article in order, failures reported in place."""
    output_format = _check_options(args, kind)
    if args.resume:
        resume = jsonl.Resume(args.resume)
        with _client(args) as client, _output(args.resume, append=True) as out:
            code = jsonl.write_records(
                client,
                kind,
                resume.remaining(articles.jsonl_items(kind, args)),
                out,
                total=_remaining_total(articles.count_lines(args.jsonl), resume),
                timeout=args.stream_timeout,
            )
        print(f"{resume.skipped} articles already answered in {args.resume}", file=sys.stderr)
        return code
    with _client(args) as client, _output(args.output) as out:
        if args.jsonl:
            items = articles.jsonl_items(kind, args)
            total = articles.count_lines(args.jsonl)
            return jsonl.write_records(client, kind, items, out, total=total, timeout=args.stream_timeout)
        if len(args.paths) > 1 and output_format == "json":
            items = articles.file_items(kind, args)
            return jsonl.write_records(client, kind, items, out, total=len(args.paths), timeout=args.stream_timeout)
        if len(args.paths) > 1:
            return _tables(client, kind, args, out)
        path = args.paths[0]
        request = articles.make_request(kind, articles.read_article(path, args), args)
        try:
            response = _call(client, kind, request, args.timeout)
        except NewsxError as error:
            print(f"{path}: {error.code.name}: {error.message}", file=sys.stderr)
            return 1
        _print(response, request, path, output_format, out)
    return 0


def _remaining_total(total: int | None, resume: jsonl.Resume) -> int | None:
    return None if total is None else max(total - len(resume.ids) - len(resume.indices), 0)


def _call(client: NewsxClient, kind: str, request, timeout: float):
    if kind == "extract":
        return client.extract(
            request.article,
            offset_encoding=request.offset_encoding,
            min_confidence=request.min_confidence,
            timeout=timeout,
        )
    options = {name: getattr(request, name) for name in SUMMARY_FIELDS}
    return client.summarize(request.article, timeout=timeout, **options)


def _print(response, request, path: str, output_format: str, out: IO[str]) -> None:
    if output_format == "json":
        print(to_json(response), file=out)
        return
    if output_format == "table":
        printer = tables.print_extraction if isinstance(response, pb.ExtractResponse) else tables.print_summary
        printer(response, path, out)
        return
    summary = response if isinstance(response, pb.SummarizeResponse) else None
    extraction = summary.extraction if summary else response
    text = response.text or request.article.text
    title = request.article.title or path
    out.write(render_html.page(extraction, text, title=title, summary=summary))


def _tables(client: NewsxClient, kind: str, args: argparse.Namespace, out: IO[str]) -> int:
    """Several files on a terminal: their tables as they are answered, failures on stderr."""
    failed = 0
    for outcome in jsonl.outcomes(client, kind, articles.file_items(kind, args), args.stream_timeout):
        if outcome.error is not None:
            failed += 1
            print(f"{outcome.item.path}: {outcome.error['code']}: {outcome.error.get('message', '')}", file=sys.stderr)
            continue
        _print(outcome.response, outcome.item.request, outcome.item.path, "table", out)
    if failed:
        print(f"{failed} of {len(args.paths)} articles failed", file=sys.stderr)
    return 1 if failed else 0


def _check_options(args: argparse.Namespace, kind: str) -> str:
    """Refuse the options this call would ignore; the output format it will use."""
    if bool(args.jsonl) == bool(args.paths):
        raise UsageError("give either article files (or - for stdin) or --jsonl FILE")
    output_format = args.format or ("jsonl" if args.jsonl else "table" if sys.stdout.isatty() else "json")
    batch = bool(args.jsonl) or len(args.paths) > 1
    for value, flag in ((args.published_at, "--published-at"), (args.title, "--title"), (args.language, "--language")):
        if value:
            try:
                articles.check_unicode(value, flag)
            except ValueError as error:
                raise UsageError(str(error)) from None
    articles.check_language(args.language or "")
    refusals = [
        (args.jsonl and output_format != "jsonl", "--jsonl writes JSONL: --format does not apply"),
        (
            args.jsonl and (args.title or args.no_headline),
            "--title and --no-headline apply to article files, not --jsonl",
        ),
        (len(args.paths) > 1 and args.title, "--title applies to one article file"),
        (output_format == "html" and batch, "--format html writes the page of one article file"),
        (
            output_format in ("table", "html") and args.offset_encoding not in (None, "code-point"),
            "--offset-encoding applies to JSON output (tables and pages show no offsets)",
        ),
        (args.resume and not args.jsonl, "--resume goes with --jsonl"),
        (args.resume and args.output and args.output != args.resume, "--resume OUT appends to OUT: drop --output"),
        (args.stream_timeout is not None and not batch, "--stream-timeout applies to --jsonl and several files"),
    ]
    for refused, reason in refusals:
        if refused:
            raise UsageError(reason)
    return output_format


@contextlib.contextmanager
def _output(path: str | None, append: bool = False) -> Iterator[IO[str]]:
    """stdout, or the file ``--output`` (or ``--resume``) names: results never share the
    terminal's stream with the progress bar."""
    if not path or path == "-":
        yield sys.stdout
        return
    try:
        handle = open(path, "a" if append else "w", encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error}") from None
    with handle:
        yield handle


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
    try:
        return server.run(settings)  # never returns: the process exits once drained
    except server.StartupError as error:  # a setting that passed the checks but cannot be used
        raise UsageError(str(error)) from None


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
        sub.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help="article files (.txt or .html); - reads stdin; several files give one JSONL record each",
        )
        sub.add_argument("--title", help="the headline (default: the file's first line when it looks like one)")
        sub.add_argument("--no-headline", action="store_true", help="never take the first line as the headline")
        sub.add_argument("--published-at", help="ISO 8601 publication date, the anchor of relative dates")
        sub.add_argument(
            "--language",
            metavar="BCP47",
            help="the articles' language (such as en or en-GB; for --jsonl, of lines without one); "
            "skips the server's detection",
        )
        sub.add_argument(
            "--format",
            choices=("table", "json", "html"),
            help="output format of one file (default: table on a terminal, else JSON; several files and --jsonl "
            "give JSONL); html: a self-contained page",
        )
        sub.add_argument(
            "--output", metavar="FILE", help="write the results here instead of stdout (the progress bar is on stderr)"
        )
        sub.add_argument("--min-confidence", type=float, default=0.0, help="drop entities and events below this (0-1)")
        sub.add_argument(
            "--offset-encoding",
            choices=tuple(ENCODINGS),
            help="unit of the offsets in JSON output (default code-point)",
        )
        sub.add_argument(
            "--jsonl",
            metavar="FILE",
            help="one JSON article per line (id, title, text or html, published_at, language, url); - is stdin; "
            "one JSON result or error record per line out, in order",
        )
        sub.add_argument(
            "--resume",
            metavar="OUT",
            help="with --jsonl: skip the articles already answered in OUT (an earlier run's output), append the rest",
        )
        sub.add_argument(
            "--stream-timeout",
            type=float,
            default=None,
            help="seconds allowed for each stream of a batch (--jsonl, several files; default: no limit)",
        )

    extract = commands.add_parser("extract", help="entities, events, figures and times of articles")
    with_connection(extract)
    with_article(extract)
    extract.set_defaults(run=cmd_extract, parser=extract)

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
        "--include-extraction",
        action="store_true",
        help="also return the full extraction (JSON, and tables after the summary)",
    )
    summarize.set_defaults(run=cmd_summarize, parser=summarize)

    health = commands.add_parser("health", help="exit 0 when the server is SERVING")
    with_connection(health)
    health.add_argument("--wait", type=float, default=0.0, help="keep asking for up to this many seconds")
    health.set_defaults(run=cmd_health, parser=health)

    serve = commands.add_parser("serve", help="run the server (same as python -m newsx.service)")
    from newsx.service import config

    config.add_arguments(serve)
    serve.set_defaults(run=cmd_serve, parser=serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except UsageError as error:
        command: argparse.ArgumentParser = args.parser  # "newsx extract: error: ..." with its usage
        command.error(str(error))
    except NewsxError as error:
        print(f"{error.code.name}: {error.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader of stdout left (| head): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 128 + signal.SIGPIPE


if __name__ == "__main__":
    sys.exit(main())
