"""Guild-wide commands: /247 for server managers, and /help."""

from __future__ import annotations

from typing import Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from musicbot.application.guild.stay_connected import StayConnectedCommand
from musicbot.entrypoints.discord import embeds
from musicbot.entrypoints.discord.context import InvocationReader
from musicbot.entrypoints.discord.dependencies import BotServices
from musicbot.entrypoints.discord.help import describe
from musicbot.entrypoints.discord.replies import answer


class ServerCog(commands.Cog, name="Server"):
    def __init__(self, services: BotServices, reader: InvocationReader) -> None:
        self._rules = services.rules
        self._reader = reader

    @app_commands.command(name="247", description=describe("247"))
    @app_commands.describe(mode="on: stay in the voice channel; off: leave when idle or alone")
    @app_commands.default_permissions(manage_guild=True)  # hidden from others; the rule checks it again
    async def stay_connected(self, interaction: discord.Interaction[Any], mode: Literal["on", "off"]) -> None:
        who = self._reader.read(interaction)
        command = StayConnectedCommand(guild_id=who.guild_id, caller=who.caller, enabled=mode == "on")
        result = await self._rules.stay_connected.execute(command)
        text = (
            "24/7 is on: I stay in the voice channel, even when idle or alone."
            if result.enabled
            else "24/7 is off: I leave the voice channel when idle or alone for a while."
        )
        await answer(interaction, embeds.done(text))

    @app_commands.command(name="help", description=describe("help"))
    async def help(self, interaction: discord.Interaction[Any]) -> None:
        await answer(interaction, embeds.help_list(), ephemeral=True)
