"""Playback events the application adds to the domain's, and the driver's notifier as bus handlers.

`QueueEnded` (the domain's) says nothing is left to play; whether anything continues it is the application's
call (radio may queue more): `QueueFinished` is the end users are told about (`RadioHandlers` sends it when
radio did not continue the queue).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from musicbot.application.support.messagebus import MessageBus
from musicbot.domain.events import SongFailed, SongStarted
from musicbot.domain.ids import GuildId
from musicbot.domain.song import Song


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchProgress:
    """Where loading a playlist stands; sent as it goes, so a front end can show (and edit) one report."""

    batch_id: int
    title: str
    total: int  # entries that will be queued
    queued: int
    skipped: int  # entries not queued (the queue is full, the source hid them)
    done: bool = False
    cancelled: bool = False
    note: str | None = None


@dataclass(frozen=True, slots=True)
class QueueFinished:
    """The queue ended and nothing continued it (radio off, or it found nothing)."""

    guild_id: GuildId


@dataclass(frozen=True, slots=True)
class BatchProgressed:
    """Where loading a playlist stands (sent as it goes)."""

    guild_id: GuildId
    progress: BatchProgress


class PlaybackNotifier(Protocol):
    """How a driver tells users what happened without being asked (now playing, a failure, the end, a load)."""

    async def song_started(self, guild_id: GuildId, song: Song) -> None: ...

    async def song_failed(self, guild_id: GuildId, song: Song, reason: str) -> None: ...

    async def queue_finished(self, guild_id: GuildId) -> None: ...

    async def batch_progress(self, guild_id: GuildId, progress: BatchProgress) -> None: ...


def subscribe_notifier(bus: MessageBus, notifier: PlaybackNotifier) -> None:
    """The driver's notifier hears of songs starting and failing, the end of the queue and playlist loads."""

    async def started(event: SongStarted) -> None:
        await notifier.song_started(event.guild_id, event.song)

    async def failed(event: SongFailed) -> None:
        await notifier.song_failed(event.guild_id, event.song, event.reason)

    async def finished(event: QueueFinished) -> None:
        await notifier.queue_finished(event.guild_id)

    async def progressed(event: BatchProgressed) -> None:
        await notifier.batch_progress(event.guild_id, event.progress)

    bus.subscribe(SongStarted, started)
    bus.subscribe(SongFailed, failed)
    bus.subscribe(QueueFinished, finished)
    bus.subscribe(BatchProgressed, progressed)
