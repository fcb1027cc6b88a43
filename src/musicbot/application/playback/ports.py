"""The audio output a player drives (`VoiceGateway`), and what it is asked to play."""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from musicbot.domain.audio_filter import NO_FILTER, AudioFilter
from musicbot.domain.ids import ChannelId, GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaybackRequest:
    """What an audio output needs to play one track."""

    stream_url: str
    http_headers: tuple[tuple[str, str], ...] = ()
    start_at: float = 0.0
    volume: float = 1.0
    title: str = ""
    duration: float | None = None  # of the whole track; None for live streams
    audio_filter: AudioFilter = NO_FILTER  # heard through it; `start_at` and `duration` stay in song time


class PlaybackEnded(Protocol):
    """Called once per `play`, on the event loop, when that playback ends: `reason` None when the stream ran
    out, else why it broke. `position`: seconds into the song of the audio actually sent (None: the output
    cannot tell); `stalled`: the source sent nothing at all in time, so trying it again is not worth the wait."""

    def __call__(
        self, reason: str | None, /, *, position: float | None = None, stalled: bool = False
    ) -> Awaitable[None]: ...


class VoiceGateway(Protocol):
    """Where audio goes: a Discord voice connection, a local file, the speakers.

    `play` replaces whatever plays; `on_end` is not called for a playback that `stop` or a new `play` ended.
    """

    async def connect(self, guild_id: GuildId, channel_id: ChannelId) -> None: ...

    async def disconnect(self, guild_id: GuildId) -> None: ...

    def is_connected(self, guild_id: GuildId) -> bool: ...

    async def play(self, guild_id: GuildId, request: PlaybackRequest, on_end: PlaybackEnded) -> None: ...

    async def stop(self, guild_id: GuildId) -> None: ...

    async def preload(self, guild_id: GuildId, request: PlaybackRequest) -> None:
        """`request` will most likely be played next: open its source ahead so the change has no gap."""
        ...

    async def pause(self, guild_id: GuildId) -> None: ...

    async def resume(self, guild_id: GuildId) -> None: ...

    async def set_volume(self, guild_id: GuildId, volume: float) -> None: ...

    async def set_filter(self, guild_id: GuildId, audio_filter: AudioFilter) -> None:
        """What plays goes on through `audio_filter`, from where it is, without a gap (later plays carry it)."""
        ...


@runtime_checkable
class TellsPosition(Protocol):
    """An output that knows how far into the song the audio it sent got (it stands still while paused, and
    while a dropped connection is down); the player's clock is only a fallback for outputs that cannot tell."""

    def elapsed(self, guild_id: GuildId) -> float | None: ...
