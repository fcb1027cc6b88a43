"""/lyrics replies: plain lyrics in pages (◀ ▶ for the asker), or synced lyrics live in one message.

Live: one message edited as the song reaches each line (at most one edit a second, within Discord's limits),
stopped when the song changes, pauses past the end, the message is gone or the interaction's 15 minutes run out.
"""

from __future__ import annotations

import asyncio
from typing import Any

import discord

from musicbot.application.lyrics.model import LyricLine, line_index, pages, wait_for_next, window
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.domain.ids import GuildId
from musicbot.domain.player_state import PlayerStatus
from musicbot.domain.song import Song
from musicbot.entrypoints.discord.owner_view import OwnerView

PAGER_TIMEOUT = 180.0
LIVE_LIMIT = 14 * 60.0  # an interaction's token lasts 15 minutes: edits stop before
MIN_EDIT_INTERVAL = 1.0
_IDLE_CHECK = 2.0  # seconds between looks while paused or after the last line
_MIN_SLEEP = 0.05


def lyrics_page(heading: str, text: str, number: int, total: int) -> discord.Embed:
    embed = discord.Embed(title=heading[:256], description=text or "…", colour=discord.Colour.blurple())
    if total > 1:
        embed.set_footer(text=f"Page {number}/{total} · lyrics from LRCLIB")
    else:
        embed.set_footer(text="Lyrics from LRCLIB")
    return embed


def live_card(heading: str, lines: tuple[LyricLine, ...], position: float) -> discord.Embed:
    index = line_index(lines, position)
    shown = "\n".join(
        f"**▶ {discord.utils.escape_markdown(text)}**" if now else discord.utils.escape_markdown(text)
        for now, text in window(lines, index)
    )
    embed = discord.Embed(title=heading[:256], description=shown or "♪", colour=discord.Colour.blurple())
    embed.set_footer(text="Live lyrics from LRCLIB: they follow the song")
    return embed


class LyricsPager(OwnerView):
    others_note = "Use /lyrics to read them yourself."

    def __init__(self, *, heading: str, text: str, owner_id: int, origin: discord.Interaction[Any]) -> None:
        super().__init__(owner_id=owner_id, origin=origin, timeout=PAGER_TIMEOUT)
        self.heading = heading
        self.pages = pages(text)
        self.number = 1
        self._update_buttons()

    def card(self) -> discord.Embed:
        return lyrics_page(self.heading, self.pages[self.number - 1], self.number, len(self.pages))

    @discord.ui.button(emoji="◀", style=discord.ButtonStyle.secondary, custom_id="lyrics-previous")
    async def previous(self, interaction: discord.Interaction[Any], _: discord.ui.Button[LyricsPager]) -> None:
        await self._show(interaction, self.number - 1)

    @discord.ui.button(emoji="▶", style=discord.ButtonStyle.secondary, custom_id="lyrics-next")
    async def next(self, interaction: discord.Interaction[Any], _: discord.ui.Button[LyricsPager]) -> None:
        await self._show(interaction, self.number + 1)

    async def _show(self, interaction: discord.Interaction[Any], number: int) -> None:
        self.number = min(max(number, 1), len(self.pages))
        self._update_buttons()
        await interaction.response.edit_message(embed=self.card(), view=self)

    def _update_buttons(self) -> None:
        self.previous.disabled = self.number <= 1
        self.next.disabled = self.number >= len(self.pages)


async def follow_song(
    interaction: discord.Interaction[Any],
    *,
    registry: PlayerRegistry,
    guild_id: GuildId,
    song: Song,
    heading: str,
    lines: tuple[LyricLine, ...],
) -> None:
    """Edit the reply at each line while `song` plays; returns when it stops being the song playing."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    shown, edited = -2, -MIN_EDIT_INTERVAL
    while loop.time() - started < LIVE_LIMIT:
        player = registry.find(guild_id)
        if player is None or player.closed or player.current is not song:
            return
        position = player.elapsed()
        index = line_index(lines, position)
        if index != shown:
            try:
                await interaction.edit_original_response(embed=live_card(heading, lines, position))
            except discord.HTTPException:
                return  # the message was deleted, or the token expired: nobody is reading any more
            shown, edited = index, loop.time()
        wait = wait_for_next(lines, position, player.state.rate)
        if wait is None or player.state.status is not PlayerStatus.PLAYING:
            wait = _IDLE_CHECK  # after the last line: look again until the song ends
        # At the next line's time, but never two edits within MIN_EDIT_INTERVAL (Discord's edit limits).
        delay = max(wait, edited + MIN_EDIT_INTERVAL - loop.time(), _MIN_SLEEP)
        await asyncio.sleep(min(delay, _IDLE_CHECK * 5))
