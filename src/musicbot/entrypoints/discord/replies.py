"""Answering an interaction the same way whether or not it was deferred."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import Any

import discord
import structlog

from musicbot.entrypoints.discord import embeds
from musicbot.entrypoints.discord.acks import acknowledged

log = structlog.get_logger(__name__)


_ALREADY_ACKNOWLEDGED = 40060  # Discord's error code: "Interaction has already been acknowledged."


async def defer(interaction: discord.Interaction[Any]) -> None:
    """Before work that may touch the network: Discord wants a first answer within 3 s. Discord saying it was
    acknowledged already counts as done: a deferral sent from the frame (frame_answers.py) that Discord took
    although its answer never came back, else the command would end there, unanswered."""
    if not interaction.response.is_done():
        try:
            await interaction.response.defer(thinking=True)
        except discord.HTTPException as error:
            if error.code != _ALREADY_ACKNOWLEDGED:
                raise
            mark_deferred(interaction)
        acknowledged(interaction)


def mark_deferred(interaction: discord.Interaction[Any]) -> None:
    """Record on discord.py's response that the interaction was deferred by a callback it did not send (one sent
    from the gateway frame, frame_answers.py), as its own `defer()` would: the answers that follow edit it."""
    interaction.response._response_type = discord.InteractionResponseType.deferred_channel_message


def deferring(interaction: discord.Interaction[Any]) -> Callable[[], Awaitable[None]]:
    """`defer`, for a use-case to call once it accepted the command: a refusal stays a private first answer."""

    async def accepted() -> None:
        await defer(interaction)

    return accepted


def silently(interaction: discord.Interaction[Any]) -> Callable[[], Awaitable[None]]:
    """A button's silent acknowledgement, for a use-case to call once it accepted the command."""

    async def accepted() -> None:
        await interaction.response.defer()

    return accepted


async def answer(
    interaction: discord.Interaction[Any],
    embed: discord.Embed,
    *,
    view: discord.ui.View | None = None,
    ephemeral: bool = False,
) -> None:
    extra: dict[str, Any] = {} if view is None else {"view": view}
    if interaction.response.is_done():
        await interaction.edit_original_response(embed=embed, **extra)
    else:
        await interaction.response.send_message(embed=embed, ephemeral=ephemeral, **extra)
        acknowledged(interaction)


async def answer_error(interaction: discord.Interaction[Any], text: str) -> None:
    """A short message only the caller sees, whatever state the interaction is in."""
    embed = embeds.error(text)
    try:
        if not interaction.response.is_done():
            await interaction.response.send_message(embed=embed, ephemeral=True)
            acknowledged(interaction)
        elif interaction.type is discord.InteractionType.application_command:
            await _replace_public_deferral(interaction, embed)
        else:  # a button: the original response is the card it sits on, left as it is
            await interaction.followup.send(embed=embed, ephemeral=True)
    except discord.HTTPException as failure:  # the interaction expired, or Discord is away: nobody to tell
        log.warning("could not send an error reply", error=str(failure))


async def _replace_public_deferral(interaction: discord.Interaction[Any], embed: discord.Embed) -> None:
    """After a public "thinking…", Discord makes the first follow-up that same public message, and refuses a
    follow-up once the thinking message is deleted. So: the error in the public message first (what stays if the
    rest fails), then the private copy, then the public one goes."""
    await interaction.edit_original_response(embed=embed)
    await interaction.followup.send(embed=embed, ephemeral=True)
    with contextlib.suppress(discord.HTTPException):
        await interaction.delete_original_response()
