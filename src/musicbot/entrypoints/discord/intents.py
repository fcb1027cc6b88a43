"""What the bot asks Discord to send it (intents) and which message prefixes start a text command."""

from __future__ import annotations

from collections.abc import Callable

import discord
from discord.ext import commands

from musicbot.entrypoints.settings import Settings


def default_intents(*, message_content: bool = False) -> discord.Intents:
    """Slash commands need no privileged intent; voice states tell who listens; guild messages bring plain
    requests that mention the bot (Discord sends their content without the Message Content intent). The music
    channel's plain requests need that privileged intent: `message_content`, off unless an admin enables it."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.voice_states = True
    intents.guild_messages = True
    intents.message_content = message_content
    return intents


def text_prefixes(settings: Settings) -> Callable[[commands.Bot, discord.Message], list[str]]:
    def prefixes(bot: commands.Bot, message: discord.Message) -> list[str]:
        mentions = commands.when_mentioned(bot, message)
        return [*mentions, settings.prefix] if settings.message_content_intent else mentions

    return prefixes
