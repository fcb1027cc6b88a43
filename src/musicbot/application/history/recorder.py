"""Listening history recorded off the hot path: a song that starts is noted in a background task.

`on_song_started` is a handler of the message bus: it hands the song to a write task (no waiting) and returns,
so the other handlers of the event (the driver's notifier, radio) do not wait for the database either. A failed
write is logged and dropped: history is worth less than playback, which never waits for the database nor breaks
because of it.
"""

from __future__ import annotations

import asyncio
import logging

from musicbot.application.history.record import RecordPlay, RecordPlayCommand
from musicbot.application.storage_errors import PersistenceError
from musicbot.domain.events import SongStarted
from musicbot.domain.ids import GuildId
from musicbot.domain.song import Song

log = logging.getLogger(__name__)


class PlayHistoryRecorder:
    def __init__(self, record: RecordPlay, *, enabled: bool = True) -> None:
        self._record = record
        self._tasks: set[asyncio.Task[None]] = set()
        self._enabled = enabled
        self._closed = False

    def __len__(self) -> int:
        """Writes under way."""
        return len(self._tasks)

    def enable(self) -> None:
        self._enabled = True

    def disable(self) -> None:
        """Storage is unusable: nothing is recorded."""
        self._enabled = False

    def on_song_started(self, event: SongStarted) -> None:
        self.song_started(event.guild_id, event.song)

    def song_started(self, guild_id: GuildId, song: Song) -> None:
        if not self._enabled or self._closed:
            return
        task = asyncio.get_running_loop().create_task(self._write(guild_id, song), name="record-play")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def close(self, *, max_wait: float = 5.0) -> None:
        """Let the writes under way finish (up to `max_wait` seconds, then they are cancelled); record no more."""
        self._closed = True
        if not self._tasks:
            return
        pending = list(self._tasks)
        _, late = await asyncio.wait(pending, timeout=max_wait)
        for task in late:
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)
        if late:
            log.warning("%d play(s) were not recorded before shutting down", len(late))

    async def _write(self, guild_id: GuildId, song: Song) -> None:
        try:
            await self._record.execute(RecordPlayCommand(guild_id=guild_id, song=song))
        except PersistenceError as error:
            log.warning("could not record a play in guild %s: %s", guild_id, error)
        except Exception:
            log.exception("recording a play in guild %s failed", guild_id)
