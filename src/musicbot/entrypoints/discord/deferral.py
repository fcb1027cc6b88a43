"""Which slash commands are deferred before anything else runs, even before the guild's settings are read.

Discord wants a first answer within 3 s. Under a burst (a hundred servers sending /play at once) the work before
a handler's own `defer()` (the guild's settings read from the database, the music channel check) queued up
behind everyone else's: acknowledgements spread from 0 to 5 s, and those after 3 s were lost with their songs
(bench/play_burst.py). The commands below defer in their handlers anyway, as the first thing they do once
their rules pass; deferring them earlier only changes how a refusal is shown (the private error replaces the
public "thinking…"). Commands that answer at once (reads of the queue, /help, /settings show) are not deferred:
their answer is their acknowledgement, and some of them are private.
"""

from __future__ import annotations

from typing import Any

import discord

from musicbot.entrypoints.discord.replies import defer

DEFERRED_FIRST = frozenset(
    {
        # they may join voice, resolve a link, or wait on the player's lock (cogs/requests.py, cogs/controls.py)
        "join", "play", "aplay", "pause", "resume", "skip", "skipto", "stop", "seek", "volume", "leave",
        # saved playlists: the database (cogs/playlists.py)
        "create", "add", "addto", "remove", "use", "playlist", "playlists", "delete", "savequeue", "export", "import",
        # recommendations: search and an AI service (cogs/recommendations.py)
        "recommend", "radio",
    }
)  # fmt: skip


def deferred_first(interaction: discord.Interaction[Any]) -> bool:
    command = interaction.command
    return (
        interaction.type is discord.InteractionType.application_command
        and command is not None
        and command.qualified_name in DEFERRED_FIRST
    )


async def defer_first(interaction: discord.Interaction[Any]) -> None:
    """Defer now when the command's handler would defer anyway: before the settings load can wait."""
    if deferred_first(interaction):
        await defer(interaction)
