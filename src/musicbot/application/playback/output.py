"""What a guild player sends to its audio output: the current song (or the first after it that can play),
halts, and the next song resolved ahead. Used by `GuildPlayer` with its lock held.

Each `play` sent to the gateway carries a generation number; an end reported for an older generation (a song
that was skipped, seeked or stopped) is ignored by the player.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from musicbot.application.errors import NotConnected, PlaybackFailed, TrackUnavailable
from musicbot.application.playback.ports import PlaybackEnded, PlaybackRequest, VoiceGateway
from musicbot.application.playback.preparation import SongPreparer
from musicbot.application.support.clock import Clock
from musicbot.application.support.processing.pool import Priority
from musicbot.domain.player import Player, TrackEnd
from musicbot.domain.song import Song, SongState

log = logging.getLogger(__name__)

LOST_CONNECTION = "I lost the voice connection; the queue is kept: use join or play to go on"

Spawn = Callable[[Coroutine[Any, Any, None]], None]
EndHandler = Callable[[int, TrackEnd], Coroutine[Any, Any, None]]


class PlayerOutput:
    def __init__(
        self,
        player: Player,
        *,
        gateway: VoiceGateway,
        preparer: SongPreparer,
        clock: Clock,
        spawn: Spawn,
        on_end: EndHandler,
    ) -> None:
        self._player = player
        self._gateway = gateway
        self._preparer = preparer
        self._clock = clock
        self._spawn = spawn
        self._on_end = on_end
        self.generation = 0
        self.idle = asyncio.Event()  # nothing plays (set) or a song plays (clear)
        self.idle.set()
        self.closed = False

    async def restart(self) -> None:
        """After the current song changed by a command: play it, or stop if the queue ran out."""
        if self._player.current is None:
            await self.halt()
            self._player.ran_out()
        else:
            await self.start_current()

    async def halt(self) -> None:
        self.generation += 1
        await self._gateway.stop(self._player.guild_id)
        self._player.halted()
        self.idle.set()

    async def start_current(self, *, start_at: float = 0.0, announce: bool = True) -> None:
        """Play the current song (or the first one after it that can be played); `announce` a new song."""
        player = self._player
        while (song := player.current) is not None:
            try:
                await self._preparer.prepare(song, guild_id=player.guild_id, priority=Priority.NOW)
                await self._send(song, start_at)
            except NotConnected:
                # The voice connection is gone for good: nothing can play, but nothing is lost either.
                player.connection_lost(song, LOST_CONNECTION)
                await self.halt()
                return
            except (TrackUnavailable, PlaybackFailed) as error:
                log.info("song %r failed: %s", song.track.title, error)
                player.failed(song, str(error), self._clock.now())
                start_at, announce = 0.0, True
                continue
            player.started(song, self._clock.now(), start_at=start_at, announce=announce)
            self.idle.clear()
            self.prefetch_next()
            return
        await self.halt()
        player.ran_out()

    def prefetch_next(self) -> None:
        """Resolve the song after the current one now, so the change of track has nothing to wait for."""
        song = self._player.tracklist.peek_next()
        if song is None or song is self._player.current or self._preparer.is_ready(song):
            return
        if song.state is SongState.FAILED and not song.can_retry:
            return
        self._spawn(self._prefetch(song))

    async def _prefetch(self, song: Song) -> None:
        guild_id = self._player.guild_id
        try:
            await self._preparer.prepare(song, guild_id=guild_id, priority=Priority.NEXT)
        except TrackUnavailable as error:
            # Said when its turn comes (it may still succeed then): a prefetch never reports by itself.
            log.info("prefetch of %r failed: %s", song.track.title, error)
            return
        tracklist = self._player.tracklist
        if song is tracklist.peek_next() and song is not tracklist.current and not self.closed:
            # The output opens its source shortly before the current song ends: no gap at the change.
            await self._gateway.preload(guild_id, self.request_for(song, 0.0))

    async def _send(self, song: Song, start_at: float) -> None:
        self.generation += 1
        request = self.request_for(song, start_at)
        await self._gateway.play(self._player.guild_id, request, self._end_handler(self.generation))

    def request_for(self, song: Song, start_at: float) -> PlaybackRequest:
        assert song.track.stream_url is not None, "a READY song has a stream"
        return PlaybackRequest(
            stream_url=song.track.stream_url,
            http_headers=song.track.http_headers,
            start_at=start_at,
            volume=self._player.state.volume.factor,
            title=song.track.title,
            duration=song.track.duration,
            audio_filter=self._player.audio_filter,
        )

    def _end_handler(self, generation: int) -> PlaybackEnded:
        async def on_end(error: str | None, /, *, position: float | None = None, stalled: bool = False) -> None:
            # Never block the caller (the output's own task): handle the end in a task of ours.
            self._spawn(self._on_end(generation, TrackEnd(error, position, stalled)))

        return on_end
