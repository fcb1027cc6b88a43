"""/search's card: five songs, a button each; the asker picks one and it is queued (then the buttons go)."""

from __future__ import annotations

from typing import Any

import discord

from musicbot.application.queue.queue_tracks import QueueTracks, QueueTracksCommand
from musicbot.application.sources.search import SearchResult
from musicbot.entrypoints.discord import embeds
from musicbot.entrypoints.discord.context import InvocationReader
from musicbot.entrypoints.discord.owner_view import OwnerView
from musicbot.entrypoints.discord.replies import silently
from musicbot.entrypoints.listener_text import track_label

SEARCH_TIMEOUT = 120.0


def search_card(result: SearchResult) -> discord.Embed:
    lines = [f"**{n}.** {discord.utils.escape_markdown(track_label(t))}" for n, t in enumerate(result.tracks, 1)]
    embed = discord.Embed(
        title=f"🔎 {result.words}"[:256], description="\n".join(lines), colour=discord.Colour.blurple()
    )
    embed.set_footer(text="Pick one to queue it")
    return embed


class SearchView(OwnerView):
    others_note = "Use /search to pick yourself."

    def __init__(
        self,
        result: SearchResult,
        *,
        owner_id: int,
        queue_tracks: QueueTracks,
        reader: InvocationReader,
        origin: discord.Interaction[Any],
    ) -> None:
        super().__init__(owner_id=owner_id, origin=origin, timeout=SEARCH_TIMEOUT)
        self._result = result
        self._queue_tracks = queue_tracks
        self._reader = reader
        for number in range(1, len(result.tracks) + 1):
            button: discord.ui.Button[SearchView] = discord.ui.Button(
                label=str(number), style=discord.ButtonStyle.primary, custom_id=f"search-{number}"
            )
            button.callback = self._picker(number)  # type: ignore[method-assign]
            self.add_item(button)

    def _picker(self, number: int) -> Any:
        async def pick(interaction: discord.Interaction[Any]) -> None:
            who = self._reader.read(interaction)
            track = self._result.tracks[number - 1]
            result = await self._queue_tracks.execute(
                QueueTracksCommand(
                    guild_id=who.guild_id,
                    caller=who.caller,
                    tracks=(track,),
                ),
                accepted=silently(interaction),
            )
            where = "▶ Playing" if result.position == 0 else f"Queued at #{result.position}:"
            self.stop()
            await interaction.edit_original_response(
                embed=embeds.done(f"{where} {discord.utils.escape_markdown(track.title)}"), view=None
            )

        return pick
