"""Commands that control what plays: only from the bot's voice channel (see VoiceRules.check_control)."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from musicbot.application.guild.volume import VolumeCommand
from musicbot.application.guild.vote_skip import VoteSkipCommand
from musicbot.application.playback.common import GuildCommand
from musicbot.application.playback.leave import LeaveCommand
from musicbot.application.playback.seek import SeekCommand
from musicbot.application.playback.skip_to import SkipToCommand
from musicbot.application.support.timecode import format_duration, parse_seek
from musicbot.entrypoints.discord import embeds
from musicbot.entrypoints.discord.context import Invocation, InvocationReader
from musicbot.entrypoints.discord.dependencies import BotServices
from musicbot.entrypoints.discord.help import describe
from musicbot.entrypoints.discord.replies import answer, defer
from musicbot.entrypoints.formatting import songs

MAX_POSITION = 100_000


class ControlCog(commands.Cog, name="Controls"):
    def __init__(self, services: BotServices, reader: InvocationReader) -> None:
        self._s = services.playback
        self._rules = services.rules
        self._reader = reader

    async def _controlling(self, interaction: discord.Interaction[Any]) -> Invocation:
        """Who asks, once the rule let them; then the deferral, for the player's lock may wait on the network."""
        who = self._reader.read(interaction)
        self._rules.voice.check_control(who.guild_id, who.caller)
        await defer(interaction)
        return who

    @app_commands.command(name="pause", description=describe("pause"))
    async def pause(self, interaction: discord.Interaction[Any]) -> None:
        who = await self._controlling(interaction)
        result = await self._s.pause.execute(GuildCommand(guild_id=who.guild_id))
        await answer(interaction, embeds.done(f"⏸ Paused {embeds.title_of(result.song)}."))

    @app_commands.command(name="resume", description=describe("resume"))
    async def resume(self, interaction: discord.Interaction[Any]) -> None:
        who = await self._controlling(interaction)
        result = await self._s.resume.execute(GuildCommand(guild_id=who.guild_id))
        await answer(interaction, embeds.done(f"▶ Resumed {embeds.title_of(result.song)}."))

    @app_commands.command(name="skip", description=describe("skip"))
    async def skip(self, interaction: discord.Interaction[Any]) -> None:
        who = await self._controlling(interaction)
        command = VoteSkipCommand(guild_id=who.guild_id, caller=who.caller, listeners=who.listeners)
        await answer(interaction, embeds.vote(await self._rules.vote_skip.execute(command)))

    @app_commands.command(name="skipto", description=describe("skipto"))
    @app_commands.describe(index="The song's place in /queue (1 plays next)")
    async def skip_to(
        self, interaction: discord.Interaction[Any], index: app_commands.Range[int, 1, MAX_POSITION]
    ) -> None:
        who = await self._controlling(interaction)
        result = await self._s.skip_to.execute(SkipToCommand(guild_id=who.guild_id, position=index))
        await answer(interaction, embeds.done(f"⏭ Jumped to {embeds.line_of(result.song)}"))

    @app_commands.command(name="stop", description=describe("stop"))
    async def stop(self, interaction: discord.Interaction[Any]) -> None:
        who = await self._controlling(interaction)
        result = await self._s.stop.execute(GuildCommand(guild_id=who.guild_id))
        await answer(interaction, embeds.done(f"⏹ Stopped; {songs(result.count)} cleared."))

    @app_commands.command(name="seek", description=describe("seek"))
    @app_commands.describe(position="Where to jump: 83, 1:23, 1:02:03 or 1m23s; +10 or -30 from where it is")
    async def seek(self, interaction: discord.Interaction[Any], position: str) -> None:
        seconds, relative = parse_seek(position)  # a typo is answered before anything else happens
        who = await self._controlling(interaction)
        result = await self._s.seek.execute(SeekCommand(guild_id=who.guild_id, position=seconds, relative=relative))
        at = format_duration(result.position)
        await answer(interaction, embeds.done(f"⏩ Jumped to {at} in {embeds.title_of(result.song)}."))

    @app_commands.command(name="volume", description=describe("volume"))
    @app_commands.describe(level="Volume in %, from 0 to 200")
    async def volume(self, interaction: discord.Interaction[Any], level: app_commands.Range[int, 0, 200]) -> None:
        who = await self._controlling(interaction)
        result = await self._s.volume.execute(VolumeCommand(guild_id=who.guild_id, percent=level))
        await answer(interaction, embeds.done(f"🔊 Volume set to {result.percent}%."))

    @app_commands.command(name="leave", description=describe("leave"))
    async def leave(self, interaction: discord.Interaction[Any]) -> None:
        who = await self._controlling(interaction)
        result = await self._s.leave.execute(LeaveCommand(guild_id=who.guild_id))
        await answer(interaction, embeds.done(f"👋 Left the voice channel; {songs(result.dropped)} dropped."))
