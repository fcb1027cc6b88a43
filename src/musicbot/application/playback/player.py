"""One guild's player: its queue, its state, and the audio output it drives.

Every change goes through one lock, so a command and the end of a track never interleave. Each `play` sent to
the gateway carries a generation number; an end reported for an older generation (a song that was skipped,
seeked or stopped) is ignored.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from musicbot.application.errors import (
    AlreadyPaused,
    InvalidSeek,
    NotConnected,
    NotPaused,
    PlaybackFailed,
    PlayerClosed,
    TrackUnavailable,
)
from musicbot.application.playback.preparation import SongPreparer
from musicbot.application.playback.settings import PlayerSettings
from musicbot.application.playback.tasks import OwnedTasks
from musicbot.application.ports import (
    Clock,
    PlaybackEnded,
    PlaybackEvents,
    PlaybackRequest,
    TellsPosition,
    VoiceGateway,
)
from musicbot.application.support.processing.pool import Priority
from musicbot.domain.audio_filter import NO_FILTER, AudioFilter
from musicbot.domain.errors import NothingPlaying
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.domain.player_state import PlayerState, PlayerStatus, Volume
from musicbot.domain.song import Song, SongState
from musicbot.domain.tracklist import RepeatMode, Tracklist

log = logging.getLogger(__name__)

LOST_CONNECTION = "I lost the voice connection; the queue is kept: use join or play to go on"

# Told after every change of the queue, the position, the state or the volume (a song starting or ending too),
# with the lock held: it must be quick and must not await (the queue saver only notes that the guild changed).
ChangeListener = Callable[["GuildPlayer"], None]


@dataclass(frozen=True, slots=True)
class _End:
    error: str | None
    position: float | None  # seconds into the song of the audio sent, when the output can tell
    stalled: bool  # the source sent nothing in time


class GuildPlayer:
    def __init__(
        self,
        *,
        guild_id: GuildId,
        channel_id: ChannelId,
        gateway: VoiceGateway,
        preparer: SongPreparer,
        clock: Clock,
        events: PlaybackEvents,
        settings: PlayerSettings,
        rng: random.Random | None = None,
        on_change: ChangeListener | None = None,
    ) -> None:
        self.guild_id = guild_id
        self.channel_id = channel_id
        self.tracklist = Tracklist(max_size=settings.max_queue_size, history_size=settings.history_size)
        self.state = PlayerState(Volume(settings.default_volume))
        self.audio_filter = NO_FILTER
        self._gateway = gateway
        self._preparer = preparer
        self._clock = clock
        self._events = events
        self._rng = rng or random.Random()  # noqa: S311 - shuffling songs is not cryptography
        self._lock = asyncio.Lock()
        self._generation = 0
        self._tasks = OwnedTasks(f"player of guild {guild_id}")
        self._background = OwnedTasks(f"batches of guild {guild_id}")
        self._idle = asyncio.Event()
        self._idle.set()
        self._closed = False
        self._on_change = on_change

    # --- views -----------------------------------------------------------------------------------------
    @property
    def current(self) -> Song | None:
        return self.tracklist.current

    @property
    def closed(self) -> bool:
        return self._closed

    def elapsed(self) -> float:
        """Seconds into the current song: as far as the audio sent got when the output can tell, else by the
        clock (which keeps running through a dropped connection, a slow start, a stalled source)."""
        if self.tracklist.current is not None and isinstance(self._gateway, TellsPosition):
            sent = self._gateway.elapsed(self.guild_id)
            if sent is not None:
                return sent
        return self.state.elapsed(self._clock.now())

    async def wait_idle(self) -> None:
        """Until nothing plays and nothing is queued (or the player closes)."""
        await self._idle.wait()

    # --- commands --------------------------------------------------------------------------------------
    async def enqueue(self, song: Song, *, play_next: bool = False) -> int:
        """Queue a song; returns its position, or 0 when it started playing at once."""
        async with self._lock:
            self._ensure_open()
            position = self.tracklist.add_next(song) if play_next else self.tracklist.add(song)
            try:
                return await self._after_adding(song, position)
            finally:
                self._changed()

    async def enqueue_many(self, songs: list[Song]) -> int:
        """Queue songs at the end, all or none; returns the first one's position, or 0 when it started at once."""
        if not songs:
            raise ValueError("nothing to queue")
        async with self._lock:
            self._ensure_open()
            position = self.tracklist.add_many(songs)
            try:
                return await self._after_adding(songs[0], position)
            finally:
                self._changed()

    async def _after_adding(self, song: Song, position: int) -> int:
        if self.tracklist.current is not None:
            self._prefetch_next()
            return position
        self.tracklist.skip()
        await self._start_current()
        # Taken up at once: playing now, or failed at once (the failure event says why).
        return 0 if self.tracklist.current is song or song.state is SongState.FAILED else position

    async def pause(self) -> Song:
        async with self._lock:
            song = self._require_current()
            if self.state.status is PlayerStatus.PAUSED:
                raise AlreadyPaused
            await self._gateway.pause(self.guild_id)
            self.state.pause(self._clock.now())
            self._changed()
            return song

    async def resume(self) -> Song:
        async with self._lock:
            song = self._require_current()
            if self.state.status is not PlayerStatus.PAUSED:
                raise NotPaused
            await self._gateway.resume(self.guild_id)
            self.state.resume(self._clock.now())
            self._changed()
            return song

    async def skip(self) -> tuple[Song, Song | None]:
        async with self._lock:
            skipped = self._require_current()
            self.tracklist.skip()
            try:
                await self._restart()
            finally:
                self._changed()
            return skipped, self.tracklist.current

    async def skip_to(self, position: int) -> Song:
        async with self._lock:
            self._ensure_open()
            self.tracklist.skip_to(position)
            try:
                await self._restart()
            finally:
                self._changed()
            return self._require_current()

    async def stop(self) -> int:
        """Stop playing and clear the queue; returns how many songs were dropped."""
        await self._background.cancel_all()
        async with self._lock:
            dropped = len(self.tracklist)
            self.tracklist.stop()
            try:
                await self._halt()
            finally:
                self._changed()
            self._preparer.cancel_guild(self.guild_id)
            return dropped

    async def seek(self, position: float) -> Song:
        async with self._lock:
            song = self._require_current()
            duration = song.track.duration
            if duration is None:
                raise InvalidSeek("a live stream cannot be sought")
            if not 0 <= position < duration:
                raise InvalidSeek(f"the song is {duration:.0f} s long; pick a position inside it")
            was_paused = self.state.status is PlayerStatus.PAUSED
            try:
                await self._start_current(start_at=position, announce=False)
                if was_paused and self.tracklist.current is song:
                    await self._gateway.pause(self.guild_id)
                    self.state.pause(self._clock.now())
            finally:
                self._changed()
            return song

    async def set_volume(self, percent: int) -> Volume:
        volume = Volume(percent)
        async with self._lock:
            self.state.volume = volume
            self._changed()
            if self.tracklist.current is not None:
                await self._gateway.set_volume(self.guild_id, volume.factor)
            return volume

    async def set_filter(self, audio_filter: AudioFilter) -> AudioFilter:
        """Heard from the current position on (the position then advances at the filter's tempo)."""
        async with self._lock:
            self.audio_filter = audio_filter
            self.state.set_rate(self._clock.now(), audio_filter.tempo)
            self._changed()
            if self.tracklist.current is not None and self.state.status is not PlayerStatus.IDLE:
                await self._gateway.set_filter(self.guild_id, audio_filter)
            return audio_filter

    async def set_repeat(self, mode: RepeatMode) -> RepeatMode:
        async with self._lock:
            self.tracklist.repeat = mode
            self._changed()
            self._prefetch_next()
            return mode

    async def shuffle(self) -> int:
        async with self._lock:
            self.tracklist.shuffle(self._rng)
            self._changed()
            self._prefetch_next()
            return len(self.tracklist.upcoming)

    async def back(self) -> Song:
        """The song before plays again now (announced); the current one plays after it."""
        async with self._lock:
            self._ensure_open()
            self.tracklist.back()
            try:
                await self._restart()
            finally:
                self._changed()
            return self._require_current()

    async def edit_queue(self, edit: Callable[[Tracklist], int]) -> int:
        """A change of the upcoming songs (duplicates dropped, a fair order), made under the lock; its count."""
        async with self._lock:
            self._ensure_open()
            count = edit(self.tracklist)
            self._changed()
            self._prefetch_next()
            return count

    async def remove(self, position: int) -> Song:
        async with self._lock:
            removed = self.tracklist.remove(position)
            self._changed()
            self._prefetch_next()
            return removed

    async def move(self, source: int, target: int) -> Song:
        async with self._lock:
            moved = self.tracklist.move(source, target)
            self._changed()
            self._prefetch_next()
            return moved

    async def clear(self) -> int:
        async with self._lock:
            cleared = len(self.tracklist.clear())
            self._changed()
            return cleared

    async def close(self) -> None:
        """Stop, disconnect and free everything this guild holds; idempotent."""
        # Our own tasks go first: the end of a track being handled holds the lock while the next song resolves.
        await self._cancel_work()
        async with self._lock:
            if self._closed:
                return
            self._closed = True
            self.tracklist.stop()
            self._changed()  # a closed player has no queue: a listener that saves it deletes it
            await self._halt()
            await self._gateway.disconnect(self.guild_id)
        await self._cancel_work()

    async def restore(
        self, tracklist: Tracklist, *, volume: Volume, start_at: float = 0.0, paused: bool = False
    ) -> Song | None:
        """Take up a queue saved before a restart: its current song plays from `start_at` (paused when it was);
        a queue saved with nothing playing stays queued. Returns the song playing (None: none could)."""
        async with self._lock:
            self._ensure_open()
            if len(self.tracklist):
                raise ValueError("a saved queue is restored into an empty player only")
            tracklist.fair = self.tracklist.fair  # the guild's setting, not the saved queue's
            self.tracklist = tracklist
            self.state.volume = volume
            try:
                if tracklist.current is None:
                    return None
                song = tracklist.current
                # Not announced as a new song: the driver says that the queue was taken up again.
                await self._start_current(start_at=start_at, announce=False)
                if paused and tracklist.current is song and self.state.status is PlayerStatus.PLAYING:
                    await self._gateway.pause(self.guild_id)
                    self.state.pause(self._clock.now())
                return tracklist.current
            finally:
                self._changed()

    def run_in_background(self, coroutine: Coroutine[Any, Any, None]) -> None:
        """Long work for this guild (a batch load): cancelled when the guild stops or leaves."""
        self._ensure_open()
        self._background.spawn(coroutine)

    @property
    def task_count(self) -> int:
        """Tasks this player still owns (ends of tracks, events, prefetches, batches): none outlive close()."""
        return len(self._tasks) + len(self._background)

    async def _cancel_work(self) -> None:
        self._preparer.cancel_guild(self.guild_id)
        await self._background.cancel_all()
        await self._tasks.cancel_all()

    # --- internals (lock held) -------------------------------------------------------------------------
    async def _restart(self) -> None:
        """After the current song changed by a command: play it, or stop if the queue ran out."""
        if self.tracklist.current is None:
            await self._halt()
            self._notify(self._events.queue_finished(self.guild_id))
        else:
            await self._start_current()

    async def _halt(self) -> None:
        self._generation += 1
        await self._gateway.stop(self.guild_id)
        self.state.stop()
        self._idle.set()

    async def _start_current(self, *, start_at: float = 0.0, announce: bool = True) -> None:
        """Play the current song (or the first one after it that can be played); `announce` a new song."""
        while (song := self.tracklist.current) is not None:
            try:
                await self._preparer.prepare(song, guild_id=self.guild_id, priority=Priority.NOW)
                await self._send(song, start_at)
            except NotConnected:
                # The voice connection is gone for good: nothing can play, but nothing is lost either.
                self.tracklist.requeue_current()
                await self._halt()
                self._notify(self._events.song_failed(self.guild_id, song, LOST_CONNECTION))
                return
            except (TrackUnavailable, PlaybackFailed) as error:
                await self._fail(song, str(error))
                self.tracklist.drop_current()
                start_at, announce = 0.0, True
                continue
            self.state.start(self._clock.now(), start_at)
            self._idle.clear()
            if announce:
                self._notify(self._events.song_started(self.guild_id, song))
            self._prefetch_next()
            return
        await self._halt()
        self._notify(self._events.queue_finished(self.guild_id))

    async def _send(self, song: Song, start_at: float) -> None:
        self._generation += 1
        await self._gateway.play(self.guild_id, self._request_for(song, start_at), self._end_handler(self._generation))

    def _request_for(self, song: Song, start_at: float) -> PlaybackRequest:
        assert song.track.stream_url is not None, "a READY song has a stream"
        return PlaybackRequest(
            stream_url=song.track.stream_url,
            http_headers=song.track.http_headers,
            start_at=start_at,
            volume=self.state.volume.factor,
            title=song.track.title,
            duration=song.track.duration,
            audio_filter=self.audio_filter,
        )

    def _end_handler(self, generation: int) -> PlaybackEnded:
        async def on_end(error: str | None, /, *, position: float | None = None, stalled: bool = False) -> None:
            # Never block the caller (the output's own task): handle the end in a task of ours.
            self._spawn(self._handle_end(generation, _End(error, position, stalled)))

        return on_end

    async def _handle_end(self, generation: int, end: _End) -> None:
        async with self._lock:
            song = self.tracklist.current
            if self._closed or generation != self._generation or song is None:
                return
            try:
                await self._on_track_end(song, end)
            finally:
                self._changed()

    async def _on_track_end(self, song: Song, end: _End) -> None:
        """The current track ended (or broke): go on to what plays next, or resume the broken one."""
        error = end.error
        if error is None:
            self.tracklist.advance()
            await self._start_current()
            return
        now = self._clock.now()
        # Where the audio sent got: a stream that broke before its first packet starts again where it started.
        position = self.state.elapsed(now) if end.position is None else end.position
        if song.state is SongState.READY:
            song.mark_failed(error, now)
        if song.can_retry and not end.stalled:  # a source that sent nothing would most likely do it again
            log.info("stream of %r broke at %.1f s (%s); resolving it again", song.track.title, position, error)
            await self._start_current(start_at=position, announce=False)
            return
        await self._fail(song, error)
        self.tracklist.drop_current()
        await self._start_current()

    async def _fail(self, song: Song, reason: str) -> None:
        if song.state is not SongState.FAILED:
            song.mark_failed(reason, self._clock.now())
        log.info("song %r failed: %s", song.track.title, reason)
        self._notify(self._events.song_failed(self.guild_id, song, reason))

    def _prefetch_next(self) -> None:
        """Resolve the song after the current one now, so the change of track has nothing to wait for."""
        song = self.tracklist.peek_next()
        if song is None or song is self.tracklist.current or self._preparer.is_ready(song):
            return
        if song.state is SongState.FAILED and not song.can_retry:
            return
        self._spawn(self._prefetch(song))

    async def _prefetch(self, song: Song) -> None:
        try:
            await self._preparer.prepare(song, guild_id=self.guild_id, priority=Priority.NEXT)
        except TrackUnavailable as error:
            # Said when its turn comes (it may still succeed then): a prefetch never reports by itself.
            log.info("prefetch of %r failed: %s", song.track.title, error)
            return
        if song is self.tracklist.peek_next() and song is not self.tracklist.current and not self._closed:
            # The output opens its source shortly before the current song ends: no gap at the change.
            await self._gateway.preload(self.guild_id, self._request_for(song, 0.0))

    def _changed(self) -> None:
        if self._on_change is None:
            return
        try:
            self._on_change(self)
        except Exception:  # saving is a side effect: it never breaks playback
            log.exception("the change listener of guild %s failed", self.guild_id)

    def _notify(self, event: Coroutine[Any, Any, None]) -> None:
        self._spawn(event)

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        self._tasks.spawn(coroutine)

    def _require_current(self) -> Song:
        self._ensure_open()
        if self.tracklist.current is None:
            raise NothingPlaying
        return self.tracklist.current

    def _ensure_open(self) -> None:
        if self._closed:
            raise PlayerClosed
