"""Presenters for saved playlists: a use-case's result in, a Discord embed out (pure, like `embeds.py`)."""

from __future__ import annotations

import discord

from musicbot.application.playlists.list import PlaylistList
from musicbot.application.playlists.show import PlaylistPage
from musicbot.application.support.timecode import format_duration
from musicbot.domain.track import Track
from musicbot.entrypoints.discord.embeds import DESCRIPTION_LIMIT, PLAYING, TITLE_LIMIT
from musicbot.entrypoints.formatting import playlists, songs

NAME_LIMIT = 60


def name_of(name: str) -> str:
    """A playlist's name in bold, safe in Markdown (a name is data: `**`, `@everyone`... are shown, not obeyed)."""
    return f"**{_escape(name, NAME_LIMIT)}**"


def _escape(text: str, limit: int) -> str:
    clipped = text if len(text) <= limit else text[: limit - 1] + "…"
    return discord.utils.escape_mentions(discord.utils.escape_markdown(clipped))


def track_line(track: Track) -> str:
    artist = f" — {_escape(track.artist, 40)}" if track.artist else ""
    length = f" `{format_duration(track.duration)}`" if track.duration is not None else ""
    return f"{_escape(track.title, TITLE_LIMIT)}{artist}{length}"


def playlist_page(page: PlaylistPage) -> discord.Embed:
    entries = [f"`{entry.position:>3}.` {track_line(entry.track)}" for entry in page.entries]
    description = "\n".join(entries) or "This playlist is empty. Add songs with /add or /addto."
    active = " (active)" if page.active else ""
    embed = discord.Embed(
        title=f"Playlist: {page.name}{active}"[:256], description=description[:DESCRIPTION_LIMIT], colour=PLAYING
    )
    embed.set_footer(
        text=f"Page {page.page}/{page.pages} · {page.total}/{songs(page.max_size)}"
        f" · {format_duration(page.total_duration)}"
    )
    return embed


def playlist_list(listing: PlaylistList) -> discord.Embed:
    lines = [
        f"{'▶ ' if summary.active else ''}{name_of(summary.name)} · {songs(summary.size)}"
        f" · {format_duration(summary.total_duration)}"
        for summary in listing.playlists
    ]
    description = "\n".join(lines) or "No playlists yet. Make one with /create, or keep the queue with /savequeue."
    embed = discord.Embed(title="Playlists", description=description[:DESCRIPTION_LIMIT], colour=PLAYING)
    active = f" · active: {listing.active}" if listing.active else ""
    embed.set_footer(text=f"Page {listing.page}/{listing.pages} · {playlists(listing.total)}{active}"[:2048])
    return embed
