"""Buttons under a reply. `ReplyView`: an error in a button is answered as a command's is (the recommendation
card's, which anyone may press). `OwnerView`: only the member who asked may press them (pages, picks, a
confirmation); anyone else is told, privately, how to get their own; when nobody presses for a while they go."""

from __future__ import annotations

import contextlib
from typing import Any

import discord

from musicbot.entrypoints.discord import embeds
from musicbot.entrypoints.discord.errors import handle_error


class ReplyView(discord.ui.View):
    """Buttons under a reply: an error in one is answered as a command's is (`errors.handle_error`)."""

    async def on_error(
        self, interaction: discord.Interaction[Any], error: Exception, item: discord.ui.Item[Any], /
    ) -> None:
        await handle_error(interaction, error)


class OwnerView(ReplyView):
    # What another member is told, privately, when they press ("Use /queue to page through the queue yourself."):
    # a subclass's own, or the one given for this reply.
    others_note: str = "Ask me yourself."

    def __init__(
        self, *, owner_id: int, origin: discord.Interaction[Any], timeout: float, others_note: str | None = None
    ) -> None:
        super().__init__(timeout=timeout)
        if others_note is not None:
            self.others_note = others_note
        self._owner_id = owner_id
        self._origin = origin  # the command's interaction: its reply is where the buttons sit

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        if interaction.user.id == self._owner_id:
            return True
        await interaction.response.send_message(embed=embeds.info(self.others_note), ephemeral=True)
        return False

    async def on_timeout(self) -> None:
        with contextlib.suppress(discord.HTTPException):  # the reply was deleted, or its token expired
            await self._origin.edit_original_response(view=None)
