"""An audio output that plays nothing: it records what it was asked, and a test decides when a track ends.

Like a real output it honours the port's promise: once `stop` or a new `play` replaced a playback, that
playback's `on_end` is never called.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from musicbot.application.errors import NotConnected, PlaybackFailed
from musicbot.application.playback.ports import PlaybackEnded, PlaybackRequest
from musicbot.domain.audio_filter import AudioFilter
from musicbot.domain.ids import ChannelId, GuildId


@dataclass(frozen=True, slots=True)
class Playback:
    request: PlaybackRequest
    on_end: PlaybackEnded


@dataclass(slots=True)
class GuildVoice:
    """What the output holds for one guild."""

    channel_id: ChannelId | None = None
    current: Playback | None = None
    paused: bool = False
    volumes: list[float] = field(default_factory=list)
    filters: list[AudioFilter] = field(default_factory=list)
    playbacks: list[Playback] = field(default_factory=list)  # every play, replaced ones included
    preloads: list[PlaybackRequest] = field(default_factory=list)


class FakeVoiceGateway:
    def __init__(self, *, latency_turns: int = 0) -> None:
        # Event-loop turns each call takes, standing in for the network round trip of a real output.
        self.latency_turns = latency_turns
        self.calls: list[tuple[GuildId, str]] = []
        self._guilds: dict[GuildId, GuildVoice] = {}
        self._play_failures: list[str] = []

    # --- scripting and inspection ----------------------------------------------------------------------
    def fail_next_plays(self, times: int = 1, *, reason: str = "ffmpeg could not open the stream") -> None:
        self._play_failures.extend([reason] * times)

    def voice(self, guild_id: GuildId) -> GuildVoice:
        return self._guilds.setdefault(guild_id, GuildVoice())

    def calls_for(self, guild_id: GuildId) -> list[str]:
        return [name for guild, name in self.calls if guild == guild_id]

    def current(self, guild_id: GuildId) -> PlaybackRequest | None:
        playback = self.voice(guild_id).current
        return playback.request if playback else None

    def requests(self, guild_id: GuildId) -> list[PlaybackRequest]:
        return [playback.request for playback in self.voice(guild_id).playbacks]

    def is_paused(self, guild_id: GuildId) -> bool:
        return self.voice(guild_id).paused

    async def finish(
        self, guild_id: GuildId, error: str | None = None, *, position: float | None = None, stalled: bool = False
    ) -> None:
        """End the current playback: the stream ran out (`error` None) or broke for `error`, after the audio sent
        reached `position` (None: as an output that cannot tell); `stalled`: it never sent anything."""
        voice = self.voice(guild_id)
        playback = voice.current
        if playback is None:
            raise LookupError(f"nothing is playing in guild {guild_id}")
        voice.current = None
        voice.paused = False
        await playback.on_end(error, position=position, stalled=stalled)

    def kicked(self, guild_id: GuildId) -> None:
        """Someone disconnected the bot: the connection is gone for good (a drop being repaired is not this)."""
        voice = self.voice(guild_id)
        voice.channel_id = None
        voice.current = None

    # --- the port --------------------------------------------------------------------------------------
    async def connect(self, guild_id: GuildId, channel_id: ChannelId) -> None:
        await self._call(guild_id, "connect")
        self.voice(guild_id).channel_id = channel_id

    async def disconnect(self, guild_id: GuildId) -> None:
        await self._call(guild_id, "disconnect")
        voice = self.voice(guild_id)
        voice.channel_id = None
        voice.current = None
        voice.paused = False

    def is_connected(self, guild_id: GuildId) -> bool:
        return self.voice(guild_id).channel_id is not None

    async def play(self, guild_id: GuildId, request: PlaybackRequest, on_end: PlaybackEnded) -> None:
        await self._call(guild_id, "play")
        voice = self.voice(guild_id)
        voice.current = None  # whatever played is replaced, even when the new stream fails to start
        voice.paused = False
        if voice.channel_id is None:
            raise NotConnected  # as the real outputs do
        if self._play_failures:
            raise PlaybackFailed(self._play_failures.pop(0))
        voice.current = Playback(request, on_end)
        voice.playbacks.append(voice.current)

    async def preload(self, guild_id: GuildId, request: PlaybackRequest) -> None:
        await self._call(guild_id, "preload")
        self.voice(guild_id).preloads.append(request)

    async def stop(self, guild_id: GuildId) -> None:
        await self._call(guild_id, "stop")
        voice = self.voice(guild_id)
        voice.current = None
        voice.paused = False

    async def pause(self, guild_id: GuildId) -> None:
        await self._call(guild_id, "pause")
        self.voice(guild_id).paused = True

    async def resume(self, guild_id: GuildId) -> None:
        await self._call(guild_id, "resume")
        self.voice(guild_id).paused = False

    async def set_volume(self, guild_id: GuildId, volume: float) -> None:
        await self._call(guild_id, "set_volume")
        self.voice(guild_id).volumes.append(volume)

    async def set_filter(self, guild_id: GuildId, audio_filter: AudioFilter) -> None:
        await self._call(guild_id, "set_filter")
        self.voice(guild_id).filters.append(audio_filter)

    async def _call(self, guild_id: GuildId, name: str) -> None:
        self.calls.append((guild_id, name))
        for _ in range(self.latency_turns):
            await asyncio.sleep(0)


if TYPE_CHECKING:  # `mypy tests/fakes` fails here when the fake drifts from its port
    from musicbot.application.playback.ports import VoiceGateway

    _gateway: VoiceGateway = FakeVoiceGateway()
