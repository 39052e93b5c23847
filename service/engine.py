"""The analysis engine: a pool of pipeline processes fed with micro-batches.

Why processes behind one front, and not processes sharing a port (SO_REUSEPORT): a gRPC client
keeps one connection per channel, so with a shared port all calls of one client (and every
article of one StreamExtract) land on one process and one core. Here the gRPC front (threads,
no spaCy) spreads articles over ``workers`` processes, each of which loads the pipeline once,
gathers what it is sent for ``batch_window_ms`` into one ``nlp.pipe`` batch, and sends back plain
domain records. Each worker has its own pipe, so a worker that dies (killed, out of memory) breaks
nothing shared: the articles it held fail with ``WorkerLost`` (UNAVAILABLE, which clients retry)
and a new worker takes its place.

Articles wait in the front in a bounded queue (``max_queued_articles``; past it, ``Overloaded``).
An article whose caller has gone (cancelled, deadline passed) is dropped before it is sent to a
worker, and a worker drops one whose deadline passes before its batch starts.
"""

from __future__ import annotations

import collections
import itertools
import logging
import multiprocessing
import multiprocessing.connection
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, InvalidStateError
from dataclasses import dataclass

from newsx.service import errors
from newsx.service.config import Settings
from newsx.service.domain import ArticleInput
from newsx.service.worker import Analysis, article_chars, worker_main

log = logging.getLogger(__name__)

POLL_SECONDS = 0.25  # how often a wait looks whether its caller is still there (or the server drains)


@dataclass(slots=True)
class _Job:
    id: int
    article: ArticleInput
    summary_options: dict | None
    deadline: float  # time.monotonic(), the same clock in every process
    is_active: Callable[[], bool]
    future: Future


class _Worker:
    """The front's handle on one pipeline process."""

    def __init__(self, context, settings: Settings):
        self.connection, child_end = context.Pipe()
        self.process = context.Process(target=worker_main, args=(child_end, settings), name="newsx-worker", daemon=True)
        self.process.start()
        child_end.close()
        self.jobs: dict[int, _Job] = {}
        self.chars = 0  # characters of the articles it holds: its backlog
        self.ready = False


class Engine:
    """Front side of the pool: submit articles, get futures of ``Analysis`` records."""

    def __init__(self, settings: Settings):
        self._settings = settings
        self._context = multiprocessing.get_context("spawn")  # no fork: the front runs gRPC threads
        self._lock = threading.Condition()
        self._pending: collections.deque[_Job] = collections.deque()
        self._workers: list[_Worker] = []
        self._ids = itertools.count()
        self._closing = False
        self._seconds_per_article = 0.05  # running estimate for the retry delay told to callers
        self.model = ""  # name@version of the loaded pipeline, reported by the workers
        self.language = ""  # its language code, e.g. "en"
        self.restarts = 0  # workers replaced after dying
        self.on_batch: Callable[[int], None] = lambda size: None  # observer of batch sizes (metrics)
        self._receiver = threading.Thread(target=self._receive, name="newsx-engine", daemon=True)

    # -- life cycle ------------------------------------------------------------------------------

    def start(self, timeout: float = 120.0, stopped: Callable[[], bool] = lambda: False) -> bool:
        """Start the workers and wait until each has loaded and warmed its pipeline.

        Returns False, with the workers killed, as soon as ``stopped()`` is true (SIGTERM during
        start-up must not wait for every model to load); raises ``RuntimeError``, with the workers
        killed, when one cannot load its pipeline within ``timeout`` seconds.
        """
        for _ in range(max(1, self._settings.workers)):
            if stopped():
                return self._abort()
            self._workers.append(_Worker(self._context, self._settings))
        deadline = time.monotonic() + timeout
        try:
            ready = all(self._await_ready(worker, deadline, stopped) for worker in self._workers)
        except RuntimeError:
            self._abort()  # none is left behind: they ignore SIGTERM, and an exit would wait on them
            raise
        if not ready:
            return self._abort()
        self._receiver.start()
        return True

    def _abort(self) -> bool:
        for worker in self._workers:
            worker.process.kill()
            worker.process.join(timeout=1)
        self._workers = []
        return False

    def _await_ready(self, worker: _Worker, deadline: float, stopped: Callable[[], bool]) -> bool:
        while not worker.connection.poll(0.1):
            if stopped():
                return False
            if not worker.process.is_alive():
                raise RuntimeError(f"pipeline worker exited during start-up (code {worker.process.exitcode})")
            if time.monotonic() > deadline:
                raise RuntimeError("pipeline worker did not start in time")
        try:
            kind, self.model, self.language = worker.connection.recv()
        except (EOFError, OSError):
            raise RuntimeError(f"pipeline worker exited during start-up (code {worker.process.exitcode})") from None
        assert kind == "ready", kind
        worker.ready = True
        return True

    def fail_all(self, error: Exception) -> int:
        """Fail every queued and in-flight article with ``error`` (the drain's grace is over);
        returns how many there were."""
        with self._lock:
            jobs = list(self._pending) + [job for worker in self._workers for job in worker.jobs.values()]
            self._pending.clear()
        return sum(_settle(job.future, error) for job in jobs)

    def close(self, timeout: float = 10.0) -> None:
        """Ask the workers to finish and exit, killing those still busy after ``timeout`` seconds;
        called after the server has drained its calls. Anything still queued is answered
        ``ShuttingDown``, and later submissions are refused with it."""
        deadline = time.monotonic() + timeout
        with self._lock:
            self._closing = True
            workers = list(self._workers)
        self.fail_all(errors.ShuttingDown())
        for worker in workers:
            try:
                worker.connection.send(None)
            except OSError:
                pass
        for worker in workers:
            worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(timeout=1)

    def queue_depth(self) -> int:
        with self._lock:
            return len(self._pending)

    def worker_pids(self) -> list[int]:
        with self._lock:
            return [w.process.pid for w in self._workers]

    # -- submitting ------------------------------------------------------------------------------

    def submit(
        self,
        article: ArticleInput,
        *,
        summary_options: dict | None = None,
        is_active: Callable[[], bool] = lambda: True,
        timeout: float,
    ) -> Future:
        """Queue an article; the future gives its ``Analysis``. Raises ``Overloaded`` when full."""
        job = _Job(next(self._ids), article, summary_options, time.monotonic() + timeout, is_active, Future())
        with self._lock:
            if self._closing:
                raise errors.ShuttingDown()
            if len(self._pending) >= self._settings.max_queued_articles:
                retry_after = max(0.1, len(self._pending) * self._seconds_per_article / max(1, len(self._workers)))
                raise errors.Overloaded(
                    f"{len(self._pending)} articles are waiting; retry in {retry_after:.1f} s",
                    retry_after=retry_after,
                    metadata={"max_queued_articles": str(self._settings.max_queued_articles)},
                )
            self._pending.append(job)
            self._dispatch()
        return job.future

    def wait(self, future: Future, timeout: float, is_active: Callable[[], bool]) -> Analysis:
        """The result of a submitted article; past ``timeout``, or once the caller has gone
        (``is_active()`` false: looked at every ``POLL_SECONDS``), the wait ends and the article
        is dropped if not yet sent to a worker."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                return future.result(timeout=max(0.0, min(POLL_SECONDS, deadline - time.monotonic())))
            except TimeoutError:
                if not is_active():
                    future.cancel()
                    raise errors.Cancelled("the caller went away before the article was analysed") from None
                if time.monotonic() >= deadline:
                    future.cancel()
                    raise errors.TimedOut(f"the article was not analysed within {timeout:.1f} s") from None

    def analyse(self, article: ArticleInput, *, timeout: float, is_active: Callable[[], bool], **kwargs) -> Analysis:
        future = self.submit(article, timeout=timeout, is_active=is_active, **kwargs)
        return self.wait(future, timeout, is_active)

    # -- the front's bookkeeping (under the lock) ---------------------------------------------------

    def _dispatch(self) -> None:
        """Send pending articles to the ready worker with the smallest backlog, dropping abandoned ones.

        A worker holds about ``worker_backlog_batches`` batches (of ``batch_max_chars``): the one
        it parses and the next, already in its pipe when it finishes, so it does not idle while
        its results travel back and this front sends more. The rest wait here, where cancelled
        calls cost nothing, and work balances by size: no worker idles while another still has a
        queue of long articles.
        """
        limit = self._settings.batch_max_chars * self._settings.worker_backlog_batches
        while self._pending:
            ready = [w for w in self._workers if w.ready and w.chars < limit]
            if not ready:
                return
            job = self._pending.popleft()
            if not self._still_wanted(job):
                continue
            worker = min(ready, key=lambda w: w.chars)
            worker.jobs[job.id] = job
            worker.chars += article_chars(job.article)
            try:
                worker.connection.send((job.id, job.article, job.summary_options, job.deadline))
            except OSError:  # the worker just died; the receiver fails its jobs
                worker.ready = False

    def _still_wanted(self, job: _Job) -> bool:
        if not job.future.set_running_or_notify_cancel():
            return False
        if not job.is_active():
            _settle(job.future, errors.Cancelled("the call was cancelled before analysis"))
            return False
        if time.monotonic() >= job.deadline:
            _settle(job.future, errors.TimedOut("the deadline passed before analysis"))
            return False
        return True

    # -- the receiver thread --------------------------------------------------------------------

    def _receive(self) -> None:
        while True:
            with self._lock:
                if self._closing:
                    return
                by_handle = {}
                for worker in self._workers:  # a worker still loading is heard too: its "ready" comes here
                    by_handle[worker.process.sentinel] = worker
                    by_handle[worker.connection] = worker
            for handle in multiprocessing.connection.wait(list(by_handle), timeout=POLL_SECONDS):  # then: closing?
                worker = by_handle[handle]
                if handle is worker.connection:
                    self._take_results(worker)
                else:
                    self._replace(worker)

    def _take_results(self, worker: _Worker) -> None:
        try:
            message = worker.connection.recv()
        except (EOFError, OSError):
            return  # the sentinel reports the death
        if message[0] == "ready":
            with self._lock:
                worker.ready = True
                self._dispatch()
            return
        _, outcomes, seconds_per_article = message
        with self._lock:
            jobs = [(worker.jobs.pop(job_id, None), outcome) for job_id, outcome in outcomes]
            worker.chars -= sum(article_chars(job.article) for job, _ in jobs if job is not None)
            self._seconds_per_article = 0.8 * self._seconds_per_article + 0.2 * seconds_per_article
            self._dispatch()
        self.on_batch(len(outcomes))
        for job, outcome in jobs:
            if job is not None:
                _settle(job.future, outcome)

    def _replace(self, dead: _Worker) -> None:
        """A worker died: fail what it held (retryable) and start another in its place."""
        with self._lock:
            if self._closing:
                return
            dead.ready = False
            lost = list(dead.jobs.values())
            dead.jobs.clear()
        dead.process.join(timeout=5)  # reap it: no zombie is left behind
        log.error(
            "pipeline worker %d died (exit %s) holding %d articles; starting another",
            dead.process.pid,
            dead.process.exitcode,
            len(lost),
        )
        replacement = _Worker(self._context, self._settings)  # spawned outside the lock: calls go on meanwhile
        with self._lock:
            self._workers[self._workers.index(dead)] = replacement
            self.restarts += 1
        for job in lost:
            _settle(job.future, errors.WorkerLost("the worker analysing this article stopped; retry"))
        dead.connection.close()


def _settle(future: Future, outcome: object) -> bool:
    """Give a future its result or error; False when it already has one (failed by the drain
    while its worker was still busy, say): a late answer is dropped, never raised."""
    try:
        if isinstance(outcome, BaseException):
            future.set_exception(outcome)
        else:
            future.set_result(outcome)
    except InvalidStateError:
        return False
    return True
