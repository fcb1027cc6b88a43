"""Text commands ("!play ...", "@musicbot skip"): the playback commands through the same use-cases, rules,
presenters and error table as the slash commands; the answer is a reply to the message.

The prefix is read with the Message Content intent only (without it Discord sends an empty message); a mention of
the bot works as a prefix without it. Each command is made from its entry in `shared_commands.TEXT_COMMANDS`
(the slash form calls the same entry): its words parsed by discord.py from the entry's arguments, who asks read,
the entry run (the use-case applies the voice rules), its presenter's embed the reply.
"""

from __future__ import annotations

import contextlib
import inspect
from typing import Any

import discord
import structlog
from discord.ext import commands

from musicbot.application.guild.music_channel import Admission
from musicbot.domain.errors import MusicBotError
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.entrypoints.discord import embeds
from musicbot.entrypoints.discord.context import InvocationReader, manages_guild
from musicbot.entrypoints.discord.dependencies import BotServices
from musicbot.entrypoints.discord.events import DiscordPlaybackEvents
from musicbot.entrypoints.discord.shared_commands import TEXT_COMMANDS, Asked, SharedCommand
from musicbot.entrypoints.messages import friendly_error

log = structlog.get_logger(__name__)

Ctx = commands.Context[Any]


class Refused(commands.CheckFailure):
    """A rule checked before the command (the music channel) said no; `original` says why."""

    def __init__(self, original: MusicBotError) -> None:
        super().__init__(str(original))
        self.original = original


class TextCommandCog(commands.Cog, name="TextCommands"):
    def __init__(self, services: BotServices, reader: InvocationReader, events: DiscordPlaybackEvents) -> None:
        self._services = services
        self._rules = services.rules
        self._reader = reader
        self._events = events
        made = []
        for shared in TEXT_COMMANDS:
            command = text_form(shared)
            command.cog = self  # its checks and errors are this cog's, as for a command declared in it
            made.append(command)
        self.__cog_commands__ = (*self.__cog_commands__, *made)  # type: ignore[assignment]

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

    async def run(self, ctx: Ctx, shared: SharedCommand[Any], *args: Any, **kwargs: Any) -> None:
        asked = Asked(who=self._reader.read_member(ctx.guild, ctx.author))
        async with ctx.typing() if shared.slow else contextlib.nullcontext():
            embed = await shared(self._services, asked, *args, **kwargs)
        await ctx.reply(embed=embed, mention_author=False)


def text_form(shared: SharedCommand[Any]) -> commands.Command[Any, ..., None]:
    """The text command of `shared`: discord.py parses the words into the arguments `shared.run` takes after the
    services and who asks (their names are the usage shown when the words do not fit: "?volume <level>")."""

    async def callback(cog: TextCommandCog, ctx: Ctx, *args: Any, **kwargs: Any) -> None:
        await cog.run(ctx, shared, *args, **kwargs)

    taken = list(inspect.signature(shared.run, eval_str=True).parameters.values())[2:]
    arguments = [commands.Parameter(p.name, p.kind, default=p.default, annotation=p.annotation) for p in taken]
    itself = commands.Parameter("cog", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    context = commands.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    callback.__signature__ = inspect.Signature([itself, context, *arguments])  # type: ignore[attr-defined]
    callback.__qualname__ = f"TextCommandCog.{shared.name}"  # a method: discord.py passes the cog first
    return commands.Command(callback, name=shared.name, aliases=list(shared.aliases))
