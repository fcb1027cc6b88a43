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
timeout. Each worker also watches the bot's process and ends with it (process_worker.py: the worker side).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from musicbot.adapters.ytdlp.process_worker import BuildWorker, job, start_worker, unpack
from musicbot.application.source_ports import WarmUp

logger = logging.getLogger(__name__)

JOBS_PER_PROCESS = 500
WARM_WITHIN = 60.0  # seconds the first set of workers may take to warm before the bot takes traffic without them


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
        warm_within: float = WARM_WITHIN,
    ):
        """`warm_within`: how long `warm_up` says "not ready" while the first set starts; after it, or once
        every worker failed to start, the bot is ready on its own threads (degraded, with a warning)."""
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
        self._settled = threading.Event()  # the first set is warm, or every one of its workers failed
        self._warm_within = warm_within
        self._started_at: float | None = None  # monotonic, when the first set started
        self._failure: str | None = None  # why no worker of the first set could start

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
            initializer=start_worker,
            initargs=(self._build, self._options, os.getpid()),
        )

    def start(self) -> None:
        """Start the current set's workers on a thread of their own (each warms up as it starts); returns at once.
        Idempotent."""
        if not self._started:
            self._started = True
            self._started_at = time.monotonic()
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
                submitted.append(executor.submit(job, "warm_up_now", ()))
        except RuntimeError:  # closed meanwhile: the bot is stopping
            return
        failed: list[BaseException] = []

        def done(future: Future[tuple[str, Any]]) -> None:
            error = None if future.cancelled() else future.exception()
            if error is None:
                answered.set()  # one worker is warm: the set takes jobs
            elif len(failed) < len(submitted):
                failed.append(error)
                if len(failed) == len(submitted):  # every worker failed: a broken set never takes a job
                    answered.set()

        for future in submitted:
            future.add_done_callback(done)
        first = executor is self._executor and not self._first_warm.is_set()
        if first and not answered.wait(self._warm_within):
            logger.warning(
                "yt-dlp's worker processes are not warm after %g s: the bot takes requests now and resolves "
                "on its own threads (slower under load) until they are",
                self._warm_within,
            )
        answered.wait()
        if len(failed) == len(submitted):
            self._failure = f"{type(failed[0]).__name__}: {failed[0]}"
            logger.warning(
                "yt-dlp's worker processes could not start (%s): resolving on the bot's own threads", self._failure
            )
            self._settled.set()
            return
        self._warm.add(executor)
        self._first_warm.set()
        self._settled.set()

    def wait_warm(self, timeout: float) -> bool:
        """Blocking: until the first set of workers is warm (True), or failed or `timeout` seconds (False)."""
        self._settled.wait(timeout)
        return self._first_warm.is_set()

    def warm_up(self) -> WarmUp:
        """Readiness: not ready while the first set starts, within `warm_within` seconds; then ready, degraded."""
        if self._first_warm.is_set():
            return WarmUp(ready=True)
        threads = "resolving on the bot's own threads (slower under load)"
        if self._failure is not None:
            return WarmUp(ready=True, detail=f"yt-dlp's worker processes could not start ({self._failure}): {threads}")
        if self._started_at is None:
            return WarmUp(ready=False, detail="yt-dlp's worker processes are not started yet")
        waited = time.monotonic() - self._started_at
        if waited < self._warm_within:
            return WarmUp(
                ready=False,
                detail=f"yt-dlp's worker processes are warming up ({waited:.0f} s, at most {self._warm_within:g} s)",
            )
        return WarmUp(ready=True, detail=f"yt-dlp's worker processes not warm after {self._warm_within:g} s: {threads}")

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
        future = self._executor.submit(job, method, args)
        try:
            outcome = await asyncio.wrap_future(future)
        except asyncio.CancelledError:
            future.cancel()  # still queued: never runs
            raise
        return unpack(outcome)

    def close(self) -> None:
        for executor in (self._executor, self._next):
            if executor is not None:
                executor.shutdown(wait=False, cancel_futures=True)
