"""The ports the application needs from the outside world, as Protocols it owns."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from musicbot.domain.ids import ChannelId, GuildId
from musicbot.domain.playlist import GuildPlaylists
from musicbot.domain.song import Song
from musicbot.domain.track import Track


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware (UTC)."""
        ...


class TrackResolver(Protocol):
    """Turns what a user typed into a playable track.

    Raises `TrackUnavailable` (or its `NoResults`) with a reason a user understands; never a library error.
    """

    async def resolve(self, query: str) -> Track:
        """A URL or search words -> a track with a fresh stream URL."""
        ...

    async def refresh(self, track: Track) -> Track:
        """The same track with a fresh stream URL (the old one expired or broke)."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaybackRequest:
    """What an audio output needs to play one track."""

    stream_url: str
    http_headers: tuple[tuple[str, str], ...] = ()
    start_at: float = 0.0
    volume: float = 1.0
    title: str = ""


# Called once per `play`, on the event loop, when that playback ends: None when the stream ran out, else a reason.
PlaybackEnded = Callable[[str | None], Awaitable[None]]


class VoiceGateway(Protocol):
    """Where audio goes: a Discord voice connection, a local file, the speakers.

    `play` replaces whatever plays; `on_end` is not called for a playback that `stop` or a new `play` ended.
    """

    async def connect(self, guild_id: GuildId, channel_id: ChannelId) -> None: ...

    async def disconnect(self, guild_id: GuildId) -> None: ...

    def is_connected(self, guild_id: GuildId) -> bool: ...

    async def play(self, guild_id: GuildId, request: PlaybackRequest, on_end: PlaybackEnded) -> None: ...

    async def stop(self, guild_id: GuildId) -> None: ...

    async def pause(self, guild_id: GuildId) -> None: ...

    async def resume(self, guild_id: GuildId) -> None: ...

    async def set_volume(self, guild_id: GuildId, volume: float) -> None: ...


class PlaybackEvents(Protocol):
    """How the player tells users what happened without being asked (now playing, a failure, the end)."""

    async def song_started(self, guild_id: GuildId, song: Song) -> None: ...

    async def song_failed(self, guild_id: GuildId, song: Song, reason: str) -> None: ...

    async def queue_finished(self, guild_id: GuildId) -> None: ...


class PlaylistRepository(Protocol):
    """Saved playlists, loaded and stored a guild at a time (the guild is the aggregate)."""

    async def get(self, guild_id: GuildId) -> GuildPlaylists: ...

    async def save(self, playlists: GuildPlaylists) -> None: ...


class UnitOfWork(Protocol):
    """All-or-nothing: leaving the block without `commit` rolls back."""

    playlists: PlaylistRepository

    async def __aenter__(self) -> UnitOfWork: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...
