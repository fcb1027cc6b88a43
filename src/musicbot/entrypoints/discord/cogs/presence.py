"""What the bot sees happen around it: voice states (people come and go, the bot is moved or disconnected),
songs starting and queues finishing, guilds removing the bot. Feeds the auto-leave rule and runs its sweep."""

from __future__ import annotations

import asyncio
import contextlib

import discord
import structlog
from discord.ext import commands

from musicbot.domain.ids import ChannelId, GuildId
from musicbot.entrypoints.discord.context import bot_channel, humans_in
from musicbot.entrypoints.discord.dependencies import BotServices
from musicbot.entrypoints.discord.events import DiscordPlaybackEvents

log = structlog.get_logger(__name__)

SWEEP_EVERY = 5.0  # seconds between auto-leave checks: the timers are minutes, this is their resolution


class PresenceCog(commands.Cog, name="Presence"):
    def __init__(
        self, services: BotServices, events: DiscordPlaybackEvents, *, sweep_every: float = SWEEP_EVERY
    ) -> None:
        self._rules = services.rules
        self._events = events
        self._sweep_every = sweep_every
        self._sweeper: asyncio.Task[None] | None = None

    async def cog_load(self) -> None:
        self._sweeper = asyncio.create_task(self._sweep_forever(), name="auto-leave")

    async def cog_unload(self) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper
            self._sweeper = None

    @commands.Cog.listener()
    async def on_voice_state_update(
        self, member: discord.Member, before: discord.VoiceState, after: discord.VoiceState
    ) -> None:
        guild = member.guild
        guild_id = GuildId(guild.id)
        channel = bot_channel(guild)  # read now: a later update may have moved it already
        auto_leave = self._rules.auto_leave
        if guild.me is not None and member.id == guild.me.id:
            if channel is None:
                # A dropped voice connection shows this too, while it is reconnected: the rule tells them apart.
                if auto_leave.voice_up(guild_id):
                    return
                self._events.voice_ended(guild_id)
                disconnected = await auto_leave.bot_disconnected(guild_id)  # may wait on a dead voice socket
                if disconnected is not None:
                    log.info("disconnected from voice by someone", guild_id=guild_id, songs=disconnected.songs)
                    await self._events.disconnected(disconnected)
                return
            auto_leave.bot_moved(guild_id, ChannelId(channel.id))
        elif channel is None or channel not in (before.channel, after.channel):
            return  # someone moved between channels the bot is not in
        auto_leave.listeners_changed(guild_id, len(humans_in(channel)))

    @commands.Cog.listener()
    async def on_music_song_started(self, guild_id: GuildId) -> None:
        self._rules.auto_leave.playback_started(guild_id)

    @commands.Cog.listener()
    async def on_music_queue_finished(self, guild_id: GuildId) -> None:
        self._rules.auto_leave.playback_stopped(guild_id)

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        guild_id = GuildId(guild.id)
        self._rules.guild_settings.forget(guild_id)
        self._events.forget(guild_id)
        await self._rules.auto_leave.guild_removed(guild_id)

    async def _sweep_forever(self) -> None:
        while True:
            await asyncio.sleep(self._sweep_every)
            try:
                for left in await self._rules.auto_leave.sweep():
                    log.info("left a voice channel by itself", guild_id=left.guild_id, reason=str(left.reason))
                    await self._events.auto_left(left.guild_id, left.reason)
            except Exception:
                log.exception("auto-leave sweep failed")
