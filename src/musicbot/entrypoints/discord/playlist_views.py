"""Buttons of the playlist replies: ◀ ▶ pages of /playlist and /playlists, and /delete's confirmation.

Like the queue's pager (`pager.py`), only the member who asked may press them, and they go away after a while.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from musicbot.application.playlists.delete import DeletePlaylist, DeletePlaylistCommand
from musicbot.domain.ids import GuildId
from musicbot.entrypoints.discord import embeds, playlist_embeds
from musicbot.entrypoints.discord.owner_view import OwnerView
from musicbot.entrypoints.discord.pager import PAGER_TIMEOUT
from musicbot.entrypoints.discord.playlist_embeds import name_of

CONFIRM_TIMEOUT = 60.0  # seconds

# A page number in, the page's embed, its number and the number of pages out.
PageSource = Callable[[int], Awaitable[tuple[discord.Embed, int, int]]]


class PageTurner(OwnerView):
    def __init__(
        self,
        *,
        source: PageSource,
        page: int,
        pages: int,
        owner_id: int,
        origin: discord.Interaction[Any],
        command: str,
        timeout: float = PAGER_TIMEOUT,
    ) -> None:
        super().__init__(
            owner_id=owner_id, origin=origin, others_note=f"Use {command} to page through it yourself.", timeout=timeout
        )
        self._source = source
        self.page, self.pages = page, pages
        self._update_buttons()

    @discord.ui.button(emoji="◀", style=discord.ButtonStyle.secondary, custom_id="previous")
    async def previous(self, interaction: discord.Interaction[Any], _: discord.ui.Button[PageTurner]) -> None:
        await self._show(interaction, self.page - 1)

    @discord.ui.button(emoji="▶", style=discord.ButtonStyle.secondary, custom_id="next")
    async def next(self, interaction: discord.Interaction[Any], _: discord.ui.Button[PageTurner]) -> None:
        await self._show(interaction, self.page + 1)

    async def _show(self, interaction: discord.Interaction[Any], number: int) -> None:
        embed, self.page, self.pages = await self._source(number)
        self._update_buttons()
        await interaction.response.edit_message(embed=embed, view=self)

    def _update_buttons(self) -> None:
        self.previous.disabled = self.page <= 1
        self.next.disabled = self.page >= self.pages


class ConfirmDelete(OwnerView):
    """Delete or Cancel; the playlist is deleted only when its asker presses Delete in time."""

    others_note = "Only who asked to delete it can answer."

    def __init__(
        self,
        *,
        delete: DeletePlaylist,
        guild_id: GuildId,
        name: str,
        owner_id: int,
        origin: discord.Interaction[Any],
        timeout: float = CONFIRM_TIMEOUT,
    ) -> None:
        super().__init__(owner_id=owner_id, origin=origin, timeout=timeout)
        self._delete = delete
        self._guild_id = guild_id
        self._name = name
        self.outcome: str | None = None  # "deleted", "cancelled" or "timed out"

    @discord.ui.button(label="Delete", style=discord.ButtonStyle.danger, custom_id="delete")
    async def confirm(self, interaction: discord.Interaction[Any], _: discord.ui.Button[ConfirmDelete]) -> None:
        self.stop()
        try:
            result = await self._delete.execute(DeletePlaylistCommand(guild_id=self._guild_id, name=self._name))
        except Exception:
            with contextlib.suppress(discord.HTTPException):  # the buttons go; the error follows, to the asker
                await interaction.response.edit_message(view=None)
            raise
        self.outcome = "deleted"
        await interaction.response.edit_message(embed=playlist_embeds.deleted(result), view=None)

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary, custom_id="cancel")
    async def cancel(self, interaction: discord.Interaction[Any], _: discord.ui.Button[ConfirmDelete]) -> None:
        self.stop()
        self.outcome = "cancelled"
        note = embeds.info(f"Kept {name_of(self._name)}: nothing was deleted.")
        await interaction.response.edit_message(embed=note, view=None)

    async def on_timeout(self) -> None:
        self.outcome = "timed out"
        note = embeds.info(f"No answer: {name_of(self._name)} was kept.")
        with contextlib.suppress(discord.HTTPException):
            await self._origin.edit_original_response(embed=note, view=None)
