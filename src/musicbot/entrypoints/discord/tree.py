"""The command tree: what runs before every slash command, and what happens when one fails.

Before a command: its acknowledgement is timed, a shutting-down bot refuses it, the log lines are bound to the
guild and member, the commands of `deferral.py` are deferred, and the guild's music channel gate
(`guild/music_channel.py`: the settings loaded, members pointed to the music channel) admits it or answers why
not. The tree reads the bot through `TreeBot`, so the bot and this module do not import each other.
"""

from __future__ import annotations

from typing import Any, Protocol

import discord
import structlog
from discord import app_commands

from musicbot.application.guild.music_channel import Admission, AdmitCommand
from musicbot.domain.errors import MusicBotError
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.entrypoints.discord.acks import answered, received
from musicbot.entrypoints.discord.context import manages_guild
from musicbot.entrypoints.discord.deferral import defer_first
from musicbot.entrypoints.discord.dependencies import BotServices
from musicbot.entrypoints.discord.errors import ShuttingDown, handle_error
from musicbot.entrypoints.discord.events import DiscordPlaybackEvents
from musicbot.entrypoints.discord.frame_answers import FrameAnswers
from musicbot.entrypoints.discord.instruments import finished


class TreeBot(Protocol):
    """What the tree reads of the bot (`bot.MusicBot`)."""

    @property
    def shutting_down(self) -> bool: ...

    @property
    def services(self) -> BotServices: ...

    @property
    def events(self) -> DiscordPlaybackEvents: ...

    @property
    def frame_answers(self) -> FrameAnswers: ...


class MusicTree(app_commands.CommandTree[Any]):
    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        bot: TreeBot = self.client
        bot.frame_answers.claim(interaction)  # deferred from its frame (frame_answers.py): marked so, timed
        received(interaction)
        if bot.shutting_down:
            raise ShuttingDown
        # Runs in the interaction's own task: what is bound here is on every log line of this command.
        structlog.contextvars.bind_contextvars(guild_id=interaction.guild_id, user_id=interaction.user.id)
        # The first answer before any other work: under a burst the settings load below waits its turn.
        await defer_first(interaction)
        if not await admitted(interaction, bot.services.rules.music_channel):
            return False
        if interaction.guild_id is not None and interaction.channel_id is not None:
            # The player's own news (now playing, failures) goes where the guild last used a command.
            bot.events.remember_channel(GuildId(interaction.guild_id), ChannelId(interaction.channel_id))
        return True

    async def on_error(self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError, /) -> None:
        finished(interaction, error)
        try:
            await handle_error(interaction, error)
        finally:
            answered(interaction)  # no first answer (expired, or the reply failed): nobody waits for it


async def admitted(interaction: discord.Interaction[Any], gate: AdmitCommand) -> bool:
    """The music channel gate: parse → `Admission` → `AdmitCommand` → a refusal presented (ephemeral). True when
    the command may run."""
    admission = admission_of(interaction)
    if admission is None:
        return True
    try:
        await gate.execute(admission)
    except MusicBotError as error:
        await handle_error(interaction, error)
        return False
    return True


def admission_of(interaction: discord.Interaction[Any]) -> Admission | None:
    """What the gate is asked; None for a direct message (the command itself refuses those)."""
    if interaction.guild_id is None:
        return None
    command: str | None = None  # autocomplete: no command runs, and suggesting names harms no channel
    if interaction.type is discord.InteractionType.application_command:
        command = interaction.command.qualified_name if interaction.command is not None else ""
    return Admission(
        guild_id=GuildId(interaction.guild_id),
        channel_id=ChannelId(interaction.channel_id) if interaction.channel_id is not None else None,
        command=command,
        is_manager=manages_guild(interaction.user),
    )
