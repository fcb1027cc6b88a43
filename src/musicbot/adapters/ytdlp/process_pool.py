"""yt-dlp in worker processes: its Python (extractor patterns, JSON, the page parsing) off the bot's GIL.

yt-dlp on the bot's own threads shares one GIL with the event loop and the voice sender: under a burst of /play
(a hundred resolutions) the acknowledgements and the 20 ms packets of the servers already playing waited behind
it (bench/play_burst.py). Here each worker process holds its own `YtDlpExtractor` (extraction.py),
one job at a time, built and warmed up (the first extraction's ~0.3 s of pattern compiling) when the process
starts, before any job reaches it. The workers are replaced after about `jobs_per_process` jobs each,
so whatever yt-dlp keeps (caches, cookie jars, fragments of memory) cannot grow for days: a new set of workers
is started and warmed up, takes the new jobs, and the old set ends once its jobs are done. (Not with
`max_tasks_per_child`: on Python 3.11 the pool hangs when jobs wait while a worker is replaced, CPython
gh-115634.) Workers are forked from the forkserver, which imported yt-dlp once. A job not yet handed to a
worker is dropped when its caller gives up (a timeout, a stop); one already running ends by yt-dlp's own socket
timeout. Each worker also watches the bot's process and ends with it: a bot killed outright (SIGKILL, the OOM
killer) never closes the pool's queues, and its workers, children of the fork server, waited on them forever.

Errors cross the process boundary as plain values (`TrackUnavailable` with its `transient` flag, `NoResults`
with its query, `InvalidQuery`), since exceptions with keyword arguments do not survive pickling.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import select
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol

from musicbot.adapters.audio.spawn import normal_priority
from musicbot.application.errors import InvalidQuery, NoResults, TrackUnavailable

JOBS_PER_PROCESS = 500


class Worker(Protocol):
    """What a worker process holds (a `YtDlpExtractor`, built by `extraction.build_extractor`)."""

    def warm_up_now(self) -> None: ...


# Builds a worker from the options: a module-level function, so the pool can send it to the worker processes.
BuildWorker = Callable[[Mapping[str, Any]], Worker]

_worker: Worker | None = None  # in a worker process: its own extractor


def _start_worker(build: BuildWorker, options: Mapping[str, Any], bot: int) -> None:
    global _worker
    normal_priority()  # forked from a fork server that may have inherited the loop's thread's nice value
    threading.Thread(target=_end_with, args=(bot,), name="ytdlp-worker-watch", daemon=True).start()
    _worker = build(options)
    _worker.warm_up_now()


def _end_with(bot: int) -> None:
    """In a worker, on a thread of its own: exit as soon as the bot's process `bot` is gone."""
    watched: int | None = None
    with contextlib.suppress(AttributeError, OSError):  # pidfd: Linux 5.3+; elsewhere a poll each second
        watched = os.pidfd_open(bot)
    if watched is not None:
        select.select([watched], [], [])  # readable once the process has ended
    else:
        while _alive(bot):
            time.sleep(1.0)
    os._exit(0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _job(method: str, args: tuple[Any, ...]) -> tuple[str, Any]:
    assert _worker is not None, "the pool's initializer builds the worker's extractor"
    try:
        return "ok", getattr(_worker, method)(*args)
    except NoResults as error:
        return "no_results", error.query
    except TrackUnavailable as error:
        return "unavailable", (error.reason, error.transient)
    except InvalidQuery as error:
        return "invalid", str(error)


def _unpack(outcome: tuple[str, Any]) -> Any:
    kind, value = outcome
    if kind == "ok":
        return value
    if kind == "no_results":
        raise NoResults(value)
    if kind == "unavailable":
        reason, transient = value
        raise TrackUnavailable(reason, transient=transient)
    raise InvalidQuery(value)


class YtDlpProcessPool:
    """`processes` warm workers; `call(method, *args)` runs a blocking method of the worker's extractor.

    Starting a set of workers blocks whoever starts it: the first start launches the fork server, which imports
    yt-dlp (~1 s, more on a busy machine) before it forks any worker, and each worker then warms up (~0.4 s of
    pattern compiling each, all at once on the machine's cores). On the event loop that held up everything;
    and the first jobs, queued behind the warm-ups, waited up to 7 s on 2 busy cores (a bot just restarted,
    resuming its saved queues, did not play within 10 s). So a set is started on a thread of its own
    (`start`), and `warm` says whether a set of workers is ready; until then the resolver uses its own threads.
    A replacement set takes jobs only once warm: until then the old set keeps them.
    """

    def __init__(
        self,
        build: BuildWorker,
        options: Mapping[str, Any],
        *,
        processes: int,
        jobs_per_process: int = JOBS_PER_PROCESS,
    ):
        self._build = build
        self._options = dict(options)
        self._processes = processes
        self._jobs_per_set = processes * jobs_per_process
        self._jobs = 0
        self.generation = 1  # sets of workers started so far
        self._executor = self._new_set()
        self._next: ProcessPoolExecutor | None = None  # a replacement set, warming up
        self._warm: set[ProcessPoolExecutor] = set()  # sets whose workers all started and one answered
        self._starting: list[threading.Thread] = []
        self._started = False
        self._first_warm = threading.Event()

    @property
    def warm(self) -> bool:
        """A set of workers is started and one of them is warm: jobs go to the workers."""
        return self._executor in self._warm

    def _new_set(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        # Imported once by the fork server (the builder's module imports yt-dlp): each worker (and each
        # replacement) starts with yt-dlp loaded.
        context.set_forkserver_preload([self._build.__module__])
        return ProcessPoolExecutor(
            max_workers=self._processes,
            mp_context=context,
            initializer=_start_worker,
            initargs=(self._build, self._options, os.getpid()),
        )

    def start(self) -> None:
        """Start the current set's workers on a thread of their own (each warms up as it starts); returns at once.
        Idempotent."""
        if not self._started:
            self._started = True
            self._start_set(self._executor)

    def _start_set(self, executor: ProcessPoolExecutor) -> None:
        thread = threading.Thread(target=self._launch, args=(executor,), name="ytdlp-workers-start", daemon=True)
        self._starting = [t for t in self._starting if t.is_alive()] + [thread]
        thread.start()

    def _launch(self, executor: ProcessPoolExecutor) -> None:
        """Blocking: each submit starts a worker through the fork server (which may still be importing yt-dlp)."""
        answered = threading.Event()
        submitted = []
        try:
            for _ in range(self._processes):
                submitted.append(executor.submit(_job, "warm_up_now", ()))
        except RuntimeError:  # closed meanwhile: the bot is stopping
            return
        for future in submitted:
            future.add_done_callback(lambda _: answered.set())
        answered.wait()
        self._warm.add(executor)
        self._first_warm.set()

    def wait_warm(self, timeout: float) -> bool:
        """Blocking: until the first set of workers is warm (True), or `timeout` seconds (False)."""
        return self._first_warm.wait(timeout)

    def _renew(self) -> None:
        """Start a replacement set (after `jobs_per_process` jobs a worker); the old one serves until it is warm."""
        self._next = self._new_set()
        self.generation += 1
        self._start_set(self._next)

    def _switch(self) -> None:
        if self._next is None or self._next not in self._warm:
            return
        old, self._executor, self._next = self._executor, self._next, None
        self._warm.discard(old)
        self._jobs = 0
        old.shutdown(wait=False)  # its jobs finish, then its workers exit

    async def call(self, method: str, *args: Any) -> Any:
        self._switch()
        self._jobs += 1
        if self._jobs > self._jobs_per_set and self._next is None:
            self._renew()
        future = self._executor.submit(_job, method, args)
        try:
            outcome = await asyncio.wrap_future(future)
        except asyncio.CancelledError:
            future.cancel()  # still queued: never runs
            raise
        return _unpack(outcome)

    def close(self) -> None:
        for executor in (self._executor, self._next):
            if executor is not None:
                executor.shutdown(wait=False, cancel_futures=True)
