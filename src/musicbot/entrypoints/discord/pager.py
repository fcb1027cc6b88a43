"""The /queue reply's ◀ ▶ buttons. Only the member who asked may page (the others ask /queue themselves, so
nobody turns pages under someone else's eyes); the buttons go away after a while of nobody paging."""

from __future__ import annotations

import contextlib
from typing import Any

import discord

from musicbot.application.queue.view import QueuePage, QueueQuery, ViewQueue
from musicbot.domain.ids import GuildId
from musicbot.entrypoints.discord import embeds
from musicbot.entrypoints.discord.errors import handle_error

PAGER_TIMEOUT = 180.0  # seconds; well within the 15 minutes an interaction's token lasts


class QueuePager(discord.ui.View):
    def __init__(
        self,
        *,
        queue: ViewQueue,
        guild_id: GuildId,
        owner_id: int,
        page: QueuePage,
        origin: discord.Interaction[Any],
        timeout: float = PAGER_TIMEOUT,
    ) -> None:
        super().__init__(timeout=timeout)
        self._queue = queue
        self._guild_id = guild_id
        self._owner_id = owner_id
        self._origin = origin
        self.page = page
        self._update_buttons()

    @discord.ui.button(emoji="◀", style=discord.ButtonStyle.secondary, custom_id="previous")
    async def previous(self, interaction: discord.Interaction[Any], _: discord.ui.Button[QueuePager]) -> None:
        await self._show(interaction, self.page.page - 1)

    @discord.ui.button(emoji="▶", style=discord.ButtonStyle.secondary, custom_id="next")
    async def next(self, interaction: discord.Interaction[Any], _: discord.ui.Button[QueuePager]) -> None:
        await self._show(interaction, self.page.page + 1)

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        if interaction.user.id == self._owner_id:
            return True
        note = embeds.info("Use /queue to page through the queue yourself.")
        await interaction.response.send_message(embed=note, ephemeral=True)
        return False

    async def on_timeout(self) -> None:
        with contextlib.suppress(discord.HTTPException):
            await self._origin.edit_original_response(view=None)

    async def on_error(
        self, interaction: discord.Interaction[Any], error: Exception, item: discord.ui.Item[Any], /
    ) -> None:
        await handle_error(interaction, error)

    async def _show(self, interaction: discord.Interaction[Any], number: int) -> None:
        self.page = await self._queue.execute(QueueQuery(guild_id=self._guild_id, page=number))
        self._update_buttons()
        await interaction.response.edit_message(embed=embeds.queue_page(self.page), view=self)

    def _update_buttons(self) -> None:
        self.previous.disabled = self.page.page <= 1
        self.next.disabled = self.page.page >= self.page.pages
