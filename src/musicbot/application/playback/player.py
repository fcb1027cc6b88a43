"""A guild's player: the commands users give it, each run under its session's lock on the domain `Player`.

The rules (what may be paused, sought, queued) are the `Player`'s; the lock, the output, the tasks and the
publishing of events are the session's (`session.py`); what is sent to the output is `output.py`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from musicbot.application.playback.output import LOST_CONNECTION
from musicbot.application.playback.session import PlayerSession
from musicbot.domain.audio_filter import AudioFilter
from musicbot.domain.player import Player
from musicbot.domain.player_state import PlayerStatus, Volume
from musicbot.domain.song import Song, SongState
from musicbot.domain.tracklist import RepeatMode, Tracklist

__all__ = ["LOST_CONNECTION", "GuildPlayer"]

T = TypeVar("T")


class GuildPlayer(PlayerSession):
    """The commands of a guild's player: each runs under the session's lock, on the domain `Player`."""

    # --- commands --------------------------------------------------------------------------------------
    async def enqueue(self, song: Song, *, play_next: bool = False) -> int:
        """Queue a song; returns its position, or 0 when it started playing at once."""
        async with self._command(open_only=True):
            position = self.tracklist.add_next(song) if play_next else self.tracklist.add(song)
            return await self._after_adding(song, position)

    async def enqueue_many(self, songs: list[Song]) -> int:
        """Queue songs at the end, all or none; returns the first one's position, or 0 when it started at once."""
        if not songs:
            raise ValueError("nothing to queue")
        async with self._command(open_only=True):
            return await self._after_adding(songs[0], self.tracklist.add_many(songs))

    async def _after_adding(self, song: Song, position: int) -> int:
        self.model.changed()
        if self.current is not None:
            self._output.prefetch_next()
            return position
        self.tracklist.skip()
        await self._output.start_current()
        # Taken up at once: playing now, or failed at once (the failure event says why).
        return 0 if self.current is song or song.state is SongState.FAILED else position

    async def pause(self) -> Song:
        async with self._command(open_only=True):
            song = self.model.check_pause()
            await self._gateway.pause(self.guild_id)
            self.model.paused(self._clock.now())
            return song

    async def resume(self) -> Song:
        async with self._command(open_only=True):
            song = self.model.check_resume()
            await self._gateway.resume(self.guild_id)
            self.model.resumed(self._clock.now())
            return song

    async def skip(self) -> tuple[Song, Song | None]:
        async with self._command(open_only=True):
            skipped = self.model.require_current()
            self.tracklist.skip()
            await self._replay()
            return skipped, self.current

    async def skip_to(self, position: int) -> Song:
        async with self._command(open_only=True):
            self.tracklist.skip_to(position)
            await self._replay()
            return self._require_current()

    async def back(self) -> Song:
        """The song before plays again now (announced); the current one plays after it."""
        async with self._command(open_only=True):
            self.tracklist.back()
            await self._replay()
            return self._require_current()

    async def stop(self) -> int:
        """Stop playing and clear the queue; returns how many songs were dropped."""
        await self._background.cancel_all()
        async with self._command():
            dropped = len(self.tracklist)
            self.tracklist.stop()
            self.model.changed()
            await self._output.halt()
            self._preparer.cancel_guild(self.guild_id)
            return dropped

    async def seek(self, position: float) -> Song:
        async with self._command(open_only=True):
            song = self.model.check_seek(position)
            was_paused = self.state.status is PlayerStatus.PAUSED
            self.model.changed()
            await self._output.start_current(start_at=position, announce=False)
            if was_paused and self.current is song:
                await self._gateway.pause(self.guild_id)
                self.state.pause(self._clock.now())
            return song

    async def set_volume(self, percent: int) -> Volume:
        volume = Volume(percent)
        async with self._command():
            self.model.set_volume(volume)
            if self.current is not None:
                await self._gateway.set_volume(self.guild_id, volume.factor)
            return volume

    async def set_filter(self, audio_filter: AudioFilter) -> AudioFilter:
        """Heard from the current position on (the position then advances at the filter's tempo)."""
        async with self._command():
            self.model.set_filter(audio_filter, self._clock.now())
            if self.current is not None and self.state.status is not PlayerStatus.IDLE:
                await self._gateway.set_filter(self.guild_id, audio_filter)
            return audio_filter

    async def set_repeat(self, mode: RepeatMode) -> RepeatMode:
        return await self._edit(lambda: self.model.set_repeat(mode))

    async def shuffle(self) -> int:
        return await self._edit(lambda: self.model.shuffle(self._rng))

    async def edit_queue(self, edit: Callable[[Tracklist], int]) -> int:
        """A change of the upcoming songs (duplicates dropped, a fair order), made under the lock; its count."""
        async with self._command(open_only=True):
            count = edit(self.tracklist)
            self.model.changed()
            self._output.prefetch_next()
            return count

    async def remove(self, position: int) -> Song:
        return await self._edit(lambda: self.tracklist.remove(position))

    async def move(self, source: int, target: int) -> Song:
        return await self._edit(lambda: self.tracklist.move(source, target))

    async def clear(self) -> int:
        async with self._command():
            self.model.changed()
            return len(self.tracklist.clear())

    async def restore(self, saved: Player) -> Song | None:
        """Take up a queue saved before a restart (`Player.from_snapshot`): its current song plays from where it
        waits (paused when it was); a queue saved with nothing playing stays queued. Returns the song playing
        (None: none could)."""
        async with self._command(open_only=True):
            self.model.take_up(saved)
            if (song := self.current) is None:
                return None
            # Not announced as a new song: the driver says that the queue was taken up again.
            await self._output.start_current(start_at=saved.state.held or 0.0, announce=False)
            paused = saved.state.status is PlayerStatus.PAUSED
            if paused and self.current is song and self.state.status is PlayerStatus.PLAYING:
                await self._gateway.pause(self.guild_id)
                self.state.pause(self._clock.now())
            return self.current

    # --- internals ---------------------------------------------------------------------------------------
    async def _edit(self, edit: Callable[[], T]) -> T:
        """A change of settings or of the upcoming songs: the next song may be another now."""
        async with self._command():
            result = edit()
            self.model.changed()
            self._output.prefetch_next()
            return result

    async def _replay(self) -> None:
        self.model.changed()
        await self._output.restart()
