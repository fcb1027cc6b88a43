"""A user whose voice join waits for its turn (Discord's gateway send limit) is told at once, in the deferred
reply, which the command then edits again with its result when the song starts."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import discord
import structlog

from musicbot.adapters.discord_voice.join_queue import describe_wait, notify_waits
from musicbot.entrypoints.discord import embeds
from musicbot.entrypoints.discord.replies import answer

log = structlog.get_logger(__name__)


class JoinNotice:
    def __init__(self, interaction: discord.Interaction[Any], channel_id: int | None) -> None:
        self._interaction = interaction
        self._channel_id = channel_id
        self._told: asyncio.Task[None] | None = None

    def __call__(self, ahead: int, seconds: float) -> None:
        if self._told is None:  # once: a retried join does not say it again
            self._told = asyncio.create_task(self._tell(ahead, seconds), name="join-notice")

    async def _tell(self, ahead: int, seconds: float) -> None:
        where = f"<#{self._channel_id}>" if self._channel_id is not None else "your voice channel"
        text = f"⏳ Joining {where}: {describe_wait(ahead, seconds)}. This message changes when your song starts."
        try:
            await answer(self._interaction, embeds.info(text))
        except discord.HTTPException as error:  # the result still comes; only the wait goes unsaid
            log.warning("could not tell a user that their join waits", error=str(error))

    async def settle(self) -> None:
        """The notice's edit done before the result's, so the result is what stays."""
        if self._told is not None:
            await asyncio.wait({self._told})


@contextlib.asynccontextmanager
async def telling_join_waits(interaction: discord.Interaction[Any], channel_id: int | None) -> AsyncIterator[None]:
    notice = JoinNotice(interaction, channel_id)
    try:
        with notify_waits(notice):
            yield
    finally:
        await notice.settle()
