"""Commands that control what plays: only from the bot's voice channel (the use-cases apply the rule)."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from musicbot.application.guild.volume import VolumeCommand
from musicbot.application.guild.vote_skip import VoteSkipCommand
from musicbot.application.playback.common import ControlCommand
from musicbot.application.playback.leave import LeaveCommand
from musicbot.application.playback.seek import SeekCommand
from musicbot.application.playback.skip_to import SkipToCommand
from musicbot.application.playback.voice_rules import Accepted
from musicbot.application.support.timecode import parse_seek
from musicbot.entrypoints.discord import embeds, presenters
from musicbot.entrypoints.discord.context import Invocation, InvocationReader
from musicbot.entrypoints.discord.dependencies import BotServices
from musicbot.entrypoints.discord.help import describe
from musicbot.entrypoints.discord.replies import answer, deferring

MAX_POSITION = 100_000


class ControlCog(commands.Cog, name="Controls"):
    def __init__(self, services: BotServices, reader: InvocationReader) -> None:
        self._s = services.playback
        self._rules = services.rules
        self._reader = reader

    def _controlling(self, interaction: discord.Interaction[Any]) -> tuple[Invocation, Accepted]:
        """Who asks, and the deferral once the use-case let them: the player's lock may wait on the network."""
        return self._reader.read(interaction), deferring(interaction)

    @app_commands.command(name="pause", description=describe("pause"))
    async def pause(self, interaction: discord.Interaction[Any]) -> None:
        who, accepted = self._controlling(interaction)
        result = await self._s.pause.execute(
            ControlCommand(guild_id=who.guild_id, caller=who.caller), accepted=accepted
        )
        await answer(interaction, presenters.paused(result))

    @app_commands.command(name="resume", description=describe("resume"))
    async def resume(self, interaction: discord.Interaction[Any]) -> None:
        who, accepted = self._controlling(interaction)
        result = await self._s.resume.execute(
            ControlCommand(guild_id=who.guild_id, caller=who.caller), accepted=accepted
        )
        await answer(interaction, presenters.resumed(result))

    @app_commands.command(name="skip", description=describe("skip"))
    async def skip(self, interaction: discord.Interaction[Any]) -> None:
        who, accepted = self._controlling(interaction)
        command = VoteSkipCommand(guild_id=who.guild_id, caller=who.caller, listeners=who.listeners)
        await answer(interaction, embeds.vote(await self._rules.vote_skip.execute(command, accepted=accepted)))

    @app_commands.command(name="skipto", description=describe("skipto"))
    @app_commands.describe(index="The song's place in /queue (1 plays next)")
    async def skip_to(
        self, interaction: discord.Interaction[Any], index: app_commands.Range[int, 1, MAX_POSITION]
    ) -> None:
        who, accepted = self._controlling(interaction)
        result = await self._s.skip_to.execute(
            SkipToCommand(guild_id=who.guild_id, caller=who.caller, position=index), accepted=accepted
        )
        await answer(interaction, presenters.jumped_to(result))

    @app_commands.command(name="stop", description=describe("stop"))
    async def stop(self, interaction: discord.Interaction[Any]) -> None:
        who, accepted = self._controlling(interaction)
        result = await self._s.stop.execute(ControlCommand(guild_id=who.guild_id, caller=who.caller), accepted=accepted)
        await answer(interaction, presenters.stopped(result))

    @app_commands.command(name="seek", description=describe("seek"))
    @app_commands.describe(position="Where to jump: 83, 1:23, 1:02:03 or 1m23s; +10 or -30 from where it is")
    async def seek(self, interaction: discord.Interaction[Any], position: str) -> None:
        seconds, relative = parse_seek(position)  # a typo is answered before anything else happens
        who, accepted = self._controlling(interaction)
        result = await self._s.seek.execute(
            SeekCommand(guild_id=who.guild_id, caller=who.caller, position=seconds, relative=relative),
            accepted=accepted,
        )
        await answer(interaction, presenters.seeked(result))

    @app_commands.command(name="volume", description=describe("volume"))
    @app_commands.describe(level="Volume in %, from 0 to 200")
    async def volume(self, interaction: discord.Interaction[Any], level: app_commands.Range[int, 0, 200]) -> None:
        who, accepted = self._controlling(interaction)
        result = await self._s.volume.execute(
            VolumeCommand(guild_id=who.guild_id, caller=who.caller, percent=level), accepted=accepted
        )
        await answer(interaction, presenters.volume_set(result))

    @app_commands.command(name="leave", description=describe("leave"))
    async def leave(self, interaction: discord.Interaction[Any]) -> None:
        who, accepted = self._controlling(interaction)
        result = await self._s.leave.execute(LeaveCommand(guild_id=who.guild_id, caller=who.caller), accepted=accepted)
        await answer(interaction, presenters.left(result))
