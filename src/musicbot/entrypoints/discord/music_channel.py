"""Before any slash command runs: the guild's settings are loaded (the DJ role is read from them) and members
are pointed to the guild's music channel when they use another (server managers and /settings excepted)."""

from __future__ import annotations

from typing import Any

import discord

from musicbot.domain.errors import MusicBotError
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.entrypoints.discord.context import InvocationReader
from musicbot.entrypoints.discord.errors import handle_error
from musicbot.entrypoints.services import RuleServices

# Commands taken in any channel: /settings is how the music channel is set and fixed.
ANYWHERE = frozenset({"settings"})


async def check_guild_settings(
    interaction: discord.Interaction[Any], rules: RuleServices, reader: InvocationReader
) -> bool:
    """True when the command may run; otherwise the member was told why (ephemeral) and it must not."""
    if interaction.guild_id is None:
        return True  # direct messages: the command itself refuses them
    await rules.guild_settings.preload(GuildId(interaction.guild_id))
    if interaction.type is not discord.InteractionType.application_command:
        return True  # autocomplete: no message can be answered, and suggesting names harms no channel
    command = interaction.command
    if command is not None and command.qualified_name.split()[0] in ANYWHERE:
        return True
    try:
        who = reader.read(interaction)
        channel = ChannelId(interaction.channel_id) if interaction.channel_id is not None else None
        await rules.music_channel.check(who.guild_id, channel, who.caller)
    except MusicBotError as error:
        await handle_error(interaction, error)
        return False
    return True
