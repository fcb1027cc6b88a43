"""/settings: a server manager sees and changes what the bot keeps for the guild across restarts."""

from __future__ import annotations

from typing import Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from musicbot.application.guild.settings_change import ChangeSettingsCommand, ChangeSettingsResult
from musicbot.application.guild.settings_show import ShowSettingsQuery
from musicbot.domain.guild_settings import MAX_AUTO_LEAVE_SECONDS, RoleId
from musicbot.domain.ids import ChannelId
from musicbot.domain.tracklist import RepeatMode
from musicbot.entrypoints.discord import embeds
from musicbot.entrypoints.discord.context import InvocationReader
from musicbot.entrypoints.discord.dependencies import BotServices
from musicbot.entrypoints.discord.help import describe
from musicbot.entrypoints.discord.replies import answer, deferring
from musicbot.entrypoints.guild_settings_text import auto_leave_text, settings_lines

MAX_AUTO_LEAVE_MINUTES = MAX_AUTO_LEAVE_SECONDS // 60


class SettingsCog(commands.Cog, name="Settings"):
    settings = app_commands.Group(
        name="settings",
        description=describe("settings"),
        default_permissions=discord.Permissions(manage_guild=True),  # hidden from others; the use-case checks it
        guild_only=True,
    )

    def __init__(self, services: BotServices, reader: InvocationReader) -> None:
        self._rules = services.rules
        self._reader = reader
        self._default_dj_role = reader.default_dj_role

    @settings.command(name="show", description="Show this server's settings")
    async def show(self, interaction: discord.Interaction[Any]) -> None:
        who = self._reader.read(interaction)
        saved = await self._rules.show_settings.execute(ShowSettingsQuery(guild_id=who.guild_id, caller=who.caller))
        lines = settings_lines(
            saved, role=lambda i: f"<@&{i}>", channel=lambda i: f"<#{i}>", default_dj_role=self._default_dj_role
        )
        await answer(interaction, embeds.info("⚙️ Settings\n" + "\n".join(lines)), ephemeral=True)

    @settings.command(name="volume", description="The volume this server's music starts at (and plays at now)")
    @app_commands.describe(level="Volume in %, from 0 to 200")
    async def volume(self, interaction: discord.Interaction[Any], level: app_commands.Range[int, 0, 200]) -> None:
        result = await self._change(interaction, volume=level)
        await answer(interaction, embeds.done(f"🔊 This server's volume is {result.settings.volume.percent}%."))

    @settings.command(name="repeat", description="The repeat mode this server's music starts with")
    @app_commands.describe(mode="off: play on; track: the song again; queue: the whole queue again")
    async def repeat(self, interaction: discord.Interaction[Any], mode: Literal["off", "track", "queue"]) -> None:
        result = await self._change(interaction, repeat=RepeatMode(mode))
        await answer(interaction, embeds.done(f"🔁 This server's repeat mode is {result.settings.repeat}."))

    @settings.command(name="autoleave", description="Minutes with nothing playing before I leave (0: never)")
    @app_commands.describe(minutes=f"0 to {MAX_AUTO_LEAVE_MINUTES}; 0 stays until everyone leaves")
    async def autoleave(
        self, interaction: discord.Interaction[Any], minutes: app_commands.Range[int, 0, MAX_AUTO_LEAVE_MINUTES]
    ) -> None:
        result = await self._change(interaction, auto_leave_seconds=minutes * 60)
        text = auto_leave_text(result.settings.auto_leave_seconds)
        note = " (24/7 is on: I stay anyway)" if result.settings.always_on else ""
        await answer(interaction, embeds.done(f"⏱ Auto-leave: {text}{note}."))

    @settings.command(name="djrole", description="The role that skips at once and may move me; empty: clear it")
    @app_commands.describe(role="The DJ role; leave it out to go back to the default")
    async def djrole(self, interaction: discord.Interaction[Any], role: discord.Role | None = None) -> None:
        await self._change(interaction, dj_role_id=None if role is None else RoleId(role.id))
        if role is not None:
            text = f"🎧 The DJ role is {role.mention}."
        else:
            text = f"🎧 No DJ role picked: members with a role named “{self._default_dj_role}” are DJs."
        await answer(interaction, embeds.done(text))

    @settings.command(name="musicchannel", description="The text channel for music commands; empty: clear it")
    @app_commands.describe(channel="The music channel; leave it out to take commands anywhere")
    async def musicchannel(
        self, interaction: discord.Interaction[Any], channel: discord.TextChannel | None = None
    ) -> None:
        await self._change(interaction, music_channel_id=None if channel is None else ChannelId(channel.id))
        if channel is not None:
            text = f"💬 Music commands go to {channel.mention} now (server managers may use any channel)."
        else:
            text = "💬 Music commands are taken in any channel."
        await answer(interaction, embeds.done(text))

    async def _change(self, interaction: discord.Interaction[Any], **values: Any) -> ChangeSettingsResult:
        """Who asks, then the use-case; the deferral once it let them (the change is written to storage)."""
        who = self._reader.read(interaction)
        command = ChangeSettingsCommand(guild_id=who.guild_id, caller=who.caller, **values)
        return await self._rules.change_settings.execute(command, accepted=deferring(interaction))
