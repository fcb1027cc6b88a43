"""Who asks, from where: a Discord interaction turned into the application's identifiers and `Caller`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import discord

from musicbot.application.guild.settings import GuildSettingsStore
from musicbot.application.playback.voice_rules import Caller
from musicbot.application.queue.queue_tracks import QueueTracksCommand
from musicbot.domain.errors import MusicBotError
from musicbot.domain.ids import ChannelId, GuildId, UserId
from musicbot.domain.track import Track


class NotInGuild(MusicBotError):
    def __init__(self) -> None:
        super().__init__("use my commands in a server, not in direct messages")


@dataclass(frozen=True, slots=True, kw_only=True)
class Invocation:
    guild_id: GuildId
    caller: Caller
    listeners: frozenset[UserId]  # the humans in the bot's voice channel (empty when it is in none)

    def queueing(self, tracks: tuple[Track, ...]) -> QueueTracksCommand:
        """Their request for picked tracks (a search's, a recommendation's): queued in their name."""
        return QueueTracksCommand(
            guild_id=self.guild_id,
            caller=self.caller,
            tracks=tracks,
        )


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
    """`dj_role` is the bot-wide DJ role name, for guilds that did not pick a role in /settings (their settings
    are loaded before a command or button runs: `MusicTree.interaction_check`, `PlayerControls.press`)."""

    def __init__(self, *, dj_role: str, guild_settings: GuildSettingsStore) -> None:
        self.default_dj_role = dj_role
        self._dj_role = dj_role.casefold()
        self._guild_settings = guild_settings

    def read(self, interaction: discord.Interaction[Any]) -> Invocation:
        return self.read_member(interaction.guild, interaction.user)

    def read_member(self, guild: discord.Guild | None, member: discord.User | discord.Member) -> Invocation:
        """Who asks, from a slash command's interaction or a text command's message (its guild and author)."""
        if guild is None or not isinstance(member, discord.Member):
            raise NotInGuild
        voice = member.voice.channel if member.voice is not None else None
        guild_id = GuildId(guild.id)
        caller = Caller(
            user_id=UserId(member.id),
            voice_channel_id=ChannelId(voice.id) if voice is not None else None,
            is_dj=self._is_dj(guild_id, member),
            is_manager=manages_guild(member),
        )
        return Invocation(guild_id=guild_id, caller=caller, listeners=humans_in(bot_channel(guild)))

    def _is_dj(self, guild_id: GuildId, member: discord.Member) -> bool:
        return holds_dj_role(member.roles, role_id=self._guild_settings.get(guild_id).dj_role_id, name=self._dj_role)


def manages_guild(user: discord.User | discord.Member) -> bool:
    """Whether a guild member has Manage Server (what server managers are let do, or not held to)."""
    return isinstance(user, discord.Member) and user.guild_permissions.manage_guild


def holds_dj_role(roles: Iterable[discord.Role], *, role_id: int | None, name: str) -> bool:
    """The guild's DJ role when it picked one in /settings, else any role with the bot-wide name."""
    if role_id is not None:
        return any(role.id == role_id for role in roles)
    return any(role.name.casefold() == name.casefold() for role in roles)
