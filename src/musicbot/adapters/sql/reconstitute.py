"""Domain objects rebuilt from rows without running their constructors, as an ORM's mapper does.

What is read back was validated by the domain on its way in; validating 10,000 names and building each playlist
the domain's way again costs ~100 ms a command in a guild that large (bench/persistence.py). This module is the
one place that knows the private fields of `PlaylistName`, `Playlist` and `GuildPlaylists`; a `restore`
constructor on those classes would let it go (see the persistence notes).
"""

from __future__ import annotations

from collections.abc import Iterable

from musicbot.application.playlists.unloaded import UnloadedPlaylist
from musicbot.domain.ids import GuildId
from musicbot.domain.playlist import GuildPlaylists, Playlist, PlaylistName
from musicbot.domain.track import Track


def stored_name(value: str) -> PlaylistName:
    name = object.__new__(PlaylistName)
    object.__setattr__(name, "value", value)
    return name


def stored_playlist(
    guild_id: GuildId, name: PlaylistName, max_size: int, tracks: tuple[Track, ...] | None, size: int
) -> Playlist:
    """The playlist with its tracks, or an `UnloadedPlaylist` of `size` when `tracks` is None."""
    playlist = object.__new__(Playlist if tracks is not None else UnloadedPlaylist)
    playlist.guild_id, playlist.name, playlist.max_size = guild_id, name, max_size
    playlist._tracks = list(tracks or ())
    if isinstance(playlist, UnloadedPlaylist):
        playlist._stored_size = size
    return playlist


def stored_guild(guild_id: GuildId, keyed: Iterable[tuple[str, Playlist]], active_key: str | None) -> GuildPlaylists:
    """The aggregate over playlists keyed as the database keeps them (its unique index judged those keys)."""
    aggregate = GuildPlaylists(guild_id)
    aggregate._by_key = dict(keyed)
    aggregate._active = active_key
    return aggregate


def members(aggregate: GuildPlaylists) -> Iterable[Playlist]:
    """The aggregate's playlists in no particular order (`playlists` sorts them, by a key computed per name)."""
    return aggregate._by_key.values()
