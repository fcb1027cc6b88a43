"""The buttons under a recommendations card: one per song shown, and Queue all.

The picks live in the view (in memory) for `TIMEOUT` seconds, within the 15 minutes an interaction's token
allows editing its card; then the buttons go. Anyone who may make requests (in the bot's voice channel, or in
one when the bot is in none) may press them; each press goes through `QueueTracks` like any request.
"""

from __future__ import annotations

import contextlib
from typing import Any

import discord

from musicbot.application.queue.queue_tracks import QueueTracksCommand
from musicbot.application.recommendation.recommend import Recommendations
from musicbot.entrypoints.discord import recommend_embeds
from musicbot.entrypoints.discord.context import InvocationReader
from musicbot.entrypoints.discord.errors import handle_error
from musicbot.entrypoints.discord.replies import silently
from musicbot.entrypoints.services import RecommendationServices

TIMEOUT = 600.0


class _PickButton(discord.ui.Button["RecommendationView"]):
    """Song `index` (0-based) of the card, or every song left when `index` is None."""

    def __init__(self, label: str, *, index: int | None, row: int) -> None:
        style = discord.ButtonStyle.primary if index is None else discord.ButtonStyle.secondary
        super().__init__(label=label, style=style, row=row)
        self.index = index

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        assert self.view is not None  # a button is only pressed on its view
        await self.view.pressed(interaction, self.index)


class RecommendationView(discord.ui.View):
    def __init__(
        self,
        found: Recommendations,
        *,
        requester: int,
        services: RecommendationServices,
        reader: InvocationReader,
        timeout: float = TIMEOUT,
    ) -> None:
        super().__init__(timeout=timeout)
        self.found = found
        self.requester = requester
        self.queued: set[int] = set()
        self.message: discord.Message | discord.InteractionMessage | None = None
        self._s = services
        self._reader = reader
        shown = min(len(found.tracks), recommend_embeds.SHOWN)
        self._numbers = [_PickButton(str(index + 1), index=index, row=index // 5) for index in range(shown)]
        for button in self._numbers:
            self.add_item(button)
        self.add_item(_PickButton(f"Queue all {len(found.tracks)}", index=None, row=(shown + 4) // 5))

    def card(self) -> discord.Embed:
        return recommend_embeds.recommendations_card(
            self.found, requester=self.requester, queued=frozenset(self.queued)
        )

    async def pressed(self, interaction: discord.Interaction[Any], index: int | None) -> None:
        left = [n for n in range(len(self.found.tracks)) if n not in self.queued]
        await self._queue(interaction, left if index is None else [index])

    async def _queue(self, interaction: discord.Interaction[Any], indexes: list[int]) -> None:
        who = self._reader.read(interaction)
        if not indexes:  # every song is queued already: nothing to ask QueueTracks, so no rule to apply
            await interaction.response.defer()
            return
        tracks = tuple(self.found.tracks[n] for n in indexes)
        result = await self._s.queue_tracks.execute(
            QueueTracksCommand(
                guild_id=who.guild_id,
                caller=who.caller,
                tracks=tracks,
            ),
            accepted=silently(interaction),  # silent: the card changes and a line says who queued what
        )
        self.queued.update(indexes[: result.queued])
        self._refresh_buttons()
        await interaction.edit_original_response(embed=self.card(), view=self if not self.is_finished() else None)
        what = f"**{tracks[0].title}**" if len(tracks) == 1 else f"{result.queued} recommended songs"
        await interaction.followup.send(embed=recommend_embeds.queued(result, user=who.caller.user_id, what=what))

    def _refresh_buttons(self) -> None:
        for index, button in enumerate(self._numbers):
            button.disabled = index in self.queued
        if len(self.queued) >= len(self.found.tracks):
            self.stop()

    async def on_timeout(self) -> None:
        if self.message is not None:
            with contextlib.suppress(discord.HTTPException):  # the card was deleted, or its token expired
                await self.message.edit(view=None)

    async def on_error(
        self, interaction: discord.Interaction[Any], error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        await handle_error(interaction, error)
