"""Commands that control what plays: only from the bot's voice channel (the use-cases apply the rule). Each is
the entry of `shared_commands` its text form runs too, called with the deferral as `accepted`."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from musicbot.entrypoints.discord import shared_commands as shared
from musicbot.entrypoints.discord.context import InvocationReader
from musicbot.entrypoints.discord.dependencies import BotServices
from musicbot.entrypoints.discord.help import describe
from musicbot.entrypoints.discord.replies import answer, deferring

MAX_POSITION = 100_000


class ControlCog(commands.Cog, name="Controls"):
    def __init__(self, services: BotServices, reader: InvocationReader) -> None:
        self._services = services
        self._reader = reader

    def _asked(self, interaction: discord.Interaction[Any]) -> shared.Asked:
        """Who asks, and the deferral once the use-case let them: the player's lock may wait on the network."""
        return shared.Asked(self._reader.read(interaction), deferring(interaction))

    @app_commands.command(name="pause", description=describe("pause"))
    async def pause(self, interaction: discord.Interaction[Any]) -> None:
        await answer(interaction, await shared.PAUSE(self._services, self._asked(interaction)))

    @app_commands.command(name="resume", description=describe("resume"))
    async def resume(self, interaction: discord.Interaction[Any]) -> None:
        await answer(interaction, await shared.RESUME(self._services, self._asked(interaction)))

    @app_commands.command(name="skip", description=describe("skip"))
    async def skip(self, interaction: discord.Interaction[Any]) -> None:
        await answer(interaction, await shared.SKIP(self._services, self._asked(interaction)))

    @app_commands.command(name="skipto", description=describe("skipto"))
    @app_commands.describe(index="The song's place in /queue (1 plays next)")
    async def skip_to(
        self, interaction: discord.Interaction[Any], index: app_commands.Range[int, 1, MAX_POSITION]
    ) -> None:
        await answer(interaction, await shared.SKIP_TO(self._services, self._asked(interaction), index))

    @app_commands.command(name="stop", description=describe("stop"))
    async def stop(self, interaction: discord.Interaction[Any]) -> None:
        await answer(interaction, await shared.STOP(self._services, self._asked(interaction)))

    @app_commands.command(name="seek", description=describe("seek"))
    @app_commands.describe(position="Where to jump: 83, 1:23, 1:02:03 or 1m23s; +10 or -30 from where it is")
    async def seek(self, interaction: discord.Interaction[Any], position: str) -> None:
        await answer(interaction, await shared.SEEK(self._services, self._asked(interaction), position))

    @app_commands.command(name="volume", description=describe("volume"))
    @app_commands.describe(level="Volume in %, from 0 to 200")
    async def volume(self, interaction: discord.Interaction[Any], level: app_commands.Range[int, 0, 200]) -> None:
        await answer(interaction, await shared.VOLUME(self._services, self._asked(interaction), level))

    @app_commands.command(name="leave", description=describe("leave"))
    async def leave(self, interaction: discord.Interaction[Any]) -> None:
        await answer(interaction, await shared.LEAVE(self._services, self._asked(interaction)))
