"""yt-dlp in worker processes: its Python (extractor patterns, JSON, the page parsing) off the bot's GIL.

yt-dlp on the bot's own threads shares one GIL with the event loop and the voice sender: under a burst of /play
(a hundred resolutions) the acknowledgements and the 20 ms packets of the servers already playing waited behind
it (bench/play_burst.py). Here each worker process holds its own `YtDlpTrackResolver` (`processes=0` there),
one job at a time, built and warmed up (the first extraction's ~0.3 s of pattern compiling) when the process
starts, before any job reaches it. The workers are replaced after about `jobs_per_process` jobs each,
so whatever yt-dlp keeps (caches, cookie jars, fragments of memory) cannot grow for days: a new set of workers
is started and warmed up, takes the new jobs, and the old set ends once its jobs are done. (Not with
`max_tasks_per_child`: on Python 3.11 the pool hangs when jobs wait while a worker is replaced, CPython
gh-115634.) Workers are forked from the forkserver, which imported yt-dlp once. A job not yet handed to a
worker is dropped when its caller gives up (a timeout, a stop); one already running ends by yt-dlp's own socket
timeout.

Errors cross the process boundary as plain values (`TrackUnavailable` with its `transient` flag, `NoResults`
with its query, `InvalidQuery`), since exceptions with keyword arguments do not survive pickling.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol

from musicbot.application.errors import InvalidQuery, NoResults, TrackUnavailable

JOBS_PER_PROCESS = 500


class Worker(Protocol):
    """What a worker process holds (the resolver's `YtDlpTrackResolver`, built by the resolver's `build`)."""

    def warm_up_now(self) -> None: ...


# Builds a worker from the options: a module-level function, so the pool can send it to the worker processes.
BuildWorker = Callable[[Mapping[str, Any]], Worker]

_worker: Worker | None = None  # in a worker process: its own resolver


def _start_worker(build: BuildWorker, options: Mapping[str, Any]) -> None:
    global _worker
    _worker = build(options)
    _worker.warm_up_now()


def _job(method: str, args: tuple[Any, ...]) -> tuple[str, Any]:
    assert _worker is not None, "the pool's initializer builds the worker's resolver"
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
    """`processes` warm workers; `call(method, *args)` runs a blocking method of the worker's resolver."""

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
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        # Imported once by the fork server (the builder's module imports yt-dlp): each worker (and each
        # replacement) starts with yt-dlp loaded.
        context.set_forkserver_preload([self._build.__module__])
        return ProcessPoolExecutor(
            max_workers=self._processes,
            mp_context=context,
            initializer=_start_worker,
            initargs=(self._build, self._options),
        )

    def start_all(self) -> None:
        """Start every worker now (each warms up as it starts), without waiting for them."""
        for _ in range(self._processes):
            self._executor.submit(_job, "warm_up_now", ())

    def _renew(self) -> None:
        old, self._executor = self._executor, self._start()
        self._jobs = 0
        self.generation += 1
        self.start_all()  # every new worker started and warm before the jobs reach it
        old.shutdown(wait=False)  # its jobs finish, then its workers exit

    async def call(self, method: str, *args: Any) -> Any:
        self._jobs += 1
        if self._jobs > self._jobs_per_set:
            self._renew()
        future = self._executor.submit(_job, method, args)
        try:
            outcome = await asyncio.wrap_future(future)
        except asyncio.CancelledError:
            future.cancel()  # still queued: never runs
            raise
        return _unpack(outcome)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
