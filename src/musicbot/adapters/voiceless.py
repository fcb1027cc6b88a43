"""The audio output and playback events of a process without voice (a web or admin process, `musicbot db`).

Such a process is built from the same container as the drivers; its players exist in name only: joining a
voice channel is refused with one clear error, nothing ever plays, so there is never an event to tell."""

from __future__ import annotations

from musicbot.application.errors import PlaybackFailed
from musicbot.application.playback.events import BatchProgress
from musicbot.application.playback.ports import PlaybackEnded, PlaybackRequest
from musicbot.domain.audio_filter import AudioFilter
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.domain.song import Song

NO_VOICE = "this process has no voice output (only the bot and the console play)"


class VoicelessGateway:
    """`VoiceGateway` that joins nothing."""

    async def connect(self, guild_id: GuildId, channel_id: ChannelId) -> None:
        raise PlaybackFailed(NO_VOICE)

    async def disconnect(self, guild_id: GuildId) -> None:
        return None

    def is_connected(self, guild_id: GuildId) -> bool:
        return False

    async def play(self, guild_id: GuildId, request: PlaybackRequest, on_end: PlaybackEnded) -> None:
        raise PlaybackFailed(NO_VOICE)

    async def stop(self, guild_id: GuildId) -> None:
        return None

    async def preload(self, guild_id: GuildId, request: PlaybackRequest) -> None:
        return None

    async def pause(self, guild_id: GuildId) -> None:
        return None

    async def resume(self, guild_id: GuildId) -> None:
        return None

    async def set_volume(self, guild_id: GuildId, volume: float) -> None:
        return None

    async def set_filter(self, guild_id: GuildId, audio_filter: AudioFilter) -> None:
        return None


class SilentEvents:
    """`PlaybackNotifier` with no one to tell (nothing plays in a process without voice)."""

    async def song_started(self, guild_id: GuildId, song: Song) -> None:
        return None

    async def song_failed(self, guild_id: GuildId, song: Song, reason: str) -> None:
        return None

    async def queue_finished(self, guild_id: GuildId) -> None:
        return None

    async def batch_progress(self, guild_id: GuildId, progress: BatchProgress) -> None:
        return None
