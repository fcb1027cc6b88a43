"""Getting a song ready to play: resolve it, or its stream again once it expired, retrying what may pass.

A song is prepared once at a time: a prefetch of the next song and the player needing it now share one
resolution. Resolutions go through the processing pool, so the song about to play jumps ahead of prefetches.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable

from musicbot.application.errors import TrackUnavailable
from musicbot.application.source_ports import TrackResolver
from musicbot.application.support.clock import Clock
from musicbot.application.support.processing.pool import Priority, ProcessingPool
from musicbot.application.support.resilience.errors import is_transient
from musicbot.domain.ids import GuildId, SongId, UserId
from musicbot.domain.song import Song, SongState
from musicbot.domain.track import SourceKind, Track

log = logging.getLogger(__name__)

NO_GUILD = GuildId(0)

# Seconds to wait before attempt n+1 (n >= 1) of a song that failed transiently.
Backoff = Callable[[int], float]


def request_track(query: str) -> Track:
    """What stands for a request until it is resolved: the query itself, as a SEARCH track."""
    return Track(title=query, page_url=query, source=SourceKind.SEARCH)


def no_backoff(_: int) -> float:
    return 0.0


class SongPreparer:
    def __init__(
        self,
        *,
        resolver: TrackResolver,
        clock: Clock,
        max_attempts: int,
        pool: ProcessingPool | None = None,
        backoff: Backoff = no_backoff,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._resolver = resolver
        self._clock = clock
        self._max_attempts = max_attempts
        self._pool = pool
        self._backoff = backoff
        self._sleep = sleep
        self._inflight: dict[SongId, asyncio.Future[None]] = {}

    def new_song(self, query: str, requester: UserId) -> Song:
        return self.song_for(request_track(query), requester)

    def song_for(self, track: Track, requester: UserId) -> Song:
        return Song(track=track, requester=requester, requested_at=self._clock.now(), max_attempts=self._max_attempts)

    def is_ready(self, song: Song) -> bool:
        return song.state is SongState.READY and song.track.is_playable_at(self._clock.now())

    async def prepare(self, song: Song, *, guild_id: GuildId = NO_GUILD, priority: Priority = Priority.NOW) -> None:
        """Leave `song` READY with a playable stream, or FAILED and raise `TrackUnavailable`."""
        if self.is_ready(song):
            return
        shared = self._inflight.get(song.id)
        if shared is None:
            shared = self._start(song, guild_id, priority)
        # Shielded: one waiter giving up (a skip) must not cancel the resolution others wait for.
        await asyncio.shield(shared)

    def cancel_guild(self, guild_id: GuildId) -> None:
        """Drop every queued or running resolution a guild asked for (it stopped or left)."""
        if self._pool is not None:
            self._pool.cancel_guild(guild_id)

    def _start(self, song: Song, guild_id: GuildId, priority: Priority) -> asyncio.Future[None]:
        work = self._attempts(song)
        if self._pool is None:
            shared: asyncio.Future[None] = asyncio.ensure_future(work)
        else:
            shared = self._pool.submit(guild_id, priority, lambda: work)
        self._inflight[song.id] = shared
        shared.add_done_callback(lambda _: self._finished(song, shared, work))
        return shared

    def _finished(self, song: Song, shared: asyncio.Future[None], work: Awaitable[None]) -> None:
        if self._inflight.get(song.id) is shared:
            del self._inflight[song.id]
        if shared.cancelled() and song.state is SongState.PROCESSING:
            # Cancelled mid-way: the song goes back to waiting, so the next prepare can start over.
            song.mark_failed("cancelled", self._clock.now())
            if song.can_retry:
                song.retry(self._clock.now())
        if inspect.iscoroutine(work) and inspect.getcoroutinestate(work) == inspect.CORO_CREATED:
            # A job cancelled before it started never ran its coroutine. One that started is its task's to end:
            # closing it under the task made the task's cancellation fail ("cannot reuse already awaited
            # coroutine").
            work.close()

    async def _attempts(self, song: Song) -> None:
        if self.is_ready(song):
            return
        if song.state is SongState.FAILED:
            if not song.can_retry:
                raise TrackUnavailable(song.failure_reason or "this song cannot be played")
            song.retry(self._clock.now())
        while True:
            song.start_processing(self._clock.now())
            try:
                track = await self._fetch(song.track)
            except TrackUnavailable as error:
                song.mark_failed(error.reason, self._clock.now())
                # An open circuit breaker (SourceUnavailable) said no on purpose: not worth an attempt now.
                if is_transient(error) and song.can_retry:
                    delay = self._backoff(song.attempts)
                    log.info("retrying %r in %.1f s after: %s", song.track.title, delay, error.reason)
                    await self._sleep(delay)
                    song.retry(self._clock.now())
                    continue
                raise
            song.mark_ready(track, self._clock.now())
            return

    async def _fetch(self, track: Track) -> Track:
        if track.source is SourceKind.SEARCH:
            return await self._resolver.resolve(track.page_url)
        return await self._resolver.refresh(track)
