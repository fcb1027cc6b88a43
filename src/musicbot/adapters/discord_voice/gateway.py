"""`VoiceGateway` over discord.py: joins voice channels through the client, plays through the shared engine.

discord.py keeps each `VoiceClient` connected (and reconnects it after a drop by itself); this class joins
(`VoiceJoiner`: attempts under a timeout, retried), moves, leaves, hands each connection to the `VoiceEngine`,
and has the `VoiceSupervisor` reconnect a connection discord.py leaves down too long. `VoiceClient.play` and its
thread-per-guild `AudioPlayer` are never used: the engine's single sender calls `send_audio_packet`. Joins,
moves and leaves wait for their turn in their gateway connection's `JoinQueue` (Discord's send limit), each join
attempt on its own, and only then do their timeouts start; every other gateway send is counted there too
(`sends.meter_gateway_sends`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import discord

from musicbot.adapters.discord_voice.engine import VoiceEngine
from musicbot.adapters.discord_voice.errors import VoiceConnectFailed
from musicbot.adapters.discord_voice.join_queue import JoinQueue, JoinQueues
from musicbot.adapters.discord_voice.joiner import JoinPolicy, Turn, VoiceJoiner
from musicbot.adapters.discord_voice.lane import LaneStats
from musicbot.adapters.discord_voice.link import MusicVoiceClient, abandon
from musicbot.adapters.discord_voice.sends import meter_gateway_sends
from musicbot.adapters.discord_voice.supervisor import TAKEOVER_AFTER, VoiceSupervisor
from musicbot.application.playback.ports import PlaybackEnded, PlaybackRequest
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
        join_policy: JoinPolicy | None = None,
        takeover_after: float = TAKEOVER_AFTER,
        joins: JoinQueues | None = None,
    ) -> None:
        self._client = client
        self.joins = joins or JoinQueues()
        self._connect_timeout = connect_timeout
        self._check_permissions = check_permissions
        self.engine = VoiceEngine(
            ffmpeg_path=ffmpeg_path, reconnect_timeout=reconnect_timeout, threaded=threaded_sender
        )
        self.joiner = VoiceJoiner(join_policy)
        self.supervisor = VoiceSupervisor(
            self.joiner,
            connection_of=self.engine.connection,
            attach=self.engine.attach,
            takeover_after=takeover_after,
            turn_of=lambda guild_id: self.join_queue(guild_id).run,
        )
        meter_gateway_sends(client, self._sent)

    # --- connections -----------------------------------------------------------------------------------
    async def connect(self, guild_id: GuildId, channel_id: ChannelId) -> None:
        """Join `channel_id` self-deafened, or move there; raises `VoiceConnectFailed` with a reason."""
        channel = await self._voice_channel(guild_id, channel_id)  # a refusal says why before any wait
        voice = await self._join_or_move(channel, self.join_queue(guild_id).run)
        self.engine.attach(guild_id, voice)
        self.supervisor.watch(guild_id)

    def join_queue(self, guild_id: GuildId) -> JoinQueue:
        """The queue of the gateway connection that carries this guild's joins."""
        shard = (guild_id >> 22) % max(self._client.shard_count or 1, 1)
        return self.joins.of_shard(shard, held=connection_held(self._client, shard))

    def _sent(self, shard_id: int | None) -> None:
        """discord.py let a frame go on the connection of `shard_id`: its queue counts it."""
        shard = shard_id or 0
        self.joins.of_shard(shard, held=connection_held(self._client, shard)).spend()

    async def _join_or_move(
        self, channel: discord.VoiceChannel | discord.StageChannel, turn: Turn
    ) -> discord.VoiceClient:
        """Join or move, each attempt at its turn (the timeouts start then)."""
        voice = channel.guild.voice_client
        if isinstance(voice, MusicVoiceClient) and voice.is_connected() and not voice.kicked:
            await turn(lambda: self._move(voice, channel))
            return voice
        return await self.joiner.join(channel, turn=turn)  # a stale client (discord.py gave up on it) is abandoned

    async def _move(self, voice: MusicVoiceClient, channel: discord.VoiceChannel | discord.StageChannel) -> None:
        try:
            async with asyncio.timeout(self._connect_timeout):
                await voice.move_to(channel, timeout=self._connect_timeout)
        except TimeoutError as error:
            raise VoiceConnectFailed(f"I could not move to {channel.name} in time; try again") from error
        except discord.DiscordException as error:
            raise VoiceConnectFailed(f"I could not move to {channel.name}: {error}") from error
        if not voice.is_connected() or voice.channel is None or voice.channel.id != channel.id:
            raise VoiceConnectFailed(f"I could not move to {channel.name}; try again")

    async def disconnect(self, guild_id: GuildId) -> None:
        await self.supervisor.unwatch(guild_id)
        ours = self.engine.connection(guild_id)
        await self.engine.detach(guild_id)
        guild = self._client.get_guild(guild_id)
        # discord.py's own record first: a connection we lost track of still leaves.
        voice = guild.voice_client if guild is not None and guild.voice_client is not None else ours
        if isinstance(voice, discord.VoiceProtocol):
            # A leave is a gateway send too: it waits its turn like a join, before `_leave`'s timeout starts (a
            # leave held by discord.py's limiter past that timeout was never sent: the bot stayed in the channel).
            await self.join_queue(guild_id).run(lambda: _leave(voice))

    def is_connected(self, guild_id: GuildId) -> bool:
        """In the channel, or being reconnected by discord.py or by us (what plays waits for it); False once a
        member (or Discord, for a deleted channel) disconnected the bot, and once the connection was given up."""
        voice = self.engine.connection(guild_id)
        if not isinstance(voice, discord.VoiceClient) or self.engine.is_lost(guild_id):
            return False
        if self.supervisor.repairing(guild_id):
            return True
        if isinstance(voice, MusicVoiceClient) and voice.kicked:
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
        await self.supervisor.aclose()
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
            full = channel.user_limit and len(channel.members) >= channel.user_limit
            if full and me not in channel.members and not permissions.move_members:
                raise VoiceConnectFailed(
                    f"{channel.name} is full ({channel.user_limit} people); make room and ask again"
                )
        return channel


async def _leave(voice: discord.VoiceProtocol) -> None:
    await abandon(voice, within=_DISCONNECT_TIMEOUT)  # discord.py's reconnect, if one runs, stops first


def connection_held(client: discord.Client, shard_id: int) -> Callable[[], bool]:
    """Whether discord.py holds the sends of the connection of shard `shard_id`. An `AutoShardedClient`'s own
    `is_ws_ratelimited` says whether ANY shard is held: one busy shard would hold every other shard's joins."""
    if not isinstance(client, discord.AutoShardedClient):
        return client.is_ws_ratelimited

    def held() -> bool:
        shard = client.get_shard(shard_id)
        return shard is not None and shard.is_ws_ratelimited()

    return held
