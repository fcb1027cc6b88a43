"""Everything a command or a button raises ends here: answered in a friendly line, then logged with who and where
(the answer first: it is often the interaction's first, which Discord wants within 3 s).

Our own errors (`MusicBotError`) are expected and map through the one table in `entrypoints.messages`;
discord.py's refusals get a line of their own; anything else is logged with its traceback and answered with
the table's "something went wrong", never shown. An interaction Discord no longer knows (10062: not answered
within its 3 s) gets one warning line and no reply: the reply would fail the same way. Under an overloaded burst
each late answer cost a rendered traceback (linecache reading the sources) and a second doomed request on the
event loop: 13 % of the loop's samples in a 200-command burst at load 18, pushing the next answers later still.
"""

from __future__ import annotations

from typing import Any

import discord
import structlog
from discord import app_commands

from musicbot.domain.errors import MusicBotError
from musicbot.entrypoints.discord.replies import answer_error
from musicbot.entrypoints.messages import friendly_error

log = structlog.get_logger(__name__)

UNKNOWN_INTERACTION = 10062  # Discord's code for an interaction past its deadline (or answered elsewhere)


class ShuttingDown(app_commands.CheckFailure):
    """A command that came while the bot stops: refused, so nothing starts that would not be saved."""

    def __init__(self) -> None:
        super().__init__("I'm restarting right now: try again in a moment.")


def unwrap(error: BaseException) -> BaseException:
    """The error behind discord.py's wrappers: what the command raised, or what refused an option's value."""
    if isinstance(error, app_commands.CommandInvokeError):
        return error.original
    if isinstance(error, app_commands.TransformerError) and isinstance(error.__cause__, MusicBotError):
        return error.__cause__
    return error


def message_for(error: BaseException) -> str:
    original = unwrap(error)
    if isinstance(original, MusicBotError):
        return friendly_error(original)
    if isinstance(original, app_commands.TransformerError):
        return f"“{original.value}” does not fit that option."
    if isinstance(original, app_commands.NoPrivateMessage):
        return "Use my commands in a server, not in direct messages."
    if isinstance(original, app_commands.MissingPermissions | app_commands.BotMissingPermissions):
        missing = ", ".join(name.replace("_", " ").title() for name in original.missing_permissions)
        who = "You need" if isinstance(original, app_commands.MissingPermissions) else "I need"
        return f"{who} the {missing} permission for that."
    if isinstance(original, app_commands.CommandOnCooldown):
        return f"Slow down: try again in {original.retry_after:.0f} s."
    if isinstance(original, ShuttingDown):
        return str(original)
    if isinstance(original, app_commands.CheckFailure):
        return "You can't use that here."
    if isinstance(original, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch):
        return "I don't know that command any more; Discord will catch up in a minute."
    return friendly_error(original)


def expired(error: BaseException) -> bool:
    """Discord refused the answer because the interaction expired: nobody can be told anything any more."""
    original = unwrap(error)
    return isinstance(original, discord.NotFound) and original.code == UNKNOWN_INTERACTION


def is_expected(error: BaseException) -> bool:
    original = unwrap(error)
    return isinstance(original, MusicBotError) or (
        isinstance(original, app_commands.AppCommandError) and not isinstance(original, app_commands.CommandInvokeError)
    )


async def handle_error(interaction: discord.Interaction[Any], error: BaseException) -> None:
    """Log `error` with the guild, user and command bound, and tell the user in one ephemeral line."""
    command = interaction.command.qualified_name if interaction.command is not None else None
    with structlog.contextvars.bound_contextvars(
        guild_id=interaction.guild_id, user_id=interaction.user.id, command=command
    ):
        original = unwrap(error)
        if expired(error):
            log.warning("interaction expired before its first answer", error=str(original))
            return
        try:  # the answer first: under a burst, a log line (a traceback even more) would make it wait
            await answer_error(interaction, message_for(error))
        finally:
            if is_expected(error):
                log.info("command refused", reason=str(original), error_type=type(original).__name__)
            else:
                log.error("command failed", exc_info=original)
