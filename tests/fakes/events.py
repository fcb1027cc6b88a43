"""Playback events kept in a list, so a test can read what users would have been told."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from musicbot.application.playback.events import BatchProgress
from musicbot.domain.ids import GuildId
from musicbot.domain.song import Song


class Event(NamedTuple):
    kind: str  # song_started, song_failed or queue_finished
    guild_id: GuildId
    title: str | None
    reason: str | None


class RecordingEvents:
    def __init__(self, *, error: Exception | None = None) -> None:
        self.events: list[Event] = []
        self.progress: list[BatchProgress] = []
        self.error = error  # raised after recording each event: a handler that breaks

    async def song_started(self, guild_id: GuildId, song: Song) -> None:
        self._record(Event("song_started", guild_id, song.track.title, None))

    async def song_failed(self, guild_id: GuildId, song: Song, reason: str) -> None:
        self._record(Event("song_failed", guild_id, song.track.title, reason))

    async def queue_finished(self, guild_id: GuildId) -> None:
        self._record(Event("queue_finished", guild_id, None, None))

    async def batch_progress(self, guild_id: GuildId, progress: BatchProgress) -> None:
        # Kept apart from `events`: reports come and go with batches, the other events with songs.
        self.progress.append(progress)

    def of_kind(self, kind: str) -> list[Event]:
        return [event for event in self.events if event.kind == kind]

    def started_titles(self) -> list[str | None]:
        return [event.title for event in self.of_kind("song_started")]

    def _record(self, event: Event) -> None:
        self.events.append(event)
        if self.error is not None:
            raise self.error


if TYPE_CHECKING:  # `mypy tests/fakes` fails here when the fake drifts from its port
    from musicbot.application.playback.events import PlaybackNotifier

    _events: PlaybackNotifier = RecordingEvents()
