"""Presenters for saved playlists: a use-case's result in, a Discord embed out (pure, like `embeds.py`); the
sentences are the console's too (`entrypoints/wording/playlists.py`)."""

from __future__ import annotations

import discord

from musicbot.application.playlists.add import AddToPlaylistResult
from musicbot.application.playlists.create import CreatePlaylistResult
from musicbot.application.playlists.delete import DeletePlaylistResult
from musicbot.application.playlists.importing import ImportPlaylistResult
from musicbot.application.playlists.list import PlaylistList
from musicbot.application.playlists.remove import RemoveFromPlaylistResult
from musicbot.application.playlists.save_queue import SaveQueueResult
from musicbot.application.playlists.show import PlaylistPage
from musicbot.entrypoints.discord.embeds import DESCRIPTION_LIMIT, PLAYING, done
from musicbot.entrypoints.discord.markdown import DISCORD
from musicbot.entrypoints.discord.markdown import name_of as name_of
from musicbot.entrypoints.discord.markdown import track_line as track_line
from musicbot.entrypoints.wording import playlists as said


def playlist_page(page: PlaylistPage) -> discord.Embed:
    entries = [f"`{entry.position:>3}.` {track_line(entry.track)}" for entry in page.entries]
    description = "\n".join(entries) or said.page_empty(DISCORD)
    active = " (active)" if page.active else ""
    embed = discord.Embed(
        title=f"Playlist: {page.name}{active}"[:256], description=description[:DESCRIPTION_LIMIT], colour=PLAYING
    )
    embed.set_footer(text=said.page_footer(page))
    return embed


def playlist_list(listing: PlaylistList) -> discord.Embed:
    lines = [f"{'▶ ' if summary.active else ''}{said.summary(summary, DISCORD)}" for summary in listing.playlists]
    description = "\n".join(lines) or said.none_yet(DISCORD)
    embed = discord.Embed(title="Playlists", description=description[:DESCRIPTION_LIMIT], colour=PLAYING)
    embed.set_footer(text=said.list_footer(listing)[:2048])
    return embed


def created(result: CreatePlaylistResult) -> discord.Embed:
    return done(said.created(result, DISCORD))


def added(result: AddToPlaylistResult) -> discord.Embed:
    return done(said.added(result, DISCORD))


def removed(result: RemoveFromPlaylistResult) -> discord.Embed:
    return done(said.removed(result, DISCORD))


def saved(result: SaveQueueResult) -> discord.Embed:
    return done(said.saved(result, DISCORD))


def imported(result: ImportPlaylistResult) -> discord.Embed:
    return done(said.imported(result, DISCORD))


def deleted(result: DeletePlaylistResult) -> discord.Embed:
    return done(said.deleted(result, DISCORD))
