"""Who asks, from where: a Discord interaction turned into the application's identifiers and `Caller`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import discord

from musicbot.application.use_cases.voice_rules import Caller
from musicbot.domain.errors import MusicBotError
from musicbot.domain.ids import ChannelId, GuildId, UserId


class NotInGuild(MusicBotError):
    def __init__(self) -> None:
        super().__init__("use my commands in a server, not in direct messages")


@dataclass(frozen=True, slots=True, kw_only=True)
class Invocation:
    guild_id: GuildId
    caller: Caller
    listeners: frozenset[UserId]  # the humans in the bot's voice channel (empty when it is in none)


def bot_channel(guild: discord.Guild) -> discord.VoiceChannel | discord.StageChannel | None:
    me = guild.me
    if me is None or me.voice is None:
        return None
    return me.voice.channel


def humans_in(channel: discord.VoiceChannel | discord.StageChannel | None) -> frozenset[UserId]:
    if channel is None:
        return frozenset()
    return frozenset(UserId(member.id) for member in channel.members if not member.bot)


class InvocationReader:
    def __init__(self, *, dj_role: str) -> None:
        self._dj_role = dj_role.casefold()

    def read(self, interaction: discord.Interaction[Any]) -> Invocation:
        guild = interaction.guild
        member = interaction.user
        if guild is None or not isinstance(member, discord.Member):
            raise NotInGuild
        voice = member.voice.channel if member.voice is not None else None
        caller = Caller(
            user_id=UserId(member.id),
            voice_channel_id=ChannelId(voice.id) if voice is not None else None,
            is_dj=any(role.name.casefold() == self._dj_role for role in member.roles),
            is_manager=member.guild_permissions.manage_guild,
        )
        return Invocation(guild_id=GuildId(guild.id), caller=caller, listeners=humans_in(bot_channel(guild)))
