"""What the bot sees happen around it on Discord: voice states (people come and go, the bot is moved or
disconnected), guilds removing the bot. Feeds the auto-leave rule and runs its sweep; songs starting and queues
finishing reach the rule through the message bus (`entrypoints/event_handlers.py`)."""

from __future__ import annotations

import discord
import structlog
from discord.ext import commands

from musicbot.application.guild.auto_leave import AutoLeft
from musicbot.application.guild.auto_leave_sweep import SWEEP_EVERY, AutoLeaveSweep
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.entrypoints.discord.context import bot_channel, humans_in
from musicbot.entrypoints.discord.dependencies import BotServices
from musicbot.entrypoints.discord.events import DiscordPlaybackEvents

log = structlog.get_logger(__name__)


class PresenceCog(commands.Cog, name="Presence"):
    def __init__(
        self, services: BotServices, events: DiscordPlaybackEvents, *, sweep_every: float = SWEEP_EVERY
    ) -> None:
        self._rules = services.rules
        self._events = events
        self._sweep = AutoLeaveSweep(services.rules.auto_leave, self._say_left, every=sweep_every)

    async def cog_load(self) -> None:
        self._sweep.start()

    async def cog_unload(self) -> None:
        await self._sweep.stop()

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
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        guild_id = GuildId(guild.id)
        self._rules.guild_settings.forget(guild_id)
        self._events.forget(guild_id)
        await self._rules.auto_leave.guild_removed(guild_id)

    async def _say_left(self, left: AutoLeft) -> None:
        await self._events.auto_left(left.guild_id, left.reason)
