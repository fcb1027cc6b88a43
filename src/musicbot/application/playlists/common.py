"""What the playlist use-cases share: limits, and finding the playlist a command is about."""

from __future__ import annotations

from dataclasses import dataclass

from musicbot.application.playlists.ports import ScopedPlaylistRepository
from musicbot.application.storage_errors import NoActivePlaylist
from musicbot.domain.ids import GuildId
from musicbot.domain.playlist import DEFAULT_PLAYLIST_MAX_SIZE, GuildPlaylists, Playlist

DEFAULT_MAX_PLAYLISTS = 1000


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaylistLimits:
    max_tracks: int = DEFAULT_PLAYLIST_MAX_SIZE  # a new playlist's size limit
    max_playlists: int = DEFAULT_MAX_PLAYLISTS  # a guild's


def target(playlists: GuildPlaylists, name: str | None) -> Playlist:
    """The named playlist, or the active one when no name is given."""
    if name is not None:
        return playlists.get(name)
    active = playlists.active  # `PlaylistNotLoaded` unless loaded with `active_tracks`
    if active is None:
        raise NoActivePlaylist
    return active


async def load_target(
    repository: ScopedPlaylistRepository, guild_id: GuildId, name: str | None
) -> tuple[GuildPlaylists, Playlist]:
    """The guild's playlists with the tracks of only the one a command is about (named, or else the active one)."""
    if name is not None:
        playlists = await repository.get_scoped(guild_id, tracks_of=(name,))
    else:
        playlists = await repository.get_scoped(guild_id, active_tracks=True)
    return playlists, target(playlists, name)
