"""What both drivers say of the saved-playlist commands (`m` renders names, tracks and command names)."""

from __future__ import annotations

from musicbot.application.playlists.add import AddToPlaylistResult
from musicbot.application.playlists.create import CreatePlaylistResult
from musicbot.application.playlists.delete import DeletePlaylistResult
from musicbot.application.playlists.importing import ImportPlaylistResult
from musicbot.application.playlists.list import PlaylistList
from musicbot.application.playlists.remove import RemoveFromPlaylistResult
from musicbot.application.playlists.save_queue import SaveQueueResult
from musicbot.application.playlists.show import PlaylistPage
from musicbot.application.playlists.views import PlaylistSummary
from musicbot.application.support.timecode import format_duration
from musicbot.entrypoints.formatting import playlists, songs
from musicbot.entrypoints.wording.markup import Markup


def created(result: CreatePlaylistResult, m: Markup) -> str:
    return f"Created {m.name(result.name)}. Pick it with {m.command('use')}, fill it with {m.command('add')}."


def added(result: AddToPlaylistResult, m: Markup) -> str:
    return f"Added {m.track(result.track)} to {m.name(result.playlist)} at #{result.position}."


def removed(result: RemoveFromPlaylistResult, m: Markup) -> str:
    return f"Removed {m.track(result.track)} from {m.name(result.playlist)} ({result.remaining} left)."


def saved(result: SaveQueueResult, m: Markup) -> str:
    left_out = f" ({result.left_out} left out: a playlist holds no more)" if result.left_out else ""
    return f"Saved {songs(result.saved)} as {m.name(result.name)}{left_out}."


def imported(result: ImportPlaylistResult, m: Markup) -> str:
    return f"Imported {m.name(result.name)}: {songs(result.tracks)}."


def deleted(result: DeletePlaylistResult, m: Markup) -> str:
    return f"🗑 Deleted {m.name(result.name)} ({songs(result.size)})."


def page_empty(m: Markup) -> str:
    return f"This playlist is empty. Add songs with {m.command('add')} or {m.command('addto')}."


def page_footer(page: PlaylistPage) -> str:
    length = format_duration(page.total_duration)
    return f"Page {page.page}/{page.pages} · {page.total}/{songs(page.max_size)} · {length}"


def summary(playlist: PlaylistSummary, m: Markup) -> str:
    """One playlist of the list (the driver marks the active one its way)."""
    return f"{m.strong(playlist.name)} · {songs(playlist.size)} · {format_duration(playlist.total_duration)}"


def none_yet(m: Markup) -> str:
    return f"No playlists yet. Make one with {m.command('create')}, or keep the queue with {m.command('savequeue')}."


def list_footer(listing: PlaylistList) -> str:
    active = f" · active: {listing.active}" if listing.active else ""
    return f"Page {listing.page}/{listing.pages} · {playlists(listing.total)}{active}"
