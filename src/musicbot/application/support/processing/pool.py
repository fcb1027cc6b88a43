"""A bounded pool of async workers with priorities, so the song about to play never waits behind a prefetch.

yt-dlp runs on a few threads; without priorities a `/play` in one guild would wait behind the prefetches of the
next songs of every other guild. Jobs are tagged with their guild so a guild that stops or leaves can cancel
everything it asked for.
"""

from __future__ import annotations

import asyncio
import enum
import itertools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from musicbot.application.errors import ApplicationError
from musicbot.domain.ids import GuildId

log = logging.getLogger(__name__)

T = TypeVar("T")


class Priority(enum.IntEnum):
    NOW = 0  # the song about to play, a user waiting on /play
    NEXT = 1  # the song after the current one


class PoolBusy(ApplicationError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"I'm busy with {limit} songs already; try again in a moment")
        self.limit = limit


@dataclass(order=True, slots=True)
class _Job:
    priority: int
    seq: int
    guild_id: GuildId = field(compare=False)
    work: Callable[[], Awaitable[Any]] = field(compare=False)
    future: asyncio.Future[Any] = field(compare=False)
    task: asyncio.Task[Any] | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class PoolStats:
    workers: int
    pending: int
    running: int
    completed: int
    cancelled: int


class ProcessingPool:
    def __init__(self, *, workers: int, max_pending: int) -> None:
        if workers < 1 or max_pending < 1:
            raise ValueError("a pool needs at least one worker and one pending slot")
        self._size = workers
        self._max_pending = max_pending
        self._queue: asyncio.PriorityQueue[_Job] = asyncio.PriorityQueue()
        self._seq = itertools.count()
        self._workers: list[asyncio.Task[None]] = []
        self._running: dict[int, _Job] = {}
        self._pending = 0
        self._completed = 0
        self._cancelled = 0
        self._closed = False

    def submit(self, guild_id: GuildId, priority: Priority, work: Callable[[], Awaitable[T]]) -> asyncio.Future[T]:
        """Queue `work`; the returned future has its result. Cancelling the future cancels the work."""
        if self._closed:
            raise PoolBusy(0)
        if self._pending >= self._max_pending:
            raise PoolBusy(self._max_pending)
        self._start_workers()
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        job = _Job(int(priority), next(self._seq), guild_id, work, future)
        future.add_done_callback(lambda f: self._on_future_done(job, f))
        self._pending += 1
        self._queue.put_nowait(job)
        return future

    async def run(self, guild_id: GuildId, priority: Priority, work: Callable[[], Awaitable[T]]) -> T:
        """Submit and wait; cancelling the caller cancels the work."""
        return await self.submit(guild_id, priority, work)

    def cancel_guild(self, guild_id: GuildId) -> int:
        """Cancel every pending and running job of a guild; returns how many."""
        jobs = [job for job in self._queued_jobs() if job.guild_id == guild_id]
        jobs += [job for job in self._running.values() if job.guild_id == guild_id]
        for job in jobs:
            job.future.cancel()
        return len(jobs)

    def stats(self) -> PoolStats:
        return PoolStats(
            workers=len(self._workers),
            pending=self._pending,
            running=len(self._running),
            completed=self._completed,
            cancelled=self._cancelled,
        )

    async def close(self) -> None:
        self._closed = True
        for job in [*self._queued_jobs(), *self._running.values()]:
            job.future.cancel()
        for worker in self._workers:
            worker.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
        self._workers.clear()

    # --- internals -------------------------------------------------------------------------------------
    def _start_workers(self) -> None:
        while len(self._workers) < self._size:
            self._workers.append(asyncio.get_running_loop().create_task(self._worker(), name="processing-worker"))

    async def _worker(self) -> None:
        while True:
            job = await self._queue.get()
            self._pending -= 1
            if job.future.done():  # cancelled while it waited
                continue
            self._running[job.seq] = job
            job.task = asyncio.get_running_loop().create_task(_call(job.work))
            try:
                result = await asyncio.shield(job.task)
            except asyncio.CancelledError:
                if not job.task.cancelled():  # this worker is being shut down, not the job
                    job.task.cancel()
                    raise
                job.future.cancel()
            except Exception as error:
                if not job.future.done():
                    job.future.set_exception(error)
            else:
                if not job.future.done():
                    job.future.set_result(result)
            finally:
                self._running.pop(job.seq, None)
                self._completed += 1

    def _on_future_done(self, job: _Job, future: asyncio.Future[Any]) -> None:
        if future.cancelled():
            self._cancelled += 1
            if job.task is not None and not job.task.done():
                job.task.cancel()

    def _queued_jobs(self) -> list[_Job]:
        return list(self._queue._queue)  # type: ignore[attr-defined]  # a heap of the pending jobs


async def _call(work: Callable[[], Awaitable[T]]) -> T:
    return await work()
