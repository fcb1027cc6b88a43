"""`VoiceGateway` over discord.py: joins voice channels through the client, plays through the shared engine.

discord.py keeps each `VoiceClient` connected (and reconnects it after a drop by itself); this class only
joins, moves, leaves, and hands each connection to the `VoiceEngine`. `VoiceClient.play` and its
thread-per-guild `AudioPlayer` are never used: the engine's single sender calls `send_audio_packet`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import discord

from musicbot.adapters.discord_voice.engine import VoiceEngine
from musicbot.adapters.discord_voice.errors import VoiceConnectFailed
from musicbot.adapters.discord_voice.lane import LaneStats
from musicbot.application.ports import PlaybackEnded, PlaybackRequest
from musicbot.domain.audio_filter import AudioFilter
from musicbot.domain.ids import ChannelId, GuildId

log = logging.getLogger(__name__)

_DISCONNECT_TIMEOUT = 5.0
VocalChannel = discord.VoiceChannel | discord.StageChannel


class DiscordVoiceGateway:
    def __init__(
        self,
        client: discord.Client,
        *,
        ffmpeg_path: str | None = None,
        connect_timeout: float = 15.0,
        reconnect_timeout: float = 30.0,
        check_permissions: bool = True,
        threaded_sender: bool = True,
    ) -> None:
        self._client = client
        self._connect_timeout = connect_timeout
        self._check_permissions = check_permissions
        self.engine = VoiceEngine(
            ffmpeg_path=ffmpeg_path, reconnect_timeout=reconnect_timeout, threaded=threaded_sender
        )

    # --- connections -----------------------------------------------------------------------------------
    async def connect(self, guild_id: GuildId, channel_id: ChannelId) -> None:
        """Join `channel_id` self-deafened, or move there; raises `VoiceConnectFailed` with a reason."""
        channel = await self._voice_channel(guild_id, channel_id)
        voice = channel.guild.voice_client
        try:
            async with asyncio.timeout(self._connect_timeout):
                if isinstance(voice, discord.VoiceClient) and voice.is_connected():
                    await voice.move_to(channel, timeout=self._connect_timeout)
                else:
                    if voice is not None:  # a connection discord.py gave up on, or someone else's
                        await voice.disconnect(force=True)
                    voice = await channel.connect(
                        timeout=self._connect_timeout, reconnect=True, self_deaf=True, cls=discord.VoiceClient
                    )
        except TimeoutError as error:
            raise VoiceConnectFailed(f"I could not join {channel.name} in time; try again") from error
        except discord.DiscordException as error:
            raise VoiceConnectFailed(f"I could not join {channel.name}: {error}") from error
        if not voice.is_connected() or voice.channel.id != channel.id:
            raise VoiceConnectFailed(f"I could not join {channel.name}; try again")
        self.engine.attach(guild_id, voice)

    async def disconnect(self, guild_id: GuildId) -> None:
        ours = self.engine.connection(guild_id)
        await self.engine.detach(guild_id)
        guild = self._client.get_guild(guild_id)
        # discord.py's own record first: a connection we lost track of still leaves.
        voice = guild.voice_client if guild is not None and guild.voice_client is not None else ours
        if isinstance(voice, discord.VoiceProtocol):
            await _leave(voice)

    def is_connected(self, guild_id: GuildId) -> bool:
        """In the channel, or being reconnected by discord.py (what plays waits for it)."""
        voice = self.engine.connection(guild_id)
        if not isinstance(voice, discord.VoiceClient) or self.engine.is_lost(guild_id):
            return False
        return voice.is_connected() or voice.guild.voice_client is voice

    # --- playback --------------------------------------------------------------------------------------
    async def play(self, guild_id: GuildId, request: PlaybackRequest, on_end: PlaybackEnded) -> None:
        await self.engine.play(guild_id, request, on_end)

    async def stop(self, guild_id: GuildId) -> None:
        await self.engine.stop(guild_id)

    async def preload(self, guild_id: GuildId, request: PlaybackRequest) -> None:
        await self.engine.preload(guild_id, request)

    async def pause(self, guild_id: GuildId) -> None:
        await self.engine.pause(guild_id)

    async def resume(self, guild_id: GuildId) -> None:
        await self.engine.resume(guild_id)

    async def set_volume(self, guild_id: GuildId, volume: float) -> None:
        await self.engine.set_volume(guild_id, volume)

    async def set_filter(self, guild_id: GuildId, audio_filter: AudioFilter) -> None:
        await self.engine.set_filter(guild_id, audio_filter)

    # --- figures and shutdown --------------------------------------------------------------------------
    def elapsed(self, guild_id: GuildId) -> float | None:
        return self.engine.elapsed(guild_id)

    def stats(self, guild_id: GuildId) -> LaneStats | None:
        return self.engine.stats(guild_id)

    def ffmpeg_pid(self, guild_id: GuildId) -> int | None:
        return self.engine.ffmpeg_pid(guild_id)

    async def aclose(self) -> None:
        """Stop everything, reap every FFmpeg, leave every voice channel. Idempotent."""
        voices = [voice for voice in self._client.voice_clients if isinstance(voice, discord.VoiceProtocol)]
        await self.engine.aclose()
        await asyncio.gather(*(_leave(voice) for voice in voices))

    # --- internals -------------------------------------------------------------------------------------
    async def _voice_channel(
        self, guild_id: GuildId, channel_id: ChannelId
    ) -> discord.VoiceChannel | discord.StageChannel:
        channel = self._client.get_channel(channel_id)
        if channel is None:
            try:
                channel = await self._client.fetch_channel(channel_id)
            except discord.HTTPException as error:
                raise VoiceConnectFailed("I cannot see that voice channel") from error
        if not isinstance(channel, discord.VoiceChannel | discord.StageChannel) or channel.guild.id != guild_id:
            raise VoiceConnectFailed("that is not a voice channel of this server")
        me: discord.Member | None = channel.guild.me  # None when the bot's member is not cached yet
        if self._check_permissions and me is not None:
            permissions = channel.permissions_for(me)
            if not (permissions.connect and permissions.speak):
                # Discord would not even answer the join: say why now instead of timing out.
                raise VoiceConnectFailed(f"I am not allowed to join and speak in {channel.name}")
        return channel


async def _leave(voice: discord.VoiceProtocol) -> None:
    try:
        async with asyncio.timeout(_DISCONNECT_TIMEOUT):
            await voice.disconnect(force=True)
    except Exception:  # leaving must not fail: the connection is dropped either way
        log.warning("leaving a voice channel did not finish cleanly", exc_info=True)
    with contextlib.suppress(Exception):
        voice.cleanup()
