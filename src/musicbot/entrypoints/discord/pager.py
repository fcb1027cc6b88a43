"""The /queue reply's ◀ ▶ buttons. Only the member who asked may page (the others ask /queue themselves, so
nobody turns pages under someone else's eyes); the buttons go away after a while of nobody paging."""

from __future__ import annotations

from typing import Any

import discord

from musicbot.application.queue.view import QueuePage, QueueQuery, ViewQueue
from musicbot.domain.ids import GuildId
from musicbot.entrypoints.discord import embeds
from musicbot.entrypoints.discord.owner_view import OwnerView

PAGER_TIMEOUT = 180.0  # seconds; well within the 15 minutes an interaction's token lasts


class QueuePager(OwnerView):
    others_note = "Use /queue to page through the queue yourself."

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
        super().__init__(owner_id=owner_id, origin=origin, timeout=timeout)
        self._queue = queue
        self._guild_id = guild_id
        self.page = page
        self._update_buttons()

    @discord.ui.button(emoji="◀", style=discord.ButtonStyle.secondary, custom_id="previous")
    async def previous(self, interaction: discord.Interaction[Any], _: discord.ui.Button[QueuePager]) -> None:
        await self._show(interaction, self.page.page - 1)

    @discord.ui.button(emoji="▶", style=discord.ButtonStyle.secondary, custom_id="next")
    async def next(self, interaction: discord.Interaction[Any], _: discord.ui.Button[QueuePager]) -> None:
        await self._show(interaction, self.page.page + 1)

    async def _show(self, interaction: discord.Interaction[Any], number: int) -> None:
        self.page = await self._queue.execute(QueueQuery(guild_id=self._guild_id, page=number))
        self._update_buttons()
        await interaction.response.edit_message(embed=embeds.queue_page(self.page), view=self)

    def _update_buttons(self) -> None:
        self.previous.disabled = self.page.page <= 1
        self.next.disabled = self.page.page >= self.page.pages
