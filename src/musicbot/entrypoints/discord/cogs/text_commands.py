"""Text commands ("!play ...", "@musicbot skip"): the playback commands through the same use-cases, rules,
presenters and error table as the slash commands; the answer is a reply to the message.

The prefix is read with the Message Content intent only (without it Discord sends an empty message); a mention of
the bot works as a prefix without it. Thin, as the slash cogs: read who asks, call the use-case (it applies the
voice rules), present.
"""

from __future__ import annotations

from typing import Any

import discord
import structlog
from discord.ext import commands

from musicbot.application.guild.audio_filter import FilterCommand
from musicbot.application.guild.music_channel import Admission
from musicbot.application.guild.repeat import RepeatCommand
from musicbot.application.guild.volume import VolumeCommand
from musicbot.application.guild.vote_skip import VoteSkipCommand
from musicbot.application.playback.common import ControlCommand, GuildCommand
from musicbot.application.playback.join import JoinCommand
from musicbot.application.playback.leave import LeaveCommand
from musicbot.application.playback.play import PlayCommand
from musicbot.application.playback.seek import SeekCommand
from musicbot.application.playback.skip_to import SkipToCommand
from musicbot.application.queue.view import QueueQuery
from musicbot.application.support.timecode import parse_seek
from musicbot.domain.audio_filter import AudioFilter
from musicbot.domain.errors import MusicBotError
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.domain.tracklist import RepeatMode
from musicbot.entrypoints.discord import embeds, presenters
from musicbot.entrypoints.discord.context import Invocation, InvocationReader, manages_guild
from musicbot.entrypoints.discord.dependencies import BotServices
from musicbot.entrypoints.discord.events import DiscordPlaybackEvents
from musicbot.entrypoints.listener_text import filter_text
from musicbot.entrypoints.messages import friendly_error

log = structlog.get_logger(__name__)

Ctx = commands.Context[Any]


class Usage(MusicBotError):
    """A text command's words are off: how to write it."""


class Refused(commands.CheckFailure):
    """A rule checked before the command (the music channel) said no; `original` says why."""

    def __init__(self, original: MusicBotError) -> None:
        super().__init__(str(original))
        self.original = original


class TextCommandCog(commands.Cog, name="TextCommands"):
    def __init__(self, services: BotServices, reader: InvocationReader, events: DiscordPlaybackEvents) -> None:
        self._s = services.playback
        self._rules = services.rules
        self._join = services.join
        self._listener = services.listener
        self._reader = reader
        self._events = events

    async def cog_check(self, ctx: Ctx) -> bool:
        """As `MusicTree.interaction_check`: the music channel gate (the guild's settings loaded), where to talk."""
        if ctx.guild is None:
            raise commands.NoPrivateMessage
        guild_id = GuildId(ctx.guild.id)
        admission = Admission(
            guild_id=guild_id,
            channel_id=ChannelId(ctx.channel.id),
            command=ctx.command.qualified_name if ctx.command is not None else "",
            is_manager=manages_guild(ctx.author),
        )
        try:
            await self._rules.music_channel.execute(admission)
        except MusicBotError as error:  # discord.py reports only its own errors to the error handler
            raise Refused(error) from error
        self._events.remember_channel(guild_id, ChannelId(ctx.channel.id))
        return True

    async def cog_command_error(self, ctx: Ctx, error: Exception) -> None:
        original: BaseException = error
        if isinstance(error, commands.CommandInvokeError | Refused):
            original = error.original
        if isinstance(original, MusicBotError):
            text = friendly_error(original)
            log.info("text command refused", reason=str(original), error_type=type(original).__name__)
        elif isinstance(original, commands.UserInputError):
            usage = f"{ctx.clean_prefix}{ctx.command.qualified_name} {ctx.command.signature}" if ctx.command else ""
            text = f"That does not fit: {usage.strip()}"
        elif isinstance(original, commands.NoPrivateMessage):
            text = "Use my commands in a server, not in direct messages."
        else:
            log.error("text command failed", exc_info=original)
            text = friendly_error(original)
        try:
            await ctx.reply(embed=embeds.error(text), mention_author=False)
        except discord.HTTPException as failure:
            log.warning("could not answer a text command", error=str(failure))

    def _who(self, ctx: Ctx) -> Invocation:
        return self._reader.read_member(ctx.guild, ctx.author)

    def _control(self, ctx: Ctx) -> ControlCommand:
        who = self._who(ctx)
        return ControlCommand(guild_id=who.guild_id, caller=who.caller)

    @staticmethod
    async def _say(ctx: Ctx, embed: discord.Embed) -> None:
        await ctx.reply(embed=embed, mention_author=False)

    # --- requests ------------------------------------------------------------------------------------------
    @commands.command(name="play", aliases=["p"])
    async def play(self, ctx: Ctx, *, query: str) -> None:
        who = self._who(ctx)
        async with ctx.typing():
            result = await self._s.play.execute(
                PlayCommand(
                    guild_id=who.guild_id,
                    caller=who.caller,
                    query=query,
                )
            )
        await self._say(ctx, embeds.play_result(result))

    @commands.command(name="playnext")
    async def play_next(self, ctx: Ctx, *, query: str) -> None:
        who = self._who(ctx)
        async with ctx.typing():
            result = await self._s.play.execute(
                PlayCommand(
                    guild_id=who.guild_id,
                    caller=who.caller,
                    query=query,
                    play_next=True,
                )
            )
        await self._say(ctx, embeds.play_result(result))

    @commands.command(name="join")
    async def join(self, ctx: Ctx) -> None:
        who = self._who(ctx)
        result = await self._join.execute(
            JoinCommand(guild_id=who.guild_id, caller=who.caller, listeners=who.listeners)
        )
        await self._say(ctx, presenters.joined_or_taken_up(result))  # a queue saved out of voice is taken up

    # --- controls ------------------------------------------------------------------------------------------
    @commands.command(name="pause")
    async def pause(self, ctx: Ctx) -> None:
        command = self._control(ctx)
        result = await self._s.pause.execute(command)
        await self._say(ctx, presenters.paused(result))

    @commands.command(name="resume")
    async def resume(self, ctx: Ctx) -> None:
        command = self._control(ctx)
        result = await self._s.resume.execute(command)
        await self._say(ctx, presenters.resumed(result))

    @commands.command(name="skip", aliases=["s"])
    async def skip(self, ctx: Ctx) -> None:
        who = self._who(ctx)
        command = VoteSkipCommand(guild_id=who.guild_id, caller=who.caller, listeners=who.listeners)
        await self._say(ctx, embeds.vote(await self._rules.vote_skip.execute(command)))

    @commands.command(name="skipto")
    async def skip_to(self, ctx: Ctx, index: int) -> None:
        who = self._who(ctx)
        result = await self._s.skip_to.execute(SkipToCommand(guild_id=who.guild_id, caller=who.caller, position=index))
        await self._say(ctx, presenters.jumped_to(result))

    @commands.command(name="stop")
    async def stop(self, ctx: Ctx) -> None:
        command = self._control(ctx)
        result = await self._s.stop.execute(command)
        await self._say(ctx, presenters.stopped(result))

    @commands.command(name="seek")
    async def seek(self, ctx: Ctx, position: str) -> None:
        seconds, relative = parse_seek(position)
        who = self._who(ctx)
        result = await self._s.seek.execute(
            SeekCommand(guild_id=who.guild_id, caller=who.caller, position=seconds, relative=relative)
        )
        await self._say(ctx, presenters.seeked(result))

    @commands.command(name="volume", aliases=["vol"])
    async def volume(self, ctx: Ctx, level: int) -> None:
        who = self._who(ctx)
        result = await self._s.volume.execute(VolumeCommand(guild_id=who.guild_id, caller=who.caller, percent=level))
        await self._say(ctx, presenters.volume_set(result))

    @commands.command(name="repeat")
    async def repeat(self, ctx: Ctx, mode: str) -> None:
        try:
            chosen = RepeatMode(mode.lower())
        except ValueError:
            raise Usage("repeat takes off, track or queue") from None
        who = self._who(ctx)
        result = await self._s.repeat.execute(RepeatCommand(guild_id=who.guild_id, caller=who.caller, mode=chosen))
        await self._say(ctx, presenters.repeat_set(result))

    @commands.command(name="shuffle")
    async def shuffle(self, ctx: Ctx) -> None:
        command = self._control(ctx)
        result = await self._s.shuffle.execute(command)
        await self._say(ctx, presenters.shuffled(result))

    @commands.command(name="filter")
    async def filter(self, ctx: Ctx, preset: str, amount: float | None = None) -> None:
        if self._listener is None:
            raise Usage("filters are not available here")
        audio_filter = AudioFilter.parse(preset, amount)
        who = self._who(ctx)
        result = await self._listener.audio_filter.execute(
            FilterCommand(guild_id=who.guild_id, caller=who.caller, audio_filter=audio_filter)
        )
        await self._say(ctx, embeds.done(filter_text(result.audio_filter)))

    @commands.command(name="leave")
    async def leave(self, ctx: Ctx) -> None:
        who = self._who(ctx)
        result = await self._s.leave.execute(LeaveCommand(guild_id=who.guild_id, caller=who.caller))
        await self._say(ctx, presenters.left(result))

    # --- views ---------------------------------------------------------------------------------------------
    @commands.command(name="queue", aliases=["q"])
    async def queue(self, ctx: Ctx, page: int = 1) -> None:
        who = self._who(ctx)
        await self._say(
            ctx, embeds.queue_page(await self._s.queue.execute(QueueQuery(guild_id=who.guild_id, page=page)))
        )

    @commands.command(name="nowplaying", aliases=["np"])
    async def now_playing(self, ctx: Ctx) -> None:
        who = self._who(ctx)
        await self._say(ctx, embeds.now_playing(await self._s.now_playing.execute(GuildCommand(guild_id=who.guild_id))))
